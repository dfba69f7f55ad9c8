"""internships feature."""

"""Reference data and the demo region."""

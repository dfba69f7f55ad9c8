"""schools feature."""

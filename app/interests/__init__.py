"""interests feature."""

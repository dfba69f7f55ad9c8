"""Models of the interests feature."""

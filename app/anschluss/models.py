"""Models of the anschluss feature."""

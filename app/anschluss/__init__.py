"""anschluss feature."""

"""portfolio feature."""

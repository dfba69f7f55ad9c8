"""Models of the portfolio feature."""

"""Data exchange with the school's administration software and the registration portals."""

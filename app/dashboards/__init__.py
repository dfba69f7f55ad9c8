"""dashboards feature."""

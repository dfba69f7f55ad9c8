"""Tests: see tests/conftest.py for the shared fixtures."""

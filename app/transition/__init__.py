"""Transition through the summer: receiving side, arrivals, no-shows, Schulpflicht, transfers."""

"""Allocation rounds: pupils rank slots, a solver assigns places fairly, a coordinator publishes."""

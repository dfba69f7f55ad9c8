"""Benchmarks at region scale: `python -m bench.run` (see README)."""

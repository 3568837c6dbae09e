"""Benchmarks of the build at scale (see run.py)."""

"""Benchmarks on generated models (numbers go to docs/measurements.md)."""

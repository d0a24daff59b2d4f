"""Benchmarks. Every dataset generated here is synthetic and marked as such."""

"""Monitoring and evaluation: the Key Features framework, indicators, biennial progress reports,
membership standing and benchmarks."""

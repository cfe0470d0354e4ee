"""Base benchmarks and their adapters."""

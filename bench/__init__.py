"""Benchmarks: synthetic corpora, the ETL against a reading floor, an inflated warehouse for query
and page latency. `python -m bench` writes bench/results.md."""

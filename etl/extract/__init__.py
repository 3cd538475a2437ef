"""Extractors, one module per kind of fact. Each exposes one function that takes a `Document` and
the reference `Gazetteer` and yields facts, every fact carrying the (start, end) span of the passage
it came from; `etl.pipeline` runs them all alike."""

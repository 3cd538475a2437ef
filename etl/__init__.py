"""ETL: raw summit texts -> facts with provenance -> DuckDB warehouse."""

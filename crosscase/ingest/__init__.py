"""Ingestion: the case list, the case-folder contract, reading and validating workbooks, typed Parquet."""

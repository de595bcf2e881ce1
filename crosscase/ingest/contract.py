"""The contract between case folders and the analyses: the normalised tables,
their explicit Arrow schemas, and the enumerations that are not user vocabulary.

Every normalised table is written per case to
``results/normalised/<table>/case_id=<id>/part-0.parquet`` (hive partitioning);
``case_id`` lives in the path, not in the file, and comes back as a column when
the table is read as a dataset (see :mod:`crosscase.ingest.store`)."""
from __future__ import annotations

import pyarrow as pa

STAGES = ("context", "mechanism", "outcome")
FACETS_BY_STAGE = {
    "context": ("internal", "external"),
    "mechanism": ("change_theory", "change_activity"),
    "outcome": ("intermediary", "long_term"),
}
OBSERVED_LEVELS = ("full", "partial", "none", "unknown")
SUMMARY_STAGES = (
    "context_understood",
    "mechanism_planned",
    "outcome_expected",
    "outcome_realised",
    "mechanism_delivered",
    "context_experienced",
)
CASE_FIELDS = (
    "case_id",
    "title",
    "change_through",
    "overview",
    "publications",
    "instigator_level",
    "reported_success",
    "sources",
)
SOURCE_TYPES = ("interview", "focus_group", "observation", "document")
DIRECTIONS = ("higher", "lower")

_s = pa.string()

SCHEMAS: dict[str, pa.Schema] = {
    "case_info": pa.schema([(name, _s) for name in CASE_FIELDS if name != "case_id"]),
    "typology": pa.schema([("dimension", _s), ("attribute", _s), ("present", pa.bool_())]),
    "methods": pa.schema(
        [("method", _s), ("used", pa.bool_()), ("n", pa.int64()), ("notes", _s)]
    ),
    "framework": pa.schema(
        [
            ("item_id", _s),
            ("stage", _s),
            ("facet", _s),
            ("category", _s),  # ';'-joined vocabulary terms, '' for none
            ("description", _s),
            ("anticipated", pa.bool_()),
            ("observed", _s),
            ("beneficiary", _s),
            ("evidence", _s),
        ]
    ),
    "summary": pa.schema([("stage", _s), ("text", _s)]),
    "survey_items": pa.schema(
        [
            ("item_id", _s),
            ("text", _s),
            ("construct", _s),
            ("scale_min", pa.int64()),
            ("scale_max", pa.int64()),
            ("reverse", pa.bool_()),
        ]
    ),
    # long format: one row per respondent, wave and item
    "survey_responses": pa.schema(
        [("respondent_id", _s), ("wave", _s), ("item_id", _s), ("value", pa.int64())]
    ),
    "codebook": pa.schema([("code", _s), ("parent", _s), ("description", _s)]),
    "segments": pa.schema(
        [
            ("segment_id", _s),
            ("source_id", _s),
            ("source_type", _s),
            ("group_id", _s),
            ("participant_id", _s),
            ("participant_role", _s),
            ("code", _s),
            ("text", _s),
            ("emphasis", pa.int64()),
        ]
    ),
    "indicators": pa.schema(
        [
            ("indicator", _s),
            ("period", _s),
            ("value", pa.float64()),
            ("unit", _s),
            ("target", pa.float64()),
            ("direction", _s),
            ("source", _s),
        ]
    ),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)


def records_frame(name: str, records: list[dict]):
    """Records to a DataFrame with exactly the contract's columns, in order.
    Text columns hold '' rather than missing values, so that grouping never
    drops a blank group."""
    schema = SCHEMAS[name]
    rows = []
    for record in records:
        row = {}
        for field in schema:
            value = record.get(field.name)
            if value is None and field.type == "string":
                value = ""
            row[field.name] = value
        rows.append(row)
    import pandas as pd

    return pd.DataFrame(rows, columns=schema.names)

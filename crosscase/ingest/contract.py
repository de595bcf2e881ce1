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
# Optional columns of the framework sheet (issue #14; docs/method.md). A
# workbook without them stays valid: every one may be absent or blank.
#   links           ';'-joined item_ids of the same case: an activity names the
#                   change theory (or theories) it implements, an outcome the
#                   mechanism(s) expected to produce it, a context factor what it
#                   affects (mechanism or outcome items)
#   direction       context only: enabler | barrier
#   severity        context only: minor | major (its effect on the programme)
#   adherence       change theories only: was the theory adhered to (OBSERVED_LEVELS)
#   proved_correct  change theories only: did it prove correct (OBSERVED_LEVELS)
#   realised_for    outcomes only: 'group=level; group=level' where the outcome
#                   was realised differently for beneficiaries or localities
#   explicit_theory change theories only: the item's wider-theory categories the
#                   programme drew on explicitly (the others are attributed)
#   memo            why the item is scored as it is (free text)
CONTEXT_DIRECTIONS = ("enabler", "barrier")
SEVERITIES = ("minor", "major")
# The framework sheet's columns: the first version's, then the optional columns
# of the richer contract (issue 14). Every header list is built from these.
FRAMEWORK_CORE = (
    "item_id",
    "stage",
    "facet",
    "category",
    "description",
    "anticipated",
    "observed",
    "beneficiary",
    "evidence",
)
FRAMEWORK_OPTIONAL = (
    "links",
    "direction",
    "severity",
    "adherence",
    "proved_correct",
    "realised_for",
    "explicit_theory",
    "memo",
)
GROUP_SEPARATOR = ";"
GROUP_LEVEL_SEPARATOR = "="
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
    # optional (blank allowed): ';'-joined theories the case's publications drew on
    "publication_theories",
)
SOURCE_TYPES = ("interview", "focus_group", "observation", "document")
DIRECTIONS = ("higher", "lower")

_s = pa.string()

SCHEMAS: dict[str, pa.Schema] = {
    "case_info": pa.schema([(name, _s) for name in CASE_FIELDS if name != "case_id"]),
    "typology": pa.schema([("dimension", _s), ("attribute", _s), ("present", pa.bool_())]),
    "methods": pa.schema([("method", _s), ("used", pa.bool_()), ("n", pa.int64()), ("notes", _s)]),
    "framework": pa.schema(
        [
            # category: ';'-joined vocabulary terms, '' for none
            *((name, pa.bool_() if name == "anticipated" else _s) for name in FRAMEWORK_CORE),
            *((name, _s) for name in FRAMEWORK_OPTIONAL),
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
    "survey_responses": pa.schema([("respondent_id", _s), ("wave", _s), ("item_id", _s), ("value", pa.int64())]),
    # summary: the researcher's own summary (memo) of the code in this case, the
    # cell text of the framework matrix; '' when none was written.
    "codebook": pa.schema([("code", _s), ("parent", _s), ("description", _s), ("summary", _s)]),
    "segments": pa.schema(
        [
            ("segment_id", _s),
            ("source_id", _s),
            ("source_type", _s),
            ("group_id", _s),
            ("participant_id", _s),
            ("participant_role", _s),
            ("code", _s),
            ("text", _s),  # the verbatim coded passage
            ("emphasis", pa.int64()),
            ("coder", _s),  # who applied the code ('' = not recorded)
            ("question", _s),  # focus-group question or prompt id (see table questions)
            ("cycle", _s),  # action-research cycle (or wave) the segment belongs to
            ("moderator_note", _s),  # the moderator's or note-taker's note on the passage
            ("start", pa.int64()),  # character offsets into the source's text (REFI-QDA), end exclusive
            ("end", pa.int64()),
        ]
    ),
    # focus-group questions or prompts, in the order they were asked
    "questions": pa.schema([("question", _s), ("text", _s)]),
    # further raters' judgements of the framework items (ratings.xlsx); rater 1
    # is the framework sheet of case.xlsx itself
    "ratings": pa.schema([("item_id", _s), ("rater", _s), ("anticipated", pa.bool_()), ("observed", _s), ("note", _s)]),
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

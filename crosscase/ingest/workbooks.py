"""Validate one case folder and normalise it into typed tables.

`load_case(...)` is the whole per-case ingestion: it reads every workbook of the
folder, checks every sheet, and either returns all the normalised tables or
raises :class:`DataError` carrying every problem found. It never writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscase.common.problems import DataError, Problems
from crosscase.common.text import normalise_term
from crosscase.ingest.contract import (
    CASE_FIELDS,
    CONTEXT_DIRECTIONS,
    FACETS_BY_STAGE,
    GROUP_LEVEL_SEPARATOR,
    GROUP_SEPARATOR,
    OBSERVED_LEVELS,
    SCHEMAS,
    SEVERITIES,
    STAGES,
    SUMMARY_STAGES,
)
from crosscase.ingest.sheets import Col, check_sheet, read_workbook, report_duplicates
from crosscase.ingest.vocabulary import Vocabulary

CASE_WORKBOOK = "case.xlsx"
REQUIRED_SHEETS = ("case", "typology", "methods", "framework", "summary")
# Fields a case sheet must fill in; the rest may be left blank.
REQUIRED_CASE_FIELDS = ("case_id", "title", "change_through", "instigator_level", "reported_success")


def empty_table(name: str) -> pd.DataFrame:
    return SCHEMAS[name].empty_table().to_pandas()


def to_frame(name: str, records: list[dict]) -> pd.DataFrame:
    """Records to a DataFrame with exactly the contract's columns, in order."""
    columns = SCHEMAS[name].names
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in records], columns=columns)


def check_case_sheet(rows, file, expected_case_id, vocabulary: Vocabulary, problems) -> list[dict]:
    records = check_sheet(
        rows, [Col("field", "choice", choices=CASE_FIELDS), Col("value", required=False)], file, "case", problems
    )
    report_duplicates(records, "field", file, "case", problems)
    values = {r["field"]: r for r in records if r["field"]}
    for name in REQUIRED_CASE_FIELDS:
        if name not in values:
            problems.add(file, f"field '{name}' is missing (add a row with field '{name}')", sheet="case")
        elif values[name]["value"] is None:
            problems.add(file, f"field '{name}' has no value", sheet="case", row=values[name]["_row"], column="value")
    enumerated = {
        "instigator_level": vocabulary.instigator_level,
        "reported_success": vocabulary.reported_success,
    }
    for name, choices in enumerated.items():
        record = values.get(name)
        if record and record["value"] is not None:
            term = normalise_term(record["value"])
            if term not in choices:
                problems.add(
                    file,
                    f"is not one of {'/'.join(choices)}",
                    sheet="case",
                    row=record["_row"],
                    column="value",
                    value=record["value"],
                )
            record["value"] = term
    case_id = values.get("case_id")
    if case_id and case_id["value"] is not None and case_id["value"] != expected_case_id:
        problems.add(
            file,
            f"does not match the case_id '{expected_case_id}' given for this folder in config/cases.tsv",
            sheet="case",
            row=case_id["_row"],
            column="value",
            value=case_id["value"],
        )
    row = {name: (values[name]["value"] if name in values else None) for name in CASE_FIELDS}
    return [row]


def check_typology(rows, file, vocabulary: Vocabulary, problems) -> list[dict]:
    records = check_sheet(
        rows,
        [
            Col("dimension", "choice", choices=tuple(vocabulary.typology)),
            Col("attribute"),
            Col("present", "bool", blank_is_false=True),
        ],
        file,
        "typology",
        problems,
    )
    seen: dict = {}
    for record in records:
        dimension, attribute = record["dimension"], record["attribute"]
        if dimension is None or attribute is None:
            continue
        attribute = normalise_term(attribute)
        allowed = vocabulary.typology[dimension]
        if attribute not in allowed:
            problems.add(
                file,
                f"is not an attribute of dimension '{dimension}' (expected one of {'/'.join(allowed)})",
                sheet="typology",
                row=record["_row"],
                column="attribute",
                value=record["attribute"],
            )
        elif (dimension, attribute) in seen:
            problems.add(
                file,
                f"is a duplicate of row {seen[(dimension, attribute)]}",
                sheet="typology",
                row=record["_row"],
                column="attribute",
                value=record["attribute"],
            )
        else:
            seen[(dimension, attribute)] = record["_row"]
        record["attribute"] = attribute
    return records


def check_methods(rows, file, vocabulary: Vocabulary, problems) -> list[dict]:
    records = check_sheet(
        rows,
        [
            Col("method", "choice", choices=vocabulary.methods),
            Col("used", "bool"),
            Col("n", "int", required=False, optional_column=True),
            Col("notes", required=False, optional_column=True),
        ],
        file,
        "methods",
        problems,
    )
    report_duplicates(records, "method", file, "methods", problems)
    for record in records:
        if record.get("n") is not None and record["n"] < 0:
            problems.add(
                file,
                "is negative; expected a whole number of 0 or more",
                sheet="methods",
                row=record["_row"],
                column="n",
                value=record["n"],
            )
    return records


def check_framework(rows, file, vocabulary: Vocabulary, problems) -> list[dict]:
    all_facets = tuple(f for facets in FACETS_BY_STAGE.values() for f in facets)
    records = check_sheet(
        rows,
        [
            Col("item_id"),
            Col("stage", "choice", choices=STAGES),
            Col("facet", "choice", choices=all_facets),
            Col("category", required=False),
            Col("description"),
            Col("anticipated", "bool"),
            Col("observed", "choice", choices=OBSERVED_LEVELS),
            Col("beneficiary", required=False, optional_column=True),
            Col("evidence", required=False, optional_column=True),
            # optional columns of the richer contract (contract.FRAMEWORK_OPTIONAL)
            Col("links", required=False, optional_column=True),
            Col("direction", "choice", required=False, choices=CONTEXT_DIRECTIONS, optional_column=True),
            Col("severity", "choice", required=False, choices=SEVERITIES, optional_column=True),
            Col("adherence", "choice", required=False, choices=OBSERVED_LEVELS, optional_column=True),
            Col("proved_correct", "choice", required=False, choices=OBSERVED_LEVELS, optional_column=True),
            Col("realised_for", required=False, optional_column=True),
            Col("explicit_theory", required=False, optional_column=True),
            Col("memo", required=False, optional_column=True),
        ],
        file,
        "framework",
        problems,
    )
    report_duplicates(records, "item_id", file, "framework", problems)
    check_framework_links(records, file, problems)
    for record in records:
        stage, facet, row = record["stage"], record["facet"], record["_row"]
        if stage and facet and facet not in FACETS_BY_STAGE[stage]:
            problems.add(
                file,
                f"is not a facet of stage '{stage}' (expected one of {'/'.join(FACETS_BY_STAGE[stage])})",
                sheet="framework",
                row=row,
                column="facet",
                value=facet,
            )
        record["category"] = check_categories(record.get("category"), stage, vocabulary, file, row, problems)
        if record.get("beneficiary") is not None and stage and stage != "outcome":
            problems.add(
                file,
                "is filled in, but beneficiary is only for outcome items",
                sheet="framework",
                row=row,
                column="beneficiary",
                value=record["beneficiary"],
            )
        check_framework_optional(record, file, problems)
    return records


# which columns belong to which items: column -> (allowed stage or facet, words)
OPTIONAL_SCOPE = {
    "direction": ("context", "context factors"),
    "severity": ("context", "context factors"),
    "adherence": ("change_theory", "change theories"),
    "proved_correct": ("change_theory", "change theories"),
    "explicit_theory": ("change_theory", "change theories"),
    "realised_for": ("outcome", "outcomes"),
}
# what an item's links may point at, by the linking item's facet group
LINK_TARGETS = {
    "change_activity": (("change_theory",), "an activity links the change theory or theories it implements"),
    "intermediary": (("change_theory", "change_activity"), "an outcome links the mechanism(s) expected to produce it"),
    "long_term": (
        ("change_theory", "change_activity", "intermediary"),
        "a long-term outcome links the mechanism(s) or intermediary outcome(s) expected to produce it",
    ),
    "internal": (
        ("change_theory", "change_activity", "intermediary", "long_term"),
        "a context factor links the mechanism or outcome items it affects",
    ),
    "external": (
        ("change_theory", "change_activity", "intermediary", "long_term"),
        "a context factor links the mechanism or outcome items it affects",
    ),
}


def split_terms(cell) -> list[str]:
    if cell is None:
        return []
    return [t.strip() for t in str(cell).split(";") if t.strip()]


def parse_groups(cell) -> list[tuple[str, str]] | str:
    """'five teams=full; two localities=none' -> [(group, level), ...], or a message."""
    pairs = []
    for part in str(cell).split(GROUP_SEPARATOR):
        if not part.strip():
            continue
        if part.count(GROUP_LEVEL_SEPARATOR) != 1:
            return f"'{part.strip()}' is not 'group=level' (groups separated by ';', e.g. 'five teams=full; two localities=none')"
        group, level = (x.strip() for x in part.split(GROUP_LEVEL_SEPARATOR))
        level = level.lower()
        if not group:
            return f"'{part.strip()}' names no group"
        if level not in OBSERVED_LEVELS:
            return f"level '{level}' of group '{group}' is not one of {'/'.join(OBSERVED_LEVELS)}"
        pairs.append((group, level))
    return pairs


def check_framework_optional(record, file, problems) -> None:
    """The optional columns of one framework row: scope (which items may fill
    them in), realised_for syntax, explicit_theory a subset of the category."""
    stage, facet, row = record.get("stage"), record.get("facet"), record["_row"]
    for column, (scope, words) in OPTIONAL_SCOPE.items():
        value = record.get(column)
        if value is None or not stage or not facet:
            continue
        if scope not in (stage, facet):
            problems.add(
                file,
                f"is filled in, but {column} is only for {words}",
                sheet="framework",
                row=row,
                column=column,
                value=value,
            )
    if record.get("realised_for") is not None and stage == "outcome":
        parsed = parse_groups(record["realised_for"])
        if isinstance(parsed, str):
            problems.add(file, parsed, sheet="framework", row=row, column="realised_for", value=record["realised_for"])
        else:
            record["realised_for"] = "; ".join(f"{g}={lv}" for g, lv in parsed)
    if record.get("explicit_theory") is not None and facet == "change_theory":
        terms = ["_".join(t.lower().replace("-", " ").split()) for t in split_terms(record["explicit_theory"])]
        own = set(split_terms(record.get("category")))
        for term in terms:
            if term not in own:
                problems.add(
                    file,
                    f"term '{term}' is not among the item's own categories (explicit_theory names some of them)",
                    sheet="framework",
                    row=row,
                    column="explicit_theory",
                    value=record["explicit_theory"],
                )
        record["explicit_theory"] = ";".join(terms)


def check_framework_links(records, file, problems) -> None:
    """Each id in `links` is an item of the same sheet, not the item itself,
    and of a kind the linking item may point at (LINK_TARGETS)."""
    facet_of = {r["item_id"]: r.get("facet") for r in records if r.get("item_id")}
    for record in records:
        cell, row = record.get("links"), record["_row"]
        if cell is None:
            continue
        targets = split_terms(cell)
        record["links"] = ";".join(targets)
        facet = record.get("facet")
        if facet == "change_theory":
            problems.add(
                file,
                "is filled in, but a change theory has no links (link the activities and outcomes to it instead)",
                sheet="framework",
                row=row,
                column="links",
                value=cell,
            )
            continue
        allowed, words = LINK_TARGETS.get(facet, ((), ""))
        for target in targets:
            if target == record.get("item_id"):
                problems.add(file, "links the item to itself", sheet="framework", row=row, column="links", value=cell)
            elif target not in facet_of:
                problems.add(
                    file,
                    f"links '{target}', which is not an item_id of this sheet",
                    sheet="framework",
                    row=row,
                    column="links",
                    value=cell,
                )
            elif facet and facet_of[target] not in allowed:
                problems.add(
                    file,
                    f"links '{target}' (facet {facet_of[target]}): {words}",
                    sheet="framework",
                    row=row,
                    column="links",
                    value=cell,
                )


def check_categories(cell, stage, vocabulary: Vocabulary, file, row, problems) -> str:
    """`a; b` -> 'a;b', each term checked against the vocabulary of its stage."""
    if cell is None:
        return ""
    terms = [normalise_term(t) for t in cell.split(";")]
    terms = [t for t in terms if t]
    if stage:
        allowed = vocabulary.framework_categories.get(stage, ())
        for term in terms:
            if term not in allowed:
                problems.add(
                    file,
                    f"term '{term}' is not in the vocabulary for stage '{stage}' (see config/vocabulary.yaml, framework_categories.{stage})",
                    sheet="framework",
                    row=row,
                    column="category",
                    value=cell,
                )
    return ";".join(terms)


def check_summary(rows, file, problems) -> list[dict]:
    records = check_sheet(
        rows, [Col("stage", "choice", choices=SUMMARY_STAGES), Col("text", required=False)], file, "summary", problems
    )
    report_duplicates(records, "stage", file, "summary", problems)
    return records


def load_case(case_dir: str | Path, case_id: str, vocabulary: Vocabulary) -> dict[str, pd.DataFrame]:
    """Every normalised table of one case, or DataError with all problems found."""
    from crosscase.ingest.optional_sources import load_optional_sources

    case_dir = Path(case_dir)
    problems = Problems()
    tables = {name: empty_table(name) for name in SCHEMAS}
    if not case_dir.is_dir():
        problems.add(str(case_dir), "case folder does not exist (see the path column of config/cases.tsv)")
        raise DataError(problems)

    path = case_dir / CASE_WORKBOOK
    display = str(path)
    if not path.exists():
        problems.add(display, "required workbook is missing")
    else:
        sheets = read_workbook(path, display, problems)
        if sheets is not None:
            for name in REQUIRED_SHEETS:
                if name not in sheets:
                    problems.add(display, f"required sheet '{name}' is missing (the workbook has: {', '.join(sheets)})")
            checks = {
                "case_info": lambda: check_case_sheet(sheets["case"], display, case_id, vocabulary, problems),
                "typology": lambda: check_typology(sheets["typology"], display, vocabulary, problems),
                "methods": lambda: check_methods(sheets["methods"], display, vocabulary, problems),
                "framework": lambda: check_framework(sheets["framework"], display, vocabulary, problems),
                "summary": lambda: check_summary(sheets["summary"], display, problems),
            }
            sheet_of = {"case_info": "case"}
            for table, check in checks.items():
                if sheet_of.get(table, table) in sheets:
                    tables[table] = to_frame(table, check())

    tables.update(load_optional_sources(case_dir, problems))
    if "ratings" in tables and len(tables["ratings"]):
        from crosscase.ingest.optional_sources import check_rating_items

        check_rating_items(tables["ratings"], tables["framework"], case_dir, problems)
    if problems:
        raise DataError(problems)
    return tables

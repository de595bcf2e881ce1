"""Optional per-case sources: survey, interview-coded and secondary data.

A case folder may hold, next to its required ``case.xlsx``:

* ``survey.xlsx`` (sheets ``items`` and ``responses``), or the same two tables
  as ``survey_items.csv`` and ``survey_responses.csv``;
* ``interviews.xlsx`` (sheets ``codebook`` and ``segments``, and optionally
  ``questions``), or one REFI-QDA project ``*.qdpx`` exported from NVivo,
  ATLAS.ti or MAXQDA (see :mod:`crosscase.ingest.refiqda`);
* ``ratings.xlsx`` (sheet ``ratings``): further raters' judgements of the
  framework items, for inter-rater agreement (rater 1 is case.xlsx itself);
* ``secondary.xlsx`` (sheet ``indicators``).

Any other sheet (such as ``about``, which says where the data came from) is
ignored. Every cell is checked and every problem is added to ``problems``;
nothing is raised here. The result holds only the tables found; ``load_case``
starts from empty, correctly typed tables for the rest. Row order is stable:
sheet order, and survey responses are melted from the wide sheet to the long
contract format row by row, then item by item in the order of sheet ``items``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from crosscase.common.problems import Problems
from crosscase.ingest.contract import DIRECTIONS, SOURCE_TYPES
from crosscase.ingest.contract import records_frame as frame
from crosscase.ingest.limits import file_size_problem
from crosscase.ingest.sheets import Col, as_text, check_sheet, is_blank, parse_int, read_workbook, report_duplicates

SURVEY_WORKBOOK = "survey.xlsx"
SURVEY_ITEMS_CSV = "survey_items.csv"
SURVEY_RESPONSES_CSV = "survey_responses.csv"
INTERVIEWS_WORKBOOK = "interviews.xlsx"
SECONDARY_WORKBOOK = "secondary.xlsx"
RATINGS_WORKBOOK = "ratings.xlsx"
RESPONSE_KEYS = ("respondent_id", "wave")
EMPHASIS_RANGE = (0, 3)

ITEM_COLUMNS = [
    Col("item_id"),
    Col("text"),
    Col("construct", required=False),
    Col("scale_min", "int"),
    Col("scale_max", "int"),
    Col("reverse", "bool", blank_is_false=True, optional_column=True),
]
RESPONSE_KEY_COLUMNS = [Col("respondent_id"), Col("wave", required=False, optional_column=True)]
CODEBOOK_COLUMNS = [
    Col("code"),
    Col("parent", required=False, optional_column=True),
    Col("description", required=False, optional_column=True),
    Col("summary", required=False, optional_column=True),
]
# Another name a CAQDAS user may give the summary column (NVivo: memo).
CODEBOOK_ALIASES = {"memo": "summary"}
QUESTION_COLUMNS = [Col("question"), Col("text", required=False, optional_column=True)]
RATING_COLUMNS = [
    Col("item_id"),
    Col("rater"),
    Col("anticipated", "bool", required=False, optional_column=True),
    Col("observed", "choice", choices=("full", "partial", "none", "unknown"), required=False, optional_column=True),
    Col("note", required=False, optional_column=True),
]
SEGMENT_COLUMNS = [
    Col("segment_id"),
    Col("source_id"),
    Col("source_type", "choice", choices=SOURCE_TYPES),
    Col("group_id", required=False, optional_column=True),
    Col("participant_id", required=False),
    Col("participant_role", required=False, optional_column=True),
    Col("code"),
    Col("text", required=False),
    Col("emphasis", "int", required=False, optional_column=True),
    Col("coder", required=False, optional_column=True),
    Col("question", required=False, optional_column=True),
    Col("cycle", required=False, optional_column=True),
    Col("moderator_note", required=False, optional_column=True),
]
INDICATOR_COLUMNS = [
    Col("indicator"),
    Col("period"),
    Col("value", "float"),
    Col("unit", required=False, optional_column=True),
    Col("target", "float", required=False, optional_column=True),
    Col("direction", "choice", choices=DIRECTIONS, required=False, optional_column=True),
    Col("source", required=False, optional_column=True),
]


# --------------------------------------------------------------------------
# shared helpers


def read_csv_rows(path: Path, problems: Problems) -> list[list] | None:
    """A CSV file as rows of strings (row 1 = header, as a spreadsheet shows it)."""
    refused = file_size_problem(path)
    if refused:
        problems.add(str(path), refused)
        return None
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return [row for row in csv.reader(handle)]
    except UnicodeDecodeError:
        problems.add(str(path), "is not UTF-8 text (save it as 'CSV UTF-8')")
    except (OSError, csv.Error) as exc:
        problems.add(str(path), f"cannot be read as a CSV file: {exc}")
    return None


def read_sheets(path: Path, wanted: tuple[str, ...], problems: Problems) -> dict[str, list[list]] | None:
    """The wanted sheets of a workbook, or None after reporting what is missing."""
    sheets = read_workbook(path, str(path), problems)
    if sheets is None:
        return None
    missing = [name for name in wanted if name not in sheets]
    for name in missing:
        problems.add(str(path), f"required sheet '{name}' is missing (the workbook has: {', '.join(sheets)})")
    return None if missing else sheets


def header_positions(rows: list[list]) -> dict[str, int]:
    header = rows[0] if rows else []
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        if not is_blank(value):
            positions.setdefault(as_text(value), index)
    return positions


# --------------------------------------------------------------------------
# survey


def check_survey_items(rows, file: str, sheet: str | None, problems: Problems) -> list[dict]:
    records = check_sheet(rows, ITEM_COLUMNS, file, sheet, problems)
    report_duplicates(records, "item_id", file, sheet, problems)
    item_ids = {r["item_id"] for r in records if r["item_id"] is not None}
    construct_scale: dict[str, tuple] = {}
    for record in records:
        row = record["_row"]
        record["reverse"] = bool(record.get("reverse"))
        record["_scale_ok"] = record["scale_min"] is not None and record["scale_max"] is not None
        if record["item_id"] in RESPONSE_KEYS:
            problems.add(
                file,
                "is reserved for a column of the responses; choose another item_id",
                sheet=sheet,
                row=row,
                column="item_id",
                value=record["item_id"],
            )
        if record["_scale_ok"] and record["scale_min"] >= record["scale_max"]:
            problems.add(
                file,
                f"is not greater than scale_min ({record['scale_min']}); expected the highest answer of the scale",
                sheet=sheet,
                row=row,
                column="scale_max",
                value=record["scale_max"],
            )
            record["_scale_ok"] = False
        construct = record.get("construct")
        if construct is None:
            continue
        if construct in item_ids:
            problems.add(
                file,
                "is also an item_id; a construct needs a name of its own",
                sheet=sheet,
                row=row,
                column="construct",
                value=construct,
            )
        if record["_scale_ok"]:
            scale = (record["scale_min"], record["scale_max"], row)
            first = construct_scale.setdefault(construct, scale)
            if first[:2] != scale[:2]:
                problems.add(
                    file,
                    f"uses the scale {scale[0]}-{scale[1]}, but construct '{construct}' uses {first[0]}-{first[1]} "
                    f"(row {first[2]}); the items of a construct must share one scale",
                    sheet=sheet,
                    row=row,
                    column="scale_max",
                    value=record["scale_max"],
                )
    return records


def check_survey_responses(
    rows, items: list[dict], file: str, sheet: str | None, items_where: str, problems: Problems
) -> list[dict]:
    """Check the wide responses sheet and melt it to long records."""
    keys = check_sheet(rows, RESPONSE_KEY_COLUMNS, file, sheet, problems)
    if not rows or "respondent_id" not in header_positions(rows):
        return []
    positions = header_positions(rows)
    by_id: dict[str, dict] = {}
    for item in items:  # a duplicated item_id (reported already) keeps its first row
        if item["item_id"] is not None:
            by_id.setdefault(item["item_id"], item)
    for name in positions:
        if name not in RESPONSE_KEYS and name not in by_id:
            problems.add(file, f"column '{name}' is not an item (it is not listed in {items_where})", sheet=sheet)
    for item_id, item in by_id.items():
        if item_id not in positions:
            problems.add(
                file,
                f"item '{item_id}' ({items_where}, row {item['_row']}) has no column in the responses",
                sheet=sheet,
            )

    seen: dict[tuple, int] = {}
    with_wave = [k for k in keys if k.get("wave") is not None]
    if with_wave and len(with_wave) < len(keys):
        first = with_wave[0]["_row"]
        for key in keys:
            if key.get("wave") is None:
                problems.add(
                    file,
                    f"is blank, but other rows name a wave (e.g. row {first}); give every row a wave or none",
                    sheet=sheet,
                    row=key["_row"],
                    column="wave",
                )
    long = []
    for key in keys:
        respondent, wave, excel_row = key["respondent_id"], key.get("wave") or "", key["_row"]
        if respondent is not None:
            if (respondent, wave) in seen:
                where = f"respondent '{respondent}'" + (f" in wave '{wave}'" if wave else "")
                problems.add(
                    file,
                    f"is a duplicate: {where} already answered in row {seen[(respondent, wave)]}",
                    sheet=sheet,
                    row=excel_row,
                    column="respondent_id",
                    value=respondent,
                )
            else:
                seen[(respondent, wave)] = excel_row
        row = rows[excel_row - 1]
        for item_id, item in by_id.items():
            index = positions.get(item_id)
            value = row[index] if index is not None and index < len(row) else None
            if is_blank(value):
                continue
            number = parse_int(value)
            if isinstance(number, str):
                scale = f"one from {item['scale_min']} to {item['scale_max']}" if item["_scale_ok"] else "one"
                problems.add(
                    file,
                    f"is not a whole number; expected {scale} (the scale of item '{item_id}'), or blank for no answer",
                    sheet=sheet,
                    row=excel_row,
                    column=item_id,
                    value=value,
                )
                continue
            if item["_scale_ok"] and not item["scale_min"] <= number <= item["scale_max"]:
                problems.add(
                    file,
                    f"is outside the scale of item '{item_id}'; expected a whole number from "
                    f"{item['scale_min']} to {item['scale_max']}, or blank for no answer",
                    sheet=sheet,
                    row=excel_row,
                    column=item_id,
                    value=value,
                )
                continue
            long.append({"respondent_id": respondent, "wave": wave, "item_id": item_id, "value": number})
    return long


def load_survey(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    workbook = case_dir / SURVEY_WORKBOOK
    items_csv, responses_csv = case_dir / SURVEY_ITEMS_CSV, case_dir / SURVEY_RESPONSES_CSV
    csvs = [p for p in (items_csv, responses_csv) if p.exists()]
    if workbook.exists() and csvs:
        problems.add(
            str(workbook),
            f"and {', '.join(p.name for p in csvs)} both hold survey data in one case folder; keep one of them",
        )
        return {}
    if workbook.exists():
        sheets = read_sheets(workbook, ("items", "responses"), problems)
        if sheets is None:
            return {}
        display = str(workbook)
        items = check_survey_items(sheets["items"], display, "items", problems)
        long = check_survey_responses(sheets["responses"], items, display, "responses", "sheet 'items'", problems)
    elif csvs:
        if len(csvs) == 1:
            other = responses_csv if csvs[0] == items_csv else items_csv
            problems.add(
                str(other),
                f"is missing; {csvs[0].name} needs it (a survey is two tables: {items_csv.name} and {responses_csv.name})",
            )
            return {}
        item_rows = read_csv_rows(items_csv, problems)
        response_rows = read_csv_rows(responses_csv, problems)
        if item_rows is None or response_rows is None:
            return {}
        items = check_survey_items(item_rows, str(items_csv), None, problems)
        long = check_survey_responses(response_rows, items, str(responses_csv), None, items_csv.name, problems)
    else:
        return {}
    return {"survey_items": frame("survey_items", items), "survey_responses": frame("survey_responses", long)}


# --------------------------------------------------------------------------
# interview-coded data


def check_codebook(records: list[dict], file: str, sheet: str | None, problems: Problems) -> None:
    """Codes unique; every parent an existing code; no code its own ancestor."""
    report_duplicates(records, "code", file, sheet, problems)
    codes = {r["code"] for r in records if r["code"] is not None}
    parent_of = {}
    for record in records:
        code, parent = record["code"], record.get("parent")
        if parent is None or code is None:
            continue
        if parent == code:
            problems.add(
                file,
                "is the code itself; a code cannot be its own parent",
                sheet=sheet,
                row=record["_row"],
                column="parent",
                value=parent,
            )
        elif parent not in codes:
            problems.add(
                file,
                "is not a code of this codebook; a parent must be listed as a code",
                sheet=sheet,
                row=record["_row"],
                column="parent",
                value=parent,
            )
        else:
            parent_of.setdefault(code, (parent, record["_row"]))
    reported: set[str] = set()
    for start in parent_of:
        path, code = [start], start
        while code in parent_of:
            code = parent_of[code][0]
            if code in path:
                loop = path[path.index(code) :] + [code]
                if not reported & set(loop):
                    problems.add(
                        file,
                        f"codes form a loop through their parents: {' -> '.join(loop)}",
                        sheet=sheet,
                        row=parent_of[start][1],
                        column="parent",
                        value=parent_of[start][0],
                    )
                    reported.update(loop)
                break
            path.append(code)


def check_segments(
    records: list[dict], codes: set[str], file: str, sheet: str | None, codebook_where: str, problems: Problems
) -> None:
    report_duplicates(records, "segment_id", file, sheet, problems)
    low, high = EMPHASIS_RANGE
    source_type: dict[str, tuple] = {}
    role: dict[str, tuple] = {}
    for record in records:
        row = record["_row"]
        if record["code"] is not None and record["code"] not in codes:
            problems.add(
                file, f"is not a code in {codebook_where}", sheet=sheet, row=row, column="code", value=record["code"]
            )
        emphasis = record.get("emphasis")
        if emphasis is not None and not low <= emphasis <= high:
            problems.add(
                file,
                f"is outside the emphasis scale; expected a whole number from {low} to {high}, or blank",
                sheet=sheet,
                row=row,
                column="emphasis",
                value=emphasis,
            )
        if record["source_id"] is not None and record["source_type"] is not None:
            first = source_type.setdefault(record["source_id"], (record["source_type"], row))
            if first[0] != record["source_type"]:
                problems.add(
                    file,
                    f"differs from row {first[1]}, where source '{record['source_id']}' is a {first[0]}; "
                    "a source has one source_type",
                    sheet=sheet,
                    row=row,
                    column="source_type",
                    value=record["source_type"],
                )
        if record.get("participant_id") and record.get("participant_role"):
            first = role.setdefault(record["participant_id"], (record["participant_role"], row))
            if first[0] != record["participant_role"]:
                problems.add(
                    file,
                    f"differs from row {first[1]}, where participant '{record['participant_id']}' is "
                    f"'{first[0]}'; a participant has one role",
                    sheet=sheet,
                    row=row,
                    column="participant_role",
                    value=record["participant_role"],
                )


def load_interviews(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    from crosscase.ingest.refiqda import read_qdpx

    workbook = case_dir / INTERVIEWS_WORKBOOK
    projects = sorted(p for p in case_dir.glob("*.qdpx") if not p.name.startswith(("~$", ".")))
    if len(projects) > 1:
        problems.add(
            str(case_dir), f"holds more than one REFI-QDA project ({', '.join(p.name for p in projects)}); keep one"
        )
        return {}
    if workbook.exists() and projects:
        problems.add(
            str(workbook), f"and {projects[0].name} both hold coded segments in one case folder; keep one of them"
        )
        return {}
    if projects:
        return read_qdpx(projects[0], problems)
    if not workbook.exists():
        return {}
    sheets = read_sheets(workbook, ("codebook", "segments"), problems)
    if sheets is None:
        return {}
    display = str(workbook)
    codebook_rows = with_aliases(sheets["codebook"], CODEBOOK_ALIASES)
    codebook = check_sheet(codebook_rows, CODEBOOK_COLUMNS, display, "codebook", problems)
    check_codebook(codebook, display, "codebook", problems)
    segments = check_sheet(sheets["segments"], SEGMENT_COLUMNS, display, "segments", problems)
    codes = {r["code"] for r in codebook if r["code"] is not None}
    check_segments(segments, codes, display, "segments", "sheet 'codebook'", problems)
    tables = {"codebook": frame("codebook", codebook), "segments": frame("segments", segments)}
    if "questions" in sheets:
        questions = check_sheet(sheets["questions"], QUESTION_COLUMNS, display, "questions", problems)
        report_duplicates(questions, "question", display, "questions", problems)
        known = {r["question"] for r in questions if r["question"] is not None}
        for record in segments:
            if record.get("question") and record["question"] not in known:
                problems.add(
                    display,
                    "is not a question of sheet 'questions'",
                    sheet="segments",
                    row=record["_row"],
                    column="question",
                    value=record["question"],
                )
        tables["questions"] = frame("questions", questions)
    return tables


def with_aliases(rows: list[list], aliases: dict[str, str]) -> list[list]:
    """The sheet with an alias header (e.g. memo) renamed to its contract name,
    unless the contract name is there too."""
    if not rows:
        return rows
    header = [as_text(v) if not is_blank(v) else v for v in rows[0]]
    for alias, name in aliases.items():
        if alias in header and name not in header:
            header[header.index(alias)] = name
    return [header, *rows[1:]]


# --------------------------------------------------------------------------
# secondary data

_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00$")


def check_indicators(rows, file: str, sheet: str, problems: Problems) -> list[dict]:
    records = check_sheet(rows, INDICATOR_COLUMNS, file, sheet, problems)
    first_seen: dict[tuple, int] = {}
    per_indicator: dict[str, dict[str, tuple]] = {}
    for record in records:
        row = record["_row"]
        if record["period"] is not None:
            record["period"] = _MIDNIGHT.sub(r"\1", record["period"])
        key = (record["indicator"], record["period"])
        if None not in key:
            if key in first_seen:
                problems.add(
                    file,
                    f"is a duplicate: indicator '{key[0]}' already has a value for this period in row {first_seen[key]}",
                    sheet=sheet,
                    row=row,
                    column="period",
                    value=key[1],
                )
            else:
                first_seen[key] = row
        if record.get("target") is not None and record.get("direction") is None:
            problems.add(
                file,
                f"is blank; with a target, direction must be one of {'/'.join(DIRECTIONS)} "
                "(is a higher or a lower value better?)",
                sheet=sheet,
                row=row,
                column="direction",
            )
        if record["indicator"] is None:
            continue
        seen = per_indicator.setdefault(record["indicator"], {})
        for column in ("unit", "direction"):
            value = record.get(column)
            if value is None:
                continue
            first = seen.setdefault(column, (value, row))
            if first[0] != value:
                problems.add(
                    file,
                    f"differs from row {first[1]} ('{first[0]}'); indicator '{record['indicator']}' "
                    f"must keep one {column} across periods",
                    sheet=sheet,
                    row=row,
                    column=column,
                    value=value,
                )
    return records


def load_secondary(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    workbook = case_dir / SECONDARY_WORKBOOK
    if not workbook.exists():
        return {}
    sheets = read_sheets(workbook, ("indicators",), problems)
    if sheets is None:
        return {}
    records = check_indicators(sheets["indicators"], str(workbook), "indicators", problems)
    return {"indicators": frame("indicators", records)}


# --------------------------------------------------------------------------
# further raters of the framework judgements


def load_ratings(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    """ratings.xlsx: one row per framework item and further rater. An item
    rated twice by one rater is a problem; item_ids are checked against the
    framework when the case is loaded (they live in case.xlsx)."""
    workbook = case_dir / RATINGS_WORKBOOK
    if not workbook.exists():
        return {}
    sheets = read_sheets(workbook, ("ratings",), problems)
    if sheets is None:
        return {}
    display = str(workbook)
    records = check_sheet(sheets["ratings"], RATING_COLUMNS, display, "ratings", problems)
    seen: dict[tuple, int] = {}
    for record in records:
        key = (record["item_id"], record["rater"])
        if None in key:
            continue
        if key in seen:
            problems.add(
                display,
                f"is a duplicate: rater '{key[1]}' already rated item '{key[0]}' in row {seen[key]}",
                sheet="ratings",
                row=record["_row"],
                column="item_id",
                value=key[0],
            )
        else:
            seen[key] = record["_row"]
    ratings = frame("ratings", records)
    ratings.attrs["rows"] = [record["_row"] for record in records]
    return {"ratings": ratings}


def check_rating_items(ratings: pd.DataFrame, framework: pd.DataFrame, case_dir: Path, problems: Problems) -> None:
    """Every rated item_id must be an item of the case's framework sheet."""
    known = set(framework["item_id"])
    rows = ratings.attrs.get("rows") or [None] * len(ratings)
    for row, item in zip(rows, ratings["item_id"]):
        if item and item not in known:
            problems.add(
                str(case_dir / RATINGS_WORKBOOK),
                "is not an item_id of the framework sheet of case.xlsx",
                sheet="ratings",
                row=row,
                column="item_id",
                value=item,
            )


# --------------------------------------------------------------------------


def load_optional_sources(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    """The survey, interview-coded and secondary tables of one case folder
    (only those present), with every problem added to `problems`."""
    case_dir = Path(case_dir)
    tables: dict[str, pd.DataFrame] = {}
    for load in (load_survey, load_interviews, load_secondary, load_ratings):
        tables.update(load(case_dir, problems))
    return tables

"""Reading workbooks and checking sheets cell by cell.

Workbooks are read with python-calamine directly (the engine pandas uses for
`engine="calamine"`), because it hands back the sheet as Excel lays it out:
row i of the result is Excel row i+1, so every message can name the row a user
sees. Formula cells come back as their cached values."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from crosscase.common.problems import Problems, format_value
from crosscase.common.text import normalise_term as canonical_term
from crosscase.ingest.limits import MAX_CELL_CHARS, long_cells, sniff_workbook

TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class Col:
    """One column of a sheet and what its cells must hold."""

    name: str
    kind: str = "text"  # text | int | float | bool | choice
    required: bool = True  # every row needs a value
    choices: tuple[str, ...] = ()
    blank_is_false: bool = False  # for X/blank matrices such as `present`
    optional_column: bool = False  # the column itself may be absent


def read_workbook(path: Path, display: str, problems: Problems) -> dict[str, list[list]] | None:
    """All sheets of an .xlsx as lists of rows, or None (with a problem) if unreadable."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        problems.add(display, "is not an .xlsx workbook")
        return None
    # Hostile or broken files are refused before calamine opens them
    # (crosscase.ingest.limits: size, zip bombs, renamed, encrypted, macros).
    refused = sniff_workbook(path)
    if refused:
        problems.add(display, refused)
        return None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in workbook.sheet_names
        }
    except Exception as exc:  # calamine raises several types for corrupt files
        problems.add(display, f"cannot be read as an Excel workbook (.xlsx): {str(exc)[:200]}")
        return None
    too_long = list(long_cells(sheets))
    for sheet, row, column, value in too_long:
        problems.add(
            display,
            f"{format_value(value)} has {len(value)} characters; a cell may hold at most "
            f"{MAX_CELL_CHARS} (Excel's own limit)",
            sheet=sheet,
            row=row,
            column=column,
        )
    return None if too_long else sheets


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def normalise_term(value) -> str:
    """'Focus groups' and 'focus-groups' both mean the vocabulary term focus_groups."""
    return canonical_term(as_text(value))


def parse_bool(value, col: Col):
    """Return True/False, or a string saying what was expected."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return False if col.blank_is_false else "is blank; expected yes or no"
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = as_text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return "is not one of yes/no"


def parse_int(value):
    if isinstance(value, bool):
        return "is not a whole number"
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else "is not a whole number"
    try:
        number = float(as_text(value))
    except ValueError:
        return "is not a whole number"
    return int(number) if math.isfinite(number) and number.is_integer() else "is not a whole number"


def parse_float(value):
    """A finite number. Text with a comma is refused rather than guessed at:
    `1,5` is 1.5 with a decimal comma but 15 with a thousands separator."""
    if isinstance(value, bool):
        return "is not a number"
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = as_text(value)
        if "," in text:
            return "is not a number: write it with a decimal point and no thousands separator (1.5, 1500)"
        try:
            number = float(text)
        except ValueError:
            return "is not a number"
    return number if math.isfinite(number) else "is not a finite number"


def parse_cell(value, col: Col):
    """Convert one non-blank cell (bools may be blank); a str result that is a
    message means the cell is wrong. Text values are returned wrapped in a tuple
    to tell them apart from messages."""
    if col.kind == "bool":
        return parse_bool(value, col)
    if col.kind == "int":
        return parse_int(value)
    if col.kind == "float":
        return parse_float(value)
    if col.kind == "choice":
        term = normalise_term(value)
        return (term,) if term in col.choices else f"is not one of {'/'.join(col.choices)}"
    return (as_text(value),)


def check_sheet(
    rows: list[list],
    columns: list[Col],
    file: str,
    sheet: str,
    problems: Problems,
    allow_extra_columns: bool = True,
) -> list[dict]:
    """Check every cell of a sheet against `columns`; return one dict per data row
    with converted values and `_row` (the Excel row number). Blank rows are skipped."""
    if not rows or all(is_blank(v) for v in rows[0]):
        problems.add(file, "has no header row (expected the column names in row 1)", sheet=sheet)
        return []
    header = [as_text(v) if not is_blank(v) else "" for v in rows[0]]
    position = {}
    for index, name in enumerate(header):
        if name and name not in position:
            position[name] = index
    missing = [c.name for c in columns if c.name not in position and not c.optional_column]
    for name in missing:
        problems.add(
            file,
            f"required column '{name}' is missing (the header row has: {', '.join(n for n in header if n)})",
            sheet=sheet,
        )
    if missing:
        return []
    duplicated = sorted({n for n in header if n and header.count(n) > 1})
    for name in duplicated:
        problems.add(file, f"column '{name}' appears more than once in the header row", sheet=sheet)
    if not allow_extra_columns:
        known = {c.name for c in columns}
        for name in header:
            if name and name not in known:
                problems.add(file, f"unexpected column '{name}'", sheet=sheet)

    records = []
    for offset, row in enumerate(rows[1:]):
        excel_row = offset + 2
        if all(is_blank(v) for v in row):
            continue
        record = {"_row": excel_row}
        for col in columns:
            index = position.get(col.name)
            value = row[index] if index is not None and index < len(row) else None
            if is_blank(value) and not (col.kind == "bool" and col.blank_is_false):
                if col.required:
                    problems.add(file, "is blank; a value is required", sheet=sheet, row=excel_row, column=col.name)
                record[col.name] = None
                continue
            parsed = parse_cell(value, col)
            if isinstance(parsed, str):
                problems.add(file, parsed, sheet=sheet, row=excel_row, column=col.name, value=value)
                record[col.name] = None
            else:
                record[col.name] = parsed[0] if isinstance(parsed, tuple) else parsed
        records.append(record)
    return records


def report_duplicates(records: list[dict], key: str, file: str, sheet: str, problems: Problems) -> None:
    """Flag a repeated key value, naming the row where it first appeared."""
    first_seen: dict = {}
    for record in records:
        value = record.get(key)
        if value is None:
            continue
        if value in first_seen:
            problems.add(
                file,
                f"is a duplicate; {key} must be unique (first used in row {first_seen[value]})",
                sheet=sheet,
                row=record["_row"],
                column=key,
                value=value,
            )
        else:
            first_seen[value] = record["_row"]

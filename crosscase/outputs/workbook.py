"""The synthesis workbook (results/synthesis.xlsx): every comparison table on its
own sheet, after a README sheet that says what each sheet holds, how it was
made and from which inputs.

Two steps, both pure until the final write:

* :func:`synthesis_tables` turns the table files the workflow produced (CSV,
  and QCA JSON) into an ordered list of :class:`SheetTable` - title, DataFrame,
  description, sources. The Markdown report uses the same list.
* :func:`build_workbook` lays them out with openpyxl; :func:`save_workbook`
  writes it with pinned timestamps so that the same inputs and run date give
  the same bytes.

Text that Excel would take for a formula (starting with ``=``, ``+``, ``-`` or
``@``) is stored as a text cell with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from crosscase import registry
from crosscase.common.problems import UserInputError
from crosscase.common.safe_text import restore_csv_cell, restore_csv_frame
from crosscase.outputs.labels import labelled

FORMULA_PREFIXES = ("=", "+", "-", "@")
MAX_SHEET_TITLE = 31
FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 6
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
MAX_ROWS = 1_048_576
# Zip entries carry a timestamp; a fixed one keeps the bytes reproducible.
README_TITLE = "README"
# Outputs at many cases (docs/speed.md). A table of more rows than SHEET_MAX_ROWS
# (the workbook) or TEXT_MAX_ROWS (Markdown, report pages) is shown as an index:
# per case, how many rows and which file holds them. Above MANY_CASES cases the
# N x N Jaccard matrix is shown as each case's nearest neighbours. Sheets of
# more than STYLED_ROWS rows get values and number formats, not per-cell styles.
SHEET_MAX_ROWS = 20_000
TEXT_MAX_ROWS = 2_000
MANY_CASES = 40
NEIGHBOURS = 3
STYLED_ROWS = 5_000


@dataclass
class SheetTable:
    """One table of the synthesis: what the workbook and the Markdown show.
    `frame` holds the values as written (CSV text, or the numbers of a JSON
    result); the workbook turns numeric text into numbers."""

    title: str
    frame: pd.DataFrame
    description: str
    sources: tuple[str, ...] = ()


def catalogue_entry(path: str | Path) -> tuple[int, str, str] | None:
    """(rank, title, description) of a table file, from the registry of outputs."""
    found = registry.describe(Path(path).as_posix())
    if found is None:
        return None
    rank, output = found
    return rank, output.title, output.description


def humanise(stem: str) -> str:
    text = stem.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Reading tables


NA_TOKENS = {"NA", "N/A", "n/a", "NaN", "nan", "na"}
_INT = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def typed_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Numeric text -> numbers, column by column: a column is converted when
    every non-blank text value is a number or an NA token (kept as text) and
    none has a leading zero (which marks an identifier such as 007). Values
    that are not text (numbers from JSON) are kept as they are."""
    result = frame.copy()
    for column in result.columns:
        original = list(result[column])
        texts = [v for v in original if isinstance(v, str) and v != "" and v not in NA_TOKENS]
        if not texts or not all(_NUMBER.match(v) for v in texts):
            continue
        if any(re.match(r"^-?0\d", v) for v in texts):
            continue

        def convert(v):
            if not isinstance(v, str) or v in NA_TOKENS:
                return v
            if v == "":
                return None
            return int(v) if _INT.match(v) else float(v)

        result[column] = pd.Series([convert(v) for v in original], index=result.index, dtype=object)
    return result


def decimal_formats(frame: pd.DataFrame) -> dict[str, str]:
    """Excel number formats that show numeric text columns with the decimals
    the CSV has (e.g. 0.8000 stays 0.8000 rather than 0.8)."""
    formats = {}
    for column in frame.columns:
        texts = [v for v in frame[column] if isinstance(v, str) and v not in ("", *NA_TOKENS)]
        if not texts or not all(_NUMBER.match(v) and "e" not in v.lower() for v in texts):
            continue
        decimals = {len(v.split(".", 1)[1]) if "." in v else 0 for v in texts}
        if len(decimals) == 1 and (k := decimals.pop()) > 0:
            formats[str(column)] = "0." + "0" * k
    return formats


def csv_text_rows(text: str) -> tuple[list[str], list[list[str]]] | None:
    """The header and rows of a CSV's text, each cell as written, read as
    ``pandas.read_csv(dtype=str, keep_default_na=False, na_filter=False)``
    reads it: blank lines skipped, quoted fields (line breaks included) kept.
    None for what pandas would read differently (a byte-order mark, a
    whitespace-only line, an empty or repeated column name, a row of another
    width) and for a file without a header line: the caller reads those with
    pandas. The synthesis reads thousands of small per-case CSVs; this is
    about ten times faster than pandas for each."""
    if text.startswith("\ufeff"):
        return None
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    if not rows:
        return None
    header = rows[0]
    width = len(header)
    if "" in header or len(set(header)) != width:
        return None
    for row in rows:
        if len(row) != width or (width == 1 and row[0] != "" and not row[0].strip()):
            return None
    return header, rows[1:]


def text_frame(header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """Rows of CSV text as the workbook reads them: the formula guard of
    crosscase.common.safe_text undone in every cell and column name."""
    columns = [restore_csv_cell(c) for c in header]
    body = [[restore_csv_cell(v) for v in row] for row in rows]
    return pd.DataFrame(body, columns=columns, dtype=object)


def read_csv_text(path: str | Path) -> pd.DataFrame:
    """A CSV as its text was before it was written: every cell a string, blanks
    as '', the formula guard of crosscase.common.safe_text undone."""
    with open(path, encoding="utf-8", newline="") as handle:
        parsed = csv_text_rows(handle.read())
    if parsed is not None:
        return text_frame(*parsed)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    return restore_csv_frame(frame)


def qca_tables(path: str | Path, name: str) -> list[SheetTable]:
    """The sheets of one QCA analysis (JSON of `crosscase qca --json`)."""
    with open(path, encoding="utf-8") as handle:
        result = json.load(handle)
    source = (Path(path).as_posix(),)
    outcome = result.get("outcome", "?")
    negated = result.get("negated", False)
    conditions = list(result.get("conditions", []))
    label = f"{'~' if negated else ''}{outcome}"
    tables = []

    rows = []
    for row in result.get("truth_table", []):
        if not row.get("n") and str(row.get("out")) == "?":
            continue  # a logical remainder: no case has this configuration
        config = str(row.get("config", ""))
        record = {"row": row.get("row")}
        record.update({c: (config[i] if i < len(config) else "") for i, c in enumerate(conditions)})
        record.update(
            {
                "OUT": row.get("out"),
                "n": row.get("n"),
                "incl": row.get("incl"),
                "PRI": row.get("pri"),
                "cases": ", ".join(map(str, row.get("cases", []))),
            }
        )
        rows.append(record)
    if rows:
        tables.append(
            SheetTable(
                f"QCA {name} truth table",
                pd.DataFrame(rows),
                f"QCA '{name}': truth table of outcome {label} on conditions {', '.join(conditions)}. "
                "row is R's numbering (configuration read as a binary number, plus 1); OUT is 1, 0 or C (between two inclusion cuts). "
                "Logical remainders (configurations without cases) are left out.",
                source,
            )
        )

    solution = result.get("solution") or {}
    rows = []
    for model in solution.get("models", []):
        rows.append(
            {
                "model": model.get("name"),
                "term": model.get("expression"),
                "level": "model",
                "incl": model.get("incl"),
                "PRI": model.get("pri"),
                "cov": model.get("cov"),
                "cov_unique": None,
                "cases": "",
            }
        )
        for term in model.get("terms", []):
            rows.append(
                {
                    "model": model.get("name"),
                    "term": term.get("term"),
                    "level": "term",
                    "incl": term.get("incl"),
                    "PRI": term.get("pri"),
                    "cov": term.get("cov"),
                    "cov_unique": term.get("cov_unique"),
                    "cases": "; ".join(map(str, term.get("cases") or [])),
                }
            )
    if rows:
        assumptions = solution.get("simplifying_assumptions") or []
        note = (
            f" Simplifying assumptions (truth-table rows): {', '.join(map(str, assumptions))}." if assumptions else ""
        )
        notes = [str(n) for n in result.get("notes") or []]
        if notes:
            note += " Notes: " + "; ".join(notes) + "."
        tables.append(
            SheetTable(
                f"QCA {name} solution",
                pd.DataFrame(rows),
                f"QCA '{name}': {solution.get('type', '')} solution for {label}; every equally minimal model with its terms, "
                f"consistency (incl), PRI, coverage (cov) and unique coverage.{note}",
                source,
            )
        )

    necessity = result.get("necessity") or []
    if necessity:
        frame = pd.DataFrame(
            [
                {"condition": n.get("condition"), "inclN": n.get("incl"), "RoN": n.get("ron"), "covN": n.get("cov")}
                for n in necessity
            ]
        )
        tables.append(
            SheetTable(
                f"QCA {name} necessity",
                frame,
                f"QCA '{name}': necessity of each condition and its negation for {label}.",
                source,
            )
        )

    rows = []
    for evaluation in result.get("theory_evaluation") or []:
        cases = evaluation.get("cases") or {}
        for part, fit in (evaluation.get("fit") or {}).items():
            rows.append(
                {
                    "model": evaluation.get("model"),
                    "theory": evaluation.get("theory"),
                    "set": part,
                    "incl": (fit or {}).get("incl"),
                    "PRI": (fit or {}).get("pri"),
                    "cov": (fit or {}).get("cov"),
                    "cases": ", ".join(map(str, cases.get(part, []))),
                }
            )
    if rows:
        tables.append(
            SheetTable(
                f"QCA {name} theory",
                pd.DataFrame(rows),
                f"QCA '{name}': theory evaluation - fit of each model with the theory and the cases in each intersection.",
                source,
            )
        )
    return tables


def synthesis_tables(paths) -> list[SheetTable]:
    """Ordered tables from the workflow's table files (.csv, and .json for QCA).

    Per-case files (``cases/<case_id>/<name>.csv``) are stacked into one table
    with a leading case_id column, cases in the order the paths are given.
    Other file types (Parquet twins, Markdown) are ignored."""
    groups: dict[tuple, dict] = {}
    per_case_entries: dict[tuple[str, str], tuple | None] = {}
    for order, path in enumerate(paths):
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".json"):
            continue
        per_case = path.parent.parent.name == "cases"
        if per_case:  # cases/<case_id>/<name>: one registry look-up per name, not per case
            shape = (path.parent.parent.as_posix(), path.name)
            if shape not in per_case_entries:
                per_case_entries[shape] = catalogue_entry(path)
            entry = per_case_entries[shape]
        else:
            entry = catalogue_entry(path)
        if suffix == ".json" and (entry is None or entry[1] != "QCA"):
            continue
        if entry is not None:
            rank, title, description = entry
        else:
            rank, title, description = len(registry.all_outputs()), humanise(path.stem), f"Table from {path.name}."
        if title in ("QCA", "QCA data"):
            key = (rank, path.stem, "", order)
        elif per_case:
            key = (rank, "", path.stem, 0)
        else:
            key = (rank, "", path.as_posix(), order)
        group = groups.setdefault(key, {"title": title, "description": description, "paths": [], "per_case": per_case})
        group["paths"].append(path)

    tables: list[SheetTable] = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3])):
        group = groups[key]
        paths_ = group["paths"]
        sources = tuple(p.as_posix() for p in paths_)
        if group["title"] == "QCA":
            tables.extend(qca_tables(paths_[0], paths_[0].stem))
            continue
        if group["title"] == "QCA data":
            name = paths_[0].stem
            tables.append(
                SheetTable(
                    f"QCA {name} data",
                    read_csv_text(paths_[0]),
                    f"QCA '{name}': {group['description'][0].lower()}{group['description'][1:]}",
                    sources,
                )
            )
            continue
        if group["per_case"]:
            frames = []
            for p in paths_:
                frame = read_csv_text(p)
                if "case_id" not in frame.columns:
                    frame.insert(0, "case_id", p.parent.name)
                frames.append(frame)
            frame = pd.concat(frames, ignore_index=True).fillna("") if frames else pd.DataFrame()
        else:
            frame = read_csv_text(paths_[0])
        tables.append(SheetTable(group["title"], frame, group["description"], sources))
    return [jaccard_neighbours(t) if is_jaccard_matrix(t) else t for t in tables]


# ---------------------------------------------------------------------------
# Tables at many cases


def is_jaccard_matrix(table: SheetTable) -> bool:
    return (
        len(table.sources) == 1
        and table.sources[0].endswith("typology_jaccard.csv")
        and "case_id" in table.frame.columns
        and len(table.frame) > MANY_CASES
    )


def jaccard_neighbours(table: SheetTable, k: int = NEIGHBOURS) -> SheetTable:
    """Each case's k most similar cases (highest Jaccard similarity of their
    typology attributes; ties in case-list order) instead of the N x N matrix."""
    frame = table.frame
    cases = frame["case_id"].astype(str).tolist()
    values = frame[cases].apply(pd.to_numeric, errors="coerce").to_numpy()
    columns = ["case_id"] + [f"{name}_{i}" for i in range(1, k + 1) for name in ("nearest", "jaccard")]
    rows = []
    for i, case in enumerate(cases):
        scores = [(-(v if v == v else -1.0), j) for j, v in enumerate(values[i]) if j != i]
        best = sorted(scores)[:k]
        row = [case]
        for _score, j in best:
            row += [cases[j], frame.iloc[i][cases[j]]]
        rows.append(row + [""] * (len(columns) - len(row)))
    description = (
        f"{table.description} With {len(cases)} cases the {len(cases)} x {len(cases)} matrix is not a "
        f"readable table: each case's {k} nearest cases by Jaccard similarity (ties in case-list order) are "
        "shown instead; the whole matrix is in the source file."
    )
    return SheetTable(table.title, pd.DataFrame(rows, columns=columns), description, table.sources)


def row_index(table: SheetTable, limit: int) -> SheetTable:
    """A table too long to show: per case (or per source file), its number of
    rows and the file that holds them."""
    frame = table.frame
    if "case_id" in frame.columns:
        counts = frame.groupby("case_id", sort=False).size()
        by_case = {PurePosixPath(s).parent.name: s for s in table.sources}
        single = table.sources[0] if len(table.sources) == 1 else ""
        index = pd.DataFrame(
            {
                "case_id": counts.index.astype(str),
                "rows": counts.to_numpy(),
                "file": [by_case.get(c, single) for c in counts.index.astype(str)],
            }
        )
    else:
        index = pd.DataFrame({"case_id": [""], "rows": [len(frame)], "file": [", ".join(table.sources)]})
    description = (
        f"{table.description} {len(frame):,} rows are more than this output shows (at most {limit:,}): "
        "listed here is how many rows each case has and the file that holds them."
    )
    return SheetTable(f"{table.title} (index)", index, description, table.sources)


def shown(table: SheetTable, limit: int) -> SheetTable:
    """The table, or its row index when it has more than `limit` rows."""
    return row_index(table, limit) if len(table.frame) > limit else table


# ---------------------------------------------------------------------------
# Sheet titles and cell values


def safe_sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique (case-insensitively, as Excel requires) sheet title."""
    text = FORBIDDEN_IN_TITLE.sub(" ", str(title))
    text = " ".join(text.split()).strip("'") or "Sheet"
    text = text[:MAX_SHEET_TITLE].rstrip()
    candidate, n = text, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = text[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
    used.add(candidate.lower())
    return candidate


def cell_value(value):
    """A value openpyxl can store: NaN/None -> None, numpy scalars -> Python,
    text cleaned of characters XML cannot hold and cut to Excel's cell limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 15] + " [... truncated]"
    return text


def set_cell(cell, value) -> None:
    """Store `value`; text that looks like a formula stays text."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


# ---------------------------------------------------------------------------
# Layout


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "mono": Font(name="Consolas"),
        "header_fill": PatternFill("solid", start_color="FFDDE4EE", end_color="FFDDE4EE"),
        "header_align": Alignment(wrap_text=True, vertical="top"),
        "header_centre": Alignment(wrap_text=True, vertical="top", horizontal="center"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "centre": Alignment(horizontal="center", vertical="top"),
        "top": Alignment(vertical="top"),
    }


def cell_styler():
    """A function (cell, number_format, alignment) that gives the cell that
    number format (None: leave it) and then that alignment (None: leave it),
    as assigning ``cell.number_format`` and ``cell.alignment`` does.

    Assigning an alignment makes openpyxl hash it to find its index in the
    workbook's style table: about a quarter of the workbook's time at hundreds
    of cases. Here each combination (the cell's style before, the format, the
    alignment object) is assigned once; a cell with a combination seen before
    gets a copy of the style that assignment produced (openpyxl's ``_style``
    record of style-table indices, which openpyxl copies the same way when it
    copies a cell). The indices, and so the file's bytes, are the same: a value
    enters the workbook's style tables where it is first used, as before.
    Alignment objects are told apart by identity: use the same objects
    throughout one styler's life."""
    from copy import copy

    made: dict = {}

    def style(cell, number_format, alignment) -> None:
        key = (tuple(cell._style) if cell._style else None, number_format, id(alignment))
        done = made.get(key)
        if done is not None:
            cell._style = copy(done)
            return
        if number_format is not None:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        made[key] = copy(cell._style)

    return style


def write_table_sheet(sheet, frame: pd.DataFrame) -> None:
    """Header row (bold, frozen, autofilter), values, fitted widths, wrapped long
    text and centred X cells."""
    from openpyxl.utils import get_column_letter

    styles = _styles()
    if len(frame) + 1 > MAX_ROWS:
        raise UserInputError(
            f"sheet '{sheet.title}': {len(frame)} rows do not fit in an Excel sheet (at most {MAX_ROWS - 1})"
        )
    columns = [str(c) for c in frame.columns]
    if not columns:
        sheet.cell(row=1, column=1, value="(no columns: the table is empty)")
        return
    for j, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j)
        set_cell(cell, name)
        cell.font = styles["bold"]
        cell.fill = styles["header_fill"]
        cell.alignment = styles["header_align"]

    widths = [min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, len(name) + 2)) for name in columns]
    wrapped: dict[int, list[tuple[int, str]]] = {}  # row -> (column, text) of wrapped cells
    formats = decimal_formats(frame)
    column_format = [formats.get(name) for name in columns]
    data = typed_columns(frame).astype(object).itertuples(index=False, name=None)
    styled = len(frame) <= STYLED_ROWS
    style = cell_styler()
    for i, values in enumerate(data, start=2):
        for j, value in enumerate(values, start=1):
            cell = sheet.cell(row=i, column=j)
            set_cell(cell, value)
            stored = cell.value
            if stored is None:
                continue
            number_format = None
            if column_format[j - 1] and isinstance(stored, (int, float)) and not isinstance(stored, bool):
                number_format = column_format[j - 1]
            if not styled:  # a long sheet: no per-cell alignment, widths from the first STYLED_ROWS rows
                if number_format:
                    style(cell, number_format, None)
                if i <= STYLED_ROWS:
                    widths[j - 1] = max(widths[j - 1], min(MAX_COLUMN_WIDTH, display_length(stored) + 2))
                continue
            length = display_length(stored)
            if stored == "X":
                alignment = styles["centre"]
            elif isinstance(stored, str) and (length > MAX_COLUMN_WIDTH or "\n" in stored):
                alignment = styles["wrap"]
                wrapped.setdefault(i, []).append((j, stored))
            else:
                alignment = styles["top"]
            style(cell, number_format, alignment)
            widths[j - 1] = max(widths[j - 1], min(MAX_COLUMN_WIDTH, length + 2))

    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    # X matrices: narrow, centred columns, header centred too
    for j, _name in enumerate(columns, start=1):
        values = frame.iloc[:, j - 1]
        filled = [v for v in values if isinstance(v, str) and v != ""]
        if filled and all(v == "X" for v in filled):
            sheet.cell(row=1, column=j).alignment = styles["header_centre"]
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(columns))}{max(1, len(frame)) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    for row, cells in wrapped.items():
        height = row_height(max(wrapped_lines(text, widths[j - 1]) for j, text in cells))
        if height:
            sheet.row_dimensions[row].height = height
    print_settings(sheet)


# Print layout: Excel and LibreOffice do not grow a row for wrapped text that
# was written by a program, so wrapped rows would overlap; each row with wrapped
# text gets the height of its tallest cell (15 points a line at 11 pt).
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide."""
    per_line = max(1, int(width) - 2)
    return sum(max(1, -(-len(line) // per_line)) for line in str(text).split("\n"))


def row_height(lines: int) -> float | None:
    """The height (points) of a row whose tallest cell has `lines` lines; None for one line."""
    return None if lines <= 1 else min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)


def print_settings(sheet) -> None:
    """Landscape, fitted to the page width (as many pages tall as needed), the
    header row and first column repeated on every page. Works on write-only
    sheets too (no per-cell access)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"
    sheet.print_options.gridLines = True


def summarise_sources(sources) -> list[str]:
    """Per-case files as one pattern: results/cases/*/metrics.csv (8 files)."""
    sources = list(sources)
    if len(sources) <= 3:
        return sources
    paths = [PurePosixPath(s) for s in sources]
    grandparents = {p.parent.parent for p in paths}
    names = {p.name for p in paths}
    if len(grandparents) == 1 and len(names) == 1:
        return [f"{grandparents.pop()}/*/{names.pop()} ({len(paths)} files)"]
    return sources


def write_readme_sheet(sheet, entries: list[tuple[str, SheetTable]], provenance: dict | None) -> None:
    """What each sheet holds and how it was made, then the provenance."""
    styles = _styles()
    row = 1

    def put(r, c, value, style=None, alignment=None):
        cell = sheet.cell(row=r, column=c)
        set_cell(cell, value)
        if style is not None:
            cell.font = style
        cell.alignment = alignment or styles["wrap"]
        return cell

    put(row, 1, "crosscase synthesis", styles["title"], styles["top"])
    row += 1
    put(
        row,
        1,
        "This workbook is generated by the crosscase workflow (Snakemake) from the case folders listed in "
        "config/cases.tsv; every sheet is rebuilt on each run, so edit the case workbooks, not this file. "
        "Each table sheet has a frozen header row and filters; X marks presence. "
        "The same tables are in results/synthesis.md and as CSV files under results/.",
    )
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.row_dimensions[row].height = 45
    row += 2
    for j, name in enumerate(("Sheet", "What it holds and how it was made", "Made from", "Rows"), start=1):
        cell = put(row, j, name, styles["bold"])
        cell.fill = styles["header_fill"]
    row += 1
    for title, table in entries:
        cell = put(row, 1, title)
        cell.hyperlink = f"#'{title}'!A1"
        cell.style = "Hyperlink"
        cell.alignment = styles["wrap"]
        put(row, 2, table.description)
        put(row, 3, "\n".join(summarise_sources(table.sources)))
        put(row, 4, len(table.frame), alignment=styles["top"])
        row += 1

    if provenance:
        row += 1
        put(row, 1, "Provenance", styles["title"], styles["top"])
        row += 1
        run_date = provenance.get("run_date")
        if run_date:
            pinned = provenance.get("run_date_pinned")
            put(row, 1, "Run date", styles["bold"])
            put(
                row,
                2,
                f"{run_date}"
                + (
                    " (pinned by SOURCE_DATE_EPOCH)"
                    if pinned
                    else " (UTC; the only value that changes when the workflow is re-run on unchanged inputs)"
                ),
            )
            row += 1
        for name, version in (provenance.get("software") or {}).items():
            put(row, 1, f"{name} version", styles["bold"])
            put(row, 2, version)
            row += 1
        config_text = provenance.get("config_yaml")
        if config_text:
            row += 1
            put(row, 1, "Configuration used (YAML)", styles["bold"])
            for line in config_text.rstrip("\n").splitlines() or [""]:
                put(row, 2, line, styles["mono"], styles["top"])
                row += 1
        inputs = provenance.get("inputs") or []
        if inputs:
            row += 1
            put(row, 1, "Input files", styles["bold"])
            row += 1
            for j, name in enumerate(("Path", "SHA-256", "", "Bytes"), start=1):
                if name:
                    cell = put(row, j, name, styles["bold"])
                    cell.fill = styles["header_fill"]
            row += 1
            for record in inputs:
                put(row, 1, record.get("path"))
                put(row, 2, record.get("sha256"), styles["mono"], styles["top"])
                put(row, 4, record.get("bytes"), alignment=styles["top"])
                row += 1

    for letter, width in zip("ABCD", (34, 90, 44, 10)):
        sheet.column_dimensions[letter].width = width


def build_workbook(tables: list[SheetTable], provenance: dict | None = None):
    """An openpyxl Workbook: README first, then one sheet per table."""
    from openpyxl import Workbook

    workbook = Workbook()
    readme = workbook.active
    readme.title = README_TITLE
    used = {README_TITLE.lower()}
    entries = []
    for table in tables:
        table = shown(table, SHEET_MAX_ROWS)
        title = safe_sheet_title(table.title, used)
        sheet = workbook.create_sheet(title)
        write_table_sheet(sheet, labelled(table.frame))  # human labels; the CSVs keep machine names
        entries.append((title, table))
    write_readme_sheet(readme, entries, provenance)
    return workbook


def pinned_datetime(provenance: dict | None) -> dt.datetime:
    """The workbook's created/modified date: the run date (so a pinned
    SOURCE_DATE_EPOCH gives identical bytes), else a fixed date."""
    text = (provenance or {}).get("run_date")
    if text:
        try:
            return (
                dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None)
            )
        except ValueError:
            pass
    return dt.datetime(2000, 1, 1)


def workbook_bytes(workbook, when: dt.datetime) -> bytes:
    """The .xlsx bytes with pinned document dates and zip entry timestamps."""
    from crosscase.common.xlsx import reproducible_xlsx_bytes

    return reproducible_xlsx_bytes(workbook, when)


def save_workbook(workbook, path: str | Path, when: dt.datetime) -> None:
    from crosscase.common.files import write_bytes

    write_bytes(path, workbook_bytes(workbook, when))


def write_synthesis_workbook(path: str | Path, tables: list[SheetTable], provenance: dict | None = None) -> None:
    save_workbook(build_workbook(tables, provenance), path, pinned_datetime(provenance))

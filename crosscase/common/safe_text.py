"""Text from the case workbooks made safe for whoever opens the outputs.

Titles, labels and descriptions typed into a case workbook reach CSV, xlsx,
Markdown and HTML files that other people open. This module holds the one rule
for each format (docs/reliability.md, "Safe outputs"):

CSV (`csv_cell`, `csv_frame`): the OWASP rule against CSV injection
  (https://owasp.org/www-community/attacks/CSV_Injection). A text cell that
  begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by a
  spreadsheet as a formula; it is written with a single quote in front
  (`=HYPERLINK(...)` -> `'=HYPERLINK(...)`). Two exceptions keep data intact:
  a cell that is a plain decimal number (`-0.5`, `+3`, `-1e-3`) is data, not a
  formula, and stays as it is; and numbers held as numbers are never touched.
  So that the rule can be undone exactly, a text that already begins with
  quotes followed by one of those characters (`'=x`) gets one more quote;
  `restore_csv_cell` removes exactly one, giving back the original text
  (the synthesis workbook and Markdown read the CSVs through it). In a CSV
  file, line breaks inside text are written as LF (a CR would split the row).
HTML (`html_text`): every text is escaped (`& < > " '`), line breaks become <br>.
Markdown: crosscase.common.markdown.escape_cell escapes backslashes and pipes
  in every table cell and turns line breaks into <br>, so a cell never breaks
  its table row.
"""

from __future__ import annotations

import html
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def csv_cell(value):
    """One CSV cell by the rule above; anything but text is returned unchanged."""
    if not isinstance(value, str) or not _NEEDS_QUOTE.match(value) or _PLAIN_NUMBER.match(value):
        return value
    return "'" + value


def restore_csv_cell(value):
    """The inverse of `csv_cell`: the text as it was before it was written."""
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


def line_breaks(value):
    """CR LF and a lone CR as LF: a CSV row is ended by LF and a field holding a
    lone CR would not be quoted by the writer, so it would split its row."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_frame(frame):
    """A copy of `frame` with every text cell's line breaks made LF and the
    cell passed through `csv_cell` (numeric columns are left alone)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("string"):
            out[column] = out[column].map(lambda v: csv_cell(line_breaks(v)))
    out.columns = [csv_cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def restore_csv_frame(frame):
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(restore_csv_cell)
    out.columns = [restore_csv_cell(c) for c in out.columns]
    return out


def html_text(value) -> str:
    """Text for an HTML page: escaped, line breaks as <br>."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(text, quote=True).replace("\n", "<br>")

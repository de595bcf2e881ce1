"""Markdown pipe tables, one renderer for every page the pipeline writes."""

from __future__ import annotations

from crosscase.common.missing import is_missing


def cell_text(value) -> str:
    """A value as text: missing values empty, floats in their shortest exact form."""
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "item") and not isinstance(value, str):
        return cell_text(value.item())
    return str(value)


def escape_cell(value) -> str:
    """One table cell: backslashes and pipes escaped, line breaks as <br>, trimmed,
    so that text from the workbooks can never break a table."""
    text = cell_text(value).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "<br>".join(line.strip() for line in text.split("\n")).strip()


def pipe_table(headers, rows, aligns=None) -> list[str]:
    """The lines of a GitHub-flavoured pipe table; every cell escaped.
    `aligns` gives each column's separator ('---' or '---:' for numbers)."""
    headers = [escape_cell(h) for h in headers]
    aligns = list(aligns) if aligns is not None else ["---"] * len(headers)
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(escape_cell(v) for v in row) + " |" for row in rows]
    return lines

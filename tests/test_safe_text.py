"""Safe outputs (crosscase.common.safe_text): the CSV formula rule, its exact
inverse, HTML and Markdown escaping; and hostile strings written through every
output writer (CSV, xlsx, Markdown, HTML)."""

import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from crosscase.common.markdown import escape_cell
from crosscase.common.safe_text import csv_cell, csv_frame, html_text, restore_csv_cell
from crosscase.ingest.store import write_csv
from crosscase.outputs.markdown import html_table, markdown_table
from crosscase.outputs.workbook import SheetTable, read_csv_text, write_synthesis_workbook

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
    "'=already quoted",
    "a | pipe",
    "two\nlines",
    "<script>alert(1)</script>",
    "&amp; \"q\" 'a'",
]


@pytest.mark.parametrize(
    "value, written",
    [
        # OWASP: a leading = + - @ tab or CR gets a single quote
        ("=1+2", "'=1+2"),
        ("+A1", "'+A1"),
        ("-A1", "'-A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        # plain decimal numbers are data and stay as they are
        ("-0.5", "-0.5"),
        ("+3", "+3"),
        ("-1e-3", "-1e-3"),
        ("0.25", "0.25"),
        # a text that already begins with quotes before a trigger gets one more (so the rule can be undone)
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        # anything else is untouched
        ("plain text", "plain text"),
        ("", ""),
        (" =x", " =x"),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_csv_rule(value, written):
    assert csv_cell(value) == written
    assert restore_csv_cell(written) == value


def test_csv_frame_leaves_number_columns_alone():
    frame = pd.DataFrame({"label": ["=x", "ok"], "value": [-0.5, 2.0], "-col": ["a", "b"]})
    out = csv_frame(frame)
    assert out["label"].tolist() == ["'=x", "ok"]
    assert out["value"].tolist() == [-0.5, 2.0]
    assert list(out.columns) == ["label", "value", "'-col"]
    assert frame["label"].tolist() == ["=x", "ok"]  # the input is not changed


def test_html_and_markdown_escaping():
    assert html_text("<b>&\"'\nx") == "&lt;b&gt;&amp;&quot;&#x27;<br>x"
    assert escape_cell("a | b\\c\r\n d ") == "a \\| b\\\\c<br>d"


def test_hostile_strings_through_every_writer(tmp_path):
    frame = pd.DataFrame(
        {"case_id": [f"C{i}" for i in range(len(HOSTILE))], "title": HOSTILE, "score": [-0.5] * len(HOSTILE)}
    )
    path = tmp_path / "t.csv"
    write_csv(frame, path)
    text = path.read_text(encoding="utf-8")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    # no cell of the CSV begins with a formula character, except plain numbers
    for cell in raw.to_numpy().ravel():
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and (not cell.startswith("-") or cell == "-0.5"), cell
    assert "'=HYPERLINK" in text
    # read back for the workbook and Markdown: the original text, exactly
    # (line breaks inside a CSV cell are LF: the leading CR became one)
    assert read_csv_text(path)["title"].tolist() == [h.replace("\r", "\n") for h in HOSTILE]

    table = SheetTable("Hostile", read_csv_text(path), "hostile strings", (str(path),))
    write_synthesis_workbook(tmp_path / "s.xlsx", [table], {"run_date": "2020-01-01"})
    sheet = load_workbook(tmp_path / "s.xlsx")["Hostile"]
    cells = {c.value: c for c in sheet["B"][1:]}
    assert list(cells) == [h.replace("\r", "\n") for h in HOSTILE]  # stored as the text itself
    assert all(c.data_type == "s" for c in cells.values())
    assert cells['=HYPERLINK("http://x","y")'].quotePrefix  # shown as text, never evaluated

    markdown = markdown_table(table.frame)
    rows = markdown.splitlines()
    assert len(rows) == 2 + len(HOSTILE)  # no cell broke its row
    # three cells per row: split on the pipes that are not escaped
    assert all(len(re.split(r"(?<!\\)\|", r)) == 5 for r in rows[2:])
    assert "| C8 | two<br>lines | -0.5 |" in rows
    page = html_table(table.frame)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_csv_goes_through_the_one_writer():
    """The formula rule holds for every CSV only if every CSV is written by
    crosscase.ingest.store.write_csv: no other code calls DataFrame.to_csv or csv.writer."""
    from casebuilder import REPO

    writers = []
    for folder in ("crosscase", "workflow"):
        for path in sorted((REPO / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if (".to_csv(" in text or "csv.writer(" in text) and path != REPO / "crosscase/ingest/store.py":
                writers.append(str(path.relative_to(REPO)))
    assert writers == []

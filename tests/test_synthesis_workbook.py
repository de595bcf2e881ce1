"""The synthesis workbook: README first, one sheet per table, frozen bold
header, filters, formula-looking text stored as text, pinned timestamps."""

import json
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from crosscase.outputs.workbook import (
    SheetTable,
    build_workbook,
    decimal_formats,
    safe_sheet_title,
    synthesis_tables,
    typed_columns,
    write_synthesis_workbook,
)

PROVENANCE = {
    "run_date": "2024-05-06T07:08:09Z",
    "run_date_pinned": True,
    "software": {"crosscase": "0.1.0", "snakemake": "9.27.1"},
    "config_yaml": "cases: config/cases.tsv\nvocabulary: config/vocabulary.yaml\n",
    "inputs": [{"path": "data/raw/A1/case.xlsx", "bytes": 123, "sha256": "ab" * 32}],
}

QCA_RESULT = {
    "outcome": "SUCCESS",
    "negated": False,
    "conditions": ["FORESIGHT", "FIDELITY"],
    "truth_table": [
        {"row": 1, "config": "00", "out": "0", "n": 1, "incl": 0.0, "pri": 0.0, "cases": ["B2"]},
        {"row": 2, "config": "01", "out": "?", "n": 0, "incl": None, "pri": None, "cases": []},
        {"row": 4, "config": "11", "out": "1", "n": 2, "incl": 1.0, "pri": 1.0, "cases": ["A1", "C3"]},
    ],
    "solution": {
        "type": "conservative",
        "simplifying_assumptions": [],
        "models": [
            {
                "name": "M1",
                "expression": "FORESIGHT*FIDELITY",
                "incl": 1.0,
                "pri": 1.0,
                "cov": 1.0,
                "terms": [
                    {
                        "term": "FORESIGHT*FIDELITY",
                        "incl": 1.0,
                        "pri": 1.0,
                        "cov": 1.0,
                        "cov_unique": 1.0,
                        "cases": ["A1,C3"],
                    }
                ],
            }
        ],
    },
    "necessity": [{"condition": "FORESIGHT", "incl": 1.0, "ron": 1.0, "cov": 1.0}],
    "theory_evaluation": [],
}


@pytest.fixture
def results(tmp_path):
    """A small results/ tree like the workflow's."""
    root = tmp_path / "results"
    (root / "tables").mkdir(parents=True)
    (root / "crosscase" / "qca").mkdir(parents=True)
    for case in ("A1", "B2"):
        (root / "cases" / case).mkdir(parents=True)
        (root / "cases" / case / "metrics.csv").write_text(
            "metric,value\nfidelity,0.5000\ncontext_foresight,\n", encoding="utf-8"
        )
    (root / "tables" / "table2_typology.csv").write_text(
        "case_id,level.macro,level.meso\nA1,X,\nB2,,X\n", encoding="utf-8"
    )
    (root / "tables" / "table1_case_overview.csv").write_text(
        "case_id,change_through,overview,publications\n"
        'A1,=SUM(A1),"+44 a long overview ' + "x" * 120 + '",-\n'
        "B2,@mention,plain,007\n",
        encoding="utf-8",
    )
    (root / "crosscase" / "pattern_matching.csv").write_text(
        "case_id,fidelity,success_class\nA1,0.8000,more_successful\nB2,NA,mixed\n", encoding="utf-8"
    )
    (root / "crosscase" / "qca" / "default.json").write_text(json.dumps(QCA_RESULT), encoding="utf-8")
    (root / "crosscase" / "qca" / "default.csv").write_text(
        "case_id,FORESIGHT,FIDELITY,SUCCESS\nA1,1,1,1\nB2,0,0,0\n", encoding="utf-8"
    )
    (root / "crosscase" / "meta_matrix.md").write_text("| not a table file |\n", encoding="utf-8")
    return root


def table_paths(root):
    return [
        str(root / "tables" / "table1_case_overview.csv"),
        str(root / "tables" / "table2_typology.csv"),
        str(root / "tables" / "table2_typology.parquet"),  # ignored: not CSV/JSON
        str(root / "cases" / "A1" / "metrics.csv"),
        str(root / "cases" / "B2" / "metrics.csv"),
        str(root / "crosscase" / "pattern_matching.csv"),
        str(root / "crosscase" / "meta_matrix.md"),
        str(root / "crosscase" / "qca" / "default.json"),
        str(root / "crosscase" / "qca" / "default.csv"),
    ]


@pytest.fixture
def workbook_path(results, tmp_path):
    path = tmp_path / "synthesis.xlsx"
    write_synthesis_workbook(path, synthesis_tables(table_paths(results)), PROVENANCE)
    return path


def test_sheets_in_catalogue_order_with_readme_first(workbook_path):
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == [
        "README",
        "Table 1 Case overview",
        "Table 2 Typology",
        "Case metrics",
        "Pattern matching",
        "QCA default truth table",
        "QCA default solution",
        "QCA default necessity",
        "QCA default data",
    ]


def test_every_table_sheet_has_a_bold_frozen_header_and_a_filter(workbook_path):
    workbook = load_workbook(workbook_path)
    for sheet in workbook.worksheets[1:]:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(cell.font.b for cell in sheet[1] if cell.value is not None), sheet.title
    assert workbook["Table 2 Typology"].auto_filter.ref == "A1:C3"


def test_formula_looking_text_is_stored_as_text(workbook_path):
    sheet = load_workbook(workbook_path)["Table 1 Case overview"]
    for coordinate, text in (
        ("B2", "=SUM(A1)"),
        ("C2", "+44 a long overview " + "x" * 120),
        ("D2", "-"),
        ("B3", "@mention"),
    ):
        cell = sheet[coordinate]
        assert cell.value == text
        assert cell.data_type == "s", coordinate
        assert cell.quotePrefix, coordinate
    # and the file holds no formula at all
    with zipfile.ZipFile(workbook_path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    # the pipeline's own reader (calamine) sees the text, not a computed value
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(workbook_path)).get_sheet_by_name("Table 1 Case overview").to_python()
    assert rows[1][1] == "=SUM(A1)"


def test_cells_are_typed_wrapped_and_centred(workbook_path):
    workbook = load_workbook(workbook_path)
    overview = workbook["Table 1 Case overview"]
    assert overview["D3"].value == "007"  # identifier with a leading zero stays text
    assert overview["C2"].alignment.wrap_text  # long text wraps
    assert overview.column_dimensions["C"].width <= 60  # widths are capped
    typology = workbook["Table 2 Typology"]
    assert typology["B2"].value == "X" and typology["B2"].alignment.horizontal == "center"
    pattern = workbook["Pattern matching"]
    assert pattern["B2"].value == 0.8 and pattern["B2"].number_format == "0.0000"
    assert pattern["B3"].value == "NA"
    metrics = workbook["Case metrics"]
    # human labels for columns and machine-name values (crosscase.outputs.labels); the CSV keeps case_id, fidelity
    assert [[c.value for c in row] for row in metrics.iter_rows()] == [
        ["Case", "Metric", "Value"],
        ["A1", "Fidelity", 0.5],
        ["A1", "Context foresight", None],
        ["B2", "Fidelity", 0.5],
        ["B2", "Context foresight", None],
    ]
    truth = workbook["QCA default truth table"]
    # remainders are left out; configurations split into condition columns
    assert [[c.value for c in row] for row in truth.iter_rows()] == [
        ["Truth-table row", "FORESIGHT", "FIDELITY", "OUT", "n", "Consistency (incl)", "PRI", "Cases"],
        [1, 0, 0, 0, 1, 0, 0, "B2"],
        [4, 1, 1, 1, 2, 1, 1, "A1, C3"],
    ]


def test_readme_describes_every_sheet_and_the_provenance(workbook_path):
    workbook = load_workbook(workbook_path)
    readme = workbook["README"]
    text = [str(c.value) for row in readme.iter_rows() for c in row if c.value is not None]
    for title in workbook.sheetnames[1:]:
        assert title in text, title
    joined = "\n".join(text)
    assert "results/tables/table2_typology.csv" in joined.replace("\\", "/")
    assert "2024-05-06T07:08:09Z" in joined
    assert "snakemake version" in text and "9.27.1" in text
    assert "ab" * 32 in text and "data/raw/A1/case.xlsx" in text
    assert "cases: config/cases.tsv" in text


def test_pinned_run_date_gives_identical_bytes(results, tmp_path):
    tables = synthesis_tables(table_paths(results))
    write_synthesis_workbook(tmp_path / "a.xlsx", tables, PROVENANCE)
    write_synthesis_workbook(tmp_path / "b.xlsx", synthesis_tables(table_paths(results)), PROVENANCE)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-05-06T07:08:09Z" in core


def test_sheet_titles_are_valid_and_unique():
    used = {"readme"}
    assert safe_sheet_title("a/b:c*d?e[f]g\\h", used) == "a b c d e f g h"
    long = "A very long title that Excel would refuse"
    first = safe_sheet_title(long, used)
    second = safe_sheet_title(long, used)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert safe_sheet_title("README", used) == "README (2)"


def test_empty_tables_still_get_a_sheet():
    workbook = build_workbook(
        [
            SheetTable("Themes by case", pd.DataFrame(columns=["code", "case_id"]), "no data"),
            SheetTable("Nothing", pd.DataFrame(), "no columns"),
        ]
    )
    assert [c.value for c in workbook["Themes by case"][1]] == ["Code", "Case"]
    assert workbook["Nothing"]["A1"].value.startswith("(no columns")


def test_print_settings_and_row_heights_for_wrapped_text():
    text = "word " * 30  # 150 characters: wraps in a column 60 wide
    workbook = build_workbook(
        [SheetTable("T", pd.DataFrame({"case_id": ["A"], "note": [text + "\nsecond line"]}), "d")]
    )
    sheet = workbook["T"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1" and sheet.print_title_cols == "$A:$A"
    # 150 characters in a column 60 wide (58 a line): 3 lines, plus "second line": 4 lines x 15 points
    assert sheet.column_dimensions["B"].width == 60
    assert sheet.row_dimensions[2].height == 60


def test_typed_columns_and_formats():
    frame = pd.DataFrame(
        {"n": ["1", "2", ""], "x": ["0.5000", "NA", "1.2500"], "id": ["007", "8", "9"], "t": ["a", "1", "2"]}
    )
    typed = typed_columns(frame)
    assert typed["n"].tolist() == [1, 2, None]
    assert typed["x"].tolist() == [0.5, "NA", 1.25]
    assert typed["id"].tolist() == ["007", "8", "9"]
    assert typed["t"].tolist() == ["a", "1", "2"]
    assert decimal_formats(frame) == {"x": "0.0000"}


def plain_styler():
    """What write_table_sheet did before cell_styler: assign the format, then the alignment, on every cell."""

    def style(cell, number_format, alignment):
        if number_format is not None:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment

    return style


def test_cell_styler_gives_the_bytes_of_assigning_each_cell(tmp_path, monkeypatch):
    from crosscase.outputs import workbook as wb

    frame = pd.DataFrame(
        {
            "case_id": ["A1", "B2", "C3", "D4"],
            "score": ["0.5000", "1.0000", "", "0.2500"],  # four decimals: number format 0.0000
            "n": ["3", "10", "2", "7"],
            "mark": ["X", "", "X", "X"],
            "note": ["=SUM(A1)", "short", "x" * 70, "two\nlines"],  # formula-like text, long text, a line break
        }
    )
    tables = [SheetTable("Scores", frame, "scores", ("s.csv",)), SheetTable("Again", frame.iloc[::-1], "again", ())]
    write_synthesis_workbook(tmp_path / "fast.xlsx", tables, PROVENANCE)
    monkeypatch.setattr(wb, "cell_styler", plain_styler)
    write_synthesis_workbook(tmp_path / "plain.xlsx", tables, PROVENANCE)
    assert (tmp_path / "fast.xlsx").read_bytes() == (tmp_path / "plain.xlsx").read_bytes()
    sheet = load_workbook(tmp_path / "fast.xlsx")["Scores"]
    # by hand from the frame: B = score, D = mark, E = note (row 2 = A1 ... row 5 = D4)
    assert sheet["B2"].value == 0.5 and sheet["B2"].number_format == "0.0000"
    assert sheet["D2"].alignment.horizontal == "center" and sheet["D4"].alignment.horizontal == "center"
    assert sheet["E2"].value == "=SUM(A1)" and sheet["E2"].quotePrefix and sheet["E2"].alignment.vertical == "top"
    assert sheet["E4"].alignment.wrap_text and sheet["E5"].alignment.wrap_text  # 70 characters; a line break
    assert not sheet["E3"].alignment.wrap_text and sheet["E3"].alignment.vertical == "top"

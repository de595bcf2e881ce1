"""Outputs at many cases (docs/speed.md): the N x N Jaccard matrix becomes
nearest neighbours, over-long tables become an index of where their rows are,
and the figures switch to their many-case layouts. Thresholds are lowered here
so that the rules can be checked by hand on a few cases."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from crosscase.outputs import figures
from crosscase.outputs import workbook as wb
from crosscase.outputs.markdown import synthesis_markdown

# Jaccard similarities of four cases (symmetric, 1 on the diagonal), by hand
JACCARD = pd.DataFrame(
    [
        ["A", "1.0000", "0.5000", "0.2500", "0.5000"],
        ["B", "0.5000", "1.0000", "0.7500", "0.0000"],
        ["C", "0.2500", "0.7500", "1.0000", "0.2500"],
        ["D", "0.5000", "0.0000", "0.2500", "1.0000"],
    ],
    columns=["case_id", "A", "B", "C", "D"],
)


def jaccard_table():
    return wb.SheetTable(
        "Typology Jaccard", JACCARD, "Jaccard similarity.", ("results/crosscase/typology_jaccard.csv",)
    )


def test_jaccard_matrix_becomes_nearest_neighbours_above_many_cases(monkeypatch):
    assert not wb.is_jaccard_matrix(jaccard_table())  # 4 cases <= MANY_CASES (40): the matrix stays
    monkeypatch.setattr(wb, "MANY_CASES", 3)
    assert wb.is_jaccard_matrix(jaccard_table())
    neighbours = wb.jaccard_neighbours(jaccard_table(), k=2).frame
    # A: B and D both 0.5 -> case-list order B, D; B: C 0.75, A 0.5; C: B 0.75, then A and D 0.25 -> A;
    # D: A 0.5, then C 0.25
    assert neighbours.values.tolist() == [
        ["A", "B", "0.5000", "D", "0.5000"],
        ["B", "C", "0.7500", "A", "0.5000"],
        ["C", "B", "0.7500", "A", "0.2500"],
        ["D", "A", "0.5000", "C", "0.2500"],
    ]
    assert list(neighbours.columns) == ["case_id", "nearest_1", "jaccard_1", "nearest_2", "jaccard_2"]


def stacked_table():
    frame = pd.DataFrame({"case_id": ["A", "A", "A", "B", "B"], "code_a": list("vwxyz")})
    return wb.SheetTable(
        "Code co-occurrence",
        frame,
        "Pairs of codes.",
        ("results/cases/A/code_cooccurrence.csv", "results/cases/B/code_cooccurrence.csv"),
    )


def test_a_table_longer_than_the_limit_is_shown_as_an_index_of_its_rows():
    assert wb.shown(stacked_table(), 5).frame.equals(stacked_table().frame)
    index = wb.shown(stacked_table(), 4)
    assert index.title == "Code co-occurrence (index)"
    assert index.frame.values.tolist() == [
        ["A", 3, "results/cases/A/code_cooccurrence.csv"],
        ["B", 2, "results/cases/B/code_cooccurrence.csv"],
    ]
    assert "5 rows are more than this output shows (at most 4)" in index.description


def test_workbook_and_markdown_show_long_tables_as_indexes(monkeypatch, tmp_path):
    monkeypatch.setattr(wb, "SHEET_MAX_ROWS", 4)
    wb.write_synthesis_workbook(tmp_path / "s.xlsx", [stacked_table()])
    book = load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["README", "Code co-occurrence (index)"]
    rows = [[c.value for c in row] for row in book["Code co-occurrence (index)"].iter_rows()]
    assert rows == [
        ["Case", "Rows", "File"],  # human column labels in the workbook (crosscase.outputs.labels)
        ["A", 3, "results/cases/A/code_cooccurrence.csv"],
        ["B", 2, "results/cases/B/code_cooccurrence.csv"],
    ]
    monkeypatch.setattr("crosscase.outputs.markdown.TEXT_MAX_ROWS", 4)
    text = synthesis_markdown([stacked_table()])
    assert "## Code co-occurrence (index)" in text and "| A | 3 | results/cases/A/code_cooccurrence.csv |" in text


def test_figures_switch_to_their_many_case_layouts(monkeypatch):
    monkeypatch.setattr(figures, "MANY_CASES", 3)
    pattern = pd.DataFrame(
        {
            "case_id": list("ABCD"),
            "fidelity": [0.05, 0.15, 0.15, None],
            "attainment_intermediary": [1.0, 0.5, 0.0, 0.5],
            "success_class": ["more_successful", "mixed", "largely_failed", "mixed"],
        }
    )
    figure = figures.pattern_matching_figure(pattern)
    panels = figure.axes
    assert [a.get_title().splitlines()[1] for a in panels] == ["(NA: 1 cases)", "(NA: 0 cases)"]
    # fidelity: one case in bin [0, 0.1), two in [0.1, 0.2) (one mixed, one largely failed)
    heights = [round(p.get_height()) for p in panels[0].patches]
    assert sum(heights) == 3 and heights[:2] == [1, 0] and heights[10 + 1] == 1 and heights[20 + 1] == 1
    table2 = pd.DataFrame(
        {"case_id": list("ABCD"), "level.macro": ["X", "", "X", ""], "level.meso": ["", "X", "", "X"]}
    )
    heatmap = figures.typology_heatmap_figure(table2)
    assert len(heatmap.axes) == 1 and heatmap.axes[0].get_yticks().tolist() == []
    assert heatmap.axes[0].get_ylabel() == "4 cases, one row each, in case-list order (ids: table2_typology.csv)"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    figures._pyplot().close("all")

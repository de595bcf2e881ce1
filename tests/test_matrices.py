"""Framework matrices: case x theme and case x stage, long and wide."""

import pandas as pd

from crosscase.compare.matrices import NOT_WRITTEN, choose_quotes, pick_quotes, stage_matrix, theme_matrix, wide
from crosscase.ingest.contract import SCHEMAS

SEG_COLUMNS = ["case_id", *SCHEMAS["segments"].names]


def segs(rows):
    return pd.DataFrame(
        [
            (case, sid, "I1", "interview", "", "P1", "", code, text, emphasis, "", "", "", "", None, None)
            for case, sid, code, text, emphasis in rows
        ],
        columns=SEG_COLUMNS,
    )


CODEBOOK = pd.DataFrame(
    [
        ("A", "finance", "", "", "Money was short everywhere."),  # researcher-written summary
        ("A", "vision", "", "", ""),
        ("B", "vision", "", "", "  "),
    ],
    columns=["case_id", "code", "parent", "description", "summary"],
)
SEGMENTS = segs(
    [
        ("A", "A1", "finance", "Budgets were cut.", 1),
        ("A", "A2", "finance", "We had  no money.", 3),  # most emphatic: quoted first
        ("A", "A3", "finance", "Budgets were cut.", 2),  # same text as A1: quoted once
        ("A", "A4", "vision", "A clear plan.", None),
        ("B", "B1", "vision", "", 2),  # no text: never a quote
    ]
)


def test_theme_matrix_cells_hold_count_summary_and_quotes_with_ids():
    long = theme_matrix(CODEBOOK, SEGMENTS, ["A", "B", "C"], quotes_per_cell=2).set_index(["case_id", "code"])
    finance = long.loc[("A", "finance")]
    assert finance["segments"] == 3
    assert finance["summary"] == "Money was short everywhere." and finance["summary_written"] == "yes"
    # emphasis 3 first, then sheet order; whitespace collapsed; a repeated text quoted once
    assert finance["quotes"] == "\u201cWe had no money.\u201d (A2)\n\u201cBudgets were cut.\u201d (A3)"
    assert finance["quote_segment_ids"] == "A2;A3"
    assert finance["segment_ids"] == "A1;A2;A3"
    # never invented: a blank summary is marked not written
    assert long.loc[("B", "vision"), "summary"] == NOT_WRITTEN and long.loc[("B", "vision"), "summary_written"] == "no"
    assert long.loc[("B", "finance"), "segments"] == 0 and long.loc[("B", "finance"), "quotes"] == ""
    # case C has no coded data: no row
    assert "C" not in long.index.get_level_values(0)


def test_choose_quotes_by_emphasis_then_sheet_order_one_per_text():
    # (segment_id, text, emphasis) in sheet order; -1 is an unrated segment
    candidates = [
        ("S1", "Late  start.", 1.0),
        ("S2", "  ", 3.0),  # no text: left out, however emphatic
        ("S3", "Late start.", 2.0),  # the text of S1 once whitespace is collapsed
        ("S4", "Good support.", 2.0),
        ("S5", "Unrated.", -1.0),
    ]
    # by hand: emphasis 2 (S3, S4 in sheet order), then 1 (S1, same text as S3: skipped), then -1 (S5)
    assert choose_quotes(candidates, 3) == [("S3", "Late start."), ("S4", "Good support."), ("S5", "Unrated.")]
    assert choose_quotes(candidates, 1) == [("S3", "Late start.")]
    assert choose_quotes(candidates, 0) == [] and choose_quotes([], 2) == []


def test_quotes_per_cell_is_a_setting():
    assert pick_quotes(SEGMENTS[SEGMENTS["code"] == "finance"], 1) == [("A2", "We had no money.")]
    assert pick_quotes(SEGMENTS, 0) == []


def test_wide_layout_one_row_per_case():
    table = wide(theme_matrix(CODEBOOK, SEGMENTS, ["A", "B"], 1), "code", "segments", "segment")
    assert table.columns.tolist() == ["case_id", "finance", "vision"]
    assert table.iloc[0]["finance"] == "3 segments\nMoney was short everywhere.\n\u201cWe had no money.\u201d (A2)"
    assert table.iloc[1]["vision"] == f"1 segment\n{NOT_WRITTEN}"
    assert table.iloc[1]["finance"] == ""  # nothing coded, nothing written: a blank cell


def test_stage_matrix_summary_from_the_case_workbook_and_quotes_from_the_items_codes():
    framework = pd.DataFrame(
        [
            ("A", "A-C01", "context", "internal", "finance", "", True, "full", "", ""),
            ("A", "A-C02", "context", "external", "", "", False, "partial", "", "code:vision"),
        ],
        columns=[
            "case_id",
            "item_id",
            "stage",
            "facet",
            "category",
            "description",
            "anticipated",
            "observed",
            "beneficiary",
            "evidence",
        ],
    )
    summary = pd.DataFrame(
        [("A", "context_understood", "They knew money was short.")], columns=["case_id", "stage", "text"]
    )
    long = stage_matrix(framework, summary, CODEBOOK, SEGMENTS, ["A"], 1).set_index("element")
    understood = long.loc["Context: Understood"]  # anticipated context items: A-C01 (category finance)
    assert (understood["items"], understood["summary"], understood["codes"], understood["quote_segment_ids"]) == (
        1,
        "They knew money was short.",
        "finance",
        "A2",
    )
    experienced = long.loc["Context: Experienced"]  # occurred: both items; A-C02 cites code:vision
    assert (experienced["items"], experienced["item_ids"], experienced["codes"]) == (2, "A-C01;A-C02", "finance;vision")
    assert experienced["summary"] == NOT_WRITTEN
    assert long.loc["Mechanism: Planned", "items"] == 0

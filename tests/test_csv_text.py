"""The synthesis's fast CSV reader (crosscase.outputs.workbook.csv_text_rows,
text_frame, read_csv_text): the same frames as pandas.read_csv(dtype=str,
keep_default_na=False, na_filter=False), and pandas for what it reads otherwise.
Expected values are written out by hand from the CSV text of each case."""

import pandas as pd
import pytest

from crosscase.outputs.workbook import csv_text_rows, read_csv_text, text_frame


def pandas_text(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")


def test_rows_as_written_blank_lines_skipped_quoted_line_breaks_kept():
    text = 'case_id,note,score\nA1,"two\nlines",0.5000\n\nB2,,\nC3,"a, b",""\n'
    assert csv_text_rows(text) == (
        ["case_id", "note", "score"],
        [["A1", "two\nlines", "0.5000"], ["B2", "", ""], ["C3", "a, b", ""]],
    )
    assert csv_text_rows("a,b\n") == (["a", "b"], [])  # header only
    assert csv_text_rows('a\n""\n\n1\n') == (["a"], [[""], ["1"]])  # a quoted blank is a value


@pytest.mark.parametrize(
    "text",
    [
        "",  # no header: pandas raises EmptyDataError
        "a,a\n1,2\n",  # repeated name: pandas renames it a.1
        "a,\n1,2\n",  # empty name: pandas calls it Unnamed: 1
        "a,b\n1\n",  # short row: pandas fills NaN
        "a\n \n1\n",  # whitespace-only line: pandas skips it
        "\ufeffa,b\n1,2\n",  # byte-order mark: pandas drops it
    ],
)
def test_what_pandas_reads_otherwise_is_left_to_pandas(text):
    assert csv_text_rows(text) is None


def test_formula_guard_undone_in_cells_and_names():
    frame = text_frame(["'=h", "b"], [["'=SUM(A1)", "-0.5"], ["''+x", "'plain"]])
    assert list(frame.columns) == ["=h", "b"]
    # one quote removed before a formula character; a quote before other text is the text's own
    assert frame.to_numpy().tolist() == [["=SUM(A1)", "-0.5"], ["'+x", "'plain"]]
    assert frame.dtypes.tolist() == [object, object]


@pytest.mark.parametrize(
    "text",
    [
        'case_id,note\nA1,"x\ny"\nB2,\n',
        "a,b\n",
        "a,a\n1,2\n",
        "a\n \n1\n",
        "a,b\r\n1,2\r\n",
        "",
    ],
)
def test_read_csv_text_equals_pandas(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    got = read_csv_text(path)
    if text == "":
        assert got.empty and list(got.columns) == []
        return
    pd.testing.assert_frame_equal(got, pandas_text(path), check_exact=True)

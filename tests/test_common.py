"""The shared helpers (crosscase/common): one home per concern, each tested once here."""

import math
import os
import stat

import numpy as np
import pandas as pd
import pytest
from casebuilder import REPO, edited, minimal_case, write_workbook

from crosscase.common.files import atomic_write, write_text
from crosscase.common.markdown import escape_cell, pipe_table
from crosscase.common.missing import is_missing
from crosscase.common.text import fmt_float, fmt_int, normalise_term
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

VOCABULARY = load_vocabulary(REPO / "config" / "vocabulary.yaml")


@pytest.mark.parametrize("value", [None, math.nan, np.nan, np.float64("nan"), pd.NA, pd.NaT])
def test_missing_values(value):
    assert is_missing(value)


@pytest.mark.parametrize("value", ["", "NA", 0, 0.0, False, "x", [None], (math.nan,)])
def test_values_that_are_not_missing(value):
    assert not is_missing(value)


@pytest.mark.parametrize(
    "text", ["Senior-Management", "senior management", " Senior  management ", "senior_management"]
)
def test_one_term_rule(text):
    assert normalise_term(text) == "senior_management"


@pytest.mark.parametrize("written", ["Senior-Management", "Senior management"])
def test_every_controlled_column_takes_the_same_spellings(tmp_path, written):
    """The drift the house issue found: `Mental-Health` was accepted as a typology
    attribute but `Senior-Management` was rejected as an instigator_level."""
    sheets = edited(minimal_case("CS4"), "case", 7, "value", written)  # row 7: instigator_level
    sheets = edited(sheets, "typology", 14, "attribute", "Mental-Health")  # row 14: population.mental_health
    sheets = edited(sheets, "framework", 2, "category", "Austerity-and-Financial-Pressure")
    write_workbook(tmp_path / "CS4" / "case.xlsx", sheets)
    tables = load_case(tmp_path / "CS4", "CS4", VOCABULARY)
    assert tables["case_info"].loc[0, "instigator_level"] == "senior_management"
    assert "mental_health" in tables["typology"]["attribute"].tolist()
    assert tables["framework"].loc[0, "category"] == "austerity_and_financial_pressure"


def test_number_formats():
    assert fmt_float(17 / 18) == "0.9444"
    assert fmt_float(None) == fmt_float(math.nan) == ""
    assert fmt_float(0.5, 2) == "0.50"
    assert fmt_int(3.0) == "3" and fmt_int(None) == ""


def test_markdown_cells_survive_pipes_newlines_and_backslashes():
    assert escape_cell("a|b\nc\r\nd \\ e") == "a\\|b<br>c<br>d \\\\ e"
    assert escape_cell(None) == "" and escape_cell(math.nan) == ""
    assert escape_cell(0.1) == "0.1" and escape_cell(np.int64(3)) == "3"
    assert pipe_table(["x", "y|z"], [[1, "p|q"]], ["---:", "---"]) == [
        "| x | y\\|z |",
        "| ---: | --- |",
        "| 1 | p\\|q |",
    ]


def test_atomic_writes_leave_no_temporary_file_and_honour_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "out" / "a.md", "line\n")
    finally:
        os.umask(old)
    path = tmp_path / "out" / "a.md"
    assert path.read_bytes() == b"line\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # group and others may read
    with pytest.raises(RuntimeError):
        atomic_write(path, lambda tmp: (open(tmp, "w").write("half"), (_ for _ in ()).throw(RuntimeError("disk"))))
    assert path.read_bytes() == b"line\n"  # the old file is untouched
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md"]

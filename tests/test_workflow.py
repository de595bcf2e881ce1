"""End-to-end: the workflow on a temporary copy with small fixture cases."""

import hashlib

import pandas as pd
import pytest
from casebuilder import REPO, copy_workflow, edited, minimal_case, write_case, write_case_list, write_workbook

from workflow import snakemake

TABLES = ["table1_case_overview", "table2_typology", "table3_methods"]


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture
def two_cases(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    write_case(
        flow / "data/raw/A1", "A1", present=("level.macro", "role.policy"), methods_used=("interviews", "survey")
    )
    write_case(flow / "data/raw/B2", "B2", present=("level.meso",), methods_used=("interviews",))
    write_case_list(flow, [("B2", "Second", "", "yes"), ("A1", "First", "data/raw/A1", "yes")])
    return flow


def run_tables(flow):
    snakemake(flow, *[f"results/tables/{t}.csv" for t in TABLES])
    return {t: read_csv(flow / f"results/tables/{t}.csv") for t in TABLES}


def test_tables_have_exact_contents_in_case_list_order(two_cases):
    tables = run_tables(two_cases)
    assert tables["table1_case_overview"].to_dict("records") == [
        {
            "case_id": "B2",
            "change_through": "Change through B2",
            "overview": "Overview of B2.",
            "publications": "PB-B2",
        },
        {
            "case_id": "A1",
            "change_through": "Change through A1",
            "overview": "Overview of A1.",
            "publications": "PB-A1",
        },
    ]
    table2 = tables["table2_typology"]
    assert list(table2.columns) == [
        "case_id",
        "level.macro",
        "level.meso",
        "level.micro",
        "sector.acute",
        "sector.primary",
        "sector.social",
        "form.public",
        "form.third",
        "form.private",
        "role.provide",
        "role.purchase",
        "role.policy",
        "population.mental_health",
        "population.learning_disability",
        "population.older_people",
    ]
    assert table2.set_index("case_id").apply(lambda r: [c for c in r.index if r[c] == "X"], axis=1).to_dict() == {
        "B2": ["level.meso"],
        "A1": ["level.macro", "role.policy"],
    }
    assert set(table2.drop(columns="case_id").stack()) == {"X", ""}
    assert tables["table3_methods"].to_dict("records") == [
        {"method": "interviews", "cases": "B2, A1"},
        {"method": "observations", "cases": ""},
        {"method": "focus_groups", "cases": ""},
        {"method": "documentary_analysis", "cases": ""},
        {"method": "secondary_data_analysis", "cases": ""},
        {"method": "survey", "cases": "A1"},
    ]
    # every CSV has a Parquet twin with the same contents
    twin = pd.read_parquet(two_cases / "results/tables/table3_methods.parquet")
    assert twin.equals(tables["table3_methods"])
    # normalised tables are hive-partitioned per case
    assert (two_cases / "results/normalised/framework/case_id=A1/part-0.parquet").exists()


def test_adding_a_case_adds_it_everywhere_and_include_no_leaves_it_out(two_cases):
    run_tables(two_cases)
    write_case(two_cases / "data/raw/C3", "C3", present=("population.older_people",), methods_used=("observations",))
    write_case_list(two_cases, [("B2", "Second", "", "yes"), ("A1", "First", "", "yes"), ("C3", "Third", "", "yes")])
    tables = run_tables(two_cases)
    assert tables["table1_case_overview"]["case_id"].tolist() == ["B2", "A1", "C3"]
    assert tables["table2_typology"].set_index("case_id").loc["C3", "population.older_people"] == "X"
    assert tables["table3_methods"].set_index("method").loc["observations", "cases"] == "C3"

    write_case_list(two_cases, [("B2", "Second", "", "yes"), ("A1", "First", "", "no"), ("C3", "Third", "", "yes")])
    tables = run_tables(two_cases)
    assert tables["table1_case_overview"]["case_id"].tolist() == ["B2", "C3"]
    assert tables["table2_typology"]["case_id"].tolist() == ["B2", "C3"]
    assert tables["table3_methods"].set_index("method").loc["survey", "cases"] == ""


def test_every_bad_case_fails_in_one_run_with_messages_no_traceback_no_partial_output(two_cases):
    # one run, two bad cases: A1 with two problems, B2 with one (this test merges two that ran the workflow each)
    raw = two_cases / "data/raw/A1/case.xlsx"
    sheets = edited(minimal_case("A1"), "typology", 7, "present", "maybe")
    sheets = edited(sheets, "framework", 3, "item_id", "A1-C1")
    write_workbook(raw, sheets)
    write_workbook(two_cases / "data/raw/B2/case.xlsx", edited(minimal_case("B2"), "typology", 9, "present", "perhaps"))
    before = hashlib.sha256(raw.read_bytes()).hexdigest()
    result = snakemake(two_cases, "results/tables/table1_case_overview.csv", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/raw/A1/case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no" in output
    assert "data/raw/A1/case.xlsx, sheet 'framework', row 3, column 'item_id': 'A1-C1' is a duplicate" in output
    assert "data/raw/B2/case.xlsx, sheet 'typology', row 9, column 'present': 'perhaps' is not one of yes/no" in output
    assert "Traceback" not in output
    for case_id in ("A1", "B2"):
        assert not list((two_cases / "results/normalised").glob(f"*/case_id={case_id}/*"))
    assert not list((two_cases / "results/normalised").rglob("*.tmp"))
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == before  # data/raw is never written


def test_invalid_case_list_is_rejected(two_cases):
    write_case_list(two_cases, [("1bad", "Bad id", "", "yes")])
    result = snakemake(two_cases, "-n", check=False)
    assert result.returncode != 0
    assert "1bad" in result.stdout + result.stderr


def test_duplicate_case_id_is_rejected(tmp_path):
    # the same reader as the workflow's (rules/common.smk); test_invalid_case_list_is_rejected shows
    # that the workflow stops on its error at DAG time
    from crosscase.ingest.cases import CaseListError, read_case_list

    (tmp_path / "config").mkdir()
    write_case_list(tmp_path, [("A1", "One", "", "yes"), ("A1", "Again", "", "yes")])
    with pytest.raises(CaseListError) as caught:
        read_case_list(tmp_path / "config/cases.tsv")
    # line 3 of the case list written above repeats line 2's id (crosscase.ingest.settings)
    assert str(caught.value) == (
        f"{tmp_path / 'config/cases.tsv'}, line 3, column 'case_id': 'A1' is a duplicate (line 2); case ids must be unique"
    )


# Byte-identical re-runs: test_report.py's forced re-run compares the whole results/ tree.


def test_lint_is_clean():
    result = snakemake(REPO, "--lint", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Congratulations, your workflow is in a good condition!" in result.stdout + result.stderr


def test_dry_run_of_shipped_workflow_succeeds():
    result = snakemake(REPO, "-n", "--forceall", check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

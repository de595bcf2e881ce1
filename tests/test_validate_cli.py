"""`crosscase validate`: the pipeline's messages without running the pipeline;
and a filled-in template going all the way through the workflow."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from casebuilder import REPO, copy_workflow, edited, minimal_case, write_case, write_case_list, write_workbook
from openpyxl import load_workbook

from workflow import run_cli, snakemake


@pytest.fixture
def flow(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    write_case(flow / "data/raw/A1", "A1")
    write_case(flow / "data/raw/CS4", "CS4")
    write_case_list(flow, [("A1", "First", "", "yes"), ("CS4", "Fourth", "data/raw/CS4", "no")])
    return flow


def test_clean_cases_exit_0_with_ok_lines(flow, capsys):
    assert run_cli(["validate", "--root", str(flow)]) == 0
    assert capsys.readouterr().out.splitlines() == ["A1: ok", "CS4 (include=no): ok", "all 2 cases ok"]


def test_a_bad_case_exits_1_with_the_pipelines_message(flow, capsys, monkeypatch):
    sheets = edited(minimal_case("CS4"), "typology", 7, "present", "maybe")
    sheets = edited(sheets, "methods", 3, "used", "perhaps")
    write_workbook(flow / "data/raw/CS4/case.xlsx", sheets)
    assert run_cli(["validate", "--root", str(flow)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "A1: ok",
        "CS4 (include=no): 2 problems",
        "  - data/raw/CS4/case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no",
        "  - data/raw/CS4/case.xlsx, sheet 'methods', row 3, column 'used': 'perhaps' is not one of yes/no",
        "1 of 2 cases with problems",
    ]
    # the same message the pipeline gives
    from crosscase.common.problems import DataError
    from crosscase.ingest.vocabulary import load_vocabulary
    from crosscase.ingest.workbooks import load_case

    monkeypatch.chdir(flow)
    with pytest.raises(DataError) as caught:
        load_case("data/raw/CS4", "CS4", load_vocabulary("config/vocabulary.yaml"))
    assert str(list(caught.value.problems)[0]) == (
        "data/raw/CS4/case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no"
    )


def test_only_the_named_cases_are_checked(flow, capsys):
    write_workbook(flow / "data/raw/CS4/case.xlsx", edited(minimal_case("CS4"), "typology", 7, "present", "maybe"))
    assert run_cli(["validate", "A1", "--root", str(flow)]) == 0
    assert capsys.readouterr().out.splitlines() == ["A1: ok", "all 1 case ok"]


def test_an_unknown_id_is_a_usage_error(flow, capsys):
    assert run_cli(["validate", "A1", "Z9", "--root", str(flow)]) == 2
    captured = capsys.readouterr()
    assert captured.err == "crosscase validate: unknown case ID 'Z9': not in config/cases.tsv (known: A1, CS4)\n"
    assert captured.out == ""


def test_a_missing_folder_and_a_broken_case_list(flow, capsys):
    with open(flow / "config/cases.tsv", "a") as handle:
        handle.write("GONE\tMissing\tdata/raw/GONE\tyes\n")
    assert run_cli(["validate", "GONE", "--root", str(flow)]) == 1
    # the line of cases.tsv, the case and its folder (crosscase.ingest.settings.check_case_folders)
    assert (
        "config/cases.tsv, line 4: case GONE: case folder data/raw/GONE does not exist "
        "(see the path column of config/cases.tsv)"
    ) in capsys.readouterr().out
    (flow / "config/cases.tsv").write_text("case_id\tlabel\tinclude\n1bad\tx\tyes\n")
    assert run_cli(["validate", "--root", str(flow)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crosscase validate: ") and "Traceback" not in err


def test_console_command(flow):
    """The installed `crosscase` command, as a user runs it."""
    script = Path(sys.executable).parent / "crosscase"
    result = subprocess.run([str(script), "validate", "--root", str(flow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "all 2 cases ok"


def test_shipped_cases_validate_clean():
    """The shipped cases are clean (its speed is measured by bench/bench_ingest.py)."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from crosscase.cli.main import main; sys.exit(main(['validate']))"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "all 9 cases ok"


def fill_template(path: Path) -> None:
    """Fill a blank template the way a user would, with valid values."""
    workbook = load_workbook(path)
    values = {
        "title": "A filled-in template",
        "change_through": "Peer support",
        "overview": "A small test case.",
        "publications": "none",
        "instigator_level": "frontline",
        "reported_success": "mixed",
        "sources": "test",
    }
    for row in workbook["case"].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    for row in workbook["typology"].iter_rows(min_row=2):
        row[2].value = "yes" if (row[0].value, row[1].value) in {("level", "micro"), ("sector", "primary")} else "no"
    for row in workbook["methods"].iter_rows(min_row=2):
        row[1].value = "yes" if row[0].value in ("interviews", "documentary_analysis") else "no"
        row[2].value = 4 if row[0].value == "interviews" else None
    framework = workbook["framework"]
    # the started resources row: the user writes its description and judges it
    header = [cell.value for cell in framework[1]]
    framework.cell(2, header.index("description") + 1, "Funding for two years")
    framework.cell(2, header.index("observed") + 1, "full")
    for item in (
        [
            "C1",
            "context",
            "external",
            "austerity_and_financial_pressure",
            "Budgets were cut",
            "yes",
            "full",
            None,
            "doc",
        ],
        ["C2", "context", "internal", "leadership", "A new manager arrived", "no", "full", None, "interviews"],
        [
            "T1",
            "mechanism",
            "change_theory",
            "improvement_science",
            "Small tests of change",
            "yes",
            "partial",
            None,
            "doc",
        ],
        [
            "A1",
            "mechanism",
            "change_activity",
            "training_and_development; learning_networks",
            "Training",
            "yes",
            "full",
            None,
            "doc",
        ],
        [
            "O1",
            "outcome",
            "intermediary",
            "practice_change",
            "Practice changed",
            "yes",
            "partial",
            "staff",
            "interviews",
        ],
    ):
        framework.append(item)
    for row in workbook["summary"].iter_rows(min_row=2):
        row[1].value = f"Summary: {row[0].value}"
    workbook.save(path)


def test_a_filled_template_validates_and_runs_through_the_workflow(flow, capsys):
    assert run_cli(["new-case", "NEW", "--root", str(flow)]) == 0
    capsys.readouterr()
    assert run_cli(["validate", "NEW", "--root", str(flow)]) == 1  # blank: required fields missing
    assert "NEW: " in capsys.readouterr().out
    fill_template(flow / "data/raw/NEW/case.xlsx")
    assert run_cli(["validate", "NEW", "--root", str(flow)]) == 0
    assert capsys.readouterr().out.splitlines() == ["NEW: ok", "all 1 case ok"]

    snakemake(flow)
    table1 = pd.read_csv(flow / "results/tables/table1_case_overview.csv", dtype=str, keep_default_na=False)
    assert table1["case_id"].tolist() == ["A1", "NEW"]
    assert table1.iloc[1].to_dict() == {
        "case_id": "NEW",
        "change_through": "Peer support",
        "overview": "A small test case.",
        "publications": "none",
    }
    table2 = pd.read_csv(flow / "results/tables/table2_typology.csv", dtype=str, keep_default_na=False).set_index(
        "case_id"
    )
    assert [c for c in table2.columns if table2.loc["NEW", c] == "X"] == ["level.micro", "sector.primary"]
    workbook = load_workbook(flow / "results/synthesis.xlsx")
    overview = workbook["Table 1 Case overview"]
    assert [c.value for c in overview["A"]] == ["Case", "A1", "NEW"]  # the workbook's human column label
    assert "NEW" in (flow / "results/synthesis.md").read_text()

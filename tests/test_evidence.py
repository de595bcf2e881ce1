"""Joint display (citations resolved or flagged) and the cross-case evidence tables."""

import importlib.util

import pandas as pd
import pytest
import yaml
from casebuilder import REPO, copy_workflow, edited, minimal_case, write_case, write_case_list, write_workbook
from evidencebuilder import interview_sheets, secondary_sheets, survey_sheets
from python_calamine import CalamineWorkbook

from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case
from crosscase.within.evidence import CASE_RESULT_TABLES, case_analyses, parse_evidence, themes_by_case
from workflow import snakemake


def test_parse_evidence_splits_citations_from_free_text():
    assert parse_evidence("s3.1 (PB1); survey:Q1;code: leadership\nIndicator:people supported; survey:") == (
        [("survey", "Q1"), ("code", "leadership"), ("indicator", "people supported")],
        "s3.1 (PB1); survey:",
    )
    assert parse_evidence(None) == ([], "")


def evidence_case(folder, case_id="E1"):
    sheets = minimal_case(case_id)
    # O1 cites a survey item, a construct, a code and an indicator; O2 cites things that do not exist
    sheets = edited(
        sheets,
        "framework",
        7,
        "evidence",
        "s3.1; survey:Q1; survey:change_skills; code:austerity_and_financial_pressure; indicator:evictions",
    )
    sheets = edited(sheets, "framework", 8, "evidence", "survey:Q9; code:context; code:nowhere; indicator:admissions")
    write_workbook(folder / "case.xlsx", sheets)
    write_workbook(folder / "survey.xlsx", survey_sheets())
    write_workbook(folder / "interviews.xlsx", interview_sheets())
    write_workbook(folder / "secondary.xlsx", secondary_sheets())
    return folder


def test_joint_display_resolves_citations_and_flags_dangling_ones(tmp_path):
    folder = evidence_case(tmp_path / "E1")
    tables = load_case(folder, "E1", load_vocabulary(REPO / "config/vocabulary.yaml"))
    display = case_analyses(tables)["joint_display"]
    o1 = display[display["item_id"] == "E1-O1"]
    assert o1[["citation", "status"]].values.tolist() == [
        ["survey:Q1", "resolved"],
        ["survey:change_skills", "resolved"],
        ["code:austerity_and_financial_pressure", "resolved"],
        ["indicator:evictions", "resolved"],
    ]
    assert set(o1["evidence_note"]) == {"s3.1"}
    findings = dict(zip(o1["citation"], o1["finding"]))
    traces = dict(zip(o1["citation"], o1["trace"]))
    assert findings["survey:Q1"].startswith("pre 2.5 -> post 4; Wilcoxon T=0, n_pairs=2, p=0.5")
    assert traces["survey:change_skills"] == "construct change_skills: items Q1;Q2; 3 respondents"
    assert findings["code:austerity_and_financial_pressure"].startswith(
        "2 segments in 2 sources; 2 groups, 2 individuals"
    )
    assert traces["code:austerity_and_financial_pressure"] == "segments S1;S3"
    assert findings["indicator:evictions"] == (
        "2008: 3 people (target 2, lower is better: met no, attainment 0.667); 2007 1 -> change 2 (worsened)"
    )

    o2 = display[display["item_id"] == "E1-O2"]
    assert o2[["citation", "status", "finding"]].values.tolist() == [
        ["survey:Q9", "dangling", "no survey item or construct of this name in this case"],
        ["code:context", "no_data", "code in the codebook but no coded segments"],
        ["code:nowhere", "dangling", "no code of this name in this case's codebook"],
        ["indicator:admissions", "dangling", "no indicator of this name in this case's secondary data"],
    ]
    # items citing nothing are still listed, once each
    c1 = display[display["item_id"] == "E1-C1"]
    assert c1[["citation", "status", "evidence_note"]].values.tolist() == [["", "no_citation", "s3.1"]]


def test_themes_by_case_keeps_the_segment_ids_of_every_cell():
    codebook = pd.DataFrame(
        [("A", "x", "", ""), ("A", "y", "", ""), ("B", "y", "", ""), ("B", "z", "", "")],
        columns=["case_id", "code", "parent", "description"],
    )
    segments = pd.DataFrame(
        [
            ("A", "A-1", "I1", "interview", "", "P1", "", "x", "t", None),
            ("B", "B-1", "I1", "interview", "", "P1", "", "y", "t", None),
            ("B", "B-2", "I2", "interview", "", "P2", "", "y", "t", None),
        ],
        columns=[
            "case_id",
            "segment_id",
            "source_id",
            "source_type",
            "group_id",
            "participant_id",
            "participant_role",
            "code",
            "text",
            "emphasis",
        ],
    )
    table = themes_by_case(codebook, segments, ["B", "A"])
    assert table.values.tolist() == [
        ["y", "B", "yes", 2, 2, 2, 2, "B-1;B-2"],
        ["y", "A", "yes", 0, 0, 0, 0, ""],
        ["z", "B", "yes", 0, 0, 0, 0, ""],
        ["z", "A", "no", 0, 0, 0, 0, ""],
        ["x", "B", "no", 0, 0, 0, 0, ""],
        ["x", "A", "yes", 1, 1, 1, 1, "A-1"],
    ]


@pytest.fixture
def evidence_flow(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    evidence_case(flow / "data/raw/E1")
    write_case(flow / "data/raw/E2", "E2")
    write_case_list(flow, [("E2", "Plain", "", "yes"), ("E1", "With evidence", "", "yes")])
    return flow


def test_workflow_writes_evidence_outputs_byte_identically(evidence_flow):
    flow = evidence_flow
    crosscase = [
        "results/crosscase/themes_by_case.csv",
        "results/crosscase/survey_by_case.csv",
        "results/crosscase/indicators_by_case.csv",
    ]
    per_case = [f"results/cases/{case}/{name}.csv" for case in ("E1", "E2") for name in CASE_RESULT_TABLES]
    snakemake(flow, *crosscase, *per_case)
    first = {path: (flow / path).read_bytes() for path in crosscase + per_case}
    survey = pd.read_csv(flow / "results/crosscase/survey_by_case.csv", dtype=str, keep_default_na=False)
    assert survey["case_id"].unique().tolist() == ["E1"]
    assert survey[["item", "construct", "n", "n_pairs", "test"]].values.tolist() == [
        ["Q1", "change_skills", "3", "2", "wilcoxon"],
        ["Q2", "change_skills", "3", "2", "wilcoxon"],
        ["Q3", "", "3", "1", "wilcoxon"],
        ["", "change_skills", "3", "2", "wilcoxon"],
    ]
    display = pd.read_csv(flow / "results/cases/E1/joint_display.csv", dtype=str, keep_default_na=False)
    assert display.loc[display["status"] == "dangling", "citation"].tolist() == [
        "survey:Q9",
        "code:nowhere",
        "indicator:admissions",
    ]
    empty = pd.read_csv(flow / "results/cases/E2/survey_items.csv")
    assert empty.empty and "distribution" in empty.columns

    snakemake(flow, "--forceall", *crosscase, *per_case)
    assert {path: (flow / path).read_bytes() for path in crosscase + per_case} == first


# ---------------------------------------------------------------- the shipped synthetic files

SYNTHETIC_FILES = sorted(
    path.relative_to(REPO / "data/raw").as_posix()
    for pattern in ("survey.xlsx", "interviews.xlsx", "secondary.xlsx", "ratings.xlsx")
    for path in (REPO / "data/raw").glob(f"*/{pattern}")
)


def test_shipped_synthetic_files_equal_a_fresh_run_of_the_generator(tmp_path):
    spec = importlib.util.spec_from_file_location("make_synthetic_data", REPO / "tools/make_synthetic_data.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main(["--out", str(tmp_path / "raw"), "--citations", str(tmp_path / "citations.yaml")])
    fresh = sorted(p.relative_to(tmp_path / "raw").as_posix() for p in (tmp_path / "raw").glob("*/*.xlsx"))
    assert fresh == SYNTHETIC_FILES
    for name in fresh:
        assert (tmp_path / "raw" / name).read_bytes() == (REPO / "data/raw" / name).read_bytes(), (
            f"data/raw/{name} is out of date; run tools/make_synthetic_data.py"
        )
    assert (tmp_path / "citations.yaml").read_text() == (REPO / "data/source/evidence_citations.yml").read_text()


@pytest.mark.parametrize("name", SYNTHETIC_FILES)
def test_every_synthetic_file_says_so_in_sheet_about(name):
    workbook = CalamineWorkbook.from_path(str(REPO / "data/raw" / name))
    assert "about" in workbook.sheet_names
    about = dict((row[0], row[1]) for row in workbook.get_sheet_by_name("about").to_python()[1:])
    assert about["synthetic"].startswith("YES.")
    assert about["generator"] == "tools/make_synthetic_data.py" and about["seed"]


def test_every_shipped_citation_resolves():
    citations = yaml.safe_load((REPO / "data/source/evidence_citations.yml").read_text())
    vocabulary = load_vocabulary(REPO / "config/vocabulary.yaml")
    for case, items in citations.items():
        tables = load_case(REPO / "data/raw" / case, case, vocabulary)
        framework = tables["framework"]
        assert set(items) <= set(framework["item_id"]), case
        framework["evidence"] = ["; ".join(items.get(i, [])) for i in framework["item_id"]]
        display = case_analyses(tables)["joint_display"]
        cited = display[display["citation"] != ""]
        assert len(cited) == sum(len(v) for v in items.values())
        assert cited["status"].eq("resolved").all(), cited[cited["status"] != "resolved"][
            ["item_id", "citation", "status"]
        ]

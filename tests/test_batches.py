"""Within-case batches: the case -> batch assignment, byte-identical outputs to
one job per step, a bad case among good ones, and a one-case edit re-running
only its own batch."""

import re
import zlib
from pathlib import Path

import pytest
from casebuilder import copy_workflow, edited, minimal_case, write_case, write_case_list, write_workbook
from evidencebuilder import interview_sheets, secondary_sheets, survey_sheets

from crosscase.common.files import write_text
from crosscase.compare.sensitivity import sensitivity
from crosscase.ingest.contract import TABLES
from crosscase.ingest.store import read_table, write_case_table, write_csv, write_parquet
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case
from crosscase.within.batch import BatchError, assign_batches, batch_of, case_outputs, number_of_batches, run_batch
from crosscase.within.cmo import case_chains, cmo_markdown, cmo_schema
from crosscase.within.evidence import CASE_INPUT_TABLES, CASE_RESULT_TABLES, case_analyses, read_case_table
from crosscase.within.framework import (
    case_metrics,
    framework_markdown,
    framework_table,
    metrics_records,
    metrics_schema,
    metrics_table,
)
from crosscase.within.propositions import case_records, propositions_from_config
from crosscase.within.secondary import indicators_schema
from crosscase.within.sensitivity import robustness_schema, sensitivity_schema
from crosscase.within.success import DEFAULT_RULE
from crosscase.within.survey import survey_tests_schema
from workflow import snakemake

REPO = Path(__file__).resolve().parents[1]
WEIGHTS = {"full": 1.0, "partial": 0.5, "none": 0.0}


def test_number_of_batches_is_the_largest_power_of_two_within_cases_over_batch_size():
    # cases // batch_size = 0, 1, 3, 4, 40 -> 1, 1, 2, 4, 32 (2**5 = 32 <= 40 < 64)
    assert [number_of_batches(n, 25) for n in (9, 25, 99, 100, 1000)] == [1, 1, 2, 4, 32]
    assert number_of_batches(1001, 25) == 32  # one more case: no reshuffle


def test_batch_is_crc32_of_case_id_modulo_batches():
    # zlib.crc32: A1 4184173697, B2 1262579448, C3 626880303 (odd, even, odd)
    assert [zlib.crc32(c.encode()) for c in ("A1", "B2", "C3")] == [4184173697, 1262579448, 626880303]
    assert [batch_of(c, 2) for c in ("A1", "B2", "C3")] == [1, 0, 1]
    assert assign_batches(["A1", "B2", "C3"], batch_size=1) == {"batch0of2": ["B2"], "batch1of2": ["A1", "C3"]}
    assert assign_batches(["A1", "B2", "C3"], batch_size=25) == {"batch0of1": ["A1", "B2", "C3"]}
    # adding a case leaves every other case in its batch
    before = assign_batches(["A1", "B2", "C3", "D4"], batch_size=2)
    after = assign_batches(["A1", "B2", "C3", "D4", "E5"], batch_size=2)
    assert {c: b for b, cs in before.items() for c in cs}.items() <= {
        c: b for b, cs in after.items() for c in cs
    }.items()


def full_case(folder: Path, case_id: str) -> Path:
    sheets = edited(
        minimal_case(case_id), "framework", 7, "evidence", "s3.1; survey:Q1; code:leadership; indicator:evictions"
    )
    write_workbook(folder / "case.xlsx", sheets)
    write_workbook(folder / "survey.xlsx", survey_sheets())
    write_workbook(folder / "interviews.xlsx", interview_sheets())
    write_workbook(folder / "secondary.xlsx", secondary_sheets())
    return folder


def one_job_per_step(case_dir: Path, case_id: str, vocabulary, root: Path) -> None:
    """What the three per-case jobs (ingest_case, case_framework, case_evidence) did before batching
    (their adapters as of commit f421376, verbatim but for the paths)."""
    paths = {k: root / v for k, v in case_outputs(case_id).items()}
    tables = load_case(case_dir, case_id, vocabulary)
    for name in TABLES:
        write_case_table(name, tables[name], paths[f"normalised/{name}"])
    items = read_table([paths["normalised/framework"]], "framework", [case_id])
    summary = read_table([paths["normalised/summary"]], "summary", [case_id])
    info = read_table([paths["normalised/case_info"]], "case_info", [case_id])
    title = info["title"].iloc[0]
    metrics = case_metrics(items, WEIGHTS)
    write_csv(framework_table(summary, items), paths["case_framework/csv"])
    write_csv(metrics_table(metrics), paths["case_framework/metrics"])
    write_parquet(metrics_records(metrics), paths["case_framework/metrics_parquet"], schema=metrics_schema())
    write_text(paths["case_framework/markdown"], framework_markdown(case_id, title, summary, items, metrics))
    chains = case_chains(items)
    write_csv(chains, paths["case_framework/cmo_csv"])
    write_text(paths["case_framework/cmo_md"], cmo_markdown(case_id, title, chains, items))
    write_parquet(chains, paths["case_framework/cmo_parquet"], cmo_schema())  # read by crosscase_patterns
    # the case's rows of what crosscase_patterns computed over every case before (compare.sensitivity)
    changes, robustness = sensitivity(
        propositions_from_config({}), {case_id: case_records(items)}, DEFAULT_RULE, WEIGHTS
    )
    write_parquet(changes.drop(columns="case_id"), paths["case_framework/sensitivity_parquet"], sensitivity_schema())
    write_parquet(robustness.drop(columns="case_id"), paths["case_framework/robustness_parquet"], robustness_schema())
    inputs = {name: read_case_table(paths[f"normalised/{name}"], name) for name in CASE_INPUT_TABLES}
    results = case_analyses(inputs)
    for name in CASE_RESULT_TABLES:
        write_csv(results[name], paths[f"case_evidence/{name}"])
    # the survey tests again as typed rows, which crosscase_evidence reads instead of re-running them
    write_parquet(results["survey_tests"], paths["case_evidence/survey_tests_parquet"], survey_tests_schema())
    write_parquet(results["indicators"], paths["case_evidence/indicators_parquet"], indicators_schema())
    # the REFI-QDA export (issue 15), from the normalised codebook and segments
    from crosscase import __version__
    from crosscase.ingest.refiqda_export import write_qdpx

    write_qdpx(paths["case_evidence/qdpx"], case_id, inputs["codebook"], inputs["segments"], __version__)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_batch_writes_the_same_bytes_as_one_job_per_step(tmp_path, monkeypatch):
    vocabulary = load_vocabulary(REPO / "config" / "vocabulary.yaml")
    cases = [("E1", full_case(tmp_path / "raw/E1", "E1")), ("E2", tmp_path / "raw/E2")]
    write_case(tmp_path / "raw/E2", "E2")  # case.xlsx only: empty survey, interview and secondary tables
    for case_id, folder in cases:
        one_job_per_step(folder, case_id, vocabulary, tmp_path / "steps")
    (tmp_path / "batch").mkdir()
    monkeypatch.chdir(tmp_path / "batch")
    assert run_batch([(c, str(f)) for c, f in cases], vocabulary, WEIGHTS) == ["E1", "E2"]
    steps, batch = tree(tmp_path / "steps"), tree(tmp_path / "batch")
    # per case: 12 normalised tables, 9 case_framework files (sensitivity, robustness and CMO chain rows
    # included), 12 case_evidence tables, their survey tests and indicator summary as typed rows and the .qdpx export
    assert len(steps) == 2 * (len(TABLES) + 9 + len(CASE_RESULT_TABLES) + 2 + 1) == 72
    assert batch == steps


def test_a_bad_case_is_reported_and_leaves_no_outputs_while_the_good_ones_are_built(tmp_path, monkeypatch):
    vocabulary = load_vocabulary(REPO / "config" / "vocabulary.yaml")
    for case_id in ("G1", "X2", "G3"):
        write_case(tmp_path / "raw" / case_id, case_id)
    write_workbook(tmp_path / "raw/X2/case.xlsx", edited(minimal_case("X2"), "typology", 7, "present", "maybe"))
    monkeypatch.chdir(tmp_path)
    stale = Path(case_outputs("X2")["case_framework/csv"])
    stale.parent.mkdir(parents=True)
    stale.write_text("from an earlier run\n")
    reported = []
    with pytest.raises(
        BatchError,
        match=r"^1 of the 3 cases of this batch have problems \(listed above\) and were "
        r"not built: X2; the other 2 were built$",
    ):
        run_batch([(c, f"raw/{c}") for c in ("G1", "X2", "G3")], vocabulary, WEIGHTS, report=reported.append)
    assert reported == [
        "crosscase: case X2: 1 problem found:\n  - raw/X2/case.xlsx, sheet 'typology', row 7, "
        "column 'present': 'maybe' is not one of yes/no"
    ]
    for case_id, exists in (("G1", True), ("X2", False), ("G3", True)):
        assert all(Path(p).exists() == exists for p in case_outputs(case_id).values())


def planned_jobs(result) -> list[str]:
    return sorted(set(re.findall(r"^rule (within_\w+):$", result.stdout + result.stderr, flags=re.M)))


def test_bad_case_in_a_workflow_batch_and_one_case_edit_reruns_only_its_batch(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    config = flow / "config/config.yaml"
    config.write_text(config.read_text().replace("batch_size: 25", "batch_size: 1"))
    for case_id in ("A1", "B2", "C3"):
        write_case(flow / f"data/raw/{case_id}", case_id)
    # batch_size 1, three cases: two batches, B2 in batch0of2, A1 and C3 in batch1of2 (see above)
    write_workbook(flow / "data/raw/A1/case.xlsx", edited(minimal_case("A1"), "typology", 7, "present", "maybe"))
    write_case_list(flow, [("A1", "First", "", "yes"), ("B2", "Second", "", "yes"), ("C3", "Third", "", "yes")])
    targets = [p for c in ("A1", "B2", "C3") for p in case_outputs(c).values()]
    result = snakemake(flow, *targets, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "crosscase: case A1: 1 problem found:" in output
    assert "data/raw/A1/case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no" in output
    assert "were not built: A1; the other 1 were built" in output
    assert "Traceback" not in output
    built = {c: [(flow / p).exists() for p in case_outputs(c).values()] for c in ("A1", "B2", "C3")}
    n = len(case_outputs("A1"))  # 36: 12 normalised tables, 9 framework files, 15 evidence files
    assert n == 36 and built == {"A1": [False] * n, "B2": [True] * n, "C3": [True] * n}
    # the bad case's missing outputs make the next run re-run its batch, and only that one
    assert planned_jobs(snakemake(flow, "-n", *targets)) == ["within_batch1of2"]
    write_case(flow / "data/raw/A1", "A1")
    snakemake(flow, *targets)
    assert planned_jobs(snakemake(flow, "-n", *targets)) == []
    write_workbook(flow / "data/raw/B2/case.xlsx", edited(minimal_case("B2"), "case", 3, "value", "New title"))
    assert planned_jobs(snakemake(flow, "-n", *targets)) == ["within_batch0of2"]

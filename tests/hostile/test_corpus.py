"""The hostile corpus (tests/hostile/corpus.py) through `crosscase validate`
(in-process) and, for a few entries, through the workflow: each gives exactly
its one expected line, no traceback, no results/ and data/raw unchanged."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from casebuilder import copy_workflow  # noqa: E402
from corpus import CASE, ENTRIES, base_project  # noqa: E402

from workflow import run_cli, snakemake  # noqa: E402

FAMILIES = {"config", "cases", "folders", "workbooks", "values", "refiqda"}


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` and what it holds (links not followed)."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            digest[key] = "link:" + str(path.readlink())
        elif path.is_file():
            digest[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def expected_line(entry, root: Path) -> str:
    return entry.expected(root) if callable(entry.expected) else entry.expected


def test_the_corpus_covers_every_family():
    assert len(ENTRIES) >= 40
    assert {e.family for e in ENTRIES} == FAMILIES
    assert len({e.name for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_validate_gives_one_line(entry, tmp_path, capsys):
    root = base_project(tmp_path / "project")
    entry.build(root)
    before = tree_digest(root / "data") if (root / "data").exists() else {}
    status = run_cli(["validate", "--root", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert status == entry.status, out + err
    if status == 2:  # the configuration: one line on stderr, nothing checked further
        assert out == ""
        assert err.splitlines() == [f"crosscase validate: {expected_line(entry, root)}"]
    else:  # a case: its one problem under its name
        assert err == ""
        assert out.splitlines() == ["A1: 1 problem", f"  - {expected_line(entry, root)}", "1 of 1 case with problems"]
    assert all(len(line) < 1000 for line in (out + err).splitlines())
    assert not (root / "results").exists()
    assert (tree_digest(root / "data") if (root / "data").exists() else {}) == before
    assert not list(tmp_path.glob("**/escaped.txt"))  # no archive member was extracted


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    """One workflow copy shared by the workflow checks below (each restores it)."""
    root = copy_workflow(tmp_path_factory.mktemp("hostile") / "flow")
    base_project_files(root)
    return root


def base_project_files(root: Path) -> None:
    shutil.rmtree(root / "config")
    base_project(root)


WORKFLOW_ENTRIES = [
    "qca theory names an unknown condition",
    "config YAML syntax error",
    "case folder missing",
    "duplicate case id",
    "case path leaves the project",
]


@pytest.mark.parametrize("name", WORKFLOW_ENTRIES)
def test_dry_run_gives_the_same_line(flow, name):
    entry = next(e for e in ENTRIES if e.name == name)
    saved = tree_digest(flow / "config")
    entry.build(flow)
    try:
        result = snakemake(flow, "-n", check=False)
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        assert f"crosscase: {expected_line(entry, flow)}" in result.stderr.splitlines()
        assert not (flow / "results").exists()
    finally:
        base_project_files(flow)
        for sibling in flow.parent.glob(f"{flow.name}-*"):
            shutil.rmtree(sibling)
    assert tree_digest(flow / "config") == saved


def test_a_bomb_in_a_run_leaves_no_partial_output(flow):
    """A real run: the decompression bomb stops only its case's ingestion, with
    the one line in the log; no Parquet partition and no temporary file remain."""
    entry = next(e for e in ENTRIES if e.name == "decompression bomb")
    entry.build(flow)
    before = tree_digest(flow / "data")
    try:
        result = snakemake(flow, "results/normalised/case_info/case_id=A1/part-0.parquet", check=False)
        assert result.returncode != 0
        output = result.stdout + result.stderr
        # the line is on the console and in the job's log (a batch's, rules/ingest.smk)
        logs = "".join(p.read_text() for p in (flow / "results/logs").rglob("*.log"))
        assert f"  - {entry.expected}" in output
        assert f"  - {entry.expected}" in logs
        assert "Traceback" not in output
        assert not list((flow / "results").rglob("*.parquet"))
        assert not list((flow / "results").rglob("*.tmp"))
        assert tree_digest(flow / "data") == before
    finally:
        shutil.rmtree(flow / "results", ignore_errors=True)
        base_project_files(flow)
    assert (flow / CASE).exists()

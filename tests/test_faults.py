"""Faults: the workflow killed at several points and run again gives the same
bytes as an uninterrupted run; a second run in the same folder is refused by
Snakemake's lock and changes nothing; a full disk fails with one clear line and
a later run recovers. Waits are for files to appear, never for a time."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from casebuilder import copy_workflow, minimal_case, write_case, write_case_list, write_workbook
from openpyxl import load_workbook

from workflow import BIN, snakemake

# Five jobs (two ingestions, one within-case, one cross-case, the stale-results
# job): enough kill points, few process start-ups.
TARGETS = [
    "results/included.tsv",
    "results/tables/table1_case_overview.csv",
    "results/cases/A1/metrics.csv",
]


# Text a spreadsheet would run as a formula, typed into case A1's workbook
# (cells of the `case` and `framework` sheets, by Excel row).
HOSTILE_TEXT = {
    ("case", 4): '=HYPERLINK("http://x","y")',
    ("case", 5): "+1+cmd",
    ("framework", 2): "@SUM(A1:A9)",
    ("framework", 3): "-2+3",
}


def make_flow(root: Path) -> Path:
    flow = copy_workflow(root)
    path = write_workbook(flow / "data/raw/A1/case.xlsx", minimal_case("A1", present=("level.macro",)))
    workbook = load_workbook(path)
    for (sheet, row), text in HOSTILE_TEXT.items():
        cell = workbook[sheet].cell(row=row, column=2 if sheet == "case" else 5)  # value / description
        cell.value = text
        cell.data_type = "s"  # typed as text, as Excel stores '=... (openpyxl would make it a formula)
    workbook.save(path)
    write_case(flow / "data/raw/B2", "B2", present=("level.meso",))
    write_case_list(flow, [("A1", "First", "", "yes"), ("B2", "Second", "", "yes")])
    return flow


def results_digest(flow: Path) -> dict[str, str]:
    """Every result file and its SHA-256; logs say how a run went, not what it made."""
    results = flow / "results"
    return {
        str(p.relative_to(results)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(results.rglob("*"))
        if p.is_file() and "logs" not in p.relative_to(results).parts
    }


def start(flow: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.Popen(
        [str(BIN / "snakemake"), "--cores", "1", *args],
        cwd=flow,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_for(process: subprocess.Popen, condition) -> bool:
    """Poll until `condition()` holds while the run goes on; False if the run
    ended first (then there is nothing to kill at this point)."""
    while not condition():
        if process.poll() is not None:
            return False
        time.sleep(0.02)
    return True


def kill(process: subprocess.Popen) -> None:
    """kill -9 of the run and every job it started."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()


@pytest.fixture(scope="module")
def reference_flow(tmp_path_factory) -> Path:
    flow = make_flow(tmp_path_factory.mktemp("faults") / "reference")
    snakemake(flow, *TARGETS)
    return flow


@pytest.fixture(scope="module")
def reference(reference_flow) -> dict[str, str]:
    return results_digest(reference_flow)


def test_no_csv_cell_of_a_run_is_a_formula(reference_flow):
    """Every CSV the run wrote: no cell starts with = + - @ tab or CR unless it
    is a plain number (crosscase.common.safe_text); the hostile text is there,
    quoted."""
    import csv

    cells = []
    for path in sorted((reference_flow / "results").rglob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    risky = [
        c
        for c in cells
        if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]?[0-9.]+(e[+-]?[0-9]+)?", c)
    ]
    assert risky == []
    for text in HOSTILE_TEXT.values():
        assert "'" + text in cells


def test_killed_runs_then_a_rerun_give_identical_bytes_and_a_second_run_is_locked_out(reference, tmp_path):
    flow = make_flow(tmp_path / "flow")
    locks = flow / ".snakemake" / "locks"
    # the first run asks for every output (many jobs), so it is still running
    # when the second one, started as soon as the lock exists, asks for the lock
    first = start(flow)
    assert wait_for(first, lambda: locks.is_dir() and any(locks.iterdir()))
    second = snakemake(flow, *TARGETS, check=False)
    assert second.returncode != 0
    assert "Directory cannot be locked" in second.stdout + second.stderr
    # kill point 1: as soon as the first case's tables are being written
    assert wait_for(first, lambda: any((flow / "results/normalised").glob("*/case_id=*/*")))
    kill(first)
    killed = 1
    later_points = [
        lambda: (
            (flow / "results/cases").exists() and any((flow / "results/cases").glob("*/*"))
        ),  # within-case results begun
        lambda: (
            (flow / "results/tables").exists() and any((flow / "results/tables").iterdir())
        ),  # a cross-case table begun
    ]
    for point in later_points:
        # a kill -9 leaves Snakemake's lock behind: the user removes it with --unlock
        snakemake(flow, "--unlock")
        rerun = start(flow, *TARGETS)
        if wait_for(rerun, point):
            kill(rerun)
            killed += 1
        else:
            rerun.stdout.close()
    assert killed >= 2
    snakemake(flow, "--unlock")
    snakemake(flow, *TARGETS)
    # every requested result is byte-identical to the uninterrupted run's (the
    # first run, asked for everything, may also have completed other outputs)
    digest = results_digest(flow)
    assert {name: digest.get(name) for name in reference} == reference
    assert not list((flow / "results").rglob("*.tmp"))


SITE = """
import errno, os, sys
_replace = os.replace
def replace(src, dst, *args, **kwargs):
    if "results" + os.sep + "normalised" in os.fspath(dst) and os.path.exists(os.environ["CROSSCASE_FULL_DISK"]):
        raise OSError(errno.ENOSPC, "No space left on device", os.fspath(src))
    return _replace(src, dst, *args, **kwargs)
os.replace = replace
"""


def fill_disk(flow: Path, tmp_path: Path):
    """Make results/normalised a full file system: a small tmpfs filled up when
    running as root (as on the development machine), else an os.replace that
    fails with ENOSPC (loaded through sitecustomize) while a marker file exists.
    Returns (extra environment, a function freeing the space, a clean-up)."""
    target = flow / "results/normalised"
    target.mkdir(parents=True)
    if os.geteuid() == 0 and shutil.which("mount"):
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(target)], check=True)
        filler = target / ".filler"
        with open(filler, "wb") as handle:
            try:
                while True:
                    handle.write(bytes(65536))
                    handle.flush()
            except OSError:
                pass
        return {}, lambda: filler.unlink(), lambda: subprocess.run(["umount", "-l", str(target)], check=False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE)
    marker = tmp_path / "disk-is-full"
    marker.touch()
    env = {"PYTHONPATH": f"{site}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "CROSSCASE_FULL_DISK": str(marker)}
    return env, lambda: marker.unlink(), lambda: None


def test_a_full_disk_fails_clearly_and_a_later_run_recovers(reference, tmp_path, monkeypatch):
    flow = make_flow(tmp_path / "flow")
    env, free_space, clean_up = fill_disk(flow, tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    try:
        result = snakemake(flow, *TARGETS, check=False)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        # crosscase.cli.runner (pyarrow's error names no file)
        assert (
            "crosscase: the disk is full (no space left on device); nothing half-written was kept: free some "
            "space and run snakemake again" in output
        )
        assert "Traceback" not in output
        assert not list((flow / "results/normalised").glob("*/case_id=*/*.parquet"))
        free_space()
        snakemake(flow, *TARGETS)
        assert results_digest(flow) == reference
    finally:
        clean_up()

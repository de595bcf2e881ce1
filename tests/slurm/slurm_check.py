"""The SLURM profile on a real one-node SLURM cluster (docs/cluster.md).

Not part of `make test` (the file name does not start with test_): run with
`make test-slurm`, which installs the plugin (".[slurm]") and calls
tests/slurm/run.sh; that script says plainly when the machine cannot run a
cluster, and otherwise runs this module, which starts the cluster with
tests/slurm/setup_local_slurm.sh and stops it at the end.

Each check runs the example workflow twice in the same folder, on a copy of
the repository with a few cases: once locally (`snakemake --cores 2`, with
profiles/default) and once through the plugin (`--profile profiles/slurm`),
both with SOURCE_DATE_EPOCH pinned, and compares every file under results/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosscase.within.batch import assign_batches

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "tests" / "slurm" / "setup_local_slurm.sh"
BIN = Path(sys.executable).parent
EPOCH = "1700000000"
# The plugin waits this long before its first status check and between checks
# (it adds 10 s to the wait after each check that finds nothing finished).
FAST_POLLING = [
    "--slurm-init-seconds-before-status-checks",
    "2",
    "--seconds-between-status-checks",
    "2",
]
GOOD_CASES = ["CS1", "CS2", "CS4"]
# batch_size 1 in the copies, so that a few cases make several batch jobs.
BATCH_SIZE = 1


@pytest.fixture(scope="module")
def cluster():
    started = subprocess.run(["bash", str(SETUP), "start"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.fail(f"could not start the one-node SLURM cluster:\n{started.stdout}{started.stderr}")
    yield
    subprocess.run(["bash", str(SETUP), "stop"], check=False)


def make_copy(folder: Path, cases: list[str], bad: str | None = None) -> Path:
    """A copy of the workflow in `folder` with only `cases` (and a case `bad`
    whose case.xlsx is not a workbook) in the case list."""
    folder.mkdir(parents=True)
    for name in ("workflow", "config", "crosscase", "profiles"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    # environment.yml: named by the rules' conda: directives
    shutil.copy2(REPO / "environment.yml", folder)
    rows = ["case_id\tlabel\tpath\tinclude"]
    for case in cases:
        shutil.copytree(REPO / "data" / "raw" / case, folder / "data" / "raw" / case)
        rows.append(f"{case}\t{case}\tdata/raw/{case}\tyes")
    if bad:
        shutil.copytree(REPO / "data" / "raw" / "CS3", folder / "data" / "raw" / bad)
        (folder / "data" / "raw" / bad / "case.xlsx").write_bytes(b"this is not a workbook\n")
        rows.append(f"{bad}\t{bad}\tdata/raw/{bad}\tyes")
    (folder / "config" / "cases.tsv").write_text("\n".join(rows) + "\n")
    config = folder / "config" / "config.yaml"
    text, n = re.subn(r"(?m)^batch_size: .*$", f"batch_size: {BATCH_SIZE}", config.read_text())
    assert n == 1, "config/config.yaml has no batch_size line"
    config.write_text(text)
    return folder


def start(workdir: Path, log: Path, *args: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONPATH=str(workdir),
        SOURCE_DATE_EPOCH=EPOCH,
    )
    with open(log, "w") as out:
        return subprocess.Popen(
            [str(BIN / "snakemake"), *args],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


class Run:
    def __init__(self, folder: Path, returncode: int, log: str):
        self.folder, self.returncode, self.log = folder, returncode, log
        results = folder / "results"
        self.files = {str(p.relative_to(results)): p.read_bytes() for p in sorted(results.rglob("*")) if p.is_file()}

    def explain(self) -> str:
        return f"\n--- {self.folder.name} ---\n{self.log[-6000:]}"

    def slurm_jobs(self) -> tuple[list[str], list[str]]:
        """The SLURM job ids of the run: as Snakemake reported submitting them,
        and as SLURM lists the jobs named with the run's id (squeue keeps
        finished jobs for MinJobAge, 600 s on the test cluster)."""
        submitted = re.findall(r"submitted with SLURM jobid (\d+)", self.log)
        run_id = re.search(r"SLURM run ID: (\S+)", self.log).group(1)
        listed = subprocess.run(
            ["squeue", "--states=all", "--noheader", "--format=%i", f"--name={run_id}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return sorted(submitted, key=int), sorted(listed, key=int)


LOCAL = ["--cores", "2"]
SLURM = ["--profile", "profiles/slurm", *FAST_POLLING]


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory) -> dict[str, Run]:
    """Four runs side by side (the machine has 2 cores; the runs mostly wait
    for processes to start and for SLURM): the good cases locally and on
    SLURM, and the good cases with a bad one locally and on SLURM."""
    base = tmp_path_factory.mktemp("runs")
    plans = {
        "local": (None, LOCAL),
        "slurm": (None, SLURM),
        "local-bad": ("BAD", LOCAL),
        "slurm-bad": ("BAD", SLURM),
    }
    started = {}
    for name, (bad, args) in plans.items():
        folder = make_copy(base / name, GOOD_CASES, bad)
        started[name] = (folder, start(folder, base / f"{name}.log", *args))
    t0 = time.monotonic()
    runs = {}
    for name, (folder, process) in started.items():
        runs[name] = Run(folder, process.wait(), (base / f"{name}.log").read_text())
        print(f"\n{name} run done after {time.monotonic() - t0:.0f} s", end="")
    return runs


def job_counts(log: str) -> dict[str, int]:
    """Snakemake's "Job stats" table at the start of a run: rule -> jobs."""
    table = log.split("Job stats:", 1)[1].split("total", 1)[0]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+)$", table, re.M)}


def differing(local: Run, slurm: Run, names) -> list[str]:
    return [name for name in names if slurm.files.get(name) != local.files[name]]


def test_slurm_run_matches_local_run_with_bundled_jobs(runs):
    local, slurm = runs["local"], runs["slurm"]
    assert local.returncode == 0, local.explain()
    assert slurm.returncode == 0, slurm.explain()
    # The whole workflow ran: its last outputs exist.
    assert "synthesis.xlsx" in local.files and "crosscase/qca/success.json" in local.files
    # Every file, logs included, byte for byte.
    assert sorted(slurm.files) == sorted(local.files)
    assert differing(local, slurm, local.files) == []
    # The bundling: one job per batch of cases and one for the cross-case
    # analyses; the figures, synthesis files and report pages run where
    # Snakemake runs. CRC-32 of the case ids modulo 2 batches (3 cases, batch
    # size 1: the largest power of two <= 3) is 0 for CS1 and CS2, 1 for CS4.
    assert assign_batches(GOOD_CASES, BATCH_SIZE) == {"batch0of2": ["CS1", "CS2"], "batch1of2": ["CS4"]}
    submitted, listed = slurm.slurm_jobs()
    assert len(submitted) == 2 + 1, slurm.explain()
    assert listed == submitted
    # Without the profile every job of the local run but `all` would be its own
    # SLURM job (its job table: 2 batch jobs, 5 cross-case analyses, the
    # figures, synthesis steps and report pages).
    jobs = job_counts(local.log)
    unbundled = sum(jobs.values()) - jobs["all"]
    assert unbundled >= 2 + 5 + 4 + 4
    # Before batching (issue 11): 3 jobs per case instead of a batch job.
    per_case = unbundled - 2 + 3 * len(GOOD_CASES)
    print(
        f"\nSLURM jobs for {len(GOOD_CASES)} cases: {len(submitted)} submitted; "
        f"{unbundled} without the profile; {per_case} with one job per rule and case"
    )


def test_bad_case_stops_only_its_own_work(runs):
    local, slurm = runs["local-bad"], runs["slurm-bad"]
    # Both runs fail (the bad case cannot be read, so nothing across cases is
    # built) but keep going: every good case gets its own results, CS4 too,
    # which shares its batch with the bad case.
    assert local.returncode != 0 and slurm.returncode != 0
    for case in GOOD_CASES:
        assert f"cases/{case}/framework.csv" in local.files
        assert f"cases/{case}/joint_display.csv" in local.files
        assert f"normalised/framework/case_id={case}/part-0.parquet" in local.files
    assert not any("BAD" in name and not name.startswith("logs/") for name in local.files)
    assert "synthesis.xlsx" not in local.files
    # The same files byte for byte, logs included.
    assert sorted(slurm.files) == sorted(local.files)
    assert differing(local, slurm, local.files) == []
    # One job per batch, the bad case's failing; no cross-case job. 4 cases,
    # batch size 1: 4 batches; CRC-32 modulo 4 is 2 for CS1, 0 for CS2 and 1
    # for CS4 and BAD.
    assert assign_batches([*GOOD_CASES, "BAD"], BATCH_SIZE) == {
        "batch0of4": ["CS2"],
        "batch1of4": ["CS4", "BAD"],
        "batch2of4": ["CS1"],
    }
    submitted, listed = slurm.slurm_jobs()
    assert len(submitted) == 3, slurm.explain()
    assert listed == submitted

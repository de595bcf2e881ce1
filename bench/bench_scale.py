"""Benchmark (not a test): the whole workflow on 10, 100 and 1,000 SYNTHETIC cases.

For each number of cases it builds a fresh copy of the workflow in a temporary
folder with cases from bench/synthetic_cases.py (seeded; every file labelled
synthetic) and times, as a user would run them:

* full build from nothing (`snakemake --cores 2`),
* no-op rerun (nothing changed),
* dry run (`snakemake -n`),
* one edited case (every workbook of one case rewritten with other values),
* one added case (a new folder and a new row in config/cases.tsv),

each as wall seconds and CPU seconds (user + system of the whole process
tree, which is what a loaded machine cannot hide), and the peak memory of the
whole process tree (sum of the resident set sizes of Snakemake and all its
jobs, sampled every 50 ms). The floor is one Python process reading every
generated workbook with python-calamine (no validation, no output); the ratio
is full build / floor.

Run: `make bench-scale` (N="10 100 1000"), or
`python bench/bench_scale.py --cases 100 [--keep DIR] [--cores 2]`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import synthetic_cases as synthetic  # noqa: E402

BIN = Path(sys.executable).parent
WORKFLOW_PARTS = ("workflow", "config", "profiles", "environment.yml")


def make_workflow(root: Path, n_cases: int) -> list[str]:
    """A runnable workflow copy in `root` with `n_cases` synthetic cases."""
    for name in WORKFLOW_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    ids = synthetic.write_cases(root / "data" / "raw", synthetic.case_ids(n_cases))
    write_case_list(root, ids)
    return ids


def write_case_list(root: Path, ids: list[str]) -> None:
    text = synthetic.case_list([(i, f"data/raw/{i}") for i in ids])
    (root / "config" / "cases.tsv").write_text(text, encoding="utf-8")


def measure(command: list[str], cwd: Path, env: dict) -> dict:
    """Wall and CPU seconds and peak tree memory (MB) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    parent = psutil.Process(process.pid)
    peak = 0
    output = b""
    os.set_blocking(process.stdout.fileno(), False)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        chunk = process.stdout.read()
        if chunk:
            output += chunk
        if pid:
            break
        total = 0
        try:
            for proc in [parent, *parent.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.05)
    rest = process.stdout.read()
    output += rest or b""
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{output.decode(errors='replace')[-4000:]}")
    jobs = len(re.findall(r"^(?:local)?rule \w+:$", output.decode(errors="replace"), flags=re.M))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak / 2**20, "jobs": jobs}


def calamine_floor(root: Path) -> float:
    """Seconds for one process to read every workbook of the case folders."""
    from python_calamine import CalamineWorkbook

    paths = sorted((root / "data" / "raw").rglob("*.xlsx"))
    start = time.perf_counter()
    for path in paths:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - start


def bench(n_cases: int, cores: int, keep: Path | None) -> dict:
    import yaml

    holder = None
    if keep:
        root = keep / f"cases_{n_cases}"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
    else:
        holder = tempfile.TemporaryDirectory(prefix=f"bench_scale_{n_cases}_")
        root = Path(holder.name)
    try:
        ids = make_workflow(root, n_cases)
        env = dict(
            os.environ,
            PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            PYTHONPATH=str(REPO),
            SOURCE_DATE_EPOCH="1700000000",
        )
        run = [str(BIN / "snakemake"), "--cores", str(cores)]
        row = {"cases": n_cases}
        row["full"] = measure(run, root, env)
        row["noop"] = measure(run, root, env)
        row["dry"] = measure([*run, "-n"], root, env)
        vocabulary = yaml.safe_load((root / "config" / "vocabulary.yaml").read_text())
        edited = ids[len(ids) // 2]
        synthetic.write_case(root / "data" / "raw" / edited, edited, vocabulary, variant=1)
        row["edit"] = measure(run, root, env)
        added = synthetic.case_ids(1, start=n_cases + 1)[0]
        synthetic.write_case(root / "data" / "raw" / added, added, vocabulary)
        write_case_list(root, [*ids, added])
        row["add"] = measure(run, root, env)
        row["floor"] = calamine_floor(root)
        row["results_mb"] = sum(p.stat().st_size for p in (root / "results").rglob("*") if p.is_file()) / 2**20
        return row
    finally:
        if holder:
            holder.cleanup()


def print_table(rows: list[dict]) -> None:
    header = (
        "cases | full build s (cpu) | no-op s | dry run s | one edited s (jobs) | one added s (jobs) "
        "| peak MB | floor s | full/floor | results MB"
    )
    print(header)
    print("|".join("---" for _ in header.split("|")))
    for r in rows:
        peak = max(r[k]["peak_mb"] for k in ("full", "noop", "dry", "edit", "add"))
        print(
            f"{r['cases']:,} | {r['full']['wall']:.1f} ({r['full']['cpu']:.1f}) | {r['noop']['wall']:.1f} "
            f"| {r['dry']['wall']:.1f} | {r['edit']['wall']:.1f} ({r['edit']['jobs']}) "
            f"| {r['add']['wall']:.1f} ({r['add']['jobs']}) | {peak:.0f} | {r['floor']:.2f} "
            f"| {r['full']['wall'] / r['floor']:.0f}x | {r['results_mb']:.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build in DIR/cases_N and keep it (default: a temporary folder)")
    args = parser.parse_args()
    print(
        f"SYNTHETIC cases (bench/synthetic_cases.py, seed {synthetic.SEED}); --cores {args.cores}; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    rows = []
    for n in args.cases:
        rows.append(bench(n, args.cores, args.keep))
        print(
            f"  {n} cases: "
            + ", ".join(
                f"{k} {rows[-1][k]['wall']:.1f}s/{rows[-1][k]['cpu']:.1f}cpu/{rows[-1][k]['peak_mb']:.0f}MB"
                for k in ("full", "noop", "dry", "edit", "add")
            ),
            flush=True,
        )
    print()
    print_table(rows)


if __name__ == "__main__":
    main()

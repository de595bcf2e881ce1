"""No stale or extra results: what the workflow removes from results/ when a
case or a QCA analysis is no longer part of the run.

A case switched to `include = no` (or taken out of cases.tsv) would otherwise
keep its Parquet partitions under results/normalised/<table>/case_id=<id>/,
which DuckDB, Polars or pyarrow read as one more case than the synthesis
shows, and its folder results/cases/<id>/. A QCA analysis taken out of
`qca:` would keep its results/crosscase/qca/<name>.* files and its figure.

The workflow's rule `remove_stale_results` (workflow/rules/common.smk) calls
`remove_stale` in a job, so that a dry run never deletes anything; that job
re-runs whenever the case list, the configuration or the set of included
cases and analyses changes. It removes only what belongs to a case or an
analysis that is not in the run, never the files of an included one, so it can
run next to the other jobs. `leftover_temporaries` lists the temporary files
an interrupted write may leave (removed when a run starts, in `onstart`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CASE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
PER_CASE_LOGS = ("ingest", "cases", "evidence")
QCA_FILES = (
    "results/crosscase/qca/{name}.json",
    "results/crosscase/qca/{name}.csv",
    "results/crosscase/qca/{name}.md",
    "results/figures/qca_{name}.png",
    "results/logs/qca/{name}.log",
    "results/logs/figures/qca_{name}.log",
)


def stale_paths(root: str | Path, cases: list[str], analyses: list[str]) -> list[Path]:
    """Files and folders under `root`/results that belong to a case not in
    `cases` or a QCA analysis not in `analyses`, sorted."""
    results = Path(root) / "results"
    keep = set(cases)
    found: set[Path] = set()
    normalised = results / "normalised"
    if normalised.is_dir():
        for partition in normalised.glob("*/case_id=*"):
            if partition.name.split("=", 1)[1] not in keep:
                found.add(partition)
    if (results / "cases").is_dir():
        for folder in (results / "cases").iterdir():
            if CASE_ID.match(folder.name) and folder.name not in keep:
                found.add(folder)
    for stage in PER_CASE_LOGS:
        for log in (results / "logs" / stage).glob("*.log"):
            if log.stem not in keep:
                found.add(log)
    wanted = set(analyses)
    for pattern in QCA_FILES:
        folder, _, template = pattern.rpartition("/")
        prefix, _, suffix = template.partition("{name}")
        for path in (Path(root) / folder).glob(f"{prefix}*{suffix}"):
            name = path.name[len(prefix) : len(path.name) - len(suffix)]
            if name not in wanted:
                found.add(path)
    return sorted(found)


def remove_stale(root: str | Path, cases: list[str], analyses: list[str]) -> list[str]:
    """Remove `stale_paths`; return them, relative to `root`, for the log."""
    removed = []
    for path in stale_paths(root, cases, analyses):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        removed.append(str(path.relative_to(root)))
    return removed


def leftover_temporaries(root: str | Path) -> list[Path]:
    """Temporary files of interrupted atomic writes under results/: `.<name>.<random>.tmp`
    (crosscase.ingest.store.atomic_write) and `<name>.tmp` (the QCA adapter)."""
    results = Path(root) / "results"
    if not results.is_dir():
        return []
    return sorted(p for p in results.rglob("*.tmp") if p.is_file())

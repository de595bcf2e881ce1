"""Benchmark (not a test): per-case ingestion and the workbook reader.

Prints the time to validate and normalise cases of growing size, and compares
python-calamine with openpyxl on one large sheet. Synthetic workbooks are built
in a temporary folder with a fixed seed. Run: `make bench` or
`.venv/bin/python bench/bench_ingest.py [--rows 100000]`."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from casebuilder import FRAMEWORK_HEADER, minimal_case, write_workbook  # noqa: E402

from crosscase.ingest.vocabulary import load_vocabulary  # noqa: E402
from crosscase.ingest.workbooks import load_case  # noqa: E402


def big_case(case_id: str, n_items: int, rng: random.Random) -> dict[str, list[list]]:
    sheets = minimal_case(case_id)
    rows = [FRAMEWORK_HEADER]
    for i in range(n_items):
        rows.append(
            [
                f"{case_id}-A{i:06d}",
                "mechanism",
                "change_activity",
                "training_and_development",
                f"Activity {i}",
                rng.choice(["yes", "no"]),
                rng.choice(["full", "partial", "none", "unknown"]),
                None,
                "bench",
            ]
        )
    sheets["framework"] = rows
    return sheets


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="framework rows of the large case")
    args = parser.parse_args()
    rng = random.Random(20261123)
    vocabulary = load_vocabulary(REPO / "config" / "vocabulary.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        print("framework rows | load_case seconds")
        for n in (100, 1_000, 10_000, args.rows):
            folder = Path(tmp) / f"B{n}"
            write_workbook(folder / "case.xlsx", big_case(f"B{n}", n, rng))
            seconds, _ = timed(load_case, folder, f"B{n}", vocabulary)
            print(f"{n:>14,} | {seconds:8.2f}")

        path = Path(tmp) / f"B{args.rows}" / "case.xlsx"
        from openpyxl import load_workbook
        from python_calamine import CalamineWorkbook

        calamine, _ = timed(lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_name("framework").to_python())
        openpyxl, _ = timed(lambda: list(load_workbook(path, read_only=True, data_only=True)["framework"].values))
        print(f"\nreading the {args.rows:,}-row sheet: python-calamine {calamine:.2f} s, openpyxl {openpyxl:.2f} s")

    # `crosscase validate` on the shipped cases, as a user runs it (a new process).
    import subprocess

    command = [sys.executable, "-m", "crosscase.cli.main", "validate"]
    seconds, result = timed(lambda: subprocess.run(command, cwd=REPO, capture_output=True, text=True))
    print(f"crosscase validate on the shipped cases: {seconds:.2f} s ({result.stdout.splitlines()[-1]})")


if __name__ == "__main__":
    main()

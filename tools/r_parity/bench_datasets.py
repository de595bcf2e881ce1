"""The charts of bench/bench_qca.py as CSV files for R (tools/r_parity/README.md,
"R QCA on the benchmark charts").

Imports bench/bench_qca.py's generators and draws the charts exactly as its
main() does: one generator per kind, seeded with SEED, drawing k = 6, 7, ...
in order (the random stream is shared, so k = 9 depends on k = 6..8 being
drawn first). Each chart is written as <kind>_k<k>.csv with the conditions
C1..Ck and the outcome Y (numbers as Python's repr, which R reads back to the
same doubles), and manifest.json lists the charts.

Usage: python tools/r_parity/bench_datasets.py OUTDIR
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"clean": 14, "noisy": 14, "fuzzy": 10}  # largest k of each kind in bench_qca.py


def load_bench():
    """bench/bench_qca.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_qca", ROOT / "bench" / "bench_qca.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def charts(bench=None):
    """(kind, k, X, y) for every chart of bench_qca.py, in its order."""
    bench = bench or load_bench()
    out = []
    for kind, max_k in KINDS.items():
        rng = np.random.default_rng(bench.SEED)
        for k in range(6, max_k + 1):
            if kind == "fuzzy":
                X, y = bench.fuzzy_problem(k, rng)
            else:
                X, y = bench.problem(k, {"clean": 0.0, "noisy": 0.05}[kind], rng)
            out.append((kind, k, X, y))
    return out


def write_rows(f, X: np.ndarray, y: np.ndarray) -> None:
    """The chart as CSV text into the open text file `f`."""
    w = csv.writer(f, lineterminator="\n")
    w.writerow([f"C{i + 1}" for i in range(X.shape[1])] + ["Y"])
    for row, out in zip(X.tolist(), y.tolist()):
        w.writerow([repr(float(v)) for v in row] + [repr(float(out))])


def write_csv(path: Path, X: np.ndarray, y: np.ndarray) -> None:
    with path.open("w", newline="") as f:
        write_rows(f, X, y)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    manifest = []
    for kind, k, X, y in charts():
        name = f"{kind}_k{k:02d}"
        write_csv(outdir / f"{name}.csv", X, y)
        manifest.append({"name": name, "kind": kind, "k": k, "cases": int(len(y)), "file": f"{name}.csv"})
    (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{len(manifest)} charts in {outdir}")


if __name__ == "__main__":
    main()

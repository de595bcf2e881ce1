"""Seeded datasets for the R parity check of superSubset, SetMethods' case
selection and robustness (tools/r_parity/README.md).

Each dataset: crisp or fuzzy, 2-8 conditions (A, B, ...), 8-200 cases
(c001, ...), an outcome Y planted from one or two random terms plus noise,
and the options both sides use. Fuzzy memberships have two decimals; some
datasets hold memberships of exactly 0.5 (the tie rules of the case types)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

LETTERS = "ABCDEFGH"


def _planted(rng, X: np.ndarray) -> np.ndarray:
    n, k = X.shape
    out = np.zeros(n)
    for _ in range(int(rng.integers(1, 3))):
        size = int(rng.integers(1, min(3, k) + 1))
        cols = rng.choice(k, size=size, replace=False)
        term = np.ones(n)
        for j in cols:
            term = np.minimum(term, X[:, j] if rng.random() < 0.6 else 1.0 - X[:, j])
        out = np.maximum(out, term)
    return out


def dataset(index: int, seed: int = 20261202) -> dict:
    rng = np.random.default_rng([seed, index])
    k = int(rng.integers(2, 9))
    n = int(rng.choice([8, 10, 12, 15, 20, 30, 50, 80, 120, 200]))
    fuzzy = bool(index % 2)
    if fuzzy:
        X = rng.integers(0, 101, size=(n, k)) / 100.0
        if index % 4 == 1:  # memberships of exactly 0.5
            X[rng.random((n, k)) < 0.05] = 0.5
        y = np.clip(_planted(rng, X) + rng.normal(0, 0.15, n), 0, 1).round(2)
        if index % 4 == 1:
            y[rng.random(n) < 0.05] = 0.5
    else:
        X = rng.integers(0, 2, size=(n, k)).astype(float)
        y = _planted(rng, X)
        flip = rng.random(n) < 0.1
        y[flip] = 1.0 - y[flip]
    incl_cut = float(rng.choice([0.75, 0.8, 0.85])) if fuzzy else float(rng.choice([0.75, 0.8, 1.0]))
    return {
        "name": f"d{index:03d}",
        "kind": "fuzzy" if fuzzy else "crisp",
        "conditions": list(LETTERS[:k]),
        "outcome": "Y",
        "cases": [f"c{i + 1:03d}" for i in range(n)],
        "X": X.tolist(),
        "y": y.tolist(),
        "necessity": {
            "incl_cut": float(rng.choice([0.8, 0.9])),
            "cov_cut": float(rng.choice([0.0, 0.5, 0.6])),
            "ron_cut": float(rng.choice([0.0, 0.0, 0.5])),
            "depth": int(min(k, rng.choice([2, 3, 4, 8]))),
        },
        "sufficiency": {
            "incl_cut": incl_cut,
            "n_cut": int(rng.choice([1, 1, 2])) if n >= 30 else 1,
            "include_remainders": bool(rng.random() < 0.5),
        },
    }


def write(datasets: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in datasets:
        with open(folder / f"{d['name']}.csv", "w", newline="") as handle:
            w = csv.writer(handle)
            w.writerow(["case", *d["conditions"], d["outcome"]])
            for case, row, value in zip(d["cases"], d["X"], d["y"]):
                w.writerow([case, *[repr(v) for v in row], repr(value)])
    (folder / "manifest.json").write_text(json.dumps(datasets, indent=1))


if __name__ == "__main__":
    import sys

    count = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    write([dataset(i) for i in range(count)], Path(sys.argv[1]))

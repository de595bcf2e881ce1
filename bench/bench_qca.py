"""Benchmark (not a test) of the QCA engine: random crisp problems, 300 cases,
k = 6..14 conditions, fixed seed. Prints, per k, the time for the truth table,
the parsimonious and the conservative minimisation.

Two kinds of problem:
  clean  -- the outcome follows a rule, C1*C2 + C3*~C4 + C5*C6, exactly;
  noisy  -- the same rule with 5% of the outcomes flipped, which scatters
            positive rows and multiplies prime implicants and equal models.

Usage: python bench/bench_qca.py [--kinds clean,noisy] [--max-k 14]
"""
import argparse
import time

import numpy as np

from crosscase.qca import engine as qca

CASES = 300
SEED = 20240601


def problem(k: int, noise: float, rng: np.random.Generator):
    X = (rng.random((CASES, k)) < 0.5).astype(float)
    y = np.maximum.reduce([X[:, 0] * X[:, 1], X[:, 2] * (1 - X[:, 3]), X[:, 4] * X[:, 5]])
    flip = rng.random(CASES) < noise
    y[flip] = 1 - y[flip]
    return X, y


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default="clean,noisy")
    parser.add_argument("--min-k", type=int, default=6)
    parser.add_argument("--max-k", type=int, default=14)
    args = parser.parse_args()
    print("kind   k  observed  positive  t_table  t_parsimonious (PIs/models)  t_conservative (PIs/models)  total")
    for kind in args.kinds.split(","):
        noise = {"clean": 0.0, "noisy": 0.05}[kind]
        rng = np.random.default_rng(SEED)
        for k in range(args.min_k, args.max_k + 1):
            X, y = problem(k, noise, rng)
            conditions = [f"C{i + 1}" for i in range(k)]
            names = [f"case{i}" for i in range(CASES)]
            tt, t_table = timed(qca.truth_table, X, y, conditions, names, "Y", incl_cut=0.8)
            positives = tt.configs_with("1")
            negatives = [c for c, r in tt.rows.items() if r.out in ("0", "C")]
            pars, t_pars = timed(qca.minimise, tt, True)
            cons, t_cons = timed(qca.minimise, tt, False)
            pis_pars = len(qca.cube_prime_implicants(positives, negatives, k))
            pis_cons = len(qca.qmc_prime_implicants(positives, k))
            print(
                f"{kind:5} {k:3d} {len(tt.rows):9d} {len(positives):9d} {t_table:8.3f}"
                f" {t_pars:9.3f} ({pis_pars:4d}/{len(pars.models):3d})"
                f"            {t_cons:9.3f} ({pis_cons:4d}/{len(cons.models):3d})"
                f"       {t_table + t_pars + t_cons:7.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

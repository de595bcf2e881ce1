"""Benchmark (not a test) of the QCA engine, whole-command times: for each
problem, `analyse()` (truth table, minimisation, every fit table, necessity)
plus the JSON document, as `crosscase qca --json` runs them, for the
conservative (C) and the parsimonious (P) solution, in CPU seconds of this
process and its solver subprocess (robust to other load on the machine). P runs with
--no-csa unless --csa is given.

Problems (fixed seed):
  clean  -- 300 crisp cases; the outcome follows C1*C2 + C3*~C4 + C5*C6 exactly;
  noisy  -- the same rule with 5% of the outcomes flipped, which scatters
            positive rows and multiplies prime implicants and equal models
            (the 14-condition noisy case is the hardest chart here);
  fuzzy  -- 200 fuzzy cases, the rule on memberships plus noise of sd 0.15,
            incl.cut 0.8: the kind of data on which R QCA ran past 120 s
            with 7-10 conditions.

Usage: python bench/bench_qca.py [--kinds clean,noisy,fuzzy] [--min-k 6] [--max-k 14]
"""

import argparse
import json
import resource
import time

import numpy as np

from crosscase.qca import engine as qca

CASES = 300
FUZZY_CASES = 200
SEED = 20240601
# Clean conservative charts from 9 conditions have tens of thousands of equally
# minimal models (R lists them all too); the bench lists at most this many.
MAX_MODELS = 1000


def problem(k: int, noise: float, rng: np.random.Generator):
    X = (rng.random((CASES, k)) < 0.5).astype(float)
    y = np.maximum.reduce([X[:, 0] * X[:, 1], X[:, 2] * (1 - X[:, 3]), X[:, 4] * X[:, 5]])
    flip = rng.random(CASES) < noise
    y[flip] = 1 - y[flip]
    return X, y


def fuzzy_problem(k: int, rng: np.random.Generator):
    X = np.round(rng.beta(0.7, 0.7, (FUZZY_CASES, k)), 2)
    X[X == 0.5] = 0.51
    rule = np.maximum.reduce(
        [np.minimum(X[:, 0], X[:, 1]), np.minimum(X[:, 2], 1 - X[:, 3]), np.minimum(X[:, 4 % k], X[:, 5 % k])]
    )
    y = np.clip(np.round(rule + rng.normal(0, 0.15, FUZZY_CASES), 2), 0, 1)
    return X, y


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the CBC solver)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def whole_command(X, y, conditions, names, include_remainders, csa=False):
    start = cpu_seconds()
    analysis = qca.analyse(
        X,
        y,
        conditions,
        "Y",
        names,
        incl_cut=0.8,
        include_remainders=include_remainders,
        max_models=MAX_MODELS,
        report_csa=csa,
    )
    json.dumps(qca.analysis_to_json(analysis), allow_nan=False)
    return analysis, cpu_seconds() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default="clean,noisy,fuzzy")
    parser.add_argument("--min-k", type=int, default=6)
    parser.add_argument("--max-k", type=int, default=14)
    parser.add_argument(
        "--csa",
        action="store_true",
        help="also look for contradictory simplifying assumptions in P (the CLI default; "
        "one more parsimonious minimisation, for the negated outcome)",
    )
    args = parser.parse_args()
    print("kind    k  cases observed positive   C: cpu_s models terms   P: cpu_s models   (* list may be incomplete)")
    for kind in args.kinds.split(","):
        rng = np.random.default_rng(SEED)
        for k in range(6, args.max_k + 1):  # from 6 always: the random stream is shared
            if kind == "fuzzy":
                if k > 10:
                    break
                X, y = fuzzy_problem(k, rng)
            else:
                X, y = problem(k, {"clean": 0.0, "noisy": 0.05}[kind], rng)
            if k < args.min_k:
                continue
            conditions = [f"C{i + 1}" for i in range(k)]
            names = [f"case{i}" for i in range(len(y))]
            cons, t_cons = whole_command(X, y, conditions, names, False)
            pars, t_pars = whole_command(X, y, conditions, names, True, args.csa)
            tt = cons.truth_table
            n_terms = max((len(m.terms) for m in cons.solution.models), default=0)
            mark = ["*" if any("(search_nodes)" in n for n in a.solution.notes) else " " for a in (cons, pars)]
            print(
                f"{kind:6} {k:3d} {len(y):6d} {len(tt.rows):8d} {len(tt.configs_with('1')):8d}"
                f"   {t_cons:8.3f} {len(cons.solution.models):6d}{mark[0]} {n_terms:4d}"
                f"   {t_pars:8.3f} {len(pars.solution.models):6d}{mark[1]}",
                flush=True,
            )


if __name__ == "__main__":
    main()

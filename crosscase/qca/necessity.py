"""Necessity of conjunctions and disjunctions, after R QCA's `superSubset()`
(relation = "necessity"; Dusa 2019, *QCA with R*, section 5.5).

Beside the single-condition necessity table, search every conjunction and
every disjunction of literals (a condition or its negation) up to `depth`
literals for a necessity relation with the outcome:

    inclN = sum(min(X, Y)) / sum(Y)    covN = sum(min(X, Y)) / sum(X)
    RoN   = sum(1 - X) / sum(1 - min(X, Y))     (Schneider & Wagemann 2012)

An expression is reported when inclN >= incl_cut, covN >= cov_cut and
RoN >= ron_cut (R's comparisons, with the tolerance of admisc::agteb).
Conjunctions: every passing conjunction is listed (A*B necessary implies A and
B necessary; the conjunction is the tighter superset, and its RoN is higher).
Disjunctions: only the minimal ones -- no literal of it is necessary alone and
no disjunction of a proper subset of its literals passes -- and never one with
both X and ~X (a tautology is trivially necessary). As in R, a disjunction is a
"functionally equivalent" set only if it has a substantive meaning (Schneider
& Wagemann 2012, 74): the table lists candidates, the researcher judges them.

Default depth: every conjunction and disjunction for up to 6 conditions,
otherwise up to 3 literals (3^k expressions grow fast; R's depth argument).
"""

from __future__ import annotations

import math
from itertools import combinations, product

import numpy as np

from crosscase.qca.terms import TOLERANCE, safe_ratio

DEFAULT_INCL_CUT = 0.9
DEFAULT_COV_CUT = 0.6
DEFAULT_RON_CUT = 0.0


def default_depth(k: int) -> int:
    return k if k <= 6 else 3


def _fit(x: np.ndarray, y: np.ndarray) -> dict:
    xy = np.minimum(x, y).sum()
    return {
        "incl": safe_ratio(xy, y.sum()),
        "ron": safe_ratio((1.0 - x).sum(), (1.0 - np.minimum(x, y)).sum()),
        "cov": safe_ratio(xy, x.sum()),
    }


def _passes(fit: dict, incl_cut: float, cov_cut: float, ron_cut: float) -> bool:
    values = (fit["incl"], fit["cov"], fit["ron"])
    if any(math.isnan(v) for v in values):
        return False
    return (
        fit["incl"] >= incl_cut - TOLERANCE and fit["cov"] >= cov_cut - TOLERANCE and fit["ron"] >= ron_cut - TOLERANCE
    )


def super_subset(
    X: np.ndarray,
    y: np.ndarray,
    conditions: list[str],
    incl_cut: float = DEFAULT_INCL_CUT,
    cov_cut: float = DEFAULT_COV_CUT,
    ron_cut: float = DEFAULT_RON_CUT,
    depth: int | None = None,
) -> list[dict]:
    """Necessary conjunctions and (minimal) disjunctions, each as
    {"expression", "type", "literals", "incl", "ron", "cov"}; ordered by
    type (conjunctions first), number of literals, then inclN (highest first),
    then expression."""
    k = len(conditions)
    depth = default_depth(k) if depth is None else max(1, min(int(depth), k))
    out: list[dict] = []
    passing_disjunctions: list[frozenset] = []
    single_necessary: set[tuple[int, int]] = set()
    for size in range(1, depth + 1):
        for subset in combinations(range(k), size):
            for levels in product((1, 0), repeat=size):
                literals = tuple(zip(subset, levels))
                columns = [X[:, j] if level else 1.0 - X[:, j] for j, level in literals]
                name_parts = [("" if level else "~") + conditions[j] for j, level in literals]
                conj = np.minimum.reduce(columns)
                fit = _fit(conj, y)
                if _passes(fit, incl_cut, cov_cut, ron_cut):
                    out.append({"expression": "*".join(name_parts), "type": "conjunction", "literals": size, **fit})
                if size == 1:
                    if _passes(fit, incl_cut, 0.0, 0.0):
                        single_necessary.add(literals[0])
                    continue
                if any(lit in single_necessary for lit in literals):
                    continue  # a literal already necessary alone: the disjunction adds nothing
                key = frozenset(literals)
                if any(prior <= key for prior in passing_disjunctions):
                    continue  # not minimal
                disj = np.maximum.reduce(columns)
                fit = _fit(disj, y)
                if _passes(fit, incl_cut, cov_cut, ron_cut):
                    passing_disjunctions.append(key)
                    out.append({"expression": " + ".join(name_parts), "type": "disjunction", "literals": size, **fit})
    out.sort(key=lambda e: (e["type"] != "conjunction", e["literals"], -e["incl"], e["expression"]))
    return out

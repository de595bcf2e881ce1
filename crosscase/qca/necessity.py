"""Necessity of conjunctions and disjunctions, as R QCA's `superSubset()`
(relation = "necessity"; Dusa 2019, *QCA with R*, section 5.5; checked against
QCA 3.23 on generated data, tools/r_parity/).

Beside the single-condition necessity table, search the conjunctions and the
disjunctions of literals (a condition or its negation, each condition at most
once) up to `depth` literals for a necessity relation with the outcome:

    inclN = sum(min(X, Y)) / sum(Y)    covN = sum(min(X, Y)) / sum(X)
    RoN   = sum(1 - X) / sum(1 - min(X, Y))     (Schneider & Wagemann 2012)

(a ratio with a zero denominator is 0, as in R: its numerator is 0 too).

The search, as R's: sizes 1, 2, ... up to `depth`; per size the condition
combinations in order (A, B before A, C), per combination the literal levels
with the negation first (~A*~B, ~A*B, A*~B, A*B). A conjunction is kept when
inclN >= incl_cut and covN >= cov_cut (admisc's tolerance, sqrt of the machine
epsilon). Only when the conjunction fails is the disjunction of the same
literals tried: it is kept when it passes both cuts and no conjunction or
disjunction kept at a smaller size has all its literals among the
disjunction's (the disjunction would not be minimal). From size 4 on, the
search stops after a size at which nothing was kept, once something was kept
before (R's rule, documented in its manual: "the algorithm will always stop at
the maximum complexity level where no new, non-redundant prime implicants are
found"). Last, the RoN cut removes what has RoN < ron_cut (after the search,
so an expression below the RoN cut still makes its supersets redundant, as in
R). The list: the kept conjunctions in search order, then the disjunctions.

A disjunction is a "functionally equivalent" set only if it has a substantive
meaning (Schneider & Wagemann 2012, 74): the table lists candidates, the
researcher judges them.

Default depth: every size for up to 6 conditions, otherwise up to 3 literals
(3^k expressions grow fast; R's default is every size).
"""

from __future__ import annotations

from itertools import combinations, product

import numpy as np

from crosscase.qca.terms import TOLERANCE

DEFAULT_INCL_CUT = 0.9
DEFAULT_COV_CUT = 0.6
DEFAULT_RON_CUT = 0.0


def default_depth(k: int) -> int:
    return k if k <= 6 else 3


def _ratio(a: float, b: float) -> float:
    """R's superSubset ratio: 0 when the denominator (and so the numerator) is 0."""
    return 0.0 if b == 0 else float(a / b)


def _fit(x: np.ndarray, y: np.ndarray) -> dict:
    m = np.minimum(x, y)
    xy = m.sum()
    return {
        "incl": _ratio(xy, y.sum()),
        "ron": _ratio((1.0 - x).sum(), (1.0 - m).sum()),
        "cov": _ratio(xy, x.sum()),
    }


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
    {"expression", "type", "literals", "incl", "ron", "cov"}, in R's order:
    the conjunctions in search order, then the disjunctions."""
    k = len(conditions)
    depth = default_depth(k) if depth is None else max(1, min(int(depth), k))
    incl_min = incl_cut - TOLERANCE
    cov_min = cov_cut - TOLERANCE if cov_cut > 0 else cov_cut
    conj_out: list[dict] = []
    disj_out: list[dict] = []
    kept_before: list[frozenset] = []  # literal sets kept at smaller sizes
    size = 1
    go_on = True
    while size <= depth and go_on:
        if size > 3 and (conj_out or disj_out):
            go_on = False  # stop after this size unless it keeps something
        kept_now: list[frozenset] = []
        for subset in combinations(range(k), size):
            for levels in product((0, 1), repeat=size):
                literals = tuple(zip(subset, levels))
                columns = [X[:, j] if level else 1.0 - X[:, j] for j, level in literals]
                names = [("" if level else "~") + conditions[j] for j, level in literals]
                fit = _fit(np.minimum.reduce(columns), y)
                if fit["incl"] >= incl_min and fit["cov"] >= cov_min:
                    conj_out.append({"expression": "*".join(names), "type": "conjunction", "literals": size, **fit})
                    kept_now.append(frozenset(literals))
                    go_on = True
                    continue
                if size == 1:
                    continue  # a single literal's disjunction is the literal
                fit = _fit(np.maximum.reduce(columns), y)
                if not (fit["incl"] >= incl_min and fit["cov"] >= cov_min):
                    continue
                key = frozenset(literals)
                if any(prior <= key for prior in kept_before):
                    continue  # not minimal
                disj_out.append({"expression": " + ".join(names), "type": "disjunction", "literals": size, **fit})
                kept_now.append(key)
                go_on = True
        kept_before += kept_now
        size += 1
    return [e for e in conj_out + disj_out if e["ron"] >= ron_cut - TOLERANCE]

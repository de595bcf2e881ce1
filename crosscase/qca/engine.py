"""Qualitative Comparative Analysis (QCA) for crisp and fuzzy sets.

A small engine that reproduces the R package QCA (Dusa) to the third decimal:
truth tables (`truthTable`), exact minimisation with every equally minimal model
(`minimize`: conservative, parsimonious and intermediate solutions), parameters
of fit (`pof`), necessity and theory evaluation (`modelFit`).

Representation. A configuration of k conditions is an integer whose bits read
the conditions in the given order, the first condition being the most
significant bit; R numbers truth table rows as that integer plus one. A term
(a conjunction of literals, an "implicant") is a pair ``(mask, value)``: the
bits in ``mask`` are the conditions it fixes and ``value`` their levels. The
empty term ``(0, 0)`` is the tautology.

Formulas (R QCA):
    inclS = sum(min(X, Y)) / sum(X)          covS = sum(min(X, Y)) / sum(Y)
    PRI   = (sum(min(X, Y)) - sum(min(X, Y, 1 - Y))) / (sum(X) - sum(min(X, Y, 1 - Y)))
    inclN = sum(min(X, Y)) / sum(Y)          covN = sum(min(X, Y)) / sum(X)
    RoN   = sum(1 - X) / sum(1 - min(X, Y))
    covU  = covS(model) - covS(model without the term)
A zero denominator gives NaN and a note saying why, never an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from crosscase.common.missing import is_missing
from crosscase.common.problems import UserInputError
from crosscase.qca import case_selection as selection
from crosscase.qca import necessity as necessity_search
from crosscase.qca.covers import MODEL_CEILING, SEARCH_NODES, minimum_covers  # noqa: F401 -- part of the interface
from crosscase.qca.terms import (  # noqa: F401 -- part of the engine's interface
    TOLERANCE,
    Implicant,
    bit_of,
    complexity,
    config_string,
    covers,
    expression_membership,
    is_subterm_of,
    safe_ratio,
    term_literals,
    term_membership,
    write_expression,
    write_term,
)

# Exact minimisation enumerates 2^k configurations: beyond this it is too slow.
MAX_CONDITIONS = 16


class QCAInputError(UserInputError):
    """Bad input data or options; the message names the column, case or value."""


# --------------------------------------------------------------------------
# Membership input
# --------------------------------------------------------------------------


def membership_column(values, column: str, case_names: list[str]) -> np.ndarray:
    """One column as floats in [0, 1]; QCAInputError names the case and value otherwise."""
    out = np.empty(len(case_names), dtype=float)
    for i, (raw, case) in enumerate(zip(values, case_names)):
        if is_missing(raw) or (isinstance(raw, str) and raw.strip() == ""):
            raise QCAInputError(f"column '{column}' has a missing value for case '{case}'")
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise QCAInputError(f"column '{column}' is not numeric: case '{case}' has value {raw!r}") from None
        if math.isnan(number):
            raise QCAInputError(f"column '{column}' has a missing value for case '{case}'")
        if number < 0 or number > 1:
            raise QCAInputError(f"column '{column}', case '{case}': membership {raw!r} is outside [0, 1]")
        out[i] = number
    return out


def membership_matrix(frame, columns: list[str], case_names: list[str]) -> np.ndarray:
    """Columns of a pandas DataFrame as a (cases x columns) membership matrix."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise QCAInputError(
            f"column(s) {', '.join(repr(c) for c in missing)} not found in the data "
            f"(available: {', '.join(map(str, frame.columns))})"
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise QCAInputError(f"column(s) named more than once: {', '.join(duplicated)}")
    return np.column_stack([membership_column(frame[c].tolist(), c, case_names) for c in columns])


def constant_condition_warnings(X: np.ndarray, conditions: list[str]) -> list[str]:
    """R analyses a condition that does not vary; so does crosscase, with a warning
    saying what it means for the result."""
    notes = []
    for j, name in enumerate(conditions):
        if X.shape[0] and np.all(X[:, j] == X[0, j]):
            level = X[0, j]
            side = name if level > 0.5 else "~" + name
            notes.append(
                f"warning: condition '{name}' does not vary (every case has membership {level:g}): it cannot "
                f"discriminate between the cases; every observed configuration has {side}, so the conservative "
                f"solution carries {side} in every term only because no case shows the opposite, its necessity "
                f"is trivial, and any solution without it rests on remainders (as in R, the analysis still runs)"
            )
    return notes


def outcome_warnings(y: np.ndarray, label: str) -> list[str]:
    """R analyses an outcome in which no case is more in than out; so does crosscase."""
    if y.size and not np.any(y > 0.5):
        return [
            (
                f"warning: no case is more in than out of the outcome '{label}' (no membership above 0.5): "
                f"any row with OUT = 1 rests on cases that are more out of the outcome than in, so a solution "
                f"describes partial memberships only and names no typical case (as in R, the analysis still runs)"
            )
        ]
    return []


# --------------------------------------------------------------------------
# Terms: writing, parsing, membership
# --------------------------------------------------------------------------


_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"


def parse_expression(text: str, conditions: list[str]) -> list[Implicant]:
    """Parse a sum of products in R notation, e.g. "A*B + ~C".

    Literals are condition names, '~' negates, '*' is AND and '+' is OR.
    A term with both X and ~X is contradictory and dropped (it is empty)."""
    if text is None or not str(text).strip():
        raise QCAInputError("empty Boolean expression")
    k = len(conditions)
    position = {name: j for j, name in enumerate(conditions)}
    terms: list[Implicant] = []
    for raw_term in str(text).split("+"):
        raw_term = raw_term.strip()
        if not raw_term:
            raise QCAInputError(f"empty term in expression {text!r}")
        mask = value = 0
        contradictory = False
        for raw_literal in raw_term.split("*"):
            literal = raw_literal.strip()
            negated = False
            while literal.startswith("~"):
                negated = not negated
                literal = literal[1:].strip()
            if not re.fullmatch(_NAME, literal):
                raise QCAInputError(f"cannot read literal {raw_literal.strip()!r} in expression {text!r}")
            if literal not in position:
                raise QCAInputError(
                    f"unknown condition '{literal}' in expression {text!r} (conditions: {', '.join(conditions)})"
                )
            bit = bit_of(position[literal], k)
            level = 0 if negated else bit
            if mask & bit and (value & bit) != level:
                contradictory = True
            mask |= bit
            value = (value & ~bit) | level
        if not contradictory and (mask, value) not in terms:
            terms.append((mask, value))
    return absorb(terms)


def absorb(terms: list[Implicant]) -> list[Implicant]:
    """Drop terms that a more general term of the same expression contains (A + A*B = A)."""
    kept = []
    for i, t in enumerate(terms):
        redundant = any(j != i and is_subterm_of(other, t) and (other != t or j < i) for j, other in enumerate(terms))
        if not redundant:
            kept.append(t)
    return kept


def intersect_expressions(a: list[Implicant], b: list[Implicant], k: int) -> list[Implicant]:
    """Product of two sums, expanded as admisc::intersection does: distribute,
    drop contradictory terms (X*~X), absorb, then sort the terms as
    admisc::sortExpressions does."""
    out = []
    for s in a:
        for t in b:
            shared = s[0] & t[0]
            if (s[1] & shared) != (t[1] & shared):
                continue  # contradictory
            term = (s[0] | t[0], s[1] | t[1])
            if term not in out:
                out.append(term)
    return sort_expressions(absorb(out), k)


def sort_expressions(terms: list[Implicant], k: int) -> list[Implicant]:
    """The order admisc::sortExpressions() gives the terms of an expanded
    expression (as intersection() prints them): for each condition from the last
    to the first, a stable sort putting absent before present before minimised;
    then a stable sort by the number of literals."""
    order = list(terms)
    for j in reversed(range(k)):
        order.sort(key=lambda t: {1: 0, 2: 1, 0: 2}[r_code(t, j, k)])
    order.sort(key=complexity)
    return order


def negate_expression(terms: list[Implicant], k: int) -> list[Implicant]:
    """Negation as R (admisc) writes it: De Morgan, then the simplest sum of
    products of the complement (exact Boolean minimisation; first minimal model)."""
    if not terms:
        return [(0, 0)]
    if (0, 0) in terms:
        return []
    used = 0
    for mask, _ in terms:
        used |= mask
    sub = [j for j in range(k) if used & bit_of(j, k)]
    m = len(sub)

    # Express the complement over the conditions in use only.
    def project(config_small: int) -> int:
        full = 0
        for i, j in enumerate(sub):
            if config_small & (1 << (m - 1 - i)):
                full |= bit_of(j, k)
        return full

    on = [c for c in range(1 << m) if not any(covers(t, project(c)) for t in terms)]
    if not on:
        return []
    primes = r_sort_implicants(qmc_prime_implicants(on, m), m)
    chart = [sum(1 << i for i, c in enumerate(on) if covers(p, c)) for p in primes]
    chosen = [primes[i] for i in minimum_covers(chart, (1 << len(on)) - 1)[0]]
    out = []
    for mask, value in chosen:
        full_mask = full_value = 0
        for i, j in enumerate(sub):
            small_bit = 1 << (m - 1 - i)
            if mask & small_bit:
                full_mask |= bit_of(j, k)
                if value & small_bit:
                    full_value |= bit_of(j, k)
        out.append((full_mask, full_value))
    return out


# --------------------------------------------------------------------------
# Parameters of fit
# --------------------------------------------------------------------------


def sufficiency(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """inclS, PRI and covS of X => Y."""
    xy = np.minimum(x, y)
    sum_xy, sum_x, sum_y = xy.sum(), x.sum(), y.sum()
    overlap = np.minimum(xy, 1.0 - y).sum()
    return {
        "incl": safe_ratio(sum_xy, sum_x),
        "pri": safe_ratio(sum_xy - overlap, sum_x - overlap),
        "cov": safe_ratio(sum_xy, sum_y),
    }


def necessity(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """inclN, RoN (relevance of necessity) and covN of X <= Y."""
    xy = np.minimum(x, y)
    return {
        "incl": safe_ratio(xy.sum(), y.sum()),
        "ron": safe_ratio((1.0 - x).sum(), (1.0 - xy).sum()),
        "cov": safe_ratio(xy.sum(), x.sum()),
    }


def na_reasons(label: str, x: np.ndarray, y: np.ndarray, kind: str = "sufficiency") -> list[str]:
    """Why a parameter of fit is NA, in words."""
    notes = []
    if x.sum() == 0:
        notes.append(f"{label}: no case has membership in it, so its consistency is NA")
    if y.sum() == 0:
        notes.append(f"{label}: the outcome has no membership, so coverage is NA")
    if kind == "necessity" and (1.0 - np.minimum(x, y)).sum() == 0:
        notes.append(f"{label}: every case is fully in X and Y, so RoN is NA")
    return notes


# --------------------------------------------------------------------------
# Truth table
# --------------------------------------------------------------------------


@dataclass
class TruthTableRow:
    row: int  # R row number: configuration + 1
    config: int
    out: str  # "1", "0", "C" or "?"
    n: int
    incl: float
    pri: float
    cases: list[str]


@dataclass
class TruthTable:
    conditions: list[str]
    outcome_label: str  # e.g. "SURV" or "~SURV"
    X: np.ndarray
    y: np.ndarray
    case_names: list[str]
    rows: dict[int, TruthTableRow]  # observed configurations only, by config
    incl_cut: tuple[float, float]
    n_cut: int
    pri_cut: float
    search_nodes: int | None = None  # see covers.SEARCH_NODES

    @property
    def k(self) -> int:
        return len(self.conditions)

    def configs_with(self, out: str) -> list[int]:
        return sorted(c for c, r in self.rows.items() if r.out == out)

    def out_of(self, config: int) -> str:
        row = self.rows.get(config)
        return row.out if row else "?"


def crisp_configs(X: np.ndarray) -> np.ndarray:
    """The corner of the vector space each case is closest to (membership > 0.5)."""
    k = X.shape[1]
    weights = np.array([bit_of(j, k) for j in range(k)], dtype=np.int64)
    return (X > 0.5).astype(np.int64) @ weights


def config_membership(X: np.ndarray, config: int) -> np.ndarray:
    k = X.shape[1]
    return term_membership(((1 << k) - 1, config), X)


def output_value(incl: float, pri: float, incl_cut: tuple[float, float], pri_cut: float) -> str:
    """R: '1' if incl >= ic1 and PRI >= pri.cut; 'C' if ic0 <= incl < ic1; else '0'."""
    ic1, ic0 = incl_cut
    if incl < ic1 - TOLERANCE:
        return "C" if incl >= ic0 - TOLERANCE else "0"
    return "1" if pri >= pri_cut - TOLERANCE else "0"


def normalise_incl_cut(incl_cut) -> tuple[float, float]:
    values = [float(v) for v in (incl_cut if isinstance(incl_cut, (list, tuple)) else [incl_cut])]
    if not 1 <= len(values) <= 2:
        raise QCAInputError("incl_cut takes one value, or two (for the presence and the absence of the outcome)")
    for v in values:
        if not 0 <= v <= 1:
            raise QCAInputError(f"inclusion cut {v:g} is outside [0, 1]")
    ic1 = values[0]
    ic0 = values[1] if len(values) == 2 else ic1
    if ic0 > ic1:
        raise QCAInputError(f"the second inclusion cut ({ic0:g}) must not exceed the first ({ic1:g})")
    return ic1, ic0


def truth_table(
    X: np.ndarray,
    y: np.ndarray,
    conditions: list[str],
    case_names: list[str],
    outcome_label: str,
    incl_cut=1.0,
    n_cut: int = 1,
    pri_cut: float = 0.0,
) -> TruthTable:
    """The truth table of the observed configurations (the others are remainders)."""
    k = len(conditions)
    if k == 0:
        raise QCAInputError("at least one condition is needed")
    if k > MAX_CONDITIONS:
        raise QCAInputError(f"{k} conditions: exact minimisation is limited to {MAX_CONDITIONS}")
    if int(n_cut) != n_cut or n_cut < 1:
        raise QCAInputError(f"n_cut must be a whole number of at least 1, not {n_cut}")
    if not 0 <= pri_cut <= 1:
        raise QCAInputError(f"pri_cut {pri_cut:g} is outside [0, 1]")
    cuts = normalise_incl_cut(incl_cut)
    configs = crisp_configs(X)
    # R does not allocate a case with a membership of exactly 0.5 to any row.
    at_crossover = np.any(np.isclose(X, 0.5, rtol=0, atol=TOLERANCE), axis=1)
    rows = {}
    for config in sorted(set(configs.tolist())):
        m = config_membership(X, config)
        fit = sufficiency(m, y)
        n = int(np.sum(m > 0.5))
        out = "?" if n < n_cut else output_value(fit["incl"], fit["pri"], cuts, pri_cut)
        cases = [case_names[i] for i in np.flatnonzero((configs == config) & ~at_crossover)]
        rows[config] = TruthTableRow(config + 1, config, out, n, fit["incl"], fit["pri"], cases)
    return TruthTable(list(conditions), outcome_label, X, y, list(case_names), rows, cuts, int(n_cut), float(pri_cut))


# --------------------------------------------------------------------------
# Prime implicants
# --------------------------------------------------------------------------


def qmc_prime_implicants(minterms: list[int], k: int) -> list[Implicant]:
    """Classical Quine-McCluskey on `minterms` (no don't cares), returning the
    prime implicants in the order R's C_QMC leaves them before sorting: each
    pass lists the merged terms by the first pair (i, j) that produced them,
    followed by the terms of the pass that merged with nothing."""
    full = (1 << k) - 1
    current: list[Implicant] = []
    for m in minterms:
        if (full, m) not in current:
            current.append((full, m))
    while len(current) > 1:
        index = {term: i for i, term in enumerate(current)}
        first_pair: dict[Implicant, tuple[int, int]] = {}
        merged = [False] * len(current)
        for i, (mask, value) in enumerate(current):
            bits = mask
            while bits:
                bit = bits & -bits
                bits ^= bit
                j = index.get((mask, value ^ bit))
                if j is None:
                    continue
                merged[i] = True
                if j > i:
                    new = (mask ^ bit, value & ~bit)
                    if new not in first_pair or (i, j) < first_pair[new]:
                        first_pair[new] = (i, j)
        if not first_pair:
            break
        current = sorted(first_pair, key=first_pair.get) + [t for i, t in enumerate(current) if not merged[i]]
    return current


def cube_prime_implicants(on: list[int], off: list[int], k: int) -> list[Implicant]:
    """Prime implicants that contain at least one `on` configuration and no `off`
    one; every other configuration is a don't care (parsimonious solution).

    For each positive configuration m, a cube around it is given by its set F of
    free conditions; it avoids the negatives unless some (o XOR m) lies inside F.
    Marking those difference sets and closing upwards over the 2^k subsets gives
    every admissible F at once; the maximal ones are the prime implicants.
    The result is ordered as R's CCubes finds them: by complexity, then by the
    conditions used (lexicographically), then by first positive row covered."""
    size = 1 << k
    full = size - 1
    off_arr = np.array(sorted(set(off)), dtype=np.int64)
    found: set[Implicant] = set()
    for m in on:
        bad = np.zeros(size, dtype=bool)
        if off_arr.size:
            bad[np.bitwise_xor(off_arr, m)] = True
        for b in range(k):
            view = bad.reshape(-1, 2, 1 << b)
            view[:, 1, :] |= view[:, 0, :]
        valid = ~bad
        maximal = valid.copy()
        for b in range(k):
            mview = maximal.reshape(-1, 2, 1 << b)
            vview = valid.reshape(-1, 2, 1 << b)
            mview[:, 0, :] &= ~vview[:, 1, :]
        for free in np.flatnonzero(maximal).tolist():
            mask = full ^ free
            found.add((mask, m & mask))
    return sorted(found, key=lambda t: ccubes_order_key(t, on, k))


def ccubes_order_key(term: Implicant, on_sorted: list[int], k: int):
    mask, value = term
    used = tuple(j for j in range(k) if mask & bit_of(j, k))
    first = next(i for i, m in enumerate(on_sorted) if (m & mask) == value)
    return (len(used), used, first)


def r_code(term: Implicant, j: int, k: int) -> int:
    """R's implicant coding: 0 minimised, 1 absent, 2 present."""
    bit = bit_of(j, k)
    if not term[0] & bit:
        return 0
    return 2 if term[1] & bit else 1


def r_sort_implicants(terms: list[Implicant], k: int) -> list[Implicant]:
    """R's sort_cols()/sort_matrix(): for each condition from the last to the
    first, a stable sort putting present before absent before minimised, then a
    stable re-sort of the leading non-minimised block with absent before present
    -- which, as in R, leaves out the last term when no term is minimised there;
    finally a stable sort by complexity. The order of terms in a model, and of
    the models, follows from it."""
    order = list(terms)
    n = len(order)
    if n == 0:
        return order
    for j in reversed(range(k)):
        order.sort(key=lambda t: -r_code(t, j, k))
        first_zero = next((i for i, t in enumerate(order) if r_code(t, j, k) == 0), n - 1)
        order[:first_zero] = sorted(order[:first_zero], key=lambda t: r_code(t, j, k))
    order.sort(key=complexity)
    return order


# --------------------------------------------------------------------------
# Minimisation
# --------------------------------------------------------------------------


@dataclass
class Model:
    name: str
    terms: list[Implicant]
    simplifying_assumptions: list[int] = field(default_factory=list)  # row numbers


@dataclass
class Solution:
    type: str  # conservative | parsimonious | intermediate
    models: list[Model]
    simplifying_assumptions: list[int]  # union over the models, row numbers
    notes: list[str] = field(default_factory=list)


def chart_rows(primes: list[Implicant], positives: list[int]) -> list[int]:
    """The PI chart: for each prime implicant, the bit set of the positive
    configurations it covers (bit c for positives[c]). Vectorised over the
    configurations: 10,259 implicants x 162 rows take 1.3 s one at a time."""
    configs = np.asarray(positives, dtype=np.int64)
    weights = [1 << c for c in range(len(positives))]
    rows = []
    for mask, value in primes:
        hits = np.flatnonzero((configs & mask) == value)
        rows.append(sum(weights[c] for c in hits))
    return rows


def solve_chart(
    primes: list[Implicant], positives: list[int], max_models: int | None = None, search_nodes: int | None = None
) -> tuple[list[list[Implicant]], list[str]]:
    """All minimal models: the PI chart of `primes` against the positive
    configurations, solved exactly (R: findmin + find_models), in R's order;
    and notes. With `max_models` the list stops there (one more is sought, to
    say whether the list is complete)."""
    chart = chart_rows(primes, positives)
    kept = [i for i, s in enumerate(chart) if s]
    primes = [primes[i] for i in kept]
    chart = [chart[i] for i in kept]
    report: dict = {}
    cap = MODEL_CEILING if max_models is None else int(max_models)
    nodes = SEARCH_NODES if search_nodes is None else int(search_nodes)
    # one more than the cap is sought, to say whether the list is complete
    found = minimum_covers(chart, (1 << len(positives)) - 1, limit=cap + 1, report=report, search_nodes=nodes)
    notes = []
    total = report["total"]
    if len(found) > cap:
        found = found[:cap]
        how_many = (
            f"{total:,} equally minimal models" if total is not None else f"more than {cap:,} equally minimal models"
        )
        which = (
            "the first in R's order"
            if not report["capped"] and not report["incomplete"]
            else "minimal, in R's order among themselves, though not certainly R's first"
        )
        if max_models is None:
            stop = f"the safety ceiling of {MODEL_CEILING:,} ({which}; max_models can lower it)"
        else:
            stop = f"max_models = {max_models} ({which}; R lists them all; raise or drop max_models to see more)"
        notes.append(f"{how_many}: the list stops at {stop}")
    if report["incomplete"]:
        notes.append(
            f"the PI chart is very complex: the search for equally minimal models stopped after {nodes:,} nodes "
            f"in a row found no new one (search_nodes), so the {len(found):,} model(s) listed are minimal (the "
            "least number of terms is proven) but may not be all of them; raise search_nodes / --search-nodes "
            "to search further"
        )
    return [[primes[i] for i in cover] for cover in found], notes


def remainders_used(terms: list[Implicant], tt: TruthTable, cache: dict | None = None) -> list[int]:
    """Row numbers of the remainders that the model's terms cover (R: $SA).
    `cache` keeps each term's remainders across the models that share it."""
    cache = {} if cache is None else cache
    if "remainders" not in cache:
        decided = np.zeros(1 << tt.k, dtype=bool)  # rows with an output; the rest are remainders ("?")
        decided[[c for c, r in tt.rows.items() if r.out != "?"]] = True
        cache["remainders"] = np.flatnonzero(~decided)
    rows: set[int] = set()
    for term in terms:
        if term not in cache:
            mask, value = term
            remainders = cache["remainders"]
            cache[term] = (remainders[(remainders & mask) == value] + 1).tolist()
        rows.update(cache[term])
    return sorted(rows)


def name_models(models: list[list[Implicant]], tt: TruthTable, prefix: str = "") -> list[Model]:
    cache: dict = {}
    return [Model(f"{prefix}M{i}", terms, remainders_used(terms, tt, cache)) for i, terms in enumerate(models, start=1)]


def _solution(kind: str, models: list[Model], notes: list[str]) -> Solution:
    assumptions: set[int] = set()
    for m in models:
        assumptions.update(m.simplifying_assumptions)
    return Solution(kind, models, sorted(assumptions), notes)


def conservative_models(tt: TruthTable, max_models: int | None = None) -> tuple[list[list[Implicant]], list[str]]:
    positives = tt.configs_with("1")
    if not positives:
        return [], []
    primes = r_sort_implicants(qmc_prime_implicants(positives, tt.k), tt.k)
    return solve_chart(primes, positives, max_models, tt.search_nodes)


def parsimonious_models(
    tt: TruthTable, max_models: int | None = None, excluded: frozenset[int] = frozenset()
) -> tuple[list[list[Implicant]], list[str]]:
    """Remainders are don't cares, except the `excluded` configurations, which
    are treated as negative rows (R: minimize(exclude = ...); SetMethods' ESA)."""
    positives = tt.configs_with("1")
    if not positives:
        return [], []
    negatives = sorted({c for c, r in tt.rows.items() if r.out in ("0", "C")} | set(excluded))
    primes = r_sort_implicants(cube_prime_implicants(positives, negatives, tt.k), tt.k)
    return solve_chart(primes, positives, max_models, tt.search_nodes)


def exclusion_configs(tt: TruthTable, exclude) -> tuple[frozenset[int], list[str]]:
    """Remainders to exclude from the simplifying assumptions (enhanced standard
    analysis): R row numbers (configuration + 1) and/or expressions over the
    conditions (every remainder inside the expression), e.g. [5, 12, "A*~B"].
    Observed rows cannot be excluded: they are named in a note and ignored."""
    if exclude is None:
        return frozenset(), []
    items = exclude if isinstance(exclude, (list, tuple)) else [exclude]
    size = 1 << tt.k
    configs: set[int] = set()
    notes: list[str] = []
    for item in items:
        text = str(item).strip()
        if isinstance(item, bool):
            raise QCAInputError(f"cannot read exclusion {item!r}: give a row number or an expression")
        if isinstance(item, (int, np.integer)) or text.isdigit():
            row = int(text)
            if not 1 <= row <= size:
                raise QCAInputError(f"excluded row {row} is outside the truth table (rows 1 to {size})")
            wanted = {row - 1}
        else:
            terms = parse_expression(text, tt.conditions)
            wanted = {c for c in range(size) if any(covers(t, c) for t in terms)}
        observed = sorted(c + 1 for c in wanted if tt.out_of(c) != "?")
        if observed:
            notes.append(
                f"exclusion {text!r}: row(s) {', '.join(map(str, observed))} are observed, not remainders, "
                f"and stay in the analysis"
            )
        configs |= {c for c in wanted if tt.out_of(c) == "?"}
    return frozenset(configs), notes


def parse_directional_expectations(spec, conditions: list[str]) -> dict[int, int]:
    """{"A": 1, "B": 0, "C": "-"} or "A=1,B=0,C=-" -> {condition index: level};
    '-' (or absence) means no expectation."""
    if spec is None:
        return {}
    if isinstance(spec, str):
        pairs = {}
        for item in [s for s in spec.split(",") if s.strip()]:
            if "=" not in item:
                raise QCAInputError(f"directional expectation {item.strip()!r} should read NAME=1, NAME=0 or NAME=-")
            name, level = item.split("=", 1)
            pairs[name.strip()] = level.strip()
        spec = pairs
    out = {}
    for name, level in spec.items():
        if name not in conditions:
            raise QCAInputError(
                f"directional expectation for unknown condition '{name}' (conditions: {', '.join(conditions)})"
            )
        text = str(level).strip()
        if text in ("-", "", "None", "none"):
            continue
        if text not in ("0", "1"):
            raise QCAInputError(f"directional expectation for '{name}' must be 1, 0 or -, not {level!r}")
        out[conditions.index(name)] = int(text)
    return out


def easy_counterfactuals(
    conservative: list[Implicant],
    parsimonious: list[Implicant],
    remainders: list[int],
    expectations: dict[int, int],
    k: int,
) -> list[int]:
    """Ragin and Sonnett's easy counterfactuals, as R's C_getEC computes them:
    for each conservative term inside a parsimonious term, drop the literals the
    parsimonious term does not need and that contradict the directional
    expectation; the remainders (of the parsimonious model) that the result
    covers are the easy counterfactuals. Literals without an expectation stay."""
    easy = set()
    for comp in conservative:
        for pars in parsimonious:
            if not is_subterm_of(pars, comp):
                continue
            mask, value = comp
            for j in range(k):
                bit = bit_of(j, k)
                if comp[0] & bit and not pars[0] & bit and j in expectations:
                    if (1 if comp[1] & bit else 0) != expectations[j]:
                        mask &= ~bit
                        value &= ~bit
            easy.update(c for c in remainders if covers((mask, value), c))
    return sorted(easy)


def minimise(
    tt: TruthTable,
    include_remainders: bool = False,
    dir_exp=None,
    max_models: int | None = None,
    excluded: frozenset[int] = frozenset(),
) -> Solution:
    """Conservative, parsimonious or (with directional expectations) intermediate
    solution(s), every equally minimal model included (or the first
    `max_models`); `excluded` remainders (configurations) are never used as
    simplifying assumptions or easy counterfactuals."""
    notes: list[str] = []
    positives = tt.configs_with("1")
    if not positives:
        return Solution(
            "intermediate" if dir_exp else ("parsimonious" if include_remainders else "conservative"),
            [],
            [],
            ["no truth table row has OUT = 1: nothing to minimise (lower incl_cut or check the outcome)"],
        )
    expectations = parse_directional_expectations(dir_exp, tt.conditions) if dir_exp else None
    if dir_exp and not include_remainders:
        raise QCAInputError("directional expectations need the remainders included (include_remainders)")
    if not include_remainders:
        cons, cons_notes = conservative_models(tt, max_models)
        return _solution("conservative", name_models(cons, tt), notes + cons_notes)
    negatives = [c for c, r in tt.rows.items() if r.out in ("0", "C")]
    if not negatives and not excluded:
        return Solution(
            "intermediate" if dir_exp else "parsimonious",
            [],
            [],
            ["every configuration is positive or a remainder: all conditions are minimised away"],
        )
    pars, pars_notes = parsimonious_models(tt, max_models, excluded)
    if dir_exp is None:
        return _solution("parsimonious", name_models(pars, tt), notes + pars_notes)
    cons, cons_notes = conservative_models(tt, max_models)
    notes = notes + pars_notes + cons_notes
    pairs = [(c, p) for c in range(len(cons)) for p in range(len(pars))]
    models: list[Model] = []
    solved: dict[tuple[int, ...], list[list[Implicant]]] = {}
    cap = MODEL_CEILING if max_models is None else int(max_models)
    for c, p in pairs:
        if len(models) >= cap:
            notes.append(
                f"the intermediate models stop at {cap} in all (max_models), after "
                f"{pairs.index((c, p))} of {len(pairs)} conservative x parsimonious pairs"
            )
            break
        prefix = f"C{c + 1}P{p + 1}-" if len(pairs) > 1 else ""
        sa = [r - 1 for r in remainders_used(pars[p], tt) if r - 1 not in excluded]
        easy = easy_counterfactuals(cons[c], pars[p], sa, expectations, tt.k)
        # R: QMC on the positive rows followed by the easy counterfactuals
        minterms = tuple(positives + [e for e in easy if e not in positives])
        if minterms not in solved:  # pairs with the same easy counterfactuals share their models
            primes = r_sort_implicants(qmc_prime_implicants(list(minterms), tt.k), tt.k)
            found, found_notes = solve_chart(primes, positives, max_models, tt.search_nodes)
            notes += [n for n in found_notes if n not in notes]
            solved[minterms] = found
        models += name_models(solved[minterms][: cap - len(models)], tt, prefix)
    return _solution("intermediate", models, notes)


def contradictory_assumptions(X: np.ndarray, y: np.ndarray, tt: TruthTable, max_models: int | None = None) -> list[int]:
    """Contradictory simplifying assumptions (Yamasaki & Rihoux 2009; R QCA
    findRows(type = 2); SetMethods' ESA): remainders that the parsimonious
    solution for the outcome and the one for its negation both use, with the
    same cuts. Row numbers, sorted."""
    label = tt.outcome_label[1:] if tt.outcome_label.startswith("~") else "~" + tt.outcome_label
    tt_neg = truth_table(X, 1.0 - y, tt.conditions, tt.case_names, label, list(tt.incl_cut), tt.n_cut, tt.pri_cut)
    used = []
    for table in (tt, tt_neg):
        if not table.configs_with("1") or not any(r.out in ("0", "C") for r in table.rows.values()):
            return []
        table.search_nodes = tt.search_nodes
        models, _ = parsimonious_models(table, max_models)
        used.append({r for m in models for r in remainders_used(m, table)})
    return sorted(used[0] & used[1])


# --------------------------------------------------------------------------
# Fit of solutions, necessity, theory evaluation
# --------------------------------------------------------------------------


def model_fit_table(model: Model, tt: TruthTable, cache: dict | None = None) -> dict:
    """Term and model parameters of fit (R: pof on the minimisation). `cache`
    keeps each term's membership, fit and cases across the models (equally
    minimal models share most of their terms)."""
    X, y = tt.X, tt.y
    cache = {} if cache is None else cache
    if "positive_rows" not in cache:
        cache["positive_rows"] = [c for c in tt.configs_with("1") if tt.rows[c].cases]
    for term in model.terms:
        if term not in cache:
            m = term_membership(term, X)
            cache[term] = (
                m,
                sufficiency(m, y),
                [",".join(tt.rows[c].cases) for c in cache["positive_rows"] if covers(term, c)],
            )
    # memberships of every term at once; the union without term i is the largest
    # of the others: the top value, or the second when term i holds the top one
    # (linear in the number of terms, not quadratic)
    n_terms = len(model.terms)
    memberships = np.array([cache[t][0] for t in model.terms]).reshape(n_terms, X.shape[0])
    model_m = memberships.max(axis=0) if n_terms else np.zeros(X.shape[0])
    model_fit = sufficiency(model_m, y)
    if n_terms > 1:
        order = np.argsort(-memberships, axis=0, kind="stable")
        top = memberships[order[0], np.arange(X.shape[0])]
        second = memberships[order[1], np.arange(X.shape[0])]
    terms = []
    for i, term in enumerate(model.terms):
        m = memberships[i]
        fit = cache[term][1]
        if n_terms > 1:
            others = np.where((order[0] == i) & (m > second), second, top)
        else:
            others = np.zeros(X.shape[0])
        cov_unique = model_fit["cov"] - sufficiency(others, y)["cov"]
        positive_cases = list(cache[term][2])
        terms.append(
            {
                "term": write_term(term, tt.conditions),
                "incl": fit["incl"],
                "pri": fit["pri"],
                "cov": fit["cov"],
                "cov_unique": cov_unique,
                "cases": positive_cases,
            }
        )
    return {
        "name": model.name,
        "expression": write_expression(model.terms, tt.conditions),
        "incl": model_fit["incl"],
        "pri": model_fit["pri"],
        "cov": model_fit["cov"],
        "simplifying_assumptions": model.simplifying_assumptions,
        "terms": terms,
    }


def necessity_table(X: np.ndarray, y: np.ndarray, conditions: list[str]) -> list[dict]:
    """inclN, RoN and covN of each condition and of its negation."""
    out = []
    for j, name in enumerate(conditions):
        for label, x in ((name, X[:, j]), ("~" + name, 1.0 - X[:, j])):
            out.append({"condition": label, **necessity(x, y)})
    return out


INTERSECTIONS = ("model*theory", "model*~theory", "~model*theory", "~model*~theory")


def theory_evaluation(model: Model, theory: list[Implicant], tt: TruthTable) -> dict:
    """R QCA modelFit / SetMethods theory.evaluation for one model: fit of the
    theory and of the four intersections of model and theory (and negations),
    with the cases (membership > 0.5) of each."""
    k, X, y = tt.k, tt.X, tt.y
    not_model = negate_expression(model.terms, k)
    not_theory = negate_expression(theory, k)
    expressions = {
        "model": model.terms,
        "theory": theory,
        "model*theory": intersect_expressions(model.terms, theory, k),
        "model*~theory": intersect_expressions(model.terms, not_theory, k),
        "~model*theory": intersect_expressions(not_model, theory, k),
        "~model*~theory": intersect_expressions(not_model, not_theory, k),
    }
    fit, cases, by_outcome, written = {}, {}, {}, {}
    for label, terms in expressions.items():
        m = expression_membership(terms, X)
        f = sufficiency(m, y)
        if math.isnan(f["incl"]):
            f["cov"] = float("nan")  # as modelFit: no coverage for an empty set
        fit[label] = f
        written[label] = write_expression(terms, tt.conditions) if terms else "-"
        if label in INTERSECTIONS:
            members = np.flatnonzero(m > 0.5)
            cases[label] = [tt.case_names[i] for i in members]
            by_outcome[label] = {
                "outcome": [tt.case_names[i] for i in members if y[i] > 0.5],
                "not_outcome": [tt.case_names[i] for i in members if y[i] <= 0.5],
            }
    return {
        "model": model.name,
        "theory": write_expression(theory, tt.conditions),
        "expressions": written,
        "fit": fit,
        "cases": cases,
        "cases_by_outcome": by_outcome,
    }


# --------------------------------------------------------------------------
# One analysis end to end
# --------------------------------------------------------------------------


@dataclass
class Analysis:
    truth_table: TruthTable
    solution: Solution
    model_fits: list[dict]
    necessity: list[dict]
    theory: list[dict]
    negated: bool
    outcome: str
    notes: list[str]
    esa: dict = field(default_factory=dict)
    necessity_combinations: list[dict] = field(default_factory=list)
    necessity_settings: dict = field(default_factory=dict)
    case_selection: dict = field(default_factory=dict)


def analyse(
    X: np.ndarray,
    y: np.ndarray,
    conditions: list[str],
    outcome: str,
    case_names: list[str],
    incl_cut=1.0,
    n_cut: int = 1,
    pri_cut: float = 0.0,
    negate_outcome: bool = False,
    include_remainders: bool = False,
    dir_exp=None,
    theory: str | None = None,
    max_models: int | None = None,
    exclude=None,
    exclude_csa: bool = False,
    report_csa: bool = True,
    search_nodes: int | None = None,
    necessity_options: dict | None = None,
) -> Analysis:
    """Validate, build the truth table, minimise, and compute every fit.

    `max_models` caps the list of equally minimal models (None: all, as R).
    `exclude` (row numbers and/or expressions) and `exclude_csa` (exclude the
    contradictory simplifying assumptions) make it an enhanced standard
    analysis; the contradictory assumptions are reported whenever remainders
    are included."""
    if len(case_names) != X.shape[0] or len(y) != X.shape[0]:
        raise QCAInputError("conditions, outcome and case names differ in length")
    if len(set(case_names)) != len(case_names):
        dup = sorted({c for c in case_names if case_names.count(c) > 1})
        raise QCAInputError(f"case name(s) appear more than once: {', '.join(dup)}")
    if len(set(conditions)) != len(conditions):
        raise QCAInputError("a condition is named more than once")
    if outcome in conditions:
        raise QCAInputError(f"'{outcome}' is both the outcome and a condition")
    if max_models is not None and (int(max_models) != max_models or max_models < 1):
        raise QCAInputError(f"max_models must be a whole number of at least 1, not {max_models}")
    y_used = 1.0 - y if negate_outcome else y
    label = ("~" if negate_outcome else "") + outcome
    warnings = constant_condition_warnings(X, conditions) + outcome_warnings(y_used, label)
    theory_terms = parse_expression(theory, conditions) if theory else None
    if dir_exp:
        parse_directional_expectations(dir_exp, conditions)
    tt = truth_table(X, y_used, conditions, case_names, label, incl_cut, n_cut, pri_cut)
    if search_nodes is not None and (int(search_nodes) != search_nodes or search_nodes < 1):
        raise QCAInputError(f"search_nodes must be a whole number of at least 1, not {search_nodes}")
    tt.search_nodes = search_nodes
    excluded, exclusion_notes = exclusion_configs(tt, exclude)
    esa = {"excluded_rows": [], "contradictory_assumptions": [], "csa_excluded": bool(exclude_csa)}
    if include_remainders and (report_csa or exclude_csa):
        # one more parsimonious minimisation (for the negated outcome)
        csa = contradictory_assumptions(X, y_used, tt, max_models)
        esa["contradictory_assumptions"] = csa
        if exclude_csa:
            excluded = excluded | {r - 1 for r in csa}
    elif exclude is not None or exclude_csa:
        exclusion_notes.append("exclusions apply to remainders, which this (conservative) analysis does not use")
    esa["excluded_rows"] = sorted(c + 1 for c in excluded)
    solution = minimise(tt, include_remainders, dir_exp, max_models, excluded)
    cache: dict = {}
    fits = [model_fit_table(m, tt, cache) for m in solution.models]
    notes = warnings + exclusion_notes + list(solution.notes)
    if esa["contradictory_assumptions"] and not exclude_csa:
        notes.append(
            "contradictory simplifying assumptions: remainder row(s) "
            + ", ".join(map(str, esa["contradictory_assumptions"]))
            + f" are used both for {label} and for its negation; exclude them (exclude_csa) "
            "for an enhanced standard analysis"
        )
    if np.any(np.isclose(X, 0.5, rtol=0, atol=TOLERANCE)):
        halves = sorted(
            {case_names[i] for i in np.flatnonzero(np.any(np.isclose(X, 0.5, rtol=0, atol=TOLERANCE), axis=1))}
        )
        notes.append(f"case(s) {', '.join(halves)} have a membership of exactly 0.5 and belong to no truth table row")
    for f in fits:
        for t in f["terms"] + [f]:
            if isinstance(t.get("incl"), float) and math.isnan(t["incl"]):
                notes.append(f"{t.get('term', t.get('name'))}: no case has membership, consistency is NA")
    nec = necessity_table(X, y_used, conditions)
    for entry in nec:
        j = conditions.index(entry["condition"].lstrip("~"))
        x = X[:, j] if not entry["condition"].startswith("~") else 1.0 - X[:, j]
        if any(math.isnan(entry[key]) for key in ("incl", "ron", "cov")):
            notes += na_reasons(entry["condition"], x, y_used, "necessity")
    evaluations = []
    if theory_terms is not None:
        if not theory_terms:
            raise QCAInputError(f"theory {theory!r} is contradictory in every term (empty set)")
        for m in solution.models:
            ev = theory_evaluation(m, theory_terms, tt)
            for part, f in ev["fit"].items():
                if math.isnan(f["incl"]):
                    notes.append(f"theory evaluation of {m.name}: {part} has no member, its fit is NA")
            evaluations.append(ev)
    options = {
        "incl_cut": necessity_search.DEFAULT_INCL_CUT,
        "cov_cut": necessity_search.DEFAULT_COV_CUT,
        "ron_cut": necessity_search.DEFAULT_RON_CUT,
        "depth": None,
        **(necessity_options or {}),
    }
    unknown = sorted(set(options) - {"incl_cut", "cov_cut", "ron_cut", "depth"})
    if unknown:
        raise QCAInputError(f"unknown necessity option(s): {', '.join(unknown)}")
    if options["depth"] is None:
        options["depth"] = necessity_search.default_depth(len(conditions))
    combinations = necessity_search.super_subset(
        X, y_used, conditions, options["incl_cut"], options["cov_cut"], options["ron_cut"], options["depth"]
    )
    result = Analysis(tt, solution, fits, nec, evaluations, negate_outcome, outcome, notes, esa, combinations, options)
    result.case_selection = selection.case_selection(result)
    return result


def model_summary(analysis: Analysis) -> dict:
    """A long list of equally minimal models, summarised: how many, the terms
    in every model (the core) and how many models carry each term."""
    models = analysis.solution.models
    conditions = analysis.truth_table.conditions
    counts: dict[str, int] = {}
    order: list[str] = []
    for m in models:
        for t in m.terms:
            text = write_term(t, conditions)
            if text not in counts:
                order.append(text)
            counts[text] = counts.get(text, 0) + 1
    return {
        "n_models": len(models),
        "core_terms": [t for t in order if counts[t] == len(models)] if models else [],
        "term_frequency": [
            {"term": t, "models": counts[t]} for t in sorted(order, key=lambda t: (-counts[t], order.index(t)))
        ],
    }


def _number(x):
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def analysis_to_json(analysis: Analysis, parameters: dict | None = None) -> dict:
    """The documented JSON document (stable key order; numbers unrounded)."""
    tt = analysis.truth_table
    k = tt.k
    rows = []
    for config in range(1 << k):
        r = tt.rows.get(config)
        rows.append(
            {
                "row": config + 1,
                "config": config_string(config, k),
                "out": r.out if r else "?",
                "n": r.n if r else 0,
                "incl": _number(r.incl) if r else None,
                "pri": _number(r.pri) if r else None,
                "cases": list(r.cases) if r else [],
            }
        )
    models = []
    for f in analysis.model_fits:
        models.append(
            {
                "name": f["name"],
                "expression": f["expression"],
                "incl": _number(f["incl"]),
                "pri": _number(f["pri"]),
                "cov": _number(f["cov"]),
                "simplifying_assumptions": f["simplifying_assumptions"],
                "terms": [
                    {
                        "term": t["term"],
                        "incl": _number(t["incl"]),
                        "pri": _number(t["pri"]),
                        "cov": _number(t["cov"]),
                        "cov_unique": _number(t["cov_unique"]),
                        "cases": t["cases"],
                    }
                    for t in f["terms"]
                ],
            }
        )
    necessity_rows = [
        {"condition": e["condition"], "incl": _number(e["incl"]), "ron": _number(e["ron"]), "cov": _number(e["cov"])}
        for e in analysis.necessity
    ]
    theory = []
    for ev in analysis.theory:
        theory.append(
            {
                "model": ev["model"],
                "theory": ev["theory"],
                "fit": {part: {key: _number(v) for key, v in f.items()} for part, f in ev["fit"].items()},
                "cases": ev["cases"],
                "cases_by_outcome": ev["cases_by_outcome"],
                "expressions": ev["expressions"],
            }
        )
    doc = {
        "outcome": analysis.outcome,
        "negated": analysis.negated,
        "conditions": list(tt.conditions),
        "truth_table": rows,
        "solution": {
            "type": analysis.solution.type,
            "simplifying_assumptions": analysis.solution.simplifying_assumptions,
            "models": models,
        },
        "necessity": necessity_rows,
        "theory_evaluation": theory,
        "model_summary": model_summary(analysis),
        "esa": analysis.esa,
        "necessity_combinations": {
            "settings": analysis.necessity_settings,
            "expressions": [
                {**e, "incl": _number(e["incl"]), "ron": _number(e["ron"]), "cov": _number(e["cov"])}
                for e in analysis.necessity_combinations
            ],
        },
        "case_selection": analysis.case_selection,
        "parameters": {
            "incl_cut": [tt.incl_cut[0], tt.incl_cut[1]],
            "n_cut": tt.n_cut,
            "pri_cut": tt.pri_cut,
            **(parameters or {}),
        },
        "notes": list(analysis.notes),
    }
    return doc


# --------------------------------------------------------------------------
# Human-readable report (R's printing, 3 decimals)
# --------------------------------------------------------------------------

# The text report prints the fit tables of this many models, then one line per further model.
REPORT_MODELS = 20


def fmt(x) -> str:
    if is_missing(x):
        return "  NA "
    return f"{x:.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for r in [header] + rows:
        cells = [
            str(c).ljust(w) if i == 0 or i == len(header) - 1 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(r, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def truth_table_lines(tt: TruthTable) -> list[str]:
    header = ["row"] + tt.conditions + ["OUT", "n", "incl", "PRI", "cases"]
    body = []
    for config in sorted(tt.rows):
        r = tt.rows[config]
        bits = list(config_string(config, tt.k))
        body.append([str(r.row)] + bits + [r.out, str(r.n), fmt(r.incl), fmt(r.pri), ",".join(r.cases)])
    lines = _table(header, body)
    remainders = (1 << tt.k) - len(tt.rows)
    cut = f"{tt.incl_cut[0]:g}" if tt.incl_cut[0] == tt.incl_cut[1] else f"{tt.incl_cut[0]:g}, {tt.incl_cut[1]:g}"
    return [
        f"Truth table: outcome {tt.outcome_label}, incl.cut {cut}, n.cut {tt.n_cut}, pri.cut {tt.pri_cut:g}",
        "",
        *lines,
        f"({remainders} of {1 << tt.k} rows are logical remainders, OUT ?, not shown)",
    ]


def model_lines(fit: dict, outcome_label: str) -> list[str]:
    perfect = (
        fit["incl"] is not None
        and fit["cov"] is not None
        and all(not math.isnan(v) and abs(v - 1) <= TOLERANCE for v in (fit["incl"], fit["cov"]))
    )
    arrow = "<=>" if perfect else "=>"
    header = ["", "inclS", "PRI", "covS", "covU", "cases"]
    body = [
        [t["term"], fmt(t["incl"]), fmt(t["pri"]), fmt(t["cov"]), fmt(t["cov_unique"]), "; ".join(t["cases"])]
        for t in fit["terms"]
    ]
    body.append([fit["name"], fmt(fit["incl"]), fmt(fit["pri"]), fmt(fit["cov"]), "", ""])
    lines = [f"{fit['name']}: {fit['expression']} {arrow} {outcome_label}", *_table(header, body)]
    if fit["simplifying_assumptions"]:
        lines.append("simplifying assumptions (rows): " + ", ".join(map(str, fit["simplifying_assumptions"])))
    return lines


def report_lines(analysis: Analysis) -> list[str]:
    tt = analysis.truth_table
    lines = truth_table_lines(tt) + ["", f"{analysis.solution.type.capitalize()} solution", ""]
    if not analysis.model_fits:
        lines.append("(no model)")
    shown = analysis.model_fits if len(analysis.model_fits) <= REPORT_MODELS else analysis.model_fits[:REPORT_MODELS]
    for fit in shown:
        lines += model_lines(fit, tt.outcome_label) + [""]
    if len(analysis.model_fits) > REPORT_MODELS:
        summary = model_summary(analysis)
        lines += [f"... and {len(analysis.model_fits) - REPORT_MODELS} more equally minimal models (all in --json):"]
        lines += [f"  {f['name']}: {f['expression']}" for f in analysis.model_fits[REPORT_MODELS:]]
        lines += [
            "",
            f"Terms across the {summary['n_models']} models (core, in every model: "
            + (", ".join(summary["core_terms"]) or "none")
            + ")",
            *[f"  {e['term']}: {e['models']}" for e in summary["term_frequency"]],
            "",
        ]
    if analysis.esa.get("excluded_rows") or analysis.esa.get("contradictory_assumptions"):
        lines += [
            "Enhanced standard analysis",
            "  excluded remainder rows: " + (", ".join(map(str, analysis.esa["excluded_rows"])) or "none"),
            "  contradictory simplifying assumptions: "
            + (", ".join(map(str, analysis.esa["contradictory_assumptions"])) or "none"),
            "",
        ]
    lines += [
        "Necessity",
        *_table(
            ["", "inclN", "RoN", "covN"],
            [[e["condition"], fmt(e["incl"]), fmt(e["ron"]), fmt(e["cov"])] for e in analysis.necessity],
        ),
    ]
    if analysis.necessity_combinations:
        settings = analysis.necessity_settings
        title = (
            f"Necessity of conjunctions and disjunctions (inclN >= {settings['incl_cut']:g}, "
            f"covN >= {settings['cov_cut']:g}, RoN >= {settings['ron_cut']:g}, up to {settings['depth']} literals)"
        )
        lines += [
            "",
            title,
            *_table(
                ["", "inclN", "RoN", "covN"],
                [
                    [e["expression"], fmt(e["incl"]), fmt(e["ron"]), fmt(e["cov"])]
                    for e in analysis.necessity_combinations
                ],
            ),
        ]
    selection = analysis.case_selection or {}
    for sel in selection.get("models", [])[:REPORT_MODELS]:
        lines += ["", f"Case selection, {sel['model']} (Schneider & Rohlfing 2013; * = uniquely covered)"]
        for text in sel["terms"]:
            types = selection["terms"][text]
            typical = (
                ", ".join(
                    c["case"] + ("*" if c["case"] in sel["unique_typical"][text] else "") for c in types["typical"]
                )
                or "-"
            )
            deviant = ", ".join(c["case"] for c in types["deviant_consistency"]) or "-"
            lines.append(f"  {text}: typical {typical}; deviant consistency {deviant}")
        lines.append("  deviant coverage: " + (", ".join(c["case"] for c in sel["deviant_coverage"]) or "-"))
    for ev in analysis.theory:
        lines += [
            "",
            f"Theory evaluation: {ev['model']} against theory {ev['theory']}",
            *_table(
                ["", "inclS", "PRI", "covS", "cases"],
                [
                    [part, fmt(f["incl"]), fmt(f["pri"]), fmt(f["cov"]), ",".join(ev["cases"].get(part, []))]
                    for part, f in ev["fit"].items()
                ],
            ),
        ]
    if analysis.notes:
        lines += ["", "Notes:"] + [f"- {n}" for n in analysis.notes]
    return lines

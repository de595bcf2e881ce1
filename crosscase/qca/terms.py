"""Terms and their memberships: the small base the QCA modules share.

A configuration of k conditions is an integer whose bits read the conditions
in the given order, the first condition being the most significant bit. A term
(a conjunction of literals) is a pair ``(mask, value)``: the bits in ``mask``
are the conditions it fixes and ``value`` their levels; ``(0, 0)`` is the
tautology. Written R style: conditions in order, '~' for absence, '*' between
literals.
"""

from __future__ import annotations

import functools
import math

import numpy as np

# admisc::agteb() compares with this tolerance ("almost greater than or equal").
TOLERANCE = math.sqrt(np.finfo(float).eps)

Implicant = tuple[int, int]  # (mask, value)


def bit_of(j: int, k: int) -> int:
    """Bit of condition j (0 = first, the most significant)."""
    return 1 << (k - 1 - j)


def config_string(config: int, k: int) -> str:
    return format(config, f"0{k}b") if k else ""


def term_literals(term: Implicant, k: int) -> list[tuple[int, int]]:
    """(condition index, level) of each literal, in condition order."""
    mask, value = term
    return [(j, 1 if value & bit_of(j, k) else 0) for j in range(k) if mask & bit_of(j, k)]


def write_term(term: Implicant, conditions: list[str]) -> str:
    """R style: conditions in the given order, '~' for absence, '*' between literals."""
    return _write_term(term, tuple(conditions))


@functools.lru_cache(maxsize=65536)
def _write_term(term: Implicant, conditions: tuple[str, ...]) -> str:
    literals = term_literals(term, len(conditions))
    if not literals:
        return "1"
    return "*".join(("" if level else "~") + conditions[j] for j, level in literals)


def write_expression(terms: list[Implicant], conditions: list[str]) -> str:
    return " + ".join(write_term(t, conditions) for t in terms)


def complexity(term: Implicant) -> int:
    return (term[0]).bit_count()


def covers(term: Implicant, config: int) -> bool:
    mask, value = term
    return (config & mask) == value


def is_subterm_of(general: Implicant, specific: Implicant) -> bool:
    """True when `general` is a superset of `specific` (fewer or equal literals, all shared)."""
    return (general[0] & specific[0]) == general[0] and (specific[1] & general[0]) == general[1]


def term_membership(term: Implicant, X: np.ndarray) -> np.ndarray:
    """Fuzzy AND: the minimum over the literals (1 - x for a negated literal)."""
    k = X.shape[1]
    out = np.ones(X.shape[0])
    for j, level in term_literals(term, k):
        out = np.minimum(out, X[:, j] if level else 1.0 - X[:, j])
    return out


def expression_membership(terms: list[Implicant], X: np.ndarray) -> np.ndarray:
    """Fuzzy OR: the maximum over the terms; an empty expression is the empty set."""
    out = np.zeros(X.shape[0])
    for t in terms:
        out = np.maximum(out, term_membership(t, X))
    return out


def safe_ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator > 0 else float("nan")

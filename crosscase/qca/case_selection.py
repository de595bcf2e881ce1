"""Set-theoretic case selection after a sufficiency solution (Schneider &
Rohlfing 2013, "Combining QCA and process tracing in set-theoretic multi-method
research", Sociological Methods & Research 42(4); Schneider & Wagemann 2012,
ch. 11; the types and rankings of SetMethods' smmr(match = FALSE), cases 1, 3,
4 and 5 -- typical, deviant consistency, deviant coverage, individually
irrelevant -- Oana, Schneider & Thomann 2021, ch. 7; checked against
SetMethods 4.1 on generated data, tools/r_parity/).

Per term T of a model S, with X the membership in T and Y in the outcome
(a case "is in" a set with membership above 0.5; exactly 0.5 is in no type):

  typical                 X > 0.5, Y > 0.5 and X <= Y; best = 2(Y - X) + (1 - X),
                          lowest first (then X lowest, then data order); the
                          lowest best is the most typical case. Per model, a
                          typical case is `unique` when no other term of the
                          model has it as a member (X > 0.5): those come first
  deviant consistency     X > 0.5, Y < 0.5 (deviant in kind); best =
                          1 - (X - Y) + (1 - X), lowest first (then X lowest,
                          then data order); the lowest is the most deviant.
                          X > 0.5, Y > 0.5 with X > Y (deviant in degree) is
                          listed apart, as `typical_inconsistent_in_degree`
  individually irrelevant X < 0.5, Y < 0.5 (for the term; by case name)

Per model (S the maximum over its terms):
  deviant coverage        S < 0.5, Y > 0.5: outcome cases no term explains, with
                          the truth table row of the case (`row`: 1 above 0.5,
                          0 below, 0.5 at 0.5), its membership in that row
                          (`tt_row` = min over conditions of max(x, 1 - x)),
                          `tt_le_y` (tt_row <= Y) and best = 1 - tt_row; ordered
                          by row, then tt_le_y true first, then best, then
                          name; the lowest best of each row is its most
                          deviant case
  individually irrelevant S < 0.5, Y < 0.5, ordered by row, then name

SetMethods rounds the figures it prints (and ranks on) to 3 decimals; crosscase
keeps full precision (docs/qca.md).
"""

from __future__ import annotations

import numpy as np

from crosscase.qca.terms import term_membership, write_term

RULES = {
    "typical": "X > 0.5, Y > 0.5, X <= Y; best = 2(Y - X) + (1 - X), lowest first; per model uniquely covered first",
    "typical_inconsistent_in_degree": "X > 0.5, Y > 0.5, X > Y",
    "deviant_consistency": "X > 0.5, Y < 0.5; best = 1 - (X - Y) + (1 - X), lowest first",
    "deviant_coverage": "model S < 0.5, Y > 0.5; by truth table row, TT <= Y first, best = 1 - TT lowest first",
    "individually_irrelevant": "X < 0.5, Y < 0.5 (per model: S < 0.5, Y < 0.5, by truth table row)",
}
SOURCE = (
    "Schneider & Rohlfing (2013), Sociological Methods & Research 42(4); "
    "SetMethods smmr cases 1, 3, 4, 5 (Oana, Schneider & Thomann 2021)"
)
DIGITS = 12  # ranking keys are rounded here, so that float noise does not break ties


def _order(idx: np.ndarray, *keys) -> list[int]:
    """idx sorted by the keys (first key first), then by position."""
    if idx.size == 0:
        return []
    order = np.lexsort(tuple(reversed([np.round(k[idx], DIGITS) for k in keys] + [idx])))
    return idx[order].tolist()


def _flag_min(values: list[float]) -> list[bool]:
    if not values:
        return []
    low = min(round(v, DIGITS) for v in values)
    return [round(v, DIGITS) == low for v in values]


def term_cases(x: np.ndarray, y: np.ndarray, names: list[str]) -> dict:
    """The case types of one term (membership x) against the outcome y."""
    name_rank = np.argsort(np.argsort(np.array(names, dtype=object).astype(str), kind="stable"), kind="stable")
    in_x, in_y, out_x, out_y = x > 0.5, y > 0.5, x < 0.5, y < 0.5
    typical_best = 2 * (y - x) + (1 - x)
    deviant_best = 1 - (x - y) + (1 - x)
    typical = _order(np.flatnonzero(in_x & in_y & (x <= y)), typical_best, x)
    inconsistent = _order(np.flatnonzero(in_x & in_y & (x > y)), -(x - y))
    deviant = _order(np.flatnonzero(in_x & out_y), deviant_best, x)
    irrelevant = _order(np.flatnonzero(out_x & out_y), name_rank)

    def entries(idx, best=None, flag=None):
        out = [{"case": names[i], "x": float(x[i]), "y": float(y[i])} for i in idx]
        if best is not None:
            for entry, i, most in zip(out, idx, _flag_min([float(best[i]) for i in idx])):
                entry["best"] = float(best[i])
                entry[flag] = most
        return out

    return {
        "typical": entries(typical, typical_best, "most_typical"),
        "typical_inconsistent_in_degree": entries(inconsistent),
        "deviant_consistency": entries(deviant, deviant_best, "most_deviant"),
        "individually_irrelevant": [names[i] for i in irrelevant],
    }


def truth_table_rows(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per case: its truth table row codes (1 above 0.5, 0 below, 0.5 at 0.5)
    and its membership in that row, min over conditions of max(x, 1 - x)."""
    codes = np.where(X > 0.5, 1.0, np.where(X < 0.5, 0.0, 0.5))
    row_membership = np.maximum(X, 1.0 - X).min(axis=1) if X.shape[1] else np.ones(X.shape[0])
    return codes, row_membership


class _CaseRows:
    """What the per-model case lists need and no model changes: each case's
    truth table row, its membership in it, and its rank by name."""

    def __init__(self, X: np.ndarray, y: np.ndarray, names: list[str]):
        self.codes, self.tt_row = truth_table_rows(X)
        self.name_rank = np.argsort(np.argsort(np.array(names, dtype=object).astype(str), kind="stable"), kind="stable")
        self.row_keys = [self.codes[:, j] for j in range(self.codes.shape[1])]
        self.le = (self.tt_row <= y).astype(float)
        self.best = 1.0 - self.tt_row
        self.row_lists = self.codes.tolist()
        # plain floats, converted once (numpy scalars are slow to convert one by one)
        self.y = y.tolist()
        self.tt_row_list = self.tt_row.tolist()
        self.best_list = self.best.tolist()


def _model_cases(s, y, names, rows: _CaseRows) -> tuple[list[dict], list[dict]]:
    codes, best = rows.codes, rows.best
    dev = _order(np.flatnonzero((s < 0.5) & (y > 0.5)), *rows.row_keys, -rows.le, best, rows.name_rank)
    low: dict[tuple, float] = {}
    for i in dev:
        key = tuple(codes[i])
        low[key] = min(low.get(key, np.inf), round(float(best[i]), DIGITS))
    x, y_, tt, best_ = s.tolist(), rows.y, rows.tt_row_list, rows.best_list
    deviant = [
        {
            "case": names[i],
            "x": x[i],
            "y": y_[i],
            "row": rows.row_lists[i],
            "tt_row": tt[i],
            "tt_le_y": tt[i] <= y_[i],
            "best": best_[i],
            "most_deviant": round(best_[i], DIGITS) == low[tuple(codes[i])],
        }
        for i in dev
    ]
    iir = _order(np.flatnonzero((s < 0.5) & (y < 0.5)), *rows.row_keys, rows.name_rank)
    irrelevant = [{"case": names[i], "x": x[i], "y": y_[i], "row": rows.row_lists[i], "tt_row": tt[i]} for i in iir]
    return deviant, irrelevant


def _others_max(memberships: list[np.ndarray], n: int) -> list[np.ndarray]:
    """For each term, the maximum membership over the model's other terms
    (prefix and suffix maxima: linear, not quadratic, in the number of terms)."""
    count = len(memberships)
    zeros = np.zeros(n)
    prefix, suffix = [zeros] * (count + 1), [zeros] * (count + 1)
    for i in range(count):
        prefix[i + 1] = np.maximum(prefix[i], memberships[i])
        suffix[count - 1 - i] = np.maximum(suffix[count - i], memberships[count - 1 - i])
    return [np.maximum(prefix[i], suffix[i + 1]) for i in range(count)]


def case_selection(analysis) -> dict:
    """For a crosscase.qca.engine.Analysis: {"rules", "source", "terms": {term:
    case types}, "models": [per model: its terms, the typical cases of each term
    in SetMethods' order with `unique` (`unique_typical`: their names), the
    deviant coverage and the individually irrelevant cases of the model]}.
    Each term is listed once, however many equally minimal models share it."""
    tt = analysis.truth_table
    X, y, names = tt.X, tt.y, tt.case_names
    terms: dict[str, dict] = {}
    membership_of: dict = {}
    models = []
    position = {n: k for k, n in enumerate(names)}
    rows = _CaseRows(X, y, names)
    text_of: dict = {}
    typical_at: dict = {}  # term -> positions of its typical cases
    for model in analysis.solution.models:
        for t in model.terms:
            if t not in membership_of:
                membership_of[t] = term_membership(t, X)
                text_of[t] = write_term(t, tt.conditions)
                terms[text_of[t]] = term_cases(membership_of[t], y, names)
                typical_at[t] = np.array([position[c["case"]] for c in terms[text_of[t]]["typical"]], dtype=int)
        memberships = [membership_of[t] for t in model.terms]
        s = np.maximum.reduce(memberships) if memberships else np.zeros(len(y))
        typical, unique = {}, {}
        for term, other_max in zip(model.terms, _others_max(memberships, len(y))):
            text = text_of[term]
            alone = (other_max[typical_at[term]] <= 0.5).tolist()
            listed = [{**c, "unique": u} for c, u in zip(terms[text]["typical"], alone)]
            listed.sort(key=lambda c: not c["unique"])  # stable: the term's order within each group
            typical[text] = listed
            unique[text] = [c["case"] for c in listed if c["unique"]]
        deviant, irrelevant = _model_cases(s, y, names, rows)
        models.append(
            {
                "model": model.name,
                "terms": [text_of[t] for t in model.terms],
                "typical": typical,
                "unique_typical": unique,
                "deviant_coverage": deviant,
                "individually_irrelevant": irrelevant,
            }
        )
    return {"rules": RULES, "source": SOURCE, "terms": terms, "models": models}

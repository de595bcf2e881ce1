"""Set-theoretic case selection after a sufficiency solution (Schneider &
Rohlfing 2013, "Combining QCA and process tracing in set-theoretic multi-method
research", Sociological Methods & Research 42(4); Schneider & Wagemann 2012,
ch. 11; the same types as SetMethods' cases.suff.typical, cases.suff.deviant.cons,
cases.suff.deviant.cov and cases.suff.iir, Oana, Schneider & Thomann 2021).

Per term T of a model S, with X the membership in T and Y in the outcome
(a case "is in" a set with membership above 0.5):

  typical                 X > 0.5, Y > 0.5 and X <= Y: a member of the term and
                          of the outcome, consistent in degree; flagged
                          `unique` when no other term of the model has the case
                          (X of every other term < 0.5): the best candidates to
                          trace the mechanism of T
  deviant consistency     X > 0.5, Y < 0.5: in the term but not the outcome
                          (deviant in kind); SetMethods also lists X > 0.5,
                          Y > 0.5 with X > Y as deviant in degree, listed here as
                          `typical_inconsistent_in_degree`
  individually irrelevant X < 0.5, Y < 0.5 (for the term)

Per model S:
  deviant coverage        S < 0.5, Y > 0.5: outcome cases no term explains
                          (candidates for a missing path)
  individually irrelevant S < 0.5, Y < 0.5

Within a type the cases are ranked as Schneider & Rohlfing suggest for the
choice of the most typical case: typical by the smallest |Y - X| then the
highest X; deviant consistency by the highest X - Y (most deviant first);
deviant coverage by the highest Y; irrelevant by case name. A membership of
exactly 0.5 belongs to no type (it is neither in nor out).
"""

from __future__ import annotations

import numpy as np

from crosscase.qca.terms import term_membership, write_term

RULES = {
    "typical": "X > 0.5, Y > 0.5, X <= Y (ranked by |Y - X|, then X highest)",
    "typical_inconsistent_in_degree": "X > 0.5, Y > 0.5, X > Y",
    "deviant_consistency": "X > 0.5, Y < 0.5 (ranked by X - Y, largest first)",
    "deviant_coverage": "model S < 0.5, Y > 0.5 (ranked by Y, highest first)",
    "individually_irrelevant": "X < 0.5, Y < 0.5",
}
SOURCE = (
    "Schneider & Rohlfing (2013), Sociological Methods & Research 42(4); "
    "SetMethods cases.suff.* (Oana, Schneider & Thomann 2021)"
)


def _entries(names, idx, x, y):
    return [{"case": names[i], "x": float(x[i]), "y": float(y[i])} for i in idx]


def term_cases(x: np.ndarray, y: np.ndarray, names: list[str]) -> dict:
    """The case types of one term (membership x) against the outcome y."""
    names_arr = np.array(names, dtype=object)

    def ranked(mask, *keys):
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return []
        order = np.lexsort(tuple(reversed([k[idx] for k in keys])))
        return idx[order].tolist()

    name_rank = np.argsort(np.argsort(names_arr.astype(str), kind="stable"), kind="stable")
    in_x, in_y, out_x, out_y = x > 0.5, y > 0.5, x < 0.5, y < 0.5
    typical = ranked(in_x & in_y & (x <= y), np.abs(y - x), -x, name_rank)
    inconsistent = ranked(in_x & in_y & (x > y), -(x - y), name_rank)
    deviant = ranked(in_x & out_y, -(x - y), name_rank)
    irrelevant = ranked(out_x & out_y, name_rank)
    return {
        "typical": _entries(names, typical, x, y),
        "typical_inconsistent_in_degree": _entries(names, inconsistent, x, y),
        "deviant_consistency": _entries(names, deviant, x, y),
        "individually_irrelevant": [names[i] for i in irrelevant],
    }


def case_selection(analysis) -> dict:
    """For a crosscase.qca.engine.Analysis: {"rules", "source", "terms": {term: case types}, "models": [per model:
    the uniquely covered typical cases of each term, the deviant coverage and
    the individually irrelevant cases of the model]}. Each term is listed
    once, however many equally minimal models share it."""
    tt = analysis.truth_table
    X, y, names = tt.X, tt.y, tt.case_names
    terms: dict[str, dict] = {}
    membership_of: dict = {}
    models = []
    position = {n: k for k, n in enumerate(names)}
    for model in analysis.solution.models:
        for t in model.terms:
            if t not in membership_of:
                membership_of[t] = term_membership(t, X)
                terms[write_term(t, tt.conditions)] = term_cases(membership_of[t], y, names)
        memberships = [membership_of[t] for t in model.terms]
        s = np.maximum.reduce(memberships) if memberships else np.zeros(len(y))
        unique = {}
        for i, term in enumerate(model.terms):
            others = [m for j, m in enumerate(memberships) if j != i]
            other_max = np.maximum.reduce(others) if others else np.zeros(len(y))
            text = write_term(term, tt.conditions)
            unique[text] = [c["case"] for c in terms[text]["typical"] if other_max[position[c["case"]]] < 0.5]
        idx = np.arange(len(y))
        deviant_cov = sorted((i for i in idx if s[i] < 0.5 and y[i] > 0.5), key=lambda i: (-y[i], names[i]))
        models.append(
            {
                "model": model.name,
                "terms": [write_term(t, tt.conditions) for t in model.terms],
                "unique_typical": unique,
                "deviant_coverage": [{"case": names[i], "x": float(s[i]), "y": float(y[i])} for i in deviant_cov],
                "individually_irrelevant": sorted(names[i] for i in idx if s[i] < 0.5 and y[i] < 0.5),
            }
        )
    return {"rules": RULES, "source": SOURCE, "terms": terms, "models": models}

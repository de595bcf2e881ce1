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

from crosscase.qca.engine import Analysis, expression_membership, term_membership, write_term

RULES = {
    "typical": "X > 0.5, Y > 0.5, X <= Y (ranked by |Y - X|, then X highest)",
    "typical_inconsistent_in_degree": "X > 0.5, Y > 0.5, X > Y",
    "deviant_consistency": "X > 0.5, Y < 0.5 (ranked by X - Y, largest first)",
    "deviant_coverage": "model S < 0.5, Y > 0.5 (ranked by Y, highest first)",
    "individually_irrelevant": "X < 0.5, Y < 0.5",
}
SOURCE = ("Schneider & Rohlfing (2013), Sociological Methods & Research 42(4); "
          "SetMethods cases.suff.* (Oana, Schneider & Thomann 2021)")


def _entry(names, i, x, y):
    return {"case": names[i], "x": float(x[i]), "y": float(y[i])}


def term_cases(term_m: np.ndarray, other_max: np.ndarray, y: np.ndarray, names: list[str]) -> dict:
    x = term_m
    idx = np.arange(len(y))
    typical = [i for i in idx if x[i] > 0.5 and y[i] > 0.5 and x[i] <= y[i]]
    typical.sort(key=lambda i: (abs(y[i] - x[i]), -x[i], names[i]))
    inconsistent = sorted((i for i in idx if x[i] > 0.5 and y[i] > 0.5 and x[i] > y[i]),
                          key=lambda i: (-(x[i] - y[i]), names[i]))
    deviant = sorted((i for i in idx if x[i] > 0.5 and y[i] < 0.5), key=lambda i: (-(x[i] - y[i]), names[i]))
    irrelevant = sorted((i for i in idx if x[i] < 0.5 and y[i] < 0.5), key=lambda i: names[i])
    return {
        "typical": [{**_entry(names, i, x, y), "unique": bool(other_max[i] < 0.5)} for i in typical],
        "typical_inconsistent_in_degree": [_entry(names, i, x, y) for i in inconsistent],
        "deviant_consistency": [_entry(names, i, x, y) for i in deviant],
        "individually_irrelevant": [names[i] for i in irrelevant],
    }


def case_selection(analysis: Analysis) -> list[dict]:
    """Per model: its terms with their case types, and the model's deviant
    coverage and individually irrelevant cases."""
    tt = analysis.truth_table
    X, y, names = tt.X, tt.y, tt.case_names
    out = []
    for model in analysis.solution.models:
        memberships = [term_membership(t, X) for t in model.terms]
        s = expression_membership(model.terms, X)
        terms = []
        for i, term in enumerate(model.terms):
            others = [m for j, m in enumerate(memberships) if j != i]
            other_max = np.maximum.reduce(others) if others else np.zeros(len(y))
            terms.append({"term": write_term(term, tt.conditions), **term_cases(memberships[i], other_max, y, names)})
        idx = np.arange(len(y))
        deviant_cov = sorted((i for i in idx if s[i] < 0.5 and y[i] > 0.5), key=lambda i: (-y[i], names[i]))
        irrelevant = sorted((names[i] for i in idx if s[i] < 0.5 and y[i] < 0.5))
        out.append({
            "model": model.name,
            "terms": terms,
            "deviant_coverage": [{"case": names[i], "x": float(s[i]), "y": float(y[i])} for i in deviant_cov],
            "individually_irrelevant": irrelevant,
        })
    return out

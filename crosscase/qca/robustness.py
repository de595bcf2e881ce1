"""Robustness of a QCA solution to the analyst's choices (Oana & Schneider
2021, "A robustness test protocol for applied QCA", Sociological Methods &
Research; SetMethods' rob.fit, rob.inclrange, rob.ncutrange, rob.calibrange,
rob.cases).

The analysis is re-run with one choice changed at a time -- the inclusion cut,
the frequency cut (n.cut), or one calibration anchor of one set -- and each
re-run's solution (its first model, M1, as SetMethods takes one solution per
test) is compared with the initial solution IS:

  models surviving   each initial model, and the runs whose models include it
                     (the same terms)
  robust core        per case, min over IS and every test solution TS
  RF_cov  = sum(min(IS, minTS)) / sum(IS)
  RF_cons = sum(min(IS, minTS)) / sum(minTS)
  RF_SC   = sum(min(IS, minTS)) / sum(max(IS, maxTS))
            (robustness fit parameters of Oana & Schneider 2021: how much of
            the initial solution the robust core keeps, how consistent the
            core is with it, and how close the core is to the widest reading)
  per case           in how many runs (the initial one included) the case is a
                     member (> 0.5) of the solution, and its robustness type:
                     robust typical (IS > .5, minTS > .5, Y > .5),
                     shaky typical (IS > .5, minTS < .5, Y > .5),
                     possible typical (IS < .5, maxTS > .5, Y > .5),
                     robust deviant (IS > .5, minTS > .5, Y < .5),
                     shaky deviant (IS > .5, minTS < .5, Y < .5),
                     possible deviant (IS < .5, maxTS > .5, Y < .5),
                     else "none" (Y is the initial outcome membership).

A re-run that yields no model (or cannot run) has no test solution: it is
listed with its status, counted in `no_solution`, covers no case in the
per-case frequencies, and left out of minTS and maxTS -- otherwise one empty
re-run would empty the robust core and make every fit parameter 0, hiding what
the other re-runs show. That a solution vanishes under a plausible choice is a
finding in itself, which `no_solution` reports.

Default ranges (change with `robustness:` in the configuration or the CLI):
  incl_cut   the initial cut -0.10, -0.05, +0.05, +0.10, kept within [0.5, 1]
  n_cut      the initial n.cut +1 and +2 (and -1 when it stays >= 1)
  anchors    (pipeline only, fuzzy sets) each anchor of each set moved by
             -/+ 5% of the distance between its exclusion and inclusion anchors,
             one anchor at a time, when the anchors stay ordered
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from crosscase.qca.engine import Analysis, QCAInputError, expression_membership, safe_ratio, write_expression

INCL_STEPS = (-0.10, -0.05, 0.05, 0.10)
N_CUT_STEPS = (-1, 1, 2)
ANCHOR_SHIFT = 0.05
SOURCE = (
    "Oana & Schneider (2021), A robustness test protocol for applied QCA, Sociological Methods & "
    "Research; SetMethods rob.fit / rob.inclrange / rob.ncutrange / rob.calibrange / rob.cases"
)


def cut_variants(incl_cut, n_cut: int, incl_values=None, n_values=None) -> list[dict]:
    """Re-runs over the inclusion cut and n.cut: [{"label", "parameter", "value", "options"}]."""
    cuts = list(incl_cut) if isinstance(incl_cut, (list, tuple)) else [incl_cut]
    ic1 = float(cuts[0])
    ic0 = float(cuts[1]) if len(cuts) > 1 else None
    if incl_values is None:
        incl_values = [round(ic1 + step, 10) for step in INCL_STEPS if 0.5 <= round(ic1 + step, 10) <= 1]
    variants = []
    for value in incl_values:
        value = float(value)
        if abs(value - ic1) < 1e-12:
            continue
        new = [value] if ic0 is None else [value, min(ic0, value)]
        variants.append(
            {"label": f"incl_cut={value:g}", "parameter": "incl_cut", "value": value, "options": {"incl_cut": new}}
        )
    if n_values is None:
        n_values = [n_cut + step for step in N_CUT_STEPS if n_cut + step >= 1]
    for value in n_values:
        if int(value) == int(n_cut):
            continue
        variants.append(
            {
                "label": f"n_cut={int(value)}",
                "parameter": "n_cut",
                "value": int(value),
                "options": {"n_cut": int(value)},
            }
        )
    return variants


def anchor_variants(sets: list[dict], shift: float = ANCHOR_SHIFT) -> list[dict]:
    """One anchor of one fuzzy set moved by -/+ shift x |inclusion - exclusion|."""
    variants = []
    for spec in sets:
        calibration = spec["calibration"]
        if calibration.get("type") != "fuzzy":
            continue
        span = abs(calibration["inclusion"] - calibration["exclusion"])
        for anchor in ("exclusion", "crossover", "inclusion"):
            for sign in (-1, 1):
                moved = dict(calibration)
                moved[anchor] = round(calibration[anchor] + sign * shift * span, 10)
                e, c, i = moved["exclusion"], moved["crossover"], moved["inclusion"]
                if not (e < c < i or e > c > i):
                    continue
                variants.append(
                    {
                        "label": f"{spec['name']}.{anchor}={moved[anchor]:g}",
                        "parameter": "calibration",
                        "value": {spec["name"]: {anchor: moved[anchor]}},
                        "options": {"calibration": {spec["name"]: moved}},
                    }
                )
    return variants


def _solution_membership(analysis: Analysis | None, n: int) -> np.ndarray:
    if analysis is None or not analysis.solution.models:
        return np.zeros(n)
    return expression_membership(analysis.solution.models[0].terms, analysis.truth_table.X)


def robustness(initial: Analysis, run: Callable[[dict], Analysis], variants: list[dict]) -> dict:
    """Re-run `run(options)` for each variant and compare with `initial`."""
    tt = initial.truth_table
    names = tt.case_names
    n = len(names)
    y = tt.y
    IS = _solution_membership(initial, n)
    runs, memberships = [], []
    for variant in variants:
        try:
            analysis = run(variant["options"])
        except QCAInputError as error:
            runs.append(
                {
                    "label": variant["label"],
                    "parameter": variant["parameter"],
                    "value": variant["value"],
                    "status": "not_run",
                    "error": str(error),
                    "models": [],
                }
            )
            memberships.append(np.zeros(n))
            continue
        if list(analysis.truth_table.case_names) != list(names):
            raise QCAInputError(f"robustness run {variant['label']}: the cases differ from the initial analysis")
        runs.append(
            {
                "label": variant["label"],
                "parameter": variant["parameter"],
                "value": variant["value"],
                "status": "ok",
                "models": [
                    write_expression(m.terms, analysis.truth_table.conditions) for m in analysis.solution.models
                ],
                "_terms": [frozenset(m.terms) for m in analysis.solution.models],
            }
        )
        memberships.append(_solution_membership(analysis, n))
    solved = [m for m, r in zip(memberships, runs) if r["status"] == "ok" and r["models"]]
    no_solution = [r["label"] for r in runs if not (r["status"] == "ok" and r["models"])]
    TS = np.array(solved) if solved else np.zeros((0, n))
    min_ts = TS.min(axis=0) if len(TS) else IS.copy()
    max_ts = TS.max(axis=0) if len(TS) else IS.copy()
    core = np.minimum(IS, min_ts)
    fit = {  # None (JSON null) when a denominator is 0: no case in the solution
        key: (None if math.isnan(value) else value)
        for key, value in (
            ("RF_cov", safe_ratio(core.sum(), IS.sum())),
            ("RF_cons", safe_ratio(core.sum(), min_ts.sum())),
            ("RF_SC", safe_ratio(core.sum(), np.maximum(IS, max_ts).sum())),
        )
    }
    survival = []
    for model in initial.solution.models:
        terms = frozenset(model.terms)
        kept = [r["label"] for r in runs if terms in r.get("_terms", [])]
        survival.append(
            {
                "model": model.name,
                "expression": write_expression(model.terms, tt.conditions),
                "runs_kept": len(kept),
                "runs": len(runs),
                "kept_in": kept,
            }
        )
    all_runs = np.vstack([IS[None, :], np.array(memberships)]) if memberships else IS[None, :]
    covered = (all_runs > 0.5).sum(axis=0)
    cases = []
    for i, case in enumerate(names):
        cases.append(
            {
                "case": case,
                "y": float(y[i]),
                "initial": float(IS[i]),
                "min_test": float(min_ts[i]),
                "max_test": float(max_ts[i]),
                "core": float(core[i]),
                "covered_runs": int(covered[i]),
                "runs": int(all_runs.shape[0]),
                "frequency": float(covered[i] / all_runs.shape[0]),
                "type": case_type(IS[i], min_ts[i], max_ts[i], y[i]),
            }
        )
    for r in runs:
        r.pop("_terms", None)
    return {
        "source": SOURCE,
        "initial_model": initial.solution.models[0].name if initial.solution.models else None,
        "runs": runs,
        "no_solution": no_solution,
        "fit": fit,
        "models": survival,
        "cases": cases,
    }


def case_type(initial: float, min_test: float, max_test: float, y: float) -> str:
    if y > 0.5:
        if initial > 0.5:
            return "robust typical" if min_test > 0.5 else "shaky typical"
        return "possible typical" if max_test > 0.5 else "none"
    if y < 0.5:
        if initial > 0.5:
            return "robust deviant" if min_test > 0.5 else "shaky deviant"
        return "possible deviant" if max_test > 0.5 else "none"
    return "none"

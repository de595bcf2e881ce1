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
  RF_cov  = covS(core) / covS(IS) = sum(min(core, Y)) / sum(min(IS, Y))
  RF_cons = inclS(IS) / inclS(core)
  RF_SC_minTS = sum(min(IS, minTS)) / sum(max(IS, minTS))
  RF_SC_maxTS = sum(min(IS, maxTS)) / sum(max(IS, maxTS))
            (the robustness fit parameters of SetMethods' rob.fit, Oana &
            Schneider 2021: how much of the initial solution's coverage the
            robust core keeps, how the initial consistency compares with the
            core's, and how close the initial solution is to the narrowest and
            the widest test solution)
  RCR_typ = robust typical / (robust + shaky + possible typical cases)
  RCR_dev = robust deviant / (robust + shaky + possible deviant cases)
  RCC_rank  1 no shaky and no possible cases, 2 possible only, 3 shaky only,
            4 both (SetMethods' rob.cases, its case ratios)
  per case           in how many runs (the initial one included) the case is a
                     member (> 0.5) of the solution, and its robustness type,
                     SetMethods' rob.cases (Y the outcome membership):
                     robust typical (IS > .5, minTS > .5, Y > .5),
                     shaky typical (IS > .5, minTS < .5, Y > .5),
                     possible typical (IS < .5, maxTS > .5, Y > .5),
                     extreme deviant coverage (IS < .5, maxTS < .5, Y > .5),
                     robust deviant (IS > .5, minTS > .5, Y < .5),
                     shaky deviant (IS > .5, minTS < .5, Y < .5),
                     possible deviant (IS < .5, maxTS > .5, Y < .5),
                     irrelevant (IS < .5, maxTS < .5, Y < .5),
                     else "none" (a membership of exactly 0.5 somewhere).

SetMethods 4.1 takes minTS and maxTS over the first and the last test solution
only (its loops run over `length(test_sol)`, not `seq_along`); crosscase takes
them over every test solution, as the method defines (docs/qca.md).

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
    fit = robustness_fit(IS, min_ts, max_ts, y)
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
        "case_ratio": case_ratio(IS, min_ts, max_ts, y),
        "models": survival,
        "cases": cases,
    }


def _none_if_nan(value: float):
    return None if math.isnan(value) else float(value)


def robustness_fit(IS: np.ndarray, min_ts: np.ndarray, max_ts: np.ndarray, y: np.ndarray) -> dict:
    """SetMethods' rob.fit; None (JSON null) where a denominator is 0."""
    core = np.minimum(IS, min_ts)
    is_y, core_y = np.minimum(IS, y).sum(), np.minimum(core, y).sum()
    incl_is, incl_core = safe_ratio(is_y, IS.sum()), safe_ratio(core_y, core.sum())
    return {
        "RF_cov": _none_if_nan(safe_ratio(core_y, is_y)),
        "RF_cons": _none_if_nan(safe_ratio(incl_is, incl_core)),
        "RF_SC_minTS": _none_if_nan(safe_ratio(np.minimum(IS, min_ts).sum(), np.maximum(IS, min_ts).sum())),
        "RF_SC_maxTS": _none_if_nan(safe_ratio(np.minimum(IS, max_ts).sum(), np.maximum(IS, max_ts).sum())),
    }


def case_ratio(IS: np.ndarray, min_ts: np.ndarray, max_ts: np.ndarray, y: np.ndarray) -> dict:
    """SetMethods' robustness case ratios (rob.cases): RCR_typ, RCR_dev (None
    when no case is of the three types) and RCC_rank (shaky: IS > .5 and
    minTS < .5; possible: IS < .5 and maxTS > .5; whatever the outcome)."""
    robust = (IS > 0.5) & (min_ts > 0.5)
    shaky = (IS > 0.5) & (min_ts < 0.5)
    possible = (IS < 0.5) & (max_ts > 0.5)

    def ratio(side: np.ndarray):
        total = int((robust & side).sum() + (shaky & side).sum() + (possible & side).sum())
        return float((robust & side).sum() / total) if total else None

    rank = 1 + (1 if possible.any() else 0) + (2 if shaky.any() else 0)
    return {"RCR_typ": ratio(y > 0.5), "RCR_dev": ratio(y < 0.5), "RCC_rank": rank}


def case_type(initial: float, min_test: float, max_test: float, y: float) -> str:
    """SetMethods' rob.cases types: each needs its memberships strictly above
    or below 0.5."""
    if y == 0.5 or initial == 0.5:
        return "none"
    outcome = "typical" if y > 0.5 else "deviant"
    if initial > 0.5:
        if min_test > 0.5:
            return f"robust {outcome}"
        return f"shaky {outcome}" if min_test < 0.5 else "none"
    if max_test > 0.5:
        return f"possible {outcome}"
    if max_test < 0.5:
        return "extreme deviant coverage" if y > 0.5 else "irrelevant"
    return "none"

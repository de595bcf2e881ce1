"""Propositions as first-class objects, checked case by case (Yin's pattern
matching and explanation building; docs/method.md).

A proposition (config.yaml ``propositions``) has a name, its text and source,
a claim type and conditions. Every condition is defined on ONE case's framework
items; nothing is pooled across cases. Each condition of a case is
``holds``, ``fails`` or ``undetermined`` and carries the item_ids weighing for
and against it and the item_ids that decide it.

Claims (``outcome`` is the case's success class being more_successful, unless
the proposition names an outcome condition):

* ``iff``: more successful <=> every condition holds (section 4.1's first sentence)
* ``helps``: the conditions help the outcome condition; where they hold the
  outcome should hold; where they fail the outcome may fail (a failure then
  supports, a success says nothing) (section 4.1's second sentence)
* ``sufficient``: conditions -> outcome; cases without the conditions say nothing
* ``necessary``: outcome -> conditions; cases without the outcome say nothing

Verdict per case: ``supports``, ``contradicts`` or ``undetermined``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from crosscase.common.problems import UserInputError
from crosscase.within.framework import categories, with_optional
from crosscase.within.success import success_class

SUCCESS = "more_successful"
VERDICTS = ("supports", "contradicts", "undetermined")
CLAIMS = ("iff", "helps", "sufficient", "necessary")
HOLDS, FAILS, UNDETERMINED = "holds", "fails", "undetermined"
OCCURRED = ("full", "partial")
DEFAULT_WEIGHTS = {"full": 1.0, "partial": 0.5, "none": 0.0}

# The shipped default (config.yaml may replace or extend it): section 4.1 of the thesis.
DEFAULT_PROPOSITIONS = [
    {
        "name": "P1",
        "source": "s4.1, line 410 (first sentence)",
        "text": (
            "More successful change programmes are better able to understand their contexts, to design change "
            "theories that will work within these contexts, to fully implement the activities planned on the basis "
            "of these theories, and to have the resources and autonomy to complete the programme to its conclusion."
        ),
        "claim": "iff",
        "conditions": ["context_understood", "theory_adhered_and_correct", "implemented", "resources_kept", "autonomy"],
    },
    {
        "name": "P2",
        "source": "s4.1, line 410 (second sentence)",
        "text": (
            "Recognition of those instigating change of the contribution of their level to the perceived problems and "
            "a willingness to improve their own practice and impacts helps to address contextual barriers which may "
            "otherwise frustrate the change programme even if well planned and implemented."
        ),
        "claim": "helps",
        "conditions": ["instigator_self_change"],
        "outcome": "no_major_barrier",
    },
]


# --------------------------------------------------------------------------
# conditions: each takes one case's items (list of dicts) and its parameters


@dataclass
class Judged:
    state: str  # holds | fails | undetermined
    why: str
    for_ids: list[str] = field(default_factory=list)
    against_ids: list[str] = field(default_factory=list)
    decisive: list[str] = field(default_factory=list)


def _is_true(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and bool(value)


def _ids(records) -> list[str]:
    return [r["item_id"] for r in records]


def _planned(items, facet):
    return [r for r in items if r["facet"] == facet and _is_true(r["anticipated"])]


def _theory_levels(r) -> tuple[str, str]:
    return (r.get("adherence") or r["observed"], r.get("proved_correct") or r["observed"])


def context_understood(items, fail_severity=("major",)) -> Judged:
    """Fails when a context factor that was experienced (full/partial) but not
    anticipated is a barrier of a failing severity (major by default): the
    thesis's understanding 'incomplete in all cases and majorly flawed in a few'
    (l.394). Unforeseen enablers never count against it."""
    context = [r for r in items if r["stage"] == "context"]
    experienced = [r for r in context if r["observed"] in OCCURRED]
    foreseen = [r for r in experienced if _is_true(r["anticipated"])]
    unforeseen = [r for r in experienced if not _is_true(r["anticipated"])]
    barriers = [r for r in unforeseen if r.get("direction") == "barrier"]
    failing = [r for r in barriers if r.get("severity") in fail_severity]
    unclear = [
        r for r in unforeseen if not r.get("direction") or (r.get("direction") == "barrier" and not r.get("severity"))
    ]
    if failing:
        return Judged(
            FAILS,
            f"unforeseen {'/'.join(fail_severity)} barrier(s) {', '.join(_ids(failing))}",
            _ids(foreseen),
            _ids(barriers),
            _ids(failing),
        )
    if unclear:
        return Judged(
            UNDETERMINED,
            f"direction or severity not recorded for unforeseen context {', '.join(_ids(unclear))}",
            _ids(foreseen),
            _ids(barriers),
            [],
        )
    if not experienced:
        return Judged(UNDETERMINED, "no context factor was experienced", [], [], [])
    why = f"no unforeseen {'/'.join(fail_severity)} barrier"
    if barriers:
        why += (
            f" (unforeseen lesser barriers: {', '.join(_ids(barriers))}: understanding incomplete, not majorly flawed)"
        )
    return Judged(HOLDS, why, _ids(foreseen), _ids(barriers), [])


def theory_adhered_and_correct(items, fail_levels=("none",)) -> Judged:
    """Table 4 / l.214: 'if the original change theories were adhered to and
    proven to be correct'. Fails when a planned theory's adherence or
    proved_correct is a failing level (none by default: not adhered to at all,
    or proved wrong); partial counts against but does not fail."""
    theories = _planned(items, "change_theory")
    failing = [r for r in theories if set(_theory_levels(r)) & set(fail_levels)]
    good = [r for r in theories if _theory_levels(r) == ("full", "full")]
    short = [r for r in theories if set(_theory_levels(r)) & {"partial", "none"}]
    if failing:
        detail = ", ".join(
            f"{r['item_id']} (adherence {_theory_levels(r)[0]}, proved_correct {_theory_levels(r)[1]})" for r in failing
        )
        return Judged(FAILS, f"theory not adhered to or proved wrong: {detail}", _ids(good), _ids(short), _ids(failing))
    if not [r for r in theories if set(_theory_levels(r)) - {"unknown"}]:
        return Judged(UNDETERMINED, "no planned change theory with a known adherence or proved_correct", [], [], [])
    why = "no planned theory abandoned or proved wrong"
    if short:
        why += f" (held in part: {', '.join(_ids(short))})"
    return Judged(HOLDS, why, _ids(good), _ids(short), [])


def implemented(items, fail_levels=("none",)) -> Judged:
    """'fully implement the activities planned' (l.410): fails when a planned
    activity was not delivered at all (none by default, e.g. CS8's individual
    service funds 'were abandoned', l.356); activities delivered in part count
    against but do not fail, because the thesis says the more successful
    programmes 'were also able to implement their planned change activities'
    (l.390) while reporting shortfalls in them (CS1's learning sets, l.252)."""
    planned = _planned(items, "change_activity")
    scored = [r for r in planned if r["observed"] != "unknown"]
    failing = [r for r in scored if r["observed"] in fail_levels]
    full = [r for r in scored if r["observed"] == "full"]
    short = [r for r in scored if r["observed"] != "full"]
    if failing:
        return Judged(
            FAILS, f"planned activity not delivered: {', '.join(_ids(failing))}", _ids(full), _ids(short), _ids(failing)
        )
    if not scored:
        return Judged(UNDETERMINED, "no planned activity with a known delivery", [], [], [])
    why = "every planned activity delivered" + (f" (in part: {', '.join(_ids(short))})" if short else "")
    return Judged(HOLDS, why, _ids(full), _ids(short), [])


def resources_kept(items, hold_levels=("full",), category="resources") -> Judged:
    """'have the resources ... to complete the programme' (l.410), 'all were
    able to maintain these' (l.390): the anticipated resources items observed
    in a holding level (full by default)."""
    res = [r for r in items if _is_true(r["anticipated"]) and category in categories(r["category"])]
    known = [r for r in res if r["observed"] != "unknown"]
    kept = [r for r in known if r["observed"] in hold_levels]
    lost = [r for r in known if r["observed"] not in hold_levels]
    if lost:
        detail = ", ".join(f"{r['item_id']} ({r['observed']})" for r in lost)
        return Judged(FAILS, f"resources not kept: {detail}", _ids(kept), _ids(lost), _ids(lost))
    if not known:
        return Judged(UNDETERMINED, f"no anticipated '{category}' item with a known observation", [], [], [])
    return Judged(HOLDS, f"resources kept: {', '.join(_ids(kept))}", _ids(kept), [], [])


def autonomy(items, fail_severity=("major",), category="autonomy", power_category="mandated_engagement") -> Judged:
    """'the ... autonomy to complete the programme to its conclusion' (l.410).
    Fails on an experienced context barrier of the category 'autonomy' with a
    failing severity; evidence for it: experienced 'autonomy' enablers (e.g.
    resources in the instigators' gift, l.380) and planned activities showing
    the power to mandate engagement (l.380). Neither: undetermined."""
    tagged = [
        r
        for r in items
        if r["stage"] == "context" and category in categories(r["category"]) and r["observed"] in OCCURRED
    ]
    enablers = [r for r in tagged if r.get("direction") == "enabler"]
    barriers = [r for r in tagged if r.get("direction") == "barrier"]
    failing = [r for r in barriers if r.get("severity") in fail_severity]
    power = [r for r in _planned(items, "change_activity") if power_category in categories(r["category"])]
    if failing:
        return Judged(
            FAILS,
            f"{'/'.join(fail_severity)} limit on autonomy: {', '.join(_ids(failing))}",
            _ids(enablers + power),
            _ids(barriers),
            _ids(failing),
        )
    if not enablers and not power:
        if barriers:
            return Judged(
                UNDETERMINED,
                f"only lesser limits recorded ({', '.join(_ids(barriers))}), no evidence of autonomy",
                [],
                _ids(barriers),
                [],
            )
        return Judged(UNDETERMINED, "nothing recorded about autonomy", [], [], [])
    why = f"autonomy shown by {', '.join(_ids(enablers + power))}"
    if barriers:
        why += f" (lesser limits: {', '.join(_ids(barriers))})"
    return Judged(HOLDS, why, _ids(enablers + power), _ids(barriers), [])


def instigator_self_change(items, category="instigator_self_change", recognised="instigator_contribution") -> Judged:
    """Section 4.1's second sentence, l.376: instigators recognise their own
    level's contribution and set out to change their own practice. Holds when
    a mechanism item carries the category and was not observed none."""
    own = [
        r
        for r in items
        if r["stage"] == "mechanism" and category in categories(r["category"]) and r["observed"] != "none"
    ]
    contribution = [r for r in items if recognised in categories(r["category"])]
    if own:
        return Judged(
            HOLDS,
            f"instigators set out to change their own practice: {', '.join(_ids(own))}",
            _ids(own + contribution),
            [],
            _ids(own),
        )
    return Judged(
        FAILS,
        "no instigator self-change recorded"
        + (f" (their own level's part in the problem: {', '.join(_ids(contribution))})" if contribution else ""),
        [],
        _ids(contribution),
        _ids(contribution),
    )


def no_major_barrier(items, fail_severity=("major",)) -> Judged:
    """No experienced context barrier of a failing severity, foreseen or not:
    no contextual barrier 'frustrated the change programme' (l.410)."""
    barriers = [
        r for r in items if r["stage"] == "context" and r.get("direction") == "barrier" and r["observed"] in OCCURRED
    ]
    failing = [r for r in barriers if r.get("severity") in fail_severity]
    unclear = [r for r in items if r["stage"] == "context" and r["observed"] in OCCURRED and not r.get("direction")]
    if failing:
        return Judged(
            FAILS, f"{'/'.join(fail_severity)} barrier(s) {', '.join(_ids(failing))}", [], _ids(failing), _ids(failing)
        )
    if unclear:
        return Judged(UNDETERMINED, f"direction not recorded for {', '.join(_ids(unclear))}", [], [], [])
    return Judged(HOLDS, "no major contextual barrier", _ids(barriers), [], [])


def has_category(items, category: str, levels=OCCURRED) -> Judged:
    """Any item carrying the category, observed in one of `levels`."""
    found = [r for r in items if category in categories(r["category"]) and r["observed"] in levels]
    if found:
        return Judged(HOLDS, f"{category}: {', '.join(_ids(found))}", _ids(found), [], _ids(found))
    return Judged(FAILS, f"no item with category {category} observed {'/'.join(levels)}", [], [], [])


def share_metric(records, metric: str, weights=None):
    """(value or None, item_ids scored) of a ratio metric of
    crosscase.within.framework, computed on plain records (same definitions)."""
    weights = DEFAULT_WEIGHTS if weights is None else weights
    planned = [r for r in records if _is_true(r["anticipated"])]
    pick = {
        "fidelity": [r for r in planned if r["facet"] == "change_activity"],
        "theory_held": [r for r in planned if r["facet"] == "change_theory"],
        "attainment_intermediary": [r for r in planned if r["stage"] == "outcome" and r["facet"] == "intermediary"],
        "attainment_long_term": [r for r in planned if r["stage"] == "outcome" and r["facet"] == "long_term"],
        "resources_maintained": [r for r in planned if "resources" in categories(r["category"])],
    }
    if metric == "context_foresight":
        experienced = [r for r in records if r["stage"] == "context" and r["observed"] in OCCURRED]
        if not experienced:
            return None, []
        return sum(_is_true(r["anticipated"]) for r in experienced) / len(experienced), _ids(experienced)
    if metric not in pick:
        raise UserInputError(
            f"metric_at_least: unknown metric '{metric}' (expected one of {', '.join([*pick, 'context_foresight'])})"
        )
    scored = [r for r in pick[metric] if r["observed"] in weights]
    if not scored:
        return None, []
    return sum(weights[r["observed"]] for r in scored) / len(scored), _ids(scored)


def metric_at_least(items, metric: str, min: float, weights=None) -> Judged:  # noqa: A002 (config key)
    """A within-case share metric (crosscase.within.framework) at or above `min`:
    the earlier share-and-threshold reading of the proposition."""
    value, scored = share_metric(items, metric, weights)
    if value is None:
        return Judged(UNDETERMINED, f"{metric} is NA", [], [], [])
    ok = round(value, 9) >= round(float(min), 9)
    text = f"{metric} {value:.4f} {'>=' if ok else '<'} {min:g}"
    return Judged(HOLDS if ok else FAILS, text, scored if ok else [], [] if ok else scored, [] if ok else scored)


CONDITIONS = {
    "context_understood": context_understood,
    "theory_adhered_and_correct": theory_adhered_and_correct,
    "implemented": implemented,
    "resources_kept": resources_kept,
    "autonomy": autonomy,
    "instigator_self_change": instigator_self_change,
    "no_major_barrier": no_major_barrier,
    "has_category": has_category,
    "metric_at_least": metric_at_least,
}


# --------------------------------------------------------------------------
# propositions


@dataclass(frozen=True)
class Condition:
    kind: str
    params: dict
    label: str

    def judge(self, items) -> Judged:
        return CONDITIONS[self.kind](items, **self.params)


@dataclass(frozen=True)
class Proposition:
    name: str
    text: str
    source: str
    claim: str
    conditions: tuple[Condition, ...]
    outcome: Condition | None = None  # None: the success class


def _condition(spec, where: str) -> Condition:
    """'name' or {name: {params}} or {kind: name, ...params}."""
    if isinstance(spec, str):
        kind, params = spec, {}
    elif isinstance(spec, dict) and "kind" in spec:
        kind, params = spec["kind"], {k: v for k, v in spec.items() if k not in ("kind", "label")}
    elif isinstance(spec, dict) and len(spec) == 1:
        kind, params = next(iter(spec.items()))
        params = dict(params or {})
    else:
        raise UserInputError(f"{where}: a condition is a name or {{name: {{parameters}}}}, got {spec!r}")
    if kind not in CONDITIONS:
        raise UserInputError(f"{where}: unknown condition '{kind}' (expected one of {', '.join(CONDITIONS)})")
    for key, value in list(params.items()):
        if isinstance(value, list):
            params[key] = tuple(value)
    label = (
        spec.get("label")
        if isinstance(spec, dict) and spec.get("label")
        else (kind if not params else f"{kind}({', '.join(f'{k}={v}' for k, v in params.items())})")
    )
    try:
        CONDITIONS[kind]([], **params)
    except TypeError as exc:
        raise UserInputError(f"{where}: condition '{kind}': {exc}") from None
    except Exception:  # noqa: BLE001 - a condition may not accept empty items; only the signature is checked here
        pass
    return Condition(kind, params, label)


def propositions_from_config(config: dict | None) -> list[Proposition]:
    """config.yaml's `propositions` (a list), else the shipped default. An old
    `proposition:` mapping of thresholds becomes a rival 'P1-thresholds'."""
    config = config or {}
    specs = config.get("propositions")
    if specs is None:
        specs = list(DEFAULT_PROPOSITIONS)
        old = config.get("proposition")
        if old:
            specs.append(threshold_proposition(old))
    out, seen = [], set()
    for i, spec in enumerate(specs):
        where = f"config propositions[{i}]"
        name = str(spec.get("name", "")).strip()
        if not name or name in seen:
            raise UserInputError(f"{where}: each proposition needs a unique name")
        seen.add(name)
        claim = spec.get("claim", "iff")
        if claim not in CLAIMS:
            raise UserInputError(f"{where} ({name}): claim '{claim}' is not one of {', '.join(CLAIMS)}")
        conditions = tuple(_condition(c, f"{where} ({name})") for c in spec.get("conditions") or [])
        if not conditions:
            raise UserInputError(f"{where} ({name}): no conditions")
        outcome = _condition(spec["outcome"], f"{where} ({name}) outcome") if spec.get("outcome") else None
        if claim == "helps" and outcome is None:
            raise UserInputError(f"{where} ({name}): a 'helps' claim needs an outcome condition")
        out.append(
            Proposition(
                name, str(spec.get("text", "")).strip(), str(spec.get("source", "")), claim, conditions, outcome
            )
        )
    return out


def threshold_proposition(thresholds: dict) -> dict:
    """The earlier reading of section 4.1: four shares against minimums."""
    pairs = [
        ("context_foresight", "context_foresight_min", 0.5),
        ("theory_held", "theory_held_min", 0.5),
        ("fidelity", "fidelity_min", 0.5),
        ("resources_maintained", "resources_maintained_min", 1.0),
    ]
    return {
        "name": "P1-thresholds",
        "source": "s4.1, line 410, as read before issue 14 (shares against minimums)",
        "text": (
            "More successful programmes reach the minimum share of foreseen context, held theory, delivered "
            "activities and kept resources."
        ),
        "claim": "iff",
        "conditions": [{"metric_at_least": {"metric": m, "min": float(thresholds.get(k, d))}} for m, k, d in pairs],
    }


def case_records(items: pd.DataFrame) -> list[dict]:
    """One case's framework items as plain dicts (optional columns as '')."""
    frame = with_optional(items)
    return frame.to_dict("records")


def attainment(records, facet: str, weights=None) -> float | None:
    weights = DEFAULT_WEIGHTS if weights is None else weights
    scored = [
        weights[r["observed"]]
        for r in records
        if r["stage"] == "outcome" and r["facet"] == facet and _is_true(r["anticipated"]) and r["observed"] in weights
    ]
    return sum(scored) / len(scored) if scored else None


def case_success(records, rule: dict | None, weights=None) -> str:
    """success_class of one case from its records (crosscase.within.success.success_class)."""
    values = {
        "attainment_intermediary": attainment(records, "intermediary", weights),
        "attainment_long_term": attainment(records, "long_term", weights),
    }
    return success_class(values, rule)


@dataclass
class Verdict:
    proposition: str
    case_id: str
    success_class: str
    verdict: str
    reason: str
    judged: dict[str, Judged]
    outcome: Judged | None
    evidence_for: list[str]
    evidence_against: list[str]
    decisive: list[str]


def _uniq(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def judge_case(prop: Proposition, case_id: str, records, klass: str) -> Verdict:
    judged = {c.label: c.judge(records) for c in prop.conditions}
    failing = [k for k, j in judged.items() if j.state == FAILS]
    open_ = [k for k, j in judged.items() if j.state == UNDETERMINED]
    antecedent = FAILS if failing else (UNDETERMINED if open_ else HOLDS)
    outcome = prop.outcome.judge(records) if prop.outcome is not None else None
    if outcome is not None:
        consequent = outcome.state
        consequent_words = f"{prop.outcome.label} {consequent}"
    else:
        consequent = UNDETERMINED if klass == "unknown" else (HOLDS if klass == SUCCESS else FAILS)
        consequent_words = f"success class {klass}"
    held_for = [i for j in judged.values() for i in j.for_ids]
    shortfalls = [i for j in judged.values() for i in j.against_ids]
    decisive_fail = [i for j in judged.values() if j.state == FAILS for i in j.decisive]
    out_for = outcome.for_ids if outcome else []  # noqa: F841 (kept for symmetry)
    out_against = outcome.against_ids if outcome else []
    cond_words = "; ".join(f"{k} {j.state}: {j.why}" for k, j in judged.items())

    verdict, evidence_for, evidence_against, decisive = UNDETERMINED, [], [], []
    if prop.claim == "iff":
        if consequent == UNDETERMINED:
            verdict, why = UNDETERMINED, "the success class is unknown"
        elif consequent == HOLDS:
            evidence_for, evidence_against = held_for, shortfalls
            if antecedent == HOLDS:
                verdict, why = "supports", "more successful and every condition holds"
            elif antecedent == FAILS:
                verdict, why, decisive = (
                    "contradicts",
                    f"more successful although {', '.join(failing)} fail(s)",
                    decisive_fail,
                )
            else:
                verdict, why = UNDETERMINED, f"more successful; {', '.join(open_)} cannot be judged"
        else:
            if antecedent == FAILS:
                verdict, why, decisive = (
                    "supports",
                    f"not more successful ({klass}) and {', '.join(failing)} fail(s)",
                    decisive_fail,
                )
                evidence_for = [i for j in judged.values() if j.state == FAILS for i in j.against_ids]
            elif antecedent == HOLDS:
                verdict, why = "contradicts", f"{klass} although every condition holds"
                evidence_against = held_for
                evidence_for = shortfalls
            else:
                verdict, why = UNDETERMINED, f"{klass}; no condition fails but {', '.join(open_)} cannot be judged"
                evidence_for = shortfalls
    elif prop.claim == "helps":
        if antecedent == HOLDS:
            evidence_for = held_for + out_for
            if consequent == HOLDS:
                verdict, why = "supports", f"conditions hold and {consequent_words}"
            elif consequent == FAILS:
                verdict, why, decisive = (
                    "contradicts",
                    f"conditions hold but {consequent_words}",
                    outcome.decisive if outcome else [],
                )
                evidence_against = out_against
            else:
                verdict, why = UNDETERMINED, f"conditions hold; {consequent_words}"
        elif antecedent == FAILS:
            if consequent == FAILS:
                verdict, why = (
                    "supports",
                    f"conditions absent and {consequent_words} "
                    "(the barriers it could have addressed frustrated the programme)",
                )
                evidence_for = shortfalls + out_against
                decisive = outcome.decisive if outcome else []
            else:
                verdict, why = (
                    UNDETERMINED,
                    f"conditions absent and {consequent_words}: the claim says nothing about this case",
                )
        else:
            verdict, why = UNDETERMINED, f"{', '.join(open_)} cannot be judged"
    else:  # sufficient / necessary
        if (
            UNDETERMINED in (antecedent, consequent)
            and not (prop.claim == "sufficient" and antecedent == FAILS)
            and not (prop.claim == "necessary" and consequent == FAILS)
        ):
            verdict, why = UNDETERMINED, f"conditions {antecedent}, {consequent_words}"
        elif prop.claim == "sufficient":
            if antecedent == FAILS:
                verdict, why = UNDETERMINED, "conditions absent: a sufficiency claim says nothing about this case"
            elif consequent == HOLDS:
                verdict, why, evidence_for = "supports", f"conditions hold and {consequent_words}", held_for
            else:
                verdict, why, evidence_against = "contradicts", f"conditions hold but {consequent_words}", held_for
        else:
            if consequent == FAILS:
                verdict, why = UNDETERMINED, "outcome absent: a necessity claim says nothing about this case"
            elif antecedent == HOLDS:
                verdict, why, evidence_for = "supports", f"{consequent_words} and the conditions hold", held_for
            else:
                verdict, why, decisive = (
                    "contradicts",
                    f"{consequent_words} without {', '.join(failing)}",
                    decisive_fail,
                )
                evidence_against = decisive_fail
    reason = f"{why}. Conditions: {cond_words}"
    if outcome is not None:
        reason += f". Outcome {prop.outcome.label} {outcome.state}: {outcome.why}"
    return Verdict(
        prop.name,
        case_id,
        klass,
        verdict,
        reason,
        judged,
        outcome,
        _uniq(evidence_for),
        _uniq(evidence_against),
        _uniq(decisive),
    )

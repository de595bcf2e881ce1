"""Propositions, conditions, verdicts and sensitivity on small hand-made cases
(crosscase.within.propositions, crosscase.within.sensitivity and their cross-case tables in crosscase.compare). Every expected
value is worked out by hand from the items written here."""

import pytest

from crosscase.common.problems import UserInputError
from crosscase.compare import sensitivity as S
from crosscase.within import propositions as P
from crosscase.within import sensitivity as WS

RULE = {
    "metric": "attainment_intermediary",
    "fallback_metric": "attainment_long_term",
    "more_successful_min": 0.6,
    "largely_failed_below": 0.4,
}


def item(item_id, stage, facet, observed="full", anticipated=True, category="", **extra):
    return {
        "item_id": item_id,
        "stage": stage,
        "facet": facet,
        "category": category,
        "anticipated": anticipated,
        "observed": observed,
        "links": "",
        "direction": "",
        "severity": "",
        "adherence": "",
        "proved_correct": "",
        "realised_for": "",
        "explicit_theory": "",
        "memo": "",
        **extra,
    }


def good_case():
    """Meets every P1 condition; intermediary attainment 1.0 (more successful)."""
    return [
        item("C1", "context", "external", direction="barrier", severity="minor"),
        item("C2", "context", "internal", anticipated=False, direction="enabler", severity="minor"),
        item("C3", "context", "internal", anticipated=False, direction="barrier", severity="minor"),
        item("R", "context", "internal", category="resources;autonomy", direction="enabler", severity="minor"),
        item("T", "mechanism", "change_theory", adherence="full", proved_correct="partial"),
        item("A1", "mechanism", "change_activity"),
        item("A2", "mechanism", "change_activity", observed="partial"),
        item("O", "outcome", "intermediary"),
    ]


def replace(records, item_id, **changes):
    return [dict(r, **changes) if r["item_id"] == item_id else dict(r) for r in records]


def test_context_understood_counts_only_unforeseen_barriers_by_severity():
    case = good_case()
    # C2 is an unforeseen enabler (never against); C3 an unforeseen minor barrier: incomplete, not flawed
    judged = P.context_understood(case)
    assert (judged.state, judged.for_ids, judged.against_ids, judged.decisive) == ("holds", ["C1", "R"], ["C3"], [])
    assert P.context_understood(replace(case, "C3", severity="major")).state == "fails"
    assert P.context_understood(replace(case, "C3", severity="major")).decisive == ["C3"]
    # a foreseen major barrier does not count against understanding
    assert P.context_understood(replace(case, "C1", severity="major")).state == "holds"
    assert P.context_understood(replace(case, "C3", severity="")).state == "undetermined"
    # the stricter reading (any unforeseen barrier fails) is the sensitivity's parameter move
    assert P.context_understood(case, fail_severity=("minor", "major")).state == "fails"


def test_theory_adherence_and_correctness_apart_with_fallback_to_observed():
    case = good_case()
    assert P.theory_adhered_and_correct(case).state == "holds"  # partial counts against, does not fail
    assert P.theory_adhered_and_correct(case).against_ids == ["T"]
    assert P.theory_adhered_and_correct(replace(case, "T", adherence="none")).state == "fails"
    # no adherence/proved_correct: both read the merged observed
    blank = replace(case, "T", adherence="", proved_correct="", observed="none")
    assert P.theory_adhered_and_correct(blank).decisive == ["T"]
    unknown = replace(case, "T", adherence="unknown", proved_correct="unknown")
    assert P.theory_adhered_and_correct(unknown).state == "undetermined"


def test_implemented_fails_only_on_an_undelivered_activity():
    case = good_case()
    assert (P.implemented(case).state, P.implemented(case).against_ids) == ("holds", ["A2"])
    assert P.implemented(replace(case, "A2", observed="none")).decisive == ["A2"]
    assert P.implemented(case, fail_levels=("partial", "none")).state == "fails"


def test_resources_and_autonomy():
    case = good_case()
    assert P.resources_kept(case).state == "holds"
    assert P.resources_kept(replace(case, "R", observed="partial")).state == "fails"
    assert P.resources_kept(replace(case, "R", observed="unknown")).state == "undetermined"
    assert (P.autonomy(case).state, P.autonomy(case).for_ids) == ("holds", ["R"])
    limited = case + [
        item("L", "context", "external", anticipated=False, category="autonomy", direction="barrier", severity="major")
    ]
    assert (P.autonomy(limited).state, P.autonomy(limited).decisive) == ("fails", ["L"])
    # no autonomy evidence either way: undetermined; a planned mandate shows the power (l.380)
    bare = replace(case, "R", category="resources")
    assert P.autonomy(bare).state == "undetermined"
    mandate = bare + [item("M", "mechanism", "change_activity", category="mandated_engagement", observed="unknown")]
    assert P.autonomy(mandate).for_ids == ["M"]


PROPS = P.propositions_from_config({})  # the shipped default: P1 and P2


def verdict(records, klass, name="P1"):
    prop = next(p for p in PROPS if p.name == name)
    return P.judge_case(prop, "X", records, klass)


def test_iff_verdicts_in_all_four_cells():
    case = good_case()
    failing = replace(case, "A1", observed="none")
    assert verdict(case, "more_successful").verdict == "supports"
    assert verdict(failing, "largely_failed").verdict == "supports"
    assert verdict(failing, "largely_failed").decisive == ["A1"]
    assert verdict(failing, "largely_failed").evidence_for == ["A1", "A2"]  # the shortfalls of the failing condition
    assert verdict(case, "mixed").verdict == "contradicts"
    deviant = verdict(failing, "more_successful")
    assert (deviant.verdict, deviant.decisive) == ("contradicts", ["A1"])
    assert verdict(case, "unknown").verdict == "undetermined"


def test_helps_claim_of_the_second_sentence():
    case = good_case()
    selfish = case + [
        item(
            "T2",
            "mechanism",
            "change_theory",
            category="instigator_self_change",
            adherence="full",
            proved_correct="full",
        )
    ]
    major = replace(case, "C1", severity="major")
    assert verdict(selfish, "more_successful", "P2").verdict == "supports"  # self-change, no major barrier
    assert verdict(replace(selfish, "C1", severity="major"), "mixed", "P2").verdict == "contradicts"
    assert verdict(major, "mixed", "P2").verdict == "supports"  # no self-change and a major barrier
    assert verdict(major, "mixed", "P2").decisive == ["C1"]
    assert verdict(case, "more_successful", "P2").verdict == "undetermined"  # says nothing


def test_configured_rival_and_errors():
    props = P.propositions_from_config(
        {
            "propositions": [
                {"name": "R", "claim": "sufficient", "conditions": [{"has_category": {"category": "resources"}}]},
            ]
        }
    )
    assert P.judge_case(props[0], "X", good_case(), "mixed").verdict == "contradicts"
    assert P.judge_case(props[0], "X", good_case(), "more_successful").verdict == "supports"
    with pytest.raises(UserInputError, match="unknown condition 'vibes'"):
        P.propositions_from_config({"propositions": [{"name": "Q", "claim": "iff", "conditions": ["vibes"]}]})
    with pytest.raises(UserInputError, match="needs an outcome condition"):
        P.propositions_from_config({"propositions": [{"name": "Q", "claim": "helps", "conditions": ["autonomy"]}]})
    # the older thresholds become the rival P1-thresholds beside the default
    names = [p.name for p in P.propositions_from_config({"proposition": {"fidelity_min": 0.5}})]
    assert names == ["P1", "P2", "P1-thresholds"]


def test_sensitivity_single_changes_and_thresholds():
    records = good_case()
    rows, tested, base = WS.case_sensitivity(PROPS, "X", records, RULE)
    assert base == {"success_class": "more_successful", "P1": "supports", "P2": "undetermined"}
    found = {(r["item_id"], r["field"], r["to"]): r["changes"] for r in rows}
    # the one intermediary outcome carries the class: none -> 0.0 largely_failed; partial -> 0.5 mixed
    assert (
        found[("O", "observed", "none")]
        == "success_class: more_successful -> largely_failed; P1: supports -> contradicts"
    )
    assert found[("O", "observed", "partial")] == "success_class: more_successful -> mixed; P1: supports -> contradicts"
    assert found[("C3", "severity", "major")] == "P1: supports -> contradicts; P2: undetermined -> supports"
    assert found[("A2", "observed", "none")] == "P1: supports -> contradicts"
    # C2 is an unforeseen enabler; as a barrier it is minor (incomplete understanding), which changes nothing
    assert ("C2", "direction", "barrier") not in found
    assert ("C2", "severity", "major") not in found  # a major enabler is no barrier
    # attainment 1.0: no threshold in the documented range moves the class
    assert not [r for r in rows if r["field"].startswith("success_class.")]
    # 8 items: observed (3 other levels) + anticipated (1) each = 32; context direction (1) + severity (1) x 4 = 8;
    # theory adherence (3) + proved_correct (3) = 6; thresholds: 4 + 4 moves; parameter moves: P1's five
    # conditions and P2's outcome condition
    assert tested == 32 + 8 + 6 + 8 + 5 + 1
    table, robustness = S.sensitivity(PROPS, {"X": records}, RULE)
    row = robustness[(robustness["case_id"] == "X") & (robustness["target"] == "success_class")].iloc[0]
    assert (row["n_changing"], row["changed_by"]) == (
        4,
        "O.observed=partial;O.observed=none;O.observed=unknown;O.anticipated=no",
    )

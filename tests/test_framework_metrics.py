"""Within-case metrics on hand-made framework items, with hand-computed values."""

import pandas as pd
import pytest

from crosscase.within.framework import (
    METRICS,
    case_metrics,
    framework_markdown,
    framework_table,
    metrics_table,
    score_items,
)

COLUMNS = ["item_id", "stage", "facet", "category", "description", "anticipated", "observed", "beneficiary", "evidence"]


def frame(rows):
    return pd.DataFrame([dict(zip(COLUMNS, r)) for r in rows], columns=COLUMNS)


ITEMS = frame(
    [
        # context: experienced = C1, C3, C4, R1 (full/partial); anticipated among them C1, R1
        ["C1", "context", "external", "austerity_and_financial_pressure", "Cuts", True, "full", None, "e"],
        ["C2", "context", "internal", "leadership", "Leaders on side", True, "none", None, "e"],
        ["C3", "context", "internal", "local_variation", "Localities differ", False, "partial", None, "e"],
        ["C4", "context", "external", "policy_change", "Policy changed", False, "full", None, "e"],
        ["C5", "context", "external", "", "Unclear", True, "unknown", None, "e"],
        ["R1", "context", "internal", "leadership;resources", "Funding kept", True, "partial", None, "e"],
        # theories: 1 + 0.5 over 2
        ["T1", "mechanism", "change_theory", "rational", "Theory 1", True, "partial", None, "e"],
        ["T2", "mechanism", "change_theory", "market_based", "Theory 2", True, "full", None, "e"],
        # activities: 1 + 0.5 + 0 over 3, A4 unknown, A5 unplanned
        ["A1", "mechanism", "change_activity", "training_and_development", "Training", True, "full", None, "e"],
        ["A2", "mechanism", "change_activity", "action_learning_sets", "Learning sets", True, "partial", None, "e"],
        ["A3", "mechanism", "change_activity", "competition", "Competition", True, "none", None, "e"],
        ["A4", "mechanism", "change_activity", "", "Guidance", True, "unknown", None, "e"],
        ["A5", "mechanism", "change_activity", "", "Extra funding", False, "full", None, "e"],
        ["A6", "mechanism", "change_activity", "", "Never happened", False, "none", None, "e"],
        # outcomes: intermediary 1 + 0.5 + 0 over 3; long term only unknown; O5 unexpected
        ["O1", "outcome", "intermediary", "", "Skills", True, "full", "staff", "e"],
        ["O2", "outcome", "intermediary", "", "Confidence", True, "partial", "staff", "e"],
        ["O3", "outcome", "intermediary", "", "Business case", True, "none", "staff", "e"],
        ["O4", "outcome", "long_term", "", "Efficiency", True, "unknown", "public purse", "e"],
        ["O5", "outcome", "intermediary", "", "Careers", False, "partial", "staff", "e"],
    ]
)


def test_score_items_partial_and_unknown():
    activities = ITEMS[ITEMS["item_id"].isin(["A1", "A2", "A3", "A4"])]
    m = score_items(activities, {"full": 1.0, "partial": 0.5, "none": 0.0}, "fidelity")
    assert m.value == 0.5
    assert (m.numerator, m.denominator, m.n_unknown) == (1.5, 3, 1)
    assert m.item_ids == ("A1", "A2", "A3")
    assert m.unknown_ids == ("A4",)
    assert m.reason == ""


def test_score_items_uses_configured_weights():
    activities = ITEMS[ITEMS["item_id"].isin(["A1", "A2", "A3"])]
    m = score_items(activities, {"full": 1.0, "partial": 0.25, "none": 0.0})
    assert m.value == pytest.approx(1.25 / 3)
    assert m.numerator == 1.25


def test_score_items_nothing_to_score_is_na_with_reason():
    m = score_items(ITEMS.iloc[0:0], None, "fidelity", "planned change activities")
    assert m.value is None and m.is_na
    assert m.numerator is None and m.denominator is None
    assert m.reason == "no planned change activities"
    only_unknown = score_items(ITEMS[ITEMS["item_id"] == "O4"], None, "x", "expected long-term outcomes")
    assert only_unknown.value is None
    assert only_unknown.n_unknown == 1
    assert only_unknown.reason == "all 1 expected long-term outcomes have observed 'unknown'"


def test_case_metrics_hand_computed():
    m = case_metrics(ITEMS, {"full": 1.0, "partial": 0.5, "none": 0.0})
    assert list(m) == list(METRICS)
    assert (m["fidelity"].value, m["fidelity"].numerator, m["fidelity"].denominator, m["fidelity"].n_unknown) == (
        0.5,
        1.5,
        3,
        1,
    )
    assert m["fidelity"].item_ids == ("A1", "A2", "A3")  # the unplanned A5, A6 are not scored
    assert (m["theory_held"].value, m["theory_held"].numerator, m["theory_held"].denominator) == (0.75, 1.5, 2)
    assert (m["attainment_intermediary"].value, m["attainment_intermediary"].denominator) == (0.5, 3)
    assert m["attainment_intermediary"].item_ids == ("O1", "O2", "O3")  # O5 was not expected
    lt = m["attainment_long_term"]
    assert lt.value is None and lt.n_unknown == 1 and lt.unknown_ids == ("O4",)
    assert "unknown" in lt.reason
    res = m["resources_maintained"]
    assert (res.value, res.numerator, res.denominator, res.item_ids) == (0.5, 0.5, 1, ("R1",))
    cf = m["context_foresight"]
    assert (cf.value, cf.numerator, cf.denominator, cf.n_unknown) == (0.5, 2.0, 4, 1)
    assert cf.item_ids == ("C1", "C3", "C4", "R1")
    assert cf.extra["unanticipated"] == ("C3", "C4")
    assert (m["n_unanticipated_context"].value, m["n_unanticipated_context"].item_ids) == (2, ("C3", "C4"))
    # observed but not anticipated: A5 (full) counts, A6 (none) does not
    assert (m["n_unplanned_activities"].value, m["n_unplanned_activities"].item_ids) == (1, ("A5",))
    assert (m["n_unexpected_outcomes"].value, m["n_unexpected_outcomes"].item_ids) == (1, ("O5",))


def test_case_without_planned_activities_gets_na_not_zero():
    no_activities = ITEMS[ITEMS["facet"] != "change_activity"]
    m = case_metrics(no_activities)
    assert m["fidelity"].value is None
    assert m["fidelity"].reason == "no planned change activities (anticipated change_activity items)"
    # only unplanned activities is still "no planned activities"
    unplanned_only = ITEMS[(ITEMS["facet"] != "change_activity") | ITEMS["item_id"].isin(["A5"])]
    assert case_metrics(unplanned_only)["fidelity"].value is None
    table = metrics_table(m).set_index("metric")
    assert table.loc["fidelity", "value"] == ""
    assert table.loc["fidelity", "numerator"] == ""
    assert table.loc["fidelity", "reason"].startswith("no planned change activities")


def test_empty_case_does_not_crash():
    m = case_metrics(ITEMS.iloc[0:0])
    assert all(m[name].value is None for name in METRICS[:6])
    assert all(m[name].value == 0 for name in METRICS[6:])
    assert m["context_foresight"].reason == "no context factor was observed full or partial"


def test_metrics_table_exact_rows():
    table = metrics_table(case_metrics(ITEMS))
    assert list(table.columns) == ["metric", "value", "numerator", "denominator", "n_unknown", "item_ids", "reason"]
    rows = {r[0]: list(r[1:]) for r in table.itertuples(index=False)}
    assert rows["fidelity"] == ["0.5000", "1.5000", "3", "1", "A1;A2;A3", "1 item(s) observed 'unknown' left out: A4"]
    assert rows["theory_held"] == ["0.7500", "1.5000", "2", "0", "T1;T2", ""]
    assert rows["attainment_long_term"] == [
        "",
        "",
        "",
        "1",
        "",
        "all 1 expected long-term outcomes (anticipated outcome items, facet long_term) have observed 'unknown': O4",
    ]
    assert rows["context_foresight"] == [
        "0.5000",
        "2.0000",
        "4",
        "1",
        "C1;C3;C4;R1",
        "1 item(s) observed 'unknown' left out: C5",
    ]
    assert rows["n_unanticipated_context"] == ["2", "", "", "0", "C3;C4", ""]


def test_framework_table_rows_in_thesis_order_with_items():
    summary = pd.DataFrame(
        {
            "stage": ["outcome_realised", "context_understood", "mechanism_planned"],
            "text": ["Realised | much", "Understood", None],
        }
    )
    table = framework_table(summary, ITEMS)
    assert table["element"].tolist() == [
        "Context: Understood",
        "Context: Experienced",
        "Mechanism: Planned",
        "Mechanism: Delivered",
        "Outcomes: Expected",
        "Outcomes: Realised",
    ]
    assert table["summary"].tolist() == ["Understood", "", "", "", "", "Realised | much"]
    assert table["item_ids"].tolist() == [
        "C1;C2;C5;R1",
        "C1;C3;C4;R1",
        "T1;T2;A1;A2;A3;A4",
        "T1;T2;A1;A2;A5",
        "O1;O2;O3;O4",
        "O1;O2;O5",
    ]
    md = framework_markdown("CS9", "A title", summary, ITEMS, case_metrics(ITEMS))
    assert md.startswith(
        "# CS9: A title\n\n| Element | Summary |\n| --- | --- |\n| Context: Understood | Understood |\n"
    )
    assert "| Outcomes: Realised | Realised \\| much |" in md
    assert "| A5 | mechanism | change_activity |  | Extra funding | no | full |  | e |" in md

"""Cross-case comparison on hand-made cases, with hand-computed values."""

import math

import pandas as pd
import pytest

from crosscase.compare import patterns as compare
from crosscase.ingest.vocabulary import Vocabulary

COLUMNS = [
    "case_id",
    "item_id",
    "stage",
    "facet",
    "category",
    "description",
    "anticipated",
    "observed",
    "beneficiary",
    "evidence",
]
RULE = {
    "metric": "attainment_intermediary",
    "fallback_metric": "attainment_long_term",
    "more_successful_min": 0.6,
    "largely_failed_below": 0.4,
}
VOCAB = Vocabulary.from_mapping(
    {
        "typology": {"level": ["macro", "meso"]},
        "methods": ["interviews"],
        "instigator_level": ["national_government", "regional", "senior_management", "frontline"],
        "reported_success": ["more_successful", "mixed", "largely_failed", "unknown"],
        "framework_categories": {
            "context": ["local_variation", "resources"],
            "mechanism": ["market_based", "training_and_development", "competition", "learning_networks"],
            "outcome": ["practice_change"],
        },
    }
)


def item(case, item_id, stage, facet, observed, anticipated=True, category="", description=None):
    return [case, item_id, stage, facet, category, description or item_id, anticipated, observed, None, "e"]


# Three cases, ordered Z, X, Y in cases.tsv.
FRAMEWORK = pd.DataFrame(
    [
        # Z: intermediary 0.5 (mixed), long term 1.0
        item("Z", "Z-O1", "outcome", "intermediary", "full"),
        item("Z", "Z-O2", "outcome", "intermediary", "none"),
        item("Z", "Z-O3", "outcome", "long_term", "full"),
        item("Z", "Z-C1", "context", "internal", "full", category="resources"),
        item(
            "Z",
            "Z-C2",
            "context",
            "external",
            "partial",
            anticipated=False,
            category="local_variation",
            description="Localities | differ",
        ),
        item("Z", "Z-T1", "mechanism", "change_theory", "none", category="market_based"),
        item(
            "Z",
            "Z-A1",
            "mechanism",
            "change_activity",
            "partial",
            category="training_and_development;competition",
            description="Training",
        ),
        # X: intermediary 0.5 (mixed), long term 0.0 -> after Z on the tie break
        item("X", "X-O1", "outcome", "intermediary", "partial"),
        item("X", "X-O2", "outcome", "long_term", "none"),
        item("X", "X-C1", "context", "internal", "full", category="resources"),
        item("X", "X-C2", "context", "external", "none", category="local_variation"),
        item("X", "X-A1", "mechanism", "change_activity", "full", category="training_and_development"),
        item("X", "X-A2", "mechanism", "change_activity", "full", anticipated=False, category="learning_networks"),
        item("X", "X-T1", "mechanism", "change_theory", "full", category="market_based"),
        # Y: no intermediary outcome -> falls back on long term 2/3 -> more_successful
        item("Y", "Y-O1", "outcome", "long_term", "full"),
        item("Y", "Y-O2", "outcome", "long_term", "full"),
        item("Y", "Y-O3", "outcome", "long_term", "none"),
        item("Y", "Y-O4", "outcome", "long_term", "unknown"),
        item("Y", "Y-C1", "context", "internal", "partial", category="resources"),
        item("Y", "Y-T1", "mechanism", "change_theory", "full"),
    ],
    columns=COLUMNS,
)
ORDER = ["Z", "X", "Y"]
CASE_INFO = pd.DataFrame(
    {
        "case_id": ["X", "Y", "Z"],
        "instigator_level": ["senior_management", "national_government", "senior_management"],
        "reported_success": ["largely_failed", "more_successful", "mixed"],
    }
)


@pytest.fixture(scope="module")
def metrics():
    return compare.all_case_metrics(FRAMEWORK, ORDER)


@pytest.fixture(scope="module")
def pattern(metrics):
    return compare.pattern_matching(metrics, CASE_INFO, ORDER, RULE)


@pytest.mark.parametrize(
    "value,expected",
    [
        (1.0, "more_successful"),
        (0.6, "more_successful"),
        (3 / 5, "more_successful"),
        ((1 + 0.5 + 0.5 + 1 + 0) / 5, "more_successful"),
        (0.5999, "mixed"),
        (0.4, "mixed"),
        (0.3999, "largely_failed"),
        (0.0, "largely_failed"),
    ],
)
def test_success_class_thresholds(value, expected):
    assert compare.success_class({"attainment_intermediary": value}, RULE) == expected


def test_success_class_fallback_and_unknown():
    assert (
        compare.success_class({"attainment_intermediary": None, "attainment_long_term": 0.2}, RULE) == "largely_failed"
    )
    assert (
        compare.success_basis({"attainment_intermediary": math.nan, "attainment_long_term": 0.2}, RULE)
        == "attainment_long_term"
    )
    assert compare.success_class({"attainment_intermediary": None, "attainment_long_term": None}, RULE) == "unknown"
    no_fallback = {**RULE, "fallback_metric": None}
    assert (
        compare.success_class({"attainment_intermediary": None, "attainment_long_term": 0.9}, no_fallback) == "unknown"
    )


def test_pattern_matching_table(pattern):
    assert list(pattern.columns) == [
        "case_id",
        "fidelity",
        "theory_held",
        "attainment_intermediary",
        "attainment_long_term",
        "context_foresight",
        "n_unanticipated_context",
        "success_class",
        "reported_success",
        "resources_maintained",
        "agrees_with_reported",
    ]
    assert pattern["case_id"].tolist() == ORDER
    text = compare.csv_ready(pattern)
    assert text.values.tolist() == [
        ["Z", "0.5000", "0.0000", "0.5000", "1.0000", "0.5000", 1, "mixed", "mixed", "1.0000", "yes"],
        ["X", "1.0000", "1.0000", "0.5000", "0.0000", "1.0000", 0, "mixed", "largely_failed", "1.0000", "no"],
        ["Y", "", "1.0000", "", "0.6667", "1.0000", 0, "more_successful", "more_successful", "0.5000", "yes"],
    ]


def test_agreement_and_kappa(pattern, metrics):
    result = compare.agreement(pattern)
    assert (result["n_compared"], result["n_agree"]) == (3, 2)
    # po = 2/3; pe = mixed (2/3 * 1/3) + more_successful (1/3 * 1/3) + largely_failed (0 * 1/3) = 1/3
    assert result["kappa"] == pytest.approx((2 / 3 - 1 / 3) / (1 - 1 / 3))
    assert result["disagreements"]["case_id"].tolist() == ["X"]
    text = compare.agreement_markdown(pattern, metrics, RULE)
    assert "- agree: 2 of 3" in text
    assert "- Cohen's kappa: 0.5000" in text
    assert (
        "- X: success_class mixed, reported largely_failed; attainment_intermediary = 0.5000 (0.5000 / 1; items X-O1)"
        in text
    )


def test_cohen_kappa_hand_computed():
    a = ["more_successful", "more_successful", "largely_failed", "mixed"]
    b = ["more_successful", "largely_failed", "largely_failed", "mixed"]
    # po = 3/4; pe = 2/4*1/4 + 1/4*2/4 + 1/4*1/4 = 0.3125
    assert compare.cohen_kappa(a, b) == pytest.approx((0.75 - 0.3125) / (1 - 0.3125))
    assert compare.cohen_kappa(["mixed"], ["mixed"]) is None
    assert compare.cohen_kappa([], []) is None


def test_meta_order_ties(pattern):
    # Z and X tie on intermediary 0.5; Z wins on long term (1.0 > 0.0); Y (NA) last
    assert compare.meta_order(pattern, ORDER, RULE) == ["Z", "X", "Y"]
    # a full tie falls back on cases.tsv order
    tied = pd.DataFrame(
        {
            "case_id": ["B", "A", "C"],
            "attainment_intermediary": [0.5, 0.5, 0.9],
            "attainment_long_term": [math.nan, math.nan, 0.1],
        }
    )
    assert compare.meta_order(tied, ["B", "A", "C"], RULE) == ["C", "B", "A"]
    assert compare.meta_order(tied, ["A", "B", "C"], RULE) == ["C", "A", "B"]
    # NA on the tie-breaker sorts after a value
    tied.loc[1, "attainment_long_term"] = 0.0
    assert compare.meta_order(tied, ["B", "A", "C"], RULE) == ["C", "A", "B"]


def test_meta_matrix(pattern):
    matrix = compare.meta_matrix(pattern, FRAMEWORK, ORDER, RULE)
    assert matrix["case_id"].tolist() == ["Z", "X", "Y"]
    assert matrix["rank"].tolist() == [1, 2, 3]
    assert matrix.loc[0, "unanticipated_context"] == "Z-C2 (partial): Localities | differ"
    assert matrix.loc[0, "undelivered_activities"] == "Z-A1 (partial): Training"
    assert matrix.loc[1, "undelivered_activities"] == ""
    md = compare.meta_matrix_markdown(matrix, RULE)
    assert (
        "| 1 | Z | mixed | mixed | 0.5000 | 1.0000 | 0.5000 | 0.0000 | 0.5000 | 1.0000 | Z-C2 (partial): Localities \\| differ | Z-A1 (partial): Training |"
        in md
    )


def test_categories_by_case(pattern):
    classes = compare.classes_of(pattern)
    table = compare.categories_by_case(FRAMEWORK, VOCAB, ORDER, classes)
    assert table["category"].tolist() == [
        "local_variation",
        "resources",
        "market_based",
        "training_and_development",
        "competition",
        "learning_networks",
    ]
    rows = table.set_index("category")
    assert rows.loc["local_variation", "cases"] == "Z, X"  # X-C2 anticipated but absent still carries it
    assert rows.loc["resources", "cases"] == "Z, X, Y"
    assert rows.loc["resources", "n_cases"] == 3
    assert rows.loc["resources", "success_classes"] == "mixed, mixed, more_successful"
    assert (
        rows.loc["resources", "n_more_successful"],
        rows.loc["resources", "n_mixed"],
        rows.loc["resources", "n_largely_failed"],
    ) == (1, 2, 0)
    assert rows.loc["training_and_development", "item_ids"] == "Z-A1;X-A1"
    assert rows.loc["market_based", "facet"] == "change_theory"
    assert rows.loc["market_based", "stage"] == "mechanism"
    assert rows.loc["learning_networks", "cases"] == "X"


def test_instigator_by_case(pattern):
    table = compare.instigator_by_case(CASE_INFO, VOCAB, ORDER, compare.classes_of(pattern))
    assert table.values.tolist() == [
        ["national_government", "Y", 1, "more_successful", 1, 0, 0],
        ["regional", "", 0, "", 0, 0, 0],
        ["senior_management", "Z, X", 2, "mixed, mixed", 0, 2, 0],
        ["frontline", "", 0, "", 0, 0, 0],
    ]


def test_problems_by_case(pattern):
    table = compare.problems_by_case(FRAMEWORK, ORDER, compare.classes_of(pattern))
    assert table.values.tolist() == [
        ["Z", "mixed", 1, "Z-T1", 1, "Z-C2", 1, "Z-A1"],
        ["X", "mixed", 0, "", 1, "X-C2", 0, ""],
        ["Y", "more_successful", 0, "", 0, "", 0, ""],
    ]


def test_proposition(metrics, pattern):
    table = compare.proposition(metrics, pattern, FRAMEWORK, ORDER)
    rows = table.set_index("case_id")
    # Z: mixed; context 0.5 ok, theory 0 fails, fidelity 0.5 ok, resources 1 ok -> fits
    assert rows.loc[
        "Z", ["context_understood", "theory_held_ok", "implemented_fully", "resources_kept", "all_four", "fit"]
    ].tolist() == ["yes", "no", "yes", "yes", "no", "fits"]
    assert rows.loc["Z", "explanation"] == (
        "Z is mixed and its change theory did not hold (theory_held 0.0000 < 0.5; not kept: Z-T1 (none))."
    )
    # X: mixed although all four hold -> deviant
    assert rows.loc["X", "all_four"] == "yes"
    assert rows.loc["X", "fit"] == "deviant"
    assert (
        rows.loc["X", "explanation"]
        == "X is mixed although it meets all four conditions (all four conditions without success)."
    )
    # Y: more_successful, fidelity NA and resources partial -> fails resources -> deviant
    assert rows.loc["Y", "implemented_fully"] == ""
    assert rows.loc["Y", "resources_kept"] == "no"
    assert rows.loc["Y", "fit"] == "deviant"
    assert rows.loc["Y", "explanation"] == (
        "Y is more_successful although it did not keep its resources (resources_maintained 0.5000 < 1; Y-C1 (partial))"
        " (success without all four conditions)."
    )
    # stricter or looser thresholds come from settings
    loose = compare.proposition(metrics, pattern, FRAMEWORK, ORDER, {"resources_maintained_min": 0.5})
    assert loose.set_index("case_id").loc["Y", "fit"] == "undetermined"  # fidelity NA, nothing fails
    md = compare.proposition_markdown(table)
    assert "fits: 1; deviant: 2; undetermined: 0 (of 3 cases)" in md


def test_unknown_success_class_is_undetermined():
    framework = pd.DataFrame([item("Q", "Q-A1", "mechanism", "change_activity", "full")], columns=COLUMNS)
    metrics = compare.all_case_metrics(framework, ["Q", "EMPTY"])
    info = pd.DataFrame({"case_id": ["Q"], "instigator_level": ["frontline"], "reported_success": ["unknown"]})
    pattern = compare.pattern_matching(metrics, info, ["Q", "EMPTY"], RULE)
    assert pattern["success_class"].tolist() == ["unknown", "unknown"]
    assert pattern["agrees_with_reported"].tolist() == ["", ""]
    assert compare.csv_ready(pattern).loc[1, "fidelity"] == ""
    table = compare.proposition(metrics, pattern, framework, ["Q", "EMPTY"])
    assert table["fit"].tolist() == ["undetermined", "undetermined"]
    assert compare.agreement(pattern)["kappa"] is None

"""Typology analysis on a four-case toy frame, with hand-computed values."""

import math

import pandas as pd
import pytest

from crosscase.compare import patterns as compare
from crosscase.compare import typology as ta
from crosscase.ingest.vocabulary import Vocabulary

VOCAB = Vocabulary.from_mapping(
    {
        "typology": {"level": ["macro", "meso"], "sector": ["acute", "social"]},
        "methods": ["interviews"],
        "instigator_level": ["frontline"],
        "reported_success": ["more_successful", "mixed", "largely_failed", "unknown"],
        "framework_categories": {"context": [], "mechanism": [], "outcome": []},
    }
)
PRESENT = {
    "A": {"level.macro", "sector.acute"},
    "B": {"level.macro", "sector.acute", "sector.social"},
    "C": {"level.meso", "sector.social"},
    "D": {"level.meso", "sector.social"},
}
ORDER = ["A", "B", "C", "D"]
CLASSES = {"A": "more_successful", "B": "more_successful", "C": "largely_failed", "D": "mixed"}


def typology(present, order):
    rows = [
        {
            "case_id": case,
            "dimension": col.split(".")[0],
            "attribute": col.split(".")[1],
            "present": col in present[case],
        }
        for case in order
        for col in VOCAB.typology_columns
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def matrix():
    return ta.presence_matrix(typology(PRESENT, ORDER), VOCAB, ORDER)


def test_counts(matrix):
    counts = ta.typology_counts(matrix, VOCAB)
    assert counts.values.tolist() == [
        ["dimension", "level", "", 4, "A, B, C, D"],
        ["attribute", "level", "macro", 2, "A, B"],
        ["attribute", "level", "meso", 2, "C, D"],
        ["dimension", "sector", "", 4, "A, B, C, D"],
        ["attribute", "sector", "acute", 2, "A, B"],
        ["attribute", "sector", "social", 3, "B, C, D"],
    ]


def test_uncovered_cells(matrix):
    uncovered = ta.uncovered_cells(matrix, VOCAB)
    # every attribute is covered; of the four cross-dimension pairs only meso x acute is empty
    assert uncovered.values.tolist() == [[2, "level.meso", "sector.acute"]]
    only_a = ta.presence_matrix(typology(PRESENT, ["A"]), VOCAB, ["A"])
    assert ta.uncovered_cells(only_a, VOCAB)["cell_1"].tolist()[:2] == ["level.meso", "sector.social"]


def test_jaccard_by_hand(matrix):
    similarity = ta.jaccard_similarity(matrix).set_index("case_id")
    assert similarity.loc["A", "B"] == pytest.approx(2 / 3)  # {macro, acute} / {macro, acute, social}
    assert similarity.loc["A", "C"] == 0.0
    assert similarity.loc["B", "C"] == pytest.approx(1 / 4)  # {social} / {macro, acute, social, meso}
    assert similarity.loc["C", "D"] == 1.0
    assert similarity.loc["D", "B"] == pytest.approx(1 / 4)
    assert all(similarity.loc[c, c] == 1.0 for c in ORDER)
    text = compare.csv_ready(ta.jaccard_similarity(matrix))
    assert text.loc[0].tolist() == ["A", "1.0000", "0.6667", "0.0000", "0.0000"]


def test_jaccard_of_two_empty_cases_is_na():
    present = {"E": set(), "F": set(), "G": {"level.macro"}}
    m = ta.presence_matrix(typology(present, ["E", "F", "G"]), VOCAB, ["E", "F", "G"])
    similarity = ta.jaccard_similarity(m).set_index("case_id")
    assert math.isnan(similarity.loc["E", "F"])
    assert similarity.loc["E", "G"] == 0.0


def test_average_linkage_clustering(matrix):
    table, leaves = ta.clustering(matrix)
    # distances: CD 0, AB 1/3, then {C,D}-{A,B} = mean(1, 1, 3/4, 3/4) = 0.875
    assert leaves == ["C", "D", "A", "B"]
    merges = table[table["kind"] == "merge"]
    assert merges[["label", "left", "right", "size", "members"]].values.tolist() == [
        ["K1", "C", "D", 2, "C, D"],
        ["K2", "A", "B", 2, "A, B"],
        ["K3", "K1", "K2", 4, "C, D, A, B"],
    ]
    assert merges["distance"].tolist() == pytest.approx([0.0, 1 / 3, 0.875])
    assert table[table["kind"] == "leaf"]["label"].tolist() == leaves
    text = compare.csv_ready(table)
    assert text.loc[4].tolist() == ["merge", 1, "K1", "C", "D", "0.0000", 2, "C, D"]
    assert text.loc[0].tolist()[:3] == ["leaf", 1, "C"] and text.loc[0, "distance"] == ""


def test_fisher_by_hand(matrix):
    fisher = ta.fisher_by_attribute(matrix, {**CLASSES, "E": "unknown"}, VOCAB).set_index("attribute")
    # macro: [[2, 0], [0, 2]]: tables with margins 2/2: P = 1/6, 4/6, 1/6; two-sided p = 1/3
    assert fisher.loc[
        "macro", ["present_more_successful", "present_other", "absent_more_successful", "absent_other"]
    ].tolist() == [2, 0, 0, 2]
    assert fisher.loc["macro", "p_value"] == pytest.approx(1 / 3)
    assert math.isinf(fisher.loc["macro", "odds_ratio"])
    # social: [[1, 2], [1, 0]]: P(a=1) = P(a=2) = 1/2; p = 1; odds ratio 0
    assert fisher.loc[
        "social", ["present_more_successful", "present_other", "absent_more_successful", "absent_other"]
    ].tolist() == [1, 2, 1, 0]
    assert fisher.loc["social", "p_value"] == pytest.approx(1.0)
    assert fisher.loc["social", "odds_ratio"] == 0.0
    assert fisher.loc["social", "cases_present"] == "B, C, D"
    text = ta.fisher_csv_ready(fisher.reset_index()).set_index("attribute")
    assert (text.loc["macro", "odds_ratio"], text.loc["macro", "p_value"]) == ("inf", "0.3333")


def test_unknown_class_left_out_of_fisher(matrix):
    classes = {**CLASSES, "D": "unknown"}
    fisher = ta.fisher_by_attribute(matrix, classes, VOCAB).set_index("attribute")
    assert fisher.loc[
        "social", ["present_more_successful", "present_other", "absent_more_successful", "absent_other"]
    ].tolist() == [1, 1, 1, 0]


def test_markdown_says_exploratory(matrix):
    counts = ta.typology_counts(matrix, VOCAB)
    clusters, leaves = ta.clustering(matrix)
    md = ta.typology_markdown(
        counts,
        ta.uncovered_cells(matrix, VOCAB),
        ta.jaccard_similarity(matrix),
        clusters,
        leaves,
        ta.fisher_by_attribute(matrix, CLASSES, VOCAB),
        CLASSES,
    )
    assert "Exploratory only: with 4 cases" in md
    assert "exact small-sample" in md and "no correction for multiple comparisons" in md
    assert "Leaf order: C, D, A, B" in md

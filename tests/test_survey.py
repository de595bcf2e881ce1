"""Survey analysis within a case, with hand-computed expected values."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crosscase.ingest.store import read_dataset, write_parquet
from crosscase.within.evidence import survey_by_case, survey_by_case_from_tests
from crosscase.within.survey import (
    construct_summary,
    item_summary,
    mann_whitney,
    survey_tests,
    survey_tests_schema,
    wave_order,
    wilcoxon_paired,
)

# Six pairs, checked by hand.
#   pair    pre  post  d = post - pre
#   1        2    4     +2
#   2        3    4     +1
#   3        3    2     -1
#   4        2    5     +3
#   5        4    4      0   (zero difference: dropped, m = 5 non-zero pairs)
#   6        3    5     +2
# |d| of the non-zero pairs: 2, 1, 1, 3, 2 -> ranks: the two 1s share ranks 1-2 (1.5 each),
# the two 2s share ranks 3-4 (3.5 each), the 3 has rank 5.
#   signed ranks: +3.5, +1.5, -1.5, +5, +3.5
#   T+ = 3.5 + 1.5 + 5 + 3.5 = 13.5;  T- = 1.5;  T = min(T+, T-) = 1.5
#   E[T+] = m(m+1)/4 = 5*6/4 = 7.5
#   Var = m(m+1)(2m+1)/24 - sum(t^3 - t)/48 = 5*6*11/24 - (6 + 6)/48 = 13.75 - 0.25 = 13.5
#   Z = (13.5 - 7.5) / sqrt(13.5) = 6 / 3.674235 = 1.632993
#   r = Z / sqrt(n_pairs) = 6 / sqrt(13.5 * 6) = 6 / 9 = 0.666667
# Exact two-sided p: the 2^5 = 32 equally likely sign patterns of the ranks
# {1.5, 1.5, 3.5, 3.5, 5} (sum 15) give T+ <= 1.5 in 3 of them ({}, {1.5}, {1.5})
# and T+ >= 13.5 in 3 (their complements): p = 6/32 = 0.1875.
PRE = [2, 3, 3, 2, 4, 3]
POST = [4, 4, 2, 5, 4, 5]


def test_six_pair_wilcoxon_by_hand():
    result = wilcoxon_paired(PRE, POST)
    assert result["test"] == "wilcoxon"
    assert result["n_pairs"] == 6
    assert result["statistic"] == 1.5
    assert result["z"] == pytest.approx(6 / math.sqrt(13.5))
    assert result["z"] == pytest.approx(1.632993, abs=1e-6)
    assert result["effect_r"] == pytest.approx(2 / 3)
    assert result["p_value"] == pytest.approx(0.1875)


def test_six_pair_wilcoxon_agrees_with_scipy():
    result = wilcoxon_paired(PRE, POST)
    exact = stats.wilcoxon(POST, PRE)
    approx = stats.wilcoxon(POST, PRE, method="approx", correction=False)
    assert result["statistic"] == exact.statistic
    assert result["p_value"] == pytest.approx(exact.pvalue)
    # scipy's z is that of T = min(T+, T-): same size, sign by convention
    assert abs(result["z"]) == pytest.approx(abs(approx.zstatistic))


def test_wilcoxon_sign_follows_the_direction_of_change():
    assert wilcoxon_paired(POST, PRE)["z"] == pytest.approx(-wilcoxon_paired(PRE, POST)["z"])


def test_wilcoxon_with_no_change_has_no_test():
    result = wilcoxon_paired([3, 3], [3, 3])
    assert result["n_pairs"] == 2 and math.isnan(result["statistic"]) and math.isnan(result["p_value"])


def test_mann_whitney_by_hand():
    # post 3, 4, 5 against pre 1, 2, 3: U(post) counts wins, ties as half:
    #   3 beats 1, 2 and ties 3 -> 2.5; 4 -> 3; 5 -> 3; U = 8.5; E[U] = 3*3/2 = 4.5
    #   one tie of size 2 among N = 6: Var = 9/12 * (7 - 6/30) = 5.1
    #   Z = 4 / sqrt(5.1) = 1.771213; r = Z / sqrt(6) = 0.723102
    result = mann_whitney([1, 2, 3], [3, 4, 5])
    assert result["test"] == "mann_whitney" and result["n_pairs"] == 0
    assert result["statistic"] == 8.5
    assert result["z"] == pytest.approx(4 / math.sqrt(5.1))
    assert result["effect_r"] == pytest.approx(4 / math.sqrt(5.1) / math.sqrt(6))
    assert result["p_value"] == pytest.approx(stats.mannwhitneyu([3, 4, 5], [1, 2, 3], use_continuity=False).pvalue)


def test_wave_order():
    assert wave_order(["post", "pre", "post"]) == ["pre", "post"]
    assert wave_order(["T2", "T1"]) == ["T2", "T1"]  # unknown names: order of first appearance
    assert wave_order(["follow_up", "mid", "Baseline"]) == ["Baseline", "mid", "follow_up"]


def items_frame():
    return pd.DataFrame(
        {
            "item_id": ["Q1", "Q2"],
            "text": ["a", "b"],
            "construct": ["skills", "skills"],
            "scale_min": [1, 1],
            "scale_max": [5, 5],
            "reverse": [False, True],
        }
    )


def responses_frame(rows):
    return pd.DataFrame(rows, columns=["respondent_id", "wave", "item_id", "value"])


def test_reverse_scoring_and_distribution_of_answers():
    responses = responses_frame(
        [
            ["r1", "", "Q1", 4],
            ["r1", "", "Q2", 1],  # Q2 reversed: answer 1 scores 5
            ["r2", "", "Q1", 2],
            ["r2", "", "Q2", 2],  # scores 4
        ]
    )
    summary = item_summary(items_frame(), responses)
    q2 = summary[summary["item_id"] == "Q2"].iloc[0]
    assert (q2["n"], q2["mean"], q2["median"], q2["reverse"]) == (2, 4.5, 4.5, "yes")
    assert q2["sd"] == pytest.approx(0.707)
    assert q2["distribution"] == "1:1; 2:1; 3:0; 4:0; 5:0"  # the answers as given
    construct = construct_summary(items_frame(), responses).iloc[0]
    # r1: (4 + 5) / 2 = 4.5; r2: (2 + 4) / 2 = 3 -> mean 3.75
    assert (construct["n"], construct["answers"], construct["mean"], construct["items"]) == (2, 4, 3.75, "Q1;Q2")
    assert construct["distribution"] == "1:0; 2:1; 3:0; 4:2; 5:1"  # scored answers


def test_survey_tests_pair_matching_ids_and_report_pairs():
    rows = [[f"r{i}", "pre", "Q1", v] for i, v in enumerate(PRE)] + [
        [f"r{i}", "post", "Q1", v] for i, v in enumerate(POST)
    ]
    rows.append(["late", "post", "Q1", 1])  # answered only after: not a pair
    tests = survey_tests(items_frame().iloc[:1], responses_frame(rows))
    item = tests[tests["level"] == "item"].iloc[0]
    assert (item["test"], item["n"], item["n_pairs"], item["n_pre"], item["n_post"]) == ("wilcoxon", 7, 6, 6, 7)
    assert (item["statistic"], item["effect_r"], item["p_value"]) == (1.5, 0.667, 0.1875)
    assert item["mean_pre"] == pytest.approx(np.mean(PRE), abs=1e-3)
    construct = tests[tests["level"] == "construct"].iloc[0]
    assert (construct["item"], construct["construct"], construct["n_pairs"]) == ("", "skills", 6)


def test_survey_tests_use_mann_whitney_when_no_ids_match():
    rows = [
        ["a1", "pre", "Q1", 1],
        ["a2", "pre", "Q1", 2],
        ["a3", "pre", "Q1", 3],
        ["b1", "post", "Q1", 3],
        ["b2", "post", "Q1", 4],
        ["b3", "post", "Q1", 5],
    ]
    item = survey_tests(items_frame().iloc[:1], responses_frame(rows)).iloc[0]
    assert (item["test"], item["n_pairs"], item["statistic"]) == ("mann_whitney", 0, 8.5)


def two_cases_sharing_respondent_ids() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cases A (pre and post waves) and B (one wave) whose respondents are both
    called r1 and r2: different people."""
    items = pd.concat([items_frame().assign(case_id=c) for c in ("A", "B")], ignore_index=True)
    responses = pd.DataFrame(
        [
            ["A", "r1", "pre", "Q1", 1],
            ["A", "r2", "pre", "Q1", 2],
            ["A", "r1", "post", "Q1", 4],
            ["A", "r2", "post", "Q1", 5],
            ["B", "r1", "", "Q1", 3],
            ["B", "r2", "", "Q1", 3],
        ],
        columns=["case_id", "respondent_id", "wave", "item_id", "value"],
    )
    return items, responses


def test_survey_by_case_never_pairs_respondents_across_cases():
    # the same respondent_id in two cases is two different people
    items, responses = two_cases_sharing_respondent_ids()
    table = survey_by_case(items, responses, ["B", "A"])
    assert list(table.columns) == [
        "case_id",
        "item",
        "construct",
        "n",
        "mean_pre",
        "mean_post",
        "n_pairs",
        "statistic",
        "p_value",
        "effect_r",
        "test",
        "wave_pre",
        "wave_post",
    ]
    b = table[(table["case_id"] == "B") & (table["item"] == "Q1")].iloc[0]
    assert (b["n"], b["mean_post"], b["test"]) == (2, 3.0, "")  # one wave: described, not tested
    assert pd.isna(b["n_pairs"]) and pd.isna(b["statistic"])
    a = table[(table["case_id"] == "A") & (table["item"] == "Q1")].iloc[0]
    assert (a["n"], a["n_pairs"], a["mean_pre"], a["mean_post"], a["test"]) == (2, 2, 1.5, 4.5, "wilcoxon")
    assert table["case_id"].tolist() == ["B", "B", "B", "A", "A", "A"]  # case list order; Q1, Q2, construct


def test_survey_by_case_from_each_cases_typed_test_rows_is_the_same_table(tmp_path):
    # what crosscase_evidence does now: each case's survey_tests written as Parquet rows (its batch job),
    # read back as one dataset; the same table as survey_by_case, which runs every test again
    items, responses = two_cases_sharing_respondent_ids()
    files = []
    for case in ("B", "A"):
        path = tmp_path / f"case_id={case}" / "part-0.parquet"
        path.parent.mkdir()
        own = responses[responses["case_id"] == case].drop(columns="case_id")
        write_parquet(survey_tests(items_frame(), own), path, survey_tests_schema())
        files.append(path)
    rows = read_dataset(files, survey_tests_schema(), ["B", "A"])
    assert rows["n_pairs"].dtype == "float64"  # a dataset read gives counts with blanks as floats
    table = survey_by_case_from_tests(rows)
    pd.testing.assert_frame_equal(table, survey_by_case(items, responses, ["B", "A"]))
    # the values of the test above, by hand: B one wave (n 2, mean 3.0, no test); A paired (means 1.5 and 4.5)
    b, a = table.iloc[0], table.iloc[3]
    assert (b["case_id"], b["item"], b["n"], b["mean_post"], b["test"]) == ("B", "Q1", 2, 3.0, "")
    assert pd.isna(b["n_pairs"]) and str(table["n_pairs"].dtype) == "Int64"
    assert (a["case_id"], a["n_pairs"], a["mean_pre"], a["mean_post"], a["test"]) == ("A", 2, 1.5, 4.5, "wilcoxon")
    assert survey_by_case_from_tests(rows.iloc[0:0]).columns.tolist() == table.columns.tolist()

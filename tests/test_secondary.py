"""Secondary and monitoring data: latest value against target, change across periods."""

import math

import pandas as pd
import pytest

from crosscase.within.secondary import attainment, indicator_summary, period_key, target_met, trend

COLUMNS = ["indicator", "period", "value", "unit", "target", "direction", "source"]


def frame(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def test_periods_are_ordered_with_numbers_as_numbers():
    periods = ["2010-Q10", "2009", "2010-Q2", "2010/11", "2011/12"]
    assert sorted(periods, key=period_key) == ["2009", "2010-Q2", "2010-Q10", "2010/11", "2011/12"]


def test_direction_aware_attainment():
    assert attainment(90, 100, "higher") == pytest.approx(0.9)
    assert attainment(20, 10, "lower") == pytest.approx(0.5)  # twice the ceiling: half-way
    assert math.isnan(attainment(0, 10, "lower"))
    assert (target_met(100, 100, "higher"), target_met(11, 10, "lower"), target_met(5, math.nan, "lower")) == (
        "yes",
        "no",
        "",
    )
    assert (trend(3, "lower"), trend(3, "higher"), trend(0, "lower"), trend(-1, "")) == (
        "worsened",
        "improved",
        "unchanged",
        "down",
    )


def test_latest_value_against_target_whatever_the_row_order():
    table = indicator_summary(
        frame(
            [
                ["evictions", "2012", 20.0, "people", None, "lower", "returns"],
                ["evictions", "2007", 2.0, "people", 15.0, "lower", "returns"],  # the only target given
                ["evictions", "2010", 11.0, "people", None, "lower", "audit"],
                ["practices", "2013", 105.0, "practices", None, "", "CCG"],
            ]
        )
    )
    evictions = table.iloc[0].to_dict()
    assert evictions == {
        "indicator": "evictions",
        "unit": "people",
        "direction": "lower",
        "periods": 3,
        "first_period": "2007",
        "first_value": 2.0,
        "latest_period": "2012",
        "latest_value": 20.0,
        "target": 15.0,
        "attainment": 0.75,
        "target_met": "no",
        "change": 18.0,
        "change_pct": 900.0,
        "trend": "worsened",
        "source": "returns; audit",
    }
    practices = table.iloc[1]
    assert (practices["periods"], practices["latest_value"], practices["target_met"], practices["trend"]) == (
        1,
        105.0,
        "",
        "",
    )
    assert math.isnan(practices["change"]) and math.isnan(practices["attainment"])


def test_indicator_summaries_read_back_as_one_dataset_give_indicators_by_case(tmp_path):
    """The batch job writes each case's indicator summary as Parquet rows
    (indicators_schema) and crosscase_evidence reads them as one dataset: the
    table is indicators_by_case's, computed here from the normalised rows."""
    from crosscase.ingest.store import read_dataset, write_parquet
    from crosscase.within.evidence import indicators_by_case, indicators_by_case_from_summaries
    from crosscase.within.secondary import COLUMNS as SUMMARY_COLUMNS
    from crosscase.within.secondary import indicators_schema

    assert indicators_schema().names == SUMMARY_COLUMNS
    rows = {
        # the case of test_latest_value_against_target_whatever_the_row_order
        "K1": [
            ["evictions", "2012", 20.0, "people", None, "lower", "returns"],
            ["evictions", "2007", 2.0, "people", 15.0, "lower", "returns"],
            ["evictions", "2010", 11.0, "people", None, "lower", "audit"],
            ["practices", "2013", 105.0, "practices", None, "", "CCG"],
        ],
        "K2": [],  # no secondary data: no rows
        "K3": [["visits", "2020", 30.0, "", 40.0, "higher", ""], ["visits", "2021", 36.0, "", 40.0, "higher", ""]],
    }
    order = ["K3", "K2", "K1"]
    for case, case_rows in rows.items():
        path = tmp_path / "case_indicators" / f"case_id={case}" / "part-0.parquet"
        write_parquet(indicator_summary(frame(case_rows)), path, indicators_schema())
    files = sorted((tmp_path / "case_indicators").glob("case_id=*/part-0.parquet"))
    table = indicators_by_case_from_summaries(read_dataset(files, indicators_schema(), order))
    # K3's one indicator, then K1's two in order of first appearance; K2 has none
    assert table[["case_id", "indicator", "periods"]].values.tolist() == [
        ["K3", "visits", 2],
        ["K1", "evictions", 3],
        ["K1", "practices", 1],
    ]
    # visits: 36 against 40 = 0.9, not met; +6 from 30 = +20 %, improved
    assert table.iloc[0][["attainment", "target_met", "change", "change_pct", "trend"]].tolist() == [
        0.9,
        "no",
        6.0,
        20.0,
        "improved",
    ]
    normalised = pd.concat([frame(rows[case]).assign(case_id=case) for case in order if rows[case]], ignore_index=True)
    expected = indicators_by_case(normalised[["case_id", *COLUMNS]], order)
    pd.testing.assert_frame_equal(table, expected)
    assert table.to_csv(index=False) == expected.to_csv(index=False)

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

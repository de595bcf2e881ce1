"""Secondary and monitoring data within one case.

Periods are ordered by their text with runs of digits compared as numbers
(2009 < 2010, 2010/11 < 2011/12, 2010-Q2 < 2010-Q10), whatever the row order.
For each indicator the latest period's value is set against the target of that
period (or, if it has none, the most recent target given):

* ``direction`` higher: attainment = value / target, target met if value >= target;
* ``direction`` lower: attainment = target / value, target met if value <= target.

Attainment 1 means exactly on target; it is left blank when the ratio has no
meaning (a zero or negative value or target). Change runs from the first
period to the latest: ``change`` = latest - first, ``change_pct`` relative to
|first|, and ``trend`` says whether it moved the better way for the direction.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

COLUMNS = [
    "indicator",
    "unit",
    "direction",
    "periods",
    "first_period",
    "first_value",
    "latest_period",
    "latest_value",
    "target",
    "attainment",
    "target_met",
    "change",
    "change_pct",
    "trend",
    "source",
]


COUNT_COLUMNS = ("periods",)
TEXT_COLUMNS = ("indicator", "unit", "direction", "first_period", "latest_period", "target_met", "trend", "source")


def indicators_schema():
    """One case's indicator summary rows as the Parquet dataset
    `case_indicators` (case_id from the partition): `periods` an integer,
    the names, periods and verdicts text, the values floats."""
    import pyarrow as pa

    def kind(name):
        return pa.int64() if name in COUNT_COLUMNS else pa.string() if name in TEXT_COLUMNS else pa.float64()

    return pa.schema([(name, kind(name)) for name in COLUMNS])


def period_key(period: str) -> tuple:
    parts = re.split(r"(\d+)", period)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != "")


def clean(value, digits: int = 4):
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return np.nan
    return round(float(value), digits)


def attainment(value: float, target: float, direction: str) -> float:
    if direction not in ("higher", "lower") or not (value > 0 and target > 0):
        return np.nan
    return value / target if direction == "higher" else target / value


def target_met(value: float, target: float, direction: str) -> str:
    if direction not in ("higher", "lower") or math.isnan(target):
        return ""
    met = value >= target if direction == "higher" else value <= target
    return "yes" if met else "no"


def trend(change: float, direction: str) -> str:
    if math.isnan(change):
        return ""
    if change == 0:
        return "unchanged"
    if direction not in ("higher", "lower"):
        return "up" if change > 0 else "down"
    better = change > 0 if direction == "higher" else change < 0
    return "improved" if better else "worsened"


def indicator_summary(indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator (in order of first appearance)."""
    rows = []
    for name in dict.fromkeys(indicators["indicator"]):
        part = indicators[indicators["indicator"] == name]
        part = part.iloc[sorted(range(len(part)), key=lambda i: period_key(part["period"].iloc[i]))]
        first, latest = part.iloc[0], part.iloc[-1]
        direction = next((d for d in part["direction"] if d), "")
        unit = next((u for u in part["unit"] if u), "")
        targets = part["target"].dropna()
        target = (
            float(latest["target"])
            if not pd.isna(latest["target"])
            else (float(targets.iloc[-1]) if len(targets) else np.nan)
        )
        value, start = float(latest["value"]), float(first["value"])
        change = value - start if len(part) > 1 else np.nan
        rows.append(
            {
                "indicator": name,
                "unit": unit,
                "direction": direction,
                "periods": int(len(part)),
                "first_period": first["period"],
                "first_value": clean(start),
                "latest_period": latest["period"],
                "latest_value": clean(value),
                "target": clean(target),
                "attainment": clean(attainment(value, target, direction) if not math.isnan(target) else np.nan, 3),
                "target_met": target_met(value, target, direction),
                "change": clean(change),
                "change_pct": clean(change / abs(start) * 100 if start and not math.isnan(change) else np.nan, 1),
                "trend": trend(change, direction),
                "source": "; ".join(dict.fromkeys(s for s in part["source"] if s)),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)

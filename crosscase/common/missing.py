"""The one test for a missing value, used by every stage."""

from __future__ import annotations

import math


def is_missing(value) -> bool:
    """True for None, a float or numpy NaN, pandas NA and NaT; False otherwise
    (an empty string is a value: blank cells are handled where text is read)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    if value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, tuple, dict, set)) else False
    except (TypeError, ValueError):
        return False

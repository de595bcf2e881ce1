"""Optional per-case workbooks (survey, interview-coded, secondary data).

Returns only the tables it found; `load_case` starts from empty, correctly typed
tables for the rest."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .problems import Problems


def load_optional_sources(case_dir: Path, problems: Problems) -> dict[str, pd.DataFrame]:
    return {}

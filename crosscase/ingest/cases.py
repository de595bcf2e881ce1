"""The case list (config/cases.tsv): read, checked (crosscase.ingest.settings),
defaults filled in."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscase.ingest.settings import (  # noqa: F401 -- COMPARED and ANALYSED are part of this module's interface
    ANALYSED,
    CASE_LIST_COLUMNS,
    COMPARED,
    SettingsError,
    load_config,
    read_case_rows,
)

# Kept as the name callers catch; every problem is one readable line.
CaseListError = SettingsError


def read_case_list(path: str | Path) -> pd.DataFrame:
    """All rows of the case list, checked, with `path` defaulted to data/raw/<case_id>;
    `attrs["lines"]` maps each case_id to its line in the file."""
    rows = read_case_rows(path)
    cases = pd.DataFrame([row for _, row in rows], columns=list(CASE_LIST_COLUMNS), dtype=str)
    cases.attrs["lines"] = {row["case_id"]: number for number, row in rows}
    return cases


DEFAULT_SETTINGS = {"cases": "config/cases.tsv", "vocabulary": "config/vocabulary.yaml"}


def workflow_settings(root: str | Path = ".") -> dict:
    """Where the case list and vocabulary are, from `root`/config/config.yaml
    (defaults when it is absent); paths are relative to `root`."""
    path = Path(root) / "config" / "config.yaml"
    settings = dict(DEFAULT_SETTINGS)
    if path.exists():
        loaded, _ = load_config(path)
        settings.update({k: loaded[k] for k in DEFAULT_SETTINGS if k in loaded})
    return settings


def included_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases compared across cases (include = yes)."""
    return cases[cases["include"].isin(COMPARED)].reset_index(drop=True)


def analysed_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases analysed within-case (include = yes or within), in list order."""
    return cases[cases["include"].isin(ANALYSED)].reset_index(drop=True)

"""The case list (config/cases.tsv): read, schema-checked, defaults filled in."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscase.schemas import schema_path
from crosscase.common.problems import UserInputError


class CaseListError(UserInputError):
    """config/cases.tsv is malformed; the message says where and how."""


def read_case_list(path: str | Path, schema: str | Path | None = None) -> pd.DataFrame:
    """All rows of the case list, validated, with `path` defaulted to data/raw/<case_id>."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import validate

    path = Path(path)
    try:
        cases = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, comment="#")
    except (OSError, pd.errors.ParserError) as exc:
        raise CaseListError(f"{path}: cannot be read as a tab-separated table: {exc}") from None
    cases.columns = [c.strip() for c in cases.columns]
    if "path" not in cases.columns:
        cases["path"] = ""
    cases = cases.apply(lambda column: column.str.strip())
    cases["include"] = cases["include"].str.lower() if "include" in cases else cases.get("include")
    schema = schema or schema_path("cases")
    try:
        validate(cases, str(schema))
    except WorkflowError as exc:
        raise CaseListError(f"{path}: {exc}") from None
    duplicated = cases.loc[cases["case_id"].duplicated(), "case_id"].tolist()
    if duplicated:
        raise CaseListError(f"{path}: case_id must be unique; repeated: {', '.join(duplicated)}")
    cases.loc[cases["path"] == "", "path"] = "data/raw/" + cases["case_id"]
    return cases.reset_index(drop=True)


DEFAULT_SETTINGS = {"cases": "config/cases.tsv", "vocabulary": "config/vocabulary.yaml"}


def workflow_settings(root: str | Path = ".") -> dict:
    """Where the case list and vocabulary are, from `root`/config/config.yaml
    (defaults when it is absent); paths are relative to `root`."""
    import yaml

    path = Path(root) / "config" / "config.yaml"
    settings = dict(DEFAULT_SETTINGS)
    if path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CaseListError(f"{path}: is not valid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise CaseListError(f"{path}: expected a mapping of settings")
        settings.update({k: loaded[k] for k in DEFAULT_SETTINGS if k in loaded})
    return settings


def included_cases(cases: pd.DataFrame) -> pd.DataFrame:
    return cases[cases["include"] == "yes"].reset_index(drop=True)

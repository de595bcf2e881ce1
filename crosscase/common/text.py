"""Text rules shared by every stage: vocabulary terms and fixed number formats."""

from __future__ import annotations

from crosscase.common.missing import is_missing

FLOAT_DIGITS = 4


def normalise_term(text) -> str:
    """A controlled-vocabulary term as written in a workbook -> its canonical
    form: 'Senior-Management', 'senior management' and 'senior_management' are
    all senior_management (lower case, hyphens and runs of spaces as '_')."""
    return "_".join(str(text).strip().lower().replace("-", " ").split())


def fmt_float(value, digits: int = FLOAT_DIGITS) -> str:
    """Fixed formatting for every float written to a table: '' for NA."""
    if is_missing(value):
        return ""
    return f"{float(value):.{digits}f}"


def fmt_int(value) -> str:
    if is_missing(value):
        return ""
    return str(int(value))

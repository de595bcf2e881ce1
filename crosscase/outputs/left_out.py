"""Cases left out of an analysis, named with the reason, for the synthesis
(a table in the workbook and the Markdown) and for the console.

Collected from the outputs themselves, so that the list is never out of step
with them:

* each QCA result (``crosscase/qca/<name>.json``) lists its ``excluded_cases``
  (a case with a missing value in a source the analysis uses);
* the framework matrix of themes has rows only for cases with coded data; an
  included case (Table 1) without any is left out of it, and of the theme and
  agreement analyses, for want of an interviews workbook or REFI-QDA project;
* a case with ``include = within`` in cases.tsv is left out of every cross-case
  comparison by choice (given by the rule, from the case list).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pandas as pd

from crosscase.outputs.workbook import SheetTable, read_csv_text

COLUMNS = ["analysis", "case_id", "reason"]
TITLE = "Cases left out"
DESCRIPTION = (
    "Every case left out of an analysis, and why. A case missing here took part in every analysis its data allow."
)


WITHIN_ONLY = "Every cross-case comparison"


def left_out(paths, within_only=()) -> pd.DataFrame:
    """The cases left out of the analyses whose files are among `paths`, after
    the cases analysed within-case only (`within_only`)."""
    paths = [Path(p) for p in paths]
    rows = [
        {
            "analysis": WITHIN_ONLY,
            "case_id": case,
            "reason": f"include = within in the case list: analysed on its own only (results/cases/{case}/)",
        }
        for case in within_only
    ]
    included = []
    for path in paths:
        if PurePosixPath(path.as_posix()).match("tables/table1_case_overview.csv"):
            included = list(read_csv_text(path).get("case_id", []))
    for path in paths:
        posix = PurePosixPath(path.as_posix())
        if posix.match("qca/*.json"):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for excluded in document.get("excluded_cases") or []:
                rows.append(
                    {
                        "analysis": f"QCA '{path.stem}'",
                        "case_id": excluded.get("case_id", ""),
                        "reason": excluded.get("reason", ""),
                    }
                )
        elif posix.match("crosscase/framework_matrix_themes_long.csv") and included:
            present = set(read_csv_text(path).get("case_id", []))
            for case in included:
                if case not in present:
                    rows.append(
                        {
                            "analysis": "Framework matrix of themes, theme and agreement analyses",
                            "case_id": case,
                            "reason": "no interview-coded data (neither interviews.xlsx nor a .qdpx project in "
                            "the case folder)",
                        }
                    )
    return pd.DataFrame(rows, columns=COLUMNS)


def left_out_table(paths, within_only=()) -> SheetTable | None:
    frame = left_out(paths, within_only)
    if frame.empty:
        return None
    return SheetTable(TITLE, frame, DESCRIPTION, ())


def warning_lines(frame: pd.DataFrame) -> list[str]:
    return [f"case {r.case_id} left out of {r.analysis}: {r.reason}" for r in frame.itertuples(index=False)]

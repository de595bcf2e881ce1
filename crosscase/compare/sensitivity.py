"""Sensitivity across cases: each case's single-change and threshold rows
(computed within the case by crosscase.within.sensitivity, in the batch jobs)
set side by side, what would make a contradicting case fit, and the page."""

from __future__ import annotations

import pandas as pd

from crosscase.within.sensitivity import ROBUSTNESS_COLUMNS, SENSITIVITY_COLUMNS, case_sensitivity_tables


def sensitivity(props, records_by_case: dict[str, list[dict]], rule: dict, weights=None):
    """(sensitivity table, robustness table) over every case, in cases.tsv order:
    each case's own tables (case_sensitivity_tables), one after the other."""
    changes, robustness = [], []
    for case_id, records in records_by_case.items():
        rows, summary = case_sensitivity_tables(props, case_id, records, rule, weights)
        changes.append(rows)
        robustness.append(summary)
    return stack(changes, SENSITIVITY_COLUMNS), stack(robustness, ROBUSTNESS_COLUMNS)


def stack(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    rows = [record for part in parts for record in part.to_dict("records")]
    return pd.DataFrame(rows, columns=columns)


def to_fit(table: pd.DataFrame, verdicts) -> dict[tuple[str, str], str]:
    """For each contradicting verdict: the single changes that would make it
    'supports' (explanation building: what would have to change)."""
    out = {}
    changes_of = {case: rows for case, rows in table.groupby("case_id", sort=False)}
    for v in verdicts:
        if v.verdict != "contradicts":
            continue
        mine = changes_of.get(v.case_id, table.iloc[0:0])
        fixes = [
            f"{r['item_id'] + ' ' if r['item_id'] else ''}{r['field']} {r['from'] or '(blank)'} -> {r['to']}"
            for r in mine.to_dict("records")
            if f"{v.proposition}: contradicts -> supports" in r["changes"]
        ]
        parts = []
        if fixes:
            parts.append("one of: " + "; ".join(fixes))
        if v.success_class == "more_successful":
            parts.append("or the case would have to be not more successful")
        elif v.success_class != "unknown":
            parts.append("or the case would have to be more successful")
        out[(v.proposition, v.case_id)] = " ".join(parts) if parts else "no single change makes it fit"
    return out


def sensitivity_markdown(table: pd.DataFrame, robustness: pd.DataFrame, agreement: dict | None = None) -> str:
    from crosscase.within.framework import md_table

    lines = [
        "# Sensitivity of the success classes and proposition verdicts",
        "",
        "Every single judgement of each case (an item's observed, anticipated, direction, severity, adherence, "
        "proved_correct) changed alone, and every threshold moved within its documented range "
        "(docs/method.md). Recomputed within the case only. `n_changing` counts the single changes that "
        "change the target; a target with none is robust to any one judgement.",
        "",
    ]
    if agreement is not None:
        lines += [
            f"Agreement with the study author: {agreement['n_agree']} of {agreement['n_compared']} success classes. "
            "This is a fit, not an independent agreement: the success-class thresholds were chosen knowing the "
            "thesis's groups (and the resources items encode the thesis's statement about the more successful "
            "group). The table below says how many single judgements each class and verdict rests on.",
            "",
        ]
    lines += md_table(robustness, ROBUSTNESS_COLUMNS)
    lines += ["", f"{len(table)} single changes change something (results/crosscase/sensitivity.csv).", ""]
    return "\n".join(lines)

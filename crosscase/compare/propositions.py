"""Propositions across cases: each case's verdicts (judged within the case by
crosscase.within.propositions) set side by side, as a table and a page."""

from __future__ import annotations

import pandas as pd

from crosscase.within.framework import ITEM_SEPARATOR
from crosscase.within.propositions import VERDICTS, Proposition, Verdict, judge_case

PROPOSITION_COLUMNS = [
    "proposition",
    "case_id",
    "success_class",
    "verdict",
    "conditions",
    "evidence_for",
    "evidence_against",
    "decisive",
    "reason",
    "to_fit",
]


def verdict_row(v: Verdict, to_fit: str = "") -> dict:
    conditions = [f"{k}={j.state}" for k, j in v.judged.items()]
    if v.outcome is not None:
        conditions.append(f"outcome={v.outcome.state}")
    return {
        "proposition": v.proposition,
        "case_id": v.case_id,
        "success_class": v.success_class,
        "verdict": v.verdict,
        "conditions": "; ".join(conditions),
        "evidence_for": ITEM_SEPARATOR.join(v.evidence_for),
        "evidence_against": ITEM_SEPARATOR.join(v.evidence_against),
        "decisive": ITEM_SEPARATOR.join(v.decisive),
        "reason": v.reason,
        "to_fit": to_fit,
    }


def judge_all(
    props: list[Proposition], records_by_case: dict[str, list[dict]], classes: dict[str, str]
) -> list[Verdict]:
    return [
        judge_case(p, case, records_by_case[case], classes.get(case, "unknown"))
        for p in props
        for case in records_by_case
    ]


def proposition_table(verdicts: list[Verdict], to_fit: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    to_fit = to_fit or {}
    rows = [verdict_row(v, to_fit.get((v.proposition, v.case_id), "")) for v in verdicts]
    return pd.DataFrame(rows, columns=PROPOSITION_COLUMNS)


def proposition_markdown(props: list[Proposition], table: pd.DataFrame) -> str:
    from crosscase.within.framework import md_cell, md_table

    lines = [
        "# Propositions, case by case",
        "",
        "Each condition is judged within one case from its framework items (docs/method.md gives every rule "
        "with the thesis's words). Verdicts: supports, contradicts, undetermined; `decisive` names the items "
        "that decide a verdict, `to_fit` what would have to change for a contradicting case to fit "
        "(explanation building).",
        "",
    ]
    for prop in props:
        rows = table[table["proposition"] == prop.name]
        counts = rows["verdict"].value_counts()
        lines += [
            f"## {prop.name} ({prop.claim})",
            "",
            f"> {prop.text}",
            "",
            f"Source: {prop.source}.",
            "",
            "Conditions: "
            + ", ".join(f"`{c.label}`" for c in prop.conditions)
            + (f"; outcome: `{prop.outcome.label}`" if prop.outcome else "; outcome: success class more_successful")
            + ".",
            "",
            "; ".join(f"{k}: {int(counts.get(k, 0))}" for k in VERDICTS) + f" (of {len(rows)} cases)",
            "",
        ]
        lines += md_table(rows, ["case_id", "success_class", "verdict", "conditions", "decisive"])
        lines += [""]
        for record in rows.itertuples(index=False):
            lines.append(f"- **{record.case_id}: {record.verdict}**. {md_cell(record.reason)}")
            lines.append(
                f"  - evidence for: {record.evidence_for or 'none'}; against: {record.evidence_against or 'none'}"
            )
            if record.to_fit:
                lines.append(f"  - to fit: {md_cell(record.to_fit)}")
        deviant = rows[rows["verdict"] == "contradicts"]["case_id"].tolist()
        lines += ["", f"Deviant cases: {', '.join(deviant) if deviant else 'none'}.", ""]
    return "\n".join(lines)

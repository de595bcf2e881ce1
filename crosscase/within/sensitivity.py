"""Sensitivity of the success classes and the proposition verdicts: every
single judgement of one case changed in turn, and every threshold moved within
a documented range (docs/method.md, "Sensitivity").

For each case, each item and each field that item may carry (``observed``,
``anticipated``; context: ``direction``, ``severity``; change theories:
``adherence``, ``proved_correct``), every other value is tried alone, the case's
success class and verdicts are recomputed from that case's items only, and a
row is written when anything changes. Thresholds are moved one at a time:
the success rule's ``more_successful_min`` and ``largely_failed_below`` over
THRESHOLD_RANGE, and each condition's strictness (fail on ``none`` only or on
``partial`` too; fail on ``major`` barriers only or on any barrier; resources
kept in full only or also in part).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from crosscase.ingest.contract import CONTEXT_DIRECTIONS, OBSERVED_LEVELS, SEVERITIES
from crosscase.within.framework import ITEM_SEPARATOR
from crosscase.within.propositions import Condition, Proposition, case_success, judge_case

SENSITIVITY_COLUMNS = ["case_id", "item_id", "field", "from", "to", "changes"]
ROBUSTNESS_COLUMNS = ["case_id", "target", "baseline", "n_tested", "n_changing", "changed_by"]
# The documented range of the success rule's thresholds (config.yaml success_class).
THRESHOLD_RANGE = {
    "more_successful_min": (0.5, 0.55, 0.6, 0.65, 0.7),
    "largely_failed_below": (0.3, 0.35, 0.4, 0.45, 0.5),
}
# Stricter or looser readings of a condition's parameters.
PARAMETER_MOVES = {
    "theory_adhered_and_correct": ("fail_levels", ("none",), ("partial", "none")),
    "implemented": ("fail_levels", ("none",), ("partial", "none")),
    "context_understood": ("fail_severity", ("major",), ("minor", "major")),
    "autonomy": ("fail_severity", ("major",), ("minor", "major")),
    "no_major_barrier": ("fail_severity", ("major",), ("minor", "major")),
    "resources_kept": ("hold_levels", ("full",), ("full", "partial")),
}


def item_fields(record) -> list[tuple[str, tuple[str, ...]]]:
    """The fields of one item that are judgements, with their possible values."""
    fields = [("observed", OBSERVED_LEVELS), ("anticipated", ("yes", "no"))]
    if record["stage"] == "context":
        fields += [("direction", CONTEXT_DIRECTIONS), ("severity", SEVERITIES)]
    if record["facet"] == "change_theory":
        fields += [("adherence", OBSERVED_LEVELS), ("proved_correct", OBSERVED_LEVELS)]
    return fields


def _shown(record, field: str) -> str:
    value = record.get(field)
    if field == "anticipated":
        return "yes" if value is not None and value == value and bool(value) else "no"
    return "" if value is None else str(value)


def _state(props, case_id, records, rule, weights):
    klass = case_success(records, rule, weights)
    return {"success_class": klass, **{p.name: judge_case(p, case_id, records, klass).verdict for p in props}}


def _diff(base: dict, new: dict) -> str:
    return "; ".join(f"{k}: {base[k]} -> {new[k]}" for k in base if base[k] != new[k])


def case_sensitivity(props: list[Proposition], case_id: str, records: list[dict], rule: dict, weights=None):
    """(rows of SENSITIVITY_COLUMNS, number of single changes tested, baseline state)."""
    base = _state(props, case_id, records, rule, weights)
    rows, tested = [], 0
    for index, record in enumerate(records):
        for field, values in item_fields(record):
            current = _shown(record, field)
            for value in values:
                if value == current:
                    continue
                tested += 1
                changed = [dict(r) for r in records]
                changed[index][field] = (value == "yes") if field == "anticipated" else value
                new = _state(props, case_id, changed, rule, weights)
                if new != base:
                    rows.append(
                        {
                            "case_id": case_id,
                            "item_id": record["item_id"],
                            "field": field,
                            "from": current,
                            "to": value,
                            "changes": _diff(base, new),
                        }
                    )
    for key, values in THRESHOLD_RANGE.items():
        for value in values:
            if float(rule.get(key)) == value:
                continue
            moved = {**rule, key: value}
            if moved["largely_failed_below"] > moved["more_successful_min"]:
                continue
            tested += 1
            new = _state(props, case_id, records, moved, weights)
            if new != base:
                rows.append(
                    {
                        "case_id": case_id,
                        "item_id": "",
                        "field": f"success_class.{key}",
                        "from": f"{float(rule.get(key)):g}",
                        "to": f"{value:g}",
                        "changes": _diff(base, new),
                    }
                )
    for prop in props:
        slots = [(i, c) for i, c in enumerate(prop.conditions)] + ([("outcome", prop.outcome)] if prop.outcome else [])
        for position, condition in slots:
            move = PARAMETER_MOVES.get(condition.kind)
            if move is None:
                continue
            key, default, other = move
            current = tuple(condition.params.get(key, default))
            target = other if current == default else default
            swapped = Condition(condition.kind, {**condition.params, key: target}, condition.label)
            if position == "outcome":
                moved_prop = dataclasses.replace(prop, outcome=swapped)
            else:
                conditions = list(prop.conditions)
                conditions[position] = swapped
                moved_prop = dataclasses.replace(prop, conditions=tuple(conditions))
            changed_props = [moved_prop if p is prop else p for p in props]
            tested += 1
            new = _state(changed_props, case_id, records, rule, weights)
            if new != base:
                where = "outcome." if position == "outcome" else ""
                rows.append(
                    {
                        "case_id": case_id,
                        "item_id": "",
                        "field": f"{prop.name}.{where}{condition.label}.{key}",
                        "from": "+".join(current),
                        "to": "+".join(target),
                        "changes": _diff(base, new),
                    }
                )
    return rows, tested, base


def case_robustness(case_id: str, rows: list[dict], tested: int, base: dict) -> list[dict]:
    """One case's robustness rows (ROBUSTNESS_COLUMNS): per target (the success
    class and each proposition's verdict), its baseline and the single changes
    of `rows` (case_sensitivity's) that change it."""
    summary = []
    for target, baseline in base.items():
        hits = [r for r in rows if any(part.startswith(f"{target}: ") for part in r["changes"].split("; "))]
        summary.append(
            {
                "case_id": case_id,
                "target": target,
                "baseline": baseline,
                "n_tested": tested,
                "n_changing": len(hits),
                "changed_by": ITEM_SEPARATOR.join(
                    f"{r['item_id']}.{r['field']}={r['to']}" if r["item_id"] else f"{r['field']}={r['to']}"
                    for r in hits
                ),
            }
        )
    return summary


def case_sensitivity_tables(props, case_id: str, records: list[dict], rule: dict, weights=None):
    """One case's (sensitivity rows, robustness rows) as DataFrames of
    SENSITIVITY_COLUMNS and ROBUSTNESS_COLUMNS: what the batch job writes per case."""
    rows, tested, base = case_sensitivity(props, case_id, records, rule, weights)
    robustness = case_robustness(case_id, rows, tested, base)
    return pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS), pd.DataFrame(robustness, columns=ROBUSTNESS_COLUMNS)


def sensitivity_schema():
    """One case's sensitivity rows as the Parquet dataset `case_sensitivity` (case_id from the partition)."""
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in SENSITIVITY_COLUMNS[1:]])


def robustness_schema():
    """One case's robustness rows as the Parquet dataset `case_robustness` (case_id from the partition)."""
    import pyarrow as pa

    kinds = {"n_tested": pa.int64(), "n_changing": pa.int64()}
    return pa.schema([(name, kinds.get(name, pa.string())) for name in ROBUSTNESS_COLUMNS[1:]])

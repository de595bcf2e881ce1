"""Context-mechanism-outcome chains of one case (realist evaluation's CMO
configurations; Yin's pattern matching along a chain; stages 1-6 of the
thesis's Table 4 linked instead of listed).

A chain is built from the optional `links` column of the framework sheet:
an outcome names the mechanism(s) expected to produce it (change theories or
activities; a long-term outcome may name intermediary outcomes), an activity
names the change theory or theories it implements, and a context factor names
the mechanism or outcome items it affects. One chain per outcome and change
theory behind it (an outcome with no theory behind it gets one chain with an
empty theory; an outcome with no links gets one unlinked chain). Each chain
carries, at every link, what was anticipated and what was observed, and the
ids of its items. Everything is within ONE case: chains never cross cases.
"""

from __future__ import annotations

import pandas as pd

from crosscase.within.framework import (
    ITEM_SEPARATOR,
    categories,
    groups,
    link_ids,
    md_table,
    theory_levels,
    with_optional,
)

CMO_COLUMNS = [
    "chain_id",
    "outcome_id",
    "outcome_facet",
    "outcome_anticipated",
    "outcome_observed",
    "realised_for",
    "beneficiary",
    "theory_id",
    "theory_anticipated",
    "theory_adherence",
    "theory_proved_correct",
    "activity_ids",
    "activities_observed",
    "via_ids",
    "context_ids",
    "contexts",
    "weak_links",
    "chain_status",
    "context_categories",
    "mechanism_categories",
    "outcome_categories",
]


def cmo_schema():
    """One case's chains as the Parquet dataset `case_cmo` (case_id from the
    partition): every column is text."""
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in CMO_COLUMNS])


STATUS = {"full": "realised", "partial": "partly realised", "none": "not realised", "unknown": "unknown"}


def _yes(value) -> str:
    return "yes" if value is not None and not pd.isna(value) and bool(value) else "no"


def _context_label(record) -> str:
    parts = [
        record.direction or "direction?",
        record.severity or "severity?",
        "anticipated" if bool(record.anticipated) else "unanticipated",
        record.observed,
    ]
    return f"{record.item_id}=" + "/".join(parts)


def case_chains(items: pd.DataFrame) -> pd.DataFrame:
    """The CMO chains of one case's framework items, CMO_COLUMNS, in workbook
    order of the outcomes and, within an outcome, of its theories."""
    items = with_optional(items).reset_index(drop=True)
    by_id = {r.item_id: r for r in items.itertuples(index=False)}
    order = {r.item_id: i for i, r in enumerate(items.itertuples(index=False))}
    contexts = [r for r in items.itertuples(index=False) if r.stage == "context"]
    rows = []
    for outcome in items[items["stage"] == "outcome"].itertuples(index=False):
        direct = [i for i in link_ids(outcome.links) if i in by_id]
        via = [i for i in direct if by_id[i].stage == "outcome"]
        mechanisms = [i for i in direct if by_id[i].stage == "mechanism"]
        for intermediate in via:  # a long-term outcome inherits the mechanisms of the outcomes it names
            mechanisms += [
                i for i in link_ids(by_id[intermediate].links) if i in by_id and by_id[i].stage == "mechanism"
            ]
        mechanisms = sorted(set(mechanisms), key=order.get)
        activities = [i for i in mechanisms if by_id[i].facet == "change_activity"]
        theories = [i for i in mechanisms if by_id[i].facet == "change_theory"]
        for activity in activities:
            theories += [i for i in link_ids(by_id[activity].links) if i in by_id and by_id[i].facet == "change_theory"]
        theories = sorted(set(theories), key=order.get)
        paths = [(t, [a for a in activities if t in link_ids(by_id[a].links)]) for t in theories]
        orphans = [a for a in activities if not any(t in link_ids(by_id[a].links) for t in theories)]
        if orphans or not paths:
            paths.append(("", orphans))
        for theory_id, acts in paths:
            members = {outcome.item_id, *via, *acts, *([theory_id] if theory_id else [])}
            on_chain = [c for c in contexts if members & set(link_ids(c.links))]
            rows.append(_chain_row(outcome, theory_id, acts, via, on_chain, by_id))
    return pd.DataFrame(rows, columns=CMO_COLUMNS)


def _chain_row(outcome, theory_id, acts, via, on_chain, by_id) -> dict:
    theory = by_id.get(theory_id) if theory_id else None
    adherence, correct = theory_levels(theory) if theory is not None else ("", "")
    weak = []
    for c in on_chain:
        if c.direction == "barrier" and c.observed in ("full", "partial"):
            weak.append(
                f"{c.item_id} (barrier, {c.severity or 'severity?'}{'' if bool(c.anticipated) else ', unanticipated'})"
            )
    if theory is not None:
        if adherence != "full":
            weak.append(f"{theory_id} (adherence {adherence})")
        if correct != "full":
            weak.append(f"{theory_id} (proved_correct {correct})")
    for a in acts:
        if by_id[a].observed != "full":
            weak.append(f"{a} (delivered {by_id[a].observed})")
    for group, level in groups(outcome.realised_for):
        if level != "full":
            weak.append(f"{outcome.item_id} ({group}: {level})")
    mechanism_terms = [t for i in [*([theory_id] if theory_id else []), *acts] for t in categories(by_id[i].category)]
    status = STATUS.get(outcome.observed, outcome.observed)
    if not theory_id and not acts:
        status = f"{status} (no mechanism linked)"
    return {
        "chain_id": f"{outcome.item_id}<{theory_id}" if theory_id else f"{outcome.item_id}<",
        "outcome_id": outcome.item_id,
        "outcome_facet": outcome.facet,
        "outcome_anticipated": _yes(outcome.anticipated),
        "outcome_observed": outcome.observed,
        "realised_for": outcome.realised_for,
        "beneficiary": ""
        if outcome.beneficiary is None or outcome.beneficiary != outcome.beneficiary
        else str(outcome.beneficiary),
        "theory_id": theory_id,
        "theory_anticipated": _yes(theory.anticipated) if theory is not None else "",
        "theory_adherence": adherence,
        "theory_proved_correct": correct,
        "activity_ids": ITEM_SEPARATOR.join(acts),
        "activities_observed": ITEM_SEPARATOR.join(
            f"{a}={by_id[a].observed}{'' if bool(by_id[a].anticipated) else ' (unplanned)'}" for a in acts
        ),
        "via_ids": ITEM_SEPARATOR.join(via),
        "context_ids": ITEM_SEPARATOR.join(c.item_id for c in on_chain),
        "contexts": ITEM_SEPARATOR.join(_context_label(c) for c in on_chain),
        "weak_links": ITEM_SEPARATOR.join(weak),
        "chain_status": status,
        "context_categories": ITEM_SEPARATOR.join(dict.fromkeys(t for c in on_chain for t in categories(c.category))),
        "mechanism_categories": ITEM_SEPARATOR.join(dict.fromkeys(mechanism_terms)),
        "outcome_categories": ITEM_SEPARATOR.join(categories(outcome.category)),
    }


def unlinked(items: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Items outside every chain: activities no outcome names, theories no
    activity or outcome names, context factors that name nothing."""
    items = with_optional(items)
    named = {i for cell in items["links"] for i in link_ids(cell)}
    # theories reached through an activity named by an outcome count as on a chain
    return {
        "activities": tuple(items[(items["facet"] == "change_activity") & ~items["item_id"].isin(named)]["item_id"]),
        "theories": tuple(items[(items["facet"] == "change_theory") & ~items["item_id"].isin(named)]["item_id"]),
        "context": tuple(items[(items["stage"] == "context") & (items["links"] == "")]["item_id"]),
    }


def cmo_markdown(case_id: str, title: str, chains: pd.DataFrame, items: pd.DataFrame) -> str:
    """cmo.md: the chains of one case as a readable page."""
    lines = [f"# {case_id}: context-mechanism-outcome chains" + (f" ({title})" if title else ""), ""]
    lines += [
        (
            "One row per outcome and change theory behind it, built from the `links` column of the framework "
            "sheet (docs/method.md). At each link: anticipated or not, and what was observed "
            "(theories: adherence and proved_correct; activities: delivered; outcomes: realised, by group where "
            "recorded). `weak_links` lists every link not observed in full and every barrier on the chain."
        ),
        "",
    ]
    if chains.empty:
        lines += ["No outcome items.", ""]
        return "\n".join(lines)
    shown = [
        "chain_id",
        "contexts",
        "theory_id",
        "theory_adherence",
        "theory_proved_correct",
        "activities_observed",
        "outcome_id",
        "outcome_observed",
        "realised_for",
        "chain_status",
        "weak_links",
    ]
    lines += md_table(chains, shown)
    loose = unlinked(items)
    lines += ["", "## Items outside every chain", ""]
    for kind, ids in loose.items():
        lines.append(f"- {kind}: {', '.join(ids) if ids else 'none'}")
    lines.append("")
    return "\n".join(lines)

"""Cross-case view of the CMO chains: which configurations (mechanism
category -> outcome category) recur in the more and the less successful cases.
Chains are built within each case (crosscase.within.cmo) and only then set side
by side; a case counts once per configuration."""

from __future__ import annotations

import pandas as pd

from crosscase.within.framework import ITEM_SEPARATOR, categories

CONFIGURATION_COLUMNS = [
    "mechanism_category",
    "outcome_category",
    "cases",
    "n_cases",
    "success_classes",
    "n_more_successful",
    "n_other",
    "realised_in",
    "not_realised_in",
    "barriers_on_chains",
    "chain_ids",
]


def configurations(
    chains_by_case: dict[str, pd.DataFrame], case_order: list[str], classes: dict[str, str]
) -> pd.DataFrame:
    """Each (mechanism category, outcome category) pair found on a chain of at
    least one case: the cases (cases.tsv order), their success classes, the
    cases where a chain with it realised the outcome (full or partial) and where
    not (none), the barrier context categories on those chains and the chain ids
    as 'case:chain_id'. Chains are compared, never pooled: a case counts once."""
    found: dict[tuple[str, str], dict] = {}
    for case in case_order:
        chains = chains_by_case.get(case)
        if chains is None or chains.empty:
            continue
        for record in chains.itertuples(index=False):
            mech = categories(record.mechanism_categories) or ("(no mechanism category)",)
            outs = categories(record.outcome_categories) or ("(no outcome category)",)
            barriers = [c.split("=")[0] for c in categories(record.contexts) if "=barrier/" in c]
            for m in mech:
                for o in outs:
                    entry = found.setdefault(
                        (m, o), {"cases": [], "realised": set(), "not": set(), "barriers": [], "chains": []}
                    )
                    if case not in entry["cases"]:
                        entry["cases"].append(case)
                    if record.outcome_observed in ("full", "partial"):
                        entry["realised"].add(case)
                    elif record.outcome_observed == "none":
                        entry["not"].add(case)
                    entry["barriers"] += [f"{case}:{b}" for b in barriers]
                    entry["chains"].append(f"{case}:{record.chain_id}")
    rows = []
    for (m, o), entry in sorted(found.items(), key=lambda kv: (-len(kv[1]["cases"]), kv[0])):
        cases = entry["cases"]
        rows.append(
            {
                "mechanism_category": m,
                "outcome_category": o,
                "cases": ", ".join(cases),
                "n_cases": len(cases),
                "success_classes": ", ".join(classes.get(c, "unknown") for c in cases),
                "n_more_successful": sum(classes.get(c) == "more_successful" for c in cases),
                "n_other": sum(classes.get(c) != "more_successful" for c in cases),
                "realised_in": ", ".join(c for c in cases if c in entry["realised"]),
                "not_realised_in": ", ".join(c for c in cases if c in entry["not"]),
                "barriers_on_chains": ITEM_SEPARATOR.join(dict.fromkeys(entry["barriers"])),
                "chain_ids": ITEM_SEPARATOR.join(entry["chains"]),
            }
        )
    return pd.DataFrame(rows, columns=CONFIGURATION_COLUMNS)

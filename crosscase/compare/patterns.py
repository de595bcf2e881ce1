"""Cross-case comparison (section 3.2 of the thesis): pattern matching across
cases, the case-ordered meta-matrix, categories and instigators by case, the
three problems of section 3.2.3, and the section 4.1 proposition.

Metrics are always computed within each case first (crosscase.within.framework) and
only then set side by side; no item is ever pooled across cases. Each
cross-case row names the item_ids it rests on."""

from __future__ import annotations

import math

import pandas as pd

from crosscase.ingest.contract import FACETS_BY_STAGE
from crosscase.ingest.vocabulary import Vocabulary
from crosscase.within.framework import (
    ITEM_SEPARATOR,
    Metric,
    anticipated,
    by_case,
    case_metrics,
    categories,
    fmt_float,
    md_cell,
    md_table,
    not_kept,
    of_facet,
    of_stage,
    unanticipated_occurred,
)
from crosscase.within.success import (
    COMPARE_DIGITS,
    DEFAULT_RULE,
    SUCCESS_CLASSES,
    UNKNOWN,
    at_least,
    is_na,
    success_basis,
    success_class,
    value_of,
)

PATTERN_COLUMNS = [
    "case_id",
    "fidelity",
    "theory_held",
    "attainment_intermediary",
    "attainment_long_term",
    "context_foresight",
    "n_unanticipated_context",
    "success_class",
    "reported_success",
    "resources_maintained",
    "agrees_with_reported",
]
FLOAT_COLUMNS = (
    "fidelity",
    "theory_held",
    "attainment_intermediary",
    "attainment_long_term",
    "context_foresight",
    "resources_maintained",
)
CASE_SEPARATOR = ", "

# Section 4.1's proposition: each condition is a metric at or above a minimum.
# Defaults (overridable in config.yaml under `proposition`, see
# config/pattern_matching_defaults.yaml): a simple majority for the three
# shares (the thesis says every case understood its context incompletely, so
# the bar is "not majorly flawed", not "complete"), and resources kept in full.
PROPOSITION_CONDITIONS = (
    # (column, metric, config key, words when it holds, words when it fails)
    (
        "context_understood",
        "context_foresight",
        "context_foresight_min",
        "understood its context",
        "did not understand its context",
    ),
    ("theory_held_ok", "theory_held", "theory_held_min", "its change theory held", "its change theory did not hold"),
    (
        "implemented_fully",
        "fidelity",
        "fidelity_min",
        "implemented its planned activities",
        "did not implement its planned activities",
    ),
    (
        "resources_kept",
        "resources_maintained",
        "resources_maintained_min",
        "kept its resources",
        "did not keep its resources",
    ),
)
DEFAULT_PROPOSITION = {
    "context_foresight_min": 0.5,
    "theory_held_min": 0.5,
    "fidelity_min": 0.5,
    "resources_maintained_min": 1.0,
}


# --------------------------------------------------------------------------
# helpers


def join_cases(cases, case_order: list[str]) -> str:
    present = set(cases)
    return CASE_SEPARATOR.join(c for c in case_order if c in present)


def describe(items: pd.DataFrame, with_level: bool = True) -> str:
    """'CS1-C3 (partial): description; ...' for the items, in workbook order."""
    parts = []
    for record in items.itertuples(index=False):
        level = f" ({record.observed})" if with_level else ""
        parts.append(f"{record.item_id}{level}: {' '.join(str(record.description).split())}")
    return "; ".join(parts)


def all_case_metrics(
    framework: pd.DataFrame, case_order: list[str], weights: dict | None = None
) -> dict[str, dict[str, Metric]]:
    """Within-case metrics of every case (a case without items gets all NA)."""
    rows = by_case(framework)
    return {case: case_metrics(rows[case], weights) for case in case_order}


def reported_of(case_info: pd.DataFrame) -> dict[str, str]:
    return {
        c: (r if isinstance(r, str) and r else UNKNOWN)
        for c, r in zip(case_info["case_id"], case_info["reported_success"])
    }


def pattern_matching(
    metrics: dict[str, dict[str, Metric]], case_info: pd.DataFrame, case_order: list[str], rule: dict | None = None
) -> pd.DataFrame:
    """One row per case, PATTERN_COLUMNS. Floats are NaN when NA.

    agrees_with_reported is 'yes'/'no', or '' when either class is unknown."""
    reported = reported_of(case_info)
    rows = []
    for case in case_order:
        m = metrics[case]
        klass = success_class(m, rule)
        rep = reported.get(case, UNKNOWN)
        agree = "" if UNKNOWN in (klass, rep) else ("yes" if klass == rep else "no")
        row = {"case_id": case}
        for name in FLOAT_COLUMNS:
            value = value_of(m, name)
            row[name] = math.nan if value is None else value
        row["n_unanticipated_context"] = int(value_of(m, "n_unanticipated_context") or 0)
        row.update(success_class=klass, reported_success=rep, agrees_with_reported=agree)
        rows.append(row)
    return pd.DataFrame(rows, columns=PATTERN_COLUMNS)


def classes_of(pattern: pd.DataFrame) -> dict[str, str]:
    return dict(zip(pattern["case_id"], pattern["success_class"]))


def csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Every float column as fixed four-decimal text, NA as an empty cell."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(fmt_float)
    return out


# --------------------------------------------------------------------------
# agreement with the study author's judgement


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two paired label lists; None when undefined (chance agreement 1, or no pairs)."""
    n = len(a)
    if n == 0:
        return None
    labels = sorted(set(a) | set(b))
    observed = sum(x == y for x, y in zip(a, b)) / n
    expected = sum((a.count(k) / n) * (b.count(k) / n) for k in labels)
    if round(expected, COMPARE_DIGITS) == 1.0:
        return None
    return (observed - expected) / (1 - expected)


def agreement(pattern: pd.DataFrame) -> dict:
    """How far success_class agrees with reported_success (cases where both are known)."""
    known = pattern[(pattern["success_class"] != UNKNOWN) & (pattern["reported_success"] != UNKNOWN)]
    a, b = known["success_class"].tolist(), known["reported_success"].tolist()
    n_agree = sum(x == y for x, y in zip(a, b))
    return {
        "n_cases": int(len(pattern)),
        "n_compared": int(len(known)),
        "n_agree": int(n_agree),
        "kappa": cohen_kappa(a, b),
        "not_compared": pattern.loc[~pattern.index.isin(known.index), "case_id"].tolist(),
        "disagreements": known[known["success_class"] != known["reported_success"]],
    }


def rule_text(rule: dict | None) -> str:
    rule = {**DEFAULT_RULE, **(rule or {})}
    fallback = f", or `{rule['fallback_metric']}` when it is NA" if rule.get("fallback_metric") else ""
    return (
        f"`success_class` uses `{rule['metric']}`{fallback}: at least {rule['more_successful_min']} is "
        f"more_successful, below {rule['largely_failed_below']} is largely_failed, in between is mixed; "
        "with no attainment metric the class is unknown."
    )


def agreement_markdown(pattern: pd.DataFrame, metrics: dict[str, dict[str, Metric]], rule: dict | None = None) -> str:
    result = agreement(pattern)
    lines = ["# Success class against the study author's judgement", "", rule_text(rule), ""]
    kappa = "not defined" if result["kappa"] is None else fmt_float(result["kappa"])
    lines += [
        f"- cases: {result['n_cases']}; compared (both classes known): {result['n_compared']}",
        f"- agree: {result['n_agree']} of {result['n_compared']}",
        f"- Cohen's kappa: {kappa}",
        "",
        "What this agreement is: the success-class thresholds are settings, and the shipped ones were chosen "
        "knowing the study author's groups, so agreement here is a fit of the rule to those groups, not an "
        "independent check. How far each class rests on single judgements and on the thresholds is in "
        "sensitivity.md and robustness.csv (docs/method.md, Sensitivity).",
    ]
    if result["not_compared"]:
        lines.append(f"- not compared (a class is unknown): {', '.join(result['not_compared'])}")
    lines += ["", "## Cross-tabulation (rows: success_class, columns: reported_success)", ""]
    labels = [*SUCCESS_CLASSES, UNKNOWN]
    table = pd.crosstab(pattern["success_class"], pattern["reported_success"]).reindex(
        index=labels, columns=labels, fill_value=0
    )
    cross = table.reset_index().rename(columns={"success_class": "success_class \\ reported"})
    lines += md_table(cross)
    lines += ["", "## Disagreements", ""]
    if result["disagreements"].empty:
        lines.append("None.")
    for record in result["disagreements"].itertuples(index=False):
        basis = success_basis(metrics[record.case_id], rule)
        m = metrics[record.case_id].get(basis) if basis else None
        detail = (
            f"{basis} = {fmt_float(m.value)} ({fmt_float(m.numerator)} / {m.denominator}; items {ITEM_SEPARATOR.join(m.item_ids)})"
            if m is not None
            else "no attainment metric"
        )
        lines.append(
            f"- {record.case_id}: success_class {record.success_class}, reported {record.reported_success}; {detail}"
        )
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# meta-matrix


def meta_order(pattern: pd.DataFrame, case_order: list[str], rule: dict | None = None) -> list[str]:
    """Cases by attainment, descending: the rule's metric first, ties broken by
    the fallback (the other attainment metric), then by cases.tsv order; NA
    sorts after every value."""
    rule = {**DEFAULT_RULE, **(rule or {})}
    keys = [k for k in (rule["metric"], rule.get("fallback_metric")) if k]
    rank = {c: i for i, c in enumerate(case_order)}

    def key(record):
        parts = []
        for name in keys:
            value = record[name]
            parts += [1, 0.0] if is_na(value) else [0, -round(float(value), COMPARE_DIGITS)]
        return (*parts, rank.get(record["case_id"], len(rank)))

    records = pattern.to_dict("records")
    return [r["case_id"] for r in sorted(records, key=key)]


META_COLUMNS = [
    "rank",
    "case_id",
    "success_class",
    "reported_success",
    "attainment_intermediary",
    "attainment_long_term",
    "fidelity",
    "theory_held",
    "context_foresight",
    "resources_maintained",
    "unanticipated_context",
    "undelivered_activities",
]


def meta_matrix(
    pattern: pd.DataFrame, framework: pd.DataFrame, case_order: list[str], rule: dict | None = None
) -> pd.DataFrame:
    """Miles & Huberman's case-ordered meta-matrix: cases by attainment, the
    metrics beside the unanticipated context factors that were experienced and
    the planned activities not (fully) delivered, each as 'item_id (observed): description'."""
    pattern_of = pattern.set_index("case_id")
    items_of = by_case(framework)
    rows = []
    for position, case in enumerate(meta_order(pattern, case_order, rule), start=1):
        items = items_of[case]
        record = pattern_of.loc[case]
        rows.append(
            {
                "rank": position,
                "case_id": case,
                **{c: record[c] for c in META_COLUMNS[2:10]},
                "unanticipated_context": describe(unanticipated_occurred(of_stage(items, "context"))),
                "undelivered_activities": describe(not_kept(of_facet(items, "change_activity"))),
            }
        )
    return pd.DataFrame(rows, columns=META_COLUMNS)


def meta_matrix_markdown(matrix: pd.DataFrame, rule: dict | None = None) -> str:
    rule = {**DEFAULT_RULE, **(rule or {})}
    shown = csv_ready(matrix)
    lines = [
        "# Case-ordered meta-matrix",
        "",
        f"Cases ordered by `{rule['metric']}` (descending), ties broken by `{rule.get('fallback_metric')}` "
        "(descending), then by the order of config/cases.tsv; NA sorts last. "
        "Beside the metrics: the context factors experienced but not anticipated, and the planned "
        "change activities delivered only partially or not at all (item_id (observed): description).",
        "",
        rule_text(rule),
        "",
    ]
    lines += md_table(shown)
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# categories, instigators, problems


def _class_columns(cases: list[str], classes: dict[str, str]) -> dict:
    labels = [classes.get(c, UNKNOWN) for c in cases]
    return {
        "success_classes": CASE_SEPARATOR.join(labels),
        **{f"n_{k}": labels.count(k) for k in SUCCESS_CLASSES},
    }


# The cases with a category (or instigator level) and their success classes,
# as _class_columns fills them in.
CLASS_COLUMNS = ["cases", "n_cases", "success_classes", *(f"n_{k}" for k in SUCCESS_CLASSES)]
CATEGORY_COLUMNS = ["category", "stage", "facet", *CLASS_COLUMNS, "item_ids"]


def categories_by_case(
    framework: pd.DataFrame, vocabulary: Vocabulary, case_order: list[str], classes: dict[str, str]
) -> pd.DataFrame:
    """For each framework category used by at least one case, in vocabulary
    order: its stage, the facets of the items carrying it, the cases (cases.tsv
    order) with at least one such item (whether anticipated or not), their
    success classes (aligned with `cases`) and the item_ids behind it."""
    carriers: dict[str, list] = {}
    for record in framework.itertuples(index=False):
        if record.case_id not in case_order:
            continue
        for term in categories(record.category):
            carriers.setdefault(term, []).append(record)
    ordered = [(stage, term) for stage, terms in vocabulary.framework_categories.items() for term in terms]
    known = {term for _, term in ordered}
    # terms outside the vocabulary cannot pass ingestion; listed last if present
    ordered += [("", term) for term in sorted(set(carriers) - known)]
    rank = {c: i for i, c in enumerate(case_order)}
    all_facets = [f for facets in FACETS_BY_STAGE.values() for f in facets]
    rows = []
    seen = set()
    for stage, term in ordered:
        if term not in carriers or term in seen:
            continue
        seen.add(term)
        records = sorted(carriers[term], key=lambda r: rank[r.case_id])  # stable: workbook order within a case
        present = {r.case_id for r in records}
        cases = [c for c in case_order if c in present]
        facets = {r.facet for r in records}
        rows.append(
            {
                "category": term,
                "stage": stage or records[0].stage,
                "facet": ";".join(f for f in all_facets if f in facets),
                "cases": CASE_SEPARATOR.join(cases),
                "n_cases": len(cases),
                **_class_columns(cases, classes),
                "item_ids": ITEM_SEPARATOR.join(r.item_id for r in records),
            }
        )
    return pd.DataFrame(rows, columns=CATEGORY_COLUMNS)


INSTIGATOR_COLUMNS = ["instigator_level", *CLASS_COLUMNS]


def instigator_by_case(
    case_info: pd.DataFrame, vocabulary: Vocabulary, case_order: list[str], classes: dict[str, str]
) -> pd.DataFrame:
    """Every instigator level of the vocabulary (in its order, used or not) with
    the cases it instigated and their success classes."""
    level_of = dict(zip(case_info["case_id"], case_info["instigator_level"]))
    levels = list(vocabulary.instigator_level)
    levels += sorted({v for v in level_of.values() if isinstance(v, str) and v and v not in levels})
    rows = []
    for level in levels:
        cases = [c for c in case_order if level_of.get(c) == level]
        rows.append(
            {
                "instigator_level": level,
                "cases": CASE_SEPARATOR.join(cases),
                "n_cases": len(cases),
                **_class_columns(cases, classes),
            }
        )
    return pd.DataFrame(rows, columns=INSTIGATOR_COLUMNS)


PROBLEM_COLUMNS = [
    "case_id",
    "success_class",
    "n_theory_not_held",
    "theory_not_held",
    "n_context_misread",
    "context_misread",
    "n_mechanisms_not_kept",
    "mechanisms_not_kept",
]


def case_problems(items: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Section 3.2.3's three problems within one case, as the items behind them."""
    context = of_stage(items, "context")
    anticipated_absent = anticipated(context)[lambda f: f["observed"] == "none"]
    misread_ids = set(unanticipated_occurred(context)["item_id"]) | set(anticipated_absent["item_id"])
    return {
        # planned change theories that held only partly or not at all
        "theory_not_held": not_kept(of_facet(items, "change_theory")),
        # context factors experienced but not anticipated, and anticipated ones that did not occur
        "context_misread": context[context["item_id"].isin(misread_ids)],
        # planned change activities delivered only partly or not at all
        "mechanisms_not_kept": not_kept(of_facet(items, "change_activity")),
    }


def problems_by_case(framework: pd.DataFrame, case_order: list[str], classes: dict[str, str]) -> pd.DataFrame:
    rows = []
    items_of = by_case(framework)
    for case in case_order:
        problems = case_problems(items_of[case])
        row = {"case_id": case, "success_class": classes.get(case, UNKNOWN)}
        for name, items in problems.items():
            row[f"n_{name}"] = len(items)
            row[name] = ITEM_SEPARATOR.join(items["item_id"])
        rows.append(row)
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


# --------------------------------------------------------------------------
# the proposition of section 4.1


PROPOSITION_COLUMNS = [
    "case_id",
    "success_class",
    "context_foresight",
    "context_understood",
    "theory_held",
    "theory_held_ok",
    "fidelity",
    "implemented_fully",
    "resources_maintained",
    "resources_kept",
    "all_four",
    "fit",
    "explanation",
]


def proposition_settings(settings: dict | None) -> dict:
    merged = dict(DEFAULT_PROPOSITION)
    merged.update({k: float(v) for k, v in (settings or {}).items() if k in DEFAULT_PROPOSITION})
    return merged


def _evidence(metric_name: str, items: pd.DataFrame, m: Metric) -> str:
    """The item_ids behind a failed condition."""
    if metric_name == "context_foresight":
        unforeseen = unanticipated_occurred(of_stage(items, "context"))
        return "unanticipated: " + (", ".join(unforeseen["item_id"]) or "none")
    if metric_name in ("theory_held", "fidelity"):
        facet = "change_theory" if metric_name == "theory_held" else "change_activity"
        missed = not_kept(of_facet(items, facet))
        return "not kept: " + ", ".join(f"{i} ({o})" for i, o in zip(missed["item_id"], missed["observed"]))
    scored = items[items["item_id"].isin(m.item_ids)]
    return ", ".join(f"{i} ({o})" for i, o in zip(scored["item_id"], scored["observed"]))


def proposition(
    metrics: dict[str, dict[str, Metric]],
    pattern: pd.DataFrame,
    framework: pd.DataFrame,
    case_order: list[str],
    settings: dict | None = None,
) -> pd.DataFrame:
    """Section 4.1 case by case: do the four conditions hold, does the case fit
    'more_successful <=> all four conditions', and why.

    A condition holds when its metric is at or above its minimum; it is
    undetermined ('') when the metric is NA. all_four is 'no' as soon as one
    condition fails. fit is 'fits', 'deviant', or 'undetermined' (success class
    unknown, or no condition fails while one cannot be judged)."""
    settings = proposition_settings(settings)
    classes = classes_of(pattern)
    rows = []
    items_of = by_case(framework)
    for case in case_order:
        m = metrics[case]
        items = items_of[case]
        klass = classes.get(case, UNKNOWN)
        row = {"case_id": case, "success_class": klass}
        held, failed, unjudged = [], [], []
        for column, metric_name, key, yes_words, no_words in PROPOSITION_CONDITIONS:
            value = value_of(m, metric_name)
            threshold = settings[key]
            row[metric_name] = math.nan if value is None else value
            if value is None:
                row[column] = ""
                unjudged.append(f"{metric_name} is NA ({m[metric_name].reason})")
            elif at_least(value, threshold):
                row[column] = "yes"
                held.append(yes_words)
            else:
                row[column] = "no"
                failed.append(
                    f"{no_words} ({metric_name} {fmt_float(value)} < {threshold:g}; {_evidence(metric_name, items, m[metric_name])})"
                )
        all_four = "no" if failed else ("" if unjudged else "yes")
        row["all_four"] = all_four
        success = klass == "more_successful"
        if klass == UNKNOWN or all_four == "":
            fit = "undetermined"
            why = f"{case}: cannot be judged: " + "; ".join(
                (["success_class is unknown"] if klass == UNKNOWN else []) + unjudged
            )
        elif success and all_four == "yes":
            fit = "fits"
            why = f"{case} is more_successful and meets all four conditions."
        elif not success and all_four == "no":
            fit = "fits"
            why = f"{case} is {klass} and " + "; ".join(failed) + "."
        elif success:
            fit = "deviant"
            why = (
                f"{case} is more_successful although it "
                + "; ".join(failed)
                + " (success without all four conditions)."
            )
        else:
            fit = "deviant"
            why = f"{case} is {klass} although it meets all four conditions (all four conditions without success)."
        row["fit"] = fit
        row["explanation"] = why
        rows.append(row)
    return pd.DataFrame(rows, columns=PROPOSITION_COLUMNS)


def proposition_markdown(table: pd.DataFrame, settings: dict | None = None) -> str:
    settings = proposition_settings(settings)
    counts = table["fit"].value_counts()
    lines = [
        "# The proposition of section 4.1",
        "",
        "> More successful change programmes understood their contexts, had change theories that held, "
        "fully implemented the activities planned on them, and kept their resources to the end.",
        "",
        "Checked case by case: a case fits when it is more_successful and meets all four conditions, or is "
        "not more_successful and fails at least one; otherwise it is deviant. Conditions (config.yaml `proposition`):",
        "",
    ]
    for column, metric_name, key, _yes_words, _ in PROPOSITION_CONDITIONS:
        lines.append(f"- `{column}`: `{metric_name}` >= {settings[key]:g}")
    lines += [
        "",
        f"fits: {int(counts.get('fits', 0))}; deviant: {int(counts.get('deviant', 0))}; "
        f"undetermined: {int(counts.get('undetermined', 0))} (of {len(table)} cases)",
        "",
    ]
    lines += md_table(csv_ready(table).drop(columns=["explanation"]))
    lines += ["", "## Case by case", ""]
    for record in table.itertuples(index=False):
        lines.append(f"- **{record.fit}** — {md_cell(record.explanation)}")
    lines.append("")
    return "\n".join(lines)

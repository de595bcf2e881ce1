"""Within-case pattern matching: what was assumed (stages 1-3 of the thesis's
Table 4) set against what happened (stages 4-6), one case at a time.

Every function here takes the framework items of ONE case (the rows of the
normalised `framework` table for that case) and never pools items across
cases. Every metric carries its numerator, denominator and the item_ids behind
it, so each figure can be traced back to the workbook rows that produced it.
A metric with nothing to score is NA (``value is None``) with a reason: never 0
and never an exception.

Scoring (config.yaml ``observed_weights``): an anticipated item observed
``full`` scores 1, ``partial`` 0.5, ``none`` 0; ``unknown`` is left out of the
denominator and counted in ``n_unknown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crosscase.common.markdown import escape_cell, pipe_table
from crosscase.common.missing import is_missing
from crosscase.common.text import fmt_float, fmt_int
from crosscase.ingest.contract import FRAMEWORK_CORE

DEFAULT_WEIGHTS = {"full": 1.0, "partial": 0.5, "none": 0.0}
OCCURRED = ("full", "partial")  # experienced / delivered / realised, at least in part
RESOURCES_CATEGORY = "resources"
ITEM_SEPARATOR = ";"

# Ratio metrics (value = numerator / denominator) and count metrics, in output order.
RATIO_METRICS = (
    "fidelity",
    "theory_held",
    "attainment_intermediary",
    "attainment_long_term",
    "resources_maintained",
    "context_foresight",
)
COUNT_METRICS = ("n_unanticipated_context", "n_unplanned_activities", "n_unexpected_outcomes")
METRICS = RATIO_METRICS + COUNT_METRICS
METRIC_COLUMNS = ["metric", "value", "numerator", "denominator", "n_unknown", "item_ids", "reason"]

# Section 3.1's tables: Element rows in the thesis's order, each with the
# summary stage it shows and the framework items that belong under it.
ELEMENTS = (
    ("Context: Understood", "context_understood", "context", "anticipated"),
    ("Context: Experienced", "context_experienced", "context", "occurred"),
    ("Mechanism: Planned", "mechanism_planned", "mechanism", "anticipated"),
    ("Mechanism: Delivered", "mechanism_delivered", "mechanism", "occurred"),
    ("Outcomes: Expected", "outcome_expected", "outcome", "anticipated"),
    ("Outcomes: Realised", "outcome_realised", "outcome", "occurred"),
)
FRAMEWORK_CSV_COLUMNS = ["element", "summary", "item_ids"]
ITEM_COLUMNS = list(FRAMEWORK_CORE)


@dataclass(frozen=True)
class Metric:
    """One pattern-matching figure of one case and the items behind it.

    ``value`` is None when NA, and ``reason`` then says why. For ratio metrics
    ``value == numerator / denominator``; for count metrics ``value`` is the
    number of items in ``item_ids`` and numerator/denominator are None."""

    name: str
    value: float | None
    numerator: float | None
    denominator: int | None
    n_unknown: int = 0
    item_ids: tuple[str, ...] = ()
    unknown_ids: tuple[str, ...] = ()
    reason: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_na(self) -> bool:
        return self.value is None


# --------------------------------------------------------------------------
# item selection (one case's framework rows)


def with_optional(items: pd.DataFrame) -> pd.DataFrame:
    """The items with every optional framework column present ('' when absent or
    blank), so that older workbooks and hand-made frames read the same way."""
    from crosscase.ingest.contract import FRAMEWORK_OPTIONAL

    out = items.copy()
    for column in FRAMEWORK_OPTIONAL:
        if column not in out.columns:
            out[column] = ""
        out[column] = out[column].map(lambda v: "" if is_missing(v) else str(v))
    return out


def link_ids(cell) -> tuple[str, ...]:
    """The item_ids of a ';'-joined links cell."""
    return categories(cell)


def groups(cell) -> list[tuple[str, str]]:
    """A normalised realised_for cell 'g=level; g=level' -> [(g, level), ...]."""
    out = []
    for part in str(cell or "").split(";"):
        if "=" in part:
            group, level = part.rsplit("=", 1)
            out.append((group.strip(), level.strip()))
    return out


def theory_levels(record) -> tuple[str, str]:
    """(adherence, proved_correct) of a change theory; each falls back to
    `observed` when blank (workbooks before the two were kept apart)."""
    observed = record["observed"] if isinstance(record, dict) else record.observed
    get = record.get if isinstance(record, dict) else (lambda k, d="": getattr(record, k, d))
    adherence = get("adherence", "") or observed
    correct = get("proved_correct", "") or observed
    return adherence, correct


def _bool(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def categories(cell) -> tuple[str, ...]:
    """The terms of a ';'-joined category cell ('' or NA -> ())."""
    if is_missing(cell):
        return ()
    return tuple(t.strip() for t in str(cell).split(";") if t.strip())


def has_category(items: pd.DataFrame, term: str) -> pd.Series:
    return items["category"].map(lambda cell: term in categories(cell)).astype(bool)


def anticipated(items: pd.DataFrame) -> pd.DataFrame:
    return items[_bool(items["anticipated"])]


def of_facet(items: pd.DataFrame, facet: str) -> pd.DataFrame:
    return items[items["facet"] == facet]


def of_stage(items: pd.DataFrame, stage: str) -> pd.DataFrame:
    return items[items["stage"] == stage]


def occurred(items: pd.DataFrame) -> pd.DataFrame:
    """Items experienced / delivered / realised at least in part (full or partial)."""
    return items[items["observed"].isin(OCCURRED)]


def unanticipated_occurred(items: pd.DataFrame) -> pd.DataFrame:
    """Observed full/partial although not anticipated."""
    return items[~_bool(items["anticipated"]) & items["observed"].isin(OCCURRED)]


def not_kept(items: pd.DataFrame) -> pd.DataFrame:
    """Anticipated items observed only partially or not at all."""
    return anticipated(items)[lambda f: f["observed"].isin(("partial", "none"))]


def ids(items: pd.DataFrame) -> tuple[str, ...]:
    return tuple(items["item_id"].tolist())


# --------------------------------------------------------------------------
# scoring


def score_items(items: pd.DataFrame, weights: dict | None = None, name: str = "score", what: str = "items") -> Metric:
    """Weighted share of `items` observed: sum of weights / number scored.

    `items` are already selected (e.g. the anticipated change activities of one
    case). Observed levels with a weight are scored; every other level
    (``unknown``) is left out of the denominator and counted in n_unknown.
    Nothing to score gives NA with a reason naming `what`."""
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    scored = items[items["observed"].isin(tuple(weights))]
    unknown = items[~items["observed"].isin(tuple(weights))]
    numerator = float(sum(weights[level] for level in scored["observed"]))
    denominator = int(len(scored))
    if denominator == 0:
        if len(unknown):
            reason = f"all {len(unknown)} {what} have observed 'unknown'"
        else:
            reason = f"no {what}"
        return Metric(name, None, None, None, len(unknown), (), ids(unknown), reason)
    return Metric(name, numerator / denominator, numerator, denominator, len(unknown), ids(scored), ids(unknown))


def context_foresight(items: pd.DataFrame) -> Metric:
    """Share of the experienced context factors (observed full/partial) that
    had been anticipated; the unanticipated ones are in extra['unanticipated'].
    Context items observed 'unknown' are counted in n_unknown."""
    context = of_stage(items, "context")
    experienced = occurred(context)
    unknown = context[context["observed"] == "unknown"]
    if experienced.empty:
        reason = "no context factor was observed full or partial"
        return Metric("context_foresight", None, None, None, len(unknown), (), ids(unknown), reason)
    foreseen = anticipated(experienced)
    return Metric(
        "context_foresight",
        len(foreseen) / len(experienced),
        float(len(foreseen)),
        int(len(experienced)),
        len(unknown),
        ids(experienced),
        ids(unknown),
        extra={"unanticipated": ids(unanticipated_occurred(context))},
    )


def count_metric(name: str, items: pd.DataFrame) -> Metric:
    return Metric(name, float(len(items)), None, None, 0, ids(items))


def case_metrics(items: pd.DataFrame, weights: dict | None = None) -> dict[str, Metric]:
    """Every metric of one case, keyed by name, in METRICS order."""
    planned = anticipated(items)
    metrics = {
        "fidelity": score_items(
            of_facet(planned, "change_activity"),
            weights,
            "fidelity",
            "planned change activities (anticipated change_activity items)",
        ),
        "theory_held": score_items(
            of_facet(planned, "change_theory"),
            weights,
            "theory_held",
            "planned change theories (anticipated change_theory items)",
        ),
        "attainment_intermediary": score_items(
            of_facet(of_stage(planned, "outcome"), "intermediary"),
            weights,
            "attainment_intermediary",
            "expected intermediary outcomes (anticipated outcome items, facet intermediary)",
        ),
        "attainment_long_term": score_items(
            of_facet(of_stage(planned, "outcome"), "long_term"),
            weights,
            "attainment_long_term",
            "expected long-term outcomes (anticipated outcome items, facet long_term)",
        ),
        "resources_maintained": score_items(
            planned[has_category(planned, RESOURCES_CATEGORY)],
            weights,
            "resources_maintained",
            f"anticipated items with category '{RESOURCES_CATEGORY}'",
        ),
        "context_foresight": context_foresight(items),
        "n_unanticipated_context": count_metric(
            "n_unanticipated_context", unanticipated_occurred(of_stage(items, "context"))
        ),
        "n_unplanned_activities": count_metric(
            "n_unplanned_activities", unanticipated_occurred(of_facet(items, "change_activity"))
        ),
        "n_unexpected_outcomes": count_metric(
            "n_unexpected_outcomes", unanticipated_occurred(of_stage(items, "outcome"))
        ),
    }
    return {name: metrics[name] for name in METRICS}


# --------------------------------------------------------------------------
# output tables


def metrics_table(metrics: dict[str, Metric]) -> pd.DataFrame:
    """metrics.csv: metric, value, numerator, denominator, n_unknown, item_ids, reason.

    Ratios are written with four decimals and counts as whole numbers; NA is an
    empty cell with the reason beside it. item_ids are the scored items (for
    counts: the items counted), ';'-separated; unknown ones are named in reason."""
    rows = []
    for name, m in metrics.items():
        reason = m.reason
        if m.unknown_ids and not m.is_na:
            reason = f"{m.n_unknown} item(s) observed 'unknown' left out: {ITEM_SEPARATOR.join(m.unknown_ids)}"
        elif m.unknown_ids:
            reason = f"{reason}: {ITEM_SEPARATOR.join(m.unknown_ids)}"
        rows.append(
            {
                "metric": name,
                "value": fmt_int(m.value) if name in COUNT_METRICS else fmt_float(m.value),
                "numerator": fmt_float(m.numerator),
                "denominator": fmt_int(m.denominator),
                "n_unknown": str(m.n_unknown),
                "item_ids": ITEM_SEPARATOR.join(m.item_ids),
                "reason": reason,
            }
        )
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


# The typed twin of metrics.csv: full precision, ids as lists, read by every
# cross-case step so that no consumer re-parses rounded text.
def metrics_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("metric", pa.string()),
            ("value", pa.float64()),
            ("numerator", pa.float64()),
            ("denominator", pa.int64()),
            ("n_unknown", pa.int64()),
            ("item_ids", pa.list_(pa.string())),
            ("unknown_ids", pa.list_(pa.string())),
            ("unanticipated_ids", pa.list_(pa.string())),
            ("reason", pa.string()),
        ]
    )


def metrics_records(metrics: dict[str, Metric]) -> pd.DataFrame:
    """One case's metrics as typed rows (the Parquet dataset `case_metrics`)."""
    rows = [
        {
            "metric": m.name,
            "value": m.value,
            "numerator": m.numerator,
            "denominator": m.denominator,
            "n_unknown": m.n_unknown,
            "item_ids": list(m.item_ids),
            "unknown_ids": list(m.unknown_ids),
            "unanticipated_ids": list(m.extra.get("unanticipated", ())),
            "reason": m.reason,
        }
        for m in metrics.values()
    ]
    return pd.DataFrame(rows, columns=metrics_schema().names)


def metrics_from_records(frame: pd.DataFrame, case_order: list[str]) -> dict[str, dict[str, Metric]]:
    """{case_id: {metric: Metric}} from the `case_metrics` dataset (case_id column
    from the partition), cases in `case_order`; the inverse of metrics_records."""

    def nullable(value, kind):
        return None if is_missing(value) else kind(value)

    result: dict[str, dict[str, Metric]] = {case: {} for case in case_order}
    for row in frame.itertuples(index=False):
        if row.case_id not in result:
            continue
        extra = {"unanticipated": tuple(row.unanticipated_ids)} if row.metric == "context_foresight" else {}
        result[row.case_id][row.metric] = Metric(
            row.metric,
            nullable(row.value, float),
            nullable(row.numerator, float),
            nullable(row.denominator, int),
            int(row.n_unknown),
            tuple(row.item_ids),
            tuple(row.unknown_ids),
            row.reason or "",
            extra=extra,
        )
    return result


def element_items(items: pd.DataFrame, stage: str, selector: str) -> pd.DataFrame:
    staged = of_stage(items, stage)
    return anticipated(staged) if selector == "anticipated" else occurred(staged)


def framework_table(summary: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Section 3.1's table of one case: element, summary, item_ids.

    Rows in the thesis's order. item_ids are the framework items behind each
    element: anticipated items for Understood / Planned / Expected, items
    observed full or partial for Experienced / Delivered / Realised."""
    texts = dict(zip(summary["stage"], summary["text"]))
    rows = []
    for element, stage_key, stage, selector in ELEMENTS:
        text = texts.get(stage_key)
        rows.append(
            {
                "element": element,
                "summary": "" if is_missing(text) else str(text),
                "item_ids": ITEM_SEPARATOR.join(ids(element_items(items, stage, selector))),
            }
        )
    return pd.DataFrame(rows, columns=FRAMEWORK_CSV_COLUMNS)


def _shown(value):
    """Booleans read as yes/no on a page."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    return value


def md_cell(value) -> str:
    """A value as one Markdown table cell."""
    return escape_cell(_shown(value))


def md_table(frame: pd.DataFrame, columns: list[str] | None = None, headers: list[str] | None = None) -> list[str]:
    columns = list(frame.columns) if columns is None else columns
    headers = columns if headers is None else headers
    rows = [[_shown(v) for v in record] for record in frame[columns].itertuples(index=False)]
    return pipe_table(headers, rows)


def framework_markdown(
    case_id: str, title: str, summary: pd.DataFrame, items: pd.DataFrame, metrics: dict[str, Metric]
) -> str:
    """framework.md: the section 3.1 table, the framework items, the metrics."""
    table = framework_table(summary, items)
    lines = [f"# {case_id}: {md_cell(title)}" if title else f"# {case_id}", ""]
    lines += md_table(table, ["element", "summary"], ["Element", "Summary"])
    lines += ["", "## Framework items", ""]
    lines += [
        "Items behind each element: Understood / Planned / Expected list the anticipated items; "
        "Experienced / Delivered / Realised the items observed full or partial.",
        "",
    ]
    lines += md_table(table, ["element", "item_ids"], ["Element", "item_ids"])
    lines.append("")
    listed = items.reindex(columns=ITEM_COLUMNS).copy()
    lines += md_table(listed, ITEM_COLUMNS)
    lines += ["", "## Pattern-matching metrics", ""]
    lines += md_table(metrics_table(metrics))
    lines.append("")
    return "\n".join(lines)


def by_case(framework: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each case's framework rows, split once (workbook order kept), so that a
    loop over cases costs one pass over the dataset, not one filter per case."""
    empty = framework.iloc[0:0]
    split = {case: rows for case, rows in framework.groupby("case_id", sort=False)}
    return _CaseRows(split, empty)


class _CaseRows(dict):
    """by_case's result: a case with no rows gets an empty frame of the same columns."""

    def __init__(self, split, empty):
        super().__init__(split)
        self.empty = empty

    def __missing__(self, case):
        return self.empty

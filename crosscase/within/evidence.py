"""Per-case evidence analyses, the mixed-methods joint display, and the
cross-case comparison tables.

Nothing here pools rows across cases: every statistic is computed on one
case's rows (`case_analyses`, or a loop over cases that calls the same
within-case functions); the cross-case tables set the case-level results side
by side, with the ids (segment_ids, item ids, indicator names) behind each
figure.

Citations. A framework item's ``evidence`` cell is free text; parts of it
separated by ``;`` (or new lines) of the form ``survey:ITEM``, ``code:CODE`` or
``indicator:NAME`` are citations of the case's own data. ``survey:`` names an
item_id, or else a construct. Each citation is resolved against the case's
tables; its ``status`` is ``resolved``, ``no_data`` (the item, code or
indicator exists but has no responses, segments or values) or ``dangling``
(nothing of that name in this case). An item without any citation gets one
row with status ``no_citation``; its free text stays in ``evidence_note``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from crosscase.common.missing import is_missing
from crosscase.ingest.contract import FRAMEWORK_CORE, SCHEMAS
from crosscase.within.agreement import coding_agreement, rating_agreement
from crosscase.within.interviews import codes_by_role, cooccurrence, theme_table, themes_by
from crosscase.within.secondary import COLUMNS as INDICATOR_COLUMNS
from crosscase.within.secondary import indicator_summary
from crosscase.within.survey import (
    COUNT_COLUMNS,
    construct_scores,
    construct_summary,
    item_summary,
    scored,
    survey_tests,
)

CASE_RESULT_TABLES = (
    "survey_items",
    "survey_constructs",
    "survey_tests",
    "themes",
    "themes_by_question",
    "themes_by_cycle",
    "codes_by_role",
    "code_cooccurrence",
    "coding_agreement",
    "rating_agreement",
    "indicators",
    "joint_display",
)
CASE_INPUT_TABLES = (
    "framework",
    "survey_items",
    "survey_responses",
    "codebook",
    "segments",
    "questions",
    "ratings",
    "indicators",
)
CITATION = re.compile(r"^\s*(survey|code|indicator)\s*:\s*(.+?)\s*$", re.IGNORECASE)
# the framework item as written (its columns up to `observed`), then what its evidence says
JOINT_COLUMNS = [
    *FRAMEWORK_CORE[: FRAMEWORK_CORE.index("observed") + 1],
    "citation",
    "status",
    "finding",
    "trace",
    "evidence_note",
]
THEMES_BY_CASE_COLUMNS = [
    "code",
    "case_id",
    "in_codebook",
    "segments",
    "sources",
    "participants",
    "groups",
    "segment_ids",
]
SURVEY_BY_CASE_COLUMNS = [
    "case_id",
    "item",
    "construct",
    "n",
    "mean_pre",
    "mean_post",
    "n_pairs",
    "statistic",
    "p_value",
    "effect_r",
    "test",
    "wave_pre",
    "wave_post",
]


def read_case_table(path: str | Path, name: str) -> pd.DataFrame:
    """One case's normalised table (its own Parquet file only)."""
    return pq.read_table(path, schema=SCHEMAS[name]).to_pandas()


# --------------------------------------------------------------------------
# citations and the joint display


def parse_evidence(cell) -> tuple[list[tuple[str, str]], str]:
    """(kind, name) citations and the remaining free text of an evidence cell."""
    if is_missing(cell):
        return [], ""
    citations, notes = [], []
    for part in re.split(r"[;\n]", str(cell)):
        match = CITATION.match(part)
        if match:
            citations.append((match.group(1).lower(), match.group(2)))
        elif part.strip():
            notes.append(part.strip())
    return citations, "; ".join(notes)


def fmt(value) -> str:
    if is_missing(value):
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def survey_finding(row: pd.Series) -> str:
    if row["test"] == "":
        if not isinstance(row["wave_pre"], str) or not row["wave_pre"]:
            return f"mean {fmt(row['mean_post'])} (n {row['n']}, single wave)"
        return (
            f"{row['wave_pre']} {fmt(row['mean_pre'])} -> {row['wave_post']} {fmt(row['mean_post'])} "
            "(asked in one wave only: not tested)"
        )
    text = f"{row['wave_pre']} {fmt(row['mean_pre'])} -> {row['wave_post']} {fmt(row['mean_post'])}"
    if row["test"] == "wilcoxon":
        text += f"; Wilcoxon T={fmt(row['statistic'])}, n_pairs={row['n_pairs']}"
    else:
        text += f"; Mann-Whitney U={fmt(row['statistic'])}, n={row['n_pre']}+{row['n_post']}"
    return text + f", p={fmt(row['p_value'])}, r={fmt(row['effect_r'])}"


def resolve_survey(name: str, items: pd.DataFrame, tests: pd.DataFrame) -> tuple[str, str, str]:
    if name in set(items["item_id"]):
        row = tests[(tests["level"] == "item") & (tests["item"] == name)].iloc[0]
        construct = items.loc[items["item_id"] == name, "construct"].iloc[0]
        trace = f"item {name}" + (f" (construct {construct})" if construct else "") + f"; {row['n']} respondents"
    elif name in set(items["construct"]) - {""}:
        row = tests[(tests["level"] == "construct") & (tests["construct"] == name)].iloc[0]
        trace = f"construct {name}: items {';'.join(items.loc[items['construct'] == name, 'item_id'])}; {row['n']} respondents"
    else:
        return "dangling", "no survey item or construct of this name in this case", ""
    if row["n"] == 0:
        return "no_data", "no responses", trace
    return "resolved", survey_finding(row), trace


def resolve_code(name: str, themes: pd.DataFrame) -> tuple[str, str, str]:
    found = themes[themes["code"] == name]
    if found.empty:
        return "dangling", "no code of this name in this case's codebook", ""
    row = found.iloc[0]
    if row["segments"] == 0:
        return "no_data", "code in the codebook but no coded segments", ""
    finding = (
        f"{row['segments']} segments in {row['sources']} sources; {row['groups']} groups, "
        f"{row['individuals']} individuals, emphasis {row['emphasis']}; theme rank {row['rank']} of {len(themes)}"
    )
    return "resolved", finding, f"segments {row['segment_ids']}"


def resolve_indicator(name: str, summary: pd.DataFrame) -> tuple[str, str, str]:
    found = summary[summary["indicator"] == name]
    if found.empty:
        return "dangling", "no indicator of this name in this case's secondary data", ""
    row = found.iloc[0]
    unit = f" {row['unit']}" if row["unit"] else ""
    finding = f"{row['latest_period']}: {fmt(row['latest_value'])}{unit}"
    if not pd.isna(row["target"]):
        finding += f" (target {fmt(row['target'])}, {row['direction']} is better: met {row['target_met']}, attainment {fmt(row['attainment'])})"
    if row["periods"] > 1:
        finding += f"; {row['first_period']} {fmt(row['first_value'])} -> change {fmt(row['change'])}"
        finding += f" ({row['trend']})" if row["trend"] else ""
    trace = f"indicator {name}: {row['periods']} periods {row['first_period']}..{row['latest_period']}"
    if row["source"]:
        trace += f"; source {row['source']}"
    return "resolved", finding, trace


def joint_display(
    framework: pd.DataFrame, items: pd.DataFrame, tests: pd.DataFrame, themes: pd.DataFrame, indicators: pd.DataFrame
) -> pd.DataFrame:
    """Each framework item beside the evidence its citations point at."""
    rows = []
    for item in framework.itertuples(index=False):
        base = {
            "item_id": item.item_id,
            "stage": item.stage,
            "facet": item.facet,
            "category": item.category,
            "description": item.description,
            "anticipated": "yes" if item.anticipated else "no",
            "observed": item.observed,
        }
        citations, note = parse_evidence(item.evidence)
        if not citations:
            rows.append(
                {**base, "citation": "", "status": "no_citation", "finding": "", "trace": "", "evidence_note": note}
            )
        for kind, name in citations:
            if kind == "survey":
                status, finding, trace = resolve_survey(name, items, tests)
            elif kind == "code":
                status, finding, trace = resolve_code(name, themes)
            else:
                status, finding, trace = resolve_indicator(name, indicators)
            rows.append(
                {
                    **base,
                    "citation": f"{kind}:{name}",
                    "status": status,
                    "finding": finding,
                    "trace": trace,
                    "evidence_note": note,
                }
            )
    return pd.DataFrame(rows, columns=JOINT_COLUMNS)


def dangling_citations(display: pd.DataFrame) -> pd.DataFrame:
    return display[display["status"] == "dangling"]


# --------------------------------------------------------------------------
# one case


def case_analyses(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every within-case analysis of one case's normalised tables."""
    items, responses = tables["survey_items"], tables["survey_responses"]
    codebook, segments = tables["codebook"], tables["segments"]
    # the scored responses and construct scores, computed once for the three survey tables
    frame = scored(items, responses)
    scores = construct_scores(items, responses, frame)
    tests = survey_tests(items, responses, frame, scores)
    themes = theme_table(codebook, segments)
    indicators = indicator_summary(tables["indicators"])
    return {
        "survey_items": item_summary(items, responses, frame),
        "survey_constructs": construct_summary(items, responses, frame, scores),
        "survey_tests": tests,
        "themes": themes,
        "themes_by_question": themes_by(codebook, segments, "question", tables.get("questions")),
        "themes_by_cycle": themes_by(codebook, segments, "cycle"),
        "codes_by_role": codes_by_role(codebook, segments),
        "code_cooccurrence": cooccurrence(codebook, segments),
        "coding_agreement": coding_agreement(segments),
        "rating_agreement": rating_agreement(tables["framework"], tables.get("ratings")),
        "indicators": indicators,
        "joint_display": joint_display(tables["framework"], items, tests, themes, indicators),
    }


# --------------------------------------------------------------------------
# across cases: case-level results side by side


def case_splitter(frame: pd.DataFrame):
    """A function case_id -> that case's rows (case_id dropped, index reset, in
    table order; none for a case without rows), after one pass over the whole
    table: the cross-case loops stay linear in the cases."""
    groups = dict(iter(frame.groupby("case_id", sort=False))) if len(frame) else {}
    empty = frame.iloc[0:0]

    def one(case_id: str) -> pd.DataFrame:
        return groups.get(case_id, empty).drop(columns="case_id").reset_index(drop=True)

    return one


def themes_by_case(codebook: pd.DataFrame, segments: pd.DataFrame, case_order: list[str]) -> pd.DataFrame:
    """Framework matrix in long form: every code (in order of first use across
    the cases) x every case, with the segment_ids behind each cell."""
    codebook_of, segments_of = case_splitter(codebook), case_splitter(segments)
    tables = {case: (codebook_of(case), segments_of(case)) for case in case_order}
    codes = list(
        dict.fromkeys(code for case in case_order for code in [*tables[case][0]["code"], *tables[case][1]["code"]])
    )
    per_case = {
        case: (set(book["code"]), theme_table(book, coded).set_index("code")) for case, (book, coded) in tables.items()
    }
    rows = []
    for code in codes:
        for case in case_order:
            in_codebook, themes = per_case[case]
            if code in themes.index:
                row = themes.loc[code]
                cell = {k: int(row[k]) for k in ("segments", "sources", "participants", "groups")}
                cell["segment_ids"] = row["segment_ids"]
            else:
                cell = {"segments": 0, "sources": 0, "participants": 0, "groups": 0, "segment_ids": ""}
            rows.append({"code": code, "case_id": case, "in_codebook": "yes" if code in in_codebook else "no", **cell})
    return pd.DataFrame(rows, columns=THEMES_BY_CASE_COLUMNS)


def agreement_by_case(tables: dict[str, pd.DataFrame], case_order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each case's own coding and rating agreement, side by side (case_id first);
    only cases with two or more coders or raters have rows."""
    from crosscase.within.agreement import CODING_COLUMNS, RATING_COLUMNS

    coding, rating = [], []
    segments_of, framework_of, ratings_of = (
        case_splitter(tables[name]) for name in ("segments", "framework", "ratings")
    )
    for case in case_order:
        table = coding_agreement(segments_of(case))
        if len(table):
            coding.append(table.assign(case_id=case))
        table = rating_agreement(framework_of(case), ratings_of(case))
        if len(table):
            rating.append(table.assign(case_id=case))

    def stack(parts, columns):
        if not parts:
            return pd.DataFrame(columns=["case_id", *columns])
        return pd.concat(parts, ignore_index=True)[["case_id", *columns]]

    return stack(coding, CODING_COLUMNS), stack(rating, RATING_COLUMNS)


def survey_by_case(items: pd.DataFrame, responses: pd.DataFrame, case_order: list[str]) -> pd.DataFrame:
    """Each case's own item and construct comparisons, one row per case and item
    or construct (construct rows have a blank `item`). Tests never pool cases."""
    parts = []
    items_of, responses_of = case_splitter(items), case_splitter(responses)
    for case in case_order:
        tests = survey_tests(items_of(case), responses_of(case))
        if len(tests):
            tests.insert(0, "case_id", case)
            parts.append(tests)
    if not parts:
        return pd.DataFrame(columns=SURVEY_BY_CASE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[SURVEY_BY_CASE_COLUMNS]


def survey_by_case_from_tests(tests: pd.DataFrame) -> pd.DataFrame:
    """survey_by_case from each case's own survey_tests rows, computed in its
    batch job and read as one dataset (case_id first, cases.tsv order): the
    same table, with no test run again. Counts are whole numbers, blank where
    absent (a dataset read gives them as floats)."""
    if not len(tests):
        return pd.DataFrame(columns=SURVEY_BY_CASE_COLUMNS)
    table = tests[SURVEY_BY_CASE_COLUMNS].reset_index(drop=True)
    for column in COUNT_COLUMNS:
        if column in table.columns:
            table[column] = table[column].astype("Int64")
    return table


def indicators_by_case_from_summaries(summaries: pd.DataFrame) -> pd.DataFrame:
    """indicators_by_case from each case's own indicator summary rows, computed
    in its batch job and read as one dataset (case_id first, cases.tsv order):
    the same table, with no summary computed again."""
    return summaries[["case_id", *INDICATOR_COLUMNS]].reset_index(drop=True)


def indicators_by_case(indicators: pd.DataFrame, case_order: list[str]) -> pd.DataFrame:
    parts = []
    indicators_of = case_splitter(indicators)
    for case in case_order:
        summary = indicator_summary(indicators_of(case))
        if len(summary):
            summary.insert(0, "case_id", case)
            parts.append(summary)
    if not parts:
        return pd.DataFrame(columns=["case_id", *INDICATOR_COLUMNS])
    return pd.concat(parts, ignore_index=True)

"""Human labels for the tables people read: the workbook, the Markdown and the
HTML report show ``Success class`` and ``More successful`` where the CSV and
Parquet files keep ``success_class`` and ``more_successful``.

* Columns: an explicit label where a plain rewording would be wrong or vague
  (``cohens_kappa`` -> ``Cohen's kappa``, ``attainment_intermediary`` ->
  ``Attainment (intermediary outcomes)``); Table 2's ``dimension.attribute``
  as ``Dimension: attribute``; names in capitals (QCA conditions) and names
  that are already text (``Context: Understood``) as they are; any other
  snake_case name in sentence case (``segment_ids`` -> ``Segment ids``).
* Values: only in the columns that hold machine names (codes, categories,
  classes, stages, roles; :data:`VALUE_COLUMNS`), and only values that look
  like one (lower case, digits and underscores): an explicit label, else
  sentence case. ``;``-separated lists are labelled term by term. Free text,
  ids and numbers are never touched.
"""

from __future__ import annotations

import re

import pandas as pd

COLUMN_LABELS = {
    "case_id": "Case",
    "item_id": "Item",
    "item_ids": "Items",
    "segment_ids": "Segments (ids)",
    "quote_segment_ids": "Quoted segments (ids)",
    "source_ids": "Sources (ids)",
    "group_ids": "Groups (ids)",
    "disagreement_item_ids": "Items rated differently",
    "n": "n",
    "sd": "SD",
    "p_value": "p",
    "effect_r": "Effect size r",
    "n_pre": "n before",
    "n_post": "n after",
    "mean_pre": "Mean before",
    "mean_post": "Mean after",
    "wave_pre": "Wave before",
    "wave_post": "Wave after",
    "n_pairs": "Matched pairs",
    "cohens_kappa": "Cohen's kappa",
    "krippendorff_alpha": "Krippendorff's alpha",
    "percent_agreement": "Percent agreement",
    "first_only": "First coder only",
    "second_only": "Second coder only",
    "both_applied": "Both coders",
    "neither": "Neither coder",
    "attainment_intermediary": "Attainment (intermediary outcomes)",
    "attainment_long_term": "Attainment (long-term outcomes)",
    "context_foresight": "Context foresight",
    "theory_held": "Change theory held",
    "resources_maintained": "Resources maintained",
    "success_class": "Success class",
    "reported_success": "Success reported by the study",
    "agrees_with_reported": "Agrees with the reported success",
    "instigator_level": "Instigator level",
    "change_through": "Managed change through",
    "tt_row": "Truth-table row",
    "row": "Truth-table row",
    "incl": "Consistency (incl)",
    "cov": "Coverage (cov)",
    "cov_unique": "Unique coverage",
    "inclN": "Consistency of necessity",
    "RoN": "Relevance of necessity",
    "covN": "Coverage of necessity",
    "validation_score": "Validation score (combined)",
    "score_rank": "Rank by combined score",
    "rank": "Rank (groups, individuals, emphasis)",
    "summary_written": "Summary written",
    "in_codebook": "In the codebook",
    "n_unknown": "Unknown (left out)",
    "question_text": "Question asked",
    "moderator_note": "Moderator's note",
}
VALUE_LABELS = {
    "more_successful": "More successful",
    "largely_failed": "Largely failed",
    "mixed": "Mixed",
    "focus_group": "Focus group",
    "context_understood": "Context: understood",
    "context_experienced": "Context: experienced",
    "mechanism_planned": "Mechanism: planned",
    "mechanism_delivered": "Mechanism: delivered",
    "outcome_expected": "Outcomes: expected",
    "outcome_realised": "Outcomes: realised",
    "change_theory": "Change theory",
    "change_activity": "Change activity",
    "long_term": "Long-term",
    "no_citation": "No citation",
    "no_data": "No data",
    "mann_whitney": "Mann-Whitney U",
    "wilcoxon": "Wilcoxon signed-rank",
    "attainment_intermediary": "Attainment (intermediary outcomes)",
    "attainment_long_term": "Attainment (long-term outcomes)",
}
# Columns whose values are machine names (vocabulary terms, codes, classes).
VALUE_COLUMNS = {
    "code",
    "code_a",
    "code_b",
    "parent",
    "codes",
    "category",
    "categories",
    "stage",
    "facet",
    "observed",
    "success_class",
    "success_classes",
    "reported_success",
    "instigator_level",
    "source_type",
    "participant_role",
    "status",
    "test",
    "metric",
    "judgement",
    "method",
    "dimension",
    "attribute",
    "construct",
    "direction",
    "trend",
    "beneficiary",
    "element",
    "scope",
    "kind",
    "level",
}
_MACHINE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_DOTTED = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")


def sentence(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def column_label(name) -> str:
    name = str(name)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    dotted = _DOTTED.match(name)
    if dotted:
        return f"{sentence(dotted.group(1))}: {dotted.group(2).replace('_', ' ')}"
    if _SNAKE.match(name):
        return sentence(name)
    return name


def value_label(value):
    if not isinstance(value, str) or not value:
        return value
    if ";" in value:
        parts = [p.strip() for p in value.split(";")]
        if all(_MACHINE.match(p) for p in parts if p):
            return "; ".join(value_label(p) for p in parts)
        return value
    if not _MACHINE.match(value):
        return value
    return VALUE_LABELS.get(value, sentence(value))


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with human column labels and value labels (module docstring)."""
    if frame is None or len(frame.columns) == 0:
        return frame
    result = frame.copy()
    for column in result.columns:
        if str(column) in VALUE_COLUMNS:
            result[column] = result[column].map(value_label)
    labels = [column_label(c) for c in result.columns]
    # two machine names may share a label; keep both columns apart
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    result.columns = unique
    return result

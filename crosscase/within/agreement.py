"""Inter-coder and inter-rater agreement within one case.

Coding agreement (two or more people coded the same sources)
------------------------------------------------------------
Only sources with codings by at least two coders (the ``coder`` column, or
REFI-QDA's ``creatingUser`` of each coding) are compared.

*Unit.* The unit of agreement is a **passage** of one source:

* with character offsets (``start``/``end``, from a REFI-QDA project), the
  codings of all coders whose spans overlap (share at least one character)
  form one passage (overlap is followed transitively, so a chain of
  overlapping selections is one passage);
* without offsets (the interviews workbook), the codings whose ``text`` is the
  same after collapsing whitespace form one passage: coders code the same
  pre-segmented passages.

For each passage, each coder of its source either applied a code there or not
(a coder who coded nothing in a passage applied no code to it). The codes
compared are every code applied in a compared source.

*Per code*: over the passages, the yes/no decisions of the coders:
``percent_agreement`` (passages where every coder made the same decision),
Cohen's kappa (statsmodels ``cohens_kappa``; exactly two coders only) and
Krippendorff's alpha, nominal (the ``krippendorff`` package; any number of
coders, missing decisions allowed). *Overall*: the same over every
(passage, code) decision of the case stacked together (pooled kappa, De Vries
et al. 2008); per-code figures are never averaged. A coefficient that is
undefined (every decision the same: no variation to agree on) is blank, with a
note.

Rating agreement (framework judgements)
----------------------------------------
Rater 1 is the framework sheet of case.xlsx; further raters are in
ratings.xlsx (one row per item and rater). ``anticipated`` is compared as a
nominal yes/no judgement (Cohen's kappa unweighted, alpha nominal);
``observed`` on its ordinal scale none < partial < full (``unknown`` is no
judgement: missing), with Cohen's kappa linearly weighted and Krippendorff's
alpha ordinal. Only items rated by at least two raters count.

Nothing here pools cases: each call is one case's rows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

OVERALL = "(all codes)"
CODING_COLUMNS = [
    "code",
    "coders",
    "sources",
    "units",
    "agreements",
    "percent_agreement",
    "cohens_kappa",
    "krippendorff_alpha",
    "both_applied",
    "first_only",
    "second_only",
    "neither",
    "note",
    "source_ids",
    "segment_ids",
]
RATING_COLUMNS = [
    "judgement",
    "level",
    "raters",
    "items",
    "agreements",
    "percent_agreement",
    "cohens_kappa",
    "krippendorff_alpha",
    "note",
    "disagreement_item_ids",
    "item_ids",
]
ORDINAL_OBSERVED = {"none": 0, "partial": 1, "full": 2}
FIRST_RATER = "case.xlsx"
UNDEFINED = "undefined: every decision is the same, so there is no variation to agree on"


def _round(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else round(float(value), 4)


def cohen_kappa(first: list, second: list, categories: list, weights: str | None = None) -> float | None:
    """Cohen's kappa of two raters' paired values (statsmodels), or None when
    undefined. `weights` None (unweighted) or 'linear' (ordered categories)."""
    from statsmodels.stats.inter_rater import cohens_kappa

    index = {c: i for i, c in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for a, b in zip(first, second):
        table[index[a], index[b]] += 1
    if not table.sum():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = cohens_kappa(table, wt=weights) if weights else cohens_kappa(table)
    kappa = float(result.kappa)
    return None if np.isnan(kappa) else kappa


def krippendorff_alpha(data: list[list], level: str, domain: list | None = None) -> float | None:
    """Krippendorff's alpha (coders x units, np.nan = missing), or None when
    undefined (fewer than two distinct values, or no pairable unit)."""
    import krippendorff

    matrix = np.array(data, dtype=float)
    values = matrix[~np.isnan(matrix)]
    pairable = (np.sum(~np.isnan(matrix), axis=0) >= 2).any() if matrix.size else False
    if len(np.unique(values)) < 2 or not pairable:
        return None
    kwargs = {"value_domain": domain} if domain is not None else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alpha = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level, **kwargs))
    return None if np.isnan(alpha) else alpha


# ---------------------------------------------------------------------------
# coding agreement


def _passage_text(text) -> str:
    return " ".join(str(text or "").split())


def passages(segments: pd.DataFrame) -> pd.Series:
    """A passage id for every segment row of one source (see the module docstring)."""
    ids = pd.Series(index=segments.index, dtype=object)
    if "start" in segments:
        has_span = segments["start"].notna() & segments["end"].notna()
    else:
        has_span = pd.Series(False, index=segments.index)
    spans = segments[has_span].sort_values(["start", "end"], kind="stable")
    group, reach = -1, None
    for index, row in spans.iterrows():
        start, end = int(row["start"]), int(row["end"])
        if reach is None or start >= reach:
            group += 1
            reach = end
        else:
            reach = max(reach, end)
        ids[index] = f"span:{group}"
    texts = {}
    for index, row in segments[~has_span].iterrows():
        key = _passage_text(row["text"])
        ids[index] = texts.setdefault(key, f"text:{len(texts)}")
    return ids


def coding_units(segments: pd.DataFrame) -> tuple[list[str], list[tuple], dict]:
    """The coders, the units (source_id, passage) of the compared sources, and
    {(unit, coder): set of codes}. Coders in order of first appearance."""
    coded = segments[segments["coder"] != ""] if "coder" in segments else segments.iloc[0:0]
    coders_of = coded.groupby("source_id", sort=False)["coder"].unique()
    compared = [source for source, coders in coders_of.items() if len(coders) >= 2]
    part = coded[coded["source_id"].isin(compared)]
    coders = list(dict.fromkeys(part["coder"]))
    applied: dict = {}
    units: list[tuple] = []
    for source in compared:
        rows = part[part["source_id"] == source]
        ids = passages(rows)
        for passage in dict.fromkeys(ids):
            units.append((source, passage))
        for index, row in rows.iterrows():
            applied.setdefault(((source, ids[index]), row["coder"]), set()).add(row["code"])
        for coder in coders_of[source]:
            for passage in dict.fromkeys(ids):
                applied.setdefault(((source, passage), coder), set())
    return coders, units, applied


def _decisions(coders, units, applied, code) -> list[list]:
    """coders x units: 1 applied, 0 not applied, nan did not code that source."""
    return [
        [(1.0 if code in applied[(unit, coder)] else 0.0) if (unit, coder) in applied else np.nan for unit in units]
        for coder in coders
    ]


def _agreement_row(code: str, matrix: list[list], coders: list[str]) -> dict:
    data = np.array(matrix, dtype=float)
    pairable = np.sum(~np.isnan(data), axis=0) >= 2
    columns = [data[~np.isnan(data[:, j]), j] for j in range(data.shape[1]) if pairable[j]]
    agreements = sum(1 for values in columns if len(set(values)) == 1)
    row = {
        "code": code,
        "coders": ";".join(coders),
        "units": len(columns),
        "agreements": agreements,
        "percent_agreement": _round(agreements / len(columns)) if columns else None,
        "note": "",
    }
    alpha = krippendorff_alpha(matrix, "nominal") if columns else None
    row["krippendorff_alpha"] = _round(alpha)
    row.update({"both_applied": None, "first_only": None, "second_only": None, "neither": None, "cohens_kappa": None})
    if len(coders) == 2 and columns:
        pairs = [(a, b) for a, b in zip(data[0], data[1]) if not (np.isnan(a) or np.isnan(b))]
        first, second = [int(a) for a, _ in pairs], [int(b) for _, b in pairs]
        row["both_applied"] = sum(1 for a, b in pairs if a and b)
        row["first_only"] = sum(1 for a, b in pairs if a and not b)
        row["second_only"] = sum(1 for a, b in pairs if b and not a)
        row["neither"] = sum(1 for a, b in pairs if not a and not b)
        row["cohens_kappa"] = _round(cohen_kappa(first, second, [0, 1]))
    elif len(coders) > 2:
        row["note"] = "Cohen's kappa is for two coders; see Krippendorff's alpha"
    if columns and (row["krippendorff_alpha"] is None or (len(coders) == 2 and row["cohens_kappa"] is None)):
        row["note"] = "; ".join(n for n in (row["note"], UNDEFINED) if n)
    return row


def coding_agreement(segments: pd.DataFrame) -> pd.DataFrame:
    """Per code and overall agreement of one case's coders (module docstring)."""
    if "coder" not in segments.columns or segments.empty:
        return pd.DataFrame(columns=CODING_COLUMNS)
    coders, units, applied = coding_units(segments)
    if not units:
        return pd.DataFrame(columns=CODING_COLUMNS)
    sources = list(dict.fromkeys(source for source, _ in units))
    compared = segments[segments["source_id"].isin(sources) & (segments["coder"] != "")]
    codes = list(dict.fromkeys(compared["code"]))
    rows, stacked = [], [[] for _ in coders]
    for code in codes:
        matrix = _decisions(coders, units, applied, code)
        for i, values in enumerate(matrix):
            stacked[i].extend(values)
        row = _agreement_row(code, matrix, coders)
        row["sources"] = len({u[0] for u, has in zip(units, np.sum(~np.isnan(np.array(matrix)), axis=0) >= 2) if has})
        row["source_ids"] = ";".join(sources)
        row["segment_ids"] = ";".join(compared.loc[compared["code"] == code, "segment_id"])
        rows.append(row)
    overall = _agreement_row(OVERALL, stacked, coders)
    overall["note"] = "; ".join(
        n for n in (f"units are decisions: {len(units)} passages x {len(codes)} codes, pooled", overall["note"]) if n
    )
    overall["sources"] = len(sources)
    overall["source_ids"] = ";".join(sources)
    overall["segment_ids"] = ";".join(compared["segment_id"])
    rows.append(overall)
    return pd.DataFrame(rows, columns=CODING_COLUMNS)


# ---------------------------------------------------------------------------
# rating agreement (framework judgements)


def rating_agreement(framework: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the raters of one case's framework items (module docstring)."""
    if ratings is None or ratings.empty:
        return pd.DataFrame(columns=RATING_COLUMNS)
    raters = [FIRST_RATER, *dict.fromkeys(ratings["rater"])]
    rated = list(dict.fromkeys(ratings["item_id"]))
    items = [item for item in framework["item_id"] if item in rated]
    first = framework.set_index("item_id")
    by = {(r.item_id, r.rater): r for r in ratings.itertuples(index=False)}

    def value(item, rater, judgement):
        if rater == FIRST_RATER:
            raw = first.at[item, judgement]
        else:
            record = by.get((item, rater))
            raw = getattr(record, judgement) if record is not None else None
        if judgement == "anticipated":
            return np.nan if raw is None or (isinstance(raw, float) and np.isnan(raw)) else float(bool(raw))
        return float(ORDINAL_OBSERVED[raw]) if raw in ORDINAL_OBSERVED else np.nan

    rows = []
    for judgement, level, categories, weights in (
        ("anticipated", "nominal", [0, 1], None),
        ("observed", "ordinal", [0, 1, 2], "linear"),
    ):
        matrix = [[value(item, rater, judgement) for item in items] for rater in raters]
        data = np.array(matrix, dtype=float) if items else np.zeros((len(raters), 0))
        pairable = [j for j in range(data.shape[1]) if np.sum(~np.isnan(data[:, j])) >= 2]
        disagree = [items[j] for j in pairable if len(set(data[~np.isnan(data[:, j]), j])) > 1]
        row = {
            "judgement": judgement,
            "level": level,
            "raters": ";".join(raters),
            "items": len(pairable),
            "agreements": len(pairable) - len(disagree),
            "percent_agreement": _round((len(pairable) - len(disagree)) / len(pairable)) if pairable else None,
            "krippendorff_alpha": _round(krippendorff_alpha(matrix, level, categories if level == "ordinal" else None))
            if pairable
            else None,
            "cohens_kappa": None,
            "note": "",
            "disagreement_item_ids": ";".join(disagree),
            "item_ids": ";".join(items[j] for j in pairable),
        }
        if len(raters) == 2 and pairable:
            pairs = [(data[0, j], data[1, j]) for j in pairable]
            row["cohens_kappa"] = _round(
                cohen_kappa([int(a) for a, _ in pairs], [int(b) for _, b in pairs], categories, weights)
            )
            if weights:
                row["note"] = "Cohen's kappa linearly weighted (ordinal scale none < partial < full; unknown left out)"
        elif len(raters) > 2:
            row["note"] = "Cohen's kappa is for two raters; see Krippendorff's alpha"
        if pairable and (row["krippendorff_alpha"] is None or (len(raters) == 2 and row["cohens_kappa"] is None)):
            row["note"] = "; ".join(n for n in (row["note"], UNDEFINED) if n)
        rows.append(row)
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


def coders_of(segments: pd.DataFrame) -> list[str]:
    if "coder" not in segments.columns:
        return []
    return [c for c in dict.fromkeys(segments["coder"]) if c]

"""Typology analysis (Table 2's sampling frame): which attributes the cases
cover, which cells of the frame no case covers, how alike the cases are
(Jaccard), how they cluster (average linkage), and how each attribute sits
against success_class (Fisher's exact test).

With a handful of cases all of this is exploratory: the Fisher p-values are
exact small-sample values for each attribute on its own, with no correction
for multiple comparisons, and support no claim of significance."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import pdist, squareform
from scipy.stats import fisher_exact

from crosscase.compare.patterns import CASE_SEPARATOR, UNKNOWN, csv_ready
from crosscase.ingest.vocabulary import Vocabulary
from crosscase.within.framework import fmt_float, md_table

SUCCESS = "more_successful"
EXPLORATORY_NOTE = (
    "Exploratory only: with {n} cases these are descriptions, not tests of hypotheses. "
    "Each Fisher p-value is the exact small-sample (two-sided) value for that attribute on its own; "
    "no correction for multiple comparisons is made and no claim of significance is drawn from them."
)


def presence_matrix(typology: pd.DataFrame, vocabulary: Vocabulary, case_order: list[str]) -> pd.DataFrame:
    """Cases (rows, cases.tsv order) x `dimension.attribute` (vocabulary order), bool."""
    present = typology[typology["present"].fillna(False).astype(bool)]
    marks = set(zip(present["case_id"], present["dimension"] + "." + present["attribute"]))
    columns = vocabulary.typology_columns
    data = [[(case, col) in marks for col in columns] for case in case_order]
    return pd.DataFrame(data, index=pd.Index(case_order, name="case_id"), columns=columns, dtype=bool)


COUNT_COLUMNS = ["scope", "dimension", "attribute", "n_cases", "cases"]


def typology_counts(matrix: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Per dimension (cases with at least one of its attributes) then per
    attribute (cases with it), in vocabulary order."""
    rows = []
    for dimension, attributes in vocabulary.typology.items():
        columns = [f"{dimension}.{a}" for a in attributes]
        any_cases = [c for c in matrix.index if matrix.loc[c, columns].any()]
        rows.append(
            {
                "scope": "dimension",
                "dimension": dimension,
                "attribute": "",
                "n_cases": len(any_cases),
                "cases": CASE_SEPARATOR.join(any_cases),
            }
        )
        for attribute, column in zip(attributes, columns):
            cases = [c for c in matrix.index if matrix.loc[c, column]]
            rows.append(
                {
                    "scope": "attribute",
                    "dimension": dimension,
                    "attribute": attribute,
                    "n_cases": len(cases),
                    "cases": CASE_SEPARATOR.join(cases),
                }
            )
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


UNCOVERED_COLUMNS = ["order", "cell_1", "cell_2"]


def uncovered_cells(matrix: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Cells of the sampling frame that no case covers: single attributes
    (order 1) and pairs of attributes from two different dimensions (order 2),
    in vocabulary order."""
    columns = vocabulary.typology_columns
    rows = [{"order": 1, "cell_1": col, "cell_2": ""} for col in columns if not matrix[col].any()]
    dimension_of = {f"{d}.{a}": d for d, attrs in vocabulary.typology.items() for a in attrs}
    for a, b in itertools.combinations(columns, 2):
        if dimension_of[a] != dimension_of[b] and not (matrix[a] & matrix[b]).any():
            rows.append({"order": 2, "cell_1": a, "cell_2": b})
    return pd.DataFrame(rows, columns=UNCOVERED_COLUMNS)


def jaccard_distances(matrix: pd.DataFrame) -> np.ndarray:
    """Condensed Jaccard distances between cases (scipy convention: two cases
    with no attribute at all are at distance 0)."""
    values = matrix.to_numpy(dtype=bool)
    if len(values) < 2:
        return np.zeros(0)
    return pdist(values, metric="jaccard")


def jaccard_similarity(matrix: pd.DataFrame) -> pd.DataFrame:
    """Square case x case Jaccard similarity |A and B| / |A or B|; NaN when
    both cases have no attribute (similarity undefined)."""
    cases = list(matrix.index)
    square = squareform(jaccard_distances(matrix)) if len(cases) > 1 else np.zeros((len(cases), len(cases)))
    similarity = 1.0 - square
    empty = ~matrix.to_numpy(dtype=bool).any(axis=1)
    for i, j in itertools.product(range(len(cases)), repeat=2):
        if empty[i] and empty[j]:
            similarity[i, j] = math.nan
    frame = pd.DataFrame(similarity, index=cases, columns=cases)
    frame.index.name = "case_id"
    return frame.reset_index()


CLUSTER_COLUMNS = ["kind", "order", "label", "left", "right", "distance", "size", "members"]


def clustering(matrix: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Average-linkage (UPGMA) clustering of the cases on Jaccard distance.

    Returns the table (leaf rows in dendrogram leaf order, then one merge row
    per linkage step: cluster K<step> joins `left` and `right` at `distance`)
    and the leaf order. scipy's linkage is deterministic for a given input
    order, and the input is in cases.tsv order."""
    cases = list(matrix.index)
    if len(cases) < 2:
        leaves = cases
        table = pd.DataFrame(
            [{"kind": "leaf", "order": i + 1, "label": c} for i, c in enumerate(leaves)], columns=CLUSTER_COLUMNS
        )
        table["size"] = table["size"].astype("Int64")
        table["distance"] = table["distance"].astype(float)
        return table, leaves
    Z = linkage(jaccard_distances(matrix), method="average")
    leaves = [cases[i] for i in leaves_list(Z)]
    position = {c: i for i, c in enumerate(leaves)}
    labels = list(cases)
    members: list[list[str]] = [[c] for c in cases]
    rows = [{"kind": "leaf", "order": i + 1, "label": c} for i, c in enumerate(leaves)]
    for step, (a, b, distance, size) in enumerate(Z, start=1):
        a, b = int(a), int(b)
        joined = sorted(members[a] + members[b], key=position.get)
        labels.append(f"K{step}")
        members.append(joined)
        rows.append(
            {
                "kind": "merge",
                "order": step,
                "label": f"K{step}",
                "left": labels[a],
                "right": labels[b],
                "distance": float(distance),
                "size": int(size),
                "members": CASE_SEPARATOR.join(joined),
            }
        )
    table = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    table["size"] = table["size"].astype("Int64")
    return table, leaves


FISHER_COLUMNS = [
    "dimension",
    "attribute",
    "present_more_successful",
    "present_other",
    "absent_more_successful",
    "absent_other",
    "odds_ratio",
    "p_value",
    "cases_present",
]


def fisher_by_attribute(matrix: pd.DataFrame, classes: dict[str, str], vocabulary: Vocabulary) -> pd.DataFrame:
    """Each attribute x (more_successful vs not) as a 2x2 table with Fisher's
    exact test (two-sided). Cases whose success_class is unknown are left out.
    Rows: [[present & more_successful, present & other], [absent & more_successful, absent & other]]."""
    known = [c for c in matrix.index if classes.get(c, UNKNOWN) != UNKNOWN]
    success = {c: classes[c] == SUCCESS for c in known}
    rows = []
    for dimension, attributes in vocabulary.typology.items():
        for attribute in attributes:
            column = f"{dimension}.{attribute}"
            present = {c: bool(matrix.loc[c, column]) for c in known}
            a = sum(present[c] and success[c] for c in known)
            b = sum(present[c] and not success[c] for c in known)
            c_ = sum(not present[c] and success[c] for c in known)
            d = sum(not present[c] and not success[c] for c in known)
            if known:
                odds, p = fisher_exact([[a, b], [c_, d]], alternative="two-sided")
                odds, p = float(odds), float(p)
            else:
                odds, p = math.nan, math.nan
            rows.append(
                {
                    "dimension": dimension,
                    "attribute": attribute,
                    "present_more_successful": a,
                    "present_other": b,
                    "absent_more_successful": c_,
                    "absent_other": d,
                    "odds_ratio": odds,
                    "p_value": p,
                    "cases_present": CASE_SEPARATOR.join(c for c in known if present[c]),
                }
            )
    return pd.DataFrame(rows, columns=FISHER_COLUMNS)


def fisher_csv_ready(table: pd.DataFrame) -> pd.DataFrame:
    """Fixed formatting; an infinite odds ratio is written 'inf'."""
    out = table.copy()
    out["odds_ratio"] = out["odds_ratio"].map(
        lambda v: "inf" if isinstance(v, float) and math.isinf(v) else fmt_float(v)
    )
    out["p_value"] = out["p_value"].map(fmt_float)
    return out


def typology_markdown(
    counts: pd.DataFrame,
    uncovered: pd.DataFrame,
    jaccard: pd.DataFrame,
    clusters: pd.DataFrame,
    leaves: list[str],
    fisher: pd.DataFrame,
    classes: dict[str, str],
) -> str:
    n = len(jaccard)
    excluded = [c for c in jaccard["case_id"] if classes.get(c, UNKNOWN) == UNKNOWN]
    lines = ["# Typology analysis", "", EXPLORATORY_NOTE.format(n=n), ""]
    lines += ["## Counts per dimension and attribute", ""]
    lines += md_table(counts)
    n1 = int((uncovered["order"] == 1).sum()) if len(uncovered) else 0
    n2 = int((uncovered["order"] == 2).sum()) if len(uncovered) else 0
    lines += [
        "",
        "## Cells of the sampling frame no case covers",
        "",
        f"Single attributes: {n1}; pairs of attributes from different dimensions: {n2} "
        "(all listed in typology_uncovered.csv).",
        "",
    ]
    if n1:
        lines.append("Attributes no case has: " + ", ".join(uncovered.loc[uncovered["order"] == 1, "cell_1"]))
        lines.append("")
    lines += ["## Jaccard similarity of cases", "", "Shared attributes / attributes of either case.", ""]
    lines += md_table(csv_ready(jaccard))
    lines += [
        "",
        "## Average-linkage clustering (Jaccard distance)",
        "",
        f"Leaf order: {CASE_SEPARATOR.join(leaves)}",
        "",
    ]
    merges = clusters[clusters["kind"] == "merge"].drop(columns=["kind"])
    if len(merges):
        lines += md_table(csv_ready(merges))
        lines.append("")
    lines += ["## Attributes against success_class (Fisher's exact test)", "", EXPLORATORY_NOTE.format(n=n), ""]
    if excluded:
        lines += [f"Left out (success_class unknown): {', '.join(excluded)}", ""]
    lines += md_table(fisher_csv_ready(fisher))
    lines.append("")
    return "\n".join(lines)

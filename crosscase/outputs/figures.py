"""Figures of the synthesis, drawn with matplotlib (Agg, no display needed).

Each ``*_figure`` function takes DataFrames (or the QCA result dict) and returns
a matplotlib Figure; :func:`save_png` writes it without the metadata that
would change between runs, so the same inputs give the same bytes. When there
is nothing to draw, the figure says so in words rather than failing.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pandas as pd

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SUCCESS_COLOURS = {"more_successful": "#009E73", "mixed": "#E69F00", "largely_failed": "#D55E00"}
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "svg.hashsalt": "crosscase",
    "path.simplify": True,
}
MAX_THEMES = 40
# Above this many cases a figure switches to its many-case layout (docs/speed.md):
# no label per case, sizes capped, ids of the rows in the figure's source table.
MANY_CASES = 40
MAX_INCHES = 16.0


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update(RC)
    return plt


def save_png(figure, path: str | Path) -> None:
    """PNG without the Software tag (the only varying metadata), written atomically."""
    from crosscase.common.files import atomic_write

    def write(tmp):
        figure.savefig(tmp, format="png", metadata={"Software": None}, bbox_inches="tight", facecolor="white")

    atomic_write(path, write)
    _pyplot().close(figure)


def save_svg(figure, path: str | Path) -> None:
    from crosscase.common.files import atomic_write

    atomic_write(path, lambda tmp: figure.savefig(tmp, format="svg", metadata={"Date": None}, bbox_inches="tight"))
    _pyplot().close(figure)


def message_figure(title: str, message: str):
    """A figure that says why there is nothing to draw."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(8, 2.6))
    axes.set_axis_off()
    axes.set_title(title)
    axes.text(0.5, 0.45, message, ha="center", va="center", wrap=True, fontsize=11, color="#444444")
    return figure


def pretty(label: str) -> str:
    return str(label).replace("_", " ")


def number(value) -> float:
    """A cell as a float; blank, NA or text -> NaN."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return math.nan
    return result


# ---------------------------------------------------------------------------
# Typology heatmap


def leaf_order(clusters: pd.DataFrame | None, cases: list[str]) -> list[str]:
    """Cases in the clustering's leaf order.

    Understands the typology_clusters table (rows of kind 'leaf' with their
    `order` and `label`), or any table with a case_id column and a numeric
    column named like *order*/*leaf*/*position* (else its row order). Cases the
    clustering does not list keep their table order at the end."""
    if clusters is None or clusters.empty:
        return list(cases)
    frame = clusters.copy()
    if {"kind", "label"} <= set(frame.columns):
        frame = frame[frame["kind"].astype(str) == "leaf"].rename(columns={"label": "case_id"})
    if "case_id" not in frame.columns:
        return list(cases)
    for column in frame.columns:
        if column != "case_id" and re.search(r"order|leaf|position|rank", str(column), re.I):
            ranks = pd.to_numeric(frame[column], errors="coerce")
            if ranks.notna().all():
                frame = frame.assign(_rank=ranks).sort_values("_rank", kind="stable")
                break
    ordered = [c for c in dict.fromkeys(frame["case_id"].astype(str)) if c in cases]
    return ordered + [c for c in cases if c not in ordered]


def linkage_from_clusters(clusters: pd.DataFrame | None, cases: list[str]):
    """Rebuild scipy's linkage matrix from the merge rows of typology_clusters
    (label K<step> joins `left` and `right` at `distance`), so the heatmap can
    carry its dendrogram. None if the table does not describe these cases."""
    if (
        clusters is None
        or clusters.empty
        or not {"kind", "label", "left", "right", "distance"} <= set(clusters.columns)
    ):
        return None
    merges = clusters[clusters["kind"].astype(str) == "merge"]
    if len(merges) != len(cases) - 1 or len(cases) < 2:
        return None
    import numpy as np

    index = {case: i for i, case in enumerate(cases)}
    sizes = {case: 1 for case in cases}
    rows = []
    for step, merge in enumerate(merges.itertuples(index=False)):
        left, right = str(merge.left), str(merge.right)
        if left not in index or right not in index:
            return None
        distance = number(merge.distance)
        if math.isnan(distance):
            return None
        label = str(merge.label)
        index[label] = len(cases) + step
        sizes[label] = sizes[left] + sizes[right]
        rows.append([index[left], index[right], distance, sizes[label]])
    return np.array(rows, dtype=float)


def typology_heatmap_figure(table2: pd.DataFrame, clusters: pd.DataFrame | None = None):
    """Cases (rows, clustered leaf order, with the dendrogram when the
    clustering's merges are given) x typology attributes (columns, grouped by
    dimension); a filled cell where the case has the attribute."""
    plt = _pyplot()
    title = "Case typology (Table 2): cases × attributes"
    if table2 is None or table2.empty or "case_id" not in table2.columns:
        return message_figure(title, "No cases with a typology to draw.")
    from matplotlib.colors import ListedColormap

    cases = table2["case_id"].astype(str).tolist()
    order = leaf_order(clusters, cases)
    linkage = linkage_from_clusters(clusters, cases)
    attributes = [c for c in table2.columns if c != "case_id"]
    frame = table2.set_index(table2["case_id"].astype(str))[attributes]
    present_all = frame.apply(
        lambda col: col.astype(str).str.strip().str.upper().isin(["X", "1", "YES", "TRUE"])
    ).astype(int)

    many = len(cases) > MANY_CASES
    if many:  # a dendrogram of hundreds of leaves is unreadable: leaf order only
        linkage = None
    width = max(7.0, 0.48 * len(attributes) + 2.5) + (1.8 if linkage is not None else 0)
    height = min(MAX_INCHES, max(3.0, 0.42 * len(cases) + 2.6))
    if linkage is not None:
        from scipy.cluster.hierarchy import dendrogram

        figure, (tree, axes) = plt.subplots(
            1,
            2,
            figsize=(width, height),
            sharey=False,
            gridspec_kw={"width_ratios": [1.8, 0.48 * len(attributes)], "wspace": 0.02},
        )
        drawn = dendrogram(
            linkage,
            orientation="left",
            labels=cases,
            ax=tree,
            color_threshold=0,
            above_threshold_color="#555555",
            no_labels=True,
        )
        order = list(drawn["ivl"])
        # dendrogram leaves sit at y = 5, 15, ...; put the first leaf at the top like the heatmap
        tree.set_ylim(10 * len(order), 0)
        tree.set_xlabel("Jaccard distance")
        for side in ("top", "right", "left"):
            tree.spines[side].set_visible(False)
        tree.set_yticks([])
    else:
        figure, axes = plt.subplots(figsize=(width, height))
    present = present_all.loc[order]
    axes.imshow(
        present.to_numpy(),
        cmap=ListedColormap(["#F4F4F4", "#0072B2"]),
        vmin=0,
        vmax=1,
        aspect="auto",
        **({"interpolation": "nearest"} if many else {}),
    )
    axes.set_xticks(range(len(attributes)))
    axes.set_xticklabels([pretty(a.split(".", 1)[-1]) for a in attributes], rotation=55, ha="right")
    if many:
        axes.set_yticks([])
    else:
        axes.set_yticks(range(len(order)))
        axes.set_yticklabels(order)
    if linkage is not None:
        axes.yaxis.tick_right()
    axes.set_xticks([x - 0.5 for x in range(1, len(attributes))], minor=True)
    if not many:
        axes.set_yticks([y - 0.5 for y in range(1, len(order))], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    dimensions = [a.split(".", 1)[0] if "." in a else "" for a in attributes]
    start = 0
    for index in range(1, len(dimensions) + 1):
        if index == len(dimensions) or dimensions[index] != dimensions[start]:
            if index < len(dimensions):
                axes.axvline(index - 0.5, color="#333333", linewidth=1.5)
            axes.text(
                (start + index - 1) / 2,
                -0.7,
                pretty(dimensions[start]),
                ha="center",
                va="bottom",
                fontsize=10,
                fontweight="bold",
            )
            start = index
    axes.set_ylim(len(order) - 0.5, -0.5)
    axes.set_xlabel("Typology attribute, grouped by dimension (blue = the case has it)")
    if linkage is not None:
        tree.set_ylabel("Case (leaf order of average-linkage clustering)")
    else:
        clustered = clusters is not None and not clusters.empty
        where = "clustering leaf order" if clustered else "case-list order"
        if many:
            source = "typology_clusters.csv" if clustered else "table2_typology.csv"
            axes.set_ylabel(f"{len(order)} cases, one row each, in {where} (ids: {source})")
        else:
            axes.set_ylabel(f"Case ({where})")
    figure.suptitle(title, fontsize=14, fontweight="bold")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the dendrogram axes: tight_layout copes
        figure.tight_layout()
    return figure


# ---------------------------------------------------------------------------
# Pattern-matching chart

PATTERN_METRICS = (
    ("fidelity", "Fidelity (planned activities delivered)"),
    ("context_foresight", "Context foresight"),
    ("attainment_intermediary", "Attainment: intermediary outcomes"),
    ("attainment_long_term", "Attainment: long-term outcomes"),
)


def attainment_order(frame: pd.DataFrame, meta: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cases by attainment, highest first, as in the meta-matrix: its `rank`
    when the meta-matrix is given, else intermediary attainment, ties broken by
    long-term attainment, NA after every value, then the case-list order."""
    if meta is not None and not meta.empty and "case_id" in meta.columns:
        order = meta["case_id"].astype(str).tolist()
        if "rank" in meta.columns:
            ranks = pd.to_numeric(meta["rank"], errors="coerce")
            if ranks.notna().all():
                order = meta.assign(_r=ranks).sort_values("_r", kind="stable")["case_id"].astype(str).tolist()
        position = {c: i for i, c in enumerate(order)}
        key = frame["case_id"].astype(str).map(lambda c: position.get(c, len(position)))
        return (
            frame.assign(_k=key, _p=range(len(frame)))
            .sort_values(["_k", "_p"], kind="stable")
            .drop(columns=["_k", "_p"])
        )
    keys = []
    for column in ("attainment_intermediary", "attainment_long_term"):
        if column in frame.columns:
            values = frame[column].map(number)
            keys += [values.isna().astype(int), -values.fillna(0.0)]
    ranked = frame.assign(**{f"_k{i}": k for i, k in enumerate(keys)}, _pos=range(len(frame)))
    columns = [f"_k{i}" for i in range(len(keys))] + ["_pos"]
    return ranked.sort_values(columns, kind="stable").drop(columns=columns)


def pattern_matching_figure(pattern: pd.DataFrame, meta: pd.DataFrame | None = None):
    """Grouped bars per case: fidelity, context foresight and attainment side by
    side, cases ordered by attainment; NA marked as such, not drawn as 0."""
    plt = _pyplot()
    title = "Pattern matching: what was planned and expected against what happened"
    if pattern is None or pattern.empty or "case_id" not in pattern.columns:
        return message_figure(title, "No pattern-matching results to draw.")
    metrics = [(c, label) for c, label in PATTERN_METRICS if c in pattern.columns]
    if not metrics:
        return message_figure(title, "pattern_matching.csv has none of the metric columns.")
    frame = attainment_order(pattern, meta)
    cases = frame["case_id"].astype(str).tolist()
    if len(cases) > MANY_CASES:
        return pattern_matching_distributions(frame, metrics, title)
    n_metrics = len(metrics)
    width = 0.8 / n_metrics
    figure, axes = plt.subplots(figsize=(max(8.0, 1.25 * len(cases) + 2.5), 5.6))
    for k, (column, label) in enumerate(metrics):
        values = [number(v) for v in frame[column]]
        positions = [i - 0.4 + width * (k + 0.5) for i in range(len(cases))]
        axes.bar(
            positions,
            [0 if math.isnan(v) else v for v in values],
            width=width * 0.92,
            color=PALETTE[k % len(PALETTE)],
            label=label,
        )
        for x, v in zip(positions, values):
            if math.isnan(v):
                axes.text(x, 0.015, "NA", rotation=90, ha="center", va="bottom", fontsize=8, color="#555555")
            elif v == 0:
                axes.text(
                    x,
                    0.015,
                    "0",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    color=PALETTE[k % len(PALETTE)],
                    fontweight="bold",
                )
    labels = []
    classes = frame["success_class"].astype(str).tolist() if "success_class" in frame.columns else [""] * len(cases)
    for case, success in zip(cases, classes):
        labels.append(f"{case}\n{pretty(success)}" if success and success.lower() not in ("nan", "na", "") else case)
    axes.set_xticks(range(len(cases)))
    axes.set_xticklabels(labels, fontsize=9.5)
    for tick, success in zip(axes.get_xticklabels(), classes):
        tick.set_color(SUCCESS_COLOURS.get(success, "#222222"))
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("Share (0 = none, 1 = all, partial counts 0.5)")
    axes.set_xlabel("Case, ordered by attainment (highest first), with its success class")
    axes.set_title(title)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    figure.tight_layout()
    return figure


def pattern_matching_distributions(frame: pd.DataFrame, metrics, title: str):
    """Many cases: one small panel per metric counting the cases at each value
    (bins of 0.1; NA counted apart), bars split by success class."""
    plt = _pyplot()
    classes = frame["success_class"].astype(str) if "success_class" in frame.columns else pd.Series([""] * len(frame))
    names = [c for c in SUCCESS_COLOURS if (classes == c).any()] + (
        ["other"] if (~classes.isin(list(SUCCESS_COLOURS))).any() else []
    )
    edges = [i / 10 for i in range(11)]
    figure, panels = plt.subplots(1, len(metrics), figsize=(3.6 * len(metrics) + 1.0, 4.4), sharey=True, squeeze=False)
    for axes, (column, label) in zip(panels[0], metrics):
        values = frame[column].map(number)
        bottom = [0] * 10
        for name in names:
            chosen = values[(classes == name) if name != "other" else ~classes.isin(list(SUCCESS_COLOURS))].dropna()
            heights = [
                int(((chosen >= lo) & ((chosen < hi) if hi < 1 else (chosen <= hi))).sum())
                for lo, hi in zip(edges, edges[1:])
            ]
            axes.bar(
                [lo + 0.05 for lo in edges[:-1]],
                heights,
                width=0.092,
                bottom=bottom,
                color=SUCCESS_COLOURS.get(name, "#999999"),
                label=pretty(name),
            )
            bottom = [b + h for b, h in zip(bottom, heights)]
        missing = int(values.isna().sum())
        axes.set_title(f"{label}\n(NA: {missing} cases)", fontsize=9.5)
        axes.set_xlim(0, 1)
        axes.set_xlabel("Share (partial counts 0.5)")
        axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
        axes.set_axisbelow(True)
    panels[0][0].set_ylabel("Cases")
    panels[0][0].legend(title="Success class", fontsize=8, frameon=False)
    figure.suptitle(
        f"{title}\n{len(frame)} cases: cases per value of each metric "
        "(bins of 0.1; each case's values in pattern_matching.csv)",
        fontsize=11,
    )
    figure.tight_layout()
    return figure


# ---------------------------------------------------------------------------
# Theme x case heatmap

COUNT_COLUMNS = ("n_segments", "segments", "n_sources", "sources", "n_participants", "participants", "count", "n")


def theme_matrix(themes: pd.DataFrame, case_order: list[str] | None = None) -> tuple[pd.DataFrame, str]:
    """(code x case matrix of counts, name of the count) from themes_by_case,
    long (code, case_id, n_segments, ...) or wide (code, then one column per case)."""
    frame = themes.copy()
    code_column = next((c for c in ("code", "theme", "category") if c in frame.columns), frame.columns[0])
    if "case_id" in frame.columns:
        count = next((c for c in COUNT_COLUMNS if c in frame.columns), None)
        if count is None:
            numeric = [
                c
                for c in frame.columns
                if c not in (code_column, "case_id") and pd.to_numeric(frame[c], errors="coerce").notna().all()
            ]
            if not numeric:
                raise ValueError("themes_by_case has no count column")
            count = numeric[0]
        frame[count] = pd.to_numeric(frame[count], errors="coerce").fillna(0)
        matrix = frame.pivot_table(
            index=code_column, columns="case_id", values=count, aggfunc="sum", fill_value=0, sort=False
        )
    else:
        count = "count"
        matrix = frame.set_index(code_column).apply(pd.to_numeric, errors="coerce").fillna(0)
        matrix = matrix.loc[
            :, [c for c in matrix.columns if not str(c).startswith(("segment", "source", "participant"))]
        ]
    if case_order:
        matrix = matrix.reindex(
            columns=[c for c in case_order if c in matrix.columns] + [c for c in matrix.columns if c not in case_order]
        )
    matrix = matrix[matrix.sum(axis=1) > 0]
    # most widespread themes first: number of cases, then total count, then name
    spread = (matrix > 0).sum(axis=1)
    total = matrix.sum(axis=1)
    keys = pd.DataFrame({"spread": spread, "total": total, "name": matrix.index.astype(str)}, index=matrix.index)
    keys = keys.sort_values(["spread", "total", "name"], ascending=[False, False, True], kind="stable")
    return matrix.loc[keys.index], count


def theme_heatmap_figure(themes: pd.DataFrame | None, case_order: list[str] | None = None):
    plt = _pyplot()
    title = "Themes by case"
    if themes is None or themes.empty:
        return message_figure(title, "No coded interview or focus-group data in the included cases.")
    matrix, count = theme_matrix(themes, case_order)
    if matrix.empty or matrix.to_numpy().sum() == 0:
        return message_figure(title, "No coded interview or focus-group data in the included cases.")
    shown = matrix.iloc[:MAX_THEMES]
    note = f" (the {MAX_THEMES} most widespread of {len(matrix)})" if len(matrix) > MAX_THEMES else ""
    values = shown.to_numpy(dtype=float)
    many = shown.shape[1] > MANY_CASES
    width = min(MAX_INCHES, max(7.0, 0.9 * shown.shape[1] + 4.5))
    figure, axes = plt.subplots(figsize=(width, max(3.2, 0.36 * shown.shape[0] + 2.2)))
    image = axes.imshow(
        values,
        cmap="Blues",
        aspect="auto",
        vmin=0,
        vmax=max(1.0, values.max()),
        **({"interpolation": "nearest"} if many else {}),
    )
    if many:  # one column per case, no label or number per cell
        axes.set_xticks([])
    else:
        axes.set_xticks(range(shown.shape[1]))
        axes.set_xticklabels([str(c) for c in shown.columns])
    axes.set_yticks(range(shown.shape[0]))
    axes.set_yticklabels([pretty(i) for i in shown.index])
    threshold = values.max() * 0.6
    for i in range(values.shape[0] if not many else 0):
        for j in range(values.shape[1]):
            if values[i, j] > 0:
                axes.text(
                    j,
                    i,
                    f"{values[i, j]:g}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="white" if values[i, j] > threshold else "#111111",
                )
    if not many:
        axes.set_xticks([x - 0.5 for x in range(1, shown.shape[1])], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, shown.shape[0])], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.2)
    axes.tick_params(which="minor", length=0)
    if many:
        axes.set_xlabel(
            f"{shown.shape[1]} cases, one column each, in case-list order (each analysed on its own; "
            "ids and counts: themes_by_case.csv)"
        )
    else:
        axes.set_xlabel("Case (each analysed on its own; counts are not pooled)")
    axes.set_ylabel("Theme (code)")
    axes.set_title(f"{title}: {pretty(count)} per theme and case{note}")
    colorbar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
    colorbar.set_label(pretty(count))
    figure.tight_layout()
    return figure


# ---------------------------------------------------------------------------
# QCA solution chart


def literal_membership(data: pd.DataFrame, literal: str) -> pd.Series:
    literal = literal.strip()
    negated = literal.startswith("~")
    name = literal.lstrip("~").strip()
    if name not in data.columns:
        # R writes crisp negation of a set as lower case in some outputs
        raise KeyError(name)
    values = pd.to_numeric(data[name], errors="coerce")
    return 1 - values if negated else values


def expression_membership(data: pd.DataFrame, expression: str) -> pd.Series:
    """Fuzzy membership in a sum of products such as ``A*~B + C``: minimum over
    the literals of a term, maximum over the terms."""
    terms = [t for t in re.split(r"\s*\+\s*", expression.strip()) if t]
    memberships = []
    for term in terms:
        literals = [literal_membership(data, lit) for lit in term.split("*")]
        memberships.append(pd.concat(literals, axis=1).min(axis=1))
    return pd.concat(memberships, axis=1).max(axis=1)


CHAR_WIDTH = 0.015  # data units of one label character on the scatter (8.5 pt)
LINE_HEIGHT = 0.055  # data units of one label line


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def label_position(x: float, y: float, lines: list[str], placed: list[tuple], points: list[tuple[float, float]]):
    """Where to put a point's label (data coordinates, alignment) so that it
    covers neither another label nor a point; the box is added to `placed`.
    Tries beside the point first, then further up and down; if every place
    is taken, the first candidate is used."""
    width = CHAR_WIDTH * max(len(line) for line in lines)
    height = LINE_HEIGHT * len(lines)
    side = 1 if x <= 0.6 else -1
    obstacles = placed + [(px - 0.015, px + 0.015, py - 0.025, py + 0.025) for px, py in points if (px, py) != (x, y)]
    candidates = [
        (sign, dy) for dy in (0.0, 0.055, -0.055, 0.11, -0.11, 0.165, -0.165, 0.22, -0.22) for sign in (side, -side)
    ]
    chosen = None
    for sign, dy in candidates:
        tx, ty = x + sign * 0.03, y + dy
        box = (
            (tx, tx + width, ty - height / 2, ty + height / 2)
            if sign > 0
            else (tx - width, tx, ty - height / 2, ty + height / 2)
        )
        if chosen is None:
            chosen = (tx, ty, sign, box)
        if not any(_overlaps(box, other) for other in obstacles):
            chosen = (tx, ty, sign, box)
            break
    tx, ty, sign, box = chosen
    placed.append(box)
    return tx, ty, "left" if sign > 0 else "right"


def qca_solution_figure(result: dict, data: pd.DataFrame | None = None, name: str = ""):
    """Left: consistency, raw and unique coverage of each term of each model.
    Right (when the calibrated data are given): each case's membership in the
    first model against the outcome; cases above the diagonal are consistent
    with sufficiency."""
    plt = _pyplot()
    outcome = str(result.get("outcome", "outcome"))
    label = ("~" if result.get("negated") else "") + outcome
    title = f"QCA {name}: solution for {label}".replace("  ", " ")
    solution = result.get("solution") or {}
    models = solution.get("models") or []
    if not models:
        return message_figure(title, "No solution: no configuration passed the inclusion cut (see the truth table).")

    rows = []
    for model in models:
        for term in model.get("terms") or []:
            rows.append(
                (
                    f"{model.get('name', '')}: {term.get('term', '')}",
                    number(term.get("incl")),
                    number(term.get("cov")),
                    number(term.get("cov_unique")),
                )
            )
        rows.append(
            (
                f"{model.get('name', '')} = {model.get('expression', '')}",
                number(model.get("incl")),
                number(model.get("cov")),
                math.nan,
            )
        )

    xy = None
    if data is not None and not data.empty:
        try:
            case_column = "case_id" if "case_id" in data.columns else data.columns[0]
            x = expression_membership(data, str(models[0].get("expression", "")))
            y = pd.to_numeric(data[outcome], errors="coerce")
            if result.get("negated"):
                y = 1 - y
            if x.notna().all() and y.notna().all():
                xy = (x, y, data[case_column].astype(str))
        except (KeyError, ValueError, IndexError):
            xy = None

    columns = 2 if xy is not None else 1
    height = max(4.8, 0.62 * len(rows) + 2.6)
    figure, axes_list = plt.subplots(
        1,
        columns,
        figsize=(7.5 * columns, height),
        squeeze=False,
        gridspec_kw={"width_ratios": [1.35, 1] if columns == 2 else [1]},
    )
    axes = axes_list[0][0]
    names = [r[0] for r in rows]
    series = (
        ("Consistency (incl)", 1, PALETTE[0]),
        ("Raw coverage", 2, PALETTE[1]),
        ("Unique coverage", 3, PALETTE[2]),
    )
    bar = 0.26
    for k, (label_text, index, colour) in enumerate(series):
        positions = [i + (k - 1) * bar for i in range(len(rows))]
        values = [r[index] for r in rows]
        axes.barh(
            positions, [0 if math.isnan(v) else v for v in values], height=bar * 0.92, color=colour, label=label_text
        )
        for y, v in zip(positions, values):
            if not math.isnan(v):
                axes.text(min(v, 1.0) + 0.01, y, f"{v:.2f}", va="center", fontsize=8)
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels(names)
    axes.invert_yaxis()
    axes.set_xlim(0, 1.12)
    axes.set_xlabel("Value (0 to 1)")
    axes.set_title(f"{str(solution.get('type', '')).capitalize()} solution: terms and models".strip())
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    handles, labels = axes.get_legend_handles_labels()

    if xy is not None:
        import textwrap

        x, y, cases = xy
        scatter = axes_list[0][1]
        scatter.plot([0, 1], [0, 1], color="#999999", linewidth=1, linestyle="--", label="x = y")
        groups: dict[tuple, list[str]] = {}
        for xi, yi, case in zip(x, y, cases):
            groups.setdefault((round(float(xi), 3), round(float(yi), 3)), []).append(case)
        placed: list[tuple] = []
        points = list(groups)
        shown = {True: False, False: False}
        for (xi, yi), members in sorted(groups.items(), key=lambda item: (-item[0][1], item[0][0])):
            consistent = yi >= xi - 1e-9
            legend = None
            if not shown[consistent]:
                legend = "on or above the diagonal (consistent)" if consistent else "below the diagonal (inconsistent)"
                shown[consistent] = True
            scatter.scatter(
                [xi],
                [yi],
                s=36 + 18 * len(members),
                color=PALETTE[0] if consistent else PALETTE[5],
                zorder=3,
                label=legend,
            )
            lines = textwrap.wrap(", ".join(members), width=22)
            text = "\n".join(lines)
            tx, ty, ha = label_position(xi, yi, lines, placed, points)
            scatter.annotate(
                text,
                (xi, yi),
                xytext=(tx, ty),
                textcoords="data",
                ha=ha,
                va="center",
                fontsize=8.5,
                arrowprops={"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.6} if ty != yi else None,
            )
        scatter.set_xlim(-0.08, 1.08)
        scatter.set_ylim(-0.1, 1.1)
        scatter.set_xlabel(f"Membership in {models[0].get('name', 'M1')}")
        scatter.set_ylabel(f"Membership in outcome {label}")
        scatter.set_title("Cases: model against outcome")
        scatter.grid(color="#EEEEEE", linewidth=0.8)
        legend = scatter.legend(loc="upper left", fontsize=8.5, frameon=False)
        for handle in legend.legend_handles:
            if hasattr(handle, "set_sizes"):
                handle.set_sizes([40])
    figure.suptitle(title, fontsize=14, fontweight="bold")
    figure.legend(handles, labels, loc="lower center", ncol=3, frameon=False)
    figure.tight_layout(rect=(0, 0.07, 1, 0.95))
    return figure

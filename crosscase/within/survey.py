"""Survey analysis within one case: never across cases.

Scoring. A reverse-scored item's answer v on a scale min..max scores
``min + max - v``, so that a higher score always means more of the construct.
Means, medians, SDs and tests use scores; an item's ``distribution`` counts the
answers as given. A respondent's construct score in a wave is the mean of
their scores on the construct's items they answered; a construct's
``distribution`` counts the scored answers to its items.

Waves. Waves are ordered as they first appear in the responses, except that
``pre``/``baseline``/``before`` come first and ``post``/``after``/``follow_up``
last. With two or more waves the first is compared with the last ("pre" and
"post" below):

* respondents who answered in both (matching ``respondent_id``) are pairs, and
  the pairs are tested with the Wilcoxon signed-rank test
  (``scipy.stats.wilcoxon``, two-sided, zero differences dropped, p exact
  where scipy can give it, otherwise from the normal approximation without
  continuity correction);
* if no respondent answered in both, the two waves are independent samples,
  tested with the Mann-Whitney U test (``scipy.stats.mannwhitneyu``,
  two-sided, same p rules);
* an item asked in one of the two waves only is described, not tested.

Effect size r = Z / sqrt(n). For Wilcoxon, Z is the normal approximation of
T+ (the sum of the ranks of the positive differences post - pre):
``Z = (T+ - m(m+1)/4) / sqrt(m(m+1)(2m+1)/24 - sum(t^3 - t)/48)`` with m the
non-zero differences and t the sizes of tied groups of |difference|, and n is
the number of pairs. For Mann-Whitney, Z is the normal approximation of U of
the post wave, ``(U - n1 n2 / 2) / sqrt(n1 n2 / 12 * ((N + 1) - sum(t^3 - t) /
(N (N - 1))))``, and n = N = n1 + n2. Z and r are positive when post is higher.
The reported ``statistic`` is scipy's: T = min(T+, T-) for Wilcoxon, U of the
post wave for Mann-Whitney.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from crosscase.common.missing import is_missing

FIRST_WAVES = ("pre", "baseline", "before")
LAST_WAVES = ("post", "after", "follow_up", "followup")

ITEM_COLUMNS = ["item_id", "construct", "reverse", "wave", "n", "mean", "median", "sd", "distribution"]
CONSTRUCT_COLUMNS = ["construct", "items", "wave", "n", "answers", "mean", "median", "sd", "distribution"]
TEST_COLUMNS = [
    "level",
    "item",
    "construct",
    "n",
    "wave_pre",
    "wave_post",
    "n_pre",
    "n_post",
    "mean_pre",
    "mean_post",
    "n_pairs",
    "test",
    "statistic",
    "z",
    "p_value",
    "effect_r",
]


COUNT_COLUMNS = ("n", "n_pre", "n_post", "n_pairs")
TEXT_COLUMNS = ("level", "item", "construct", "wave_pre", "wave_post", "test")


def survey_tests_schema():
    """One case's survey_tests rows as the Parquet dataset `case_survey_tests`
    (case_id from the partition): counts as integers, statistics as floats."""
    import pyarrow as pa

    def kind(name):
        return pa.int64() if name in COUNT_COLUMNS else pa.string() if name in TEXT_COLUMNS else pa.float64()

    return pa.schema([(name, kind(name)) for name in TEST_COLUMNS])


def rounded(value, digits: int = 3):
    if is_missing(value):
        return np.nan
    return round(float(value), digits)


def significant(value, figures: int = 4):
    if is_missing(value):
        return np.nan
    return float(f"{float(value):.{figures}g}")


def wave_order(waves) -> list[str]:
    """Waves in comparison order (see the module docstring)."""
    seen = list(dict.fromkeys(waves))

    def key(pair):
        position, wave = pair
        word = wave.strip().lower()
        return (0 if word in FIRST_WAVES else 2 if word in LAST_WAVES else 1, position)

    return [wave for _, wave in sorted(enumerate(seen), key=key)]


def scored(items: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Responses with the item's construct, scale and `score` (reverse-scored)."""
    columns = ["item_id", "construct", "scale_min", "scale_max", "reverse"]
    frame = responses.merge(items[columns], on="item_id", how="inner", sort=False)
    value = frame["value"].astype(float)
    reverse = frame["reverse"].astype(bool)
    frame["score"] = np.where(reverse, frame["scale_min"] + frame["scale_max"] - value, value)
    return frame


def describe(values: pd.Series) -> dict:
    values = values.astype(float)
    n = int(values.size)
    return {
        "n": n,
        "mean": rounded(values.mean()) if n else np.nan,
        "median": rounded(values.median()) if n else np.nan,
        "sd": rounded(values.std(ddof=1)) if n > 1 else np.nan,
    }


def distribution(values: pd.Series, low: int, high: int) -> str:
    """Counts of each point of the scale: '1:0; 2:3; 3:5; 4:1; 5:0'."""
    counts = values.round().astype(int).value_counts()
    return "; ".join(f"{point}:{int(counts.get(point, 0))}" for point in range(int(low), int(high) + 1))


def split(frame: pd.DataFrame, by) -> dict:
    """The rows of `frame` for each value of `by` (in their order), as
    ``frame[frame[by] == value]`` gives them; one pass instead of a filter per value."""
    return dict(iter(frame.groupby(by, sort=False)))


def part(groups: dict, key, frame: pd.DataFrame) -> pd.DataFrame:
    return groups[key] if key in groups else frame.iloc[0:0]


def item_summary(items: pd.DataFrame, responses: pd.DataFrame, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per item and wave: n, mean, median, SD (of scores) and the distribution of answers.
    `frame` is scored(items, responses) when the caller has it already."""
    frame = scored(items, responses) if frame is None else frame
    waves = wave_order(responses["wave"])
    groups = split(frame, ["item_id", "wave"])
    rows = []
    for item in items.itertuples(index=False):
        for wave in waves:
            in_wave = part(groups, (item.item_id, wave), frame)
            rows.append(
                {
                    "item_id": item.item_id,
                    "construct": item.construct,
                    "reverse": "yes" if item.reverse else "no",
                    "wave": wave,
                    **describe(in_wave["score"]),
                    "distribution": distribution(in_wave["value"], item.scale_min, item.scale_max),
                }
            )
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def constructs_in_order(items: pd.DataFrame) -> list[str]:
    return [c for c in dict.fromkeys(items["construct"]) if c]


def construct_scores(items: pd.DataFrame, responses: pd.DataFrame, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per respondent, wave and construct: the mean of their item scores."""
    frame = scored(items, responses) if frame is None else frame
    frame = frame[frame["construct"] != ""]
    if frame.empty:
        return pd.DataFrame(columns=["respondent_id", "wave", "construct", "score"])
    grouped = frame.groupby(["respondent_id", "wave", "construct"], sort=False)["score"].mean()
    return grouped.reset_index()


def construct_summary(
    items: pd.DataFrame, responses: pd.DataFrame, frame: pd.DataFrame | None = None, scores: pd.DataFrame | None = None
) -> pd.DataFrame:
    frame = scored(items, responses) if frame is None else frame
    scores = construct_scores(items, responses, frame) if scores is None else scores
    waves = wave_order(responses["wave"])
    score_groups = split(scores, ["construct", "wave"]) if len(scores) else {}
    answer_groups = split(frame, ["construct", "wave"])
    rows = []
    for construct in constructs_in_order(items):
        members = items[items["construct"] == construct]
        low, high = members["scale_min"].iloc[0], members["scale_max"].iloc[0]
        for wave in waves:
            in_wave = part(score_groups, (construct, wave), scores)
            answers = part(answer_groups, (construct, wave), frame)
            rows.append(
                {
                    "construct": construct,
                    "items": ";".join(members["item_id"]),
                    "wave": wave,
                    **describe(in_wave["score"]),
                    "answers": int(len(answers)),
                    "distribution": distribution(answers["score"], low, high),
                }
            )
    return pd.DataFrame(rows, columns=CONSTRUCT_COLUMNS)


def _tie_term(values: np.ndarray) -> float:
    _, counts = np.unique(values, return_counts=True)
    return float(((counts.astype(float) ** 3) - counts).sum())


def wilcoxon_paired(pre, post) -> dict:
    """Wilcoxon signed-rank test of post - pre for matched pairs, with Z and r."""
    pre, post = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    n_pairs = int(pre.size)
    result = {
        "test": "wilcoxon",
        "n_pairs": n_pairs,
        "statistic": np.nan,
        "z": np.nan,
        "p_value": np.nan,
        "effect_r": np.nan,
    }
    difference = post - pre
    nonzero = difference[difference != 0]
    m = int(nonzero.size)
    if m == 0:
        return result  # no pair changed: nothing to test
    ranks = stats.rankdata(np.abs(nonzero))
    t_plus = float(ranks[nonzero > 0].sum())
    variance = m * (m + 1) * (2 * m + 1) / 24 - _tie_term(np.abs(nonzero)) / 48
    z = (t_plus - m * (m + 1) / 4) / math.sqrt(variance)
    test = stats.wilcoxon(post, pre, zero_method="wilcox", correction=False, alternative="two-sided", method="auto")
    result.update(statistic=float(test.statistic), z=z, p_value=float(test.pvalue), effect_r=z / math.sqrt(n_pairs))
    return result


def mann_whitney(pre, post) -> dict:
    """Mann-Whitney U test of the post wave against the pre wave (independent samples)."""
    pre, post = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    n1, n2 = int(post.size), int(pre.size)
    result = {
        "test": "mann_whitney",
        "n_pairs": 0,
        "statistic": np.nan,
        "z": np.nan,
        "p_value": np.nan,
        "effect_r": np.nan,
    }
    if n1 == 0 or n2 == 0:
        return result
    total = n1 + n2
    test = stats.mannwhitneyu(post, pre, alternative="two-sided", use_continuity=False, method="auto")
    u = float(test.statistic)
    variance = n1 * n2 / 12 * ((total + 1) - _tie_term(np.concatenate([post, pre])) / (total * (total - 1)))
    result.update(statistic=u, p_value=float(test.pvalue))
    if variance > 0:
        z = (u - n1 * n2 / 2) / math.sqrt(variance)
        result.update(z=z, effect_r=z / math.sqrt(total))
    return result


def compare_waves(values: pd.DataFrame, pre_wave: str, post_wave: str) -> dict:
    """`values` has respondent_id, wave, score; compare two waves of one variable."""
    pre = values[values["wave"] == pre_wave].set_index("respondent_id")["score"]
    post = values[values["wave"] == post_wave].set_index("respondent_id")["score"]
    paired = [r for r in pre.index if r in post.index]
    summary = {
        "n_pre": int(pre.size),
        "n_post": int(post.size),
        "mean_pre": rounded(pre.mean()) if pre.size else np.nan,
        "mean_post": rounded(post.mean()) if post.size else np.nan,
    }
    if pre.empty or post.empty:  # asked in one wave only: described, not tested
        return {
            **summary,
            "n_pairs": 0,
            "test": "",
            "statistic": np.nan,
            "z": np.nan,
            "p_value": np.nan,
            "effect_r": np.nan,
        }
    if paired:
        result = wilcoxon_paired(pre.loc[paired].to_numpy(), post.loc[paired].to_numpy())
    else:
        result = mann_whitney(pre.to_numpy(), post.to_numpy())
    result.update(
        statistic=rounded(result["statistic"], 4),
        z=rounded(result["z"]),
        p_value=significant(result["p_value"]),
        effect_r=rounded(result["effect_r"]),
    )
    return {**summary, **result}


def survey_tests(
    items: pd.DataFrame, responses: pd.DataFrame, frame: pd.DataFrame | None = None, scores: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per item, then per construct: the first wave against the last.
    With a single wave only n and that wave's mean (as mean_post) are given."""
    frame = scored(items, responses) if frame is None else frame
    scores = construct_scores(items, responses, frame) if scores is None else scores
    waves = wave_order(responses["wave"])
    by_item = split(frame, "item_id")
    by_construct = split(scores, "construct") if len(scores) else {}
    variables = [
        ("item", item.item_id, item.construct, part(by_item, item.item_id, frame))
        for item in items.itertuples(index=False)
    ]
    variables += [
        ("construct", "", construct, part(by_construct, construct, scores)) for construct in constructs_in_order(items)
    ]
    rows = []
    for level, item, construct, values in variables:
        row = {"level": level, "item": item, "construct": construct, "n": int(values["respondent_id"].nunique())}
        if len(waves) >= 2:
            row.update(wave_pre=waves[0], wave_post=waves[-1], **compare_waves(values, waves[0], waves[-1]))
        elif len(waves) == 1:
            only = values["score"]
            row.update(
                wave_pre="",
                wave_post=waves[0],
                n_post=int(only.size),
                mean_post=rounded(only.mean()) if only.size else np.nan,
                test="",
            )
        rows.append(row)
    table = pd.DataFrame(rows, columns=TEST_COLUMNS)
    for column in COUNT_COLUMNS:
        table[column] = table[column].astype("Int64")  # blank, not 2.0, where absent
    return table

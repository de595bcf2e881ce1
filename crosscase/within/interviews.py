"""Interview-coded and focus-group data within one case.

Counts are of a code's own segments (not its child codes'). A *source* is one
transcript or set of notes (``source_id``); a *participant* is a non-blank
``participant_id``; a *group* is the ``group_id`` of a segment, or, when that is
blank (an individual interview, a document), its source.

Theme validation follows McCray and Palmer (after Morgan 1997, p. 60): a theme
carries weight by how many groups mentioned it, how many individuals mentioned
it, and how much enthusiasm (``emphasis``, 0-3 per segment, blank counting as
0) its discussion raised. Themes are ranked by groups, then individuals, then
total emphasis, all descending; codes equal on all three share a rank and the
next rank is skipped (1, 2, 2, 4). Ties are listed in codebook order.

The paper itself calls the validation "a combination" of the three. Beside the
strict order, ``validation_score`` offers that combination: the mean of three
shares, each from 0 to 1 and weighted equally,

* groups that mentioned the theme / groups in the case,
* individuals who mentioned it / individuals in the case,
* mean emphasis of its rated segments / 3 (0 when none is rated),

rounded to 4 decimals and ranked as ``score_rank`` (ties share a rank). The
denominators are the case's own groups and participants, so a score never
mixes cases.

Several coders. When a source was coded by more than one coder (``coder``),
the analyses here count the codings of one coder per source, the first coder
listed for that source in the segments sheet (its *primary* coder); the other
coders' codings serve the inter-coder agreement (:mod:`crosscase.within.agreement`)
and are never added to the counts, which would count a passage twice.

Themes by question and by cycle (:func:`themes_by`) apply the same counts and
ranks within each question (prompt) or action-research cycle of a case.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

THEME_COLUMNS = [
    "rank",
    "code",
    "parent",
    "description",
    "groups",
    "individuals",
    "emphasis",
    "segments",
    "sources",
    "participants",
    "validation_score",
    "score_rank",
    "group_ids",
    "segment_ids",
]
BY_COLUMNS = {
    "question": ["question", "question_text", *THEME_COLUMNS],
    "cycle": ["cycle", *THEME_COLUMNS],
}
MAX_EMPHASIS = 3
ROLE_COLUMNS = ["code", "participant_role", "segments", "sources", "participants"]
COOCCURRENCE_COLUMNS = ["code_a", "code_b", "sources", "source_ids"]
VALIDATION_KEYS = ("groups", "individuals", "emphasis")


def group_key(segments: pd.DataFrame) -> pd.Series:
    return segments["group_id"].where(segments["group_id"] != "", segments["source_id"])


def code_order(codebook: pd.DataFrame, segments: pd.DataFrame) -> list[str]:
    """Codebook order, then any code only found in segments (in order of use)."""
    return list(dict.fromkeys([*codebook["code"], *segments["code"]]))


def _present(value) -> bool:
    """What pandas' nunique counts: anything but a missing value."""
    return value is not None and value == value  # NaN != NaN


class _Segments:
    """The columns of a case's segments as plain lists, indexed by row: counting
    row subsets in Python is far cheaper than filtering a DataFrame per code."""

    def __init__(self, segments: pd.DataFrame):
        self.n = len(segments)
        self.segment_id = segments["segment_id"].tolist()
        self.source_id = segments["source_id"].tolist()
        self.participant_id = segments["participant_id"].tolist()
        self.role = segments["participant_role"].tolist()
        self.code = segments["code"].tolist()
        group = segments["group_id"].tolist()
        self.group = [g if g != "" else s for g, s in zip(group, self.source_id)]
        rated = pd.to_numeric(segments["emphasis"], errors="coerce")
        self.emphasis = rated.fillna(0).tolist()
        self.rated = rated.tolist()  # NaN where no emphasis was given

    def rows_by(self, *columns) -> dict:
        found: dict = {}
        keys = zip(*(getattr(self, c) for c in columns)) if len(columns) > 1 else getattr(self, columns[0])
        for index, key in enumerate(keys):
            found.setdefault(key, []).append(index)
        return found

    def counts(self, rows: list[int]) -> dict:
        named = (self.participant_id[i] for i in rows)
        participants = {p for p in named if p != "" and _present(p)}
        return {
            "segments": len(rows),
            "sources": len({self.source_id[i] for i in rows if _present(self.source_id[i])}),
            "participants": len(participants),
            "groups": len({self.group[i] for i in rows if _present(self.group[i])}) if rows else 0,
            "individuals": len(participants),
            "emphasis": int(sum(self.emphasis[i] for i in rows)),
        }

    def validation_score(self, rows: list[int], all_groups: int, all_individuals: int) -> float:
        """The combined score of the module docstring (0 to 1)."""
        if not rows:
            return 0.0
        c = self.counts(rows)
        rated = [self.rated[i] for i in rows if self.rated[i] == self.rated[i]]
        enthusiasm = sum(rated) / len(rated) / MAX_EMPHASIS if rated else 0.0
        groups = c["groups"] / all_groups if all_groups else 0.0
        individuals = c["individuals"] / all_individuals if all_individuals else 0.0
        return round((groups + individuals + enthusiasm) / 3, 4)


def primary_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """The codings of each source's primary coder (the first coder listed for
    the source); all rows when no coder column or one coder per source."""
    if "coder" not in segments.columns or segments.empty:
        return segments
    first = segments.groupby("source_id", sort=False)["coder"].transform("first")
    return segments[segments["coder"] == first]


def counts(segments: pd.DataFrame) -> dict:
    return _Segments(segments).counts(list(range(len(segments))))


def competition_rank(keys: list[tuple]) -> list[int]:
    """Standard competition ranks of already sorted keys (best first): 1, 2, 2, 4."""
    ranks = []
    for index, key in enumerate(keys):
        ranks.append(ranks[-1] if index and key == keys[index - 1] else index + 1)
    return ranks


def theme_table(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Every code with its counts, ranked as in the module docstring (the
    validation score's denominators: the groups and participants of `segments`)."""
    segments = primary_segments(segments)
    known = {}
    for code, parent, description in zip(codebook["code"], codebook["parent"], codebook["description"]):
        known.setdefault(code, (parent, description))
    table = _Segments(segments)
    by_code = table.rows_by("code")
    whole = table.counts(list(range(table.n)))
    rows = []
    for position, code in enumerate(code_order(codebook, segments)):
        own = by_code.get(code, [])
        parent, description = known.get(code, ("", ""))
        rows.append(
            {
                "code": code,
                "parent": parent,
                "description": description,
                **table.counts(own),
                "validation_score": table.validation_score(own, whole["groups"], whole["individuals"]),
                "group_ids": ";".join(dict.fromkeys(table.group[i] for i in own)),
                "segment_ids": ";".join(table.segment_id[i] for i in own),
                "_position": position,
            }
        )
    by_score = sorted(rows, key=lambda r: (-r["validation_score"], r["_position"]))
    for row, rank in zip(by_score, competition_rank([(r["validation_score"],) for r in by_score])):
        row["score_rank"] = rank
    rows.sort(key=lambda r: (*(-r[k] for k in VALIDATION_KEYS), r["_position"]))
    ranks = competition_rank([tuple(r[k] for k in VALIDATION_KEYS) for r in rows])
    for row, rank in zip(rows, ranks):
        row["rank"] = rank
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def natural_key(value: str):
    """Q2 before Q10, cycle 2 before cycle 10."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value)]


def themes_by(
    codebook: pd.DataFrame, segments: pd.DataFrame, key: str, questions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The theme table within each question or cycle (`key`) of one case, for
    the codes mentioned there; segments with a blank `key` are left out. The
    validation score's denominators are the groups and participants of that
    question or cycle. Questions come in the order of the questions sheet,
    then in natural order; cycles in natural order."""
    columns = BY_COLUMNS[key]
    if key not in segments.columns:
        return pd.DataFrame(columns=columns)
    segments = primary_segments(segments)
    values = [v for v in dict.fromkeys(segments[key]) if v]
    listed = list(questions["question"]) if key == "question" and questions is not None else []
    values.sort(key=lambda v: (listed.index(v) if v in listed else len(listed), natural_key(v)))
    texts = dict(zip(questions["question"], questions["text"])) if key == "question" and questions is not None else {}
    parts = []
    for value in values:
        table = theme_table(codebook, segments[segments[key] == value])
        table = table[table["segments"] > 0]
        table.insert(0, key, value)
        if key == "question":
            table.insert(1, "question_text", texts.get(value, ""))
        parts.append(table)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def codes_by_role(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per code and participant role (blank role = ''): segments, sources, participants."""
    segments = primary_segments(segments)
    table = _Segments(segments)
    by_code_role = table.rows_by("code", "role")
    roles = sorted(set(table.role))
    rows = []
    for code in code_order(codebook, segments):
        for role in roles:
            part = by_code_role.get((code, role))
            if part:
                c = table.counts(part)
                rows.append(
                    {
                        "code": code,
                        "participant_role": role,
                        "segments": c["segments"],
                        "sources": c["sources"],
                        "participants": c["participants"],
                    }
                )
    return pd.DataFrame(rows, columns=ROLE_COLUMNS)


def cooccurrence(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Pairs of codes applied within the same source: how many sources, which ones."""
    segments = primary_segments(segments)
    order = {code: i for i, code in enumerate(code_order(codebook, segments))}
    shared: dict[tuple, list[str]] = {}
    for source, part in segments.groupby("source_id", sort=False):
        codes = sorted(set(part["code"]), key=order.__getitem__)
        for a, b in combinations(codes, 2):
            shared.setdefault((a, b), []).append(source)
    rows = [
        {"code_a": a, "code_b": b, "sources": len(sources), "source_ids": ";".join(sources)}
        for (a, b), sources in sorted(shared.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    ]
    return pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)

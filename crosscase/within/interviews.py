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
"""
from __future__ import annotations

from itertools import combinations

import pandas as pd

THEME_COLUMNS = [
    "rank", "code", "parent", "description", "groups", "individuals", "emphasis", "segments", "sources",
    "participants", "group_ids", "segment_ids",
]
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
        self.emphasis = pd.to_numeric(segments["emphasis"], errors="coerce").fillna(0).tolist()

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


def counts(segments: pd.DataFrame) -> dict:
    return _Segments(segments).counts(list(range(len(segments))))


def competition_rank(keys: list[tuple]) -> list[int]:
    """Standard competition ranks of already sorted keys (best first): 1, 2, 2, 4."""
    ranks = []
    for index, key in enumerate(keys):
        ranks.append(ranks[-1] if index and key == keys[index - 1] else index + 1)
    return ranks


def theme_table(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Every code with its counts, ranked as in the module docstring."""
    known = {}
    for code, parent, description in zip(codebook["code"], codebook["parent"], codebook["description"]):
        known.setdefault(code, (parent, description))
    table = _Segments(segments)
    by_code = table.rows_by("code")
    rows = []
    for position, code in enumerate(code_order(codebook, segments)):
        own = by_code.get(code, [])
        parent, description = known.get(code, ("", ""))
        rows.append({
            "code": code,
            "parent": parent,
            "description": description,
            **table.counts(own),
            "group_ids": ";".join(dict.fromkeys(table.group[i] for i in own)),
            "segment_ids": ";".join(table.segment_id[i] for i in own),
            "_position": position,
        })
    rows.sort(key=lambda r: (*(-r[k] for k in VALIDATION_KEYS), r["_position"]))
    ranks = competition_rank([tuple(r[k] for k in VALIDATION_KEYS) for r in rows])
    for row, rank in zip(rows, ranks):
        row["rank"] = rank
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def codes_by_role(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per code and participant role (blank role = ''): segments, sources, participants."""
    table = _Segments(segments)
    by_code_role = table.rows_by("code", "role")
    roles = sorted(set(table.role))
    rows = []
    for code in code_order(codebook, segments):
        for role in roles:
            part = by_code_role.get((code, role))
            if part:
                c = table.counts(part)
                rows.append({"code": code, "participant_role": role, "segments": c["segments"],
                             "sources": c["sources"], "participants": c["participants"]})
    return pd.DataFrame(rows, columns=ROLE_COLUMNS)


def cooccurrence(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Pairs of codes applied within the same source: how many sources, which ones."""
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

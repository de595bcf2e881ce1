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


def counts(segments: pd.DataFrame) -> dict:
    participants = segments.loc[segments["participant_id"] != "", "participant_id"]
    emphasis = pd.to_numeric(segments["emphasis"], errors="coerce").fillna(0)
    return {
        "segments": int(len(segments)),
        "sources": int(segments["source_id"].nunique()),
        "participants": int(participants.nunique()),
        "groups": int(group_key(segments).nunique()) if len(segments) else 0,
        "individuals": int(participants.nunique()),
        "emphasis": int(emphasis.sum()),
    }


def competition_rank(keys: list[tuple]) -> list[int]:
    """Standard competition ranks of already sorted keys (best first): 1, 2, 2, 4."""
    ranks = []
    for index, key in enumerate(keys):
        ranks.append(ranks[-1] if index and key == keys[index - 1] else index + 1)
    return ranks


def theme_table(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Every code with its counts, ranked as in the module docstring."""
    info = codebook.set_index("code") if len(codebook) else None
    rows = []
    for position, code in enumerate(code_order(codebook, segments)):
        own = segments[segments["code"] == code]
        known = info is not None and code in info.index
        rows.append({
            "code": code,
            "parent": info.at[code, "parent"] if known else "",
            "description": info.at[code, "description"] if known else "",
            **counts(own),
            "group_ids": ";".join(dict.fromkeys(group_key(own))) if len(own) else "",
            "segment_ids": ";".join(own["segment_id"]),
            "_position": position,
        })
    rows.sort(key=lambda r: (*(-r[k] for k in VALIDATION_KEYS), r["_position"]))
    ranks = competition_rank([tuple(r[k] for k in VALIDATION_KEYS) for r in rows])
    for row, rank in zip(rows, ranks):
        row["rank"] = rank
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def codes_by_role(codebook: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per code and participant role (blank role = ''): segments, sources, participants."""
    rows = []
    roles = sorted(segments["participant_role"].unique())
    for code in code_order(codebook, segments):
        own = segments[segments["code"] == code]
        for role in roles:
            part = own[own["participant_role"] == role]
            if len(part):
                c = counts(part)
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

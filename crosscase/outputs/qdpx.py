"""The synthesis as one REFI-QDA project (results/synthesis.qdpx): every
compared case's codebook and segments, read once as datasets, split by case."""

from __future__ import annotations

import pandas as pd

from crosscase.ingest.refiqda_export import CasePart, synthesis_qdpx_bytes


def synthesis_parts(codebook: pd.DataFrame, segments: pd.DataFrame, order: list[str], labels: list[str]):
    """One CasePart per case of `order` (with its label), in that order; a case
    without coded data is left out (it has nothing to import)."""
    books = {case: frame.drop(columns="case_id") for case, frame in codebook.groupby("case_id", sort=False)}
    coded = {case: frame.drop(columns="case_id") for case, frame in segments.groupby("case_id", sort=False)}
    no_codes, no_segments = codebook.iloc[:0].drop(columns="case_id"), segments.iloc[:0].drop(columns="case_id")
    return [
        CasePart(case, label, books.get(case, no_codes), coded.get(case, no_segments))
        for case, label in zip(order, labels)
        if case in coded or case in books
    ]


def stage(inputs: dict, params: dict, wildcards: dict) -> dict[str, bytes]:
    """The rule synthesis_qdpx (workflow/rules/evidence.smk, generic adapter)."""
    from crosscase import __version__
    from crosscase.ingest.store import read_table

    order = list(params["case_order"])
    codebook = read_table(inputs["codebook"], "codebook", order)
    segments = read_table(inputs["segments"], "segments", order)
    parts = synthesis_parts(codebook, segments, order, list(params["labels"]))
    return {"qdpx": synthesis_qdpx_bytes(parts, __version__)}

"""Framework matrices (NVivo's framework matrix, MAXQDA's summary grid):
cases as rows, themes (codes) or the six stages of the framework as columns,
and in each cell the count, the researcher's summary and a few verbatim
quotes with their segment ids.

* **Case x theme.** Count: the case's coded segments of the code (its primary
  coders' codings, see :mod:`crosscase.within.interviews`). Summary: the
  ``summary`` (or ``memo``) column of the case's codebook, or the memo a
  REFI-QDA code refers to; when the researcher wrote none the cell says
  ``NOT_WRITTEN``; nothing is ever generated in its place.
* **Case x stage.** The six elements of section 3.1 (context understood and
  experienced, mechanism planned and delivered, outcomes expected and
  realised). Count: the framework items behind the element (as in each case's
  framework.csv). Summary: the element's text in the ``summary`` sheet of the
  case workbook. Quotes: segments coded with the items' categories or with a
  code the items cite (``code:NAME`` in ``evidence``).

Quotes: up to ``quotes_per_cell`` (configuration ``framework_matrix``)
segments with text, the most emphatic first, then in the order of the
segments sheet; the same text is quoted once. Quotes are verbatim and carry
their segment id. With the shipped example data most quotes are synthetic,
and say so in their text ("SYNTHETIC: ...").

Each case's cells come from that case's rows alone. Two layouts: a long table
(one row per case and column: the CSV for machines, segment ids included)
and a wide one (one row per case: the display).
"""

from __future__ import annotations

import pandas as pd

from crosscase.within.evidence import case_splitter, parse_evidence
from crosscase.within.framework import ELEMENTS, element_items
from crosscase.within.interviews import code_order, primary_segments

NOT_WRITTEN = "[summary not written]"
DEFAULT_QUOTES = 2
THEME_COLUMNS = [
    "case_id",
    "code",
    "segments",
    "summary",
    "summary_written",
    "quotes",
    "quote_segment_ids",
    "segment_ids",
]
STAGE_COLUMNS = [
    "case_id",
    "element",
    "items",
    "summary",
    "summary_written",
    "quotes",
    "quote_segment_ids",
    "codes",
    "item_ids",
]


def _case_rows(frame: pd.DataFrame | None):
    """A function case_id -> that case's rows (case_id dropped, index reset),
    the table split once; a table without case_id gives every case no rows."""
    if frame is None or "case_id" not in frame.columns:
        empty = pd.DataFrame(columns=[] if frame is None else frame.columns)
        return lambda case_id: empty
    return case_splitter(frame)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def choose_quotes(candidates: list[tuple[str, object, float]], n: int) -> list[tuple[str, str]]:
    """Up to n (segment_id, text) of the (segment_id, text, emphasis) candidates,
    given in sheet order: most emphatic first, then sheet order; segments
    without text left out; the same text (whitespace collapsed) quoted once."""
    if n <= 0:
        return []
    kept = [(emphasis, k, sid, text) for k, (sid, text, emphasis) in enumerate(candidates) if _text(text) != ""]
    kept.sort(key=lambda c: (-c[0], c[1]))
    quotes, seen = [], set()
    for _emphasis, _k, sid, raw in kept:
        text = " ".join(_text(raw).split())
        if text in seen:
            continue
        seen.add(text)
        quotes.append((sid, text))
        if len(quotes) == n:
            break
    return quotes


def _emphasis(segments: pd.DataFrame) -> list[float]:
    """Each segment's emphasis for ordering quotes: blank or not a number as -1."""
    return pd.to_numeric(segments["emphasis"], errors="coerce").fillna(-1).tolist()


def pick_quotes(segments: pd.DataFrame, n: int) -> list[tuple[str, str]]:
    """Up to n (segment_id, text): most emphatic first, then sheet order; one per text."""
    if segments.empty or n <= 0:
        return []
    return choose_quotes(list(zip(segments["segment_id"], segments["text"], _emphasis(segments))), n)


class _CaseSegments:
    """One case's segments as plain lists, with each code's rows (sheet order):
    a cell of the matrix is then a list look-up, not a DataFrame filter."""

    def __init__(self, segments: pd.DataFrame):
        self.segment_id = segments["segment_id"].tolist()
        self.text = segments["text"].tolist()
        self.emphasis = _emphasis(segments) if len(segments) else []
        self.rows_of: dict = {}
        for index, code in enumerate(segments["code"].tolist()):
            self.rows_of.setdefault(code, []).append(index)

    def rows(self, codes) -> list[int]:
        """The rows coded with any of `codes`, in sheet order."""
        return sorted(i for code in dict.fromkeys(codes) for i in self.rows_of.get(code, []))

    def quotes(self, rows: list[int], n: int) -> list[tuple[str, str]]:
        if not rows:
            return []
        return choose_quotes([(self.segment_id[i], self.text[i], self.emphasis[i]) for i in rows], n)


def _quote_fields(quotes: list[tuple[str, str]]) -> dict:
    return {
        "quotes": "\n".join(f"\u201c{text}\u201d ({sid})" for sid, text in quotes),
        "quote_segment_ids": ";".join(sid for sid, _ in quotes),
    }


def theme_matrix(
    codebook: pd.DataFrame, segments: pd.DataFrame, case_order: list[str], quotes_per_cell: int = DEFAULT_QUOTES
) -> pd.DataFrame:
    """Long case x theme matrix: every code of any case (in order of first use
    across the cases) for every case that has coded data."""
    per_case = {}
    codebook_of, segments_of = _case_rows(codebook), _case_rows(segments)
    for case in case_order:
        book, segs = codebook_of(case), primary_segments(segments_of(case))
        if len(book) or len(segs):
            per_case[case] = (book, segs)
    codes = list(dict.fromkeys(code for book, segs in per_case.values() for code in code_order(book, segs)))
    rows = []
    for case, (book, segs) in per_case.items():
        summaries = dict(zip(book["code"], book["summary"])) if "summary" in book else {}
        coded = _CaseSegments(segs)
        for code in codes:
            own = coded.rows_of.get(code, [])
            summary = _text(summaries.get(code))
            rows.append(
                {
                    "case_id": case,
                    "code": code,
                    "segments": len(own),
                    "summary": summary or NOT_WRITTEN,
                    "summary_written": "yes" if summary else "no",
                    **_quote_fields(coded.quotes(own, quotes_per_cell)),
                    "segment_ids": ";".join(coded.segment_id[i] for i in own),
                }
            )
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def stage_matrix(
    framework: pd.DataFrame,
    summary: pd.DataFrame,
    codebook: pd.DataFrame,
    segments: pd.DataFrame,
    case_order: list[str],
    quotes_per_cell: int = DEFAULT_QUOTES,
) -> pd.DataFrame:
    """Long case x six-stage matrix (module docstring)."""
    rows = []
    framework_of, summary_of = _case_rows(framework), _case_rows(summary)
    codebook_of, segments_of = _case_rows(codebook), _case_rows(segments)
    for case in case_order:
        items = framework_of(case)
        own_summary = summary_of(case)
        texts = dict(zip(own_summary["stage"], own_summary["text"]))
        book = codebook_of(case)
        segs = primary_segments(segments_of(case))
        known = set(book["code"]) | set(segs["code"])
        coded = _CaseSegments(segs)
        for element, stage_key, stage, selector in ELEMENTS:
            chosen = element_items(items, stage, selector) if len(items) else items
            codes = []
            for category, evidence in zip(chosen["category"], chosen["evidence"]):
                codes += [t for t in str(category or "").split(";") if t]
                codes += [name for kind, name in parse_evidence(evidence)[0] if kind == "code"]
            codes = [c for c in dict.fromkeys(codes) if c in known]
            own = coded.rows(codes)
            text = _text(texts.get(stage_key))
            rows.append(
                {
                    "case_id": case,
                    "element": element,
                    "items": len(chosen),
                    "summary": text or NOT_WRITTEN,
                    "summary_written": "yes" if text else "no",
                    **_quote_fields(coded.quotes(own, quotes_per_cell)),
                    "codes": ";".join(codes),
                    "item_ids": ";".join(chosen["item_id"]),
                }
            )
    return pd.DataFrame(rows, columns=STAGE_COLUMNS)


def cell_text(count: int, noun: str, summary: str, quotes: str) -> str:
    """One wide cell: count, summary, quotes (each on its own line); blank
    when the case has nothing there (no segment and no summary)."""
    if count == 0 and summary == NOT_WRITTEN and not quotes:
        return ""
    parts = [f"{count} {noun if count == 1 else noun + 's'}", summary]
    if quotes:
        parts.append(quotes)
    return "\n".join(parts)


def wide(long: pd.DataFrame, column: str, count: str, noun: str) -> pd.DataFrame:
    """The display layout: one row per case, one column per code or element."""
    if long.empty:
        return pd.DataFrame(columns=["case_id"])
    columns = list(dict.fromkeys(long[column]))
    rows = []
    for case, part in long.groupby("case_id", sort=False):
        row = {"case_id": case}
        for record in part.itertuples(index=False):
            row[getattr(record, column)] = cell_text(int(getattr(record, count)), noun, record.summary, record.quotes)
        rows.append(row)
    return pd.DataFrame(rows, columns=["case_id", *columns])

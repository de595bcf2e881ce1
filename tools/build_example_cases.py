#!/usr/bin/env python3
"""Build the example case workbooks from their reviewable YAML sources.

The thesis's eight case studies are encoded as text in ``data/source/CS*.yaml``
(one file per case, each framework item annotated with the thesis phrase it
encodes). This script turns each of them into ``<out>/<case_id>/case.xlsx``
following the case-folder contract of the README: sheets ``case``,
``typology``, ``methods``, ``framework`` and ``summary``, header row first,
plain cell values, ``yes``/``no`` for booleans.

It runs only when called explicitly::

    python tools/build_example_cases.py [--out data/raw] [--source data/source]

The output is byte-for-byte reproducible (fixed document timestamps and zip
entry dates), so a regenerated workbook only shows up in ``git diff`` when
its content changed. Every source file is validated against
``config/vocabulary.yaml`` first; on any problem nothing is written and all
problems are listed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from crosscase.common.files import write_bytes
from crosscase.common.xlsx import reproducible_xlsx_bytes
from crosscase.ingest.contract import FRAMEWORK_CORE, FRAMEWORK_OPTIONAL

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "data" / "source"
DEFAULT_OUT = ROOT / "data" / "raw"
DEFAULT_VOCABULARY = ROOT / "config" / "vocabulary.yaml"

# Sheet layout of the case-folder contract: sheet name -> header row.
SHEETS: dict[str, list[str]] = {
    "case": ["field", "value"],
    "typology": ["dimension", "attribute", "present"],
    "methods": ["method", "used", "n", "notes"],
    "framework": [*FRAMEWORK_CORE, *FRAMEWORK_OPTIONAL],
    "summary": ["stage", "text"],
}
CASE_FIELDS = [
    "case_id",
    "title",
    "change_through",
    "overview",
    "publications",
    "instigator_level",
    "reported_success",
    "sources",
]
# Optional case fields, after the required ones when present.
OPTIONAL_CASE_FIELDS = ["publication_theories"]
SUMMARY_STAGES = [
    "context_understood",
    "mechanism_planned",
    "outcome_expected",
    "outcome_realised",
    "mechanism_delivered",
    "context_experienced",
]
FACETS = {
    "context": ["internal", "external"],
    "mechanism": ["change_theory", "change_activity"],
    "outcome": ["intermediary", "long_term"],
}
# item_id letter for each facet group: CS1-C01, CS1-T01, CS1-A01, CS1-O01.
ID_LETTER = {
    "internal": "C",
    "external": "C",
    "change_theory": "T",
    "change_activity": "A",
    "intermediary": "O",
    "long_term": "O",
}
OBSERVED = ["full", "partial", "none", "unknown"]
FRAMEWORK_KEYS = set(SHEETS["framework"])
# Fixed timestamp written into docProps/core.xml and the zip entries.


class SourceError(Exception):
    """One or more problems in the YAML sources; the message lists them all."""


def load_vocabulary(path: Path = DEFAULT_VOCABULARY) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_source(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping at the top level")
    return data


def yes_no(value: Any) -> str:
    """YAML booleans (yes/no/true/false) -> the contract's 'yes'/'no' text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    raise TypeError(f"expected a boolean, got {value!r}")


def validate(case: dict[str, Any], vocab: dict[str, Any], where: str, expected_id: str | None = None) -> list[str]:
    """Return every problem found in one case source (empty list if none)."""
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{where}: {msg}")

    for key in ("case", "typology", "methods", "framework", "summary"):
        if key not in case:
            bad(f"missing top-level key '{key}'")
    if problems:
        return problems

    # case
    fields = case["case"]
    if list(fields)[: len(CASE_FIELDS)] != CASE_FIELDS or not set(list(fields)[len(CASE_FIELDS) :]) <= set(
        OPTIONAL_CASE_FIELDS
    ):
        bad(
            f"case fields must be, in order, {CASE_FIELDS} (then optionally {OPTIONAL_CASE_FIELDS}); got {list(fields)}"
        )
    cid = str(fields.get("case_id", ""))
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,31}", cid):
        bad(f"case_id {cid!r} is not a valid identifier")
    if expected_id is not None and cid != expected_id:
        bad(f"case_id {cid!r} differs from the file name {expected_id!r}")
    for key in CASE_FIELDS:
        if not isinstance(fields.get(key), str) or not fields.get(key, "").strip():
            bad(f"case.{key} must be non-empty text")
    if fields.get("instigator_level") not in vocab["instigator_level"]:
        bad(f"instigator_level {fields.get('instigator_level')!r} not in {vocab['instigator_level']}")
    if fields.get("reported_success") not in vocab["reported_success"]:
        bad(f"reported_success {fields.get('reported_success')!r} not in {vocab['reported_success']}")

    # typology
    for dim, attrs in case["typology"].items():
        if dim not in vocab["typology"]:
            bad(f"typology dimension {dim!r} not in the vocabulary")
            continue
        for attr in attrs or []:
            if attr not in vocab["typology"][dim]:
                bad(f"typology attribute {dim}.{attr} not in the vocabulary")
        if len(set(attrs or [])) != len(attrs or []):
            bad(f"typology {dim} lists an attribute twice")

    # methods
    names = [m.get("method") for m in case["methods"]]
    if sorted(names) != sorted(vocab["methods"]) or len(set(names)) != len(names):
        bad(f"methods must list each of {vocab['methods']} exactly once; got {names}")
    for m in case["methods"]:
        if not isinstance(m.get("used"), bool):
            bad(f"method {m.get('method')!r}: used must be yes/no")
        n = m.get("n")
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
            bad(f"method {m.get('method')!r}: n must be blank or a whole number")

    # framework
    seen: set[str] = set()
    cats = vocab["framework_categories"]
    for i, item in enumerate(case["framework"], start=1):
        iid = item.get("item_id", f"#{i}")
        extra = set(item) - FRAMEWORK_KEYS
        if extra:
            bad(f"{iid}: unknown keys {sorted(extra)}")
        if iid in seen:
            bad(f"{iid}: duplicate item_id")
        seen.add(iid)
        stage, facet = item.get("stage"), item.get("facet")
        if stage not in FACETS:
            bad(f"{iid}: stage {stage!r} not one of {list(FACETS)}")
            continue
        if facet not in FACETS[stage]:
            bad(f"{iid}: facet {facet!r} not valid for stage {stage} ({FACETS[stage]})")
            continue
        if not re.fullmatch(rf"{re.escape(cid)}-{ID_LETTER[facet]}\d{{2}}", str(iid)):
            bad(f"{iid}: item_id should look like {cid}-{ID_LETTER[facet]}01 for a {facet} item")
        category = item.get("category")
        if not isinstance(category, list):
            bad(f"{iid}: category must be a list (possibly empty)")
        else:
            for term in category:
                if term not in cats.get(stage, []):
                    bad(f"{iid}: category {term!r} not in framework_categories.{stage}")
        if not isinstance(item.get("anticipated"), bool):
            bad(f"{iid}: anticipated must be yes/no")
        if item.get("observed") not in OBSERVED:
            bad(f"{iid}: observed {item.get('observed')!r} not one of {OBSERVED}")
        if not str(item.get("description") or "").strip():
            bad(f"{iid}: description is empty")
        if not str(item.get("evidence") or "").strip():
            bad(f"{iid}: evidence is empty")
        problems += [
            f"{where}: {iid}: {m}"
            for m in check_optional(item, stage, facet, {i.get("item_id"): i for i in case["framework"]})
        ]
        has_beneficiary = bool(str(item.get("beneficiary") or "").strip())
        if stage == "outcome" and not has_beneficiary:
            bad(f"{iid}: outcome items need a beneficiary")
        if stage != "outcome" and has_beneficiary:
            bad(f"{iid}: beneficiary is for outcome items only")

    # summary
    if list(case["summary"]) != SUMMARY_STAGES:
        bad(f"summary stages must be, in order, {SUMMARY_STAGES}; got {list(case['summary'])}")
    for stage, text in case["summary"].items():
        if not str(text or "").strip():
            bad(f"summary.{stage} is empty")
    return problems


SCOPES = {
    "direction": ("context", ["enabler", "barrier"]),
    "severity": ("context", ["minor", "major"]),
    "adherence": ("change_theory", OBSERVED),
    "proved_correct": ("change_theory", OBSERVED),
}


def check_optional(item: dict[str, Any], stage: str, facet: str, by_id: dict[str, dict]) -> list[str]:
    """Problems with the optional fields of one item (the workbook validator
    checks the same rules again at ingestion)."""
    out = []
    for key, (scope, levels) in SCOPES.items():
        if key in item:
            if scope not in (stage, facet):
                out.append(f"{key} is only for {scope} items")
            elif item[key] not in levels:
                out.append(f"{key} {item[key]!r} not one of {levels}")
    links = item.get("links", [])
    if not isinstance(links, list):
        out.append("links must be a list of item_ids")
    else:
        for target in links:
            if target not in by_id or target == item.get("item_id"):
                out.append(f"links {target!r}: not another item of this case")
    if "realised_for" in item:
        if stage != "outcome" or not isinstance(item["realised_for"], dict):
            out.append("realised_for is a mapping {group: level} for outcome items")
        elif any(v not in OBSERVED for v in item["realised_for"].values()):
            out.append(f"realised_for levels must be in {OBSERVED}")
    if "explicit_theory" in item and not set(item["explicit_theory"]) <= set(item.get("category") or []):
        out.append("explicit_theory must list some of the item's own categories")
    if "memo" in item and not str(item["memo"]).strip():
        out.append("memo is empty")
    return out


def sheet_rows(case: dict[str, Any], vocab: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The cell values of every sheet, header row first (None = empty cell)."""
    fields = case["case"]
    rows: dict[str, list[list[Any]]] = {name: [list(header)] for name, header in SHEETS.items()}
    rows["case"] += [[key, fields[key]] for key in CASE_FIELDS]
    rows["case"] += [[key, fields[key]] for key in OPTIONAL_CASE_FIELDS if key in fields]
    present = {dim: set(attrs or []) for dim, attrs in case["typology"].items()}
    for dim, attrs in vocab["typology"].items():
        for attr in attrs:
            rows["typology"].append([dim, attr, "yes" if attr in present.get(dim, set()) else "no"])
    by_name = {m["method"]: m for m in case["methods"]}
    for name in vocab["methods"]:
        m = by_name[name]
        rows["methods"].append([name, yes_no(m["used"]), m.get("n"), m.get("notes") or None])
    for item in case["framework"]:
        rows["framework"].append(
            [
                item["item_id"],
                item["stage"],
                item["facet"],
                ";".join(item["category"]) or None,
                item["description"].strip(),
                yes_no(item["anticipated"]),
                item["observed"],
                (item.get("beneficiary") or None),
                item["evidence"].strip(),
                ";".join(item.get("links", [])) or None,
                item.get("direction"),
                item.get("severity"),
                item.get("adherence"),
                item.get("proved_correct"),
                "; ".join(f"{g}={lv}" for g, lv in (item.get("realised_for") or {}).items()) or None,
                ";".join(item.get("explicit_theory", [])) or None,
                " ".join(str(item.get("memo") or "").split()) or None,
            ]
        )
    rows["summary"] += [[stage, case["summary"][stage].strip()] for stage in SUMMARY_STAGES]
    return rows


def workbook_bytes(rows: dict[str, list[list[Any]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, sheet in rows.items():
        ws = wb.create_sheet(name)
        for row in sheet:
            ws.append(row)
        # Column widths only, for people opening the file; values stay plain.
        for idx, _header in enumerate(sheet[0], start=1):
            longest = max(len(str(r[idx - 1] or "")) for r in sheet)
            ws.column_dimensions[ws.cell(row=1, column=idx).column_letter].width = min(max(10, longest + 2), 80)
        ws.freeze_panes = "A2"
    return reproducible_xlsx_bytes(wb, author="crosscase tools/build_example_cases.py")


def load_all(source: Path = DEFAULT_SOURCE, vocabulary: Path = DEFAULT_VOCABULARY) -> dict[str, dict[str, Any]]:
    """Load and validate every ``<source>/*.yaml``; raise SourceError listing all problems."""
    vocab = load_vocabulary(vocabulary)
    files = sorted(Path(source).glob("*.yaml"), key=lambda p: _natural_key(p.stem))
    if not files:
        raise SourceError(f"no *.yaml case sources in {source}")
    cases: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for path in files:
        try:
            case = load_source(path)
        except (yaml.YAMLError, SourceError) as exc:
            problems.append(f"{path}: cannot read: {exc}")
            continue
        problems += validate(case, vocab, str(path), expected_id=path.stem)
        cases[path.stem] = case
    if problems:
        raise SourceError("\n".join(problems))
    add_evidence_citations(cases, Path(source) / CITATIONS_FILE)
    return cases


# Citations of the SYNTHETIC survey, interview and secondary files written by
# tools/make_synthetic_data.py, kept apart from the thesis encoding so that the
# YAML of each case holds only what the thesis says.
CITATIONS_FILE = "evidence_citations.yml"


def add_evidence_citations(cases: dict[str, dict[str, Any]], path: Path) -> None:
    """Append `survey:`/`code:`/`indicator:` citations to the items' evidence text."""
    if not path.exists():
        return
    citations = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for cid, by_item in citations.items():
        if cid not in cases:
            continue
        for item in cases[cid]["framework"]:
            extra = by_item.get(item["item_id"], [])
            if extra:
                item["evidence"] = "; ".join([item["evidence"].strip(), *extra])


def build_all(
    out: Path = DEFAULT_OUT, source: Path = DEFAULT_SOURCE, vocabulary: Path = DEFAULT_VOCABULARY
) -> list[Path]:
    """Write ``<out>/<case_id>/case.xlsx`` for every source; return the paths written."""
    vocab = load_vocabulary(vocabulary)
    cases = load_all(source, vocabulary)
    written = []
    for cid, case in cases.items():
        path = Path(out) / cid / "case.xlsx"
        write_bytes(path, workbook_bytes(sheet_rows(case, vocab)))
        written.append(path)
    return written


def _natural_key(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder to write <case_id>/case.xlsx into (default: data/raw)"
    )
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="folder of <case_id>.yaml sources (default: data/source)"
    )
    parser.add_argument(
        "--vocabulary",
        type=Path,
        default=DEFAULT_VOCABULARY,
        help="controlled vocabulary (default: config/vocabulary.yaml)",
    )
    args = parser.parse_args(argv)
    try:
        written = build_all(args.out, args.source, args.vocabulary)
    except SourceError as exc:
        print(f"build_example_cases: nothing written; problems in the sources:\n{exc}", file=sys.stderr)
        return 1
    for path in written:
        try:
            shown = path.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = path
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

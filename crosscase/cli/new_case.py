"""`crosscase new-case ID [--from CASE] [--with survey,interviews,secondary]`:
create data/raw/ID/ with a case.xlsx template (blank, or copied from an
existing case) and add the case to config/cases.tsv.

Refuses, with exit status 2 and a message, an invalid ID, an ID already in
config/cases.tsv, or a folder that already exists. Nothing is written unless
everything can be written."""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

CASE_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
USAGE_ERROR = 2


class Refusal(Exception):
    """A reason not to create the case; shown as a message, exit status 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "case_id", metavar="ID", help="identifier of the new case: a letter, then up to 31 letters, digits, _ or -"
    )
    parser.add_argument(
        "--from",
        dest="from_case",
        metavar="CASE",
        help="copy case.xlsx of this existing case (its case_id is replaced)",
    )
    parser.add_argument(
        "--with",
        dest="with_",
        metavar="KINDS",
        default="",
        help="also create blank optional workbooks: any of survey,interviews,secondary (comma-separated)",
    )
    parser.add_argument("--label", help="label of the case in config/cases.tsv (default: the ID)")
    parser.add_argument("--root", default=".", help="the workflow folder holding config/ and data/ (default: .)")


def workflow_config(root: Path) -> dict:
    from crosscase.ingest.cases import CaseListError, workflow_settings

    try:
        return workflow_settings(root)
    except CaseListError as exc:
        raise Refusal(str(exc)) from None


def parse_kinds(text: str) -> list[str]:
    from crosscase.cli.template import OPTIONAL_KINDS

    kinds = [k.strip().lower() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in OPTIONAL_KINDS]
    if unknown:
        raise Refusal(
            f"--with: unknown workbook {', '.join(repr(k) for k in unknown)} (expected any of {','.join(OPTIONAL_KINDS)})"
        )
    return list(dict.fromkeys(kinds))


def append_case_row(cases_path: Path, row: list[str]) -> None:
    """Append one row to the TSV, adding the missing final newline if needed."""
    text = cases_path.read_text(encoding="utf-8") if cases_path.exists() else "case_id\tlabel\tpath\tinclude\n"
    if text and not text.endswith("\n"):
        text += "\n"
    text += "\t".join(row) + "\n"
    tmp = cases_path.with_name(f".{cases_path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(cases_path)


def create_case(
    root: Path, case_id: str, from_case: str | None = None, kinds=(), label: str | None = None
) -> list[Path]:
    """Create the case folder and its row; return the files written."""
    from crosscase.cli.template import TemplateError, blank_case_workbook, copied_case_workbook, optional_workbook, save
    from crosscase.ingest.cases import CaseListError, read_case_list
    from crosscase.ingest.vocabulary import load_vocabulary

    if not CASE_ID_PATTERN.match(case_id):
        raise Refusal(
            f"'{case_id}' is not a valid case ID: it must start with a letter and hold only letters, digits, _ or -, "
            "at most 32 characters (e.g. CS9 or Leeds_2012)"
        )
    if label is not None and ("\t" in label or "\n" in label):
        raise Refusal("--label: a label cannot contain tabs or line breaks")
    config = workflow_config(root)
    cases_path = root / config["cases"]
    if cases_path.exists():
        try:
            cases = read_case_list(cases_path)
        except CaseListError as exc:
            raise Refusal(f"{exc}\nFix config/cases.tsv first.") from None
        known = cases["case_id"].tolist()
    else:
        cases, known = None, []
    if case_id in known:
        raise Refusal(f"case '{case_id}' is already in {config['cases']}; choose another ID")
    clash = [k for k in known if k.lower() == case_id.lower()]
    if clash:
        raise Refusal(
            f"case '{case_id}' differs only in upper/lower case from '{clash[0]}' in {config['cases']}; choose another ID"
        )
    relative = f"data/raw/{case_id}"
    folder = root / relative
    if folder.exists():
        raise Refusal(
            f"{relative} already exists; new-case never overwrites a case folder (remove it or choose another ID)"
        )
    try:
        vocabulary = load_vocabulary(root / config["vocabulary"])
    except (OSError, ValueError, KeyError) as exc:
        raise Refusal(f"cannot read the vocabulary {config['vocabulary']}: {exc}") from None

    try:
        if from_case:
            if from_case not in known:
                raise Refusal(
                    f"--from: case '{from_case}' is not in {config['cases']} (known: {', '.join(known) or 'none'})"
                )
            source_dir = Path(cases.loc[cases["case_id"] == from_case, "path"].iloc[0])
            source = (source_dir if source_dir.is_absolute() else root / source_dir) / "case.xlsx"
            if not source.exists():
                raise Refusal(f"--from: {source} does not exist")
            workbook = copied_case_workbook(source, case_id, vocabulary)
        else:
            workbook = blank_case_workbook(case_id, vocabulary)
        extras = {kind: optional_workbook(kind) for kind in kinds}
    except TemplateError as exc:
        raise Refusal(str(exc)) from None

    written = []
    folder.mkdir(parents=True)
    try:
        save(workbook, folder / "case.xlsx")
        written.append(folder / "case.xlsx")
        for kind, extra in extras.items():
            save(extra, folder / f"{kind}.xlsx")
            written.append(folder / f"{kind}.xlsx")
        append_case_row(cases_path, [case_id, label or case_id, relative, "yes"])
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return written


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        kinds = parse_kinds(args.with_ or "")
        written = create_case(root, args.case_id, args.from_case, kinds, args.label)
    except Refusal as exc:
        print(f"crosscase new-case: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        print(f"crosscase new-case: cannot write the case folder: {exc}", file=sys.stderr)
        return USAGE_ERROR
    for path in written:
        print(f"created {path.relative_to(root).as_posix()}")
    origin = f" (copied from {args.from_case})" if args.from_case else ""
    print(f"added {args.case_id} to config/cases.tsv with include=yes{origin}")
    print(f"next: fill in data/raw/{args.case_id}/case.xlsx, then run `crosscase validate {args.case_id}`")
    if not args.from_case:
        print(DEFAULT_ANALYSES_NEED)
    return 0


# What the default analyses (config/config.yaml) need of a case; a case without
# one of them is left out of that analysis, with a warning naming it and why.
DEFAULT_ANALYSES_NEED = """what the default analyses need (without it the case is left out of them, with a warning):
  framework sheet:
  - outcome items (facet intermediary or long_term) that were anticipated, each judged observed
    full/partial/none: attainment and the success class (pattern matching, QCA 'success')
  - context items, anticipated or not, that occurred: context foresight
  - anticipated change_theory and change_activity items: theory held and fidelity
  - an anticipated item with category 'resources': resources maintained (a condition of QCA 'success');
    row 2 of the framework sheet is started for it: write its description and judge it observed
  summary sheet: a text for each of the six stages (the framework matrix of stages shows it)
  interviews.xlsx (--with interviews) or a REFI-QDA .qdpx: themes, framework matrix of themes, agreement"""

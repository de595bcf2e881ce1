"""`crosscase validate [ID ...]`: check case folders without running the
workflow, with the pipeline's own checks and messages (crosscase.ingest.workbooks.load_case).

Prints every problem, grouped by case, and `ok` for each clean case. Exit
status: 0 when every case is clean, 1 when any case has a problem, 2 when the
command itself cannot run (unknown ID, unreadable config/cases.tsv or vocabulary).
Imports are kept light so that it answers in well under two seconds."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

CLEAN, PROBLEMS, USAGE_ERROR = 0, 1, 2


class UsageError(Exception):
    """The command cannot run; the message says why."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "case_ids", nargs="*", metavar="ID", help="cases to check (default: every case in config/cases.tsv)"
    )
    parser.add_argument("--root", default=".", help="the workflow folder holding config/ and data/ (default: .)")


def workflow_config() -> dict:
    """config/config.yaml (relative to the cwd), checked as the workflow checks
    it (every key, each qca: entry, the vocabulary and the case list); the
    defaults for `cases` and `vocabulary` when there is no config.yaml."""
    from crosscase.compare.patterns import PATTERN_COLUMNS
    from crosscase.ingest.cases import DEFAULT_SETTINGS
    from crosscase.ingest.settings import SettingsError, check_workflow_settings

    if not Path("config/config.yaml").exists():
        return dict(DEFAULT_SETTINGS)
    try:
        config, _, _ = check_workflow_settings(source_columns={"pattern": PATTERN_COLUMNS}, folders="none")
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    return config


def select_cases(cases, wanted: list[str]):
    """The rows of the case list to check: all of them, or the named ones in the
    order given; an unknown ID is a usage error."""
    known = cases["case_id"].tolist()
    if not wanted:
        return cases
    unknown = [case for case in wanted if case not in known]
    if unknown:
        raise UsageError(
            f"unknown case ID{'s' if len(unknown) > 1 else ''} {', '.join(repr(c) for c in unknown)}: "
            f"not in config/cases.tsv (known: {', '.join(known) or 'none'})"
        )
    order = list(dict.fromkeys(wanted))
    return cases.set_index("case_id").loc[order].reset_index()


def check_cases(case_rows, vocabulary, config: dict | None = None) -> list[tuple[str, str, list[str]]]:
    """(case_id, include, problem messages) for each case, in order: first the
    folder checks the workflow makes at DAG time, then the workbooks."""
    from crosscase.common.problems import DataError
    from crosscase.ingest.settings import check_case_folders
    from crosscase.ingest.workbooks import load_case

    config = config or {}
    lines = case_rows.attrs.get("lines", {})
    results = []
    for row in case_rows.itertuples(index=False):
        messages = check_case_folders(
            [(lines.get(row.case_id, "?"), row._asdict())],
            config.get("cases", "config/cases.tsv"),
            ".",
            bool(config.get("allow_external_paths", False)),
        )
        if not messages:
            try:
                load_case(row.path, row.case_id, vocabulary)
            except DataError as exc:
                messages = [str(problem) for problem in exc.problems]
        results.append((row.case_id, row.include, messages))
    return results


def format_results(results) -> tuple[str, int]:
    lines = []
    failing = 0
    for case_id, include, messages in results:
        note = f" (include={include})" if include != "yes" else ""
        if messages:
            failing += 1
            noun = "problem" if len(messages) == 1 else "problems"
            lines.append(f"{case_id}{note}: {len(messages)} {noun}")
            lines += [f"  - {message}" for message in messages]
        else:
            lines.append(f"{case_id}{note}: ok")
    total = len(results)
    if failing:
        lines.append(f"{failing} of {total} case{'s' if total != 1 else ''} with problems")
    else:
        lines.append(f"all {total} case{'s' if total != 1 else ''} ok")
    return "\n".join(lines), (PROBLEMS if failing else CLEAN)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"crosscase validate: --root {root} is not a folder", file=sys.stderr)
        return USAGE_ERROR
    try:
        # Paths in messages are relative to the workflow folder, as in the pipeline.
        with contextlib.chdir(root):
            from crosscase.ingest.cases import CaseListError, read_case_list
            from crosscase.ingest.vocabulary import load_vocabulary

            config = workflow_config()
            try:
                cases = read_case_list(config["cases"])
            except CaseListError as exc:
                raise UsageError(str(exc)) from None
            try:
                vocabulary = load_vocabulary(config["vocabulary"])
            except (OSError, ValueError, KeyError) as exc:
                raise UsageError(f"cannot read the vocabulary {config['vocabulary']}: {exc}") from None
            selected = select_cases(cases, list(args.case_ids))
            selected.attrs["lines"] = cases.attrs.get("lines", {})
            results = check_cases(selected, vocabulary, config)
    except UsageError as exc:
        print(f"crosscase validate: {exc}", file=sys.stderr)
        return USAGE_ERROR
    text, status = format_results(results)
    print(text)
    return status

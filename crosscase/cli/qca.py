"""`crosscase qca DATA.csv --outcome Y --conditions A,B,C ...`: QCA on any CSV file.

Prints the truth table, the solution(s) with their parameters of fit, the
necessity table and (with --theory) the theory evaluation, rounded to 3
decimals as R prints them; --json prints the documented JSON document with
unrounded numbers instead. Bad data: a message on stderr and exit code 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd

from crosscase.qca import engine as qca

EXIT_BAD_INPUT = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA.csv", help="CSV file, one row per case")
    parser.add_argument("--outcome", required=True, help="column of the outcome (membership scores)")
    parser.add_argument("--conditions", required=True, help="comma-separated condition columns, in this order")
    parser.add_argument(
        "--case-col",
        metavar="NAME",
        help="column naming the cases (default: the first column "
        "when it is neither the outcome nor a condition, else 1, 2, ...)",
    )
    parser.add_argument(
        "--incl-cut",
        default="1",
        metavar="IC1[,IC0]",
        help="inclusion cut for OUT = 1; a second value below it marks rows in between as C",
    )
    parser.add_argument("--n-cut", type=int, default=1, help="rows with fewer cases are remainders (default 1)")
    parser.add_argument("--pri-cut", type=float, default=0.0, help="rows with a lower PRI get OUT = 0 (default 0)")
    parser.add_argument("--negate-outcome", action="store_true", help="explain the absence of the outcome")
    parser.add_argument(
        "--include-remainders", action="store_true", help="use the remainders as don't cares (parsimonious solution)"
    )
    parser.add_argument(
        "--dir-exp",
        metavar="A=1,B=0,C=-",
        help="directional expectations for the intermediate solution (needs --include-remainders)",
    )
    parser.add_argument("--theory", metavar="EXPR", help='theory to evaluate against each model, e.g. "A*B + ~C"')
    parser.add_argument(
        "--max-models", type=int, metavar="N", help="list at most N equally minimal models (default: all of them, as R)"
    )
    parser.add_argument(
        "--exclude",
        metavar="ROWS/EXPR",
        action="append",
        help="enhanced standard analysis: remainders never to use as simplifying assumptions, "
        'as row numbers and/or expressions separated by ";", e.g. "5;12;A*~B" (repeatable)',
    )
    parser.add_argument(
        "--exclude-csa",
        action="store_true",
        help="also exclude the contradictory simplifying assumptions (used for both the outcome and its negation)",
    )
    parser.add_argument(
        "--search-nodes",
        type=int,
        metavar="N",
        help="on very complex PI charts, the search for equally minimal models stops after N nodes in a row "
        "(each solving a small linear programme) find no new model, and the list is reported as possibly "
        "incomplete (default 500)",
    )
    parser.add_argument(
        "--no-csa",
        action="store_true",
        help="do not look for contradictory simplifying assumptions (saves minimising the negated outcome)",
    )
    parser.add_argument(
        "--nec-cuts",
        metavar="INCL,COV,RON",
        default=None,
        help="cuts for the necessity of conjunctions and disjunctions (default 0.9,0.6,0)",
    )
    parser.add_argument(
        "--robustness",
        action="store_true",
        help="re-run over inclusion cuts (-0.1 to +0.1) and n.cuts (-1 to +2); report surviving "
        "models, the robust core and how often each case is covered (Oana & Schneider 2021)",
    )
    parser.add_argument("--json", action="store_true", help="print the JSON document instead of the report")


def parse_incl_cut(text: str) -> list[float]:
    try:
        values = [float(v) for v in str(text).split(",") if v.strip()]
    except ValueError:
        raise qca.QCAInputError(f"--incl-cut expects one or two numbers, not {text!r}") from None
    if not values:
        raise qca.QCAInputError("--incl-cut expects one or two numbers")
    return values


def case_names_of(frame: pd.DataFrame, case_col: str | None, used: list[str]) -> list[str]:
    if case_col:
        if case_col not in frame.columns:
            raise qca.QCAInputError(f"case column '{case_col}' not found in the data")
        names = frame[case_col].astype(str).tolist()
    elif len(frame.columns) and frame.columns[0] not in used:
        names = frame[frame.columns[0]].astype(str).tolist()
    else:
        names = [str(i) for i in range(1, len(frame) + 1)]
    return names


def load(path: str) -> pd.DataFrame:
    """A CSV file as text cells, as Excel exports it: comma-, semicolon- or
    tab-separated (from the header line), UTF-8 (with or without BOM) or, failing
    that, Windows-1252. A semicolon-separated file is the export of a locale with
    decimal commas, so there `0,5` reads as 0.5 (docs/reliability.md)."""
    import csv
    import io
    import re

    from crosscase.ingest.limits import file_size_problem

    if not os.path.exists(path):
        raise qca.QCAInputError(f"data file not found: {path}")
    refused = file_size_problem(Path(path))
    if refused:
        raise qca.QCAInputError(f"{path}: {refused}")
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    header = text.splitlines()[0] if text.strip() else ""
    sep = max((",", ";", "\t"), key=header.count)
    try:
        # keep_default_na: empty cells become NaN and are reported as missing values
        frame = pd.read_csv(io.StringIO(text), dtype=str, sep=sep, skipinitialspace=True, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise qca.QCAInputError(f"cannot read {path} as CSV: {str(error)[:200]}") from None
    if sep == ";":
        decimal_comma = re.compile(r"^\s*[+-]?\d+,\d+\s*$")
        frame = frame.map(lambda v: v.replace(",", ".") if isinstance(v, str) and decimal_comma.match(v) else v)
    return frame


def necessity_options(text: str | None) -> dict | None:
    if not text:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise qca.QCAInputError(f"--nec-cuts expects up to three numbers (inclN, covN, RoN), not {text!r}") from None
    if not 1 <= len(values) <= 3:
        raise qca.QCAInputError(f"--nec-cuts expects up to three numbers (inclN, covN, RoN), not {text!r}")
    return dict(zip(("incl_cut", "cov_cut", "ron_cut"), values))


def run_analysis(args, overrides: dict | None = None) -> qca.Analysis:
    frame = load(args.data)
    conditions = [c.strip() for c in args.conditions.split(",") if c.strip()]
    if not conditions:
        raise qca.QCAInputError("--conditions lists no condition")
    cases = case_names_of(frame, args.case_col, conditions + [args.outcome])
    if len(frame) == 0:
        raise qca.QCAInputError(f"{args.data} has no case")
    X = qca.membership_matrix(frame, conditions, cases)
    y = qca.membership_matrix(frame, [args.outcome], cases)[:, 0]
    if args.dir_exp and not args.include_remainders:
        raise qca.QCAInputError("--dir-exp needs --include-remainders (the intermediate solution uses remainders)")
    options = {"incl_cut": parse_incl_cut(args.incl_cut), "n_cut": args.n_cut, **(overrides or {})}
    return qca.analyse(
        X,
        y,
        conditions,
        args.outcome,
        cases,
        incl_cut=options["incl_cut"],
        n_cut=options["n_cut"],
        pri_cut=args.pri_cut,
        negate_outcome=args.negate_outcome,
        include_remainders=args.include_remainders,
        dir_exp=args.dir_exp,
        theory=args.theory,
        max_models=args.max_models,
        exclude=parse_exclude(args.exclude),
        exclude_csa=args.exclude_csa,
        report_csa=not args.no_csa,
        search_nodes=args.search_nodes,
        necessity_options=necessity_options(args.nec_cuts),
    )


def parse_exclude(values: list[str] | None) -> list | None:
    """--exclude "5;12;A*~B" (repeatable) -> [5, 12, "A*~B"]."""
    if not values:
        return None
    items: list = []
    for value in values:
        for part in str(value).split(";"):
            part = part.strip()
            if part:
                items.append(int(part) if part.isdigit() else part)
    return items


def robustness_lines(result: dict) -> list[str]:
    fit = result["fit"]
    lines = [
        "",
        f"Robustness (initial solution {result['initial_model']}; {result['source']})",
        "  "
        + "  ".join(f"{key} {qca.fmt(value)}" for key, value in fit.items())
        + "  "
        + "  ".join(
            f"{key} {value if isinstance(value, int) else qca.fmt(value)}"
            for key, value in result["case_ratio"].items()
        ),
    ]
    for run_ in result["runs"]:
        lines.append(
            f"  {run_['label']}: " + ("; ".join(run_["models"]) or "(no model)")
            if run_["status"] == "ok"
            else f"  {run_['label']}: not run ({run_['error']})"
        )
    for m in result["models"]:
        lines.append(f"  {m['model']} {m['expression']}: kept in {m['runs_kept']} of {m['runs']} re-runs")
    lines.append(
        "  cases (covered in runs, type): "
        + ", ".join(f"{c['case']} {c['covered_runs']}/{c['runs']} {c['type']}" for c in result["cases"])
    )
    return lines


def run(args) -> int:
    from crosscase.qca import robustness as robustness_module

    try:
        analysis = run_analysis(args)
        result = None
        if args.robustness:
            variants = robustness_module.cut_variants(parse_incl_cut(args.incl_cut), args.n_cut)
            result = robustness_module.robustness(analysis, lambda options: run_analysis(args, options), variants)
    except qca.QCAInputError as error:
        print(f"crosscase qca: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        parameters = {
            "dir_exp": args.dir_exp,
            "include_remainders": bool(args.include_remainders),
            "max_models": args.max_models,
            "exclude": parse_exclude(args.exclude),
            "exclude_csa": bool(args.exclude_csa),
        }
        document = qca.analysis_to_json(analysis, parameters)
        if result is not None:
            document["robustness"] = result
        print(json.dumps(document, indent=2, allow_nan=False))
    else:
        print("\n".join(qca.report_lines(analysis) + (robustness_lines(result) if result else [])))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosscase qca", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

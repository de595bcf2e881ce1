"""The `crosscase` command: subcommands dispatch to small modules, imported lazily
so that `crosscase validate` does not pay for matplotlib or scipy."""
from __future__ import annotations

import argparse
import importlib
import sys

# subcommand -> module exposing `add_arguments(parser)` and `run(args) -> int`
SUBCOMMANDS = {
    "qca": ("crosscase.qca_cli", "Qualitative Comparative Analysis of a CSV file"),
    "validate": ("crosscase.validate_cli", "check case folders without running the workflow"),
    "new-case": ("crosscase.newcase_cli", "create a case folder from a template"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscase", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sp = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sp)
        sp.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

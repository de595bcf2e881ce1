"""The `crosscase` command: subcommands dispatch to small modules, imported lazily
so that `crosscase validate` does not pay for matplotlib or scipy."""

from __future__ import annotations

import argparse
import importlib
import sys

from crosscase import __version__

# subcommand -> module exposing `add_arguments(parser)` and `run(args) -> int`
SUBCOMMANDS = {
    "qca": ("crosscase.cli.qca", "Qualitative Comparative Analysis of a CSV file"),
    "validate": ("crosscase.cli.validate", "check case folders without running the workflow"),
    "new-case": ("crosscase.cli.new_case", "create a case folder from a template"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the module of `command` is imported (all when None), so
    one subcommand never pays for, or breaks on, another's imports."""
    parser = argparse.ArgumentParser(prog="crosscase", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if command in (None, name):
            module = importlib.import_module(module_name)
            module.add_arguments(sp)
            sp.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else ""
    args = build_parser(command).parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

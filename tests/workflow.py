"""Run Snakemake on a temporary copy of the workflow, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [str(BIN / "snakemake"), "--cores", "2", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")
    return result


def run_cli(argv: list[str]) -> int:
    """Run a `crosscase` subcommand in-process, through the CLI's own registry."""
    import argparse
    import importlib

    from crosscase.cli import main as cli

    module = importlib.import_module(cli.SUBCOMMANDS[argv[0]][0])
    parser = argparse.ArgumentParser(prog=f"crosscase {argv[0]}")
    module.add_arguments(parser)
    return module.run(parser.parse_args(argv[1:]))

import os
import sys
from pathlib import Path

# tests import helpers from this folder (casebuilder) without a package
sys.path.insert(0, str(Path(__file__).parent))

# Snakemake, its jobs and the CLI, run as subprocesses by the tests, import the
# package of the checkout these tests belong to, even where the environment's
# editable install points at another checkout (a second clone, a git worktree).
CHECKOUT = str(Path(__file__).resolve().parents[1])
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (CHECKOUT, os.environ.get("PYTHONPATH", "")) if p)

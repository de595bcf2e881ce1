"""tests/fixtures/r_bench/ from the output directory of bench_side.sh
(tools/r_parity/README.md, "R QCA on the benchmark charts").

One file per chart and solution, <kind>_k<k>_<C|P>.json (gzipped as .json.gz
when over 100 kB): R's CPU seconds for truthTable and for minimize (or
"timeout"), the number of equally minimal models, the models (terms in R's
$solution order; at most MAX_MODELS of them, with models_complete saying
whether that is all), R's warnings and errors.

chart_sha256 is the SHA-256 of the chart's CSV file as R read it (the test
draws the chart again and checks it).

EXTRA_DIR holds runs made after the main one, of charts that bench_side.sh had
skipped (same script, same limits); their fixtures say beyond_skip_rule: true.

Usage: python tools/r_parity/bench_fixtures.py CHART_DIR RUN_DIR FIXTURE_DIR [EXTRA_DIR]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

MAX_MODELS = 2000
GZIP_OVER = 100_000


def fixture(record: dict | None, status: str, kind: str, k: int, solution: str, limit: float) -> dict:
    """The fixture of one run from bench_side.R's record and the driver's status line."""
    parts = status.split()
    skipped = parts[0] == "skipped"
    timed_out = not skipped and parts[0] == "124"
    out = {
        "kind": kind,
        "k": k,
        "solution": solution,
        "include": {"C": "", "P": "?"}[solution],
        "wall_limit_seconds": limit,
        "wall_seconds": None if skipped else round(float(parts[1]), 3),
    }
    if record:
        out.update(
            r_version=record["r_version"],
            qca_version=record["qca_version"],
            admisc_version=record["admisc_version"],
            r_tt_cpu_seconds=round(record["r_tt_cpu_seconds"], 3),
            tt_rows=record["tt_rows"],
            tt_positive=record["tt_positive"],
        )
    if skipped:
        out.update(r_cpu_seconds="skipped", n_models=None, models=[], models_complete=False, r_warnings=[])
    elif timed_out or not record or record["minimize"] == "running":
        out.update(r_cpu_seconds="timeout", n_models=None, models=[], models_complete=False, r_warnings=[])
    else:
        models = record.get("models") or []
        out.update(
            r_cpu_seconds=round(record["r_cpu_seconds"], 3),
            r_error=record.get("error"),
            complex=record.get("complex"),
            n_prime_implicants=record.get("n_prime_implicants"),
            n_models=record["n_models"],
            essential=record.get("essential", []),
            models=models[:MAX_MODELS],
            models_complete=len(models) <= MAX_MODELS,
            r_warnings=record.get("r_warnings", []),
        )
    return out


def main() -> None:
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    charts, run, target = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    extra = Path(sys.argv[4]) if len(sys.argv) == 5 else None
    limit = 300.0
    target.mkdir(parents=True, exist_ok=True)
    for status_file in sorted(run.glob("*.status")):
        name = status_file.name.removesuffix(".status")
        kind, kpart, solution = name.split("_")
        beyond = bool(extra and (extra / status_file.name).exists())
        if beyond:
            status_file = extra / status_file.name
        path = status_file.parent / f"{name}.json"
        record = json.loads(path.read_text()) if path.exists() and path.stat().st_size else None
        doc = fixture(record, status_file.read_text().strip(), kind, int(kpart[1:]), solution, limit)
        doc["beyond_skip_rule"] = beyond
        doc["chart_sha256"] = hashlib.sha256((charts / f"{kind}_{kpart}.csv").read_bytes()).hexdigest()
        text = json.dumps(doc, indent=None, separators=(",", ":")) + "\n"
        for old in (target / f"{name}.json", target / f"{name}.json.gz"):
            old.unlink(missing_ok=True)
        if len(text) > GZIP_OVER:
            with gzip.GzipFile(target / f"{name}.json.gz", "wb", mtime=0) as f:
                f.write(text.encode())
        else:
            (target / f"{name}.json").write_text(text)
        print(name, doc["r_cpu_seconds"], doc["n_models"])


def load(path: Path) -> dict:
    """A fixture, gzipped or not."""
    if path.name.endswith(".gz"):
        with gzip.open(path, "rt") as f:
            return json.load(f)
    return json.loads(path.read_text())


if __name__ == "__main__":
    main()

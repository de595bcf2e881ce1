"""All within-case work for a batch of cases in one process.

Each Python process pays about half a second to import pandas and pyarrow
before it does a few milliseconds of work per case, so the workflow runs the
within-case steps of many cases in one job: for every case of a batch,
validation and normalisation (:func:`crosscase.ingest.workbooks.load_case`),
the framework summaries and metrics (:mod:`crosscase.within.framework`) and the
survey, interview and secondary analyses (:mod:`crosscase.within.evidence`).
The outputs stay per case, byte for byte what one job per step wrote:
``results/normalised/<table>/case_id=<id>/part-0.parquet``, the
registry's outputs of ``case_framework`` and ``case_evidence``
(``results/cases/<id>/...``, ``results/case_metrics/case_id=<id>/...``).

Batches. A case's batch is a hash (CRC-32) of its case_id modulo the number of
batches, which is the largest power of two not above ``cases / batch_size``
(at least 1): a batch holds on average between ``batch_size`` and twice that
many cases. Adding, editing or removing one case changes only its own batch;
the assignment of every case changes only when the number of cases crosses
``batch_size`` times a power of two (and then once).

A bad case. Each case is validated and analysed in memory; its files are
written only when all of it succeeded, so a bad case leaves no outputs of its
own (any earlier ones are removed). The other cases of the batch are still
built, every bad case's problems are printed, and the job then fails naming
the bad cases. The workflow profile sets ``keep-incomplete`` so that Snakemake
keeps the good cases' files of a failed batch job; the bad case's missing
files make the next run re-run the batch.
"""

from __future__ import annotations

import math
import zlib
from pathlib import Path

from crosscase.common.problems import DataError, UserInputError

NORMALISED = "results/normalised"
DEFAULT_BATCH_SIZE = 25
# The registry's per-case outputs of the within-case steps a batch runs.
STEPS = ("case_framework", "case_evidence")


def number_of_batches(n_cases: int, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """The largest power of two k with k * batch_size <= n_cases (at least 1)."""
    if batch_size < 1:
        raise UserInputError(f"batch_size must be a whole number of 1 or more, not {batch_size!r}")
    ratio = n_cases // batch_size
    return 1 if ratio < 2 else 2 ** int(math.log2(ratio))


def batch_of(case_id: str, n_batches: int) -> int:
    return zlib.crc32(case_id.encode("utf-8")) % n_batches


def assign_batches(case_ids: list[str], batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, list[str]]:
    """Batch name -> its case_ids (in case-list order); empty batches are left out."""
    n = number_of_batches(len(case_ids), batch_size)
    width = len(str(n - 1))
    batches: dict[int, list[str]] = {}
    for case_id in case_ids:
        batches.setdefault(batch_of(case_id, n), []).append(case_id)
    return {f"batch{k:0{width}d}of{n}": batches[k] for k in sorted(batches)}


def case_outputs(case_id: str) -> dict[str, str]:
    """Every per-case output file of one case: the normalised tables
    (``normalised/<table>``) and the registry's outputs of the within-case steps
    (``<rule>/<key>``, e.g. ``case_framework/metrics``)."""
    from crosscase import registry
    from crosscase.ingest.contract import TABLES

    outputs = {f"normalised/{t}": f"{NORMALISED}/{t}/case_id={case_id}/part-0.parquet" for t in TABLES}
    for step in STEPS:
        outputs |= {f"{step}/{key}": path.format(case=case_id) for key, path in registry.rule_outputs(step).items()}
    return outputs


def build_case(
    case_dir: str | Path, case_id: str, vocabulary, weights: dict, rule: dict | None = None, propositions=None
) -> dict[str, object]:
    """Every output of one case in memory, keyed as :func:`case_outputs`: a
    pyarrow Table (Parquet), a DataFrame (CSV) or a str (Markdown). What the
    analyses read is what a reader of the Parquet files gets back, so the bytes
    are those of one job per step. `rule` (config.yaml success_class) and
    `propositions` (Proposition objects; None: the shipped default) are what
    the case's sensitivity is judged by. Raises DataError for bad data."""
    from crosscase import __version__
    from crosscase.ingest.contract import SCHEMAS
    from crosscase.ingest.refiqda_export import qdpx_bytes
    from crosscase.ingest.store import arrow_table
    from crosscase.ingest.workbooks import load_case
    from crosscase.within.cmo import case_chains, cmo_markdown, cmo_schema
    from crosscase.within.evidence import CASE_INPUT_TABLES, CASE_RESULT_TABLES, case_analyses
    from crosscase.within.framework import (
        case_metrics,
        framework_markdown,
        framework_table,
        metrics_records,
        metrics_schema,
        metrics_table,
    )
    from crosscase.within.propositions import case_records, propositions_from_config
    from crosscase.within.secondary import indicators_schema
    from crosscase.within.sensitivity import case_sensitivity_tables, robustness_schema, sensitivity_schema
    from crosscase.within.success import DEFAULT_RULE
    from crosscase.within.survey import survey_tests_schema

    frames = load_case(case_dir, case_id, vocabulary)
    arrow = {name: arrow_table(frames[name], SCHEMAS[name]) for name in SCHEMAS}
    outputs: dict[str, object] = {f"normalised/{name}": table for name, table in arrow.items()}

    # case_framework: tables as read back from the case's partition (case_id first)
    def read_back(name):
        frame = arrow[name].to_pandas()
        frame.insert(0, "case_id", case_id)
        return frame

    items, summary, info = read_back("framework"), read_back("summary"), read_back("case_info")
    title = (info["title"].iloc[0] if len(info) else "") or ""
    metrics = case_metrics(items, dict(weights))
    chains = case_chains(items)
    outputs |= {
        "case_framework/csv": framework_table(summary, items),
        "case_framework/metrics": metrics_table(metrics),
        "case_framework/metrics_parquet": arrow_table(metrics_records(metrics), metrics_schema()),
        "case_framework/markdown": framework_markdown(case_id, title, summary, items, metrics),
        "case_framework/cmo_csv": chains,
        "case_framework/cmo_parquet": arrow_table(chains, cmo_schema()),
        "case_framework/cmo_md": cmo_markdown(case_id, title, chains, items),
    }
    # the sensitivity of the case's success class and verdicts, judged on its own items
    props = propositions_from_config({}) if propositions is None else propositions
    rule = dict(DEFAULT_RULE if rule is None else rule)
    changes, robustness = case_sensitivity_tables(props, case_id, case_records(items), rule, dict(weights))
    outputs["case_framework/sensitivity_parquet"] = arrow_table(changes.drop(columns="case_id"), sensitivity_schema())
    outputs["case_framework/robustness_parquet"] = arrow_table(robustness.drop(columns="case_id"), robustness_schema())
    # case_evidence: each table as read from its own Parquet file
    results = case_analyses({name: arrow[name].to_pandas() for name in CASE_INPUT_TABLES})
    outputs |= {f"case_evidence/{name}": results[name] for name in CASE_RESULT_TABLES}
    outputs["case_evidence/survey_tests_parquet"] = arrow_table(results["survey_tests"], survey_tests_schema())
    outputs["case_evidence/indicators_parquet"] = arrow_table(results["indicators"], indicators_schema())
    # the case's coded data as a REFI-QDA project (bytes)
    outputs["case_evidence/qdpx"] = qdpx_bytes(
        case_id, arrow["codebook"].to_pandas(), arrow["segments"].to_pandas(), __version__
    )
    return outputs


def write_outputs(built: dict[str, object], paths: dict[str, str]) -> None:
    from crosscase.ingest.store import write_output

    missing = sorted(set(paths) - set(built))
    if missing:
        raise ValueError(f"build_case made no {', '.join(missing)}")
    for key, path in paths.items():
        write_output(built[key], path)


def remove_outputs(paths: dict[str, str]) -> None:
    for path in paths.values():
        Path(path).unlink(missing_ok=True)


class BatchError(UserInputError):
    """Some cases of a batch have bad data; the others were built."""


def run_batch(
    cases: list[tuple[str, str]], vocabulary, weights: dict, report=print, rule=None, propositions=None
) -> list[str]:
    """Build every (case_id, case_dir) of a batch; return the good case_ids.
    `rule` and `propositions` as :func:`build_case`.

    A bad case's problems go to `report` at once and its outputs are removed;
    BatchError at the end names every bad case (after the good ones are written)."""
    bad = []
    good = []
    for case_id, case_dir in cases:
        paths = case_outputs(case_id)
        try:
            built = build_case(case_dir, case_id, vocabulary, weights, rule, propositions)
        except DataError as exc:
            remove_outputs(paths)
            report(f"crosscase: case {case_id}: {exc}")
            bad.append(case_id)
            continue
        write_outputs(built, paths)
        good.append(case_id)
    if bad:
        raise BatchError(
            f"{len(bad)} of the {len(cases)} cases of this batch have problems (listed above) and were not built: "
            f"{', '.join(bad)}; the other {len(good)} were built"
        )
    return good

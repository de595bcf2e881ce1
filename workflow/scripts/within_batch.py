"""Snakemake adapter: every within-case step for each case of one batch."""

import logging
import sys

from crosscase.cli.runner import run_script
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.within.batch import run_batch
from crosscase.within.propositions import propositions_from_config


def report(message):
    logging.error(message)
    print(message, file=sys.stderr, flush=True)


def main(smk):
    cases = [(case_id, case_dir) for case_id, case_dir in smk.params.cases]
    good = run_batch(
        cases,
        load_vocabulary(smk.input.vocabulary),
        dict(smk.params.weights),
        report=report,
        rule=dict(smk.params.success_rule),
        propositions=propositions_from_config(dict(smk.params.propositions or {})),
    )
    logging.info("built %d cases: %s", len(good), ", ".join(good))


run_script(main, snakemake, keep_outputs_on_error=True)  # noqa: F821 (injected by Snakemake)

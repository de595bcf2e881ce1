"""Snakemake adapter: every within-case analysis of one case's survey,
interview-coded and secondary data, and its joint display."""
from crosscase.within.evidence import CASE_INPUT_TABLES, CASE_RESULT_TABLES, case_analyses, read_case_table
from crosscase.cli.runner import run_script
from crosscase.ingest.store import write_csv


def main(smk):
    tables = {name: read_case_table(smk.input[name], name) for name in CASE_INPUT_TABLES}
    results = case_analyses(tables)
    for name in CASE_RESULT_TABLES:
        write_csv(results[name], smk.output[name])


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

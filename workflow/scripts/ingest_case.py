"""Snakemake adapter: validate one case folder and write its normalised tables."""
from crosscase.ingest.workbooks import load_case
from crosscase.cli.runner import run_script
from crosscase.ingest.store import write_case_table
from crosscase.ingest.vocabulary import load_vocabulary


def main(smk):
    case_id = smk.wildcards.case
    tables = load_case(smk.params.case_dir, case_id, load_vocabulary(smk.input.vocabulary))
    # Written only after the whole case validated: no partial outputs.
    for name, path in zip(smk.params.tables, smk.output):
        write_case_table(name, tables[name], path)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

"""Snakemake adapter: Tables 1-3 of the thesis for the included cases."""
from crosscase.cli.runner import run_script
from crosscase.ingest.store import read_table, write_table_pair
from crosscase.compare.tables import table1_case_overview, table2_typology, table3_methods
from crosscase.ingest.vocabulary import load_vocabulary


def main(smk):
    order = list(smk.params.case_order)
    vocabulary = load_vocabulary(smk.input.vocabulary)
    out = smk.output
    write_table_pair(table1_case_overview(read_table(smk.input.case_info, "case_info", order), order), out.table1_csv, out.table1_parquet)
    write_table_pair(table2_typology(read_table(smk.input.typology, "typology", order), order, vocabulary), out.table2_csv, out.table2_parquet)
    write_table_pair(table3_methods(read_table(smk.input.methods, "methods", order), order, vocabulary), out.table3_csv, out.table3_parquet)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

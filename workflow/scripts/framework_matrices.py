"""Snakemake adapter: the framework matrices (case x theme, case x stage), each
long (one row per case and column) and wide (one row per case)."""

from crosscase.cli.runner import run_script
from crosscase.compare.matrices import stage_matrix, theme_matrix, wide
from crosscase.ingest.store import read_table, write_csv


def main(smk):
    order = list(smk.params.case_order)
    n = int(smk.params.quotes_per_cell)
    names = ("framework", "summary", "codebook", "segments")
    table = {name: read_table(smk.input[name], name, order) for name in names}
    themes = theme_matrix(table["codebook"], table["segments"], order, n)
    stages = stage_matrix(table["framework"], table["summary"], table["codebook"], table["segments"], order, n)
    write_csv(themes, smk.output.themes_long)
    write_csv(wide(themes, "code", "segments", "segment"), smk.output.themes_wide)
    write_csv(stages, smk.output.stages_long)
    write_csv(wide(stages, "element", "items", "item"), smk.output.stages_wide)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

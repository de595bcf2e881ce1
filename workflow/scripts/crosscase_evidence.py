"""Snakemake adapter: the case-level evidence results side by side
(themes, survey comparisons, indicators); nothing is pooled across cases."""
from crosscase.within.evidence import indicators_by_case, survey_by_case, themes_by_case
from crosscase.cli.runner import run_script
from crosscase.ingest.store import read_table, write_csv


def main(smk):
    order = list(smk.params.case_order)
    table = {name: read_table(smk.input[name], name, order) for name in ("codebook", "segments", "survey_items", "survey_responses", "indicators")}
    write_csv(themes_by_case(table["codebook"], table["segments"], order), smk.output.themes)
    write_csv(survey_by_case(table["survey_items"], table["survey_responses"], order), smk.output.survey)
    write_csv(indicators_by_case(table["indicators"], order), smk.output.indicators)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

"""Snakemake adapter: the case-level evidence results side by side
(themes, survey comparisons, indicators); nothing is pooled across cases."""

from crosscase.cli.runner import run_script
from crosscase.ingest.store import read_dataset, read_table, write_csv
from crosscase.within.evidence import (
    agreement_by_case,
    indicators_by_case_from_summaries,
    survey_by_case_from_tests,
    themes_by_case,
)
from crosscase.within.secondary import indicators_schema
from crosscase.within.survey import survey_tests_schema


def main(smk):
    order = list(smk.params.case_order)
    names = ("codebook", "segments", "framework", "ratings")
    table = {name: read_table(smk.input[name], name, order) for name in names}
    write_csv(themes_by_case(table["codebook"], table["segments"], order), smk.output.themes)
    tests = read_dataset(smk.input.survey_tests, survey_tests_schema(), order)  # each case's, from its batch job
    write_csv(survey_by_case_from_tests(tests), smk.output.survey)
    summaries = read_dataset(smk.input.indicators, indicators_schema(), order)  # each case's, from its batch job
    write_csv(indicators_by_case_from_summaries(summaries), smk.output.indicators)
    coding, rating = agreement_by_case(table, order)
    write_csv(coding, smk.output.coding_agreement)
    write_csv(rating, smk.output.rating_agreement)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

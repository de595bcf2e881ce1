"""Snakemake adapter: pattern matching, agreement, meta-matrix, categories,
instigators, problems, CMO configurations, case lists, the propositions and
their sensitivity across the included cases."""

from crosscase.cli.runner import run_script
from crosscase.common.files import write_text
from crosscase.compare import patterns as compare
from crosscase.compare import propositions as props_
from crosscase.compare import sensitivity as sens
from crosscase.compare.case_lists import case_lists
from crosscase.compare.cmo import configurations
from crosscase.ingest.store import read_dataset, read_table, write_csv, write_parquet
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.within.cmo import cmo_schema
from crosscase.within.framework import by_case, metrics_from_records, metrics_schema
from crosscase.within.propositions import case_records, propositions_from_config
from crosscase.within.sensitivity import robustness_schema, sensitivity_schema


def main(smk):
    order = list(smk.params.case_order)
    rule = dict(smk.params.success_rule)
    propositions = propositions_from_config(dict(smk.params.propositions or {}))
    vocabulary = load_vocabulary(smk.input.vocabulary)
    framework = read_table(smk.input.framework, "framework", order)
    case_info = read_table(smk.input.case_info, "case_info", order)
    out = smk.output

    # Each case's metrics were computed once, within the case (case_framework).
    metrics = metrics_from_records(read_dataset(smk.input.metrics, metrics_schema(), order), order)
    pattern = compare.pattern_matching(metrics, case_info, order, rule)
    classes = compare.classes_of(pattern)
    write_csv(compare.csv_ready(pattern), out.pattern_matching)
    write_parquet(pattern, out.pattern_matching_parquet)
    write_text(out.agreement, compare.agreement_markdown(pattern, metrics, rule))

    matrix = compare.meta_matrix(pattern, framework, order, rule)
    write_csv(compare.csv_ready(matrix), out.meta_csv)
    write_text(out.meta_md, compare.meta_matrix_markdown(matrix, rule))

    write_csv(compare.categories_by_case(framework, vocabulary, order, classes), out.categories)
    write_csv(compare.instigator_by_case(case_info, vocabulary, order, classes), out.instigator)
    write_csv(compare.problems_by_case(framework, order, classes), out.problems)

    # Each case's CMO chains were built once, within the case (case_framework).
    chains = by_case(read_dataset(smk.input.cmo, cmo_schema(), order))
    write_csv(configurations(chains, order, classes), out.cmo_configurations)

    write_csv(case_lists(framework, case_info, order), out.case_lists)

    # Propositions, then the sensitivity of the classes and verdicts (each case's own, from its batch job).
    items_of = by_case(framework)  # each case's rows, split once
    records = {case: case_records(items_of[case]) for case in order}
    verdicts = props_.judge_all(propositions, records, classes)
    changes = read_dataset(smk.input.sensitivity, sensitivity_schema(), order)
    robustness = read_dataset(smk.input.robustness, robustness_schema(), order)
    table = props_.proposition_table(verdicts, sens.to_fit(changes, verdicts))
    write_csv(table, out.proposition_csv)
    write_text(out.proposition_md, props_.proposition_markdown(propositions, table))
    write_csv(changes, out.sensitivity_csv)
    write_csv(robustness, out.robustness_csv)
    write_text(out.sensitivity_md, sens.sensitivity_markdown(changes, robustness, compare.agreement(pattern)))


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

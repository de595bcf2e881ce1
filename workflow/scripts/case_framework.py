"""Snakemake adapter: one case's section 3.1 table, framework items and metrics
(metrics.csv for people, the typed case_metrics partition for the cross-case steps)
and its context-mechanism-outcome chains (cmo.csv, cmo.md)."""
from crosscase.cli.runner import run_script
from crosscase.within.cmo import case_chains, cmo_markdown
from crosscase.ingest.store import read_table, write_csv, write_parquet
from crosscase.within.framework import (
    case_metrics,
    framework_markdown,
    framework_table,
    metrics_records,
    metrics_schema,
    metrics_table,
    write_text,
)


def main(smk):
    case = smk.wildcards.case
    items = read_table([smk.input.framework], "framework", [case])
    summary = read_table([smk.input.summary], "summary", [case])
    info = read_table([smk.input.case_info], "case_info", [case])
    title = info["title"].iloc[0] if len(info) else ""
    metrics = case_metrics(items, dict(smk.params.weights))
    write_csv(framework_table(summary, items), smk.output.csv)
    write_csv(metrics_table(metrics), smk.output.metrics)
    write_parquet(metrics_records(metrics), smk.output.metrics_parquet, schema=metrics_schema())
    write_text(smk.output.markdown, framework_markdown(case, title or "", summary, items, metrics))
    chains = case_chains(items)
    write_csv(chains, smk.output.cmo_csv)
    write_text(smk.output.cmo_md, cmo_markdown(case, title or "", chains, items))


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

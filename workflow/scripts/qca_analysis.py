"""Snakemake adapter for one configured QCA analysis (workflow/rules/qca.smk).

Reads the typed pattern-matching table and Table 2, runs the analysis given in
`params.analysis`, and writes its JSON, CSV, typed Parquet and Markdown."""

import json
import logging

from crosscase.cli.runner import run_script, warn
from crosscase.common.files import write_text
from crosscase.ingest.store import write_csv, write_parquet
from crosscase.qca import pipeline as qca_pipeline


def main(smk) -> None:
    config = dict(smk.params.analysis)
    logging.info("QCA analysis %s", config.get("name"))
    pattern = qca_pipeline.read_pattern_matching(smk.input.pattern_matching)
    typology = qca_pipeline.read_typology(smk.input.typology)
    document, table, markdown = qca_pipeline.run_configured_analysis(config, pattern, typology)
    if document["status"] != "ok":
        logging.warning("analysis %s not run: %s", config.get("name"), document["error"])
    for excluded in document["excluded_cases"]:
        warn(f"case {excluded['case_id']} left out of QCA '{config.get('name')}': {excluded['reason']}")
    write_text(smk.output.json, json.dumps(document, indent=2, allow_nan=False) + "\n")
    write_csv(table, smk.output.csv, float_format=qca_pipeline.CSV_FLOAT_FORMAT)
    write_parquet(table, smk.output.parquet)
    write_text(smk.output.md, markdown)
    robustness = qca_pipeline.robustness_csv(document)
    write_csv(robustness, smk.output.robustness, float_format=qca_pipeline.CSV_FLOAT_FORMAT)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

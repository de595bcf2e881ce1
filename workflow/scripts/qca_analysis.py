"""Snakemake adapter for one configured QCA analysis (rules/qca.smk).

Reads the pattern-matching metrics and the typology table, runs the analysis
given in `snakemake.params.analysis`, and writes its JSON, CSV and Markdown
outputs, each to a temporary file renamed into place so that an interrupted
job leaves nothing half written. Bytes are deterministic: fixed key order,
fixed float format, '\\n' line ends."""
import contextlib
import json
import logging
import os

from crosscase.qca import pipeline as qca_pipeline


def write_atomically(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temporary = f"{path}.tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, path)


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, format="%(levelname)s %(message)s", force=True)
    with open(smk.log[0], "a", encoding="utf-8") as log, contextlib.redirect_stderr(log):
        run(smk)


def run(smk) -> None:
    config = dict(smk.params.analysis)
    logging.info("QCA analysis %s", config.get("name"))
    pattern = qca_pipeline.read_pattern_matching(smk.input.pattern_matching)
    typology = qca_pipeline.read_typology(smk.input.typology)
    document, table, markdown = qca_pipeline.run_configured_analysis(config, pattern, typology)
    if document["status"] != "ok":
        logging.warning("analysis %s not run: %s", config.get("name"), document["error"])
    for excluded in document["excluded_cases"]:
        logging.info("case %s left out: %s", excluded["case_id"], excluded["reason"])
    write_atomically(smk.output.json, json.dumps(document, indent=2, allow_nan=False) + "\n")
    write_atomically(smk.output.csv, table.to_csv(index=False, float_format=qca_pipeline.CSV_FLOAT_FORMAT, lineterminator="\n"))
    write_atomically(smk.output.md, markdown)


main(snakemake)  # noqa: F821 -- provided by Snakemake

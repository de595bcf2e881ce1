"""Snakemake adapter: provenance, the synthesis workbook and Markdown, and the
report's HTML pages. `params.task` says which one this rule makes."""

import logging
from pathlib import Path

from crosscase.cli.runner import run_script, warn
from crosscase.common.files import write_text
from crosscase.outputs import provenance as prov
from crosscase.outputs.left_out import left_out, left_out_table, warning_lines
from crosscase.outputs.markdown import provenance_page, synthesis_markdown, table_page, tables_page
from crosscase.outputs.workbook import synthesis_tables, write_synthesis_workbook


def with_left_out(paths, within_only):
    """The synthesis tables, closed by the cases left out of an analysis (when any)."""
    table = left_out_table(paths, within_only)
    return synthesis_tables(paths) + ([table] if table is not None else [])


def main(smk):
    task = smk.params.task
    output = smk.output[0]
    if task == "provenance":
        record = prov.collect(list(smk.input.files), smk.params.config)
        prov.write(record, output)
        logging.info("checksummed %d input files; run date %s", len(record["inputs"]), record["run_date"])
    elif task == "workbook":
        tables = with_left_out(smk.input.tables, smk.params.within_only)
        write_synthesis_workbook(output, tables, prov.read(smk.input.provenance))
        logging.info("wrote %s: README and %d table sheets", output, len(tables))
    elif task == "markdown":
        record = prov.without_run_date(prov.read(smk.input.provenance))
        tables = with_left_out(smk.input.tables, smk.params.within_only)
        for line in warning_lines(left_out(smk.input.tables, smk.params.within_only)):
            warn(line)
        write_text(output, synthesis_markdown(tables, record))
        logging.info("wrote %s: %d tables", output, len(tables))
    elif task == "provenance_page":
        write_text(output, provenance_page(prov.read(smk.input.provenance)))
    elif task == "case_pages":
        for case, framework, metrics in zip(smk.params.cases, smk.input.framework, smk.input.metrics):
            tables = synthesis_tables([framework, metrics])
            for table in tables:
                table.frame = table.frame.drop(columns=["case_id"], errors="ignore")
            write_text(smk.output[case], tables_page(f"Case {case}: six-stage summary and metrics", tables))
    elif task == "table_pages":
        for name, path in smk.output.items():
            source = smk.input[name]
            tables = synthesis_tables([source])
            page = table_page(tables[0]) if len(tables) == 1 else tables_page(Path(source).stem, tables)
            write_text(path, page)
        logging.info("wrote %d table pages", len(smk.output))
    else:
        raise ValueError(f"unknown synthesis task {task!r}")


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

"""Snakemake adapter: provenance, the synthesis workbook and Markdown, and the
report's HTML pages. `params.task` says which one this rule makes."""
import logging
from pathlib import Path

from crosscase.outputs import provenance as prov
from crosscase.outputs.markdown import provenance_page, synthesis_markdown, table_page, tables_page
from crosscase.cli.runner import run_script
from crosscase.common.files import write_text
from crosscase.outputs.workbook import synthesis_tables, write_synthesis_workbook


def main(smk):
    task = smk.params.task
    output = smk.output[0]
    if task == "provenance":
        record = prov.collect(list(smk.input.files), smk.params.config)
        prov.write(record, output)
        logging.info("checksummed %d input files; run date %s", len(record["inputs"]), record["run_date"])
    elif task == "workbook":
        tables = synthesis_tables(smk.input.tables)
        write_synthesis_workbook(output, tables, prov.read(smk.input.provenance))
        logging.info("wrote %s: README and %d table sheets", output, len(tables))
    elif task == "markdown":
        record = prov.without_run_date(prov.read(smk.input.provenance))
        tables = synthesis_tables(smk.input.tables)
        write_text(output, synthesis_markdown(tables, record))
        logging.info("wrote %s: %d tables", output, len(tables))
    elif task == "provenance_page":
        write_text(output, provenance_page(prov.read(smk.input.provenance)))
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

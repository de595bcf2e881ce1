"""Snakemake adapter: one figure of the synthesis (`params.figure` says which)."""
import json
import logging

from crosscase.outputs import figures
from crosscase.cli.runner import run_script
from crosscase.outputs.workbook import read_csv_text


def main(smk):
    kind = smk.params.figure
    inputs = smk.input
    if kind == "typology_heatmap":
        clusters = read_csv_text(inputs.clusters) if hasattr(inputs, "clusters") else None
        figure = figures.typology_heatmap_figure(read_csv_text(inputs.table2), clusters)
    elif kind == "pattern_matching":
        meta = read_csv_text(inputs.meta) if hasattr(inputs, "meta") else None
        figure = figures.pattern_matching_figure(read_csv_text(inputs.pattern), meta)
    elif kind == "theme_heatmap":
        figure = figures.theme_heatmap_figure(read_csv_text(inputs.themes), list(smk.params.case_order))
    elif kind == "qca_solution":
        with open(inputs.result, encoding="utf-8") as handle:
            result = json.load(handle)
        data = read_csv_text(inputs.data) if hasattr(inputs, "data") else None
        figure = figures.qca_solution_figure(result, data, name=smk.wildcards.qca_analysis)
    else:
        raise ValueError(f"unknown figure {kind!r}")
    figures.save_png(figure, smk.output[0])
    logging.info("drew %s from %s", smk.output[0], ", ".join(map(str, inputs)))


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

"""Snakemake adapter: one figure of the synthesis (`params.figure` says which)."""

import json
import logging

import pandas as pd

from crosscase.cli.runner import run_script
from crosscase.outputs import figures
from crosscase.outputs.workbook import read_csv_text


def main(smk):
    kind = smk.params.figure
    inputs = smk.input
    if kind == "typology_heatmap":
        figure = figures.typology_heatmap_figure(read_csv_text(inputs.table2), read_csv_text(inputs.clusters))
    elif kind == "pattern_matching":
        figure = figures.pattern_matching_figure(pd.read_parquet(inputs.pattern), read_csv_text(inputs.meta))
    elif kind == "theme_heatmap":
        figure = figures.theme_heatmap_figure(read_csv_text(inputs.themes), list(smk.params.case_order))
    elif kind == "qca_solution":
        with open(inputs.result, encoding="utf-8") as handle:
            result = json.load(handle)
        # The memberships the QCA step computed, at full precision.
        data = pd.read_parquet(inputs.data)
        figure = figures.qca_solution_figure(result, data, name=smk.wildcards.qca_analysis)
    else:
        raise ValueError(f"unknown figure {kind!r}")
    figures.save_png(figure, smk.output[0])
    logging.info("drew %s from %s", smk.output[0], ", ".join(map(str, inputs)))


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

"""Snakemake adapter: typology counts, uncovered cells, Jaccard similarity,
clustering and Fisher's exact tests against success_class."""

import pandas as pd

from crosscase.cli.runner import run_script
from crosscase.common.files import write_text
from crosscase.compare import patterns as compare
from crosscase.compare import typology as ta
from crosscase.ingest.store import read_table, write_csv
from crosscase.ingest.vocabulary import load_vocabulary


def main(smk):
    order = list(smk.params.case_order)
    vocabulary = load_vocabulary(smk.input.vocabulary)
    typology = read_table(smk.input.typology, "typology", order)
    out = smk.output
    # Success classes as the pattern-matching step derived them (typed Parquet).
    classes = compare.classes_of(pd.read_parquet(smk.input.pattern_matching))
    matrix = ta.presence_matrix(typology, vocabulary, order)
    counts = ta.typology_counts(matrix, vocabulary)
    uncovered = ta.uncovered_cells(matrix, vocabulary)
    jaccard = ta.jaccard_similarity(matrix)
    clusters, leaves = ta.clustering(matrix)
    fisher = ta.fisher_by_attribute(matrix, classes, vocabulary)

    write_csv(counts, out.counts)
    write_csv(uncovered, out.uncovered)
    write_csv(compare.csv_ready(jaccard), out.jaccard)
    write_csv(compare.csv_ready(clusters), out.clusters)
    write_csv(ta.fisher_csv_ready(fisher), out.fisher)
    write_text(out.markdown, ta.typology_markdown(counts, uncovered, jaccard, clusters, leaves, fisher, classes))


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)

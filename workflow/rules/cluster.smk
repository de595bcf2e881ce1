# On a cluster (docs/cluster.md), the small steps at the end run on the
# machine that runs Snakemake rather than as cluster jobs: they only read the
# result tables (figures, the synthesis files, the report pages), take seconds,
# and would otherwise each be a job in the queue. No effect on a local run.


localrules:
    all,
    synthesis_provenance,
    synthesis_workbook,
    synthesis_markdown,
    synthesis_provenance_page,
    report_table_pages,
    figure_typology_heatmap,
    figure_pattern_matching,
    figure_theme_heatmap,
    figure_qca_solution,

# On a cluster (docs/cluster.md), the small steps run on the machine that runs
# Snakemake rather than as cluster jobs: the clean-up of stale results at the
# start and, at the end, the steps that only read the result tables (figures,
# the synthesis files and REFI-QDA project, the report pages). They take seconds and would
# otherwise each wait in the queue. No effect on a local run.


localrules:
    all,
    remove_stale_results,
    synthesis_provenance,
    synthesis_workbook,
    synthesis_markdown,
    synthesis_provenance_page,
    report_table_pages,
    report_case_pages,
    synthesis_qdpx,
    figure_typology_heatmap,
    figure_pattern_matching,
    figure_theme_heatmap,
    figure_qca_solution,

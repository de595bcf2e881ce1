# Outputs people read: the synthesis workbook and its Markdown twin, the
# figures, the report's pages for the key tables, and the provenance of the run.
# What they are made of, in what order and under which titles, comes from the
# registry (crosscase/registry.py).
import glob
import os
import re
import types

from crosscase.outputs.provenance import workflow_inputs
from crosscase.schemas import SCHEMA_DIR


report: "../report/workflow.rst"


# The table files of the workbook and the Markdown, in the registry's order.
SYNTHESIS_SOURCES = registry.synthesis_sources(CASE_IDS, QCA_ANALYSES)
# Tables shown on their own page of the HTML report.
KEY_TABLES = registry.report_pages(CASE_IDS, QCA_ANALYSES)
# Every input file of the run, checksummed in the provenance record.
PROVENANCE_INPUTS = workflow_inputs(
    workflow.configfiles,
    [config["cases"], config["vocabulary"]],
    sorted(os.path.relpath(p) for p in SCHEMA_DIR.glob("*.yaml")),
    [path for case in ANALYSED_IDS for path in case_input_files(types.SimpleNamespace(case=case))],
)


# Re-run whenever a table is rebuilt, so that the run date is the date the
# synthesis was made; only `files` are checksummed.
rule synthesis_provenance:
    input:
        files=PROVENANCE_INPUTS,
        tables=SYNTHESIS_SOURCES,
    output:
        registry.path_of("synthesis_provenance", "provenance"),
    log:
        "results/logs/synthesis/provenance.log",
    conda:
        "../../environment.yml"
    params:
        task="provenance",
        config=dict(config),
    script:
        "../scripts/synthesis.py"


rule synthesis_workbook:
    input:
        tables=SYNTHESIS_SOURCES,
        provenance=registry.path_of("synthesis_provenance", "provenance"),
    output:
        report(
            registry.path_of("synthesis_workbook", "workbook"),
            caption="../report/synthesis_workbook.rst",
            category="1 Synthesis",
        ),
    log:
        "results/logs/synthesis/workbook.log",
    conda:
        "../../environment.yml"
    params:
        task="workbook",
        within_only=WITHIN_ONLY_IDS,
    script:
        "../scripts/synthesis.py"


rule synthesis_markdown:
    input:
        tables=SYNTHESIS_SOURCES,
        provenance=registry.path_of("synthesis_provenance", "provenance"),
    output:
        report(
            registry.path_of("synthesis_markdown", "markdown"),
            caption="../report/synthesis_markdown.rst",
            category="1 Synthesis",
        ),
    log:
        "results/logs/synthesis/markdown.log",
    conda:
        "../../environment.yml"
    params:
        task="markdown",
        within_only=WITHIN_ONLY_IDS,
    script:
        "../scripts/synthesis.py"


rule synthesis_provenance_page:
    input:
        provenance=registry.path_of("synthesis_provenance", "provenance"),
    output:
        report(
            registry.path_of("synthesis_provenance_page", "page"),
            caption="../report/provenance.rst",
            category="1 Synthesis",
        ),
    log:
        "results/logs/synthesis/provenance_page.log",
    conda:
        "../../environment.yml"
    params:
        task="provenance_page",
    script:
        "../scripts/synthesis.py"


# All the report's table pages in one job: each is a few milliseconds of work
# after a second of imports, so one process per page only added start-ups.
rule report_table_pages:
    input:
        **KEY_TABLES,
    output:
        **{
            page: report(
                registry.REPORT_PAGE.format(page=page),
                caption="../report/table.rst",
                category="2 Tables",
                labels=registry.report_page_labels(KEY_TABLES[page]),
            )
            for page in KEY_TABLES
        },
    log:
        "results/logs/synthesis/table_pages.log",
    conda:
        "../../environment.yml"
    params:
        task="table_pages",
    script:
        "../scripts/synthesis.py"


rule figure_typology_heatmap:
    input:
        table2=registry.path_of("case_tables", "table2_csv"),
        clusters=registry.path_of("typology_analysis", "clusters"),
    output:
        report(
            registry.path_of("figure_typology_heatmap", "png"),
            caption="../report/typology_heatmap.rst",
            category="3 Figures",
            subcategory="Typology",
        ),
    log:
        "results/logs/figures/typology_heatmap.log",
    conda:
        "../../environment.yml"
    params:
        figure="typology_heatmap",
    script:
        "../scripts/figures.py"


rule figure_pattern_matching:
    input:
        pattern=registry.path_of("crosscase_patterns", "pattern_matching_parquet"),
        meta=registry.path_of("crosscase_patterns", "meta_csv"),
    output:
        report(
            registry.path_of("figure_pattern_matching", "png"),
            caption="../report/pattern_matching.rst",
            category="3 Figures",
            subcategory="Pattern matching",
        ),
    log:
        "results/logs/figures/pattern_matching.log",
    conda:
        "../../environment.yml"
    params:
        figure="pattern_matching",
    script:
        "../scripts/figures.py"


rule figure_theme_heatmap:
    input:
        themes=registry.path_of("crosscase_evidence", "themes"),
    output:
        report(
            registry.path_of("figure_theme_heatmap", "png"),
            caption="../report/theme_heatmap.rst",
            category="3 Figures",
            subcategory="Themes",
        ),
    log:
        "results/logs/figures/theme_heatmap.log",
    conda:
        "../../environment.yml"
    params:
        figure="theme_heatmap",
        case_order=CASE_IDS,
    script:
        "../scripts/figures.py"


rule figure_qca_solution:
    input:
        result=registry.path_of("qca_analysis", "json").replace("{analysis}", "{qca_analysis}"),
        data=registry.path_of("qca_analysis", "parquet").replace("{analysis}", "{qca_analysis}"),
    output:
        report(
            registry.path_of("figure_qca_solution", "png").replace("{analysis}", "{qca_analysis}"),
            caption="../report/qca_solution.rst",
            category="3 Figures",
            subcategory="QCA",
        ),
    log:
        "results/logs/figures/qca_{qca_analysis}.log",
    wildcard_constraints:
        qca_analysis="|".join(map(re.escape, QCA_ANALYSES)) or "NONE",
    conda:
        "../../environment.yml"
    params:
        figure="qca_solution",
    script:
        "../scripts/figures.py"


# Each case's section 3.1 table and metrics as a report page of its own (one
# job for every case's page), the cases analysed on their own included.
CASE_PAGES = {case: registry.path_of("report_case_pages", "page").format(case=case) for case in ANALYSED_IDS}


rule report_case_pages:
    input:
        framework=[registry.path_of("case_framework", "csv").format(case=case) for case in ANALYSED_IDS],
        metrics=[registry.path_of("case_framework", "metrics").format(case=case) for case in ANALYSED_IDS],
    output:
        **{
            case: report(
                path,
                caption="../report/case_framework.rst",
                category="4 Cases",
                labels={"Case": case, "Page": "Six-stage summary and metrics"},
            )
            for case, path in CASE_PAGES.items()
        },
    log:
        "results/logs/synthesis/case_pages.log",
    conda:
        "../../environment.yml"
    params:
        task="case_pages",
        cases=ANALYSED_IDS,
    script:
        "../scripts/synthesis.py"

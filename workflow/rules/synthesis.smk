# Outputs people read: the synthesis workbook and its Markdown twin, the
# figures, the report's pages for the key tables, and the provenance of the run.
# Included last: it collects whatever the other stages produce from their
# module-level output lists, so it works whichever stages are present.
import glob
import os
import re
import types

from crosscase.outputs.provenance import workflow_inputs
from crosscase.schemas import SCHEMA_DIR
from crosscase.outputs.workbook import (
    figure_outputs,
    find_output,
    key_tables,
    optional_inputs,
    qca_analyses,
    synthesis_sources,
)


report: "../report/workflow.rst"


# The table files of every stage present, in stage order.
SYNTHESIS_SOURCES = synthesis_sources(
    globals().get(name, [])
    for name in ("TABLE_OUTPUTS", "CASE_OUTPUTS", "CROSSCASE_OUTPUTS", "QCA_OUTPUTS", "EVIDENCE_OUTPUTS")
)
QCA_ANALYSES = qca_analyses(SYNTHESIS_SOURCES)
# Tables shown on their own page of the HTML report (when their stage exists).
KEY_TABLES = key_tables(SYNTHESIS_SOURCES)
FIGURES = figure_outputs(SYNTHESIS_SOURCES)
# Every input file of the run, checksummed in the provenance record.
PROVENANCE_INPUTS = workflow_inputs(
    workflow.configfiles,
    [config["cases"], config["vocabulary"]],
    sorted(os.path.relpath(p) for p in SCHEMA_DIR.glob("*.yaml")),
    [path for case in CASE_IDS for path in case_input_files(types.SimpleNamespace(case=case))],
)

SYNTHESIS_OUTPUTS = [
    "results/provenance.json",
    "results/synthesis.xlsx",
    "results/synthesis.md",
    "results/report/provenance.html",
    *FIGURES,
    *[f"results/report/tables/{name}.html" for name in KEY_TABLES],
]


# Re-run whenever a table is rebuilt, so that the run date is the date the
# synthesis was made; only `files` are checksummed.
rule synthesis_provenance:
    input:
        files=PROVENANCE_INPUTS,
        tables=SYNTHESIS_SOURCES,
    output:
        "results/provenance.json",
    params:
        task="provenance",
        config=dict(config),
    conda:
        "../../environment.yml"
    log:
        "results/logs/synthesis/provenance.log",
    script:
        "../scripts/synthesis.py"


rule synthesis_workbook:
    input:
        tables=SYNTHESIS_SOURCES,
        provenance="results/provenance.json",
    output:
        report(
            "results/synthesis.xlsx",
            caption="../report/synthesis_workbook.rst",
            category="1 Synthesis",
        ),
    params:
        task="workbook",
    conda:
        "../../environment.yml"
    log:
        "results/logs/synthesis/workbook.log",
    script:
        "../scripts/synthesis.py"


rule synthesis_markdown:
    input:
        tables=SYNTHESIS_SOURCES,
        provenance="results/provenance.json",
    output:
        report(
            "results/synthesis.md",
            caption="../report/synthesis_markdown.rst",
            category="1 Synthesis",
        ),
    params:
        task="markdown",
    conda:
        "../../environment.yml"
    log:
        "results/logs/synthesis/markdown.log",
    script:
        "../scripts/synthesis.py"


rule synthesis_provenance_page:
    input:
        provenance="results/provenance.json",
    output:
        report(
            "results/report/provenance.html",
            caption="../report/provenance.rst",
            category="1 Synthesis",
        ),
    params:
        task="provenance_page",
    conda:
        "../../environment.yml"
    log:
        "results/logs/synthesis/provenance_page.log",
    script:
        "../scripts/synthesis.py"


rule report_key_table:
    input:
        lambda wildcards: KEY_TABLES[wildcards.key_table],
    output:
        report(
            "results/report/tables/{key_table}.html",
            caption="../report/table.rst",
            category="2 Tables",
        ),
    wildcard_constraints:
        key_table="|".join(map(re.escape, KEY_TABLES)) or "NONE",
    params:
        task="table_page",
    conda:
        "../../environment.yml"
    log:
        "results/logs/synthesis/table_{key_table}.log",
    script:
        "../scripts/synthesis.py"


rule figure_typology_heatmap:
    input:
        table2=find_output(SYNTHESIS_SOURCES, "table2_typology.csv") or "results/tables/table2_typology.csv",
        **optional_inputs(clusters=find_output(SYNTHESIS_SOURCES, "typology_clusters.csv")),
    output:
        report(
            "results/figures/typology_heatmap.png",
            caption="../report/typology_heatmap.rst",
            category="3 Figures",
            subcategory="Typology",
        ),
    params:
        figure="typology_heatmap",
    conda:
        "../../environment.yml"
    log:
        "results/logs/figures/typology_heatmap.log",
    script:
        "../scripts/figures.py"


rule figure_pattern_matching:
    input:
        pattern=find_output(SYNTHESIS_SOURCES, "pattern_matching.csv") or "results/crosscase/pattern_matching.csv",
        **optional_inputs(meta=find_output(SYNTHESIS_SOURCES, "meta_matrix.csv")),
    output:
        report(
            "results/figures/pattern_matching.png",
            caption="../report/pattern_matching.rst",
            category="3 Figures",
            subcategory="Pattern matching",
        ),
    params:
        figure="pattern_matching",
    conda:
        "../../environment.yml"
    log:
        "results/logs/figures/pattern_matching.log",
    script:
        "../scripts/figures.py"


rule figure_theme_heatmap:
    input:
        themes=find_output(SYNTHESIS_SOURCES, "themes_by_case.csv") or "results/crosscase/themes_by_case.csv",
    output:
        report(
            "results/figures/theme_heatmap.png",
            caption="../report/theme_heatmap.rst",
            category="3 Figures",
            subcategory="Themes",
        ),
    params:
        figure="theme_heatmap",
        case_order=CASE_IDS,
    conda:
        "../../environment.yml"
    log:
        "results/logs/figures/theme_heatmap.log",
    script:
        "../scripts/figures.py"


rule figure_qca_solution:
    input:
        unpack(
            lambda wildcards: optional_inputs(
                result=find_output(SYNTHESIS_SOURCES, f"{wildcards.qca_analysis}.json"),
                data=find_output(SYNTHESIS_SOURCES, f"{wildcards.qca_analysis}.csv"),
            )
        ),
    output:
        report(
            "results/figures/qca_{qca_analysis}.png",
            caption="../report/qca_solution.rst",
            category="3 Figures",
            subcategory="QCA",
        ),
    wildcard_constraints:
        qca_analysis="|".join(map(re.escape, QCA_ANALYSES)) or "NONE",
    params:
        figure="qca_solution",
    conda:
        "../../environment.yml"
    log:
        "results/logs/figures/qca_{qca_analysis}.log",
    script:
        "../scripts/figures.py"

# QCA analyses configured under `qca:` in config/config.yaml (README, "Configurational comparison (QCA)").
# Each entry is validated by crosscase.qca.pipeline against
# config/schemas/qca.schema.yaml when its job runs.

QCA_ANALYSES = [a["name"] for a in config.get("qca", [])]
QCA_OUTPUTS = expand(
    "results/crosscase/qca/{analysis}.{ext}", analysis=QCA_ANALYSES, ext=["json", "csv", "md"]
)


rule qca_analysis:
    input:
        pattern_matching="results/crosscase/pattern_matching.csv",
        typology="results/tables/table2_typology.csv",
    output:
        json="results/crosscase/qca/{analysis}.json",
        csv="results/crosscase/qca/{analysis}.csv",
        md="results/crosscase/qca/{analysis}.md",
    params:
        analysis=lambda wc: qca_analysis_config(wc.analysis),
    conda:
        "../../environment.yml"
    log:
        "results/logs/qca/{analysis}.log",
    wildcard_constraints:
        analysis=r"[A-Za-z][A-Za-z0-9_-]{0,63}",
    script:
        "../scripts/qca_analysis.py"

# QCA analyses configured under `qca:` in config/config.yaml (docs/qca.md).
# Each entry is checked against crosscase/schemas/qca.schema.yaml when the
# workflow is parsed (common.smk, so `snakemake -n` reports a misspelt key),
# and again by crosscase.qca.pipeline when its job runs.


rule qca_analysis:
    input:
        pattern_matching=registry.path_of("crosscase_patterns", "pattern_matching_parquet"),
        typology=registry.path_of("case_tables", "table2_parquet"),
    output:
        **registry.rule_outputs("qca_analysis"),
    log:
        "results/logs/qca/{analysis}.log",
    wildcard_constraints:
        analysis=r"[A-Za-z][A-Za-z0-9_-]{0,63}",
    conda:
        "../../environment.yml"
    params:
        analysis=lambda wc: qca_analysis_config(wc.analysis),
    script:
        "../scripts/qca_analysis.py"

# QCA analyses configured under `qca:` in config/config.yaml (docs/qca.md).
# Each entry is validated against crosscase/schemas/qca.schema.yaml here, when
# the workflow is parsed (so `snakemake -n` reports a misspelt key), and again
# by crosscase.qca.pipeline when its job runs.
for _qca_entry in config.get("qca", []):
    validate(_qca_entry, str(schema_path("qca")))


rule qca_analysis:
    input:
        pattern_matching=registry.path_of("crosscase_patterns", "pattern_matching_parquet"),
        typology=registry.path_of("case_tables", "table2_parquet"),
    output:
        **registry.rule_outputs("qca_analysis"),
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

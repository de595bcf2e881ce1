# Within-case pattern matching: each case's section 3.1 table (framework.md,
# framework.csv), its metrics (metrics.csv) and its context-mechanism-outcome
# chains (cmo.csv, cmo.md), computed from that case alone.


rule case_framework:
    input:
        framework=normalised("framework"),
        summary=normalised("summary"),
        case_info=normalised("case_info"),
    output:
        **registry.rule_outputs("case_framework"),
    params:
        weights=config["observed_weights"],
    conda:
        "../../environment.yml"
    log:
        "results/logs/cases/{case}.log",
    script:
        "../scripts/case_framework.py"

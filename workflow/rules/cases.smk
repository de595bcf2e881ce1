# Within-case pattern matching: each case's section 3.1 table (framework.md,
# framework.csv) and its metrics (metrics.csv), computed from that case alone.

CASE_FRAMEWORK_FILES = ["framework.md", "framework.csv", "metrics.csv"]
CASE_OUTPUTS = expand("results/cases/{case}/{name}", case=CASE_IDS, name=CASE_FRAMEWORK_FILES)


rule case_framework:
    input:
        framework=normalised("framework"),
        summary=normalised("summary"),
        case_info=normalised("case_info"),
    output:
        markdown="results/cases/{case}/framework.md",
        csv="results/cases/{case}/framework.csv",
        metrics="results/cases/{case}/metrics.csv",
    params:
        weights=config["observed_weights"],
    conda:
        "../../environment.yml"
    log:
        "results/logs/cases/{case}.log",
    script:
        "../scripts/case_framework.py"

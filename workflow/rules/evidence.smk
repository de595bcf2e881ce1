# Survey, interview-coded and secondary data: the within-case analyses (the
# registry's outputs of `case_evidence`, written by the batch jobs of
# rules/ingest.smk) and the case-level results side by side. Nothing is
# pooled across cases: each statistic comes from one case's rows.
EVIDENCE_TABLES = ["codebook", "segments", "survey_items", "survey_responses", "indicators"]


rule crosscase_evidence:
    input:
        **{name: normalised_all(name) for name in EVIDENCE_TABLES},
    output:
        **registry.rule_outputs("crosscase_evidence"),
    params:
        case_order=CASE_IDS,
    conda:
        "../../environment.yml"
    log:
        "results/logs/crosscase_evidence.log",
    script:
        "../scripts/crosscase_evidence.py"

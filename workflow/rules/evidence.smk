# Survey, interview-coded and secondary data: the within-case analyses (one job
# per case for all of them) and the case-level results side by side. Nothing is
# pooled across cases: each statistic comes from one case's rows.
from crosscase.within.evidence import CASE_INPUT_TABLES

EVIDENCE_TABLES = ["codebook", "segments", "survey_items", "survey_responses", "indicators"]


rule case_evidence:
    input:
        **{name: normalised(name) for name in CASE_INPUT_TABLES},
    output:
        **registry.rule_outputs("case_evidence"),
    conda:
        "../../environment.yml"
    log:
        "results/logs/evidence/{case}.log",
    script:
        "../scripts/case_evidence.py"


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

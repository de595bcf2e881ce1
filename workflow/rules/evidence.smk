# Survey, interview-coded and secondary data: the within-case analyses (one job
# per case for all of them) and the case-level results side by side. Nothing is
# pooled across cases: each statistic comes from one case's rows.
from crosscase.within.evidence import CASE_INPUT_TABLES, CASE_RESULT_TABLES

EVIDENCE_TABLES = ["codebook", "segments", "survey_items", "survey_responses", "indicators"]
CASE_EVIDENCE_FILES = [f"results/cases/{{case}}/{name}.csv" for name in CASE_RESULT_TABLES]
CROSSCASE_EVIDENCE = {
    "themes": "results/crosscase/themes_by_case.csv",
    "survey": "results/crosscase/survey_by_case.csv",
    "indicators": "results/crosscase/indicators_by_case.csv",
}
EVIDENCE_OUTPUTS = expand(CASE_EVIDENCE_FILES, case=CASE_IDS) + list(CROSSCASE_EVIDENCE.values())


rule case_evidence:
    input:
        **{name: normalised(name) for name in CASE_INPUT_TABLES},
    output:
        CASE_EVIDENCE_FILES,
    params:
        outputs=list(CASE_RESULT_TABLES),
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
        **CROSSCASE_EVIDENCE,
    params:
        case_order=CASE_IDS,
    conda:
        "../../environment.yml"
    log:
        "results/logs/crosscase_evidence.log",
    script:
        "../scripts/crosscase_evidence.py"

# Survey, interview-coded and secondary data: the within-case analyses (the
# registry's outputs of `case_evidence`, written by the batch jobs of
# rules/ingest.smk) and the case-level results side by side. Nothing is
# pooled across cases: each statistic comes from one case's rows.
EVIDENCE_TABLES = ["codebook", "segments", "framework", "ratings"]


rule crosscase_evidence:
    input:
        **{name: normalised_all(name) for name in EVIDENCE_TABLES},
        # each case's survey tests, run in its batch job (crosscase.within.survey)
        survey_tests=case_dataset(registry.path_of("case_evidence", "survey_tests_parquet")),
        # and its indicator summary (crosscase.within.secondary)
        indicators=case_dataset(registry.path_of("case_evidence", "indicators_parquet")),
    output:
        **registry.rule_outputs("crosscase_evidence"),
    log:
        "results/logs/crosscase_evidence.log",
    conda:
        "../../environment.yml"
    params:
        case_order=CASE_IDS,
    script:
        "../scripts/crosscase_evidence.py"


# Framework matrices (crosscase.compare.matrices): case x theme and case x stage,
# wide (display) and long (machine), with the researcher's summaries and quotes.
rule framework_matrices:
    input:
        **{name: normalised_all(name) for name in ("framework", "summary", "codebook", "segments")},
    output:
        **registry.rule_outputs("framework_matrices"),
    log:
        "results/logs/framework_matrices.log",
    conda:
        "../../environment.yml"
    params:
        case_order=CASE_IDS,
        quotes_per_cell=config.get("framework_matrix", {}).get("quotes_per_cell", 2),
    script:
        "../scripts/framework_matrices.py"


# The whole synthesis's coded data as one REFI-QDA project, to take back into a
# CAQDAS tool (the per-case projects are written by the batch jobs).
rule synthesis_qdpx:
    input:
        **{name: normalised_all(name) for name in ("codebook", "segments")},
    output:
        **registry.rule_outputs("synthesis_qdpx"),
    log:
        "results/logs/synthesis_qdpx.log",
    conda:
        "../../environment.yml"
    params:
        compute="crosscase.outputs.qdpx:stage",
        case_order=CASE_IDS,
        labels=[CASE_LIST.set_index("case_id").loc[case, "label"] for case in CASE_IDS],
    script:
        "../scripts/stage.py"

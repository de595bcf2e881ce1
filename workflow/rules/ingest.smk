# Ingestion: one job per case (not per file), because each job is a Python
# process and start-up dominates at hundreds of cases. The case -> job mapping
# is the `case` wildcard alone; batching cases would change only this file.


rule ingest_case:
    input:
        workbooks=case_input_files,
        vocabulary=config["vocabulary"],
    output:
        [normalised(table) for table in TABLES],
    params:
        case_dir=lambda wildcards: CASE_PATHS[wildcards.case],
        tables=list(TABLES),
    conda:
        "../../environment.yml"
    log:
        "results/logs/ingest/{case}.log",
    script:
        "../scripts/ingest_case.py"

# No stale or extra results (crosscase/ingest/stale.py, docs/reliability.md):
# this job removes what belongs to cases and QCA analyses no longer in the run.
# It runs as a job, so a dry run deletes nothing, and re-runs whenever the case
# list, the configuration or the included cases or analyses change.
rule remove_stale_results:
    input:
        config["cases"],
        workflow.configfiles[-1] if workflow.configfiles else [],
    output:
        INCLUDED,
    log:
        "results/logs/remove_stale_results.log",
    conda:
        "../../environment.yml"
    params:
        cases=CASE_IDS,
        within_only=WITHIN_ONLY_IDS,
        analyses=[entry["name"] for entry in config.get("qca", [])],
    script:
        "../scripts/remove_stale.py"


onstart:
    # Temporary files of writes interrupted by a crash (never read as results).
    from crosscase.ingest.stale import leftover_temporaries

    for leftover in leftover_temporaries("."):
        leftover.unlink(missing_ok=True)

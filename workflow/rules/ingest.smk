# Within-case work in batches: one job per batch of cases runs, for each case of
# the batch, ingestion (validation and normalisation), the framework summaries
# and metrics, and the survey, interview and secondary analyses, because each
# job is a Python process and start-up dominates at hundreds of cases. Outputs
# stay per case and every one is declared, so Snakemake re-runs a batch when any
# file of its cases is missing or out of date. The case -> batch assignment is
# stable (crosscase.within.batch: a hash of case_id): editing or adding a case
# re-runs only its own batch. A bad case is reported and leaves no outputs; the
# other cases of its batch are built (see docs/speed.md).
import types

from crosscase.within.batch import DEFAULT_BATCH_SIZE, assign_batches, case_outputs

BATCH_SIZE = config.get("batch_size", DEFAULT_BATCH_SIZE)
BATCHES = assign_batches(ANALYSED_IDS, BATCH_SIZE)


def batch_outputs(case_ids):
    return [path for case in case_ids for path in case_outputs(case).values()]


def batch_log(batch):
    return f"results/logs/batches/{batch}.log"


def batch_inputs(case_ids):
    return [path for case in case_ids for path in case_input_files(types.SimpleNamespace(case=case))]


for _batch, _cases in BATCHES.items():

    rule:
        name:
            f"within_{_batch}"
        input:
            workbooks=batch_inputs(_cases),
            vocabulary=config["vocabulary"],
        output:
            batch_outputs(_cases),
        log:
            batch_log(_batch),
        conda:
            "../../environment.yml"
        params:
            cases=[[case, CASE_PATHS[case]] for case in _cases],
            weights=config["observed_weights"],
            # what each case's sensitivity is judged by (crosscase.within.sensitivity)
            success_rule=config["success_class"],
            propositions=PROPOSITIONS,
        script:
            "../scripts/within_batch.py"

# Shared set-up: configuration and case list, both schema-validated, and the
# helpers that map cases to files and jobs.
import glob
import os

from crosscase.compare.patterns import PATTERN_COLUMNS
from crosscase.ingest.cases import analysed_cases, included_cases, read_case_list
from crosscase import registry
from crosscase.ingest.contract import TABLES
from crosscase.ingest.settings import check_workflow_settings, exit_on_problems

# Every configuration file (config.yaml with each qca: entry, cases.tsv,
# vocabulary.yaml) and every included case folder is checked here, when the DAG
# is built: a dry run (`snakemake -n`) reports the same problems as a run, one
# line each, and nothing runs until they are fixed (docs/reliability.md).
exit_on_problems(
    check_workflow_settings,
    config,
    workflow.configfiles[-1] if workflow.configfiles else "config/config.yaml",
    source_columns={"pattern": PATTERN_COLUMNS},
)

CASE_LIST = read_case_list(config["cases"])
# CASE_IDS are compared across cases (include = yes); ANALYSED_IDS add the
# cases analysed on their own only (include = within), which get every per-case
# output and no row in a cross-case table.
CASES = included_cases(CASE_LIST)
CASE_IDS = CASES["case_id"].tolist()
ANALYSED_IDS = analysed_cases(CASE_LIST)["case_id"].tolist()
WITHIN_ONLY_IDS = [case for case in ANALYSED_IDS if case not in CASE_IDS]
CASE_PATHS = dict(zip(CASE_LIST["case_id"], CASE_LIST["path"]))
NORMALISED = "results/normalised"
# The cases and QCA analyses behind results/ (written by rules/stale.smk).
INCLUDED = "results/included.tsv"
# Propositions (config.yaml `propositions`; the older `proposition:` thresholds
# become a rival when `propositions` is absent). Defaults in crosscase.within.propositions.
# The batch jobs judge each case's sensitivity by them; crosscase_patterns sets the verdicts side by side.
PROPOSITIONS = {"propositions": config.get("propositions"), "proposition": config.get("proposition", {})}
# The configured QCA analyses (crosscase/qca, workflow/rules/qca.smk).
QCA_ANALYSES = [entry["name"] for entry in config.get("qca", [])]


wildcard_constraints:
    case=r"[A-Za-z][A-Za-z0-9_-]{0,31}",
    table="|".join(TABLES),


def case_input_files(wildcards):
    """Every data file in a case folder, so that editing any of them re-runs its
    ingestion. Lock files (~$x.xlsx) and hidden files are not data."""
    folder = CASE_PATHS[wildcards.case]
    found = sorted(
        path
        for pattern in ("*.xlsx", "*.xlsm", "*.csv", "*.qdpx")
        for path in glob.glob(os.path.join(folder, pattern))
        if not os.path.basename(path).startswith(("~$", "."))
    )
    # case.xlsx is required: name it even when absent, so a missing workbook
    # is reported by Snakemake as a missing input.
    required = os.path.join(folder, "case.xlsx")
    return sorted(set(found) | {required})


def normalised(table, case="{case}"):
    return f"{NORMALISED}/{table}/case_id={case}/part-0.parquet"


def normalised_all(table):
    """A table's per-case Parquet files for every included case (one dataset)."""
    return [normalised(table, case) for case in CASE_IDS]


def qca_analysis_config(name):
    """The configured analysis called `name` (a plain dict, as the script expects)."""
    for entry in config.get("qca", []):
        if entry.get("name") == name:
            return dict(entry)
    raise ValueError(f"no QCA analysis named {name!r} under qca: in the configuration")


def case_dataset(output_path, case_ids=None):
    """One registry output's per-case files for every included case (one dataset)."""
    return [output_path.format(case=case) for case in (CASE_IDS if case_ids is None else case_ids)]


def all_outputs():
    """Every declared output of the compared cases and configured analyses, and
    the per-case outputs of the cases analysed on their own (crosscase/registry.py)."""
    return [INCLUDED, *registry.targets(CASE_IDS, QCA_ANALYSES), *registry.case_targets(WITHIN_ONLY_IDS)]

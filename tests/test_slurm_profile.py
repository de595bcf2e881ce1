"""The SLURM profile stays in step with the workflow (docs/cluster.md).

The real run on a SLURM cluster is `make test-slurm` (tests/slurm/); these
checks are quick: every rule of the workflow is placed on a cluster (a batch
job, the cross-case group job, or a local rule), and the profile names only
rules that exist.
"""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROFILE = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())


def workflow_rules() -> set[str]:
    """Named rules of workflow/Snakefile and workflow/rules/*.smk (the batch
    rules are made in a loop as within_<batch>, see rules/ingest.smk)."""
    files = [ROOT / "workflow" / "Snakefile", *sorted((ROOT / "workflow" / "rules").glob("*.smk"))]
    return {name for f in files for name in re.findall(r"(?m)^rule (\w+):", f.read_text())}


def local_rules() -> set[str]:
    text = (ROOT / "workflow" / "rules" / "cluster.smk").read_text()
    block = text.split("localrules:", 1)[1]
    return set(re.findall(r"(?m)^\s+(\w+),?\s*$", block))


def test_every_rule_is_local_or_in_a_slurm_job():
    rules = workflow_rules()
    grouped = set(PROFILE["groups"])
    local = local_rules()
    # The rules that exist when this was written (hand-listed from the rule
    # files): a new rule must be put in the cross-case group or in localrules,
    # or it becomes one more SLURM job per run.
    assert {"case_tables", "qca_analysis", "synthesis_workbook", "all"} <= rules
    assert grouped <= rules, f"the profile groups rules that do not exist: {sorted(grouped - rules)}"
    assert local <= rules, f"cluster.smk names rules that do not exist: {sorted(local - rules)}"
    assert grouped.isdisjoint(local)
    assert rules - grouped - local == set(), "rules neither grouped nor local (docs/cluster.md)"
    # The batch rules are made in a loop, and are each a SLURM job of their own.
    assert re.search(r'name:\s+f"within_\{_batch\}"', (ROOT / "workflow" / "rules" / "ingest.smk").read_text())


def test_profile_settings_the_docs_rely_on():
    assert PROFILE["executor"] == "slurm"
    # without accounting only squeue learns that a job finished
    assert PROFILE["slurm-status-command"] == "squeue"
    assert PROFILE["keep-going"] is True and PROFILE["keep-incomplete"] is True
    assert PROFILE["rerun-incomplete"] is True
    # the same as the workflow profile, which --workflow-profile would replace
    default = yaml.safe_load((ROOT / "profiles" / "default" / "config.yaml").read_text())
    assert {key: PROFILE[key] for key in default} == default
    # the group's side-by-side jobs must fit a small node
    assert PROFILE["cores"] == 2
    assert set(PROFILE["groups"].values()) == {"crosscase"}
    assert PROFILE["group-components"] == {"crosscase": 10}


def test_plugin_pins_agree_between_pyproject_and_environment_yml():
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["slurm"]
    assert extra == ["snakemake-executor-plugin-slurm==2.6.1", "snakemake-executor-plugin-slurm-jobstep==0.6.1"]
    env = (ROOT / "environment.yml").read_text()
    for pin in extra:
        assert f"# - {pin}" in env

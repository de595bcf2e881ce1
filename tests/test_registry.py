"""The registry of outputs (crosscase/registry.py): one declaration per file,
from which the rules, the workbook, the Markdown and the report take theirs."""

import re
from pathlib import Path

import pytest

from crosscase import registry
from crosscase.outputs.workbook import catalogue_entry
from crosscase.within.batch import STEPS as BATCH_STEPS

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "workflow" / "rules"


def defined_rules() -> set[str]:
    names = set()
    for path in RULES.glob("*.smk"):
        names |= set(re.findall(r"^rule (\w+):", path.read_text(), flags=re.M))
    return names


def test_every_registered_rule_exists_and_rules_take_outputs_from_the_registry():
    # case_framework and case_evidence are steps of the within-case batch jobs
    # (rules/ingest.smk, crosscase.within.batch), which take their outputs from here
    assert {o.rule for o in registry.all_outputs()} <= defined_rules() | set(BATCH_STEPS)
    for path in RULES.glob("*.smk"):
        text = path.read_text()
        assert "globals()" not in text, path.name
        # no rule writes a results/ file by a literal path other than its log
        for block in re.findall(r"    output:\n((?:        .*\n)+)", text):
            assert '"results/' not in block, (path.name, block)


def test_targets_expand_cases_and_analyses_in_declaration_order():
    files = registry.targets(["A1", "B2"], ["success"])
    assert files[:2] == ["results/tables/table1_case_overview.csv", "results/tables/table1_case_overview.parquet"]
    assert "results/cases/A1/framework.csv" in files and "results/cases/B2/framework.csv" in files
    assert files.index("results/cases/A1/framework.csv") < files.index("results/cases/B2/framework.csv")
    assert "results/case_metrics/case_id=B2/part-0.parquet" in files
    assert "results/crosscase/qca/success.json" in files and "results/figures/qca_success.png" in files
    assert "results/report/tables/qca_success.html" in files
    assert len(files) == len(set(files))
    # without QCA analyses, no QCA file and no QCA figure
    assert not [f for f in registry.targets(["A1"]) if "qca" in f]


def test_rule_outputs_are_named_and_unique():
    outputs = registry.rule_outputs("crosscase_patterns")
    assert outputs["pattern_matching"] == "results/crosscase/pattern_matching.csv"
    assert outputs["pattern_matching_parquet"] == "results/crosscase/pattern_matching.parquet"
    assert registry.rule_outputs("case_framework")["metrics"] == "results/cases/{case}/metrics.csv"
    with pytest.raises(KeyError, match="no output of rule 'nope'"):
        registry.rule_outputs("nope")


def test_titles_and_order_come_from_the_registry():
    rank_t1, title_t1, _ = catalogue_entry("results/tables/table1_case_overview.csv")
    rank_pm, title_pm, description = catalogue_entry("results/crosscase/pattern_matching.csv")
    assert (title_t1, title_pm) == ("Table 1 Case overview", "Pattern matching")
    assert rank_t1 < rank_pm
    assert catalogue_entry("results/cases/CS4/metrics.csv")[1] == "Case metrics"
    assert catalogue_entry("results/crosscase/qca/any_name.csv")[1] == "QCA data"
    assert catalogue_entry("results/elsewhere/unknown.csv") is None
    assert description.startswith("Pattern matching across cases")


def test_report_pages_and_figures():
    pages = registry.report_pages(["A1"], ["success"])
    assert pages["table2_typology"] == "results/tables/table2_typology.csv"
    assert pages["qca_success"] == "results/crosscase/qca/success.json"
    assert "pattern_agreement" not in pages  # a page of its own only where declared
    assert registry.figures(["s"])[-1] == "results/figures/qca_s.png"


def test_a_stage_of_ones_own_registers_and_duplicates_are_refused():
    extra = registry.Output("crosscase/extra.csv", "Extra", "An extra table.", "crosscase", "extra_rule", "extra")
    registry.register(extra)
    try:
        assert registry.rule_outputs("extra_rule") == {"extra": "results/crosscase/extra.csv"}
        with pytest.raises(ValueError, match="declared twice"):
            registry.register(extra)
    finally:
        registry._extra.remove(extra)
    with pytest.raises(ValueError, match="unknown stage"):
        registry.Output("x.csv", "X", "", "nowhere", "r", "k")


def test_case_targets_are_only_the_per_case_files():
    files = registry.case_targets(["MP1"])
    assert "results/cases/MP1/themes_by_question.csv" in files
    assert "results/report/cases/MP1_framework.html" in files
    assert all("MP1" in path for path in files)
    assert files == [p for p in registry.targets(["MP1"]) if "MP1" in p]

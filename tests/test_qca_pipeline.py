"""QCA in the workflow: calibration, one configured analysis, the Snakemake adapter."""

import copy
import json
import math
import runpy
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from crosscase.qca import pipeline as qp
from crosscase.qca.engine import QCAInputError

ROOT = Path(__file__).resolve().parents[1]
RAGIN_IDM = 1 / (1 + math.exp(-3))  # log odds of exactly 3 at the anchors (fsQCA)

PATTERN_MATCHING = """case_id,fidelity,theory_held,attainment_intermediary,attainment_long_term,context_foresight,n_unanticipated_context,success_class,reported_success,resources_maintained
C1,0.9,0.95,0.8,,0.9,0,more_successful,1,1
C2,0.85,0.9,0.7,,0.95,1,more_successful,1,1
C3,0.4,0.3,0.3,,0.2,3,largely_failed,0,0
C4,0.4,0.6,0.5,,0.7,2,mixed,1,1
C5,0.95,0.9,0.9,,0.3,2,more_successful,1,1
C6,0.2,0.4,0.2,,0.4,4,largely_failed,0,0
C7,0.7,,0.6,,0.6,1,more_successful,1,1
C8,0.6,0.2,,,0.8,1,,0,0
"""
TYPOLOGY = """case_id,level.macro,level.meso
C1,X,
C2,,X
C3,X,X
C4,,
C5,X,
C6,,X
C7,X,
C8,,
"""


def default_analysis():
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text())["qca"][0]


@pytest.fixture
def sources(tmp_path):
    pm = tmp_path / "pattern_matching.csv"
    ty = tmp_path / "table2_typology.csv"
    pm.write_text(PATTERN_MATCHING)
    ty.write_text(TYPOLOGY)
    return pm, ty


# ------------------------------------------------------------ calibration


def test_fuzzy_calibration_anchors_as_r_qca_default():
    """R QCA calibrate(type = "fuzzy"), idm = 0.95: 0.05 / 0.5 / 0.95 at the anchors."""
    values = qp.calibrate_fuzzy([0.25, 0.55, 0.9], 0.25, 0.55, 0.9)
    assert values.tolist() == pytest.approx([0.05, 0.5, 0.95])


def test_fuzzy_calibration_with_ragin_log_odds_of_three():
    """fsQCA's log odds of 3: about 0.047 / 0.5 / 0.953 at the anchors."""
    values = qp.calibrate_fuzzy([10, 20, 30], 10, 20, 30, idm=RAGIN_IDM)
    assert np.round(values, 3).tolist() == [0.047, 0.5, 0.953]


def test_fuzzy_calibration_reproduces_r_printed_example():
    """round(calibrate(LR$DEV, type = "fuzzy", thresholds = "e=300, c=600, i=800"), 2)
    as printed in the R tutorial after Thomann et al. (QCA package, default idm)."""
    dev = [720, 1098, 586, 468, 590, 983, 795, 390, 424, 662, 517, 1008, 350, 320, 331, 367, 897, 1038]
    printed = [
        0.85,
        1.00,
        0.47,
        0.21,
        0.48,
        1.00,
        0.95,
        0.11,
        0.15,
        0.71,
        0.31,
        1.00,
        0.08,
        0.06,
        0.07,
        0.09,
        0.99,
        1.00,
    ]
    assert np.round(qp.calibrate_fuzzy(dev, 300, 600, 800), 2).tolist() == printed


def test_fuzzy_calibration_reproduces_lipset_lf_with_ragins_anchors():
    """LF's DEV (Ragin 2009: 400 / 550 / 900 USD, log odds 3): AU 0.81, FR 0.98, EE 0.16."""
    assert np.round(qp.calibrate_fuzzy([720, 983, 468], 400, 550, 900, idm=RAGIN_IDM), 2).tolist() == [0.81, 0.98, 0.16]


def test_decreasing_anchors_and_clipping():
    assert qp.calibrate_fuzzy([2, 4, 6], 6, 4, 2).tolist() == pytest.approx([0.95, 0.5, 0.05])
    assert qp.calibrate_fuzzy([-100, 100], 0, 1, 2).tolist() == [0.0, 1.0]  # R: < 0.0001 -> 0, > 0.9999 -> 1


def test_crisp_calibrations():
    assert qp.calibrate_crisp([0.2, 0.5, 0.7], 0.5).tolist() == [0.0, 1.0, 1.0]
    assert qp.calibrate_equals(["more_successful", "mixed"], "more_successful").tolist() == [1.0, 0.0]


def test_bad_anchor_order_is_reported():
    with pytest.raises(QCAInputError, match="fuzzy anchors must be ordered"):
        qp.calibrate_fuzzy([1], 0.5, 0.2, 0.9)


# ------------------------------------------------------------ configuration


def test_default_snippet_is_valid():
    qp.validate_analysis_config(default_analysis())


# Each line names the analysis, the key path and what is allowed (crosscase.ingest.settings).
@pytest.mark.parametrize(
    "change, where",
    [
        (
            lambda c: c.pop("outcome"),
            "QCA analysis 'success': (top level): 'outcome' is missing (required: name, outcome, conditions)",
        ),
        (
            lambda c: c["conditions"][0].update(source="survey:x"),
            "QCA analysis 'success': conditions[0].source: 'survey:x' is not allowed: expected pattern:<column> or typology:<dimension.attribute>",  # noqa: E501
        ),
        (
            lambda c: c["conditions"][0]["calibration"].update(crossover="high"),
            "QCA analysis 'success': conditions[0].calibration.crossover: 'high' is text; expected a number",
        ),
        (
            lambda c: c.update(incl_cut=[0.9, 0.8, 0.7]),
            "QCA analysis 'success': incl_cut: has 3 items; at most 2 are allowed",
        ),
        (
            lambda c: c["dir_exp"].update(FORESIGHT=2),
            "QCA analysis 'success': dir_exp.FORESIGHT: 2 is not allowed; expected one of 0/1/-",
        ),
        (
            lambda c: c["conditions"][1].update(name="FORESIGHT"),
            "QCA analysis 'success': conditions[1].name: 'FORESIGHT' is already used by conditions[0]; every set of an analysis needs its own name",  # noqa: E501
        ),
    ],
)
def test_invalid_configuration_names_the_place(change, where):
    config = copy.deepcopy(default_analysis())
    change(config)
    with pytest.raises(QCAInputError) as caught:
        qp.validate_analysis_config(config)
    assert str(caught.value).splitlines()[0] == where


# ------------------------------------------------------------ one analysis


def test_configured_analysis_on_a_small_fixture(sources):
    pm, ty = sources
    document, table, markdown = qp.run_configured_analysis(
        default_analysis(), qp.read_pattern_matching(pm), qp.read_typology(ty)
    )
    assert document["status"] == "ok" and document["analysis"] == "success" and document["n_cases"] == 6
    # robustness: incl.cut 0.8 -0.1..+0.1 (4 runs), n.cut 2 and 3, and 6 anchor moves for each of
    # the 3 fuzzy conditions (the crisp_equals outcome and the crisp RESOURCES have no anchors): 24
    rob = document["robustness"]
    assert len(rob["runs"]) == 24 and rob["runs"][0]["label"] == "incl_cut=0.7"
    assert [c["case"] for c in rob["cases"]] == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert qp.robustness_csv(document)["case_id"].tolist() == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert "## Cases for within-case study" in markdown and "## Robustness (initial solution M1)" in markdown
    assert document["excluded_cases"] == [
        {"case_id": "C7", "reason": "pattern:theory_held is missing (THEORY)"},
        {"case_id": "C8", "reason": "pattern:success_class is missing (SUCCESS)"},
    ]
    # by hand: rows 8 (C5) and 16 (C1, C2) are positive, 1 (C3, C6) and 14 (C4) negative;
    # THEORY*FIDELITY*RESOURCES is conservative; the parsimonious FIDELITY adds no easy
    # counterfactual (both literals it drops are expected present), so it is also intermediate.
    outs = {r["row"]: (r["out"], r["cases"]) for r in document["truth_table"] if r["n"]}
    assert outs == {1: ("0", ["C3", "C6"]), 8: ("1", ["C5"]), 14: ("0", ["C4"]), 16: ("1", ["C1", "C2"])}
    assert document["solution"]["type"] == "intermediate"
    assert [m["expression"] for m in document["solution"]["models"]] == ["THEORY*FIDELITY*RESOURCES"]
    evaluation = document["theory_evaluation"][0]
    assert evaluation["cases"]["model*theory"] == ["C1", "C2"]
    assert evaluation["cases"]["model*~theory"] == ["C5"]
    assert evaluation["fit"]["~model*theory"]["incl"] is None
    # calibrated data: C1 foresight 0.9 is the inclusion anchor -> 0.95
    assert list(table.columns[:6]) == ["case_id", "SUCCESS", "FORESIGHT", "THEORY", "FIDELITY", "RESOURCES"]
    assert {"M1", "theory", "tt_row", "FORESIGHT_source"} <= set(table.columns)
    c1 = table.set_index("case_id").loc["C1"]
    assert c1["FORESIGHT"] == pytest.approx(0.95) and c1["RESOURCES"] == 1.0 and c1["tt_row"] == 16
    assert "exploratory" in markdown and "| C7 | pattern:theory_held is missing (THEORY) |" in markdown
    assert "**M1**: `THEORY*FIDELITY*RESOURCES` => SUCCESS" in markdown
    json.dumps(document, allow_nan=False)  # no NaN in the document


def test_typology_source_is_presence_of_x(sources):
    pm, ty = sources
    config = default_analysis()
    config["conditions"][3] = {"name": "MACRO", "source": "typology:level.macro", "calibration": {"type": "membership"}}
    config["dir_exp"] = {"FORESIGHT": 1, "THEORY": 1, "FIDELITY": 1, "MACRO": "-"}
    config["theory"] = "FORESIGHT*MACRO"
    document, table, _ = qp.run_configured_analysis(config, qp.read_pattern_matching(pm), qp.read_typology(ty))
    assert document["status"] == "ok"
    assert table.set_index("case_id")["MACRO"].to_dict() == {
        "C1": 1.0,
        "C2": 0.0,
        "C3": 1.0,
        "C4": 0.0,
        "C5": 1.0,
        "C6": 0.0,
    }


def test_constant_condition_runs_with_a_warning(sources):
    pm, ty = sources
    config = default_analysis()
    config["conditions"][3]["calibration"] = {"type": "crisp", "threshold": -1}  # everyone in: no variation
    document, table, markdown = qp.run_configured_analysis(config, qp.read_pattern_matching(pm), qp.read_typology(ty))
    assert document["status"] == "ok" and len(table) == 6
    assert any("condition 'RESOURCES' does not vary" in n for n in document["notes"])


def test_analysis_that_cannot_run_is_reported_not_raised(sources):
    pm, ty = sources
    config = default_analysis()
    config["theory"] = "FORESIGHT*~FORESIGHT"  # empty in every term
    document, table, markdown = qp.run_configured_analysis(config, qp.read_pattern_matching(pm), qp.read_typology(ty))
    assert document["status"] == "not_run" and "contradictory in every term" in document["error"]
    assert "could not run" in markdown and len(table) == 6


def test_unknown_source_column_is_an_error(sources):
    pm, ty = sources
    config = default_analysis()
    config["conditions"][0]["source"] = "pattern:nope"
    with pytest.raises(QCAInputError, match="source 'pattern:nope': no column 'nope'"):
        qp.run_configured_analysis(config, qp.read_pattern_matching(pm), qp.read_typology(ty))


# ------------------------------------------------------------ Snakemake adapter


def run_adapter(pm, ty, out_dir):
    outputs = SimpleNamespace(
        json=str(out_dir / "success.json"),
        csv=str(out_dir / "success.csv"),
        md=str(out_dir / "success.md"),
        parquet=str(out_dir / "success.parquet"),
        robustness=str(out_dir / "success_robustness.csv"),
    )
    smk = SimpleNamespace(
        input=SimpleNamespace(pattern_matching=str(pm), typology=str(ty)),
        output=outputs,
        params=SimpleNamespace(analysis=default_analysis()),
        log=[str(out_dir / "success.log")],
    )
    import sys

    stderr = sys.stderr
    try:
        runpy.run_path(str(ROOT / "workflow" / "scripts" / "qca_analysis.py"), init_globals={"snakemake": smk})
    finally:
        sys.stderr = stderr
    return outputs


def test_adapter_writes_deterministic_outputs(sources, tmp_path):
    pm, ty = sources
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    a = run_adapter(pm, ty, first)
    b = run_adapter(pm, ty, second)
    for name in ("json", "csv", "md", "parquet", "robustness"):
        assert Path(getattr(a, name)).read_bytes() == Path(getattr(b, name)).read_bytes()
    assert not list(first.glob("*.tmp"))
    assert json.loads(Path(a.json).read_text())["solution"]["models"][0]["name"] == "M1"
    csv_text = Path(a.csv).read_text()
    assert "\r" not in csv_text and "C1,1.000000,0.950000" in csv_text
    assert "case C7 left out" in (first / "success.log").read_text()

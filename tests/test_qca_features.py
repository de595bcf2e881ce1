"""Tests of the features beyond R parity: model caps, ESA exclusions and
contradictory simplifying assumptions, necessity of conjunctions and
disjunctions, robustness, case selection, and the two R defects pinned.
Each expected value is worked out by hand in the comment beside it."""

import json
import math

import numpy as np
import pytest

from crosscase.cli import qca as cli
from crosscase.qca import covers, robustness
from crosscase.qca import engine as qca
from crosscase.qca.necessity import super_subset
from tests.test_qca_r_examples import CVF_CHART, CVF_CHART_ROWS, CVF_CONDITIONS

# Two crisp conditions, cases at 11 (Y = 1) and 00 (Y = 0); rows 2 (01) and 3
# (10) are remainders. Parsimonious for Y: A (covers 10, 11) or B (01, 11), two
# models; for ~Y: ~A (00, 01) or ~B (00, 10). Each remainder is used for both:
# rows 2 and 3 are contradictory simplifying assumptions.
TWO_X = np.array([[1.0, 1.0], [0.0, 0.0]])
TWO_Y = np.array([1.0, 0.0])
AB = ["A", "B"]


def written(analysis):
    return [qca.write_expression(m.terms, analysis.truth_table.conditions) for m in analysis.solution.models]


def test_unique_coverage_matches_its_definition():
    # covU = covS(model) - covS(model without the term), computed directly
    rng = np.random.default_rng(7)
    X = rng.random((40, 4)).round(2)
    y = rng.random(40).round(2)
    tt = qca.truth_table(X, y, list("ABCD"), [f"c{i}" for i in range(40)], "Y", 0.0)
    terms = qca.parse_expression("A*B + ~C + B*D + ~A*~D", list("ABCD"))
    fit = qca.model_fit_table(qca.Model("M1", terms), tt)
    whole = qca.sufficiency(qca.expression_membership(terms, X), y)["cov"]
    for i, entry in enumerate(fit["terms"]):
        without = qca.sufficiency(qca.expression_membership(terms[:i] + terms[i + 1 :], X), y)["cov"]
        assert entry["cov_unique"] == pytest.approx(whole - without, abs=1e-12)


def test_max_models_caps_the_list_and_says_so():
    # the CVF chart has R's four models (tests/test_qca_r_examples.py)
    primes = [qca.parse_expression(t, CVF_CONDITIONS)[0] for t, _ in CVF_CHART]
    positives = [r - 1 for r in CVF_CHART_ROWS]
    every, notes = qca.solve_chart(primes, positives)
    assert len(every) == 4 and notes == []
    two, notes = qca.solve_chart(primes, positives, max_models=2)
    assert two == every[:2] and notes[0].startswith("4 equally minimal models: the list stops at max_models = 2")
    assert "the first in R's order" in notes[0]
    four, notes = qca.solve_chart(primes, positives, max_models=4)
    assert four == every and notes == []


def test_model_summary_lists_core_terms_and_frequencies():
    analysis = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True)
    assert written(analysis) == ["A", "B"]
    summary = qca.model_summary(analysis)
    assert summary == {
        "n_models": 2,
        "core_terms": [],
        "term_frequency": [{"term": "A", "models": 1}, {"term": "B", "models": 1}],
    }


def test_contradictory_simplifying_assumptions_reported_and_excluded():
    analysis = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True)
    assert analysis.esa["contradictory_assumptions"] == [2, 3]
    assert any("contradictory simplifying assumptions: remainder row(s) 2, 3" in n for n in analysis.notes)
    # excluding both leaves no remainder to use: the conservative A*B
    esa = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, exclude_csa=True)
    assert esa.esa["excluded_rows"] == [2, 3] and written(esa) == ["A*B"]


@pytest.mark.parametrize("exclude", [[3], ["A*~B"], ["3"]])
def test_exclusion_by_row_or_expression(exclude):
    # row 3 is 10: without it A is no longer a prime implicant; B (via row 2) is
    analysis = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, exclude=exclude)
    assert written(analysis) == ["B"] and analysis.esa["excluded_rows"] == [3]
    assert analysis.solution.models[0].simplifying_assumptions == [2]


def test_exclusion_of_an_observed_row_is_noted_and_ignored():
    analysis = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, exclude=["A"])
    # A covers rows 3 (remainder, excluded) and 4 (observed, kept)
    assert analysis.esa["excluded_rows"] == [3]
    assert any("row(s) 4 are observed" in n for n in analysis.notes)


def test_intermediate_solution_honours_exclusions():
    # dir.exp B = 0: for the pair (A*B, A) the literal B contradicts the
    # expectation and is dropped, so A's remainder 10 (row 3) is an easy
    # counterfactual and the intermediate model of that pair is A.
    plain = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, dir_exp={"B": 0})
    assert written(plain) == ["A", "A*B"]
    # excluding row 3 removes the parsimonious model A; for (A*B, B) the
    # literal A has no expectation and stays: only A*B is left
    esa = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, dir_exp={"B": 0}, exclude=[3])
    assert written(esa) == ["A*B"]


def test_bad_exclusions_are_named():
    with pytest.raises(qca.QCAInputError, match="excluded row 9 is outside the truth table"):
        qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, exclude=[9])
    with pytest.raises(qca.QCAInputError, match="unknown condition 'C'"):
        qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], include_remainders=True, exclude=["C"])


def test_necessity_of_disjunctions():
    # a (A, ~B, Y), b (~A, B, Y), c (~A, ~B, ~Y), d (A, B, ~Y). A and B alone:
    # inclN 1/2. A + B: Y's cases a, b are in it, inclN 1; covN 2/3 (c is out,
    # d is in but not Y); RoN = sum(1 - X) / sum(1 - min(X, Y)) = 1 / 2.
    # ~A + ~B likewise (d is out, c in). No conjunction is necessary.
    X = np.array([[1, 0], [0, 1], [0, 0], [1, 1]], dtype=float)
    y = np.array([1, 1, 0, 0], dtype=float)
    found = super_subset(X, y, AB, incl_cut=0.9, cov_cut=0.6)
    # R's order (negated literals first), as R QCA 3.23's superSubset prints it
    assert [(e["expression"], e["type"]) for e in found] == [("~A + ~B", "disjunction"), ("A + B", "disjunction")]
    for e in found:
        assert (e["incl"], e["ron"], e["cov"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert super_subset(X, y, AB, incl_cut=0.9, cov_cut=0.7) == []


def test_necessity_of_conjunctions_and_minimal_disjunctions():
    # Y = {a, b}; A is in a, b, c; B in a, b, d: A*B = {a, b} is necessary and
    # sufficient (inclN 1, covN 1, RoN 1); A, B alone have inclN 1, covN 2/3.
    # Disjunctions holding a literal necessary alone are not listed.
    X = np.array([[1, 1], [1, 1], [1, 0], [0, 1], [0, 0]], dtype=float)
    y = np.array([1, 1, 0, 0, 0], dtype=float)
    found = super_subset(X, y, AB, incl_cut=1.0, cov_cut=0.6)
    assert [e["expression"] for e in found] == ["A", "B", "A*B"]
    assert (found[2]["incl"], found[2]["ron"], found[2]["cov"]) == pytest.approx((1.0, 1.0, 1.0))
    # RoN of A: sum(1 - A) = 2 over sum(1 - min(A, Y)) = 3
    assert found[0]["ron"] == pytest.approx(2 / 3)


# One fuzzy condition: A = .8, .6, .7, .2, .3 and Y = .9, .7, .3, .6, .1.
# Row A: incl = (.8 + .6 + .3 + .2 + .1) / 2.6 = 0.769; row ~A: incl =
# (.2 + .4 + .3 + .6 + .1) / 2.4 = 0.667. With incl.cut 0.7 the model is A.
FUZZY_A = np.array([[0.8], [0.6], [0.7], [0.2], [0.3]])
FUZZY_Y = np.array([0.9, 0.7, 0.3, 0.6, 0.1])
NAMES = ["c1", "c2", "c3", "c4", "c5"]


def test_case_selection_types_and_ranking():
    analysis = qca.analyse(FUZZY_A, FUZZY_Y, ["A"], "Y", NAMES, incl_cut=0.7)
    assert written(analysis) == ["A"]
    sel = analysis.case_selection
    term = sel["terms"]["A"]
    # typical: X > .5, Y > .5, X <= Y -> c1 (.8, .9), c2 (.6, .7); SetMethods'
    # best = 2(Y - X) + (1 - X): c1 0.2 + 0.2 = 0.4, c2 0.2 + 0.4 = 0.6
    assert [(c["case"], c["most_typical"]) for c in term["typical"]] == [("c1", True), ("c2", False)]
    assert [c["best"] for c in term["typical"]] == pytest.approx([0.4, 0.6])
    # .7 in A, .3 in Y; best = 1 - (X - Y) + (1 - X) = 0.6 + 0.3 = 0.9
    assert [(c["case"], c["most_deviant"]) for c in term["deviant_consistency"]] == [("c3", True)]
    assert term["deviant_consistency"][0]["best"] == pytest.approx(0.9)
    assert term["individually_irrelevant"] == ["c5"]  # .3, .1
    model = sel["models"][0]
    assert model["unique_typical"] == {"A": ["c1", "c2"]}  # the only term
    # c4: S .2, Y .6; truth table row 0 (A < .5), membership max(.2, .8) = .8;
    # .8 > .6 so TT <= Y is false; best = 1 - .8
    (dev,) = model["deviant_coverage"]
    assert (dev["case"], dev["row"], dev["tt_le_y"], dev["most_deviant"]) == ("c4", [0.0], False, True)
    assert (dev["tt_row"], dev["best"]) == pytest.approx((0.8, 0.2))
    assert [(c["case"], c["row"]) for c in model["individually_irrelevant"]] == [("c5", [0.0])]


def test_robustness_core_fit_and_case_types():
    initial = qca.analyse(FUZZY_A, FUZZY_Y, ["A"], "Y", NAMES, incl_cut=0.7)

    def run(options):
        return qca.analyse(FUZZY_A, FUZZY_Y, ["A"], "Y", NAMES, **{"incl_cut": 0.7, **options})

    # incl.cut 0.6: both rows are positive and the model is the tautology "1"
    # (membership 1 everywhere): the core is IS itself. SetMethods' rob.fit:
    # RF_cov = covS(core) / covS(IS) = 1; RF_cons = inclS(IS) / inclS(core) = 1;
    # RF_SC_minTS = RF_SC_maxTS = sum(min(IS, 1)) / sum(max(IS, 1)) = 2.6 / 5.
    fits = {"RF_cov": 1.0, "RF_cons": 1.0, "RF_SC_minTS": 0.52, "RF_SC_maxTS": 0.52}
    result = robustness.robustness(initial, run, robustness.cut_variants(0.7, 1, [0.6], []))
    assert result["runs"][0]["models"] == ["1"]
    assert result["fit"] == pytest.approx(fits)
    # robust typical 2 (c1, c2) of 2 + 1 possible (c4); robust deviant 1 (c3)
    # of 1 + 1 possible (c5); possible cases but no shaky ones: rank 2
    assert result["case_ratio"] == pytest.approx({"RCR_typ": 2 / 3, "RCR_dev": 0.5, "RCC_rank": 2})
    types = {c["case"]: (c["type"], c["covered_runs"]) for c in result["cases"]}
    assert types == {
        "c1": ("robust typical", 2),
        "c2": ("robust typical", 2),
        "c3": ("robust deviant", 2),
        "c4": ("possible typical", 1),
        "c5": ("possible deviant", 1),
    }
    assert result["models"][0]["runs_kept"] == 0
    # incl.cut 0.8: no row reaches it, no model: that run has no test solution,
    # is named in no_solution and left out of the core (then IS itself: fits 1)
    empty = robustness.robustness(initial, run, robustness.cut_variants(0.7, 1, [0.6, 0.8], []))
    assert empty["runs"][1]["models"] == [] and empty["no_solution"] == ["incl_cut=0.8"]
    assert empty["fit"] == pytest.approx(fits)
    # c1 is covered in the initial run and at 0.6, not at 0.8
    assert {c["case"]: c["covered_runs"] for c in empty["cases"]}["c1"] == 2 and empty["cases"][0]["runs"] == 3


def test_default_robustness_ranges():
    variants = robustness.cut_variants([0.8], 1)
    assert [v["label"] for v in variants] == [
        "incl_cut=0.7",
        "incl_cut=0.75",
        "incl_cut=0.85",
        "incl_cut=0.9",
        "n_cut=2",
        "n_cut=3",
    ]
    sets = [{"name": "F", "calibration": {"type": "fuzzy", "exclusion": 0.2, "crossover": 0.45, "inclusion": 0.9}}]
    labels = [v["label"] for v in robustness.anchor_variants(sets)]
    # 5% of |0.9 - 0.2| = 0.035
    assert labels == [
        "F.exclusion=0.165",
        "F.exclusion=0.235",
        "F.crossover=0.415",
        "F.crossover=0.485",
        "F.inclusion=0.865",
        "F.inclusion=0.935",
    ]


def test_cli_exclude_robustness_and_json(capsys, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("case,A,B,Y\na,1,1,1\nb,0,0,0\n")
    code = cli.main(
        [
            str(path),
            "--outcome",
            "Y",
            "--conditions",
            "A,B",
            "--include-remainders",
            "--exclude",
            "3",
            "--robustness",
            "--json",
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [m["expression"] for m in doc["solution"]["models"]] == ["B"]
    assert doc["esa"]["excluded_rows"] == [3] and doc["esa"]["contradictory_assumptions"] == [2, 3]
    assert doc["parameters"]["exclude"] == [3]
    # default ranges from incl.cut 1: 0.9 and 0.95 (1.05, 1.1 are out); n.cut 2, 3
    assert [r["label"] for r in doc["robustness"]["runs"]] == ["incl_cut=0.9", "incl_cut=0.95", "n_cut=2", "n_cut=3"]
    # with n.cut 2 both rows (one case each) are remainders: no model
    assert doc["robustness"]["runs"][2]["status"] == "ok" and doc["robustness"]["runs"][2]["models"] == []
    # b (Y = 0, B = 0) is in no run's solution: irrelevant (IS < .5, maxTS < .5,
    # Y < .5; SetMethods' rob.cases)
    assert {c["case"]: c["type"] for c in doc["robustness"]["cases"]}["b"] == "irrelevant"


# --------------------------------------------------------------------------
# The two defects of R QCA 3.23 found by comparison on 300 datasets
# (docs/qca.md, "Where R is wrong"): crosscase's behaviour pinned.
# --------------------------------------------------------------------------


def test_two_inclusion_cuts_with_a_row_below_n_cut():
    # R's truthTable marks contradictions with a logical index computed on the
    # rows that pass n.cut and applies it to all rows, recycled, so a C can land
    # on the wrong row. Here: ~A has one case (below n.cut 2) -> '?';
    # A has a1 (Y 1) and a2 (Y 0): incl 0.5, between the cuts 0.4 and 0.8 -> 'C';
    # B-free row codes follow from the rows alone, never from their neighbours.
    X = np.array([[1.0], [1.0], [0.0]])
    y = np.array([1.0, 0.0, 1.0])
    tt = qca.truth_table(X, y, ["A"], ["a1", "a2", "b"], "Y", incl_cut=[0.8, 0.4], n_cut=2)
    assert {r.row: r.out for r in tt.rows.values()} == {1: "?", 2: "C"}
    X2 = np.array([[0, 0], [0, 1], [0, 1], [1, 0], [1, 0], [1, 1], [1, 1]], dtype=float)
    y2 = np.array([1, 1, 0, 1, 1, 0, 0], dtype=float)
    # row 1 (00): 1 case < n.cut 2 -> '?'; row 2 (01): incl .5 -> 'C';
    # row 3 (10): incl 1 -> '1'; row 4 (11): incl 0 -> '0'
    tt2 = qca.truth_table(X2, y2, AB, [f"c{i}" for i in range(7)], "Y", incl_cut=[0.8, 0.4], n_cut=2)
    assert {r.row: r.out for r in tt2.rows.values()} == {1: "?", 2: "C", 3: "1", 4: "0"}


def test_negation_of_an_always_true_theory_is_empty():
    # R's modelFit treats ~(A + ~A) -- the negation of a tautology -- as the
    # universal set, so model*~theory equals the model. It is the empty set:
    # crosscase gives model*~theory and ~model*~theory no member and NA fit.
    analysis = qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], theory="A + ~A")
    ev = analysis.theory[0]
    assert ev["expressions"]["model*~theory"] == "-" and ev["expressions"]["~model*~theory"] == "-"
    assert math.isnan(ev["fit"]["model*~theory"]["incl"]) and ev["cases"]["model*~theory"] == []
    assert ev["fit"]["model*theory"]["incl"] == pytest.approx(1.0)


def test_search_nodes_budget_keeps_what_it_found_and_says_so(monkeypatch):
    # The CVF chart (R's four models, tests/test_qca_r_examples.py) with the
    # search for alternative models cut after one node (a small chart needs no
    # linear programmes, so its nodes are the cheap ones): the models found
    # are kept (each minimal), and the note says the list may be incomplete.
    primes = [qca.parse_expression(t, CVF_CONDITIONS)[0] for t, _ in CVF_CHART]
    positives = [r - 1 for r in CVF_CHART_ROWS]
    every, notes = qca.solve_chart(primes, positives)
    assert len(every) == 4 and notes == []
    monkeypatch.setattr(covers, "CHEAP_NODES_PER_LP_NODE", 1)
    cut_short, notes = qca.solve_chart(primes, positives, search_nodes=1)
    assert 1 <= len(cut_short) < 4 and all(model in every for model in cut_short)
    assert "stopped after 1 nodes in a row found no new one (search_nodes)" in notes[0]
    with pytest.raises(qca.QCAInputError, match="search_nodes must be a whole number of at least 1"):
        qca.analyse(TWO_X, TWO_Y, AB, "Y", ["a", "b"], search_nodes=0)

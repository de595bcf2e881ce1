"""QCA engine on small examples checked by hand, and its input errors."""

import math
import re

import numpy as np
import pandas as pd
import pytest

from crosscase.qca import engine as qca
from crosscase.qca.engine import QCAInputError


def crisp(rows):
    data = np.array(rows, dtype=float)
    return data[:, :-1], data[:, -1]


# ------------------------------------------------------------ terms and parsing


def test_parse_and_write_expressions_in_r_notation():
    conditions = ["A", "B", "C"]
    terms = qca.parse_expression("B*A + ~C", conditions)
    assert qca.write_expression(terms, conditions) == "A*B + ~C"  # conditions in the given order
    assert qca.parse_expression("A*~A + B", conditions) == qca.parse_expression("B", conditions)  # empty term dropped
    assert qca.write_expression(qca.parse_expression("A + A*B", conditions), conditions) == "A"  # absorption


@pytest.mark.parametrize(
    "text, message",
    [
        ("A*D", "unknown condition 'D'"),
        ("A + ", "empty term"),
        ("A*(B)", "cannot read literal"),
        ("", "empty Boolean expression"),
    ],
)
def test_parse_expression_errors(text, message):
    with pytest.raises(QCAInputError, match=re.escape(message)):
        qca.parse_expression(text, ["A", "B", "C"])


def test_fuzzy_and_or_not():
    X = np.array([[0.2, 0.7], [0.9, 0.4]])
    terms = qca.parse_expression("A*~B + B", ["A", "B"])
    # case 1: max(min(.2, .3), .7) = .7 ; case 2: max(min(.9, .6), .4) = .6
    assert qca.expression_membership(terms, X).tolist() == pytest.approx([0.7, 0.6])


def test_negation_is_the_minimal_sum_of_products_of_the_complement():
    conditions = ["A", "B", "C"]
    negated = qca.negate_expression(qca.parse_expression("A*B + C", conditions), 3)
    assert qca.write_expression(negated, conditions) == "~A*~C + ~B*~C"


# ------------------------------------------------------------ parameters of fit


def test_sufficiency_and_pri_by_hand():
    x = np.array([0.8, 0.6, 0.2])
    y = np.array([0.9, 0.3, 0.4])
    fit = qca.sufficiency(x, y)
    # min(x,y) = .8,.3,.2 -> 1.3 ; sum x = 1.6 ; sum y = 1.6 ; min(x,y,1-y) = .1,.3,.2 -> .6
    assert fit["incl"] == pytest.approx(1.3 / 1.6)
    assert fit["cov"] == pytest.approx(1.3 / 1.6)
    assert fit["pri"] == pytest.approx((1.3 - 0.6) / (1.6 - 0.6))


def test_necessity_ron_by_hand():
    x = np.array([1.0, 1.0, 0.0, 1.0])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    nec = qca.necessity(x, y)
    # inclN = 2/2 ; covN = 2/3 ; RoN = sum(1-x) / sum(1-min) = 1 / 2
    assert (nec["incl"], nec["cov"], nec["ron"]) == pytest.approx((1.0, 2 / 3, 0.5))


def test_zero_denominators_give_nan_not_an_error():
    fit = qca.sufficiency(np.zeros(3), np.array([1.0, 0.0, 1.0]))
    assert math.isnan(fit["incl"]) and math.isnan(fit["pri"]) and fit["cov"] == 0.0
    assert math.isnan(qca.sufficiency(np.ones(2), np.zeros(2))["cov"])
    assert math.isnan(qca.necessity(np.ones(2), np.ones(2))["ron"])  # everyone fully in X and Y


# ------------------------------------------------------------ truth table


def test_two_inclusion_cuts_give_a_contradiction_row():
    # configuration A=1,B=1 has four cases, three with the outcome: incl = 0.75
    X, y = crisp([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 0], [0, 0, 0], [0, 1, 0], [1, 0, 1]])
    names = [f"c{i}" for i in range(7)]

    def out_of_row_4(cut):
        return qca.truth_table(X, y, ["A", "B"], names, "Y", incl_cut=cut).rows[3].out

    assert out_of_row_4((0.8, 0.7)) == "C"
    assert out_of_row_4(0.8) == "0"
    assert out_of_row_4(0.7) == "1"
    assert out_of_row_4((0.8, 0.76)) == "0"


def test_n_cut_and_pri_cut():
    X, y = crisp([[1, 1, 1], [1, 1, 1], [0, 1, 1], [0, 0, 0], [1, 0, 0]])
    names = list("abcde")
    tt = qca.truth_table(X, y, ["A", "B"], names, "Y", incl_cut=1, n_cut=2)
    assert {r.row: r.out for r in tt.rows.values()} == {1: "?", 2: "?", 3: "?", 4: "1"}
    fuzzy = qca.truth_table(
        np.array([[0.9], [0.1]]), np.array([0.6, 0.5]), ["A"], ["p", "q"], "Y", incl_cut=0.6, pri_cut=0.9
    )
    assert fuzzy.rows[1].out == "0"  # incl 0.6 passes but PRI = (0.6-0.4)/(0.9-0.4) = 0.4 does not


def test_case_with_membership_exactly_half_is_in_no_row():
    X = np.array([[0.5, 0.9], [0.8, 0.9], [0.2, 0.1]])
    tt = qca.truth_table(X, np.array([1.0, 1.0, 0.0]), ["A", "B"], ["half", "in", "out"], "Y")
    assert [c for r in tt.rows.values() for c in r.cases] == ["out", "in"]


# ------------------------------------------------------------ minimisation


def cyclic_example():
    """f(A,B,C) = m(0,1,2,5,6,7), negatives 3 and 4: the textbook cyclic chart with
    six prime implicants and two covers of three terms each (checked by hand)."""
    rows = [[int(b) for b in format(m, "03b")] + [1] for m in (0, 1, 2, 5, 6, 7)]
    rows += [[0, 1, 1, 0], [1, 0, 0, 0]]
    X, y = crisp(rows)
    return qca.analyse(X, y, ["A", "B", "C"], "Y", [f"m{i}" for i in range(8)])


def test_two_equally_minimal_models_in_r_order():
    """R sorts the prime implicants (sort_cols, by hand): ~A*~B, ~A*~C, A*B, A*C,
    ~B*C, B*~C; models are the covers as sorted index sets in lexicographic
    order, (0, 3, 5) then (1, 2, 4), each written in that term order."""
    a = cyclic_example()
    assert [(m["name"], m["expression"]) for m in a.model_fits] == [
        ("M1", "~A*~B + A*C + B*~C"),
        ("M2", "~A*~C + A*B + ~B*C"),
    ]
    for m in a.model_fits:
        assert (m["incl"], m["cov"]) == (1.0, 1.0)
        # in each model every term uniquely covers two of the six positive cases
        assert [t["cov_unique"] for t in m["terms"]] == pytest.approx([1 / 3, 1 / 3, 1 / 3])


def test_prime_implicants_of_the_cyclic_function():
    primes = qca.qmc_prime_implicants([0, 1, 2, 5, 6, 7], 3)
    assert sorted(qca.write_term(p, ["A", "B", "C"]) for p in primes) == sorted(
        ["~A*~B", "~A*~C", "~B*C", "B*~C", "A*C", "A*B"]
    )


def test_minimum_covers_lists_every_cover_of_least_size():
    # columns 0..3; sets: {0,1}, {2,3}, {0,2}, {1,3}, {0,1,2}
    sets = [0b0011, 0b1100, 0b0101, 0b1010, 0b0111]
    assert qca.minimum_covers(sets, 0b1111) == [(0, 1), (1, 4), (2, 3), (3, 4)]
    assert qca.minimum_covers([0b0011, 0b1100, 0b1111], 0b1111) == [(2,)]
    assert qca.minimum_covers([0b01], 0b11) == []  # column 1 cannot be covered


def lipset_crisp():
    from test_qca_lipset import CASES, CONDITIONS, LC

    return LC[:, :5], LC[:, 5], CONDITIONS, CASES


def test_intermediate_solution_checked_by_hand():
    """LC, all conditions expected present: DEV*~URB*LIT*STB lies in DEV*STB; ~URB
    contradicts its expectation and goes, LIT stays, so DEV*LIT*STB adds remainder
    30 as the only easy counterfactual; with rows 22, 24, 32 it minimises to
    DEV*LIT*STB."""
    X, y, conditions, cases = lipset_crisp()
    a = qca.analyse(X, y, conditions, "SURV", cases, include_remainders=True, dir_exp="DEV=1,URB=1,LIT=1,IND=1,STB=1")
    assert [m["expression"] for m in a.model_fits] == ["DEV*LIT*STB"]
    assert a.solution.simplifying_assumptions == [30]


def test_intermediate_without_expectation_keeps_the_literal():
    """URB = '-' (no expectation): ~URB stays, no remainder is an easy
    counterfactual and the intermediate solution is the conservative one."""
    X, y, conditions, cases = lipset_crisp()
    a = qca.analyse(X, y, conditions, "SURV", cases, include_remainders=True, dir_exp="DEV=1,URB=-,LIT=1,IND=1,STB=1")
    assert [m["expression"] for m in a.model_fits] == ["DEV*~URB*LIT*STB + DEV*LIT*IND*STB"]
    assert a.solution.simplifying_assumptions == []


def test_no_positive_row_gives_a_note_not_a_crash():
    X, y = crisp([[1, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 0]])
    a = qca.analyse(X, y, ["A", "B"], "Y", list("abcd"), incl_cut=1)
    assert a.solution.models == [] and "nothing to minimise" in a.notes[0]


# ------------------------------------------------------------ theory evaluation


def test_theory_evaluation_checked_by_hand():
    """Crisp, conditions A and B. Model (conservative): A*B; theory: A.
    model*theory = A*B; model*~theory = empty; ~model*theory = A*~B;
    ~model*~theory = ~A."""
    X, y = crisp([[1, 1, 1], [1, 1, 1], [1, 0, 0], [1, 0, 1], [0, 1, 0], [0, 0, 0]])
    cases = ["p", "q", "r", "s", "t", "u"]
    a = qca.analyse(X, y, ["A", "B"], "Y", cases, incl_cut=1, theory="A")
    assert [m["expression"] for m in a.model_fits] == ["A*B"]
    ev = a.theory[0]
    assert ev["expressions"] == {
        "model": "A*B",
        "theory": "A",
        "model*theory": "A*B",
        "model*~theory": "-",
        "~model*theory": "A*~B",
        "~model*~theory": "~A",
    }
    fit = ev["fit"]
    assert (fit["theory"]["incl"], fit["theory"]["cov"]) == pytest.approx((3 / 4, 1.0))
    assert (fit["model*theory"]["incl"], fit["model*theory"]["cov"]) == pytest.approx((1.0, 2 / 3))
    assert math.isnan(fit["model*~theory"]["incl"]) and math.isnan(fit["model*~theory"]["cov"])
    assert (fit["~model*theory"]["incl"], fit["~model*theory"]["cov"]) == pytest.approx((0.5, 1 / 3))
    assert (fit["~model*~theory"]["incl"], fit["~model*~theory"]["cov"]) == pytest.approx((0.0, 0.0))
    assert ev["cases"] == {
        "model*theory": ["p", "q"],
        "model*~theory": [],
        "~model*theory": ["r", "s"],
        "~model*~theory": ["t", "u"],
    }
    assert ev["cases_by_outcome"]["~model*theory"] == {"outcome": ["s"], "not_outcome": ["r"]}
    assert any("model*~theory has no member" in n for n in a.notes)


# ------------------------------------------------------------ bad input


def frame(**columns):
    return pd.DataFrame(columns)


def test_membership_outside_unit_interval_names_column_case_and_value():
    with pytest.raises(QCAInputError, match=r"column 'A', case 'b': membership '1.5' is outside \[0, 1\]"):
        qca.membership_matrix(frame(A=["0.2", "1.5"]), ["A"], ["a", "b"])


def test_missing_column_is_named():
    with pytest.raises(QCAInputError, match=r"'Z' not found in the data \(available: A\)"):
        qca.membership_matrix(frame(A=[1, 0]), ["A", "Z"], ["a", "b"])


def test_non_numeric_value_is_named():
    with pytest.raises(QCAInputError, match=r"column 'A' is not numeric: case 'b' has value 'high'"):
        qca.membership_matrix(frame(A=["0", "high"]), ["A"], ["a", "b"])


def test_missing_value_is_named():
    with pytest.raises(QCAInputError, match=r"column 'A' has a missing value for case 'b'"):
        qca.membership_matrix(frame(A=[1.0, float("nan")]), ["A"], ["a", "b"])


def test_condition_that_does_not_vary_is_analysed_with_a_warning():
    # Hand-checked (R QCA analyses it too): A is 1 for both cases, so the rows
    # are 3 (A=1,B=0: case a, Y=1, OUT 1) and 4 (A=1,B=1: case b, Y=0, OUT 0).
    X = np.array([[1.0, 0.0], [1.0, 1.0]])
    y = np.array([1.0, 0.0])
    conservative = qca.analyse(X, y, ["A", "B"], "Y", ["a", "b"])
    assert [m.terms for m in conservative.solution.models] == [[qca.parse_expression("A*~B", ["A", "B"])[0]]]
    assert any("condition 'A' does not vary (every case has membership 1)" in n for n in conservative.notes)
    # with remainders, ~B covers rows 1 and 3 and avoids row 4: A is minimised away
    parsimonious = qca.analyse(X, y, ["A", "B"], "Y", ["a", "b"], include_remainders=True)
    assert [qca.write_expression(m.terms, ["A", "B"]) for m in parsimonious.solution.models] == ["~B"]


def test_outcome_without_case_above_half_is_analysed_with_a_warning():
    # Hand-checked: row A (case a): incl = min(1, .4) / 1 = 0.4 >= 0.3, PRI =
    # (.4 - min(1, .4, .6)) / (1 - .4) = 0 >= pri.cut 0, so OUT = 1; row ~A
    # (case b): incl 0.1, OUT 0. Model A: inclS 0.4, covS 0.4 / (0.4 + 0.1) = 0.8.
    X = np.array([[1.0], [0.0]])
    analysis = qca.analyse(X, np.array([0.4, 0.1]), ["A"], "Y", ["a", "b"], incl_cut=0.3)
    fit = analysis.model_fits[0]
    assert fit["expression"] == "A" and fit["incl"] == pytest.approx(0.4) and fit["cov"] == pytest.approx(0.8)
    assert any("no case is more in than out of the outcome 'Y'" in n for n in analysis.notes)
    negated = qca.analyse(X, np.array([1.0, 0.9]), ["A"], "Y", ["a", "b"], negate_outcome=True, incl_cut=0.05)
    assert any("outcome '~Y'" in n for n in negated.notes)


@pytest.mark.parametrize(
    "options, message",
    [
        (dict(incl_cut=(0.7, 0.8)), "must not exceed the first"),
        (dict(incl_cut=1.2), "outside"),
        (dict(n_cut=0), "n_cut must be a whole number"),
        (dict(dir_exp="A=2"), "must be 1, 0 or -"),
        (dict(dir_exp="Z=1", include_remainders=True), "unknown condition 'Z'"),
        (dict(dir_exp="A=1"), "need the remainders"),
        (dict(theory="A*Q"), "unknown condition 'Q'"),
    ],
)
def test_bad_options(options, message):
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    with pytest.raises(QCAInputError, match=message):
        qca.analyse(X, np.array([1.0, 0.0, 1.0]), ["A", "B"], "Y", ["a", "b", "c"], **options)


def test_json_document_has_the_documented_keys_and_no_nan():
    a = cyclic_example()
    doc = qca.analysis_to_json(a)
    assert list(doc)[:7] == [
        "outcome",
        "negated",
        "conditions",
        "truth_table",
        "solution",
        "necessity",
        "theory_evaluation",
    ]
    assert len(doc["truth_table"]) == 8 and doc["truth_table"][3]["out"] == "0" and doc["truth_table"][4]["out"] == "0"
    assert doc["truth_table"][0] == {
        "row": 1,
        "config": "000",
        "out": "1",
        "n": 1,
        "incl": 1.0,
        "pri": 1.0,
        "cases": ["m0"],
    }
    assert list(doc["solution"]["models"][0]["terms"][0])[:5] == ["term", "incl", "pri", "cov", "cov_unique"]

"""QCA engine against R QCA's published results on Lipset's data.

Crisp (LC): shared/reference/qca-lipset-crisp.md (R QCA truthTable / minimize
documentation examples).

Fuzzy (LF): the printed R output (QCA 3.12, R 4.1.1) of J. M. Sallan,
"Intermediate solutions in QCA analysis using R" (2021) and "Fuzzy sets for
QCA using R" (2021): truthTable(LF, "SURV", incl.cut = 0.8) and its negation,
minimize() conservative / parsimonious / intermediate, pof() necessity of the
negated conditions, and admisc::compute("DEV*URB + LIT*~IND", LF). The LF data:
the six rows printed by head(LF), the other twelve rebuilt from the raw Lipset
data (LR) with Ragin's anchors (DEV 400/550/900, URB 25/50/65, LIT 50/75/90,
IND 20/30/40, STB 15/9.5/5 cabinets, SURV -9/0/10, log odds 3, 2 decimals);
this table reproduces every one of the printed figures below.
"""

import numpy as np

from crosscase.qca import engine as qca

CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
CASES = ["AU", "BE", "CZ", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "NL", "PL", "PT", "RO", "ES", "SE", "UK"]

LC = np.array(
    [
        # DEV URB LIT IND STB SURV
        [1, 0, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1],
        [0, 0, 1, 0, 1, 0],
        [1, 0, 1, 0, 1, 1],
        [1, 0, 1, 1, 1, 1],
        [1, 1, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0],
        [1, 0, 1, 0, 1, 1],
        [0, 0, 0, 0, 1, 0],
        [1, 1, 1, 1, 1, 1],
        [0, 0, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0],
        [1, 0, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1],
    ],
    dtype=float,
)

LF = np.array(
    [
        # DEV   URB   LIT   IND   STB   SURV
        [0.81, 0.12, 0.99, 0.73, 0.43, 0.05],  # AU
        [0.99, 0.89, 0.98, 1.00, 0.98, 0.95],  # BE
        [0.58, 0.98, 0.98, 0.90, 0.91, 0.89],  # CZ
        [0.16, 0.07, 0.98, 0.01, 0.91, 0.12],  # EE
        [0.58, 0.03, 0.99, 0.08, 0.58, 0.77],  # FI
        [0.98, 0.03, 0.99, 0.81, 0.95, 0.95],  # FR
        [0.89, 0.79, 0.99, 0.96, 0.31, 0.05],  # DE
        [0.04, 0.09, 0.13, 0.36, 0.43, 0.06],  # GR
        [0.07, 0.16, 0.88, 0.07, 0.13, 0.42],  # HU
        [0.72, 0.05, 0.98, 0.01, 0.95, 0.92],  # IE
        [0.34, 0.10, 0.41, 0.47, 0.58, 0.05],  # IT
        [0.98, 1.00, 0.99, 0.94, 0.99, 0.95],  # NL
        [0.02, 0.17, 0.59, 0.00, 0.00, 0.12],  # PL
        [0.01, 0.02, 0.01, 0.11, 0.01, 0.05],  # PT
        [0.01, 0.03, 0.17, 0.00, 0.84, 0.21],  # RO
        [0.03, 0.30, 0.09, 0.21, 0.20, 0.06],  # ES
        [0.95, 0.13, 0.99, 0.67, 0.91, 0.95],  # SE
        [0.98, 0.99, 0.99, 1.00, 0.98, 0.95],  # UK
    ]
)


def analyse(data, **options):
    options.setdefault("incl_cut", 1.0)
    return qca.analyse(data[:, :5], data[:, 5], CONDITIONS, "SURV", CASES, **options)


def r3(x):
    return round(x, 3)


def term_table(analysis, model=0):
    fit = analysis.model_fits[model]
    return {t["term"]: tuple(r3(t[k]) for k in ("incl", "pri", "cov", "cov_unique")) for t in fit["terms"]}


def model_fit(analysis, model=0):
    fit = analysis.model_fits[model]
    return fit["expression"], (r3(fit["incl"]), r3(fit["pri"]), r3(fit["cov"]))


# ---------------------------------------------------------------- crisp LC


def test_lc_truth_table_matches_reference_rows_n_incl_pri_out_cases():
    tt = analyse(LC).truth_table
    expected = {
        1: ("0", 3, 0.0, 0.0, ["GR", "PT", "ES"]),
        2: ("0", 2, 0.0, 0.0, ["IT", "RO"]),
        5: ("0", 2, 0.0, 0.0, ["HU", "PL"]),
        6: ("0", 1, 0.0, 0.0, ["EE"]),
        22: ("1", 2, 1.0, 1.0, ["FI", "IE"]),
        23: ("0", 1, 0.0, 0.0, ["AU"]),
        24: ("1", 2, 1.0, 1.0, ["FR", "SE"]),
        31: ("0", 1, 0.0, 0.0, ["DE"]),
        32: ("1", 4, 1.0, 1.0, ["BE", "CZ", "NL", "UK"]),
    }
    got = {r.row: (r.out, r.n, r3(r.incl), r3(r.pri), r.cases) for r in tt.rows.values()}
    assert got == expected
    assert (1 << tt.k) - len(tt.rows) == 23  # remainders


def test_lc_row_numbers_read_configuration_as_binary_first_condition_most_significant():
    rows = {r.row: qca.config_string(r.config, 5) for r in analyse(LC).truth_table.rows.values()}
    assert rows[22] == "10101" and rows[23] == "10110" and rows[32] == "11111" and rows[1] == "00000"


def test_lc_conservative_solution():
    a = analyse(LC)
    assert a.solution.type == "conservative"
    assert [m.name for m in a.solution.models] == ["M1"]
    assert model_fit(a) == ("DEV*~URB*LIT*STB + DEV*LIT*IND*STB", (1.0, 1.0, 1.0))
    assert term_table(a) == {
        "DEV*~URB*LIT*STB": (1.0, 1.0, 0.5, 0.25),
        "DEV*LIT*IND*STB": (1.0, 1.0, 0.75, 0.5),
    }
    assert a.solution.simplifying_assumptions == []


def test_lc_parsimonious_solution_and_simplifying_assumptions():
    a = analyse(LC, include_remainders=True)
    assert a.solution.type == "parsimonious"
    assert model_fit(a) == ("DEV*STB", (1.0, 1.0, 1.0))
    assert a.solution.simplifying_assumptions == [18, 20, 26, 28, 30]
    assert a.solution.models[0].simplifying_assumptions == [18, 20, 26, 28, 30]


def test_lc_negated_outcome_conservative():
    a = analyse(LC, negate_outcome=True)
    assert a.truth_table.outcome_label == "~SURV"
    assert model_fit(a)[0] == "~DEV*~URB*~IND + DEV*LIT*IND*~STB"
    assert model_fit(a)[1] == (1.0, 1.0, 1.0)


def test_lc_negated_outcome_parsimonious_with_coverage():
    a = analyse(LC, negate_outcome=True, include_remainders=True)
    assert model_fit(a)[0] == "~DEV + ~STB"
    assert term_table(a) == {"~DEV": (1.0, 1.0, 0.8, 0.3), "~STB": (1.0, 1.0, 0.7, 0.2)}


def test_lc_equivalence_arrow_only_when_inclusion_and_coverage_are_one():
    a = analyse(LC)
    assert qca.model_lines(a.model_fits[0], "SURV")[0].endswith("<=> SURV")
    b = analyse(LF, incl_cut=0.8)
    assert qca.model_lines(b.model_fits[0], "SURV")[0].endswith("=> SURV")
    assert "<=>" not in qca.model_lines(b.model_fits[0], "SURV")[0]


# ---------------------------------------------------------------- fuzzy LF


def test_lf_rebuilt_data_matches_printed_admisc_compute():
    """admisc::compute("DEV*URB + LIT*~IND", data = LF), as printed by Sallan (2021)."""
    dev, urb, lit, ind = (LF[:, j] for j in range(4))
    computed = np.maximum(np.minimum(dev, urb), np.minimum(lit, 1 - ind))
    printed = [
        0.27,
        0.89,
        0.58,
        0.98,
        0.92,
        0.19,
        0.79,
        0.13,
        0.88,
        0.98,
        0.41,
        0.98,
        0.59,
        0.01,
        0.17,
        0.09,
        0.33,
        0.98,
    ]
    assert np.round(computed, 2).tolist() == printed


def test_lf_truth_table_incl_cut_08():
    """truthTable(LF, "SURV", incl.cut = 0.8, show.cases = TRUE)."""
    tt = analyse(LF, incl_cut=0.8).truth_table
    expected = {
        1: ("0", 3, 0.216, 0.000, "GR,PT,ES"),
        2: ("0", 2, 0.278, 0.000, "IT,RO"),
        5: ("0", 2, 0.521, 0.113, "HU,PL"),
        6: ("0", 1, 0.529, 0.228, "EE"),
        22: ("1", 2, 0.804, 0.719, "FI,IE"),
        23: ("0", 1, 0.378, 0.040, "AU"),
        24: ("0", 2, 0.709, 0.634, "FR,SE"),
        31: ("0", 1, 0.445, 0.050, "DE"),
        32: ("1", 4, 0.904, 0.886, "BE,CZ,NL,UK"),
    }
    got = {r.row: (r.out, r.n, r3(r.incl), r3(r.pri), ",".join(r.cases)) for r in tt.rows.values()}
    assert got == expected


def test_lf_truth_table_negated_outcome():
    """truthTable(LF, "~SURV", incl.cut = 0.8)."""
    tt = analyse(LF, incl_cut=0.8, negate_outcome=True).truth_table
    expected = {
        1: ("1", 1.000, 1.000),
        2: ("1", 0.982, 0.975),
        5: ("1", 0.855, 0.732),
        6: ("1", 0.861, 0.772),
        22: ("0", 0.498, 0.281),
        23: ("1", 0.974, 0.960),
        24: ("0", 0.495, 0.366),
        31: ("1", 0.971, 0.950),
        32: ("0", 0.250, 0.106),
    }
    assert {r.row: (r.out, r3(r.incl), r3(r.pri)) for r in tt.rows.values()} == expected


def test_lf_conservative_solution():
    """minimize(ttLF, details = TRUE)."""
    a = analyse(LF, incl_cut=0.8)
    assert model_fit(a) == ("DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB", (0.870, 0.843, 0.658))
    assert term_table(a) == {
        "DEV*URB*LIT*IND*STB": (0.904, 0.886, 0.454, 0.393),
        "DEV*~URB*LIT*~IND*STB": (0.804, 0.719, 0.265, 0.204),
    }


def test_lf_parsimonious_solution_and_its_remainders():
    """minimize(ttLF, include = "?", details = TRUE) and its $SA$M1."""
    a = analyse(LF, incl_cut=0.8, include_remainders=True)
    assert model_fit(a) == ("DEV*~IND + URB*STB", (0.850, 0.819, 0.714))
    assert term_table(a) == {"DEV*~IND": (0.815, 0.721, 0.284, 0.194), "URB*STB": (0.874, 0.845, 0.520, 0.430)}
    assert a.solution.simplifying_assumptions == [10, 12, 14, 16, 17, 18, 21, 25, 26, 28, 29, 30]


def test_lf_negated_outcome_conservative_and_parsimonious():
    cons = analyse(LF, incl_cut=0.8, negate_outcome=True)
    assert model_fit(cons) == ("~DEV*~URB*~IND + DEV*LIT*IND*~STB", (0.897, 0.871, 0.803))
    assert term_table(cons) == {
        "~DEV*~URB*~IND": (0.886, 0.854, 0.678, 0.582),
        "DEV*LIT*IND*~STB": (0.981, 0.973, 0.220, 0.124),
    }
    pars = analyse(LF, incl_cut=0.8, negate_outcome=True, include_remainders=True)
    assert model_fit(pars) == ("~DEV + ~STB", (0.849, 0.816, 0.888))
    assert term_table(pars) == {"~DEV": (0.837, 0.798, 0.783, 0.231), "~STB": (0.902, 0.871, 0.657, 0.105)}
    assert pars.solution.simplifying_assumptions == [3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 21, 25, 27, 29]


def test_lf_intermediate_solution_all_conditions_expected_present():
    """minimize(ttLF, include = "?", dir.exp = c(DEV, URB, LIT, IND, STB)): the
    easy counterfactual is remainder 30 (DEV*URB*LIT*~IND*STB)."""
    a = analyse(LF, incl_cut=0.8, include_remainders=True, dir_exp={c: 1 for c in CONDITIONS})
    assert a.solution.type == "intermediate"
    assert model_fit(a) == ("DEV*URB*LIT*STB + DEV*LIT*~IND*STB", (0.866, 0.839, 0.660))
    assert term_table(a) == {
        "DEV*URB*LIT*STB": (0.901, 0.879, 0.468, 0.378),
        "DEV*LIT*~IND*STB": (0.814, 0.721, 0.282, 0.191),
    }
    assert a.solution.simplifying_assumptions == [30]


def test_lf_necessity_of_negated_conditions():
    """pof("~DEV+~URB+~LIT+~IND+~STB", "SURV", relation = "necessity", data = LF)."""
    nec = {e["condition"]: (r3(e["incl"]), r3(e["ron"]), r3(e["cov"])) for e in analyse(LF, incl_cut=0.8).necessity}
    assert nec["~DEV"] == (0.285, 0.587, 0.274)
    assert nec["~URB"] == (0.568, 0.452, 0.402)
    assert nec["~LIT"] == (0.096, 0.764, 0.168)
    assert nec["~IND"] == (0.417, 0.576, 0.367)
    assert nec["~STB"] == (0.218, 0.687, 0.269)
    union = np.max(1 - LF[:, :5], axis=1)
    assert tuple(r3(v) for v in qca.necessity(union, LF[:, 5]).values()) == (0.623, 0.337, 0.387)


def test_lf_two_inclusion_cuts_mark_contradictions():
    """incl.cut = c(0.8, 0.7): row 24 (incl 0.709) lies between the cuts -> OUT 'C',
    by R's rule; C rows are not explained, so the solution is the conservative one."""
    a = analyse(LF, incl_cut=(0.8, 0.7))
    outs = {r.row: r.out for r in a.truth_table.rows.values()}
    assert outs == {1: "0", 2: "0", 5: "0", 6: "0", 22: "1", 23: "0", 24: "C", 31: "0", 32: "1"}
    assert model_fit(a)[0] == "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"
    # with 0.75 as the second cut no row lies in between
    assert "C" not in {r.out for r in analyse(LF, incl_cut=(0.8, 0.75)).truth_table.rows.values()}


def test_lf_low_cut_gives_several_equally_minimal_models():
    """truthTable(LF, SURV, incl.cut = .5) -- used in R tutorials to get several
    models: five two-term models, each a cover of rows 5, 6, 22, 24, 32."""
    a = analyse(LF, incl_cut=0.5, include_remainders=True)
    expressions = [m["expression"] for m in a.model_fits]
    assert [m["name"] for m in a.model_fits] == ["M1", "M2", "M3", "M4", "M5"]
    assert sorted(expressions) == sorted(
        [
            "~DEV*LIT + DEV*STB",
            "~DEV*LIT + LIT*STB",
            "DEV*STB + LIT*~IND",
            "LIT*~IND + LIT*STB",
            "LIT*~IND + IND*STB",
        ]
    )
    fits = {m["expression"]: (r3(m["incl"]), r3(m["pri"]), r3(m["cov"])) for m in a.model_fits}
    assert fits["~DEV*LIT + DEV*STB"] == (0.731, 0.676, 0.904)

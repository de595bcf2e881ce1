"""Inter-coder and inter-rater agreement: hand-computed values.

Coding fixture: coders A and B coded source S1 (five passages p1-p5, codes x, y);
A coded nothing in p5. Decisions (1 = code applied):

    code x   A: 1 1 0 1 0   B: 1 1 0 1 1   -> agree on p1-p4: 4/5 = 0.8
    code y   A: 0 1 1 0 0   B: 0 0 1 1 0   -> agree on p1, p3, p5: 3/5 = 0.6

Cohen's kappa = (po - pe) / (1 - pe), pe from the coders' marginals:
    x: pA(1) = 3/5, pB(1) = 4/5, pe = .6*.8 + .4*.2 = .56, kappa = .24/.44 = 0.545454...
    y: pA(1) = 2/5, pB(1) = 2/5, pe = .16 + .36 = .52, kappa = .08/.48 = 0.166666...
    pooled (10 decisions): po = 7/10, pA(1) = 5/10, pB(1) = 6/10, pe = .5, kappa = .2/.5 = 0.4
Krippendorff's alpha, nominal, binary, two coders, no missing values:
    alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1), n = pairable values, each
    disagreeing unit adds o01 + o10 = 2
    x: n = 10, n1 = 7, n0 = 3, one disagreement:   1 - 9*2/(2*3*7)   = 1 - 18/42   = 0.571428...
    y: n = 10, n1 = 4, n0 = 6, two disagreements:  1 - 9*4/(2*6*4)   = 1 - 36/48   = 0.25
    pooled: n = 20, n1 = 11, n0 = 9, three:        1 - 19*6/(2*9*11) = 1 - 114/198 = 0.424242...
"""

import pandas as pd

from crosscase.ingest.contract import SCHEMAS
from crosscase.within.agreement import OVERALL, coding_agreement, krippendorff_alpha, passages, rating_agreement
from crosscase.within.interviews import primary_segments, theme_table

FIGURES = ["units", "agreements", "percent_agreement", "cohens_kappa", "krippendorff_alpha"]
COLUMNS = SCHEMAS["segments"].names


def seg(rows):
    return pd.DataFrame(
        [
            (f"S{i + 1}", "S1", "interview", "", "P1", "", code, text, None, coder, "", "", "", start, end)
            for i, (coder, code, text, start, end) in enumerate(rows)
        ],
        columns=COLUMNS,
    )


WORKBOOK_ROWS = [  # coder, code, passage text (no offsets: passages are texts)
    ("A", "x", "p1", None, None),
    ("A", "x", "p2", None, None),
    ("A", "y", "p2", None, None),
    ("A", "y", "p3", None, None),
    ("A", "x", "p4", None, None),
    ("B", "x", "p1", None, None),
    ("B", "x", "p2", None, None),
    ("B", "y", "p3", None, None),
    ("B", "x", "p4", None, None),
    ("B", "y", "p4", None, None),
    ("B", "x", " p5 ", None, None),
]


def test_coding_agreement_per_code_and_pooled_matches_hand_computation():
    table = coding_agreement(seg(WORKBOOK_ROWS)).set_index("code")
    assert table.loc["x", FIGURES].tolist() == [5, 4, 0.8, 0.5455, 0.5714]
    assert table.loc["x", ["both_applied", "first_only", "second_only", "neither"]].tolist() == [3, 0, 1, 1]
    assert table.loc["y", FIGURES].tolist() == [5, 3, 0.6, 0.1667, 0.25]
    assert table.loc[OVERALL, ["agreements", "percent_agreement", "cohens_kappa", "krippendorff_alpha"]].tolist() == [
        7,
        0.7,
        0.4,
        0.4242,
    ]
    assert table.loc[OVERALL, "coders"] == "A;B"
    assert table.loc["x", "segment_ids"] == "S1;S2;S5;S6;S7;S9;S11"


def test_spans_that_overlap_are_one_passage():
    # REFI-QDA offsets: A selects 0-10, B 5-12 (overlap) -> one passage; 20-30 vs 31-40 -> two
    rows = [("A", "x", "", 0, 10), ("B", "x", "", 5, 12), ("A", "y", "", 20, 30), ("B", "y", "", 31, 40)]
    frame = seg(rows)
    assert passages(frame).tolist() == ["span:0", "span:0", "span:1", "span:2"]
    table = coding_agreement(frame).set_index("code")
    # x: both applied in the one passage of x; y: A only in span 1, B only in span 2 -> units 3
    assert table.loc["y", ["units", "agreements", "both_applied", "first_only", "second_only", "neither"]].tolist() == [
        3,
        1,
        0,
        1,
        1,
        1,
    ]


def test_one_coder_gives_no_agreement_rows_and_themes_count_the_primary_coder_only():
    assert coding_agreement(seg(WORKBOOK_ROWS[:5])).empty
    frame = seg(WORKBOOK_ROWS)
    assert primary_segments(frame)["coder"].unique().tolist() == ["A"]
    themes = theme_table(pd.DataFrame({"code": ["x", "y"], "parent": "", "description": "", "summary": ""}), frame)
    assert themes.set_index("code").loc["x", "segments"] == 3  # A's three codings of x, not B's four


def test_undefined_coefficient_is_blank_with_a_note():
    rows = [("A", "x", "p1", None, None), ("B", "x", "p1", None, None)]
    row = coding_agreement(seg(rows)).set_index("code").loc["x"]
    assert row["percent_agreement"] == 1.0
    assert row["cohens_kappa"] is None and row["krippendorff_alpha"] is None
    assert "undefined" in row["note"]


def test_krippendorff_alpha_ordinal_matches_hand_computation():
    # Two raters, four items on none(0) < partial(1) < full(2): (2,2), (1,2), (0,0), (2,1).
    # Values: n = 8; n0 = 2, n1 = 2, n2 = 4. Ordinal distance of c, k: (sum of n_g for g from c to k - (n_c + n_k)/2)^2
    #   d(1,2) = (n1 + n2 - (n1 + n2)/2)^2 = (6 - 3)^2 = 9.
    # Observed: two units with (1,2): o12 + o21 = 2 each -> 4 weighted pairs, D_o = 4 * 9 / 8 = 4.5
    # Expected: sum over c != k of n_c n_k d(c,k) / (n (n-1)):
    #   d(0,1) = (n0 + n1 - (n0 + n1)/2)^2 = 2^2 = 4, d(0,2) = (8 - 3)^2 = 25, d(1,2) = 9
    #   2 * (2*2*4 + 2*4*25 + 2*4*9) / (8*7) = 2 * (16 + 200 + 72) / 56 = 576 / 56 = 10.2857
    # alpha = 1 - 4.5 / 10.2857 = 0.5625
    assert round(krippendorff_alpha([[2, 1, 0, 2], [2, 2, 0, 1]], "ordinal", [0, 1, 2]), 4) == 0.5625


def test_rating_agreement_two_raters():
    framework = pd.DataFrame(
        {
            "item_id": ["I1", "I2", "I3", "I4", "I5"],
            "anticipated": [True, True, False, True, False],
            "observed": ["full", "partial", "none", "full", "unknown"],
        }
    )
    ratings = pd.DataFrame(
        {
            "item_id": ["I1", "I2", "I3", "I4", "I5"],
            "rater": "R2",
            "anticipated": [True, True, False, False, False],
            "observed": ["full", "full", "none", "partial", "full"],
            "note": "",
        }
    )
    table = rating_agreement(framework, ratings).set_index("judgement")
    # anticipated: 5 items, disagree on I4 -> 4/5; kappa: pA(yes)=3/5, pB(yes)=2/5, pe=.24+.24=.48, (0.8-.48)/.52=0.6154
    # alpha nominal: n=10, n_yes=5, n_no=5, one disagreement: 1 - 9*2/(2*5*5) = 0.64
    assert table.loc["anticipated", ["items", *FIGURES[1:]]].tolist() == [5, 4, 0.8, 0.6154, 0.64]
    # observed: I5 unknown for rater 1 -> four items, the ordinal example above (I1 2/2, I2 1/2, I3 0/0, I4 2/1)
    assert table.loc["observed", ["items", "agreements", "krippendorff_alpha"]].tolist() == [4, 2, 0.5625]
    # linearly weighted kappa: weights w = 1 - |i-j|/2; po_w = (1 + .5 + 1 + .5)/4 = .75;
    # marginals A: (1, 1, 2)/4, B: (1, 1, 2)/4; pe_w = sum pA_i pB_j w_ij
    #   = [.25*.25*1 + .25*.25*.5 + .25*.5*0] + [.25*.25*.5 + .25*.25*1 + .25*.5*.5] + [.5*.25*0 + .5*.25*.5 + .5*.5*1]
    #   = .09375 + .15625 + .3125 = .5625; kappa_w = (.75 - .5625)/(1 - .5625) = 0.428571
    assert table.loc["observed", "cohens_kappa"] == 0.4286
    assert table.loc["observed", "disagreement_item_ids"] == "I2;I4"


def test_two_coder_example_case_cs3_matches_hand_computation():
    """The shipped example (synthetic, tools/make_synthetic_data.py): coder_B re-coded CS3's two focus
    groups (the passages follow CS3's framework categories; if data/source/CS3.yaml changes, recount by hand).
    7 passages (FG01: C01, C04, C07, T01 texts; FG02: T01, A02, A04) x 9 codes = 63 decisions, pooled 2x2:
    both 5 (service_user_needs, leadership, route_governance, instigator_self_change,
    external_support), A only 3 (autonomy and frontline_practice, which B left out; organisational_development, which
    B coded at the stage level instead), B only 1 (that mechanism in FG02), neither 54.
      po = 59/63 = .936508; pA(1) = 8/63, pB(1) = 6/63; pe = (8*6 + 55*57)/63^2 = 3183/3969 = .801965
      kappa = (.936508 - .801965)/(1 - .801965) = 0.6794
      alpha: n = 126 values, n1 = 14, n0 = 112, 4 disagreements: 1 - 125*8/(2*112*14) = 1 - 1000/3136 = 0.6811
    rater_B re-judged the 16 framework items (ratings.xlsx):
      anticipated: A yes 13/16, B yes 15/16, 2 disagreements (C06, A04): po = .875,
        pe = (13*15 + 3*1)/256 = .7734, kappa = .1016/.2266 = 0.4483; alpha = 1 - 31*4/(2*28*4) = 0.4464
      observed (O03 unknown, left out): 15 items, 3 one-step disagreements (C03, T01 full/partial;
        O01 partial/none). Values n2 = 24, n1 = 5, n0 = 1 (n = 30). Ordinal distances:
        d(1,2) = ((5+24)/2)^2 = 210.25, d(0,1) = ((1+5)/2)^2 = 9, d(0,2) = (30 - 12.5)^2 = 306.25
        D_o = (4*210.25 + 2*9)/30 = 859/30; D_e = 2*(1*5*9 + 1*24*306.25 + 5*24*210.25)/(30*29) = 75
        alpha = 1 - 28.633/75 = 0.6182
        linear weighted kappa: po_w = (12 + 3*.5)/15 = .9; marginals A (0, 2, 13)/15, B (1, 3, 11)/15;
        pe_w = (2*9 + 13*12.5)/225 = 180.5/225 = .80222; kappa_w = .09778/.19778 = 0.4944
    """
    from pathlib import Path

    from crosscase.ingest.vocabulary import load_vocabulary
    from crosscase.ingest.workbooks import load_case

    repo = Path(__file__).resolve().parents[1]
    tables = load_case(repo / "data/raw/CS3", "CS3", load_vocabulary(repo / "config/vocabulary.yaml"))
    overall = coding_agreement(tables["segments"]).set_index("code").loc[OVERALL]
    assert overall[["units", "agreements", "both_applied", "first_only", "second_only", "neither"]].tolist() == [
        63,
        59,
        5,
        3,
        1,
        54,
    ]
    assert overall[["percent_agreement", "cohens_kappa", "krippendorff_alpha"]].tolist() == [0.9365, 0.6794, 0.6811]
    ratings = rating_agreement(tables["framework"], tables["ratings"]).set_index("judgement")
    assert ratings.loc["anticipated", ["items", *FIGURES[2:]]].tolist() == [16, 0.875, 0.4483, 0.4464]
    assert ratings.loc["observed", ["items", *FIGURES[2:]]].tolist() == [15, 0.8, 0.4944, 0.6182]
    assert ratings.loc["observed", "disagreement_item_ids"] == "CS3-C03;CS3-T01;CS3-O01"

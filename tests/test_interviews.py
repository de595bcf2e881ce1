"""Interview-coded and focus-group analysis within a case."""

import pandas as pd

from crosscase.within.interviews import codes_by_role, competition_rank, cooccurrence, theme_table

COLUMNS = [
    "segment_id",
    "source_id",
    "source_type",
    "group_id",
    "participant_id",
    "participant_role",
    "code",
    "text",
    "emphasis",
]


def codebook(*codes):
    return pd.DataFrame([(c, "", f"about {c}") for c in codes], columns=["code", "parent", "description"])


def segments(rows):
    return pd.DataFrame([(f"S{i + 1}", *row) for i, row in enumerate(rows)], columns=COLUMNS)


# Six focus groups' worth of segments. Per code (groups, individuals, emphasis):
#   finance:        FG1, FG2, FG3 / P1, P4, P7          / 1 + 1 + 1 = 3  -> (3, 3, 3)
#   hr:             FG1, FG2      / P1, P2, P4          / 3 + 2 + 1 = 6  -> (2, 3, 6)
#   vision:         FG1, FG2      / P2, P3, P5          / 2 + 2 + 2 = 6  -> (2, 3, 6)  ties hr on all three
#   communication:  FG3, FG4      / P7, P8, P9 (P9 twice)/ 3 + 3 + 0 + blank = 6 -> (2, 3, 6) ties too
#   marketing:      FG2           / P4                  / 3              -> (1, 1, 3)
#   standards:      never mentioned                                      -> (0, 0, 0)
ROWS = [
    ("FG1", "focus_group", "FG1", "P1", "commissioner", "finance", "t", 1),
    ("FG2", "focus_group", "FG2", "P4", "provider", "finance", "t", 1),
    ("FG3", "focus_group", "FG3", "P7", "user_group", "finance", "t", 1),
    ("FG1", "focus_group", "FG1", "P1", "commissioner", "hr", "t", 3),
    ("FG1", "focus_group", "FG1", "P2", "provider", "hr", "t", 2),
    ("FG2", "focus_group", "FG2", "P4", "provider", "hr", "t", 1),
    ("FG1", "focus_group", "FG1", "P2", "provider", "vision", "t", 2),
    ("FG1", "focus_group", "FG1", "P3", "care_manager", "vision", "t", 2),
    ("FG2", "focus_group", "FG2", "P5", "commissioner", "vision", "t", 2),
    ("FG3", "focus_group", "FG3", "P7", "user_group", "communication", "t", 3),
    ("FG4", "focus_group", "FG4", "P8", "provider", "communication", "t", 3),
    ("FG4", "focus_group", "FG4", "P9", "commissioner", "communication", "t", 0),
    ("FG4", "focus_group", "FG4", "P9", "commissioner", "communication", "t", None),
    ("FG2", "focus_group", "FG2", "P4", "provider", "marketing", "t", 3),
]
CODEBOOK = codebook("standards", "marketing", "communication", "vision", "hr", "finance")


def test_theme_ranking_by_groups_then_individuals_then_emphasis_with_ties():
    themes = theme_table(CODEBOOK, segments(ROWS))
    assert themes[["rank", "code", "groups", "individuals", "emphasis", "segments"]].values.tolist() == [
        [1, "finance", 3, 3, 3, 3],
        # three codes tie on (2, 3, 6): one shared rank, listed in codebook order, next rank skipped
        [2, "communication", 2, 3, 6, 4],
        [2, "vision", 2, 3, 6, 3],
        [2, "hr", 2, 3, 6, 3],
        [5, "marketing", 1, 1, 3, 1],
        [6, "standards", 0, 0, 0, 0],
    ]
    communication = themes.set_index("code").loc["communication"]
    assert communication["segment_ids"] == "S10;S11;S12;S13"
    assert communication["group_ids"] == "FG3;FG4"
    assert communication["description"] == "about communication"


def test_emphasis_breaks_a_tie_of_groups_and_individuals():
    rows = [("FG1", "focus_group", "FG1", "P1", "", "a", "t", 1), ("FG1", "focus_group", "FG1", "P1", "", "b", "t", 3)]
    assert theme_table(codebook("a", "b"), segments(rows))[["rank", "code"]].values.tolist() == [[1, "b"], [2, "a"]]


def test_interviews_without_group_count_each_source_as_a_group():
    rows = [
        ("I1", "interview", "", "P1", "manager", "a", "t", None),
        ("I2", "interview", "", "P2", "manager", "a", "t", None),
        ("D1", "document", "", "", "", "a", "t", None),
    ]
    theme = theme_table(codebook("a"), segments(rows)).iloc[0]
    assert (theme["groups"], theme["individuals"], theme["sources"], theme["participants"]) == (3, 2, 3, 2)


def test_competition_rank():
    assert competition_rank([(3,), (2,), (2,), (1,), (1,), (0,)]) == [1, 2, 2, 4, 4, 6]


def test_codes_by_role():
    table = codes_by_role(CODEBOOK, segments(ROWS))
    hr = table[table["code"] == "hr"]
    assert hr[["participant_role", "segments", "sources", "participants"]].values.tolist() == [
        ["commissioner", 1, 1, 1],
        ["provider", 2, 2, 2],
    ]


def test_cooccurrence_within_a_source():
    table = cooccurrence(CODEBOOK, segments(ROWS))
    pairs = {(r.code_a, r.code_b): (r.sources, r.source_ids) for r in table.itertuples()}
    # codebook order inside a pair: vision before hr before finance
    assert pairs[("vision", "hr")] == (2, "FG1;FG2")
    assert pairs[("hr", "finance")] == (2, "FG1;FG2")
    assert pairs[("communication", "finance")] == (1, "FG3")
    assert ("marketing", "communication") not in pairs
    assert len(table) == len(pairs)


def test_combined_validation_score_beside_the_strict_order():
    # Morgan's combination (crosscase.within.interviews): mean of groups / 4 groups (FG1-FG4),
    # individuals / 8 participants (P1-P5, P7-P9) and mean rated emphasis / 3.
    #   finance:       (3/4 + 3/8 + (1+1+1)/3/3) / 3 = (.75 + .375 + .3333) / 3 = 0.4861
    #   communication: (2/4 + 3/8 + (3+3+0)/3/3) / 3 = (.5 + .375 + .6667) / 3 = 0.5139 (the blank is not rated)
    #   vision, hr:    (2/4 + 3/8 + 2/3) / 3 = 0.5139
    #   marketing:     (1/4 + 1/8 + 3/3) / 3 = 0.4583;  standards: 0
    themes = theme_table(CODEBOOK, segments(ROWS)).set_index("code")
    assert themes["validation_score"].to_dict() == {
        "finance": 0.4861,
        "communication": 0.5139,
        "vision": 0.5139,
        "hr": 0.5139,
        "marketing": 0.4583,
        "standards": 0.0,
    }
    # the combination ranks finance (first in the strict order) below the three tied codes
    assert themes["score_rank"].to_dict() == {
        "finance": 4,
        "communication": 1,
        "vision": 1,
        "hr": 1,
        "marketing": 5,
        "standards": 6,
    }


def test_themes_by_question_and_cycle():
    from crosscase.within.interviews import themes_by

    frame = segments(ROWS)
    frame["question"] = ["Q1"] * 9 + ["Q10"] * 4 + ["Q2"]  # finance, hr, vision -> Q1; communication Q10; marketing Q2
    frame["cycle"] = ["1"] * 7 + ["2"] * 7
    questions = pd.DataFrame({"question": ["Q1", "Q2", "Q10"], "text": ["first?", "second?", "tenth?"]})
    table = themes_by(CODEBOOK, frame, "question", questions)
    # the order of the questions sheet (Q2 before Q10), the codes mentioned under each question
    assert table[["question", "question_text", "code", "rank"]].values.tolist() == [
        # hr and vision tie on (2, 3, 6): codebook order, vision first
        ["Q1", "first?", "finance", 1],
        ["Q1", "first?", "vision", 2],
        ["Q1", "first?", "hr", 2],
        ["Q2", "second?", "marketing", 1],
        ["Q10", "tenth?", "communication", 1],
    ]
    by_cycle = themes_by(CODEBOOK, frame, "cycle")
    # cycle 1: rows 1-7 = finance x3, hr x3, vision (P2, FG1); cycle 2: vision x2, communication x4, marketing
    assert by_cycle.groupby("cycle")["segments"].sum().to_dict() == {"1": 7, "2": 7}
    assert by_cycle[by_cycle["cycle"] == "1"]["code"].tolist() == ["finance", "hr", "vision"]

"""Valid survey, interview-coded and secondary sheets for tests (plain lists of
rows, header first), to be edited cell by cell with casebuilder.edited."""

from __future__ import annotations

SURVEY_ITEMS = [
    ["item_id", "text", "construct", "scale_min", "scale_max", "reverse"],
    ["Q1", "I can lead change in my team", "change_skills", 1, 5, "no"],
    ["Q2", "I find change hard to manage", "change_skills", 1, 5, "yes"],
    ["Q3", "I understand colleagues' roles", "", 1, 4, "no"],
]


def survey_sheets() -> dict[str, list[list]]:
    return {
        "about": [["note"], ["test fixture"]],
        "items": [list(r) for r in SURVEY_ITEMS],
        "responses": [
            ["respondent_id", "wave", "Q1", "Q2", "Q3"],
            ["r1", "pre", 2, 4, 1],
            ["r2", "pre", 3, 3, 2],
            ["r1", "post", 4, 2, 3],
            ["r2", "post", 5, 1, None],
            ["r3", "post", 3, 3, 4],
        ],
    }


def interview_sheets() -> dict[str, list[list]]:
    return {
        "codebook": [
            ["code", "parent", "description"],
            ["context", None, "Framework stage"],
            ["austerity_and_financial_pressure", "context", "Cuts"],
            ["leadership", None, "Leaders"],
        ],
        "segments": [
            [
                "segment_id",
                "source_id",
                "source_type",
                "group_id",
                "participant_id",
                "participant_role",
                "code",
                "text",
                "emphasis",
            ],
            [
                "S1",
                "FG1",
                "focus_group",
                "FG1",
                "P1",
                "commissioner",
                "austerity_and_financial_pressure",
                "Cuts everywhere",
                2,
            ],
            ["S2", "FG1", "focus_group", "FG1", "P2", "provider", "leadership", "We need leaders", 3],
            ["S3", "I1", "interview", None, "P3", "provider", "austerity_and_financial_pressure", "Savings", None],
        ],
    }


def secondary_sheets() -> dict[str, list[list]]:
    return {
        "indicators": [
            ["indicator", "period", "value", "unit", "target", "direction", "source"],
            ["evictions", "2007", 1, "people", 2, "lower", "provider returns"],
            ["evictions", "2008", 3, "people", 2, "lower", "provider returns"],
            ["people_supported", "2008", 60, "people", None, None, "provider returns"],
        ],
    }

#!/usr/bin/env python3
"""Make the SYNTHETIC survey, interview-coded and secondary files of the example cases.

The thesis (../shared/seeds/000_5947dff518054a79.txt) and the McCray and Palmer
paper (../shared/seeds/001_175c74e23520c3c8.txt) publish no response-level
data. To exercise the evidence analyses on the example cases, this script
invents rows, with a fixed seed, that are consistent with the few figures the
texts do publish. Every file it writes has a sheet ``about`` that says so,
names this script and the seed, and lists which figures are published and
which are invented; sheets with mixed rows have a ``provenance`` column.

Files written (only for the cases whose Table 3 methods include them):

* ``data/raw/<case>/survey.xlsx`` for CS1, CS6, CS8 (survey);
* ``data/raw/<case>/interviews.xlsx`` for CS1-CS8 (interviews, focus groups,
  observation notes, documents as Table 3 lists them) and MP1 (six focus groups);
* ``data/raw/<case>/secondary.xlsx`` for CS4, CS6, CS7 (secondary data analysis);
* ``data/raw/CS3/ratings.xlsx``: a second, synthetic rater of CS3's framework
  judgements, and in CS3's interviews.xlsx a second, synthetic coder of its two
  focus groups (the agreement examples, docs/displays.md);
* ``data/source/evidence_citations.yml``: for each framework item, the
  ``survey:``/``code:``/``indicator:`` citations these files support, for the
  lead to merge into the ``evidence`` cells of ``data/source/CS*.yaml``
  (``.yml``, not ``.yaml``: tools/build_example_cases.py reads every
  ``data/source/*.yaml`` as a case).

Interview codes are the framework categories of each case's framework items
(read from ``data/source/<case>.yaml``) under the stage codes context,
mechanism and outcome; MP1's codes are the themes the paper lists under
"Findings". Run it again after editing a case's framework::

    .venv/bin/python tools/make_synthetic_data.py [--out data/raw]

The output is byte-for-byte reproducible (seeded generator, fixed workbook
timestamps).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml
from openpyxl import Workbook

from crosscase.common.xlsx import reproducible_xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = 20160101
GENERATOR = "tools/make_synthetic_data.py"
THESIS = (
    "Miller, Managing change in health and social care (PhD by publication), ../shared/seeds/000_5947dff518054a79.txt"
)
PAPER = "McCray and Palmer, Commissioning Personalised Care in the English Adult Social Care Sector, ../shared/seeds/001_175c74e23520c3c8.txt"
STAGES = ("context", "mechanism", "outcome")
SEGMENT_HEADER = [
    "segment_id",
    "source_id",
    "source_type",
    "group_id",
    "participant_id",
    "participant_role",
    "code",
    "text",
    "emphasis",
    "provenance",
]
INDICATOR_HEADER = ["indicator", "period", "value", "unit", "target", "direction", "source", "provenance"]
SYNTHETIC = "synthetic"


def rng(case: str, kind: str) -> random.Random:
    return random.Random(f"{SEED}:{case}:{kind}")


# --------------------------------------------------------------------------
# deterministic workbooks


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
    return reproducible_xlsx_bytes(workbook, author=GENERATOR)


def about_sheet(case: str, what: str, published: list[str], invented: list[str], sources: list[str]) -> list[list]:
    rows = [
        ["field", "value"],
        [
            "synthetic",
            "YES. The rows of this workbook were made by a program, not collected in the study. "
            "Rows marked provenance 'published' restate figures or quotations published in the source "
            "text; everything else is invented and must not be cited as study data.",
        ],
        ["case_id", case],
        ["content", what],
        ["generator", GENERATOR],
        ["seed", SEED],
    ]
    rows += [["source_text", s] for s in sources]
    rows += [["published", p] for p in published] or [["published", "nothing: every row is invented"]]
    rows += [["invented", i] for i in invented]
    return rows


def write(path: Path, sheets: dict[str, list[list]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes(sheets))
    return path


# --------------------------------------------------------------------------
# interview-coded data of CS1-CS8: codes are the framework categories

# Sources per case, following Table 3 (interviews for all; focus groups CS1, CS3,
# CS4, CS7, CS8; observations CS3, CS7, CS8; documents CS2, CS4, CS5, CS6, CS7,
# CS8). (kind, count, roles, members per group); all counts and roles invented
# unless the `published` notes below say otherwise.
SOURCE_PLAN = {
    "CS1": [
        ("interview", 10, ["commissioner", "senior_manager", "lead_clinician", "programme_lead"], 1),
        ("focus_group", 7, ["commissioner", "senior_manager", "lead_clinician"], 5),
    ],
    "CS2": [("interview", 8, ["care_trust_chief_executive"], 1), ("document", 4, [""], 0)],
    "CS3": [
        ("interview", 9, ["patient", "ward_staff", "senior_manager", "senior_clinician", "advocacy_facilitator"], 1),
        ("focus_group", 2, ["patient", "ward_staff"], 6),
        ("observation", 3, [""], 0),
    ],
    "CS4": [
        ("interview", 11, ["external_stakeholder", "service_user"], 1),
        ("focus_group", 2, ["frontline_staff", "manager"], 6),
        ("document", 2, [""], 0),
    ],
    "CS5": [("interview", 11, ["social_enterprise_leader", "commissioner"], 1), ("document", 3, [""], 0)],
    "CS6": [("interview", 12, ["commissioner", "third_sector_leader"], 1), ("document", 3, [""], 0)],
    "CS7": [
        ("interview", 12, ["gp", "practice_manager", "ccg_manager"], 1),
        ("focus_group", 2, ["gp", "practice_manager"], 6),
        ("observation", 3, [""], 0),
        ("document", 2, [""], 0),
    ],
    "CS8": [
        ("interview", 16, ["manager", "support_worker", "resident", "family_member"], 1),
        ("focus_group", 2, ["support_worker", "manager"], 6),
        ("observation", 3, [""], 0),
        ("document", 2, [""], 0),
    ],
}
SOURCE_PREFIX = {"interview": "INT", "focus_group": "FG", "observation": "OBS", "document": "DOC"}
SEGMENTS_BY_OBSERVED = {"full": (3, 5), "partial": (2, 4), "none": (1, 3), "unknown": (1, 2)}
EMPHASIS_WEIGHTS = {"full": [1, 2, 3, 3], "partial": [2, 3, 2, 1], "none": [2, 2, 2, 2], "unknown": [3, 2, 1, 0]}

# Facts the thesis or a publication reports, restated as document or group
# segments (provenance 'published') or used to shape the invented rows.
PUBLISHED_SEGMENTS = {
    "CS2": [
        (
            "document",
            "organisational_change",
            "There were only 12 care trusts created in total between 2002 and 2010, and no more than 10 at any one time.",
            "thesis s3.1 CS2 Outcomes: Realised",
        )
    ],
    "CS5": [
        (
            "document",
            "provider_growth",
            "In total 42 social enterprises were launched, unevenly spread across the country. Approximately 10% of "
            "community health service staff employed in PCTs were transferred with a budget of just under £1 billion.",
            "thesis s3.1 CS5 Outcomes: Realised",
        ),
        (
            "document",
            "market_diversity",
            "These were unevenly spread across the country, with some regions having several and others none at all.",
            "thesis s3.1 CS5 Outcomes: Realised",
        ),
    ],
    "CS4": [
        (
            "document",
            "service_user_independence",
            "120 multiply excluded individuals were supported between 2007 and 2012 ... However approximately 1 in 6 "
            "people were evicted.",
            "thesis s3.1 CS4 Outcomes: Realised",
        )
    ],
    "CS7": [
        (
            "document",
            "commissioner_influence",
            "CCG covers an inner city population of 715,000, 105 member practices & budget of £900 million.",
            "publication PB10 ('Achieving Clinical Excellence' slide)",
        )
    ],
}
INTERVIEW_NOTES = {
    "CS1": [
        "seven locality teams took part (five reported local changes, two made little progress: published); "
        "each team is one focus group T1-T7 here: T1-T5 carry a segment on changes made locally "
        "(service_development), T6-T7 one on little progress (local_variation) - invented rows consistent with "
        "the published counts"
    ],
    "CS2": [
        "interviewees are care trust chief executives (publication PB2: 'All current care trusts' chief "
        "executives were invited'); half of them say they would recommend other options (PB2: 'half of those "
        "interviewed would recommend other options'); the number interviewed (8) is invented"
    ],
    "CS4": [
        "interviews with external stakeholders and service users, focus groups with frontline staff and managers "
        "(publication PB4 methods); their numbers are invented"
    ],
}


def load_framework(case: str) -> list[dict]:
    with open(ROOT / "data" / "source" / f"{case}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["framework"]


def make_sources(case: str, random_: random.Random) -> list[dict]:
    sources, person = [], 0
    for kind, count, roles, members in SOURCE_PLAN[case]:
        for index in range(1, count + 1):
            label = f"T{index}" if case == "CS1" and kind == "focus_group" else f"{index:02d}"
            source_id = f"{case}-{SOURCE_PREFIX[kind]}{label}"
            people = []
            size = 1 if kind == "interview" else (members + random_.randint(-1, 1) if members else 0)
            for _ in range(size):
                person += 1
                role = roles[(index - 1) % len(roles)] if kind == "interview" else random_.choice(roles)
                people.append((f"{case}-P{person:03d}", role))
            sources.append(
                {"id": source_id, "type": kind, "group": source_id if kind == "focus_group" else "", "people": people}
            )
    return sources


def make_interviews(case: str) -> tuple[dict[str, list[list]], list[str]]:
    random_ = rng(case, "interviews")
    framework = load_framework(case)
    sources = make_sources(case, random_)
    codes: dict[str, str] = {}
    for item in framework:
        for term in item["category"]:
            codes.setdefault(term, item["stage"])
    codebook = [["code", "parent", "description"]]
    codebook += [[stage, None, f"Framework stage '{stage}' (thesis Table 4)"] for stage in STAGES]
    codebook += [
        [term, stage, f"Framework category '{term}' (config/vocabulary.yaml, {stage})"] for term, stage in codes.items()
    ]

    rows = [SEGMENT_HEADER]

    def add(source, person, code, text, emphasis, provenance):
        rows.append(
            [
                f"{case}-S{len(rows):03d}",
                source["id"],
                source["type"],
                source["group"] or None,
                person[0] if person else None,
                person[1] if person else None,
                code,
                text,
                emphasis,
                provenance,
            ]
        )

    for kind, code, text, where in PUBLISHED_SEGMENTS.get(case, []):
        document = next(s for s in sources if s["type"] == kind)
        add(document, None, code, text, None, f"published: {where}")
    if case == "CS1":
        teams = [s for s in sources if s["type"] == "focus_group"]
        for team in teams[:5]:
            add(
                team,
                random_.choice(team["people"]),
                "service_development",
                "SYNTHETIC: the team reports changes made to services locally as a result of the programme.",
                random_.choice([2, 3]),
                "synthetic (consistent with published: five teams reported local changes)",
            )
        for team in teams[5:]:
            add(
                team,
                random_.choice(team["people"]),
                "local_variation",
                "SYNTHETIC: the locality made little progress with its priority and did not complete its business case.",
                random_.choice([1, 2]),
                "synthetic (consistent with published: two localities made little progress)",
            )
    if case == "CS2":
        for source in [s for s in sources if s["type"] == "interview"][:4]:
            add(
                source,
                source["people"][0],
                "organisational_change",
                "SYNTHETIC: in hindsight I would recommend other options to achieve better integrated working.",
                2,
                "synthetic (consistent with published PB2: half of those interviewed would recommend other options)",
            )

    for item in framework:
        low, high = SEGMENTS_BY_OBSERVED[item["observed"]]
        description = " ".join(item["description"].split())
        short = description if len(description) <= 110 else description[:107].rsplit(" ", 1)[0] + "..."
        for term in item["category"]:
            for _ in range(random_.randint(low, high)):
                source = random_.choice(sources)
                if source["people"]:
                    person = random_.choice(source["people"])
                    emphasis = random_.choices(range(4), EMPHASIS_WEIGHTS[item["observed"]])[0]
                else:
                    person, emphasis = None, None
                text = f"SYNTHETIC: {source['type'].replace('_', ' ')} passage on {item['item_id']} ({item['observed']}): {short}"
                add(source, person, term, text, emphasis, SYNTHETIC)
    if case == SECOND_CODER_CASE:
        rows = with_second_coder(rows, {term: stage for term, stage in codes.items()})
    return {"codebook": codebook, "segments": rows}, [
        f"codebook: {len(codebook) - 1} codes",
        f"segments: {len(rows) - 1}",
    ]


# The two-coder example (inter-coder agreement, docs/displays.md): a second,
# synthetic coder re-coded CS3's two focus groups. Coder B codes the same
# passages (segment texts) as coder A, in A's order, except that every 4th of
# A's codings there (k % 4 == 3) B did not apply, and every 5th (k % 5 == 4, when
# not skipped) B coded at the stage level (context / mechanism / outcome)
# instead of the category. Every other row is coder A's.
SECOND_CODER_CASE = "CS3"
SECOND_CODER_SOURCES = ("CS3-FG01", "CS3-FG02")
CODERS = ("coder_A", "coder_B")


def with_second_coder(rows: list[list], stage_of: dict[str, str]) -> list[list]:
    header = rows[0]
    at = header.index("provenance")
    out = [[*header[:at], "coder", *header[at:]]]
    out += [[*row[:at], CODERS[0], *row[at:]] for row in rows[1:]]
    source, code, sid = header.index("source_id"), header.index("code"), header.index("segment_id")
    recoded = [row for row in rows[1:] if row[source] in SECOND_CODER_SOURCES]
    for k, row in enumerate(recoded):
        if k % 4 == 3:
            continue
        new = list(row)
        if k % 5 == 4:
            new[code] = stage_of.get(row[code], row[code])
        new[sid] = f"{SECOND_CODER_CASE}-S{len(out):03d}"
        out.append(
            [
                *new[:at],
                CODERS[1],
                "synthetic (second coder, recoding "
                f"{row[sid]}{'' if new[code] == row[code] else ' at the stage level'})",
            ]
        )
    return out


def interviews_about(case: str) -> list[list]:
    published = [f"{where}: {text}" for _, _, text, where in PUBLISHED_SEGMENTS.get(case, [])]
    published += INTERVIEW_NOTES.get(case, [])
    invented = [
        "the sources (how many interviews, focus groups, observation notes and documents, within the methods of "
        "thesis Table 3), the participants and their roles",
        "every segment with provenance 'synthetic': which source, participant and code, its text and its emphasis "
        "(0-3); the number of segments per framework item follows how fully the item was observed "
        "(full 3-5, partial 2-4, none 1-3, unknown 1-2 per category)",
        "codes: the framework categories of this case's items in data/source/<case>.yaml, under the stage codes",
    ]
    if case == SECOND_CODER_CASE:
        invented.append(
            f"column coder and every row of {CODERS[1]}: a second, synthetic coder who re-coded the focus groups "
            f"{' and '.join(SECOND_CODER_SOURCES)} for the inter-coder agreement example (see tools/"
            "make_synthetic_data.py, with_second_coder: B leaves out every 4th of A's codings there and codes every "
            "5th at the stage level); the analyses count coder_A's codings only"
        )
    return about_sheet(case, "interview-coded data (codebook, segments)", published, invented, [THESIS])


# --------------------------------------------------------------------------
# MP1: six focus groups, themes under "Findings"

MP1_THEMES = [
    ("leading_and_defining_the_vision", "Leading and defining the vision", "listed under Findings (line 146)"),
    (
        "human_resources_managing_people",
        "Human Resources Managing People",
        "listed (line 147); discussed as Human Resource Management (HRM), line 163",
    ),
    ("communication_skills", "Communication Skills", "listed (line 148)"),
    ("inter_professional_agency_working", "Inter-professional/agency working", "listed (line 149)"),
    (
        "gap_in_industry_standards",
        "Gap in Industry Standards",
        "listed (line 150); discussed as Gaps in the Commissioning Role Industry Standards, line 181",
    ),
    ("clarity_of_role_spec_in_social_care", "Clarity of role spec in Social Care", "listed (line 151)"),
    ("new_ways_of_working", "New ways of working", "listed (line 152)"),
    ("marketing", "Marketing", "listed (line 153)"),
    ("leading_cultural_change", "Leading Cultural Change", "listed (line 157)"),
    ("policy_structures_engagement", "Policy - Structures - Engagement", "listed (line 158)"),
    ("finance", "Finance", "listed (line 159)"),
    (
        "models_of_leadership",
        "Models of Leadership",
        "not in the list but named as a theme at line 161 and discussed under Leadership (line 195); "
        "judgement: kept as a theme of its own ('more than ten in total', line 144)",
    ),
    (
        "education_and_training_routes",
        "Education and training routes",
        "not in the list; the answer to question 3, discussed under Education and Training Routes for Personalised "
        "Care (line 229); judgement: a theme of its own",
    ),
]
# The three questions the groups "responded in turn to" (lines 125, 126 and 130), verbatim.
MP1_QUESTIONS = [
    (
        "Q1",
        "What knowledge and skills are required to meet current and future needs for leadership in personalised "
        "adult social care in England?",
    ),
    (
        "Q2",
        "Are there any gaps when these are mapped against the UK social care industry standards and current "
        "educational provision?",
    ),
    (
        "Q3",
        "Which routes and models of education/training are most suitable for meeting leadership development need "
        "in time of uncertainty and cultural change?",
    ),
]
# Judgement: the question each theme answers. The Findings present the themes as the knowledge and skills
# required (Q1), the gaps against the standards (Q2, the section at line 181) and the education routes (Q3,
# the section at line 229); the paper does not map every theme to a question.
MP1_THEME_QUESTION = {
    "gap_in_industry_standards": "Q2",
    "clarity_of_role_spec_in_social_care": "Q2",
    "education_and_training_routes": "Q3",
}
# The paper's own words on four themes (its summaries of the groups' discussion), verbatim; the other themes
# have no published summary, and the framework matrix says so.
MP1_SUMMARIES = {
    "human_resources_managing_people": (
        "Emphasis was placed upon developing knowledge and awareness of the 'people management' issues involved in "
        "adapting to the personalised care environment. (McCray and Palmer, line 165)"
    ),
    "gap_in_industry_standards": (
        "Paradoxically participants confirmed that national industry standards generally set out clearly what is "
        "required for new and emerging roles in personalised care. (line 183)"
    ),
    "models_of_leadership": (
        "Participants felt that all involved in the delivery of personalised care would have to think in quite "
        "different ways beyond traditional contracts and models of service delivery. (line 197)"
    ),
    "education_and_training_routes": (
        "the use of action learning sets deployed in a recent leadership development programme for care sector "
        "managers from a range of professions is seen as an appropriate model (line 231)"
    ),
}
# "The second cycle of this research is reported here" (line 89): every segment is cycle 2.
MP1_CYCLE = "2"
MP1_SEGMENT_HEADER = [*SEGMENT_HEADER[:-1], "question", "cycle", "moderator_note", SEGMENT_HEADER[-1]]
MP1_GROUPS = [f"FG{i}" for i in range(1, 7)]
MP1_LETTERS = "abcdefgh"  # 48 delegates / 6 groups = 8 per group
MP1_ROLES = {
    "a": "commissioner",
    "b": "commissioner",
    "c": "service_provider",
    "d": "service_provider",
    "e": "user_group_representative",
    "f": "user_group_representative",
    "g": "care_manager_social_work_lead",
    "h": "care_manager_social_work_lead",
}
MP1_QUOTES = [  # published: Findings, with the paper's group reference
    (
        "FG2",
        "FG2e",
        "human_resources_managing_people",
        "Responding to different markets is a new and unfamiliar area of work. - also commissioners, brokers and advocates "
        "- there needs to be clarity also on the role and relationship of these to services and service users",
        "line 167",
    ),
    (
        "FG1",
        "FG1a",
        "human_resources_managing_people",
        "More understanding of Human rights law and European law and the relationship with service users and issues "
        "relating to child and adult protection and registration of workforce",
        "line 173",
    ),
    (
        "FG2",
        "FG2c",
        "human_resources_managing_people",
        "knowledge of roles/skills of other professionals and agencies - particularly our relationship with the NHS - and "
        "new roles - e.g. brokers, commissioners",
        "line 179 (a participant 'in a service delivery role')",
    ),
    (
        "FG2",
        "FG2a",
        "gap_in_industry_standards",
        "Who does the assessments on which service input is based and what is the impact of self -assessment? Also "
        "impacts of different layers and types of commissioning plus the knowledge of the commissioners about services",
        "line 187",
    ),
]


def make_mp1_interviews() -> dict[str, list[list]]:
    random_ = rng("MP1", "interviews")
    codebook = [["code", "parent", "description", "summary"]] + [
        [code, None, f"{label}: {where}", MP1_SUMMARIES.get(code)] for code, label, where in MP1_THEMES
    ]
    rows = [MP1_SEGMENT_HEADER]
    noted: set[tuple] = set()

    def add(group, participant, code, text, emphasis, provenance):
        role = MP1_ROLES[participant[-1]]
        question = MP1_THEME_QUESTION.get(code, "Q1")
        # synthetic, consistent with line 121: the moderator checked and gained agreement for the responses
        note = None
        if (group, question) not in noted and provenance == SYNTHETIC:
            noted.add((group, question))
            note = f"SYNTHETIC: the moderator checked and gained {group}'s agreement to its response to {question}."
        rows.append(
            [
                f"MP1-S{len(rows):03d}",
                group,
                "focus_group",
                group,
                participant,
                role,
                code,
                text,
                emphasis,
                question,
                MP1_CYCLE,
                note,
                provenance,
            ]
        )

    for group, participant, code, text, where in MP1_QUOTES:
        add(group, participant, code, text, None, f"published: McCray & Palmer, Findings, {where}")
    for code, label, _ in MP1_THEMES:
        mentioned = sorted(random_.sample(MP1_GROUPS, random_.randint(2, 6)), key=MP1_GROUPS.index)
        for group in mentioned:
            for letter in sorted(random_.sample(MP1_LETTERS, random_.randint(1, 3))):
                add(
                    group,
                    f"{group}{letter}",
                    code,
                    f"SYNTHETIC: {label} raised in {group}.",
                    random_.choices(range(4), [1, 3, 3, 2])[0],
                    SYNTHETIC,
                )
    return {"codebook": codebook, "segments": rows, "questions": [["question", "text"], *map(list, MP1_QUESTIONS)]}


def mp1_about() -> list[list]:
    published = [
        "48 delegates took part in 6 focus groups at two events in two South of England counties (line 117)",
        "each group included two commissioners, service providers, user group and care manager / social work leads (line 113)",
        "each group had a moderator and a note taker and answered three questions (lines 121-129)",
        "themes: the eleven listed under Findings (lines 146-159) and Models of Leadership (line 161); 'more than ten in total' (line 144)",
        "analysis: group to group validation after Morgan (1997, p 60) - how many groups, how many individuals, how much enthusiasm (line 140)",
        "the four quotations with provenance 'published', their themes (the section of Findings they are quoted in) and their group references FG1a, FG2a, FG2c, FG2e",
        "FG2c is 'a participant in a service delivery role' (line 179)",
        "sheet questions: the three questions, verbatim (lines 125, 126 and 130); every segment is cycle 2 of the action "
        "research (line 89: 'The second cycle of this research is reported here')",
        "codebook summary: the paper's own words on four themes, verbatim with their lines; the other themes have "
        "no published summary and are left blank (the framework matrix says 'not written')",
    ]
    invented = [
        "reading FG2e as focus group 2, delegate e: 8 delegates a-h per group (48 / 6)",
        "roles by letter: a-b commissioner, c-d service provider, e-f user group representative, g-h care manager / social "
        "work lead (one reading of line 113: two of each of four roles gives the published 8 per group); only FG2c's "
        "role is published",
        "every segment with provenance 'synthetic': which groups and delegates raised each theme, and every emphasis "
        "rating; the paper publishes no per-theme counts, so the theme ranking is illustrative only",
        "quotations the paper gives without a group ('24/7 care', 'think personal', 'performance targets, empowerment "
        "and customer centred leadership') are not encoded, because they cannot be placed in a group",
        "judgement, not published: the question each theme answers (Q2 for the gaps in industry standards and the "
        "clarity of role specification, Q3 for education and training routes, Q1 for the knowledge and skills "
        "themes) and the theme Education and training routes (the answer to Q3, line 229)",
        "every moderator_note (one per group and question, marked SYNTHETIC; consistent with line 121: 'the "
        "moderator checked and gained agreement for the responses')",
    ]
    return about_sheet("MP1", "focus-group data (codebook of themes, coded segments)", published, invented, [PAPER])


# --------------------------------------------------------------------------
# surveys: CS1 (paired pre/post), CS6 (one wave), CS8 (unmatched pre/post)

SURVEYS = {
    "CS1": {
        "items": [
            (
                "CMS1",
                "I can plan a change in services with colleagues from other organisations",
                "change_management_skills",
                False,
            ),
            ("CMS2", "I can lead a team through a change in services", "change_management_skills", False),
            ("CMS3", "I can build a business case for a service change", "change_management_skills", False),
            ("CMS4", "I feel unsure how to handle resistance to change", "change_management_skills", True),
            (
                "UR1",
                "I understand the roles and accountabilities of colleagues in other professions",
                "understanding_of_roles",
                False,
            ),
            (
                "UR2",
                "I understand how commissioning decisions are made in partner organisations",
                "understanding_of_roles",
                False,
            ),
            (
                "UR3",
                "I know whom to contact in partner organisations to get things done",
                "understanding_of_roles",
                False,
            ),
            (
                "IPW1",
                "Working across health and social care boundaries is central to my role",
                "interprofessional_working",
                False,
            ),
            ("ENJ1", "The programme sessions were enjoyable and rewarding (asked after the programme only)", "", False),
        ],
        "design": "paired",
        "note": "self-assessment by programme participants before and after the programme; the same respondent_id in "
        "both waves is the same person",
        "published": [
            "self-assessment of key change management skills had improved, as had understanding of colleagues' "
            "roles and professions (thesis s3.1 CS1 Outcomes: Realised)",
            "on the whole the learning opportunities were seen as positive (same)",
            "the evaluation used participant self-assessment (publication PB1, abstract)",
        ],
    },
    "CS6": {
        "items": [
            ("CA1", "Commissioners understand what our organisation can offer", "commissioner_awareness", False),
            ("CA2", "Commissioners involve us early when planning services", "commissioner_awareness", False),
            ("PR1", "Procurement processes are proportionate to the size of the contract", "procurement", False),
            ("PR2", "Service specifications leave room for a creative response", "procurement", False),
            ("PR3", "Competitive tendering has made it harder for us to deliver public services", "procurement", True),
            ("OC1", "We know which outcome measures commissioners will accept", "", False),
        ],
        "design": "single",
        "note": "one wave; respondents are third sector organisations in one conurbation",
        "published": [
            "a survey of third sector organisations and commissioners within an English conurbation "
            "(publication PB8, design)",
            "third sector organisations report that restrictive specifications stopped a creative response, and "
            "many commissioners are not clear how to move to outcome based contracts (thesis s3.1 CS6)",
        ],
    },
    "CS8": {
        "items": [
            (
                "PCP1",
                "I understand what personalisation means for the people I support",
                "personalisation_understanding",
                False,
            ),
            (
                "PCP2",
                "I know how to use a person centred plan in my daily work",
                "personalisation_understanding",
                False,
            ),
            ("PCP3", "Residents choose how they spend their day", "personalisation_understanding", False),
            ("TRU1", "I trust the organisation I work for", "trust_in_employer", False),
            ("TRU2", "Senior managers do not listen to staff views", "trust_in_employer", True),
            (
                "AT1",
                "The assistive technology in my home helps residents be more independent (asked after installation only)",
                "",
                False,
            ),
        ],
        "design": "unmatched",
        "note": "anonymous staff survey before and after the programme; ids do not link the waves, so the waves are "
        "compared as independent samples",
        "published": [
            "training was cascaded to some staff but many staff were not able to undergo the development; "
            "most managers left the company (thesis s3.1 CS8)",
            "many staff did not trust their employer (thesis s3.1 CS8 Context: Experienced)",
            "assistive technology was installed in all homes; some of it was used in practice but not all (same)",
        ],
    },
}
# invented means per construct/item (pre, post) on 1-5 after reverse scoring
SURVEY_MEANS = {
    "CS1": {
        "change_management_skills": (2.8, 3.6),
        "understanding_of_roles": (2.7, 3.7),
        "interprofessional_working": (3.9, 4.2),
        "ENJ1": (None, 4.1),
    },
    "CS6": {"commissioner_awareness": (2.4, None), "procurement": (2.2, None), "OC1": (2.0, None)},
    "CS8": {"personalisation_understanding": (2.9, 3.3), "trust_in_employer": (2.3, 2.3), "AT1": (None, 3.2)},
}


def likert(random_: random.Random, mean: float, spread: float = 0.9) -> int:
    return max(1, min(5, round(random_.gauss(mean, spread))))


def make_survey(case: str) -> dict[str, list[list]]:
    spec, means, random_ = SURVEYS[case], SURVEY_MEANS[case], rng(case, "survey")
    items = spec["items"]
    header = ["respondent_id", "wave"] + [item_id for item_id, *_ in items]

    def answers(wave_index: int, person_shift: float) -> list:
        row = []
        for item_id, _, construct, reverse in items:
            mean = means.get(item_id) or means.get(construct)
            target = mean[wave_index]
            if target is None or random_.random() < 0.03:  # not asked in this wave, or skipped
                row.append(None)
                continue
            score = likert(random_, target + person_shift)
            row.append(6 - score if reverse else score)
        return row

    responses = [header]
    if spec["design"] == "paired":
        people = [f"T{team}-{member:02d}" for team in range(1, 8) for member in range(1, 6)]  # 7 teams x 5
        shifts = {p: random_.gauss(0, 0.5) for p in people}
        responses += [[p, "pre", *answers(0, shifts[p])] for p in people]
        responders = [p for p in people if random_.random() > 0.15]
        responses += [[p, "post", *answers(1, shifts[p])] for p in responders]
    elif spec["design"] == "single":
        responses += [[f"TSO-{i:02d}", None, *answers(0, random_.gauss(0, 0.4))] for i in range(1, 37)]
    else:
        responses += [[f"pre-{i:02d}", "pre", *answers(0, random_.gauss(0, 0.4))] for i in range(1, 43)]
        responses += [[f"post-{i:02d}", "post", *answers(1, random_.gauss(0, 0.4))] for i in range(1, 32)]
    item_rows = [["item_id", "text", "construct", "scale_min", "scale_max", "reverse"]]
    item_rows += [
        [item_id, text, construct or None, 1, 5, "yes" if reverse else "no"]
        for item_id, text, construct, reverse in items
    ]
    invented = [
        "every item wording, every respondent and every answer (drawn with the seed from invented means per construct, "
        + ", ".join(
            f"{k}: {v[0]} -> {v[1]}"
            if v[1] is not None and v[0] is not None
            else f"{k}: {v[0] if v[0] is not None else v[1]}"
            for k, v in means.items()
        )
        + ")",
        f"design: {spec['note']}",
    ]
    return {
        "about": about_sheet(case, "survey (items, responses)", spec["published"], invented, [THESIS]),
        "items": item_rows,
        "responses": responses,
    }


# --------------------------------------------------------------------------
# secondary data: CS4, CS6, CS7

PUB = "published"
SECONDARY = {
    "CS4": [
        # (indicator, unit, direction, source, [(period, value, target, provenance)])
        (
            "people_supported_cumulative",
            "people",
            "higher",
            "service referral and outcome data",
            [
                ("2007", 18, None, SYNTHETIC),
                ("2008", 41, None, SYNTHETIC),
                ("2009", 63, None, SYNTHETIC),
                ("2010", 84, None, SYNTHETIC),
                ("2011", 102, None, SYNTHETIC),
                ("2012", 120, None, "published: 120 individuals supported 2007-2012 (thesis s3.1 CS4)"),
            ],
        ),
        (
            "evictions_cumulative",
            "people",
            None,
            "service referral and outcome data",
            [
                ("2007", 2, None, SYNTHETIC),
                ("2008", 6, None, SYNTHETIC),
                ("2009", 9, None, SYNTHETIC),
                ("2010", 13, None, SYNTHETIC),
                ("2011", 17, None, SYNTHETIC),
                ("2012", 20, None, "published (rounded): approximately 1 in 6 of 120 evicted (thesis s3.1 CS4)"),
            ],
        ),
        # the two rows above divided: evictions so far as a share of the people supported so far
        (
            "evicted_pct_of_people_supported",
            "%",
            "lower",
            "derived from the two indicators above",
            [
                ("2007", 11.1, None, SYNTHETIC),
                ("2008", 14.6, None, SYNTHETIC),
                ("2009", 14.3, None, SYNTHETIC),
                ("2010", 15.5, None, SYNTHETIC),
                ("2011", 16.7, None, SYNTHETIC),
                ("2012", 16.7, None, "published (rounded): approximately 1 in 6 evicted (thesis s3.1 CS4)"),
            ],
        ),
        (
            "planned_move_on_pct",
            "% of departures",
            "higher",
            "Supporting People outcome returns",
            [
                ("2008", 35, 70, SYNTHETIC),
                ("2009", 31, 70, SYNTHETIC),
                ("2010", 28, 70, SYNTHETIC),
                ("2011", 26, 70, SYNTHETIC),
                ("2012", 24, 70, SYNTHETIC),
            ],
        ),
        (
            "referrals_not_accommodated",
            "people",
            "lower",
            "service referral data",
            [
                ("2008", 9, None, SYNTHETIC),
                ("2009", 14, None, SYNTHETIC),
                ("2010", 17, None, SYNTHETIC),
                ("2011", 21, None, SYNTHETIC),
                ("2012", 22, None, SYNTHETIC),
            ],
        ),
    ],
    "CS6": [
        (
            "third_sector_share_of_contract_value_pct",
            "%",
            "higher",
            "council contract register",
            [
                ("2010/11", 6.1, None, SYNTHETIC),
                ("2011/12", 6.8, None, SYNTHETIC),
                ("2012/13", 7.0, None, SYNTHETIC),
                ("2013/14", 6.6, None, SYNTHETIC),
            ],
        ),
        (
            "third_sector_contracts",
            "contracts",
            "higher",
            "council contract register",
            [
                ("2010/11", 41, None, SYNTHETIC),
                ("2011/12", 45, None, SYNTHETIC),
                ("2012/13", 44, None, SYNTHETIC),
                ("2013/14", 39, None, SYNTHETIC),
            ],
        ),
        (
            "outcome_based_contracts_pct",
            "% of contracts",
            "higher",
            "council contract register",
            [
                ("2010/11", 3, None, SYNTHETIC),
                ("2011/12", 4, None, SYNTHETIC),
                ("2012/13", 6, None, SYNTHETIC),
                ("2013/14", 7, None, SYNTHETIC),
            ],
        ),
    ],
    "CS7": [
        ("ccg_population", "people", None, "CCG", [("2013/14", 715000, None, "published: publication PB10")]),
        ("member_practices", "practices", None, "CCG", [("2013/14", 105, None, "published: publication PB10")]),
        ("ccg_budget", "GBP million", None, "CCG", [("2013/14", 900, None, "published: publication PB10")]),
        (
            "pilot_practices_delivering_enhanced_offer_pct",
            "% of pilot practices",
            "higher",
            "CCG outcome framework",
            [
                ("2013/14", 38, 100, SYNTHETIC),
                ("2014/15", 81, 100, SYNTHETIC),
                (
                    "2015/16",
                    100,
                    100,
                    "synthetic (consistent with published: the practices delivered the enhanced offer)",
                ),
            ],
        ),
        (
            "emergency_admissions_per_1000",
            "admissions per 1,000 people",
            "lower",
            "hospital episode statistics",
            [
                ("2012/13", 98.4, None, SYNTHETIC),
                ("2013/14", 99.1, 95, SYNTHETIC),
                ("2014/15", 98.8, 95, SYNTHETIC),
                (
                    "2015/16",
                    99.6,
                    95,
                    "synthetic (consistent with published: diversion from acute services yet to be achieved)",
                ),
            ],
        ),
    ],
}


def make_secondary(case: str) -> dict[str, list[list]]:
    rows = [INDICATOR_HEADER]
    for indicator, unit, direction, source, values in SECONDARY[case]:
        for period, value, target, provenance in values:
            rows.append([indicator, period, value, unit, target, direction, source, provenance])
    published = sorted(
        {p.split(": ", 1)[1] for *_, values in SECONDARY[case] for *_, p in values if p.startswith("published")}
    )
    invented = [
        "every row with provenance 'synthetic' or 'synthetic (consistent with ...)': its values and targets",
        "the names of the indicators and their sources (the kinds of data the publications describe)",
    ]
    return {
        "about": about_sheet(case, "secondary and monitoring data (indicators)", published, invented, [THESIS]),
        "indicators": rows,
    }


# --------------------------------------------------------------------------
# citations for the framework items of CS1-CS8

EXTRA_CITATIONS = {
    "CS1-C05": ["survey:interprofessional_working"],
    "CS1-O01": ["survey:ENJ1"],
    "CS1-O02": ["survey:change_management_skills", "survey:understanding_of_roles"],
    "CS4-A01": ["indicator:people_supported_cumulative"],
    "CS4-C04": ["indicator:referrals_not_accommodated"],
    "CS4-O04": ["indicator:planned_move_on_pct"],
    "CS4-O05": ["indicator:evicted_pct_of_people_supported", "indicator:evictions_cumulative"],
    "CS6-C02": ["survey:commissioner_awareness"],
    "CS6-A04": ["survey:procurement"],
    "CS6-O01": ["survey:OC1", "indicator:outcome_based_contracts_pct"],
    "CS6-O02": ["indicator:third_sector_share_of_contract_value_pct", "indicator:third_sector_contracts"],
    "CS7-C02": ["indicator:member_practices"],
    "CS7-O01": ["indicator:pilot_practices_delivering_enhanced_offer_pct"],
    "CS7-O03": ["indicator:emergency_admissions_per_1000"],
    "CS8-A02": ["survey:personalisation_understanding"],
    "CS8-A05": ["survey:AT1"],
    "CS8-C06": ["survey:trust_in_employer"],
    "CS8-O03": ["survey:personalisation_understanding"],
    "CS8-O04": ["survey:AT1"],
}


def citations(cases: list[str]) -> str:
    lines = [
        "# Evidence citations for the framework items of the example cases, for merging into the `evidence`",
        "# cells of data/source/CS*.yaml (append them after the thesis references, separated by '; ').",
        f"# Generated by {GENERATOR} (seed {SEED}); every citation resolves against the SYNTHETIC files",
        "# data/raw/<case>/{survey,interviews,secondary}.xlsx that script writes - they support the joint",
        "# display of the example data, they are not evidence from the studies.",
        "# code:TERM cites a framework category coded in the case's interviews.xlsx; survey:X an item or",
        "# construct of its survey.xlsx; indicator:NAME an indicator of its secondary.xlsx.",
    ]
    for case in cases:
        lines.append(f"{case}:")
        for item in load_framework(case):
            cited = [f"code:{term}" for term in item["category"]] + EXTRA_CITATIONS.get(item["item_id"], [])
            if cited:
                lines.append(f"  {item['item_id']}: [{', '.join(repr(c).replace(chr(39), chr(34)) for c in cited)}]")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# a second rater of CS3's framework judgements (inter-rater agreement example)

RATER = "rater_B"
LOWER = {"full": "partial", "partial": "none", "none": "none", "unknown": "unknown"}


def make_ratings(case: str) -> dict[str, list[list]]:
    """Rater B re-judged every framework item of the case: the same as the
    case workbook except that items 3, 8, 13, ... (index % 5 == 2) are observed one
    level lower, and items 6, 12, ... (index % 6 == 5) have anticipated flipped."""
    rows = [["item_id", "rater", "anticipated", "observed", "note", "provenance"]]
    for index, item in enumerate(load_framework(case)):
        anticipated = bool(item["anticipated"])
        observed = item["observed"]
        notes = []
        if index % 5 == 2:
            observed = LOWER[observed]
            notes.append("observed one level lower")
        if index % 6 == 5:
            anticipated = not anticipated
            notes.append("anticipated flipped")
        rows.append(
            [
                item["item_id"],
                RATER,
                "yes" if anticipated else "no",
                observed,
                "SYNTHETIC: " + (", ".join(notes) if notes else "as the case workbook"),
                SYNTHETIC,
            ]
        )
    return {"ratings": rows}


def ratings_about(case: str) -> list[list]:
    invented = [
        f"every row: a second, synthetic rater ({RATER}) of the framework items of data/source/{case}.yaml, for the "
        "inter-rater agreement example (docs/displays.md); made by make_ratings: the same judgements as the case "
        "workbook except items at index % 5 == 2 (observed one level lower) and index % 6 == 5 (anticipated flipped)",
    ]
    return about_sheet(case, "a second rater's framework judgements (ratings)", [], invented, [THESIS])


# --------------------------------------------------------------------------


def case_methods(case: str) -> set[str]:
    with open(ROOT / "data" / "source" / f"{case}.yaml", encoding="utf-8") as handle:
        return {m["method"] for m in yaml.safe_load(handle)["methods"] if m["used"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "data" / "raw", help="case folders to write into (default: data/raw)"
    )
    parser.add_argument("--citations", type=Path, default=ROOT / "data" / "source" / "evidence_citations.yml")
    args = parser.parse_args(argv)
    written = []
    cases = [f"CS{i}" for i in range(1, 9)]
    for case in cases:
        methods = case_methods(case)
        if "survey" in methods:
            written.append(write(args.out / case / "survey.xlsx", make_survey(case)))
        if methods & {"interviews", "focus_groups"}:
            sheets, _ = make_interviews(case)
            written.append(write(args.out / case / "interviews.xlsx", {"about": interviews_about(case), **sheets}))
        if "secondary_data_analysis" in methods:
            written.append(write(args.out / case / "secondary.xlsx", make_secondary(case)))
    written.append(
        write(
            args.out / SECOND_CODER_CASE / "ratings.xlsx",
            {"about": ratings_about(SECOND_CODER_CASE), **make_ratings(SECOND_CODER_CASE)},
        )
    )
    written.append(write(args.out / "MP1" / "interviews.xlsx", {"about": mp1_about(), **make_mp1_interviews()}))
    args.citations.write_text(citations(cases), encoding="utf-8")
    written.append(args.citations)
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The shipped eight cases against the thesis's own words (issue 14): every case
list of section 3.2.2 produced from the data, the section 4.1 verdicts with
their evidence, and the fragility of the success classes. Line numbers refer to
../shared/seeds/000_5947dff518054a79.txt. Each expected value below is read by
hand from the quoted sentence; where the data differ from the text, the comment
says why (docs/method.md, "Discrepancies")."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from crosscase.compare import propositions as CP
from crosscase.compare import sensitivity as S
from crosscase.compare.case_lists import case_lists
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case
from crosscase.within import propositions as P

REPO = Path(__file__).resolve().parents[1]
CASES = [f"CS{i}" for i in range(1, 9)]
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
VOCABULARY = load_vocabulary(REPO / "config" / "vocabulary.yaml")

# Every case list of s3.2.2 (lines 374-386), and lines 368, 396 and 398, as the thesis gives it.
THESIS_LISTS = {
    # l.374 "change instigators were national government ... (CS2, CS5 & CS6)"
    "instigated_by_national_government": "CS2, CS5, CS6",
    # l.374 "in others senior management instigated the change (CS1, CS3, CS4, CS7, CS8)"
    "instigated_by_senior_management": "CS1, CS3, CS4, CS7, CS8",
    # l.374 "Even those which detailed frontline practice (CS3, CN4, CS7 & CS8)"
    "detailed_frontline_practice": "CS3, CS4, CS7, CS8",
    # l.376 "two notable exceptions to this - in CS7 the CCG recognised ... and in CS3 senior management ..."
    "instigators_recognised_own_contribution": "CS3, CS7",
    # l.378 "All the change theories had an element of rational change approaches"
    "rational_all": "CS1, CS2, CS3, CS4, CS5, CS6, CS7, CS8",
    "rational_governance": "CS3",  # "alteration of the governance processes (CS3)"
    "rational_board_responsibilities": "CS2",  # "new responsibilities of boards ... (CS2)"
    "rational_organisational_forms": "CS5",  # "alternative organisational forms (CS5)"
    # "opportunity to gain (or not lose) finances (CS4, CS5, CS8)"
    "rational_gain_or_not_lose_finances": "CS4, CS5, CS8",
    "rational_reasoned_argument": "CS2, CS5, CS6",  # "presenting a reasoned argument ... (CS2, CS5, CS6)"
    # l.380 "the role and competence of the third sector (CS5 & CS6), ... (CS8), ... (CS7)"
    "paradigm_shifts": "CS5, CS6, CS7, CS8",
    "learning_networks": "CS5, CS8",  # "learning networks (CS5 & CS8)"
    "action_learning_sets": "CS1, CS5, CS7",  # "action learning sets (CS1, CS5 & CS7)"
    # "About half of the programmes recognised the emotional challenge": learning networks or action learning sets
    "supports_for_emotional_challenge": "CS1, CS5, CS7, CS8",
    "short_term_support": "CS1, CS5, CS7",  # "short-term support to enable change to happen (CS1, CS5 & CS7)"
    "medium_term_funding": "CS4, CS6",  # "medium term funding to sustain ... (CS4 & CS6)"
    # "more efficient and/or effective ... (CS1, CS2, CS5, CS6, CS7 & CS8)": no longer merged with l.378's list
    "efficiency_incentive": "CS1, CS2, CS5, CS6, CS7, CS8",
    "training_and_development": "CS1, CS5, CS7, CS8",
    "guidance_and_good_practice": "CS2, CS5, CS6, CS8",
    "normative_vision": "CS2, CS5, CS6, CS7, CS8",
    "competition": "CS1, CS4, CS5, CS6, CS7",
    "resources_through_wider_initiatives": "CS5, CS7",  # "through wider initiatives (CS5 & CS7)"
    "resources_from_existing_budgets": "CS1, CS3",  # "capacity/ underspend in existing budgets (CS1 & CS3)"
    "resources_from_specific_funding": "CS4, CS8",  # "additional specific funding (CS4 & CS8)"
    "power_to_mandate_engagement": "CS3, CS4, CS8",  # "sufficient power to mandate engagement ... (CS3, CS4, CS8)"
    # l.384 "Apart from market based theories in commissioning (CS1, CS4, CS5, CS6, CS7) ... none ... explicitly"
    "market_based_explicit": "CS1, CS4, CS5, CS6, CS7",
    # "... which may have been reflected albeit it unconsciously - improvement science (CS1, CS7 & CS8) ..."
    "improvement_science_attributed": "CS1, CS7, CS8",
    "quality_improvement_attributed": "CS3, CS7, CS8",
    "organisational_development_attributed": "CS2, CS3, CS5, CS8",
    "policy_implementation_attributed": "CS2, CS5, CS6",
    # l.384-386 "The publications ... drew on further theories ... inter-professional learning (CS1), culture (CS3),
    # complexity (CS4), organisational change (CS6, CS7 and CS8)"
    "publications_inter_professional_learning": "CS1",
    "publications_culture": "CS3",
    "publications_complexity": "CS4",
    "publications_organisational_change": "CS6, CS7, CS8",
    # l.396 "variations in local contexts ... (CS1, CS2, CS5 & CS6) ... (CS7 & CS8)"
    "local_variation": "CS1, CS2, CS5, CS6, CS7, CS8",
    # l.398 "for those that did (CS3) & CN8) this forced participation had limited impact": CS4 had the power
    # (l.380) but the thesis does not say it used it (CS4-A05 observed unknown)
    "mandated_engagement_used": "CS3, CS8",
}
# Lists where the data and the text differ, each for a reason given in docs/method.md ("Discrepancies"):
DIFFERENT = {
    # l.368 "(e.g.CS1, CS2, CS4, CS5 and CS7)" is an e.g. list: the data add CS3 (nursing staff, l.281; patients who
    # could not engage, l.275), CS6 (third sector organisations that folded, l.336) and CS8 (the care provider, l.356),
    # and lack CS7, whose table gives no outcome that differed by locality or population.
    "not_successful_in_all_localities_or_populations": ("CS1, CS2, CS4, CS5, CS7", "CS1, CS2, CS3, CS4, CS5, CS6, CS8"),
    # l.398 "This worked best when the two were combined together ... (e.g. CS1 and CS7)": CS1 is not in l.380's
    # normative vision list, and CS5 and CS6 have both.
    "vision_and_competition_combined": ("CS1, CS7", "CS5, CS6, CS7"),
    # l.392 first problem, "So for example ... (CS2) ... (CS8) ... (CS4) ... (CS7)": the data add CS3 (CS3-T01's
    # accountability half, l.275/l.281) and CS6 (CS6-T01, engagement 'inconsistent and in some cases negligible', l.334)
    "theory_incorrect_in_part": ("CS2, CS4, CS7, CS8", "CS2, CS3, CS4, CS6, CS7, CS8"),
    # l.394 "majorly flawed in a few. For example ... (CS8) ... (CS2)": the data add CS6 (CS6-C06, CS6-C07;
    # l.398, l.334)
    "context_majorly_flawed": ("CS2, CS8", "CS2, CS6, CS8"),
    # l.398 third problem, theories not kept to "(e.g. ... (CS7) ... (CS2) ... (CS6))": the data add CS8, whose
    # individual service funds 'were abandoned' (l.356, CS8-T03) and training cascade broke off (CS8-T01)
    "theory_not_kept_to": ("CS2, CS6, CS7", "CS2, CS6, CS7, CS8"),
}


@pytest.fixture(scope="module")
def shipped():
    tables = {case: load_case(REPO / "data" / "raw" / case, case, VOCABULARY) for case in CASES}
    framework = pd.concat([tables[c]["framework"].assign(case_id=c) for c in CASES], ignore_index=True)
    case_info = pd.concat([tables[c]["case_info"].assign(case_id=c) for c in CASES], ignore_index=True)
    records = {c: P.case_records(framework[framework["case_id"] == c]) for c in CASES}
    classes = {c: P.case_success(records[c], CONFIG["success_class"], CONFIG["observed_weights"]) for c in CASES}
    props = P.propositions_from_config(CONFIG)
    verdicts = {(v.proposition, v.case_id): v for v in CP.judge_all(props, records, classes)}
    changes, robustness = S.sensitivity(props, records, CONFIG["success_class"], CONFIG["observed_weights"])
    return {
        "framework": framework,
        "case_info": case_info,
        "classes": classes,
        "verdicts": verdicts,
        "changes": changes,
        "robustness": robustness,
        "props": props,
    }


@pytest.fixture(scope="module")
def lists(shipped):
    return dict(zip(*case_lists(shipped["framework"], shipped["case_info"], CASES)[["list", "cases"]].T.values))


def test_every_queried_list_is_pinned(lists):
    assert set(lists) == set(THESIS_LISTS) | set(DIFFERENT)


@pytest.mark.parametrize("name", sorted(THESIS_LISTS))
def test_section_322_list_from_the_data(lists, name):
    assert lists[name] == THESIS_LISTS[name]


@pytest.mark.parametrize("name", sorted(DIFFERENT))
def test_documented_differences(lists, name):
    thesis, data = DIFFERENT[name]
    assert lists[name] == data != thesis


def test_success_groups_unchanged(shipped):
    # l.368 / l.390: more successful CS1, CS3, CS4, CS5, CS7; largely failed CS2, CS8; CS6 in neither
    assert shipped["classes"] == {
        "CS1": "more_successful",
        "CS2": "largely_failed",
        "CS3": "more_successful",
        "CS4": "more_successful",
        "CS5": "more_successful",
        "CS6": "mixed",
        "CS7": "more_successful",
        "CS8": "largely_failed",
    }


# s4.1's proposition, P1: every case supports it. The decisive items of the less successful cases are the
# thesis's own examples: CS2 "national policy fragmentation" (l.394, CS2-C04) and care trusts "not permitted to
# continue" (l.267, CS2-C07); CS8 "failure to recognise that the local authority would require savings" (l.394,
# CS8-C08), individual service funds "abandoned" (l.356, CS8-A04, CS8-T03) and community resources that did not
# appear (l.392, CS8-T04); CS6 commissioners "focussed on stability of NHS providers" (l.398, CS6-C06) and their
# views "stronger influences" (l.334, CS6-C07). Resources items are decisive too (CS2-C08, CS6-C08, CS8-C12).
P1_DECISIVE = {
    "CS1": "",
    "CS2": "CS2-C04;CS2-C07;CS2-T02;CS2-C08",
    "CS3": "",
    "CS4": "",
    "CS5": "",
    "CS6": "CS6-C06;CS6-C07;CS6-C08",
    "CS7": "",
    "CS8": "CS8-C08;CS8-T03;CS8-T04;CS8-A04;CS8-C12",
}
# The more successful cases' shortfalls ("the unfulfilled elements of the more successful ones", l.392): each is
# evidence against the proposition that does not decide the verdict.
P1_AGAINST = {
    "CS1": "CS1-C03;CS1-C04;CS1-C05;CS1-A02;CS1-A03",  # local contexts, restructurings (l.396); learning sets (l.252)
    "CS3": "CS3-C05;CS3-C06;CS3-T01",  # ward staff 'unaware and unaffected' (l.275)
    "CS4": "CS4-C04;CS4-C05;CS4-C06;CS4-T01",  # 'could not lead the transition' (l.392)
    "CS5": "CS5-C05;CS5-C06;CS5-A01",  # 'considerable variation between regions' (l.398)
    # other agencies (l.392), restructurings (l.396), 'move from outcome to process based targets' (l.398)
    "CS7": "CS7-C05;CS7-C06;CS7-C07;CS7-C08;CS7-T03;CS7-T04;CS7-A02;CS7-A05",
}


@pytest.mark.parametrize("case", CASES)
def test_p1_verdict_and_evidence(shipped, case):
    v = shipped["verdicts"][("P1", case)]
    assert v.verdict == "supports"
    assert ";".join(v.decisive) == P1_DECISIVE[case]
    if case in P1_AGAINST:
        assert ";".join(v.evidence_against) == P1_AGAINST[case]
        assert all(j.state == "holds" for j in v.judged.values())


def test_p1_reads_autonomy_and_adherence_apart(shipped):
    judged = shipped["verdicts"][("P1", "CS2")].judged
    # l.267/l.398: care trusts 'not permitted to continue'; 'a different change theory took precedent'
    assert (judged["autonomy"].state, judged["autonomy"].decisive) == ("fails", ["CS2-C07"])
    cs8 = shipped["verdicts"][("P1", "CS8")].judged["theory_adhered_and_correct"]
    assert "CS8-T03 (adherence none, proved_correct unknown)" in cs8.why  # abandoned, so never tested (l.356)
    # CS7's unforeseen GPs 'willing to lead change' (l.341) are an enabler: not against understanding of context
    assert "CS7-C04" not in shipped["verdicts"][("P1", "CS7")].evidence_against


# s4.1's second sentence, P2: CS3 and CS7 (the l.376 exceptions) recognised their own part and met no major
# barrier; CS2 (whose national level 'contributed to local fragmentation', l.376), CS6 and CS8 did not and met one;
# CS1, CS4 and CS5 did not and met none, about which a 'helps' claim says nothing.
P2 = {
    "CS1": "undetermined",
    "CS2": "supports",
    "CS3": "supports",
    "CS4": "undetermined",
    "CS5": "undetermined",
    "CS6": "supports",
    "CS7": "supports",
    "CS8": "supports",
}


def test_p2_verdicts(shipped):
    assert {c: shipped["verdicts"][("P2", c)].verdict for c in CASES} == P2
    assert shipped["verdicts"][("P2", "CS7")].evidence_for[0] == "CS7-T03"
    assert shipped["verdicts"][("P2", "CS3")].evidence_for[0] == "CS3-T01"
    assert shipped["verdicts"][("P2", "CS2")].decisive == ["CS2-C04", "CS2-C07", "CS2-C08"]


def test_the_share_reading_makes_cs7_deviant_and_says_what_would_fit(shipped):
    # context_foresight 4/9 < 0.5 (tests/test_example_data.py EXPECTED_METRICS), counting an enabler as unforeseen
    verdicts = {c: shipped["verdicts"][("R1-thresholds", c)].verdict for c in CASES}
    assert [c for c, v in verdicts.items() if v == "contradicts"] == ["CS7"]
    fits = S.to_fit(shipped["changes"], [shipped["verdicts"][("R1-thresholds", "CS7")]])
    assert "CS7-C04 anticipated no -> yes" in fits[("R1-thresholds", "CS7")]


def test_success_classes_rest_on_single_judgements(shipped):
    rob = shipped["robustness"]
    by_case = rob[rob["target"] == "success_class"].set_index("case_id")
    # the single judgements: CS2-O01, CS3-O02, CS5-O01, CS8-O04 each change their case's class alone
    for case, item in (("CS2", "CS2-O01"), ("CS3", "CS3-O02"), ("CS5", "CS5-O01"), ("CS8", "CS8-O04")):
        assert f"{item}." in by_case.loc[case, "changed_by"], case
    # CS2's and CS5's classes rest on their one intermediary outcome only
    assert {i.split(".")[0] for i in by_case.loc["CS2", "changed_by"].split(";")} == {"CS2-O01"}
    assert {i.split(".")[0] for i in by_case.loc["CS5", "changed_by"].split(";")} == {"CS5-O01"}
    assert by_case.loc["CS4", "n_changing"] == 0  # 3/3 intermediary outcomes in full


def test_no_threshold_in_range_changes_the_groups_except_at_its_edges(shipped):
    moves = shipped["changes"][shipped["changes"]["field"].str.startswith("success_class.")]
    # CS6 at 1/2 = 0.5 becomes more successful when more_successful_min is 0.5, and P1 then contradicts;
    # CS8 at 1.5/4 = 0.375 becomes mixed when largely_failed_below is 0.3 or 0.35
    assert sorted(zip(moves["case_id"], moves["field"], moves["to"])) == [
        ("CS6", "success_class.more_successful_min", "0.5"),
        ("CS8", "success_class.largely_failed_below", "0.3"),
        ("CS8", "success_class.largely_failed_below", "0.35"),
    ]
    cs6 = moves[moves["case_id"] == "CS6"].iloc[0]["changes"]
    assert "P1: supports -> contradicts" in cs6

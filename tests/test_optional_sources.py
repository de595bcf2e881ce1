"""Ingestion of the optional survey, interview-coded and secondary files."""

import csv

import pandas as pd
import pyarrow.parquet as pq
import pytest
from casebuilder import REPO, edited, write_case, write_workbook
from evidencebuilder import interview_sheets, secondary_sheets, survey_sheets

from crosscase.common.problems import DataError
from crosscase.ingest.contract import SCHEMAS
from crosscase.ingest.store import write_case_table
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

VOCABULARY = load_vocabulary(REPO / "config/vocabulary.yaml")
OPTIONAL = ("survey_items", "survey_responses", "codebook", "segments", "indicators")


@pytest.fixture
def case(tmp_path):
    folder = tmp_path / "data" / "raw" / "E1"
    write_case(folder, "E1")
    return folder


def problems_of(folder) -> list[str]:
    with pytest.raises(DataError) as error:
        load_case(folder, "E1", VOCABULARY)
    return [str(p) for p in error.value.problems]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])


def test_absent_optional_files_give_empty_typed_tables(case, tmp_path):
    tables = load_case(case, "E1", VOCABULARY)
    for name in OPTIONAL:
        assert tables[name].empty
        assert list(tables[name].columns) == SCHEMAS[name].names
        write_case_table(name, tables[name], tmp_path / f"{name}.parquet")
        assert pd.read_parquet(tmp_path / f"{name}.parquet").columns.tolist() == SCHEMAS[name].names
    assert pq.read_schema(tmp_path / "survey_responses.parquet").field("value").type == "int64"


def test_survey_is_melted_to_long_format_in_sheet_order(case):
    write_workbook(case / "survey.xlsx", survey_sheets())
    tables = load_case(case, "E1", VOCABULARY)
    assert tables["survey_items"].to_dict("records")[1] == {
        "item_id": "Q2",
        "text": "I find change hard to manage",
        "construct": "change_skills",
        "scale_min": 1,
        "scale_max": 5,
        "reverse": True,
    }
    assert tables["survey_items"]["construct"].tolist() == ["change_skills", "change_skills", ""]
    long = tables["survey_responses"]
    assert list(long.columns) == ["respondent_id", "wave", "item_id", "value"]
    assert long.values.tolist() == [
        ["r1", "pre", "Q1", 2],
        ["r1", "pre", "Q2", 4],
        ["r1", "pre", "Q3", 1],
        ["r2", "pre", "Q1", 3],
        ["r2", "pre", "Q2", 3],
        ["r2", "pre", "Q3", 2],
        ["r1", "post", "Q1", 4],
        ["r1", "post", "Q2", 2],
        ["r1", "post", "Q3", 3],
        ["r2", "post", "Q1", 5],
        ["r2", "post", "Q2", 1],  # blank Q3: no answer, no row
        ["r3", "post", "Q1", 3],
        ["r3", "post", "Q2", 3],
        ["r3", "post", "Q3", 4],
    ]


def test_survey_csv_pair_reads_like_the_workbook(case, tmp_path):
    sheets = survey_sheets()
    write_workbook(case / "survey.xlsx", sheets)
    from_workbook = load_case(case, "E1", VOCABULARY)
    (case / "survey.xlsx").unlink()
    write_csv(case / "survey_items.csv", sheets["items"])
    write_csv(case / "survey_responses.csv", sheets["responses"])
    from_csv = load_case(case, "E1", VOCABULARY)
    for name in ("survey_items", "survey_responses"):
        pd.testing.assert_frame_equal(from_csv[name], from_workbook[name])


def test_bad_survey_value_names_file_sheet_row_column(case):
    sheets = edited(survey_sheets(), "responses", 3, "Q2", 7)
    sheets = edited(sheets, "responses", 5, "Q1", 2.5)
    write_workbook(case / "survey.xlsx", sheets)
    path = case / "survey.xlsx"
    assert problems_of(case) == [
        f"{path}, sheet 'responses', row 3, column 'Q2': '7' is outside the scale of item 'Q2'; "
        "expected a whole number from 1 to 5, or blank for no answer",
        f"{path}, sheet 'responses', row 5, column 'Q1': '2.5' is not a whole number; "
        "expected one from 1 to 5 (the scale of item 'Q1'), or blank for no answer",
    ]


def test_bad_survey_value_in_csv_names_file_row_column(case):
    sheets = edited(survey_sheets(), "responses", 4, "Q3", "often")
    write_csv(case / "survey_items.csv", sheets["items"])
    write_csv(case / "survey_responses.csv", sheets["responses"])
    assert problems_of(case) == [
        f"{case / 'survey_responses.csv'}, row 4, column 'Q3': 'often' is not a whole number; "
        "expected one from 1 to 4 (the scale of item 'Q3'), or blank for no answer",
    ]


def test_one_survey_csv_without_the_other_is_reported(case):
    write_csv(case / "survey_items.csv", survey_sheets()["items"])
    assert problems_of(case) == [
        f"{case / 'survey_responses.csv'}: is missing; survey_items.csv needs it "
        "(a survey is two tables: survey_items.csv and survey_responses.csv)"
    ]


def test_all_problems_of_all_optional_files_at_once(case):
    survey = survey_sheets()
    survey = edited(survey, "items", 4, "item_id", "Q1")  # duplicate item id (Q3 now has no item row)
    survey = edited(survey, "items", 2, "scale_max", 1)  # scale_max not above scale_min
    survey["responses"][0].append("Q9")  # a column that is not an item
    survey = edited(survey, "responses", 6, "wave", None)  # blank wave among named waves
    write_workbook(case / "survey.xlsx", survey)

    interviews = interview_sheets()
    interviews = edited(interviews, "codebook", 4, "parent", "missing_parent")
    interviews = edited(interviews, "segments", 3, "segment_id", "S1")
    interviews = edited(interviews, "segments", 3, "code", "not_a_code")
    interviews = edited(interviews, "segments", 4, "source_type", "survey")
    interviews = edited(interviews, "segments", 2, "emphasis", 5)
    write_workbook(case / "interviews.xlsx", interviews)

    secondary = secondary_sheets()
    secondary = edited(secondary, "indicators", 3, "direction", None)
    secondary = edited(secondary, "indicators", 4, "period", "2008")
    secondary["indicators"].append(["people_supported", "2008", "lots", "people", None, "up", None])
    write_workbook(case / "secondary.xlsx", secondary)

    survey_path, interviews_path, secondary_path = (case / f"{n}.xlsx" for n in ("survey", "interviews", "secondary"))
    assert problems_of(case) == [
        f"{survey_path}, sheet 'items', row 4, column 'item_id': 'Q1' is a duplicate; item_id must be unique (first used in row 2)",
        f"{survey_path}, sheet 'items', row 2, column 'scale_max': '1' is not greater than scale_min (1); expected the highest answer of the scale",
        f"{survey_path}, sheet 'responses': column 'Q3' is not an item (it is not listed in sheet 'items')",
        f"{survey_path}, sheet 'responses': column 'Q9' is not an item (it is not listed in sheet 'items')",
        f"{survey_path}, sheet 'responses', row 6, column 'wave': is blank, but other rows name a wave (e.g. row 2); give every row a wave or none",
        f"{interviews_path}, sheet 'codebook', row 4, column 'parent': 'missing_parent' is not a code of this codebook; a parent must be listed as a code",
        f"{interviews_path}, sheet 'segments', row 4, column 'source_type': 'survey' is not one of interview/focus_group/observation/document",
        f"{interviews_path}, sheet 'segments', row 3, column 'segment_id': 'S1' is a duplicate; segment_id must be unique (first used in row 2)",
        f"{interviews_path}, sheet 'segments', row 2, column 'emphasis': '5' is outside the emphasis scale; expected a whole number from 0 to 3, or blank",
        f"{interviews_path}, sheet 'segments', row 3, column 'code': 'not_a_code' is not a code in sheet 'codebook'",
        f"{secondary_path}, sheet 'indicators', row 5, column 'value': 'lots' is not a number",
        f"{secondary_path}, sheet 'indicators', row 5, column 'direction': 'up' is not one of higher/lower",
        f"{secondary_path}, sheet 'indicators', row 3, column 'direction': is blank; with a target, direction must be one of higher/lower (is a higher or a lower value better?)",
        f"{secondary_path}, sheet 'indicators', row 5, column 'period': '2008' is a duplicate: indicator 'people_supported' already has a value for this period in row 4",
    ]


def test_items_without_a_response_column_are_reported(case):
    survey = survey_sheets()
    survey["responses"] = [row[:4] for row in survey["responses"]]  # drop column Q3
    write_workbook(case / "survey.xlsx", survey)
    assert problems_of(case) == [
        f"{case / 'survey.xlsx'}, sheet 'responses': item 'Q3' (sheet 'items', row 4) has no column in the responses"
    ]


def test_codebook_loops_and_inconsistent_roles_are_reported(case):
    interviews = interview_sheets()
    interviews = edited(interviews, "codebook", 2, "parent", "leadership")
    interviews = edited(interviews, "codebook", 4, "parent", "austerity_and_financial_pressure")
    interviews = edited(interviews, "segments", 4, "participant_id", "P1")
    write_workbook(case / "interviews.xlsx", interviews)
    path = case / "interviews.xlsx"
    assert problems_of(case) == [
        f"{path}, sheet 'codebook', row 2, column 'parent': 'leadership' codes form a loop through their parents: "
        "context -> leadership -> austerity_and_financial_pressure -> context",
        f"{path}, sheet 'segments', row 4, column 'participant_role': 'provider' differs from row 2, where participant "
        "'P1' is 'commissioner'; a participant has one role",
    ]


def test_about_sheet_and_other_sheets_are_ignored(case):
    sheets = {**secondary_sheets(), "about": [["anything", "at all"], [1, 2]], "notes": [["x"]]}
    write_workbook(case / "secondary.xlsx", sheets)
    tables = load_case(case, "E1", VOCABULARY)
    assert tables["indicators"]["indicator"].tolist() == ["evictions", "evictions", "people_supported"]
    assert tables["indicators"]["target"].isna().tolist() == [False, False, True]


def test_missing_sheet_is_reported(case):
    write_workbook(case / "interviews.xlsx", {"codebook": interview_sheets()["codebook"], "about": [["x"]]})
    assert problems_of(case) == [
        f"{case / 'interviews.xlsx'}: required sheet 'segments' is missing (the workbook has: codebook, about)"
    ]

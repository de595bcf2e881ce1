"""One hand-made bad workbook per validation rule, asserting the exact message."""

from pathlib import Path

import pytest
from casebuilder import REPO, edited, minimal_case, write_case, write_workbook

from crosscase.common.problems import DataError
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

VOCABULARY = load_vocabulary(REPO / "config" / "vocabulary.yaml")


def problems_for(tmp_path: Path, sheets, case_id="CS4") -> list[str]:
    folder = tmp_path / case_id
    write_workbook(folder / "case.xlsx", sheets)
    with pytest.raises(DataError) as caught:
        load_case(folder, case_id, VOCABULARY)
    prefix = str(folder / "case.xlsx")
    return [str(p).replace(prefix, "case.xlsx") for p in caught.value.problems]


def test_valid_case_loads_typed_tables(tmp_path):
    write_case(tmp_path / "CS4", "CS4")
    tables = load_case(tmp_path / "CS4", "CS4", VOCABULARY)
    framework = tables["framework"]
    assert framework["item_id"].tolist() == ["CS4-C1", "CS4-C2", "CS4-T1", "CS4-A1", "CS4-A2", "CS4-O1", "CS4-O2"]
    assert framework["anticipated"].tolist() == [True, False, True, True, True, True, True]
    assert tables["case_info"].loc[0, "instigator_level"] == "senior_management"
    present = tables["typology"].query("present")
    assert (present["dimension"] + "." + present["attribute"]).tolist() == ["level.meso", "sector.social"]
    # absent optional workbooks give empty, typed tables
    assert tables["survey_responses"].empty
    assert list(tables["survey_responses"].columns) == ["respondent_id", "wave", "item_id", "value"]


def test_bad_boolean_names_file_sheet_row_column_value(tmp_path):
    sheets = edited(minimal_case("CS4"), "typology", 7, "present", "maybe")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no"
    ]


def test_typology_accepts_x_blank_1_0_true_false(tmp_path):
    sheets = minimal_case("CS4")
    for row, value in zip(range(2, 8), ["X", None, 1, 0, "true", "FALSE"]):
        sheets = edited(sheets, "typology", row, "present", value)
    write_workbook(tmp_path / "CS4" / "case.xlsx", sheets)
    typology = load_case(tmp_path / "CS4", "CS4", VOCABULARY)["typology"]
    assert typology["present"].tolist()[:6] == [True, False, True, False, True, False]


def test_all_problems_reported_together(tmp_path):
    sheets = edited(minimal_case("CS4"), "typology", 7, "present", "maybe")
    sheets = edited(sheets, "methods", 3, "used", "often")
    sheets = edited(sheets, "framework", 4, "observed", "mostly")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'typology', row 7, column 'present': 'maybe' is not one of yes/no",
        "case.xlsx, sheet 'methods', row 3, column 'used': 'often' is not one of yes/no",
        "case.xlsx, sheet 'framework', row 4, column 'observed': 'mostly' is not one of full/partial/none/unknown",
    ]


def test_missing_required_sheet(tmp_path):
    sheets = minimal_case("CS4")
    del sheets["framework"]
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx: required sheet 'framework' is missing (the workbook has: case, typology, methods, summary)"
    ]


def test_missing_required_column(tmp_path):
    sheets = minimal_case("CS4")
    sheets["framework"] = [row[:5] + row[6:] for row in sheets["framework"]]  # drop `anticipated`
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'framework': required column 'anticipated' is missing (the header row has: "
        "item_id, stage, facet, category, description, observed, beneficiary, evidence)"
    ]


def test_duplicate_item_id(tmp_path):
    sheets = edited(minimal_case("CS4"), "framework", 5, "item_id", "CS4-C1")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'framework', row 5, column 'item_id': 'CS4-C1' is a duplicate; item_id must be unique (first used in row 2)"
    ]


def test_category_not_in_vocabulary(tmp_path):
    sheets = edited(minimal_case("CS4"), "framework", 5, "category", "training_and_development; mind_reading")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'framework', row 5, column 'category': 'training_and_development; mind_reading' "
        "term 'mind_reading' is not in the vocabulary for stage 'mechanism' (see config/vocabulary.yaml, framework_categories.mechanism)"
    ]


def test_typology_term_not_in_vocabulary(tmp_path):
    sheets = edited(minimal_case("CS4"), "typology", 2, "attribute", "mega")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'typology', row 2, column 'attribute': 'mega' is not an attribute of dimension 'level' (expected one of macro/meso/micro)"
    ]


def test_method_not_in_vocabulary(tmp_path):
    sheets = edited(minimal_case("CS4"), "methods", 2, "method", "telepathy")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'methods', row 2, column 'method': 'telepathy' is not one of "
        "interviews/observations/focus_groups/documentary_analysis/secondary_data_analysis/survey"
    ]


def test_facet_must_belong_to_stage(tmp_path):
    sheets = edited(minimal_case("CS4"), "framework", 2, "facet", "long_term")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'framework', row 2, column 'facet': 'long_term' is not a facet of stage 'context' (expected one of internal/external)"
    ]


def test_case_id_must_match_case_list(tmp_path):
    sheets = edited(minimal_case("CS4"), "case", 2, "value", "CS5")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'case', row 2, column 'value': 'CS5' does not match the case_id 'CS4' given for this folder in config/cases.tsv"
    ]


def test_bad_instigator_level(tmp_path):
    sheets = edited(minimal_case("CS4"), "case", 7, "value", "the king")
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'case', row 7, column 'value': 'the king' is not one of national_government/regional/senior_management/frontline"
    ]


def test_blank_required_cell(tmp_path):
    sheets = edited(minimal_case("CS4"), "framework", 3, "description", None)
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'framework', row 3, column 'description': is blank; a value is required"
    ]


def test_negative_count_of_a_method(tmp_path):
    sheets = edited(minimal_case("CS4"), "methods", 2, "n", -3)
    assert problems_for(tmp_path, sheets) == [
        "case.xlsx, sheet 'methods', row 2, column 'n': '-3' is negative; expected a whole number of 0 or more"
    ]


def test_unreadable_workbook(tmp_path):
    folder = tmp_path / "CS4"
    folder.mkdir()
    (folder / "case.xlsx").write_text("this is not a workbook", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_case(folder, "CS4", VOCABULARY)
    (message,) = [str(p) for p in caught.value.problems]
    # refused before it is opened (crosscase.ingest.limits.sniff_workbook)
    assert (
        message
        == f"{folder / 'case.xlsx'}: is a text file (a CSV file renamed to .xlsx?), not an Excel workbook; save it as .xlsx"
    )


def test_missing_case_workbook(tmp_path):
    (tmp_path / "CS4").mkdir()
    with pytest.raises(DataError) as caught:
        load_case(tmp_path / "CS4", "CS4", VOCABULARY)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'CS4' / 'case.xlsx'}: required workbook is missing"
    ]


def test_formula_cells_are_read_as_cached_values(tmp_path):
    # openpyxl writes formulas without cached values, so build the cached value
    # by hand: a formula cell whose cached result is the text "yes".
    from openpyxl import load_workbook

    path = write_case(tmp_path / "CS4", "CS4")
    workbook = load_workbook(path)
    workbook["typology"]["C2"] = '=IF(1=1,"yes","no")'
    workbook.save(path)
    _inject_cached_value(path, "typology", "C2", "yes")
    typology = load_case(tmp_path / "CS4", "CS4", VOCABULARY)["typology"]
    assert typology.loc[0, "present"]


def _inject_cached_value(path: Path, sheet_title: str, ref: str, text: str) -> None:
    """Give a formula cell a cached string value, as Excel does when it saves."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    workbook_xml = contents["xl/workbook.xml"].decode()
    names = re.findall(r'<sheet[^>]*name="([^"]+)"', workbook_xml)
    member = f"xl/worksheets/sheet{names.index(sheet_title) + 1}.xml"
    xml = contents[member].decode()
    xml = re.sub(
        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>',
        rf'<c r="{ref}" t="str"><f>\2</f><v>{text}</v></c>',
        xml,
    )
    xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f></c>', rf'<c r="{ref}" t="str"><f>\2</f><v>{text}</v></c>', xml)
    contents[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)

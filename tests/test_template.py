"""`crosscase new-case`: the template's drop-down lists and header comments,
copies of an existing case, and refusals."""

import pytest
from casebuilder import METHODS, REPO, TYPOLOGY, copy_workflow, write_case, write_case_list
from openpyxl import load_workbook

from crosscase.cli.template import HEADER_NOTES, LISTS_SHEET, blank_case_workbook, optional_workbook
from crosscase.ingest.contract import CASE_FIELDS, SUMMARY_STAGES
from crosscase.ingest.vocabulary import load_vocabulary
from workflow import run_cli


@pytest.fixture
def flow(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    write_case(flow / "data/raw/A1", "A1", present=("level.meso", "sector.social"))
    write_case_list(flow, [("A1", "First", "data/raw/A1", "yes")])
    return flow


@pytest.fixture
def vocabulary():
    return load_vocabulary(REPO / "config" / "vocabulary.yaml")


def validations(sheet):
    """column letter -> (type, formula1, strict) of the validations on row 2."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            if cell_range.min_row <= 2 <= cell_range.max_row:
                for col in range(cell_range.min_col, cell_range.max_col + 1):
                    found[sheet.cell(row=1, column=col).value] = (
                        validation.type,
                        validation.formula1,
                        validation.showErrorMessage,
                    )
    return found


def list_items(workbook, formula):
    """The items of a list validation: inline "a,b" or a range on the lists sheet."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    sheet = workbook[sheet_name]
    return [c.value for row in sheet[first:last] for c in row]


def test_blank_template_has_every_sheet_prefilled(vocabulary, tmp_path):
    from crosscase.cli.template import save

    save(blank_case_workbook("NEW", vocabulary), tmp_path / "case.xlsx")
    workbook = load_workbook(tmp_path / "case.xlsx")
    assert workbook.sheetnames == ["case", "typology", "methods", "framework", "summary", LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    case = [[c.value for c in row] for row in workbook["case"].iter_rows()]
    assert case[0] == ["field", "value"]
    assert [r[0] for r in case[1:]] == list(CASE_FIELDS)
    assert case[1] == ["case_id", "NEW"]
    typology = [[c.value for c in row] for row in workbook["typology"].iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in typology] == [(d, a) for d, attrs in TYPOLOGY.items() for a in attrs]
    assert [r[0] for r in workbook["methods"].iter_rows(min_row=2, values_only=True)] == METHODS
    assert [c.value for c in workbook["framework"][1]] == [
        "item_id",
        "stage",
        "facet",
        "category",
        "description",
        "anticipated",
        "observed",
        "beneficiary",
        "evidence",
        # the optional columns of issue 14 (crosscase.ingest.contract.FRAMEWORK_OPTIONAL)
        "links",
        "direction",
        "severity",
        "adherence",
        "proved_correct",
        "realised_for",
        "explicit_theory",
        "memo",
    ]
    # the one row every default analysis needs, started: the researcher writes
    # its description and judges it (validation asks for both)
    assert workbook["framework"].max_row == 2
    started = dict(zip([c.value for c in workbook["framework"][1]], [c.value for c in workbook["framework"][2]]))
    assert {k: v for k, v in started.items() if v is not None} == {
        "item_id": "NEW-C01",
        "stage": "context",
        "facet": "internal",
        "category": "resources",
        "anticipated": "yes",
    }
    assert [r[0] for r in workbook["summary"].iter_rows(min_row=2, values_only=True)] == list(SUMMARY_STAGES)


def test_template_drop_down_lists_come_from_the_vocabulary(vocabulary, tmp_path):
    from crosscase.cli.template import save

    save(blank_case_workbook("NEW", vocabulary), tmp_path / "case.xlsx")
    workbook = load_workbook(tmp_path / "case.xlsx")

    framework = validations(workbook["framework"])
    assert list_items(workbook, framework["stage"][1]) == ["context", "mechanism", "outcome"]
    assert list_items(workbook, framework["facet"][1]) == [
        "internal",
        "external",
        "change_theory",
        "change_activity",
        "intermediary",
        "long_term",
    ]
    assert list_items(workbook, framework["anticipated"][1]) == ["yes", "no"]
    assert list_items(workbook, framework["observed"][1]) == ["full", "partial", "none", "unknown"]
    assert all(framework[c][2] for c in ("stage", "facet", "anticipated", "observed"))  # strict
    # issue 14's optional columns: contract.CONTEXT_DIRECTIONS, SEVERITIES, OBSERVED_LEVELS
    assert list_items(workbook, framework["direction"][1]) == ["enabler", "barrier"]
    assert list_items(workbook, framework["severity"][1]) == ["minor", "major"]
    assert list_items(workbook, framework["adherence"][1]) == ["full", "partial", "none", "unknown"]
    assert list_items(workbook, framework["proved_correct"][1]) == ["full", "partial", "none", "unknown"]
    # category: the terms of the row's stage, via a defined name per stage; not
    # strict, because a cell may hold several terms separated by ';'
    kind, formula, strict = framework["category"]
    assert kind == "list" and formula == 'INDIRECT("categories_"&$B2)' and not strict
    for stage, terms in vocabulary.framework_categories.items():
        reference = workbook.defined_names[f"categories_{stage}"].attr_text
        assert reference.startswith(f"{LISTS_SHEET}!")
        assert list_items(workbook, reference) == list(terms)

    typology = validations(workbook["typology"])
    assert list_items(workbook, typology["dimension"][1]) == list(vocabulary.typology)
    assert list_items(workbook, typology["present"][1]) == ["yes", "no"]
    methods = validations(workbook["methods"])
    assert list_items(workbook, methods["method"][1]) == list(vocabulary.methods)
    assert methods["n"][0] == "whole"

    case = workbook["case"]
    by_cell = {str(v.sqref): v.formula1 for v in case.data_validations.dataValidation}
    rows = {row[0].value: row[0].row for row in case.iter_rows(min_row=2)}
    assert list_items(workbook, by_cell[f"B{rows['instigator_level']}"]) == list(vocabulary.instigator_level)
    assert list_items(workbook, by_cell[f"B{rows['reported_success']}"]) == list(vocabulary.reported_success)


def test_every_header_cell_has_a_comment(vocabulary, tmp_path):
    from crosscase.cli.template import save

    save(blank_case_workbook("NEW", vocabulary), tmp_path / "case.xlsx")
    workbook = load_workbook(tmp_path / "case.xlsx")
    for name in ("case", "typology", "methods", "framework", "summary"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        for cell in sheet[1]:
            assert cell.comment is not None, (name, cell.value)
            assert cell.comment.text.startswith(f"{cell.value}: "), (name, cell.value)
            assert HEADER_NOTES[name][cell.value] in cell.comment.text


def test_optional_workbooks_have_headers_lists_and_comments(tmp_path):
    from crosscase.cli.template import save

    for kind, sheets in (
        ("survey", ["items", "responses"]),
        ("interviews", ["codebook", "segments", "questions"]),
        ("secondary", ["indicators"]),
    ):
        save(optional_workbook(kind), tmp_path / f"{kind}.xlsx")
        workbook = load_workbook(tmp_path / f"{kind}.xlsx")
        assert workbook.sheetnames == sheets
        for sheet in workbook.worksheets:
            assert all(cell.comment is not None for cell in sheet[1])
    segments = load_workbook(tmp_path / "interviews.xlsx")["segments"]
    found = validations(segments)
    assert found["source_type"][1] == '"interview,focus_group,observation,document"'
    assert found["code"][1].startswith("codebook!$A$2:")
    assert found["emphasis"][0] == "whole"
    indicators = validations(load_workbook(tmp_path / "secondary.xlsx")["indicators"])
    assert indicators["direction"][1] == '"higher,lower"'


def test_new_case_creates_the_folder_and_appends_the_row(flow, capsys):
    before = (flow / "config/cases.tsv").read_text()
    assert (
        run_cli(["new-case", "NEW_1", "--with", "survey,secondary", "--label", "A new case", "--root", str(flow)]) == 0
    )
    assert sorted(p.name for p in (flow / "data/raw/NEW_1").iterdir()) == ["case.xlsx", "secondary.xlsx", "survey.xlsx"]
    assert (flow / "config/cases.tsv").read_text() == before + "NEW_1\tA new case\tdata/raw/NEW_1\tyes\n"
    out = capsys.readouterr().out
    assert "created data/raw/NEW_1/case.xlsx" in out and "crosscase validate NEW_1" in out
    # what the default analyses need, so that a new case is not silently left out of the QCA
    assert "an anticipated item with category 'resources'" in out and "QCA 'success'" in out
    # the case list stays valid for the pipeline
    from crosscase.ingest.cases import read_case_list

    assert read_case_list(flow / "config/cases.tsv")["case_id"].tolist() == ["A1", "NEW_1"]


def test_new_case_from_an_existing_case_replaces_its_id_and_validates(flow, capsys):
    assert run_cli(["new-case", "B2", "--from", "A1", "--root", str(flow)]) == 0
    workbook = load_workbook(flow / "data/raw/B2/case.xlsx")
    fields = {row[0]: row[1] for row in workbook["case"].iter_rows(min_row=2, values_only=True)}
    assert fields["case_id"] == "B2"
    assert fields["title"] == "Title of A1"  # the rest is copied
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    assert validations(workbook["framework"])["observed"][1] == '"full,partial,none,unknown"'
    capsys.readouterr()
    # the hidden lists sheet does not upset the validator
    assert run_cli(["validate", "B2", "--root", str(flow)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "B2: ok"


def test_missing_final_newline_in_cases_tsv_is_repaired(flow):
    path = flow / "config/cases.tsv"
    path.write_text(path.read_text().rstrip("\n"))
    assert run_cli(["new-case", "C3", "--root", str(flow)]) == 0
    assert path.read_text().splitlines()[-2:] == ["A1\tFirst\tdata/raw/A1\tyes", "C3\tC3\tdata/raw/C3\tyes"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["new-case", "A1"], "case 'A1' is already in config/cases.tsv; choose another ID"),
        (["new-case", "a1"], "case 'a1' differs only in upper/lower case from 'A1'"),
        (["new-case", "9lives"], "'9lives' is not a valid case ID: it must start with a letter"),
        (["new-case", "has space"], "'has space' is not a valid case ID"),
        (["new-case", "X" * 33], "is not a valid case ID"),
        (["new-case", "B2", "--from", "ZZ"], "--from: case 'ZZ' is not in config/cases.tsv (known: A1)"),
        (
            ["new-case", "B2", "--with", "survey,audio"],
            "--with: unknown workbook 'audio' (expected any of survey,interviews,secondary)",
        ),
    ],
)
def test_new_case_refusals_exit_2_and_write_nothing(flow, capsys, argv, message):
    before = (flow / "config/cases.tsv").read_text()
    folders = sorted(p.name for p in (flow / "data/raw").iterdir())
    assert run_cli([*argv, "--root", str(flow)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crosscase new-case: ") and message in err, err
    assert (flow / "config/cases.tsv").read_text() == before
    assert sorted(p.name for p in (flow / "data/raw").iterdir()) == folders


def test_new_case_refuses_an_existing_folder(flow, capsys):
    (flow / "data/raw/B2").mkdir()
    (flow / "data/raw/B2/notes.txt").write_text("keep me")
    before = (flow / "config/cases.tsv").read_text()
    assert run_cli(["new-case", "B2", "--root", str(flow)]) == 2
    assert "data/raw/B2 already exists; new-case never overwrites a case folder" in capsys.readouterr().err
    assert (flow / "data/raw/B2/notes.txt").read_text() == "keep me"
    assert (flow / "config/cases.tsv").read_text() == before


def test_the_same_template_gives_the_same_bytes(flow, tmp_path):
    other = copy_workflow(tmp_path / "other")
    write_case(other / "data/raw/A1", "A1", present=("level.meso", "sector.social"))
    write_case_list(other, [("A1", "First", "data/raw/A1", "yes")])
    assert run_cli(["new-case", "N", "--root", str(flow)]) == 0
    assert run_cli(["new-case", "N", "--root", str(other)]) == 0
    assert (flow / "data/raw/N/case.xlsx").read_bytes() == (other / "data/raw/N/case.xlsx").read_bytes()

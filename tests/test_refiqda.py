"""REFI-QDA (.qdpx) import: the hand-written fixture, and malformed projects."""

import zipfile

import pytest
from casebuilder import REPO, write_case, write_workbook
from refi_fixture import QDE_NAME, SHIPPED, build_qdpx, source_files

from crosscase.common.problems import DataError, Problems
from crosscase.ingest.contract import SCHEMAS
from crosscase.ingest.refiqda import read_qdpx
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

QDE = (REPO / "tests/fixtures/refi/src" / QDE_NAME).read_text(encoding="utf-8")


def read(path):
    problems = Problems()
    tables = read_qdpx(path, problems)
    return tables, [str(p) for p in problems]


def test_shipped_fixture_is_the_zip_of_its_readable_sources():
    with zipfile.ZipFile(SHIPPED) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == source_files()


def test_fixture_imports_codebook_with_nesting():
    tables, problems = read(SHIPPED)
    assert problems == []
    # summary: blank, the fixture's codes refer to no memo (Note)
    assert tables["codebook"].drop(columns="summary").to_dict("records") == [
        {"code": "context", "parent": "", "description": "Context factors (framework stage)"},
        {"code": "austerity_and_financial_pressure", "parent": "context", "description": "Cuts, savings demanded"},
        {"code": "local_variation", "parent": "context", "description": ""},
        {"code": "leadership", "parent": "", "description": "Leaders willing or able to lead the change"},
    ]
    assert set(tables["codebook"]["summary"]) == {""}


def test_fixture_imports_one_segment_per_coding_with_character_offsets():
    tables, _ = read(SHIPPED)
    segments = tables["segments"]
    assert list(segments.columns) == SCHEMAS["segments"].names
    rows = segments[
        ["segment_id", "source_id", "source_type", "group_id", "participant_id", "participant_role", "code", "text"]
    ]
    assert rows.values.tolist() == [
        # one selection coded twice -> two segments with the same text
        [
            "91000000-0000-4000-8000-000000000001",
            "Interview 1",
            "interview",
            "",
            "P01",
            "commissioner",
            "austerity_and_financial_pressure",
            "The cuts meant every team had to save money.",
        ],
        [
            "91000000-0000-4000-8000-000000000002",
            "Interview 1",
            "interview",
            "",
            "P01",
            "commissioner",
            "leadership",
            "The cuts meant every team had to save money.",
        ],
        [
            "91000000-0000-4000-8000-000000000003",
            "Interview 1",
            "interview",
            "",
            "P01",
            "commissioner",
            "local_variation",
            "Each locality did it differently.",
        ],
        # text read from sources/*.txt; the pound sign counts as one character, not two bytes
        [
            "92000000-0000-4000-8000-000000000001",
            "Focus group 1",
            "focus_group",
            "FG1",
            "",
            "",
            "leadership",
            "We need leaders who can inspire change",
        ],
        [
            "92000000-0000-4000-8000-000000000002",
            "Focus group 1",
            "focus_group",
            "FG1",
            "",
            "",
            "local_variation",
            "Providers agreed.",
        ],
    ]
    assert segments["emphasis"].isna().all()


def test_case_folder_with_a_qdpx_is_ingested(tmp_path):
    write_case(tmp_path / "Q1", "Q1")
    build_qdpx(tmp_path / "Q1" / "exported from nvivo.qdpx")
    tables = load_case(tmp_path / "Q1", "Q1", load_vocabulary(REPO / "config/vocabulary.yaml"))
    assert len(tables["segments"]) == 5
    assert tables["codebook"]["code"].tolist()[:2] == ["context", "austerity_and_financial_pressure"]


def test_qdpx_and_interviews_workbook_together_are_rejected(tmp_path):
    write_case(tmp_path / "Q1", "Q1")
    build_qdpx(tmp_path / "Q1" / "project.qdpx")
    write_workbook(tmp_path / "Q1" / "interviews.xlsx", {"codebook": [["code"], ["a"]], "segments": [["segment_id"]]})
    with pytest.raises(DataError) as error:
        load_case(tmp_path / "Q1", "Q1", load_vocabulary(REPO / "config/vocabulary.yaml"))
    assert "interviews.xlsx: and project.qdpx both hold coded segments in one case folder; keep one of them" in str(
        error.value
    )


def test_bad_xml_is_reported_with_its_line(tmp_path):
    broken = QDE.replace("</Codes>", "</Code>", 1).encode()
    path = build_qdpx(tmp_path / "broken.qdpx", replace={QDE_NAME: broken})
    tables, problems = read(path)
    assert tables == {}
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: Small Project.qde: is not well-formed XML (mismatched tag: line ")


def test_selection_beyond_the_end_of_its_text_is_reported(tmp_path):
    beyond = QDE.replace(
        'name="agreed" startPosition="97" endPosition="114"', 'name="agreed" startPosition="97" endPosition="140"'
    )
    path = build_qdpx(tmp_path / "beyond.qdpx", replace={QDE_NAME: beyond.encode()})
    _, problems = read(path)
    assert problems == [
        f"{path}: Small Project.qde: selection 'agreed' (a2000000-0000-4000-8000-000000000002) in text source "
        "'Focus group 1' (b2000000-0000-4000-8000-000000000002): runs from character 97 to 140, "
        "beyond the end of its text (115 characters)"
    ]


def test_every_problem_of_a_project_is_reported_at_once(tmp_path):
    text = QDE.replace(
        'targetGUID="c0000000-0000-4000-8000-000000000002"/>\n        </Coding>\n      </PlainTextSelection>\n    </TextSource>',
        'targetGUID="c0000000-0000-4000-8000-00000000dead"/>\n        </Coding>\n      </PlainTextSelection>\n    </TextSource>',
    )
    text = text.replace('startPosition="33" endPosition="71"', 'startPosition="71" endPosition="33"')
    path = build_qdpx(tmp_path / "many.qdpx", replace={QDE_NAME: text.encode()})
    _, problems = read(path)
    assert problems == [
        f"{path}: Small Project.qde: a coding of selection 'localities' (a1000000-0000-4000-8000-000000000002) in text "
        "source 'Interview 1' (b1000000-0000-4000-8000-000000000001) refers to code "
        "'c0000000-0000-4000-8000-00000000dead', which is not in the CodeBook",
        f"{path}: Small Project.qde: selection 'leaders' (a2000000-0000-4000-8000-000000000001) in text source "
        "'Focus group 1' (b2000000-0000-4000-8000-000000000002): runs from character 71 to 33; "
        "expected 0 <= startPosition <= endPosition",
    ]


def test_missing_source_text_file_is_reported(tmp_path):
    path = build_qdpx(tmp_path / "nosource.qdpx", replace={"sources/b2000000-0000-4000-8000-000000000002.txt": None})
    _, problems = read(path)
    assert problems == [
        f"{path}: Small Project.qde: text source 'Focus group 1' (b2000000-0000-4000-8000-000000000002): plainTextPath "
        "'internal://b2000000-0000-4000-8000-000000000002.txt' names sources/b2000000-0000-4000-8000-000000000002.txt, "
        "which is not in the archive"
    ]


def test_not_a_zip_and_no_project_file_and_wrong_namespace(tmp_path):
    not_zip = tmp_path / "plain.qdpx"
    not_zip.write_text("hello")
    _, problems = read(not_zip)
    assert problems[0].startswith(f"{not_zip}: cannot be opened as a REFI-QDA project (a .qdpx file is a zip archive)")

    empty = build_qdpx(tmp_path / "empty.qdpx", replace={QDE_NAME: None})
    assert read(empty)[1] == [f"{empty}: holds no project file (*.qde); is it a REFI-QDA export?"]

    other = build_qdpx(
        tmp_path / "other.qdpx", replace={QDE_NAME: QDE.replace("urn:QDA-XML:project:1.0", "urn:example").encode()}
    )
    assert read(other)[1] == [
        f"{other}: Small Project.qde: the root element is <Project> in urn:example; expected <Project> in namespace urn:QDA-XML:project:1.0"
    ]


def test_a_coding_of_a_whole_source_covers_all_its_text(tmp_path):
    whole = QDE.replace(
        '      </PlainTextSelection>\n    </TextSource>\n    <TextSource guid="b2',
        '      </PlainTextSelection>\n      <Coding guid="93000000-0000-4000-8000-000000000001">\n'
        '        <CodeRef targetGUID="c0000000-0000-4000-8000-000000000003"/>\n      </Coding>\n'
        '    </TextSource>\n    <TextSource guid="b2',
        1,
    )
    tables, problems = read(build_qdpx(tmp_path / "whole.qdpx", replace={QDE_NAME: whole.encode()}))
    assert problems == []
    row = tables["segments"].set_index("segment_id").loc["93000000-0000-4000-8000-000000000001"]
    assert (row["code"], row["text"]) == (
        "leadership",
        "The cuts meant every team had to save money. Each locality did it differently.",
    )

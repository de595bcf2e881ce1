"""REFI-QDA export: valid against the published Project.xsd, and read back
through our own importer with every code and segment unchanged."""

import zipfile
from pathlib import Path

import pandas as pd
import xmlschema

from crosscase.common.problems import Problems
from crosscase.ingest.contract import SCHEMAS
from crosscase.ingest.refiqda import read_qdpx
from crosscase.ingest.refiqda_export import PROJECT_FILE, qdpx_bytes, write_qdpx
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

REPO = Path(__file__).resolve().parents[1]
SCHEMA = xmlschema.XMLSchema(str(REPO / "tests/fixtures/refi-qda-schema/Project-mrt2019.xsd"))
# every column but the character offsets, which the export recomputes
COMPARED = [name for name in SCHEMAS["segments"].names if name not in ("start", "end")]


def round_trip(tmp_path, case_id):
    tables = load_case(REPO / "data/raw" / case_id, case_id, load_vocabulary(REPO / "config/vocabulary.yaml"))
    path = tmp_path / f"{case_id}.qdpx"
    write_qdpx(path, case_id, tables["codebook"], tables["segments"], "0.1.0")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [PROJECT_FILE]
        SCHEMA.validate(archive.read(PROJECT_FILE).decode("utf-8"))  # raises on any violation
    problems = Problems()
    back = read_qdpx(path, problems)
    assert [str(p) for p in problems] == []
    return tables, back


def normalised(frame):
    frame = frame[COMPARED].copy()
    frame["emphasis"] = pd.to_numeric(frame["emphasis"]).astype("Int64")
    return frame.sort_values("segment_id").reset_index(drop=True)


def test_mp1_focus_groups_round_trip_with_questions_cycles_notes_and_summaries(tmp_path):
    tables, back = round_trip(tmp_path, "MP1")
    pd.testing.assert_frame_equal(normalised(back["segments"]), normalised(tables["segments"]))
    pd.testing.assert_frame_equal(back["codebook"], tables["codebook"])
    assert (back["segments"]["moderator_note"] != "").sum() == (tables["segments"]["moderator_note"] != "").sum() > 0


def test_two_coder_case_round_trips_with_its_coders(tmp_path):
    tables, back = round_trip(tmp_path, "CS3")
    pd.testing.assert_frame_equal(normalised(back["segments"]), normalised(tables["segments"]))
    # nesting (parent) kept; the project lists children under their parent, so compare by code
    by_code = lambda frame: frame.sort_values("code").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(by_code(back["codebook"]), by_code(tables["codebook"]))
    assert set(back["segments"]["coder"]) == {"coder_A", "coder_B"}


def test_export_is_deterministic_and_names_its_origin():
    codebook = pd.DataFrame({"code": ["a"], "parent": [""], "description": ["about a"], "summary": ["memo"]})
    segments = pd.DataFrame(
        [
            {
                "segment_id": "S1",
                "source_id": "I1",
                "source_type": "interview",
                "group_id": "",
                "participant_id": "P1",
                "participant_role": "",
                "code": "a",
                "text": "Hello",
                "emphasis": None,
                "coder": "",
                "question": "",
                "cycle": "",
                "moderator_note": "",
                "start": None,
                "end": None,
            }
        ]
    )
    first, second = qdpx_bytes("X", codebook, segments), qdpx_bytes("X", codebook, segments)
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        xml = archive.read(PROJECT_FILE).decode("utf-8")
    SCHEMA.validate(xml)
    assert 'origin="crosscase' in xml and "<PlainTextContent>memo</PlainTextContent>" in xml


def test_synthesis_project_holds_every_case_and_round_trips(tmp_path):
    from crosscase.ingest.refiqda_export import CasePart, synthesis_qdpx_bytes

    vocabulary = load_vocabulary(REPO / "config/vocabulary.yaml")
    tables = {case: load_case(REPO / "data/raw" / case, case, vocabulary) for case in ("CS1", "CS3")}
    shared = sorted(set(tables["CS1"]["codebook"]["code"]) & set(tables["CS3"]["codebook"]["code"]))[0]
    for case, t in tables.items():  # a summary of a shared code in each case (the shipped ones have none)
        t["codebook"].loc[t["codebook"]["code"] == shared, "summary"] = f"what {case} says"
    parts = [CasePart(case, f"label of {case}", t["codebook"], t["segments"]) for case, t in tables.items()]
    data = synthesis_qdpx_bytes(parts, "0.1.0")
    assert data == synthesis_qdpx_bytes(parts, "0.1.0")
    path = tmp_path / "synthesis.qdpx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        project = archive.read(PROJECT_FILE).decode("utf-8")
    SCHEMA.validate(project)

    # each study case is a REFI-QDA Case with its label and its sources
    root = SCHEMA.to_dict(project)
    study = {c["@name"]: c for c in root["Cases"]["Case"] if "/" not in c["@name"]}
    assert list(study) == ["CS1", "CS3"]
    assert study["CS3"]["VariableValue"][0]["TextValue"] == "label of CS3"
    assert len(study["CS3"]["SourceRef"]) == tables["CS3"]["segments"]["source_id"].nunique()

    problems = Problems()
    back = read_qdpx(path, problems)
    assert [str(p) for p in problems] == []
    expected = []
    for case, t in tables.items():
        frame = t["segments"].copy()
        for column in ("segment_id", "source_id"):
            frame[column] = case + "/" + frame[column]
        named = frame["participant_id"] != ""
        frame.loc[named, "participant_id"] = case + "/" + frame.loc[named, "participant_id"]
        expected.append(frame)
    pd.testing.assert_frame_equal(normalised(back["segments"]), normalised(pd.concat(expected)))
    # codes are shared by name: the union of the two codebooks, each once
    codes = list(dict.fromkeys([*tables["CS1"]["codebook"]["code"], *tables["CS3"]["codebook"]["code"]]))
    assert sorted(back["codebook"]["code"]) == sorted(codes)
    # each case's summary of a shared code is a note of its own, named by case
    assert project.count('name="Summary of ') == 2
    assert f'name="Summary of {shared} in CS1"' in project and f'name="Summary of {shared} in CS3"' in project

"""Export one case's coded data as a REFI-QDA project (``.qdpx``) that NVivo,
ATLAS.ti, MAXQDA or QualCoder can import, and that
:func:`crosscase.ingest.refiqda.read_qdpx` reads back unchanged.

The project (``project.qde`` in the zip, namespace ``urn:QDA-XML:project:1.0``,
valid against the REFI-QDA Project.xsd of 18 March 2019) holds:

* ``Users``: one ``User`` per coder;
* ``CodeBook``: the codebook, nested by ``parent``; a code's description is its
  ``Description``, its summary (memo) a ``Note`` the code refers to;
* ``Variables``/``Cases``: one ``Case`` per participant (its name the
  participant_id, a ``participant_role`` variable), listing that participant's
  selections (``SelectionRef``);
* ``Sources``: one ``TextSource`` per source_id whose plain text is the
  source's distinct passages (segment texts) in order of first use, separated
  by a blank line (crosscase keeps passages, not whole transcripts); source
  variables ``source_type``, ``group_id``, and ``cycle`` and ``question`` when the
  source has one value of them;
* one ``PlainTextSelection`` per segment, named by its segment_id, over its
  passage, with one ``Coding`` by its coder (``creatingUser``); the segment's
  moderator_note is a ``Note`` the selection refers to; its emphasis, question
  and cycle (which the standard cannot hold per selection) are written into the
  selection's ``Description`` as ``crosscase: emphasis=2; question=Q1; cycle=2``,
  which other tools show as the selection's comment;
* ``Notes``: the memos above.

Guids are UUID 5 of the case and the element's name, and the zip entries carry a
fixed date, so that the same data give the same bytes. The project's ``origin``
starts with ``crosscase``, which tells the importer to take segment ids from the
selection names and emphasis, question and cycle from their descriptions.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from crosscase.ingest.refiqda import CROSSCASE_ORIGIN, DESCRIBED, DESCRIPTION_PREFIX, NAMESPACE, STUDY_CASE_VARIABLE

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PROJECT_FILE = "project.qde"
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://crosscase/refi-qda-export")


def guid(case_id: str, kind: str, name: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{case_id}\x1f{kind}\x1f{name}"))


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _el(parent, name: str, attrib: dict | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{name}", {k: v for k, v in (attrib or {}).items() if v != ""})
    if text is not None:
        element.text = text
    return element


def selection_description(segment) -> str:
    parts = [f"{name}={_text(segment.get(name))}" for name in DESCRIBED if _text(segment.get(name))]
    return DESCRIPTION_PREFIX + "; ".join(parts) if parts else ""


@dataclass(frozen=True)
class CasePart:
    """One case's coded data in a project: its id, label, codebook and segments."""

    case_id: str
    label: str
    codebook: pd.DataFrame
    segments: pd.DataFrame


# In the synthesis project the objects all cases share (coders, codes,
# variables) take their guids from this scope, which no case id can be.
SHARED = ""


def project_xml(case_id: str, codebook: pd.DataFrame, segments: pd.DataFrame, version: str = "") -> bytes:
    """The project.qde of one case (UTF-8 XML bytes)."""
    return _project_xml(f"crosscase case {case_id}", version, [CasePart(case_id, "", codebook, segments)], False)


def synthesis_project_xml(parts: list[CasePart], version: str = "") -> bytes:
    """The project.qde of the synthesis: every compared case in one project.

    Codes are shared by name across cases, as the cross-case theme tables
    compare them; each case is a REFI-QDA ``Case`` (its label a variable, its
    sources referenced), so that a CAQDAS tool's case x code matrix is the
    synthesis's; sources, selections and participants are named
    ``<case_id>/<name>``, and each case's code summaries are notes of their own."""
    return _project_xml("crosscase synthesis", version, parts, True)


def _project_xml(name: str, version: str, parts: list[CasePart], synthesis: bool) -> bytes:
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}Project", {"name": name, "origin": f"{CROSSCASE_ORIGIN} {version}".strip()})
    shared = SHARED if synthesis else parts[0].case_id

    def scoped(case_id: str, text: str) -> str:
        return f"{case_id}/{text}" if synthesis else text

    records_of = {
        part.case_id: [
            {k: _text(v) if k not in ("start", "end") else v for k, v in row.items()}
            for row in part.segments.reset_index(drop=True).to_dict("records")
        ]
        for part in parts
    }
    notes: list[tuple[str, str, str]] = []  # guid, name, text

    coders = list(dict.fromkeys(r["coder"] for records in records_of.values() for r in records if r.get("coder")))
    if coders:
        users = _el(root, "Users")
        for coder in coders:
            _el(users, "User", {"guid": guid(shared, "user", coder), "name": coder})

    codes: list[str] = []
    info: dict[str, dict] = {}  # a code's parent and description: the first case to give one
    summaries: dict[str, list[tuple[str, str]]] = {}  # code -> (case_id, summary)
    for part in parts:
        codes += [*part.codebook["code"], *(r["code"] for r in records_of[part.case_id])]
        for row in part.codebook.to_dict("records"):
            known = info.setdefault(row["code"], {"parent": "", "description": ""})
            for field in ("parent", "description"):
                known[field] = known[field] or _text(row.get(field))
            if _text(row.get("summary")):
                summaries.setdefault(row["code"], []).append((part.case_id, _text(row.get("summary"))))
    codes = list(dict.fromkeys(codes))
    children: dict[str, list[str]] = {}
    for code in codes:
        parent = info.get(code, {}).get("parent", "")
        children.setdefault(parent if parent in codes else "", []).append(code)

    def add_codes(parent_element, parent_code):
        for code in children.get(parent_code, []):
            element = _el(
                parent_element, "Code", {"guid": guid(shared, "code", code), "name": code, "isCodable": "true"}
            )
            description = info.get(code, {}).get("description", "")
            if description:
                _el(element, "Description", text=description)
            for case_id, summary in summaries.get(code, []):
                note = guid(case_id, "code-note", code)
                notes.append((note, f"Summary of {code}" + (f" in {case_id}" if synthesis else ""), summary))
                _el(element, "NoteRef", {"targetGUID": note})
            add_codes(element, code)

    if codes:  # the schema wants at least one Code in a CodeBook
        book = _el(root, "CodeBook")
        add_codes(_el(book, "Codes"), "")

    names = ("source_type", "group_id", "participant_role", "cycle", "question")
    variables = {name: guid(shared, "variable", name) for name in (*names, *([STUDY_CASE_VARIABLE] * synthesis))}
    variables_element = _el(root, "Variables")
    for name, vguid in variables.items():
        _el(variables_element, "Variable", {"guid": vguid, "name": name, "typeOfVariable": "Text"})

    def value(parent, name, text):
        holder = _el(parent, "VariableValue")
        _el(holder, "VariableRef", {"targetGUID": variables[name]})
        _el(holder, "TextValue", text=text)

    def selection_guid(case_id: str, index: int, record: dict) -> str:
        return guid(case_id, "selection", f"{index}:{record['segment_id']}")

    by_source_of = {}
    for part in parts:
        by_source: dict[str, list[int]] = {}
        for index, record in enumerate(records_of[part.case_id]):
            by_source.setdefault(record["source_id"], []).append(index)
        by_source_of[part.case_id] = by_source

    cases = ET.Element(f"{{{NAMESPACE}}}Cases")
    for part in parts if synthesis else []:
        case = _el(cases, "Case", {"guid": guid(part.case_id, "study-case", part.case_id), "name": part.case_id})
        value(case, STUDY_CASE_VARIABLE, part.label or part.case_id)
        for source_id in by_source_of[part.case_id]:
            _el(case, "SourceRef", {"targetGUID": guid(part.case_id, "source", source_id)})
    for part in parts:
        people: dict[str, dict] = {}
        for index, record in enumerate(records_of[part.case_id]):
            if record["participant_id"]:
                person = people.setdefault(
                    record["participant_id"], {"role": record["participant_role"], "selections": []}
                )
                person["selections"].append(selection_guid(part.case_id, index, record))
        for name, person in people.items():
            case = _el(
                cases, "Case", {"guid": guid(part.case_id, "participant", name), "name": scoped(part.case_id, name)}
            )
            if person["role"]:
                value(case, "participant_role", person["role"])
            for selection in person["selections"]:
                _el(case, "SelectionRef", {"targetGUID": selection})
    if len(cases):
        root.append(cases)

    sources = _el(root, "Sources")
    for part in parts:
        case_id, records = part.case_id, records_of[part.case_id]
        for source_id, indices in by_source_of[case_id].items():
            passages: dict[str, tuple[int, int]] = {}
            text = ""
            for index in indices:
                passage = records[index]["text"]
                if passage not in passages:
                    if text:
                        text += "\n\n"
                    passages[passage] = (len(text), len(text) + len(passage))
                    text += passage
            source = _el(
                sources, "TextSource", {"guid": guid(case_id, "source", source_id), "name": scoped(case_id, source_id)}
            )
            _el(source, "PlainTextContent", text=text)
            for index in indices:
                record = records[index]
                start, end = passages[record["text"]]
                coder = guid(shared, "user", record["coder"]) if record.get("coder") else ""
                selection = _el(
                    source,
                    "PlainTextSelection",
                    {
                        "guid": selection_guid(case_id, index, record),
                        "name": scoped(case_id, record["segment_id"]),
                        "startPosition": str(start),
                        "endPosition": str(end),
                        "creatingUser": coder,
                    },
                )
                description = selection_description(record)
                if description:
                    _el(selection, "Description", text=description)
                coding = _el(
                    selection,
                    "Coding",
                    {"guid": guid(case_id, "coding", f"{index}:{record['segment_id']}"), "creatingUser": coder},
                )
                _el(coding, "CodeRef", {"targetGUID": guid(shared, "code", record["code"])})
                if record.get("moderator_note"):
                    note = guid(case_id, "segment-note", f"{index}:{record['segment_id']}")
                    notes.append((note, f"Moderator note on {record['segment_id']}", record["moderator_note"]))
                    _el(selection, "NoteRef", {"targetGUID": note})
            for name in ("source_type", "group_id", "cycle", "question"):
                values = {records[i].get(name, "") for i in indices}
                if len(values) == 1 and (single := values.pop()):
                    value(source, name, single)
    if notes:
        notes_element = _el(root, "Notes")
        for note_guid, note_name, text in notes:
            note = _el(notes_element, "Note", {"guid": note_guid, "name": note_name})
            _el(note, "PlainTextContent", text=text)
    if not len(sources):
        root.remove(sources)
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def _zipped(project: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo(PROJECT_FILE, date_time=ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        archive.writestr(entry, project)
    return buffer.getvalue()


def synthesis_qdpx_bytes(parts: list[CasePart], version: str = "") -> bytes:
    return _zipped(synthesis_project_xml(parts, version))


def qdpx_bytes(case_id: str, codebook: pd.DataFrame, segments: pd.DataFrame, version: str = "") -> bytes:
    return _zipped(project_xml(case_id, codebook, segments, version))


def write_qdpx(
    path: str | Path, case_id: str, codebook: pd.DataFrame, segments: pd.DataFrame, version: str = ""
) -> None:
    from crosscase.common.files import write_bytes

    write_bytes(path, qdpx_bytes(case_id, codebook, segments, version))

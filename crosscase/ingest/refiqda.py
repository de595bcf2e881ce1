"""Import a REFI-QDA project (``.qdpx``) into the codebook and segments tables.

A ``.qdpx`` file is a zip archive holding one project file ``*.qde`` (XML in
the namespace ``urn:QDA-XML:project:1.0``; its name is often the project's,
not ``project.qde``) and, in ``sources/``, the plain text of the sources that
are not embedded in the XML. NVivo, ATLAS.ti, MAXQDA and QualCoder export it.

What is read:

* ``CodeBook/Codes/Code`` (nested): one codebook row per code; ``code`` is the
  code's ``name``, ``parent`` the name of the enclosing code, ``description``
  its ``Description``. Code names must be unique (they are the ids the
  analyses and the framework's ``code:NAME`` citations use).
* ``Sources/TextSource``: the text is the ``PlainTextContent`` element or the
  file named by ``plainTextPath`` (``internal://name.txt`` = ``sources/name.txt``
  inside the archive). ``source_id`` is the source's ``name`` (its guid when it
  has no name or shares it with another source).
* ``PlainTextSelection`` with ``startPosition``/``endPosition``: character
  offsets into that plain text (Unicode characters, end exclusive). Each
  ``Coding`` of a selection (``CodeRef targetGUID``) becomes one segment whose
  ``segment_id`` is the coding's guid and whose ``text`` is the selected text.
  A ``Coding`` placed on a whole source covers all of its text.
* Who spoke and in what setting: variables named ``source_type``,
  ``participant_id``, ``participant_role`` or ``group_id`` (``VariableValue`` on
  the source), else the one ``Case`` that lists the source (``SourceRef``):
  its name is the participant and its variables fill the rest. ``source_type``
  defaults to ``interview``. REFI-QDA has no emphasis rating: it stays blank.
  A ``Case`` that lists a selection (``SelectionRef``) names the participant
  of that selection (a speaker in a focus group), over the source's.
* Who coded: a coding's ``creatingUser`` is the guid of a ``Users/User``; its
  ``name`` (else ``id``, else the guid) is the segment's ``coder``.
* Memos: the ``Note`` a code refers to (``NoteRef``) is the code's ``summary``
  in this case; the note a selection refers to is the segment's
  ``moderator_note``. ``cycle`` and ``question`` come from source variables of
  those names (the standard has no per-selection variables).
* ``start``/``end`` keep each segment's character offsets.
* A project written by crosscase's own export (``origin`` starting
  ``crosscase``) names each selection after its segment: those names are the
  ``segment_id``s again, so that an export imports back unchanged.

Every problem (not a zip, no or several ``.qde``, bad XML, an unknown code
guid, a selection beyond the end of its text, ...) is added to ``problems``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import defusedxml.ElementTree as DefusedET
import pandas as pd
from defusedxml import DefusedXmlException

from crosscase.common.problems import Problems
from crosscase.common.text import normalise_term
from crosscase.ingest.contract import SOURCE_TYPES, records_frame
from crosscase.ingest.limits import archive_problem, file_size_problem

NAMESPACE = "urn:QDA-XML:project:1.0"
INTERNAL = "internal://"
SOURCE_VARIABLES = ("source_type", "participant_id", "participant_role", "group_id", "cycle", "question")
CROSSCASE_ORIGIN = "crosscase"
# crosscase's export writes what the standard cannot hold per selection into its Description.
DESCRIPTION_PREFIX = "crosscase: "
DESCRIBED = ("emphasis", "question", "cycle")
# The variable marking a study case (not a participant) in the synthesis export.
STUDY_CASE_VARIABLE = "case_label"


def parse_selection_description(text: str | None) -> dict[str, str]:
    """The emphasis/question/cycle crosscase's export wrote into a selection's Description."""
    if not text or not text.startswith(DESCRIPTION_PREFIX):
        return {}
    values = {}
    for part in text[len(DESCRIPTION_PREFIX) :].split("; "):
        name, _, value = part.partition("=")
        if name in DESCRIBED:
            values[name] = value.strip()
    return values


NON_TEXT_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")
VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


def tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def local_name(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def variable_name(name: str) -> str:
    return normalise_term(name)


def describe(element: ET.Element, kind: str) -> str:
    name = element.get("name")
    guid = element.get("guid", "?")
    return f"{kind} '{name}' ({guid})" if name else f"{kind} {guid}"


class _Reader:
    """One pass over one project; collects rows and problems."""

    def __init__(self, archive: zipfile.ZipFile, display: str, qde_name: str, problems: Problems):
        self.archive = archive
        self.display = display
        self.qde = qde_name
        self.problems = problems
        self.codebook: list[dict] = []
        self.segments: list[dict] = []
        self.code_names: dict[str, str] = {}  # guid -> name
        self.variables: dict[str, str] = {}  # guid -> normalised name
        self.seen_names: set[str] = set()
        self.users: dict[str, str] = {}  # guid -> name
        self.notes: dict[str, str] = {}  # guid -> plain text
        self.selection_people: dict[str, dict] = {}  # selection guid -> case attributes
        self.own_export = False

    def add(self, message: str) -> None:
        self.problems.add(self.display, f"{self.qde}: {message}")

    # -- codebook --------------------------------------------------------
    def read_codes(self, parent_element: ET.Element, parent_name: str) -> None:
        for code in parent_element.findall(tag("Code")):
            name, guid = (code.get("name") or "").strip(), code.get("guid")
            if not name:
                self.add(f"{describe(code, 'code')} has no name")
            elif name in self.seen_names:
                self.add(
                    f"code name '{name}' is used by more than one code ({guid} is a second); "
                    "code names must be unique because they identify the codes"
                )
            else:
                description = code.findtext(tag("Description")) or ""
                self.codebook.append(
                    {
                        "code": name,
                        "parent": parent_name,
                        "description": description.strip(),
                        "summary": self.note_text(code),
                    }
                )
                self.seen_names.add(name)
            if guid:
                self.code_names[guid] = name
            self.read_codes(code, name)

    # -- variables and cases -----------------------------------------------
    def values_of(self, element: ET.Element) -> dict[str, str]:
        values = {}
        for value in element.findall(tag("VariableValue")):
            ref = value.find(tag("VariableRef"))
            name = self.variables.get(ref.get("targetGUID")) if ref is not None else None
            if name is None:
                continue
            for value_tag in VALUE_TAGS:
                text = value.findtext(tag(value_tag))
                if text is not None:
                    values[name] = text.strip()
                    break
        return values

    def note_text(self, element: ET.Element) -> str:
        """The text of the notes `element` refers to, joined by blank lines."""
        texts = [self.notes.get(ref.get("targetGUID"), "") for ref in element.findall(tag("NoteRef"))]
        return "\n\n".join(t for t in texts if t)

    def read_users_and_notes(self, root: ET.Element) -> None:
        users = root.find(tag("Users"))
        for user in users.findall(tag("User")) if users is not None else []:
            self.users[user.get("guid")] = (user.get("name") or user.get("id") or user.get("guid") or "").strip()
        notes = root.find(tag("Notes"))
        for note in notes.findall(tag("Note")) if notes is not None else []:
            self.notes[note.get("guid")] = (note.findtext(tag("PlainTextContent")) or "").strip()

    def case_attributes(self, root: ET.Element) -> dict[str, list[dict]]:
        """source guid -> attributes of each Case that lists the source."""
        by_source: dict[str, list[dict]] = {}
        cases = root.find(tag("Cases"))
        for case in cases.findall(tag("Case")) if cases is not None else []:
            attributes = {"participant_id": (case.get("name") or "").strip()}
            values = self.values_of(case)
            if self.own_export and STUDY_CASE_VARIABLE in values:
                continue  # a study case of crosscase's synthesis export, not a participant
            attributes.update(values)
            for ref in case.findall(tag("SourceRef")):
                by_source.setdefault(ref.get("targetGUID"), []).append(attributes)
            for ref in case.findall(tag("SelectionRef")):
                self.selection_people[ref.get("targetGUID")] = attributes
        return by_source

    # -- sources -----------------------------------------------------------
    def plain_text(self, source: ET.Element, label: str) -> str | None:
        content = source.find(tag("PlainTextContent"))
        if content is not None:
            return content.text or ""
        path = source.get("plainTextPath")
        if not path:
            self.add(f"{label} has no text (neither PlainTextContent nor plainTextPath)")
            return None
        if not path.startswith(INTERNAL):
            self.add(
                f"{label}: plainTextPath '{path}' points outside the project archive; "
                "export the project with its sources included (internal://...)"
            )
            return None
        member = "sources/" + path[len(INTERNAL) :]
        # The member is looked up by name in the archive's index and read into
        # memory; nothing is ever extracted to disk by its own path.
        try:
            data = self.archive.read(member)
        except KeyError:
            self.add(f"{label}: plainTextPath '{path}' names {member}, which is not in the archive")
            return None
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            self.add(f"{label}: {member} cannot be read (encrypted or corrupt: {str(exc)[:120]})")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add(f"{label}: {member} is not UTF-8 text")
            return None

    def read_sources(self, root: ET.Element) -> None:
        sources = root.find(tag("Sources"))
        if sources is None:
            return
        names = [s.get("name") for s in sources.findall(tag("TextSource"))]
        case_attributes = self.case_attributes(root)
        for element in sources:
            kind = local_name(element)
            if kind in NON_TEXT_SOURCES:
                if any(True for _ in element.iter(tag("Coding"))):
                    self.add(
                        f"{describe(element, kind)} has codings, but only text sources can be imported; "
                        "export its transcript as a text source"
                    )
                continue
            if kind == "TextSource":
                self.read_text_source(element, names, case_attributes)

    def source_attributes(self, source: ET.Element, label: str, case_attributes: dict) -> dict[str, str]:
        attributes = {name: "" for name in SOURCE_VARIABLES}
        cases = case_attributes.get(source.get("guid"), [])
        if len(cases) == 1:
            attributes.update({k: v for k, v in cases[0].items() if k in SOURCE_VARIABLES})
        attributes.update({k: v for k, v in self.values_of(source).items() if k in SOURCE_VARIABLES})
        source_type = normalise_term(attributes["source_type"]) or "interview"
        if source_type not in SOURCE_TYPES:
            self.add(f"{label}: source_type '{attributes['source_type']}' is not one of {'/'.join(SOURCE_TYPES)}")
        attributes["source_type"] = source_type
        return attributes

    def read_text_source(self, source: ET.Element, names: list, case_attributes: dict) -> None:
        guid, name = source.get("guid") or "", (source.get("name") or "").strip()
        label = describe(source, "text source")
        source_id = name if name and names.count(source.get("name")) == 1 else (f"{name} ({guid})" if name else guid)
        attributes = self.source_attributes(source, label, case_attributes)
        text = self.plain_text(source, label)
        if text is None:
            return
        whole = [(c, 0, len(text), label, None) for c in source.findall(tag("Coding"))]
        selections = []
        for selection in source.findall(tag("PlainTextSelection")):
            where = f"{describe(selection, 'selection')} in {label}"
            span = self.span(selection, text, where)
            if span is not None:
                selections += [(c, span[0], span[1], where, selection) for c in selection.findall(tag("Coding"))]
        for coding, start, end, where, selection in whole + selections:
            ref = coding.find(tag("CodeRef"))
            target = ref.get("targetGUID") if ref is not None else None
            if target not in self.code_names:
                self.add(f"a coding of {where} refers to code {target!r}, which is not in the CodeBook")
                continue
            segment_id = coding.get("guid") or f"{guid}:{start}-{end}:{self.code_names[target]}"
            person = dict(attributes)
            described: dict[str, str] = {}
            if selection is not None:
                if self.own_export and selection.get("name"):
                    segment_id = selection.get("name")
                if self.own_export:
                    described = parse_selection_description(selection.findtext(tag("Description")))
                speaker = self.selection_people.get(selection.get("guid"))
                if speaker:
                    person.update({k: v for k, v in speaker.items() if k in ("participant_id", "participant_role")})
            self.segments.append(
                {
                    "segment_id": segment_id,
                    "source_id": source_id,
                    "source_type": attributes["source_type"],
                    "group_id": attributes["group_id"],
                    "participant_id": person["participant_id"],
                    "participant_role": person["participant_role"],
                    "code": self.code_names[target],
                    "text": text[start:end],
                    "emphasis": int(described["emphasis"]) if described.get("emphasis", "").isdigit() else None,
                    "coder": self.users.get(coding.get("creatingUser"), coding.get("creatingUser") or ""),
                    "question": described.get("question", attributes["question"]),
                    "cycle": described.get("cycle", attributes["cycle"]),
                    "moderator_note": self.note_text(selection) if selection is not None else "",
                    "start": start,
                    "end": end,
                }
            )

    def span(self, selection: ET.Element, text: str, where: str) -> tuple[int, int] | None:
        try:
            start = int(selection.get("startPosition", ""))
            end = int(selection.get("endPosition", ""))
        except ValueError:
            self.add(
                f"{where}: startPosition {selection.get('startPosition')!r} and endPosition "
                f"{selection.get('endPosition')!r} must be whole numbers"
            )
            return None
        if start < 0 or end < start:
            self.add(f"{where}: runs from character {start} to {end}; expected 0 <= startPosition <= endPosition")
            return None
        if end > len(text):
            self.add(
                f"{where}: runs from character {start} to {end}, beyond the end of its text ({len(text)} characters)"
            )
            return None
        return start, end


def read_qdpx(path: str | Path, problems: Problems) -> dict[str, pd.DataFrame]:
    """The codebook and segments tables of a ``.qdpx`` project ({} if unreadable)."""

    path = Path(path)
    display = str(path)
    # Size, unpacked size, member count and encrypted members are checked
    # before the archive is read (crosscase.ingest.limits).
    refused = file_size_problem(path) or archive_problem(path, "REFI-QDA project")
    if refused:
        problems.add(
            display,
            refused
            if "zip archive" not in refused
            else f"cannot be opened as a REFI-QDA project (a .qdpx file is a zip archive): {refused}",
        )
        return {}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        problems.add(display, f"cannot be opened as a REFI-QDA project (a .qdpx file is a zip archive): {exc}")
        return {}
    with archive:
        inner = sorted(n for n in archive.namelist() if n.lower().endswith(".qde") and not n.endswith("/"))
        if not inner:
            problems.add(display, "holds no project file (*.qde); is it a REFI-QDA export?")
            return {}
        if len(inner) > 1:
            problems.add(display, f"holds more than one project file ({', '.join(inner)}); expected one")
            return {}
        # defusedxml: no external entities, no entity expansion (billion laughs),
        # no DTD-driven network access; a project that tries any is refused.
        try:
            root = DefusedET.fromstring(archive.read(inner[0]))
        except ET.ParseError as exc:
            problems.add(display, f"{inner[0]}: is not well-formed XML ({exc})")
            return {}
        except DefusedXmlException as exc:
            problems.add(
                display,
                f"{inner[0]}: uses XML features refused for safety ({type(exc).__name__}: "
                "entity declarations or external references); export the project again",
            )
            return {}
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            problems.add(display, f"{inner[0]}: cannot be read (encrypted or corrupt: {str(exc)[:120]})")
            return {}
        if root.tag != tag("Project"):
            found = root.tag[1:].split("}")[0] if root.tag.startswith("{") else "no namespace"
            problems.add(
                display,
                f"{inner[0]}: the root element is <{local_name(root)}> in {found}; "
                f"expected <Project> in namespace {NAMESPACE}",
            )
            return {}
        reader = _Reader(archive, display, inner[0], problems)
        reader.own_export = (root.get("origin") or "").startswith(CROSSCASE_ORIGIN)
        reader.read_users_and_notes(root)
        variables = root.find(tag("Variables"))
        for variable in variables.findall(tag("Variable")) if variables is not None else []:
            reader.variables[variable.get("guid")] = variable_name(variable.get("name") or "")
        codebook = root.find(tag("CodeBook"))
        codes = codebook.find(tag("Codes")) if codebook is not None else None
        if codes is None:
            problems.add(display, f"{inner[0]}: has no CodeBook/Codes; a coded project needs its codebook")
            return {}
        reader.read_codes(codes, "")
        reader.read_sources(root)
    return {
        "codebook": records_frame("codebook", reader.codebook),
        "segments": records_frame("segments", reader.segments),
    }

# ruff: noqa: E501 -- expected messages are kept whole, one line each, to be read as a user sees them
"""A corpus of hostile or broken inputs, built at test time (nothing binary is
committed). Each entry changes one thing in a small valid project (config/ of
the repository, one valid case A1) and says which one line `crosscase validate`
must print for it. Synthetic: every file here is made up by this generator.

Families (issue 12): configuration (config.yaml, each qca: entry, YAML syntax),
case list (tabs, BOM/CRLF, ids, include), case folders (missing, links, paths
leaving the project), workbooks (empty, truncated, renamed, encrypted, macros,
decompression bomb, far-away cell, long cell), values (decimal comma,
non-finite numbers, wrong types, unusual Unicode), REFI-QDA (external entities,
entity expansion, member paths leaving the archive, encrypted and corrupt
members)."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from casebuilder import REPO, edited, minimal_case, write_workbook
from evidencebuilder import secondary_sheets
from refi_fixture import QDE_NAME, SOURCE, build_qdpx

CONFIG, CASES, CASE = "config/config.yaml", "config/cases.tsv", "data/raw/A1/case.xlsx"
# the keys config.yaml may hold, in the schema's order (crosscase/schemas/config.schema.yaml)
CONFIG_KEYS = list(
    yaml.safe_load((REPO / "crosscase/schemas/config.schema.yaml").read_text(encoding="utf-8"))["properties"]
)


@dataclass(frozen=True)
class Entry:
    name: str
    family: str
    build: Callable[[Path], None]
    expected: str | Callable[[Path], str]  # the one problem line (without "  - "), or a function of the project root
    status: int  # exit status of `crosscase validate`: 1 a case has problems, 2 the configuration


def base_project(root: Path) -> Path:
    """config/ of the repository with one valid case A1."""
    shutil.copytree(REPO / "config", root / "config")
    write_workbook(root / CASE, minimal_case("A1"))
    (root / CASES).write_text("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\n", encoding="utf-8")
    return root


def replace_in(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return build


def case_list(text: str | bytes) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (root / CASES).write_bytes(data)

    return build


def case_sheets(change) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        write_workbook(root / CASE, change(minimal_case("A1")))

    return build


def case_bytes(make: Callable[[Path], bytes]) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        path = root / CASE
        path.write_bytes(make(path))

    return build


def secondary(change) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        write_workbook(root / "data/raw/A1/secondary.xlsx", change(secondary_sheets()))

    return build


def qdpx(replace: dict) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        build_qdpx(root / "data/raw/A1/project.qdpx", replace=replace)

    return build


def qde_with(old: str, new: str) -> bytes:
    text = (SOURCE / QDE_NAME).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


QDE_HEAD = '<?xml version="1.0" encoding="utf-8"?>'


def zip_with(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def valid_xlsx(path: Path) -> bytes:
    write_workbook(path, minimal_case("A1"))
    return path.read_bytes()


def with_extra_member(name: str, data: bytes) -> Callable[[Path], bytes]:
    def make(path: Path) -> bytes:
        original = zipfile.ZipFile(io.BytesIO(valid_xlsx(path)))
        entries = {i.filename: original.read(i) for i in original.infolist()}
        entries[name] = data
        return zip_with(entries)

    return make


def bomb(path: Path) -> bytes:
    """A valid workbook plus one member of 210 MB of zeros (about 200 KB packed)."""
    original = zipfile.ZipFile(io.BytesIO(valid_xlsx(path)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info, original.read(info))
        info = zipfile.ZipInfo("xl/media/padding.bin", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            zeros = bytes(1 << 20)
            for _ in range(210):
                member.write(zeros)
    return buffer.getvalue()


def encrypted_member(data: bytes, name: str) -> bytes:
    """`data` (a zip) with the 'encrypted' flag set on member `name`, in its
    local header and in the central directory (what an encrypting zip tool writes)."""
    blob = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    local = info.header_offset
    assert blob[local : local + 4] == b"PK\x03\x04"
    flags = struct.unpack_from("<H", blob, local + 6)[0] | 0x1
    struct.pack_into("<H", blob, local + 6, flags)
    central = blob.rfind(b"PK\x01\x02" + blob[local + 4 : local + 6])  # search by signature and version
    start = 0
    while True:
        central = blob.find(b"PK\x01\x02", start)
        assert central >= 0
        name_length = struct.unpack_from("<H", blob, central + 28)[0]
        if bytes(blob[central + 46 : central + 46 + name_length]).decode() == name:
            break
        start = central + 4
    struct.pack_into("<H", blob, central + 8, struct.unpack_from("<H", blob, central + 8)[0] | 0x1)
    return bytes(blob)


def long_cell(path: Path) -> bytes:
    """Row 5 (overview) of sheet `case` holding 100,000 characters. openpyxl
    cuts a cell to Excel's 32,767, so the sheet XML is edited directly."""
    write_workbook(path, edited(minimal_case("A1"), "case", 5, "value", "x" * 40_000))
    original = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    entries = {i.filename: original.read(i) for i in original.infolist()}
    sheet = entries["xl/worksheets/sheet1.xml"]
    assert b"x" * 32_767 in sheet and b"x" * 32_768 not in sheet
    entries["xl/worksheets/sheet1.xml"] = sheet.replace(b"x" * 32_767, b"x" * 100_000)
    return zip_with(entries)


def far_cell(root: Path) -> None:
    from openpyxl import load_workbook

    path = write_workbook(root / CASE, minimal_case("A1"))
    workbook = load_workbook(path)
    workbook["summary"]["XFD1048576"] = "far away"
    workbook.save(path)


def link_folder(root: Path) -> None:
    target = root.parent / f"{root.name}-outside"
    shutil.move(str(root / "data/raw/A1"), target)
    (root / "data/raw/A1").symlink_to(target)


def link_workbook(root: Path) -> None:
    target = root.parent / f"{root.name}-secret.xlsx"
    shutil.move(str(root / CASE), target)
    (root / CASE).symlink_to(target)


def outside_path(root: Path) -> None:
    target = root.parent / f"{root.name}-elsewhere"
    shutil.copytree(root / "data/raw/A1", target)
    (root / CASES).write_text(f"case_id\tlabel\tpath\tinclude\nA1\tFirst\t../{target.name}\tyes\n", encoding="utf-8")


def seventeen_conditions(root: Path) -> None:
    import yaml

    path = root / CONFIG
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = config["qca"][0]
    entry["conditions"] = [dict(entry["conditions"][0], name=f"C{i}") for i in range(17)]
    del entry["dir_exp"], entry["theory"]
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def line_in(path: Path, old: str, after: str | None = None) -> int:
    """The line of file `path` where the text `old` begins (its first occurrence,
    after `after` if given)."""
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(old, text.index(after) if after else 0)) + 1


def line_of(relative: str, old: str, after: str | None = None) -> int:
    """The line of the shipped file `relative` where an entry's edit lands."""
    return line_in(REPO / relative, old, after)


A1 = "config/cases.tsv, line 2: case A1: "
LINKS = "links are refused unless allow_external_paths: true is set in config/config.yaml"
QCA0 = "config/config.yaml, line {line}, qca[0]."

# Line numbers in config/config.yaml are found where each edit lands
# (line_of), as other settings may be added above; those of the case list are
# counted in the text each entry writes.
ENTRIES: list[Entry] = [
    # ---- configuration
    Entry(
        "unknown config key",
        "config",
        replace_in(CONFIG, "batch_size:", "batchsize:"),
        f"config/config.yaml, line {line_of(CONFIG, 'batch_size:')}, batchsize: unknown key 'batchsize'; allowed: "
        f"{', '.join(CONFIG_KEYS)}; did you mean 'batch_size'?",
        2,
    ),
    Entry(
        "qca unknown source column",
        "config",
        replace_in(CONFIG, '"pattern:fidelity"', '"pattern:fidelty"'),
        f"config/config.yaml, line {line_of(CONFIG, 'pattern:fidelity')}, qca[0].conditions[2].source (analysis 'success'): 'pattern:fidelty': pattern "
        "has no column 'fidelty' (columns: case_id, fidelity, theory_held, attainment_intermediary, "
        "attainment_long_term, context_foresight, n_unanticipated_context, success_class, reported_success, "
        "resources_maintained, agrees_with_reported); did you mean 'fidelity'?",
        2,
    ),
    Entry(
        "qca crossover outside the anchors",
        "config",
        replace_in(
            CONFIG,
            "crossover: 0.45, inclusion: 0.9}\n      - name: THEORY",
            "crossover: 0.95, inclusion: 0.9}\n      - name: THEORY",
        ),
        f"config/config.yaml, line {line_of(CONFIG, 'calibration: {type: fuzzy', 'qca:')}, qca[0].conditions[0].calibration (analysis 'success'): anchors exclusion 0.2, "
        "crossover 0.95, inclusion 0.9: the crossover must lie strictly between the two anchors (exclusion < "
        "crossover < inclusion, or all three reversed)",
        2,
    ),
    Entry(
        "qca equal anchors",
        "config",
        replace_in(
            CONFIG,
            "exclusion: 0.2, crossover: 0.45, inclusion: 0.9}\n      - name: THEORY",
            "exclusion: 0.45, crossover: 0.45, inclusion: 0.9}\n      - name: THEORY",
        ),
        f"config/config.yaml, line {line_of(CONFIG, 'calibration: {type: fuzzy', 'qca:')}, qca[0].conditions[0].calibration (analysis 'success'): anchors exclusion 0.45, "
        "crossover 0.45, inclusion 0.9: the crossover must lie strictly between the two anchors (exclusion < "
        "crossover < inclusion, or all three reversed)",
        2,
    ),
    Entry(
        "qca inclusion cut above 1",
        "config",
        replace_in(CONFIG, "incl_cut: [0.8]", "incl_cut: 1.5"),
        f"config/config.yaml, line {line_of(CONFIG, 'incl_cut:')}, qca[0].incl_cut (analysis 'success'): 1.5 is above the maximum 1",
        2,
    ),
    # the line of the entry's `conditions:` in the file yaml.safe_dump wrote
    Entry(
        "qca 17 conditions",
        "config",
        seventeen_conditions,
        lambda root: (
            f"config/config.yaml, line {line_in(root / CONFIG, '  conditions:', 'qca:')}, qca[0].conditions "
            "(analysis 'success'): has 17 items; at most 16 are allowed"
        ),
        2,
    ),
    # the outcome renamed like the fourth condition
    Entry(
        "qca duplicate set names",
        "config",
        replace_in(CONFIG, "name: SUCCESS", "name: RESOURCES"),
        f"config/config.yaml, line {line_of(CONFIG, '- name: RESOURCES', 'qca:')}, qca[0].conditions[3].name (analysis 'success'): 'RESOURCES' is already used by "
        "outcome; every set of an analysis needs its own name",
        2,
    ),
    Entry(
        "qca theory names an unknown condition",
        "config",
        replace_in(CONFIG, 'theory: "FORESIGHT*THEORY*FIDELITY*RESOURCES"', 'theory: "FORESIGHT*CONTEXT"'),
        f"config/config.yaml, line {line_of(CONFIG, 'theory: ', 'qca:')}, qca[0].theory (analysis 'success'): 'CONTEXT' in \"FORESIGHT*CONTEXT\" is not a "
        "condition of this analysis (conditions: FORESIGHT, THEORY, FIDELITY, RESOURCES)",
        2,
    ),
    Entry(
        "qca dir_exp names an unknown condition",
        "config",
        replace_in(CONFIG, "dir_exp: {FORESIGHT: 1,", "dir_exp: {FORSIGHT: 1,"),
        f"config/config.yaml, line {line_of(CONFIG, 'dir_exp: {FORESIGHT')}, qca[0].dir_exp.FORSIGHT (analysis 'success'): 'FORSIGHT' is not a condition of "
        "this analysis (conditions: FORESIGHT, THEORY, FIDELITY, RESOURCES); did you mean 'FORESIGHT'?",
        2,
    ),
    Entry(
        "qca unknown calibration type",
        "config",
        replace_in(CONFIG, "{type: crisp, threshold: 1.0}", "{type: crips, threshold: 1.0}"),
        f"config/config.yaml, line {line_of(CONFIG, '{type: crisp, threshold: 1.0}')}, qca[0].conditions[3].calibration.type (analysis 'success'): 'crips' is not "
        "allowed; expected one of crisp/crisp_equals/fuzzy/membership; did you mean 'crisp'?",
        2,
    ),
    Entry(
        "config YAML syntax error",
        "config",
        replace_in(CONFIG, "  full: 1.0\n", "  full: [1.0\n"),
        f"config/config.yaml, line {line_of(CONFIG, '  full: 1.0') + 1}, column 10: YAML syntax error: expected ',' or ']', but got ':'",
        2,
    ),
    Entry(
        "config infinite number",
        "config",
        replace_in(CONFIG, "  partial: 0.5", "  partial: .inf"),
        f"config/config.yaml, line {line_of(CONFIG, '  partial: 0.5')}, observed_weights.partial: inf is not a finite number",
        2,
    ),
    Entry(
        "config key given twice",
        "config",
        replace_in(CONFIG, "  none: 0.0\n", "  none: 0.0\n  none: 0.1\n"),
        f"config/config.yaml, line {line_of(CONFIG, '  none: 0.0') + 1}, observed_weights.none: the key is given twice "
        f"(first on line {line_of(CONFIG, '  none: 0.0')}); keep one",
        2,
    ),
    Entry(
        "config value of the wrong type",
        "config",
        replace_in(CONFIG, "more_successful_min: 0.6", "more_successful_min: high"),
        f"config/config.yaml, line {line_of(CONFIG, 'more_successful_min:')}, success_class.more_successful_min: 'high' is text; expected a number",
        2,
    ),
    # methods: is line 14 of the vocabulary; after "[" the first item, "  - interviews", is line 16
    Entry(
        "vocabulary YAML syntax error",
        "config",
        replace_in("config/vocabulary.yaml", "methods:", "methods: [\n"),
        "config/vocabulary.yaml, line 16, column 3: YAML syntax error: expected the node content, but found '-'",
        2,
    ),
    Entry(
        "vocabulary term not allowed",
        "config",
        replace_in("config/vocabulary.yaml", "  - interviews\n", "  - Interviews!\n"),
        "config/vocabulary.yaml, line 15, methods[0]: 'Interviews!' is not allowed: expected a term in lower case: "
        "a letter, then letters, digits or _",
        2,
    ),
    # ---- case list
    Entry(
        "case list with spaces for tabs",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\nA1 First data/raw/A1 yes\n"),
        "config/cases.tsv, line 2: has no tabs ('A1 First data/raw/A1 yes'); separate the columns with tabs, not spaces",
        2,
    ),
    Entry(
        "duplicate case id",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\nA1\tAgain\t\tno\n"),
        "config/cases.tsv, line 3, column 'case_id': 'A1' is a duplicate (line 2); case ids must be unique",
        2,
    ),
    Entry(
        "case id with a path separator",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\nA1/x\tPath\t\tno\n"),
        "config/cases.tsv, line 3, column 'case_id': 'A1/x' is not allowed: expected a letter, then letters, digits, "
        "_ or - (at most 32 characters; no spaces, dots or slashes)",
        2,
    ),
    Entry(
        "case id climbing out",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\n..\tUp\t\tno\n"),
        "config/cases.tsv, line 3, column 'case_id': '..' is not allowed: expected a letter, then letters, digits, "
        "_ or - (at most 32 characters; no spaces, dots or slashes)",
        2,
    ),
    Entry(
        "include neither yes, within nor no",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tmaybe\n"),
        "config/cases.tsv, line 2, column 'include': 'maybe' is not allowed; expected one of yes/within/no",
        2,
    ),
    Entry(
        "case list not UTF-8",
        "cases",
        case_list(b"case_id\tlabel\tpath\tinclude\nA1\tCaf\xe9\t\tyes\n"),
        "config/cases.tsv, line 2: the case list is not UTF-8 text (byte 0xe9); save it as UTF-8",
        2,
    ),
    Entry(
        "case list missing",
        "cases",
        lambda root: (root / CASES).unlink(),
        "config/cases.tsv: the case list does not exist",
        2,
    ),
    Entry(
        "case list unknown column",
        "cases",
        case_list("case_id\tlabel\tpath\tinclude\tnotes\nA1\tFirst\t\tyes\tx\n"),
        "config/cases.tsv, line 1: unknown column 'notes'; allowed: case_id, label, path, include",
        2,
    ),
    # ---- case folders
    Entry(
        "case folder missing",
        "folders",
        lambda root: shutil.rmtree(root / "data/raw/A1"),
        A1 + "case folder data/raw/A1 does not exist (see the path column of config/cases.tsv)",
        1,
    ),
    Entry(
        "case.xlsx missing",
        "folders",
        lambda root: (root / CASE).unlink(),
        A1 + "data/raw/A1/case.xlsx is missing; every case folder needs its case.xlsx",
        1,
    ),
    Entry(
        "case workbook saved as .xlsm",
        "folders",
        lambda root: (root / CASE).rename(root / "data/raw/A1/case.xlsm"),
        A1 + "data/raw/A1/case.xlsx is missing; every case folder needs its case.xlsx (found case.xlsm; save it as "
        "an Excel workbook .xlsx)",
        1,
    ),
    Entry(
        "case folder is a link",
        "folders",
        link_folder,
        lambda root: f"{A1}data/raw/A1 is a symbolic link (to {root.parent}/{root.name}-outside); {LINKS}",
        1,
    ),
    Entry(
        "case workbook is a link",
        "folders",
        link_workbook,
        lambda root: (
            f"{A1}data/raw/A1/case.xlsx is a symbolic link (to {root.parent}/{root.name}-secret.xlsx); {LINKS}"
        ),
        1,
    ),
    Entry(
        "case path leaves the project",
        "folders",
        outside_path,
        lambda root: (
            f"{A1}path ../{root.name}-elsewhere leads outside the project folder ({root.resolve()}); set "
            "allow_external_paths: true in config/config.yaml to allow it"
        ),
        1,
    ),
    # ---- workbooks
    Entry(
        "empty workbook",
        "workbooks",
        case_bytes(lambda p: b""),
        "data/raw/A1/case.xlsx: is empty (0 bytes); was it saved completely?",
        1,
    ),
    Entry(
        "truncated workbook",
        "workbooks",
        case_bytes(lambda p: valid_xlsx(p)[:3000]),
        "data/raw/A1/case.xlsx: is truncated or corrupt (not a complete zip archive: File is not a zip file)",
        1,
    ),
    Entry(
        "CSV renamed to .xlsx",
        "workbooks",
        case_bytes(lambda p: b"field,value\ncase_id,A1\n"),
        "data/raw/A1/case.xlsx: is a text file (a CSV file renamed to .xlsx?), not an Excel workbook; save it as .xlsx",
        1,
    ),
    Entry(
        ".xls renamed to .xlsx",
        "workbooks",
        case_bytes(
            lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2000)
        ),
        "data/raw/A1/case.xlsx: is an old Excel 97-2003 workbook (.xls) with an .xlsx name; open it in Excel and save "
        "it as an Excel Workbook (.xlsx)",
        1,
    ),
    Entry(
        "password-protected workbook",
        "workbooks",
        case_bytes(
            lambda p: (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(2000)
            )
        ),
        "data/raw/A1/case.xlsx: is password-protected (encrypted); save a copy without a password as .xlsx",
        1,
    ),
    Entry(
        "macro-enabled workbook renamed",
        "workbooks",
        case_bytes(with_extra_member("xl/vbaProject.bin", b"\x00" * 64)),
        "data/raw/A1/case.xlsx: holds macros (a macro-enabled workbook renamed to .xlsx), which crosscase does not "
        "read; save it as an Excel Workbook (.xlsx)",
        1,
    ),
    Entry(
        "zip member not a workbook",
        "workbooks",
        case_bytes(lambda p: zip_with({"hello.txt": b"hi"})),
        "data/raw/A1/case.xlsx: is a zip archive but not an Excel workbook (it has no xl/workbook.xml)",
        1,
    ),
    Entry(
        "decompression bomb",
        "workbooks",
        case_bytes(bomb),
        "data/raw/A1/case.xlsx: would unpack to 210.0 MB; a workbook may unpack to at most 200.0 MB (docs/reliability.md)",
        1,
    ),
    # 1,048,576 rows x 16,384 columns (XFD) = 17,179,869,184 cells
    Entry(
        "cell far away",
        "workbooks",
        far_cell,
        "data/raw/A1/case.xlsx: sheet 'summary': its used area reaches row 1048576, column XFD (17,179,869,184 cells "
        "from A1); a sheet may span at most 2,000,000 cells. Delete the far-away cells (Ctrl+End shows the last one)",
        1,
    ),
    Entry(
        "100,000-character cell",
        "workbooks",
        case_bytes(long_cell),
        "data/raw/A1/case.xlsx, sheet 'case', row 5, column 'B': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxx'... (100000 characters) has 100000 characters; a cell may hold at most 32767 "
        "(Excel's own limit)",
        1,
    ),
    # ---- values
    Entry(
        "decimal comma",
        "values",
        secondary(lambda s: edited(s, "indicators", 2, "value", "1,5")),
        "data/raw/A1/secondary.xlsx, sheet 'indicators', row 2, column 'value': '1,5' is not a number: write it with "
        "a decimal point and no thousands separator (1.5, 1500)",
        1,
    ),
    Entry(
        "infinite indicator value",
        "values",
        secondary(lambda s: edited(s, "indicators", 3, "value", "inf")),
        "data/raw/A1/secondary.xlsx, sheet 'indicators', row 3, column 'value': 'inf' is not a finite number",
        1,
    ),
    Entry(
        "nan target",
        "values",
        secondary(lambda s: edited(s, "indicators", 2, "target", "nan")),
        "data/raw/A1/secondary.xlsx, sheet 'indicators', row 2, column 'target': 'nan' is not a finite number",
        1,
    ),
    Entry(
        "yes/no column of the wrong type",
        "values",
        case_sheets(lambda s: edited(s, "methods", 2, "used", 3.5)),
        "data/raw/A1/case.xlsx, sheet 'methods', row 2, column 'used': '3.5' is not one of yes/no",
        1,
    ),
    Entry(
        "whole-number column with text",
        "values",
        case_sheets(lambda s: edited(s, "methods", 2, "n", "three")),
        "data/raw/A1/case.xlsx, sheet 'methods', row 2, column 'n': 'three' is not a whole number",
        1,
    ),
    Entry(
        "zero-width space in a term",
        "values",
        case_sheets(lambda s: edited(s, "methods", 2, "method", "interviews\u200b")),
        "data/raw/A1/case.xlsx, sheet 'methods', row 2, column 'method': 'interviews\\u200b' is not one of "
        "interviews/observations/focus_groups/documentary_analysis/secondary_data_analysis/survey",
        1,
    ),
    # ---- REFI-QDA
    Entry(
        "qdpx external entity",
        "refiqda",
        qdpx({QDE_NAME: qde_with(QDE_HEAD, QDE_HEAD + '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>')}),
        f"data/raw/A1/project.qdpx: {QDE_NAME}: uses XML features refused for safety (EntitiesForbidden: entity "
        "declarations or external references); export the project again",
        1,
    ),
    Entry(
        "qdpx entity expansion",
        "refiqda",
        qdpx(
            {
                QDE_NAME: qde_with(
                    QDE_HEAD,
                    QDE_HEAD
                    + '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
                )
            }
        ),
        f"data/raw/A1/project.qdpx: {QDE_NAME}: uses XML features refused for safety (EntitiesForbidden: entity "
        "declarations or external references); export the project again",
        1,
    ),
    Entry(
        "qdpx member path leaving the archive",
        "refiqda",
        qdpx(
            {
                QDE_NAME: qde_with('plainTextPath="internal://', 'plainTextPath="internal://../../../../etc/'),
                "../../escaped.txt": b"outside",
            }
        ),
        "data/raw/A1/project.qdpx: Small Project.qde: text source 'Focus group 1' (b2000000-0000-4000-8000-000000000002): "
        "plainTextPath 'internal://../../../../etc/b2000000-0000-4000-8000-000000000002.txt' names "
        "sources/../../../../etc/b2000000-0000-4000-8000-000000000002.txt, which is not in the archive",
        1,
    ),
    Entry("qdpx encrypted member", "refiqda", None, None, 1),
    Entry(
        "qdpx truncated",
        "refiqda",
        lambda root: (
            (root / "data/raw/A1/project.qdpx").write_bytes(build_qdpx(root / "tmp.qdpx").read_bytes()[:500])
            or (root / "tmp.qdpx").unlink()
        ),
        "data/raw/A1/project.qdpx: cannot be opened as a REFI-QDA project (a .qdpx file is a zip archive): is "
        "truncated or corrupt (not a complete zip archive: File is not a zip file)",
        1,
    ),
]


def encrypted_qdpx(root: Path) -> None:
    path = build_qdpx(root / "data/raw/A1/project.qdpx")
    path.write_bytes(encrypted_member(path.read_bytes(), QDE_NAME))


ENTRIES = [
    e
    if e.name != "qdpx encrypted member"
    else Entry(
        e.name,
        e.family,
        encrypted_qdpx,
        f"data/raw/A1/project.qdpx: member {QDE_NAME} is encrypted; save a copy without a password",
        1,
    )
    for e in ENTRIES
]

"""Limits on input files, checked before a file is read into memory.

A case folder may come from anyone: a workbook may be empty, truncated, a CSV
or an old .xls renamed to .xlsx, password-protected, macro-enabled, or built to
exhaust memory (a zip "decompression bomb", or one cell far out at XFD1048576,
which would make the reader allocate the whole grid up to it). Each check below
gives one problem naming the file and what to do, and nothing is read further.
The limits (docs/reliability.md) are far above any real case workbook:
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024  # a workbook, CSV or .qdpx file on disk
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members of a workbook or .qdpx, unpacked
MAX_MEMBERS = 10_000  # members of one zip archive
MAX_SHEET_CELLS = 2_000_000  # rows x columns of a sheet's used area, from A1
MAX_CELL_CHARS = 32_767  # characters in one cell (Excel's own limit)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')
CHUNK = 1 << 20


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ch - 64)
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def file_size_problem(path: Path) -> str | None:
    """Why a file cannot be read at all (size, permission), or None."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is empty (0 bytes); was it saved completely?"
    if size > MAX_FILE_BYTES:
        return f"is {mb(size)}; input files may be at most {mb(MAX_FILE_BYTES)} (docs/reliability.md)"
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        return "cannot be read (permission denied)"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


def archive_problem(path: Path, kind: str) -> str | None:
    """Why a zip archive (an .xlsx or .qdpx) is refused before it is opened by
    its reader, or None: too many members, too large once unpacked, members
    whose declared sizes are false (checked by unpacking them as a stream,
    without keeping them), encrypted members."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return f"holds {len(members)} files; a {kind} may hold at most {MAX_MEMBERS}"
            declared = sum(m.file_size for m in members)
            if declared > MAX_UNPACKED_BYTES:
                return (
                    f"would unpack to {mb(declared)}; a {kind} may unpack to at most {mb(MAX_UNPACKED_BYTES)} "
                    "(docs/reliability.md)"
                )
            for member in members:
                if member.flag_bits & 0x1:
                    return f"member {member.filename} is encrypted; save a copy without a password"
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            return (
                                f"unpacks to more than {mb(MAX_UNPACKED_BYTES)}; a {kind} may unpack to at most "
                                f"{mb(MAX_UNPACKED_BYTES)} (docs/reliability.md)"
                            )
    except zipfile.BadZipFile as exc:
        return f"is truncated or corrupt (not a complete zip archive: {exc})"
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        return f"is truncated or corrupt ({exc})"
    return None


def sniff_workbook(path: Path) -> str | None:
    """Why `path` is not an .xlsx workbook that may be opened, or None."""
    problem = file_size_problem(path)
    if problem:
        return problem
    if path.suffix.lower() == ".xlsm":
        return (
            "is a macro-enabled workbook (.xlsm), which crosscase does not read; save it as an Excel Workbook (.xlsx)"
        )
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()
        if ENCRYPTED_MARK in data:
            return "is password-protected (encrypted); save a copy without a password as .xlsx"
        return (
            "is an old Excel 97-2003 workbook (.xls) with an .xlsx name; open it in Excel and save it as an "
            "Excel Workbook (.xlsx)"
        )
    if not head.startswith(ZIP_MAGIC):
        if looks_like_text(path):
            return "is a text file (a CSV file renamed to .xlsx?), not an Excel workbook; save it as .xlsx"
        return "is not an Excel workbook (.xlsx)"
    problem = archive_problem(path, "workbook")
    if problem:
        return problem
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            return "is a zip archive but not an Excel workbook (it has no xl/workbook.xml)"
        if "xl/vbaProject.bin" in names:
            return (
                "holds macros (a macro-enabled workbook renamed to .xlsx), which crosscase does not read; "
                "save it as an Excel Workbook (.xlsx)"
            )
        titles = sheet_titles(archive)
        for name in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            rows, columns = used_area(archive, name)
            if rows * columns > MAX_SHEET_CELLS:
                where = f"sheet '{titles[name]}'" if name in titles else name
                return (
                    f"{where}: its used area reaches row {rows}, column {column_letters(columns)} "
                    f"({rows * columns:,} cells from A1); a sheet may span at most {MAX_SHEET_CELLS:,} cells. "
                    "Delete the far-away cells (Ctrl+End shows the last one)"
                )
    return None


def sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """{'xl/worksheets/sheet1.xml': 'case', ...} from the workbook's index
    (parsed with defusedxml; {} when it cannot be read)."""
    import defusedxml.ElementTree as DefusedET

    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        workbook = DefusedET.fromstring(archive.read("xl/workbook.xml"))
        rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # noqa: BLE001 -- only a nicer message depends on it
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    return {
        targets[sheet.get(relationships)]: sheet.get("name")
        for sheet in workbook.iter()
        if sheet.tag.endswith("}sheet") and sheet.get(relationships) in targets
    }


def used_area(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(last row, last column) referenced by the cells of one sheet's XML,
    found by streaming it (it is never held whole)."""
    rows = columns = 0
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            for match in _CELL_REF.finditer(data):
                columns = max(columns, column_number(match.group(1)))
                rows = max(rows, int(match.group(2)))
            for match in _ROW_REF.finditer(data):
                rows = max(rows, int(match.group(1)))
            tail = data[-256:]
    return rows, columns


def looks_like_text(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not only a character cut at the end
            return False
    return b"\x00" not in head


def long_cells(sheets: dict[str, list[list]]):
    """(sheet, Excel row, column letter, value) of each text cell over MAX_CELL_CHARS."""
    for sheet, rows in sheets.items():
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    yield sheet, r, column_letters(c), value

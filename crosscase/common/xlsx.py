"""Writing .xlsx files reproducibly: the same content gives the same bytes.

openpyxl stamps the save time into the document properties and the zip entries;
here both are pinned, so that a re-run on unchanged inputs changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FIXED_DATE = dt.datetime(2000, 1, 1)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def reproducible_xlsx_bytes(workbook, when: dt.datetime = FIXED_DATE, author: str = "crosscase") -> bytes:
    """The workbook's .xlsx bytes with document dates `when` and fixed zip timestamps."""
    from openpyxl.writer.excel import ExcelWriter

    props = workbook.properties
    props.creator = author
    props.lastModifiedBy = author
    props.created = when
    props.modified = when
    raw = io.BytesIO()
    # ExcelWriter, unlike Workbook.save, keeps `modified` as set above.
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()

"""Zip the readable REFI-QDA fixture in tests/fixtures/refi/src into a .qdpx.

    .venv/bin/python tests/refi_fixture.py   # rewrites tests/fixtures/refi/small_project.qdpx

Entries are stored (not deflated), sorted, with a fixed timestamp, so the
archive is the same bytes every time. Tests use `build_qdpx(..., replace=...)`
to make malformed variants of the same project."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "refi"
SOURCE = FIXTURES / "src"
SHIPPED = FIXTURES / "small_project.qdpx"
QDE_NAME = "Small Project.qde"  # named after the project, as NVivo and MAXQDA do


def source_files(src: Path = SOURCE) -> dict[str, bytes]:
    return {p.relative_to(src).as_posix(): p.read_bytes() for p in sorted(src.rglob("*")) if p.is_file()}


def build_qdpx(out: Path, src: Path = SOURCE, replace: dict[str, bytes | None] | None = None) -> Path:
    """Write `src` as a .qdpx; `replace` maps entry names to new bytes (None drops one)."""
    entries = source_files(src)
    for name, data in (replace or {}).items():
        if data is None:
            entries.pop(name, None)
        else:
            entries[name] = data
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return out


if __name__ == "__main__":
    print(build_qdpx(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED))

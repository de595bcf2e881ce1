"""Provenance of a synthesis run: software versions, the configuration used, a
SHA-256 checksum of every input file and the run date.

Everything here is a pure function of the inputs except the run date. The run
date is kept out of every table and CSV; it appears only in the README sheet
of the workbook and in the report's provenance page. Set SOURCE_DATE_EPOCH
(seconds since 1970-01-01 UTC, the reproducible-builds convention) to pin it,
for instance to the date of the last commit:

    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) snakemake --cores all
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
from importlib import metadata
from pathlib import Path

from crosscase.common.problems import UserInputError

# Packages whose versions can change a result; reported beside crosscase and snakemake.
PACKAGES = ("pandas", "numpy", "pyarrow", "scipy", "openpyxl", "python-calamine", "matplotlib", "PyYAML")


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(paths) -> list[dict]:
    """One record per distinct file, sorted by path: path, bytes, sha256.
    A path that does not exist is listed with sha256 'missing'."""
    records = []
    for path in sorted({str(p) for p in paths}):
        if os.path.isfile(path):
            records.append({"path": path, "bytes": os.path.getsize(path), "sha256": sha256_file(path)})
        else:
            records.append({"path": path, "bytes": None, "sha256": "missing"})
    return records


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def software_versions() -> dict[str, str]:
    from crosscase import __version__

    versions = {
        "crosscase": __version__,
        "snakemake": package_version("snakemake"),
        "python": platform.python_version(),
    }
    versions.update({name: package_version(name) for name in PACKAGES})
    return versions


def run_date(environ=None) -> str:
    """The run date as ISO 8601 UTC: SOURCE_DATE_EPOCH when set, else now."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UserInputError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970-01-01"
            ) from None
    else:
        moment = dt.datetime.now(tz=dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def run_date_is_pinned(environ=None) -> bool:
    environ = os.environ if environ is None else environ
    return bool(environ.get("SOURCE_DATE_EPOCH", "").strip())


def config_yaml(config: dict) -> str:
    """The configuration as YAML text, keys in the order they were given."""
    import yaml

    return yaml.safe_dump(plain(config), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def plain(value):
    """Snakemake's Config objects and the like to plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def collect(input_files, config: dict, environ=None) -> dict:
    """The whole provenance record (JSON-serialisable)."""
    return {
        "run_date": run_date(environ),
        "run_date_pinned": run_date_is_pinned(environ),
        "software": software_versions(),
        "config_yaml": config_yaml(config),
        "inputs": file_checksums(input_files),
    }


def without_run_date(record: dict) -> dict:
    """The provenance that is a pure function of the inputs (for tables and Markdown)."""
    return {k: v for k, v in record.items() if k not in ("run_date", "run_date_pinned")}


def read(path: str | Path) -> dict:
    import json

    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write(record: dict, path: str | Path) -> None:
    import json

    from crosscase.common.files import atomic_write

    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def workflow_inputs(*groups) -> list[str]:
    """Input files for the provenance record: the given groups of paths
    (config files, case files), relative to the working directory, once each."""
    paths = []
    for group in groups:
        for path in group:
            path = str(path)
            paths.append(os.path.relpath(path) if os.path.isabs(path) else path)
    return list(dict.fromkeys(paths))

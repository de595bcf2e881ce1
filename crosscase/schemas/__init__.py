"""JSON Schemas (as YAML) of the configuration files, shipped with the package so
that a case list, vocabulary or config anywhere on disk is checked against the
same rules, by the workflow and by the command line alike."""

from __future__ import annotations

from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent


def schema_path(name: str) -> Path:
    """The schema file for `name` (config, cases, vocabulary, qca)."""
    path = SCHEMA_DIR / f"{name}.schema.yaml"
    if not path.is_file():
        raise KeyError(f"no schema named {name!r} in {SCHEMA_DIR}")
    return path

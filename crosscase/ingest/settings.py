"""The configuration files, checked up front: config/config.yaml (every `qca:`
entry included), the case list (config/cases.tsv) and the vocabulary
(config/vocabulary.yaml).

Each file is checked against its schema in crosscase/schemas, and every problem
becomes one readable line: the file, the line (or the key), what is wrong and
what is allowed, with "did you mean ...?" for a near miss. The workflow calls
`check_workflow_settings` when it builds its DAG (so `snakemake -n` catches a
typo), and `crosscase validate` calls the same function: both give the same
lines. Nothing here writes a file.

Checks beyond the schemas (see docs/reliability.md):

* YAML: syntax errors name the file, line and column; a key given twice in one
  mapping is a problem (YAML would silently keep the last); numbers must be
  finite (no `.inf`, `.nan`).
* config.yaml: unknown keys are rejected; success_class thresholds ordered;
  each `qca:` entry: unique names, fuzzy anchors strictly ordered, a second
  inclusion cut not above the first, sources that exist, dir_exp and theory
  naming only the entry's conditions.
* cases.tsv: UTF-8 (a BOM is allowed), CRLF or LF line ends, tab-separated
  (spaces instead of tabs are named as such), unknown columns rejected, ids
  unique (also ignoring upper/lower case, since a case id names a folder),
  include yes/within/no, at least one case with include = yes.
* Case folders (`check_case_folders`): the folder and its case.xlsx exist and
  can be read; no symbolic link and no path leading outside the project folder
  unless `allow_external_paths: true` is set in config.yaml.
"""

from __future__ import annotations

import difflib
import glob
import math
import os
import re
from pathlib import Path

import yaml

from crosscase.common.problems import UserInputError, format_value
from crosscase.schemas import schema_path

# Configuration files are small; anything larger is not one (and is not read).
MAX_SETTINGS_BYTES = 5 * 1024 * 1024
CASE_LIST_COLUMNS = ("case_id", "label", "path", "include")
# `include` in cases.tsv: `yes` analyses a case on its own and compares it with
# the others; `within` analyses it on its own only (its per-case results, pages
# and exports, in no cross-case table), for a case from another study that
# should not be pooled into the comparison; `no` keeps it listed and unbuilt.
COMPARED = ("yes",)
ANALYSED = ("yes", "within")
CASE_DATA_PATTERNS = ("*.xlsx", "*.xlsm", "*.xls", "*.csv", "*.qdpx")


class SettingsError(UserInputError):
    """One or more configuration problems, each a readable line."""

    def __init__(self, problems: list[str]):
        self.problems = list(dict.fromkeys(problems))
        if len(self.problems) == 1:
            text = self.problems[0]
        else:
            text = f"{len(self.problems)} configuration problems:\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(text)


# --------------------------------------------------------------------------
# small helpers


def did_you_mean(word, candidates) -> str:
    """' (did you mean 'x'?)' for a near miss among `candidates`, else ''."""
    if not isinstance(word, str):
        return ""
    names = [str(c) for c in candidates]
    lowered = {n.lower(): n for n in names}
    if word.strip().lower() in lowered and lowered[word.strip().lower()] != word:
        return f"; did you mean '{lowered[word.strip().lower()]}'?"
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def key_path(path) -> str:
    """('qca', 0, 'conditions', 2, 'name') -> 'qca[0].conditions[2].name'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def read_small_text(path: Path, what: str) -> str:
    """The UTF-8 text of a configuration file, refusing anything too large."""
    if not path.exists():
        raise SettingsError([f"{path}: the {what} does not exist"])
    if path.is_dir():
        raise SettingsError([f"{path}: the {what} is a folder, not a file"])
    try:
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            raise SettingsError(
                [
                    f"{path}: the {what} is {size / 1024 / 1024:.1f} MB; a configuration file "
                    f"may be at most {MAX_SETTINGS_BYTES // 1024 // 1024} MB"
                ]
            )
        data = path.read_bytes()
    except PermissionError:
        raise SettingsError([f"{path}: the {what} cannot be read (permission denied)"]) from None
    except OSError as exc:
        raise SettingsError([f"{path}: the {what} cannot be read ({exc.strerror or exc})"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SettingsError(
            [f"{path}, line {line}: the {what} is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"]
        ) from None


# --------------------------------------------------------------------------
# YAML with line numbers


def load_yaml(path: str | Path, what: str) -> tuple[object, dict]:
    """(data, {key path: line}) of a YAML file; syntax errors, repeated keys and
    non-finite numbers become SettingsError lines naming the file and line."""
    path = Path(path)
    text = read_small_text(path, what)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SettingsError([f"{path}{where}: YAML syntax error: {problem}"]) from None
    lines: dict = {}
    problems: list[str] = []
    if node is not None:
        _index_lines(node, (), lines, problems, path)
    problems += [
        f"{path}, line {lines.get(p, '?')}, {key_path(p)}: {short(v)} is not a finite number"
        for p, v in _non_finite(data, ())
    ]
    if problems:
        raise SettingsError(problems)
    return data, lines


def _index_lines(node, path, lines, problems, file) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            line = key.start_mark.line + 1
            if name in seen:
                problems.append(
                    f"{file}, line {line}, {key_path(path + (name,))}: the key is given twice "
                    f"(first on line {seen[name]}); keep one"
                )
                continue
            seen[name] = line
            lines[path + (name,)] = line
            _index_lines(value, path + (name,), lines, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, path + (index,), lines, problems, file)


def _non_finite(data, path):
    if isinstance(data, float) and not math.isfinite(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _non_finite(value, path + (str(key),))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite(value, path + (index,))


def line_of(lines: dict, path) -> int | None:
    """The line of `path`, or of its nearest ancestor in the file."""
    path = tuple(str(p) if not isinstance(p, int) else p for p in path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


# --------------------------------------------------------------------------
# schema errors as readable lines

TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of keys to values",
    "array": "a list",
    "null": "empty",
}


def kind_of(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def short(value, limit: int = 60) -> str:
    """A value as messages quote it: numbers bare, text quoted and cut short."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_value(value, limit=limit).strip("'")
    return format_value(value if not isinstance(value, (dict, list)) else kind_of(value), limit=limit)


def load_schema(name: str) -> dict:
    with open(schema_path(name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def schema_problems(instance, schema: dict, prefix=()) -> list[tuple[tuple, str]]:
    """(key path, message) for every schema error of `instance`, most useful first."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    out: list[tuple[tuple, str]] = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]):
        out += _describe(error, prefix)
    return list(dict.fromkeys(out))


def _describe(error, prefix) -> list[tuple[tuple, str]]:
    path = tuple(prefix) + tuple(error.absolute_path)
    value, rule, schema = error.instance, error.validator, error.schema
    if rule in ("oneOf", "anyOf"):
        return _describe_branches(error, prefix)
    if rule == "additionalProperties" and isinstance(value, dict):
        allowed = list(schema.get("properties", {}))
        extras = [k for k in value if k not in allowed]
        return [
            (path + (k,), f"unknown key '{k}'; allowed: {', '.join(allowed)}{did_you_mean(k, allowed)}") for k in extras
        ]
    if rule == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return [(path, f"'{k}' is missing (required: {', '.join(error.validator_value)})") for k in missing]
    if rule == "enum":
        choices = error.validator_value
        listed = "/".join(str(c) for c in choices)
        return [(path, f"{short(value)} is not allowed; expected one of {listed}{did_you_mean(value, choices)}")]
    if rule == "const":
        return [(path, f"{short(value)} is not allowed; expected {short(error.validator_value)}")]
    if rule == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = " or ".join(TYPE_WORDS.get(t, t) for t in expected)
        return [(path, f"{short(value)} is {kind_of(value)}; expected {words}")]
    if rule == "minimum":
        return [(path, f"{short(value)} is below the minimum {short(error.validator_value)}")]
    if rule == "maximum":
        return [(path, f"{short(value)} is above the maximum {short(error.validator_value)}")]
    if rule == "exclusiveMinimum":
        return [(path, f"{short(value)} must be greater than {short(error.validator_value)}")]
    if rule == "exclusiveMaximum":
        return [(path, f"{short(value)} must be less than {short(error.validator_value)}")]
    if rule == "pattern":
        expected = schema.get("x-expected") or f"text matching {error.validator_value}"
        return [(path, f"{short(value)} is not allowed: expected {expected}")]
    if rule == "maxItems":
        return [(path, f"has {len(value)} items; at most {error.validator_value} are allowed")]
    if rule == "minItems":
        return [(path, f"has {len(value)} items; at least {error.validator_value} needed")]
    if rule == "uniqueItems":
        repeated = sorted({str(v) for v in value if value.count(v) > 1})
        return [(path, f"lists {', '.join(repeated)} more than once; each item may appear once")]
    if rule == "minLength":
        return [
            (
                path,
                "is empty; a value is needed"
                if value == ""
                else f"{short(value)} is too short; at least {error.validator_value} characters needed",
            )
        ]
    if rule == "maxLength":
        return [(path, f"{short(value)} is too long; at most {error.validator_value} characters allowed")]
    if rule == "minProperties":
        return [(path, f"is empty; at least {error.validator_value} entry needed")]
    message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
    return [(path, message)]


def _describe_branches(error, prefix) -> list[tuple[tuple, str]]:
    """A oneOf/anyOf: report the errors of the branch the value was meant for
    (chosen by its `type` key, else by the kind of value)."""
    value, branches = error.instance, error.validator_value
    path = tuple(prefix) + tuple(error.absolute_path)
    chosen = None
    consts = [b.get("properties", {}).get("type", {}).get("const") for b in branches]
    if any(c is not None for c in consts) and isinstance(value, dict):
        if "type" not in value:
            return [(path, f"'type' is missing; expected one of {'/'.join(c for c in consts if c)}")]
        if value["type"] not in consts:
            return [
                (
                    path + ("type",),
                    f"{short(value['type'])} is not allowed; expected one of "
                    f"{'/'.join(c for c in consts if c)}{did_you_mean(value['type'], [c for c in consts if c])}",
                )
            ]
        chosen = consts.index(value["type"])
    else:
        kinds = [b.get("type") for b in branches]
        wanted = "array" if isinstance(value, list) else "object" if isinstance(value, dict) else None
        if wanted in kinds:
            chosen = kinds.index(wanted)
        elif "number" in kinds and not isinstance(value, (list, dict)):
            chosen = kinds.index("number")
    if chosen is None:
        kinds = " or ".join(TYPE_WORDS.get(b.get("type"), str(b.get("type"))) for b in branches)
        return [(path, f"{short(value)} is {kind_of(value)}; expected {kinds}")]
    out = []
    for sub in error.context:
        if sub.relative_schema_path and sub.relative_schema_path[0] == chosen:
            out += _describe(sub, prefix)
    if not out:  # valid for several branches (oneOf): name it plainly
        out = [(path, f"{short(value)} matches more than one allowed form")]
    return out


def located(file, lines: dict, problems: list[tuple[tuple, str]], names: dict | None = None) -> list[str]:
    """'file, line N, key: message' lines."""
    out = []
    for path, message in problems:
        if not path:
            out.append(f"{file}: {message}")
            continue
        line = line_of(lines, path)
        where = f"{file}, line {line}" if line else f"{file}"
        label = key_path(path)
        if names and path[0] == "qca" and len(path) > 1 and path[1] in names.get("qca", {}):
            label += f" (analysis '{names['qca'][path[1]]}')"
        out.append(f"{where}, {label}: {message}")
    return out


# --------------------------------------------------------------------------
# config.yaml


def check_config(
    config: dict,
    file: str | Path = "config/config.yaml",
    lines: dict | None = None,
    source_columns: dict[str, list[str]] | None = None,
) -> list[str]:
    """Every problem of the workflow configuration (incl. each `qca:` entry)."""
    lines = lines or {}
    if not isinstance(config, dict):
        return [f"{file}: expected a mapping of settings (key: value), found {kind_of(config)}"]
    problems = schema_problems(config, load_schema("config"))
    problems += [(p, f"{short(v)} is not a finite number") for p, v in _non_finite(config, ())]
    rule = config.get("success_class")
    if isinstance(rule, dict):
        low, high = rule.get("largely_failed_below"), rule.get("more_successful_min")
        if _is_number(low) and _is_number(high) and low > high:
            problems.append(
                (
                    ("success_class", "largely_failed_below"),
                    f"{short(low)} is above more_successful_min ({short(high)}); "
                    "a case cannot be both more successful and largely failed",
                )
            )
    analyses = config.get("qca") or []
    names = {}
    if isinstance(analyses, list):
        seen: dict = {}
        qca_schema = load_schema("qca")
        for index, entry in enumerate(analyses):
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                names[index] = entry["name"]
                if entry["name"] in seen:
                    problems.append(
                        (
                            ("qca", index, "name"),
                            f"'{entry['name']}' is already the name of "
                            f"qca[{seen[entry['name']]}]; each analysis needs its own name",
                        )
                    )
                seen.setdefault(entry["name"], index)
            problems += schema_problems(entry, qca_schema, ("qca", index))
            if isinstance(entry, dict):
                problems += qca_entry_problems(entry, ("qca", index), source_columns)
    return located(file, lines, problems, {"qca": names})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _sets(entry: dict, prefix):
    outcome = entry.get("outcome")
    if isinstance(outcome, dict):
        yield prefix + ("outcome",), outcome
    conditions = entry.get("conditions")
    if isinstance(conditions, list):
        for index, spec in enumerate(conditions):
            if isinstance(spec, dict):
                yield prefix + ("conditions", index), spec


def qca_entry_problems(entry: dict, prefix, source_columns=None) -> list[tuple[tuple, str]]:
    """What the schema cannot say about one `qca:` entry."""
    problems = []
    names_seen: dict = {}
    conditions = [s.get("name") for p, s in _sets(entry, prefix) if p[-2:-1] == ("conditions",)]
    conditions = list(dict.fromkeys(c for c in conditions if isinstance(c, str)))
    for path, spec in _sets(entry, prefix):
        name = spec.get("name")
        if isinstance(name, str):
            if name in names_seen:
                problems.append(
                    (
                        path + ("name",),
                        f"'{name}' is already used by {key_path(names_seen[name][len(prefix) :])}; "
                        "every set of an analysis needs its own name",
                    )
                )
            names_seen.setdefault(name, path)
        source = spec.get("source")
        if isinstance(source, str) and source_columns and ":" in source:
            kind, _, column = source.partition(":")
            known = source_columns.get(kind)
            if known is not None and column not in known:
                problems.append(
                    (
                        path + ("source",),
                        f"'{source}': {kind} has no column '{column}' "
                        f"(columns: {', '.join(known)}){did_you_mean(column, known)}",
                    )
                )
        calibration = spec.get("calibration")
        if isinstance(calibration, dict) and calibration.get("type") == "fuzzy":
            anchors = [calibration.get(k) for k in ("exclusion", "crossover", "inclusion")]
            if all(_is_number(a) for a in anchors):
                e, c, i = anchors
                if not (e < c < i or e > c > i):
                    problems.append(
                        (
                            path + ("calibration",),
                            f"anchors exclusion {short(e)}, crossover {short(c)}, inclusion "
                            f"{short(i)}: the crossover must lie strictly between the two anchors "
                            "(exclusion < crossover < inclusion, or all three reversed)",
                        )
                    )
    cut = entry.get("incl_cut")
    if isinstance(cut, list) and len(cut) == 2 and all(_is_number(v) for v in cut) and cut[1] > cut[0]:
        problems.append(
            (
                prefix + ("incl_cut",),
                f"the second inclusion cut ({short(cut[1])}) must not exceed the first ({short(cut[0])})",
            )
        )
    dir_exp = entry.get("dir_exp")
    if isinstance(dir_exp, dict):
        for key in dir_exp:
            if key not in conditions:
                problems.append(
                    (
                        prefix + ("dir_exp", str(key)),
                        f"'{key}' is not a condition of this analysis "
                        f"(conditions: {', '.join(conditions)}){did_you_mean(str(key), conditions)}",
                    )
                )
        if dir_exp and not entry.get("include_remainders"):
            problems.append(
                (
                    prefix + ("dir_exp",),
                    "directional expectations need include_remainders: true "
                    "(the intermediate solution is built from the remainders)",
                )
            )
    theory = entry.get("theory")
    if isinstance(theory, str):
        if not theory.strip():
            problems.append(
                (prefix + ("theory",), 'is empty; give a sum of products such as "A*B + ~C" or leave it out')
            )
        for literal in dict.fromkeys(re.findall(r"[^\s*+~()]+", theory)):
            if literal not in conditions:
                problems.append(
                    (
                        prefix + ("theory",),
                        f"'{literal}' in \"{theory}\" is not a condition of this analysis "
                        f"(conditions: {', '.join(conditions)}){did_you_mean(literal, conditions)}",
                    )
                )
    return problems


def load_config(path: str | Path = "config/config.yaml") -> tuple[dict, dict]:
    """(config, line index) of a config file, YAML problems raised."""
    data, lines = load_yaml(path, "workflow configuration")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SettingsError([f"{path}: expected a mapping of settings (key: value), found {kind_of(data)}"])
    return data, lines


# --------------------------------------------------------------------------
# vocabulary.yaml


def load_checked_vocabulary(path: str | Path) -> dict:
    """The vocabulary mapping, checked against the package's schema."""
    data, lines = load_yaml(path, "vocabulary")
    problems = located(path, lines, schema_problems(data, load_schema("vocabulary")))
    if problems:
        raise SettingsError(problems)
    return data


# --------------------------------------------------------------------------
# cases.tsv


def read_case_rows(path: str | Path) -> list[tuple[int, dict]]:
    """(line number, row) of every case in the case list, all problems raised."""
    import jsonschema  # noqa: F401  (the schema check below)

    path = Path(path)
    text = read_small_text(path, "case list")
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise SettingsError(
            [
                f"{path}: the case list is empty; expected a header line "
                f"({chr(9).join(CASE_LIST_COLUMNS)}, separated by tabs) and one line per case"
            ]
        )
    header_line, header_text = lines[0]
    header = [name.strip() for name in header_text.split("\t")]
    problems: list[str] = []
    if len(header) == 1 and len(header_text.split()) > 1:
        raise SettingsError(
            [
                f"{path}, line {header_line}: the header has no tabs ({short(header_text)}); "
                "separate the columns with tabs, not spaces"
            ]
        )
    for name in header:
        if name and name not in CASE_LIST_COLUMNS:
            problems.append(
                f"{path}, line {header_line}: unknown column '{name}'; allowed: "
                f"{', '.join(CASE_LIST_COLUMNS)}{did_you_mean(name, CASE_LIST_COLUMNS)}"
            )
        elif name and header.count(name) > 1:
            problems.append(f"{path}, line {header_line}: column '{name}' appears more than once")
    for name in ("case_id", "label", "include"):
        if name not in header:
            problems.append(
                f"{path}, line {header_line}: required column '{name}' is missing "
                f"(the header has: {', '.join(n for n in header if n) or 'nothing'})"
            )
    if problems:
        raise SettingsError(list(dict.fromkeys(problems)))
    schema = load_schema("cases")
    rows: list[tuple[int, dict]] = []
    first_id: dict = {}
    for number, line in lines[1:]:
        fields = line.split("\t")
        if len(fields) == 1 and len(header) > 1 and len(line.split()) > 1:
            problems.append(
                f"{path}, line {number}: has no tabs ({short(line)}); separate the columns with tabs, not spaces"
            )
            continue
        extra = [f for f in fields[len(header) :] if f.strip()]
        if extra:
            problems.append(f"{path}, line {number}: has {len(fields)} columns, but the header has {len(header)}")
            continue
        fields += [""] * (len(header) - len(fields))
        row = {name: fields[i].strip() for i, name in enumerate(header) if name}
        row.setdefault("path", "")
        if "include" in row:
            row["include"] = row["include"].lower()
        for key, message in schema_problems(row, schema):
            column = f", column '{key[0]}'" if key else ""
            problems.append(f"{path}, line {number}{column}: {message}")
        case_id = row.get("case_id", "")
        folded = case_id.lower()
        if folded in first_id:
            other_line, other_id = first_id[folded]
            same = "is a duplicate" if other_id == case_id else f"differs from '{other_id}' only in upper/lower case"
            problems.append(
                f"{path}, line {number}, column 'case_id': {short(case_id)} {same} (line {other_line}); "
                "case ids must be unique"
            )
        else:
            first_id[folded] = (number, case_id)
        rows.append((number, row))
    if not rows and not problems:
        problems.append(f"{path}: lists no case; add one line per case below the header")
    if problems:
        raise SettingsError(problems)
    for _, row in rows:
        if not row["path"]:
            row["path"] = f"data/raw/{row['case_id']}"
    return rows


# --------------------------------------------------------------------------
# case folders


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def check_case_folders(rows, cases_file, root: str | Path = ".", allow_external: bool = False) -> list[str]:
    """Problems of the case folders of `rows` ((line, row) pairs): missing or
    unreadable folder or case.xlsx, links and paths leaving the project."""
    root = Path(root).resolve()
    problems = []
    for number, row in rows:
        case_id, folder = row["case_id"], Path(row["path"])
        where = f"{cases_file}, line {number}: case {case_id}"
        absolute = folder if folder.is_absolute() else root / folder
        if not allow_external:
            if not inside(Path(os.path.abspath(absolute)), root):
                problems.append(
                    f"{where}: path {folder} leads outside the project folder ({root}); set "
                    "allow_external_paths: true in config/config.yaml to allow it"
                )
                continue
            link = first_link(absolute, root)
            if link is not None:
                problems.append(
                    f"{where}: {link.relative_to(root) if inside(link, root) else link} is a symbolic link "
                    f"(to {os.readlink(link)}); links are refused unless allow_external_paths: true "
                    "is set in config/config.yaml"
                )
                continue
        if not absolute.is_dir():
            state = "is not a folder" if absolute.exists() else "does not exist"
            problems.append(f"{where}: case folder {folder} {state} (see the path column of {cases_file})")
            continue
        if not os.access(absolute, os.R_OK | os.X_OK):
            problems.append(f"{where}: case folder {folder} cannot be read (permission denied)")
            continue
        workbook = folder / "case.xlsx"
        absolute_workbook = absolute / "case.xlsx"
        if not absolute_workbook.exists() and not absolute_workbook.is_symlink():
            others = sorted(p.name for p in absolute.glob("case.*"))
            hint = f" (found {', '.join(others)}; save it as an Excel workbook .xlsx)" if others else ""
            problems.append(f"{where}: {workbook} is missing; every case folder needs its case.xlsx{hint}")
        for pattern in CASE_DATA_PATTERNS:
            for name in sorted(glob.glob(os.path.join(glob.escape(str(absolute)), pattern))):
                data = Path(name)
                if data.name.startswith(("~$", ".")):
                    continue
                shown = folder / data.name
                if data.is_symlink() and not allow_external:
                    problems.append(
                        f"{where}: {shown} is a symbolic link (to {os.readlink(data)}); links are refused "
                        "unless allow_external_paths: true is set in config/config.yaml"
                    )
                elif not data.exists():
                    problems.append(f"{where}: {shown} is a broken link")
                elif not data.is_file():
                    problems.append(f"{where}: {shown} is not a file")
                elif not os.access(data, os.R_OK):
                    problems.append(f"{where}: {shown} cannot be read (permission denied)")
    return problems


def first_link(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from `root` down to `path`, if any."""
    path = Path(os.path.abspath(path))
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


# --------------------------------------------------------------------------
# everything at once


def check_workflow_settings(
    config: dict | None = None,
    config_file: str | Path = "config/config.yaml",
    root: str | Path = ".",
    source_columns: dict[str, list[str]] | None = None,
    folders: str = "included",
):
    """Check config, vocabulary, case list and case folders; return
    (config, case rows, vocabulary mapping) or raise SettingsError listing
    every problem. `config` is the mapping Snakemake loaded (with any --config
    overrides); None reads `config_file`. `folders`: 'included' checks the folders
    of included cases, 'all' of every case, 'none' skips them."""
    config_file = Path(config_file)
    lines: dict = {}
    if config_file.exists():
        loaded, lines = load_config(config_file)
        config = loaded if config is None else config
    elif config is None:
        raise SettingsError([f"{config_file}: the workflow configuration does not exist"])
    problems = []
    vocabulary = None
    columns = dict(source_columns or {})
    if isinstance(config, dict) and isinstance(config.get("vocabulary"), str):
        try:
            vocabulary = load_checked_vocabulary(config["vocabulary"])
            columns.setdefault("typology", [f"{d}.{a}" for d, attrs in vocabulary["typology"].items() for a in attrs])
        except SettingsError as exc:
            problems += exc.problems
    problems = check_config(config, config_file, lines, columns) + problems
    rows = []
    if isinstance(config, dict) and isinstance(config.get("cases"), str):
        try:
            rows = read_case_rows(config["cases"])
        except SettingsError as exc:
            problems += exc.problems
        if rows and folders != "none":
            included = [(n, r) for n, r in rows if r["include"] in ANALYSED]
            if folders == "included" and not any(r["include"] in COMPARED for _, r in rows):
                problems.append(f"{config['cases']}: no case has include = yes; there is nothing to compare")
            problems += check_case_folders(
                included if folders == "included" else rows,
                config["cases"],
                root,
                bool(config.get("allow_external_paths", False)),
            )
    if problems:
        raise SettingsError(problems)
    return config, rows, vocabulary


def exit_on_problems(check, *args, **kwargs):
    """Run a check from a Snakefile: on SettingsError print its lines (no
    traceback) and stop with exit status 1."""
    import sys

    try:
        return check(*args, **kwargs)
    except SettingsError as exc:
        sys.stderr.write(f"crosscase: {exc}\n")
        raise SystemExit(1) from None

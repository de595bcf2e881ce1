"""QCA inside the workflow: calibrate case-level metrics into sets, run one
configured analysis, and render its JSON, CSV and Markdown outputs.

An analysis (one entry of the `qca:` list in config/config.yaml, checked against
config/schemas/qca.schema.yaml) names an outcome and conditions; each is built
from a source column and a calibration:

  source       `pattern:<column>` -- a column of results/crosscase/pattern_matching.csv
               `typology:<dimension.attribute>` -- a column of
               results/tables/table2_typology.csv ("X" = present -> 1, empty -> 0)
  calibration  crisp         {threshold: t}              1 if value >= t, else 0
               crisp_equals  {value: v}                  1 if value == v, else 0
               fuzzy         {exclusion: e, crossover: c, inclusion: i[, idm: 0.95]}
               membership    {}                           already a membership in [0, 1]

Fuzzy calibration is R QCA's direct method, `calibrate(x, type = "fuzzy",
thresholds = c(e, c, i))`: a logistic curve through the crossover whose log
odds at the anchors are +/- log(idm / (1 - idm)); with R's default idm = 0.95
a value at the inclusion anchor gets 0.95 and one at the exclusion anchor 0.05.
Ragin's fsQCA software uses log odds of exactly 3 (0.953 / 0.047): set
`idm: 0.9525741268` to reproduce it. Anchors given in decreasing order make a
decreasing set. As in R, memberships below 0.0001 become 0 and above 0.9999
become 1; otherwise they are kept unrounded (the CSV shows them to 6 decimals).

A case with a missing value in any source the analysis uses is left out of it
and listed, with the reason, in every output.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from crosscase.common.markdown import pipe_table
from crosscase.common.missing import is_missing
from crosscase.qca import engine as qca
from crosscase.qca import robustness as robustness_module
from crosscase.schemas import schema_path

SCHEMA_PATH = schema_path("qca")
R_DEFAULT_IDM = 0.95
CSV_FLOAT_FORMAT = "%.6f"


# --------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------


def calibrate_fuzzy(x, exclusion: float, crossover: float, inclusion: float, idm: float = R_DEFAULT_IDM) -> np.ndarray:
    """Direct fuzzy calibration (R QCA `calibrate(type = "fuzzy")`, logistic)."""
    if not 0.5 < idm < 1:
        raise qca.QCAInputError(f"idm must lie strictly between 0.5 and 1, not {idm}")
    increasing = exclusion < crossover < inclusion
    decreasing = exclusion > crossover > inclusion
    if not (increasing or decreasing):
        raise qca.QCAInputError(
            f"fuzzy anchors must be ordered exclusion < crossover < inclusion (or all reversed), "
            f"got {exclusion}, {crossover}, {inclusion}"
        )
    x = np.asarray(x, dtype=float)
    low, high = (exclusion, inclusion) if increasing else (inclusion, exclusion)
    log_odds = math.log(idm / (1 - idm))
    scale = np.where(x >= crossover, log_odds / (high - crossover), log_odds / (crossover - low))
    membership = 1.0 / (1.0 + np.exp(-(x - crossover) * scale))
    if decreasing:
        membership = 1.0 - membership
    membership = np.where(membership < 0.0001, 0.0, membership)
    return np.where(membership > 0.9999, 1.0, membership)


def calibrate_crisp(x, threshold: float) -> np.ndarray:
    """R QCA crisp calibration with one threshold: 1 from the threshold up."""
    return (np.asarray(x, dtype=float) >= threshold).astype(float)


def calibrate_equals(values, value) -> np.ndarray:
    return np.array([1.0 if str(v) == str(value) else 0.0 for v in values])


def calibrate(values: pd.Series, spec: dict, label: str) -> np.ndarray:
    """Apply one calibration spec to the (non-missing) source values."""
    kind = spec["type"]
    if kind == "crisp_equals":
        return calibrate_equals(values.tolist(), spec["value"])
    numbers = numeric_values(values, label)
    if kind == "crisp":
        return calibrate_crisp(numbers, spec["threshold"])
    if kind == "fuzzy":
        return calibrate_fuzzy(
            numbers, spec["exclusion"], spec["crossover"], spec["inclusion"], spec.get("idm", R_DEFAULT_IDM)
        )
    if kind == "membership":
        return qca.membership_column(numbers.tolist(), label, values.index.astype(str).tolist())
    raise qca.QCAInputError(f"{label}: unknown calibration type {kind!r}")


def numeric_values(values: pd.Series, label: str) -> np.ndarray:
    out = np.empty(len(values))
    for i, (case, raw) in enumerate(values.items()):
        try:
            out[i] = float(raw)
        except (TypeError, ValueError):
            raise qca.QCAInputError(f"{label}: case '{case}' has the non-numeric value {raw!r}") from None
    return out


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def _read(path) -> pd.DataFrame:
    """A table by case: typed from Parquet (the workflow's own twins, full
    precision), or as text from a CSV (`crosscase qca` on a user's file)."""
    if str(path).endswith(".parquet"):
        return pd.read_parquet(path).set_index("case_id", drop=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("case_id", drop=False)


def read_pattern_matching(path) -> pd.DataFrame:
    return _read(path)


def read_typology(path) -> pd.DataFrame:
    return _read(path)


def typology_presence(cell: str, case: str, column: str) -> float:
    text = str(cell).strip()
    if text in ("X", "x"):
        return 1.0
    if text == "":
        return 0.0
    raise qca.QCAInputError(f"typology column '{column}', case '{case}': expected 'X' or an empty cell, not {cell!r}")


def source_values(source: str, pattern: pd.DataFrame, typology: pd.DataFrame | None, cases: list[str]) -> pd.Series:
    """The raw values of one source for `cases`; missing values are None."""
    kind, _, column = source.partition(":")
    if kind == "pattern":
        table = pattern
    elif kind == "typology":
        if typology is None:
            raise qca.QCAInputError(f"source {source!r} needs the typology table, which was not given")
        table = typology
    else:
        raise qca.QCAInputError(f"source {source!r} should start with 'pattern:' or 'typology:'")
    if column not in table.columns:
        raise qca.QCAInputError(f"source {source!r}: no column '{column}' (available: {', '.join(table.columns)})")
    values = {}
    for case in cases:
        if case not in table.index:
            values[case] = None
            continue
        cell = table.at[case, column]
        if kind == "typology":
            values[case] = typology_presence(cell, case, column)
        else:
            values[case] = None if is_missing(cell) or str(cell).strip() in ("", "NA", "nan", "NaN") else cell
    return pd.Series(values, dtype=object)


# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------


def load_schema() -> dict:
    import yaml

    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def validate_analysis_config(config: dict) -> None:
    """Check one configured analysis; QCAInputError names every problem, one
    line each (the same checks the workflow makes when it builds its DAG)."""
    from crosscase.ingest.settings import key_path, qca_entry_problems, schema_problems

    if not isinstance(config, dict):
        raise qca.QCAInputError(f"a QCA analysis must be a mapping of settings, not {type(config).__name__}")
    problems = schema_problems(config, load_schema()) + qca_entry_problems(config, ())
    if problems:
        name = config.get("name", "?")
        raise qca.QCAInputError("\n".join(f"QCA analysis '{name}': {key_path(p)}: {m}" for p, m in problems))


def find_analysis(analyses: list[dict], name: str) -> dict:
    for entry in analyses or []:
        if entry.get("name") == name:
            return entry
    raise qca.QCAInputError(f"no QCA analysis named '{name}' in the configuration")


# --------------------------------------------------------------------------
# One analysis
# --------------------------------------------------------------------------


def calibrated_table(config: dict, pattern: pd.DataFrame, typology: pd.DataFrame | None):
    """(calibrated sets per case, raw source values per case, excluded cases).

    The calibrated table has case_id then the outcome and condition memberships
    for the cases with every source present."""
    cases = [str(c) for c in pattern["case_id"].tolist()]
    sets = [config["outcome"]] + list(config["conditions"])
    raw = pd.DataFrame({"case_id": cases})
    excluded: dict[str, list[str]] = {}
    for spec in sets:
        values = source_values(spec["source"], pattern, typology, cases)
        raw[spec["name"] + "_source"] = values.values
        for case, value in values.items():
            if value is None:
                excluded.setdefault(case, []).append(f"{spec['source']} is missing ({spec['name']})")
    kept = [c for c in cases if c not in excluded]
    calibrated = pd.DataFrame({"case_id": kept})
    raw_kept = raw.set_index("case_id").loc[kept]
    for spec in sets:
        values = raw_kept[spec["name"] + "_source"]
        calibrated[spec["name"]] = calibrate(values, spec["calibration"], spec["name"]) if kept else []
    excluded_list = [{"case_id": c, "reason": "; ".join(excluded[c])} for c in cases if c in excluded]
    return calibrated, raw, excluded_list


def analyse_configured(config: dict, calibrated: pd.DataFrame) -> qca.Analysis:
    """The engine run for one configured analysis on its calibrated table."""
    conditions = [c["name"] for c in config["conditions"]]
    outcome = config["outcome"]["name"]
    if len(calibrated) == 0:
        raise qca.QCAInputError("no case has every source this analysis needs")
    return qca.analyse(
        calibrated[conditions].to_numpy(dtype=float),
        calibrated[outcome].to_numpy(dtype=float),
        conditions,
        outcome,
        calibrated["case_id"].tolist(),
        incl_cut=config.get("incl_cut", [1.0]),
        n_cut=config.get("n_cut", 1),
        pri_cut=config.get("pri_cut", 0.0),
        negate_outcome=config.get("negate_outcome", False),
        include_remainders=config.get("include_remainders", False),
        dir_exp=config.get("dir_exp"),
        theory=config.get("theory"),
        max_models=config.get("max_models"),
        exclude=config.get("exclude"),
        exclude_csa=config.get("exclude_csa", False),
        report_csa=config.get("report_csa", True),
        search_nodes=config.get("search_nodes"),
        necessity_options=config.get("necessity"),
    )


def robustness_of(config: dict, analysis: qca.Analysis, pattern: pd.DataFrame, typology: pd.DataFrame | None) -> dict:
    """Re-run the analysis over the inclusion cut, n.cut and calibration anchors
    (crosscase.qca.robustness; ranges from `robustness:` or the defaults)."""
    settings = config.get("robustness", {}) or {}
    variants = robustness_module.cut_variants(
        config.get("incl_cut", [1.0]), config.get("n_cut", 1), settings.get("incl_cut"), settings.get("n_cut")
    )
    if settings.get("calibration", True):
        sets = [config["outcome"]] + list(config["conditions"])
        variants += robustness_module.anchor_variants(
            sets, settings.get("anchor_shift", robustness_module.ANCHOR_SHIFT)
        )

    def run(options: dict) -> qca.Analysis:
        varied = dict(config)
        varied.update({k: v for k, v in options.items() if k != "calibration"})
        if "calibration" in options:
            varied["outcome"] = dict(config["outcome"])
            varied["conditions"] = [dict(c) for c in config["conditions"]]
            for spec in [varied["outcome"]] + varied["conditions"]:
                if spec["name"] in options["calibration"]:
                    spec["calibration"] = options["calibration"][spec["name"]]
        calibrated, _, _ = calibrated_table(varied, pattern, typology)
        return analyse_configured(varied, calibrated)

    return robustness_module.robustness(analysis, run, variants)


def robustness_csv(document: dict) -> pd.DataFrame:
    """Per case: outcome, initial solution, robust core, how often covered, type."""
    columns = [
        "case_id",
        "outcome",
        "initial_solution",
        "min_test",
        "max_test",
        "robust_core",
        "covered_runs",
        "runs",
        "frequency",
        "type",
    ]
    rows = [
        [
            c["case"],
            c["y"],
            c["initial"],
            c["min_test"],
            c["max_test"],
            c["core"],
            c["covered_runs"],
            c["runs"],
            c["frequency"],
            c["type"],
        ]
        for c in (document.get("robustness") or {}).get("cases", [])
    ]
    return pd.DataFrame(rows, columns=columns)


def run_configured_analysis(config: dict, pattern: pd.DataFrame, typology: pd.DataFrame | None = None):
    """Run one configured analysis; returns (json_dict, csv_dataframe, markdown).
    The JSON carries the robustness section (`robustness_csv` tabulates it)."""
    validate_analysis_config(config)
    calibrated, raw, excluded = calibrated_table(config, pattern, typology)
    header = {
        "analysis": config["name"],
        "description": config.get("description", ""),
        "n_cases": len(calibrated),
        "excluded_cases": excluded,
        "sets": {
            spec["name"]: {"source": spec["source"], "calibration": spec["calibration"]}
            for spec in [config["outcome"]] + list(config["conditions"])
        },
    }
    try:
        analysis = analyse_configured(config, calibrated)
    except qca.QCAInputError as error:
        document = {**header, "status": "not_run", "error": str(error)}
        csv = output_csv(calibrated, raw, None)
        return document, csv, render_markdown(document, None)
    parameters = {
        "dir_exp": config.get("dir_exp"),
        "include_remainders": bool(config.get("include_remainders", False)),
        "max_models": config.get("max_models"),
        "exclude": config.get("exclude"),
        "exclude_csa": bool(config.get("exclude_csa", False)),
    }
    document = {**header, "status": "ok", **qca.analysis_to_json(analysis, parameters)}
    if (config.get("robustness") or {}).get("enabled", True):
        document["robustness"] = robustness_of(config, analysis, pattern, typology)
    return document, output_csv(calibrated, raw, analysis), render_markdown(document, analysis)


def output_csv(calibrated: pd.DataFrame, raw: pd.DataFrame, analysis: qca.Analysis | None) -> pd.DataFrame:
    """Calibrated memberships, the raw source values, and each model's (and the
    theory's) membership per case."""
    out = calibrated.copy()
    sources = raw.set_index("case_id").loc[out["case_id"].tolist()] if len(out) else raw.iloc[0:0]
    for column in [c for c in raw.columns if c != "case_id"]:
        out[column] = sources[column].tolist() if len(out) else []
    if analysis is not None:
        X = analysis.truth_table.X
        configs = qca.crisp_configs(X)
        out["tt_row"] = (configs + 1).tolist()
        for model in analysis.solution.models:
            out[model.name] = qca.expression_membership(model.terms, X)
        for ev in analysis.theory[:1]:
            theory = qca.parse_expression(ev["theory"], analysis.truth_table.conditions)
            out["theory"] = qca.expression_membership(theory, X)
    return out


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------


def _cell(x) -> str:
    if is_missing(x):
        return "NA"
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


def _md_table(header: list[str], rows: list[list]) -> list[str]:
    return pipe_table(header, [[_cell(c) for c in r] for r in rows])


def render_markdown(document: dict, analysis: qca.Analysis | None) -> str:
    lines = [f"# QCA: {document['analysis']}", ""]
    if document.get("description"):
        lines += [document["description"], ""]
    n = document["n_cases"]
    lines += [
        f"Cases analysed: {n}. "
        + (
            "With so few cases the results are exploratory: a single case can change a "
            "consistency score, and most configurations are logical remainders."
            if n < 30
            else ""
        ),
        "",
        "## Sets and calibration",
        "",
    ]
    lines += _md_table(
        ["set", "source", "calibration"],
        [[name, s["source"], json.dumps(s["calibration"], sort_keys=True)] for name, s in document["sets"].items()],
    )
    if document["excluded_cases"]:
        lines += ["", "## Cases left out", ""]
        lines += _md_table(["case", "reason"], [[e["case_id"], e["reason"]] for e in document["excluded_cases"]])
    if document["status"] != "ok":
        lines += ["", "## Not run", "", f"The analysis could not run: {document['error']}", ""]
        return "\n".join(lines)
    tt = analysis.truth_table
    label = tt.outcome_label
    cut = document["parameters"]["incl_cut"]
    lines += [
        "",
        f"## Truth table (outcome {label}; incl.cut {cut[0]:g}"
        + (f", {cut[1]:g}" if cut[1] != cut[0] else "")
        + f"; n.cut {tt.n_cut}; pri.cut {tt.pri_cut:g})",
        "",
    ]
    lines += _md_table(
        ["row"] + tt.conditions + ["OUT", "n", "incl", "PRI", "cases"],
        [
            [r.row] + list(qca.config_string(c, tt.k)) + [r.out, r.n, r.incl, r.pri, ", ".join(r.cases)]
            for c, r in sorted(tt.rows.items())
        ],
    )
    lines += ["", f"The other {(1 << tt.k) - len(tt.rows)} of {1 << tt.k} configurations are logical remainders."]
    solution = document["solution"]
    lines += ["", f"## {solution['type'].capitalize()} solution", ""]
    if not solution["models"]:
        lines.append("No model (see the notes).")
    for model in solution["models"]:
        lines += [f"**{model['name']}**: `{model['expression']}` => {label}", ""]
        rows = [
            [t["term"], t["incl"], t["pri"], t["cov"], t["cov_unique"], "; ".join(t["cases"])] for t in model["terms"]
        ]
        rows.append([model["name"], model["incl"], model["pri"], model["cov"], "", ""])
        lines += _md_table(["term", "inclS", "PRI", "covS", "covU", "cases"], rows)
        if model["simplifying_assumptions"]:
            lines += [
                "",
                "Simplifying assumptions (remainder rows): " + ", ".join(map(str, model["simplifying_assumptions"])),
            ]
        lines.append("")
    esa = document.get("esa") or {}
    if esa.get("excluded_rows") or esa.get("contradictory_assumptions"):
        lines += ["## Enhanced standard analysis", ""]
        lines += [
            "Excluded remainder rows: " + (", ".join(map(str, esa["excluded_rows"])) or "none") + ".",
            "Contradictory simplifying assumptions (used for the outcome and its negation): "
            + (", ".join(map(str, esa["contradictory_assumptions"])) or "none")
            + (" (excluded)." if esa.get("csa_excluded") else "."),
            "",
        ]
    lines += ["## Necessity", ""]
    lines += _md_table(
        ["condition", "inclN", "RoN", "covN"],
        [[e["condition"], e["incl"], e["ron"], e["cov"]] for e in document["necessity"]],
    )
    combinations = document.get("necessity_combinations") or {}
    if combinations.get("expressions"):
        settings = combinations["settings"]
        lines += [
            "",
            f"Conjunctions and disjunctions (after R's superSubset: inclN >= {settings['incl_cut']:g}, "
            f"covN >= {settings['cov_cut']:g}, RoN >= {settings['ron_cut']:g}; a disjunction is a candidate "
            "only, meaningful when its members are equivalent ways to one concept):",
            "",
        ]
        lines += _md_table(
            ["expression", "type", "inclN", "RoN", "covN"],
            [[e["expression"], e["type"], e["incl"], e["ron"], e["cov"]] for e in combinations["expressions"]],
        )
    selection = document.get("case_selection") or {}
    if selection.get("models"):
        lines += ["", "## Cases for within-case study", "", f"Rules ({selection['source']}):", ""]
        lines += [f"- {kind.replace('_', ' ')}: {rule}" for kind, rule in selection["rules"].items()]
        for model in selection["models"][:5]:
            lines += ["", f"**{model['model']}** (* = uniquely covered typical case)", ""]
            rows = []
            for text in model["terms"]:
                types = selection["terms"][text]
                rows.append(
                    [
                        text,
                        ", ".join(
                            c["case"] + ("*" if c["case"] in model["unique_typical"][text] else "")
                            for c in types["typical"]
                        ),
                        ", ".join(c["case"] for c in types["deviant_consistency"]),
                        ", ".join(types["individually_irrelevant"]),
                    ]
                )
            lines += _md_table(["term", "typical", "deviant (consistency)", "individually irrelevant"], rows)
            lines += [
                "",
                "Deviant for coverage (outcome cases no term explains): "
                + (", ".join(c["case"] for c in model["deviant_coverage"]) or "none")
                + ".",
            ]
    for ev in document["theory_evaluation"]:
        lines += ["", f"## Theory evaluation: {ev['model']} against `{ev['theory']}`", ""]
        lines += _md_table(
            ["intersection", "inclS", "PRI", "covS", "cases with outcome", "cases without outcome"],
            [
                [
                    part,
                    f["incl"],
                    f["pri"],
                    f["cov"],
                    ", ".join(ev["cases_by_outcome"].get(part, {}).get("outcome", [])),
                    ", ".join(ev["cases_by_outcome"].get(part, {}).get("not_outcome", [])),
                ]
                for part, f in ev["fit"].items()
            ],
        )
    rob = document.get("robustness")
    if rob:
        lines += [
            "",
            f"## Robustness (initial solution {rob['initial_model']})",
            "",
            f"Method: {rob['source']}. Robust core = min over the initial and every test solution.",
            "",
        ]
        measures = {**rob["fit"], **rob["case_ratio"]}
        lines += _md_table(list(measures), [list(measures.values())])
        if rob.get("no_solution"):
            lines += ["", "Re-runs without a solution (left out of the core): " + ", ".join(rob["no_solution"]) + "."]
        lines += ["", "Initial models kept in the re-runs:", ""]
        lines += _md_table(
            ["model", "expression", "kept in", "of runs"],
            [[m["model"], m["expression"], m["runs_kept"], m["runs"]] for m in rob["models"][:20]],
        )
        lines += ["", "Re-runs:", ""]
        lines += _md_table(
            ["run", "status", "models"],
            [
                [r["label"], r["status"], "; ".join(r["models"][:3]) + (" ..." if len(r["models"]) > 3 else "")]
                for r in rob["runs"]
            ],
        )
        lines += ["", "Cases (covered = solution membership above 0.5):", ""]
        lines += _md_table(
            ["case", "Y", "initial", "core", "covered in runs", "type"],
            [
                [c["case"], c["y"], c["initial"], c["core"], f"{c['covered_runs']}/{c['runs']}", c["type"]]
                for c in rob["cases"]
            ],
        )
    if document["notes"]:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in document["notes"]]
    lines.append("")
    return "\n".join(lines)

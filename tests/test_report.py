"""One end-to-end run of the whole workflow on three small cases: it writes the
synthesis and figures, `snakemake --report` builds the HTML report from it,
and a forced re-run changes no byte; and the figures themselves on small
hand-made tables."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from casebuilder import copy_workflow, edited, minimal_case, write_case_list, write_workbook
from openpyxl import load_workbook

from crosscase.outputs import figures
from workflow import snakemake


def varied_case(case_id: str, variant: int) -> dict:
    """minimal_case with framework statuses varied, so that cases differ in
    every pattern-matching metric (and a QCA stage has conditions that vary)."""
    changes = {
        0: [],
        1: [(4, "observed", "full"), (6, "observed", "full"), (7, "observed", "none"), (3, "anticipated", "yes")],
        2: [(4, "observed", "none"), (5, "observed", "partial"), (7, "observed", "partial"), (8, "observed", "full")],
    }[variant % 3]
    sheets = minimal_case(case_id)
    for row, column, value in changes:
        sheets = edited(sheets, "framework", row, column, value)
    # the programme's resources, kept in two cases of three (the QCA condition RESOURCES)
    kept = "none" if variant % 3 == 1 else "full"
    sheets["framework"].append(
        [f"{case_id}-C9", "context", "internal", "resources", "Programme funding", "yes", kept, None, "s3.1"]
    )
    return sheets


COMPARED = (".csv", ".parquet", ".md", ".xlsx", ".png", ".html", ".json")
# Case B2's change_through, overview and a framework description (Excel rows of
# minimal_case): texts that start like formulas (docs/reliability.md, safe outputs).
HOSTILE_TEXT = {
    ("case", 4, "value"): "+cmd|' /C calc'!A0",
    ("case", 5, "value"): "@SUM(A1:A9)",
    ("framework", 2, "description"): "-2+3 | a pipe",
}


@pytest.fixture(scope="module")
def completed_run(tmp_path_factory):
    # the run date pinned, so that a re-run can be compared byte for byte
    env = pytest.MonkeyPatch()
    env.setenv("SOURCE_DATE_EPOCH", "1700000000")
    flow = copy_workflow(tmp_path_factory.mktemp("report") / "flow")
    for variant, (case_id, present) in enumerate(
        [
            ("A1", ("level.meso", "sector.social", "form.public")),
            ("B2", ("level.macro", "sector.social")),
            ("C3", ("level.meso", "form.third")),
        ]
    ):
        sheets = varied_case(case_id, variant)
        sheets["typology"] = minimal_case(case_id, present=present)["typology"]
        if case_id == "B2":  # text a spreadsheet would run as a formula (see test_no_csv_cell_is_a_formula)
            for (sheet, row, column), text in HOSTILE_TEXT.items():
                sheets = edited(sheets, sheet, row, column, text)
        write_workbook(flow / f"data/raw/{case_id}/case.xlsx", sheets)
    write_case_list(flow, [("A1", "First", "", "yes"), ("B2", "Second", "", "yes"), ("C3", "Third", "", "yes")])
    snakemake(flow)
    yield flow
    env.undo()


def test_the_run_writes_the_synthesis_and_figures(completed_run):
    results = completed_run / "results"
    for name in (
        "synthesis.xlsx",
        "synthesis.md",
        "provenance.json",
        "report/provenance.html",
        "figures/typology_heatmap.png",
    ):
        assert (results / name).exists(), name
    png = (results / "figures/typology_heatmap.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"matplotlib" not in png  # no Software tag
    workbook = load_workbook(results / "synthesis.xlsx")
    assert workbook.sheetnames[:4] == ["README", "Table 1 Case overview", "Table 2 Typology", "Table 3 Methods"]
    if (results / "crosscase/pattern_matching.csv").exists():
        assert "Pattern matching" in workbook.sheetnames
        assert (results / "figures/pattern_matching.png").exists()
    qca_charts = sorted((results / "figures").glob("qca_*.png"))
    assert qca_charts, "no QCA chart"
    assert any(name.startswith("QCA ") and name.endswith(" solution") for name in workbook.sheetnames)
    markdown = (results / "synthesis.md").read_text()
    assert "## Table 2 Typology" in markdown and "## Provenance" in markdown
    assert "data/raw/B2/case.xlsx" in markdown  # checksummed input


def test_snakemake_report_builds_the_html_report(completed_run):
    snakemake(completed_run, "--report", "results/report.html")
    report = completed_run / "results/report.html"
    assert report.exists() and report.stat().st_size > 10_000
    html = report.read_text(encoding="utf-8", errors="replace")
    assert "typology_heatmap.png" in html and "qca_" in html
    assert "synthesis.xlsx" in html and "synthesis.md" in html
    assert "provenance.html" in html
    assert "table1_case_overview.html" in html
    # captions and the workflow description are rendered into the report
    assert "Typology of the cases" in html
    assert "Cross-case synthesis of case study research" in html


def digest_tree(results: Path) -> dict[str, str]:
    return {
        path.relative_to(results).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(results.rglob("*"))
        if path.is_file() and path.suffix in COMPARED and "logs" not in path.relative_to(results).parts
    }


def test_a_forced_rerun_changes_no_byte(completed_run):
    """With the run date pinned, re-running everything changes no byte (moved
    here from test_determinism.py, which ran the workflow twice more for it)."""
    first = digest_tree(completed_run / "results")
    snakemake(completed_run, "--forceall")
    second = digest_tree(completed_run / "results")
    assert "synthesis.xlsx" in first and "synthesis.md" in first and "figures/typology_heatmap.png" in first
    assert "tables/table1_case_overview.parquet" in first and "crosscase/pattern_matching.csv" in first
    assert first == second, sorted(name for name in first if first[name] != second.get(name))
    record = json.loads((completed_run / "results/provenance.json").read_text())
    # 1700000000 s after 1970-01-01 is 2023-11-14T22:13:20Z
    assert record["run_date"] == "2023-11-14T22:13:20Z" and record["run_date_pinned"] is True


# ---------------------------------------------------------------------------
# The figures themselves, on small hand-made tables (including the awkward ones)


def texts(figure):
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]


def test_typology_heatmap_follows_the_clustering_leaf_order():
    table2 = pd.DataFrame({"case_id": ["A", "B", "C"], "level.macro": ["X", "", "X"], "level.meso": ["", "X", ""]})
    clusters = pd.DataFrame(
        {
            "kind": ["leaf", "leaf", "leaf", "merge", "merge"],
            "order": ["1", "2", "3", "1", "2"],
            "label": ["A", "C", "B", "K1", "K2"],
            "left": ["", "", "", "A", "K1"],
            "right": ["", "", "", "C", "B"],
            "distance": ["", "", "", "0.0", "1.0"],
        }
    )
    assert figures.leaf_order(clusters, ["A", "B", "C"]) == ["A", "C", "B"]
    assert figures.linkage_from_clusters(clusters, ["A", "B", "C"]).tolist() == [[0, 2, 0.0, 2], [3, 1, 1.0, 3]]
    figure = figures.typology_heatmap_figure(table2, clusters)
    heatmap = figure.axes[-1]
    assert [t.get_text() for t in heatmap.get_yticklabels()] == ["A", "C", "B"]
    assert "Case typology (Table 2): cases × attributes" in texts(figure)


def test_pattern_matching_chart_orders_by_attainment_and_marks_na():
    pattern = pd.DataFrame(
        {
            "case_id": ["A", "B", "C", "D"],
            "fidelity": ["0.5", "1", "", "0.2"],
            "context_foresight": ["1", "0.5", "0", "NA"],
            "attainment_intermediary": ["0.25", "1", "", "1"],
            "attainment_long_term": ["", "0", "0.5", "0.5"],
            "success_class": ["largely_failed", "more_successful", "mixed", "more_successful"],
        }
    )
    # intermediary first, ties broken by long-term, NA last, then case order
    assert figures.attainment_order(pattern)["case_id"].tolist() == ["D", "B", "A", "C"]
    meta = pd.DataFrame({"rank": ["2", "1", "3", "4"], "case_id": ["B", "D", "A", "C"]})
    assert figures.attainment_order(pattern, meta)["case_id"].tolist() == ["D", "B", "A", "C"]
    figure = figures.pattern_matching_figure(pattern, meta)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels[0] == "D\nmore successful" and labels[-1] == "C\nmixed"
    assert texts(figure).count("NA") == 4  # A long-term, C fidelity and intermediary, D foresight


def test_theme_heatmap_reads_long_tables_and_drops_empty_themes():
    themes = pd.DataFrame(
        {
            "code": ["trust", "trust", "cost", "empty"],
            "case_id": ["B", "A", "A", "A"],
            "segments": ["2", "5", "1", "0"],
            "segment_ids": ["s1, s2", "s3", "s4", ""],
        }
    )
    matrix, count = figures.theme_matrix(themes, ["A", "B"])
    assert count == "segments"
    assert matrix.index.tolist() == ["trust", "cost"] and matrix.columns.tolist() == ["A", "B"]
    assert matrix.loc["trust"].tolist() == [5, 2]
    figures.theme_heatmap_figure(themes, ["A", "B"])
    assert "No coded interview" in " ".join(texts(figures.theme_heatmap_figure(themes.iloc[:0])))


def test_qca_chart_draws_terms_and_cases():
    result = {
        "outcome": "SURV",
        "negated": False,
        "conditions": ["DEV", "STB"],
        "solution": {
            "type": "conservative",
            "models": [
                {
                    "name": "M1",
                    "expression": "DEV*~STB + STB",
                    "incl": 0.9,
                    "pri": 0.8,
                    "cov": 1.0,
                    "terms": [
                        {"term": "DEV*~STB", "incl": 1.0, "pri": 1.0, "cov": 0.5, "cov_unique": 0.25},
                        {"term": "STB", "incl": None, "pri": None, "cov": 0.75, "cov_unique": 0.5},
                    ],
                }
            ],
        },
    }
    data = pd.DataFrame(
        {"case_id": ["a", "b", "c"], "DEV": ["1", "0.8", "0"], "STB": ["0", "0.3", "1"], "SURV": ["1", "0.6", "0.2"]}
    )
    membership = figures.expression_membership(data, "DEV*~STB + STB")
    assert membership.round(3).tolist() == [1.0, 0.7, 1.0]
    figure = figures.qca_solution_figure(result, data, name="default")
    assert len(figure.axes) == 2
    assert "QCA default: solution for SURV" in texts(figure)
    # without data, or with an expression naming unknown columns: the bars alone
    assert len(figures.qca_solution_figure(result, None).axes) == 1
    assert len(figures.qca_solution_figure(result, data.drop(columns="STB")).axes) == 1
    empty = figures.qca_solution_figure({"outcome": "SURV", "solution": {"models": []}})
    assert any("No solution" in t for t in texts(empty))


def test_no_csv_cell_is_a_formula(completed_run):
    """Every CSV of the whole run: no cell begins with = + - @ tab or CR unless it
    is a plain number; B2's texts are there with the leading quote, and the
    workbook and the Markdown show them as typed (crosscase.common.safe_text)."""
    import csv
    import re

    cells = []
    for path in sorted((completed_run / "results").rglob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    number = re.compile(r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?")
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.fullmatch(c)] == []
    for text in HOSTILE_TEXT.values():
        assert "'" + text in cells
    workbook = load_workbook(completed_run / "results/synthesis.xlsx")
    values = {c.value for sheet in workbook for row in sheet.iter_rows() for c in row}
    assert {"+cmd|' /C calc'!A0", "@SUM(A1:A9)"} <= values
    markdown = (completed_run / "results/synthesis.md").read_text(encoding="utf-8")
    assert "@SUM(A1:A9)" in markdown and "'@SUM" not in markdown

"""Same inputs, same outputs: the synthesis and its figures are byte-identical
across runs; only the run date may differ, and only in the workbook's README
sheet and the provenance record, unless pinned. (That a forced re-run of the
whole workflow changes no byte in results/ is checked in test_report.py, on
its one end-to-end run.)"""

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from crosscase.outputs import figures
from crosscase.outputs import provenance as prov
from crosscase.outputs.markdown import synthesis_markdown
from crosscase.outputs.workbook import synthesis_tables, write_synthesis_workbook


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "results"
    (folder / "tables").mkdir(parents=True)
    (folder / "crosscase").mkdir(parents=True)
    (folder / "tables/table2_typology.csv").write_text("case_id,level.macro,level.meso\nA1,X,\nB2,,X\nC3,X,X\n")
    (folder / "crosscase/pattern_matching.csv").write_text(
        "case_id,fidelity,context_foresight,attainment_intermediary,attainment_long_term,success_class\n"
        "A1,0.5000,1.0000,0.2500,,largely_failed\nB2,1.0000,0.5000,1.0000,0.0000,more_successful\nC3,,0.0000,0.5000,0.5000,mixed\n"
    )
    (folder / "config.yaml").write_text("cases: config/cases.tsv\n")
    return folder


def provenance_record(inputs, epoch):
    return prov.collect(
        [inputs / "config.yaml"], {"cases": "config/cases.tsv"}, environ={"SOURCE_DATE_EPOCH": str(epoch)}
    )


def test_markdown_and_pinned_workbook_are_byte_identical(inputs, tmp_path):
    paths = sorted(str(p) for p in inputs.rglob("*.csv"))
    for run in ("a", "b"):
        record = provenance_record(inputs, 1_700_000_000)
        write_synthesis_workbook(tmp_path / f"{run}.xlsx", synthesis_tables(paths), record)
        (tmp_path / f"{run}.md").write_text(synthesis_markdown(synthesis_tables(paths), prov.without_run_date(record)))
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()


def test_unpinned_run_dates_change_only_the_readme_date(inputs, tmp_path):
    paths = sorted(str(p) for p in inputs.rglob("*.csv"))
    for run, epoch in (("a", 1_700_000_000), ("b", 1_800_000_000)):
        write_synthesis_workbook(tmp_path / f"{run}.xlsx", synthesis_tables(paths), provenance_record(inputs, epoch))
    first, second = load_workbook(tmp_path / "a.xlsx"), load_workbook(tmp_path / "b.xlsx")
    assert first.sheetnames == second.sheetnames
    differences = []
    for name in first.sheetnames:
        rows_a = [[c.value for c in row] for row in first[name].iter_rows()]
        rows_b = [[c.value for c in row] for row in second[name].iter_rows()]
        differences += [(name, a, b) for a, b in zip(rows_a, rows_b) if a != b]
        assert len(rows_a) == len(rows_b)
    assert len(differences) == 1
    sheet, row_a, row_b = differences[0]
    assert sheet == "README" and row_a[0] == "Run date"
    assert row_a[1].startswith("2023-11-14T22:13:20Z") and row_b[1].startswith("2027-01-15T08:00:00Z")


def test_run_date_comes_from_source_date_epoch():
    assert prov.run_date({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01T00:00:00Z"
    assert prov.run_date_is_pinned({"SOURCE_DATE_EPOCH": "0"})
    assert not prov.run_date_is_pinned({})
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='soon' is not a whole number"):
        prov.run_date({"SOURCE_DATE_EPOCH": "soon"})
    # everything but the run date is a function of the inputs
    record = prov.without_run_date(prov.collect([], {"a": 1}))
    assert set(record) == {"software", "config_yaml", "inputs"}


def test_checksums_name_every_input(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"abc")
    (tmp_path / "a.txt").write_bytes(b"")
    records = prov.file_checksums([tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "gone.txt"])
    assert [Path(r["path"]).name for r in records] == ["a.txt", "b.txt", "gone.txt"]
    assert records[1]["sha256"] == hashlib.sha256(b"abc").hexdigest() and records[1]["bytes"] == 3
    assert records[2]["sha256"] == "missing"


def test_figures_are_byte_identical(inputs, tmp_path):
    table2 = pd.read_csv(inputs / "tables/table2_typology.csv", dtype=str, keep_default_na=False)
    pattern = pd.read_csv(inputs / "crosscase/pattern_matching.csv", dtype=str, keep_default_na=False)
    for run in ("a", "b"):
        figures.save_png(figures.typology_heatmap_figure(table2), tmp_path / f"typology_{run}.png")
        figures.save_png(figures.pattern_matching_figure(pattern), tmp_path / f"pattern_{run}.png")
    for name in ("typology", "pattern"):
        assert (tmp_path / f"{name}_a.png").read_bytes() == (tmp_path / f"{name}_b.png").read_bytes()

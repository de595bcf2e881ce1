"""No stale or extra results (crosscase.ingest.stale, rules/stale.smk): a case
switched to include = no loses its partitions and folders, a dry run deletes
nothing, included cases are not touched."""

import hashlib

from casebuilder import copy_workflow, write_case, write_case_list

from crosscase.ingest.stale import leftover_temporaries, remove_stale, stale_paths
from workflow import snakemake


def touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


def test_stale_paths_are_exactly_those_of_excluded_cases_and_analyses(tmp_path):
    for case in ("A1", "B2"):
        touch(tmp_path / f"results/normalised/framework/case_id={case}/part-0.parquet")
        touch(tmp_path / f"results/cases/{case}/metrics.csv")
        touch(tmp_path / f"results/logs/ingest/{case}.log")
    for name in ("success", "old"):
        touch(tmp_path / f"results/crosscase/qca/{name}.json")
        touch(tmp_path / f"results/figures/qca_{name}.png")
    touch(tmp_path / "results/crosscase/pattern_matching.csv")
    touch(tmp_path / "results/tables/.table1.csv.abc.tmp")
    assert [str(p.relative_to(tmp_path)) for p in stale_paths(tmp_path, ["A1"], ["success"])] == [
        "results/cases/B2",
        "results/crosscase/qca/old.json",
        "results/figures/qca_old.png",
        "results/logs/ingest/B2.log",
        "results/normalised/framework/case_id=B2",
    ]
    assert remove_stale(tmp_path, ["A1"], ["success"])[-1] == "results/normalised/framework/case_id=B2"
    assert stale_paths(tmp_path, ["A1"], ["success"]) == []
    assert (tmp_path / "results/normalised/framework/case_id=A1/part-0.parquet").exists()
    assert leftover_temporaries(tmp_path) == [tmp_path / "results/tables/.table1.csv.abc.tmp"]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_excluding_a_case_removes_its_results_but_a_dry_run_does_not(tmp_path):
    flow = copy_workflow(tmp_path / "flow")
    write_case(flow / "data/raw/A1", "A1")
    write_case(flow / "data/raw/B2", "B2")
    write_case_list(flow, [("A1", "First", "", "yes"), ("B2", "Second", "", "yes")])
    targets = ["results/included.tsv", "results/cases/A1/metrics.csv", "results/cases/B2/metrics.csv"]
    snakemake(flow, *targets)
    kept = flow / "results/normalised/framework/case_id=A1/part-0.parquet"
    before = digest(kept)
    write_case_list(flow, [("A1", "First", "", "yes"), ("B2", "Second", "", "no")])

    snakemake(flow, "-n", "results/included.tsv")
    assert (flow / "results/normalised/framework/case_id=B2").exists()  # a dry run deletes nothing

    snakemake(flow, "results/included.tsv")
    assert sorted(p.name for p in (flow / "results/normalised/framework").iterdir()) == ["case_id=A1"]
    assert not list((flow / "results/normalised").glob("*/case_id=B2"))
    assert sorted(p.name for p in (flow / "results/cases").iterdir()) == ["A1"]
    assert digest(kept) == before
    # the config ships one QCA analysis, `success`
    assert (flow / "results/included.tsv").read_text() == "kind\tname\ncase\tA1\nqca\tsuccess\n"

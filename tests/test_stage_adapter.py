"""The generic stage adapter (workflow/scripts/stage.py): a stage's function
returns its results by output name and the adapter writes each by suffix."""

import runpy
from pathlib import Path

import pandas as pd
import pytest

ADAPTER = Path(__file__).resolve().parents[1] / "workflow" / "scripts" / "stage.py"


class Named(dict):
    """Enough of Snakemake's named lists: items(), keys(), attributes, indexing."""

    def __getattr__(self, name):
        return self[name]

    def __getitem__(self, key):
        return list(self.values())[key] if isinstance(key, int) else dict.__getitem__(self, key)

    def __len__(self):
        return dict.__len__(self)


def case_counts(inputs, params, wildcards):
    """An example stage: how many cases, and a one-line page."""
    frame = pd.DataFrame({"case_id": params["case_order"], "n": [1] * len(params["case_order"])})
    return {"table": frame, "typed": frame, "page": f"# {len(frame)} cases\n"}


def run(tmp_path, outputs, compute="test_stage_adapter:case_counts"):
    smk = type("Smk", (), {})()
    smk.input = Named()
    smk.output = Named({key: str(tmp_path / name) for key, name in outputs.items()})
    smk.params = Named(compute=compute, case_order=["A1", "B2"])
    smk.wildcards = Named()
    smk.log = [str(tmp_path / "stage.log")]
    runpy.run_path(str(ADAPTER), init_globals={"snakemake": smk})


def test_each_result_is_written_to_its_output_by_suffix(tmp_path):
    run(tmp_path, {"table": "counts.csv", "typed": "counts.parquet", "page": "counts.md"})
    assert (tmp_path / "counts.csv").read_text() == "case_id,n\nA1,1\nB2,1\n"
    assert pd.read_parquet(tmp_path / "counts.parquet")["n"].tolist() == [1, 1]
    assert (tmp_path / "counts.md").read_text() == "# 2 cases\n"


def test_an_output_the_function_does_not_return_is_a_bug_not_a_silent_gap(tmp_path):
    with pytest.raises(ValueError, match="returned no extra"):
        run(tmp_path, {"table": "counts.csv", "extra": "extra.csv"})
    assert not (tmp_path / "extra.csv").exists()

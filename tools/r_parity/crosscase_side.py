"""The crosscase side of the parity check (tools/r_parity/README.md): for every
dataset of the manifest, crosscase's superSubset-style necessity, the models,
the case selection of the first three models and robustness over the default
inclusion-cut and n.cut re-runs (all re-runs with a model, and the first two of
them: SetMethods is exact for two test solutions). Writes one JSON file; the R
side reads the re-runs from it.
Usage: python tools/r_parity/crosscase_side.py <folder with manifest.json> <out.json>"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from crosscase.qca import engine as qca
from crosscase.qca import robustness
from crosscase.qca.necessity import super_subset


def run_dataset(d: dict) -> dict:
    X, y = np.array(d["X"], dtype=float), np.array(d["y"], dtype=float)
    conditions, names = d["conditions"], d["cases"]
    nec = d["necessity"]
    out = {"superSubset": super_subset(X, y, conditions, nec["incl_cut"], nec["cov_cut"], nec["ron_cut"], nec["depth"])}
    suf = d["sufficiency"]

    def run(options):
        settings = {
            "incl_cut": suf["incl_cut"],
            "n_cut": suf["n_cut"],
            "include_remainders": suf["include_remainders"],
            **options,
        }
        return qca.analyse(X, y, conditions, d["outcome"], names, **settings)

    try:
        analysis = run({})
    except qca.QCAInputError as error:
        out["error"] = str(error)
        return out
    out["models"] = [qca.write_expression(m.terms, conditions) for m in analysis.solution.models]
    if not analysis.solution.models:
        return out
    out["case_selection"] = analysis.case_selection
    variants = []
    for v in robustness.cut_variants(suf["incl_cut"], suf["n_cut"]):
        try:
            if run(v["options"]).solution.models:
                variants.append(v)
        except qca.QCAInputError:
            pass
    out["robustness"] = {}
    for which, chosen in (("pair", variants[:2]), ("all", variants)):
        if not chosen:
            continue
        result = robustness.robustness(analysis, run, chosen)
        result["variants"] = [
            {
                "label": v["label"],
                "incl_cut": v["options"].get("incl_cut", [suf["incl_cut"]])[0],
                "n_cut": v["options"].get("n_cut", suf["n_cut"]),
            }
            for v in chosen
        ]
        # each test solution's membership (first model), for the check of R's first-and-last rule
        result["test_memberships"] = [
            qca.expression_membership(run(v["options"]).solution.models[0].terms, X).tolist() for v in chosen
        ]
        out["robustness"][which] = result
    return out


def main(folder: str, target: str) -> None:
    manifest = json.loads((Path(folder) / "manifest.json").read_text())
    result = {d["name"]: run_dataset(d) for d in manifest}
    Path(target).write_text(json.dumps(result, indent=1, allow_nan=True))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

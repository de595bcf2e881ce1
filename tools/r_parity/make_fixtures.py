"""Write R's results for a few datasets as test fixtures
(tests/fixtures/r_setmethods/<name>.json: the dataset, the calls, R's output,
the versions). Usage: python tools/r_parity/make_fixtures.py <folder> <r.json> <crosscase.json> name..."""

import json
import sys
from pathlib import Path

folder, r_path, cc_path, *names = sys.argv[1:]
manifest = {d["name"]: d for d in json.loads((Path(folder) / "manifest.json").read_text())}
r_all = json.loads(Path(r_path).read_text())
cc_all = json.loads(Path(cc_path).read_text())
for name in names:
    d, r = manifest[name], r_all[name]
    rob = {
        which: {"variants": cc_all[name]["robustness"][which]["variants"], **r["robustness"][which]}
        for which in ("pair", "all")
        if which in (r.get("robustness") or {})
    }
    fixture = {
        "provenance": "tools/r_parity (README.md): R side setmethods_side.R, run by hand; values as R returned them",
        "versions": r_all["versions"],
        "dataset": d,
        "calls": {
            "superSubset": "superSubset(data, outcome = 'Y', conditions, relation = 'necessity', incl.cut, cov.cut, "
            "ron.cut, depth) with dataset.necessity",
            "minimize": "minimize(data, outcome = 'Y', conditions, incl.cut, n.cut, include = '?' if "
            "include_remainders, details = TRUE) with dataset.sufficiency",
            "case_selection": "SetMethods:::cases.suf.typ / .dcn / .dcv / .iir(sol, 'Y', sol = m), m = 1, 2, 3",
            "robustness": "rob.fit, rob.cases, rob.corefit, SetMethods:::rob.evaluation(test_sol = the minimize "
            "results of the variants, initial_sol = sol, outcome = 'Y')",
        },
        "r": {
            "superSubset": r["superSubset"],
            "solution": r["minimize"].get("solution"),
            "case_selection": r.get("case_selection"),
            "robustness": rob,
        },
    }
    Path(f"tests/fixtures/r_setmethods/{name}.json").write_text(json.dumps(fixture, indent=1) + "\n")

"""crosscase's QCA engine against R QCA on the charts of bench/bench_qca.py
(tools/r_parity/README.md, "R QCA on the benchmark charts").

For each fixture in tests/fixtures/r_bench/ (R's side, from bench_side.R) the
chart is drawn again with bench_qca.py's generators and run through
bench_qca.py's whole_command (analyse() plus the JSON document, incl.cut 0.8,
P without the CSA search) with max_models = R's count + 1 (so a longer list
than R's shows), or bench_qca.py's cap where R has no count; one child process
per run, under a wall-clock limit. Printed per chart: R's CPU seconds for
minimize, crosscase's CPU seconds for the whole command, both model counts,
and whether the two lists of models are identical in order (terms compared as
strings, each model's terms in R's $solution order), or else the same set.

Usage: PYTHONPATH=. python tools/r_parity/bench_compare.py [FIXTURE_DIR] [--timeout 300] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_datasets  # noqa: E402
from bench_fixtures import load  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "r_bench"
KIND_ORDER = {"clean": 0, "noisy": 1, "fuzzy": 2}


def crosscase_models(analysis) -> list[list[str]]:
    """Each model's terms as written in crosscase's JSON document (R's notation)."""
    from crosscase.qca import engine as qca

    doc = qca.analysis_to_json(analysis)
    return [[t["term"] for t in m["terms"]] for m in doc["solution"]["models"]]


def run_one(kind: str, k: int, solution: str, cap: int | None) -> dict:
    """One chart through bench_qca.py's whole_command (in this process)."""
    bench = bench_datasets.load_bench()
    chart = next((X, y) for kd, kk, X, y in bench_datasets.charts(bench) if kd == kind and kk == k)
    X, y = chart
    bench.MAX_MODELS = cap
    conditions = [f"C{i + 1}" for i in range(k)]
    names = [f"case{i}" for i in range(len(y))]
    analysis, cpu = bench.whole_command(X, y, conditions, names, solution == "P")
    return {"cpu_seconds": cpu, "models": crosscase_models(analysis), "notes": list(analysis.solution.notes)}


def fixtures(directory: Path) -> list[dict]:
    docs = [load(p) for p in sorted(directory.glob("*.json*"))]
    return sorted(docs, key=lambda d: (KIND_ORDER[d["kind"]], d["k"], d["solution"]))


def verdict(r: dict, c: dict) -> str:
    """'identical' (same models in the same order), 'same set', or the difference."""
    r_models, c_models = r["models"], c["models"]
    if r.get("r_error"):
        return "R stopped with an error; crosscase lists %d models" % len(c_models)
    if not r["models_complete"]:
        c_models = c_models[: len(r_models)]
        head = "first %d " % len(r_models)
    else:
        head = ""
    if c_models == r_models:
        return head + "identical"
    as_set = {frozenset(m) for m in r_models}
    c_set = {frozenset(m) for m in c_models}
    if as_set == c_set:
        return head + "same set, other order"
    return f"{head}differ: {len(c_set - as_set)} only in crosscase, {len(as_set - c_set)} only in R"


def markdown(docs: list[dict]) -> str:
    """R's side as the table of docs/qca.md ("R QCA on the benchmark charts")."""
    lines = [
        "| data | k | solution | R truthTable CPU s | R minimize CPU s | R models | R prime implicants |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in docs:
        cpu = d["r_cpu_seconds"]
        if d.get("r_error"):
            cpu_text, models = f"{cpu:.3f} (error)", "0 (error)"
        elif isinstance(cpu, (int, float)):
            cpu_text, models = f"{cpu:.3f}", str(d["n_models"])
        else:
            cpu_text, models = f"> 300 s wall ({cpu})" if cpu == "timeout" else cpu, "-"
        if d.get("beyond_skip_rule"):
            cpu_text += " (a)"
        tt = f"{d['r_tt_cpu_seconds']:.3f}" if "r_tt_cpu_seconds" in d else "-"
        pis = d.get("n_prime_implicants") or "-"
        lines.append(f"| {d['kind']} | {d['k']} | {d['solution']} | {tt} | {cpu_text} | {models} | {pis} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("fixtures", nargs="?", default=str(FIXTURES))
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", default="", help="comma-separated names such as noisy_k10_C")
    parser.add_argument("--markdown", action="store_true", help="print R's results as a Markdown table and stop")
    parser.add_argument("--child", nargs=4, metavar=("KIND", "K", "SOLUTION", "CAP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, k, solution, cap = args.child
        print(json.dumps(run_one(kind, int(k), solution, None if cap == "none" else int(cap))))
        return
    if args.markdown:
        print(markdown(fixtures(Path(args.fixtures))))
        return
    only = set(filter(None, args.only.split(",")))
    print(f"{'chart':14} {'R cpu_s':>9} {'cc cpu_s':>9} {'R models':>9} {'cc models':>9}  lists")
    for r in fixtures(Path(args.fixtures)):
        name = f"{r['kind']}_k{r['k']:02d}_{r['solution']}"
        if only and name not in only:
            continue
        r_cpu = r["r_cpu_seconds"]
        r_cpu_text = f"{r_cpu:9.2f}" if isinstance(r_cpu, (int, float)) else f"{r_cpu:>9}"
        r_count = r["n_models"]
        cap = r_count + 1 if isinstance(r_count, int) and r_count > 0 else bench_datasets.load_bench().MAX_MODELS
        command = [sys.executable, __file__, "--child", r["kind"], str(r["k"]), r["solution"], str(cap)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=True)
        except subprocess.TimeoutExpired:
            print(f"{name:14} {r_cpu_text} {'timeout':>9} {str(r_count):>9} {'-':>9}  -", flush=True)
            continue
        c = json.loads(done.stdout)
        mark = "*" if any("(search_nodes)" in n for n in c["notes"]) else " "
        lists = verdict(r, c) if isinstance(r_count, int) else "no R list"
        c_count = f"{len(c['models'])}{mark}"
        print(
            f"{name:14} {r_cpu_text} {c['cpu_seconds']:9.2f} {str(r_count):>9} {c_count:>9}  {lists}",
            flush=True,
        )
    print("(* crosscase noted that its search stopped (search_nodes): its list may be incomplete)")


if __name__ == "__main__":
    main()

"""Compare the crosscase side with the R side (tools/r_parity/README.md) and
print every difference, grouped. SetMethods rounds: its robustness fit goes
through QCAfit's format(digits = 3) and round(, 3), its case tables through
round(, 3); those figures are compared with crosscase's, rounded the same way.
Usage: python tools/r_parity/compare.py <folder with manifest.json> <crosscase.json> <r.json>"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

TOL = 1e-9
R_TYPES = {
    "S1S2Y": "robust typical",
    "S1S2y": "robust deviant",
    "S1s2Y": "shaky typical",
    "S1s2y": "shaky deviant",
    "s1S2Y": "possible typical",
    "s1S2y": "possible deviant",
    "s1s2Y": "extreme deviant coverage",
    "s1s2y": "irrelevant",
}


def close(a, b, tol=TOL) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        none = lambda v: v is None or (isinstance(v, float) and math.isnan(v))  # noqa: E731
        return none(a) and none(b)
    return abs(float(a) - float(b)) <= tol


def r_round(x: float, digits: int = 3) -> float:
    """R's round(): the nearest at `digits` decimals (the decimal string of the double)."""
    if x is None or math.isnan(x):
        return x
    return float(f"{x:.{digits}f}") if abs(x - round(x, digits)) != 0.5 * 10**-digits else round(x, digits)


def r_format3(values: list[float]) -> list[float]:
    """R's as.numeric(format(x, digits = 3)) for a vector in fixed notation:
    decimals enough that every element shows 3 significant digits (trailing
    zeros dropped), the same decimals for all."""
    decimals = 0
    for x in values:
        if x is None or not math.isfinite(x) or x == 0:
            continue
        e = math.floor(math.log10(abs(x)))
        shown = f"{x:.{max(0, 2 - e)}f}".rstrip("0").rstrip(".") if 2 - e > 0 else f"{x:.0f}"
        decimals = max(decimals, len(shown.split(".")[1]) if "." in shown else 0)
    return [x if (x is None or not math.isfinite(x)) else float(f"{x:.{decimals}f}") for x in values]


def qcafit(x: np.ndarray, y: np.ndarray) -> list[float]:
    """SetMethods' QCAfit (sufficiency): Cons.Suf, Cov.Suf, PRI, Cons.Suf(H), formatted as it does."""
    v = np.minimum(x, y)
    with np.errstate(invalid="ignore", divide="ignore"):
        cons = v.sum() / x.sum()
        cov = v.sum() / y.sum()
        m3 = np.minimum(v, 1 - y).sum()
        pri = (v.sum() - m3) / (x.sum() - m3)
        cons_h = v.sum() / (v + np.sqrt(np.maximum(x - y, 0) * x)).sum()
    return r_format3([float(cons), float(cov), float(pri), float(cons_h)])


def r_rob_fit(IS, core, min_ts, max_ts, y) -> dict:
    isf, rcf = qcafit(IS, y), qcafit(core, y)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "RF_cov": r_round(rcf[1] / isf[1]),
            "RF_cons": r_round(isf[0] / rcf[0]),
            "RF_SC_minTS": r_round(float(np.minimum(IS, min_ts).sum() / np.maximum(IS, min_ts).sum())),
            "RF_SC_maxTS": r_round(float(np.minimum(IS, max_ts).sum() / np.maximum(IS, max_ts).sum())),
        }


def r_case_types(IS, min_ts, max_ts, y, names) -> dict:
    """rob.cases' intersections: IS*minTS, IS*~minTS, ~IS*maxTS, ~IS*~maxTS (> 0.5), by Y."""
    parts = {
        "S1S2": np.minimum(IS, min_ts),
        "S1s2": np.minimum(IS, 1 - min_ts),
        "s1S2": np.minimum(1 - IS, max_ts),
        "s1s2": np.minimum(1 - IS, 1 - max_ts),
    }
    out = {}
    for key, label in R_TYPES.items():
        side = y > 0.5 if key[4] == "Y" else y < 0.5
        out[label] = [n for n, hit in zip(names, (parts[key[:4]] > 0.5) & side) if hit]
    return out


class Report:
    def __init__(self):
        self.checked = Counter()
        self.diffs = defaultdict(list)

    def check(self, area: str, ok: bool, where: str, detail: str = ""):
        self.checked[area] += 1
        if not ok:
            self.diffs[area].append(f"{where}: {detail}")


def compare_super_subset(rep, name, cc, r):
    rs = r["superSubset"]
    if "error" in rs:
        rep.check("superSubset", cc == [], name, f"R error {rs['error']!r}, crosscase {len(cc)} expressions")
        return
    r_rows = rs["rows"]
    rep.check(
        "superSubset",
        [e["expression"] for e in cc] == [row["rowname"] for row in r_rows],
        name,
        f"R {[row['rowname'] for row in r_rows]} crosscase {[e['expression'] for e in cc]}",
    )
    for e, row in zip(cc, r_rows):
        for ck, rk in (("incl", "inclN"), ("ron", "RoN"), ("cov", "covN")):
            rep.check(
                "superSubset figures", close(e[ck], row[rk]), f"{name} {e['expression']} {ck}", f"{e[ck]} vs {row[rk]}"
            )


def same_ordered(rep, area, where, c_rows, r_rows, fields):
    """Same cases in the same order (cases whose sort keys tie may swap), same figures."""
    rep.check(
        area,
        sorted(c["case"] for c in c_rows) == sorted(r["case"] for r in r_rows),
        where,
        f"R {[r['case'] for r in r_rows]} crosscase {[c['case'] for c in c_rows]}",
    )
    by_case = {c["case"]: c for c in c_rows}
    for pos, r in enumerate(r_rows):
        c = by_case.get(r["case"])
        if c is None:
            continue
        for cf, rf, conv in fields:
            cv, rv = conv(c[cf]), r[rf]
            ok = (cv == rv) if isinstance(rv, (bool, list, str)) else close(cv, rv)
            rep.check(area + " figures", ok, f"{where} {r['case']} {cf}", f"{c[cf]} vs {rv}")
        if pos < len(c_rows) and c_rows[pos]["case"] != r["case"]:
            other = by_case.get(c_rows[pos]["case"])
            tie = other is not None and all(
                (conv(other[cf]) == conv(c[cf]))
                if isinstance(r[rf], (bool, list, str))
                else close(conv(other[cf]), conv(c[cf]), 1e-6)
                for cf, rf, conv in fields
            )
            if not tie:
                # does R rank on float noise (keys equal to 9 decimals, in the wrong order)?
                numeric = [rf for cf, rf, conv in fields if not isinstance(r_rows[0][rf], (bool, list, str))]
                keys = [tuple(round(float(x[rf]), 9) for rf in numeric) for x in r_rows]
                noise = len(numeric) and any(a > b for a, b in zip(keys, keys[1:]))
                rep.check(
                    area + (" order: R ranks on float noise" if noise else " order"),
                    False,
                    where,
                    f"R {[x['case'] for x in r_rows]} crosscase {[x['case'] for x in c_rows]}",
                )
                break
            rep.check(area + " order", True, where)


def compare_case_selection(rep, name, cc, r):
    ident = lambda v: v  # noqa: E731
    r3 = lambda v: r_round(v, 3)  # noqa: E731
    for m, rm in enumerate(r.get("case_selection") or []):
        model = cc["case_selection"]["models"][m]
        where = f"{name} M{m + 1}"
        # typical: R's UniqCov counts only the terms in which the case is typical
        typical_in = Counter(c["case"] for t in model["terms"] for c in model["typical"][t])
        rt = rm["typical"]
        if "error" in rt:
            rep.check("typical", False, where, rt["error"])
        else:
            rows = rt["rows"]
            for term in model["terms"]:
                r_rows = [dict(row, case=row["Case"]) for row in rows if row["Term"] == term]
                unique = {c["case"]: c["unique"] for c in model["typical"][term]}
                c_rows = [
                    dict(c, unique=unique[c["case"]], r_unique=typical_in[c["case"]] == 1)
                    for c in cc["case_selection"]["terms"][term]["typical"]
                ]
                c_rows.sort(key=lambda c: not c["r_unique"])  # R's order: its UniqCov first
                same_ordered(
                    rep,
                    "typical",
                    f"{where} {term}",
                    c_rows,
                    r_rows,
                    [
                        ("x", "TermMemb", ident),
                        ("y", "Outcome", ident),
                        ("best", "Best", ident),
                        ("most_typical", "MostTyp", ident),
                        ("r_unique", "UniqCov", ident),
                    ],
                )
                for c in c_rows:
                    rep.check(
                        "typical unique (crosscase vs R's rule)",
                        c["unique"] == c["r_unique"],
                        f"{where} {term} {c['case']}",
                        f"crosscase unique={c['unique']}, R UniqCov={c['r_unique']}",
                    )
        rd = rm["deviant_consistency"]
        if "error" in rd:
            rep.check("deviant consistency", False, where, rd["error"])
        else:
            for term in model["terms"]:
                r_rows = [dict(row, case=row["Cases"]) for row in rd["rows"] if row["Term"] == term]
                same_ordered(
                    rep,
                    "deviant consistency",
                    f"{where} {term}",
                    cc["case_selection"]["terms"][term]["deviant_consistency"],
                    r_rows,
                    [
                        ("x", "TermMemb", r3),
                        ("y", "Outcome", r3),
                        ("best", "Best", r3),
                        ("most_deviant", "MostDCONS", ident),
                    ],
                )
        conds = cc["conditions"]
        for key, area, fields in (
            (
                "deviant_coverage",
                "deviant coverage",
                [
                    ("x", "Sol", r3),
                    ("y", "Outcome", r3),
                    ("tt_row", "TT_row", r3),
                    ("best", "Best", r3),
                    ("tt_le_y", "TT<=Y", ident),
                    ("most_deviant", "MostDCOV", ident),
                    ("row", "row", ident),
                ],
            ),
            (
                "iir",
                "individually irrelevant",
                [("x", "Sol", r3), ("y", "Outcome", r3), ("tt_row", "TT_row", r3), ("row", "row", ident)],
            ),
        ):
            rr = rm[key]
            if "error" in rr:
                c_rows = model["deviant_coverage" if key == "deviant_coverage" else "individually_irrelevant"]
                if "no rows to aggregate" in rr["error"] and not c_rows:
                    rep.check(
                        "deviant coverage: R stops with an error when there is no such case",
                        False,
                        where,
                        "crosscase: empty list",
                    )
                else:
                    rep.check(area, False, where, rr["error"])
                continue
            r_rows = [dict(row, case=row["Case"], row=[float(row["TT_" + c]) for c in conds]) for row in rr["rows"]]
            c_rows = model["deviant_coverage" if key == "deviant_coverage" else "individually_irrelevant"]
            if key == "deviant_coverage":  # R compares and ranks the rounded figures
                c_rows = [
                    dict(c, tt_le_y=r_round(c["tt_row"]) <= r_round(c["y"]), best=1 - r_round(c["tt_row"]))
                    for c in c_rows
                ]
            same_ordered(rep, area, where, c_rows, r_rows, fields)


def compare_robustness(rep, name, cc, r, y, names):
    for which in ("pair", "all"):
        c = (cc.get("robustness") or {}).get(which)
        rr = (r.get("robustness") or {}).get(which)
        if c is None:
            continue
        where = f"{name} {which}"
        if rr is None or "error" in rr:
            rep.check("robustness runs", False, where, f"R: {rr and rr.get('error')}")
            continue
        IS = np.array([x["initial"] for x in c["cases"]])
        T = np.array(c["test_memberships"])
        core = np.minimum(IS, T.min(axis=0))
        first_last = T[[0, -1]]
        r_min, r_max = first_last.min(axis=0), first_last.max(axis=0)  # R's rule
        ev = rr["evaluation"]
        for i, row in enumerate(ev):
            rep.check(
                "robustness memberships",
                close(row["Sol.Formula1"], IS[i])
                and close(row["Sol.Formula2"], r_min[i])
                and close(row["Sol.Formula3"], r_max[i]),
                f"{where} {row['rowname']}",
                f"R {row['Sol.Formula1'], row['Sol.Formula2'], row['Sol.Formula3']}",
            )
        emulated = r_rob_fit(IS, core, r_min, r_max, y)
        for key, value in rr["fit"].items():
            rep.check(
                "robustness fit (R's rounding emulated)",
                close(emulated[key], value),
                f"{where} {key}",
                f"emulated {emulated[key]} R {value}",
            )
            exact = c["fit"][key]
            rep.check(
                "robustness fit (crosscase vs R, 0.002)",
                close(exact, value, 0.002),
                f"{where} {key}",
                f"crosscase {exact} R {value}",
            )
        types = r_case_types(IS, r_min, r_max, y, names)
        r_types = (
            {R_TYPES[k]: ([] if v == ["No cases in this intersection"] else v) for k, v in rr["case_types"].items()}
            if isinstance(rr["case_types"], dict) and "error" not in rr["case_types"]
            else None
        )
        if r_types is None:
            rep.check("robustness case types", False, where, str(rr["case_types"]))
        else:
            for label, cases in r_types.items():
                rep.check(
                    "robustness case types (R's rule emulated)",
                    sorted(cases) == sorted(types[label]),
                    f"{where} {label}",
                    f"R {cases} emulated {types[label]}",
                )
                mine = [x["case"] for x in c["cases"] if x["type"] == label]
                rep.check(
                    "robustness case types (crosscase vs R)",
                    sorted(cases) == sorted(mine),
                    f"{where} {label}",
                    f"R {cases} crosscase {mine}",
                )
            ratio = rr["case_ratio"]
            for key, ck in (("RCR_typ", "RCR_typ"), ("RCR_dev", "RCR_dev"), ("RCC_Rank", "RCC_rank")):
                mine = c["case_ratio"][ck]
                mine = r_round(mine) if isinstance(mine, float) else mine
                rep.check(
                    "robustness case ratio (crosscase vs R)",
                    close(mine, ratio[key]),
                    f"{where} {key}",
                    f"crosscase {mine} R {ratio[key]}",
                )


def main(folder, cc_path, r_path):
    manifest = json.loads((Path(folder) / "manifest.json").read_text())
    cc_all, r_all = json.loads(Path(cc_path).read_text()), json.loads(Path(r_path).read_text())
    rep = Report()
    for d in manifest:
        name = d["name"]
        cc, r = cc_all[name], r_all.get(name)
        if r is None:
            continue
        cc["conditions"] = d["conditions"]
        compare_super_subset(rep, name, cc["superSubset"], r)
        r_models = [" + ".join([m] if isinstance(m, str) else m) for m in (r["minimize"].get("solution") or [])]
        rep.check(
            "models",
            r_models == cc.get("models", []),
            name,
            f"R {r_models} crosscase {cc.get('models')} {r['minimize'].get('error', '')}",
        )
        if r_models and r_models == cc.get("models"):
            compare_case_selection(rep, name, cc, r)
            compare_robustness(rep, name, cc, r, np.array(d["y"]), d["cases"])
    print(f"R: {r_all.get('versions')}")
    for area in sorted(rep.checked):
        print(f"{area}: {rep.checked[area]} checks, {len(rep.diffs[area])} differences")
        for line in rep.diffs[area][:8]:
            print("   ", line)
    return rep


if __name__ == "__main__":
    main(*sys.argv[1:4])

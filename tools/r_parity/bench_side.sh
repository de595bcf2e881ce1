#!/usr/bin/env bash
# Runs tools/r_parity/bench_side.R on every chart written by bench_datasets.py,
# one Rscript process per chart and solution, one after the other, each under
# `timeout 300` (wall clock) and a 12 GB address-space limit. Order: k upward,
# and for each k the kinds clean, noisy, fuzzy and the solutions C, P; once two
# consecutive k of a kind and solution have timed out, its larger k are skipped.
# Each run leaves OUT/<kind>_k<k>_<C|P>.json (bench_side.R's record) and
# .status (exit code and wall seconds; 124 = timed out).
#
#   R_LIBS=<lib> bash tools/r_parity/bench_side.sh CHARTDIR OUTDIR [LIMIT_SECONDS]
set -u
charts=$1
out=$2
limit=${3:-300}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
declare -A timeouts
for k in $(seq 6 14); do
    for kind in clean noisy fuzzy; do
        name=$(printf '%s_k%02d' "$kind" "$k")
        [ -f "$charts/$name.csv" ] || continue
        for sol in C P; do
            key="$kind$sol"
            if [ "${timeouts[$key]:-0}" -ge 2 ]; then
                echo "$name $sol skipped (two consecutive timeouts)"
                echo "skipped" >"$out/${name}_$sol.status"
                continue
            fi
            start=$(date +%s.%N)
            (ulimit -v 12000000; timeout "$limit" Rscript "$here/bench_side.R" "$charts/$name.csv" "$kind" "$k" "$sol" \
                "$out/${name}_$sol.json" >"$out/${name}_$sol.log" 2>&1)
            rc=$?
            wall=$(echo "$(date +%s.%N) - $start" | bc)
            echo "$rc $wall" >"$out/${name}_$sol.status"
            if [ "$rc" -eq 124 ]; then
                timeouts[$key]=$((${timeouts[$key]:-0} + 1))
            else
                timeouts[$key]=0
            fi
            echo "$name $sol rc=$rc wall=${wall}s"
        done
    done
done

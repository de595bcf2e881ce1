#!/usr/bin/env bash
# `make test-slurm`: the SLURM profile on a real one-node SLURM cluster on
# localhost (tests/slurm/slurm_check.py). Needs root and Debian's apt-get (or
# SLURM and munge already installed); elsewhere it says why it did not run
# and exits 0, so CI fails only where the cluster can be set up.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! reason=$(bash tests/slurm/setup_local_slurm.sh check); then
    echo "SLURM test NOT RUN: this machine cannot set up a SLURM cluster ($reason)."
    exit 0
fi
python -c "import snakemake_executor_plugin_slurm" 2>/dev/null || {
    echo "SLURM test: the executor plugin is missing: pip install -e '.[slurm]' (make test-slurm does)" >&2
    exit 1
}
# Its own temporary folder: pytest prunes old ones under /tmp/pytest-of-$USER.
base=$(mktemp -d /tmp/crosscase-slurm-test.XXXXXX)
trap 'rm -rf "$base"' EXIT
python -m pytest -q -s -p no:cacheprovider --basetemp="$base/pytest" tests/slurm/slurm_check.py "$@"

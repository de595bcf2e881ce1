# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
BIN  := $(VENV)/bin

# Which interpreter a venv is made from: "<real path> <major.minor>".
PY_ID = import os, sys; print(os.path.realpath(getattr(sys, "_base_executable", sys.executable)), "%d.%d" % sys.version_info[:2])
PY_OK = import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
HAVE_ID  := $(shell $(BIN)/python -c '$(PY_ID)' 2>/dev/null)
STAMP_ID := $(shell cat $(VENV)/.installed 2>/dev/null)

# The interpreter (pyproject's requires-python: 3.11 to 3.13): PYTHON=... on the
# command line or in the environment; else the one $(VENV) was made from, when
# it still runs and is 3.11 to 3.13; else the first such of these.
ifndef PYTHON
PYTHON := $(shell p="$(firstword $(HAVE_ID))"; test -n "$$p" && "$$p" -c '$(PY_OK)' >/dev/null 2>&1 && echo "$$p")
endif
ifeq ($(PYTHON),)
PYTHON := $(firstword $(foreach p,python3.13 python3.12 python3.11 python3,\
  $(shell command -v $(p) >/dev/null 2>&1 && $(p) -c '$(PY_OK)' >/dev/null 2>&1 && command -v $(p))))
endif
WANT_ID := $(shell $(PYTHON) -c '$(PY_ID)' 2>/dev/null)

# Rebuild $(VENV) when there is none, when it was made by another interpreter
# or Python version than the one chosen, or when it no longer runs as the
# interpreter recorded in $(VENV)/.installed when it was made.
REBUILD :=
ifneq ($(WANT_ID),$(HAVE_ID))
REBUILD := yes
endif
ifneq ($(STAMP_ID),)
ifneq ($(STAMP_ID),$(HAVE_ID))
REBUILD := yes
endif
endif
ifeq ($(REBUILD),yes)
.PHONY: $(VENV)/.installed
endif

# Snakemake runs script: rules with the python on PATH, so the venv goes first.
export PATH := $(abspath $(BIN)):$(PATH)
# Every recipe line starts with this: files made here are readable by the
# group and others (0644), whatever the caller's umask.
U := umask 022 &&

.PHONY: setup run test report bench bench-scale lint format-check clean distclean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(WANT_ID)" && $(PYTHON) -c '$(PY_OK)' || { echo "make: PYTHON='$(PYTHON)' is not Python 3.11 to 3.13 (when unset: the venv's own, else the first of python3.13, python3.12, python3.11, python3 that is); set PYTHON=/path/to/python3.x" >&2; exit 1; }
	@if [ -d $(VENV) ] && [ "$(REBUILD)" = yes ]; then \
	  echo "make: $(VENV) was made by '$(or $(STAMP_ID),$(HAVE_ID),an unknown Python)', not '$(WANT_ID)': rebuilding it"; rm -rf $(VENV); fi
	$(U) $(PYTHON) -m venv $(VENV)
	$(U) $(BIN)/python -m pip install --quiet --upgrade pip
	$(U) $(BIN)/python -m pip install --quiet -e ".[test]"
	$(U) echo "$(WANT_ID)" > $@

run: setup
	$(U) $(BIN)/snakemake --cores all

report: run
	$(U) $(BIN)/snakemake --cores all --report results/report.html

test: setup
	$(U) $(BIN)/python -m pytest -q

# The SLURM profile on a real one-node cluster on localhost (docs/cluster.md);
# needs root and apt-get, and says so plainly where they are missing.
.PHONY: test-slurm
test-slurm: setup
	$(BIN)/python -m pip install --quiet -e ".[slurm]"
	bash tests/slurm/run.sh

bench: setup
	$(U) $(BIN)/python bench/bench_qca.py
	$(U) $(BIN)/python bench/bench_ingest.py

# Checks only, never rewrites: ruff's lint rules and formatter (Python), snakefmt (workflow).
lint: setup
	$(BIN)/ruff check --output-format=concise .
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check workflow

format-check: setup
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check workflow

# Scale benchmark on SYNTHETIC cases: `make bench-scale N="10 100"` to choose sizes.
N ?= 10 100 1000
bench-scale: setup
	$(U) $(BIN)/python bench/bench_scale.py --cases $(N)

clean:
	rm -rf results .snakemake .test/results .test/.snakemake

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

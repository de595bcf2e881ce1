# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
# Snakemake runs script: rules with the python on PATH, so the venv goes first.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup run test report bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: setup
	$(BIN)/snakemake --cores all

report: run
	$(BIN)/snakemake --cores all --report results/report.html

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_qca.py
	$(BIN)/python bench/bench_ingest.py

clean:
	rm -rf results .snakemake

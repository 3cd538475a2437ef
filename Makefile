# Everyday commands. The README's two top commands do what `make dashboard` and `make test` do, without make.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install build dashboard test lint format types bench bench-quick hooks lock

# The pinned, hash-checked dependencies, then the project itself (editable: the summits-etl, summits-sql and
# summits-bench commands). Done again when the lock or pyproject.toml changes.
install: $(INSTALLED)
$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

build: $(INSTALLED)  ## warehouse/summits.duckdb from data/sources
	$(BIN)/python -m etl build

dashboard: build  ## the dashboard at http://localhost:8501
	$(BIN)/streamlit run dashboard.py

test: $(INSTALLED)  ## lint, format, types and the test suite, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)  ## format the code as CI checks it
	$(BIN)/ruff format .

types: $(INSTALLED)
	$(BIN)/mypy

bench: $(INSTALLED)  ## a few minutes; writes bench/results.md
	$(BIN)/python -m bench

bench-quick: $(INSTALLED)  ## tiny sizes, to check that the benchmark runs
	$(BIN)/python -m bench --quick

hooks: $(INSTALLED)  ## ruff and mypy before every commit (.pre-commit-config.yaml)
	$(BIN)/pre-commit install

# After changing a pin in pyproject.toml: every transitive pin, with the hashes of its files, from the
# package index (pip-tools in a throwaway environment; a few minutes).
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install -q pip-tools==7.6.2
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml
	rm -rf $(VENV)-lock

# vnwh — two commands on a fresh machine: `make demo` and `make test`.
# Each target installs what it needs: uv (via pip when missing), then the locked environment (uv sync --frozen).
SHELL := /bin/bash
PYTHON ?= python3
UV = $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
DAGSTER_HOME_DIR ?= $(CURDIR)/.dagster_home
DBT = $(UV) run dbt
DBT_ARGS = --project-dir dbt_project --profiles-dir dbt_project

.PHONY: help setup manifest dagster-home browser demo test test-faults dev bench lint docs clean

help:
	@echo "make demo   - install, then run the main job on the bundled sample and print what it built"
	@echo "make test   - install, then run the whole test suite"
	@echo "make dev    - Dagster UI on http://127.0.0.1:3000"
	@echo "make bench  - benchmarks (bench/results.json)"
	@echo "make lint   - ruff + sqlfluff"

# Bytecode is compiled at install time: with PYTHONDONTWRITEBYTECODE set (as on the machines here) every process would
# otherwise compile dagster and dbt from source at each start (~5 s per dbt invocation). A no-op when up to date.
setup:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	@$(UV) sync --frozen --quiet --compile-bytecode
	@$(UV) run python -m compileall -q orchestration scrapers extraction warehouse bench

manifest: setup
	@$(DBT) parse $(DBT_ARGS) --quiet

dagster-home:
	@mkdir -p $(DAGSTER_HOME_DIR) && cp orchestration/dagster_home/dagster.yaml $(DAGSTER_HOME_DIR)/dagster.yaml

demo: manifest dagster-home
	@DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(UV) run vnwh demo

# The report test renders in real headless Chromium (Debian's package); installed here when missing and possible.
browser:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "warning: chromium not installed; the browser test of the report will be skipped"; }

test: manifest browser
	@$(UV) run pytest -q

test-faults: manifest
	@$(UV) run pytest -q -m faults

dev: manifest dagster-home
	@DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(UV) run dg dev --host 127.0.0.1 --port 3000

bench: manifest
	@$(UV) run python -m bench

lint: setup
	@$(UV) run ruff check .
	@$(UV) run sqlfluff lint dbt_project/models

docs: manifest
	@$(DBT) docs generate $(DBT_ARGS)

clean:
	rm -rf dbt_project/target dbt_project/logs .pytest_cache .ruff_cache

# Quick start: `make demo`, then `make test`. Everything runs from .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	mkdir -p out
	rm -f out/wirewatch.duckdb
	$(BIN)/wirewatch run examples --db out/wirewatch.duckdb
	$(BIN)/wirewatch report --db out/wirewatch.duckdb -o out/report.html
	$(BIN)/wirewatch export --db out/wirewatch.duckdb --format geojson -o out/events.geojson
	$(BIN)/wirewatch export --db out/wirewatch.duckdb --format acled -o out/events-acled.csv
	@echo "report: out/report.html (and .md)  store: out/wirewatch.duckdb  app: wirewatch serve --db out/wirewatch.duckdb"

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf out .pytest_cache

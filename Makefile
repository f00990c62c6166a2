# Quick start: `make demo`, then `make test`. Everything runs from .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The map's libraries (package-lock.json), installed by npm and copied into the package: no CDN at run time.
VENDOR := src/wirewatch/web/static/vendor

.PHONY: install demo test bench clean

install: $(STAMP) $(VENDOR)/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
	   node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp node_modules/leaflet/dist/images/layers.png node_modules/leaflet/dist/images/layers-2x.png $(VENDOR)/images/
	touch $@

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

# Two entry points: `make site` builds the course into site/, `make test` runs every test.
# Both start from a fresh Debian machine: they create .venv, install Python packages, and
# install the Debian libraries they need (WeasyPrint for PDFs, Chromium for browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

PDF_DEBS  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := chromium poppler-utils

.PHONY: site test validate serve bench lint clean system-pdf system-test

site: $(BIN)/microlearn system-pdf
	$(BIN)/microlearn build

validate: $(BIN)/microlearn
	$(BIN)/microlearn validate --strict

serve: $(BIN)/microlearn system-pdf
	$(BIN)/microlearn serve

test: lint system-pdf system-test
	$(MAKE) node_modules/axe-core/axe.min.js
	$(BIN)/pytest

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

bench: $(BIN)/microlearn system-pdf
	$(BIN)/python bench/run.py

$(BIN)/microlearn: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/microlearn pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian packages are installed only when missing, so repeated runs stay quick and offline.
system-pdf:
	@dpkg -s $(PDF_DEBS) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(PDF_DEBS); }

system-test:
	@dpkg -s $(TEST_DEBS) >/dev/null 2>&1 && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install \
	  -y -qq $(TEST_DEBS) $$(command -v npm >/dev/null || echo npm); }

clean:
	rm -rf site .microlearn $(VENV) node_modules

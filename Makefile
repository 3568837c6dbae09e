# Two entry points: `make site` builds the course into site/, `make test` runs every test.
# Both start from a fresh Debian machine: they create .venv, install the locked Python packages
# (requirements/*.txt, refreshed by `make lock`), and install the Debian libraries they need
# (WeasyPrint for PDFs, Chromium for browser tests). Shortcuts: validate, serve, new-lesson.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

PDF_DEBS  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := chromium poppler-utils

.PHONY: site test validate serve new-lesson bench lint lock mutation mutation-py mutation-js clean \
	system-pdf system-test lighthouse

site: $(BIN)/microlearn system-pdf
	$(BIN)/microlearn build

validate: $(BIN)/microlearn
	$(BIN)/microlearn validate --strict

serve: $(BIN)/microlearn system-pdf
	$(BIN)/microlearn serve

# make new-lesson LESSON=module-id/lesson-id
new-lesson: $(BIN)/microlearn
	@test -n "$(LESSON)" || { echo "usage: make new-lesson LESSON=module-id/lesson-id"; exit 2; }
	$(BIN)/microlearn new lesson "$(LESSON)"

test: lint system-pdf system-test
	$(MAKE) node_modules/axe-core/axe.min.js
	$(BIN)/pytest

lint: $(VENV)/.test-deps
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

# Mutation testing, slow and so not part of `make test`: mutmut changes validate.py and lint/
# one mutant at a time and runs their fast tests; Stryker does the same for the
# runtime's pure modules (store.js, scoring.js, lms-core.js). tests/mutation_score.py prints
# killed / total per module and fails below 80% on either language. Logs: .mutmut.log,
# .stryker.log; `$(BIN)/mutmut browse` shows each surviving mutant.
mutation: mutation-py-run mutation-js-run
	$(BIN)/python tests/mutation_score.py

mutation-py: mutation-py-run
	$(BIN)/python tests/mutation_score.py --no-js

mutation-js: mutation-js-run
	$(BIN)/python tests/mutation_score.py --no-python

.PHONY: mutation-py-run mutation-js-run
mutation-py-run: $(VENV)/.test-deps
	rm -rf mutants
	@echo "mutmut: mutating validation and lint (log: .mutmut.log)"
	@$(BIN)/mutmut run --max-children 2 >.mutmut.log 2>&1 || { tail -n 30 .mutmut.log; exit 1; }

mutation-js-run: $(VENV)/.test-deps system-test
	$(MAKE) node_modules/axe-core/axe.min.js
	rm -f reports/mutation/mutation.json
	@echo "Stryker: mutating the runtime's pure modules (log: .stryker.log)"
	@npm run --silent mutation >.stryker.log 2>&1 || test -s reports/mutation/mutation.json || \
	  { tail -n 30 .stryker.log; exit 1; }

bench: $(BIN)/microlearn system-pdf
	$(BIN)/python bench/run.py

# Lighthouse (mobile) on a lesson page and the home page of site/ (built when missing), median
# of 3 runs, and the bytes a lesson page loads: figures, never asserted.
lighthouse: $(BIN)/microlearn system-test
	$(MAKE) node_modules/axe-core/axe.min.js
	$(BIN)/python bench/lighthouse.py

# Python packages come from the hash-locked files in requirements/ (`make lock` refreshes them),
# so a fresh clone installs exactly what was tested. The project itself is installed last,
# without dependencies and without a build environment (setuptools is in the lock too).
# Wheels only: building a package from source would fetch build tools the lock does not pin.
# PYTHONWARNINGS keeps setuptools' advice to packagers out of an author's terminal.
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check --no-input
LOCKED := $(PIP) install --no-warn-script-location --only-binary :all: --require-hashes --no-deps -r

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements/site.txt | $(BIN)/python
	@echo "Installing the locked Python packages (requirements/site.txt) into $(VENV)/"
	@$(LOCKED) requirements/site.txt
	@touch $@

$(BIN)/microlearn: pyproject.toml $(VENV)/.site-deps
	@PYTHONWARNINGS=ignore $(PIP) install --no-index --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.test-deps: requirements/test.txt requirements/test-source.txt $(BIN)/microlearn
	@echo "Installing the locked test tools (requirements/test.txt) into $(VENV)/"
	@$(LOCKED) requirements/test.txt
	@PYTHONWARNINGS=ignore $(PIP) install --no-warn-script-location --require-hashes --no-deps \
	  --no-build-isolation -r requirements/test-source.txt
	@touch $@

# Re-resolve every Python dependency within the ranges in pyproject.toml, for Python 3.11+ on
# any platform, and write the hash-locked files. uv only resolves; pip installs.
UV_VERSION := 0.13.9
UV := $(VENV)/lock-tool/bin/uv
COMPILE = $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" requirements/build.in pyproject.toml

lock:
	test -x $(UV) || { $(PYTHON) -m venv $(VENV)/lock-tool && \
	  $(VENV)/lock-tool/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	$(COMPILE) --upgrade --extra test -o requirements/test.txt
	$(COMPILE) -c requirements/test.txt -o requirements/site.txt

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
	rm -rf site site-trainer .microlearn $(VENV) node_modules

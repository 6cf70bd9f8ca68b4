# The README's commands. Each target creates .venv and installs the project into it if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint bench chromium clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The briefing plugin validates data/ and adds the pages in memory: one render per build.
build: $(STAMP)
	$(BIN)/mkdocs build --strict  # not --quiet: MkDocs 1.6 then drops the warnings strict counts

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check scripts tests tools
	$(BIN)/ruff format --check scripts tests tools
	$(BIN)/mypy

chromium:
	sh scripts/ensure_chromium.sh

test: lint chromium
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf site $(VENV)

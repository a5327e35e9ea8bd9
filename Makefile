# Two entry points for a fresh machine (see README): `make demo` and `make test`.
# Each one creates the virtualenv and installs what it needs first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := var/demo
# The wheel users install carries the parser compiled by mypyc (hatch_build.py); it is
# unpacked here so the tests and the parse benchmark can run it beside the editable sources.
COMPILED := build/compiled
SOURCES  := $(shell find src -name '*.py' -o -name '*.yaml')

.PHONY: demo test lint typecheck unit unit-compiled compiled system-deps bench accuracy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[web,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cablegram demo --dir $(DEMO)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy src

system-deps:
	scripts/system-deps.sh

$(COMPILED)/.built: $(STAMP) hatch_build.py $(SOURCES)
	rm -rf build/wheel $(COMPILED)
	CABLEGRAM_COMPILE=1 $(BIN)/python -m pip wheel -q --no-deps -w build/wheel .
	$(BIN)/python -m zipfile -e build/wheel/cablegram-*.whl $(COMPILED)
	touch $@

compiled: $(COMPILED)/.built

unit: $(STAMP) system-deps
	CABLEGRAM_EXPECT_COMPILED=0 $(BIN)/pytest -q

unit-compiled: compiled system-deps
	CABLEGRAM_EXPECT_COMPILED=1 PYTHONPATH=$(COMPILED) $(BIN)/pytest -q -p no:cacheprovider

test: lint typecheck unit unit-compiled

bench: $(STAMP) compiled
	PYTHONPATH=$(COMPILED) $(BIN)/python bench/parse.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/web.py

accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) var build .mypy_cache .ruff_cache .pytest_cache

# Two entry points for a fresh machine (see README): `make demo` and `make test`.
# Each one creates the virtualenv and installs what it needs first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := var/demo

.PHONY: demo test lint typecheck unit system-deps bench accuracy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[web,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cablegram demo --dir $(DEMO)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

system-deps:
	scripts/system-deps.sh

unit: $(STAMP) system-deps
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/web.py

accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache

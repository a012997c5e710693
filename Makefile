# argmap: `make demo` and `make test` work on a fresh Debian machine with only Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SYSTEM := build/.system-deps-stamp
MAPS   := $(wildcard maps/*.yaml)

.PHONY: demo test setup lint typecheck unit bench clean

setup: $(STAMP) $(SYSTEM)

$(SYSTEM): scripts/system-deps.sh
	PYTHON=$(PYTHON) sh scripts/system-deps.sh
	@mkdir -p build && touch $@

$(STAMP): pyproject.toml $(SYSTEM)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

demo: setup
	@mkdir -p build
	@for m in $(MAPS); do n=$$(basename $$m .yaml); \
		$(BIN)/argmap export $$m --to markdown -o build/$$n.md 2>/dev/null; \
		$(BIN)/argmap export $$m --to argdown -o build/$$n.argdown 2>/dev/null; \
	done; true
	@$(BIN)/argmap validate maps/ > build/validation.txt 2>&1; status=$$?; \
		cat build/validation.txt; exit $$status

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build $(VENV)

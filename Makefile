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
	@$(BIN)/argmap check maps/ > build/check.txt 2>&1; status=$$?; tail -n 1 build/check.txt; exit $$status
	@for map in $(MAPS); do \
		COLUMNS=120 $(BIN)/argmap eval $$map > build/$$(basename $$map .yaml).eval.txt || exit 1; done
	$(BIN)/argmap render maps/ -o build/diagrams/ -f pdf
	$(BIN)/argmap render maps/ -o build/diagrams/ -f svg --no-atlas
	@for map in $(MAPS); do \
		$(BIN)/argmap brief $$map -f pdf -o build/briefs/ && \
		$(BIN)/argmap brief $$map -f html -o build/briefs/ || exit 1; \
	done

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf build $(VENV)

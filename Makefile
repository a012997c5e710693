# argmap: `make demo` and `make test` work on a fresh Debian machine with only Python.
# The system's python3 when it is 3.11 or newer, else the first python3 on the PATH: Debian's
# prints a PDF sheet in 15 % less time than pyenv's default build of the same version
# (libpython as a shared library, no --enable-optimizations).
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SYSTEM := build/.system-deps-stamp
MAPS   := $(wildcard maps/*.yaml)

.PHONY: demo test setup lint typecheck unit bench clean vscode-extension records

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
	@echo "== validate: build/validation.txt"
	@$(BIN)/argmap validate maps/ > build/validation.txt 2>&1; status=$$?; \
		cat build/validation.txt; exit $$status
	@echo "== check (debate-quality warnings): build/check.txt"
	@$(BIN)/argmap check maps/ > build/check.txt 2>&1; status=$$?; tail -n 1 build/check.txt; exit $$status
	@echo "== eval (what stands, what falls): build/NAME.eval.txt"
	@for map in $(MAPS); do \
		COLUMNS=120 $(BIN)/argmap eval $$map > build/$$(basename $$map .yaml).eval.txt || exit 1; done
	@echo "== render: build/diagrams/"
	$(BIN)/argmap render maps/ -o build/diagrams/ -f pdf
	$(BIN)/argmap render maps/ -o build/diagrams/ -f svg --no-atlas
	@echo "== brief (both sides, PDF, HTML, Markdown, Word): build/briefs/"
	@for map in $(MAPS); do \
		for f in pdf html md docx; do $(BIN)/argmap brief $$map -f $$f -o build/briefs/ || exit 1; done; \
	done
	@echo "== export (Markdown outline, Argdown): build/exports/; what a format drops: build/exports/*.log"
	@mkdir -p build/exports
	@for map in $(MAPS); do n=$$(basename $$map .yaml); for f in markdown argdown; do \
		$(BIN)/argmap export $$map --to $$f -o build/exports/$$n.$$f 2> build/exports/$$n.$$f.log \
			|| { cat build/exports/$$n.$$f.log; exit 1; }; \
	done; done
	@echo "== show (the tree with ids, for editing): build/NAME.tree.txt"
	@for map in $(MAPS); do \
		$(BIN)/argmap show $$map > build/$$(basename $$map .yaml).tree.txt || exit 1; done
	@echo "== done: everything is in build/"

# The VS Code extension (editors/vscode), packaged with @vscode/vsce from npm (node 18+).
VSIX ?= build/argmap.vsix
vscode-extension:
	@mkdir -p $(dir $(VSIX))
	cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error \
		&& npx vsce package --allow-missing-repository --out $(abspath $(VSIX))

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

# the record classes maps are read into, generated from src/argmap/model/classes.py
records: setup
	$(BIN)/python -m argmap.model.generate > src/argmap/model/records.py
	$(BIN)/ruff format src/argmap/model/records.py

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf build $(VENV)

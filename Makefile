# Quick start: `make run` installs into .venv and launches the app; `make test` installs and runs every test.
# `mypy` takes its packages from [tool.mypy] in pyproject.toml, `lint-imports` its contracts from
# [tool.importlinter] (docs/architecture.md, "Layers and contracts").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint i18n demo bench clean bundle bundle-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/commsdesk

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts packaging
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

i18n: $(STAMP)
	$(BIN)/python scripts/i18n.py all

bench: $(STAMP)
	$(BIN)/python benchmarks/vault_bench.py

# The Linux one-folder app (PyInstaller) packed as dist/commsdesk-VERSION-linux-x86_64.tar.gz;
# see docs/packaging.md. bundle-test: the smoke test of that bundle in a clean environment.
bundle:
	PYTHON=$(PYTHON) packaging/linux/build.sh

bundle-test: bundle $(STAMP)  # the source install: vaults must cross between the two
	packaging/linux/smoke_test.sh build/dist/commsdesk

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache

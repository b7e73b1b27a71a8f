# make run   — build curated/ from raw/ (creates .venv with the pinned dependencies first)
# make bench — time every stage on a corpus of SIZE_MB built from raw/ and ../shared (perturbed copies)
# make test  — run the test suite (same set-up; installs Debian's chromium for the report's browser test)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
RAW    ?= raw
CURATED ?= curated
SIZE_MB ?= 2

.PHONY: run test venv browser lock bench clean docs

run: venv
	$(PY) -m flows.curate --raw $(RAW) --curated $(CURATED)

bench: venv
	$(PY) -m flows.benchmark --size-mb $(SIZE_MB)

test: venv browser
	$(PY) -m pytest -n auto --maxprocesses 4 --dist loadfile

venv: $(STAMP)

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

# curated/README.md and curated/views.sql from schemas/ (every published run writes them too; commit the result)
docs: venv
	$(PY) -c 'from pathlib import Path; from flows import io; from schemas.dictionary import curated_docs; io.stable_docs(Path("$(CURATED)"), curated_docs())'

# Debian's Chromium for the test that opens the data-quality report in a real browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (for the report browser test)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Re-pin every dependency after editing pyproject.toml.
lock: venv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra learn --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

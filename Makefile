# The two commands a newcomer needs:  make run  and  make test  (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup browser translations fonts lint scores bench purge

run: setup
	$(BIN)/flask --app familyguide run --host 127.0.0.1 --port 5000

test: setup browser
	$(BIN)/ruff check familyguide tests scripts
	$(BIN)/python scripts/translations.py check
	$(BIN)/flask --app familyguide content status --strict
	$(BIN)/pytest

setup: $(STAMP) translations fonts

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# .mo files are built, not committed.
translations: $(STAMP)
	$(BIN)/python scripts/translations.py compile

# Subset web fonts for the scripts phones often lack, from PyPI font packages (never from the web).
fonts: $(STAMP)
	$(BIN)/python scripts/build_fonts.py

# Debian's chromium for the browser tests; never a browser download.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium; }

lint: $(STAMP)
	$(BIN)/ruff check familyguide tests scripts

scores: $(STAMP)
	$(BIN)/flask --app familyguide content scores

bench: setup
	$(BIN)/python scripts/benchmark.py

purge: $(STAMP)
	$(BIN)/flask --app familyguide purge

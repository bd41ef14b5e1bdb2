# The two commands a newcomer needs:  make run  and  make test  (see README).
PYTHON ?= python3
# Another Python in a venv of its own: make unit PYTHON=python3.13 VENV=.venv-3.13 (CI does, see .ci/run).
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit setup system translations fonts lint lock scores bench purge fuzz eval-ask

PORT ?= 5000
# Everything make starts is a development run: the published example keys are allowed there, and nowhere
# else (the app refuses them unless FAMILYGUIDE_ENV says development or test). The tests set test.
export FAMILYGUIDE_ENV ?= development

run: setup
	$(BIN)/flask --app familyguide run --host 127.0.0.1 --port $(PORT)

test: setup system
	$(BIN)/ruff format --check familyguide tests scripts setup.py
	$(BIN)/ruff check familyguide tests scripts setup.py
	$(BIN)/mypy
	$(BIN)/bandit -r familyguide -q -ll
	$(BIN)/python scripts/translations.py check
	$(BIN)/flask --app familyguide content status --strict
	$(BIN)/pytest

# The fast loop: every test but the browser tests (tests/e2e), with the small Hypothesis profile.
unit: setup
	$(BIN)/pytest --ignore=tests/e2e -q

setup: $(STAMP) translations fonts

# Every package comes from the lock file, each checked against its hash (requirements-test.txt: the app's
# packages, requirements.txt, plus the test tools), installed by the pinned pip of requirements-pip.txt. The app itself is installed on top, without fetching anything:
# its build uses the locked setuptools, Babel, fontTools and fonts already in the venv.
$(STAMP): pyproject.toml requirements.txt requirements-test.txt requirements-pip.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-pip.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Refresh the lock files from pyproject.toml, with PyPI's hashes (whatever index this machine's pip is set to
# use): the newest versions that pyproject.toml allows, except those already pinned in the lock files (pass
# UPGRADE=1 to move everything to the newest allowed). Then run make test, and commit the lock files.
LOCK := PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links \
	$(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(LOCK) --output-file requirements.txt pyproject.toml
	$(LOCK) --extra test --constraint requirements.txt --output-file requirements-test.txt pyproject.toml

# .mo files are built, not committed.
translations: $(STAMP)
	$(BIN)/python scripts/translations.py compile

# Subset web fonts for the scripts phones often lack, from PyPI font packages (never from the web).
fonts: $(STAMP)
	$(BIN)/python scripts/build_fonts.py

# Debian packages, installed only when missing: chromium for the browser tests (never a browser download;
# required), and HarfBuzz's font subsetter, with which WeasyPrint embeds fonts in PDFs several times faster
# than with its fontTools fallback (wanted, not required: without it, a warning and slower PDFs), and DejaVu
# Sans, the fallback face scripts/build_fonts.py measures so a page does not move when its web font arrives.
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing; } \
	  || { command -v chromium >/dev/null 2>&1 \
	       && echo "Could not install$$missing: PDFs will build more slowly." >&2; }; \
	fi

# Every family form fuzzed with 10,000 examples in all (make test runs a few hundred: tests/fuzz/conftest.py).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/fuzz -q --hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff format --check familyguide tests scripts setup.py
	$(BIN)/ruff check familyguide tests scripts setup.py
	$(BIN)/mypy

scores: $(STAMP)
	$(BIN)/flask --app familyguide content scores

# The load test needs wrk (Debian). Installed only here, only when missing; without it the load test says so
# and the other benchmarks still run. Lighthouse comes from npm into build/lighthouse/ on the first run.
bench: setup system
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends wrk; } \
	  || echo "Could not install wrk (Debian package wrk): the load test will be skipped." >&2; }
	$(BIN)/python scripts/benchmark.py

# The question box's evaluation set (eval/ask): top-1 and top-3 per language, "I don't know", safety recall.
eval-ask: setup
	$(BIN)/python eval/ask/evaluate.py

purge: $(STAMP)
	$(BIN)/flask --app familyguide purge

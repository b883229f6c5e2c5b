# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run    creates .venv if needed, then serves the clinic app on port 8080
#   make test   creates .venv if needed, then runs the whole test suite
# make test-fast leaves out the browser tests (tests/e2e); make check adds the linter and import contracts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-fast lint check migrate demo vendor clean-venv

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ProSpine needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/prospine serve

test: $(STAMP)
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest --ignore=tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: lint test

migrate: $(STAMP)
	$(BIN)/prospine migrate

demo: $(STAMP)
	$(BIN)/prospine demo-data --scale small

# Fetch the vendored EventCalendar again, exactly the version in components/vendor/event-calendar/VERSION
# (checked against the npm registry's integrity hash); `make vendor VERSION=x.y.z` moves to another release.
vendor: $(STAMP)
	$(BIN)/python scripts/fetch_event_calendar.py $(if $(VERSION),--version $(VERSION))

clean-venv:
	rm -rf $(VENV)

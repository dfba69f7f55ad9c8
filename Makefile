# Two commands do all set-up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export FLASK_APP := wsgi.py

.PHONY: audit run test test-dates install install-dev install-node migrate seed lint lint-frontend bench bench-http \
	regen-migration chromium test-sqlite test-postgres

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt
	touch $@

# The front end's development tools (ESLint, TypeScript for checkJs) from package-lock.json;
# the app itself has no build step and no npm runtime dependencies.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-node: node_modules/.installed

migrate: install
	$(VENV)/bin/flask db upgrade

seed: migrate
	$(VENV)/bin/flask seed reference
	$(VENV)/bin/flask seed demo

## Serve the app with demo data on http://localhost:5000 (SQLite in instance/).
## `make run ANSCHLUSS_TODAY=2027-08-20` runs the demo as if it were that day.
run: seed
	ANSCHLUSS_TODAY=$(ANSCHLUSS_TODAY) $(VENV)/bin/flask run --host localhost --port 5000

chromium:
	@bash scripts/ensure-chromium.sh

## The whole suite: SQLite, then PostgreSQL when reachable (required under CI), lint.
test: install-dev chromium lint-frontend
	$(VENV)/bin/ruff check app tests bench seeds
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -q -r app -ll
	$(PY) -m pytest -q
	@bash scripts/test-postgres.sh
	$(MAKE) --no-print-directory test-dates

## The calendar-sensitive suites again on fixed days: a Saturday, 31 July and 1 August (the
## school-year change) and a day in the NRW Christmas holidays.
DATE_SENSITIVE := tests/internships tests/allocation tests/anschluss tests/chain tests/privacy \
	tests/transition tests/exchange \
	tests/schools \
	tests/notifications tests/portfolio
TEST_DATES := 2026-12-05 2027-07-31 2027-08-01 2026-12-28
test-dates: install-dev
	@for day in $(TEST_DATES); do \
	  echo "== date-sensitive suites on $$day"; \
	  ANSCHLUSS_TEST_TODAY=$$day $(PY) -m pytest -q -m "not slow and not browser" $(DATE_SENSITIVE) || exit 1; \
	done

## ruff, the import contract of pyproject.toml ([tool.importlinter]; docs/architecture.md), front end
lint: install-dev lint-frontend
	$(VENV)/bin/ruff check app tests bench seeds
	$(VENV)/bin/ruff format --check app tests bench seeds
	$(VENV)/bin/lint-imports

## The PWA: ESLint, then tsc --checkJs (JSDoc types) over the modules and the service worker.
lint-frontend: install-node
	node_modules/.bin/eslint frontend
	node_modules/.bin/tsc -p frontend/jsconfig.json
	node_modules/.bin/tsc -p frontend/jsconfig.sw.json

## Region-scale benchmark, e.g. make bench BENCH_ARGS="--database sqlite --pupils 50000"
bench: install-dev
	$(PY) -m bench.run $(BENCH_ARGS)

## The read side over HTTP: gunicorn + PostgreSQL + wrk (apt-get install wrk), share of /health
bench-http: install-dev
	$(PY) -m bench.http $(BENCH_ARGS)

## Regenerate the single initial migration from the models (until the first release).
regen-migration: install
	bash scripts/regen-migration.sh

## Known vulnerabilities in the pinned dependencies (needs access to PyPI).
audit: install-dev
	$(VENV)/bin/pip-audit -r requirements.txt

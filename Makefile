# Two commands a newcomer needs: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGS := $(wildcard portal/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test lint bench translations extract-messages clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

%.mo: %.po | $(VENV)/.runtime
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null

translations: $(COMPILED)

# axe-core for the browser tests and vnu-jar (the Nu Html Checker) for the HTML validity test;
# both are skipped where npm (or Java, Chromium) is missing. .ci/run installs Java and Chromium.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; else echo "npm not found: browser tests will not have axe-core"; fi

## make run: set up, migrate, load the demo and serve it on http://127.0.0.1:5000, with the
## outbox worker beside it (mail lands in instance/outbox/ unless MAIL_SERVER is set); Ctrl-C stops both
run: $(VENV)/.runtime translations
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) send-mail --watch & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn --bind 127.0.0.1:5000 --workers 2 --access-logfile - wsgi:app

## make test: set up and run the whole suite (SQLite, or PostgreSQL with TEST_DATABASE_URL)
test: $(VENV)/.dev translations node_modules/.package-lock.json
	$(BIN)/pytest -n auto -q $(PYTEST_ARGS)

## make screenshots: the browser tests' pictures of the main pages, written to docs/screenshots/
screenshots: $(VENV)/.dev translations node_modules/.package-lock.json
	SCREENSHOTS=1 $(BIN)/pytest -q -p no:cacheprovider tests/e2e/test_screenshots.py

lint: $(VENV)/.dev
	$(BIN)/ruff check portal tests bench config.py wsgi.py

## make bench: benchmark on PostgreSQL 127.0.0.1:5432 with wrk (BENCH_ARGS=--scale / --profile)
bench: $(VENV)/.runtime translations
	bench/run.sh $(BENCH_ARGS)

## After adding or changing messages: extract them and update the three catalogs.
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o portal/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i portal/translations/messages.pot -d portal/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python tools/fill_english_catalog.py

clean:
	rm -rf $(VENV) portal/translations/*/LC_MESSAGES/*.mo

# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
FLASK  := $(PY) -m flask --app app
HOST   ?= 127.0.0.1
PORT   ?= 5000
WORKERS ?= $(shell echo $$((2 * $$(nproc))))
CATALOG := kb/translations
AXE_VERSION := 4.14.1
AXE_JS  := .cache/axe/node_modules/axe-core/axe.min.js
LUNR_VERSION := 2.3.9
LUNR_LANGUAGES_VERSION := 1.14.0
LUNR_JS := .cache/lunr/node_modules/lunr-languages/lunr.ru.js

.PHONY: run serve test test-postgres lint bench bench-real bench-answers bench-publish load faults \
        check index migrate migration venv clean \
        translations-extract translations-update translations-compile translations-check

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

$(CATALOG)/ru/LC_MESSAGES/messages.mo: $(CATALOG)/ru/LC_MESSAGES/messages.po $(VENV)/.installed
	$(PY) -m babel.messages.frontend compile -d $(CATALOG) -D messages
	touch $@

translations-compile: $(CATALOG)/ru/LC_MESSAGES/messages.mo

## run: set up, migrate the database, build the search index if missing, serve on
## http://$(HOST):$(PORT)/
run: venv translations-compile
	$(FLASK) kb-migrate
	$(FLASK) kb-index --if-missing
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(FLASK) run --host $(HOST) --port $(PORT)

## serve: the production server (gunicorn, two workers a core: a worker waits on the database too)
serve: venv translations-compile
	$(FLASK) kb-migrate
	$(FLASK) kb-index --if-missing
	$(VENV)/bin/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) app:app

## test: set up, lint, check content and translations, run the whole suite on SQLite, then the
## tests that use the database on PostgreSQL
test: venv translations-compile lint translations-check check $(AXE_JS)
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-postgres

## test-postgres: the tests that use the database, on a throw-away PostgreSQL server
test-postgres: venv translations-compile
	KB_TEST_DATABASE=postgresql $(PY) -m pytest tests/store tests/insights tests/web tests/browser \
	    tests/security --ignore=tests/browser/test_accessibility.py \
	    --ignore=tests/browser/test_keyboard.py

# axe-core for the accessibility tests, from the npm registry into a local file (no CDN).
$(AXE_JS):
	npm install --no-save --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION)

## lint: ruff (lint and format check) and mypy (the type hints; strict where fully typed)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: venv
	$(FLASK) kb-check

## migrate: bring the database schema to the newest migration (make run and make serve do it)
migrate: venv
	$(FLASK) kb-migrate

## migration: write a new migration from what kb/store/tables.py adds (MESSAGE="add drafts")
migration: venv
	$(PY) -m kb.store.migrate revision "$(MESSAGE)"

index: venv
	$(FLASK) kb-index

bench: venv translations-compile
	$(PY) -m benchmarks.run

## bench-real: our search on a folder of EN/RU Markdown beside plain lunr on the same pages
## (CORPUS=DIR, default a synthetic one; QUERIES=FILE of known-item queries; BENCH_ARGS=...)
bench-real: venv translations-compile
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	    $(MAKE) --no-print-directory $(LUNR_JS); else echo "no node or npm: no lunr peer"; fi
	$(PY) -m benchmarks.real $(if $(CORPUS),--corpus "$(CORPUS)") \
	    $(if $(QUERIES),--queries "$(QUERIES)") $(BENCH_ARGS)

# Plain lunr with Russian support, pinned, from the npm registry into .cache/lunr/ (never committed).
$(LUNR_JS):
	npm install --no-save --no-audit --no-fund --prefix .cache/lunr \
	    lunr@$(LUNR_VERSION) lunr-languages@$(LUNR_LANGUAGES_VERSION)

## bench-answers: answer@1, success@3 and MRR of 160 agents' questions (dev and test halves)
bench-answers: venv
	$(PY) -m benchmarks.answers

## bench-publish: how fast a publish in the browser reaches both instances' pages and search
bench-publish: venv translations-compile
	$(PY) -m benchmarks.publishing $(BENCH_ARGS)

## load: agents' traffic against gunicorn while articles change (LOAD_ARGS="--minutes 3 --agents 300")
load: venv translations-compile
	$(PY) -m benchmarks.load $(LOAD_ARGS)

## faults: kill workers and rebuilds, read-only and full disks (also part of `make test`)
faults: venv translations-compile
	$(PY) -m pytest tests/faults -v

translations-extract: venv
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o $(CATALOG)/messages.pot .

translations-update: translations-extract
	$(PY) -m babel.messages.frontend update -i $(CATALOG)/messages.pot -d $(CATALOG) -D messages --no-fuzzy-matching --ignore-obsolete

translations-check: venv
	$(PY) -m kb.i18n_check $(CATALOG)

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .mypy_cache

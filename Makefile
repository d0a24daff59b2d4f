# Two commands on a fresh machine: `make run` (serve the hub with the real GNLC data) and
# `make test` (install and pass the test suite). Everything else is a helper.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres lint format schema bench bench-search bench-matching bench-curation bench-monitoring clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## install, migrate, load the seed data and serve GraphiQL on http://127.0.0.1:8000/graphql
	$(BIN)/gnlc-hub serve --host $(HOST) --port $(PORT)

test: $(STAMP)  ## install, lint and run the whole suite (SQLite; PostgreSQL with GNLC_TEST_DATABASE_URL)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

test-postgres: $(STAMP)  ## the suite against the local PostgreSQL
	GNLC_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: $(STAMP)  ## rewrite schema/schema.graphql from the code
	$(BIN)/gnlc-hub export-schema

bench: $(STAMP)  ## portal-query benchmark at real size and at 10 000 cities / 100 000 practices
	$(BIN)/python -m bench.portal

bench-search: $(STAMP)  ## search benchmark: index and query 100 000 synthetic practices, vs SQL LIKE
	$(BIN)/python -m bench.search

bench-matching: $(STAMP)  ## peerMatches p50/p95 on the real network and at 10 000 cities / 100 000 practices
	$(BIN)/python -m bench.matching

bench-curation: $(STAMP)  ## cost of writes (create, update, publish) and of private fields, vs the cheapest request
	$(BIN)/python -m bench.curation

bench-monitoring: $(STAMP)  ## reportingStatus and a city benchmark at 10 000 cities x 3 cycles
	$(BIN)/python -m bench.monitoring

clean:
	rm -rf $(VENV) .gnlc .pytest_cache .ruff_cache

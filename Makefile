# Two commands on a fresh machine: `make run` (serve the hub with the real GNLC data) and
# `make test` (install and pass the test suite). Everything else is a helper.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test

NPM ?= npm
JS_CLIENTS := clients/js
GRAPHIQL_ASSETS := clients/graphiql
HUB_URL ?= http://$(HOST):$(PORT)/graphql

.PHONY: run test test-postgres lint format schema bench bench-search bench-matching bench-curation bench-http bench-geo bench-monitoring bench-peer soak bench-limits fuzz relay clean \
	graphiql-assets js-clients audit-http apollo browser

# GraphiQL's assets come from the npm registry at install time (never from a CDN at run time).
# Without npm the hub still runs and its GraphiQL page says how to install them.
graphiql-assets: $(GRAPHIQL_ASSETS)/node_modules/.package-lock.json

# npm ci again only when the lock file changed (npm writes node_modules/.package-lock.json).
$(GRAPHIQL_ASSETS)/node_modules/.package-lock.json: $(GRAPHIQL_ASSETS)/package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
		cd $(GRAPHIQL_ASSETS) && $(NPM) ci --no-audit --no-fund --silent; \
	else echo "npm not found: GraphiQL's assets are not installed (the API works without them)"; fi

js-clients: $(JS_CLIENTS)/node_modules/.package-lock.json  ## npm ci the JavaScript clients (graphql-http audit, Apollo Client)

$(JS_CLIENTS)/node_modules/.package-lock.json: $(JS_CLIENTS)/package-lock.json
	cd $(JS_CLIENTS) && $(NPM) ci --no-audit --no-fund --silent

audit-http: js-clients  ## graphql-http's GraphQL-over-HTTP audit against a running hub (HUB_URL)
	cd $(JS_CLIENTS) && node audit.mjs $(HUB_URL)

apollo: js-clients  ## Apollo Client 4 (persisted queries, batching, fetchMore) against a running hub
	cd $(JS_CLIENTS) && node apollo.mjs $(HUB_URL)

browser:  ## Debian's chromium for the GraphiQL screenshot test (needs root and apt)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) graphiql-assets  ## install, migrate, load the seed data and serve GraphiQL on http://127.0.0.1:8000/graphql
	$(BIN)/gnlc-hub serve --host $(HOST) --port $(PORT)

test: $(STAMP) graphiql-assets  ## install, lint and run the whole suite (SQLite; PostgreSQL with GNLC_TEST_DATABASE_URL)
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

FUZZ_EXAMPLES ?= 10
fuzz: $(STAMP)  ## schemathesis against the app, anonymous and admin (FUZZ_EXAMPLES per root field)
	GNLC_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest fuzz -q -p no:cacheprovider

relay:  ## relay-compiler 21 compiles portal queries (clients/relay) against schema/schema.graphql; needs Node
	cd clients/relay && npm ci --no-audit --no-fund --loglevel=error && npx relay-compiler

bench: $(STAMP)  ## portal-query benchmark at real size and at 10 000 cities / 100 000 practices
	$(BIN)/python -m bench.portal

bench-search: $(STAMP)  ## search benchmark: index and query 100 000 synthetic practices, vs SQL LIKE
	$(BIN)/python -m bench.search

bench-matching: $(STAMP)  ## peerMatches p50/p95 on the real network and at 10 000 cities / 100 000 practices
	$(BIN)/python -m bench.matching

bench-geo: $(STAMP)  ## cities within 500 km of a point at 10 000 cities / 100 000 places, p50/p95
	$(BIN)/python -m bench.geo

bench-http: $(STAMP)  ## response sizes (identity/gzip/br), APQ round trips, 304 rate, rate-limit behaviour
	$(BIN)/python -m bench.http

bench-limits: $(STAMP)  ## time to refuse a fragment bomb, a fan-out and 50 000 ids; portal p50 with the limits
	$(BIN)/python -m bench.limits

bench-curation: $(STAMP)  ## cost of writes (create, update, publish) and of private fields, vs the cheapest request
	$(BIN)/python -m bench.curation

# PostGraphile 5 and the Node 22 it needs (the npm `node` package), for bench-peer.
POSTGRAPHILE := bench/postgraphile
PEER_ARGS ?=

$(POSTGRAPHILE)/node_modules/.package-lock.json: $(POSTGRAPHILE)/package-lock.json
	cd $(POSTGRAPHILE) && $(NPM) ci --no-audit --no-fund --silent

bench-peer: $(STAMP) $(POSTGRAPHILE)/node_modules/.package-lock.json  ## hub vs PostGraphile 5 on one PostgreSQL (GNLC_BENCH_DATABASE_URL): portal and city p50/p95, req/s, hub RSS; PEER_ARGS="--sizes real --runs 50"
	$(BIN)/python -m bench.peer $(PEER_ARGS)

bench-monitoring: $(STAMP)  ## reportingStatus and a city benchmark at 10 000 cities x 3 cycles
	$(BIN)/python -m bench.monitoring

clean:
	rm -rf $(VENV) .gnlc .pytest_cache .ruff_cache $(JS_CLIENTS)/node_modules $(GRAPHIQL_ASSETS)/node_modules \
		$(POSTGRAPHILE)/node_modules

soak: $(STAMP)  ## 60 s of mixed reads and writes against a served hub, kill -9, restart, consistency check (SQLite; PostgreSQL too with GNLC_SOAK_DATABASE_URL)
	$(BIN)/python -m bench.soak

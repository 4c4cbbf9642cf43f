# Entry points of the smsworks toolkit. On a fresh machine: `make generate`, then `make test`.
# The first target that needs Python builds .venv from the pinned requirements.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CLIENT := generated/client
CLIENT_STAMP := $(VENV)/.client-installed
PIP := $(PY) -m pip --disable-pip-version-check -q

# Quiet by default: dots and pytest's closing line, failures whole. `make test PYTEST_FLAGS=-v` for every name.
PYTEST_FLAGS ?= -q --no-header
# The served emulators' log level: `SMSWORKS_LOG=info` (or debug) brings back uvicorn's access log.
SMSWORKS_LOG ?= warning

# Contract-test knobs (see docs/contract-tests.md).
SMSWORKS_TARGET ?= emulator
export SMSWORKS_TARGET

HAND_WRITTEN := conftest.py pipeline frontdoor emulator contract_tests tests bench examples

.PHONY: help venv generate check-generated spec-diff check-upstream client lint lint-ci typecheck unit-test contract-test suites contract-test-sandbox contract-test-deep contract-test-nightly browser ui-test fuzz fuzz-short test emulator bench bench-smoke wrk dist dist-check clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt pyproject.toml pipeline/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	# Editable, for development: the emulator (the root project) and the pipeline (a tool of this repository).
	$(PIP) install --no-deps --no-build-isolation -e . -e pipeline
	touch $@

venv: $(STAMP)  ## create the virtualenv from the pinned requirements

$(CLIENT_STAMP): $(STAMP) $(CLIENT)/pyproject.toml
	$(PIP) install --no-deps --no-build-isolation -e $(CLIENT)
	touch $@

client: $(CLIENT_STAMP)  ## install the generated client into the virtualenv

generate: $(STAMP)  ## openapi.yaml + overlays -> generated/openapi.yaml -> generated/client (UPSTREAM=path: another vendor document, checked first)
	$(PY) -m smsworks_pipeline generate --out generated $(if $(UPSTREAM),--upstream $(UPSTREAM))
	$(MAKE) --no-print-directory client

# Upgrading the vendor's spec (docs/client.md, "When the vendor's spec changes"). Both exit 1 when they find a problem.
spec-diff: $(STAMP)  ## semantic diff OLD=path NEW=path -> reports/spec-diff.md, .json (exit 1 on a breaking change; FAIL_ON=any|never)
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "usage: make spec-diff OLD=path NEW=path"; exit 2; }
	$(PY) -m smsworks_pipeline diff $(OLD) $(NEW) --fail-on $(or $(FAIL_ON),breaking)

check-upstream: $(STAMP)  ## every overlay action on UPSTREAM=path: applied, target missing or redundant -> reports/upstream-check.md, .json
	@test -n "$(UPSTREAM)" || { echo "usage: make check-upstream UPSTREAM=path"; exit 2; }
	$(PY) -m smsworks_pipeline check-upstream $(UPSTREAM)

check-generated: $(STAMP)  ## fail when generated/ differs from a fresh generation
	$(PY) -m smsworks_pipeline check --out generated

lint: $(STAMP) lint-ci  ## ruff on hand-written code; the CI workflows (lint-ci)
	$(VENV)/bin/ruff check $(wildcard $(HAND_WRITTEN))
	$(VENV)/bin/ruff format --check $(wildcard $(HAND_WRITTEN))

# Every workflow under .github/ and examples/ci/, offline: the GitHub workflow and action schemas and
# GitLab CI's (check-jsonschema ships them), then zizmor (pinning, permissions, injection).
# CI_ROOT: another tree holding the same folders (a test breaks a copy).
CI_ROOT ?= .
ZIZMOR := $(VENV)/bin/zizmor --offline --quiet --no-progress

lint-ci: $(STAMP)  ## check the workflows under .github/ and examples/ci/ (schemas, zizmor), offline
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows \
		$(wildcard $(CI_ROOT)/.github/workflows/*.yml $(CI_ROOT)/examples/ci/github/*.yml)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-actions $(wildcard $(CI_ROOT)/.github/actions/*/action.yml)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.gitlab-ci \
		$(wildcard $(CI_ROOT)/examples/ci/gitlab/*.yml $(CI_ROOT)/examples/ci/gitlab/.gitlab-ci.yml)
	$(ZIZMOR) $(CI_ROOT)/.github
	$(ZIZMOR) --config $(CI_ROOT)/examples/ci/zizmor.yml $(wildcard $(CI_ROOT)/examples/ci/github/*.yml)

typecheck: $(CLIENT_STAMP)  ## mypy --strict on hand-written code, the tests, the usage example and the generated client
	# mypy cannot follow setuptools' editable-install import hook: name the source roots.
	MYPYPATH=pipeline:emulator $(VENV)/bin/mypy --strict $(wildcard conftest.py pipeline emulator examples bench contract_tests)
	# Tests are modules by their path (tests.emulator.conftest), so each folder's conftest.py stays distinct.
	MYPYPATH=.:pipeline:emulator $(VENV)/bin/mypy --strict --explicit-package-bases tests
	cd $(CLIENT) && ../../$(VENV)/bin/mypy --strict -p smsworks

unit-test: $(CLIENT_STAMP) bench/node_modules/.installed  ## tests of the hand-written code and of the generated client (Prism from bench/ for the spec checks)
	$(PY) -m pytest $(PYTEST_FLAGS) tests examples/signup --ignore=tests/ui

contract-test: $(CLIENT_STAMP)  ## spec + client against SMSWORKS_TARGET (emulator, emulator-http, sandbox)
	$(PY) -m pytest $(PYTEST_FLAGS) contract_tests

# The sandbox target against a served emulator standing in for the real service: the whole suite
# as a live run makes it, sending allowed within SMSWORKS_CREDIT_BUDGET and SMSWORKS_MAX_MESSAGES.
# SANDBOX_WIRE=spec runs it against the healthy emulator instead, which must give zero findings.
SANDBOX_RUN_DEPTH ?= 3
SANDBOX_WIRE ?= live-like

contract-test-sandbox: $(CLIENT_STAMP)  ## the suite as a live run, against `smsworks-emulator serve --wire live-like` on loopback
	@port=$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	$(VENV)/bin/smsworks-emulator serve --port $$port --db :memory: --wire $(SANDBOX_WIRE) --webhook-host loopback \
		--log-level $(SMSWORKS_LOG) & server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null' EXIT; \
	for attempt in $$(seq 50); do \
		$(PY) -c 'import sys, httpx2; httpx2.get(sys.argv[1], timeout=1)' http://127.0.0.1:$$port/v1/utils/test 2>/dev/null && break; \
		sleep 0.2; \
	done; \
	SMSWORKS_TARGET=sandbox SMSWORKS_BASE_URL=http://127.0.0.1:$$port/v1 \
	SMSWORKS_TOKEN="$$($(VENV)/bin/smsworks-emulator token --customer sandbox-account)" \
	SMSWORKS_ALLOW_SEND=1 SMSWORKS_TEST_DESTINATION=447700900123 SMSWORKS_CREDIT_BUDGET=25 \
	CONTRACT_DEPTH=$(SANDBOX_RUN_DEPTH) CONTRACT_REPORTS_DIR=reports/sandbox \
	$(PY) -m pytest $(PYTEST_FLAGS) contract_tests -p no:cacheprovider -rs

# Deeper than the default run, within minutes: 4x the random sequences and examples. The default
# run already reaches every documented rule (the model's fixed tour); this one explores further.
contract-test-deep: $(CLIENT_STAMP)  ## the contract suite with 4x the examples (CONTRACT_DEPTH=100)
	CONTRACT_DEPTH=100 $(PY) -m pytest contract_tests

contract-test-nightly: $(CLIENT_STAMP)  ## the contract suite with 20x the examples (CONTRACT_DEPTH=500)
	CONTRACT_DEPTH=500 $(PY) -m pytest $(PYTEST_FLAGS) contract_tests

# Debian's browser and its WebDriver; the registries have no browser builds to download.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser:  ## install Debian's chromium and chromium-driver with apt, when missing
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver; \
	fi

ui-test: $(CLIENT_STAMP) browser  ## the web inbox in headless Chromium; screenshot in reports/ui.png
	SMSWORKS_REQUIRE_BROWSER=1 $(PY) -m pytest $(PYTEST_FLAGS) tests/ui

fuzz: $(CLIENT_STAMP)  ## schemathesis, >= 20,000 requests over all 23 operations, against a served emulator
	$(PY) -m contract_tests.fuzz --max-examples 320 --min-requests 20000

fuzz-short: $(CLIENT_STAMP)  ## the same run, a few examples per operation (part of `make test`)
	$(PY) -m contract_tests.fuzz --max-examples 5 --min-requests 500

# The two largest suites side by side: each is mostly one core's work, and they share no file or port
# (three rounds of both at once passed). Each one's output is printed whole when it ends.
suites: $(CLIENT_STAMP) bench/node_modules/.installed  ## unit-test and contract-test side by side
	$(MAKE) --no-print-directory -j2 --output-sync=target unit-test contract-test

TEST_STAGES := lint typecheck suites contract-test-sandbox ui-test fuzz-short bench-smoke

# Each stage ends with one line: its name, result and time. A failing stage is the last output.
test:  ## everything CI runs
	@for stage in $(TEST_STAGES); do \
		start=$$(date +%s); \
		$(MAKE) --no-print-directory $$stage; status=$$?; \
		took=$$(( $$(date +%s) - start )); \
		if [ $$status -ne 0 ]; then echo "== $$stage: FAILED after $${took}s"; exit $$status; fi; \
		echo "== $$stage: ok in $${took}s"; \
	done

emulator: $(CLIENT_STAMP)  ## serve the emulator on 127.0.0.1:8080
	$(VENV)/bin/smsworks-emulator serve

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

wrk:  ## install the wrk load generator through apt when it is missing (the bench falls back to bench/load.py)
	@command -v wrk >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } \
		|| echo "wrk could not be installed; the bench uses bench/load.py"; \
	else \
		echo "wrk is not installed (sudo apt-get install wrk, or your system's package); the bench uses bench/load.py"; \
	fi

bench: $(CLIENT_STAMP) bench/node_modules/.installed wrk  ## benchmarks side by side (Prism via npm, wrk via apt), written to bench/RESULTS.md (~15 min)
	$(PY) -m bench

bench-smoke: $(CLIENT_STAMP) bench/node_modules/.installed  ## every benchmark scenario for a moment: proves they run, judges no speed
	$(PY) -m bench --smoke

DIST := dist

dist: $(CLIENT_STAMP)  ## wheels and sdists of smsworks (the client) and smsworks-emulator, in dist/
	rm -rf $(DIST)
	# Each wheel is built from its sdist, so a file missing from an sdist breaks the build here.
	$(PY) -m build --no-isolation --outdir $(DIST) $(CLIENT)
	$(PY) -m build --no-isolation --outdir $(DIST) .

dist-check: dist  ## install dist/ into a fresh virtualenv outside the repository, serve, send, load the pytest plugin
	$(PY) tests/dist_check.py $(DIST)

clean:  ## remove the virtualenv, caches and built distributions
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis reports $(DIST) build

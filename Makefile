# kooperation — two commands for a newcomer: `make start` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
INSTANCE ?= instance
SITE_PROFILE ?= demo
HOST ?= 127.0.0.1
PORT ?= 8080
STORAGE ?= filestorage
export STORAGE RELSTORAGE_DSN ZEO_ADDRESS ADMIN_PASSWORD HOST PORT
export SMTP_HOST SMTP_PORT SMTP_USER SMTP_PASSWORD MAIL_CATCHER_PORT

STAMP := $(VENV)/.installed
SOURCES := $(shell find src tests bench setup.py -name '*.py' -not -path '*/.venv/*' 2>/dev/null)
XML := $(shell find src instance profiles -name '*.zcml' -o -name '*.xml' 2>/dev/null | grep -v /var/)

.PHONY: help
help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

$(STAMP): $(BIN)/uv setup.py constraints.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e ".[test,lint]"
	@# bytecode for every installed module: without it (PYTHONDONTWRITEBYTECODE, or a
	@# read-only venv) each Zope process compiles its imports anew (seconds per start)
	-@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null 2>&1
	@touch $@

.PHONY: install
install: $(STAMP) ## create .venv and install the pinned stack

.PHONY: config
config: $(STAMP) ## write instance/etc/zope.conf for STORAGE (filestorage | relstorage | zeo)
	$(BIN)/kooperation-admin write-config --instance $(INSTANCE)
	@# another instance folder (a second instance on RelStorage or ZEO) gets the same WSGI and ZCML setup
	@if [ "$(abspath $(INSTANCE))" != "$(abspath instance)" ]; then \
	  cp instance/etc/zope.ini instance/etc/site.zcml $(INSTANCE)/etc/; fi

.PHONY: site
site: config ## create the site from SITE_PROFILE unless it exists (before the server opens Data.fs)
	$(BIN)/kooperation-admin create-site --instance $(INSTANCE) --profile profiles/$(SITE_PROFILE)

.PHONY: start
start: site ## install, create the demo site, serve it on http://HOST:PORT
	@# mail: SMTP_HOST (SMTP_PORT, SMTP_USER, SMTP_PASSWORD), else a catcher writing to var/mail
	$(BIN)/kooperation-admin mail --instance $(INSTANCE) --for-start
	$(BIN)/kooperation-admin serve --instance $(INSTANCE) \
	  $(INSTANCE)/etc/zope.ini http_host=$(HOST) http_port=$(PORT)

.PHONY: upgrade
upgrade: config ## run pending upgrade steps on the existing site
	$(BIN)/kooperation-admin upgrade --instance $(INSTANCE)

# Operations (README "Operations"): keep BACKUP_DIR on another disk than the instance.
BACKUP_DIR ?= $(INSTANCE)/var/backups
PACK_DAYS ?= 7
export BACKUP_DIR

.PHONY: backup
backup: $(STAMP) ## back up the database and blobs to BACKUP_DIR (repozo or pg_dump)
	$(BIN)/kooperation-admin backup --instance $(INSTANCE)

.PHONY: restore
restore: $(STAMP) ## restore the last backup from BACKUP_DIR (stop the server first)
	$(BIN)/kooperation-admin restore --instance $(INSTANCE)

.PHONY: pack
pack: $(STAMP) ## pack the database, keeping PACK_DAYS of undo (versions always stay)
	$(BIN)/kooperation-admin pack --instance $(INSTANCE) --days $(PACK_DAYS)

.PHONY: verify
verify: $(STAMP) ## check that every record of the database loads (fstest, zodbverify)
	$(BIN)/kooperation-admin verify --instance $(INSTANCE)

.PHONY: system-deps
system-deps: ## Debian packages the tests need (Chromium, tesseract, HAProxy, PostgreSQL)
	@# chromium-l10n: the browser's German, so date inputs read 31.03.2019 (--lang=de-DE)
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -f /usr/lib/chromium/locales/de.pak ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver chromium-l10n >/dev/null; \
	fi
	@# OCR of scanned PDFs for the PDF import (pdftoppm renders, tesseract reads)
	@if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx deu; then SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-deu poppler-utils >/dev/null; fi
	@# the load balancer of the scale-out test (two RelStorage instances behind HAProxy)
	@if ! command -v haproxy >/dev/null; then SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; fi
	@# PostgreSQL for the RelStorage tests: pg_dump/pg_restore, and initdb/pg_ctl for the
	@# throwaway cluster the tests start when no server answers (docs/testing.md)
	@if ! { command -v initdb && command -v pg_ctl; } >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v pg_dump >/dev/null; then SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; fi

.PHONY: lint
lint: $(STAMP) ## ruff (Plone import style) and zpretty --check
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/zpretty --check $(XML)

.PHONY: format
format: $(STAMP) ## fix what lint complains about
	-$(BIN)/ruff check --fix $(SOURCES)
	$(BIN)/ruff format $(SOURCES)
	$(BIN)/zpretty -i $(XML)

# Tests (docs/testing.md). PYTEST_ARGS for more, e.g. PYTEST_ARGS="tests/registrations -x".
# TEST_WORKERS: pytest-xdist processes (auto: one per CPU; 0: no xdist, one process); each
# worker runs whole test files (--dist loadfile) with its own layers, ports and temp folders.
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) $(if $(filter 0,$(TEST_WORKERS)),,--dist loadfile)

.PHONY: test
test: $(STAMP) system-deps lint ## the whole suite (incl. RelStorage, buildout and browser tests)
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

.PHONY: test-quick
test-quick: $(STAMP) ## the suite without servers and browser (markers server, browser)
	$(BIN)/pytest $(XDIST) -m "not server and not browser" $(PYTEST_ARGS)

.PHONY: test-apidocs
test-apidocs: $(STAMP) ## docs/api: examples and coverage (KOOPERATION_WRITE_API_EXAMPLES=1 writes them)
	$(BIN)/pytest tests/apidocs $(PYTEST_ARGS)

.PHONY: constraints
constraints: $(BIN)/uv ## re-pin constraints.txt (real project names, as buildout needs) to .venv
	$(BIN)/python -c 'import importlib.metadata as m; \
	  pins = {d.metadata["Name"]: d.version for d in m.distributions()}; \
	  [pins.pop(n, None) for n in ("kooperation", "pip")]; \
	  print("\n".join(f"{n}=={v}" for n, v in sorted(pins.items(), key=lambda p: p[0].lower())))' \
	  > constraints.txt

.PHONY: clean
clean: ## remove .venv and build files (keeps instance/var, the database)
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache

versions.cfg: constraints.txt ## buildout's pins, generated from constraints.txt
	{ echo "# Generated from constraints.txt by 'make versions.cfg'. Do not edit."; \
	  echo "[versions]"; \
	  grep -E '^[A-Za-z0-9._-]+==' constraints.txt | sed -E 's/==/ = /'; } > $@

.PHONY: i18n
i18n: $(STAMP) ## rebuild locales/kooperation.pot and sync the de and en catalogs
	$(BIN)/python src/kooperation/locales/update.py

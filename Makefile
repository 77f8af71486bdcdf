# ictmis: `make demo` serves the demo, `make test` runs the whole suite. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
ICTMIS := $(BIN)/ictmis
DATA_DIR ?= var
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export ICTMIS_DATA_DIR ?= $(CURDIR)/$(DATA_DIR)

ENV_FILE := $(abspath $(DATA_DIR))/ictmis.env
# Every `ictmis` command (and the server) reads its settings from this file, so a fresh shell works.
DEMO_ENV = ICTMIS_ENV_FILE="$(ENV_FILE)"

.PHONY: help install assets messages catalogue system-deps demo serve test test-fast test-browser lint format bench lock clean

help:
	@echo "make demo   - install everything, load the demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   - install what the tests need and run the whole suite"
	@echo "make lint   - ruff, ruff format --check, mypy, lint-imports"
	@echo "make bench  - measurements (see benchmarks/)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

EDITOR_BUNDLE := src/ictmis/portal/static/portal/build/article-editor.js

assets: node_modules/.package-lock.json $(EDITOR_BUNDLE)

# The article editor (TipTap) bundled into one script; a build product, never committed.
$(EDITOR_BUNDLE): src/ictmis/portal/assets/article-editor.js node_modules/.package-lock.json
	node_modules/.bin/esbuild $< --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile=$@

# System packages: gettext (msgfmt) always; Chromium for the browser tests.
system-deps:
	@missing=""; command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ "$(NEED_CHROMIUM)" = "1" ] && [ ! -x /usr/bin/chromium ]; then missing="$$missing chromium"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages first (as root): apt-get install$$missing"; exit 1; \
	  fi; \
	fi

messages: system-deps
	@for po in src/ictmis/locale/*/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done

# Refresh the Vietnamese catalogue from the code (then translate what is new; a test checks it).
catalogue: install
	cd src/ictmis && ICTMIS_DEBUG=1 ../../$(ICTMIS) makemessages -l vi --no-obsolete

$(DATA_DIR)/secret_key:
	mkdir -p $(DATA_DIR)
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The demo's settings file (never committed: var/ is ignored). Kept once written, so edits survive.
$(DATA_DIR)/ictmis.env: | $(DATA_DIR)/secret_key
	@umask 077 && { \
	  echo "# ictmis settings written by make demo; the environment wins over this file (docs/operations.md)."; \
	  echo "ICTMIS_SECRET_KEY=$$(cat $(DATA_DIR)/secret_key)"; \
	  echo "ICTMIS_DATA_DIR=$(abspath $(DATA_DIR))"; \
	  echo "ICTMIS_DEMO=1"; \
	  echo "ICTMIS_HTTPS=0"; \
	  echo "ICTMIS_REQUIRE_2FA=0"; \
	  echo "ICTMIS_PORTAL_ADDRESS='(demo) Số 1 đường Hùng Vương, phường Đồng Hới, tỉnh Quảng Trị'"; \
	  echo "ICTMIS_PORTAL_PHONE='0232 3 000 000'"; \
	  echo "ICTMIS_PORTAL_EMAIL=lienhe@demo.ictmis.example"; \
	  echo "ICTMIS_PORTAL_RESPONSIBLE='(demo) Giám đốc Sở Khoa học và Công nghệ'"; \
	} > $@
	chmod 600 $@

demo: install assets messages $(DATA_DIR)/ictmis.env
	$(DEMO_ENV) $(ICTMIS) migrate --no-input -v0
	$(DEMO_ENV) $(ICTMIS) collectstatic --no-input -v0
	$(DEMO_ENV) $(ICTMIS) load_demo
	@echo ""
	@echo "  ictmis demo: http://$(HOST):$(PORT)"
	@echo "  Log in as admin, lanhdao, chuyenvien, thanhtra, canboxa, doanhnghiep or bientap"
	@echo "  with the password ictmis-demo. Ctrl-C stops the server and the task worker."
	@echo ""
	@$(DEMO_ENV) $(BIN)/python -m ictmis.serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

serve: install assets messages
	$(BIN)/python -m ictmis.serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: install assets
	$(MAKE) --no-print-directory messages NEED_CHROMIUM=1
	$(MAKE) --no-print-directory system-deps NEED_CHROMIUM=1
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install assets messages
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix src tests benchmarks tools
	$(BIN)/ruff format src tests benchmarks tools

bench: install assets messages
	ICTMIS_DEBUG=1 $(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/portal_load.py

# Regenerate requirements.lock from pyproject.toml in a throwaway environment.
lock:
	rm -rf /tmp/ictmis-lock && $(PYTHON) -m venv /tmp/ictmis-lock
	/tmp/ictmis-lock/bin/pip install --quiet --upgrade pip
	/tmp/ictmis-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/ictmis-lock/bin/pip freeze --exclude-editable | grep -v '^ictmis' > requirements.lock

clean:
	rm -rf $(VENV) node_modules $(DATA_DIR)/static

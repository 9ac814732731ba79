# Gevinst — two commands: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
# uv from PATH, or installed privately into .tools/ (no system or user packages touched).
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENDOR := src/gevinst/static/vendor
export GEVINST_VAR_DIR ?= $(CURDIR)/var
# Debian packages the running application needs: pango for WeasyPrint (PDFs), DejaVu for
# the print stylesheet.
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

.PHONY: help install install-dev assets system-packages runtime-packages demo serve test test-sqlite test-postgres lint bench clean

help:
	@echo "make demo   install, migrate, load the demo organisations and serve on http://127.0.0.1:8000"
	@echo "make test   install what the tests need and run the whole suite (SQLite and PostgreSQL)"
	@echo "make lint   ruff"

$(UV):
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

install: $(UV) assets
	$(UV) sync --frozen --no-dev

install-dev: $(UV) assets
	$(UV) sync --frozen

# Designsystemet and htmx from npm, copied where whitenoise serves them.
assets: $(VENDOR)/.stamp

$(VENDOR)/.stamp: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/designsystemet $(VENDOR)/htmx
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	touch $@

# Browsers, database server, fonts and PDF libraries for the tests: Debian packages,
# installed when root.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	for deb in $(RUNTIME_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" || missing="$$missing $$deb"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing — install them (sudo apt-get install$$missing) or run as root"; exit 1; \
	  fi; \
	fi

# What the application itself needs to run (PDFs: pango, fonts), for `make demo`.
runtime-packages:
	@missing=""; \
	for deb in $(RUNTIME_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" || missing="$$missing $$deb"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing — install them (sudo apt-get install$$missing) or run as root"; exit 1; \
	  fi; \
	fi

var/secret_key:
	mkdir -p var
	python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

demo: runtime-packages install var/secret_key
	@export SECRET_KEY_FILE=$(CURDIR)/var/secret_key GEVINST_HTTPS=false EMAIL_URL=console: ; \
	$(BIN)/gevinst migrate --verbosity 0 && \
	$(BIN)/gevinst loaddemo && \
	echo "Serving on http://127.0.0.1:8000 (Ctrl+C stops). Emails are printed here." && \
	exec $(BIN)/gevinst serve --bind 127.0.0.1:8000 --workers 3

test: system-packages install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q
	GEVINST_TEST_DB=postgres $(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check src tests bench

bench: install-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/static

# Two commands matter: `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Emailed links, the sitemap and the demo site's address follow the address the demo is served on.
BASE_URL ?= http://$(HOST):$(PORT)
WORKERS ?= 3

.PHONY: demo test install lint serve-prod bench lighthouse screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py migrate --noinput
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py load_demo
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py demo_admin --url $(BASE_URL)/admin/
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# One pytest worker per core (pytest-xdist; an idle worker takes tests queued for a busy one).
# TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto

test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# Production-like: needs ACUCLINIC_ENV=production, SECRET_KEY and ALLOWED_HOSTS in the environment.
serve-prod: install
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn acuclinic.wsgi --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - \
		--logger-class acuclinic.clinic.log_masking.GunicornLogger

bench: install
	$(BIN)/python bench/run_all.py

# Lighthouse (mobile) on each public page type of a fresh production-like demo; prints a Markdown table.
lighthouse: install
	$(BIN)/python bench/lighthouse.py

# Screenshots of every public page type at 1280 and 390 px into docs/screenshots/ (the README links them).
screenshots: install
	ACUCLINIC_SCREENSHOTS=1 $(BIN)/pytest -q tests/e2e/test_public_pages.py -k "light"

clean:
	rm -rf $(VENV) var

# Two commands matter: `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Emailed links, the sitemap and the demo site's address follow the address the demo is served on.
BASE_URL ?= http://$(HOST):$(PORT)
WORKERS ?= 3

.PHONY: demo test install lint serve-prod bench clean

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

test: lint
	$(BIN)/pytest

# Production-like: needs ACUCLINIC_ENV=production, SECRET_KEY and ALLOWED_HOSTS in the environment.
serve-prod: install
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn acuclinic.wsgi --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - \
		--logger-class acuclinic.clinic.log_masking.GunicornLogger

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var

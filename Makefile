# make run   : set up .venv, get Fashion-MNIST, run the 혼공머신 ch.7 experiments, write results/
# make test  : set up .venv with the test extras, get the data, run the whole test suite
# Both do every set-up step themselves, from a fresh clone.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CH7    := 'hg7_*'
export TF_CPP_MIN_LOG_LEVEL ?= 3

# Sets SUDO to how apt-get can run here: "" as root, "sudo -n" with passwordless sudo, "none" otherwise.
APT_AS = if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else SUDO=none; fi

.PHONY: help venv data browser run run-all quick test test-fast lint format report notebooks clean

help:
	@echo "make run       ch.7 experiments on the full data -> results/"
	@echo "make run-all   every experiment on the full data"
	@echo "make quick     every experiment on subsets, a few minutes"
	@echo "make test      the whole test suite (sets everything up first)"
	@echo "make data      install or download Fashion-MNIST and check it"
	@echo "make report    rebuild results/index.html and the experiment pages"
	@echo "make notebooks rebuild notebooks/*.ipynb from notebooks/src/*.py"
	@echo "make lint      ruff check and ruff format --check (make test runs it)"

$(STAMP): setup.cfg pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "ann_keras needs Python 3.10 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

# Debian's dataset-fashion-mnist when apt is usable (root or passwordless sudo), Keras' download otherwise.
data: $(STAMP)
	@if ! $(BIN)/ann-keras data --no-download >/dev/null 2>&1; then \
	  $(APT_AS); \
	  if [ "$$SUDO" != none ]; then \
	    echo "Installing Debian's dataset-fashion-mnist ..."; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null || \
	    echo "apt-get could not install dataset-fashion-mnist; trying Keras' download"; \
	  fi; \
	fi
	$(BIN)/ann-keras data

# Debian's chromium and chromium-driver for the report pages' browser test (skipped without them).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  $(APT_AS); \
	  if [ "$$SUDO" != none ]; then \
	    echo "Installing Debian's chromium and chromium-driver ..."; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null || \
	    echo "apt-get could not install chromium; the browser test will be skipped"; \
	  else echo "chromium is missing and apt-get needs root; the browser test will be skipped"; fi; \
	fi

report: $(STAMP)
	$(BIN)/ann-keras report

notebooks: $(STAMP)
	$(BIN)/python notebooks/build.py

run: data
	$(BIN)/ann-keras run $(CH7)

run-all: data
	$(BIN)/ann-keras run --all

quick: data
	$(BIN)/ann-keras run --all --quick

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint data browser
	$(BIN)/python -m pytest

test-fast: $(STAMP) browser
	$(BIN)/python -m pytest -m "not realdata"

clean:
	rm -rf $(VENV) work build *.egg-info .pytest_cache

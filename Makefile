# countyviz: two commands set everything up on a fresh machine.
#   make report   install into .venv and generate the batch reports from the bundled data
#   make test     install into .venv and run every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REPORT_DIR ?= reports

.PHONY: install sysdeps report test lint bench lab data workshop datadict clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (countyviz)" >/dev/null
	touch $(STAMP)

# Debian packages for real-browser tests and CJK text in screenshots (skipped when present).
sysdeps:
	@bash tools/sysdeps.sh

report: install
	$(BIN)/countyviz report --out $(REPORT_DIR)

test: install sysdeps
	$(BIN)/ruff check lib tests benchmarks tools
	$(BIN)/python -m pytest -n 2 --dist loadfile -q tests lib/countyviz
	$(BIN)/python -m pytest -q -p no:xdist --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks workshop/solutions

lint: install
	$(BIN)/ruff check lib tests benchmarks tools

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks

# Regenerate workshop/learner and workshop/solutions from workshop/source (and run the solutions).
workshop: install
	$(BIN)/python tools/build_workshop.py --execute

# Regenerate docs/data_dictionary.md from the catalogues and the bundled data.
datadict: install
	$(BIN)/countyviz datadict

# Rebuild data/ from the raw sources in ../shared (maintainers only; needs the [build] extra).
data: install
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,build]"
	$(BIN)/python tools/build_data.py --raw ../shared/data/raw --plans ../shared/data/plans --out data

clean:
	rm -rf $(VENV) $(REPORT_DIR)

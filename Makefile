# Two commands do everything on a fresh machine with Python 3.10+:
#   make lab    create .venv, install, open the collection in JupyterLab
#   make test   create .venv, install, run every test (library, notebooks, widgets, browser)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export NNLIB_OFFLINE := 1
# Small matrices: one BLAS thread is faster, and keeps two test workers from fighting over 2 cores.
export OPENBLAS_NUM_THREADS := 1

.PHONY: lab test test-fast notebooks nav teacher bench install clean

$(VENV)/.installed: requirements.txt pyproject.toml binder/overrides.json
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

install: $(VENV)/.installed

lab: install
	env -u MPLBACKEND -u NNLIB_OFFLINE $(VENV)/bin/jupyter lab notebooks/00-index.ipynb

test: install teacher
	$(PY) -m pytest -n 2 --dist loadscope --nbval-lax -q tests notebooks teacher

# The library alone (no widgets, notebooks, browser): well under a minute, for a change to nnlib/*.py.
test-fast: install
	$(PY) -m pytest tests -q -n 2 -m "not slow"

notebooks: install
	$(PY) tools/nav.py
	$(PY) tools/exercises.py
	$(PY) tools/slides.py
	$(PY) tools/run_notebooks.py

nav: install
	$(PY) tools/nav.py

# The teacher's edition: every notebook with the exercise solutions filled in, in teacher/ (not committed).
teacher: install
	$(PY) tools/exercises.py --teacher

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache teacher

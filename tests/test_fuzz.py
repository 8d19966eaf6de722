"""Hostile agents cannot break ``step()``: generated actions over every env.

Each env gets :data:`ACTIONS_PER_ENV` generated actions (10,400 over the eight envs):
model-like text and JSON, answers shaped on the stage's schema, tool calls in every
accepted shape, and the shapes a hostile probe used - lone surrogates, invalid UTF-8,
values JSON cannot encode (sets, bytes, tuple keys), JSON and Python structures nested
~1,000 deep, SDK-like tool-call objects whose properties raise, inputs up to 1 MB and
over the limit. After every step: no exception, an observation inside the space and
encodable as UTF-8, a finite reward in [0, 1], ``info["action"]`` as plain JSON data,
``info["error"]`` on every action that could not be used, and episodes that end within
their budgets. Hypothesis runs derandomized (the same actions on every run).

No step may hang: each is bounded in CPU time (this thread's, so other jobs on a shared CI
machine do not count; a wall-clock bound of 2 s failed there once on a 20 ms step). The
bound is a guard against a runaway (quadratic parsing took minutes on 1 MB), not a speed
target: the per-step figure for 1 MB inputs is measured by
``benchmarks/fuzz_step_time.py``.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import ecomstage
from ecomstage_env.parsing import MAX_ACTION_CHARS
from ecomstage_env.stages import ToolCall

ENVS = ecomstage.list_envs()
ACTIONS_PER_ENV = 1_300
ACTIONS_PER_EXAMPLE = 6
STEP_CPU_BOUND_S = 10.0
"""CPU seconds one step may take on an input up to 1 MB: a runaway guard, 25x the slowest
step measured here (0.40 s, the first load of the embedding model); the benchmark measures
the real figure."""

MB = 1_000_000


# -- hostile objects ------------------------------------------------------------------------
class _Function:
    def __init__(self, name: Any, arguments: Any) -> None:
        self.name = name
        self.arguments = arguments


class SDKToolCall:
    """Shaped like openai's ChatCompletionMessageToolCall."""

    def __init__(self, name: Any, arguments: Any) -> None:
        self.id = "call_1"
        self.type = "function"
        self.function = _Function(name, arguments)


class _RaisingFunction:
    @property
    def name(self) -> str:
        raise RuntimeError("name is gone")

    arguments = "{}"


class RaisingToolCall:
    """A tool-call object whose properties raise."""

    def __init__(self, where: str) -> None:
        self.where = where

    @property
    def function(self) -> Any:
        if self.where == "function":
            raise ValueError("no function")
        return _RaisingFunction()


class _Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class Reply(BaseModel):
    answer: str
    extra: list[int] = []


def _nested_dict(depth: int) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for _ in range(depth):
        d = {"a": d}
    return d


def _nested_list(depth: int) -> list[Any]:
    x: list[Any] = []
    for _ in range(depth):
        x = [x]
    return x


def _big_inputs() -> list[Any]:
    """Inputs of up to 1 MB that stress extraction, repair and grading."""
    return [
        "{" * MB,
        '{"' * (MB // 2),
        '{"a":[' * 1000 + "1," * ((MB - 6000) // 2),
        ('{"a":[' + "1," * 4000 + "x") * 120,
        '{"a":"' * (MB // 6),
        "```" * (MB // 3),
        "x" * (MB - 100) + '{"answer": "ok"}',
        json.dumps({"answer": "y" * (MB - 20)}),
        json.dumps({"answer": "\\ud800" * (MB // 8)}),
        "\ud800" * MB,
        b"\xff" * MB,
        {"answer": "z" * (MB - 100)},
        {"answer": list(range(MB // 8))},
    ]


BIG = _big_inputs()
OVER = ["x" * (MAX_ACTION_CHARS + 1), {"answer": "z" * (MAX_ACTION_CHARS + 1)}]


# -- strategies ---------------------------------------------------------------------------------
ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)
"""Any code points, lone surrogates included."""

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
weird_scalars = st.one_of(
    json_scalars,
    st.binary(max_size=12),
    st.frozensets(st.integers(0, 9), max_size=3),
    st.sets(st.text(max_size=3), max_size=3),
    st.tuples(st.integers(), st.text(max_size=3)),
    st.integers(4400, 6000).map(lambda n: 10**n),
    st.builds(_Unprintable),
    st.builds(object),
)
weird_keys = st.one_of(
    ANY_TEXT,
    st.integers(),
    st.tuples(st.integers(), st.integers()),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.frozensets(st.integers(0, 3), max_size=2),
)
weird_values = st.recursive(
    weird_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(weird_keys, inner, max_size=4)
    ),
    max_leaves=10,
)


def _invalid_utf8() -> st.SearchStrategy[bytes]:
    def bad(b: bytes) -> bool:
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False

    return st.binary(min_size=1, max_size=40).map(lambda b: b + b"\xff\xfe\x80").filter(bad)


def _with_surrogate(text: str, where: int, code: int) -> str:
    where = min(where, len(text))
    return text[:where] + chr(code) + text[where:]


surrogate_text = st.builds(
    _with_surrogate, ANY_TEXT, st.integers(0, 60), st.integers(0xD800, 0xDFFF)
)


def _json(obj: Any, ascii_only: bool = True) -> str:
    """JSON text of generated data, whatever it holds (the test's own encoder)."""
    try:
        return json.dumps(obj, ensure_ascii=ascii_only, skipkeys=True, default=lambda o: "?")
    except (TypeError, ValueError):
        return '{"unencodable": true}'


def _wrap_json(obj: Any, how: int) -> str:
    text = _json(obj, how % 2 == 0)
    return [
        text,
        f"Sure! Here it is:\n```json\n{text}\n```",
        f"Thinking... {{not json}} then {text} and more",
        text[: max(1, len(text) // 2)],
        f"```\n{text}\n``` trailing ```",
        text + "}" * 3,
    ][how % 6]


@dataclass
class Stats:
    actions: int = 0
    episodes: int = 0
    unusable: int = 0
    big: int = 0
    slowest_s: float = 0.0
    slowest_at: tuple[int, str, int] = (0, "", 0)
    kinds: dict[str, int] = field(default_factory=dict)


def _schema_answer(data: st.DataObject, schema: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for name, prop in schema.get("properties", {}).items():
        if data.draw(st.integers(0, 5)) == 0:
            continue  # missing field
        options: list[Any] = list(prop.get("enum") or [])
        if prop.get("type") == "array" and "items" in prop:
            options = list(prop["items"].get("enum") or [])
            answer[name] = data.draw(
                st.lists(st.sampled_from(options) if options else json_values, max_size=3)
                | weird_values
            )
        elif options:
            answer[name] = data.draw(st.sampled_from(options) | weird_scalars)
        else:
            answer[name] = data.draw(ANY_TEXT | json_values | weird_values)
    if data.draw(st.booleans()):
        answer[data.draw(weird_keys)] = data.draw(weird_values)
    return answer


def _tool_call(data: st.DataObject, tools: list[dict[str, Any]]) -> Any:
    names = [t["function"]["name"] for t in tools] or ["get_campaign"]
    name = data.draw(st.sampled_from([*names, "no_such_tool", ""]) | ANY_TEXT)
    args = data.draw(
        st.dictionaries(
            st.sampled_from(["campaign_id", "merchant_id", "bid", "amount", "text", "query"])
            | weird_keys,
            weird_values,
            max_size=4,
        )
    )
    shape = data.draw(st.integers(0, 6))
    if shape == 0:
        return {"tool": name, "arguments": args}
    if shape == 1:
        text = data.draw(st.sampled_from([_json(args), "{bad", "", "[1]"]))
        return {"type": "function", "function": {"name": name, "arguments": text}, "id": "c1"}
    if shape == 2:
        return {
            "role": "assistant",
            "tool_calls": [{"function": {"name": name, "arguments": args}}],
        }
    if shape == 3:
        return SDKToolCall(name, data.draw(st.sampled_from([_json(args), args])))
    if shape == 4:
        try:
            return ToolCall(name=name, arguments=args)
        except Exception:
            return {"tool": name, "arguments": args}
    if shape == 5:
        return _wrap_json({"tool": name, "arguments": args}, data.draw(st.integers(0, 5)))
    return {"tool": name, "arguments": args, "tool_calls": [1, 2]}


def draw_action(data: st.DataObject, info: dict[str, Any]) -> tuple[Any, bool]:
    """One action, and whether it is certainly unusable (``info["error"]`` is due)."""
    json_env = info["answer_format"] == "json"
    # Hypothesis favours small and boundary draws: the cheap shapes sit at the ends,
    # the 1 MB inputs (costly to grade) in the middle, drawn about 2% of the time.
    kind = data.draw(st.integers(0, 199))
    if kind < 50:
        return _schema_answer(data, info.get("answer_schema", {})), False
    if kind < 80:
        answer = _schema_answer(data, info.get("answer_schema", {}))
        return _wrap_json(answer, data.draw(st.integers(0, 5))), False
    if kind < 110:
        return _tool_call(data, info.get("tools", [])), False
    if kind < 120:
        return data.draw(_invalid_utf8()), True  # repaired and flagged
    if kind < 130:
        return data.draw(surrogate_text), True  # repaired and flagged
    if kind < 138:
        depth = data.draw(st.integers(65, 1200))
        return data.draw(st.sampled_from([_nested_dict(depth), {"x": _nested_list(depth)}])), True
    if kind < 144:
        depth = data.draw(st.integers(65, 1200))
        text = '{"a":' * depth + "1" + "}" * depth
        return text, json_env  # a text task takes any text as the answer
    if kind < 148:
        return BIG[data.draw(st.integers(0, len(BIG) - 1))], False
    if kind < 149:
        return OVER[data.draw(st.integers(0, len(OVER) - 1))], True
    if kind < 156:
        return RaisingToolCall(data.draw(st.sampled_from(["function", "name"]))), True
    if kind < 162:
        odd = st.sampled_from([None, 3, 2.5, [1, 2], object()]) | st.builds(_Unprintable)
        return data.draw(odd), True
    if kind < 168:
        return Reply(answer=data.draw(ANY_TEXT.filter(str.isprintable))), False
    if kind < 185:
        return _wrap_json(data.draw(json_values), data.draw(st.integers(0, 5))), False
    return data.draw(ANY_TEXT), False


def _step_bound(env: Any) -> int:
    stages = env.unwrapped.spec_data.stages
    return sum(s.tool_budget + s.user_turns + 1 for s in stages)


def check_step(env: Any, out: tuple[Any, ...], unusable: bool, elapsed: float) -> None:
    obs, reward, terminated, truncated, info = out
    assert env.observation_space.contains(obs)
    for value in obs.values():
        value.encode("utf-8")  # nothing unencodable reaches the agent or a recorder
    assert isinstance(reward, float) and math.isfinite(reward) and 0.0 <= reward <= 1.0
    assert truncated is False
    json.dumps(info["action"])  # plain data, recordable as it is
    kind = info["action"]["kind"]
    if kind == "invalid":
        assert info["error"] and info["stage_score"].value == 0.0
    if unusable:
        assert info.get("error"), (kind, info["action"])
    if terminated:
        total = info["episode_result"].total
        assert math.isfinite(total) and 0.0 <= total <= 1.0
    assert elapsed < STEP_CPU_BOUND_S


@pytest.mark.parametrize("name", ENVS)
def test_no_action_escapes_step(name: str) -> None:
    env = ecomstage.make(name)
    bound = _step_bound(env)
    stats = Stats()

    @settings(
        max_examples=ACTIONS_PER_ENV // ACTIONS_PER_EXAMPLE + 10,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data(), seed=st.integers(0, 2**16))
    def play(data: st.DataObject, seed: int) -> None:
        _, info = env.reset(seed=seed)
        steps = 0
        for _ in range(ACTIONS_PER_EXAMPLE):
            action, unusable = draw_action(data, info)
            start = time.thread_time()
            out = env.step(action)
            elapsed = time.thread_time() - start
            check_step(env, out, unusable, elapsed)
            stats.actions += 1
            stats.big += any(action is b for b in (*BIG, *OVER))
            stats.unusable += unusable
            if elapsed > stats.slowest_s:
                stats.slowest_s = elapsed
                stats.slowest_at = (stats.actions, type(action).__name__, len(_json(action)))
            kind = out[4]["action"]["kind"]
            stats.kinds[kind] = stats.kinds.get(kind, 0) + 1
            steps += 1
            assert steps <= bound
            info = out[4]
            if out[2]:
                stats.episodes += 1
                _, info = env.reset(seed=seed + steps)
                steps = 0
        while steps:  # the episode in progress still ends within its budgets
            out = env.step("no answer")
            steps += 1
            assert steps <= bound
            if out[2]:
                stats.episodes += 1
                break

    play()
    for i, action in enumerate([*BIG, *OVER]):  # every 1 MB shape, whatever was drawn
        env.reset(seed=i)
        start = time.thread_time()
        out = env.step(action)
        check_step(env, out, any(action is o for o in OVER), time.thread_time() - start)
        stats.actions += 1
    print(f"{name}: {stats}")
    assert stats.actions >= ACTIONS_PER_ENV
    assert stats.unusable > ACTIONS_PER_ENV // 20
    assert {"answer", "invalid"} <= set(stats.kinds)


def test_the_suite_fuzzes_at_least_ten_thousand_actions() -> None:
    assert len(ENVS) * ACTIONS_PER_ENV >= 10_000


def test_the_recorded_action_shares_nothing_with_the_agents() -> None:
    env = ecomstage.make("merchant_promotion")
    env.reset(seed=0, options={"stage": "action"})
    case = env.unwrapped.case
    cid = case.world_refs["campaign_id"]
    writes = [{"name": "pause_campaign", "arguments": {"campaign_id": cid, "reason": "r"}}]
    answer = {"decision": "1", "writes": writes, "reply": "ok", "notes": [[1, 2]]}
    _, _, _, _, info = env.step(answer)
    recorded = json.dumps(info["action"])
    graded = env.unwrapped.graded_result().model_dump_json()
    writes[0]["arguments"]["campaign_id"] = "C-0000"  # the agent edits its own action later
    answer["notes"][0].append(3)  # type: ignore[attr-defined]
    assert json.dumps(info["action"]) == recorded
    assert env.unwrapped.graded_result().model_dump_json() == graded
    assert env.unwrapped._calls[-1].arguments["campaign_id"] == cid  # the call as it ran


class _StrictEmbedder:
    """Refuses text a real tokenizer cannot encode, as the default model's does."""

    name = "strict-fake"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def similarity(self, predictions: list[str], references: list[str]) -> list[float]:
        for text in [*predictions, *references]:
            text.encode("utf-8")  # raises on a lone surrogate
        self.seen += predictions
        return [0.5 for _ in predictions]


@pytest.mark.parametrize("name", ["query_rewrite", "rag_qa"])
@pytest.mark.parametrize(
    "action",
    ["where \ud800 is my parcel", b"where \xff is my parcel", '{"answer": "where \\ud800 is it"}'],
    ids=["surrogate", "invalid-utf8", "escaped-surrogate"],
)
def test_free_text_is_repaired_before_the_scorer_and_the_repair_is_reported(
    name: str, action: Any
) -> None:
    embedder = _StrictEmbedder()
    env = ecomstage.make(name, scoring="paper", embedder=embedder)
    env.reset(seed=0)
    _, reward, terminated, _, info = env.step(action)
    assert terminated and reward == 0.5  # scored, on the repaired text
    assert embedder.seen and "\ufffd" in embedder.seen[0]
    assert "U+FFFD" in info["error"]
    assert "\ud800" not in json.dumps(info["action"], ensure_ascii=False)

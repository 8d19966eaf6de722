"""The env's shortcuts give what the full computation gives (issue 17).

A user message's JSON is spliced from the case's head (escaped once per case) and the
rest of the text; the later stages list the agent's lookups as encoded when made; the
world_outcome scorer keeps the last gold's outcomes per field."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.env import StagedEnv, _call_messages_json, _dumps, _encode_str
from ecomstage_env.scoring import FieldContext
from ecomstage_env.scoring.scorers import world_outcome

_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    ['"quoted"', "back\\slash", "tab\tline\nbreak", "\x00\x1f", "\ud800 lone", "中文"]
)


@settings(max_examples=300, deadline=None)
@given(head=_TEXT, rest=_TEXT)
def test_a_string_encodes_as_its_parts_encodings_joined(head: str, rest: str) -> None:
    spliced = '"' + _encode_str(head)[1:-1] + _encode_str(rest)[1:]
    assert spliced == _dumps(head + rest)


def test_every_stage_user_message_is_the_full_encoding() -> None:
    env = ecomstage.make("merchant_promotion")
    inner = cast(StagedEnv, env.unwrapped)
    agent = ecomstage.OracleAgent()
    for case in inner.cases[:12]:
        obs, info = env.reset(options={"case_id": case.case_id})
        agent.reset()
        while True:
            user = info["messages"][1]["content"]
            assert inner._user_message_json(user) == _dumps({"role": "user", "content": user})
            assert obs["messages"].startswith(
                "[" + _dumps(info["messages"][0]) + ", " + _dumps(info["messages"][1])
            )
            action = agent.act(obs, {**info, "grader": inner.grader_view()})
            obs, _, terminated, truncated, info = env.step(action)
            if terminated or truncated:
                break


def test_the_world_outcome_memo_follows_the_gold_it_is_given() -> None:
    # The memo keeps the last gold object's outcomes per field: another gold (or an
    # equal copy) is graded against its own writes, as with no memo at all.
    inner = cast(StagedEnv, ecomstage.make("merchant_promotion").unwrapped)
    stage = next(s for s in inner.spec_data.stages if any(f.name == "writes" for f in s.fields))
    field = next(f for f in stage.fields if f.name == "writes")
    case = next(c for c in inner.cases if c.gold[stage.stage].get("writes"))
    gold = case.gold[stage.stage]["writes"]
    world = inner.scenario.new_world(case)

    def ctx(memo: dict[Any, Any] | None) -> FieldContext[Any]:
        return FieldContext(
            field=field,
            params=inner.scenario.grading(case, stage.stage, "writes"),
            case=case,
            world=world,
            fresh_world=lambda: inner.scenario.new_world(case),
            memo=memo,
        )

    memo: dict[Any, Any] = {}
    graded = [world_outcome(None, g, ctx(memo)) for g in (gold, [], gold, list(gold), [])]
    assert graded == [world_outcome(None, g, ctx(None)) for g in (gold, [], gold, list(gold), [])]
    assert graded[0] != graded[1]  # the agent made no write: only the empty gold is met


_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(_TEXT | st.integers().map(str), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=_DATA)
def test_compact_json_is_json_dumps_and_loads(data: Any) -> None:
    import json

    from ecomstage_env.parsing import dumps_compact, loads_compact

    text = dumps_compact(data)
    assert text == json.dumps(data, ensure_ascii=False)
    assert _dumps(data) == json.dumps(data, ensure_ascii=False, default=repr)
    again = loads_compact(text)
    assert json.dumps(again, ensure_ascii=False) == text


def test_compact_json_refuses_and_shows_what_json_dumps_does() -> None:
    import pytest

    from ecomstage_env.parsing import dumps_compact

    odd = {"s": {1, 2}, "b": b"x"}
    with pytest.raises(TypeError):
        dumps_compact(odd)
    assert _dumps(odd) == '{"s": "{1, 2}", "b": "b\'x\'"}'
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        dumps_compact(loop)
    assert dumps_compact([1, 2]) == "[1, 2]"  # a fresh encoder per call: no stale marks


def test_a_field_context_built_without_init_equals_the_constructed_one() -> None:
    from ecomstage_env.data.schema import FieldSpec
    from ecomstage_env.scoring.registry import NoParams
    from ecomstage_env.scoring.stage import _context

    field = FieldSpec(name="reply", type="text", description="d", scorer="points")
    shared: dict[str, Any] = {
        "case": None,
        "free_args": {"t": ("a",)},
        "prompt": "p",
        "calls": (),
        "world": None,
        "fresh_world": None,
        "embedder": None,
        "judge": None,
        "memo": {},
    }
    fast = _context(field, NoParams(), shared)
    assert fast == FieldContext(field=field, params=NoParams(), **shared)
    assert list(vars(fast)) == [f for f in FieldContext.__dataclass_fields__]


def test_every_info_holds_its_own_schema_and_tools() -> None:
    # Built from per-stage rows, the tools (and the schema) are new objects in each info.
    env = ecomstage.make("merchant_promotion")
    _, first = env.reset(seed=0, options={"stage": "planning"})
    _, _, _, _, second = env.step({"tool": "get_campaign", "arguments": {"campaign_id": "C-0"}})
    assert second["stage"] == first["stage"] == "planning"
    assert first["tools"] and second["tools"] == first["tools"]
    unwrapped = cast(StagedEnv, env.unwrapped)
    stage, specs = unwrapped.spec_data.stages[1], unwrapped.tool_specs
    assert first["tools"][: len(stage.tools)] == [specs[n].openai() for n in stage.tools]
    assert second["tools"] is not first["tools"]
    assert all(a is not b for a, b in zip(second["tools"], first["tools"], strict=True))
    assert second["answer_schema"] == first["answer_schema"]
    assert second["answer_schema"] is not first["answer_schema"]


@settings(max_examples=300, deadline=None)
@given(call_id=_TEXT, name=_TEXT, arguments=_TEXT, result=_TEXT)
def test_a_calls_messages_are_framed_as_dumps_writes_them(
    call_id: str, name: str, arguments: str, result: str
) -> None:
    # Observations splice each call's two messages from this text: it must be what
    # encoding the two message dicts would write, whatever the strings hold.
    fn = {"name": name, "arguments": arguments}
    call = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": call_id, "type": "function", "function": fn}],
    }
    reply = {"role": "tool", "tool_call_id": call_id, "content": result}
    want = _dumps(call) + ", " + _dumps(reply)
    assert _call_messages_json(call_id, name, arguments, result) == want

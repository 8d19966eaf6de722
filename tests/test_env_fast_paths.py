"""The env's shortcuts give what the full computation gives (issue 17).

A user message's JSON is spliced from the case's head (escaped once per case) and the
rest of the text; the later stages list the agent's lookups as encoded when made; the
world_outcome scorer keeps the last gold's outcomes per field."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.env import StagedEnv, _dumps, _encode_str
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

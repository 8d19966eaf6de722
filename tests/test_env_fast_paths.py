"""The observation's shortcuts give the very bytes of the full encoding (issue 17).

A user message's JSON is spliced from the case's head (escaped once per case) and the
rest of the text; the later stages list the agent's lookups as encoded when made."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.env import _dumps, _encode_str

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
    inner = env.unwrapped
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

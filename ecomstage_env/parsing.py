"""Turn whatever an agent produced into a tool call or a stage answer.

Accepted: raw model text (a JSON object is extracted from it, fenced or not), a dict, a
pydantic model, a :class:`~ecomstage_env.stages.ToolCall`, or a tool call in our shape
(``{"tool": name, "arguments": {...}}``) or OpenAI's (``{"type": "function",
"function": {"name": ..., "arguments": "<json>"}}``, an assistant message with one
``tool_calls`` entry, or the SDK's tool-call object). Nothing here raises on bad input:
a problem comes back as :class:`ParseError`, which the env scores as 0 with the reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ecomstage_env.stages import ToolCall

__all__ = ["Answer", "ParseError", "extract_json", "parse_action"]

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


@dataclass(frozen=True)
class Answer:
    """A stage answer as a plain dict (not yet validated against the stage schema)."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class ParseError:
    """The action could not be understood; ``reason`` says why."""

    reason: str


def extract_json(text: str) -> dict[str, Any] | None:
    """Return the JSON object in a model's output, or None when there is none.

    A fenced block (```json ... ```) wins; otherwise the first ``{`` from which a whole
    JSON object decodes.

    Args:
        text: Model output.

    Returns:
        The object, or None.
    """
    decoder = json.JSONDecoder()
    candidates = [m.group(1).strip() for m in _FENCE.finditer(text)] + [text]
    for chunk in candidates:
        for i, ch in enumerate(chunk):
            if ch != "{":
                continue
            try:
                obj, _ = decoder.raw_decode(chunk, i)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                return obj
    return None


def _tool_call(name: Any, arguments: Any, call_id: Any = None) -> ToolCall | ParseError:
    if not isinstance(name, str) or not name:
        return ParseError("tool call without a tool name")
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as e:
            return ParseError(f"arguments of tool call {name!r} are not valid JSON: {e.msg}")
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return ParseError(f"arguments of tool call {name!r} must be an object")
    return ToolCall(
        name=name, arguments=arguments, id=call_id if isinstance(call_id, str) else None
    )


def _from_dict(d: dict[str, Any]) -> ToolCall | Answer | ParseError:
    if "tool_calls" in d and isinstance(d["tool_calls"], list) and d["tool_calls"]:
        calls = d["tool_calls"]
        if len(calls) > 1:
            return ParseError(f"{len(calls)} tool calls in one step; send one call per step")
        first = calls[0]
        if not isinstance(first, dict):
            return ParseError("tool_calls entries must be objects")
        return _from_dict(first)
    fn = d.get("function")
    if isinstance(fn, dict) and "name" in fn:
        return _tool_call(fn.get("name"), fn.get("arguments"), d.get("id"))
    keys = set(d)
    if "tool" in keys and keys <= {"tool", "arguments", "id"}:
        return _tool_call(d["tool"], d.get("arguments"), d.get("id"))
    if "name" in keys and "arguments" in keys and keys <= {"name", "arguments", "id", "type"}:
        return _tool_call(d["name"], d["arguments"], d.get("id"))
    return Answer(d)


def parse_action(action: Any) -> ToolCall | Answer | ParseError:
    """Classify an agent's action as a tool call or a stage answer.

    Args:
        action: Text, dict, pydantic model, :class:`ToolCall` or an OpenAI tool call
            (the env opens an :class:`~ecomstage_env.stages.AgentStep` before this).

    Returns:
        A :class:`ToolCall`, an :class:`Answer`, or a :class:`ParseError` with the reason.
    """
    if isinstance(action, ToolCall):
        return action
    if isinstance(action, BaseModel):
        return _from_dict(action.model_dump(mode="json"))
    if isinstance(action, dict):
        return _from_dict(action)
    fn = getattr(action, "function", None)
    if fn is not None and hasattr(fn, "name"):  # openai's ChatCompletionMessageToolCall
        return _tool_call(fn.name, getattr(fn, "arguments", None), getattr(action, "id", None))
    if isinstance(action, bytes):
        action = action.decode("utf-8", errors="replace")
    if not isinstance(action, str):
        return ParseError(f"unsupported action type {type(action).__name__}")
    if not action.strip():
        return ParseError("empty output")
    obj = extract_json(action)
    if obj is None:
        return ParseError(
            "no JSON object found in the output; answer with a JSON object matching "
            'answer_schema, or call a tool with {"tool": NAME, "arguments": {...}}'
        )
    return _from_dict(obj)

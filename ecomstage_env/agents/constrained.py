"""Constrained decoding for local models: the stage's answer schema as a grammar.

A small model asked for "only the label" or "one JSON object" answers in prose. Under a
grammar it cannot: every token it may pick keeps the output a valid action of the
stage. :func:`stage_constraint` reads what the stage accepts from its view (see
:func:`~ecomstage_env.agents.llm.stage_view`):

- a label stage (``answer_format`` ``"text"`` with an ``enum``): exactly one label;
- a JSON stage: one JSON object that is either the stage answer (the answer schema) or,
  while the stage has calls left, a tool call ``{"tool": NAME, "arguments": {...}}``
  naming one of the stage's tools with arguments matching its parameters;
- a free-text stage (``query_rewrite``, ``rag_qa``): no constraint.

Free strings, arrays and numbers are bounded (``max_string_chars``, ``max_items``,
``MAX_NUMBER``) so that every output ends within a token budget computed from the schema
(:meth:`Constraint.max_chars`).
:class:`GrammarDecoder` compiles constraints with xgrammar for one tokenizer and hands
``generate`` a transformers logits processor. Only that class imports xgrammar, and only
when built.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from ecomstage_env.agents.llm import expects_raw_text
from ecomstage_env.errors import EcomstageError

__all__ = [
    "MAX_ITEMS",
    "MAX_JSON_TOKENS",
    "MAX_NUMBER",
    "MAX_STRING_CHARS",
    "Constraint",
    "GrammarDecoder",
    "decoding_schema",
    "max_json_chars",
    "stage_constraint",
    "token_budget",
]

MAX_STRING_CHARS = 160
"""Longest free string (no enum, no const) a constrained output may hold, in characters."""

MAX_ITEMS = 3
"""Most items of an array in a constrained output."""

MAX_NUMBER = 1_000_000
"""Numbers in a constrained output lie within +-this (a bound keeps their digits finite)."""

MAX_JSON_TOKENS = 512
"""Cap of a JSON stage's token budget (the paper's 512 new tokens)."""

_SCALAR_CHARS = {"number": 24, "integer": 20, "boolean": 5, "null": 4}
_ANY_CHARS = 64  # a value the schema leaves open (no type): budget for a short one


@dataclass(frozen=True)
class Constraint:
    """What a stage's output must be.

    Attributes:
        kind: ``"choice"`` (exactly one of ``choices``, as plain text) or ``"json"``
            (one JSON object matching ``schema``, written compactly).
        choices: The labels of a choice constraint.
        schema: The JSON Schema of a json constraint (see :func:`decoding_schema`).
    """

    kind: Literal["choice", "json"]
    choices: tuple[str, ...] = ()
    schema: dict[str, Any] | None = None

    def key(self) -> str:
        """A stable text naming the constraint (for caches)."""
        return json.dumps(
            {"kind": self.kind, "choices": self.choices, "schema": self.schema},
            sort_keys=True,
            ensure_ascii=False,
        )

    def max_chars(self) -> int:
        """Most characters an output under this constraint can have."""
        if self.kind == "choice":
            return max(len(c) for c in self.choices)
        return max_json_chars(self.schema or {})


def stage_constraint(
    view: dict[str, Any],
    *,
    max_string_chars: int = MAX_STRING_CHARS,
    max_items: int = MAX_ITEMS,
    max_tool_calls: int | None = None,
) -> Constraint | None:
    """The constraint of a stage, or None for a free-text stage.

    Args:
        view: A :func:`~ecomstage_env.agents.llm.stage_view` (``answer_schema``,
            ``answer_format``, ``tools``, ``messages``; ``tool_calls_left`` and
            ``user_turns_left`` when the env's info gave them).
        max_string_chars: Bound of free strings.
        max_items: Bound of arrays.
        max_tool_calls: Most tool calls to make at one stage (those in the stage's
            messages count) before the output must be the answer; None: the stage's own
            budget alone.
    """
    schema = view.get("answer_schema") or {}
    if expects_raw_text(view):
        answer = (schema.get("properties") or {}).get("answer") or {}
        labels = tuple(str(v) for v in answer.get("enum") or () if v is not None)
        return Constraint("choice", choices=labels) if labels else None
    if max_tool_calls is not None:
        made = sum(1 for m in view.get("messages") or [] if m.get("tool_calls"))
        left = max(0, max_tool_calls - made)
        given = view.get("tool_calls_left")
        view = {**view, "tool_calls_left": left if given is None else min(int(given), left)}
    return Constraint(
        "json", schema=decoding_schema(view, max_string_chars=max_string_chars, max_items=max_items)
    )


def decoding_schema(
    view: dict[str, Any],
    *,
    max_string_chars: int = MAX_STRING_CHARS,
    max_items: int = MAX_ITEMS,
) -> dict[str, Any]:
    """The schema a JSON stage's output is generated under.

    The stage answer, or a call of one of the stage's tools while it has calls left (the
    user pseudo-tool while it has turns left). Tool calls inside the answer (``calls``
    fields: items with a ``name`` enum of tools and open ``arguments``) get each tool's
    own parameters. Free strings, arrays and numbers are bounded; titles and descriptions
    dropped.

    Args:
        view: As :func:`stage_constraint`.
        max_string_chars: Bound of free strings.
        max_items: Bound of arrays.
    """
    from ecomstage_env.users import USER_TOOL

    params: dict[str, dict[str, Any]] = {}
    for spec in view.get("tools") or []:
        fn = spec.get("function", spec)
        if isinstance(fn, dict) and isinstance(fn.get("name"), str):
            params[fn["name"]] = fn.get("parameters") or {"type": "object"}

    def bound(node: Any) -> Any:
        if isinstance(node, list):
            return [bound(x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {k: bound(v) for k, v in node.items() if k not in ("title", "description")}
        if "properties" in node:  # property names are data, not schemas
            out["properties"] = {k: bound(v) for k, v in node["properties"].items()}
        types = node.get("type")
        types = types if isinstance(types, list) else [types]
        if "string" in types and "enum" not in node and "const" not in node:
            out["maxLength"] = min(int(node.get("maxLength", max_string_chars)), max_string_chars)
        if "array" in types:
            out["maxItems"] = min(int(node.get("maxItems", max_items)), max_items)
        if "number" in types or "integer" in types:
            out["minimum"] = max(node.get("minimum", -MAX_NUMBER), -MAX_NUMBER)
            out["maximum"] = min(node.get("maximum", MAX_NUMBER), MAX_NUMBER)
        call = _call_item(out, params, bound)
        return call if call is not None else out

    answer = bound(view.get("answer_schema") or {"type": "object"})
    calls_left = view.get("tool_calls_left")
    turns_left = view.get("user_turns_left")
    options = [answer]
    for name, schema in params.items():
        left = turns_left if name == USER_TOOL else calls_left
        if left is not None and left <= 0:
            continue
        options.append(
            {
                "type": "object",
                "properties": {"tool": {"const": name}, "arguments": bound(schema)},
                "required": ["tool", "arguments"],
                "additionalProperties": False,
            }
        )
    return answer if len(options) == 1 else {"anyOf": options}


def _call_item(node: dict[str, Any], params: dict[str, dict[str, Any]], bound: Any) -> Any:
    """A ``calls`` item (``name`` enum of tools, open ``arguments``) as one option a tool."""
    props = node.get("properties")
    if not isinstance(props, dict) or set(props) != {"name", "arguments"}:
        return None
    names = props["name"].get("enum") if isinstance(props["name"], dict) else None
    args = props["arguments"]
    if not names or not isinstance(args, dict) or "properties" in args:
        return None
    options = [
        {
            "type": "object",
            "properties": {
                "name": {"const": n},
                "arguments": bound(params.get(n, {"type": "object"})),
            },
            "required": ["name", "arguments"],
            "additionalProperties": False,
        }
        for n in names
    ]
    return options[0] if len(options) == 1 else {"anyOf": options}


def max_json_chars(schema: Any) -> int:
    """Most characters of a compact JSON value matching ``schema`` (bounded as above).

    Numbers count as 24 characters, a value of no declared type as 64; everything else is
    exact for ASCII text (a string of ``maxLength`` n: n + 2 quotes).
    """
    if not isinstance(schema, dict):
        return _ANY_CHARS
    if "const" in schema:
        return len(json.dumps(schema["const"], ensure_ascii=False))
    if "enum" in schema:
        return max(len(json.dumps(v, ensure_ascii=False)) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return max(max_json_chars(s) for s in schema[key])
    types = schema.get("type")
    if types is None:
        return _ANY_CHARS
    sizes = []
    for t in types if isinstance(types, list) else [types]:
        if t == "string":
            sizes.append(2 + int(schema.get("maxLength", MAX_STRING_CHARS)))
        elif t == "array":
            n = int(schema.get("maxItems", MAX_ITEMS))
            sizes.append(2 + n * (max_json_chars(schema.get("items")) + 1) - min(n, 1))
        elif t == "object":
            props = schema.get("properties") or {}
            body = sum(len(json.dumps(k)) + 1 + max_json_chars(v) + 1 for k, v in props.items())
            sizes.append(2 + body - min(len(props), 1))  # n - 1 commas
        else:
            sizes.append(_SCALAR_CHARS.get(t, _ANY_CHARS))
    return max(sizes)


def token_budget(constraint: Constraint, tokenizer: Any, cap: int = MAX_JSON_TOKENS) -> int:
    """New tokens for an output under ``constraint``, the end token included.

    A label stage gets its longest label's tokens plus one: always enough. A JSON stage
    gets one token a character of its longest output (no token is shorter than a
    character of ASCII text), capped at ``cap``: an output that would need more is cut
    (and unreadable, so it gets the local agent's repair attempt).

    Args:
        constraint: The stage's constraint.
        tokenizer: The model's Hugging Face tokenizer.
        cap: Most tokens of a JSON stage.
    """
    if constraint.kind == "choice":
        longest = max(
            len(tokenizer.encode(c, add_special_tokens=False)) for c in constraint.choices
        )
        return longest + 1
    return min(constraint.max_chars() + 1, cap)


class GrammarDecoder:
    """Constraints compiled with xgrammar for one tokenizer, as logits processors.

    Args:
        tokenizer: A Hugging Face tokenizer.
        vocab_size: The model's vocabulary size (rows of its output layer).
        stop_token_ids: The ids that end generation (the model's ``eos_token_id``).

    Raises:
        EcomstageError: xgrammar is not installed.
    """

    def __init__(
        self, tokenizer: Any, vocab_size: int, stop_token_ids: list[int] | int | None = None
    ) -> None:
        try:
            import xgrammar as xgr
        except ImportError as e:
            raise EcomstageError(
                "constrained decoding needs xgrammar: pip install 'ecomstage[local]' "
                "(or TransformersAgent(constrained=False))"
            ) from e
        self._xgr = xgr
        self.tokenizer = tokenizer
        info = xgr.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=vocab_size, stop_token_ids=stop_token_ids
        )
        self._compiler = xgr.GrammarCompiler(info, max_threads=1)
        self._compiled: dict[str, Any] = {}

    def compile(self, constraint: Constraint) -> Any:
        """The xgrammar ``CompiledGrammar`` of a constraint (compiled once, then cached)."""
        key = constraint.key()
        hit = self._compiled.get(key)
        if hit is not None:
            return hit
        if constraint.kind == "choice":
            alternatives = " | ".join(json.dumps(c, ensure_ascii=False) for c in constraint.choices)
            grammar = self._xgr.Grammar.from_ebnf(f"root ::= {alternatives}")
            compiled = self._compiler.compile_grammar(grammar)
        else:
            compiled = self._compiler.compile_json_schema(
                json.dumps(constraint.schema, ensure_ascii=False),
                any_whitespace=False,
                separators=(",", ":"),
                strict_mode=True,
            )
        self._compiled[key] = compiled
        return compiled

    def logits_processor(self, constraints: list[Constraint]) -> Any:
        """A fresh logits processor for one ``generate`` call, one constraint a row."""
        from xgrammar.contrib.hf import LogitsProcessor

        return LogitsProcessor([self.compile(c) for c in constraints])

"""Turn whatever an agent produced into a tool call or a stage answer.

Accepted: raw model text (a JSON object is extracted from it, fenced or not), a dict, a
pydantic model, a :class:`~ecomstage_env.stages.ToolCall`, or a tool call in our shape
(``{"tool": name, "arguments": {...}}``) or OpenAI's (``{"type": "function",
"function": {"name": ..., "arguments": "<json>"}}``, an assistant message with one
``tool_calls`` entry, or the SDK's tool-call object). Nothing here raises on bad input:
a problem comes back as :class:`ParseError`, which the env scores as 0 with the reason.

Before anything is read, :func:`normalize_action` turns the action into plain JSON data
(new containers, never the agent's own): lone surrogates and invalid UTF-8 become
U+FFFD (and are reported), values JSON cannot encode (sets, bytes, objects) become their
``repr``, non-string keys become strings. Limits, each giving a :class:`ParseError`:

- :data:`MAX_ACTION_CHARS` characters of text (or of strings in a structured action);
- :data:`MAX_DEPTH` levels of nesting;
- :data:`MAX_ARGUMENTS_CHARS` characters of a tool call's arguments as JSON.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from pydantic import BaseModel

from ecomstage_env.stages import ToolCall

__all__ = [
    "MAX_ACTION_CHARS",
    "MAX_ARGUMENTS_CHARS",
    "MAX_DEPTH",
    "Answer",
    "Normalized",
    "ParseError",
    "clean_text",
    "dumps_compact",
    "encode_string",
    "extract_json",
    "loads_compact",
    "normalize_action",
    "object_in_text",
    "parse_action",
    "parse_normalized",
    "plain_data",
]

MAX_ACTION_CHARS = 1_000_000
"""Longest action read, in characters (text, or all strings of a structured action)."""

MAX_DEPTH = 64
"""Deepest nesting of lists and objects read from an action."""

MAX_ARGUMENTS_CHARS = 4_000
"""Longest tool-call arguments (or message to the user), as JSON, in characters."""

_MAX_ATTEMPTS = 32
"""Candidate objects :func:`extract_json` tries to decode before giving up."""

_START = re.compile(r'\{\s*["}]')
"""Where a JSON object can start: ``{`` then a key or the closing brace."""

_SECOND_CODES = np.array([ord(c) for c in '"} \n\r\t'], dtype=np.uint32)
"""What may follow the ``{`` of :data:`_START` (whitespace then ``"`` or ``}``)."""

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A JSON escape of a UTF-16 surrogate (decodes to a lone surrogate unless paired)."""


@dataclass(frozen=True)
class Answer:
    """A stage answer as a plain dict (not yet validated against the stage schema)."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class ParseError:
    """The action could not be understood; ``reason`` says why."""

    reason: str


@dataclass(frozen=True)
class Normalized:
    """An action as plain data, with what had to be repaired to get there.

    Attributes:
        value: Text, JSON-like data, or a :class:`ToolCall` with plain arguments.
        repairs: What was repaired (invalid UTF-8, lone surrogates), for ``info["error"]``.
    """

    value: Any
    repairs: tuple[str, ...] = field(default=())


class _Unusable(Exception):
    """Raised inside the normaliser; becomes a :class:`ParseError`."""


_LONE_SURROGATES = "lone surrogates replaced with U+FFFD"
_INVALID_UTF8 = "invalid UTF-8 bytes replaced with U+FFFD"


_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
encode_string: Callable[[str], str] = json.encoder.encode_basestring
"""A string as :func:`dumps_compact` encodes it (quoted, escaped; non-ASCII kept). Escaping
is done character by character, so a string's encoding is its parts' encodings joined."""
_REFUSE: Callable[[Any], Any] = json.JSONEncoder().default
"""What ``json.dumps`` does with a value JSON cannot encode: raise its ``TypeError``."""


def dumps_compact(obj: Any, default: Callable[[Any], Any] | None = None) -> str:
    """``json.dumps(obj, ensure_ascii=False, default=default)``, the same text, faster.

    ``json.dumps`` builds an encoder, and the encoder its C encoder, on every call; this
    calls the C encoder directly (a fresh one per call, as ``json.dumps`` does, so that a
    circular value is still refused). Keys and items are separated as by ``json.dumps``.

    Args:
        obj: JSON data (other values go to ``default``).
        default: Called on values JSON cannot encode; by default they raise ``TypeError``.

    Returns:
        The JSON text, non-ASCII characters kept.
    """
    if type(obj) is str:
        return encode_string(obj)
    if _C_ENCODER is None:  # an interpreter without the _json accelerator
        return json.dumps(obj, ensure_ascii=False, default=default)
    encode = _C_ENCODER({}, default or _REFUSE, encode_string, None, ": ", ", ", False, False, True)
    return "".join(encode(obj, 0))


_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def loads_compact(text: str) -> Any:
    """``json.loads`` of a text :func:`dumps_compact` wrote (no surrounding whitespace).

    Raises:
        StopIteration: ``text`` does not start with a JSON value.
    """
    return _SCAN(text, 0)[0]


def clean_text(text: str) -> tuple[str, bool]:
    """Replace surrogate code points (text no encoder accepts) with U+FFFD.

    Args:
        text: Any Python string.

    Returns:
        ``(text, repaired)``: the text, which encodes as UTF-8, and whether it changed.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # As code points (numpy copies them without a codec), replaced in bulk: linear,
        # whatever the number of surrogates (codec error handlers run once per error).
        codes = np.array([text]).view(np.uint32).copy()
        codes[(codes >= 0xD800) & (codes <= 0xDFFF)] = 0xFFFD
        return codes.tobytes().decode("utf-32-le"), True
    return text, False


def _decode_bytes(raw: bytes | bytearray | memoryview) -> tuple[str, bool]:
    data = bytes(raw)
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


_NUMBERS = frozenset({int, float, bool, type(None)})


class _Plain:
    """One walk of an action's data: bounded depth and size, strings repaired."""

    def __init__(self, fix_strings: bool = True) -> None:
        self.fix_strings = fix_strings
        self.size = 0
        self.repairs: set[str] = set()

    def text(self, s: str) -> str:
        self.size += len(s)
        if self.size > MAX_ACTION_CHARS:
            raise _Unusable(f"the action is over {MAX_ACTION_CHARS:,} characters")
        if self.fix_strings and not s.isascii():  # ASCII text holds no surrogate
            s, repaired = clean_text(s)
            if repaired:
                self.repairs.add(_LONE_SURROGATES)
        return s

    def atoms(self, items: list[Any] | tuple[Any, ...]) -> list[Any] | None:
        """A copy of a list of numbers or of strings, checked in bulk; None otherwise."""
        types = set(map(type, items))
        if types <= _NUMBERS:
            if int in types:
                if types <= {int, bool}:
                    top = max(map(abs, items))
                else:
                    top = max((abs(v) for v in items if type(v) is int), default=0)
                if top.bit_length() > 1000:
                    raise _Unusable("a number in the action is too large")
            self.size += len(items)
        elif types == {str}:
            self.size += len(items) + sum(map(len, items))
            if self.fix_strings:
                try:
                    "".join(items).encode("utf-8")
                except UnicodeEncodeError:
                    return None  # some need repair: string by string
        else:
            return None
        if self.size > MAX_ACTION_CHARS:
            raise _Unusable(f"the action is over {MAX_ACTION_CHARS:,} characters")
        return list(items)

    def key(self, k: Any) -> str:
        if isinstance(k, str):
            return self.text(str(k))
        if k is None or isinstance(k, (bool, int, float)):
            return self.text(json.dumps(self.value(k, 0)))
        return self.text(repr(k))

    def value(self, x: Any, depth: int) -> Any:
        t = type(x)
        if t is str:
            return self.text(x)
        if x is None or t is bool or t is float:
            return x
        if t is int:
            if x.bit_length() > 1000:  # JSON tools refuse ints of thousands of digits
                raise _Unusable("a number in the action is too large")
            return x
        if depth >= MAX_DEPTH:
            raise _Unusable(f"the action is nested deeper than {MAX_DEPTH} levels")
        self.size += 1
        if self.size > MAX_ACTION_CHARS:
            raise _Unusable(f"the action is over {MAX_ACTION_CHARS:,} characters")
        if isinstance(x, dict):
            # Strings, the usual keys and values, go straight to text() (as key() and
            # value() would send them), in the same order.
            text = self.text
            return {
                (text(k) if type(k) is str else self.key(k)): (
                    text(v) if type(v) is str else self.value(v, depth + 1)
                )
                for k, v in x.items()
            }
        if isinstance(x, (list, tuple)):
            fast = self.atoms(x)
            return fast if fast is not None else [self.value(v, depth + 1) for v in x]
        if isinstance(x, str):
            return self.text(str(x))
        if isinstance(x, bool):
            return bool(x)
        if isinstance(x, numbers.Integral):
            return self.value(int(x), depth)
        if isinstance(x, numbers.Real):
            return float(x)
        if isinstance(x, (bytes, bytearray, memoryview)):
            return self.text(repr(bytes(x)))
        return self.text(repr(x))


def plain_data(data: Any, *, fix_strings: bool = True) -> tuple[Any, tuple[str, ...]]:
    """Copy ``data`` as plain JSON data (see the module docstring for the rules).

    Args:
        data: Any Python value.
        fix_strings: Repair lone surrogates in strings (skip for data known clean).

    Returns:
        ``(copy, repairs)``.

    Raises:
        ValueError: Over a size or depth limit (the message says which).
    """
    walk = _Plain(fix_strings)
    try:
        out = walk.value(data, 0)
    except _Unusable as e:
        raise ValueError(str(e)) from None
    return out, tuple(sorted(walk.repairs))


def _unreadable(e: BaseException) -> ParseError:
    return ParseError(f"the action could not be read ({type(e).__name__})")


def normalize_action(action: Any) -> Normalized | ParseError:
    """Copy an agent's action as plain data (text, JSON data or a :class:`ToolCall`).

    Bytes are decoded as UTF-8 with replacement; lone surrogates become U+FFFD; SDK
    tool-call objects and pydantic models become dicts; anything else JSON cannot hold
    becomes its ``repr``. The result shares no container with the agent's action.

    Args:
        action: Whatever the agent produced.

    Returns:
        The :class:`Normalized` action, or a :class:`ParseError` when the action is
        over a limit or cannot be read at all (an object whose attributes raise).
    """
    try:
        return _normalize(action)
    except _Unusable as e:
        return ParseError(str(e))
    except Exception as e:  # an agent's object may raise anything from a property
        return _unreadable(e)


def _normalize(action: Any) -> Normalized:
    repairs: tuple[str, ...] = ()
    if isinstance(action, (bytes, bytearray, memoryview)):
        if len(action) > 4 * MAX_ACTION_CHARS:
            raise _Unusable(f"the action is over {MAX_ACTION_CHARS:,} characters")
        action, bad = _decode_bytes(action)
        repairs = (_INVALID_UTF8,) if bad else ()
    if isinstance(action, str):
        if len(action) > MAX_ACTION_CHARS:
            raise _Unusable(
                f"the output is {len(action):,} characters; the limit is {MAX_ACTION_CHARS:,}"
            )
        text, fixed = clean_text(str(action))
        return Normalized(text, (*repairs, _LONE_SURROGATES) if fixed else repairs)
    walk = _Plain()
    if isinstance(action, ToolCall):
        name = walk.text(action.name)
        args = walk.value(action.arguments, 0)
        call_id = walk.text(action.id) if action.id is not None else None
        value: Any = ToolCall(name=name, arguments=args, id=call_id)
    elif isinstance(action, BaseModel):
        value = walk.value(action.model_dump(mode="json"), 0)
    elif isinstance(action, dict):
        value = walk.value(action, 0)
    else:
        fn = getattr(action, "function", None)
        if fn is not None and hasattr(fn, "name"):  # openai's ChatCompletionMessageToolCall
            sdk = {"name": fn.name, "arguments": getattr(fn, "arguments", None)}
            value = walk.value({"function": sdk, "id": getattr(action, "id", None)}, 0)
        else:
            return Normalized(action)  # parse_action names the unsupported type
    return Normalized(value, tuple(sorted(walk.repairs)))


class _TooDeep(Exception):
    """A candidate object nests deeper than the JSON decoder's recursion allows."""


def _fenced(text: str) -> list[str]:
    """The contents of fenced blocks (```json ... ```), in order."""
    out: list[str] = []
    pos = 0
    while len(out) < _MAX_ATTEMPTS:
        start = text.find("```", pos)
        if start < 0:
            break
        end = text.find("```", start + 3)
        if end < 0:
            break
        inner = text[start + 3 : end]
        if inner.startswith(("json", "JSON")):
            inner = inner[4:]
        out.append(inner.strip())
        pos = end + 3
    return out


class _Search:
    """Decoding attempts shared by every chunk of one text, bounded in number and work."""

    def __init__(self, size: int) -> None:
        self.decoder = json.JSONDecoder()
        self.attempts = _MAX_ATTEMPTS
        self.work = size + 10_000

    def starts(self, chunk: str) -> list[int]:
        """The first candidate starts of ``chunk``, in order (at most the attempts left).

        A regex finds them, except in long text dense with ``{`` (``"{" * 10**6``),
        where a regex is slow: there, one vectorised pass over the code points.
        """
        limit = self.attempts
        if len(chunk) < 50_000 or chunk.count("{") < 10_000:
            starts = []
            for m in _START.finditer(chunk):
                starts.append(m.start())
                if len(starts) >= limit:
                    break
            return starts
        codes = np.array([chunk]).view(np.uint32)
        opens = codes[:-1] == ord("{")
        opens &= np.isin(codes[1:], _SECOND_CODES)
        return [int(i) for i in np.flatnonzero(opens)[:limit]]

    def first_object(self, chunk: str) -> dict[str, Any] | None:
        for start in self.starts(chunk):
            if self.attempts <= 0 or self.work <= 0:
                return None
            self.attempts -= 1
            if chunk[start + 1] not in '"}' and not _START.match(chunk, start):
                continue
            try:
                obj, _ = self.decoder.raw_decode(chunk, start)
            except json.JSONDecodeError as e:
                self.work -= e.pos - start + 1
                continue
            except RecursionError:
                raise _TooDeep from None
            if isinstance(obj, dict):
                return obj
        return None


def _find_object(text: str) -> dict[str, Any] | None:
    search = _Search(len(text))
    for chunk in [*_fenced(text), text]:
        obj = search.first_object(chunk)
        if obj is not None:
            return obj
    return None


def extract_json(text: str) -> dict[str, Any] | None:
    """Return the JSON object in a model's output, or None when there is none.

    A fenced block (```json ... ```) wins; otherwise the first ``{`` from which a whole
    JSON object decodes. Time is linear in the text: at most 32 candidate starts are
    tried and each character is read a bounded number of times, so outputs made of many
    overlapping broken fragments count as holding no object. Text over
    :data:`MAX_ACTION_CHARS` characters, or an object nested deeper than the decoder
    allows, gives None too (:func:`parse_action` says which).

    Args:
        text: Model output.

    Returns:
        The object (as decoded: strings may hold lone surrogates from JSON
        surrogate escapes; :func:`parse_action` repairs them), or None.
    """
    if len(text) > MAX_ACTION_CHARS:
        return None
    try:
        return _find_object(text)
    except _TooDeep:
        return None


def _tool_call(
    name: Any, arguments: Any, call_id: Any = None, repairs: list[str] | None = None
) -> ToolCall | ParseError:
    if not isinstance(name, str) or not name:
        return ParseError("tool call without a tool name")
    if isinstance(arguments, str):
        if len(arguments) > MAX_ARGUMENTS_CHARS:
            return _too_long(name, len(arguments))
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as e:
            return ParseError(f"arguments of tool call {name!r} are not valid JSON: {e.msg}")
        except RecursionError:
            return ParseError(f"arguments of tool call {name!r} are nested too deeply")
        try:
            arguments, fixed = plain_data(arguments)
            if repairs is not None:
                repairs += fixed
        except ValueError as e:
            return ParseError(f"arguments of tool call {name!r}: {e}")
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return ParseError(f"arguments of tool call {name!r} must be an object")
    size = len(dumps_compact(arguments))
    if size > MAX_ARGUMENTS_CHARS:
        return _too_long(name, size)
    return ToolCall(
        name=name, arguments=arguments, id=call_id if isinstance(call_id, str) else None
    )


def _too_long(name: str, size: int) -> ParseError:
    return ParseError(
        f"arguments of tool call {name[:80]!r} are {size:,} characters; "
        f"the limit is {MAX_ARGUMENTS_CHARS:,}"
    )


def _from_dict(
    d: dict[str, Any], repairs: list[str] | None = None
) -> ToolCall | Answer | ParseError:
    if "tool_calls" in d and isinstance(d["tool_calls"], list) and d["tool_calls"]:
        calls = d["tool_calls"]
        if len(calls) > 1:
            return ParseError(f"{len(calls)} tool calls in one step; send one call per step")
        first = calls[0]
        if not isinstance(first, dict):
            return ParseError("tool_calls entries must be objects")
        return _from_dict(first, repairs)
    fn = d.get("function")
    if isinstance(fn, dict) and "name" in fn:
        return _tool_call(fn.get("name"), fn.get("arguments"), d.get("id"), repairs)
    keys = set(d)
    if "tool" in keys and keys <= {"tool", "arguments", "id"}:
        return _tool_call(d["tool"], d.get("arguments"), d.get("id"), repairs)
    if "name" in keys and "arguments" in keys and keys <= {"name", "arguments", "id", "type"}:
        return _tool_call(d["name"], d["arguments"], d.get("id"), repairs)
    return Answer(d)


_NO_JSON = (
    "no JSON object found in the output; answer with a JSON object matching "
    'answer_schema, or call a tool with {"tool": NAME, "arguments": {...}}'
)


def object_in_text(
    text: str, repairs: list[str] | None = None
) -> dict[str, Any] | ParseError | None:
    """The JSON object in ``text`` as plain data; a ParseError when it is unusable.

    Args:
        text: Model output, already repaired (see :func:`normalize_action`).
        repairs: Receives what was repaired in the object's strings.

    Returns:
        The object (lone surrogates from JSON escapes repaired), None when the
        text holds none, or a :class:`ParseError` (too long, nested too deeply).
    """
    if len(text) > MAX_ACTION_CHARS:
        return ParseError(f"the output is over {MAX_ACTION_CHARS:,} characters")
    try:
        obj = _find_object(text)
    except _TooDeep:
        return ParseError(f"the JSON object is nested deeper than {MAX_DEPTH} levels")
    if obj is None:
        return None
    try:
        out, fixed = plain_data(obj, fix_strings=_SURROGATE_ESCAPE.search(text) is not None)
    except ValueError as e:
        return ParseError(str(e))
    if repairs is not None:
        repairs += fixed
    return cast(dict[str, Any], out)


def parse_normalized(
    action: Any, repairs: list[str] | None = None
) -> ToolCall | Answer | ParseError:
    """:func:`parse_action` of an action :func:`normalize_action` has already copied.

    Args:
        action: The normalised action.
        repairs: Receives what was repaired while reading it (JSON escapes of lone
            surrogates in text, in tool arguments given as JSON text).

    Returns:
        As :func:`parse_action`.
    """
    if isinstance(action, ToolCall):
        if len(dumps_compact(action.arguments)) > MAX_ARGUMENTS_CHARS:
            return _too_long(action.name, len(json.dumps(action.arguments)))
        return action
    if isinstance(action, dict):
        return _from_dict(action, repairs)
    if not isinstance(action, str):
        return ParseError(f"unsupported action type {type(action).__name__}")
    if not action.strip():
        return ParseError("empty output")
    obj = object_in_text(action, repairs)
    if obj is None:
        return ParseError(_NO_JSON)
    if isinstance(obj, ParseError):
        return obj
    return _from_dict(obj, repairs)


def parse_action(action: Any) -> ToolCall | Answer | ParseError:
    """Classify an agent's action as a tool call or a stage answer.

    Args:
        action: Text, bytes, dict, pydantic model, :class:`ToolCall` or an OpenAI tool
            call (the env opens an :class:`~ecomstage_env.stages.AgentStep` before this).

    Returns:
        A :class:`ToolCall`, an :class:`Answer`, or a :class:`ParseError` with the reason.
        Never raises.
    """
    norm = normalize_action(action)
    if isinstance(norm, ParseError):
        return norm
    try:
        return parse_normalized(norm.value)
    except Exception as e:  # a bug here must not end an agent's episode
        return _unreadable(e)

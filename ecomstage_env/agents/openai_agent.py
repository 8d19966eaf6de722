"""An agent on the raw ``openai`` client: any OpenAI-compatible endpoint.

OpenAI, vLLM, Ollama, llama.cpp's server or a test server on 127.0.0.1: give
``base_url`` and ``api_key``, or set ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``. The
stage's tools go out as OpenAI tools, and the stage answer schema as structured output
(``response_format`` json_schema). A server that rejects structured output is asked
again without it, and from then on the answer schema in the prompt does the job.
Transient failures (429, 5xx, timeouts, dropped connections) are retried with
exponential backoff and jitter. Each step returns an :class:`AgentStep` carrying the
token usage.

``openai`` is imported when the agent is built.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from tenacity import (
    AsyncRetrying,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from ecomstage_env.agents.base import BaseAgent
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
from ecomstage_env.errors import EcomstageError
from ecomstage_env.stages import AgentStep

__all__ = ["OpenAIAgent", "StructuredOutput"]

StructuredOutput = Literal["auto", "always", "never"]
"""``auto``: structured output for JSON stages, plain text for paper tasks (as in the paper)."""


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def _schema_rejected(exc: BaseException) -> bool:
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 404, 422):
        return False
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "structured" in text


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
        async_client: A ready ``openai.AsyncOpenAI`` client for ``aact``.
        cache: Response cache; used only when sampling is greedy (temperature 0).

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
    ) -> None:
        try:
            import openai
        except ImportError as e:
            raise EcomstageError("OpenAIAgent needs: pip install 'ecomstage[openai]'") from e
        if structured_output not in ("auto", "always", "never"):
            raise EcomstageError(
                f"structured_output must be auto, always or never, not {structured_output!r}"
            )
        self.model = model
        self.prompt = prompt
        self.name = name or f"openai:{model}"
        self.sampling = sampling
        self.cache = cache if sampling.temperature == 0 else None
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
        self.max_retries = max_retries
        self._wait = wait_random_exponential(multiplier=backoff, max=backoff_max)

    def _retrying(self) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )

    async def _acreate(self, req: dict[str, Any]) -> Any:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._async_client.chat.completions.create(**req)
        raise AssertionError("unreachable: tenacity reraises the last error")

    # -- the request ------------------------------------------------------------------------
    def _request(self, info: dict[str, Any]) -> dict[str, Any]:
        req: dict[str, Any] = {
            "model": self.model,
            "messages": info["messages"],
            **self.sampling.request(),
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

    # -- sync and async ---------------------------------------------------------------------
    def act(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """One chat completion: a tool call or the stage answer.

        Raises:
            openai.APIError: A non-transient failure, or a transient one that outlasted
                the retries.
        """
        timer = Timer()
        req = self._request(stage_view(obs, info, self.prompt))
        key = ResponseCache.key(req)
        if (hit := cached_step(self.cache, key)) is not None:
            return hit
        try:
            response = self._retrying()(self.client.chat.completions.create, **req)
        except Exception as e:
            if "response_format" not in req or not _schema_rejected(e):
                raise
            self._schema_ok = False
            req.pop("response_format")
            response = self._retrying()(self.client.chat.completions.create, **req)
        step = self._step(response, timer)
        store_step(self.cache, key, step)
        return step

    async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> AgentStep:
        """Async ``act`` on ``openai.AsyncOpenAI`` (same retries and fallback)."""
        if self._async_client is None:
            import openai

            self._async_client = openai.AsyncOpenAI(
                base_url=self._base_url, api_key=self._api_key, timeout=self._timeout, max_retries=0
            )
        timer = Timer()
        req = self._request(stage_view(obs, info, self.prompt))
        key = ResponseCache.key(req)
        if (hit := cached_step(self.cache, key)) is not None:
            return hit
        try:
            response = await self._acreate(req)
        except Exception as e:
            if "response_format" not in req or not _schema_rejected(e):
                raise
            self._schema_ok = False
            req.pop("response_format")
            response = await self._acreate(req)
        step = self._step(response, timer)
        store_step(self.cache, key, step)
        return step

    def __repr__(self) -> str:
        return f"OpenAIAgent(model={self.model!r}, base_url={self.client.base_url!s})"

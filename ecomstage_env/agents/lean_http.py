"""A lean HTTP path for :class:`~ecomstage_env.agents.openai_agent.OpenAIAgent`'s ``aact``.

The ``openai`` SDK spends more CPU per call than the model server it waits on, when
that server is local and fast: request options, httpx's connection pool and a pydantic
model of the whole completion. At 64 episodes in flight that, not the model, bounds
the run. :class:`LeanChatClient` sends the same request (the same JSON body, URL and
headers, taken from an ``openai.AsyncOpenAI`` client built the same way) through one
aiohttp connection pool per event loop and reads the reply as plain JSON. Failures
come back as the SDK's own exceptions (status errors built by the SDK client from the
reply; ``APITimeoutError``, ``APIConnectionError``), so retries, ``Retry-After`` and
the structured-output fallback behave as on the SDK path.

``aiohttp`` is imported when a client is built; :func:`lean_available` says whether it
can be.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

__all__ = ["LeanChatClient", "dumps", "encode_body", "env_proxy", "lean_available"]

CONNECTION_LIMIT = 1000
"""Connections open at once per pool: the SDK's own limit (``max_connections``)."""

_OPEN: set[AsyncIterator[None]] = set()
"""The sessions' closers, held until their loop shuts down: one dropped with its agent
would be finalized by the garbage collector, whose close may outlive the loop."""


def lean_available() -> bool:
    """Whether ``aiohttp`` is installed (the lean path's only dependency)."""
    return importlib.util.find_spec("aiohttp") is not None


def sdk_headers(sdk: Any) -> dict[str, str]:
    """The headers the SDK client sends with a chat completion, read from the client.

    Its auth header (``Authorization: Bearer <api_key>``), its default headers
    (``User-Agent``, the ``X-Stainless-*`` platform headers, ``OpenAI-Organization`` /
    ``OpenAI-Project`` when set, the caller's ``default_headers``), and the retry count
    and read timeout it adds to each request (its own retries are off: always 0).
    """
    import openai

    headers: dict[str, str] = {}
    for source in (sdk.auth_headers, sdk.default_headers):
        for key, value in source.items():
            if not isinstance(value, openai.Omit):
                headers[key] = str(value)
    headers["x-stainless-retry-count"] = "0"
    timeout = sdk.timeout
    read = getattr(timeout, "read", timeout)
    if read is not None:
        headers["x-stainless-read-timeout"] = str(read)
    return headers


class LeanChatClient:
    """``POST <base_url>/chat/completions`` on aiohttp; the reply as a plain dict.

    Args:
        sdk: The ``openai.AsyncOpenAI`` client whose URL, headers and errors to use.
        timeout: Seconds allowed to connect, and between two reads of the reply (as the
            SDK's ``timeout``, which applies to each phase of a request).
    """

    def __init__(self, sdk: Any, timeout: float) -> None:
        import aiohttp

        self._aiohttp = aiohttp
        self._sdk = sdk
        self.url = f"{str(sdk.base_url).rstrip('/')}/chat/completions"
        self.headers: dict[str, str] = {}  # read in the running loop (X-Stainless-Async)
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=timeout, sock_connect=timeout, sock_read=timeout
        )
        self._target: Any = None  # the URL as aiohttp's yarl.URL, parsed once
        self._proxy: tuple[Any, Any] = (None, None)  # (proxy URL, proxy auth) from the env
        self._session: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keeper: AsyncIterator[None] | None = None

    async def _session_of_loop(self) -> Any:
        """The running loop's session: made on first use, closed when the loop shuts down."""
        loop = asyncio.get_running_loop()
        if self._session is not None and self._loop is loop and not self._session.closed:
            return self._session
        aiohttp = self._aiohttp
        self.headers = sdk_headers(self._sdk)
        ssl: Any = True
        if self.url.startswith("https:"):
            import httpx2

            # The SDK's certificates: certifi's, or SSL_CERT_FILE / SSL_CERT_DIR when set.
            ssl = httpx2.create_ssl_context()
        self._target, self._proxy = env_proxy(self.url)
        session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=CONNECTION_LIMIT, limit_per_host=0, ssl=ssl),
            timeout=self._timeout,
            headers=self.headers,  # Content-Type: application/json among them
            # The proxy is read once above: with trust_env, aiohttp would look up the
            # proxy and ~/.netrc in a worker thread on every request (two thread hops
            # per call, the largest CPU cost of a call at 64 in flight); the SDK reads
            # the proxy once per client and never reads .netrc.
            trust_env=False,
        )
        # An async generator paused on the loop is closed by the loop's shutdown
        # (asyncio.run, asyncio.Runner.close): the session goes with the loop it served.
        keeper = _close_at_shutdown(session)
        await keeper.__anext__()
        _OPEN.difference_update([g for g in _OPEN if getattr(g, "ag_frame", None) is None])
        _OPEN.add(keeper)
        self._session, self._loop, self._keeper = session, loop, keeper
        return session

    async def create(self, body: dict[str, Any], encoded: Mapping[str, str] | None = None) -> Any:
        """One chat completion: the decoded JSON reply of a 2xx answer.

        Args:
            body: The request body.
            encoded: Ready JSON of some of ``body``'s values, by key (see
                :func:`encode_body`).

        Raises:
            openai.APIStatusError: A 4xx/5xx answer (the SDK's subclass for the status,
                made by the SDK client from the reply, ``Retry-After`` included).
            openai.APITimeoutError: No connection or no data within the timeout.
            openai.APIConnectionError: The connection failed or dropped.
            ValueError: A 2xx answer whose body is not JSON (as the SDK: ``response.json()``).
        """
        import openai

        session = await self._session_of_loop()
        data = encode_body(body, encoded)
        headers: list[tuple[str, str]] = []
        try:
            proxy, proxy_auth = self._proxy
            async with session.post(
                self._target, data=data, proxy=proxy, proxy_auth=proxy_auth
            ) as resp:
                status = resp.status
                raw = await resp.read()
                content_type = resp.headers.get("Content-Type", "*")
                if status >= 300:
                    headers = list(resp.headers.items())
        except TimeoutError as e:
            raise openai.APITimeoutError(request=self._request(data)) from e
        except Exception as e:
            raise openai.APIConnectionError(request=self._request(data)) from e
        if status >= 300:
            raise self._status_error(status, headers, raw, data)
        if not content_type.split(";")[0].endswith("json"):
            # The SDK hands back the text when the reply is not JSON by its content type.
            try:
                return json.loads(raw)
            except ValueError:
                return raw.decode("utf-8", "replace")
        return json.loads(raw)

    def _request(self, data: bytes) -> Any:
        import httpx2  # the SDK's HTTP types (its errors carry them)

        return httpx2.Request("POST", self.url, headers=self.headers, content=data)

    def _status_error(
        self, status: int, headers: list[tuple[str, str]], raw: bytes, data: bytes
    ) -> Exception:
        """The SDK's error for this status and body, as the SDK would have raised it."""
        import httpx2

        response = httpx2.Response(
            status, headers=headers, content=raw, request=self._request(data)
        )
        error: Exception = self._sdk._make_status_error_from_response(response)
        return error


def env_proxy(url: str) -> tuple[Any, tuple[Any, Any]]:
    """``url`` as a ``yarl.URL``, and the proxy and proxy auth the environment sets for it.

    ``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``ALL_PROXY`` (and their lower-case forms) by the
    URL's scheme, unless ``NO_PROXY`` exempts its host: as httpx reads them for the SDK,
    once per client. ``(None, None)`` when no proxy applies.
    """
    from aiohttp.helpers import get_env_proxy_for_url
    from yarl import URL

    target = URL(url)
    try:
        proxy, auth = get_env_proxy_for_url(target)
    except LookupError:
        return target, (None, None)
    return target, (proxy, auth)


def encode_body(body: dict[str, Any], encoded: Mapping[str, str] | None = None) -> bytes:
    """``body`` as httpx writes a request body, the same bytes however it is made.

    The values whose key is in ``encoded`` are taken from it as they are (their JSON,
    written as :func:`_dumps` writes it); the others are encoded here. A stage's tools
    and answer schema are most of a request's JSON and do not change while the stage is
    open, so the agent keeps them encoded.
    """
    if not encoded:
        return _dumps(body).encode()
    # The other items are encoded a run at a time ({"a":1,"b":2} is "{" + '"a":1' + ","
    # + '"b":2' + "}"), keeping the body's order.
    parts: list[str] = []
    run: dict[str, Any] = {}
    for key, value in body.items():
        if key in encoded:
            if run:
                parts.append(_dumps(run)[1:-1])
                run = {}
            parts.append(f"{_dumps(key)}:{encoded[key]}")
        else:
            run[key] = value
    if run:
        parts.append(_dumps(run)[1:-1])
    return ("{" + ",".join(parts) + "}").encode()


def dumps(value: Any) -> str:
    """JSON of ``value`` as httpx writes a request body (compact, UTF-8 kept, no NaN)."""
    return _dumps(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
"""What ``json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)``
builds on every call, built once (its construction costs more than a short value's
encoding)."""


def _dumps(value: Any) -> str:
    """JSON as httpx writes a request body (compact, UTF-8 kept, no NaN)."""
    return _ENCODER.encode(value)


async def _close_at_shutdown(session: Any) -> AsyncIterator[None]:
    try:
        yield
    finally:
        await session.close()

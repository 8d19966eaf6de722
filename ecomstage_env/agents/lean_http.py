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

A plain ``http://`` endpoint that no proxy stands in front of (a model server on this
machine or the local network, where the harness's cost per call matters) is talked to
directly: a keep-alive connection per request in flight (:class:`DirectPool`), the
request written in one piece, the reply read by the connection itself and handed over
complete, in one wake-up of the waiting task. aiohttp's client writes a request's body
from a task of its own on Python 3.11 (eagerly from 3.12 on), one more turn of a busy
loop before the request leaves, and reads status, headers and body in separate steps;
at 64 requests in flight those turns, not the model, were most of a call's time over
the server's. ``https://`` and proxied endpoints go through aiohttp.

``aiohttp`` is imported when a client is built; :func:`lean_available` says whether it
can be.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import zlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

__all__ = [
    "DirectPool",
    "LeanChatClient",
    "ReplyError",
    "dumps",
    "encode_body",
    "env_proxy",
    "lean_available",
]

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
        self._timeout_s = timeout
        self._session: Any = None
        self._pool: DirectPool | None = None  # the direct path's connections, or None
        self.direct = True  # False: aiohttp for every URL (the path before the direct one)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keeper: AsyncIterator[None] | None = None

    async def _session_of_loop(self) -> Any:
        """The running loop's session or direct pool (made on first use, closed at shutdown)."""
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            if self._pool is not None and not self._pool.closed:
                return self._pool
            if self._session is not None and not self._session.closed:
                return self._session
        aiohttp = self._aiohttp
        self.headers = sdk_headers(self._sdk)
        ssl: Any = True
        if self.url.startswith("https:"):
            import httpx2

            # The SDK's certificates: certifi's, or SSL_CERT_FILE / SSL_CERT_DIR when set.
            ssl = httpx2.create_ssl_context()
        self._target, self._proxy = env_proxy(self.url)
        pool = DirectPool.for_url(self._target, self.headers, self._timeout_s)
        if not self.direct:
            pool = None
        if pool is not None and self._proxy[0] is None:
            keeper = _close_at_shutdown(pool)
            await keeper.__anext__()
            self._remember(keeper)
            self._pool, self._session, self._loop, self._keeper = pool, None, loop, keeper
            return pool
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
        self._remember(keeper)
        self._session, self._pool, self._loop, self._keeper = session, None, loop, keeper
        return session

    @staticmethod
    def _remember(keeper: AsyncIterator[None]) -> None:
        _OPEN.difference_update([g for g in _OPEN if getattr(g, "ag_frame", None) is None])
        _OPEN.add(keeper)

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

        pool = self._pool
        if pool is not None and not pool.closed and self._loop is asyncio.get_running_loop():
            session: Any = pool  # the direct path's pool, as _session_of_loop would give it
        else:
            session = await self._session_of_loop()
        data = encode_body(body, encoded)
        headers: list[tuple[str, str]] = []
        if isinstance(session, DirectPool):
            try:
                status, headers, raw = await session.post(data)
            except TimeoutError as e:
                raise openai.APITimeoutError(request=self._request(data)) from e
            except Exception as e:  # OSError, ReplyError: as any failure on aiohttp's path
                raise openai.APIConnectionError(request=self._request(data)) from e
            content_type = next((v for k, v in headers if k.lower() == "content-type"), "*")
            if status < 300:
                headers = []
        else:
            status, headers, raw, content_type = await self._aiohttp_post(session, data)
        if status >= 300:
            raise self._status_error(status, headers, raw, data)
        if not content_type.split(";")[0].endswith("json"):
            # The SDK hands back the text when the reply is not JSON by its content type.
            try:
                return json.loads(raw)
            except ValueError:
                return raw.decode("utf-8", "replace")
        return json.loads(raw)

    async def _aiohttp_post(
        self, session: Any, data: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes, str]:
        """``data`` posted through aiohttp: status, headers (of a failure), body, type."""
        import openai

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
        return status, headers, raw, content_type

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


class ReplyError(Exception):
    """A reply the direct path cannot read (the SDK's ``APIConnectionError``).

    No status line, bad framing, or the connection closed before the reply was complete.
    """


KEEPALIVE = 15.0
"""Seconds an idle connection is kept for the next request (aiohttp's default): a
server closes idle connections after its own while (uvicorn 5 s, others longer), and one
closed while a request is on its way fails that request."""

MAX_HEAD = 1 << 16
"""Most bytes a reply's status line and headers may take (aiohttp's limit is 8190 a line)."""


_Head = tuple[int, list[tuple[str, str]], int | None, bool, bool]
"""A reply's status, headers, ``Content-Length``, keep-alive and chunked."""


class DirectPool:
    """Keep-alive HTTP/1.1 connections to one ``http://`` endpoint, on one event loop.

    A request is written in one piece (head and body together) as soon as a connection
    is free; the connection reads the reply itself and wakes the waiting task once,
    with the whole reply. Replies may be framed by ``Content-Length``, ``chunked`` or
    the connection's close, and compressed with gzip or deflate (``Accept-Encoding:
    identity`` asks for neither). A connection is used again when the reply allows it
    (HTTP/1.1 without ``Connection: close``); at most :data:`CONNECTION_LIMIT` are
    open at once, as on aiohttp's path.

    Build one with :meth:`for_url`.
    """

    def __init__(self, host: str, port: int, head: bytes, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._head = head
        self._idle: list[_Connection] = []
        self._slots = asyncio.Semaphore(CONNECTION_LIMIT)
        self.closed = False

    @classmethod
    def for_url(cls, url: Any, headers: Mapping[str, str], timeout: float) -> DirectPool | None:
        """A pool posting to ``url`` (a ``yarl.URL``) with ``headers``, or None.

        None unless ``url`` is a plain ``http://`` URL with a host and no credentials,
        and the headers can be written as they are (else aiohttp's path takes the
        request, as before).
        """
        if url.scheme != "http" or not url.raw_host or url.raw_user or url.raw_password:
            return None  # credentials in the URL: aiohttp's path sends them, as before
        lines = [f"POST {url.raw_path_qs} HTTP/1.1", f"Host: {url.host_port_subcomponent}"]
        for key, value in headers.items():
            if any(c in f"{key}{value}" for c in "\r\n\0") or ":" in key:
                return None  # aiohttp's path refuses them as before
            lines.append(f"{key}: {value}")
        lines.append("Accept-Encoding: identity")
        try:
            head = "\r\n".join(lines).encode("latin-1")
        except UnicodeEncodeError:
            return None
        return cls(url.raw_host, url.port or 80, head, timeout)

    async def post(self, data: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """POST ``data``; the reply's status, headers and (decoded) body.

        Raises:
            TimeoutError: No connection, or no data, within the timeout.
            OSError: The connection could not be made or failed.
            ReplyError: The reply could not be read, or the connection closed early.
        """
        request = b"%s\r\nContent-Length: %d\r\n\r\n%s" % (self._head, len(data), data)
        async with self._slots:
            conn = None
            stale = asyncio.get_running_loop().time() - KEEPALIVE
            while self._idle:
                candidate = self._idle.pop()
                if candidate.usable(stale):
                    conn = candidate
                    break
                candidate.close()
            if conn is None:
                conn = await self._connect()
            done = False
            try:
                reply = await conn.exchange(request, self.timeout)
                done = True
            finally:
                if done and conn.reusable and not self.closed:
                    self._idle.append(conn)
                else:
                    conn.abort()
        return reply

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self.timeout):  # TimeoutError: as aiohttp's connect
            _, conn = await loop.create_connection(_Connection, self.host, self.port)
        return conn

    async def close(self) -> None:
        """Close the idle connections; those in use close when their reply is read."""
        self.closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


class _Connection(asyncio.Protocol):
    """One keep-alive connection: writes a request, reads its reply whole."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.reusable = False
        self._buf = bytearray()
        self._waiter: asyncio.Future[tuple[int, list[tuple[str, str]], bytes]] | None = None
        self._head: _Head | None = None
        self._last_read = 0.0
        self._timer: asyncio.TimerHandle | None = None

    # -- asyncio.Protocol -------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # TCP_NODELAY: set by the loop

    def data_received(self, data: bytes) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():
            # Bytes no request asked for: the next reply on this connection could not
            # be told from them, so it carries no more requests.
            self.close()
            return
        self._buf += data
        self._last_read = waiter.get_loop().time()
        self._answer(waiter, eof=False)

    def eof_received(self) -> bool:
        return False  # close the transport: connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if not self._answer(waiter, eof=True):
            error = ReplyError("the server closed the connection before the reply was complete")
            waiter.set_exception(error if exc is None else exc)

    def _answer(
        self, waiter: asyncio.Future[tuple[int, list[tuple[str, str]], bytes]], eof: bool
    ) -> bool:
        """Hand the waiting request its reply, or the error reading it; False while incomplete."""
        try:
            reply = self._parse(eof=eof)
        except ReplyError as e:
            waiter.set_exception(e)
            return True
        if reply is None:
            return False
        waiter.set_result(reply)
        return True

    # -- one request ------------------------------------------------------------------
    async def exchange(
        self, request: bytes, timeout: float
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Write ``request``; the reply once complete (no data for ``timeout``: TimeoutError)."""
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        self._buf.clear()
        self._head = None
        self.reusable = False
        waiter = self._waiter = loop.create_future()
        self._last_read = loop.time()
        self._timer = loop.call_at(self._last_read + timeout, self._check_timeout, timeout)
        try:
            self.transport.write(request)
            reply: tuple[int, list[tuple[str, str]], bytes] = await waiter
            return reply
        finally:
            self._timer.cancel()
            self._waiter = None

    def _check_timeout(self, timeout: float) -> None:
        """No data for ``timeout`` seconds: the request times out; else look again later."""
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        loop = waiter.get_loop()
        due = self._last_read + timeout
        if loop.time() < due:
            self._timer = loop.call_at(due, self._check_timeout, timeout)
            return
        waiter.set_exception(TimeoutError(f"no data for {timeout} s"))
        self.abort()

    def usable(self, stale: float) -> bool:
        """Whether the connection is open and was last used after ``stale`` (loop time)."""
        transport = self.transport
        return (
            not self.closed
            and transport is not None
            and not transport.is_closing()
            and self._last_read > stale
        )

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
        self.closed = True

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()
        self.closed = True

    # -- the reply --------------------------------------------------------------------
    def _parse(self, eof: bool) -> tuple[int, list[tuple[str, str]], bytes] | None:
        """The reply when ``_buf`` holds all of it (``eof``: the connection has closed)."""
        buf = self._buf
        while self._head is None:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > MAX_HEAD:
                    raise ReplyError("the reply's headers are too long")
                return None
            self._head = _read_head(bytes(buf[:end]))
            del buf[: end + 4]
            if 100 <= self._head[0] < 200:  # an interim reply (100 Continue): the next
                self._head = None
        status, headers, length, keep_alive, chunked = self._head
        if chunked:
            dechunked = _dechunk(buf)
            if dechunked is None:
                return None
            body = dechunked
        elif length is not None:  # Content-Length
            if len(buf) < length:
                return None
            if len(buf) > length:
                keep_alive = False  # bytes after the reply: the connection is not reused
            body = bytes(buf[:length])
        elif not eof:  # delimited by the connection's close
            return None
        else:
            body, keep_alive = bytes(buf), False
        self.reusable = keep_alive and not self.closed
        return status, headers, _decoded(body, headers)


def _read_head(head: bytes) -> _Head:
    """A reply's head read: status, headers, length, keep-alive, chunked.

    The length is ``Content-Length``'s (ignored when chunked), or None for a reply that
    ends with the connection; keep-alive says whether the connection stays open.
    """
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    try:
        status = int(rest[:3])
    except ValueError:
        status = 0
    if not version.startswith("HTTP/1.") or not 100 <= status <= 999:
        raise ReplyError(f"not an HTTP/1 status line: {lines[0][:80]!r}")
    headers: list[tuple[str, str]] = []
    length: int | None = None
    chunked = False
    keep_alive = version == "HTTP/1.1"
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if not sep:
            raise ReplyError(f"a header line without a colon: {line[:80]!r}")
        key, value = key.strip(), value.strip()
        headers.append((key, value))
        name = key.lower()
        if name == "content-length":
            try:
                length = int(value)
            except ValueError as e:
                raise ReplyError(f"Content-Length {value!r}") from e
        elif name == "transfer-encoding":
            chunked = "chunked" in value.lower()
        elif name == "connection":
            keep_alive = "close" not in value.lower() and (
                keep_alive or "keep-alive" in value.lower()
            )
    if status in (204, 304):
        length, chunked = 0, False
    return status, headers, length, keep_alive, chunked


def _dechunk(buf: bytearray) -> bytes | None:
    """The body of a complete ``chunked`` reply in ``buf``; None while it is incomplete."""
    parts: list[bytes] = []
    pos = 0
    while True:
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        try:
            size = int(bytes(buf[pos:eol]).split(b";")[0], 16)
        except ValueError as e:
            raise ReplyError("a chunk without a readable size") from e
        pos = eol + 2
        if size == 0:  # the last chunk: trailers (if any) up to an empty line
            if buf[pos : pos + 2] == b"\r\n":
                return b"".join(parts)
            return b"".join(parts) if buf.find(b"\r\n\r\n", pos) >= 0 else None
        if len(buf) < pos + size + 2:
            return None
        parts.append(bytes(buf[pos : pos + size]))
        pos += size + 2


def _decoded(body: bytes, headers: list[tuple[str, str]]) -> bytes:
    """``body`` with its ``Content-Encoding`` (gzip, deflate) undone."""
    coding = next((v.strip().lower() for k, v in headers if k.lower() == "content-encoding"), "")
    if coding in ("", "identity") or not body:
        return body
    try:
        if coding in ("gzip", "x-gzip"):
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if coding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some send it
    except zlib.error as e:
        raise ReplyError(f"a {coding} body that does not decompress") from e
    raise ReplyError(f"a reply in an encoding not asked for: {coding!r}")


async def _close_at_shutdown(session: Any) -> AsyncIterator[None]:
    try:
        yield
    finally:
        await session.close()

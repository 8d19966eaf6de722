"""The lean client's direct path (plain ``http://``, no proxy) against scripted raw replies.

What the SDK path does with a reply, the direct path must do too: read it whatever its
framing (``Content-Length``, ``chunked``, the connection's close) and compression, keep
a connection open only when the reply allows it, never reuse one the server closed, and
turn a cut or unreadable reply into ``APIConnectionError`` and a silent server into
``APITimeoutError`` (the timeout counts from the last data read, as the SDK's).
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from ecomstage_env.agents.lean_http import DirectPool, LeanChatClient

openai = pytest.importorskip("openai")
pytest.importorskip("aiohttp")

REPLY = {"choices": [{"message": {"role": "assistant", "content": "é ok"}}]}
DATA = json.dumps(REPLY).encode()

Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[None]]
"""Answers the ``n``-th request (from 0) the server has read."""


def head(status: str = "200 OK", *extra: str, version: str = "HTTP/1.1") -> bytes:
    lines = [f"{version} {status}", "Content-Type: application/json", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def sized(data: bytes = DATA, *extra: str, version: str = "HTTP/1.1") -> bytes:
    return head("200 OK", f"Content-Length: {len(data)}", *extra, version=version) + data


async def read_request(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    request_head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in request_head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return request_head, await reader.readexactly(length)


def serve(
    script: Script, calls: int, timeout: float = 5.0, pause: float = 0.0, direct: bool = True
) -> dict[str, Any]:
    """``calls`` requests through a :class:`LeanChatClient` to a server running ``script``.

    Returns the replies (or the exceptions raised), the number of connections the server
    accepted and the requests it read (head, body).
    """
    seen: dict[str, Any] = {"connections": 0, "requests": [], "replies": []}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen["connections"] += 1
        try:
            while True:
                seen["requests"].append(await read_request(reader))
                await script(reader, writer, len(seen["requests"]) - 1)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        sdk = openai.AsyncOpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="k")
        client = LeanChatClient(sdk, timeout)
        client.direct = direct
        async with server:
            for _ in range(calls):
                try:
                    seen["replies"].append(await client.create({"model": "m", "n": 1}))
                except Exception as e:
                    seen["replies"].append(e)
                await asyncio.sleep(pause)
            # The path under test: the direct pool, or aiohttp's session.
            assert isinstance(client._pool, DirectPool) if direct else client._session is not None

    asyncio.run(main())
    return seen


@pytest.mark.parametrize("direct", [True, False])
def test_one_connection_carries_every_request_and_the_request_is_the_sdks(direct: bool) -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(sized())

    seen = serve(script, 3, direct=direct)
    assert seen["replies"] == [REPLY] * 3
    assert seen["connections"] == 1
    request_head, body = seen["requests"][0]
    assert body == b'{"model":"m","n":1}'
    lines = request_head.decode().split("\r\n")
    assert lines[0] == "POST /v1/chat/completions HTTP/1.1"
    port = lines[1].split(":")[-1]
    assert lines[1] == f"Host: 127.0.0.1:{port}"
    for expected in ("Authorization: Bearer k", "Content-Type: application/json"):
        assert expected in lines


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(
            head("200 OK", "Transfer-Encoding: chunked")
            + b"".join(
                b"%x\r\n%s\r\n" % (len(DATA[i : i + 7]), DATA[i : i + 7])
                for i in range(0, len(DATA), 7)
            )
            + b"0\r\nX-Trailer: 1\r\n\r\n",
            id="chunked-with-trailer",
        ),
        pytest.param(
            (lambda z: head("200 OK", "Content-Encoding: gzip", f"Content-Length: {len(z)}") + z)(
                gzip.compress(DATA)
            ),
            id="gzip",
        ),
        pytest.param(b"HTTP/1.1 100 Continue\r\n\r\n" + sized(), id="interim-100"),
    ],
)
def test_a_reply_is_read_whatever_its_framing_and_the_connection_is_kept(reply: bytes) -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        for i in range(0, len(reply), 5):  # in pieces, as a slow network delivers it
            writer.write(reply[i : i + 5])
            await writer.drain()

    seen = serve(script, 2)
    assert seen["replies"] == [REPLY] * 2
    assert seen["connections"] == 1


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(sized(DATA, "Connection: close"), id="connection-close"),
        pytest.param(sized(DATA, version="HTTP/1.0"), id="http-1.0"),
        pytest.param(head("200 OK", version="HTTP/1.0") + DATA, id="until-close"),
    ],
)
def test_a_reply_that_ends_the_connection_is_read_and_the_next_opens_another(
    reply: bytes,
) -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(reply)
        await writer.drain()
        writer.close()
        raise ConnectionError  # the server's side is done with this connection

    seen = serve(script, 3)
    assert seen["replies"] == [REPLY] * 3
    assert seen["connections"] == 3


def test_a_connection_the_server_closed_while_idle_is_not_used_again() -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(sized())  # keep-alive by its headers, then closed anyway
        await writer.drain()
        writer.close()
        raise ConnectionError

    seen = serve(script, 3, pause=0.05)
    assert seen["replies"] == [REPLY] * 3
    assert seen["connections"] == 3


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(head("200 OK", "Content-Length: 500") + DATA[:20], id="cut-short"),
        pytest.param(b"SSH-2.0-OpenSSH_9.6\r\n\r\n", id="not-http"),
        pytest.param(head("200 OK", "Transfer-Encoding: chunked") + b"zz\r\n", id="bad-chunk"),
        pytest.param(b"", id="closed-without-reply"),
    ],
)
def test_a_cut_or_unreadable_reply_is_the_sdks_connection_error(reply: bytes) -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(reply)
        await writer.drain()
        writer.close()
        raise ConnectionError

    seen = serve(script, 2)
    for outcome in seen["replies"]:
        assert type(outcome) is openai.APIConnectionError
    assert seen["connections"] == 2


def test_silence_times_out_but_a_slow_steady_reply_does_not() -> None:
    reply = sized()

    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        if n == 0:  # part of the head, then nothing until the client gives up
            writer.write(reply[:30])
            await reader.read()  # the client's close
            raise ConnectionError
        step = len(reply) // 5 + 1
        for i in range(0, len(reply), step):  # 0.75 s in all, 0.15 s between reads
            await asyncio.sleep(0.15)
            writer.write(reply[i : i + step])
            await writer.drain()

    seen = serve(script, 2, timeout=0.5)
    assert type(seen["replies"][0]) is openai.APITimeoutError
    assert seen["replies"][1] == REPLY
    assert seen["connections"] == 2  # the timed-out connection is not used again


def test_an_error_status_is_the_sdks_error_with_its_headers() -> None:
    body = b'{"error": {"message": "slow down"}}'

    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(
            head("429 Too Many Requests", "Retry-After: 3", f"Content-Length: {len(body)}") + body
        )

    seen = serve(script, 1)
    error = seen["replies"][0]
    assert type(error) is openai.RateLimitError
    assert error.response.headers["retry-after"] == "3" and "slow down" in str(error)


def test_a_connection_idle_past_the_keepalive_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from ecomstage_env.agents import lean_http

    monkeypatch.setattr(lean_http, "KEEPALIVE", 0.02)

    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(sized())

    seen = serve(script, 3, pause=0.1)
    assert seen["replies"] == [REPLY] * 3
    assert seen["connections"] == 3


@pytest.mark.parametrize(
    ("url", "headers", "direct"),
    [
        ("http://127.0.0.1:8000/v1/chat/completions", {"A": "b"}, True),
        ("http://[::1]/v1/chat/completions?x=1", {"A": "b"}, True),
        ("https://api.example/v1/chat/completions", {"A": "b"}, False),  # TLS: aiohttp
        ("http://user:pw@h/v1/chat/completions", {"A": "b"}, False),  # URL credentials
        ("http://h/v1/chat/completions", {"A": "b\r\nX-Injected: 1"}, False),
    ],
)
def test_only_plain_http_urls_with_writable_headers_go_direct(
    url: str, headers: dict[str, str], direct: bool
) -> None:
    from yarl import URL

    pool = DirectPool.for_url(URL(url), headers, 1.0)
    assert (pool is not None) is direct
    if pool is not None:
        # The same request line and Host header as an HTTP client writes for the URL.
        target = URL(url)
        assert pool._head.startswith(
            f"POST {target.raw_path_qs} HTTP/1.1\r\nHost: {target.host_port_subcomponent}\r\n".encode()
        )


@pytest.mark.parametrize("late", [False, True], ids=["same-write", "after-the-reply"])
def test_bytes_past_a_reply_keep_its_connection_from_the_next_request(late: bool) -> None:
    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(sized())
        if late:
            await writer.drain()
            await asyncio.sleep(0.05)
        writer.write(sized())  # a second reply nobody asked for

    seen = serve(script, 3, pause=0.1)
    assert seen["replies"] == [REPLY] * 3
    assert seen["connections"] == 3


def test_a_reply_head_growing_past_the_limit_is_the_sdks_connection_error() -> None:
    from ecomstage_env.agents import lean_http

    endless = b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * (lean_http.MAX_HEAD + 10)

    async def script(reader: Any, writer: asyncio.StreamWriter, n: int) -> None:
        writer.write(endless)  # a head that never ends: refused, not buffered on
        await reader.read()  # the client's close
        raise ConnectionError

    seen = serve(script, 1, timeout=30.0)
    assert type(seen["replies"][0]) is openai.APIConnectionError

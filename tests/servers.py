"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (no network beyond loopback).

The ``openai`` 3.x client sends requests through httpx2, which request-mocking libraries
do not intercept; this server answers ``POST /v1/chat/completions`` over real sockets
with whatever the test's ``respond`` function returns, and records every request.

``respond`` may also return a :class:`Fault` (429 with Retry-After, 500, a timeout, a
dropped connection, a garbage or empty body, empty or missing ``choices``), and
:func:`faulty` wraps a ``respond`` so that a seeded share of calls fail at random.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("429", "500", "timeout", "drop", "garbage", "empty", "no_choices", "missing_choices")
"""Every kind of :class:`Fault`."""


@dataclass(frozen=True)
class Fault:
    """A failed reply.

    Attributes:
        kind: ``429`` (with ``Retry-After``), ``500``, ``timeout`` (no answer for
            ``delay`` seconds, then the connection closes), ``drop`` (the connection
            closes with no answer), ``garbage`` (200 with a body that is not JSON),
            ``empty`` (200, empty body), ``no_choices`` (200, ``"choices": []``),
            ``missing_choices`` (200, a completion without ``choices``).
        delay: Seconds a ``timeout`` holds the request.
        retry_after: The ``Retry-After`` header of a 429, in seconds.
    """

    kind: str
    delay: float = 1.0
    retry_after: str = "0"


Reply = dict[str, Any] | tuple[int, dict[str, Any]] | Fault
"""A chat message dict (status 200), ``(status, body)`` for errors, or a :class:`Fault`."""


def completion(message: dict[str, Any], model: str = "test-model") -> dict[str, Any]:
    """Wrap an assistant message in a chat.completion body with usage."""
    return {
        "id": f"chatcmpl-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", **message},
                "finish_reason": "tool_calls" if message.get("tool_calls") else "stop",
            }
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


class ChatServer:
    """Serves chat completions from ``respond(request_body) -> Reply``."""

    def __init__(
        self, respond: Callable[[dict[str, Any]], Reply], keep_alive: bool = False
    ) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []  # each request's headers, names lowercased
        self.faults: Counter[str] = Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 keeps connections open between requests, as real servers do.
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                outer.requests.append(body)
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                if not self.path.endswith("/chat/completions"):
                    status, payload = 404, {"error": {"message": f"no route {self.path}"}}
                else:
                    reply = outer.respond(body)
                    if isinstance(reply, Fault):
                        self._fault(reply, body)
                        return
                    if isinstance(reply, tuple):
                        status, payload = reply
                    else:
                        status, payload = 200, completion(reply, body.get("model", "m"))
                self._send(status, json.dumps(payload).encode())

            def _send(self, status: int, data: bytes, retry_after: str = "0") -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", retry_after)
                self.end_headers()
                self.wfile.write(data)

            def _fault(self, fault: Fault, body: dict[str, Any]) -> None:
                outer.faults[fault.kind] += 1
                if fault.kind in ("timeout", "drop"):
                    if fault.kind == "timeout":
                        time.sleep(fault.delay)
                    self.close_connection = True  # no status line: the client sees a drop
                    return
                if fault.kind in ("429", "500"):
                    error = {"error": {"message": f"injected {fault.kind}", "type": "server"}}
                    self._send(int(fault.kind), json.dumps(error).encode(), fault.retry_after)
                    return
                payload = completion({"content": "x"}, body.get("model", "m"))
                if fault.kind == "no_choices":
                    payload["choices"] = []
                elif fault.kind == "missing_choices":
                    del payload["choices"]
                data = {
                    "garbage": b"<html>502 Bad Gateway</html>\x00\xff",
                    "empty": b"",
                }.get(fault.kind, json.dumps(payload).encode())
                self._send(200, data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@contextmanager
def chat_server(
    respond: Callable[[dict[str, Any]], Reply], keep_alive: bool = False
) -> Iterator[ChatServer]:
    """Start a :class:`ChatServer`, yield it, and stop it."""
    server = ChatServer(respond, keep_alive)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        server.thread.join(timeout=5)


def faulty(
    respond: Callable[[dict[str, Any]], Reply],
    rate: float,
    *,
    seed: int = 0,
    kinds: tuple[str, ...] = FAULTS,
    delay: float = 1.0,
) -> Callable[[dict[str, Any]], Reply]:
    """``respond`` with a share ``rate`` of calls replaced by a random :class:`Fault`.

    Seeded, and safe to call from the server's threads. ``delay`` is how long a
    ``timeout`` holds the request (make it longer than the client's timeout).
    """
    rng = random.Random(seed)
    lock = threading.Lock()

    def reply(body: dict[str, Any]) -> Reply:
        with lock:
            fault = rng.random() < rate
            kind = rng.choice(kinds)
        return Fault(kind, delay=delay) if fault else respond(body)

    return reply

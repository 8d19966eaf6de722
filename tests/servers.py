"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (no network beyond loopback).

The ``openai`` 3.x client sends requests through httpx2, which request-mocking libraries
do not intercept; this server answers ``POST /v1/chat/completions`` over real sockets
with whatever the test's ``respond`` function returns, and records every request.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = dict[str, Any] | tuple[int, dict[str, Any]]
"""A chat message dict (status 200), or ``(status, body)`` for errors."""


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

    def __init__(self, respond: Callable[[dict[str, Any]], Reply]) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                outer.requests.append(body)
                if not self.path.endswith("/chat/completions"):
                    status, payload = 404, {"error": {"message": f"no route {self.path}"}}
                else:
                    reply = outer.respond(body)
                    if isinstance(reply, tuple):
                        status, payload = reply
                    else:
                        status, payload = 200, completion(reply, body.get("model", "m"))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@contextmanager
def chat_server(respond: Callable[[dict[str, Any]], Reply]) -> Iterator[ChatServer]:
    """Start a :class:`ChatServer`, yield it, and stop it."""
    server = ChatServer(respond)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        server.thread.join(timeout=5)

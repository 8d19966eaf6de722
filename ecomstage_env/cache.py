"""On-disk caches: the cache folder, and a response cache for model calls (sqlite).

A model call at temperature 0 is a pure function of its request, so its response can be
stored and served again: a rerun, a resumed run, or the same prompt in another trial
costs nothing. Keys are the SHA-256 of the canonical JSON of everything that changes
the response (model, messages, tools, sampling, response format); values are JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["ResponseCache", "cache_dir"]


def cache_dir() -> Path:
    """``$ECOMSTAGE_CACHE``, else ``$XDG_CACHE_HOME/ecomstage`` (``~/.cache/ecomstage``)."""
    env = os.environ.get("ECOMSTAGE_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ecomstage"


class ResponseCache:
    """A sqlite table of model responses, safe to share between threads and processes.

    Args:
        path: Database file (default ``cache_dir()/responses.sqlite``).
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / "responses.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses "
                "(key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"
            )
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(request: dict[str, Any]) -> str:
        """The key of a request (canonical JSON, SHA-256)."""
        text = json.dumps(request, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored response, or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        value: dict[str, Any] = json.loads(row[0])
        return value

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Store a response (the first one stored for a key wins)."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO responses (key, value, created) VALUES (?, ?, ?)",
                (key, json.dumps(value, ensure_ascii=False), time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def __getstate__(self) -> dict[str, Any]:  # travels to Ray workers as its path
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

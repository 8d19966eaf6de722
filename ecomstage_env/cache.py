"""On-disk caches: the cache folder, and a response cache for model calls (sqlite).

A deterministic model call (temperature 0, or top_p so small that only the top token is
kept: ``SamplingParams.deterministic``) is a pure function of its request, so its
response can be stored and served again: a rerun, a resumed run, or the same prompt in another trial
costs nothing. Keys are the SHA-256 of the canonical JSON of everything that changes
the response (model, messages, tools, sampling, response format); values are JSON.

A cache file that is not a sqlite database (a crash of the disk, a stray write) is set
aside as ``<name>.corrupt-<time>`` and a new one is started; a row that cannot be read
back is dropped and counts as a miss. A path that cannot hold the cache raises
:class:`~ecomstage_env.errors.CacheError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from pathlib import Path
from typing import Any

from ecomstage_env.errors import CacheError
from ecomstage_env.textsafe import scrub

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

    Raises:
        CacheError: The path cannot hold the cache (a folder, read-only, a bad path).
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / "responses.sqlite"
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.dropped = 0
        self.set_aside: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as e:
            if not _corrupt(e):
                raise CacheError(
                    f"{self.path}: cannot open the response cache ({e}); use --cache-path elsewhere or --no-cache"
                ) from e
            self.set_aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.path.replace(self.set_aside)
            warnings.warn(
                f"{self.path}: not a response cache ({e}); set aside as "
                f"{self.set_aside.name} and started anew",
                stacklevel=2,
            )
            try:
                self._db = self._open()
            except (OSError, sqlite3.Error) as e2:
                raise CacheError(
                    f"{self.path}: cannot open the response cache ({e2}); use --cache-path elsewhere or --no-cache"
                ) from e2
        except (OSError, ValueError) as e:
            raise CacheError(
                f"{self.path}: cannot open the response cache ({e}); use --cache-path elsewhere or --no-cache"
            ) from e

    def _open(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise CacheError(f"{self.path}: is a folder, not a cache file")
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        try:
            with self._lock, db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS responses "
                    "(key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"
                )
                db.execute("SELECT key, value FROM responses LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    def key(request: dict[str, Any]) -> str:
        """The key of a request (canonical JSON, SHA-256; lone surrogates kept distinct)."""
        text = json.dumps(request, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored response, or None (a row that cannot be read back is dropped)."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT value FROM responses WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.DatabaseError as e:  # the file went bad under us: no cache
            warnings.warn(f"{self.path}: response cache unreadable ({e}); a miss", stacklevel=2)
            row = None
        value: Any = None
        if row is not None:
            try:
                value = json.loads(row[0])
            except (TypeError, ValueError):
                value = None
            if not isinstance(value, dict) or "action" not in value:
                self._drop(key)
                value = None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        stored: dict[str, Any] = value
        return stored

    def _drop(self, key: str) -> None:
        self.dropped += 1
        warnings.warn(f"{self.path}: dropped an unreadable cache row", stacklevel=3)
        try:
            with self._lock, self._db:
                self._db.execute("DELETE FROM responses WHERE key = ?", (key,))
        except sqlite3.Error:
            pass

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Store a response (the first one stored for a key wins).

        Text no UTF-8 file can hold (lone surrogates) is stored with U+FFFD in its place.
        A cache that cannot be written (disk full, read-only) is skipped with a warning:
        the run does not need it.
        """
        text = json.dumps(scrub(value), ensure_ascii=False)
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR IGNORE INTO responses (key, value, created) VALUES (?, ?, ?)",
                    (key, text, time.time()),
                )
        except sqlite3.Error as e:
            warnings.warn(f"{self.path}: response not cached ({e})", stacklevel=2)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def __getstate__(self) -> dict[str, Any]:  # travels to Ray workers as its path
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]


def _corrupt(error: sqlite3.DatabaseError) -> bool:
    """Whether sqlite says the file is not a (sound) database."""
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text

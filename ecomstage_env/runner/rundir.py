"""A run directory: the config of a run and its episodes, append-only and crash-safe.

Layout::

    RUN/config.json      what was run, with a hash of everything that changes results
    RUN/episodes.jsonl   one EpisodeRecord per line, flushed and fsynced as it finishes
    RUN/summary.json     written at the end (and by ``ecomstage report``)

Rerunning with the same directory resumes: finished episodes are read back and skipped.
A line cut short by a crash (``kill -9`` mid-write) is detected and discarded. A
different config on the same directory is refused unless ``force=True``, which starts
the run over.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ecomstage_env.errors import DataError, EcomstageError
from ecomstage_env.runner.episode import EpisodeRecord

__all__ = ["RunConfigMismatch", "RunDir", "config_hash"]

CONFIG = "config.json"
EPISODES = "episodes.jsonl"


class RunConfigMismatch(EcomstageError):
    """The run directory holds a run of another config."""


def config_hash(config: dict[str, Any]) -> str:
    """A short stable hash of a config's result-changing keys (JSON, sorted keys)."""
    text = json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class RunDir:
    """Open (create or resume) a run directory.

    Args:
        path: The directory.
        config: What the run does; every key should change results (agents, envs,
            split, limit, trials, context, seed, data). Settings that do not
            (concurrency, backend) belong in ``settings``.
        settings: Recorded in ``config.json`` but not hashed.
        force: Start over when the directory holds another config.

    Raises:
        RunConfigMismatch: Another config is there and ``force`` is False.
    """

    def __init__(
        self,
        path: str | Path,
        config: dict[str, Any],
        *,
        settings: dict[str, Any] | None = None,
        force: bool = False,
    ) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.hash = config_hash(config)
        self.episodes_path = self.path / EPISODES
        cfg_path = self.path / CONFIG
        if cfg_path.is_file():
            try:
                old = json.loads(cfg_path.read_text("utf-8")).get("hash")
            except json.JSONDecodeError:
                old = None
            if old != self.hash:
                if not force:
                    raise RunConfigMismatch(
                        f"{self.path} holds a run of another config (hash {old}, this one "
                        f"{self.hash}); use another --out, or --force to start over"
                    )
                self.episodes_path.unlink(missing_ok=True)
        payload = {"hash": self.hash, "config": config, "settings": settings or {}}
        tmp = cfg_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str), "utf-8")
        tmp.replace(cfg_path)
        self.discarded = 0
        self._records = list(self._read())

    def _read(self) -> Iterator[EpisodeRecord]:
        """Yield the finished episodes; cut off a partial last line left by a crash."""
        if not self.episodes_path.is_file():
            return
        data = self.episodes_path.read_bytes()
        keep = len(data)
        if data and not data.endswith(b"\n"):
            keep = data.rfind(b"\n") + 1  # the last line was being written when we died
        lines = data[:keep].splitlines()
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield EpisodeRecord.model_validate_json(line)
            except ValidationError as e:
                raise DataError(self.episodes_path, f"not an episode record: {e}", line=n) from e
        if keep < len(data):
            self.discarded = 1
            with self.episodes_path.open("r+b") as fh:
                fh.truncate(keep)
                fh.flush()
                os.fsync(fh.fileno())
            warnings.warn(
                f"{self.episodes_path}: discarded a partial last line (an interrupted write)",
                stacklevel=3,
            )

    @property
    def records(self) -> list[EpisodeRecord]:
        """Every finished episode, in the order written."""
        return list(self._records)

    def done(self) -> set[tuple[str, str, str, int, str]]:
        """Keys of the finished episodes."""
        return {r.key for r in self._records}

    def append(self, record: EpisodeRecord) -> None:
        """Write one finished episode: a whole line, flushed and fsynced before returning."""
        line = record.model_dump_json() + "\n"
        with self.episodes_path.open("a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        self._records.append(record)

    def write_json(self, name: str, payload: Any) -> Path:
        """Write a JSON file into the run directory atomically; return its path."""
        target = self.path / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str), "utf-8")
        tmp.replace(target)
        return target

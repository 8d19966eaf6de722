"""A run directory: the config of a run and its episodes, append-only and crash-safe.

Layout::

    RUN/config.json      what was run, with a hash of everything that changes results
    RUN/episodes.jsonl   one EpisodeRecord per line, written whole as it finishes
    RUN/summary.json     written at the end (and by ``ecomstage report``)
    RUN/.lock            held by the one process writing the run (an OS file lock)

Each finished episode is written to the file (handed to the OS) before ``append``
returns, so a killed process (``kill -9``) loses nothing; the file is fsynced at most
every :data:`SYNC_SECONDS` (and on close), so a power cut loses at most that much.
In memory the directory keeps only where each episode's line starts (episodes are read
back on demand, :class:`RunRecords`), so a long run's memory stays flat.

Rerunning with the same directory resumes: finished episodes are read back and skipped.
A line cut short by a crash (``kill -9`` mid-write) is detected and discarded. A line
that is not an episode record (a corrupted middle line) is reported, set aside in
``episodes.corrupt.jsonl`` and its episode played again; every other episode is kept.
When an episode appears twice (a retried failure, an old concurrent writer), the last
line wins. An unreadable ``config.json`` is set aside and rebuilt, keeping the episodes.
A different config on the same directory is refused unless ``force=True``. ``force=True``
starts the run over, whatever the directory holds (the one way finished episodes are
deleted).

Only one process may write a run directory at a time: a second one is refused with
:class:`~ecomstage_env.errors.RunDirLocked`. The lock is an OS lock on ``RUN/.lock``,
released when the writer exits, however it exits (``kill -9`` included).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, overload

import filelock

from ecomstage_env.errors import EcomstageError, RunDirError, RunDirLocked
from ecomstage_env.runner.episode import EpisodeRecord
from ecomstage_env.textsafe import scrub

__all__ = [
    "RunConfigMismatch",
    "RunDir",
    "RunRecords",
    "config_hash",
    "describe_os_error",
    "read_record",
    "run_path",
]

CONFIG = "config.json"
EPISODES = "episodes.jsonl"
CORRUPT = "episodes.corrupt.jsonl"
LOCK = ".lock"
WRITER = ".writer.json"
SYNC_SECONDS = 1.0
"""Longest time between fsyncs of ``episodes.jsonl`` while a run writes it."""


class RunConfigMismatch(EcomstageError):
    """The run directory holds a run of another config."""


def config_hash(config: dict[str, Any]) -> str:
    """A short stable hash of a config's result-changing keys (JSON, sorted keys)."""
    text = json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def describe_os_error(error: OSError | ValueError) -> str:
    """What an ``OSError`` means for a run, in words (read-only, disk full, ...)."""
    if isinstance(error, ValueError):  # "embedded null byte" and the like
        return f"not a usable path ({error})"
    code = error.errno
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"cannot write here: read-only or not permitted ({error.strerror})"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full ({error.strerror})"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.ENAMETOOLONG:
        return "the path is too long"
    return f"{type(error).__name__}: {error.strerror or error}"


def run_path(path: str | os.PathLike[str]) -> Path:
    """Check a run directory's path: not empty, no NUL, not an existing file.

    Raises:
        RunDirError: The path cannot be a run directory.
    """
    text = os.fspath(path)
    if not str(text).strip():
        raise RunDirError(repr(text), "empty path: give a run directory (--out DIR)")
    if "\x00" in str(text):
        raise RunDirError(repr(text), "not a usable path (it holds a NUL character)")
    p = Path(text)
    if p.exists() and not p.is_dir():
        raise RunDirError(p, "is a file, not a run directory")
    return p


class RunDir:
    """Open (create or resume) a run directory, and hold it for this process.

    Use it as a context manager, or call :meth:`close`, to release the lock.

    Args:
        path: The directory.
        config: What the run does; every key should change results (agents, envs,
            split, limit, trials, context, seed, data). Settings that do not
            (concurrency, backend) belong in ``settings``.
        settings: Recorded in ``config.json`` but not hashed.
        force: Start over: drop the episodes the directory holds (refused otherwise
            when it holds another config).
        lock: Take the directory's writer lock (refuse a second writer).

    Raises:
        RunConfigMismatch: Another config is there and ``force`` is False.
        RunDirLocked: Another process is writing to the directory.
        RunDirError: The path is empty, a file, or not writable, or the disk is full.
    """

    def __init__(
        self,
        path: str | Path,
        config: dict[str, Any],
        *,
        settings: dict[str, Any] | None = None,
        force: bool = False,
        lock: bool = True,
    ) -> None:
        self.path = run_path(path)
        self.config = config
        self.hash = config_hash(config)
        self.episodes_path = self.path / EPISODES
        self.discarded = 0
        self.set_aside = 0
        self.duplicates = 0
        self._lock: filelock.BaseFileLock | None = None
        self._unsynced: list[tuple[str, str, str, int, str]] = []  # written, not yet synced
        self._synced_at = time.monotonic()
        self._synced_size = 0
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as e:
            raise RunDirError(self.path, describe_os_error(e)) from e
        if lock:
            self._acquire()
        try:
            self._open_config(settings or {}, force)
            self._index = {r.key: (at, r.failed) for r, at in self._read()}
            self._synced_size = self._size()
        except BaseException:
            self.close()
            raise

    # -- the writer lock -------------------------------------------------------------------
    def _acquire(self) -> None:
        try:  # never a soft lock: its marker would outlive a kill -9 and block the resume
            lock = filelock.FileLock(
                self.path / LOCK, timeout=0, thread_local=False, fallback_to_soft=False
            )
        except TypeError:  # filelock < 4 has no soft fallback to switch off
            lock = filelock.FileLock(self.path / LOCK, timeout=0, thread_local=False)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise RunDirLocked(
                self.path,
                f"another process is writing this run ({self._writer()}); wait for "
                "it to finish, or use another --out",
            ) from None
        except (OSError, ValueError) as e:
            raise RunDirError(self.path, describe_os_error(e)) from e
        self._lock = lock
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
        try:
            (self.path / WRITER).write_text(json.dumps(info), "utf-8")
        except OSError as e:
            self.close()
            raise RunDirError(self.path, describe_os_error(e)) from e

    def _writer(self) -> str:
        try:
            info = json.loads((self.path / WRITER).read_text("utf-8"))
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(info["since"])))
            return f"pid {int(info['pid'])} on {info['host']}, since {since}"
        except (OSError, ValueError, KeyError, TypeError):
            return "pid unknown"

    def close(self) -> None:
        """Sync what was written and release the writer lock (idempotent)."""
        try:
            if self._unsynced:
                self._sync()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> RunDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- config ----------------------------------------------------------------------------
    def _open_config(self, settings: dict[str, Any], force: bool) -> None:
        cfg_path = self.path / CONFIG
        if cfg_path.is_file():
            old = self._old_hash(cfg_path)
            if old is not None and old != self.hash and not force:
                raise RunConfigMismatch(
                    f"{self.path} holds a run of another config (hash {old}, this one "
                    f"{self.hash}); use another --out, or --force to start over"
                )
        if force:  # start over, whatever the directory holds (the same config too)
            self._write(self.episodes_path.unlink, missing_ok=True)
        payload = {"hash": self.hash, "config": self.config, "settings": settings}
        self.write_json(CONFIG, payload)

    def _old_hash(self, cfg_path: Path) -> str | None:
        """The hash in an existing config.json; None (and set aside) when unreadable."""
        try:
            old = json.loads(cfg_path.read_bytes().decode("utf-8"))
            if isinstance(old, dict) and isinstance(old.get("hash"), str):
                return str(old["hash"])
            problem = "it has no hash"
        except (ValueError, UnicodeDecodeError) as e:
            problem = f"not JSON ({type(e).__name__})"
        except OSError as e:
            raise RunDirError(cfg_path, describe_os_error(e)) from e
        aside = cfg_path.with_name(CONFIG + ".corrupt")
        self._write(cfg_path.replace, aside)
        warnings.warn(
            f"{cfg_path}: unreadable ({problem}); set aside as {aside.name} and rebuilt for "
            "this run; the finished episodes are kept",
            stacklevel=4,
        )
        return None

    # -- episodes --------------------------------------------------------------------------
    def _read(self) -> Iterator[tuple[EpisodeRecord, int]]:
        """Yield the finished episodes with their lines' offsets (last line per episode wins).

        A partial last line left by a crash is cut off; lines that are not episode
        records are moved to ``episodes.corrupt.jsonl``; duplicates are dropped.
        """
        if not self.episodes_path.is_file():
            return
        try:
            data = self.episodes_path.read_bytes()
        except OSError as e:
            raise RunDirError(self.episodes_path, describe_os_error(e)) from e
        keep = len(data)
        if data and not data.endswith(b"\n"):
            keep = data.rfind(b"\n") + 1  # the last line was being written when we died
        by_key: dict[tuple[str, str, str, int, str], tuple[EpisodeRecord, bytes, int]] = {}
        bad: list[bytes] = []
        problems: list[str] = []
        lines = data[:keep].splitlines(keepends=True)
        pos = 0
        for n, line in enumerate(lines, 1):
            at, pos = pos, pos + len(line)
            if not line.strip():
                continue
            try:
                rec = EpisodeRecord.model_validate_json(line)
            except ValueError as e:  # ValidationError, and bytes that are not UTF-8
                bad.append(line)
                problems.append(f"line {n} ({_first_problem(e)})")
                continue
            if rec.key in by_key:
                self.duplicates += 1
                del by_key[rec.key]  # re-inserted last: the file order of the survivors
            by_key[rec.key] = (rec, line, at)
        self.discarded = int(keep < len(data))
        self.set_aside = len(bad)
        if self.discarded and not (bad or self.duplicates):
            self._write(self._truncate, keep)
            warnings.warn(
                f"{self.episodes_path}: discarded a partial last line (an interrupted write)",
                stacklevel=4,
            )
        elif bad or self.duplicates:
            self._rewrite([line for _, line, _ in by_key.values()], bad)
            pos = 0  # the survivors, one after another
            for key, (rec, line, _) in by_key.items():
                by_key[key] = (rec, line, pos)
                pos += len(line)
            said = []
            if bad:
                said.append(
                    f"{len(bad)} line(s) are not episode records: {', '.join(problems[:3])}"
                    f"{' ...' if len(problems) > 3 else ''}; set aside in {CORRUPT} and their "
                    "episodes will be played again"
                )
            if self.duplicates:
                said.append(f"{self.duplicates} repeated episode(s) dropped (the last kept)")
            if self.discarded:
                said.append("a partial last line discarded (an interrupted write)")
            warnings.warn(f"{self.episodes_path}: {'; '.join(said)}", stacklevel=4)
        for rec, _, at in by_key.values():
            yield rec, at

    def _size(self) -> int:
        try:
            return self.episodes_path.stat().st_size
        except FileNotFoundError:
            return 0
        except OSError as e:
            raise RunDirError(self.episodes_path, describe_os_error(e)) from e

    def _truncate(self, size: int) -> None:
        with self.episodes_path.open("r+b") as fh:
            fh.truncate(size)
            fh.flush()
            os.fsync(fh.fileno())

    def _rewrite(self, lines: list[bytes], bad: list[bytes]) -> None:
        """Set ``bad`` lines aside, then replace episodes.jsonl with ``lines`` atomically."""

        def write() -> None:
            if bad:
                with (self.path / CORRUPT).open("ab") as fh:
                    fh.write(b"".join(x if x.endswith(b"\n") else x + b"\n" for x in bad))
                    fh.flush()
                    os.fsync(fh.fileno())
            tmp = self.episodes_path.with_suffix(".jsonl.tmp")
            with tmp.open("wb") as fh:
                fh.write(b"".join(lines))
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(self.episodes_path)

        self._write(write)

    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a file operation; an ``OSError`` becomes a :class:`RunDirError`."""
        try:
            return fn(*args, **kwargs)
        except (OSError, ValueError) as e:
            raise RunDirError(self.path, describe_os_error(e)) from e

    @property
    def records(self) -> list[EpisodeRecord]:
        """Every finished episode (one per key), in the order written, read from disk."""
        return [self.record(key) for key in self._index]

    def record(self, key: tuple[str, str, str, int, str]) -> EpisodeRecord:
        """One finished episode, read from disk.

        Raises:
            KeyError: The run holds no such episode.
            RunDirError: The file cannot be read, or changed under this process.
        """
        return read_record(self.episodes_path, self._index[key][0], key)

    def offset(self, key: tuple[str, str, str, int, str]) -> int:
        """Where an episode's line starts in ``episodes.jsonl`` (see :class:`RunRecords`)."""
        return self._index[key][0]

    def done(self) -> set[tuple[str, str, str, int, str]]:
        """Keys of the finished episodes (failed ones included)."""
        return set(self._index)

    def failed(self) -> set[tuple[str, str, str, int, str]]:
        """Keys of the episodes recorded as failed (see ``--retry-failed``)."""
        return {k for k, (_, failed) in self._index.items() if failed}

    def append(self, record: EpisodeRecord) -> None:
        """Write one finished episode: a whole line, handed to the OS before returning.

        The file is fsynced when :data:`SYNC_SECONDS` have passed since the last sync
        (and on :meth:`close`), not on every episode: an fsync per episode costs more than
        a model call at high concurrency, and a process crash loses nothing either way.

        Raises:
            RunDirError: The disk is full or read-only; the file is left as it was.
        """
        try:
            line = record.model_dump_json()
            data = (line + "\n").encode("utf-8")
        except (ValueError, UnicodeError):  # text no JSON line can hold: scrubbed
            data = (json.dumps(scrub(record.model_dump(mode="json"))) + "\n").encode()
        try:
            with self.episodes_path.open("ab") as fh:
                start = fh.tell()
                try:
                    fh.write(data)
                    fh.flush()
                except OSError:
                    fh.truncate(start)  # no half line left behind for the next append
                    raise
        except OSError as e:
            raise RunDirError(self.episodes_path, describe_os_error(e)) from e
        self._index.pop(record.key, None)
        self._index[record.key] = (start, record.failed)
        self._unsynced.append(record.key)
        if time.monotonic() - self._synced_at >= SYNC_SECONDS:
            self._sync()

    def _sync(self) -> None:
        """Sync the episodes to disk; on failure, take back every line written since the last sync.

        Those episodes are then not in the run (a resume plays them again), so a full or
        failing disk never leaves lines that may not have reached it.
        """
        try:
            with self.episodes_path.open("r+b") as fh:
                try:
                    os.fsync(fh.fileno())
                except OSError:
                    fh.truncate(self._synced_size)
                    raise
                self._synced_size = fh.seek(0, os.SEEK_END)
        except OSError as e:
            for key in self._unsynced:
                self._index.pop(key, None)
            self._unsynced = []
            raise RunDirError(self.episodes_path, describe_os_error(e)) from e
        self._synced_at, self._unsynced = time.monotonic(), []

    def write_json(self, name: str, payload: Any) -> Path:
        """Write a JSON file into the run directory atomically; return its path.

        Raises:
            RunDirError: The disk is full or read-only.
        """
        target = self.path / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        text = json.dumps(scrub(payload), indent=2, ensure_ascii=False, default=str)

        def write() -> None:
            tmp.write_text(text, "utf-8")
            tmp.replace(target)

        self._write(write)
        return target


def read_record(
    path: Path, offset: int, key: tuple[str, str, str, int, str], fh: BinaryIO | None = None
) -> EpisodeRecord:
    """Read the episode whose line starts at ``offset`` of ``path`` (or the open ``fh``).

    When the line there is not that episode (the file was rewritten since: duplicates
    dropped, lines set aside), the file is searched for the episode's last line.

    Raises:
        RunDirError: The file cannot be read, or no longer holds the episode.
    """
    try:
        if fh is None:
            with path.open("rb") as own:
                return read_record(path, offset, key, own)
        fh.seek(offset)
        rec = _parse(fh.readline())
        if rec is not None and rec.key == key:
            return rec
        fh.seek(0)
        found = None
        for line in fh:
            if (rec := _parse(line)) is not None and rec.key == key:
                found = rec
    except OSError as e:
        raise RunDirError(path, describe_os_error(e)) from e
    if found is None:
        raise RunDirError(path, f"episode {key} is no longer in the run directory")
    return found


def _parse(line: bytes) -> EpisodeRecord | None:
    try:
        return EpisodeRecord.model_validate_json(line)
    except ValueError:
        return None


class RunRecords(Sequence[EpisodeRecord]):
    """The episodes of a run, in plan order, read from its directory when accessed.

    What :func:`~ecomstage_env.runner.run.run_evaluation` returns for a run with a
    directory: a sequence (``len``, indexing, iteration) that holds only where each
    episode's line is, and the file open, so a run of any length keeps flat memory. The
    open file keeps the episodes readable when a later run starts the directory over
    (``force``) or rewrites it (the file is replaced, not changed in place). Call
    :meth:`close` (or drop the object) to release the file.
    """

    def __init__(self, path: Path, where: list[tuple[int, tuple[str, str, str, int, str]]]):
        self.path = path
        self._where = where
        try:
            self._fh: BinaryIO | None = path.open("rb") if where else None
        except OSError as e:
            raise RunDirError(path, describe_os_error(e)) from e
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._where)

    @overload
    def __getitem__(self, i: int) -> EpisodeRecord: ...

    @overload
    def __getitem__(self, i: slice) -> list[EpisodeRecord]: ...

    def __getitem__(self, i: int | slice) -> EpisodeRecord | list[EpisodeRecord]:
        if isinstance(i, slice):
            return [self._read(*w) for w in self._where[i]]
        return self._read(*self._where[i])

    def _read(self, offset: int, key: tuple[str, str, str, int, str]) -> EpisodeRecord:
        if self._fh is None:
            return read_record(self.path, offset, key)
        with self._lock:  # one file position shared by every reader
            return read_record(self.path, offset, key, self._fh)

    def close(self) -> None:
        """Release the open file (the sequence then reads ``path`` afresh)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __del__(self) -> None:
        fh = getattr(self, "_fh", None)
        if fh is not None:
            fh.close()

    def __repr__(self) -> str:
        return f"RunRecords({len(self)} episodes in {self.path})"


def _first_problem(error: Exception) -> str:
    text = str(error).strip().splitlines()
    if not text:
        return type(error).__name__
    first = text[1].strip() if len(text) > 1 and "validation error" in text[0] else text[0]
    return first[:120]

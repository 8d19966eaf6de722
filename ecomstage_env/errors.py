"""Typed errors raised for mistakes by whoever wrote a scenario, a data file or a config.

Mistakes by the *agent* (bad JSON, unknown tool, invalid label) are never raised: the
env turns them into a score of 0 with a reason, and the episode goes on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "AgentFailure",
    "CacheError",
    "DataError",
    "EcomstageError",
    "RunDirError",
    "RunDirLocked",
    "ScenarioError",
    "UnknownEnvError",
    "did_you_mean",
]


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return a ``" Did you mean 'x'?"`` hint, or an empty string when nothing is close.

    Args:
        name: The name that was not found.
        choices: Valid names.

    Returns:
        The hint, with a leading space, or ``""``.
    """
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(c) for c in close) + "?"


class EcomstageError(Exception):
    """Base class of every error this library raises on purpose."""


class UnknownEnvError(EcomstageError, KeyError):
    """An env name or id that is not registered."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        self.name = name
        msg = f"Unknown ecomstage env {name!r}.{did_you_mean(name, known)}"
        msg += f" Registered: {', '.join(known) or '(none)'}."
        super().__init__(msg)

    def __str__(self) -> str:
        # KeyError would quote the message; show it as written.
        return str(self.args[0])


class DataError(EcomstageError, ValueError):
    """A data file (cases, world, spec) that does not match its schema.

    Attributes:
        path: The file.
        line: 1-based line number for line-oriented files (JSONL), else None.
        field: Dotted path of the offending field, if known.
        problem: What is wrong.
    """

    def __init__(
        self, path: str | Path, problem: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = str(self.path) + (f":{line}" if line is not None else "")
        what = f" field '{field}'" if field else ""
        super().__init__(f"{where}:{what} {problem}".replace(": ", ": ", 1))

    @classmethod
    def from_validation(cls, path: str | Path, error: Any, *, line: int | None = None) -> DataError:
        """The error for a pydantic ``ValidationError``: its first problem, by field.

        Args:
            path: The file.
            error: The ``ValidationError``.
            line: 1-based line of the record, for line-oriented files.
        """
        errors = error.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        field = ".".join(str(p) for p in first["loc"]) or None
        return cls(path, first["msg"] + more, line=line, field=field)


class ScenarioError(EcomstageError, ValueError):
    """A scenario that cannot be built (missing folder, world class, inconsistent spec)."""


class AgentFailure(EcomstageError):
    """An agent could not produce an action: its model call failed after every retry.

    Not the agent's *answer* being bad (that is scored 0): the call itself failed (an
    unreachable endpoint, a 5xx or 429 that outlasted the retries, a timeout, a body that
    is not a completion). The runner records the episode as failed and goes on.

    Attributes:
        reason: What went wrong, one line (``"APITimeoutError: Request timed out."``).
        retries: Retries made before giving up.
    """

    def __init__(self, reason: str, *, retries: int = 0) -> None:
        self.reason = reason
        self.retries = retries
        super().__init__(f"{reason} (after {retries} retries)")

    @classmethod
    def from_error(cls, error: BaseException, *, retries: int = 0) -> AgentFailure:
        """The failure for an exception: ``"<type>: <message>"``, one line, at most 500 chars."""
        text = " ".join(str(error).split()) or repr(error)
        line = f"{type(error).__name__}: {text}"
        return cls(line if len(line) <= 500 else line[:497] + "...", retries=retries)


class RunDirError(EcomstageError):
    """A run directory that cannot be used: not a directory, read-only, full, a bad path.

    Attributes:
        path: The directory (or the file in it) concerned.
        problem: What is wrong.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RunDirLocked(RunDirError):
    """Another process is writing to the run directory (one writer at a time)."""


class CacheError(EcomstageError):
    """The response cache cannot be opened or written (a bad path, a read-only disk)."""

"""The agent protocol every agent implements, and a base class with its optional parts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

__all__ = ["Agent", "BaseAgent"]


@runtime_checkable
class Agent(Protocol):
    """Something that acts in an ecomstage env.

    ``act`` receives the observation and info of a step and returns an action: text, a
    dict (stage answer), a tool call, or an :class:`~ecomstage_env.stages.AgentStep`
    wrapping one of these with its usage. ``reset`` is called before every episode; an
    agent keeps no state from one episode to the next.

    Optional, and provided by :class:`BaseAgent`: ``aact`` (async) and ``act_batch``
    (one call for the steps of several envs, e.g. a vector env).

    Attributes:
        name: Short name used in run directories and reports.
    """

    name: str

    def reset(self) -> None:
        """Forget everything about the previous episode."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return the action for this step."""


class BaseAgent:
    """Defaults for the optional parts of the protocol.

    Subclasses implement ``act``; ``aact`` runs it in a worker thread and ``act_batch``
    loops over it unless a subclass has something better (an async client, batched
    generation).
    """

    name = "agent"

    def reset(self) -> None:
        """Stateless by default."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return the action for this step."""
        raise NotImplementedError

    async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Async ``act``: by default ``act`` in a worker thread."""
        return await asyncio.to_thread(self.act, obs, info)

    def act_batch(
        self, observations: Sequence[dict[str, str]], infos: Sequence[dict[str, Any]]
    ) -> list[Any]:
        """Actions for several envs' steps at once (same order)."""
        return [self.act(o, i) for o, i in zip(observations, infos, strict=True)]

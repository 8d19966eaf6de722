"""The agent protocol every agent implements."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

__all__ = ["Agent"]


@runtime_checkable
class Agent(Protocol):
    """Something that acts in an ecomstage env.

    ``act`` receives the observation and info of a step and returns an action: text, a
    dict (stage answer), or a tool call. ``reset`` is called before every episode; an
    agent keeps no state from one episode to the next.

    Attributes:
        name: Short name used in run directories and reports.
    """

    name: str

    def reset(self) -> None:
        """Forget everything about the previous episode."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        """Return the action for this step."""

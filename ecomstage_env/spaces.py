"""Observation and action spaces of the staged envs.

Everything an LLM agent sees or writes is text, and that text is Unicode: Chinese
dialogue, emoji, curly quotes. Gymnasium's :class:`~gymnasium.spaces.Text` only contains
strings over a fixed charset, so :class:`UnicodeText` keeps ``Text``'s interface (and
its batching in vector envs) but contains *any* string within its length bounds;
``sample()`` draws from a mixed ASCII/CJK/emoji charset so sampled actions exercise
Unicode too.
"""

from __future__ import annotations

import string
from typing import Any

from gymnasium import spaces

__all__ = [
    "MAX_TEXT",
    "OBSERVATION_KEYS",
    "UnicodeText",
    "action_space",
    "observation_space",
]

MAX_TEXT = 200_000
"""Longest text an observation field or an action may hold, in characters."""

OBSERVATION_KEYS = ("stage", "prompt", "messages", "answer_schema", "tools", "tool_result")
"""Keys of every observation. ``messages``, ``answer_schema`` and ``tools`` hold JSON text."""

_SAMPLE_CHARSET = (
    string.ascii_letters + string.digits + string.punctuation + " \n" + "你好店铺推广预算退款" + "😀🚀✨"
)


class UnicodeText(spaces.Text):
    """A :class:`~gymnasium.spaces.Text` space that contains any Unicode string.

    Args:
        max_length: Longest string contained.
        min_length: Shortest string contained.
        seed: Seed of the sampler.
    """

    def __init__(self, max_length: int = MAX_TEXT, *, min_length: int = 0, seed: Any = None):
        super().__init__(max_length, min_length=min_length, charset=_SAMPLE_CHARSET, seed=seed)

    def contains(self, x: Any) -> bool:
        """Return True for any ``str`` whose length is within the bounds."""
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def __repr__(self) -> str:
        return f"UnicodeText({self.min_length}, {self.max_length})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UnicodeText)
            and self.min_length == other.min_length
            and self.max_length == other.max_length
        )

    __hash__ = None  # type: ignore[assignment]


def observation_space() -> spaces.Dict:
    """Return the observation space shared by every ecomstage env.

    Keys: ``stage`` (perception/planning/action), ``prompt`` (instruction and context
    for a raw LLM), ``messages`` (the same as OpenAI chat messages, JSON), ``answer_schema``
    (JSON Schema of the stage answer, JSON), ``tools`` (OpenAI tool specs allowed at this
    stage, JSON) and ``tool_result`` (result of the last tool call, or empty).
    """
    return spaces.Dict(
        {
            "stage": UnicodeText(16, min_length=1),
            "prompt": UnicodeText(),
            "messages": UnicodeText(),
            "answer_schema": UnicodeText(),
            "tools": UnicodeText(),
            "tool_result": UnicodeText(),
        }
    )


def action_space() -> UnicodeText:
    """Return the action space: model output text.

    ``step`` also accepts a dict, a pydantic model or a tool call; text is the common
    denominator every agent can produce.
    """
    return UnicodeText(32_000)

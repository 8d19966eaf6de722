"""The user turn: the simulated customer or merchant who answers the agent's messages.

At a stage with ``user_turns > 0`` the agent may call the pseudo-tool ``message_user``
(``{"tool": "message_user", "arguments": {"text": "..."}}``). The env passes the message
to the scenario's :class:`UserSimulator`, whose reply comes back as the call's result in
the same stage, and the exchange is recorded in the trajectory like a tool call.

:class:`ScriptedUser` (the default) answers from the case's ``user`` data::

    "user": {"replies": [{"when": ["go ahead", "consent", "shall I"], "say": "Yes, do it."},
                         {"when": ["order number"], "say": ["It's 8812.", "8812, I think"]}],
             "default": "I've told you everything I know."}

The first rule with a ``when`` phrase found in the message (case-insensitive) answers;
a list of ``say`` alternatives is drawn from with the episode's seeded RNG, so the same
seed and messages give the same replies. A simulator built on an LLM implements the same
protocol. A simulator with a true class attribute ``sees_world`` is also passed the
episode's world as ``world=`` (to read the writes made so far and to keep its own state
in the episode's copy; see :mod:`ecomstage_env.shop.customer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ecomstage_env.data.schema import Case
from ecomstage_env.errors import ScenarioError

__all__ = ["USER_TOOL", "ScriptedUser", "ScriptedUserData", "UserSimulator", "user_tool_spec"]

USER_TOOL = "message_user"
"""Name of the pseudo-tool through which the agent writes to the user."""


def user_tool_spec() -> dict[str, Any]:
    """The ``message_user`` pseudo-tool in OpenAI's tool format."""
    return {
        "type": "function",
        "function": {
            "name": USER_TOOL,
            "description": "Send a message to the user (ask a question, ask for consent); "
            "their reply comes back as the result.",
            "parameters": {
                "type": "object",
                "properties": {"text": {"type": "string", "description": "The message."}},
                "required": ["text"],
                "additionalProperties": False,
            },
        },
    }


@runtime_checkable
class UserSimulator(Protocol):
    """Answers the agent's messages on behalf of the case's user."""

    def reply(
        self,
        message: str,
        *,
        case: Case,
        history: Sequence[tuple[str, str]],
        rng: np.random.Generator,
    ) -> str:
        """Return the user's reply to ``message``.

        Args:
            message: What the agent wrote.
            case: The case (its dialogue and ``user`` data).
            history: Earlier ``(agent message, user reply)`` pairs of the episode.
            rng: The episode's seeded RNG (draw from it, not from global state).

        Returns:
            The reply text.
        """
        ...


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    when: list[str] = Field(min_length=1)
    say: str | list[str]


class ScriptedUserData(BaseModel):
    """The ``user`` data of a case, as :class:`ScriptedUser` reads it.

    Attributes:
        replies: Rules, first match wins: when the message contains one of ``when``,
            reply ``say`` (one of them, drawn with the episode's RNG, if a list).
        default: The reply when no rule matches.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    replies: list[_Rule] = Field(default_factory=list)
    default: str = "Sorry, I don't follow. Could you put it another way?"


class ScriptedUser:
    """A rule-based, seeded user simulator reading the case's ``user`` data."""

    @staticmethod
    def parse(case: Case) -> ScriptedUserData:
        """Validate a case's ``user`` data.

        Raises:
            ScenarioError: The data does not match :class:`ScriptedUserData`.
        """
        try:
            return ScriptedUserData.model_validate(case.user)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ScenarioError(f"user.{where}: {err['msg']}") from None

    def reply(
        self,
        message: str,
        *,
        case: Case,
        history: Sequence[tuple[str, str]],
        rng: np.random.Generator,
    ) -> str:
        """Answer by the first matching rule, else the default reply."""
        del history
        data = self.parse(case)
        text = message.lower()
        for rule in data.replies:
            if any(w.lower() in text for w in rule.when):
                if isinstance(rule.say, str):
                    return rule.say
                return rule.say[int(rng.integers(len(rule.say)))]
        return data.default

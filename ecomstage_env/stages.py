"""Core vocabulary of the stage cycle: stages, orientations, tool calls and scores.

These are frozen pydantic models: data, not behaviour. The env produces them, the
scorers return them, the runner serialises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActionKind",
    "AgentStep",
    "EpisodeResult",
    "Orientation",
    "Stage",
    "StageScore",
    "TerminationReason",
    "ToolCall",
    "ToolCallRecord",
    "Usage",
    "unwrap_action",
]


class Stage(StrEnum):
    """The three checkpoints an episode passes, in this order."""

    PERCEPTION = "perception"
    PLANNING = "planning"
    ACTION = "action"


class Orientation(StrEnum):
    """Whose side the agent serves: the shopper's or the merchant's."""

    CUSTOMER = "customer"
    MERCHANT = "merchant"
    BOTH = "both"
    """Tasks that serve either side (the paper's RAG QA)."""


class ActionKind(StrEnum):
    """What the env understood an action to be (``info["action"]["kind"]``)."""

    TOOL_CALL = "tool_call"
    """A call of one of the world's tools; the episode stays at the stage."""
    MESSAGE = "message"
    """A message to the user (the ``message_user`` tool); the user's reply comes back."""
    ANSWER = "answer"
    """The stage answer; it closes the checkpoint."""
    INVALID = "invalid"
    """Nothing readable; the stage closes with a score of 0."""


class TerminationReason(StrEnum):
    """Why an episode ended."""

    COMPLETED = "completed"
    """Every checkpoint received an answer (valid or not)."""
    TOOL_BUDGET = "tool_budget"
    """The last stage ended because its tool budget was exhausted."""
    TURN_BUDGET = "turn_budget"
    """The last stage ended because its budget of messages to the user was exhausted."""
    AGENT_FAILURE = "agent_failure"
    """The agent failed to act (a model call failed after its retries): set by the runner on
    a failed episode's record, never by the env."""


class ToolCall(BaseModel):
    """A request to run one tool of the scenario's world.

    Attributes:
        name: Tool name as listed in the observation's ``tools``.
        arguments: Keyword arguments for the tool.
        id: Optional call id (OpenAI's ``tool_call_id``), echoed in the result message.
    """

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Tool name as listed in the observation's tools.")
    arguments: dict[str, Any] = Field(default_factory=dict, description="Tool arguments.")
    id: str | None = Field(default=None, description="Call id echoed in the tool message.")


class ToolCallRecord(BaseModel):
    """One tool call as it ran, kept in the episode trajectory.

    Attributes:
        stage: Stage in which the call was made.
        name: Tool name.
        arguments: Arguments as given by the agent.
        ok: False when the call failed (unknown tool, bad arguments, denied).
        result: The tool's result (or the error message when ``ok`` is False); for a
            message to the user, the user's reply.
        kind: ``"read"``, ``"write"`` or ``"message"``; empty for an unknown tool.
    """

    model_config = ConfigDict(frozen=True)

    stage: Stage
    name: str
    arguments: dict[str, Any]
    ok: bool
    result: Any
    kind: str = ""


class StageScore(BaseModel):
    """The grade of one checkpoint.

    Attributes:
        value: Weighted mean of the component scores, in [0, 1].
        components: Score of each graded field, in [0, 1].
        reason: What was wrong, in words that never quote the annotation (it is shown to
            the agent in ``info["stage_score"]``), or ``"all correct"``.
        details: Sub-scores of the fields that combine several (a reply's point coverage
            and its length factor), keyed by field.
        explanation: The grader's side: what the gold was and why the answer missed it.
            Kept in the episode result for reports and never shown to the agent.
    """

    model_config = ConfigDict(frozen=True)

    value: float = Field(ge=0.0, le=1.0, description="Stage score in [0, 1].")
    components: dict[str, float] = Field(default_factory=dict, description="Score per field.")
    reason: str = Field(default="", description="What was right or wrong, in words.")
    details: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="Sub-scores per field."
    )
    explanation: str = Field(default="", description="Grader-side detail (may quote gold).")

    def public(self) -> StageScore:
        """This score without the grader-side explanation (what an agent may see)."""
        return self.model_copy(update={"explanation": ""}) if self.explanation else self


class Usage(BaseModel):
    """Model usage of one or more agent steps.

    Attributes:
        prompt_tokens: Input tokens.
        completion_tokens: Generated tokens.
        calls: Model calls (retries not counted), including cached ones.
        cached: Calls answered from the response cache (their tokens are those of the
            original call).
        seconds: Wall time spent in the model calls.
    """

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cached: int = 0
    seconds: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            cached=self.cached + other.cached,
            seconds=self.seconds + other.seconds,
        )


@dataclass(frozen=True)
class AgentStep:
    """An action together with what producing it cost (returned by model agents).

    ``env.step`` accepts it like the bare action; the runner also records ``usage`` and
    ``raw`` in the trajectory.

    Attributes:
        action: What the env should receive (text, dict or tool call).
        usage: Tokens and time of the model call(s) behind it.
        raw: The model's output as received, before any repair.
    """

    action: Any
    usage: Usage = field(default_factory=Usage)
    raw: str = ""


def unwrap_action(action: Any) -> tuple[Any, Usage, str]:
    """Split an agent's output into ``(action, usage, raw)``.

    The runner calls it to record usage; ``env.step`` opens an :class:`AgentStep` itself
    (the same split without building the :class:`Usage` it would discard), so it takes an
    ``AgentStep`` like the bare action.
    """
    if isinstance(action, AgentStep):
        return action.action, action.usage, action.raw
    return action, Usage(), ""


class EpisodeResult(BaseModel):
    """Everything a finished episode reports in ``info["episode_result"]``.

    Attributes:
        case_id: The case played.
        scenario: Scenario (env) name.
        orientation: Customer or merchant side.
        context: ``"agent"`` or ``"gold"`` context mode.
        stage_scores: Score of each stage played, keyed by stage name (a stage skipped
            by ``reset(options={"stage": ...})`` has none).
        total: Episode score: weighted mean of stage values, or their product in gate mode.
        termination_reason: Why the episode ended.
        tool_calls: Number of tool calls made over the episode.
        user_turns: Number of messages sent to the user over the episode.
        start_stage: The stage the episode started at.
        errors: Agent-side errors (parse errors, invalid answers, failed tool calls).
        steps: Number of ``step`` calls.
        usage: Model usage per stage (tokens, calls, seconds), filled in by the runner
            from the agent's :class:`AgentStep` results; empty for agents without a model.
    """

    model_config = ConfigDict(frozen=True)

    case_id: str
    scenario: str
    orientation: Orientation
    context: str
    stage_scores: dict[str, StageScore]
    total: float = Field(ge=0.0, le=1.0)
    termination_reason: TerminationReason
    tool_calls: int
    user_turns: int = 0
    start_stage: str = "perception"
    errors: list[str]
    steps: int
    usage: dict[str, Usage] = Field(default_factory=dict)

    def public(self) -> EpisodeResult:
        """This result without the grader's explanations (what an agent loop may see)."""
        scores = {k: v.public() for k, v in self.stage_scores.items()}
        return self.model_copy(update={"stage_scores": scores})

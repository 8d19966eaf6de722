"""Play one episode and record its whole trajectory (sync and async)."""

from __future__ import annotations

import time
from typing import Any, Literal

import gymnasium as gym
from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env.agents.base import Agent
from ecomstage_env.env import EPISODE_KEY, GRADER_KEY
from ecomstage_env.errors import AgentFailure, EcomstageError
from ecomstage_env.stages import (
    EpisodeResult,
    StageScore,
    TerminationReason,
    Usage,
    unwrap_action,
)
from ecomstage_env.textsafe import scrub_text

__all__ = [
    "FEEDBACK_KEYS",
    "EpisodeRecord",
    "EpisodeRecorder",
    "Failure",
    "OnFailure",
    "StepRecord",
    "agent_info",
    "aplay_episode",
    "env_name",
    "handed_info",
    "play_episode",
    "without_feedback",
]


class StepRecord(BaseModel):
    """One ``env.step`` of an episode.

    Attributes:
        stage: Stage the action was taken at.
        observation: The observation the agent acted on.
        action: What the env understood the action to be (``info["action"]``:
            ``kind`` tool_call, message, answer or invalid, with its content).
        raw: The model's output before any repair (model agents).
        usage: Model usage of the step.
        reward: Reward received.
        error: ``info["error"]`` of the step, if any.
        stage_score: The stage score when the step closed a stage.
        seconds: Time the agent took to act.
    """

    model_config = ConfigDict(frozen=True)

    stage: str
    observation: dict[str, str]
    action: Any
    raw: str = ""
    usage: Usage = Field(default_factory=Usage)
    reward: float
    error: str | None = None
    stage_score: StageScore | None = None
    seconds: float


class Failure(BaseModel):
    """Why an episode could not be finished: the agent failed to act.

    Attributes:
        reason: The error, one line (``"APITimeoutError: Request timed out."``).
        retries: Retries the agent made before giving up (0 when unknown).
        stage: Stage the agent was at.
        step: 0-based index of the step it could not take.
    """

    model_config = ConfigDict(frozen=True)

    reason: str
    retries: int = 0
    stage: str
    step: int


OnFailure = Literal["raise", "record"]
"""What :func:`play_episode` does when the agent raises: re-raise, or record a failed episode."""


class EpisodeRecord(BaseModel):
    """A finished episode as a run directory keeps it (one JSON line).

    Attributes:
        agent: Agent name.
        env: Env name.
        case_id: Case played.
        trial: Trial index (0-based) for pass^k.
        context: ``"agent"`` or ``"gold"`` context.
        result: The episode result (stage scores, total, usage).
        steps: The trajectory.
        seconds: Wall time of the episode.
        started: Unix time the episode started.
        failed: True when the agent failed to act (a model call failed after its
            retries): the episode was not finished and is not scored; ``failure`` says
            why, ``result`` holds no stage scores (termination ``agent_failure``).
        failure: Why it failed, when ``failed``.
    """

    model_config = ConfigDict(frozen=True)

    agent: str
    env: str
    case_id: str
    trial: int = 0
    context: str = "agent"
    result: EpisodeResult
    steps: list[StepRecord]
    seconds: float
    started: float
    failed: bool = False
    failure: Failure | None = None

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        """Identity of the episode within a run."""
        return (self.agent, self.env, self.case_id, self.trial, self.context)


class EpisodeRecorder:
    """Collects the steps of one episode and builds its :class:`EpisodeRecord`.

    Every way of playing an episode (the step loops here, the LangGraph loop) records
    through it, so usage and trajectories are kept the same way everywhere.
    """

    def __init__(self, env_name: str, agent: Agent, case_id: str, trial: int) -> None:
        self.env_name, self.agent, self.case_id, self.trial = env_name, agent, case_id, trial
        self.steps: list[StepRecord] = []
        self.usage: dict[str, Usage] = {}
        self.started = time.time()
        self.t0 = time.perf_counter()

    def add(
        self, obs: dict[str, str], usage: Usage, raw: str, seconds: float, out: tuple[Any, ...]
    ) -> None:
        """Record one ``env.step``: the observation acted on, the agent's cost, the output."""
        _, reward, _, _, info = out
        stage = obs["stage"]
        if usage != _NO_USAGE:
            kept = self.usage.get(stage)
            # Usage() + usage is usage: its first step's usage is a stage's total so far.
            self.usage[stage] = usage if kept is None else kept + usage
        self.steps.append(
            StepRecord(
                stage=stage,
                observation=_storable_texts(obs),
                action=_storable(info.get("action")),
                raw=scrub_text(raw) if isinstance(raw, str) else str(raw),
                usage=usage,
                reward=float(reward),
                error=_storable(info.get("error")),
                stage_score=info.get("stage_score"),
                seconds=seconds,
            )
        )

    def step(
        self, env: gym.Env[Any, Any], obs: dict[str, str], output: Any, seconds: float
    ) -> tuple[Any, ...]:
        """Step the env with the agent's output and record the step; return the 5-tuple.

        The one place the runner opens an ``AgentStep``: its usage and raw text are
        recorded, and the env gets the bare action.
        """
        action, usage, raw = unwrap_action(output)
        out = env.step(action)
        self.add(obs, usage, raw, seconds, out)
        return out

    def failed(
        self, env: gym.Env[Any, Any], obs: dict[str, str], error: BaseException
    ) -> EpisodeRecord:
        """The record of an episode the agent could not finish (``failed``, not scored).

        The trajectory up to the failure is kept; the result has no stage scores, total 0
        and termination ``agent_failure``, with the reason among its errors.
        """
        if not isinstance(error, AgentFailure):
            error = AgentFailure.from_error(error)
        reason, retries = scrub_text(error.reason), error.retries
        failure = Failure(reason=reason, retries=retries, stage=obs["stage"], step=len(self.steps))
        base = env.unwrapped
        case = base.case  # type: ignore[attr-defined]
        result = EpisodeResult(
            case_id=case.case_id,
            scenario=env_name(env),
            orientation=case.orientation,
            context=str(getattr(base, "context", "agent")),
            stage_scores={},
            total=0.0,
            termination_reason=TerminationReason.AGENT_FAILURE,
            tool_calls=sum(1 for st in self.steps if _is_tool_call(st.action)),
            errors=[f"agent failed at {obs['stage']}: {reason}"],
            steps=len(self.steps),
            usage=self.usage,
        )
        return EpisodeRecord(
            agent=self.agent.name,
            env=self.env_name,
            case_id=self.case_id,
            trial=self.trial,
            context=result.context,
            result=result,
            steps=self.steps,
            seconds=time.perf_counter() - self.t0,
            started=self.started,
            failed=True,
            failure=failure,
        )

    def record(self, env: gym.Env[Any, Any], info: dict[str, Any]) -> EpisodeRecord:
        """The finished episode, with the grader's explanations and usage per stage.

        The result comes from the env's grader side (``graded_result``), not from
        ``info``, which carries it without the explanations.
        """
        graded = getattr(env.unwrapped, "graded_result", None)
        result: EpisodeResult = graded() if graded is not None else info[EPISODE_KEY]
        if self.usage:
            result = result.model_copy(update={"usage": self.usage})
        return EpisodeRecord(
            agent=self.agent.name,
            env=self.env_name,
            case_id=self.case_id,
            trial=self.trial,
            context=result.context,
            result=result,
            steps=self.steps,
            seconds=time.perf_counter() - self.t0,
            started=self.started,
        )


_NO_USAGE = Usage()
"""A step that cost nothing (a scripted agent's): no usage is recorded for it."""

MAX_DEPTH = 48
"""Nesting kept in a step's recorded action; deeper parts are replaced by a note, so that
every line of a run directory can be read back (JSON readers stop near 200 levels)."""


def _storable(value: Any, depth: int = 0) -> Any:
    """``value`` as a JSON line can hold it and read it back.

    Lone surrogates become U+FFFD (see :mod:`ecomstage_env.textsafe`), bytes are decoded
    (invalid ones replaced), sets and tuples become lists, keys become strings, nesting
    beyond :data:`MAX_DEPTH` and objects JSON has no form for become a short note.
    Valid plain values come back as they are.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, (bytes, bytearray)):
        return scrub_text(bytes(value).decode("utf-8", "replace"))
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python")
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        if depth >= MAX_DEPTH:
            return f"<nested deeper than {MAX_DEPTH} levels: not kept>"
        if isinstance(value, dict):
            return {
                (k if isinstance(k, str) and scrub_text(k) is k else _key(k)): _storable(
                    v, depth + 1
                )
                for k, v in value.items()
            }
        return [_storable(v, depth + 1) for v in value]
    return f"<{type(value).__name__} object: not kept>"


def _storable_texts(obs: dict[str, str]) -> Any:
    """:func:`_storable` of a copy of ``obs``, quicker for the env's own (only ``str``).

    An observation maps a few keys to its texts: each is scrubbed as :func:`_storable`
    would, without its per-value dispatch; anything else goes through it.
    """
    if all(type(k) is str and type(v) is str for k, v in obs.items()):
        return {scrub_text(k): scrub_text(v) for k, v in obs.items()}
    return _storable(dict(obs))


def _key(key: Any) -> str:
    return scrub_text(key) if isinstance(key, str) else scrub_text(repr(key))


def _is_tool_call(action: Any) -> bool:
    return isinstance(action, dict) and action.get("kind") == "tool_call"


def _must_raise(error: Exception) -> bool:
    """Errors that are the caller's mistake, not a failed call: they stop the run."""
    return isinstance(error, EcomstageError) and not isinstance(error, AgentFailure)


def env_name(env: gym.Env[Any, Any]) -> str:
    """The short name of an ecomstage env: the name it is registered under.

    That is its scenario or task name, except for a folder registered beside a bundled
    env of the same name (``<name>_<hash>``); an env built without ``make`` has no
    registration, and its scenario's name is used.
    """
    # The unwrapped env's spec is the one ``make`` registered it under; a wrapper's
    # ``spec`` is a deep copy of it with the wrapper stack added (per call).
    spec = env.unwrapped.spec
    if spec is not None and spec.namespace == "ecomstage":
        return spec.name
    return str(getattr(env.unwrapped, "spec_data").name)  # noqa: B009 (ecomstage envs only)


FEEDBACK_KEYS = ("stage_score", EPISODE_KEY)
"""The grading feedback in a step's ``info``, which agents are not handed."""


def without_feedback(info: dict[str, Any]) -> dict[str, Any]:
    """``info`` less the grading feedback (:data:`FEEDBACK_KEYS`); the same dict if it has none.

    The env reports the score of the stage just answered (``info["stage_score"]``) and, at
    the end, the episode's result: for RL loops, wrappers and reports. Handed to an agent
    under evaluation, the score is a channel to the gold: a review found that the number
    of facts Planning's lookups needed, read at the Action stage, names the customer's
    request in 105 of 109 order_logistics cases. The runner therefore withholds it.
    """
    if "stage_score" in info or EPISODE_KEY in info:
        return {k: v for k, v in info.items() if k not in FEEDBACK_KEYS}
    return info


def agent_info(env: gym.Env[Any, Any], agent: Agent, info: dict[str, Any]) -> dict[str, Any]:
    """The ``info`` an agent acts on: the env's without its grading feedback.

    Scores are withheld (:func:`without_feedback`) from every agent but the privileged
    ones (the oracle, the majority baseline), which get the env's whole ``info`` and the
    annotation under ``info["grader"]``.
    """
    privileged = bool(getattr(agent, "privileged", False))
    view = env.unwrapped.grader_view() if privileged else None  # type: ignore[attr-defined]
    return handed_info(info, privileged, view)


def handed_info(info: dict[str, Any], privileged: bool, view: Any) -> dict[str, Any]:
    """What an agent is handed of ``info``: with the grader ``view`` if ``privileged``.

    A privileged agent gets the env's whole ``info`` and ``view`` under
    ``info["grader"]``; any other the ``info`` without its grading feedback. The rule of
    :func:`agent_info`, for callers that fetch the views themselves (a vector env's).
    """
    if privileged:
        return {**info, GRADER_KEY: view}
    return without_feedback(info)


def play_episode(
    env: gym.Env[Any, Any],
    agent: Agent,
    *,
    case_id: str | None = None,
    seed: int | None = None,
    trial: int = 0,
    options: dict[str, Any] | None = None,
    on_failure: OnFailure = "raise",
) -> EpisodeRecord:
    """Play one episode to its end, recording every step.

    Args:
        env: An ecomstage env.
        agent: The agent.
        case_id: Case to play; otherwise the env picks one from ``seed``.
        seed: Seed for ``reset``.
        trial: Trial index, kept in the record.
        options: Other ``reset`` options (``stage``, ``split``).
        on_failure: When the agent raises (a model call that failed after its retries):
            ``"raise"`` passes the error on; ``"record"`` (the runner's choice) returns a
            ``failed`` record with the reason and retry count instead. Errors of the
            library itself (:class:`~ecomstage_env.errors.EcomstageError` other than
            :class:`~ecomstage_env.errors.AgentFailure`) are always raised.

    Returns:
        The record: result (with usage per stage) and trajectory.
    """
    opts = {**(options or {}), **({"case_id": case_id} if case_id else {})}
    obs, info = env.reset(seed=seed, options=opts or None)
    agent.reset()
    rec = EpisodeRecorder(env_name(env), agent, info["case_id"], trial)
    while True:
        t = time.perf_counter()
        try:
            output = agent.act(obs, agent_info(env, agent, info))
        except Exception as e:
            if on_failure == "raise" or _must_raise(e):
                raise
            return rec.failed(env, obs, e)
        obs, _, terminated, truncated, info = rec.step(env, obs, output, time.perf_counter() - t)
        if terminated or truncated:
            return rec.record(env, info)


async def aplay_episode(
    env: gym.Env[Any, Any],
    agent: Agent,
    *,
    case_id: str | None = None,
    seed: int | None = None,
    trial: int = 0,
    options: dict[str, Any] | None = None,
    on_failure: OnFailure = "raise",
) -> EpisodeRecord:
    """:func:`play_episode` with the agent's ``aact`` (the env steps are quick and local)."""
    aact = getattr(agent, "aact", None)
    if aact is None:
        raise TypeError(f"agent {agent.name!r} has no aact; use play_episode")
    opts = {**(options or {}), **({"case_id": case_id} if case_id else {})}
    obs, info = env.reset(seed=seed, options=opts or None)
    agent.reset()
    rec = EpisodeRecorder(env_name(env), agent, info["case_id"], trial)
    while True:
        t = time.perf_counter()
        try:
            output = await aact(obs, agent_info(env, agent, info))
        except Exception as e:
            if on_failure == "raise" or _must_raise(e):
                raise
            return rec.failed(env, obs, e)
        obs, _, terminated, truncated, info = rec.step(env, obs, output, time.perf_counter() - t)
        if terminated or truncated:
            return rec.record(env, info)

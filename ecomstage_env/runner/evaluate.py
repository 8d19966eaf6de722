"""Play episodes with an agent and collect their results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import gymnasium as gym

from ecomstage_env.agents.base import Agent
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.runner.run import run_evaluation
from ecomstage_env.stages import EpisodeResult

__all__ = ["evaluate", "run_episode"]


def run_episode(
    env: gym.Env[Any, Any],
    agent: Agent,
    *,
    case_id: str | None = None,
    seed: int | None = None,
) -> EpisodeResult:
    """Play one episode to its end and return its result.

    Args:
        env: An ecomstage env.
        agent: The agent.
        case_id: Case to play; otherwise the env picks one from ``seed``.
        seed: Seed for ``reset``.

    Returns:
        The episode's result (``info["episode_result"]``), with the model usage per stage when
        the agent returns :class:`~ecomstage_env.stages.AgentStep` actions.
    """
    return play_episode(env, agent, case_id=case_id, seed=seed).result


def evaluate(
    agent: Agent,
    envs: str | Sequence[str],
    *,
    split: str | None = "test",
    limit: int | None = None,
    context: str = "agent",
    on_episode: Callable[[EpisodeResult], None] | None = None,
) -> list[EpisodeResult]:
    """Play every case of each env once with ``agent``, in case order (no run directory).

    The simple form of :func:`~ecomstage_env.runner.run.run_evaluation`.

    Args:
        agent: The agent.
        envs: Env names.
        split: Case split.
        limit: At most this many cases per env (the first ones).
        context: ``"agent"`` or ``"gold"`` context mode.
        on_episode: Called after each episode (e.g. to advance a progress bar).

    Returns:
        One result per episode. An episode whose agent failed to act (a model call that
        failed after its retries) is not raised: its result has termination reason
        ``agent_failure``, no stage scores, and the reason among its ``errors``.
    """
    records = run_evaluation(
        [agent],
        envs,
        split=split,
        limit=limit,
        context=context,
        on_record=(lambda rec: on_episode(rec.result)) if on_episode is not None else None,
    )
    return [r.result for r in records]

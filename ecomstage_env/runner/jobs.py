"""The jobs of a run: one episode each, planned without building an env.

Shared by the local and the Ray backends (so neither imports the other).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gymnasium as gym

from ecomstage_env.registry import case_ids, env_metadata, make

__all__ = ["EnvPool", "Job", "make_env", "plan_jobs"]


@dataclass(frozen=True)
class Job:
    """One episode to play."""

    agent: int
    env: str
    case_id: str
    trial: int
    context: str = "agent"

    def key(self, names: Sequence[str]) -> tuple[str, str, str, int, str]:
        """The key its :class:`~ecomstage_env.runner.episode.EpisodeRecord` will have."""
        return (names[self.agent], self.env, self.case_id, self.trial, self.context)


def _is_paper(name: str) -> bool:
    return env_metadata(name).get("family") == "paper_task"


def make_env(
    name: str, env_kwargs: dict[str, Any], paper_kwargs: dict[str, Any]
) -> gym.Env[Any, Any]:
    """Make an env with the run's arguments (``paper_kwargs`` for paper tasks only)."""
    return make(name, **env_kwargs, **(paper_kwargs if _is_paper(name) else {}))


class EnvPool:
    """The envs of a run, made once and reused across its episodes.

    Making an env prepares its cases (about 10 ms for a paper task), which, at one env per
    episode, was most of the harness's own time per model call. ``reset`` starts every
    episode anew, so an env serves one episode at a time and then the next; the pool
    keeps the idle ones per (env, context), so a run holds at most ``concurrency`` of each.

    Args:
        env_kwargs: Arguments for every env (``context`` is added per job).
        paper_kwargs: Extra arguments for the paper tasks.
    """

    def __init__(self, env_kwargs: dict[str, Any], paper_kwargs: dict[str, Any]) -> None:
        self._env_kwargs = env_kwargs
        self._paper_kwargs = paper_kwargs
        self._idle: dict[tuple[str, str], list[gym.Env[Any, Any]]] = {}
        self._all: list[gym.Env[Any, Any]] = []

    def take(self, job: Job) -> gym.Env[Any, Any]:
        """An idle env for ``job``'s env and context (made when none is idle)."""
        idle = self._idle.get((job.env, job.context))
        if idle is None:
            # The first env of its kind is made with Gymnasium's env checker (its
            # checks run on the first reset and step); the others are the same env.
            idle = self._idle[(job.env, job.context)] = []
            checked: dict[str, Any] = {}
        elif idle:
            return idle.pop()
        else:
            checked = {"disable_env_checker": True}
        kwargs = {**self._env_kwargs, "context": job.context, **checked}
        env = make_env(job.env, kwargs, self._paper_kwargs)
        self._all.append(env)
        return env

    def give(self, job: Job, env: gym.Env[Any, Any]) -> None:
        """Return ``env`` after ``job``'s episode."""
        self._idle[(job.env, job.context)].append(env)

    def close(self) -> None:
        """Close every env the pool made."""
        for env in self._all:
            env.close()
        self._all.clear()
        self._idle.clear()


def plan_jobs(
    n_agents: int,
    envs: Sequence[str],
    *,
    split: str | None,
    limit: int | None,
    trials: int,
    paper_kwargs: dict[str, Any],
    contexts: Sequence[str] = ("agent",),
) -> list[Job]:
    """Every job of a run, in a fixed order: agent, env, context, trial, case."""
    chosen: dict[str, list[str]] = {}
    for name in envs:
        extra = {k: v for k, v in paper_kwargs.items() if k in ("data", "on_malformed")}
        ids = case_ids(name, split, **(extra if _is_paper(name) else {}))
        chosen[name] = ids[:limit] if limit is not None else ids
    return [
        Job(a, name, cid, t, ctx)
        for a in range(n_agents)
        for name in envs
        for ctx in contexts
        for t in range(trials)
        for cid in chosen[name]
    ]

"""The Ray backend: episodes as tasks on actors that each hold an agent.

``concurrency`` actors are started per agent; jobs are spread over them with Ray's
``ActorPool`` and come back as they finish. An agent built from a spec string is built
again inside each actor (clients and models do not travel well); any other agent is
sent pickled. The driver writes every finished episode to the run directory, so a Ray
run resumes like a local one.

``ray`` is imported when a Ray run starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from ecomstage_env.agents.base import Agent
from ecomstage_env.errors import EcomstageError
from ecomstage_env.runner.episode import EpisodeRecord
from ecomstage_env.runner.jobs import Job

__all__ = ["run_ray"]


class _Worker:
    """Holds one agent; plays episodes on request (the body of the Ray actor)."""

    def __init__(self, agent: Agent | None, spec: str | None) -> None:
        if agent is None:
            from ecomstage_env.agents import make_agent

            agent = make_agent(str(spec))
        self.agent = agent
        self.pool: Any = None  # an EnvPool, made with the run's env arguments on first play

    def play(
        self,
        env: str,
        case_id: str,
        trial: int,
        context: str,
        seed: int,
        env_kwargs: dict[str, Any],
        paper_kwargs: dict[str, Any],
    ) -> str:
        from ecomstage_env.runner.episode import play_episode
        from ecomstage_env.runner.jobs import EnvPool

        # An actor plays one episode at a time; its envs are reused across them.
        if self.pool is None:
            self.pool = EnvPool(env_kwargs, paper_kwargs)
        job = Job(0, env, case_id, trial, context)
        e = self.pool.take(job)
        record = play_episode(
            e, self.agent, case_id=case_id, seed=seed, trial=trial, on_failure="record"
        )
        self.pool.give(job, e)
        return record.model_dump_json()


def run_ray(
    agents: Sequence[Agent],
    jobs: Sequence[Job],
    *,
    agent_specs: Sequence[str] | None,
    concurrency: int,
    address: str | None,
    env_kwargs: dict[str, Any],
    paper_kwargs: dict[str, Any],
    seed: int,
    on_record: Callable[[EpisodeRecord], None],
) -> None:
    """Play ``jobs`` on Ray actors and pass each finished episode to ``on_record``.

    Connects to ``address`` when given, joins a Ray already initialised in this process,
    or starts a local one (loopback only, no dashboard, no usage stats).

    Raises:
        EcomstageError: Ray is not installed.
    """
    try:
        import ray
        from ray.util import ActorPool
    except ImportError as e:
        raise EcomstageError("the Ray backend needs: pip install 'ecomstage[ray]'") from e
    started = False
    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if address:
            ray.init(address=address)
        else:
            os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
            ray.init(include_dashboard=False, _node_ip_address="127.0.0.1")
        started = True
    try:
        remote = ray.remote(num_cpus=0)(_Worker)
        pools = []
        for i, agent in enumerate(agents):
            spec = agent_specs[i] if agent_specs else None
            held = None if spec else agent
            pools.append(ActorPool([remote.remote(held, spec) for _ in range(concurrency)]))
        for i, pool in enumerate(pools):
            mine = [j for j in jobs if j.agent == i]
            results = pool.map_unordered(
                lambda actor, j: actor.play.remote(
                    j.env, j.case_id, j.trial, j.context, seed + j.trial, env_kwargs, paper_kwargs
                ),
                mine,
            )
            for payload in results:
                on_record(EpisodeRecord.model_validate_json(payload))
    finally:
        if started:
            ray.shutdown()

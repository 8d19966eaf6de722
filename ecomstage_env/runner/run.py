"""Evaluate agents x envs: concurrent, resumable, on this machine or on a Ray cluster.

:func:`run_evaluation` plans one job per (agent, env, case, trial), skips the jobs a run
directory already holds, plays the rest - ``concurrency`` at a time with asyncio (sync
agents in worker threads, async agents through ``aact``), or as Ray tasks on actors
that hold the agent - and appends each finished episode to the run directory as it
arrives. Results come back in plan order, so an interrupted and resumed run gives the
same list as an uninterrupted one.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import gc
import os
import threading
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from ecomstage_env.agents.base import Agent, BaseAgent
from ecomstage_env.errors import EcomstageError, did_you_mean
from ecomstage_env.registry import env_metadata, list_envs
from ecomstage_env.runner.episode import EpisodeRecord, aplay_episode, play_episode
from ecomstage_env.runner.jobs import EnvPool, Job, plan_jobs
from ecomstage_env.runner.rundir import RunDir, RunRecords

__all__ = [
    "ENV_GROUPS",
    "LOOP_ENV",
    "Backend",
    "resolve_envs",
    "run_evaluation",
]

Backend = Literal["local", "ray"]

ENV_GROUPS = ("all", "customer", "merchant", "paper")
"""Names that stand for several envs in ``--env``."""


def resolve_envs(spec: str | Sequence[str]) -> list[str]:
    """Expand env names and groups (``all``, ``customer``, ``merchant``, ``paper``).

    ``customer`` and ``merchant`` select by orientation (``rag_qa``, which serves both,
    is in both); ``paper`` is the seven paper tasks. Read from the registered specs'
    metadata; no env is built.

    Raises:
        EcomstageError: An unknown name (with a "Did you mean" hint).
    """
    items = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else list(spec)
    known = list_envs()
    out: list[str] = []
    for item in filter(None, items):
        if item == "all":
            chosen = known
        elif item == "paper":
            chosen = [n for n in known if env_metadata(n).get("family") == "paper_task"]
        elif item in ("customer", "merchant"):
            chosen = [n for n in known if env_metadata(n).get("orientation") in (item, "both")]
        elif item in known:
            chosen = [item]
        else:
            raise EcomstageError(
                f"unknown env {item!r}.{did_you_mean(item, [*known, *ENV_GROUPS])} "
                f"Envs: {', '.join(known)}; groups: {', '.join(ENV_GROUPS)}"
            )
        out += [n for n in chosen if n not in out]
    return out


def _native_async(agent: Agent) -> bool:
    aact = getattr(type(agent), "aact", None)
    return aact is not None and aact is not BaseAgent.aact


async def _run_local(
    agents: Sequence[Agent],
    jobs: Sequence[Job],
    *,
    concurrency: int,
    env_kwargs: dict[str, Any],
    paper_kwargs: dict[str, Any],
    seed: int,
    on_record: Callable[[EpisodeRecord], None],
) -> None:
    """Play ``jobs`` with ``concurrency`` workers, each taking the next job when it is free.

    As many tasks as episodes in flight, not one per job: a run of 25,000 episodes does
    not start with 25,000 tasks parked on a semaphore. Jobs start in plan order.
    """
    pool = EnvPool(env_kwargs, paper_kwargs)
    todo = iter(jobs)  # shared: each worker takes the next job (one thread, no race)

    async def one(job: Job) -> None:
        agent = agents[job.agent]
        env = pool.take(job)
        try:
            cid, s, t = job.case_id, seed + job.trial, job.trial
            if _native_async(agent):
                record = await aplay_episode(
                    env, agent, case_id=cid, seed=s, trial=t, on_failure="record"
                )
            else:
                record = await asyncio.to_thread(
                    functools.partial(
                        play_episode, case_id=cid, seed=s, trial=t, on_failure="record"
                    ),
                    env,
                    agent,
                )
        finally:
            pool.give(job, env)
        on_record(record)  # on the event loop: one writer at a time

    async def worker() -> None:
        for job in todo:
            await one(job)

    workers = [asyncio.ensure_future(worker()) for _ in range(min(concurrency, len(jobs)))]
    try:
        await asyncio.gather(*workers)
    except BaseException:
        # A library error (or a cancel) stops the run: no worker goes on in the background.
        for w in workers:
            w.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        raise
    finally:
        pool.close()


_LOOPS = threading.local()


def _run_async(coro: Coroutine[Any, Any, None]) -> None:
    """Run ``coro`` on this thread's long-lived event loop (uvloop's when installed).

    Model clients (openai's, LangChain's) pool connections on the loop that first used
    them, so a fresh loop per call (``asyncio.run``) would leave an agent that serves a
    second evaluation with dead connections. One loop per thread, closed at exit.
    """
    runner = getattr(_LOOPS, "runner", None)
    if runner is None:
        runner = _LOOPS.runner = asyncio.Runner(loop_factory=_loop_factory())
        atexit.register(runner.close)
    with _fewer_collections():
        runner.run(coro)


GC_THRESHOLD = 20_000
"""Allocations between two young-generation collections while the local runner plays
(Python's default is 700)."""


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while episodes are played concurrently; then as before.

    With 64 episodes in flight much of what the young generation holds is still in use
    (observations, requests, replies), so at Python's default threshold the collector
    scans and promotes it again and again: at 64 in flight that was about a fifth of
    the harness's CPU per model call. The process's thresholds are restored after the
    run (and left alone when they are already higher).
    """
    old = gc.get_threshold()
    if old[0] == 0 or old[0] >= GC_THRESHOLD:  # collection off, or already rarer
        yield
        return
    gc.set_threshold(GC_THRESHOLD, *old[1:])
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)


LOOP_ENV = "ECOMSTAGE_LOOP"
"""Environment variable choosing the runner's event loop: ``auto`` (the default: uvloop
when installed, else asyncio's) or ``asyncio`` (asyncio's own, even with uvloop there)."""


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The runner's loop factory: uvloop's when installed and :data:`LOOP_ENV` allows it.

    The runner owns its loop (nothing of the caller's runs on it), and at 64 episodes in
    flight the loop's own bookkeeping - callbacks, timers, socket reads - is a share of
    the harness's CPU per call that uvloop's loop, in C, cuts by about a tenth.
    """
    if os.environ.get(LOOP_ENV, "auto").strip().lower() == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory


def run_evaluation(
    agents: Sequence[Agent],
    envs: str | Sequence[str],
    *,
    split: str | None = "test",
    limit: int | None = None,
    trials: int = 1,
    context: str = "agent",
    seed: int = 0,
    concurrency: int = 1,
    out: str | Path | None = None,
    force: bool = False,
    backend: Backend = "local",
    address: str | None = None,
    agent_specs: Sequence[str] | None = None,
    paper_kwargs: dict[str, Any] | None = None,
    on_record: Callable[[EpisodeRecord], None] | None = None,
    on_plan: Callable[[int, int], None] | None = None,
    retry_failed: bool = False,
    agent_options: dict[str, Any] | None = None,
) -> Sequence[EpisodeRecord]:
    """Play every case of every env with every agent, ``trials`` times each.

    Args:
        agents: The agents (names must differ).
        envs: Env names or groups (see :func:`resolve_envs`).
        split: Case split.
        limit: At most this many cases per env (the first ones).
        trials: Episodes per case (for pass^k).
        context: ``"agent"``, ``"gold"``, or ``"both"`` (every episode in each context:
            the difference measures error propagation between stages).
        seed: Base seed; trial ``t`` resets with ``seed + t``.
        concurrency: Episodes in flight at once (local), or actors per agent (Ray).
        out: Run directory; finished episodes there are skipped (resume).
        force: Start the run directory over (drop its episodes), whatever it holds.
        backend: ``"local"`` or ``"ray"``.
        address: Ray cluster address (``None``: start a local Ray).
        agent_specs: The agents' spec strings, when they were built from specs; Ray
            actors then build their own agent instead of receiving a pickled one.
        paper_kwargs: Extra arguments for the paper-task envs (``scoring``, ``data``,
            ``on_malformed``); they are part of the run's config.
        on_record: Called with each episode as it finishes (progress bars).
        on_plan: Called once with ``(jobs in total, jobs already done)``.
        retry_failed: Play again the episodes ``out`` holds as failed (an agent whose
            model call failed after its retries); otherwise they are kept as they are.
        agent_options: How the agents were built beyond their specs (the sampling
            options of ``evaluate``); part of the run's config when given, so that a run
            is not resumed with other settings.

    An agent that fails to act (a model call failing after its retries, see
    :class:`~ecomstage_env.errors.AgentFailure`) does not stop the run: its episode is
    recorded with ``failed=True``, the reason and the retry count, and the run goes on.

    Returns:
        Every episode of the run (resumed ones included), in plan order; failed
        episodes have ``failed=True`` and no stage scores. Without ``out``, a list; with
        it, a :class:`~ecomstage_env.runner.rundir.RunRecords` that reads each episode
        from the run directory when accessed, so memory stays flat however long the run.

    Raises:
        EcomstageError: Unknown env, duplicate agent names, bad arguments.
        RunConfigMismatch: ``out`` holds a run of another config and ``force`` is False.
        RunDirLocked: Another process is writing to ``out``.
        RunDirError: ``out`` is empty, a file, read-only, or its disk is full.
    """
    names = [a.name for a in agents]
    if not agents:
        raise EcomstageError("no agents given")
    if len(set(names)) != len(names):
        raise EcomstageError(f"agent names must differ: {names}")
    if trials < 1 or concurrency < 1:
        raise EcomstageError("trials and concurrency must be at least 1")
    if limit is not None and limit < 1:
        raise EcomstageError(f"limit must be at least 1 (or None for every case), not {limit}")
    if seed < 0:
        raise EcomstageError(f"seed must be 0 or more, not {seed}")
    if context not in ("agent", "gold", "both"):
        raise EcomstageError(f"context must be 'agent', 'gold' or 'both', not {context!r}")
    contexts = ("agent", "gold") if context == "both" else (context,)
    if backend not in ("local", "ray"):
        raise EcomstageError(f"backend must be 'local' or 'ray', not {backend!r}")
    env_names = resolve_envs(envs)
    if not env_names:
        raise EcomstageError("no envs given")
    kwargs = {"split": split, "context": contexts[0]}
    paper = dict(paper_kwargs or {})
    jobs = plan_jobs(
        len(agents),
        env_names,
        split=split,
        limit=limit,
        trials=trials,
        paper_kwargs=paper,
        contexts=contexts,
    )
    config = {
        "agents": names,
        "envs": env_names,
        "split": split,
        "limit": limit,
        "trials": trials,
        "context": context,
        "seed": seed,
        "paper_kwargs": paper,
    }
    if agent_options:
        config["agent_options"] = agent_options
    run = (
        RunDir(
            out,
            config,
            settings={"concurrency": concurrency, "backend": backend, "address": address},
            force=force,
        )
        if out is not None
        else None
    )
    try:
        return _play(
            agents,
            jobs,
            names,
            run,
            retry_failed=retry_failed,
            backend=backend,
            concurrency=concurrency,
            address=address,
            agent_specs=agent_specs,
            env_kwargs=kwargs,
            paper_kwargs=paper,
            seed=seed,
            on_record=on_record,
            on_plan=on_plan,
        )
    finally:
        if run is not None:
            run.close()


def _play(
    agents: Sequence[Agent],
    jobs: Sequence[Job],
    names: Sequence[str],
    run: RunDir | None,
    *,
    retry_failed: bool,
    backend: Backend,
    concurrency: int,
    address: str | None,
    agent_specs: Sequence[str] | None,
    env_kwargs: dict[str, Any],
    paper_kwargs: dict[str, Any],
    seed: int,
    on_record: Callable[[EpisodeRecord], None] | None,
    on_plan: Callable[[int, int], None] | None,
) -> Sequence[EpisodeRecord]:
    """Play the jobs ``run`` does not hold yet; every job's record, in plan order."""
    # With a run directory only where each episode is on disk is kept, not the episode.
    by_key: dict[tuple[str, str, str, int, str], EpisodeRecord | None] = (
        dict.fromkeys(run.done()) if run else {}
    )
    failed = run.failed() if run else set()
    todo = [j for j in jobs if (k := j.key(names)) not in by_key or (retry_failed and k in failed)]
    if on_plan is not None:
        on_plan(len(jobs), len(jobs) - len(todo))

    def record(rec: EpisodeRecord) -> None:
        if run is not None:
            run.append(rec)
        by_key[rec.key] = None if run is not None else rec
        if on_record is not None:
            on_record(rec)

    kwargs, paper = env_kwargs, paper_kwargs
    if todo and backend == "local" and concurrency == 1:
        # One at a time: no event loop, so this also works inside a running one (Jupyter).
        pool = EnvPool(kwargs, paper)
        try:
            for job in todo:
                env = pool.take(job)
                record(
                    play_episode(
                        env,
                        agents[job.agent],
                        case_id=job.case_id,
                        seed=seed + job.trial,
                        trial=job.trial,
                        on_failure="record",
                    )
                )
                pool.give(job, env)
        finally:
            pool.close()
    elif todo and backend == "local":
        _run_async(
            _run_local(
                agents,
                todo,
                concurrency=concurrency,
                env_kwargs=kwargs,
                paper_kwargs=paper,
                seed=seed,
                on_record=record,
            )
        )
    elif todo:
        from ecomstage_env.runner.ray_backend import run_ray

        run_ray(
            agents,
            todo,
            agent_specs=agent_specs,
            concurrency=concurrency,
            address=address,
            env_kwargs=kwargs,
            paper_kwargs=paper,
            seed=seed,
            on_record=record,
        )
    keys = [j.key(names) for j in jobs]
    if run is not None:
        return RunRecords(run.episodes_path, [(run.offset(k), k) for k in keys])
    return [r for k in keys if (r := by_key[k]) is not None]

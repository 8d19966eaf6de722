"""Drive a Gymnasium vector env (``gymnasium.make_vec``) with a batched agent.

``gymnasium.make_vec("ecomstage/<name>-v1", num_envs=N, vectorization_mode="sync" |
"async" | "vector_entry_point")`` stacks observations and infos per key (the last, also
``make_vec``'s default for ecomstage envs, is
:class:`~ecomstage_env.runner.pool.BatchedAsyncVectorEnv`: sub-envs stepped in slices
by the main process and a few workers); :func:`unbatch` gives each sub-env's
own observation and info back, and :func:`play_vector` runs episodes with one
``act_batch`` call per vector step (one ``generate`` call for a local model), returning
each episode's full result; with ``cases=`` a pass covers those cases exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ecomstage_env.agents.base import Agent
from ecomstage_env.env import EPISODE_KEY
from ecomstage_env.runner.episode import handed_info
from ecomstage_env.stages import EpisodeResult

__all__ = ["act_batch", "play_vector", "unbatch"]


def _split(value: Any, n: int) -> list[Any]:
    """``value`` as each of ``n`` sub-envs sees it (each column split once, not per sub-env)."""
    if isinstance(value, dict):
        columns = [
            (k, _split(v, n), None if (mask := value.get(f"_{k}")) is None else mask.tolist())
            for k, v in value.items()
            if not k.startswith("_")
        ]
        return [
            {k: col[i] for k, col, mask in columns if mask is None or mask[i]} for i in range(n)
        ]
    if isinstance(value, np.ndarray):  # numbers as Python scalars, as ``.item()`` gives them
        return value.tolist() if value.ndim == 1 else list(value)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)  # batched Text spaces: one string per sub-env
    return [value] * n


def unbatch(batched: dict[str, Any], num_envs: int) -> list[dict[str, Any]]:
    """Split a vector env's observation or info dict into one dict per sub-env."""
    out: list[dict[str, Any]] = _split(batched, num_envs)
    return out


def act_batch(
    agent: Agent, observations: list[dict[str, str]], infos: list[dict[str, Any]]
) -> list[Any]:
    """The agent's ``act_batch`` when it has one, else ``act`` per sub-env."""
    batched = getattr(agent, "act_batch", None)
    if batched is not None:
        return list(batched(observations, infos))
    return [agent.act(o, i) for o, i in zip(observations, infos, strict=True)]


def play_vector(
    vec: Any,
    agent: Agent | Sequence[Agent],
    episodes: int | None = None,
    *,
    seed: int | None = None,
    cases: Sequence[str] | None = None,
) -> list[EpisodeResult]:
    """Play episodes on a vector env; return each finished episode's result.

    Two ways to say what to play:

    - ``episodes=N``: at least N episodes, each sub-env drawing its cases from its own
      seeded RNG (with replacement: training). Results in the order they finished.
    - ``cases=[...]`` (e.g. ``vec.call("cases")`` ids of a split): every case exactly once,
      none repeated (evaluation). Sub-env ``i`` plays ``cases[i::num_envs]`` in turn;
      results in the order of ``cases``. A sub-env whose share is done keeps stepping
      (vector envs step together) with an empty action, and those episodes are dropped.

    Sub-envs reset themselves after an episode (Gymnasium's next-step autoreset): the
    step that follows a finished episode only resets that sub-env, and its action is
    ignored.

    One agent serves every sub-env, so it sees several episodes interleaved: it must
    keep no per-episode state between its calls (the agents this project ships keep
    none: everything they need is in the observation). It is reset before the first
    step, and with one sub-env also when each episode starts, as ``play_episode`` does.
    An agent that remembers its episode (earlier stages' lookups, say) is given as a
    list, one agent per sub-env: each is reset when its sub-env starts an episode and
    acts for that sub-env alone (``act``; no batching across sub-envs).

    Args:
        vec: A vector env of an ecomstage env.
        agent: The agent (batched through ``act_batch`` when it has one), or one agent
            per sub-env. A privileged agent (the oracle) also gets each sub-env's grader
            view.
        episodes: Episodes to finish (without ``cases``).
        seed: Seed of the first reset.
        cases: Case ids to play once each (instead of ``episodes``).

    Returns:
        The :class:`~ecomstage_env.stages.EpisodeResult` of each episode (``total`` is
        its return in ``total="mean"`` mode; stage scores, termination reason, counts and
        errors), without the grader's explanations.

    Raises:
        ValueError: Neither or both of ``episodes`` and ``cases``, a case listed twice,
            or a list of agents whose length is not the number of sub-envs.
    """
    if (episodes is None) == (cases is None):
        raise ValueError("give either episodes or cases")
    n = vec.num_envs
    per_env = isinstance(agent, Sequence)
    agents: list[Agent] = list(agent) if isinstance(agent, Sequence) else [agent] * n
    if len(agents) != n:
        raise ValueError(
            f"{len(agents)} agents for {n} sub-envs: give one agent or one per sub-env"
        )
    wanted: list[int] | None = None  # episodes each sub-env still owes (cases mode)
    if cases is not None:
        cases = list(cases)
        if len(set(cases)) != len(cases):
            raise ValueError("cases lists a case more than once")
        shares = [cases[i::n] for i in range(n)]
        vec.set_attr("case_queue", shares)
        wanted = [len(s) for s in shares]
        total = len(cases)
    else:
        total = int(episodes or 0)
    obs, infos = vec.reset(seed=seed)
    for a in agents[:1] if not per_env else agents:
        a.reset()
    privileged = [bool(getattr(a, "privileged", False)) for a in agents]
    finished: list[EpisodeResult] = []
    just_done = np.zeros(n, dtype=bool)
    while len(finished) < total:
        per_obs, per_info = unbatch(obs, n), unbatch(infos, n)
        views = vec.call("grader_view") if any(privileged) else [None] * n
        per_info = [handed_info(per_info[i], privileged[i], views[i]) for i in range(n)]
        live = [
            i for i in range(n) if not just_done[i] and (wanted is None or wanted[i] > 0)
        ]  # the others only reset this step, or play episodes that are dropped
        if per_env:
            chosen = [agents[i].act(per_obs[i], per_info[i]) for i in live]
        else:
            chosen = act_batch(agents[0], [per_obs[i] for i in live], [per_info[i] for i in live])
        actions: list[Any] = [""] * n
        for i, action in zip(live, chosen, strict=True):
            actions[i] = action
        obs, _, terminated, truncated, infos = vec.step(tuple(actions))
        done = np.logical_and(np.logical_or(terminated, truncated), ~just_done)
        per_info = unbatch(infos, n) if done.any() else []
        for k in np.flatnonzero(done):
            if per_env or n == 1:  # its sub-env starts the next episode at the next step
                agents[k].reset()
            if wanted is not None:
                if wanted[k] == 0:
                    continue
                wanted[k] -= 1
            finished.append(per_info[k][EPISODE_KEY])
        just_done = done
    if cases is not None:
        order = {cid: j for j, cid in enumerate(cases)}
        finished.sort(key=lambda r: order[r.case_id])
    return finished

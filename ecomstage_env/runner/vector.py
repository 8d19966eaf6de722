"""Drive a Gymnasium vector env (``gymnasium.make_vec``) with a batched agent.

``gymnasium.make_vec("ecomstage/<name>-v1", num_envs=N, vectorization_mode="sync" |
"async")`` stacks observations and infos per key; :func:`unbatch` gives each sub-env's
own observation and info back, and :func:`play_vector` runs episodes with one
``act_batch`` call per vector step (one ``generate`` call for a local model).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ecomstage_env.agents.base import Agent
from ecomstage_env.env import GRADER_KEY

__all__ = ["act_batch", "play_vector", "unbatch"]


def _item(value: Any, i: int) -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k.startswith("_"):
                continue
            mask = value.get(f"_{k}")
            if mask is not None and not bool(mask[i]):
                continue
            out[k] = _item(v, i)
        return out
    if isinstance(value, tuple):  # batched Text spaces: one string per sub-env
        return value[i]
    if isinstance(value, np.ndarray):
        x = value[i]
        return x.item() if isinstance(x, np.generic) else x
    return value


def unbatch(batched: dict[str, Any], num_envs: int) -> list[dict[str, Any]]:
    """Split a vector env's observation or info dict into one dict per sub-env."""
    return [_item(batched, i) for i in range(num_envs)]


def act_batch(
    agent: Agent, observations: list[dict[str, str]], infos: list[dict[str, Any]]
) -> list[Any]:
    """The agent's ``act_batch`` when it has one, else ``act`` per sub-env."""
    batched = getattr(agent, "act_batch", None)
    if batched is not None:
        return list(batched(observations, infos))
    return [agent.act(o, i) for o, i in zip(observations, infos, strict=True)]


def play_vector(vec: Any, agent: Agent, episodes: int, *, seed: int | None = None) -> list[float]:
    """Play at least ``episodes`` episodes on a vector env; return their returns.

    Sub-envs reset themselves after an episode (Gymnasium's next-step autoreset): the
    step that follows a finished episode only resets that sub-env, and its action is
    ignored.

    Args:
        vec: A vector env of an ecomstage env.
        agent: The agent (batched through ``act_batch`` when it has one). A privileged
            agent (the oracle) also gets each sub-env's grader view.
        episodes: Episodes to finish.
        seed: Seed of the first reset.

    Returns:
        The return (sum of rewards = episode total in ``total="mean"`` mode) of each
        finished episode, in the order they finished.
    """
    n = vec.num_envs
    obs, infos = vec.reset(seed=seed)
    returns = np.zeros(n)
    finished: list[float] = []
    just_done = np.zeros(n, dtype=bool)
    while len(finished) < episodes:
        per_obs, per_info = unbatch(obs, n), unbatch(infos, n)
        if getattr(agent, "privileged", False):  # the oracle: each sub-env's annotation
            for i, view in enumerate(vec.call("grader_view")):
                per_info[i][GRADER_KEY] = view
        live = [i for i in range(n) if not just_done[i]]  # the others only reset this step
        chosen = act_batch(agent, [per_obs[i] for i in live], [per_info[i] for i in live])
        actions: list[Any] = [""] * n
        for i, action in zip(live, chosen, strict=True):
            actions[i] = action
        obs, rewards, terminated, truncated, infos = vec.step(tuple(actions))
        returns += np.where(just_done, 0.0, rewards)
        done = np.logical_and(np.logical_or(terminated, truncated), ~just_done)
        for k in np.flatnonzero(done):
            finished.append(float(returns[k]))
            returns[k] = 0.0
        just_done = done
    return finished

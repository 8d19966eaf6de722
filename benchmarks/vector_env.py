"""Sync vs async Gymnasium vector env at 8 sub-envs, against the target (async faster).

Run: .venv/bin/python benchmarks/vector_env.py [--env NAME] [--num-envs N] [--seconds S]

The oracle's actions on every case are recorded once on a single env; then
``gymnasium.make_vec(..., vectorization_mode="sync" | "async")`` replays them for
``--seconds`` each: every step reads each sub-env's observation and info back
(:func:`~ecomstage_env.runner.vector.unbatch`, as ``play_vector`` does) and picks its
next action by the sub-env's ``case_id``, so the figure is the env, the transfer between
processes and the unbatching, and nothing of an agent. The step after an episode ends
only resets that sub-env (Gymnasium's next-step autoreset) and is not counted as a step
of the env. Prints one JSON line per mode, then a table with the target and the ratio.
The two modes run the same episodes; the script checks that their rewards match.
Async runs one process per sub-env: on a machine with fewer free cores than sub-envs,
it gains less (the figure says so beside the core count).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import gymnasium as gym

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecomstage
from ecomstage_env.runner.vector import unbatch

TARGET_RATIO = 1.0
"""Async steps/s over sync steps/s that the target asks for (async faster than sync)."""


def measure(name: str, mode: str, num_envs: int, seconds: float, plans: dict[str, list[Any]]):
    """Steps/s of one vector mode replaying the oracle's plans; and its rewards in order."""
    vec = gym.make_vec(ecomstage.env_id(name), num_envs=num_envs, vectorization_mode=mode)
    try:
        obs, infos = vec.reset(seed=0)
        cases = [i["case_id"] for i in unbatch(infos, num_envs)]
        pos = [0] * num_envs
        resetting = [False] * num_envs
        rewards: list[float] = []
        steps = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            actions = ["" if resetting[i] else plans[cases[i]][pos[i]] for i in range(num_envs)]
            obs, reward, terminated, truncated, infos = vec.step(tuple(actions))
            per_obs, per_info = unbatch(obs, num_envs), unbatch(infos, num_envs)
            for i in range(num_envs):
                if resetting[i]:
                    cases[i], pos[i], resetting[i] = per_info[i]["case_id"], 0, False
                    continue
                steps += 1
                pos[i] += 1
                rewards.append(round(float(reward[i]), 12))
                resetting[i] = bool(terminated[i] or truncated[i])
                assert per_obs[i]["stage"]  # the observation is read back, as an agent would
        wall = time.perf_counter() - t0
    finally:
        vec.close()
    return steps / wall, rewards


def main() -> None:
    from env_throughput import oracle_plans

    ap = argparse.ArgumentParser()
    ap.add_argument("--env", default="merchant_promotion")
    ap.add_argument("--num-envs", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0, help="per mode")
    args = ap.parse_args()
    plans = oracle_plans(ecomstage.make(args.env))
    sync, sync_rewards = measure(args.env, "sync", args.num_envs, args.seconds, plans)
    asyn, async_rewards = measure(args.env, "async", args.num_envs, args.seconds, plans)
    n = min(len(sync_rewards), len(async_rewards))
    same = sync_rewards[:n] == async_rewards[:n]
    row = {
        "env": args.env,
        "num_envs": args.num_envs,
        "cpu_cores": os.cpu_count(),
        "sync_steps_per_s": round(sync),
        "async_steps_per_s": round(asyn),
        "ratio": round(asyn / sync, 2),
        "target_ratio": TARGET_RATIO,
        "rewards_match": same,
        "compared_steps": n,
    }
    print(json.dumps(row))
    cols = [
        ("env", 20),
        ("num_envs", 8),
        ("cpu_cores", 9),
        ("sync_steps_per_s", 16),
        ("async_steps_per_s", 17),
        ("ratio", 6),
        ("target_ratio", 12),
        ("rewards_match", 13),
    ]
    print("  ".join(f"{c:>{w}}" for c, w in cols))
    print("  ".join(f"{row[c]!s:>{w}}" for c, w in cols))
    if not same:
        raise SystemExit("async rewards differ from sync")


if __name__ == "__main__":
    main()

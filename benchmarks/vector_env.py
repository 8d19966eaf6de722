"""Sync vs async Gymnasium vector env at 8 sub-envs, against the target (async faster).

Run: .venv/bin/python benchmarks/vector_env.py [--env NAME] [--num-envs N] [--seconds S]
[--rounds R]

The oracle's actions on every case are recorded once on a single env; then
``gymnasium.make_vec(..., vectorization_mode="sync" | "async")`` replays them for
``--seconds`` each, sync then async, for ``--rounds`` rounds (figures are medians; the
ratio's range over the rounds shows how much the machine's load moved them). Every step
reads each sub-env's observation and info back
(:func:`~ecomstage_env.runner.vector.unbatch`, as ``play_vector`` does) and picks its
next action by the sub-env's ``case_id``, so the figure is the env, the transfer between
processes and the unbatching, and nothing of an agent. The step after an episode ends
only resets that sub-env (Gymnasium's next-step autoreset) and is not counted as a step
of the env. Prints one JSON line, then a table with the target and the ratio. The two
modes run the same episodes; the script checks that their rewards match. Async runs one
process per sub-env: with fewer free cores than sub-envs it gains less (the core count
is printed beside the figure).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
    ap.add_argument("--seconds", type=float, default=2.0, help="per mode and round")
    ap.add_argument("--rounds", type=int, default=3, help="sync then async, this many times")
    args = ap.parse_args()
    plans = oracle_plans(ecomstage.make(args.env))
    sync: list[float] = []
    asyn: list[float] = []
    same = True
    compared = 0
    for _ in range(args.rounds):  # alternated, so that both modes see the same load
        s, sync_rewards = measure(args.env, "sync", args.num_envs, args.seconds, plans)
        a, async_rewards = measure(args.env, "async", args.num_envs, args.seconds, plans)
        sync.append(s)
        asyn.append(a)
        n = min(len(sync_rewards), len(async_rewards))
        same = same and sync_rewards[:n] == async_rewards[:n]
        compared += n
    ratios = sorted(a / s for s, a in zip(sync, asyn, strict=True))
    row = {
        "env": args.env,
        "num_envs": args.num_envs,
        "cpu_cores": os.cpu_count(),
        "sync_steps_per_s": round(statistics.median(sync)),
        "async_steps_per_s": round(statistics.median(asyn)),
        "ratio": round(statistics.median(ratios), 2),
        "ratio_range": f"{ratios[0]:.2f}-{ratios[-1]:.2f}",
        "target_ratio": TARGET_RATIO,
        "rewards_match": same,
        "compared_steps": compared,
    }
    print(json.dumps(row))
    cols = [
        ("env", 20),
        ("num_envs", 8),
        ("cpu_cores", 9),
        ("sync_steps_per_s", 16),
        ("async_steps_per_s", 17),
        ("ratio", 6),
        ("ratio_range", 11),
        ("target_ratio", 12),
        ("rewards_match", 13),
    ]
    print("  ".join(f"{c:>{w}}" for c, w in cols))
    print("  ".join(f"{row[c]!s:>{w}}" for c, w in cols))
    if not same:
        raise SystemExit("async rewards differ from sync")


if __name__ == "__main__":
    main()

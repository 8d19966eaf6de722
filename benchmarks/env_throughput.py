"""How fast the env itself runs (no model): steps/s and episodes/s with the oracle agent.

Run: .venv/bin/python benchmarks/env_throughput.py [--episodes N]
Prints one JSON line, then a small table. The oracle makes every tool call of the gold
plan, so this exercises parsing, tools, scoring and observation rendering.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import ecomstage
from ecomstage_env.runner import run_episode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--episodes", type=int, default=500)
    ap.add_argument("--env", default="merchant_promotion")
    args = ap.parse_args()

    t0 = time.perf_counter()
    env = ecomstage.make(args.env)
    make_s = time.perf_counter() - t0
    agent = ecomstage.OracleAgent()
    steps = 0
    t0 = time.perf_counter()
    for i in range(args.episodes):
        steps += run_episode(env, agent, seed=i).steps
    wall = time.perf_counter() - t0
    out = {
        "env": args.env,
        "episodes": args.episodes,
        "steps": steps,
        "first_make_s": round(make_s, 4),
        "episodes_per_s": round(args.episodes / wall, 1),
        "steps_per_s": round(steps / wall, 1),
        "ms_per_step": round(1000 * wall / steps, 3),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(out))
    for k, v in out.items():
        print(f"{k:>16}  {v}")


if __name__ == "__main__":
    main()

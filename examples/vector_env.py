"""A batched agent on a Gymnasium vector env: one act_batch call per vector step.

    python examples/vector_env.py                      # keyword baseline, async vector env
    python examples/vector_env.py --agent local        # SmolLM2: one generate() per step

Any ecomstage env works with gymnasium.make_vec, in "sync", "async" or "vector_entry_point"
mode (the default: sub-envs stepped in slices by the main process and a few workers).
"""

from __future__ import annotations

import argparse
import statistics

import gymnasium as gym

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.runner.vector import play_vector


def main(argv: list[str] | None = None) -> float:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--env", default="intent_recognition")
    ap.add_argument("--agent", default="keyword")
    ap.add_argument("--num-envs", type=int, default=4)
    ap.add_argument("--episodes", type=int, default=12)
    ap.add_argument("--mode", default="async", choices=["sync", "async", "vector_entry_point"])
    args = ap.parse_args(argv)
    vec = gym.make_vec(
        ecomstage.env_id(args.env), num_envs=args.num_envs, vectorization_mode=args.mode
    )
    results = play_vector(vec, make_agent(args.agent), args.episodes, seed=0)
    vec.close()
    mean = statistics.fmean(r.total for r in results)
    print(f"{len(results)} episodes on {args.num_envs} {args.mode} envs: mean return {mean:.3f}")
    return mean


if __name__ == "__main__":
    main()

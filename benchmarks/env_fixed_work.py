"""A fixed amount of env work, for instruction counts that do not depend on the load.

Wall-clock steps/s on a shared machine move with the other processes; the number of
instructions an episode costs does not. This plays the oracle's recorded actions on
``--episodes`` episodes (the replay of ``env_throughput.py``: ``reset(seed=...)`` and
``step`` of the env as ``make`` returns it) and nothing else, so that the difference
between two runs under valgrind is the cost of the episodes alone::

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/env_fixed_work.py --env merchant_promotion --episodes 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/env_fixed_work.py --env merchant_promotion --episodes 600

Instructions per episode = (I refs of the second - I refs of the first) / 600.
"""

from __future__ import annotations

import argparse

from env_throughput import oracle_plans

import ecomstage


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--env", default="merchant_promotion")
    ap.add_argument("--episodes", type=int, default=600, help="0: set-up alone")
    args = ap.parse_args()
    env = ecomstage.make(args.env)
    plans = list(oracle_plans(env).items())
    steps = 0
    for episode in range(args.episodes):
        case_id, actions = plans[episode % len(plans)]
        env.reset(seed=episode, options={"case_id": case_id})
        for action in actions:
            env.step(action)
        steps += len(actions)
    print(f"{args.episodes} episodes, {steps} steps")


if __name__ == "__main__":
    main()

"""How fast the envs themselves run (no model), against the performance targets.

Run: .venv/bin/python benchmarks/env_throughput.py [--seconds S] [--env NAME ...]

For each env, the oracle's actions on every case are recorded once, then replayed for
``--seconds``: ``reset(seed=...)`` and ``step`` on the wrapped env as ``make`` returns it,
so this times parsing, tools, scoring (no neural scorer: strict paper scoring and
merchant_promotion's points) and observation rendering, and nothing of an agent. A
second pass plays whole episodes through the runner (``run_episode`` with the oracle and
its trajectory recorder). Prints one JSON line per env, then a table with the target
and the ratio. Expect some variation between runs on a shared machine.

Steps/s follow the machine's single-core speed: the last line prints a reference figure
(a fixed pure-Python loop, best of 5) so that runs on two machines can be told apart
from a change in the code; ``env_fixed_work.py`` under callgrind gives the
machine-independent cost (instructions an episode).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from typing import Any

import ecomstage
from ecomstage_env.runner import run_episode
from ecomstage_env.runner.episode import agent_info
from ecomstage_env.stages import unwrap_action

LABEL_TARGET = 20_000
TARGETS = {
    "merchant_promotion": 10_000,
    **dict.fromkeys(
        (
            "attitude_cls",
            "intent_recognition",
            "query_match",
            "scenario_route",
            "solution_decision",
        ),
        LABEL_TARGET,
    ),
}
"""Steps/s the env alone should reach (issue 17: the paper's label tasks and
merchant_promotion). The other envs (the text tasks, the six scenarios with tools, users
and several graded fields) have no target: their rows are printed with ``-``."""


def oracle_plans(env: Any) -> dict[str, list[Any]]:
    """The oracle's actions on every case of ``env``, in order."""
    agent = ecomstage.OracleAgent()
    plans = {}
    for case in env.unwrapped.cases:
        obs, info = env.reset(options={"case_id": case.case_id})
        agent.reset()
        actions = []
        while True:
            action, _, _ = unwrap_action(agent.act(obs, agent_info(env, agent, info)))
            actions.append(action)
            obs, _, terminated, truncated, info = env.step(action)
            if terminated or truncated:
                break
        plans[case.case_id] = actions
    return plans


def measure(name: str, seconds: float) -> dict[str, Any]:
    """Steps/s of the env alone and through the runner, and per-step latency."""
    env = ecomstage.make(name)
    plans = oracle_plans(env)
    latencies: list[float] = []
    steps = episodes = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for case_id, actions in plans.items():
            env.reset(seed=episodes, options={"case_id": case_id})
            for action in actions:
                t = time.perf_counter()
                env.step(action)
                latencies.append(time.perf_counter() - t)
            steps += len(actions)
            episodes += 1
    wall = time.perf_counter() - t0
    agent = ecomstage.OracleAgent()
    runner_steps = runner_episodes = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for case_id in plans:
            runner_steps += run_episode(env, agent, case_id=case_id, seed=runner_episodes).steps
            runner_episodes += 1
    runner_wall = time.perf_counter() - t0
    quantiles = statistics.quantiles(latencies, n=100)
    target = TARGETS.get(name)
    steps_per_s = steps / wall
    return {
        "env": name,
        "steps_per_s": round(steps_per_s),
        "episodes_per_s": round(episodes / wall),
        "target_steps_per_s": target,
        "ratio": round(steps_per_s / target, 2) if target else None,
        "runner_steps_per_s": round(runner_steps / runner_wall),
        "step_p50_us": round(1e6 * quantiles[49], 1),
        "step_p99_us": round(1e6 * quantiles[98], 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def machine_reference_ms() -> float:
    """Best of 5 of one fixed pure-Python workload, in ms: this core's speed for Python."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(20):
            sorted(str(i) for i in range(10_000))
        best = min(best, time.perf_counter() - start)
    return round(1e3 * best / 20, 3)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0, help="per env and pass")
    ap.add_argument("--env", nargs="*", default=None, help="envs (default: every one)")
    args = ap.parse_args()
    rows = [measure(name, args.seconds) for name in args.env or ecomstage.list_envs()]
    for row in rows:
        print(json.dumps(row))
    cols = [
        ("env", 20),
        ("steps_per_s", 11),
        ("target_steps_per_s", 18),
        ("ratio", 6),
        ("runner_steps_per_s", 18),
        ("step_p50_us", 11),
        ("step_p99_us", 11),
    ]
    print("  ".join(f"{c:>{w}}" for c, w in cols))
    for row in rows:
        print("  ".join(f"{'-' if row[c] is None else row[c]!s:>{w}}" for c, w in cols))
    print(f"max RSS {rows[-1]['max_rss_mb']} MB")
    print(f"machine reference: {machine_reference_ms()} ms (sorted(str(i) for i in range(10_000)))")


if __name__ == "__main__":
    main()

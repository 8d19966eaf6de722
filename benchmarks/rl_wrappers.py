"""What the RL layer costs: reward-wrapper overhead per step, and export rows per second.

Run: .venv/bin/python benchmarks/rl_wrappers.py [--seconds S] [--env NAME ...]

Wrappers: the oracle's actions on every case of an env are recorded once, then replayed
for ``--seconds`` on the env as ``make`` returns it and on the same env under the full
stack (``wrap_rewards`` with gate, format reward, budget penalty and sparse reward),
alternating rounds so that machine load hits both alike. Prints microseconds per step
of each and the difference (the wrappers' cost per step).

Export: the oracle, keyword and random agents play ``--cases`` cases of each env into
a temporary run directory; each export kind is then built (reading the run, building
the rows, ``datasets.Dataset``) and saved to disk, three times; rows per second of
the median time are printed (``datasets`` is imported before timing: its first import
takes about half a second). Reading the run dominates, so DPO, with fewer rows per
episode, shows fewer rows per second.
Expect some variation between runs on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from env_throughput import oracle_plans  # the same recorded oracle actions

import ecomstage
from ecomstage_env.rl.wrappers import wrap_rewards
from ecomstage_env.runner.run import run_evaluation

DEFAULT_ENVS = ["merchant_promotion", "intent_recognition"]


def replay(env: Any, plans: dict[str, list[Any]]) -> tuple[int, float]:
    """Play every plan once; return (steps, seconds)."""
    steps = 0
    t0 = time.perf_counter()
    for case_id, actions in plans.items():
        env.reset(seed=0, options={"case_id": case_id})
        for action in actions:
            env.step(action)
            steps += 1
    return steps, time.perf_counter() - t0


def wrapper_overhead(name: str, seconds: float) -> dict[str, Any]:
    """Microseconds per step of the plain and the fully wrapped env."""
    plain = ecomstage.make(name)
    wrapped = wrap_rewards(
        ecomstage.make(name),
        combine="gate",
        format_bonus=0.1,
        invalid_penalty=0.1,
        budget_penalty=0.2,
        sparse=True,
    )
    plans = oracle_plans(plain)
    totals = {"plain": [0, 0.0], "wrapped": [0, 0.0]}
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for label, env in (("plain", plain), ("wrapped", wrapped)):
            n, s = replay(env, plans)
            totals[label][0] += n
            totals[label][1] += s
    us = {k: 1e6 * v[1] / v[0] for k, v in totals.items()}
    return {
        "env": name,
        "steps_each": totals["plain"][0],
        "plain_us_per_step": round(us["plain"], 1),
        "wrapped_us_per_step": round(us["wrapped"], 1),
        "overhead_us_per_step": round(us["wrapped"] - us["plain"], 1),
        "overhead_pct": round(100 * (us["wrapped"] / us["plain"] - 1), 1),
    }


def export_speed(envs: list[str], cases: int) -> list[dict[str, Any]]:
    """Rows per second of each export kind, from a fresh baseline run."""
    from ecomstage_env.rl.export import export_runs, to_dataset

    to_dataset([], "sft")  # import datasets before the clock starts

    agents = [ecomstage.OracleAgent(), ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=0)]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        recs = run_evaluation(agents, envs, limit=cases, out=run)
        for kind in ("sft", "dpo", "rewards"):
            times = []
            for _ in range(3):  # the median of three: the machine is shared
                t0 = time.perf_counter()
                ds = export_runs([run], kind, out=Path(tmp) / kind)  # type: ignore[arg-type]
                times.append(time.perf_counter() - t0)
            s = statistics.median(times)
            out.append(
                {
                    "kind": kind,
                    "episodes": len(recs),
                    "rows": len(ds),
                    "seconds": round(s, 3),
                    "rows_per_s": round(len(ds) / s),
                }
            )
    return out


def main() -> None:
    """Print the figures, one JSON line each."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="replay time per env")
    ap.add_argument("--env", nargs="*", default=DEFAULT_ENVS, help="envs to time")
    ap.add_argument("--cases", type=int, default=20, help="cases per env for the export run")
    args = ap.parse_args()
    try:
        from datasets.utils.logging import disable_progress_bar

        disable_progress_bar()
    except ImportError:
        pass
    for name in args.env:
        print(json.dumps(wrapper_overhead(name, args.seconds)), flush=True)
    for row in export_speed(args.env, args.cases):
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

"""The local SmolLM2 agent before and after constrained decoding, on this machine's CPU.

Run: .venv/bin/python benchmarks/local_agent.py [--cases 8] [--episodes 1]
[--modes majority,before,after]

"before" is the agent as it was (free generation, 8 new tokens for a label, 128 for
JSON, one repair); "after" is the default agent (xgrammar-constrained decoding, token
budgets from the schema, at most 2 tool calls a stage); "majority" is the baseline that
always answers the most frequent label (no model), the score to beat. Each mode plays the first
``--cases`` cases of every label paper task (attitude_cls, query_match,
intent_recognition, scenario_route, solution_decision) and the first ``--episodes``
merchant_promotion cases. Prints one JSON line, then a table: valid-answer rate (a stage
answer the env read without an error; failed tool calls do not count against it),
mean score and mean episode total x100 with 95% bootstrap intervals, seconds per
episode. ``--cold-load`` also times the first load (GGUF conversion) in a fresh cache.
Greedy decoding: the same cases give the same outputs (only the seconds vary).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from typing import Any

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.agents.local import TransformersAgent
from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.runner import evaluate
from ecomstage_env.scoring.stats import bootstrap_ci
from ecomstage_env.stages import EpisodeResult

LABEL_TASKS = [name for name, task in PAPER_TASKS.items() if not task.open_ended]
MODES: dict[str, dict[str, Any]] = {
    "before": {"constrained": False, "label_tokens": 8},
    "after": {},
}


def valid_stages(result: EpisodeResult) -> tuple[int, int]:
    """(stages answered validly, stages played): an error naming the stage other than a
    failed tool call marks its answer invalid (unreadable, not in the schema, over budget)."""
    stages = list(result.stage_scores)
    bad = {
        s
        for s in stages
        for e in result.errors
        if (e.startswith(f"{s}:") and not e.startswith(f"{s}: tool error")) or f"at {s} " in e
    }
    return len(stages) - len(bad), len(stages)


def summarize(results: list[EpisodeResult], seconds: float) -> dict[str, Any]:
    """Valid-answer rate, score and seconds of a list of episodes."""
    pairs = [valid_stages(r) for r in results]
    valid = [1.0] * sum(v for v, _ in pairs) + [0.0] * sum(n - v for v, n in pairs)
    totals = [r.total for r in results]
    return {
        "episodes": len(results),
        "stages": len(valid),
        "valid": bootstrap_ci(valid).scaled(),
        "total": bootstrap_ci(totals).scaled(),
        "s_per_episode": seconds / max(1, len(results)),
        "tokens_per_episode": sum(u.completion_tokens for r in results for u in r.usage.values())
        / max(1, len(results)),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=8, help="cases per label task")
    ap.add_argument("--episodes", type=int, default=1, help="merchant_promotion episodes")
    ap.add_argument("--modes", default="majority,before,after")
    ap.add_argument("--cold-load", action="store_true")
    args = ap.parse_args()
    figures: dict[str, Any] = {}
    if args.cold_load:
        os.environ["ECOMSTAGE_CACHE"] = tempfile.mkdtemp(prefix="ecomstage-bench-")
        t0 = time.perf_counter()
        TransformersAgent().load()
        figures["load_cold_s"] = time.perf_counter() - t0
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for mode in [m for m in args.modes.split(",") if m]:
        agent: Any
        if mode == "majority":  # the reference: the most frequent label, no model
            agent = make_agent("majority")
        else:
            agent = TransformersAgent(**MODES[mode])
            t0 = time.perf_counter()
            agent.load()
            figures[f"{mode}_load_s"] = time.perf_counter() - t0
        pooled: list[EpisodeResult] = []
        pooled_s = 0.0
        for env in LABEL_TASKS:
            t0 = time.perf_counter()
            results = evaluate(agent, env, limit=args.cases)
            wall = time.perf_counter() - t0
            rows.append((env, mode, summarize(results, wall)))
            print(f"{mode} {env}: {rows[-1][2]}", file=sys.stderr, flush=True)
            pooled += results
            pooled_s += wall
        rows.append(("label tasks (pooled)", mode, summarize(pooled, pooled_s)))
        if args.episodes:
            t0 = time.perf_counter()
            results = evaluate(agent, "merchant_promotion", limit=args.episodes)
            rows.append(("merchant_promotion", mode, summarize(results, time.perf_counter() - t0)))
    figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["load_average"] = os.getloadavg()
    print(
        json.dumps(
            {
                "figures": figures,
                "rows": [
                    {"env": e, "mode": m, **{k: str(v) for k, v in s.items()}} for e, m, s in rows
                ],
            }
        )
    )
    head = f"{'env':<22}{'mode':<8}{'n':>4}{'valid % [95% CI]':>22}{'total x100 [95% CI]':>22}"
    print(head + f"{'s/episode':>11}{'tokens/ep':>10}")
    for env, mode, s in rows:
        print(
            f"{env:<22}{mode:<8}{s['episodes']:>4}{s['valid']!s:>22}{s['total']!s:>22}"
            f"{s['s_per_episode']:>11.1f}{s['tokens_per_episode']:>10.1f}"
        )
    print(
        f"(ecomstage {ecomstage.__version__}, {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in figures['load_average'])}, torch threads "
        f"{os.environ.get('OMP_NUM_THREADS', 'default')})"
    )


if __name__ == "__main__":
    main()

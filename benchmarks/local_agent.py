"""How fast the local SmolLM2 agent runs on this machine's CPU.

Run: .venv/bin/python benchmarks/local_agent.py [--cases N]
Prints one JSON line, then a small table: first load (GGUF conversion, in a fresh cache
folder) and warm load, generation speed, and seconds per episode on a label task
(intent_recognition, one batched call per case) and on merchant_promotion (three
stages, JSON answers with one repair each when unreadable).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time

import ecomstage
from ecomstage_env.agents.local import TransformersAgent
from ecomstage_env.runner import evaluate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=4)
    args = ap.parse_args()
    os.environ["ECOMSTAGE_CACHE"] = tempfile.mkdtemp(prefix="ecomstage-bench-")

    t0 = time.perf_counter()
    TransformersAgent().load()
    cold_s = time.perf_counter() - t0
    agent = TransformersAgent()
    t0 = time.perf_counter()
    agent.load()
    warm_s = time.perf_counter() - t0

    figures: dict[str, float] = {"load_cold_s": cold_s, "load_warm_s": warm_s}
    for env in ("intent_recognition", "merchant_promotion"):
        t0 = time.perf_counter()
        results = evaluate(agent, env, limit=args.cases)
        wall = time.perf_counter() - t0
        usage = [u for r in results for u in r.usage.values()]
        gen = sum(u.completion_tokens for u in usage)
        figures[f"{env}_s_per_episode"] = wall / len(results)
        figures[f"{env}_gen_tokens_per_s"] = gen / sum(u.seconds for u in usage)
        figures[f"{env}_mean_total"] = sum(r.total for r in results) / len(results)
    figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    print(f"{'figure':<40}{'value':>10}")
    for k, v in figures.items():
        print(f"{k:<40}{v:>10.2f}")
    print(f"(ecomstage {ecomstage.__version__}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()

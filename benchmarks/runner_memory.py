"""Does a long run's memory stay flat? RSS over ~20,000 runner steps, with a run directory.

Run: .venv/bin/python benchmarks/runner_memory.py [--steps N] [--env NAME]

Plays the keyword baseline on one env (default ``merchant_promotion``, several steps per
episode) through :func:`~ecomstage_env.runner.run.run_evaluation` with ``--out`` a temporary
run directory, in rounds of ``trials`` episodes per case, and prints the process's
resident memory (RSS, from /proc) after each round. A run directory keeps every
episode's steps on disk, not in memory (``keep_steps`` is off with ``out``), so after a
warm-up round the growth should be a few bytes per episode (its key and scores), not
its trajectory. Prints one JSON line per round, then a table with the target (growth per
10,000 steps below 10 MB) and the ratio.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import ecomstage
from ecomstage_env.report.aggregate import load_records
from ecomstage_env.runner.run import run_evaluation

TARGET_MB_PER_10K = 10.0


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


def main() -> None:
    """Run the rounds and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=20_000)
    ap.add_argument("--env", default="merchant_promotion")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    agent = ecomstage.KeywordAgent()
    cases = len(ecomstage.case_ids(args.env))
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        # Warm-up: imports, env pool, caches; then measure from here.
        run_evaluation([agent], args.env, out=Path(tmp) / "warm", trials=1)
        steps_per_ep = sum(len(r.steps) for r in load_records(Path(tmp) / "warm")) / cases
        trials = max(1, round(args.steps / args.rounds / steps_per_ep / cases))
        total = trials * args.rounds * cases
        base = rss_mb()
        rows: list[dict[str, float]] = []
        t0 = time.perf_counter()

        def seen(_: object) -> None:
            done = len(rows) + 1
            seen.count += 1  # type: ignore[attr-defined]
            if seen.count * args.rounds >= done * total:  # type: ignore[attr-defined]
                row = {
                    "round": done,
                    "episodes": seen.count,  # type: ignore[attr-defined]
                    "steps": round(seen.count * steps_per_ep),  # type: ignore[attr-defined]
                    "rss_mb": round(rss_mb(), 1),
                    "growth_mb": round(rss_mb() - base, 1),
                    "seconds": round(time.perf_counter() - t0, 1),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)

        seen.count = 0  # type: ignore[attr-defined]
        run_evaluation([agent], args.env, out=run, trials=trials * args.rounds, on_record=seen)
        on_disk = (run / "episodes.jsonl").stat().st_size / 1e6
    first, last = rows[0], rows[-1]
    per10k = (last["rss_mb"] - first["rss_mb"]) / max(1, last["steps"] - first["steps"]) * 1e4
    print(
        f"\n{args.env}: {last['episodes']} episodes, {last['steps']} steps; run directory {on_disk:.0f} MB"
    )
    print(f"{'figure':<38}{'measured':>10}{'target':>10}{'ratio':>8}")
    ratio = TARGET_MB_PER_10K / max(per10k, 0.1)  # below 0.1 MB the figure is noise
    print(
        f"{'RSS growth per 10,000 steps (MB)':<38}{per10k:>10.1f}{TARGET_MB_PER_10K:>10.1f}{ratio:>8.1f}"
    )


if __name__ == "__main__":
    main()

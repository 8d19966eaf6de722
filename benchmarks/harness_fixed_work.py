"""A fixed amount of harness work, for instruction counts that do not depend on the load.

``harness_efficiency.py`` measures wall-clock efficiency, which on a shared machine moves
with the other processes; the instructions the harness spends per model call do not.
This runs ``--episodes`` episodes of ``--env`` through ``run_evaluation`` at
``--concurrency``, with the ``openai:`` agent (its lean HTTP path, as users get it)
against ``harness_efficiency.py``'s local server answering at once (``--latency-ms 0``).
The server is a process of its own, which valgrind does not follow (no
``--trace-children``): the counts are the harness's alone - runner, agent, env - and
the agent's warm-up (imports, a first connection) is done in both runs::

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/harness_fixed_work.py --episodes 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/harness_fixed_work.py --episodes 640

Instructions per call = (I refs of the second - I refs of the first) / the calls it
prints: the harness's whole cost per call, the run's fixed cost (making the
envs, opening the connections, the first calls) spread over its calls. Two runs with
different ``--episodes`` (e.g. 640 and 1280) split the two: their difference over the
difference in calls is the cost of one more call; what is left of the first is the
run's fixed cost. ``--profile`` prints cProfile's top items of the measured run instead
(``--sort tottime`` or ``cumtime``; ``--callers REGEX``: who calls what matches). Set ``PYTHONHASHSEED=0`` for repeatable counts.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

from harness_efficiency import Server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--env", default="intent_recognition")
    ap.add_argument("--episodes", type=int, default=640, help="0: the set-up alone")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--profile", action="store_true", help="cProfile the measured run")
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--callers", default="", help="with --profile: the callers of these (a regex)")
    args = ap.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "bench")

    import ecomstage
    from ecomstage_env.agents import make_agent
    from ecomstage_env.runner.run import run_evaluation

    server = Server(args.latency_ms / 1000)
    try:
        agent = make_agent("openai:bench", max_retries=0, base_url=server.base_url, api_key="bench")
        # The warm-up: imports, a first connection.
        run_evaluation([agent], [args.env], limit=2, concurrency=2)
        n_cases = len(ecomstage.case_ids(args.env))
        if args.episodes:
            trials = -(-args.episodes // n_cases)
            limit = args.episodes if trials == 1 else None
            profile = cProfile.Profile() if args.profile else None
            before, t0, c0 = server.calls(), time.perf_counter(), time.process_time()
            if profile is not None:
                profile.enable()
            records = run_evaluation(
                [agent],
                [args.env],
                limit=limit,
                trials=trials,
                concurrency=args.concurrency,
            )
            if profile is not None:
                profile.disable()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            calls = server.calls() - before
            failed = sum(r.failed for r in records)
            print(
                f"{len(records)} episodes, {calls} calls, {failed} failed, "
                f"{wall:.2f} s, {1000 * cpu / max(calls, 1):.3f} ms CPU per call"
            )
            if profile is not None:
                stats = pstats.Stats(profile).sort_stats(args.sort)
                stats.print_stats(args.top)
                if args.callers:
                    stats.print_callers(args.callers)
        else:
            print("0 episodes, 0 calls")
    finally:
        server.close()


if __name__ == "__main__":
    main()

"""Sync vs async vs the batched vector env, against the target (faster than sync).

Run: .venv/bin/python benchmarks/vector_env.py [--env NAME] [--num-envs N[,N...]]
[--seconds S] [--rounds R] [--modes sync,async,pool,pool0,pool1]

The oracle's actions on every case are recorded once on a single env; then each mode
replays them for ``--seconds``, the modes alternated, for ``--rounds`` rounds (figures
are medians; a ratio's range over the rounds shows how much the machine's load moved
it). Modes: ``sync`` and ``async`` are Gymnasium's (``async``: one process per sub-env,
one pipe message each way per sub-env per step; ``async_pickled``: the same without
shared memory; ``async_limited``: with ``max_concurrency`` = the cores); ``pool`` is ecomstage's
``vector_entry_point`` (:class:`~ecomstage_env.runner.pool.BatchedAsyncVectorEnv`: the
main process steps one slice, worker processes one slice each, one message each way per
worker per step) with ``make_vec``'s default worker count (one per idle core besides the
main process's: none on a busy machine; the row's ``pool_workers`` says how many it
started), ``pool<K>`` the same with ``K`` workers (``pool0``: every sub-env in the main
process, the pool's own info stacking and observation copy against the sync env's). Every step reads each sub-env's observation and info back
(:func:`~ecomstage_env.runner.vector.unbatch`, as ``play_vector`` does) and picks its
next action by the sub-env's ``case_id``, so the figure is the env, the transfer between
processes and the unbatching, and nothing of an agent. The step after an episode ends
only resets that sub-env (Gymnasium's next-step autoreset) and is not counted as a step
of the env. Besides steps/s, each mode's CPU time per counted step is measured, in the
main process and in its workers together (load-independent: what the mode costs, where
steps/s says what a loaded machine gave it). Prints one JSON line per sub-env count,
then a table with the target and the ratios. ``<mode>_idle_bound`` is the best ratio
the CPU times allow on idle cores: sync's CPU per step over the larger of the main
process's CPU per step and the total spread over every core. ``pool<K>_idle_estimate``
(with workers, one core each) is closer: the main process's CPU is timed by phase (its
own slice, reading the replies, the rest: see :func:`_phases`), and a step on idle cores
taken as its slice or the slowest worker's CPU, whichever is larger, plus the rest (the
timing costs the pool a few microseconds a step). The modes run the same episodes; the
script checks that their rewards match. The load average (1 min) and the usable cores
are printed beside the figures: with fewer free cores than processes, the parallel
modes gain less, and on a loaded machine the scheduler's share per process moves them.

On a loaded machine CPU times move too (caches shared with the other processes). Counted
instructions do not: ``--fixed-steps N --modes M`` plays exactly N vector steps of mode M
and nothing else, so under valgrind (which follows the forked workers, one output file
each)::

    valgrind --tool=callgrind --callgrind-out-file=cg.%p .venv/bin/python \
        benchmarks/vector_env.py --fixed-steps 300 --modes pool1

and the same with ``--fixed-steps 0``, give each process's instructions per vector step
(the difference of its ``totals:`` line, over N; the main process's file is the one
with the lowest pid). The kernel's share (pipes, wake-ups) is not counted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import time
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

import gymnasium as gym

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ecomstage
from ecomstage_env.runner.vector import unbatch

TARGET_RATIO = 1.0
"""A mode's steps/s over sync's that the target asks for (faster than sync)."""


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes have used so far (Linux's /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def make(name: str, mode: str, num_envs: int) -> Any:
    """The vector env of one mode."""
    if mode.startswith("pool"):
        workers = {"workers": int(mode[4:])} if mode[4:] else {}
        return gym.make_vec(
            ecomstage.env_id(name),
            num_envs=num_envs,
            vectorization_mode="vector_entry_point",
            **workers,
        )
    if mode == "async_pickled":  # observations through the pipes, not shared memory
        options: dict[str, Any] = {"shared_memory": False}
    elif mode == "async_limited":  # at most one sub-env stepping per core at a time
        options = {"max_concurrency": len(os.sched_getaffinity(0))}
    else:
        options = {}
    return gym.make_vec(
        ecomstage.env_id(name),
        num_envs=num_envs,
        vectorization_mode=mode.split("_")[0],
        vector_kwargs=options,
    )


def measure(
    name: str,
    mode: str,
    num_envs: int,
    seconds: float,
    plans: dict[str, list[Any]],
    vector_steps: int | None = None,
) -> tuple[float, list[float], tuple[float, float], int, float | None]:
    """Steps/s of one vector mode replaying the oracle's plans, its rewards in order, its
    CPU seconds per step (main process, workers), its worker processes, and for the pool
    with workers its CPU seconds per step on idle cores' critical path (see :func:`_phases`).

    With ``vector_steps``, exactly that many vector steps instead of ``seconds``' worth.
    """
    vec = make(name, mode, num_envs)
    pids = [p.pid for p in getattr(vec.unwrapped, "processes", [])]
    phases = _phases(vec.unwrapped) if pids and mode.startswith("pool") else None
    try:
        obs, infos = vec.reset(seed=0)
        cases = [i["case_id"] for i in unbatch(infos, num_envs)]
        pos = [0] * num_envs
        resetting = [False] * num_envs
        rewards: list[float] = []
        steps = 0
        cpu0, workers0 = time.process_time(), [_cpu_of([pid]) for pid in pids]
        if phases is not None:
            phases.update(slices=0.0, gather=0.0, rest=0.0)
        t0 = time.perf_counter()
        played = 0
        while (
            played < vector_steps
            if vector_steps is not None
            else time.perf_counter() - t0 < seconds
        ):
            played += 1
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
        main_cpu = time.process_time() - cpu0
        each_worker = [_cpu_of([pid]) - before for pid, before in zip(pids, workers0, strict=True)]
    finally:
        vec.close()
    steps = max(steps, 1)
    critical = None
    if phases is not None:  # the slices overlap; the main process's other work does not
        critical = max(phases["slices"], max(each_worker)) + phases["gather"] + phases["rest"]
        critical /= steps
    used = (main_cpu / steps, sum(each_worker) / steps)
    return steps / wall, rewards, used, len(pids), critical


def _phases(pool: Any) -> dict[str, float]:
    """CPU seconds of the pool's main process by phase, summed (set them to 0 to restart).

    ``slices``: from sending the workers their commands to gathering their replies (the
    send and the main process's own slice); ``gather``: reading and unpickling the
    replies (and any wait there); ``rest``: from then to the next send (stacking, copying,
    and the caller's own loop). On idle cores the slices run in parallel with the workers',
    so a vector step takes about ``max(slices, slowest worker) + gather + rest``.
    """
    sums = {"slices": 0.0, "gather": 0.0, "rest": 0.0}
    marks: dict[str, float] = {}
    send, gather = pool._send, pool._gather

    def timed_send(commands: Any) -> Any:
        marks["sent"] = now = time.process_time()
        if "gathered" in marks:
            sums["rest"] += now - marks.pop("gathered")
        return send(commands)

    def timed_gather(sent: Any) -> Any:
        now = time.process_time()
        sums["slices"] += now - marks["sent"]
        try:
            return gather(sent)
        finally:
            marks["gathered"] = time.process_time()
            sums["gather"] += marks["gathered"] - now

    pool._send, pool._gather = timed_send, timed_gather
    return sums


def run(args: argparse.Namespace, num_envs: int, plans: dict[str, list[Any]]) -> dict[str, Any]:
    """Every mode at one sub-env count, alternated over the rounds; the figures' row."""
    modes = args.modes.split(",")
    speed: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[tuple[float, float]]] = {m: [] for m in modes}
    loads: list[float] = []
    started: dict[str, list[int]] = {m: [] for m in modes}
    paths: dict[str, list[float]] = {m: [] for m in modes}
    same = True
    compared = 0
    for _ in range(args.rounds):  # alternated, so that every mode sees the same load
        rewards: dict[str, list[float]] = {}
        for mode in modes:
            sps, rewards[mode], used, workers, critical = measure(
                args.env, mode, num_envs, args.seconds, plans
            )
            started[mode].append(workers)
            if critical is not None:
                paths[mode].append(critical)
            speed[mode].append(sps)
            cpu[mode].append(used)
            loads.append(os.getloadavg()[0])
        n = min(len(r) for r in rewards.values())
        same = same and all(r[:n] == rewards[modes[0]][:n] for r in rewards.values())
        compared += n
    row: dict[str, Any] = {
        "env": args.env,
        "num_envs": num_envs,
        "cpu_cores": len(os.sched_getaffinity(0)),
        "load_1min": f"{min(loads):.1f}-{max(loads):.1f}",
    }
    if "pool" in modes:  # make_vec's default: as many as the load left idle cores for
        row["pool_workers"] = ",".join(map(str, started["pool"]))
    cores = row["cpu_cores"]
    sync_cpu = statistics.median(sum(c) for c in cpu["sync"]) if "sync" in cpu else None
    for mode in modes:
        row[f"{mode}_steps_per_s"] = round(statistics.median(speed[mode]))
        main_cpu = statistics.median(c[0] for c in cpu[mode])
        worker_cpu = statistics.median(c[1] for c in cpu[mode])
        row[f"{mode}_cpu_us_per_step"] = f"{main_cpu * 1e6:.0f}+{worker_cpu * 1e6:.0f}"
        if mode != "sync" and sync_cpu is not None:
            ratios = sorted(a / s for s, a in zip(speed["sync"], speed[mode], strict=True))
            row[f"{mode}_ratio"] = round(statistics.median(ratios), 2)
            row[f"{mode}_ratio_range"] = f"{ratios[0]:.2f}-{ratios[-1]:.2f}"
            # On idle cores a step takes at least the main process's CPU (it waits for
            # the workers, then stacks) and the total CPU spread over every core.
            bound = max(main_cpu, (main_cpu + worker_cpu) / cores)
            row[f"{mode}_idle_bound"] = round(sync_cpu / bound, 2)
            if paths[mode] and max(started[mode]) < cores:  # a core for each process
                # The slices' overlap as measured: what idle cores would give, no more.
                row[f"{mode}_idle_estimate"] = round(sync_cpu / statistics.median(paths[mode]), 2)
    row["target_ratio"] = TARGET_RATIO
    row["rewards_match"] = same
    row["compared_steps"] = compared
    return row


def _ping(conn: Any) -> None:
    """A child process that echoes every message until ``None``."""
    while (message := conn.recv()) is not None:
        conn.send(message)


def breakdown(name: str, num_envs: int, plans: dict[str, list[Any]]) -> dict[str, Any]:
    """Microseconds of each part of a vector step, measured alone (CPU time, one process).

    ``env``: one sub-env's step (or reset, after an episode). ``transfer``: pickling and
    unpickling one sub-env's step result (what the pool's pipes carry; the async env
    sends the same but the observation, which goes through shared memory). ``stack``: the vector env's own work per vector step (stacking
    the infos with their masks, concatenating and copying the observations), over
    ``num_envs``. ``unbatch``: the caller reading every sub-env back per vector step.
    ``round_trip``: wall time of a small message to a process and back (its wake-ups;
    this one depends on the load).
    """
    vec = gym.make_vec(ecomstage.env_id(name), num_envs=num_envs, vectorization_mode="sync")
    step_cpu = [0.0]

    def timed(inner: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            out = inner(*args, **kwargs)
            step_cpu[0] += time.process_time() - t
            return out

        return call

    for env in vec.unwrapped.envs:
        env.step, env.reset = timed(env.step), timed(env.reset)
    _, infos = vec.reset(seed=0)
    step_cpu[0] = 0.0
    cases = [i["case_id"] for i in unbatch(infos, num_envs)]
    pos, resetting = [0] * num_envs, [False] * num_envs
    results: list[Any] = []
    env_steps = vector_steps = 0
    total = unbatch_cpu = 0.0
    while env_steps < 3000:
        actions = ["" if resetting[i] else plans[cases[i]][pos[i]] for i in range(num_envs)]
        t = time.process_time()
        step = vec.step(tuple(actions))
        total += time.process_time() - t
        t = time.process_time()
        per_info = unbatch(step[4], num_envs)
        per_obs = unbatch(step[0], num_envs)
        unbatch_cpu += time.process_time() - t
        vector_steps += 1
        for i in range(num_envs):
            if resetting[i]:
                cases[i], pos[i], resetting[i] = per_info[i]["case_id"], 0, False
                continue
            env_steps += 1
            pos[i] += 1
            resetting[i] = bool(step[2][i] or step[3][i])
        if len(results) < 500:
            results.extend(
                (per_obs[i], step[1][i], False, False, per_info[i]) for i in range(num_envs)
            )
    vec.close()
    t = time.process_time()
    for result in results:
        ForkingPickler.loads(ForkingPickler.dumps(result))
    transfer = (time.process_time() - t) / len(results)
    parent, child = mp.Pipe()
    process = mp.Process(target=_ping, args=(child,), daemon=True)
    process.start()
    trips = []
    for _ in range(500):
        t = time.perf_counter()
        parent.send(("step", "x"))
        parent.recv()
        trips.append(time.perf_counter() - t)
    parent.send(None)
    process.join()
    calls = vector_steps * num_envs  # every sub-env is stepped or reset per vector step
    return {
        "env": name,
        "num_envs": num_envs,
        "load_1min": round(os.getloadavg()[0], 1),
        "env_us": round(step_cpu[0] / calls * 1e6),
        "transfer_us": round(transfer * 1e6),
        "stack_us_per_env": round((total - step_cpu[0]) / calls * 1e6),
        "unbatch_us_per_env": round(unbatch_cpu / calls * 1e6),
        "round_trip_us": round(statistics.median(trips) * 1e6),
    }


def main() -> None:
    from env_throughput import oracle_plans

    ap = argparse.ArgumentParser()
    ap.add_argument("--env", default="merchant_promotion")
    ap.add_argument("--num-envs", default="8", help="sub-envs, or a comma list (2,4,8)")
    ap.add_argument("--seconds", type=float, default=2.0, help="per mode and round")
    ap.add_argument("--rounds", type=int, default=3, help="every mode, this many times")
    ap.add_argument(
        "--modes",
        default="sync,async,pool,pool0,pool1",
        help="comma list of modes (pool: make_vec's default workers; pool<K>: K workers)",
    )
    ap.add_argument(
        "--breakdown", action="store_true", help="also time each part of a vector step alone"
    )
    ap.add_argument(
        "--fixed-steps",
        type=int,
        help="only play this many vector steps of each mode (for instruction counts)",
    )
    args = ap.parse_args()
    plans = oracle_plans(ecomstage.make(args.env))
    if args.fixed_steps is not None:
        for n in args.num_envs.split(","):
            for mode in args.modes.split(","):
                _, rewards, _, workers, _ = measure(
                    args.env, mode, int(n), 0.0, plans, vector_steps=args.fixed_steps
                )
                print(
                    f"{mode}: {args.fixed_steps} vector steps of {n} sub-envs"
                    f" ({len(rewards)} counted), {workers} workers"
                )
        return
    if args.breakdown:
        for n in args.num_envs.split(","):
            print(json.dumps(breakdown(args.env, int(n), plans)))
    rows = [run(args, int(n), plans) for n in args.num_envs.split(",")]
    for row in rows:
        print(json.dumps(row))
    skip = {"compared_steps", "target_ratio", "cpu_cores"}
    cols = [c for c in rows[0] if c not in skip and "ratio_range" not in c]
    print(
        f"cores: {rows[0]['cpu_cores']}; target: ratio >= {TARGET_RATIO} (faster than sync);"
        " cpu_us_per_step: main process + workers"
    )
    print("  ".join(f"{c:>{max(len(c), 6)}}" for c in cols))
    for row in rows:
        print("  ".join(f"{row[c]!s:>{max(len(c), 6)}}" for c in cols))
    if not all(row["rewards_match"] for row in rows):
        raise SystemExit("the modes' rewards differ")


if __name__ == "__main__":
    main()

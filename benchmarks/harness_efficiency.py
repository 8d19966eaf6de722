"""Harness efficiency: how close the runner comes to the throughput a model server allows.

Run: .venv/bin/python benchmarks/harness_efficiency.py [--latency-ms 50]
     [--concurrency 1,8,64,256] [--agents openai,openai-sdk,langchain]
     [--env intent_recognition,merchant_promotion] [--calls 600] [--seconds 4] [--no-ceiling]
     [--breakdown]

A local OpenAI-compatible server (its own process, asyncio, HTTP/1.1 keep-alive) answers
every chat completion after a fixed injected latency ``L``. With ``C`` episodes in
flight, an ideal harness completes ``C / L`` model calls per second; efficiency is the
calls per second the runner achieved (``run_evaluation`` with ``concurrency=C``, no run
directory) over that ideal. The server is measured alone first (a bare asyncio client at
the highest concurrency, no injected latency): its ceiling is printed so that it is
never mistaken for the harness's bottleneck; so is the efficiency of tasks that only
sleep the latency on the runner's loop (what any harness could reach on this machine
now) and of bare keep-alive clients against the server with its latency (what any HTTP
client could reach), and each row gives the server's CPU per call.

Where the time goes: ``no-http`` is the runner and the env with an agent that only
sleeps the latency (no client, no server): the env, the recording and the loop. The
``openai`` row minus the ``no-http`` row is the agent and its HTTP client.
``cpu_bound`` is the efficiency the harness's own CPU would allow on a core of its own
(its process is one event loop: at most 1 / CPU-per-call calls per second). On shared
cores a process gets about its fair share of them (2 cores and a load of 7: about a
quarter of a core each), so there the efficiency is about that share over
``cpu_ms_per_call`` x the ideal calls per second: only less CPU per call moves it.

Each measurement makes at least ``--calls`` calls and enough for ``--seconds`` of ideal
run time (at C = 256, 600 calls are 0.12 s: making the envs would be most of it). The
wall time is the whole ``run_evaluation``, env making included; ``steady`` is the
efficiency between the server's first and last request (the run's ramp-up and
teardown left out), for telling the harness's per-call cost from its fixed cost. One
short evaluation first warms the agent (imports, a connection). ``openai`` is the
``openai:`` agent as users get it (its lean HTTP path when aiohttp is installed);
``openai-sdk`` the same agent with ``http="sdk"`` (every call through
``openai.AsyncOpenAI``); ``openai-aiohttp`` its lean path through aiohttp even for a
plain ``http://`` endpoint (as before the direct path: for comparing the two in the
same minutes). ``cpu_ms_per_call`` is the harness process's CPU time per
call (the server runs in its own process); on a loaded machine it is the steadier
figure, as the wall time also counts other processes' turns on the cores.

``--breakdown`` adds to each row where a call's time goes (:func:`breakdown`: per call
as the agent sees it - before the send, the HTTP call, after the reply, between two
calls of a worker - and as the server sees it - its own queue, the time a connection is
at the client; the means of the request and reply paths, by the clock both share): the
time over the injected latency is waiting when it sits in the paths while the CPU per
call is small.

Every reply is the same short text, which the envs take as a (wrong) stage answer: each
episode makes one call per stage, so the work is the harness's - prompt building,
the HTTP client, parsing, stepping, scoring - and not the model's. Prints one JSON
line per measurement, then a table with the target and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing as mp
import os
import socket
import time
from typing import Any

TARGETS = {"intent_recognition": 0.9, "merchant_promotion": 0.8}
"""Efficiency at concurrency 64 the ``openai:`` agent should reach (issue 17)."""

_BODY = json.dumps(
    {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "1"},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 1, "total_tokens": 101},
    }
).encode()
_RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
    + str(len(_BODY)).encode()
    + b"\r\nConnection: keep-alive\r\n\r\n"
    + _BODY
)


def _serve(
    port: int,
    latency: float,
    ready: Any,
    count: Any,
    first: Any,
    last: Any,
    cpu: Any,
    log: tuple[Any, Any, Any, Any] | None = None,
) -> None:
    """Server process: answer each request after ``latency`` seconds; count the requests.

    ``first`` and ``last`` get the ``time.monotonic()`` of the first and latest request,
    ``cpu`` the server process's CPU seconds as of its latest answer. With ``log``
    (``(logged, conn, received, answered)``: a counter and three shared arrays), each
    request's connection number, the time its body was read and the time its reply was
    written are kept, up to the arrays' length (for ``--breakdown``).
    """
    conns = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal conns
        conns += 1
        conn = conns
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                now = time.monotonic()
                if not first.value:
                    first.value = now
                last.value = now
                slot = -1
                if log is not None and log[0].value < len(log[1]):
                    slot = log[0].value
                    log[0].value += 1
                    log[1][slot], log[2][slot] = conn, now
                if latency:
                    await asyncio.sleep(latency)
                with count.get_lock():
                    count.value += 1
                cpu.value = time.process_time()
                writer.write(_RESPONSE)
                if log is not None and slot >= 0:
                    log[3][slot] = time.monotonic()
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class Server:
    """The latency-injecting server in a child process (so it has its own GIL)."""

    def __init__(self, latency: float, log: int = 0) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        ctx = mp.get_context("spawn")
        self.count = ctx.Value("q", 0)
        self.first = ctx.Value("d", 0.0, lock=False)
        self.last = ctx.Value("d", 0.0, lock=False)
        self.cpu = ctx.Value("d", 0.0, lock=False)
        self.log = (
            (
                ctx.Value("q", 0, lock=False),
                ctx.Array("q", log, lock=False),
                ctx.Array("d", log, lock=False),
                ctx.Array("d", log, lock=False),
            )
            if log
            else None
        )
        ready = ctx.Event()
        self.proc = ctx.Process(
            target=_serve,
            args=(self.port, latency, ready, self.count, self.first, self.last, self.cpu, self.log),
        )
        self.proc.start()
        if not ready.wait(30):
            raise RuntimeError("the benchmark server did not start")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def calls(self) -> int:
        return int(self.count.value)

    def cpu_seconds(self) -> float:
        """The server process's CPU time as of its latest answer."""
        return float(self.cpu.value)

    def reset_clock(self) -> None:
        """Forget the first and last request times and the log (after a warm-up)."""
        self.first.value = self.last.value = 0.0
        if self.log is not None:
            self.log[0].value = 0

    def logged(self) -> list[tuple[int, float, float]]:
        """``(connection, received, answered)`` of each request logged since the reset."""
        if self.log is None:
            return []
        n = self.log[0].value
        return list(zip(self.log[1][:n], self.log[2][:n], self.log[3][:n], strict=True))

    def span(self) -> float:
        """Seconds between the first and the latest request since :meth:`reset_clock`."""
        return float(self.last.value - self.first.value)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.join(10)


def server_ceiling(concurrency: int, seconds: float = 3.0, latency: float = 0.0) -> float:
    """Requests/s the server answers to bare keep-alive clients (no env, no agent).

    With no ``latency`` the server's own ceiling; with the run's latency, what any HTTP
    client reaches against it on this machine now (divide by ``concurrency / latency``
    for its efficiency).
    """
    server = Server(latency)
    request = (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 2\r\n\r\n{}"
    )

    async def client(stop: float) -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        n = 0
        while time.perf_counter() < stop:
            writer.write(request)
            await reader.readuntil(b"\r\n\r\n")
            await reader.readexactly(len(_BODY))
            n += 1
        writer.close()
        return n

    async def main() -> int:
        stop = time.perf_counter() + seconds
        return sum(await asyncio.gather(*(client(stop) for _ in range(concurrency))))

    try:
        t = time.perf_counter()
        n = asyncio.run(main())
        return n / (time.perf_counter() - t)
    finally:
        server.close()


class NoHttpAgent:
    """The harness without HTTP: answers the benchmark server's text after ``latency``.

    Async like the ``openai:`` agent, with no client, request or reply: what the runner,
    the env and the event loop cost per call, measured the same way.
    """

    name = "no-http"

    def __init__(self, latency: float) -> None:
        self.latency = latency

    def reset(self) -> None:
        """Nothing to forget between episodes."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> str:
        """The benchmark server's answer, after the latency (the runner's path at 1)."""
        time.sleep(self.latency)
        return "1"

    async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> str:
        """The benchmark server's answer, after the server's latency."""
        await asyncio.sleep(self.latency)
        return "1"


def sleep_ceiling(concurrency: int, latency: float, seconds: float = 3.0) -> float:
    """Efficiency of tasks that do nothing but wait ``latency``, on the runner's loop.

    ``concurrency`` tasks each sleep ``latency`` in a loop for ``seconds``: no env, no
    client, no server. What any harness could reach in this process on this machine now
    (on shared cores, each wake-up waits for a core: that, not the harness, can bound
    the efficiency).
    """
    from ecomstage_env.runner.run import _run_async

    done = 0

    async def task(stop: float) -> None:
        nonlocal done
        while time.perf_counter() < stop:
            await asyncio.sleep(latency)
            done += 1

    async def main() -> None:
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(task(stop) for _ in range(concurrency)))

    t = time.perf_counter()
    _run_async(main())
    return done / (time.perf_counter() - t) / (concurrency / latency)


class CallLog:
    """Times each model call as the agent sees it, for :func:`breakdown`.

    Wraps the agent's ``aact`` (and its ``_acreate_once``, the request itself, where it
    has one) on the instance: per call, when ``aact`` was entered, when the first
    request was sent and its reply returned, and when ``aact`` returned, with the task
    (the runner's worker) it ran on. ``time.monotonic()``, the clock the server logs by.
    """

    def __init__(self, agent: Any) -> None:
        self.calls: list[list[Any]] = []
        self._open: dict[int, list[Any]] = {}
        aact = agent.aact
        once: Any = getattr(agent, "_acreate_once", None)

        async def timed_aact(obs: dict[str, str], info: dict[str, Any]) -> Any:
            task = id(asyncio.current_task())
            rec = [task, time.monotonic(), None, None, None]
            self._open[task] = rec
            try:
                return await aact(obs, info)
            finally:
                rec[4] = time.monotonic()
                self.calls.append(rec)

        async def timed_once(*args: Any) -> Any:
            rec = self._open[id(asyncio.current_task())]
            first = rec[2] is None
            if first:
                rec[2] = time.monotonic()
            result = await once(*args)
            if first:
                rec[3] = time.monotonic()
            return result

        agent.aact = timed_aact
        if once is not None:
            agent._acreate_once = timed_once


def _stats(values: list[float]) -> dict[str, float]:
    """Mean and percentiles of ``values`` (seconds), in ms."""
    import statistics

    if len(values) < 2:
        return {}
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "n": len(values),
        "mean": round(1000 * statistics.fmean(values), 3),
        "p10": round(1000 * q[9], 3),
        "p50": round(1000 * q[49], 3),
        "p90": round(1000 * q[89], 3),
        "p99": round(1000 * q[98], 3),
    }


def breakdown(
    log: CallLog, served: list[tuple[int, float, float]], latency: float
) -> dict[str, Any]:
    """Where a call's time goes beyond the injected latency, in ms per call.

    Per call, from the agent's side: ``before_send`` (``aact`` entered to the request
    handed to the HTTP client: the prompt and the body), ``http`` (handed over to its
    reply returned, the latency included), ``after_reply`` (the reply to the agent's
    step) and ``between_calls`` (``aact`` returned to the same worker's next ``aact``:
    the env's step, the record, and the loop's other tasks). From the server's side:
    ``server_extra`` (the request read to the reply written, less the latency: its
    queue) and ``at_client`` (a reply written to the same connection's next request
    read: the whole client side of a call). The server's clock is the agent's
    (``time.monotonic()`` is system-wide), so the means split ``http``:
    ``request_path`` (handed over to read by the server: the client's send, the wire,
    the server's turn to read) and ``reply_path`` (written to returned: the wire, the
    client's turn to read, the HTTP client's own awaits). ``cycle`` is a worker's time
    per call: the latency over it is the steady efficiency the worker reaches.
    """
    import statistics

    calls = [c for c in log.calls if c[4] is not None]
    by_task: dict[int, list[list[Any]]] = {}
    for c in calls:
        by_task.setdefault(c[0], []).append(c)
    between: list[float] = []
    cycle: list[float] = []
    for rows in by_task.values():
        rows.sort(key=lambda c: c[1])
        between += [b[1] - a[4] for a, b in itertools.pairwise(rows)]
        cycle += [b[1] - a[1] for a, b in itertools.pairwise(rows)]
    sent = [c for c in calls if c[2] is not None and c[3] is not None]
    out: dict[str, Any] = {
        "before_send": _stats([c[2] - c[1] for c in sent]),
        "http": _stats([c[3] - c[2] for c in sent]),
        "after_reply": _stats([c[4] - c[3] for c in sent]),
        "between_calls": _stats(between),
        "cycle": _stats(cycle),
    }
    done = [s for s in served if s[2] > 0]
    out["server_extra"] = _stats([s[2] - s[1] - latency for s in done])
    by_conn: dict[int, list[tuple[int, float, float]]] = {}
    for s in done:
        by_conn.setdefault(s[0], []).append(s)
    out["at_client"] = _stats(
        [b[1] - a[2] for rows in by_conn.values() for a, b in itertools.pairwise(rows)]
    )
    if sent and done and len(sent) == len(done):
        # The same calls on both sides (no retries): means of differences are
        # differences of means, whichever call was which.
        out["request_path_mean"] = round(
            1000 * (statistics.fmean(s[1] for s in done) - statistics.fmean(c[2] for c in sent)),
            3,
        )
        out["reply_path_mean"] = round(
            1000 * (statistics.fmean(c[3] for c in sent) - statistics.fmean(s[2] for s in done)),
            3,
        )
    out["connections"] = len(by_conn)
    return out


def measure(
    agent_kind: str,
    env: str,
    concurrency: int,
    latency: float,
    calls: int,
    seconds: float,
    *,
    split: bool = False,
) -> dict[str, Any]:
    """Run ``env`` with the agent against the server; return calls/s and efficiency.

    With ``split``, the row also gets the :func:`breakdown` of a call's time (the
    instrumentation costs some CPU per call: compare efficiencies without it).
    """
    import ecomstage
    from ecomstage_env.agents import make_agent
    from ecomstage_env.runner.run import run_evaluation

    server = Server(latency, log=200_000 if split else 0)
    try:
        opts: dict[str, Any] = {"base_url": server.base_url, "api_key": "bench"}
        agent: Any
        if agent_kind == "no-http":
            agent = NoHttpAgent(latency)
        elif agent_kind == "langchain":
            agent = make_agent("langchain:openai:bench", max_retries=0, **opts)
        else:
            if agent_kind == "openai-sdk":
                opts["http"] = "sdk"
            agent = make_agent("openai:bench", max_retries=0, **opts)
            if agent_kind == "openai-aiohttp":
                if agent._lean is None:
                    raise SystemExit("openai-aiohttp needs aiohttp installed")
                agent._lean.direct = False
        stages = len(ecomstage.env_metadata(env)["stages"])
        n_cases = len(ecomstage.case_ids(env))
        run_evaluation([agent], [env], limit=2, concurrency=2)  # warm-up
        log = CallLog(agent) if split else None
        ideal = concurrency / latency
        calls = max(calls, int(ideal * seconds))
        # Enough episodes for ``calls`` model calls; trials repeat the cases as needed.
        episodes = max(concurrency * 3, calls // stages)
        trials = max(1, -(-episodes // n_cases))
        before, server_cpu = server.calls(), server.cpu_seconds()
        server.reset_clock()
        cpu0, t0 = time.process_time(), time.perf_counter()
        records = run_evaluation([agent], [env], trials=trials, concurrency=concurrency)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        made, span = server.calls() - before, server.span()
        server_cpu = server.cpu_seconds() - server_cpu
        served = server.logged()
    finally:
        server.close()
    if agent_kind == "no-http":
        made = sum(r.result.steps for r in records)  # its calls never reach the server
        # Its steady span: from the first episode's start to the last one's end.
        span = max(r.started + r.seconds for r in records) - min(r.started for r in records)
    failed = sum(1 for r in records if r.failed)
    row = {
        "agent": agent_kind,
        "env": env,
        "concurrency": concurrency,
        "latency_ms": latency * 1000,
        "episodes": len(records),
        "failed": failed,
        "calls": made,
        "seconds": round(wall, 2),
        "calls_per_s": round(made / wall, 1),
        "ideal_calls_per_s": round(ideal, 1),
        "efficiency": round(made / wall / ideal, 3),
        "steady": round((made - 1) / span / ideal, 3) if span > 0 else None,
        "cpu_ms_per_call": round(1000 * cpu / max(made, 1), 3),
        "server_cpu_ms_per_call": (
            round(1000 * server_cpu / max(made, 1), 3) if agent_kind != "no-http" else None
        ),
        # What the harness's CPU alone allows: its process is one thread (one event loop),
        # so it makes at most 1 / (CPU per call) calls per second on a core of its own.
        "cpu_bound": round(made / cpu / ideal, 2) if cpu > 0 else None,
        "load": round(os.getloadavg()[0], 1),
    }
    if log is not None:
        row["breakdown"] = breakdown(log, served, latency)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--concurrency", default="1,8,64,256")
    parser.add_argument(
        "--agents",
        default="openai,openai-sdk,langchain",
        help="and no-http (no client at all), openai-aiohttp (the lean path through aiohttp)",
    )
    parser.add_argument("--env", default="intent_recognition,merchant_promotion")
    parser.add_argument("--calls", type=int, default=600, help="model calls per measurement")
    parser.add_argument(
        "--seconds", type=float, default=4.0, help="and at least this much ideal run time"
    )
    parser.add_argument("--no-ceiling", action="store_true", help="skip measuring the server alone")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also time each call's parts (agent and server side; costs some CPU per call)",
    )
    args = parser.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "bench")
    levels = [int(c) for c in args.concurrency.split(",")]
    latency = args.latency_ms / 1000

    ceiling = 0.0 if args.no_ceiling else server_ceiling(max(levels))
    print(json.dumps({"server_ceiling_calls_per_s": round(ceiling, 1), "clients": max(levels)}))
    sleeping = {} if args.no_ceiling else {c: sleep_ceiling(c, latency) for c in levels}
    if sleeping:
        print(json.dumps({"sleep_ceiling": {c: round(e, 3) for c, e in sleeping.items()}}))
    bare = (
        {}
        if args.no_ceiling
        else {c: server_ceiling(c, latency=latency) / (c / latency) for c in levels}
    )
    if bare:
        print(json.dumps({"bare_client_ceiling": {c: round(e, 3) for c, e in bare.items()}}))
    rows = []
    for kind in args.agents.split(","):
        for env in args.env.split(","):
            for c in levels:
                row = measure(kind, env, c, latency, args.calls, args.seconds, split=args.breakdown)
                print(json.dumps(row), flush=True)
                rows.append(row)

    if ceiling:
        print(f"\nserver alone: {ceiling:,.0f} calls/s at {max(levels)} connections (no latency)")
        print(
            "tasks that only sleep the latency, on the runner's loop: efficiency "
            + ", ".join(f"{e:.2f} at {c}" for c, e in sleeping.items())
            + f" (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        print(
            "bare keep-alive clients against the server with its latency (no env, no "
            "agent): efficiency " + ", ".join(f"{e:.2f} at {c}" for c, e in bare.items())
        )
    print(
        "| agent | env | concurrency | calls/s | ideal | efficiency | steady | CPU ms/call "
        "| server CPU ms/call | CPU bound | load | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        target = TARGETS.get(r["env"]) if r["concurrency"] == 64 else None
        tgt = f">= {target} (ratio {r['efficiency'] / target:.2f})" if target else ""
        print(
            f"| {r['agent']} | {r['env']} | {r['concurrency']} | {r['calls_per_s']:,.0f} | "
            f"{r['ideal_calls_per_s']:,.0f} | {r['efficiency']:.2f} | {r['steady']} | "
            f"{r['cpu_ms_per_call']} | {r['server_cpu_ms_per_call']} | {r['cpu_bound']} | "
            f"{r['load']} | {tgt} |"
        )
    split = [r for r in rows if r.get("breakdown")]
    if split:
        print(
            "\nwhere a call's time goes, ms (mean; p50 where given): the latency, then the "
            "request path (handed to the client -> read by the server), the server's queue, "
            "the reply path (written -> back in the agent), the agent's own work and the "
            "worker's time between two calls (env step, record, other tasks)"
        )
        print("| agent | cycle | request path | server queue | reply path | agent work | between |")
        print("|---|---|---|---|---|---|---|")
        for r in split:
            b = r["breakdown"]

            def cell(key: str, b: dict[str, Any] = b) -> str:
                v = b.get(key) or {}
                return f"{v['mean']:.2f} (p50 {v['p50']:.2f})" if v else "-"

            work = [b[k]["mean"] for k in ("before_send", "after_reply") if b.get(k)]
            print(
                f"| {r['agent']} | {cell('cycle')} | {b.get('request_path_mean', '-')} | "
                f"{cell('server_extra')} | {b.get('reply_path_mean', '-')} | "
                f"{round(sum(work), 3) if work else '-'} | {cell('between_calls')} |"
            )


if __name__ == "__main__":
    main()

"""Harness efficiency: how close the runner comes to the throughput a model server allows.

Run: .venv/bin/python benchmarks/harness_efficiency.py [--latency-ms 50]
     [--concurrency 1,8,64,256] [--agents openai,openai-sdk,langchain]
     [--env intent_recognition,merchant_promotion] [--calls 600] [--seconds 4] [--no-ceiling]

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
``openai.AsyncOpenAI``). ``cpu_ms_per_call`` is the harness process's CPU time per
call (the server runs in its own process); on a loaded machine it is the steadier
figure, as the wall time also counts other processes' turns on the cores.

Every reply is the same short text, which the envs take as a (wrong) stage answer: each
episode makes one call per stage, so the work is the harness's - prompt building,
the HTTP client, parsing, stepping, scoring - and not the model's. Prints one JSON
line per measurement, then a table with the target and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
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
    port: int, latency: float, ready: Any, count: Any, first: Any, last: Any, cpu: Any
) -> None:
    """Server process: answer each request after ``latency`` seconds; count the requests.

    ``first`` and ``last`` get the ``time.monotonic()`` of the first and latest request,
    ``cpu`` the server process's CPU seconds as of its latest answer.
    """

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
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
                if latency:
                    await asyncio.sleep(latency)
                with count.get_lock():
                    count.value += 1
                cpu.value = time.process_time()
                writer.write(_RESPONSE)
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

    def __init__(self, latency: float) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        ctx = mp.get_context("spawn")
        self.count = ctx.Value("q", 0)
        self.first = ctx.Value("d", 0.0, lock=False)
        self.last = ctx.Value("d", 0.0, lock=False)
        self.cpu = ctx.Value("d", 0.0, lock=False)
        ready = ctx.Event()
        self.proc = ctx.Process(
            target=_serve,
            args=(self.port, latency, ready, self.count, self.first, self.last, self.cpu),
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
        """Forget the first and last request times (after a warm-up)."""
        self.first.value = self.last.value = 0.0

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


def measure(
    agent_kind: str, env: str, concurrency: int, latency: float, calls: int, seconds: float
) -> dict[str, Any]:
    """Run ``env`` with the agent against the server; return calls/s and efficiency."""
    import ecomstage
    from ecomstage_env.agents import make_agent
    from ecomstage_env.runner.run import run_evaluation

    server = Server(latency)
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
        stages = len(ecomstage.env_metadata(env)["stages"])
        n_cases = len(ecomstage.case_ids(env))
        run_evaluation([agent], [env], limit=2, concurrency=2)  # warm-up
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
    finally:
        server.close()
    if agent_kind == "no-http":
        made = sum(r.result.steps for r in records)  # its calls never reach the server
        # Its steady span: from the first episode's start to the last one's end.
        span = max(r.started + r.seconds for r in records) - min(r.started for r in records)
    failed = sum(1 for r in records if r.failed)
    return {
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--concurrency", default="1,8,64,256")
    parser.add_argument(
        "--agents", default="openai,openai-sdk,langchain", help="and no-http (no client at all)"
    )
    parser.add_argument("--env", default="intent_recognition,merchant_promotion")
    parser.add_argument("--calls", type=int, default=600, help="model calls per measurement")
    parser.add_argument(
        "--seconds", type=float, default=4.0, help="and at least this much ideal run time"
    )
    parser.add_argument("--no-ceiling", action="store_true", help="skip measuring the server alone")
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
                row = measure(kind, env, c, latency, args.calls, args.seconds)
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


if __name__ == "__main__":
    main()

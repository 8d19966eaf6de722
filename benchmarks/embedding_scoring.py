"""Embedding scoring through the env against the raw batched encode, against the target.

Run: .venv/bin/python benchmarks/embedding_scoring.py [--episodes N] [--repeats R]

presale_inquiry grades its answer by required facts and, once every fact is stated, by
the embedding cosine to the reference (``presale_points``, ``similarity = 0.2``). This
script plays the oracle on ``--episodes`` cases up to the answer, with the answer
reworded ("Thanks for asking. " before the oracle's text, so that it is no longer the
reference itself), then times, ``--repeats`` times:

- raw: one batched :meth:`Embedder.encode` call on the N answers;
- concurrent: the N answer steps (``env.step``) of N envs at once, one thread each, as
  ``run_evaluation(concurrency=N)`` plays episodes (threads): parsing, fact checks and
  the embedding cosine, everything an episode's answer costs. The Embedder embeds the
  texts that threads ask for meanwhile in one forward pass (``forward_passes``);
- sequential: the same N steps one after another (concurrency 1, a sync vector env):
  one forward pass per answer, which no scorer can batch.

Each repeat starts with the answers' embeddings forgotten (the references stay: they
are embedded once per case, as in a long run). The figure is answers per second; the
target is the env's at 0.9 of the raw encode's (issue 17), met by the concurrent path.
Torch runs on ``--torch-threads`` threads (default 1, as ``make demo`` runs models).
Prints one JSON line per mode, then a table. Timings on a shared machine vary: the
ratios of each round are taken in the same round (``ratio_range``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import ecomstage
from ecomstage_env.runner.episode import agent_info
from ecomstage_env.scoring.embedding import Embedder, get_embedder
from ecomstage_env.stages import unwrap_action

ENV = "presale_inquiry"
TARGET_RATIO = 0.9
PREFIX = "Thanks for asking. "


class Prepared:
    """An env and the oracle's actions on one case, its answer reworded."""

    def __init__(self, case_id: str, before: list[Any], answer: dict[str, Any]) -> None:
        self.env = ecomstage.make(ENV)
        self.case_id = case_id
        self.before = before
        self.answer = answer

    def replay(self) -> None:
        """Play the actions before the answer (the env then waits for the answer)."""
        self.env.reset(seed=0, options={"case_id": self.case_id})
        for action in self.before:
            self.env.step(action)


def prepared_episodes(n: int) -> list[Prepared]:
    """``n`` episodes (cases in order, again from the first when there are fewer)."""
    env = ecomstage.make(ENV)
    plans: list[Prepared] = []
    cases: list[Any] = env.unwrapped.cases  # type: ignore[attr-defined]
    for case in cases:
        agent = ecomstage.OracleAgent()
        obs, info = env.reset(seed=0, options={"case_id": case.case_id})
        agent.reset()
        before: list[Any] = []
        while True:
            action, _, _ = unwrap_action(agent.act(obs, agent_info(env, agent, info)))
            if isinstance(action, dict) and isinstance(action.get("answer"), str):
                answer = {**action, "answer": PREFIX + action["answer"]}
                plans.append(Prepared(case.case_id, before, answer))
                break
            obs, _, terminated, truncated, info = env.step(action)
            before.append(action)
            if terminated or truncated:
                break
        if len(plans) == n:
            break
    return [
        plans[k % len(plans)] if k < len(plans) else _again(plans[k % len(plans)]) for k in range(n)
    ]


def _again(p: Prepared) -> Prepared:
    return Prepared(p.case_id, p.before, p.answer)


def _forget(embedder: Embedder, texts: list[str]) -> None:
    forget = getattr(embedder, "forget", None)
    if forget is not None:
        forget(texts)
    else:  # an Embedder from before forget() existed
        for t in texts:
            embedder._cache.pop(t, None)


def _similarity_scored(results: list[Any]) -> int:
    return sum("similarity" in r[4]["stage_score"].details.get("answer", {}) for r in results)


def measure(n: int, repeats: int) -> list[dict[str, Any]]:
    """Answers/s of the raw batched encode, and of the env's answer steps both ways."""
    embedder = get_embedder()
    episodes = prepared_episodes(n)
    texts = [p.answer["answer"] for p in episodes]
    model = embedder._load()  # load the model outside the timings
    passes = [0]
    counting = threading.Lock()
    forward = model.encode

    def counted(*args: Any, **kwargs: Any) -> Any:
        with counting:
            passes[0] += 1
        return forward(*args, **kwargs)

    model.encode = counted
    pool = ThreadPoolExecutor(max_workers=len(episodes))
    rates: dict[str, list[float]] = {"raw": [], "concurrent": [], "sequential": []}
    forward_passes: dict[str, list[int]] = {"concurrent": [], "sequential": []}
    scored: dict[str, int] = {}
    for r in range(repeats + 1):  # the first round fills the references' memo: untimed
        _forget(embedder, texts)
        t = time.perf_counter()
        embedder.encode(texts)
        raw = time.perf_counter() - t

        # concurrent: one thread per episode, as run_evaluation(concurrency=N) plays them
        _forget(embedder, texts)
        for p in episodes:
            p.replay()
        gate = threading.Barrier(len(episodes) + 1)

        def answer(p: Prepared, gate: threading.Barrier = gate) -> Any:
            gate.wait()
            return p.env.step(p.answer)

        passes[0] = 0
        futures = [pool.submit(answer, p) for p in episodes]
        gate.wait()
        t = time.perf_counter()
        results = [f.result() for f in futures]
        concurrent = time.perf_counter() - t
        concurrent_passes = passes[0]
        scored["concurrent"] = _similarity_scored(results)

        # sequential: one episode after another (concurrency 1, a sync vector env)
        _forget(embedder, texts)
        for p in episodes:
            p.replay()
        passes[0] = 0
        t = time.perf_counter()
        results = [p.env.step(p.answer) for p in episodes]
        sequential = time.perf_counter() - t
        scored["sequential"] = _similarity_scored(results)
        if r == 0:
            continue
        rates["raw"].append(len(texts) / raw)
        rates["concurrent"].append(len(texts) / concurrent)
        rates["sequential"].append(len(texts) / sequential)
        forward_passes["concurrent"].append(concurrent_passes)
        forward_passes["sequential"].append(passes[0])
    pool.shutdown()
    model.encode = forward
    raw_rate = statistics.median(rates["raw"])
    rows = []
    for mode in ("concurrent", "sequential"):
        ratios = [e / r for e, r in zip(rates[mode], rates["raw"], strict=True)]
        rows.append(
            {
                "env": ENV,
                "mode": mode,
                "episodes": len(texts),
                "similarity_scored": scored[mode],
                "forward_passes": statistics.median(forward_passes[mode]),
                "raw_answers_per_s": round(raw_rate, 1),
                "env_answers_per_s": round(statistics.median(rates[mode]), 1),
                "ratio": round(statistics.median(ratios), 3),
                "ratio_range": [round(min(ratios), 3), round(max(ratios), 3)],
                "target_ratio": TARGET_RATIO,
                "model": embedder.name,
                "torch_threads": _torch_threads(),
            }
        )
    return rows


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--episodes", type=int, default=32, help="answers scored at once")
    ap.add_argument("--repeats", type=int, default=5, help="timed rounds (median reported)")
    ap.add_argument(
        "--torch-threads",
        type=int,
        default=1,
        help="torch intra-op threads (default 1: on a shared 2-core machine two threads "
        "wait on each other, measured 2-10x slower)",
    )
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.torch_threads)
    rows = measure(args.episodes, args.repeats)
    for row in rows:
        print(json.dumps(row))
    cols = [
        ("env", 16),
        ("mode", 10),
        ("episodes", 8),
        ("forward_passes", 14),
        ("raw_answers_per_s", 17),
        ("env_answers_per_s", 17),
        ("ratio", 6),
        ("target_ratio", 12),
    ]
    print("  ".join(f"{c:>{w}}" for c, w in cols))
    for row in rows:
        print("  ".join(f"{row[c]!s:>{w}}" for c, w in cols))


if __name__ == "__main__":
    main()

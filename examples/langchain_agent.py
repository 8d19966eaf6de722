"""A LangChain chat model as the agent, step by step and as a LangGraph loop.

    python examples/langchain_agent.py --base-url http://localhost:8000/v1 --model my-model

Any BaseChatModel works (ChatOllama, ChatAnthropic, ...); ChatOpenAI reaches every
OpenAI-compatible server.
"""

from __future__ import annotations

import argparse

from langchain_openai import ChatOpenAI

import ecomstage
from ecomstage_env.agents.langchain_agent import LangChainAgent
from ecomstage_env.agents.langgraph_loop import langgraph_episode
from ecomstage_env.runner import run_episode


def main(argv: list[str] | None = None) -> tuple[float, float]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--api-key", default="EMPTY")
    ap.add_argument("--model", required=True)
    ap.add_argument("--case", default=None, help="Case id (default: the one seed 0 picks).")
    args = ap.parse_args(argv)
    chat = ChatOpenAI(model=args.model, base_url=args.base_url, api_key=args.api_key, temperature=0)
    agent = LangChainAgent(chat)

    # 1. The agent in the ordinary step loop.
    plain = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=args.case, seed=0)
    # 2. The same episode as a LangGraph graph (agent node <-> env node).
    graph = langgraph_episode(
        ecomstage.make("merchant_promotion"), agent, case_id=args.case, seed=0
    )
    for label, r in (("step loop", plain), ("LangGraph", graph)):
        stages = ", ".join(f"{k} {v.value:.2f}" for k, v in r.stage_scores.items())
        print(f"{label}: total {r.total:.2f} ({stages}); {r.tool_calls} tool calls")
    return plain.total, graph.total


if __name__ == "__main__":
    main()

"""Evaluate a model behind any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, ...).

    # vLLM:   vllm serve Qwen/Qwen2.5-7B-Instruct   -> http://localhost:8000/v1
    # Ollama: ollama serve                          -> http://localhost:11434/v1
    python examples/openai_endpoint.py --base-url http://localhost:8000/v1 \\
        --model Qwen/Qwen2.5-7B-Instruct --env merchant_promotion,intent_recognition --limit 5

The same from the CLI: OPENAI_BASE_URL=... ecomstage evaluate --agent openai:<model> --env all
"""

from __future__ import annotations

import argparse

from rich import print as rprint

from ecomstage_env.agents.openai_agent import OpenAIAgent
from ecomstage_env.report import stage_table
from ecomstage_env.runner import evaluate


def main(argv: list[str] | None = None) -> float:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", default=None, help="default: $OPENAI_BASE_URL")
    ap.add_argument("--api-key", default=None, help="default: $OPENAI_API_KEY")
    ap.add_argument("--model", required=True)
    ap.add_argument("--env", default="merchant_promotion")
    ap.add_argument("--limit", type=int, default=3)
    args = ap.parse_args(argv)
    agent = OpenAIAgent(args.model, base_url=args.base_url, api_key=args.api_key)
    results = evaluate(agent, args.env.split(","), limit=args.limit)
    rprint(stage_table([(agent.name, r) for r in results], title=f"{agent.name} x100"))
    tokens = sum(u.prompt_tokens + u.completion_tokens for r in results for u in r.usage.values())
    print(f"{len(results)} episodes, {tokens} tokens")
    return sum(r.total for r in results) / len(results)


if __name__ == "__main__":
    main()

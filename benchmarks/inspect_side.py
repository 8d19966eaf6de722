"""inspect_ai's half of benchmarks/inspect_compare.py: run in a venv that has inspect_ai.

Reads the samples file written by inspect_compare.py, evaluates them with inspect_ai's
instant ``mockllm/model`` (its answer is the same fixed label ecomstage's instant agent
gives) and the ``match`` scorer, and prints one JSON line per logging mode with the
seconds ``eval()`` took (imports and interpreter start-up excluded, as on the ecomstage
side). mockllm counts tokens with tiktoken, which would download its encoding (there is
no network here): it counts ``len(text) // 4`` instead, which only makes inspect_ai faster.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from inspect_ai import Task, eval
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ModelOutput, get_model
from inspect_ai.model._providers.mockllm import MockLLM
from inspect_ai.scorer import match
from inspect_ai.solver import generate


async def _quick_count(self: MockLLM, text: str) -> int:
    return len(text) // 4


MockLLM.count_text_tokens = _quick_count  # type: ignore[method-assign]


def main() -> None:
    """Evaluate the samples with full logs and with the least logging inspect_ai allows."""
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    samples = [
        Sample(input=s["prompt"], target=s["target"], id=i) for i, s in enumerate(data["samples"])
    ]
    answer = data["answer"]
    for mode, kwargs in (
        ("full log", {}),
        ("least logging", {"log_samples": False, "log_realtime": False}),
    ):
        best, accuracy = float("inf"), None
        for _ in range(int(data.get("repeats", 3))):
            model = get_model(
                "mockllm/model",
                custom_outputs=(ModelOutput.from_content("mockllm", answer) for _ in iter(int, 1)),
            )
            task = Task(dataset=MemoryDataset(samples), solver=generate(), scorer=match())
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                (log,) = eval(task, model=model, log_dir=tmp, display="none", **kwargs)
                best = min(best, time.perf_counter() - t0)
            if log.status != "success":
                sys.exit(f"inspect_ai eval {log.status}: {log.error}")
            assert log.results is not None
            accuracy = log.results.scores[0].metrics["accuracy"].value
        row = {
            "mode": mode,
            "samples": len(samples),
            "seconds": round(best, 3),
            "accuracy": accuracy,
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

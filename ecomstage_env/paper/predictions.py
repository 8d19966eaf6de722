"""Score prediction files in the paper's result layout, the way the paper did (or strictly).

The official repository writes one folder per model, holding ``*.json`` files of JSON
lines ``{"task_type": ..., "pred_ans": ..., "gt_ans": ..., "conversations": [...]}``.
:func:`score_predictions` grades such items per task:

- label tasks: accuracy. ``mode="paper"`` applies the official substring rule;
  ``mode="strict"`` requires the prediction to be exactly one label (see
  :mod:`ecomstage_env.scoring.labels`), with menus read from the record's
  ``conversations`` when present.
- ``query_rewrite`` and ``RAG_QA``: mean cosine similarity of sentence embeddings. The
  paper used Qwen3-Embedding-8B; the default here is all-MiniLM-L6-v2 (offline), so
  these two columns are comparable across models scored here, not with the paper's.
  ``paper`` averages raw cosines as the official script does; ``strict`` scores an empty
  prediction 0 and clips negative cosines at 0.

Scores are x100, and Avg is the unweighted mean of the task scores, as in the paper.

Where the official script's behaviour is defined, ``mode="paper"`` follows it and says
so with a warning: it reads ``*.json`` files only (``.jsonl`` ones are skipped); it
groups items by the exact ``task_type`` string, so a variant spelling (``rag_qa`` for
``RAG_QA``) or an unknown type is scored apart and left out of its table (here: left
out, with a warning); a null ``gt_ans`` or ``pred_ans`` is wrong. Where the script would
crash - a blank line, a null text in a free-text task - the item is skipped or scored 0,
with a warning. ``mode="strict"`` reads both file kinds and merges spellings
case-insensitively. (The official script at its current commit does not even compile:
``model_dir = Path(result_root) / model_name/`` ends in a stray ``/``.)
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any, Literal

from ecomstage_env.errors import DataError
from ecomstage_env.paper.official import PAPER_TASKS, parse_options, task_by_type
from ecomstage_env.scoring.labels import paper_correct, strict_label

__all__ = [
    "PredictionItem",
    "PredictionMode",
    "TaskScore",
    "average",
    "model_folders",
    "read_predictions",
    "score_predictions",
]

PredictionMode = Literal["paper", "strict"]


@dataclass(frozen=True)
class PredictionItem:
    """One prediction line.

    Attributes:
        task: Env name of the task (None for a type no task has).
        pred: The model's output (None when missing).
        gold: The gold answer (None when the line's ``gt_ans`` is null).
        human: The record's input, when the line carries ``conversations``.
        where: ``file:line`` for messages.
        task_type: The line's ``task_type`` exactly as written.
    """

    task: str | None
    pred: str | None
    gold: str | None
    human: str = ""
    where: str = ""
    task_type: str = ""


@dataclass
class TaskScore:
    """The score of one task.

    Attributes:
        task: Env name.
        metric: ``accuracy`` or ``cosine``.
        count: Items scored.
        value: Score x100.
        rejected: Items strict mode could not read as one label.
        examples: Up to three rejected outputs, for the reader.
    """

    task: str
    metric: str
    count: int
    value: float
    rejected: int = 0
    examples: list[str] = field(default_factory=list)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".json", ".jsonl"))


def model_folders(root: str | Path) -> dict[str, Path]:
    """Return the prediction folders under ``root`` by model name.

    ``root`` is one model's folder when it holds ``*.json``/``*.jsonl`` files itself;
    otherwise each subfolder that holds some is a model (the official ``result/`` root).

    Raises:
        DataError: No prediction files found.
    """
    root = Path(root)
    if not root.is_dir():
        raise DataError(root, "prediction folder not found")
    if _files(root):
        return {root.name: root}
    found = {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and _files(p)}
    if not found:
        raise DataError(root, "no .json or .jsonl prediction files here or in its subfolders")
    return found


def read_predictions(
    folder: str | Path, *, mode: PredictionMode = "strict"
) -> list[PredictionItem]:
    """Read every prediction line of a model folder.

    ``mode="paper"`` reads ``*.json`` files only, as the official script does; blank
    lines (on which that script crashes) are skipped with a warning in both modes.

    Raises:
        DataError: A line that is not JSON or lacks ``task_type``/``gt_ans``/``pred_ans``
            (names file, line and field).
    """
    files = _files(Path(folder))
    if mode == "paper":
        skipped = [p.name for p in files if p.suffix == ".jsonl"]
        if skipped:
            warnings.warn(
                f"paper mode reads *.json only, as the official script does: skipped "
                f"{', '.join(skipped)} (strict mode reads them)",
                stacklevel=2,
            )
        files = [p for p in files if p.suffix == ".json"]
    items: list[PredictionItem] = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        blank = [n for n, line in enumerate(lines, 1) if not line.strip()]
        if blank:
            warnings.warn(
                f"{path.name}: blank line(s) {blank[:5]} skipped (the official script "
                "stops with an error on them)",
                stacklevel=2,
            )
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(path, f"not valid JSON: {e.msg}", line=n) from None
            if not isinstance(raw, dict):
                raise DataError(path, "expected a JSON object per line", line=n)
            for key in ("task_type", "gt_ans", "pred_ans"):
                if key not in raw:
                    raise DataError(path, "missing", line=n, field=key)
            task = task_by_type(str(raw["task_type"]))
            conv = raw.get("conversations") or []
            human = next(
                (
                    str(t.get("value", ""))
                    for t in conv
                    if isinstance(t, dict) and t.get("from") == "human"
                ),
                "",
            )
            pred, gold = raw["pred_ans"], raw["gt_ans"]
            items.append(
                PredictionItem(
                    task=task.name if task else None,
                    pred=None if pred is None else str(pred),
                    gold=None if gold is None else str(gold),
                    human=human,
                    where=f"{path.name}:{n}",
                    task_type=str(raw["task_type"]),
                )
            )
    return items


def _labels(task: str, human: str) -> tuple[tuple[str, ...], dict[str, str]]:
    spec = PAPER_TASKS[task]
    options = parse_options(spec, human) if human else {}
    if spec.options == "letters":
        return tuple(options) or tuple("ABCDE"), options
    if spec.options == "ids":
        return tuple(options) or tuple(str(i) for i in range(1, 9)), options
    return spec.labels, options


def score_predictions(
    items: Iterable[PredictionItem],
    *,
    mode: PredictionMode = "paper",
    embedder: Any = None,
) -> dict[str, TaskScore]:
    """Score prediction items per task, in the paper's task order.

    Args:
        items: Predictions.
        mode: ``paper`` (the official rules) or ``strict``.
        embedder: An :class:`~ecomstage_env.scoring.embedding.Embedder` for the two
            free-text tasks (the shared default model when None).

    Returns:
        Task scores by env name, in the paper's order (tasks without items are absent).
    """
    if mode not in ("paper", "strict"):
        raise ValueError(f"mode must be 'paper' or 'strict', not {mode!r}")
    by_task: dict[str, list[PredictionItem]] = defaultdict(list)
    apart: dict[str, int] = defaultdict(int)
    for it in items:
        official = it.task is not None and it.task_type in ("", PAPER_TASKS[it.task].task_type)
        if it.task is not None and (mode == "strict" or official):
            by_task[it.task].append(it)
        else:
            apart[it.task_type] += 1
    for task_type, n in apart.items():
        known = task_by_type(task_type)
        what = (
            f"not the official spelling {known.task_type!r}: the official script scores "
            "them apart and leaves them out of its table; so does paper mode (strict mode "
            "merges spellings)"
            if known
            else "an unknown task type: left out"
        )
        warnings.warn(f"{n} item(s) with task_type {task_type!r}: {what}", stacklevel=2)
    out: dict[str, TaskScore] = {}
    for name, spec in PAPER_TASKS.items():
        group = by_task.get(name)
        if not group:
            continue
        if spec.open_ended:
            if embedder is None:
                from ecomstage_env.scoring.embedding import get_embedder

                embedder = get_embedder()
            nulls = sum(it.pred is None or it.gold is None for it in group)
            if nulls:
                warnings.warn(
                    f"{name}: {nulls} item(s) with a null pred_ans or gt_ans scored 0 (the "
                    "official script stops with an error on them)",
                    stacklevel=2,
                )
            preds = [it.pred or "" for it in group]
            cos = embedder.similarity(preds, [it.gold or "" for it in group])
            cos = [
                0.0 if it.pred is None or it.gold is None else c
                for it, c in zip(group, cos, strict=True)
            ]
            if mode == "strict":
                vals = [
                    0.0 if not p.strip() else max(0.0, float(c))
                    for p, c in zip(preds, cos, strict=True)
                ]
            else:
                vals = [float(c) for c in cos]
            out[name] = TaskScore(name, "cosine", len(group), 100 * fmean(vals))
            continue
        correct = rejected = 0
        examples: list[str] = []
        for it in group:
            if mode == "paper":
                correct += paper_correct(it.pred, it.gold)
                continue
            labels, options = _labels(name, it.human)
            label = strict_label(it.pred, labels, options) if it.pred is not None else None
            if label is None:
                rejected += 1
                if len(examples) < 3:
                    examples.append(f"{it.where}: {str(it.pred)[:40]!r}")
            correct += it.gold is not None and label == it.gold.strip()
        out[name] = TaskScore(
            name, "accuracy", len(group), 100 * correct / len(group), rejected, examples
        )
    return out


def average(scores: Mapping[str, TaskScore]) -> float | None:
    """Unweighted mean of the task scores (the paper's Avg); None without scores."""
    return fmean(s.value for s in scores.values()) if scores else None

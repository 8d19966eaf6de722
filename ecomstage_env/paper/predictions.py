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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any, Literal

from ecomstage_env.data.jsonl import iter_json_lines
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
        task: Env name of the task.
        pred: The model's output (None when missing).
        gold: The gold answer.
        human: The record's input, when the line carries ``conversations``.
        where: ``file:line`` for messages.
    """

    task: str
    pred: str | None
    gold: str
    human: str = ""
    where: str = ""


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


def read_predictions(folder: str | Path) -> list[PredictionItem]:
    """Read every prediction line of a model folder.

    Raises:
        DataError: A line that is not JSON or lacks ``task_type``/``gt_ans``/``pred_ans``,
            or an unknown task type (names file, line and field).
    """
    items: list[PredictionItem] = []
    for path in _files(Path(folder)):
        for n, raw in iter_json_lines(path, what="prediction file"):
            if not isinstance(raw, dict):
                raise DataError(path, "expected a JSON object per line", line=n)
            for key in ("task_type", "gt_ans", "pred_ans"):
                if key not in raw:
                    raise DataError(path, "missing", line=n, field=key)
            task = task_by_type(str(raw["task_type"]))
            if task is None:
                raise DataError(
                    path, f"unknown task type {raw['task_type']!r}", line=n, field="task_type"
                )
            conv = raw.get("conversations") or []
            human = next(
                (
                    str(t.get("value", ""))
                    for t in conv
                    if isinstance(t, dict) and t.get("from") == "human"
                ),
                "",
            )
            pred = raw["pred_ans"]
            items.append(
                PredictionItem(
                    task=task.name,
                    pred=None if pred is None else str(pred),
                    gold=str(raw["gt_ans"]),
                    human=human,
                    where=f"{path.name}:{n}",
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
    for it in items:
        by_task[it.task].append(it)
    out: dict[str, TaskScore] = {}
    for name, spec in PAPER_TASKS.items():
        group = by_task.get(name)
        if not group:
            continue
        if spec.open_ended:
            if embedder is None:
                from ecomstage_env.scoring.embedding import get_embedder

                embedder = get_embedder()
            preds = [it.pred or "" for it in group]
            cos = embedder.similarity(preds, [it.gold for it in group])
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
            correct += label == it.gold.strip()
        out[name] = TaskScore(
            name, "accuracy", len(group), 100 * correct / len(group), rejected, examples
        )
    return out


def average(scores: Mapping[str, TaskScore]) -> float | None:
    """Unweighted mean of the task scores (the paper's Avg); None without scores."""
    return fmean(s.value for s in scores.values()) if scores else None

"""Recorded runs as Hugging Face ``datasets``: SFT conversations, DPO pairs, stage rewards.

A run directory (``ecomstage evaluate --out RUN``) keeps every step of every episode:
the observation the agent acted on, what the env understood, the model's raw output
and each stage's score. Each stage of an episode becomes one *stage trace*: the
stage's opening messages (system and user, as the env showed them: the **prompt**) and
what the agent did until the stage closed - tool calls in OpenAI's format with their
results, then the answer (the **completion**) - with the stage score as reward. Three
kinds of rows are built from traces:

- ``sft``: ``messages`` (prompt + completion), ``tools`` (the stage's tool specs as
  JSON), ``reward`` and every stage's score of the episode (``stage_scores``, ``total``);
  filter with ``min_score`` to keep good stages only.
- ``dpo``: for the same env, case, stage and prompt, a higher- and a lower-scored
  completion from different episodes or agents: ``prompt``, ``chosen``, ``rejected``
  (conversational, as TRL's ``DPOTrainer`` reads them), ``score_chosen``,
  ``score_rejected`` and ``margin``. Prompts must be identical, so later stages pair
  only when the earlier answers shown were the same (``context="gold"`` runs show the
  reference answers, and every first stage pairs).
- ``rewards``: one row per stage for offline RL: ``prompt``, ``completion``,
  ``reward``, per-field ``components``, the answer's kind (answer, invalid, tool_call or
  message when a budget ran out), ``error``, ``terminal``, ``steps``.

Tool calls are written in OpenAI's format by default (``tool_calls`` with JSON
arguments, then a ``tool`` message with the result); ``tool_calls="text"`` writes them
as the env's text protocol instead (``{"tool": NAME, "arguments": {...}}`` as the
assistant's content), for chat templates that do not render tools (SmolLM2's).
Every row carries ``run``, ``agent``, ``env``, ``case_id``, ``trial``, ``context`` and
``stage``. Nothing from the grader side is exported (explanations, score details, the
annotation): prompts are what the agent was shown. Note that a run's own answers are
part of later prompts in ``context="agent"``, and the reference answers of earlier
stages in ``context="gold"`` (the ``context`` column says which); a stage's own gold is
never in its prompt. Failed episodes (the agent could not act) are left out.

``datasets`` is imported only by :func:`to_dataset` and :func:`export_runs`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ecomstage_env.errors import DataError, EcomstageError
from ecomstage_env.runner.episode import EpisodeRecord, StepRecord
from ecomstage_env.stages import ActionKind, Stage

if TYPE_CHECKING:
    from datasets import Dataset, Features

__all__ = [
    "EXPORT_KINDS",
    "TOOL_CALL_FORMATS",
    "ExportKind",
    "StageTrace",
    "ToolCallFormat",
    "dpo_rows",
    "export_runs",
    "read_runs",
    "reward_rows",
    "sft_rows",
    "stage_traces",
    "to_dataset",
]

ExportKind = Literal["sft", "dpo", "rewards"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("sft", "dpo", "rewards")

ToolCallFormat = Literal["openai", "text"]
"""How an assistant's tool calls are written: ``openai`` (``tool_calls`` with JSON
arguments, for chat templates that render tools) or ``text`` (the content
``{"tool": NAME, "arguments": {...}}``, the env's own text protocol, for templates that
do not, such as SmolLM2's)."""
TOOL_CALL_FORMATS: tuple[ToolCallFormat, ...] = ("openai", "text")

STAGES = tuple(s.value for s in Stage)


def _msg(
    role: str,
    content: str | None,
    tool_calls: list[dict[str, Any]] | None = None,
    tool_call_id: str | None = None,
) -> dict[str, Any]:
    """A chat message with every key present (one Arrow schema for all rows)."""
    return {
        "role": role,
        "content": content,
        "tool_calls": tool_calls,
        "tool_call_id": tool_call_id,
    }


def _norm(message: dict[str, Any]) -> dict[str, Any]:
    calls = message.get("tool_calls")
    norm_calls = (
        [
            {
                "id": str(c.get("id", "")),
                "type": str(c.get("type", "function")),
                "function": {
                    "name": str(c["function"]["name"]),
                    "arguments": str(c["function"]["arguments"]),
                },
            }
            for c in calls
        ]
        if calls
        else None
    )
    content = message.get("content")
    return _msg(
        str(message["role"]),
        None if content is None else str(content),
        norm_calls,
        message.get("tool_call_id"),
    )


def _as_text(message: dict[str, Any]) -> dict[str, Any]:
    """An assistant tool-call message as the env's text protocol writes it."""
    calls = message["tool_calls"]
    if not calls:
        return message
    fn = calls[0]["function"]
    try:
        args = json.loads(fn["arguments"])
    except ValueError:
        args = fn["arguments"]
    text = json.dumps({"tool": fn["name"], "arguments": args}, ensure_ascii=False)
    return _msg("assistant", text)


@dataclass(frozen=True)
class StageTrace:
    """One stage of one recorded episode: what the agent was shown and what it did.

    Attributes:
        run: Name of the run directory.
        record: The episode.
        stage: Stage name.
        prompt: The stage's opening messages (system, user).
        completion: The agent's messages until the stage closed: tool calls and their
            results, then the answer (or the call that ran past the budget).
        tools: The stage's tool specs, as the observation gave them (JSON).
        score: The stage score (the reward).
        components: Score per field.
        kind: What closed the stage: ``answer``, ``invalid``, or ``tool_call`` /
            ``message`` when a budget ran out.
        error: The closing step's ``info["error"]``, if any.
        terminal: Whether the episode ended with this stage.
        steps: Env steps taken at the stage.
    """

    run: str
    record: EpisodeRecord
    stage: str
    prompt: list[dict[str, Any]]
    completion: list[dict[str, Any]]
    tools: str
    score: float
    components: dict[str, float]
    kind: str
    error: str | None
    terminal: bool
    steps: int

    def ids(self) -> dict[str, Any]:
        """The columns that say where a row comes from."""
        r = self.record
        return {
            "run": self.run,
            "agent": r.agent,
            "env": r.env,
            "case_id": r.case_id,
            "trial": r.trial,
            "context": r.context,
            "stage": self.stage,
        }


def read_runs(runs: Sequence[str | Path]) -> list[tuple[str, EpisodeRecord]]:
    """Read the episodes of run directories, as ``(run name, record)``.

    Raises:
        DataError: A directory holds no ``episodes.jsonl``.
    """
    from ecomstage_env.report.aggregate import load_records

    out: list[tuple[str, EpisodeRecord]] = []
    for run in runs:
        path = Path(run)
        if not (path / "episodes.jsonl").is_file():
            raise DataError(path, "no episodes.jsonl here (is it an evaluate --out directory?)")
        out += [(path.name, rec) for rec in load_records(path)]
    return out


def _final_message(step: StepRecord, answer_format: str, call_index: int) -> dict[str, Any]:
    """The assistant message of the step that closed a stage."""
    action = step.action if isinstance(step.action, dict) else {}
    kind = action.get("kind")
    if kind in (ActionKind.TOOL_CALL.value, ActionKind.MESSAGE.value):
        if kind == ActionKind.MESSAGE.value:
            name, args = "message_user", {"text": action.get("text", "")}
        else:
            name, args = str(action.get("tool", "")), action.get("arguments", {})
        call = {
            "id": f"call_{step.stage}_{call_index}",
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)},
        }
        return _msg("assistant", None, [call])
    if step.raw:
        return _msg("assistant", step.raw)
    answer = action.get("answer")
    if kind == ActionKind.ANSWER.value and isinstance(answer, dict):
        if answer_format == "text" and set(answer) == {"answer"}:
            return _msg("assistant", str(answer["answer"]))
        return _msg("assistant", json.dumps(answer, ensure_ascii=False))
    return _msg("assistant", "")


def _episode_traces(
    run: str, rec: EpisodeRecord, tool_calls: ToolCallFormat = "openai"
) -> list[StageTrace]:
    groups: list[list[StepRecord]] = []
    for step in rec.steps:
        if groups and groups[-1][0].stage == step.stage:
            groups[-1].append(step)
        else:
            groups.append([step])
    traces: list[StageTrace] = []
    for n, group in enumerate(groups):
        first, last = group[0], group[-1]
        if last.stage_score is None:
            continue  # the stage never closed
        prompt = [_norm(m) for m in json.loads(first.observation["messages"])]
        seen = [_norm(m) for m in json.loads(last.observation["messages"])]
        calls = sum(1 for m in seen if m["tool_calls"])
        final = _final_message(last, last.observation.get("answer_format", "json"), calls)
        action = last.action if isinstance(last.action, dict) else {}
        completion = [*seen[len(prompt) :], final]
        if tool_calls == "text":
            completion = [_as_text(m) for m in completion]
        traces.append(
            StageTrace(
                run=run,
                record=rec,
                stage=last.stage,
                prompt=prompt,
                completion=completion,
                tools=last.observation.get("tools", "[]"),
                score=float(last.stage_score.value),
                components=dict(last.stage_score.components),
                kind=str(action.get("kind", "")),
                error=last.error if isinstance(last.error, str) else None,
                terminal=n == len(groups) - 1,
                steps=len(group),
            )
        )
    return traces


def stage_traces(
    records: Iterable[tuple[str, EpisodeRecord]], *, tool_calls: ToolCallFormat = "openai"
) -> list[StageTrace]:
    """Every closed stage of every finished episode (failed episodes left out).

    Args:
        records: ``(run name, record)`` pairs, as :func:`read_runs` gives them.
        tool_calls: How the assistant's tool calls are written (:data:`ToolCallFormat`).

    Raises:
        EcomstageError: Unknown ``tool_calls`` format.
    """
    if tool_calls not in TOOL_CALL_FORMATS:
        raise EcomstageError(
            f"tool_calls must be one of {', '.join(TOOL_CALL_FORMATS)}, not {tool_calls!r}"
        )
    out: list[StageTrace] = []
    for run, rec in records:
        if not rec.failed:
            out += _episode_traces(run, rec, tool_calls)
    return out


def _stage_scores(rec: EpisodeRecord) -> dict[str, float | None]:
    scores = rec.result.stage_scores
    return {s: (float(scores[s].value) if s in scores else None) for s in STAGES}


def sft_rows(traces: Iterable[StageTrace], *, min_score: float = 0.0) -> list[dict[str, Any]]:
    """Chat rows for supervised fine-tuning, one per stage scored at least ``min_score``."""
    return [
        {
            **t.ids(),
            "messages": [*t.prompt, *t.completion],
            "tools": t.tools,
            "reward": t.score,
            "stage_scores": _stage_scores(t.record),
            "total": float(t.record.result.total),
        }
        for t in traces
        if t.score >= min_score
    ]


def reward_rows(traces: Iterable[StageTrace]) -> list[dict[str, Any]]:
    """Per-stage rows for offline RL: prompt, completion, reward and its components."""
    return [
        {
            **t.ids(),
            "prompt": t.prompt,
            "completion": t.completion,
            "tools": t.tools,
            "reward": t.score,
            "components": [{"field": k, "score": float(v)} for k, v in t.components.items()],
            "kind": t.kind,
            "error": t.error,
            "terminal": t.terminal,
            "steps": t.steps,
            "episode_total": float(t.record.result.total),
        }
        for t in traces
    ]


def dpo_rows(traces: Iterable[StageTrace], *, min_margin: float = 0.0) -> list[dict[str, Any]]:
    """Preference pairs: same env, case, stage and prompt; chosen scored higher.

    Every pair of traces of a group whose scores differ by more than ``min_margin``
    gives one row (identical completions are not paired). Rows are ordered by group,
    then by chosen score.
    """
    groups: dict[tuple[str, str, str, str], list[StageTrace]] = defaultdict(list)
    for t in traces:
        key = (t.record.env, t.record.case_id, t.stage, json.dumps(t.prompt, sort_keys=True))
        groups[key].append(t)
    rows: list[dict[str, Any]] = []
    for (env, case_id, stage, _), group in groups.items():
        ranked = sorted(group, key=lambda t: -t.score)
        for i, hi in enumerate(ranked):
            for lo in ranked[i + 1 :]:
                margin = hi.score - lo.score
                if margin <= min_margin or hi.completion == lo.completion:
                    continue
                rows.append(
                    {
                        "env": env,
                        "case_id": case_id,
                        "stage": stage,
                        "context": hi.record.context,
                        "prompt": hi.prompt,
                        "chosen": hi.completion,
                        "rejected": lo.completion,
                        "tools": hi.tools,
                        "score_chosen": hi.score,
                        "score_rejected": lo.score,
                        "margin": margin,
                        "chosen_agent": hi.record.agent,
                        "rejected_agent": lo.record.agent,
                        "chosen_run": hi.run,
                        "rejected_run": lo.run,
                        "chosen_trial": hi.record.trial,
                        "rejected_trial": lo.record.trial,
                    }
                )
    return rows


def _features(kind: ExportKind) -> Features:
    from datasets import Features, List, Value

    call = {
        "id": Value("string"),
        "type": Value("string"),
        "function": {"name": Value("string"), "arguments": Value("string")},
    }
    message = {
        "role": Value("string"),
        "content": Value("string"),
        "tool_calls": List(call),
        "tool_call_id": Value("string"),
    }
    messages = List(message)
    ids = {
        "run": Value("string"),
        "agent": Value("string"),
        "env": Value("string"),
        "case_id": Value("string"),
        "trial": Value("int64"),
        "context": Value("string"),
        "stage": Value("string"),
    }
    if kind == "sft":
        return Features(
            {
                **ids,
                "messages": messages,
                "tools": Value("string"),
                "reward": Value("float64"),
                "stage_scores": {s: Value("float64") for s in STAGES},
                "total": Value("float64"),
            }
        )
    if kind == "rewards":
        return Features(
            {
                **ids,
                "prompt": messages,
                "completion": messages,
                "tools": Value("string"),
                "reward": Value("float64"),
                "components": List({"field": Value("string"), "score": Value("float64")}),
                "kind": Value("string"),
                "error": Value("string"),
                "terminal": Value("bool"),
                "steps": Value("int64"),
                "episode_total": Value("float64"),
            }
        )
    return Features(
        {
            "env": Value("string"),
            "case_id": Value("string"),
            "stage": Value("string"),
            "context": Value("string"),
            "prompt": messages,
            "chosen": messages,
            "rejected": messages,
            "tools": Value("string"),
            "score_chosen": Value("float64"),
            "score_rejected": Value("float64"),
            "margin": Value("float64"),
            "chosen_agent": Value("string"),
            "rejected_agent": Value("string"),
            "chosen_run": Value("string"),
            "rejected_run": Value("string"),
            "chosen_trial": Value("int64"),
            "rejected_trial": Value("int64"),
        }
    )


def to_dataset(rows: list[dict[str, Any]], kind: ExportKind) -> Dataset:
    """Rows of one kind as a ``datasets.Dataset`` with a fixed schema (empty rows too)."""
    from datasets import Dataset

    if kind not in EXPORT_KINDS:
        raise EcomstageError(f"kind must be one of {', '.join(EXPORT_KINDS)}, not {kind!r}")
    features = _features(kind)
    if not rows:
        return Dataset.from_dict({k: [] for k in features}, features=features)
    return Dataset.from_list(rows, features=features)


def export_runs(
    runs: Sequence[str | Path],
    kind: ExportKind,
    *,
    out: str | Path | None = None,
    min_score: float = 0.0,
    min_margin: float = 0.0,
    tool_calls: ToolCallFormat = "openai",
) -> Dataset:
    """Export run directories to a dataset of one kind; save it when ``out`` is given.

    Args:
        runs: Run directories written by ``ecomstage evaluate --out``.
        kind: ``"sft"``, ``"dpo"`` or ``"rewards"``.
        out: Folder for ``Dataset.save_to_disk`` (read back with
            ``datasets.load_from_disk``).
        min_score: SFT: keep stages scored at least this.
        min_margin: DPO: keep pairs whose scores differ by more than this.
        tool_calls: ``"openai"`` (``tool_calls`` in the messages) or ``"text"`` (the
            env's ``{"tool": ..., "arguments": ...}`` text, for chat templates without
            tool support, such as SmolLM2's).

    Returns:
        The dataset.

    Raises:
        EcomstageError: Unknown kind or tool-call format, no run given.
        DataError: A directory holds no run.
    """
    if kind not in EXPORT_KINDS:
        raise EcomstageError(f"kind must be one of {', '.join(EXPORT_KINDS)}, not {kind!r}")
    if not runs:
        raise EcomstageError("no run directory given")
    traces = stage_traces(read_runs(runs), tool_calls=tool_calls)
    if kind == "sft":
        rows = sft_rows(traces, min_score=min_score)
    elif kind == "dpo":
        rows = dpo_rows(traces, min_margin=min_margin)
    else:
        rows = reward_rows(traces)
    ds = to_dataset(rows, kind)
    if out is not None:
        ds.save_to_disk(str(out))
    return ds

"""Aggregate episode records into the numbers a report shows (``summary.json``).

Levels: per field, stage, env, orientation, and overall per agent, each with a seeded
bootstrap 95% interval; the paper's Avg (unweighted mean of the seven task scores);
pass^k over trials; and error propagation where an agent was run in both contexts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from statistics import fmean
from typing import Any

import numpy as np

from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.runner.episode import EpisodeRecord
from ecomstage_env.scoring.stats import Interval, bootstrap_ci, pass_hat_k, propagation
from ecomstage_env.stages import Stage

__all__ = ["SUMMARY_SCHEMA_VERSION", "load_records", "macro_ci", "summarize_records"]

SUMMARY_SCHEMA_VERSION = 1
"""Version of the ``summary.json`` layout; bumped when a key changes meaning."""

STAGES = [s.value for s in Stage]


def macro_ci(
    groups: Sequence[Sequence[float]], *, resamples: int = 2000, seed: int = 0
) -> Interval:
    """Interval of the unweighted mean of group means (stratified bootstrap).

    Each resample redraws every group from itself, so small groups weigh as much as
    large ones, as in the paper's Avg.
    """
    arrays = [np.asarray(g, dtype=float) for g in groups if len(g)]
    if not arrays:
        return Interval(float("nan"), float("nan"), float("nan"), 0)
    mean = float(np.mean([a.mean() for a in arrays]))
    rng = np.random.default_rng(seed)
    draws = np.zeros(resamples)
    for a in arrays:
        draws += a[rng.integers(0, a.size, size=(resamples, a.size))].mean(axis=1)
    draws /= len(arrays)
    low, high = np.quantile(draws, [0.025, 0.975])
    return Interval(mean, float(low), float(high), sum(a.size for a in arrays))


def _ci(values: Sequence[float], seed: int) -> dict[str, float]:
    return asdict(bootstrap_ci(values, seed=seed).scaled())


def load_records(run: Any) -> list[EpisodeRecord]:
    """Read every episode of a run directory, once each (the last line of an episode wins).

    A line that is not an episode record (cut short by a crash) is ignored: the resumed
    run plays it again. Failed episodes are included (``failed=True``).
    """
    from pathlib import Path

    path = Path(run) / "episodes.jsonl"
    records: dict[tuple[str, str, str, int, str], EpisodeRecord] = {}
    for line in path.read_bytes().splitlines():
        if not line.strip():
            continue
        try:
            rec = EpisodeRecord.model_validate_json(line)
        except ValueError:
            continue
        records.pop(rec.key, None)
        records[rec.key] = rec
    return list(records.values())


def summarize_records(
    records: Iterable[EpisodeRecord],
    *,
    seed: int = 0,
    success: float = 0.999,
    fail_below: float = 0.5,
) -> dict[str, Any]:
    """Everything ``summary.json`` holds, from episode records.

    Args:
        records: Episodes (several agents, envs, contexts and trials may mix).
        seed: Seed of every bootstrap.
        success: An episode counts as solved for pass^k when its total is at least this.
        fail_below: A stage *fails* (for error propagation) when its score is below this.

    Returns:
        A JSON-able dict; scores are x100, intervals are ``{mean, low, high, n}``.
        Failed episodes (the agent could not act) are left out of every score and
        counted apart: ``failed`` (how many) and ``failures`` (agent, env, case,
        trial, context, reason, retries each).
    """
    every = list(records)
    recs = [r for r in every if not r.failed]
    failures = [
        {
            "agent": r.agent,
            "env": r.env,
            "case_id": r.case_id,
            "trial": r.trial,
            "context": r.context,
            "stage": r.failure.stage if r.failure else None,
            "reason": r.failure.reason if r.failure else "",
            "retries": r.failure.retries if r.failure else 0,
        }
        for r in every
        if r.failed
    ]
    by_run: dict[tuple[str, str, str], list[EpisodeRecord]] = defaultdict(list)
    for r in recs:
        by_run[(r.agent, r.env, r.context)].append(r)

    envs_out = []
    for (agent, env, context), group in sorted(by_run.items()):
        stages: dict[str, Any] = {}
        fields: dict[str, float] = {}
        for stage in STAGES:
            vals = [
                r.result.stage_scores[stage].value for r in group if stage in r.result.stage_scores
            ]
            if not vals:
                continue
            stages[stage] = _ci(vals, seed)
            comps: dict[str, list[float]] = defaultdict(list)
            for r in group:
                sc = r.result.stage_scores.get(stage)
                for field, v in (sc.components if sc else {}).items():
                    comps[field].append(v)
            fields.update({f"{stage}.{k}": 100 * fmean(v) for k, v in comps.items()})
        by_case: dict[str, list[float]] = defaultdict(list)
        for r in group:
            by_case[r.case_id].append(r.result.total)
        trials = min(len(v) for v in by_case.values())
        passk = {
            str(k): 100
            * fmean(pass_hat_k(sum(t >= success for t in v), len(v), k) for v in by_case.values())
            for k in range(1, trials + 1)
        }
        usage: dict[str, int] = defaultdict(int)
        for r in group:
            for u in r.result.usage.values():
                usage["prompt_tokens"] += u.prompt_tokens
                usage["completion_tokens"] += u.completion_tokens
                usage["calls"] += u.calls
                usage["cached"] += u.cached
        envs_out.append(
            {
                "agent": agent,
                "env": env,
                "context": context,
                "orientation": group[0].result.orientation.value,
                "episodes": len(group),
                "cases": len(by_case),
                "trials": trials,
                "total": _ci([r.result.total for r in group], seed),
                "stages": stages,
                "fields": fields,
                "pass_k": passk,
                "with_errors": sum(1 for r in group if r.result.errors),
                "failed": sum(
                    1
                    for f in failures
                    if (f["agent"], f["env"], f["context"]) == (agent, env, context)
                ),
                "usage": dict(usage),
            }
        )

    agents = sorted({r.agent for r in recs})
    overall: dict[str, Any] = {}
    orientation: list[dict[str, Any]] = []
    for agent in agents:
        mine = [r for r in recs if r.agent == agent and r.context == "agent"] or [
            r for r in recs if r.agent == agent
        ]
        per_env: dict[str, list[float]] = defaultdict(list)
        for r in mine:
            per_env[r.env].append(r.result.total)
        stage_groups = {
            s: [
                [
                    r.result.stage_scores[s].value
                    for r in mine
                    if r.env == e and s in r.result.stage_scores
                ]
                for e in per_env
            ]
            for s in STAGES
        }
        paper = {e: 100 * fmean(v) for e, v in per_env.items() if e in PAPER_TASKS}
        overall[agent] = {
            "envs": len(per_env),
            "total": asdict(macro_ci(list(per_env.values()), seed=seed).scaled()),
            "stages": {
                s: asdict(macro_ci(g, seed=seed).scaled())
                for s, g in stage_groups.items()
                if any(g)
            },
            "paper_avg": fmean(paper.values()) if paper else None,
            "paper_tasks": len(paper),
        }
        for orient in sorted({r.result.orientation.value for r in mine}):
            for s in STAGES:
                vals = [
                    r.result.stage_scores[s].value
                    for r in mine
                    if r.result.orientation.value == orient and s in r.result.stage_scores
                ]
                if vals:
                    orientation.append(
                        {"agent": agent, "orientation": orient, "stage": s, **_ci(vals, seed)}
                    )

    # Comparisons only over the envs every agent ran (agent context): an agent run on
    # 8 envs and one run on 1 are not ranked on one macro average.
    ran = {
        agent: {r.env for r in recs if r.agent == agent and r.context == "agent"}
        or {r.env for r in recs if r.agent == agent}
        for agent in agents
    }
    shared = sorted(set.intersection(*ran.values())) if ran else []
    common: dict[str, Any] = {"envs": shared, "agents": {}}
    for agent in agents:
        if not shared:
            break
        mine = [r for r in recs if r.agent == agent and r.context == "agent"] or [
            r for r in recs if r.agent == agent
        ]
        groups = [[r.result.total for r in mine if r.env == e] for e in shared]
        common["agents"][agent] = asdict(macro_ci(groups, seed=seed).scaled())

    props = []
    for agent in agents:
        for env in sorted({r.env for r in recs if r.agent == agent}):
            runs = {
                ctx: {
                    r.case_id: {s: v.value for s, v in r.result.stage_scores.items()}
                    for r in recs
                    if r.agent == agent and r.env == env and r.context == ctx and r.trial == 0
                }
                for ctx in ("agent", "gold")
            }
            if (
                len(STAGES) > 1
                and runs["agent"]
                and any(len(v) > 1 for v in runs["agent"].values())
            ):
                p = propagation(runs["agent"], runs["gold"] or None, threshold=fail_below)
                props.append({"agent": agent, "env": env, **asdict(p)})

    return {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "episodes": len(recs),
        "failed": len(failures),
        "failures": failures,
        "settings": {"seed": seed, "success": success, "fail_below": fail_below},
        "overall": overall,
        "common": common,
        "envs": envs_out,
        "orientation": orientation,
        "propagation": props,
    }

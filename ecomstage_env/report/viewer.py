"""``ecomstage view``: one self-contained HTML page to browse run directories.

The page holds everything inline (CSS, JS, and the data as embedded JSON): it opens from
disk with no server and loads nothing from the network. It shows

- a leaderboard (agents x envs, 95% intervals), whose overall column averages only the
  envs every listed agent ran (and names them);
- per env and stage tables, and agent vs gold context where both were run;
- the episodes, filtered by agent, env, context, failed stage and error kind, a page
  at a time;
- one episode stage by stage (messages, tool calls and results, the answer, the stage
  score with components, reason and the grader's explanation, the gold beside it, usage
  and timing), or two side by side (two agents on one case, or one agent in both
  contexts).

Numbers come from :mod:`ecomstage_env.report.aggregate` (the same bootstrap intervals as
``summary.json``). Everything taken from the data is inserted as text by the page's
script (never as HTML), and the embedded JSON escapes ``<``, ``>`` and ``&``, so agent
output such as ``<script>`` renders as text.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from collections.abc import Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from ecomstage_env.errors import DataError
from ecomstage_env.report.aggregate import STAGES, load_records, summarize_records
from ecomstage_env.runner.episode import EpisodeRecord

__all__ = ["build_view_data", "error_kind", "render_html", "serve", "write_viewer"]

TEMPLATE = "viewer_template.html"
DATA_MARK = "/*__ECOMSTAGE_DATA__*/"


def error_kind(message: str) -> str:
    """A short kind for one of an episode's error messages (the filter's choices)."""
    text = message.lower()
    if "budget" in text and ("exceeded" in text or "exhausted" in text or "out of" in text):
        return "budget exceeded"
    if "tool error" in text or "unknown tool" in text:
        return "tool error"
    if "invalid answer" in text:
        return "invalid answer"
    if "needs a non-empty" in text:
        return "empty message"
    return "unparsable output"


class _Pool:
    """Interns repeated values (prompts, tool lists, schemas, messages): stored once."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.index: dict[str, int] = {}

    def add(self, value: Any) -> int | None:
        if value is None or value == "":
            return None
        key = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(value)
        return self.index[key]


def _messages(obs: dict[str, str]) -> list[Any]:
    raw = obs.get("messages", "")
    try:
        msgs = json.loads(raw) if raw else []
    except json.JSONDecodeError:
        msgs = []
    if not isinstance(msgs, list) or not msgs:
        prompt = obs.get("prompt", "")
        return [{"role": "prompt", "content": prompt}] if prompt else []
    return msgs


def _usage(u: Any) -> dict[str, Any] | None:
    d = u.model_dump() if hasattr(u, "model_dump") else dict(u)
    return d if any(d.values()) else None


def _episode(i: int, run: int, rec: EpisodeRecord, pool: _Pool) -> dict[str, Any]:
    """One episode, compact: its stages with their steps, strings interned in ``pool``."""
    res = rec.result
    stages: list[dict[str, Any]] = []
    steps = rec.steps
    for n, st in enumerate(steps):
        if not stages or stages[-1]["stage"] != st.stage:
            obs = st.observation
            stages.append(
                {
                    "stage": st.stage,
                    "context": [pool.add(m) for m in _messages(obs)],
                    "tools": pool.add(obs.get("tools", "")),
                    "schema": pool.add(obs.get("answer_schema", "")),
                    "steps": [],
                }
            )
        action = st.action if isinstance(st.action, dict) else {"kind": "other", "value": st.action}
        nxt = steps[n + 1] if n + 1 < len(steps) else None
        result = nxt.observation.get("tool_result", "") if nxt is not None else ""
        kind = str(action.get("kind", ""))
        stages[-1]["steps"].append(
            {
                "kind": kind,
                "action": pool.add({k: v for k, v in action.items() if k != "kind"}),
                "raw": pool.add(st.raw),
                "result": pool.add(result) if kind in ("tool_call", "message") else None,
                "error": st.error,
                "reward": st.reward,
                "seconds": st.seconds,
                "usage": _usage(st.usage),
            }
        )
    scores = {
        s: {
            "value": sc.value,
            "components": sc.components,
            "reason": sc.reason,
            "details": sc.details,
            "explanation": sc.explanation,
        }
        for s, sc in res.stage_scores.items()
    }
    errors = list(res.errors)
    return {
        "id": i,
        "run": run,
        "agent": rec.agent,
        "env": rec.env,
        "case": rec.case_id,
        "trial": rec.trial,
        "context": rec.context,
        "orientation": res.orientation.value,
        "total": res.total,
        "termination": res.termination_reason.value,
        "tool_calls": res.tool_calls,
        "user_turns": res.user_turns,
        "errors": errors,
        "error_kinds": sorted({error_kind(e) for e in errors}),
        "failed": [s for s, sc in res.stage_scores.items() if sc.value < 1.0],
        "scores": scores,
        "usage": {s: _usage(u) for s, u in res.usage.items()},
        "seconds": rec.seconds,
        "started": rec.started,
        "stages": stages,
    }


def _gold(records: Sequence[EpisodeRecord], configs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The annotated gold of each case played, per env and stage (from the env's data).

    An env that cannot be built here (a scenario folder that moved, paper data missing)
    gets none; the graders' explanations, kept in the records, still quote the gold.
    """
    from ecomstage_env.runner.jobs import make_env

    wanted: dict[str, set[str]] = defaultdict(set)
    for r in records:
        wanted[r.env].add(r.case_id)
    paper: dict[str, Any] = {}
    for cfg in configs:
        paper.update(cfg.get("config", {}).get("paper_kwargs") or {})
    out: dict[str, Any] = {}
    for env_name, ids in sorted(wanted.items()):
        try:
            env = make_env(env_name, {"split": None}, paper)
            cases = {c.case_id: c for c in getattr(env.unwrapped, "cases", ())}
            env.close()
        except Exception:  # gold is an extra: the page works without it
            continue
        out[env_name] = {
            cid: json.loads(json.dumps(cases[cid].gold, default=str)) for cid in ids if cid in cases
        }
    return out


def _clean(value: Any) -> Any:
    """NaN and infinities become None (JSON has no NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _leaderboard(records: Sequence[EpisodeRecord], seed: int) -> dict[str, Any]:
    """Agents x envs, and the overall over the envs that every agent ran.

    As in ``summary.json``, an agent's agent-context episodes count when it has any.
    """
    per_agent: dict[str, set[str]] = defaultdict(set)
    chosen: list[EpisodeRecord] = []
    for agent in sorted({r.agent for r in records}):
        mine = [r for r in records if r.agent == agent and r.context == "agent"] or [
            r for r in records if r.agent == agent
        ]
        chosen += mine
        per_agent[agent] = {r.env for r in mine}
    envs = sorted({e for v in per_agent.values() for e in v})
    common = sorted(set.intersection(*per_agent.values())) if per_agent else []
    cells = {
        f"{row['agent']}\t{row['env']}": row["total"]
        for row in summarize_records(chosen, seed=seed)["envs"]
    }
    overall = summarize_records([r for r in chosen if r.env in common], seed=seed)["overall"]
    return {
        "agents": sorted(per_agent),
        "envs": envs,
        "common": common,
        "cells": cells,
        "overall": overall,
    }


def _contexts(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Agent vs gold context for each (agent, env) with several stages that ran in both."""
    by: dict[tuple[str, str], dict[str, Any]] = {}
    for row in summary["envs"]:
        by.setdefault((row["agent"], row["env"]), {})[row["context"]] = row
    out = []
    for (agent, env), ctx in sorted(by.items()):
        # One stage sees no earlier answers: both contexts are the same game there.
        if "agent" in ctx and "gold" in ctx and len(ctx["agent"]["stages"]) > 1:
            out.append(
                {
                    "agent": agent,
                    "env": env,
                    "agent_context": {"total": ctx["agent"]["total"], **ctx["agent"]["stages"]},
                    "gold_context": {"total": ctx["gold"]["total"], **ctx["gold"]["stages"]},
                }
            )
    return out


def _load(
    runs: Sequence[str | Path],
) -> tuple[list[EpisodeRecord], list[int], list[dict[str, Any]]]:
    paths = [Path(r) for r in runs]
    loaded: list[tuple[Path, list[EpisodeRecord]]] = []
    configs: list[dict[str, Any]] = []
    for run in paths:
        if not (run / "episodes.jsonl").is_file():
            raise DataError(run, "no episodes.jsonl here (is it an evaluate --out directory?)")
        loaded.append((run, load_records(run)))
        cfg_path = run / "config.json"
        try:
            configs.append(json.loads(cfg_path.read_text("utf-8")) if cfg_path.is_file() else {})
        except json.JSONDecodeError:
            configs.append({})
    # The same naming rule as ``ecomstage report``: <run>/<agent> when runs share an agent.
    names = [r.agent for _, recs in loaded for r in recs]
    clash = len(paths) > 1 and len({(run, r.agent) for run, recs in loaded for r in recs}) > len(
        set(names)
    )
    records: list[EpisodeRecord] = []
    run_of: list[int] = []
    for n, (run, recs) in enumerate(loaded):
        for r in recs:
            records.append(r.model_copy(update={"agent": f"{run.name}/{r.agent}"}) if clash else r)
            run_of.append(n)
    return records, run_of, configs


def build_view_data(
    runs: Sequence[str | Path], *, seed: int = 0, gold: bool = True
) -> dict[str, Any]:
    """Everything the page shows, as one JSON-able dict.

    Args:
        runs: Run directories (``evaluate --out``).
        seed: Seed of the bootstrap intervals.
        gold: Look up each case's annotated gold in the env's data.

    Returns:
        ``{"runs", "episodes", "pool", "summary", "leaderboard", "contexts", "gold", ...}``;
        an episode's ``id`` is its index in ``episodes`` (the page's ``#episode=<id>``).

    Raises:
        DataError: A directory holds no episodes.jsonl.
    """
    records, run_of, configs = _load(runs)
    pool = _Pool()
    episodes = [_episode(i, run_of[i], r, pool) for i, r in enumerate(records)]
    summary = summarize_records(records, seed=seed)
    data = {
        "generated": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "runs": [
            {"path": str(p), "name": Path(p).name, "config": c.get("config", {})}
            for p, c in zip(runs, configs, strict=True)
        ],
        "stages": STAGES,
        "episodes": episodes,
        "pool": pool.items,
        "summary": {k: summary[k] for k in ("episodes", "settings", "envs", "propagation")},
        "leaderboard": _leaderboard(records, seed),
        "contexts": _contexts(summary),
        "gold": _gold(records, configs) if gold else {},
    }
    return dict(_clean(data))


def _embed(data: dict[str, Any]) -> str:
    """The data as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_html(data: dict[str, Any], title: str = "ecomstage runs") -> str:
    """The page: the template with the data embedded as JSON."""
    template = resources.files("ecomstage_env.report").joinpath(TEMPLATE).read_text("utf-8")
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    head, _, tail = template.partition(DATA_MARK)
    return head.replace("__TITLE__", safe_title) + _embed(data) + tail


def write_viewer(
    runs: Sequence[str | Path],
    out: str | Path | None = None,
    *,
    seed: int = 0,
    gold: bool = True,
) -> Path:
    """Write the page for run directories; return its path.

    Args:
        runs: Run directories.
        out: An ``.html`` file, or a folder (the page is ``index.html`` in it). Default:
            ``RUN/view.html`` for one run, ``./view.html`` for several.
        seed: Seed of the bootstrap intervals.
        gold: Look up each case's annotated gold in the env's data.

    Raises:
        DataError: A directory holds no episodes.jsonl.
    """
    data = build_view_data(runs, seed=seed, gold=gold)
    if out is None:
        target = Path(runs[0]) / "view.html" if len(runs) == 1 else Path("view.html")
    else:
        target = Path(out)
        if target.suffix.lower() not in (".html", ".htm"):
            target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    names = ", ".join(Path(r).name for r in runs)
    target.write_text(render_html(data, title=f"ecomstage: {names}"), "utf-8")
    return target


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve(page: str | Path, port: int = 8000) -> tuple[ThreadingHTTPServer, str]:
    """A static file server on 127.0.0.1 for the page's folder (not started).

    Returns:
        The server (call ``serve_forever``) and the page's URL.
    """
    path = Path(page).resolve()
    folder = str(path.parent)

    class Handler(_Quiet):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=folder, **kwargs)

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/{path.name}"

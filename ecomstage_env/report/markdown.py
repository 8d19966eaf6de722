"""``report.md``: the summary as tables a person reads, with 95% intervals."""

from __future__ import annotations

from typing import Any

from ecomstage_env.paper.official import PAPER_TASKS

__all__ = ["render_markdown"]

STAGES = ["perception", "planning", "action"]


def _ci(ci: dict[str, float] | None) -> str:
    if not ci:
        return "-"
    if ci["low"] == ci["high"]:
        return f"{ci['mean']:.1f}"
    return f"{ci['mean']:.1f} [{ci['low']:.1f}, {ci['high']:.1f}]"


def _share(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.0f}%"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_markdown(
    summary: dict[str, Any], figures: list[str], title: str = "ecomstage report"
) -> str:
    """The report as Markdown (tables, then the figures by relative path)."""
    out = [f"# {title}", ""]
    out.append(
        f"{summary['episodes']} episodes. Scores x100 with seeded bootstrap 95% intervals "
        f"(seed {summary['settings']['seed']}). Overall and stage columns of the leaderboard "
        "are macro averages over envs (each env weighs the same), in agent context."
    )
    if summary.get("failed"):
        out.append(
            f"\n{summary['failed']} more episodes failed (the agent could not act, e.g. a "
            "model call that failed after its retries) and are not scored; they are listed "
            "in summary.json under `failures` (`ecomstage evaluate ... --retry-failed` "
            "plays them again)."
        )
    out += ["", "## Leaderboard", ""]
    common = summary.get("common") or {"envs": [], "agents": {}}
    uneven = len({o["envs"] for o in summary["overall"].values()}) > 1 or any(
        o["envs"] != len(common["envs"]) for o in summary["overall"].values()
    )
    ranked = sorted(summary["overall"].items(), key=lambda kv: -kv[1]["total"]["mean"])
    if uneven and common["agents"]:
        ranked = sorted(summary["overall"].items(), key=lambda kv: -common["agents"][kv[0]]["mean"])
    if uneven:
        out.append(
            f"The agents were not run on the same envs: ranked by the {len(common['envs'])} "
            f"envs every agent ran ({', '.join(common['envs'])}), the `common` column; "
            "`overall` averages each agent's own envs and is not comparable across agents."
            if common["agents"]
            else "No env was run by every agent: compare them per env (below), not by "
            "`overall`, which averages each agent's own envs."
        )
        out.append("")
    rows = []
    for agent, o in ranked:
        paper = (
            f"{o['paper_avg']:.2f} ({o['paper_tasks']}/7)" if o["paper_avg"] is not None else "-"
        )
        shared = [_ci(common["agents"].get(agent))] if uneven and common["agents"] else []
        rows.append(
            [
                agent,
                str(o["envs"]),
                *shared,
                _ci(o["total"]),
                *[_ci(o["stages"].get(s)) for s in STAGES],
                paper,
            ]
        )
    head = ["agent", "envs"]
    head += [f"common ({len(common['envs'])} envs)"] if uneven and common["agents"] else []
    head += ["overall", "Perception", "Planning", "Action", "paper Avg"]
    out.append(_table(head, rows))
    out += [
        "",
        "paper Avg: the unweighted mean of the paper tasks' scores, as the paper's Table 3 "
        "(comparable only when all seven are present and the data is the release).",
        "",
        "## Per env",
        "",
    ]
    rows = []
    for r in summary["envs"]:
        passk = ", ".join(f"{v:.0f}" for v in r["pass_k"].values()) if r["trials"] > 1 else "-"
        rows.append(
            [
                r["agent"],
                r["env"],
                r["context"],
                str(r["episodes"]),
                *[_ci(r["stages"].get(s)) for s in STAGES],
                _ci(r["total"]),
                passk,
                str(r["with_errors"]),
            ]
        )
    out.append(
        _table(
            [
                "agent",
                "env",
                "context",
                "episodes",
                "Perception",
                "Planning",
                "Action",
                "total",
                "pass^1..k",
                "with errors",
            ],
            rows,
        )
    )
    if summary["orientation"]:
        out += ["", "## By orientation", ""]
        out.append(
            _table(
                ["agent", "orientation", "stage", "score"],
                [
                    [r["agent"], r["orientation"], r["stage"], _ci(r)]
                    for r in summary["orientation"]
                ],
            )
        )
    if summary["propagation"]:
        out += ["", "## Error propagation", ""]
        out.append(
            "Action with the agent's own earlier answers vs with the gold ones, same cases. "
            f"A stage fails below {summary['settings']['fail_below']:.2f}. *Explained*: "
            "Action failures that the gold earlier answers remove. *Co-occurring*: Action "
            "failures in episodes where an earlier stage failed too."
        )
        out.append("")
        rows = []
        for p in summary["propagation"]:
            gold = "-" if p["action_gold"] is None else f"{100 * p['action_gold']:.1f}"
            rows.append(
                [
                    p["agent"],
                    p["env"],
                    str(p["cases"]),
                    f"{100 * p['action_agent']:.1f}",
                    gold,
                    str(p["action_failures"]),
                    _share(p["explained_share"]),
                    _share(p["cooccurring_share"]),
                ]
            )
        out.append(
            _table(
                [
                    "agent",
                    "env",
                    "cases",
                    "Action (agent ctx)",
                    "Action (gold ctx)",
                    "Action failures",
                    "explained",
                    "co-occurring",
                ],
                rows,
            )
        )
    paper_rows = [r for r in summary["envs"] if r["env"] in PAPER_TASKS and r["context"] == "agent"]
    if paper_rows:
        out += ["", "## Paper tasks", ""]
        tasks = [t for t in PAPER_TASKS if any(r["env"] == t for r in paper_rows)]
        rows = []
        for agent in sorted({r["agent"] for r in paper_rows}):
            cells = []
            for t in tasks:
                row = next((r for r in paper_rows if r["agent"] == agent and r["env"] == t), None)
                cells.append(f"{row['total']['mean']:.2f}" if row else "-")
            rows.append([agent, *cells])
        out.append(_table(["agent", *[PAPER_TASKS[t].title for t in tasks]], rows))
    if figures:
        out += ["", "## Figures", ""]
        out += [f"![{f}]({f})" for f in figures]
    return "\n".join(out) + "\n"

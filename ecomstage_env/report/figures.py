"""PNG figures of a summary (matplotlib, headless).

- ``stage_orientation.png``: a stage x orientation heatmap per agent.
- ``env_stages.png``: per-env stage scores as grouped bars, one panel per agent; a stage
  not evaluated is a hatched grey "n/a", distinct from a score of 0.
- ``radar.png``: one polygon per agent over every env scored (the paper tasks first, in
  the paper's order), like the paper's Figure 3; envs an agent was not run on are gaps.
- ``leaderboard.png``: scores over the envs every agent ran, with 95% intervals (or a
  per-env table when there are none), next to the radar (reports that compare runs).

matplotlib is imported when a figure is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ecomstage_env.errors import EcomstageError
from ecomstage_env.paper.official import PAPER_TASKS

__all__ = ["draw_all", "env_stage_bars", "leaderboard", "radar", "stage_orientation_heatmap"]

STAGES = ["perception", "planning", "action"]


def _plt() -> Any:
    try:
        import matplotlib
    except ImportError as e:
        raise EcomstageError("figures need: pip install 'ecomstage[report]'") from e

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _agent_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [r for r in summary["envs"] if r["context"] == "agent"]
    return rows or summary["envs"]


def stage_orientation_heatmap(summary: dict[str, Any], path: Path) -> Path:
    """Mean stage score per orientation, one panel per agent."""
    plt = _plt()
    agents = sorted(summary["overall"])
    orients = sorted({r["orientation"] for r in summary["orientation"]}) or ["-"]
    fig, axes = plt.subplots(
        1, len(agents), figsize=(3.2 * len(agents) + 1, 0.6 * len(orients) + 2), squeeze=False
    )
    fig.subplots_adjust(wspace=0.08)
    for n, (ax, agent) in enumerate(zip(axes[0], agents, strict=True)):
        grid = np.full((len(orients), len(STAGES)), np.nan)
        for r in summary["orientation"]:
            if r["agent"] == agent:
                grid[orients.index(r["orientation"]), STAGES.index(r["stage"])] = r["mean"]
        im = ax.imshow(grid, vmin=0, vmax=100, cmap="viridis", aspect="auto")
        ax.set_xticks(range(len(STAGES)), [s.capitalize() for s in STAGES], fontsize=8)
        ax.set_yticks(range(len(orients)), orients if n == 0 else [], fontsize=8)
        ax.set_title(agent, fontsize=9)
        for (i, j), v in np.ndenumerate(grid):
            if not np.isnan(v):
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", color="w" if v < 60 else "k")
    fig.colorbar(im, ax=axes[0].tolist(), shrink=0.8, label="score x100")
    fig.suptitle("Stage x orientation", fontsize=10)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


NA_COLOR = "#d9d9d9"
"""Fill of a "not evaluated" mark (hatched, with "n/a"), distinct from any score."""


def env_stage_bars(summary: dict[str, Any], path: Path) -> Path:
    """Per-env stage scores (with 95% intervals) as grouped bars, a panel per agent.

    A stage an env does not have, or an env the agent was not run on, is a hatched grey
    "n/a" slot (gid ``na``), never a bar of height 0; a score of 0 is labelled "0". The
    legend sits outside the panels, so it covers no bar.
    """
    plt = _plt()
    from matplotlib.patches import Patch

    rows = _agent_rows(summary)
    agents = sorted({r["agent"] for r in rows})
    envs = sorted({r["env"] for r in rows})
    fig, axes = plt.subplots(
        len(agents), 1, figsize=(max(6, 0.9 * len(envs) + 2), 2.6 * len(agents)), squeeze=False
    )
    width = 0.27
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, agent in zip(axes[:, 0], agents, strict=True):
        for k, stage in enumerate(STAGES):
            xs, ys, errs = [], [], []
            for i, env in enumerate(envs):
                row = next((r for r in rows if r["agent"] == agent and r["env"] == env), None)
                x = i + (k - 1) * width
                if row and stage in row["stages"]:
                    ci = row["stages"][stage]
                    xs.append(x)
                    ys.append(ci["mean"])
                    errs.append([ci["mean"] - ci["low"], ci["high"] - ci["mean"]])
                    if ci["mean"] < 0.5:
                        ax.text(x, 1.5, "0", ha="center", va="bottom", fontsize=6)
                else:
                    na = ax.bar(x, 100, width, color="none", edgecolor=NA_COLOR, hatch="////", lw=0)
                    na.patches[0].set_gid(f"na:{env}:{stage}")
                    ax.text(
                        x,
                        50,
                        "n/a",
                        ha="center",
                        va="center",
                        rotation=90,
                        fontsize=6,
                        color="#808080",
                        gid=f"na-text:{env}:{stage}",
                    )
            if xs:
                # Clipped at 0: a bootstrap interval need not contain its mean exactly.
                yerr = np.clip(np.array(errs).T, 0, None)
                bars = ax.bar(xs, ys, width, yerr=yerr, capsize=2, color=colors[k])
                for patch in bars.patches:
                    patch.set_gid(f"bar:{stage}")
        ax.set_xticks(range(len(envs)), envs, rotation=25, ha="right", fontsize=8)
        ax.set_xlim(-0.6, len(envs) - 0.4)
        ax.set_ylim(0, 105)
        ax.set_ylabel("score x100", fontsize=8)
        ax.set_title(agent, fontsize=9)
    handles = [Patch(color=colors[k], label=s.capitalize()) for k, s in enumerate(STAGES)]
    handles.append(
        Patch(facecolor="none", edgecolor=NA_COLOR, hatch="////", label="n/a: not evaluated")
    )
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    fig.legend(
        handles=handles,
        loc="upper center",
        ncol=4,
        fontsize=7,
        frameon=False,
        bbox_to_anchor=(0.5, 1.0),
    )
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def _radar_axes(summary: dict[str, Any]) -> list[str]:
    """Every env scored: the paper tasks in the paper's order, then the others."""
    envs = sorted({r["env"] for r in _agent_rows(summary)})
    return [t for t in PAPER_TASKS if t in envs] + [e for e in envs if e not in PAPER_TASKS]


def radar(summary: dict[str, Any], path: Path, ax: Any = None) -> Path:
    """Total per env, one polygon per agent (paper tasks in the paper's order).

    Every env that has scores is an axis, and every agent with a score on any axis is
    drawn: a marker per env it ran, lines between neighbouring envs it ran; an env it
    was not run on is a gap (its label says on how many axes it has scores), never a 0.
    """
    plt = _plt()
    labels = _radar_axes(summary)
    rows = _agent_rows(summary)
    own = ax is None
    if own:
        fig = plt.figure(figsize=(6, 6))
        ax = fig.add_subplot(projection="polar")
    angles = np.linspace(0, 2 * np.pi, max(3, len(labels)), endpoint=False).tolist()
    agents = sorted({r["agent"] for r in rows})
    if len(agents) > 10:  # the default cycle repeats after 10: one colour per agent
        ax.set_prop_cycle(color=[plt.get_cmap("tab20")(i % 20) for i in range(len(agents))])
    for agent in agents:
        vals = [
            next(
                (r["total"]["mean"] for r in rows if r["agent"] == agent and r["env"] == e),
                np.nan,
            )
            for e in labels
        ]
        vals += [np.nan] * (len(angles) - len(vals))
        have = int(np.sum(~np.isnan(vals)))
        if not have:
            continue
        name = agent if have == len(labels) else f"{agent} ({have} of {len(labels)} envs)"
        (line,) = ax.plot(
            angles + angles[:1],
            vals + vals[:1],
            label=name,
            linewidth=1.5,
            marker="o",
            markersize=3,
        )
        line.set_gid(f"radar:{agent}")
        if have == len(labels):
            ax.fill(angles + angles[:1], vals + vals[:1], alpha=0.08, color=line.get_color())
    titles = [PAPER_TASKS[e].title if e in PAPER_TASKS else e for e in labels]
    ax.set_xticks(angles[: len(labels)], titles, fontsize=7)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100"], fontsize=7)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.12, 1.05), frameon=False)
    if own:
        ax.set_title("Score x100 per env (gaps: not run)", fontsize=10, pad=18)
        fig.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(fig)
    return path


def leaderboard(summary: dict[str, Any], path: Path) -> Path:
    """Agents compared fairly, beside the radar.

    Over the envs every agent ran (named in the axis label), each agent's score with
    its 95% interval; when no env was run by all, a per-env table of totals instead
    (n/a where an agent was not run), never one ``overall`` over different envs.
    """
    plt = _plt()
    fig = plt.figure(figsize=(12, 5))
    bar_ax = fig.add_subplot(1, 2, 1)
    common = summary.get("common") or {"envs": [], "agents": {}}
    if common["agents"]:
        ranked = sorted(common["agents"].items(), key=lambda kv: kv[1]["mean"])
        names = [a for a, _ in ranked]
        means = [v["mean"] for _, v in ranked]
        err = np.array([[v["mean"] - v["low"], v["high"] - v["mean"]] for _, v in ranked]).T
        err = np.clip(err, 0, None)  # see env_stage_bars
        bar_ax.barh(names, means, xerr=err, capsize=3, color="#4c72b0")
        for y, (m, (_, v)) in enumerate(zip(means, ranked, strict=True)):
            bar_ax.text(v["high"] + 1.5, y, f"{m:.1f}", va="center", fontsize=8)
        bar_ax.set_xlim(0, 110)
        envs = common["envs"]
        listed = ", ".join(envs) if len(envs) <= 4 else f"{', '.join(envs[:4])}, ..."
        bar_ax.set_xlabel(
            f"score x100 over the {len(envs)} envs every agent ran (95% CI)\n{listed}",
            fontsize=8,
        )
        bar_ax.set_title("Leaderboard (common envs)", fontsize=10)
    else:
        rows = _agent_rows(summary)
        agents = sorted({r["agent"] for r in rows})
        envs = sorted({r["env"] for r in rows})
        grid = np.full((len(agents), len(envs)), np.nan)
        for r in rows:
            grid[agents.index(r["agent"]), envs.index(r["env"])] = r["total"]["mean"]
        bar_ax.imshow(grid, vmin=0, vmax=100, cmap="viridis", aspect="auto")
        for (i, j), v in np.ndenumerate(grid):
            text = "n/a" if np.isnan(v) else f"{v:.0f}"
            color = "#808080" if np.isnan(v) else ("w" if v < 60 else "k")
            bar_ax.text(j, i, text, ha="center", va="center", fontsize=7, color=color)
        bar_ax.set_xticks(range(len(envs)), envs, rotation=30, ha="right", fontsize=7)
        bar_ax.set_yticks(range(len(agents)), agents, fontsize=8)
        bar_ax.set_title("Per env (no env was run by every agent)", fontsize=10)
    radar(summary, path, ax=fig.add_subplot(1, 2, 2, projection="polar"))
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def draw_all(summary: dict[str, Any], folder: Path, *, compare: bool = False) -> list[Path]:
    """Draw every figure into ``folder``; ``compare`` adds the leaderboard figure."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [
        stage_orientation_heatmap(summary, folder / "stage_orientation.png"),
        env_stage_bars(summary, folder / "env_stages.png"),
        radar(summary, folder / "radar.png"),
    ]
    if compare:
        out.append(leaderboard(summary, folder / "leaderboard.png"))
    return out

"""PNG figures of a summary (matplotlib, headless).

- ``stage_orientation.png``: a stage x orientation heatmap per agent.
- ``env_stages.png``: per-env stage scores as grouped bars, one panel per agent.
- ``radar.png``: one polygon per agent over the envs (the paper tasks in the paper's
  order when present), like the paper's Figure 3.
- ``leaderboard.png``: overall scores with 95% intervals, next to the radar (reports
  that compare runs).

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


def env_stage_bars(summary: dict[str, Any], path: Path) -> Path:
    """Per-env stage scores (with 95% intervals) as grouped bars, a panel per agent."""
    plt = _plt()
    rows = _agent_rows(summary)
    agents = sorted({r["agent"] for r in rows})
    envs = sorted({r["env"] for r in rows})
    fig, axes = plt.subplots(
        len(agents), 1, figsize=(max(6, 0.9 * len(envs) + 2), 2.6 * len(agents)), squeeze=False
    )
    width = 0.27
    for ax, agent in zip(axes[:, 0], agents, strict=True):
        for k, stage in enumerate(STAGES):
            xs, ys, errs = [], [], []
            for i, env in enumerate(envs):
                row = next((r for r in rows if r["agent"] == agent and r["env"] == env), None)
                if row and stage in row["stages"]:
                    ci = row["stages"][stage]
                    xs.append(i + (k - 1) * width)
                    ys.append(ci["mean"])
                    errs.append([ci["mean"] - ci["low"], ci["high"] - ci["mean"]])
            if xs:
                ax.bar(xs, ys, width, yerr=np.array(errs).T, capsize=2, label=stage.capitalize())
        ax.set_xticks(range(len(envs)), envs, rotation=25, ha="right", fontsize=8)
        ax.set_ylim(0, 105)
        ax.set_ylabel("score x100", fontsize=8)
        ax.set_title(agent, fontsize=9)
        ax.legend(fontsize=7, ncol=3, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def _radar_axes(summary: dict[str, Any]) -> list[str]:
    envs = sorted({r["env"] for r in _agent_rows(summary)})
    paper = [t for t in PAPER_TASKS if t in envs]
    return paper if len(paper) >= 3 else envs


def radar(summary: dict[str, Any], path: Path, ax: Any = None) -> Path:
    """Total per env, one polygon per agent (paper tasks in the paper's order)."""
    plt = _plt()
    labels = _radar_axes(summary)
    rows = _agent_rows(summary)
    own = ax is None
    if own:
        fig = plt.figure(figsize=(5.5, 5.5))
        ax = fig.add_subplot(projection="polar")
    angles = np.linspace(0, 2 * np.pi, max(3, len(labels)), endpoint=False).tolist()
    for agent in sorted({r["agent"] for r in rows}):
        vals = [
            next((r["total"]["mean"] for r in rows if r["agent"] == agent and r["env"] == e), 0.0)
            for e in labels
        ]
        vals += [0.0] * (len(angles) - len(vals))
        ax.plot(angles + angles[:1], vals + vals[:1], label=agent, linewidth=1.5)
        ax.fill(angles + angles[:1], vals + vals[:1], alpha=0.08)
    titles = [PAPER_TASKS[e].title if e in PAPER_TASKS else e for e in labels]
    ax.set_xticks(angles[: len(labels)], titles, fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100"], fontsize=7)
    ax.legend(fontsize=7, loc="upper right", bbox_to_anchor=(1.3, 1.12))
    if own:
        ax.set_title("Score x100 per env", fontsize=10)
        fig.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(fig)
    return path


def leaderboard(summary: dict[str, Any], path: Path) -> Path:
    """Overall score per agent with its 95% interval, beside the radar."""
    plt = _plt()
    fig = plt.figure(figsize=(11, 4.8))
    bar_ax = fig.add_subplot(1, 2, 1)
    ranked = sorted(summary["overall"].items(), key=lambda kv: kv[1]["total"]["mean"])
    names = [a for a, _ in ranked]
    means = [v["total"]["mean"] for _, v in ranked]
    err = np.array(
        [
            [v["total"]["mean"] - v["total"]["low"], v["total"]["high"] - v["total"]["mean"]]
            for _, v in ranked
        ]
    ).T
    bar_ax.barh(names, means, xerr=err, capsize=3, color="#4c72b0")
    for y, (m, (_, v)) in enumerate(zip(means, ranked, strict=True)):
        bar_ax.text(v["total"]["high"] + 1.5, y, f"{m:.1f}", va="center", fontsize=8)
    bar_ax.set_xlim(0, 110)
    bar_ax.set_xlabel("overall score x100 (macro over envs, 95% CI)", fontsize=8)
    bar_ax.set_title("Leaderboard", fontsize=10)
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

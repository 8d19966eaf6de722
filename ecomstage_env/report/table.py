"""Per-stage score tables of a set of episode results."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from statistics import fmean

from rich.table import Table

from ecomstage_env.stages import EpisodeResult, Stage

__all__ = ["stage_table", "summarize"]


def summarize(
    results: Iterable[tuple[str, EpisodeResult]],
) -> dict[tuple[str, str], dict[str, float]]:
    """Mean score per stage and total, per ``(agent, scenario)``.

    Args:
        results: ``(agent name, episode result)`` pairs.

    Returns:
        ``{(agent, scenario): {"perception": ..., "planning": ..., "action": ...,
        "total": ..., "episodes": n, "errors": n}}``; a stage a scenario lacks is absent.
    """
    groups: dict[tuple[str, str], list[EpisodeResult]] = defaultdict(list)
    for agent, r in results:
        groups[(agent, r.scenario)].append(r)
    out: dict[tuple[str, str], dict[str, float]] = {}
    for key, rs in sorted(groups.items()):
        row: dict[str, float] = {}
        for stage in Stage:
            vals = [r.stage_scores[stage.value].value for r in rs if stage.value in r.stage_scores]
            if vals:
                row[stage.value] = fmean(vals)
        row["total"] = fmean(r.total for r in rs)
        row["episodes"] = len(rs)
        row["errors"] = sum(1 for r in rs if r.errors)
        out[key] = row
    return out


def stage_table(results: Iterable[tuple[str, EpisodeResult]], title: str = "Stage scores") -> Table:
    """A rich table: one row per agent and scenario, mean score x100 per stage and total.

    Args:
        results: ``(agent name, episode result)`` pairs.
        title: Table title.

    Returns:
        The table, ready for ``rich.print``.
    """
    table = Table(title=title)
    for col in (
        "agent",
        "scenario",
        "episodes",
        "Perception",
        "Planning",
        "Action",
        "total",
        "with errors",
    ):
        table.add_column(col, justify="left" if col in ("agent", "scenario") else "right")
    for (agent, scenario), row in summarize(results).items():
        cells = [f"{100 * row[s.value]:.1f}" if s.value in row else "-" for s in Stage]
        table.add_row(
            agent,
            scenario,
            str(int(row["episodes"])),
            *cells,
            f"{100 * row['total']:.1f}",
            str(int(row["errors"])),
        )
    return table

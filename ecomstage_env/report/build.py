"""Write a report from run directories: ``summary.json``, ``report.md`` and figures."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path

from ecomstage_env.errors import DataError, EcomstageError
from ecomstage_env.report.aggregate import load_records, summarize_records
from ecomstage_env.report.figures import draw_all
from ecomstage_env.report.markdown import render_markdown
from ecomstage_env.runner.episode import EpisodeRecord

__all__ = ["write_report"]


def write_report(
    runs: Sequence[str | Path],
    out: str | Path | None = None,
    *,
    figures: bool = True,
    seed: int = 0,
) -> dict[str, Path]:
    """Aggregate one or more run directories and write the report files.

    With several runs, agents are named ``<run>/<agent>`` when two runs share an agent
    name, and a leaderboard figure compares them.

    Args:
        runs: Run directories (``evaluate --out``).
        out: Where to write (default: the run itself for one run, else ``./report``).
        figures: Draw the PNG figures.
        seed: Seed of the bootstrap intervals.

    Returns:
        Paths of what was written, by kind (``summary``, ``markdown``, figure names).

    Raises:
        DataError: A directory holds no episodes.
    """
    paths = [Path(r) for r in runs]
    loaded: list[tuple[Path, list[EpisodeRecord]]] = []
    for run in paths:
        if not (run / "episodes.jsonl").is_file():
            raise DataError(run, "no episodes.jsonl here (is it an evaluate --out directory?)")
        loaded.append((run, load_records(run)))
    names = [r.agent for _, recs in loaded for r in recs]
    clash = len(paths) > 1 and len({(run, r.agent) for run, recs in loaded for r in recs}) > len(
        set(names)
    )
    records = [
        r.model_copy(update={"agent": f"{run.name}/{r.agent}"}) if clash else r
        for run, recs in loaded
        for r in recs
    ]
    target = Path(out) if out is not None else (paths[0] if len(paths) == 1 else Path("report"))
    target.mkdir(parents=True, exist_ok=True)
    summary = summarize_records(records, seed=seed)
    summary["runs"] = [str(p) for p in paths]
    written: dict[str, Path] = {}
    fig_names: list[str] = []
    if figures and records:
        try:
            drawn = draw_all(summary, target / "figures", compare=len(summary["overall"]) > 1)
        except EcomstageError as e:  # matplotlib missing: the tables still get written
            warnings.warn(f"no figures: {e}", stacklevel=2)
            drawn = []
        for f in drawn:
            written[f.stem] = f
            fig_names.append(f"figures/{f.name}")
    written["summary"] = target / "summary.json"
    written["summary"].write_text(json.dumps(summary, indent=2, ensure_ascii=False), "utf-8")
    written["markdown"] = target / "report.md"
    written["markdown"].write_text(render_markdown(summary, fig_names), "utf-8")
    return written

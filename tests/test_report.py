"""Reports from a fixture run: summary.json, report.md, and figures that really render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.cli import app
from ecomstage_env.report.build import write_report
from ecomstage_env.runner.run import run_evaluation


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    agents = [ecomstage.OracleAgent(), ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=2)]
    run_evaluation(
        agents, "merchant_promotion,attitude_cls,rag_qa", limit=6, trials=2, context="both", out=out
    )
    return out


def test_summary_json_has_every_level_and_matches_the_episodes(fixture_run: Path) -> None:
    written = write_report([fixture_run])
    summary = json.loads(written["summary"].read_text("utf-8"))
    assert summary["schema_version"] == 1 and summary["episodes"] == 3 * 3 * 6 * 2 * 2
    lines = [json.loads(x) for x in (fixture_run / "episodes.jsonl").read_text().splitlines()]
    kw = [
        r["result"]["total"]
        for r in lines
        if r["agent"] == "keyword" and r["env"] == "merchant_promotion" and r["context"] == "agent"
    ]
    row = next(
        r
        for r in summary["envs"]
        if (r["agent"], r["env"], r["context"]) == ("keyword", "merchant_promotion", "agent")
    )
    assert row["total"]["mean"] == pytest.approx(100 * np.mean(kw))  # hand computation
    assert row["total"]["low"] <= row["total"]["mean"] <= row["total"]["high"]
    assert row["trials"] == 2 and set(row["pass_k"]) == {"1", "2"}
    assert set(row["fields"]) >= {"perception.rewritten_query", "action.reply"}
    oracle = summary["overall"]["oracle"]
    assert oracle["total"]["mean"] == pytest.approx(100.0) and oracle["paper_tasks"] == 2
    assert {r["orientation"] for r in summary["orientation"]} == {"merchant", "both"}
    prop = next(p for p in summary["propagation"] if p["agent"] == "random")
    assert prop["env"] == "merchant_promotion" and prop["action_gold"] is not None


def test_report_md_has_tables_with_intervals_and_figure_links(fixture_run: Path) -> None:
    md = write_report([fixture_run])["markdown"].read_text("utf-8")
    for heading in ("## Leaderboard", "## Per env", "## By orientation", "## Error propagation"):
        assert heading in md
    assert "| oracle | 3 | 100.0 |" in md
    assert "[" in md.split("## Per env")[1]  # intervals like 30.9 [26.2, 35.9]
    assert "![figures/radar.png](figures/radar.png)" in md


def test_figures_render_with_content(fixture_run: Path) -> None:
    import matplotlib.image as mpimg

    written = write_report([fixture_run])
    for name in ("stage_orientation", "env_stages", "radar"):
        img = mpimg.imread(written[name])
        h, w = img.shape[:2]
        assert h > 200 and w > 300, name
        # Not a blank canvas: many distinct colours, and a fair share of non-white pixels.
        rgb = img[..., :3].reshape(-1, 3)
        assert len(np.unique((rgb * 255).astype(int), axis=0)) > 50, name
        assert (rgb.mean(axis=1) < 0.95).mean() > 0.05, name


def test_report_cli_compares_runs_with_a_leaderboard_figure(
    fixture_run: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    run_evaluation([ecomstage.KeywordAgent()], "attitude_cls", limit=4, out=other)
    res = CliRunner().invoke(
        app, ["report", str(fixture_run), str(other), "--out", str(tmp_path / "cmp")]
    )
    assert res.exit_code == 0, res.output
    assert "Leaderboard" in res.output and f"{other.name}/keyword" in res.output
    assert (tmp_path / "cmp" / "figures" / "leaderboard.png").stat().st_size > 10_000
    assert (tmp_path / "cmp" / "report.md").is_file()


def test_without_matplotlib_the_tables_are_still_written(
    fixture_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails as if not installed
    with pytest.warns(UserWarning, match="ecomstage\\[report\\]"):
        written = write_report([fixture_run], tmp_path / "r")
    assert written["summary"].is_file() and written["markdown"].is_file()
    assert "radar" not in written and "## Figures" not in written["markdown"].read_text()


@pytest.fixture(scope="module")
def uneven_runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three agents on four envs, and one more agent on one of them."""
    root = tmp_path_factory.mktemp("uneven")
    agents = [ecomstage.OracleAgent(), ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=2)]
    envs = "merchant_promotion,attitude_cls,rag_qa,intent_recognition"
    run_evaluation(agents, envs, limit=4, out=root / "a")
    run_evaluation([ecomstage.KeywordAgent()], "merchant_promotion", limit=4, out=root / "b")
    return [root / "a", root / "b"]


def _drawn(monkeypatch: pytest.MonkeyPatch, draw: Any, *args: Any) -> Any:
    """Call a figure function and keep its figure open (it closes it after saving)."""
    import matplotlib.pyplot as plt

    figs: list[Any] = []
    monkeypatch.setattr(plt, "close", lambda fig=None: figs.append(fig))
    draw(*args)
    fig = figs[-1]
    fig.canvas.draw()
    return fig


def test_figures_read_right(
    uneven_runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecomstage_env.report import figures

    written = write_report(uneven_runs, tmp_path / "rep", figures=False)
    summary = json.loads(written["summary"].read_text("utf-8"))
    assert summary["common"]["envs"] == ["merchant_promotion"]
    assert set(summary["common"]["agents"]) == {"a/oracle", "a/keyword", "a/random", "b/keyword"}

    # env_stages: the legend covers no bar; n/a slots are drawn where nothing was scored.
    fig = _drawn(monkeypatch, figures.env_stage_bars, summary, tmp_path / "e.png")
    renderer = fig.canvas.get_renderer()
    (legend,) = fig.legends
    box = legend.get_window_extent(renderer)
    bars = [p for ax in fig.axes for p in ax.patches if str(p.get_gid()).startswith("bar:")]
    assert len(bars) > 20
    assert not [p for p in bars if box.overlaps(p.get_window_extent(renderer))]
    assert "n/a: not evaluated" in [t.get_text() for t in legend.get_texts()]
    by_title = {ax.get_title(): ax for ax in fig.axes}
    gids = lambda ax: {str(p.get_gid()) for p in ax.patches}  # noqa: E731
    # attitude_cls has one stage: the other two are "not evaluated", never bars of 0.
    assert {"na:attitude_cls:planning", "na:attitude_cls:action"} <= gids(by_title["a/oracle"])
    assert "na:merchant_promotion:planning" not in gids(by_title["a/oracle"])
    # b/keyword ran merchant_promotion only: every slot of the other envs is n/a.
    assert "na:rag_qa:action" in gids(by_title["b/keyword"])
    texts = lambda ax: [t.get_text() for t in ax.texts]  # noqa: E731
    assert texts(by_title["b/keyword"]).count("n/a") == 9
    # A real score of 0 (keyword on intent_recognition) is labelled "0", not n/a.
    kw = by_title["a/keyword"]
    assert "0" in texts(kw) and "na:intent_recognition:perception" not in gids(kw)

    # The radar: every env is an axis (merchant_promotion too), every agent is drawn.
    fig = _drawn(monkeypatch, figures.radar, summary, tmp_path / "r.png")
    ax = fig.axes[0]
    assert "merchant_promotion" in [t.get_text() for t in ax.get_xticklabels()]
    drawn = {str(line.get_gid()) for line in ax.lines}
    assert {f"radar:{a}" for a in summary["common"]["agents"]} <= drawn
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "b/keyword (1 of 4 envs)" in labels

    # The leaderboard compares over the common env only, and names it.
    fig = _drawn(monkeypatch, figures.leaderboard, summary, tmp_path / "l.png")
    bar_ax = fig.axes[0]
    assert "every agent ran" in bar_ax.get_xlabel() and "merchant_promotion" in bar_ax.get_xlabel()
    widths = sorted(round(p.get_width(), 1) for p in bar_ax.patches)
    want = sorted(round(v["mean"], 1) for v in summary["common"]["agents"].values())
    assert widths == want

    # No env in common: a per-env table with n/a cells instead of one overall column.
    none_common = {**summary, "common": {"envs": [], "agents": {}}}
    fig = _drawn(monkeypatch, figures.leaderboard, none_common, tmp_path / "l2.png")
    assert "Per env" in fig.axes[0].get_title()
    assert "n/a" in [t.get_text() for t in fig.axes[0].texts]


def test_report_of_uneven_runs_ranks_over_common_envs(
    uneven_runs: list[Path], tmp_path: Path
) -> None:
    import matplotlib.image as mpimg

    res = CliRunner().invoke(app, ["report", *map(str, uneven_runs), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "every agent ran (merchant_promotion)" in " ".join(res.output.split())
    md = (tmp_path / "report.md").read_text("utf-8")
    assert "common (1 envs)" in md and "not comparable across agents" in md
    # The legend row above the panels: the top of env_stages.png has ink, and no bar
    # colour (bars start lower down).
    img = mpimg.imread(tmp_path / "figures" / "env_stages.png")[..., :3]
    top = img[: int(0.03 * img.shape[0])]
    assert (top.mean(axis=2) < 0.9).mean() > 0.001


def test_intervals_off_their_mean_by_rounding_still_draw(
    uneven_runs: list[Path], tmp_path: Path
) -> None:
    # One case per env gives intervals of zero width whose bounds differ from the mean
    # in the last bit (64.58333333333334 vs ...33): error bars must not go negative.
    from ecomstage_env.report import figures

    written = write_report(uneven_runs, tmp_path / "rep", figures=False)
    summary = json.loads(written["summary"].read_text("utf-8"))
    for ci in summary["common"]["agents"].values():
        ci["low"] = ci["high"] = ci["mean"] + 1e-12
    for row in summary["envs"]:
        for ci in row["stages"].values():
            ci["low"] = ci["high"] = ci["mean"] + 1e-12
    assert figures.leaderboard(summary, tmp_path / "l.png").stat().st_size > 10_000
    assert figures.env_stage_bars(summary, tmp_path / "e.png").stat().st_size > 10_000

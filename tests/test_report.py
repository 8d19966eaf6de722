"""Reports from a fixture run: summary.json, report.md, and figures that really render."""

from __future__ import annotations

import json
from pathlib import Path

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

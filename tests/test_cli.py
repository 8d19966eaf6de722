from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ecomstage_env.cli import app

runner = CliRunner()


def test_evaluate_prints_a_stage_table_and_writes_episodes(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = runner.invoke(
        app,
        [
            "evaluate",
            "--agent",
            "oracle,keyword",
            "--env",
            "merchant_promotion",
            "--limit",
            "2",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "Perception" in res.output and "100.0" in res.output
    lines = [json.loads(x) for x in (out / "episodes.jsonl").read_text().splitlines()]
    assert len(lines) == 4 and {x["agent"] for x in lines} == {"oracle", "keyword"}
    assert all(x["steps"] and x["result"]["stage_scores"] for x in lines)
    summary = json.loads((out / "summary.json").read_text())
    assert {(r["agent"], r["env"]) for r in summary["rows"]} == {
        ("oracle", "merchant_promotion"),
        ("keyword", "merchant_promotion"),
    }


def test_unknown_agent_or_env_exits_2() -> None:
    res = runner.invoke(app, ["evaluate", "--agent", "oracel"])
    assert res.exit_code == 2 and "Did you mean 'oracle'" in res.output
    res = runner.invoke(app, ["evaluate", "--env", "merchant_promo"])
    assert res.exit_code == 2 and "Did you mean" in res.output


def test_list() -> None:
    res = runner.invoke(app, ["list"])
    assert res.exit_code == 0 and "merchant_promotion" in res.output

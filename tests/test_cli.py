from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecomstage_env.cli import app
from tests.conftest import CASE

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
    assert {(r["agent"], r["env"]) for r in summary["envs"]} == {
        ("oracle", "merchant_promotion"),
        ("keyword", "merchant_promotion"),
    }
    assert (out / "report.md").is_file() and (out / "figures" / "radar.png").is_file()


def test_unknown_agent_or_env_exits_2() -> None:
    res = runner.invoke(app, ["evaluate", "--agent", "oracel"])
    assert res.exit_code == 2 and "Did you mean 'oracle'" in res.output
    res = runner.invoke(app, ["evaluate", "--env", "merchant_promo"])
    assert res.exit_code == 2 and "Did you mean" in res.output


def test_list() -> None:
    res = runner.invoke(app, ["list"])
    assert res.exit_code == 0 and "merchant_promotion" in res.output


def test_validate_prints_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"case_id": "x1", "scenario": "s"}\n{"case_id": "x2", "scenario": "s", "orientation": "both?"}\n',
        "utf-8",
    )
    res = runner.invoke(app, ["validate", str(cases)])
    assert res.exit_code == 1
    assert f"{cases}:1: field 'orientation'" in res.output
    assert f"{cases}:2: field 'orientation'" in res.output  # every line, not just the first
    good = runner.invoke(app, ["validate", "scenarios/merchant_promotion", "scenarios/paper_tasks"])
    assert good.exit_code == 0, good.output
    assert runner.invoke(app, ["validate", str(tmp_path / "nothing")]).exit_code == 2


def test_validate_reports_malformed_release_records(tmp_path: Path) -> None:
    from tests.test_official import CRAFTED, KINDS

    data = tmp_path / "filtered_data.json"
    data.write_text(json.dumps(CRAFTED), "utf-8")
    res = runner.invoke(app, ["validate", str(data)])
    assert res.exit_code == 1
    for rid in KINDS:
        assert f": {rid}: field 'conversations'" in res.output or f": {rid}:" in res.output
    assert f"{len(KINDS)} problem(s)" in res.output


def test_play_takes_typed_actions_and_shows_scores() -> None:
    actions = "\n".join(
        [
            '{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}',
            '{"rewritten_query": "why is C-2001 barely shown", "entities": {"campaign_id": "C-2001", "metric": "impressions"}}',
            '{"route": "D"}',
            '{"decision": "1", "reply": "I raised the bid."}',
        ]
    )
    res = runner.invoke(app, ["play", "merchant_promotion", "--case", CASE], input=actions + "\n")
    assert res.exit_code == 0, res.output
    assert "tool result:" in res.output and "perception score" in res.output
    assert "planning score" in res.output and "action score" in res.output
    assert "total" in res.output
    quit_early = runner.invoke(app, ["play", "intent_recognition"], input=":q\n")
    assert quit_early.exit_code == 0 and "quit" in quit_early.output


def test_report_compares_run_directories(tmp_path: Path) -> None:
    for name, agent in (("run-a", "oracle"), ("run-b", "keyword")):
        args = ["evaluate", "--agent", agent, "--env", "attitude_cls", "--limit", "3"]
        assert runner.invoke(app, [*args, "--out", str(tmp_path / name)]).exit_code == 0
    both = [str(tmp_path / "run-a"), str(tmp_path / "run-b")]
    res = runner.invoke(app, ["report", *both, "--out", str(tmp_path / "cmp")])
    assert res.exit_code == 0, res.output
    assert "oracle" in res.output and "keyword" in res.output and "Leaderboard" in res.output
    assert runner.invoke(app, ["report", str(tmp_path)]).exit_code == 2


def test_every_command_has_help() -> None:
    for cmd in ("list", "evaluate", "validate", "audit", "play", "report", "score-predictions"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "Usage" in res.output, cmd


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: nothing listens there


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["evaluate", "--agent", " , "], "--agent names no agent"),
        (["evaluate", "--env", ","], "--env names no env"),
        (["evaluate", "--limit", "-1"], "--limit must be at least 1"),
        (["evaluate", "--limit", "0"], "--limit must be at least 1"),
        (["evaluate", "--seed", "-5"], "--seed must be 0 or more"),
        (["play", "attitude_cls", "--seed", "-5"], "--seed must be 0 or more"),
        (["evaluate", "--trials", "0"], "at least 1"),
        (["evaluate", "--out", ""], "--out is empty"),
        (["evaluate", "--data", "/no/such/release.json"], "no such file"),
        (["evaluate", "--agent", "openai:m", "--base-url", "not a url"], "not an http(s) URL"),
        (["evaluate", "--agent", "openai:m", "--base-url", "ftp://h/v1"], "not an http(s) URL"),
        (["evaluate", "--agent", "openai:m", "--base-url", "http://h:99999/v1"], "not a URL"),
        (
            ["evaluate", "--agent", "openai:m", "--base-url", "http://127.0.0.1:{port}/v1"],
            "nothing answers at 127.0.0.1:",
        ),
    ],
)
def test_bad_values_exit_2_with_one_line_on_stderr(args: list[str], words: str) -> None:
    args = [a.replace("{port}", str(_free_port())) for a in args]
    res = runner.invoke(app, [*args, "--no-cache"] if args[0] == "evaluate" else args)
    assert res.exit_code == 2, res.output
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("error: "), res.stderr
    assert words in res.stderr and "Traceback" not in res.output


def test_validate_refuses_an_empty_data_file(tmp_path: Path) -> None:
    for text in ("", "\n  \n"):
        empty = tmp_path / "cases.jsonl"
        empty.write_text(text, "utf-8")
        res = runner.invoke(app, ["validate", str(empty)])
        assert res.exit_code == 2 and "the file is empty" in res.stderr
        assert res.stderr.count("\n") == 1
    missing = runner.invoke(app, ["validate", str(tmp_path / "nothing.jsonl")])
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ")


def test_evaluate_sends_the_sampling_options(tmp_path: Path, monkeypatch: Any) -> None:
    from tests.servers import chat_server
    from tests.test_agents_http import PerfectModel

    monkeypatch.setenv("OPENAI_API_KEY", "k")
    model = PerfectModel()
    with chat_server(model) as server:
        args = ["evaluate", "--agent", "openai:m", "--env", "merchant_promotion", "--limit", "1"]
        args += ["--base-url", server.base_url, "--no-cache", "--out", str(tmp_path / "r")]
        hot = ["--temperature", "0.7", "--top-p", "0.9", "--max-tokens", "64"]
        res = runner.invoke(app, [*args, *hot, "--sampling-seed", "7"])
        assert res.exit_code == 0, res.output
        sent = model.requests
        assert sent and all(
            (r["temperature"], r["top_p"], r["max_tokens"], r["seed"]) == (0.7, 0.9, 64, 7)
            for r in sent
        )
        config = json.loads((tmp_path / "r" / "config.json").read_text("utf-8"))
        assert "0.7" in json.dumps(config)  # part of the run's config: not resumed otherwise
        # The same command again: every episode is there, and it says so.
        again = runner.invoke(app, [*args, *hot, "--sampling-seed", "7"])
        assert again.exit_code == 0 and "nothing to do: all 1 episodes" in again.output
        assert len(model.requests) == len(sent)
        # Other sampling: another config, refused without --force.
        other = runner.invoke(app, [*args, "--temperature", "0.2"])
        assert other.exit_code == 2
    # Unset options keep the agent's defaults (the paper's sampling for openai:).
    from ecomstage_env.cli import _agent_kwargs

    assert _agent_kwargs("openai:m", None, None) == {}
    kw = _agent_kwargs("qwen2.5-7b-vllm", None, None, None, {"max_tokens": 99})
    assert kw["sampling"].max_tokens == 99  # on top of the card's own sampling
    assert (kw["sampling"].temperature, kw["sampling"].top_p) == (0.1, 0.001)
    for bad in (["--temperature", "-1"], ["--top-p", "0"], ["--max-tokens", "0"]):
        res = runner.invoke(app, ["evaluate", "--agent", "keyword", *bad])
        assert res.exit_code == 2 and "must be" in res.output


def test_evaluate_shows_progress_as_plain_lines_off_a_terminal(tmp_path: Path) -> None:
    # CliRunner's output is not a terminal, like `make demo | tee` or a CI log.
    args = ["evaluate", "--agent", "keyword", "--env", "attitude_cls", "--limit", "3"]
    res = runner.invoke(app, [*args, "--out", str(tmp_path / "r")])
    assert res.exit_code == 0, res.output
    assert "episodes: 3 to play" in res.output
    assert "episodes 3/3 (" in res.output and "ep/s" in res.output and ": done" in res.output

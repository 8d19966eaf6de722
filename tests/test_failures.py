"""Runs survive model failures: a failed call is recorded on its episode and the run goes on.

Every test starts its own OpenAI-compatible server on 127.0.0.1 (tests/servers.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.agents.openai_agent import OpenAIAgent
from ecomstage_env.cli import app
from ecomstage_env.errors import AgentFailure, EcomstageError
from ecomstage_env.report.build import write_report
from ecomstage_env.runner.episode import EpisodeRecord, play_episode
from ecomstage_env.runner.run import run_evaluation
from ecomstage_env.stages import TerminationReason
from tests.conftest import CASE
from tests.servers import FAULTS, Fault, Reply, chat_server, faulty
from tests.test_agents_http import PerfectModel

LABEL_ENVS = "attitude_cls,intent_recognition,query_match,scenario_route,solution_decision"
PAPER = {"scoring": "strict"}  # what the CLI passes: the CLI can resume these runs


def label_reply(body: dict[str, Any]) -> Reply:
    return {"content": "1"}


def quick_agent(url: str, **kw: Any) -> OpenAIAgent:
    """Short timeouts and waits: a failing call costs milliseconds, a timeout 0.25 s."""
    opts: dict[str, Any] = {"max_retries": 2, "backoff": 0.001, "backoff_max": 0.01}
    return OpenAIAgent("m", base_url=url, api_key="k", timeout=0.25, **{**opts, **kw})


def lines(run: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (run / "episodes.jsonl").read_text("utf-8").splitlines()]


def test_a_200_episode_run_with_30_percent_faults_finishes_in_one_invocation(
    tmp_path: Path,
) -> None:
    run = tmp_path / "run"
    respond = faulty(label_reply, 0.3, seed=7, delay=0.6)
    with chat_server(respond) as server:
        records = run_evaluation(
            [quick_agent(server.base_url)],
            LABEL_ENVS,
            limit=20,
            trials=2,
            concurrency=4,
            out=run,
            paper_kwargs=PAPER,
        )
        faults, sent = dict(server.faults), len(server.requests)
    assert len(records) == 200 and set(faults) == set(FAULTS)  # every kind was injected
    assert 0.2 < sum(faults.values()) / sent < 0.4
    failed = [r for r in records if r.failed]
    scored = [r for r in records if not r.failed]
    assert failed and len(failed) + len(scored) == 200
    for r in failed:  # only three faults in a row fail an episode: retries exhausted
        assert r.failure is not None and r.failure.retries == 2 and r.failure.reason
        assert r.result.termination_reason == TerminationReason.AGENT_FAILURE
        assert not r.result.stage_scores
    assert all(r.result.stage_scores and r.result.usage for r in scored)
    on_disk = lines(run)
    assert len(on_disk) == 200 and sum(x["failed"] for x in on_disk) == len(failed)
    summary = json.loads(write_report([run], figures=False)["summary"].read_text("utf-8"))
    assert summary["episodes"] == len(scored) and summary["failed"] == len(failed)
    assert {f["retries"] for f in summary["failures"]} == {2}
    assert sum(e["episodes"] for e in summary["envs"]) == len(scored)

    # --retry-failed plays the failed episodes again, and only those.
    with chat_server(label_reply) as healthy:
        args = ["evaluate", "--agent", "openai:m", "--env", LABEL_ENVS, "--limit", "20"]
        args += ["--trials", "2", "--out", str(run), "--base-url", healthy.base_url]
        plain = CliRunner().invoke(app, [*args, "--no-cache"])
        assert plain.exit_code == 0, plain.output
        assert len(healthy.requests) == 0  # a plain resume keeps the failures as they are
        assert f"{len(failed)} of 200 episodes failed" in plain.output
        res = CliRunner().invoke(app, [*args, "--no-cache", "--retry-failed"])
        assert res.exit_code == 0, res.output
        assert len(healthy.requests) == len(failed)
    after = {(x["env"], x["case_id"], x["trial"]): x for x in lines(run)}
    assert len(after) == 200 and not any(x["failed"] for x in after.values())
    summary = json.loads((run / "summary.json").read_text("utf-8"))
    assert summary["episodes"] == 200 and summary["failed"] == 0


@pytest.mark.parametrize("kind", FAULTS)
def test_each_fault_that_outlasts_the_retries_is_recorded_not_raised(
    kind: str, tmp_path: Path
) -> None:
    with chat_server(lambda body: Fault(kind, delay=0.6)) as server:
        agent = quick_agent(server.base_url, max_retries=1)
        (rec,) = run_evaluation([agent], "attitude_cls", limit=1, out=tmp_path)
        assert len(server.requests) == 2  # every kind is retried
    assert rec.failed and rec.failure is not None
    assert rec.failure.retries == 1 and rec.failure.stage == "perception"
    assert rec.failure.step == 0 and not rec.steps
    assert lines(tmp_path)[0]["failure"]["reason"] == rec.failure.reason


def test_a_failure_mid_episode_keeps_the_steps_played(tmp_path: Path) -> None:
    model = PerfectModel()

    def respond(body: dict[str, Any]) -> Reply:
        if len(model.requests) >= 2:  # perception answered, then the endpoint dies
            return (503, {"error": {"message": "overloaded"}})
        return model(body)

    with chat_server(respond) as server:
        agent = quick_agent(server.base_url, max_retries=3)
        env = ecomstage.make("merchant_promotion")
        rec = play_episode(env, agent, case_id=CASE, on_failure="record")
        with pytest.raises(AgentFailure, match="InternalServerError"):
            play_episode(env, agent, case_id=CASE)  # the default passes the error on
    assert rec.failed and rec.failure is not None
    assert (rec.failure.stage, rec.failure.step, rec.failure.retries) == ("planning", 2, 3)
    assert [s.stage for s in rec.steps] == ["perception", "perception"]
    assert rec.steps[-1].stage_score is not None  # the stage it finished is in the trajectory
    assert rec.result.errors == [f"agent failed at planning: {rec.failure.reason}"]
    assert EpisodeRecord.model_validate_json(rec.model_dump_json()) == rec


def test_a_lone_surrogate_in_a_model_answer_is_stored_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    from ecomstage_env.cache import ResponseCache

    cache = ResponseCache(tmp_path / "cache.sqlite")
    with chat_server(lambda body: {"content": "1\ud800"}) as server:
        agent = OpenAIAgent("m", base_url=server.base_url, api_key="k", cache=cache)
        run = tmp_path / "run"
        first = run_evaluation([agent], "attitude_cls,merchant_promotion", limit=3, out=run)
        again = run_evaluation([agent], "attitude_cls,merchant_promotion", limit=3, out=run)
        sent = len(server.requests)
        other = run_evaluation(
            [agent], "attitude_cls,merchant_promotion", limit=3, out=tmp_path / "b"
        )
        assert len(server.requests) == sent  # served from the cache
    assert len(first) == len(again) == len(other) == 6
    assert not any(r.failed for r in first)
    raws = [s["raw"] for x in lines(run) for s in x["steps"]]
    assert raws and all(r == "1\ufffd" for r in raws)
    assert [r.result for r in again] == [r.result for r in first]


class Crashing(BaseAgent):
    name = "crashing"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        raise self.error


def test_any_agent_exception_is_recorded_but_library_errors_stop_the_run(
    tmp_path: Path,
) -> None:
    recs = run_evaluation([Crashing(KeyError("choices"))], "attitude_cls", limit=2)
    assert [r.failure.reason for r in recs if r.failure] == ["KeyError: 'choices'"] * 2
    assert all(r.failure and r.failure.retries == 0 for r in recs)
    with pytest.raises(EcomstageError, match="misconfigured"):
        run_evaluation([Crashing(EcomstageError("misconfigured"))], "attitude_cls", limit=2)


def test_the_cli_records_failed_episodes_and_says_so(tmp_path: Path) -> None:
    respond = faulty(label_reply, 0.5, seed=3, kinds=("500", "drop", "timeout"), delay=0.6)
    run = tmp_path / "run"
    args = ["evaluate", "--agent", "openai:m", "--env", "attitude_cls", "--limit", "12"]
    args += ["--out", str(run), "--no-cache", "--timeout", "0.25", "--max-retries", "0"]
    with chat_server(respond) as server:
        res = CliRunner().invoke(app, [*args, "--base-url", server.base_url])
        injected = sum(server.faults.values())
    assert res.exit_code == 0, res.output
    failed = [x for x in lines(run) if x["failed"]]
    assert len(failed) == injected > 0  # no retries: every fault fails its episode
    assert f"{len(failed)} of 12 episodes failed" in res.output and "--retry-failed" in res.output
    assert all(x["failure"]["retries"] == 0 for x in failed)
    summary = json.loads((run / "summary.json").read_text("utf-8"))
    assert summary["failed"] == len(failed) and summary["episodes"] == 12 - len(failed)
    report = (run / "report.md").read_text("utf-8")
    assert f"{len(failed)} more episodes failed" in report
    shown = CliRunner().invoke(app, ["report", str(run), "--no-figures"])
    assert shown.exit_code == 0 and f"{len(failed)} failed episodes" in shown.output


# Upper bounds only tell the waits apart (0.4 s honoured vs backoff_max 5 s; a 3600 s
# Retry-After capped at 0.2 s), with slack for a loaded CI machine.
@pytest.mark.parametrize(("retry_after", "low", "high"), [("0.4", 0.4, 4.5), ("3600", 0.2, 30.0)])
def test_a_429_waits_its_retry_after_up_to_backoff_max(
    retry_after: str, low: float, high: float
) -> None:
    import time

    replies: list[Reply] = [Fault("429", retry_after=retry_after)]

    def respond(body: dict[str, Any]) -> Reply:
        return replies.pop() if replies else label_reply(body)

    env = ecomstage.make("attitude_cls")
    obs, info = env.reset(seed=0)
    with chat_server(respond) as server:
        agent = quick_agent(server.base_url, backoff_max=0.2 if retry_after == "3600" else 5.0)
        start = time.perf_counter()
        step = agent.act(obs, info)
        waited = time.perf_counter() - start
    assert step.action == "1" and len(server.requests) == 2
    assert low <= waited < high

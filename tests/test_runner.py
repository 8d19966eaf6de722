"""The runner: run directories, resume after a crash, concurrency, Ray, cache, env groups."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.cache import ResponseCache
from ecomstage_env.cli import app
from ecomstage_env.runner.episode import EpisodeRecord
from ecomstage_env.runner.run import resolve_envs, run_evaluation
from ecomstage_env.runner.rundir import RunConfigMismatch, RunDir
from tests.conftest import CASE

ROOT = Path(__file__).resolve().parents[1]


def totals(records: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.key, r.result.total, r.result.stage_scores) for r in records]


def test_env_groups_expand_by_orientation_and_family() -> None:
    assert resolve_envs("paper") == sorted(ecomstage.PAPER_TASKS)
    merchant = resolve_envs("merchant")
    assert "merchant_promotion" in merchant and "attitude_cls" in merchant
    assert "intent_recognition" not in merchant and "rag_qa" in merchant
    assert "rag_qa" in resolve_envs("customer")
    assert resolve_envs("all") == ecomstage.list_envs()
    assert resolve_envs("query_match,paper")[0] == "query_match"  # order kept, no repeats
    with pytest.raises(ecomstage.EcomstageError, match="Did you mean 'merchant_promotion'"):
        resolve_envs("merchant_promo")


def test_concurrent_run_equals_sequential_and_writes_the_trajectory(tmp_path: Path) -> None:
    agents = [ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=3)]
    envs = "merchant_promotion,intent_recognition"
    seq = run_evaluation(agents, envs, limit=6, out=tmp_path / "a")
    par = run_evaluation(agents, envs, limit=6, concurrency=4, out=tmp_path / "b")
    assert totals(seq) == totals(par) and len(seq) == 24
    lines = (tmp_path / "b" / "episodes.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    assert set(first) >= {"agent", "env", "case_id", "trial", "result", "steps", "seconds"}
    step = first["steps"][0]
    assert set(step["observation"]) == {
        "stage",
        "prompt",
        "messages",
        "answer_schema",
        "answer_format",
        "tools",
        "tool_result",
    }
    assert "action" in step and "reward" in step and "seconds" in step


def test_trials_repeat_every_case(tmp_path: Path) -> None:
    recs = run_evaluation([ecomstage.OracleAgent()], "attitude_cls", limit=3, trials=2)
    assert [(r.case_id, r.trial) for r in recs][:4] == [
        (recs[0].case_id, 0),
        (recs[1].case_id, 0),
        (recs[2].case_id, 0),
        (recs[0].case_id, 1),
    ]


def test_resume_skips_finished_episodes_and_discards_a_partial_line(tmp_path: Path) -> None:
    agents = [ecomstage.KeywordAgent()]
    full = run_evaluation(agents, "merchant_promotion", limit=8, out=tmp_path / "full")
    run = tmp_path / "cut"
    run_evaluation(agents, "merchant_promotion", limit=8, out=run)
    path = run / "episodes.jsonl"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], "utf-8")  # died mid-write
    played: list[str] = []
    with pytest.warns(UserWarning, match="discarded a partial last line"):
        again = run_evaluation(
            agents,
            "merchant_promotion",
            limit=8,
            out=run,
            on_record=lambda r: played.append(r.case_id),
        )
    assert len(played) == 5  # the 5 unfinished ones only
    assert totals(again) == totals(full)
    keys = [json.loads(x)["case_id"] for x in path.read_text("utf-8").splitlines()]
    assert len(keys) == len(set(keys)) == 8  # nothing lost, nothing twice


def test_another_config_on_the_same_dir_is_refused_unless_forced(tmp_path: Path) -> None:
    run_evaluation([ecomstage.KeywordAgent()], "attitude_cls", limit=2, out=tmp_path)
    with pytest.raises(RunConfigMismatch, match="another config"):
        run_evaluation([ecomstage.KeywordAgent()], "attitude_cls", limit=3, out=tmp_path)
    # Settings that do not change results (concurrency) are not part of the config.
    run_evaluation([ecomstage.KeywordAgent()], "attitude_cls", limit=2, concurrency=3, out=tmp_path)
    recs = run_evaluation(
        [ecomstage.KeywordAgent()], "attitude_cls", limit=3, out=tmp_path, force=True
    )
    assert (
        len(recs) == 3
        and len(
            RunDir(tmp_path, json.loads((tmp_path / "config.json").read_text())["config"]).records
        )
        == 3
    )


SLOW_RUN = textwrap.dedent(
    """
    import sys, time
    import ecomstage
    from ecomstage_env.runner.run import run_evaluation

    class Slow(ecomstage.KeywordAgent):
        name = "slow-keyword"
        def act(self, obs, info):
            time.sleep(0.03)
            return super().act(obs, info)

    recs = run_evaluation([Slow()], "merchant_promotion,attitude_cls", limit=12, out=sys.argv[1])
    print("DONE", len(recs))
    """
)


def test_kill_9_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    script = tmp_path / "slow_run.py"
    script.write_text(SLOW_RUN, "utf-8")
    run = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), str(run)], env=env)
    episodes = run / "episodes.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if episodes.is_file() and episodes.read_text("utf-8").count("\n") >= 5:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    written = episodes.read_text("utf-8").count("\n")
    assert 5 <= written < 24, "the kill should land mid-run"
    out = subprocess.run(
        [sys.executable, str(script), str(run)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "DONE 24" in out.stdout, out.stderr
    keys = [
        (r["env"], r["case_id"]) for r in map(json.loads, episodes.read_text("utf-8").splitlines())
    ]
    assert len(keys) == len(set(keys)) == 24
    clean = tmp_path / "clean"
    subprocess.run(
        [sys.executable, str(script), str(clean)],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    resumed = sorted(
        map(json.loads, episodes.read_text("utf-8").splitlines()),
        key=lambda r: (r["env"], r["case_id"]),
    )
    fresh = sorted(
        map(json.loads, (clean / "episodes.jsonl").read_text("utf-8").splitlines()),
        key=lambda r: (r["env"], r["case_id"]),
    )
    assert [r["result"]["stage_scores"] for r in resumed] == [
        r["result"]["stage_scores"] for r in fresh
    ]


def test_cli_run_directory_resumes_and_refuses_a_changed_config(tmp_path: Path) -> None:
    runner = CliRunner()
    args = [
        "evaluate",
        "--agent",
        "keyword",
        "--env",
        "paper",
        "--limit",
        "2",
        "--out",
        str(tmp_path),
    ]
    assert runner.invoke(app, args).exit_code == 0
    n = (tmp_path / "episodes.jsonl").read_text("utf-8").count("\n")
    assert n == 14
    res = runner.invoke(app, args)  # everything done: nothing played again
    assert res.exit_code == 0 and (tmp_path / "episodes.jsonl").read_text("utf-8").count("\n") == 14
    changed = runner.invoke(app, [*args[:-2], "--scoring", "paper", "--out", str(tmp_path)])
    assert changed.exit_code == 2 and "another config" in changed.output
    forced = runner.invoke(
        app, [*args[:-2], "--scoring", "paper", "--out", str(tmp_path), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    cfg = json.loads((tmp_path / "config.json").read_text("utf-8"))
    assert cfg["config"]["paper_kwargs"] == {"scoring": "paper"} and len(cfg["hash"]) == 16


def test_response_cache_serves_a_repeated_request(tmp_path: Path) -> None:
    from ecomstage_env.agents.llm import SamplingParams
    from ecomstage_env.agents.openai_agent import OpenAIAgent
    from ecomstage_env.runner import run_episode
    from tests.servers import chat_server
    from tests.test_agents_http import PerfectModel

    cache = ResponseCache(tmp_path / "r.sqlite")
    model = PerfectModel()
    greedy = SamplingParams(temperature=0.0)
    with chat_server(model) as server:
        agent = OpenAIAgent("m", base_url=server.base_url, sampling=greedy, cache=cache)
        first = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
        sent = len(model.requests)
        second = run_episode(ecomstage.make("merchant_promotion"), agent, case_id=CASE)
        assert len(model.requests) == sent  # nothing sent the second time
        # The paper's sampling (temperature 0.1, top_p 0.001) keeps only the top token:
        # cached, so CLI runs of openai: agents use the cache; real sampling is not.
        assert OpenAIAgent("m", base_url=server.base_url, cache=cache).cache is cache
        hot = SamplingParams(temperature=0.7, top_p=0.95)
        assert OpenAIAgent("m", base_url=server.base_url, sampling=hot, cache=cache).cache is None
    assert first.total == second.total == 1.0
    assert sum(u.cached for u in second.usage.values()) == sent
    assert sum(u.cached for u in first.usage.values()) == 0 and len(cache) == sent


@pytest.mark.slow
def test_ray_backend_equals_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ray = pytest.importorskip("ray")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    monkeypatch.setenv("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    short = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # Ray's socket paths must be short
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", _temp_dir=short)
    try:
        envs = "merchant_promotion,query_match"
        agents = [ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=1)]
        remote = run_evaluation(
            agents, envs, limit=5, backend="ray", concurrency=2, out=tmp_path / "r"
        )
        specs = run_evaluation(
            [ecomstage.agents.make_agent("keyword")],
            envs,
            limit=5,
            backend="ray",
            agent_specs=["keyword"],
        )
    finally:
        ray.shutdown()
        shutil.rmtree(short, ignore_errors=True)
    local = run_evaluation(agents, envs, limit=5)
    assert totals(remote) == totals(local) and len(remote) == 20
    assert totals(specs) == totals(local)[:10]
    assert (tmp_path / "r" / "episodes.jsonl").read_text("utf-8").count("\n") == 20


@pytest.mark.parametrize("mode", ["sync", "async", "vector_entry_point"])
def test_a_batched_agent_drives_a_vector_env(mode: str) -> None:
    import gymnasium as gym

    from ecomstage_env.agents.base import BaseAgent
    from ecomstage_env.runner.vector import play_vector

    class BatchedOracle(BaseAgent):
        name = "batched-oracle"
        privileged = True  # play_vector hands it each sub-env's grader view

        def __init__(self) -> None:
            self.inner = ecomstage.OracleAgent()
            self.calls: list[int] = []

        def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
            return self.inner.act(obs, info)

        def act_batch(self, observations: Any, infos: Any) -> list[Any]:
            self.calls.append(len(observations))
            return [self.inner.act(o, i) for o, i in zip(observations, infos, strict=True)]

    agent = BatchedOracle()
    vec = gym.make_vec("ecomstage/merchant_promotion-v1", num_envs=3, vectorization_mode=mode)
    results = play_vector(vec, agent, 7, seed=0)
    vec.close()
    assert len(results) >= 7 and all(r.total == pytest.approx(1.0) for r in results)
    assert all(set(r.stage_scores) == {"perception", "planning", "action"} for r in results)
    assert max(agent.calls) == 3  # one call served all three sub-envs


@pytest.mark.parametrize("mode", ["sync", "async", "vector_entry_point"])
def test_a_vector_pass_covers_a_split_exactly_once(mode: str) -> None:
    import gymnasium as gym

    from ecomstage_env.runner import run_episode
    from ecomstage_env.runner.vector import play_vector

    env = ecomstage.make("intent_recognition")
    ids = [c.case_id for c in env.unwrapped.cases][:23]  # not a multiple of 4
    vec = gym.make_vec(ecomstage.env_id("intent_recognition"), num_envs=4, vectorization_mode=mode)
    results = play_vector(vec, make_agent("keyword"), cases=ids, seed=0)
    vec.close()
    assert [r.case_id for r in results] == ids  # each once, none repeated, in order
    for r in results[:5]:  # the same episodes as one env plays them
        one = run_episode(env, make_agent("keyword"), seed=0, case_id=r.case_id)
        assert r.total == one.total
        assert {k: v.value for k, v in r.stage_scores.items()} == {
            k: v.value for k, v in one.stage_scores.items()
        }
    with pytest.raises(ValueError, match="more than once"):
        play_vector(vec, make_agent("keyword"), cases=[ids[0], ids[0]])


class _EpisodeMemory:
    """An agent that remembers its episode: the case of its first step, every step after.

    Its answers are the keyword agent's; it fails loudly if steps of another episode
    reach it before a reset (what sharing it across sub-envs would do).
    """

    name = "episode-memory"

    def __init__(self) -> None:
        self.inner = make_agent("keyword")
        self.case: str | None = None
        self.episodes: list[list[str]] = [[]]

    def reset(self) -> None:
        self.case = None
        self.episodes.append([])

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        if self.case is None:
            self.case = info["case_id"]
        assert info["case_id"] == self.case, "a step of another episode before a reset"
        self.episodes[-1].append(info["stage"])
        return self.inner.act(obs, info)


def test_play_vector_resets_an_agent_that_remembers_its_episode() -> None:
    import gymnasium as gym

    from ecomstage_env.runner import run_episode
    from ecomstage_env.runner.vector import play_vector

    env = ecomstage.make("order_logistics")
    ids = [c.case_id for c in env.unwrapped.cases][:6]
    expected = [run_episode(env, make_agent("keyword"), seed=0, case_id=c).total for c in ids]
    for n in (1, 2):
        agents = [_EpisodeMemory() for _ in range(n)]
        vec = gym.make_vec(
            ecomstage.env_id("order_logistics"), num_envs=n, vectorization_mode="sync"
        )
        given: Any = agents if n > 1 else agents[0]  # one agent per sub-env, or the only one
        results = play_vector(vec, given, cases=ids, seed=0)
        vec.close()
        assert [r.total for r in results] == expected
        played = [e for a in agents for e in a.episodes if e]
        assert len(played) == len(ids)  # each episode began with a reset of its own agent
        assert all(e[0] == "perception" for e in played)
    with pytest.raises(ValueError, match="one per sub-env"):
        play_vector(
            gym.make_vec(ecomstage.env_id("order_logistics"), num_envs=2), agents[:1], cases=ids
        )


def test_vector_example_runs() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("vector_env", ROOT / "examples" / "vector_env.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mean = module.main(["--env", "attitude_cls", "--episodes", "6", "--num-envs", "3"])
    assert 0.0 <= mean <= 1.0


@pytest.mark.slow
def test_cli_backend_ray_starts_its_own_local_ray(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("ray")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    args = ["evaluate", "--agent", "keyword", "--env", "attitude_cls", "--limit", "3"]
    res = CliRunner().invoke(app, [*args, "--backend", "ray", "--out", str(tmp_path / "ray")])
    assert res.exit_code == 0, res.output
    local = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "local")])
    assert local.exit_code == 0

    def read(p: Path) -> list[tuple[str, float]]:
        lines = (p / "episodes.jsonl").read_text("utf-8").splitlines()
        return sorted((r["case_id"], r["result"]["total"]) for r in map(json.loads, lines))

    assert read(tmp_path / "ray") == read(tmp_path / "local")


def test_majority_baseline_is_the_same_resumed_reordered_or_concurrent(tmp_path: Path) -> None:
    from ecomstage_env.agents.baselines import MajorityAgent
    from ecomstage_env.data.loader import builtin_scenario_dirs
    from ecomstage_env.stages import Stage

    # The bundled envs only: other tests of the session register folders of their own.
    bundled = {d.name for d in builtin_scenario_dirs()} | set(ecomstage.PAPER_TASKS)
    envs = [n for n in ecomstage.list_envs() if n in bundled]
    clean = run_evaluation([MajorityAgent()], envs, limit=15)
    # Another agent instance that first played other cases (another split, another order),
    # then resumes a run that holds every third episode, concurrently, envs reversed.
    agent = MajorityAgent()
    run_evaluation([agent], envs[::-1], split=None, limit=3)
    run = tmp_path / "run"
    run_evaluation([MajorityAgent()], envs, limit=15, out=run)
    lines = (run / "episodes.jsonl").read_text("utf-8").splitlines(keepends=True)
    (run / "episodes.jsonl").write_text("".join(lines[::3]), "utf-8")
    resumed = run_evaluation([agent], envs, limit=15, out=run, concurrency=4)
    assert len(clean) == len(resumed) == 15 * len(envs)
    assert [(r.key, r.result) for r in resumed] == [(r.key, r.result) for r in clean]
    # The prior is the split's: the most frequent gold label over the env's test cases.
    env = ecomstage.make("attitude_cls").unwrapped
    labels = [c.gold[Stage.PERCEPTION]["answer"] for c in env.cases]
    top = max(set(labels), key=lambda x: (labels.count(x), -labels.index(x)))
    given = {r.steps[0].action["answer"]["answer"] for r in clean if r.env == "attitude_cls"}
    assert given == {top}


def test_force_starts_a_finished_run_over(tmp_path: Path) -> None:
    # "--force starts it over" (what a finished resume says) holds for the same config too.
    first = run_evaluation([ecomstage.RandomAgent(seed=0)], "attitude_cls", limit=3, out=tmp_path)
    again = run_evaluation(
        [ecomstage.RandomAgent(seed=0)], "attitude_cls", limit=3, out=tmp_path, force=True
    )
    assert [r.started for r in again] != [r.started for r in first]  # played anew
    lines = (tmp_path / "episodes.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3


def test_a_run_with_a_directory_returns_episodes_read_from_it(tmp_path: Path) -> None:
    from ecomstage_env.errors import RunDirError
    from ecomstage_env.report.aggregate import load_records
    from ecomstage_env.runner.rundir import RunRecords

    agent = ecomstage.OracleAgent()
    recs = run_evaluation([agent], "merchant_promotion", limit=3, out=tmp_path / "r")
    # Only where each episode lies is held in memory; episodes are read when accessed.
    assert isinstance(recs, RunRecords) and len(recs) == 3
    on_disk = {r.key: r for r in load_records(tmp_path / "r")}
    assert [r.model_dump() for r in recs] == [on_disk[r.key].model_dump() for r in recs]
    assert recs[1].steps and recs[-1].key == list(recs)[-1].key
    # Without a directory they are kept in memory, and equal.
    kept = run_evaluation([agent], "merchant_promotion", limit=3)
    assert [r.result.total for r in kept] == [r.result.total for r in recs]
    # Rewritten in place, the episodes are found by key: never a wrong episode.
    path = tmp_path / "r" / "episodes.jsonl"
    path.write_bytes(b"".join(reversed(path.read_bytes().splitlines(keepends=True))))
    assert [r.key for r in recs] == list(on_disk)
    # Started over, the directory no longer holds them; the returned sequence still does.
    again = run_evaluation([agent], "merchant_promotion", limit=3, out=tmp_path / "r", force=True)
    assert [r.started for r in recs] == [on_disk[k].started for k in on_disk]
    assert [r.started for r in again] != [r.started for r in recs]
    recs.close()  # closed, it reads the directory afresh: now the new run's episodes
    assert recs[0].started == again[0].started
    (tmp_path / "r" / "episodes.jsonl").write_bytes(b"")
    with pytest.raises(RunDirError, match="no longer in the run directory"):
        recs[0]


def test_async_runs_keep_concurrency_episodes_in_flight_and_stop_whole_on_a_library_error() -> None:
    import asyncio

    from ecomstage_env.errors import EcomstageError

    class Async(ecomstage.KeywordAgent):
        name = "async-keyword"

        def __init__(self, fail_at: int | None = None) -> None:
            super().__init__()
            self.fail_at, self.calls, self.now, self.most, self.tasks = fail_at, 0, 0, 0, 0

        async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
            self.calls += 1
            if self.calls == self.fail_at:
                raise EcomstageError("a bug in the library, not a failed model call")
            self.now += 1
            self.most = max(self.most, self.now)
            self.tasks = max(self.tasks, len(asyncio.all_tasks()))
            await asyncio.sleep(0.002)
            self.now -= 1
            return self.act(obs, info)

    agent = Async()
    records = run_evaluation([agent], "attitude_cls", limit=30, concurrency=5)
    assert len(records) == 30 and agent.most == 5
    assert agent.tasks <= 6  # the run's own task and one per episode in flight
    failing = Async(fail_at=7)
    with pytest.raises(EcomstageError, match="a bug in the library"):
        run_evaluation([failing], "attitude_cls", limit=30, concurrency=5)
    made = failing.calls
    run_evaluation([ecomstage.KeywordAgent()], "attitude_cls", limit=2, concurrency=2)
    assert failing.calls == made < 30  # nothing of the stopped run went on in the background


def test_the_runner_loop_is_uvloop_unless_switched_off_and_the_results_do_not_depend_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio
    import threading

    uvloop = pytest.importorskip("uvloop")
    from ecomstage_env.runner.run import LOOP_ENV

    class Async(ecomstage.KeywordAgent):
        name = "async-keyword"

        def __init__(self) -> None:
            super().__init__()
            self.loops: set[type] = set()

        async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
            self.loops.add(type(asyncio.get_running_loop()))
            await asyncio.sleep(0)
            return self.act(obs, info)

    def run_in_a_new_thread(choice: str) -> tuple[set[type], list[Any]]:
        # A thread makes its loop on its first run: a new thread reads the variable afresh.
        monkeypatch.setenv(LOOP_ENV, choice)
        agent, out = Async(), list[EpisodeRecord]()
        envs = "merchant_promotion,attitude_cls"
        thread = threading.Thread(
            target=lambda: out.extend(run_evaluation([agent], envs, limit=4, concurrency=3))
        )
        thread.start()
        thread.join()
        # The same episodes step for step (observations, actions, rewards), timings aside.
        steps = [[s.model_copy(update={"seconds": 0.0}) for s in r.steps] for r in out]
        return agent.loops, [
            (r.case_id, r.result.total, s) for r, s in zip(out, steps, strict=True)
        ]

    fast, fast_results = run_in_a_new_thread("auto")
    plain, plain_results = run_in_a_new_thread("asyncio")
    assert fast == {uvloop.Loop}
    assert len(plain) == 1 and issubclass(plain.pop(), asyncio.BaseEventLoop)
    assert len(fast_results) == 8 and fast_results == plain_results


def test_a_concurrent_run_collects_garbage_less_often_and_restores_the_thresholds() -> None:
    import asyncio
    import gc

    from ecomstage_env.runner.run import GC_THRESHOLD

    class Async(ecomstage.KeywordAgent):
        name = "async-keyword"

        def __init__(self) -> None:
            super().__init__()
            self.seen: set[tuple[int, int, int]] = set()

        async def aact(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
            self.seen.add(gc.get_threshold())
            await asyncio.sleep(0)
            return self.act(obs, info)

    old = gc.get_threshold()
    try:
        gc.set_threshold(500, 7, 9)
        agent = Async()
        run_evaluation([agent], "attitude_cls", limit=3, concurrency=2)
        assert agent.seen == {(GC_THRESHOLD, 7, 9)}
        assert gc.get_threshold() == (500, 7, 9)
        # A higher threshold of the caller's is kept as it is, during the run and after.
        gc.set_threshold(GC_THRESHOLD * 2, 7, 9)
        agent = Async()
        run_evaluation([agent], "attitude_cls", limit=3, concurrency=2)
        assert agent.seen == {(GC_THRESHOLD * 2, 7, 9)}
        assert gc.get_threshold() == (GC_THRESHOLD * 2, 7, 9)
    finally:
        gc.set_threshold(*old)


def test_env_pool_checks_the_first_env_of_a_kind_and_reuses_idle_ones() -> None:
    import gymnasium as gym

    from ecomstage_env.runner.episode import env_name
    from ecomstage_env.runner.jobs import EnvPool, Job

    def wrappers(env: Any) -> list[type]:
        out = []
        while isinstance(env, gym.Wrapper):
            out.append(type(env))
            env = env.env
        return out

    pool = EnvPool({"split": "test"}, {})
    job = Job(0, "intent_recognition", ecomstage.case_ids("intent_recognition")[0], 0)
    first, second = pool.take(job), pool.take(job)
    gold = pool.take(Job(0, "intent_recognition", job.case_id, 0, "gold"))
    assert gym.wrappers.PassiveEnvChecker in wrappers(first)
    assert gym.wrappers.PassiveEnvChecker in wrappers(gold)
    assert gym.wrappers.PassiveEnvChecker not in wrappers(second)
    assert env_name(first) == env_name(second) == "intent_recognition"
    pool.give(job, second)
    assert pool.take(job) is second
    pool.close()

"""Run directories: one writer at a time, damage repaired without losing episodes, typed errors.

Also the response cache: a corrupted file is set aside and rebuilt, a bad row is a miss.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.cache import ResponseCache
from ecomstage_env.cli import app
from ecomstage_env.errors import CacheError, RunDirError, RunDirLocked
from ecomstage_env.report.aggregate import load_records
from ecomstage_env.runner.run import run_evaluation
from ecomstage_env.runner.rundir import RunDir

ROOT = Path(__file__).resolve().parents[1]
ENVS = "merchant_promotion,attitude_cls"


def play(out: Path, **kw: Any) -> list[Any]:
    return run_evaluation([ecomstage.KeywordAgent()], ENVS, limit=4, out=out, **kw)


def scores(records: list[Any]) -> list[Any]:
    return [(r.key, r.result.stage_scores, r.result.total) for r in records]


def episode_lines(run: Path) -> list[str]:
    return (run / "episodes.jsonl").read_text("utf-8").splitlines(keepends=True)


def test_a_second_writer_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with RunDir(tmp_path, {"x": 1}):
        with pytest.raises(
            RunDirLocked, match=f"another process is writing this run \\(pid {os.getpid()}"
        ):
            RunDir(tmp_path, {"x": 1})
        with pytest.raises(RunDirLocked):
            play(tmp_path)
    assert len(play(tmp_path / "free")) == 8  # released on exit: the next writer goes ahead


HOLD = textwrap.dedent(
    """
    import sys, time
    from ecomstage_env.runner.rundir import RunDir
    run = RunDir(sys.argv[1], {"held": True})
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_two_processes_cannot_share_a_run_directory_and_kill_9_frees_it(tmp_path: Path) -> None:
    run = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(run)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        args = ["evaluate", "--agent", "keyword", "--env", "attitude_cls", "--limit", "2"]
        res = CliRunner().invoke(app, [*args, "--out", str(run)])
        assert res.exit_code == 2
        err = res.stderr.strip()
        assert "\n" not in err and err.startswith("error: ") and f"pid {holder.pid}" in err
        assert "another process is writing this run" in err
        assert not (run / "episodes.jsonl").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    res = CliRunner().invoke(app, [*args, "--out", str(run), "--force"])
    assert res.exit_code == 0, res.output  # the lock died with its holder
    assert len(episode_lines(run)) == 2


def test_a_corrupted_middle_line_is_set_aside_and_only_its_episode_replayed(
    tmp_path: Path,
) -> None:
    clean = play(tmp_path / "clean")
    run = tmp_path / "run"
    play(run)
    lines = episode_lines(run)
    bad = b'{"agent": "keyword", "env": \xff\xfe garbage\n'
    with (run / "episodes.jsonl").open("wb") as fh:
        fh.write("".join(lines[:2]).encode() + bad + "".join(lines[3:]).encode())
    played: list[str] = []
    with pytest.warns(UserWarning, match=r"1 line\(s\) are not episode records: line 3"):
        again = play(run, on_record=lambda r: played.append(r.case_id))
    assert played == [json.loads(lines[2])["case_id"]]  # the other 7 are kept
    assert scores(again) == scores(clean)
    assert len(episode_lines(run)) == 8
    assert (run / "episodes.corrupt.jsonl").read_bytes() == bad


def test_duplicated_episodes_count_once_in_the_run_and_its_summary(tmp_path: Path) -> None:
    run = tmp_path / "run"
    first = play(run)
    lines = episode_lines(run)
    (run / "episodes.jsonl").write_text("".join(lines + lines[::-1]), "utf-8")
    from ecomstage_env.report.aggregate import load_records

    assert len(load_records(run)) == 8  # the report side reads each episode once
    with pytest.warns(UserWarning, match="8 repeated episode"):
        again = play(run)
    assert scores(again) == scores(first) and len(episode_lines(run)) == 8


def test_a_bad_config_is_set_aside_and_rebuilt_keeping_the_episodes(tmp_path: Path) -> None:
    run = tmp_path / "run"
    first = play(run)
    (run / "config.json").write_text('{"hash": "abc', "utf-8")
    played: list[Any] = []
    with pytest.warns(UserWarning, match="unreadable .*set aside as config.json.corrupt"):
        again = play(run, on_record=played.append)
    assert not played and scores(again) == scores(first)
    assert json.loads((run / "config.json").read_text("utf-8"))["hash"]
    assert (run / "config.json.corrupt").read_text("utf-8") == '{"hash": "abc'
    # --force stays the one way to drop the finished episodes.
    assert len(play(run, force=True)) == 8


def test_bad_paths_give_typed_errors(tmp_path: Path) -> None:
    afile = tmp_path / "f.txt"
    afile.write_text("x", "utf-8")
    with pytest.raises(RunDirError, match="is a file, not a run directory"):
        play(afile)
    with pytest.raises(RunDirError, match="empty path"):
        RunDir("", {})
    with pytest.raises(RunDirError, match="NUL"):
        RunDir(str(tmp_path / "a\x00b"), {})
    with pytest.raises(RunDirError, match="part of the path is a file"):
        play(afile / "run")
    args = ["evaluate", "--agent", "keyword", "--env", "attitude_cls", "--limit", "1"]
    for out in (str(afile), ""):
        res = CliRunner().invoke(app, [*args, "--out", out])
        assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only")]
)
def test_a_full_or_read_only_disk_gives_a_typed_error_and_no_half_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    run = tmp_path / "run"
    play(run)
    lines = episode_lines(run)
    (run / "episodes.jsonl").write_text("".join(lines[:5]), "utf-8")
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(RunDirError, match=words):
        play(run)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert episode_lines(run) == lines[:5]  # the failed write left nothing behind
    assert len(play(run)) == 8 and len(episode_lines(run)) == 8

    def no_mkdir(*a: Any, **k: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(Path, "mkdir", no_mkdir)
    with pytest.raises(RunDirError, match=words):
        play(tmp_path / "new")


def test_a_corrupted_cache_file_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.warns(UserWarning, match="set aside"):
        cache = ResponseCache(path)
    assert cache.set_aside is not None and cache.set_aside.read_bytes().startswith(b"this is")
    key = ResponseCache.key({"messages": ["hi"]})
    cache.put(key, {"action": "A", "raw": "A"})
    assert cache.get(key) == {"action": "A", "raw": "A"} and len(cache) == 1


def test_a_bad_cache_row_is_a_miss_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite"
    cache = ResponseCache(path)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO responses VALUES ('k1', '{not json', 0)")
        db.execute("INSERT INTO responses VALUES ('k2', '[1, 2]', 0)")
        db.execute("INSERT INTO responses VALUES ('k3', '{\"raw\": \"no action\"}', 0)")
    for key in ("k1", "k2", "k3"):
        with pytest.warns(UserWarning, match="dropped an unreadable cache row"):
            assert cache.get(key) is None
    assert len(cache) == 0 and cache.misses == 3 and cache.dropped == 3
    # A lone surrogate can be keyed and stored (replaced by U+FFFD).
    key = ResponseCache.key({"messages": ["\ud800"]})
    assert key != ResponseCache.key({"messages": ["\ufffd"]})
    cache.put(key, {"action": "x\ud800"})
    assert cache.get(key) == {"action": "x\ufffd"}


def test_a_cache_path_that_cannot_hold_a_cache_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(CacheError, match="is a folder"):
        ResponseCache(tmp_path)
    afile = tmp_path / "f"
    afile.write_text("x", "utf-8")
    with pytest.raises(CacheError):
        ResponseCache(afile / "responses.sqlite")
    args = ["evaluate", "--agent", "keyword", "--env", "attitude_cls", "--limit", "1"]
    res = CliRunner().invoke(app, [*args, "--cache-path", str(tmp_path)])
    assert res.exit_code == 2 and "is a folder" in res.stderr


def test_whatever_an_agent_did_is_written_and_read_back(tmp_path: Path) -> None:
    from ecomstage_env.runner.episode import MAX_DEPTH, EpisodeRecorder
    from ecomstage_env.stages import Usage

    deep: Any = "1"
    for _ in range(5000):
        deep = {"a": deep}
    hostile = {
        ("tuple", 1): b"\xff\xfe",
        "set": {1, 2},
        "obj": object(),
        "lone \ud800": ["\udc00", float("nan")],
        "deep": deep,
    }
    env = ecomstage.make("attitude_cls")
    obs, info = env.reset(seed=0)
    agent = ecomstage.KeywordAgent()
    rec = EpisodeRecorder("attitude_cls", agent, info["case_id"], 0)
    out = (obs, 0.0, False, False, {"action": hostile, "error": "bad \ud800"})
    rec.add(obs, Usage(), "raw \ud800", 0.0, out)
    record = rec.failed(env, obs, RuntimeError("boom \udfff"))
    with RunDir(tmp_path, {"x": 1}) as run:
        run.append(record)
    with RunDir(tmp_path, {"x": 1}) as run:
        (back,) = run.records
    assert load_records(tmp_path) == [back]
    step = back.steps[0]
    assert step.raw == "raw \ufffd" and step.error == "bad \ufffd"
    assert back.failure is not None and back.failure.reason == "RuntimeError: boom \ufffd"
    assert step.action["set"] == [1, 2] and step.action["('tuple', 1)"] == "\ufffd\ufffd"
    assert step.action["lone \ufffd"] == ["\ufffd", None]
    depth, node = 0, step.action["deep"]
    while isinstance(node, dict):
        depth, node = depth + 1, node["a"]
    assert depth == MAX_DEPTH - 1 and "not kept" in node
    assert hostile["set"] == {1, 2}  # the agent's own objects are not touched

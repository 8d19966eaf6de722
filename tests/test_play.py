"""``ecomstage play`` driven by a person's keystrokes: a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env.runner.episode import agent_info

pty = pytest.importorskip("pty")  # POSIX only

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\r")


class Terminal:
    """``ecomstage play`` on a pseudo-terminal: type lines, read the screen as text."""

    def __init__(self, *args: str) -> None:
        master, slave = pty.openpty()
        env = {**os.environ, "COLUMNS": "120", "LINES": "50", "TERM": "xterm"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from ecomstage_env.cli import main; main()", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.text = ""

    def read_until(self, pattern: str, timeout: float = 120.0) -> str:
        """Read until ``pattern`` (a regex) appears after what was read before; return it."""
        start = len(self.text)
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text[start:]):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {pattern!r} in:\n{self.text[start:][-3000:]}")
            ready, _, _ = select.select([self.master], [], [], min(left, 1.0))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    raise AssertionError(f"exited before {pattern!r}:\n{self.text[-3000:]}")
                self.text += ANSI.sub("", chunk.decode("utf-8", "replace"))
        return self.text[start:]

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


def _line(action: Any) -> str:
    """What a person types for an oracle action."""
    if isinstance(action, dict) and "tool" in action:
        return f"/tool {action['tool']} {json.dumps(action.get('arguments', {}))}"
    return f"/answer {json.dumps(action)}"


def test_play_through_a_terminal_with_a_typo_in_the_middle() -> None:
    env = ecomstage.make("merchant_promotion")
    oracle = ecomstage.OracleAgent()
    obs, info = env.reset(seed=0)
    case_id = info["case_id"]
    term = Terminal("play", "merchant_promotion", "--case", case_id)
    screen = term.read_until(r"perception \(\d+ calls left\)> ")
    # What a person needs to play: the instruction, the fields, the tools with arguments.
    assert "Instruction" in screen and "Rewrite the merchant's last message" in screen
    assert "rewritten_query" in screen and "metric" in screen and "roi" in screen
    assert "list_campaigns(merchant_id: string)" in screen
    assert "/tool NAME {json}" in screen and "/answer {json}" in screen
    stages_seen: list[str] = []
    typos = 0
    while True:
        action = oracle.act(obs, agent_info(env, oracle, info))
        stage = obs["stage"]
        if stage == "planning" and not typos:
            # Typos mid-episode: each is refused and asked again; nothing is graded.
            for bad in ("/answr {}", '/answer {"route": ', '/answer {"route": "Z"}', "hello"):
                term.type(bad)
                shown = term.read_until(rf"{stage} \(\d+ calls left\)> ")
                assert "not sent:" in shown and "score" not in shown
                typos += 1
            term.type("/help")
            assert "budget:" in term.read_until(rf"{stage} \(\d+ calls left\)> ")
            # A call to an unknown tool: an error, and the calls left stay the same.
            left = info["tool_calls_left"]
            term.type('/tool no_such_tool {"x": 1}')
            shown = term.read_until(rf"{stage} \((\d+) calls left\)> ")
            assert "not available at planning" in shown and f"({left} calls left)>" in shown
        term.type(_line(action))
        obs, _, terminated, _, info = env.step(action)
        if "stage_score" in info:
            graded = info["graded_stage"]
            shown = term.read_until(r"reason: .*\n")
            assert f"{graded} score 1.00" in shown, shown
            stages_seen.append(graded)
        if terminated:
            assert "total 1.000 (completed)" in term.read_until(r"total \d\.\d{3} \(\w+\)")
            break
        term.read_until(rf"{obs['stage']} \(\d+ calls left\)> ")
    assert term.close() == 0
    assert stages_seen == ["perception", "planning", "action"] and typos == 4
    # The route menu with its meanings was shown at planning.
    assert "A. The merchant asks why an ad" in term.text and "labels: A, C, D" in term.text


def test_play_a_text_answer_task_refuses_what_is_not_a_label() -> None:
    from typer.testing import CliRunner

    from ecomstage_env.cli import app

    lines = "hmm?\n/answer maybe\n/help\n/answer 1\n"
    res = CliRunner().invoke(app, ["play", "attitude_cls", "--seed", "0"], input=lines)
    assert res.exit_code == 0, res.output
    assert "Is the merchant's latest message negative (1) or friendly (0)?" in res.output
    assert "not understood: 'hmm?'" in res.output and "answer with one of: 0, 1" in res.output
    assert res.output.count("perception score") == 1 and "total " in res.output

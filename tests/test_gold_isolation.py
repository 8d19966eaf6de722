"""No gold reaches the agent: everything an agent is handed is searched for the annotation.

A gold-search agent plays every case of every bundled env through the runner, answering
wrongly on purpose (so the env explains its low scores) and calling tools (so world data
and help-centre text are shown). It keeps every observation and ``info`` it is given, and
the env's last step ``info`` (what an RL loop reads) is kept too. None of it may contain an
annotated free text (gold rewrites, replies, answers), an annotation note, the grader
view, or a grader explanation; score reasons may not quote a gold label or slot value. The
agent is never handed a score at all (nor through the vector runner): a stage's score,
read at the next stage, told a reviewer's agent what the gold needed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import gymnasium as gym
import pytest

import ecomstage
from ecomstage_env.data.schema import Case
from ecomstage_env.env import GRADER_KEY
from ecomstage_env.runner import run_episode
from ecomstage_env.runner.episode import FEEDBACK_KEYS

ENVS = ecomstage.list_envs()
MIN_TEXT = 24  # gold strings at least this long are annotation prose, not ids or labels


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _is_calls(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(c, dict) and "name" in c for c in value)


def _gold_texts(case: Case) -> set[str]:
    """The case's annotation prose: gold free texts and the annotators' notes."""
    # Gold calls are left out: this agent runs them, so their arguments are its own words.
    texts = {
        s
        for answers in case.gold.values()
        for v in answers.values()
        if not _is_calls(v)
        for s in _strings(v)
    }
    texts |= {case.annotation.notes, case.annotation.adjudication}
    user_said = " ".join(t.text for t in case.dialogue)
    # A gold text that is the user's own words (a rewrite that keeps them) is not a leak.
    return {t.strip() for t in texts if len(t.strip()) >= MIN_TEXT and t.strip() not in user_said}


def _gold_values(case: Case) -> set[str]:
    """Short gold labels and slot values (searched for in score reasons only)."""
    return {
        s
        for answers in case.gold.values()
        for v in answers.values()
        if not _is_calls(v)
        for s in _strings(v)
        if 4 <= len(s) < MIN_TEXT
    }


class GoldSearchAgent:
    """Answers wrongly, calls tools, and keeps everything it is shown."""

    name = "gold-search"
    privileged = False

    def __init__(self, calls: list[dict[str, Any]]) -> None:
        self.calls = calls  # the gold lookups and writes, so that every tool result is shown
        self.seen: list[str] = []
        self.called: set[str] = set()

    def reset(self) -> None:
        self.called = set()

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        assert GRADER_KEY not in info, "the runner handed the grader view to an agent"
        self.seen.append(_dumps(obs))
        self.seen.append(_dumps(info))
        # Scores are the RL loop's, not the agent's: the count of facts a stage needed
        # names the gold (runner.episode.without_feedback). KeepLastInfo checks their reasons.
        assert not set(FEEDBACK_KEYS) & set(info), "the runner handed a score to an agent"
        if self.calls and info["tool_calls_left"] > 1:
            call = self.calls.pop(0)
            return {"tool": call["name"], "arguments": call.get("arguments", {})}
        stage = info["stage"]
        for tool in info["tools"]:
            name = tool["function"]["name"]
            if info["tool_calls_left"] <= 1:
                break
            if f"{stage}/{name}" not in self.called and name != "message_user":
                self.called.add(f"{stage}/{name}")
                last = info["messages"][-1]["content"] if info["messages"] else ""
                return {"tool": name, "arguments": {"query": str(last)[:80]}}
        props = info["answer_schema"].get("properties", {})
        if info["answer_format"] == "text":
            return str(_wrong(props["answer"])) if "answer" in props else "I am not sure."
        return {k: _wrong(p) for k, p in props.items()}


def _wrong(prop: dict[str, Any]) -> Any:
    """A well-formed, probably wrong value for a schema property (so the scorer explains)."""
    if prop.get("enum"):
        return prop["enum"][-1]
    if prop.get("type") == "object":
        return {k: _wrong(p) for k, p in prop.get("properties", {}).items()}
    if prop.get("type") == "array":
        items = prop.get("items", {})
        return [] if items.get("type") == "object" else [_wrong(items)]
    return "x"


def _dumps(value: Any) -> str:
    return json.dumps(
        value,
        ensure_ascii=False,
        default=lambda o: o.model_dump(mode="json") if hasattr(o, "model_dump") else str(o),
    )


class KeepLastInfo(gym.Wrapper[Any, Any, Any, Any]):
    """Keeps each step's ``info`` (the last one is what an RL loop sees at the end)."""

    def __init__(self, env: gym.Env[Any, Any]) -> None:
        super().__init__(env)
        self.infos: list[str] = []
        self.scores: list[str] = []

    def step(self, action: Any) -> tuple[Any, Any, Any, Any, Any]:
        out = self.env.step(action)
        self.infos.append(_dumps(out[4]))
        for key in ("stage_score", "episode_result"):
            if key in out[4]:
                self.scores.append(_dumps(out[4][key]))
        return out


@pytest.mark.parametrize("name", ENVS)
def test_nothing_an_agent_or_rl_loop_is_handed_quotes_the_gold(name: str) -> None:
    env = KeepLastInfo(ecomstage.make(name))
    cases: list[Case] = env.unwrapped.cases  # type: ignore[attr-defined]
    assert cases
    for case in cases:
        calls = [
            c
            for answers in case.gold.values()
            for v in answers.values()
            if isinstance(v, list)
            for c in v
            if isinstance(c, dict) and "name" in c
        ]
        agent = GoldSearchAgent(calls)
        env.infos.clear()
        env.scores.clear()
        run_episode(env, agent, case_id=case.case_id)
        shown = "\n".join(agent.seen + env.infos)
        for text in _gold_texts(case):
            assert text not in shown, f"{name}/{case.case_id}: gold text shown: {text[:60]!r}"
        assert f'"{GRADER_KEY}"' not in shown
        explanations = re.findall(r'"explanation": "((?:[^"\\]|\\.)*)"', shown)
        assert not any(explanations), f"{name}/{case.case_id}: a grader explanation was shown"
        reasons = "\n".join(env.scores)
        for value in _gold_values(case):
            assert f"'{value}'" not in reasons and f'\\"{value}\\"' not in reasons, (
                f"{name}/{case.case_id}: a score reason quotes the gold value {value!r}"
            )


class _Recording:
    """A non-privileged agent that keeps the info keys it is handed and answers wrongly."""

    name = "recording"
    privileged = False

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def reset(self) -> None:
        pass

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        self.keys |= set(info)
        props = info["answer_schema"].get("properties", {})
        if info["answer_format"] == "text":
            return "I am not sure."
        return {k: _wrong(p) for k, p in props.items()}


def test_the_vector_runner_hands_no_score_to_an_agent() -> None:
    from ecomstage_env.runner.vector import play_vector

    vec = gym.make_vec(ecomstage.env_id("order_logistics"), 3, vectorization_mode="sync")
    agent = _Recording()
    try:
        results = play_vector(vec, agent, episodes=4, seed=0)  # type: ignore[arg-type]
    finally:
        vec.close()
    assert len(results) >= 4 and all(r.stage_scores for r in results)  # episodes were graded
    assert "stage" in agent.keys and not set(FEEDBACK_KEYS) & agent.keys

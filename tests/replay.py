"""Digests of whole episodes: proof that a change (an optimisation) alters nothing that an
agent sees or a grader records.

For every bundled env, a few baseline agents play every case; each episode's digest covers
every observation, reward, flag and ``info`` (stage scores included) and the graded
result. ``tests/test_replay.py`` compares them with ``tests/fixtures/replay_digests.json``.

Regenerate the file only for a change that is *meant* to alter what agents see or how
they are scored (say so in the commit)::

    .venv/bin/python -m tests.replay
"""

from __future__ import annotations

import hashlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.runner.episode import agent_info
from ecomstage_env.stages import unwrap_action

DIGESTS = Path(__file__).parent / "fixtures" / "replay_digests.json"
AGENTS = ("oracle", "random", "keyword")
CONTEXTS = ("agent", "gold")


def _plain(x: Any) -> Any:
    if isinstance(x, BaseModel):
        return x.model_dump(mode="json")
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, (set, frozenset, tuple)):
        return list(x)
    return repr(x)


def _feed(h: Any, *parts: Any) -> None:
    h.update(json.dumps(parts, sort_keys=True, default=_plain, ensure_ascii=False).encode())


def episode_digest(env: Any, agent: Any, case_id: str) -> str:
    """The digest of one episode of ``agent`` on ``case_id`` (seed 0)."""
    h = hashlib.sha256()
    obs, info = env.reset(seed=0, options={"case_id": case_id})
    agent.reset()
    _feed(h, obs, info)
    while True:
        action, _, _ = unwrap_action(agent.act(obs, agent_info(env, agent, info)))
        obs, reward, terminated, truncated, info = env.step(action)
        _feed(h, obs, reward, terminated, truncated, info)
        if terminated or truncated:
            _feed(h, env.unwrapped.graded_result())
            return h.hexdigest()[:16]


def digests() -> dict[str, dict[str, str]]:
    """``{"env/context/agent": {case_id: digest}}`` over every bundled env."""
    out: dict[str, dict[str, str]] = {}
    for name in ecomstage.list_envs():
        meta = ecomstage.env_metadata(name)
        if not str(meta.get("folder", "")).startswith(str(_bundled_root())) and (
            meta.get("family") != "paper_task"
        ):
            continue
        contexts = CONTEXTS if len(meta["stages"]) > 1 else ("agent",)
        for context in contexts:
            env = ecomstage.make(name, context=context)
            for spec in AGENTS:
                agent = make_agent(spec)
                key = f"{name}/{context}/{spec}"
                out[key] = {
                    c.case_id: episode_digest(env, agent, c.case_id) for c in env.unwrapped.cases
                }
            env.close()
    return out


def _bundled_root() -> Path:
    from ecomstage_env.data.loader import builtin_scenarios_root

    return builtin_scenarios_root().resolve()


if __name__ == "__main__":
    DIGESTS.write_text(json.dumps(digests(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}", file=sys.stderr)

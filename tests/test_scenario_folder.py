"""A scenario is one folder: its code, scorers, per-case worlds and simulated user travel with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import gymnasium as gym
import pytest

import ecomstage
from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.scoring import get_scorer
from ecomstage_env.stages import ActionKind

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "elsewhere" / "tiny_shop"))


def test_a_folder_copied_anywhere_loads_validates_and_plays(shop: Path) -> None:
    assert validate_scenario(shop) == []
    gid = ecomstage.register(shop)
    assert gid == "ecomstage/tiny_shop-v0"
    assert gym.spec(gid).metadata["cases"] == {"test": 3}  # type: ignore[attr-defined]
    result = ecomstage.run_episode(ecomstage.make("tiny_shop"), ecomstage.OracleAgent(), seed=0)
    assert result.total == 1.0
    # make() also takes the folder path itself.
    assert ecomstage.make(str(shop)).unwrapped.spec_data.name == "tiny_shop"


def test_a_scorer_defined_in_the_folder_is_registered_by_name(shop: Path) -> None:
    ecomstage.load_scenario(shop)
    info = get_scorer("mentions_order")
    assert info.fields == frozenset({"text"}) and "order_id" in info.params.model_fields


def test_a_user_scorer_registers_like_a_builtin() -> None:
    from pydantic import BaseModel

    class Within(BaseModel):
        tolerance: float = 0.1

    @ecomstage.scorer("test_within", params=Within, fields=("text",))
    def within(
        answer: object, gold: object, ctx: ecomstage.FieldContext[Within]
    ) -> ecomstage.FieldScore:
        ok = abs(float(str(answer)) - float(str(gold))) <= ctx.params.tolerance
        return ecomstage.FieldScore(1.0 if ok else 0.0, "within" if ok else "off")

    assert get_scorer("test_within").fn is within
    with pytest.raises(ecomstage.ScenarioError, match="already registered"):
        ecomstage.scorer("test_within")(lambda a, g, c: ecomstage.FieldScore(0.0, ""))


def test_each_case_builds_its_own_world(shop: Path) -> None:
    env = ecomstage.make(str(shop)).unwrapped
    days = {}
    for cid in ("t-1", "t-2"):
        env.reset(options={"case_id": cid})
        order = env.world.get_order(env.case.world_refs["order_id"])
        days[cid] = order["days_since_delivery"]
    assert days == {"t-1": 2, "t-2": 30}  # set by each case's setup call


def test_the_user_answers_messages_seeded_and_within_a_budget(shop: Path) -> None:
    env = ecomstage.make(str(shop))
    obs, info = env.reset(seed=3, options={"case_id": "t-1"})
    env.step({"answer": "x", "order_id": "O-1"})
    obs, reward, _, _, info = env.step(
        {"tool": "message_user", "arguments": {"text": "Shall I refund it?"}}
    )
    assert info["action"]["kind"] == ActionKind.MESSAGE and reward == 0.0
    assert obs["tool_result"] in ('"Yes please, refund it."', '"Yes, go ahead."')
    assert info["user_turns_left"] == 1 and "message_user" in obs["tools"]
    first = obs["tool_result"]
    obs, *_ = env.step({"tool": "message_user", "arguments": {"text": "anything else?"}})
    assert obs["tool_result"] == '"Sorry?"'
    *_, info = env.step({"tool": "message_user", "arguments": {"text": "one more"}})
    assert "user-turn budget of 2 at action exceeded" in info["error"]
    result = info["episode_result"]
    assert result.user_turns == 2 and result.termination_reason == "turn_budget"
    # Same seed, same messages: same replies.
    again = ecomstage.make(str(shop))
    again.reset(seed=3, options={"case_id": "t-1"})
    again.step({"order_id": "O-1"})
    obs, *_ = again.step({"tool": "message_user", "arguments": {"text": "Shall I refund it?"}})
    assert obs["tool_result"] == first


def test_the_packaged_scenarios_load_without_the_source_tree(tmp_path: Path) -> None:
    """Code runs from the folder it sits in: a copy of merchant_promotion, elsewhere."""
    root = Path(ecomstage.__file__).resolve().parent.parent / "scenarios" / "merchant_promotion"
    copy = Path(shutil.copytree(root, tmp_path / "mp"))
    script = (
        "import ecomstage, sys; "
        f"gid = ecomstage.register({str(copy)!r}, name='mp_copy'); "
        "r = ecomstage.run_episode(ecomstage.make('mp_copy'), ecomstage.OracleAgent(), seed=0); "
        "print(gid, r.total)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert out.stdout.split() == ["ecomstage/mp_copy-v1", "1.0"]

from __future__ import annotations

import json
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from pydantic import BaseModel

import ecomstage
from ecomstage_env.errors import EcomstageError
from tests.conftest import CASE, play

GOOD_PERCEPTION = {
    "rewritten_query": "Why is my Autumn linen dresses campaign barely shown?",
    "entities": {"campaign_id": "C-2001", "metric": "impressions"},
}


@pytest.mark.parametrize("name", ecomstage.list_envs())
def test_check_env_passes_for_every_registered_env(name: str) -> None:
    env = ecomstage.make(name)
    check_env(env.unwrapped)


def test_same_seed_and_actions_give_identical_episodes() -> None:
    actions = [
        '{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}',
        json.dumps(GOOD_PERCEPTION),
        '{"route": "D"}',
        {"decision": "2", "reply": "Raised the budget."},
    ]

    def run() -> list[Any]:
        env = ecomstage.make("merchant_promotion")
        out: list[Any] = [env.reset(seed=7)]
        out += [env.step(a) for a in actions]
        return out

    first, second = run(), run()
    assert gym.utils.env_checker.data_equivalence(first, second, exact=True)
    assert first[-1][2] is True  # terminated


def test_seed_picks_cases_deterministically() -> None:
    env = ecomstage.make("merchant_promotion")
    ids = [env.reset(seed=s)[1]["case_id"] for s in range(10)]
    assert ids == [env.reset(seed=s)[1]["case_id"] for s in range(10)]
    assert len(set(ids)) > 1


def test_observation_has_the_contract_keys_and_info_the_python_objects(env: Any) -> None:
    obs, info = env.reset(options={"case_id": CASE})
    assert set(obs) == {"stage", "prompt", "messages", "answer_schema", "tools", "tool_result"}
    assert json.loads(obs["messages"]) == info["messages"]
    assert json.loads(obs["answer_schema"]) == info["answer_schema"]
    assert json.loads(obs["tools"]) == info["tools"]
    assert [t["function"]["name"] for t in info["tools"]] == ["list_campaigns"]
    assert (
        info["case_id"] == CASE
        and info["orientation"] == "merchant"
        and info["stage"] == "perception"
    )
    assert "Autumn linen dresses" in obs["prompt"]
    assert "C-2001" not in obs["prompt"]  # grading-only refs stay hidden


def test_tool_call_stays_in_stage_and_shows_result(env: Any) -> None:
    obs, reward, term, _, info = play(
        env, ['{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}']
    )[0]
    assert obs["stage"] == "perception" and reward == 0.0 and not term
    assert json.loads(obs["tool_result"])[0]["campaign_id"] == "C-2001"
    assert info["tool_calls_left"] == 1
    roles = [m["role"] for m in info["messages"]]
    assert roles == ["system", "user", "assistant", "tool"]


def test_openai_tool_call_shape_is_accepted(env: Any) -> None:
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "list_campaigns", "arguments": '{"merchant_id": "M-1001"}'},
    }
    obs, *_ = play(env, [call])[0]
    assert "C-2001" in obs["tool_result"]
    obs, *_ = play(env, [{"role": "assistant", "content": None, "tool_calls": [call]}])[0]
    assert "C-2001" in obs["tool_result"]


def test_answer_as_text_with_prose_and_fence(env: Any) -> None:
    text = "Let me think.\n```json\n" + json.dumps(GOOD_PERCEPTION) + "\n```"
    obs, reward, _, _, info = play(env, [text])[0]
    assert obs["stage"] == "planning"
    assert info["stage_score"]["components"]["entities"] == 1.0
    assert reward > 0


def test_answer_as_pydantic_model(env: Any) -> None:
    class Entities(BaseModel):
        campaign_id: str | None
        metric: str | None

    class Perception(BaseModel):
        rewritten_query: str
        entities: Entities

    _, _, _, _, info = play(env, [Perception.model_validate(GOOD_PERCEPTION)])[0]
    assert info["stage_score"]["components"]["entities"] == 1.0


def test_parse_error_scores_zero_and_episode_goes_on(env: Any) -> None:
    obs, reward, term, _, info = play(env, ["I am not sure what you mean."])[0]
    assert reward == 0.0 and not term and obs["stage"] == "planning"
    assert "no JSON object" in info["error"]
    assert info["stage_score"]["value"] == 0.0


def test_invalid_label_scores_zero_with_reason(env: Any) -> None:
    steps = play(env, [GOOD_PERCEPTION, {"route": "G"}])
    _, reward, _, _, info = steps[1]
    assert reward == 0.0
    assert "route: 'G' is not one of A, B, C, D, E, F" in info["error"]


def test_unknown_tool_and_bad_arguments_are_tool_errors(env: Any) -> None:
    steps = play(
        env,
        [
            {"tool": "list_campains", "arguments": {"merchant_id": "M-1001"}},
            {"tool": "list_campaigns", "arguments": {"merchant": "M-1001"}},
        ],
    )
    obs, reward, term, _, info = steps[0]
    assert "not available at perception" in info["error"] and reward == 0.0 and not term
    obs, reward, term, _, info = steps[1]
    assert "invalid arguments for list_campaigns" in info["error"]
    assert obs["tool_result"].startswith("error:")


def test_tool_of_another_merchant_is_refused(env: Any) -> None:
    steps = play(
        env, [GOOD_PERCEPTION, {"tool": "get_campaign", "arguments": {"campaign_id": "C-2101"}}]
    )
    assert "does not belong to merchant M-1001" in steps[1][4]["error"]


def test_tool_budget_overrun_ends_the_stage(env: Any) -> None:
    call = {"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}
    steps = play(env, [call, call, call])
    obs, _, term, _, info = steps[2]
    assert obs["stage"] == "planning" and not term
    assert "tool budget of 2 call(s) at perception exceeded" in info["error"]
    assert info["stage_score"]["value"] == 0.0


def test_planning_lookups_are_graded_from_the_calls_that_ran(env: Any) -> None:
    calls = [
        {"tool": "get_campaign_metrics", "arguments": {"campaign_id": "C-2001"}},
        {"tool": "get_incidents", "arguments": {"campaign_id": "C-2001"}},
        {"tool": "get_category_benchmark", "arguments": {"category": "Women's apparel"}},
    ]
    steps = play(env, [GOOD_PERCEPTION, *calls, {"route": "C"}])
    info = steps[-1][4]
    assert info["stage_score"]["components"] == {"route": 1.0, "lookups": 1.0}


def test_writes_listed_in_the_answer_run_against_the_world(env: Any) -> None:
    def answer_with_bid(bid: float) -> dict[str, Any]:
        write = {"name": "update_bid", "arguments": {"campaign_id": "C-2001", "bid": bid}}
        steps = play(
            env,
            [GOOD_PERCEPTION, {"route": "C"}, {"decision": "1", "writes": [write], "reply": "x"}],
        )
        return steps[-1][4]["stage_score"]

    assert answer_with_bid(1.1)["components"]["writes"] == 1.0
    assert env.unwrapped.world.state.campaigns[0].bid == 1.1
    comp = answer_with_bid(5.0)
    assert comp["components"]["writes"] == 0.0 and "bid in [0.7, 1.3]" in comp["reason"]


def test_episode_summary_and_rewards_sum_to_total(env: Any) -> None:
    steps = play(env, [GOOD_PERCEPTION, {"route": "D"}, {"decision": "3", "reply": "All is fine."}])
    _, _, term, trunc, info = steps[-1]
    assert term and not trunc
    ep = info["episode"]
    assert set(ep["stage_scores"]) == {"perception", "planning", "action"}
    assert ep["termination_reason"] == "completed"
    assert sum(s[1] for s in steps) == pytest.approx(ep["total"])
    with pytest.raises(EcomstageError, match="episode is over"):
        env.step("{}")


def test_gate_total_and_reward_weights() -> None:
    env = ecomstage.make("merchant_promotion", total="gate", reward_weights={"planning": 2.0})
    steps = play(env, [GOOD_PERCEPTION, {"route": "C"}, {"decision": "3", "reply": "x"}])
    assert [s[1] for s in steps[:2]] == [0.0, 0.0]
    ep = steps[-1][4]["episode"]
    product = 1.0
    for s in ep["stage_scores"].values():
        product *= s["value"]
    assert ep["total"] == pytest.approx(product) == pytest.approx(steps[-1][1])
    with pytest.raises(EcomstageError, match="reward_weights names stage"):
        ecomstage.make("merchant_promotion", reward_weights={"acting": 1.0})


def test_context_modes_show_own_or_gold_answers() -> None:
    wrong = {"rewritten_query": "hello", "entities": {"campaign_id": "C-9999", "metric": "roi"}}
    agent_env = ecomstage.make("merchant_promotion", context="agent")
    gold_env = ecomstage.make("merchant_promotion", context="gold")
    a = play(agent_env, [wrong])[0][0]["prompt"]
    g = play(gold_env, [wrong])[0][0]["prompt"]
    assert "C-9999" in a and "(your answer)" in a
    assert "C-9999" not in g and "(reference answer)" in g and "C-2001" in g
    # Gold context also hands the action stage the results of the gold lookups.
    g_action = play(gold_env, [wrong, {"route": "A"}])[1][0]["prompt"]
    assert "get_category_benchmark" in g_action and "suggested_bid_min" in g_action


def test_render_modes(capsys: pytest.CaptureFixture[str]) -> None:
    env = ecomstage.make("merchant_promotion", render_mode="ansi")
    play(env, [GOOD_PERCEPTION])
    text = env.render()
    assert "[perception] score" in text and "Autumn linen dresses" in text
    human = ecomstage.make("merchant_promotion", render_mode="human")
    play(human, [GOOD_PERCEPTION])
    assert "[perception] score" in capsys.readouterr().out


def test_reset_with_unknown_case_id_raises(env: Any) -> None:
    with pytest.raises(EcomstageError, match="Did you mean 'mp-000'"):
        env.reset(options={"case_id": "mp-0000"})

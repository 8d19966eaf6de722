"""Reward wrappers: their arithmetic on real episodes, composition, and Gymnasium's checker."""

from __future__ import annotations

import math
import warnings
from functools import partial
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.errors import EcomstageError
from ecomstage_env.rl.wrappers import (
    BudgetPenalty,
    FormatReward,
    NoMultiLabelCredit,
    SparseReward,
    StageScoreReward,
    wrap_rewards,
)
from ecomstage_env.runner.episode import agent_info
from ecomstage_env.runner.vector import play_vector
from tests.conftest import CASE

GOOD_PERCEPTION = {
    "rewritten_query": "Why is my linen midi dress campaign barely shown, without adding money?",
    "entities": {"campaign_id": "C-2001", "metric": "spend"},
}
LOOKUPS = [
    {"tool": "get_campaign", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_incidents", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_campaign_metrics", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_category_benchmark", "arguments": {"category": "Women's apparel"}},
]
WRONG_PERCEPTION = {"rewritten_query": "hello", "entities": {"campaign_id": "C-9", "metric": "roi"}}
FULL: dict[str, Any] = {"format_bonus": 0.1, "invalid_penalty": 0.1, "budget_penalty": 0.2}


def oracle_episode(env: gym.Env[Any, Any], case_id: str | None = None, **reset: Any) -> list[Any]:
    """Play the oracle on ``env`` (wrapped or not); return every step's 5-tuple."""
    agent = make_agent("oracle")
    options = {**reset, **({"case_id": case_id} if case_id else {})}
    obs, info = env.reset(seed=0, options=options or None)
    agent.reset()
    steps = []
    while True:
        out = env.step(agent.act(obs, agent_info(env, agent, info)))
        steps.append(out)
        obs, _, term, trunc, info = out
        if term or trunc:
            return steps


def play(env: gym.Env[Any, Any], actions: list[Any]) -> list[Any]:
    env.reset(options={"case_id": CASE})
    return [env.step(a) for a in actions]


def closes(steps: list[Any]) -> list[Any]:
    """The steps that closed a stage."""
    return [s for s in steps if "graded_stage" in s[4]]


def test_default_stack_pays_the_envs_own_reward_and_keeps_the_raw_scores() -> None:
    plain = oracle_episode(ecomstage.make("merchant_promotion"), CASE)
    wrapped = oracle_episode(wrap_rewards(ecomstage.make("merchant_promotion")), CASE)
    assert [s[1] for s in wrapped] == pytest.approx([s[1] for s in plain])
    assert sum(s[1] for s in wrapped) == pytest.approx(1.0)
    for p, w in zip(closes(plain), closes(wrapped), strict=True):
        assert w[4]["stage_score"] == p[4]["stage_score"]  # raw score untouched
        assert sum(w[4]["reward_terms"].values()) == pytest.approx(w[1])
        assert [e["wrapper"] for e in w[4]["reward_wrappers"]] == [
            "NoMultiLabelCredit",
            "StageScoreReward",
        ]


def test_stage_weights_pay_each_stage_its_share_of_a_wrong_perception() -> None:
    env = StageScoreReward(ecomstage.make("merchant_promotion"), {"perception": 2.0})
    steps = play(env, [WRONG_PERCEPTION, *LOOKUPS, {"route": "D"}])
    done = closes(steps)
    scores = [s[4]["stage_score"].value for s in done]
    assert scores[0] < 1.0 and scores[1] == 1.0  # a wrong reading, a right route
    assert [s[1] for s in done] == pytest.approx([2 * scores[0] / 4, 1 * scores[1] / 4])
    assert [s[1] for s in steps if "graded_stage" not in s[4]] == [0.0] * len(LOOKUPS)


def test_weights_override_the_env_flags_whatever_they_are() -> None:
    base = ecomstage.make("merchant_promotion", total="gate", reward_weights={"action": 5.0})
    env = StageScoreReward(base, {"perception": 1.0, "planning": 1.0, "action": 2.0})
    rewards = [s[1] for s in closes(oracle_episode(env, CASE))]
    assert rewards == pytest.approx([0.25, 0.25, 0.5])


def test_gate_pays_later_stages_only_past_the_threshold() -> None:
    actions = [WRONG_PERCEPTION, *LOOKUPS, {"route": "D"}]
    mean = closes(play(StageScoreReward(ecomstage.make("merchant_promotion")), actions))
    gate = closes(
        play(StageScoreReward(ecomstage.make("merchant_promotion"), combine="gate"), actions)
    )
    perception = gate[0][4]["stage_score"].value
    assert perception < 0.5
    assert gate[0][1] == pytest.approx(mean[0][1]) == pytest.approx(perception / 3)
    assert mean[1][1] == pytest.approx(1 / 3)
    assert gate[1][1] == 0.0  # planning was right, but built on a failed perception
    assert gate[1][4]["reward_wrappers"][-1]["gated_by"] == ["perception"]
    assert gate[1][4]["stage_score"].value == 1.0  # the raw score is still reported
    # A low threshold lets the same episode through.
    low = StageScoreReward(
        ecomstage.make("merchant_promotion"), combine="gate", threshold=perception
    )
    assert closes(play(low, actions))[1][1] == pytest.approx(1 / 3)


def test_gate_on_a_correct_episode_equals_the_mean() -> None:
    env = StageScoreReward(ecomstage.make("merchant_promotion"), combine="gate")
    assert sum(s[1] for s in oracle_episode(env, CASE)) == pytest.approx(1.0)


def test_a_later_start_stage_shares_the_weights_among_the_played_stages() -> None:
    env = StageScoreReward(ecomstage.make("merchant_promotion"), {"action": 2.0})
    steps = oracle_episode(env, CASE, stage="planning")
    assert [s[1] for s in closes(steps)] == pytest.approx([1 / 3, 2 / 3])


def test_format_reward_pays_valid_answers_and_penalizes_invalid_output() -> None:
    env = FormatReward(ecomstage.make("merchant_promotion"), bonus=0.1, penalty=0.3)
    steps = play(
        env,
        [
            "I think the merchant is unhappy.",  # no JSON at all
            {"rute": "D"},  # required field missing
            {"decision": "9", "reply": "ok"},  # a label outside the case's menu
        ],
    )
    for _, reward, _, _, info in steps:
        log = info["reward_wrappers"][-1]
        assert log["valid"] is False and log["problems"]
        assert info["reward_terms"]["format"] == -0.3
        assert reward == pytest.approx(-0.3)  # stage score 0 + penalty
    assert "route" in " ".join(steps[1][4]["reward_wrappers"][-1]["problems"])
    assert "decision" in " ".join(steps[2][4]["reward_wrappers"][-1]["problems"])
    # Valid but wrong still earns the bonus: format is not correctness.
    _, reward, _, _, info = play(env, [WRONG_PERCEPTION])[0]
    assert info["reward_wrappers"][-1]["valid"] is True
    assert reward == pytest.approx(info["stage_score"].value / 3 + 0.1)


def test_format_reward_on_paper_labels_asks_for_one_label_in_the_space() -> None:
    env = FormatReward(ecomstage.make("intent_recognition"), bonus=0.1, penalty=0.1)
    env.reset(seed=0)
    assert env.step("4")[4]["reward_terms"]["format"] == 0.1
    env.reset(seed=0)
    assert env.step("9")[4]["reward_terms"]["format"] == -0.1  # outside 1-7
    paper = FormatReward(ecomstage.make("intent_recognition", scoring="paper"))
    paper.reset(seed=0)
    assert paper.step("1 or 2")[4]["reward_terms"]["format"] == -0.1
    paper.reset(seed=0)
    assert paper.step("3")[4]["reward_terms"]["format"] == 0.1


def test_format_reward_pays_nothing_for_empty_text() -> None:
    env = FormatReward(ecomstage.make("query_rewrite"), bonus=0.1, penalty=0.1)
    for answer, expected in (("", -0.1), ("  \n", -0.1), ("Is the coupon valid?", 0.1)):
        env.reset(seed=0)
        info = env.step(answer)[4]
        assert info["reward_terms"]["format"] == expected, answer
    mp = FormatReward(ecomstage.make("merchant_promotion"), bonus=0.1, penalty=0.1)
    mp.reset(options={"case_id": CASE, "stage": "action"})
    info = mp.step({"decision": "2", "reply": " "})[4]
    assert info["reward_wrappers"][-1]["problems"] == ["reply: empty text"]


def test_budget_penalty_when_a_stage_runs_out_of_calls() -> None:
    env = BudgetPenalty(ecomstage.make("merchant_promotion"), penalty=0.25)
    call = {"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}
    steps = play(env, [call, call, call])  # perception allows 2 calls
    _, reward, _, _, info = steps[-1]
    assert info["graded_stage"] == "perception" and "tool budget" in info["error"]
    assert info["reward_wrappers"][-1]["over_budget"] is True
    assert reward == pytest.approx(info["stage_score"].value / 3 - 0.25)
    # An answered stage pays no penalty.
    answered = play(env, [GOOD_PERCEPTION])[0]
    assert answered[4]["reward_terms"]["budget"] == 0.0


def test_multi_label_answers_earn_no_paper_credit_on_any_intent_record() -> None:
    env = NoMultiLabelCredit(ecomstage.make("intent_recognition", scoring="paper"))
    cases = env.unwrapped.cases  # type: ignore[attr-defined]
    for case in cases:
        env.reset(options={"case_id": case.case_id})
        _, reward, _, _, info = env.step("1234567")
        assert info["stage_score"].value == 1.0  # the paper's rule, as reported
        assert reward == 0.0 and info["stage_credit"] == 0.0
        assert info["reward_wrappers"][-1]["withheld"] is True
        gold = case.gold[next(iter(case.gold))]["answer"]
        env.reset(options={"case_id": case.case_id})
        assert env.step(gold)[1] == 1.0  # one right label keeps its credit


def test_multi_label_guard_keeps_a_menu_label_with_its_own_text() -> None:
    env = NoMultiLabelCredit(ecomstage.make("query_match", scoring="paper"))
    # Gold "A", whose own text holds a "C": the paper rule finds two labels in
    # "A. Can I get ...", yet it is one label with its option's text.
    case_id = "3_query_match_539"
    case = next(c for c in env.unwrapped.cases if c.case_id == case_id)  # type: ignore[attr-defined]
    gold = case.gold[next(iter(case.gold))]["answer"]
    text = next(o.text for o in case.options["answer"] if o.id == gold)
    env.reset(options={"case_id": case_id})
    _, reward, _, _, info = env.step(f"{gold}. {text}")
    assert reward == 1.0
    assert info["reward_wrappers"][-1] == {
        "wrapper": "NoMultiLabelCredit",
        "applies": True,
        "labels_found": 2,
        "withheld": False,
    }
    env.reset(options={"case_id": case_id})
    assert env.step("A B C D E")[1] == 0.0


def test_multi_label_guard_then_stage_weights_credit_nothing() -> None:
    env = wrap_rewards(ecomstage.make("intent_recognition", scoring="paper"), format_bonus=0.1)
    env.reset(seed=0)
    _, reward, _, _, info = env.step("1234567")
    assert reward == 0.0  # no stage credit, no format bonus (not one label)
    assert info["reward_terms"] == {"env": 0.0, "stage": 0.0, "format": 0.0}


def test_sparse_reward_pays_the_dense_sum_at_the_end() -> None:
    dense = oracle_episode(wrap_rewards(ecomstage.make("merchant_promotion"), **FULL), CASE)
    sparse_env = wrap_rewards(ecomstage.make("merchant_promotion"), sparse=True, **FULL)
    sparse = oracle_episode(sparse_env, CASE)
    assert [s[1] for s in sparse[:-1]] == [0.0] * (len(sparse) - 1)
    assert sparse[-1][1] == pytest.approx(sum(s[1] for s in dense))
    assert sparse[-1][1] == pytest.approx(1.0 + 3 * 0.1)  # three valid, right answers
    terms = sparse[-1][4]["reward_terms"]
    assert terms["stage"] == pytest.approx(1.0) and terms["format"] == pytest.approx(0.3)
    assert sparse[-2][4]["reward_held"] == pytest.approx(sum(s[1] for s in dense[:-1]))


def test_wrappers_stack_only_in_the_order_that_composes() -> None:
    env = ecomstage.make("merchant_promotion")
    with pytest.raises(EcomstageError, match="cannot go on top of SparseReward"):
        FormatReward(SparseReward(env))
    with pytest.raises(EcomstageError, match="cannot go on top of FormatReward"):
        StageScoreReward(FormatReward(env))
    with pytest.raises(EcomstageError, match="cannot go on top of StageScoreReward"):
        NoMultiLabelCredit(StageScoreReward(env))
    # Gymnasium's own wrappers in between do not hide the order.
    with pytest.raises(EcomstageError, match="cannot go on top"):
        StageScoreReward(gym.wrappers.RecordEpisodeStatistics(FormatReward(env)))
    with pytest.raises(EcomstageError, match="wraps ecomstage envs"):
        FormatReward(gym.make("CartPole-v1"))
    BudgetPenalty(FormatReward(env))  # the same rank stacks either way
    FormatReward(BudgetPenalty(env))


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda e: StageScoreReward(e, {"perception": float("nan")}), "finite"),
        (lambda e: StageScoreReward(e, {"perception": -1.0}), "finite"),
        (lambda e: StageScoreReward(e, {"percepton": 1.0}), "stage 'percepton'"),
        (
            lambda e: StageScoreReward(e, dict.fromkeys(("perception", "planning", "action"), 0.0)),
            "all be 0",
        ),
        (lambda e: StageScoreReward(e, combine="product"), "combine"),
        (lambda e: StageScoreReward(e, threshold=1.5), "threshold"),
        (lambda e: FormatReward(e, bonus=float("inf")), "bonus"),
        (lambda e: BudgetPenalty(e, penalty=-0.1), "penalty"),
    ],
)
def test_bad_settings_raise_a_typed_error(build: Any, match: str) -> None:
    with pytest.raises(EcomstageError, match=match):
        build(ecomstage.make("merchant_promotion"))


@pytest.mark.parametrize("name", ecomstage.list_envs())
def test_check_env_passes_on_every_wrapped_env(name: str) -> None:
    env = wrap_rewards(ecomstage.make(name), combine="gate", sparse=True, **FULL)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*different from the unwrapped version")
        check_env(env)


@pytest.mark.parametrize("name", ecomstage.list_envs())
def test_rewards_stay_finite_and_bounded_on_garbage(name: str) -> None:
    env = wrap_rewards(ecomstage.make(name), combine="gate", **FULL)
    garbage = ["", "{", '{"tool": "nope"}', "\ud800" * 3, {"x": [1] * 5}, "1234567", None]
    for seed in range(3):
        env.reset(seed=seed)
        total, done, i = 0.0, False, 0
        while not done:
            _, reward, done, _, info = env.step(garbage[i % len(garbage)])
            i += 1
            assert math.isfinite(reward)
            assert sum(info["reward_terms"].values()) == pytest.approx(reward)
            total += reward
        assert -0.1 * 3 - 0.2 * 3 <= total <= 1.0 + 0.1 * 3


def test_vector_env_takes_the_wrapped_envs() -> None:
    gid = ecomstage.env_id("merchant_promotion")
    wrap = partial(wrap_rewards, combine="gate", format_bonus=0.1)
    vec = gym.make_vec(gid, num_envs=2, vectorization_mode="sync", wrappers=[wrap])
    cases = list(ecomstage.case_ids("merchant_promotion"))[:4]
    results = play_vector(vec, make_agent("oracle"), cases=cases)
    assert [r.case_id for r in results] == cases and all(r.total == 1.0 for r in results)
    # The rewards the vector env returns are the wrapped ones.
    vec.reset(seed=0)
    _, rewards, *_ = vec.step(("not json", "not json"))
    assert list(rewards) == [0.0, 0.0]  # no bonus, no penalty configured for invalid
    _, rewards, *_ = vec.step(({"route": "D"}, {"route": "D"}))
    assert all(r == pytest.approx(0.1) for r in rewards)  # planning gated, bonus paid
    vec.close()

from __future__ import annotations

import json
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from pydantic import BaseModel

import ecomstage
from ecomstage_env.agents import make_agent
from ecomstage_env.env import GRADER_KEY
from ecomstage_env.errors import EcomstageError
from ecomstage_env.stages import EpisodeResult, StageScore
from tests.conftest import CASE, play

GOOD_PERCEPTION = {
    "rewritten_query": "Why is my linen midi dress campaign barely shown, without adding money?",
    "entities": {"campaign_id": "C-2001", "metric": "spend"},
}
PLAN = [
    {"tool": "get_campaign", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_incidents", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_campaign_metrics", "arguments": {"campaign_id": "C-2001"}},
    {"tool": "get_category_benchmark", "arguments": {"category": "Women's apparel"}},
]
RAISE_BID = "2"  # the case's menu: raise_budget, raise_bid, suggest_budget, broaden_targeting


@pytest.mark.parametrize("name", ecomstage.list_envs())
def test_check_env_passes_for_every_registered_env(name: str) -> None:
    env = ecomstage.make(name)
    check_env(env.unwrapped)


def test_same_seed_and_actions_give_identical_episodes() -> None:
    actions = [
        '{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}',
        json.dumps(GOOD_PERCEPTION),
        '{"route": "D"}',
        {"decision": RAISE_BID, "reply": "Raised the bid."},
    ]

    def run() -> list[Any]:
        env = ecomstage.make("merchant_promotion")
        out: list[Any] = [env.reset(seed=7)]
        out += [env.step(a) for a in actions]
        return out

    first, second = run(), run()
    assert gym.utils.env_checker.data_equivalence(first, second, exact=True)
    assert first[-1][2] is True  # terminated


def test_observation_has_the_contract_keys_and_info_the_python_objects(env: Any) -> None:
    obs, info = env.reset(options={"case_id": CASE})
    assert set(obs) == {
        "stage",
        "prompt",
        "messages",
        "answer_schema",
        "answer_format",
        "tools",
        "tool_result",
    }
    assert json.loads(obs["messages"]) == info["messages"]
    assert json.loads(obs["answer_schema"]) == info["answer_schema"]
    assert json.loads(obs["tools"]) == info["tools"]
    assert obs["answer_format"] == info["answer_format"] == "json"
    assert [t["function"]["name"] for t in info["tools"]] == ["list_campaigns"]
    assert info["case_id"] == CASE and info["orientation"] == "merchant"
    assert info["stage"] == "perception" and info["user_turns_left"] == 0
    assert "washed linen midi" in obs["prompt"]
    assert "C-2001" not in obs["prompt"]  # grading-only refs stay hidden
    assert "Guideline for `entities`" in obs["prompt"]  # the metric's decision list


def test_nothing_handed_to_the_agent_quotes_the_gold(env: Any) -> None:
    """A wrong answer at every stage: the observations and infos carry no gold value."""
    steps = play(
        env,
        [
            {"rewritten_query": "hi", "entities": {"campaign_id": "C-9", "metric": "roi"}},
            {"route": "A"},
            {"decision": "3", "reply": "hello"},
        ],
    )
    gold_values = ["C-2001", '"D"', "raise_bid", "0.7", "the old bid", "spend"]
    for obs, _, _, _, info in steps:
        shown = json.dumps(obs) + json.dumps(
            {k: v for k, v in info.items() if k != "episode_result"}, default=str
        )
        assert info["stage_score"].explanation == ""
        for value in gold_values:
            assert value not in info["stage_score"].reason
        assert "C-2001" not in shown  # the grading-only campaign id never appears
    # Not even the finished episode's result in info explains; the grader's side is
    # kept by the env for the runner's records and reports.
    result = steps[-1][4]["episode_result"]
    assert isinstance(result, EpisodeResult)
    assert all(s.explanation == "" for s in result.stage_scores.values())
    graded = env.unwrapped.graded_result()
    assert "C-2001" in graded.stage_scores["perception"].explanation
    assert graded.total == result.total
    env.reset(options={"case_id": CASE})
    with pytest.raises(EcomstageError, match="no finished episode"):
        env.unwrapped.graded_result()


def test_tool_call_stays_in_stage_and_says_what_it_understood(env: Any) -> None:
    obs, reward, term, _, info = play(
        env, ['{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}']
    )[0]
    assert obs["stage"] == "perception" and reward == 0.0 and not term
    assert json.loads(obs["tool_result"])[0]["campaign_id"] == "C-2001"
    assert info["tool_calls_left"] == 1
    assert info["action"] == {
        "kind": "tool_call",
        "tool": "list_campaigns",
        "arguments": {"merchant_id": "M-1001"},
    }
    assert [m["role"] for m in info["messages"]] == ["system", "user", "assistant", "tool"]


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
    assert isinstance(info["stage_score"], StageScore)
    assert info["stage_score"].components["entities"] == 1.0
    assert info["action"]["kind"] == "answer" and reward > 0


def test_answer_as_pydantic_model(env: Any) -> None:
    class Entities(BaseModel):
        campaign_id: str | None
        metric: str | None

    class Perception(BaseModel):
        rewritten_query: str
        entities: Entities

    _, _, _, _, info = play(env, [Perception.model_validate(GOOD_PERCEPTION)])[0]
    assert info["stage_score"].components["entities"] == 1.0


def test_parse_error_scores_zero_and_episode_goes_on(env: Any) -> None:
    obs, reward, term, _, info = play(env, ["I am not sure what you mean."])[0]
    assert reward == 0.0 and not term and obs["stage"] == "planning"
    assert "no JSON object" in info["error"] and info["action"]["kind"] == "invalid"
    assert info["stage_score"].value == 0.0


def test_invalid_label_scores_zero_with_reason(env: Any) -> None:
    _, reward, _, _, info = play(env, [GOOD_PERCEPTION, {"route": "G"}])[1]
    assert reward == 0.0
    assert "route: 'G' is not one of A, C, D" in info["error"]


def test_unknown_tool_and_bad_arguments_are_tool_errors(env: Any) -> None:
    steps = play(
        env,
        [
            {"tool": "list_campains", "arguments": {"merchant_id": "M-1001"}},
            {"tool": "list_campaigns", "arguments": {"merchant": "M-1001"}},
        ],
    )
    assert "not available at perception" in steps[0][4]["error"]
    obs, reward, term, _, info = steps[1]
    assert "invalid arguments for list_campaigns" in info["error"] and reward == 0.0
    assert obs["tool_result"].startswith("error:") and not term


def test_tool_of_another_merchant_is_refused(env: Any) -> None:
    steps = play(
        env, [GOOD_PERCEPTION, {"tool": "get_campaign", "arguments": {"campaign_id": "C-2101"}}]
    )
    assert "does not belong to merchant M-1001" in steps[1][4]["error"]


def test_tool_budget_overrun_ends_the_stage(env: Any) -> None:
    call = {"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}
    obs, _, term, _, info = play(env, [call, call, call])[2]
    assert obs["stage"] == "planning" and not term
    assert "tool budget of 2 at perception exceeded" in info["error"]
    assert info["stage_score"].components["rewritten_query"] == 0.0


def test_lookups_are_graded_by_the_facts_the_calls_revealed(env: Any) -> None:
    info = play(env, [GOOD_PERCEPTION, *PLAN, {"route": "D"}])[-1][4]
    assert info["stage_score"].components == {"route": 1.0, "lookups": 1.0}
    # Another sufficient set: the statuses from list_campaigns, the rest as before.
    other = [{"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}, *PLAN]
    info = play(env, [GOOD_PERCEPTION, *other, {"route": "D"}])[-1][4]
    assert info["stage_score"].components["lookups"] == 1.0
    # Declared in the answer but not run: no credit, and not part of the schema.
    declared = [{"name": c["tool"], "arguments": c["arguments"]} for c in PLAN]
    info = play(env, [GOOD_PERCEPTION, {"route": "D", "lookups": declared}])[-1][4]
    assert info["stage_score"].components["lookups"] == 0.0
    assert "lookups" not in info["answer_schema"]["properties"]
    # A needless call costs a little; reading the help centre never does.
    extra = [*PLAN, {"tool": "get_account", "arguments": {"merchant_id": "M-1001"}}]
    info = play(env, [GOOD_PERCEPTION, *extra, {"route": "D"}])[-1][4]
    assert info["stage_score"].components["lookups"] == pytest.approx(0.9)
    extra = [*PLAN, {"tool": "search_help_center", "arguments": {"query": "bid"}}]
    info = play(env, [GOOD_PERCEPTION, *extra, {"route": "D"}])[-1][4]
    assert info["stage_score"].components["lookups"] == 1.0


def test_writes_are_graded_on_the_world_they_leave(env: Any) -> None:
    def action(*calls: dict[str, Any], writes: list[Any] | None = None) -> StageScore:
        answer: dict[str, Any] = {"decision": RAISE_BID, "reply": "x"}
        if writes is not None:
            answer["writes"] = writes
        steps = play(env, [GOOD_PERCEPTION, {"route": "D"}, *calls, answer])
        score: StageScore = steps[-1][4]["stage_score"]
        return score

    bid = {"name": "update_bid", "arguments": {"campaign_id": "C-2001", "bid": 1.1}}
    assert action(writes=[bid]).components["writes"] == 1.0
    assert env.unwrapped.world.state.campaigns[0].bid == 1.1
    made = {"tool": "update_bid", "arguments": {"campaign_id": "C-2001", "bid": 1.2}}
    assert action(made).components["writes"] == 1.0
    high = {"name": "update_bid", "arguments": {"campaign_id": "C-2001", "bid": 5.0}}
    assert action(writes=[high]).components["writes"] == 0.0
    assert action().components["writes"] == 0.0  # no write where one is due
    budget = {
        "name": "update_daily_budget",
        "arguments": {"campaign_id": "C-2001", "daily_budget": 400},
    }
    assert action(writes=[bid, budget]).components["writes"] == pytest.approx(2 / 3)
    nonsense = {
        "tool": "update_targeting",
        "arguments": {"campaign_id": "C-2001", "interests": ["zzz"]},
    }
    steps = play(env, [GOOD_PERCEPTION, {"route": "D"}, nonsense])
    assert "unknown interest tags" in steps[-1][4]["error"]


def test_targeting_refuses_regions_the_world_does_not_have(env: Any) -> None:
    call = {
        "tool": "update_targeting",
        "arguments": {"campaign_id": "C-2001", "regions": ["Atlantis"]},
    }
    info = play(env, [GOOD_PERCEPTION, {"route": "D"}, call])[-1][4]
    assert "Atlantis" in info["error"]
    ok = {**call, "arguments": {"campaign_id": "C-2001", "regions": ["Zhejiang"]}}
    info = play(env, [GOOD_PERCEPTION, {"route": "D"}, ok])[-1][4]
    assert "error" not in info or not info["error"]


def test_a_reply_claiming_a_change_nobody_made_fails_the_policy_points(env: Any) -> None:
    gold = env.unwrapped.cases[0].gold["action"]
    assert env.unwrapped.cases[0].case_id == CASE

    def reply_score(reply: str) -> float:
        answer = {"decision": gold["decision"], "writes": gold["writes"], "reply": reply}
        steps = play(env, [GOOD_PERCEPTION, {"route": "D"}, answer])
        return float(steps[-1][4]["stage_score"].components["reply"])

    assert reply_score(gold["reply"]) == 1.0
    claimed = gold["reply"] + " I've also paused the campaign and issued a refund."
    assert reply_score(claimed) == 0.0


def test_non_finite_numbers_are_refused_by_the_world(env: Any) -> None:
    for bad in (float("nan"), float("inf")):
        call = {"tool": "update_bid", "arguments": {"campaign_id": "C-2001", "bid": bad}}
        info = play(env, [GOOD_PERCEPTION, {"route": "D"}, call])[-1][4]
        assert "finite" in info["error"]


def test_episode_result_and_rewards_sum_to_total(env: Any) -> None:
    steps = play(env, [GOOD_PERCEPTION, {"route": "D"}, {"decision": "3", "reply": "All fine."}])
    _, _, term, trunc, info = steps[-1]
    assert term and not trunc and "episode" not in info
    ep = info["episode_result"]
    assert set(ep.stage_scores) == {"perception", "planning", "action"}
    assert ep.termination_reason == "completed" and ep.start_stage == "perception"
    assert sum(s[1] for s in steps) == pytest.approx(ep.total)
    with pytest.raises(EcomstageError, match="episode is over"):
        env.step("{}")


def test_gate_total_and_reward_weights() -> None:
    env = ecomstage.make("merchant_promotion", total="gate", reward_weights={"planning": 2.0})
    steps = play(env, [GOOD_PERCEPTION, {"route": "C"}, {"decision": "3", "reply": "x"}])
    assert [s[1] for s in steps[:2]] == [0.0, 0.0]
    ep = steps[-1][4]["episode_result"]
    product = 1.0
    for s in ep.stage_scores.values():
        product *= s.value
    assert ep.total == pytest.approx(product) == pytest.approx(steps[-1][1])
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


def test_reset_at_a_later_stage_shows_the_earlier_ones_from_the_annotation() -> None:
    env = ecomstage.make("merchant_promotion")
    obs, _ = env.reset(options={"case_id": CASE, "stage": "action"})
    assert obs["stage"] == "action"
    assert "planning (reference answer)" in obs["prompt"] and "suggested_bid_min" in obs["prompt"]
    steps = [env.step({"decision": RAISE_BID, "reply": "x"})]
    ep = steps[-1][4]["episode_result"]
    assert ep.start_stage == "action" and set(ep.stage_scores) == {"action"}
    assert steps[-1][1] == pytest.approx(ep.total)  # one stage: its reward is the total
    with pytest.raises(EcomstageError, match="no stage 'acting'"):
        env.reset(options={"stage": "acting"})


def test_render_modes(capsys: pytest.CaptureFixture[str]) -> None:
    env = ecomstage.make("merchant_promotion", render_mode="ansi")
    play(env, [GOOD_PERCEPTION])
    text = env.render()
    assert text is not None and "[perception] score" in text and "linen midi" in text
    human = ecomstage.make("merchant_promotion", render_mode="human")
    play(human, [GOOD_PERCEPTION])
    assert "[perception] score" in capsys.readouterr().out


def test_reset_with_unknown_case_id_raises(env: Any) -> None:
    with pytest.raises(EcomstageError, match=f"Did you mean '{CASE}'"):
        env.reset(options={"case_id": CASE + "x"})


def test_episodes_never_change_the_state_they_share() -> None:
    from ecomstage_env.data.loader import _load_scenario
    from ecomstage_env.runner import run_episode

    env = ecomstage.make("merchant_promotion")
    scenario = env.unwrapped.scenario
    shared = scenario.world_cls.shared_state
    assert shared
    for agent in (ecomstage.OracleAgent(), make_agent("random"), make_agent("keyword")):
        for case in env.unwrapped.cases:
            run_episode(env, agent, case_id=case.case_id)
    fresh = _load_scenario.__wrapped__(scenario.folder)  # not the cached one
    for cid, state in scenario.states.items():
        for name in shared:
            assert getattr(state, name) == getattr(fresh.states[cid], name), (cid, name)


def test_each_episode_gets_its_own_copy_of_the_case_world(env: Any) -> None:
    env.reset(options={"case_id": CASE})
    state = env.unwrapped.world.state
    before = state.model_dump()
    state.campaigns[0].targeting.interests.append("mutated")
    state.campaigns[0].bid = 99.0
    state.merchants.pop()
    env.reset(options={"case_id": CASE})
    assert env.unwrapped.world.state.model_dump() == before
    assert env.unwrapped.world.state.campaigns[0] is not state.campaigns[0]


def _failed_calls_env(tmp: Any) -> Any:
    """A copy of merchant_promotion whose spec.toml sets ``failed_calls_count = true``."""
    import shutil

    from ecomstage_env.env import StagedEnv, resolve_scenario

    folder = tmp / "strict_promotion"
    shutil.copytree(resolve_scenario("merchant_promotion"), folder)
    spec = folder / "spec.toml"
    text = spec.read_text("utf-8").replace(
        "\ntool_budget", "\nfailed_calls_count = true\ntool_budget"
    )
    assert text.count("failed_calls_count") == 3
    spec.write_text(text, "utf-8")
    return StagedEnv(folder)  # not registered: other tests' "all" stays as it was


def test_failed_calls_get_an_error_and_do_not_use_the_budget() -> None:
    env = ecomstage.make("merchant_promotion")
    obs, info = env.reset(seed=0)
    left = info["tool_calls_left"]
    for bad in (
        {"tool": "no_such_tool", "arguments": {}},
        {"tool": "list_campaigns", "arguments": {"merchant_id": 12, "junk": True}},
        {"tool": "list_campaigns", "arguments": {}},
    ):
        obs, reward, terminated, _, info = env.step(bad)
        assert obs["stage"] == "perception" and reward == 0.0 and not terminated
        assert info["error"] and obs["tool_result"].startswith("error:")
        assert "stage_score" not in info
        assert info["tool_calls_left"] == left  # nothing used up


def test_failed_calls_are_bounded() -> None:
    from ecomstage_env.env import MAX_FAILED_CALLS

    env = ecomstage.make("merchant_promotion")
    env.reset(seed=0)
    for _ in range(MAX_FAILED_CALLS):
        obs, *_ = env.step({"tool": "no_such_tool", "arguments": {}})
        assert obs["stage"] == "perception"
    obs, _, _, _, info = env.step({"tool": "no_such_tool", "arguments": {}})
    assert obs["stage"] == "planning" and "failed calls" in info["error"]


def test_failed_calls_count_when_the_spec_says_so(tmp_path: Any) -> None:
    env = _failed_calls_env(tmp_path)
    obs, info = env.reset(seed=0)
    budget = info["tool_calls_left"]
    for i in range(budget):
        obs, _, _, _, info = env.step({"tool": "no_such_tool", "arguments": {}})
        assert info["tool_calls_left"] == budget - i - 1
    obs, _, _, _, info = env.step({"tool": "no_such_tool", "arguments": {}})
    assert obs["stage"] == "planning" and "tool budget" in info["error"]


def test_over_budget_grades_the_stage_so_far() -> None:
    # The oracle's planning lookups, then the same lookup until one call too many: the
    # lookups made so far are graded (not a blanket 0); the route, never given, scores 0.
    from ecomstage_env.runner.episode import agent_info

    env = ecomstage.make("merchant_promotion")
    oracle = ecomstage.OracleAgent()
    obs, info = env.reset(seed=0)
    obs, _, _, _, info = env.step(oracle.act(obs, agent_info(env, oracle, info)))
    assert obs["stage"] == "planning"
    made = []
    while True:
        action = oracle.act(obs, agent_info(env, oracle, info))
        if not (isinstance(action, dict) and "tool" in action):
            break
        obs, _, _, _, info = env.step(action)
        assert "error" not in info
        made.append(action)
    assert made
    while obs["stage"] == "planning":
        obs, _, _, _, info = env.step(made[0])
    assert info["graded_stage"] == "planning" and "tool budget" in info["error"]
    score = info["stage_score"]
    assert score.components["route"] == 0.0
    assert score.components["lookups"] > 0.0 and score.value > 0.0


def test_reset_seed_gives_gymnasiums_generator_built_only_when_drawn_from() -> None:
    from gymnasium.utils import seeding

    env = ecomstage.make("intent_recognition").unwrapped
    cases = env.cases
    env.reset(seed=5, options={"case_id": cases[0].case_id})
    assert env._rng is None and env.np_random_seed == 5  # nothing drew from it yet
    want, _ = seeding.np_random(5)
    assert env.np_random.integers(1000, size=8).tolist() == want.integers(1000, size=8).tolist()
    for seed in range(20):  # a drawn case is the one Gymnasium's generator draws
        env.reset(seed=seed)
        rng, _ = seeding.np_random(seed)
        assert env.case is cases[int(rng.integers(len(cases)))]
    with pytest.raises(gym.error.Error):
        env.reset(seed=-1)
    with pytest.raises(gym.error.Error):
        env.reset(seed=1.5)  # type: ignore[arg-type]


class _OracleByText(ecomstage.OracleAgent):
    """The oracle, answering every per-case menu with the chosen option's text."""

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        out = super().act(obs, info)
        if "tool" in out:
            return out
        menus = info[GRADER_KEY]["case"].options
        texts = {f: {o.id: o.text for o in opts} for f, opts in menus.items()}
        for name, value in out.items():
            if name in texts and isinstance(value, str):
                out[name] = texts[name][value].upper() + "."  # case and a full stop aside
            elif name in texts and isinstance(value, list):
                out[name] = [texts[name][v] for v in value]
        return out


@pytest.mark.parametrize("name", ["after_sales", "order_logistics", "merchant_promotion"])
def test_a_menu_option_answered_by_its_text_is_that_option(name: str) -> None:
    from ecomstage_env.runner import run_episode

    env = ecomstage.make(name)
    ids = [c.case_id for c in env.unwrapped.cases][:8]
    assert any(c.options for c in env.unwrapped.cases[:8])  # the cases have menus to answer
    for cid in ids:
        result = run_episode(env, _OracleByText(), seed=0, case_id=cid)
        assert result.total == pytest.approx(1.0), (cid, result.errors)
    env.close()

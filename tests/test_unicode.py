from __future__ import annotations

import json
from pathlib import Path

import ecomstage
from ecomstage_env.spaces import action_space, observation_space


def test_unicode_round_trips_through_the_spaces(scenario_copy: Path) -> None:
    cases = scenario_copy / "cases.jsonl"
    first = json.loads(cases.read_text().splitlines()[0])
    first["dialogue"].append({"role": "merchant", "text": "老板问我为什么曝光这么低 😭🙏 «urgent»"})
    cases.write_text(json.dumps(first, ensure_ascii=False) + "\n")
    env = ecomstage.StagedEnv(scenario_copy)
    space = observation_space()
    obs, _ = env.reset(seed=0)
    assert "老板问我为什么曝光这么低 😭🙏" in obs["prompt"]
    assert obs in space
    answer = {
        "rewritten_query": "为什么曝光低？😭",
        "entities": {"campaign_id": "C-2001", "metric": "impressions"},
    }
    text = json.dumps(answer, ensure_ascii=False)
    assert text in action_space()
    obs, _, _, _, info = env.step(text)
    assert obs in space
    assert "为什么曝光低？😭" in obs["prompt"]  # the agent's own answer is shown back intact
    assert info["stage_score"].components["entities"] == 1.0


def test_sampled_actions_are_in_the_space() -> None:
    space = action_space()
    space.seed(0)
    for _ in range(5):
        assert space.sample() in space

from __future__ import annotations

import json
from pathlib import Path

import ecomstage
from ecomstage_env.spaces import UnicodeText, action_space, observation_space


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


def test_an_async_vector_env_carries_huge_answers_and_lone_surrogates() -> None:
    import gymnasium as gym

    huge = json.dumps({"rewritten_query": "q" * 250_000, "entities": {}})
    lone = '{"rewritten_query": "why \ud800 low", "entities": {"campaign_id": null}}'
    envs = gym.make_vec("ecomstage/merchant_promotion-v1", num_envs=2, vectorization_mode="async")
    try:
        envs.reset(seed=0)
        obs, reward, _, _, infos = envs.step((huge, lone))
        prompts = list(obs["prompt"])
        assert list(obs["stage"]) == ["planning", "planning"]
        assert all(0.0 <= r <= 1.0 for r in reward)
        assert len(prompts[0]) <= 200_000 and "more characters]" in prompts[0]
        assert "why \ufffd low" in prompts[1]  # repaired, and the repair is reported
        assert "U+FFFD" in infos["error"][1]
        for p in prompts:
            p.encode("utf-8")
    finally:
        envs.close()


def test_shared_memory_text_survives_surrogates_and_overlong_text() -> None:
    from gymnasium.vector.utils.shared_memory import (
        create_shared_memory,
        read_from_shared_memory,
        write_to_shared_memory,
    )

    from ecomstage_env.spaces import UnicodeText

    space = UnicodeText(8)
    memory = create_shared_memory(space, n=2)
    write_to_shared_memory(space, 0, "a\ud800b", memory)
    write_to_shared_memory(space, 1, "0123456789", memory)
    texts = read_from_shared_memory(space, memory, n=2)
    assert list(texts) == ["a\ud800b", "01234567"]


def test_shared_memory_rows_are_overwritten_in_place_and_read_once_per_write() -> None:
    from gymnasium.vector.utils.shared_memory import (
        create_shared_memory,
        read_from_shared_memory,
        write_to_shared_memory,
    )

    from ecomstage_env.spaces import UnicodeText

    space = UnicodeText(16)
    memory = create_shared_memory(space, n=2)
    texts = read_from_shared_memory(space, memory, n=2)  # a live view, as AsyncVectorEnv keeps
    write_to_shared_memory(space, 0, "a longer text 😀", memory)
    write_to_shared_memory(space, 1, "x\x00y", memory)
    assert list(texts) == ["a longer text 😀", "x\x00y"]  # NUL crosses too
    first = texts[0]
    assert texts[0] is first  # not written since: served from the decoded copy
    write_to_shared_memory(space, 0, "short", memory)  # no tail of the longer text left
    write_to_shared_memory(space, 1, "".join(["x", "\x00", "y"]), memory)  # equal, rewritten
    assert list(texts) == ["short", "x\x00y"]
    same = "short"
    write_to_shared_memory(space, 0, same, memory)
    write_to_shared_memory(space, 0, same, memory)  # the very same str: row left as it is
    assert texts[0] == "short" and texts[-1] == "x\x00y" and texts[:1] == ("short",)


def test_each_env_gets_its_own_spaces_equal_to_ones_built_directly() -> None:
    direct = {"stage": UnicodeText(16, min_length=1), "answer_format": UnicodeText(8)}
    made = observation_space()
    for key, space in made.spaces.items():
        built = direct.get(key, UnicodeText())
        assert type(space) is UnicodeText and space == built
        assert vars(space).keys() == vars(built).keys()
        space.seed(5)
        built.seed(5)
        assert space.sample() == built.sample()
    assert action_space() == UnicodeText(32_000)
    # Two envs' spaces draw from generators of their own.
    a, b = observation_space(), observation_space()
    a.seed(1)
    b.seed(1)
    first = a.sample()
    a.sample()
    assert b.sample() == first
    assert a["prompt"].np_random is not b["prompt"].np_random

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.wrappers import (
    OrderEnforcing,
    PassiveEnvChecker,
    RecordEpisodeStatistics,
    TimeLimit,
)

import ecomstage
from ecomstage_env.errors import DataError, UnknownEnvError

ENVS = ecomstage.list_envs()


def test_bundled_envs_are_listed_and_registered_with_gymnasium() -> None:
    assert "merchant_promotion" in ENVS
    env = gym.make("ecomstage/merchant_promotion-v1")
    obs, info = env.reset(seed=0)
    assert obs["stage"] == "perception"
    assert info["scenario"] == "merchant_promotion"
    with pytest.raises(gym.error.DeprecatedEnv, match="use `ecomstage/merchant_promotion-v1`"):
        gym.make("ecomstage/merchant_promotion-v0")


@pytest.mark.parametrize(
    "name", ["merchant_promotion", "merchant_promotion-v1", "ecomstage/merchant_promotion-v1"]
)
def test_make_accepts_short_names_and_ids(name: str) -> None:
    assert ecomstage.make(name).unwrapped.spec_data.name == "merchant_promotion"


def test_unknown_env_suggests_the_close_name() -> None:
    with pytest.raises(UnknownEnvError, match=r"Did you mean 'merchant_promotion'"):
        ecomstage.make("merchant_promotoin")
    with pytest.raises(UnknownEnvError):
        ecomstage.make("merchant_promotion-v7")


@pytest.mark.parametrize("name", ENVS)
def test_the_registered_spec_carries_metadata_without_building_an_env(name: str) -> None:
    meta = ecomstage.env_metadata(name)
    assert meta["family"] in ("scenario", "paper_task")
    assert meta["orientation"] in ("customer", "merchant", "both")
    assert meta["stages"] and set(meta["stages"]) <= {"perception", "planning", "action"}
    assert meta["cases"]["test"] == len(ecomstage.case_ids(name))
    env = ecomstage.make(name).unwrapped
    assert meta["orientation"] == env.spec_data.orientation.value
    assert meta["stages"] == [s.stage.value for s in env.spec_data.stages]


def test_register_a_user_scenario_folder(scenario_copy: Path) -> None:
    spec = scenario_copy / "spec.toml"
    spec.write_text(
        spec.read_text().replace('name = "merchant_promotion"', 'name = "my_shop_promos"')
    )
    cases = scenario_copy / "cases.jsonl"
    for line in cases.read_text().splitlines():
        assert json.loads(line)["scenario"] == "merchant_promotion"
    cases.write_text(
        cases.read_text().replace(
            '"scenario": "merchant_promotion"', '"scenario": "my_shop_promos"'
        )
    )
    gid = ecomstage.register(scenario_copy)
    assert gid == "ecomstage/my_shop_promos-v1"  # the version comes from the spec
    assert "my_shop_promos" in ecomstage.list_envs()
    obs, _ = ecomstage.make("my_shop_promos").reset(seed=1)
    assert obs["stage"] == "perception"


def test_register_rejects_a_bad_spec_with_file_and_field(scenario_copy: Path) -> None:
    spec = scenario_copy / "spec.toml"
    spec.write_text(spec.read_text().replace('orientation = "merchant"', 'orientation = "shopper"'))
    with pytest.raises(DataError, match=r"spec\.toml: field 'orientation'"):
        ecomstage.register(scenario_copy)


def _play_to_the_end(env: gym.Env[Any, Any]) -> dict[str, Any]:
    env.reset(seed=0)
    while True:
        *_, terminated, truncated, info = env.step("not an answer")
        if terminated or truncated:
            return info


@pytest.mark.parametrize("name", ENVS)
def test_standard_wrappers_work_around_every_env(name: str) -> None:
    base = ecomstage.make(name).unwrapped
    env = RecordEpisodeStatistics(TimeLimit(OrderEnforcing(PassiveEnvChecker(base)), 50))
    info = _play_to_the_end(env)
    assert set(info["episode"]) >= {"r", "l", "t"}  # Gymnasium's statistics
    assert info["episode_result"].total == pytest.approx(info["episode"]["r"])
    with pytest.raises(gym.error.ResetNeeded):
        OrderEnforcing(ecomstage.make(name).unwrapped).step("x")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_make_vec(mode: str) -> None:
    envs = gym.make_vec("ecomstage/merchant_promotion-v1", num_envs=2, vectorization_mode=mode)
    try:
        obs, _ = envs.reset(seed=0)
        assert list(obs["stage"]) == ["perception", "perception"]
        obs, reward, _, _, _ = envs.step(["{}", "not json"])
        assert list(obs["stage"]) == ["planning", "planning"]
        assert list(reward) == [0.0, 0.0]
    finally:
        envs.close()


@pytest.mark.parametrize("name", [n for n in ENVS if n != "merchant_promotion"])
def test_make_vec_over_every_env(name: str) -> None:
    envs = gym.make_vec(f"ecomstage/{name}", num_envs=2, vectorization_mode="sync")
    try:
        obs, _ = envs.reset(seed=0)
        _, _, terminated, _, _ = envs.step(["x", "y"])
        assert len(obs["stage"]) == 2 and terminated.shape == (2,)
    finally:
        envs.close()


def test_making_an_edited_copy_of_a_bundled_scenario_leaves_the_bundled_env_alone(
    scenario_copy: Path,
) -> None:
    first = json.loads((scenario_copy / "cases.jsonl").read_text("utf-8").splitlines()[0])
    with pytest.warns(UserWarning, match="instead of replacing it"):
        copy = ecomstage.make(str(scenario_copy))
    assert copy.spec is not None and copy.spec.id != "ecomstage/merchant_promotion-v1"
    bundled = ecomstage.make("merchant_promotion")
    assert bundled.spec is not None and bundled.spec.id == "ecomstage/merchant_promotion-v1"
    assert Path(bundled.spec.kwargs["scenario"]) != scenario_copy.resolve()
    assert first["case_id"] in ecomstage.case_ids("merchant_promotion")


def test_case_counts_survive_copies_of_a_spec_not_yet_read(scenario_copy: Path) -> None:
    # Counts are taken when the metadata is first read; a spec copied before that
    # (gym.make_vec deep-copies it, a process pool pickles it) still gives them.
    import copy
    import pickle

    gid = ecomstage.register(scenario_copy, name="counted_copy")
    text = (scenario_copy / "cases.jsonl").read_text("utf-8")
    expected = {"test": sum(1 for line in text.splitlines() if line.strip())}
    spec = gym.registry[gid]
    copies = [copy.deepcopy(spec), pickle.loads(pickle.dumps(spec))]
    for c in [*copies, spec]:
        assert c.metadata["cases"] == expected
    del gym.registry[gid]

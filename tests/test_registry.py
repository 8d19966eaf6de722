from __future__ import annotations

import json
from pathlib import Path

import gymnasium as gym
import pytest

import ecomstage
from ecomstage_env.errors import DataError, UnknownEnvError


def test_bundled_envs_are_listed_and_registered_with_gymnasium() -> None:
    assert "merchant_promotion" in ecomstage.list_envs()
    env = gym.make("ecomstage/merchant_promotion-v0")
    obs, info = env.reset(seed=0)
    assert obs["stage"] == "perception"
    assert info["scenario"] == "merchant_promotion"


@pytest.mark.parametrize(
    "name", ["merchant_promotion", "merchant_promotion-v0", "ecomstage/merchant_promotion-v0"]
)
def test_make_accepts_short_names_and_ids(name: str) -> None:
    assert ecomstage.make(name).unwrapped.spec_data.name == "merchant_promotion"


def test_unknown_env_suggests_the_close_name() -> None:
    with pytest.raises(UnknownEnvError, match=r"Did you mean 'merchant_promotion'\?"):
        ecomstage.make("merchant_promotoin")
    with pytest.raises(UnknownEnvError):
        ecomstage.make("merchant_promotion-v7")


def test_register_a_user_scenario_folder(scenario_copy: Path) -> None:
    spec = scenario_copy / "spec.toml"
    spec.write_text(
        spec.read_text().replace('name = "merchant_promotion"', 'name = "my_shop_promos"')
    )
    for line in (scenario_copy / "cases.jsonl").read_text().splitlines():
        assert json.loads(line)["scenario"] == "merchant_promotion"
    cases = scenario_copy / "cases.jsonl"
    cases.write_text(
        cases.read_text().replace(
            '"scenario": "merchant_promotion"', '"scenario": "my_shop_promos"'
        )
    )
    gid = ecomstage.register(scenario_copy)
    assert gid == "ecomstage/my_shop_promos-v0"  # the version comes from the spec
    assert "my_shop_promos" in ecomstage.list_envs()
    obs, _ = ecomstage.make("my_shop_promos").reset(seed=1)
    assert obs["stage"] == "perception"


def test_register_rejects_a_bad_spec_with_file_and_field(scenario_copy: Path) -> None:
    spec = scenario_copy / "spec.toml"
    spec.write_text(spec.read_text().replace('orientation = "merchant"', 'orientation = "shopper"'))
    with pytest.raises(DataError, match=r"spec\.toml: field 'orientation'"):
        ecomstage.register(scenario_copy)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_make_vec(mode: str) -> None:
    envs = gym.make_vec("ecomstage/merchant_promotion-v0", num_envs=2, vectorization_mode=mode)
    try:
        obs, _ = envs.reset(seed=0)
        assert list(obs["stage"]) == ["perception", "perception"]
        obs, reward, _, _, _ = envs.step(["{}", "not json"])
        assert list(obs["stage"]) == ["planning", "planning"]
        assert list(reward) == [0.0, 0.0]
    finally:
        envs.close()

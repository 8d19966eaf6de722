"""The bundled cases: enough of them, sound, and solvable by the oracle."""

from __future__ import annotations

from collections import Counter

import pytest

import ecomstage
from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.env import resolve_scenario
from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.runner import evaluate


@pytest.mark.parametrize("name", [n for n in ecomstage.list_envs() if n not in PAPER_TASKS])
def test_scenario_validates_and_oracle_scores_one_everywhere(name: str) -> None:
    assert validate_scenario(resolve_scenario(name)) == []
    results = evaluate(ecomstage.OracleAgent(), name)
    assert results and all(r.total == 1.0 for r in results)
    assert all(s.value == 1.0 for r in results for s in r.stage_scores.values())


def test_merchant_promotion_has_forty_varied_cases() -> None:
    scenario = ecomstage.load_scenario(resolve_scenario("merchant_promotion"))
    cases = scenario.split("test")
    assert len(cases) >= 40
    routes = Counter(c.gold[ecomstage.Stage.PLANNING]["route"] for c in cases)
    assert len(routes) >= 4
    codes = Counter(
        next(
            o.code
            for o in c.options["decision"]
            if o.id == c.gold[ecomstage.Stage.ACTION]["decision"]
        )
        for c in cases
    )
    assert len(codes) == 10, codes  # every policy decision appears
    assert max(codes.values()) <= len(cases) // 4


def test_baselines_sit_between_floor_and_oracle() -> None:
    keyword = evaluate(ecomstage.KeywordAgent(), "merchant_promotion")
    rnd = evaluate(ecomstage.RandomAgent(seed=0), "merchant_promotion")
    mean = lambda rs: sum(r.total for r in rs) / len(rs)  # noqa: E731
    assert 0.0 < mean(rnd) < 0.6
    assert 0.0 < mean(keyword) < 0.9
    assert evaluate(ecomstage.RandomAgent(seed=0), "merchant_promotion") == rnd  # seeded

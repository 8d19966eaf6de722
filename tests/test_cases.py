"""The bundled cases: enough of them, sound, solvable by the oracle, and not gameable."""

from __future__ import annotations

from collections import Counter

import pytest

import ecomstage
from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.env import resolve_scenario
from ecomstage_env.runner import evaluate

SCENARIOS = [n for n in ecomstage.list_envs() if ecomstage.env_metadata(n)["family"] == "scenario"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_validates_and_oracle_scores_one_everywhere(name: str) -> None:
    assert validate_scenario(resolve_scenario(name)) == []
    results = evaluate(ecomstage.OracleAgent(), name)
    assert results and all(r.total == 1.0 for r in results)
    assert all(s.value == 1.0 for r in results for s in r.stage_scores.values())


@pytest.mark.parametrize("name", ecomstage.list_envs())
def test_every_bundled_env_passes_the_shortcut_audit(name: str) -> None:
    report = audit(name)
    assert report.passed, "\n" + report.markdown()


def test_merchant_promotion_has_eighty_balanced_cases() -> None:
    scenario = ecomstage.load_scenario(resolve_scenario("merchant_promotion"))
    cases = scenario.split("test")
    assert len(cases) >= 80
    routes = Counter(c.gold[ecomstage.Stage.PLANNING]["route"] for c in cases)
    assert set(routes) == {"A", "C", "D"} and max(routes.values()) <= 0.5 * len(cases)
    codes = Counter(
        next(
            o.code
            for o in c.options["decision"]
            if o.id == c.gold[ecomstage.Stage.ACTION]["decision"]
        )
        for c in cases
    )
    assert len(codes) == 11, codes  # every policy decision appears
    assert max(codes.values()) <= len(cases) // 8


def test_baselines_sit_between_floor_and_oracle() -> None:
    keyword = evaluate(ecomstage.KeywordAgent(), "merchant_promotion")
    rnd = evaluate(ecomstage.RandomAgent(seed=0), "merchant_promotion")

    def mean(rs: list[ecomstage.EpisodeResult]) -> float:
        return sum(r.total for r in rs) / len(rs)

    assert 0.0 < mean(rnd) < 0.5
    assert 0.0 < mean(keyword) < 0.6
    assert evaluate(ecomstage.RandomAgent(seed=0), "merchant_promotion") == rnd  # seeded


def test_every_paper_route_is_the_gold_route_of_ten_merchant_cases() -> None:
    # The paper's scenario_route letters A-F are all merchant situations; together the
    # merchant scenarios that route give each letter at least 10 test cases.
    routes: Counter[str] = Counter()
    for name in ("merchant_promotion", "content_review", "merchant_account"):
        scenario = ecomstage.load_scenario(resolve_scenario(name))
        routes.update(c.gold[ecomstage.Stage.PLANNING]["route"] for c in scenario.split("test"))
    assert set(routes) == set("ABCDEF")
    assert min(routes.values()) >= 10, routes


@pytest.mark.parametrize(
    "name", ["merchant_promotion", "order_logistics", "service_quality", "merchant_account"]
)
def test_a_case_whose_annotation_departs_from_its_policy_is_reported(name: str) -> None:
    env = ecomstage.make(name).unwrapped
    scenario = ecomstage.load_scenario(resolve_scenario(name))
    case = env.cases[0]
    env.reset(options={"case_id": case.case_id})
    assert scenario.policy is not None and scenario.policy(env.world, case) == []
    bad = case.model_copy(deep=True)
    bad.gold[ecomstage.Stage.PLANNING]["lookups"] = []
    bad.grading.setdefault("action.reply", {})["false_claims"] = []
    problems = "\n".join(scenario.policy(env.world, bad))
    assert "gold.planning.lookups should be" in problems
    assert "false_claims should be" in problems

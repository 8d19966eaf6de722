"""merchant_promotion's train split: generated cases, apart from the test split, gold by policy."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import ecomstage
from ecomstage_env import Stage
from ecomstage_env.checks.validate import check_cases
from ecomstage_env.data.generate import (
    NEAR_DUPLICATE,
    dialogue_text,
    generate_cases,
    max_similarity,
    with_train_split,
)
from ecomstage_env.env import resolve_scenario

NAME = "merchant_promotion"
FOLDER = resolve_scenario(NAME)
pytestmark = pytest.mark.filterwarnings("ignore:.*is the env in:UserWarning")


def _code(case: Any) -> str:
    gold = case.gold[Stage.ACTION]["decision"]
    return str(next(o.code for o in case.options["decision"] if o.id == gold))


@pytest.fixture(scope="module")
def train_env() -> Any:
    return ecomstage.make(NAME, split="train").unwrapped


def test_the_train_split_is_generated_and_apart_from_test(train_env: Any) -> None:
    train = train_env.cases
    test = train_env.scenario.split("test")
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert len({c.case_id for c in train}) == 256
    assert not {c.case_id for c in train} & {c.case_id for c in test}
    worst = max_similarity([dialogue_text(c) for c in train], [dialogue_text(c) for c in test])
    assert worst < NEAR_DUPLICATE
    # Nor do generated dialogues repeat each other.
    texts = [dialogue_text(c) for c in train]
    assert len(set(texts)) == len(texts)


def test_every_decision_route_and_menu_group_occurs_about_evenly(train_env: Any) -> None:
    train = train_env.cases
    decisions = Counter(_code(c) for c in train)
    assert set(decisions) == set(train_env.scenario.spec.stages[2].fields[0].catalogue)
    assert min(decisions.values()) >= 10 and max(decisions.values()) <= 45
    routes = Counter(c.gold[Stage.PLANNING]["route"] for c in train)
    assert set(routes) == {"A", "C", "D"} and min(routes.values()) >= 256 // 5
    metrics = Counter(c.gold[Stage.PERCEPTION]["entities"]["metric"] for c in train)
    assert len(metrics) >= 6
    consent = Counter(bool(c.world_refs["consent_to_spend_more"]) for c in train)
    assert consent[True] >= 40 and consent[False] >= 40


def test_a_sample_passes_the_curated_cases_checks() -> None:
    """Policy agreement, no echoed point, and the oracle scoring 1.0 on every stage."""
    scenario = with_train_split(ecomstage.load_scenario(FOLDER), 30, seed=5)
    assert check_cases(scenario, split="train") == []


def test_the_seed_fixes_the_cases() -> None:
    scenario = ecomstage.load_scenario(FOLDER)
    a = [p.case for p in generate_cases(scenario, 4, seed=11)]
    b = [p.case for p in generate_cases(scenario, 4, seed=11)]
    c = [p.case for p in generate_cases(scenario, 4, seed=12)]
    assert a == b
    assert [dialogue_text(x) for x in a] != [dialogue_text(x) for x in c]


def test_no_dialogue_names_the_gold_route_metric_or_decision(train_env: Any) -> None:
    for case in train_env.cases[:120]:
        text = dialogue_text(case).lower()
        assert "route" not in text and "scenario " not in text
        assert _code(case) not in text  # e.g. "raise_bid", "explain_unspent"
        assert case.world_refs["campaign_id"].lower() not in text  # the id must be looked up


def test_episodes_play_generated_cases_end_to_end(train_env: Any) -> None:
    env = ecomstage.make(NAME, split="train", train_size=8)
    for seed in range(3):
        result = ecomstage.run_episode(env, ecomstage.OracleAgent(), seed=seed)
        assert result.total == pytest.approx(1.0)
        assert result.case_id.startswith(f"{NAME}-train-0-")

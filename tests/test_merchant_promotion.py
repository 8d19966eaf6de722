"""merchant_promotion's train split: generated cases, apart from the test split, gold by policy."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

import ecomstage
from ecomstage_env import Stage
from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.shortcuts import LabelModel
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


def _bayes_score(env: Any, stage: Stage, name: str, alpha: float, n: int = 200) -> float:
    """Leave-one-out naive Bayes on the whole conversation (the audit's model) over ``n`` cases."""
    spec = next(s for s in env.spec_data.stages if s.stage == stage)
    f = next(x for x in spec.fields if x.name == name)
    model = LabelModel().fit(f, spec, env.cases)
    cases = env.cases[:n]
    return sum(model.bayes(f, c, alpha=alpha) == str(c.gold[stage][name]) for c in cases) / len(
        cases
    )


@pytest.mark.parametrize("alpha", [1.0, 0.1])
def test_words_alone_do_not_give_the_route_or_the_decision_away(
    train_env: Any, alpha: float
) -> None:
    """Bag-of-words stays under the audit's limit (chance + 15 points) on route and decision.

    Every case speaks of the other topics too (remarked on, or set aside in the clauses
    other cases ask with), so topic words carry no label; a label must come from which
    topic is asked about, and from the world.
    """
    route = _bayes_score(train_env, Stage.PLANNING, "route", alpha)
    decision = _bayes_score(train_env, Stage.ACTION, "decision", alpha)
    assert route <= 1 / 3 + 0.15 - 0.02  # three routes, chance 1/3; 2 points of margin
    assert decision <= 0.25 + 0.15 - 0.02  # menus of four, chance 1/4


SET_ASIDE_REVIEW = re.compile(
    r"(not asking (whether|if)|question isn't whether|not about whether|"
    r"don't need to know whether)[^.?!()]*(review|审核|ad check)"
)


def test_a_review_worry_set_aside_does_not_take_the_route_or_the_metric() -> None:
    """ "I'm not asking whether it failed review" beside a pace or results request.

    The clause is the one review requests are made of, but set aside it is not the
    request: the route stays with the pace or results question, and the metric is not
    review_status.
    """
    scenario = ecomstage.load_scenario(FOLDER)
    seen = 0
    for p in generate_cases(scenario, 80, seed=3):
        case = p.case
        *_, last = (t.text for t in case.dialogue if t.role == "merchant")
        if SET_ASIDE_REVIEW.search(last.lower()) and "concern review_" not in case.annotation.notes:
            seen += 1
            assert case.gold[Stage.PLANNING]["route"] in ("C", "D")
            assert case.gold[Stage.PERCEPTION]["entities"]["metric"] != "review_status"
    assert seen >= 10


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_train_split_passes_the_shortcut_audit(seed: int) -> None:
    report = audit(NAME, split="train", limit=200, train_seed=seed)
    assert report.passed, report.failures

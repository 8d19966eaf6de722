"""Every bundled env has a train split, and it never shares a case with the test split."""

from __future__ import annotations

import gymnasium as gym
import pytest

import ecomstage
from ecomstage_env.data.generate import NEAR_DUPLICATE, dialogue_text, jaccard, shingles
from ecomstage_env.data.loader import builtin_scenario_dirs

BUNDLED = sorted({d.name for d in builtin_scenario_dirs()} | set(ecomstage.PAPER_TASKS))


def test_every_bundled_env_is_listed() -> None:
    assert set(BUNDLED) <= set(ecomstage.list_envs()) and len(BUNDLED) == 14


@pytest.mark.parametrize("name", BUNDLED)
def test_train_split_exists_and_never_meets_test(name: str) -> None:
    meta = gym.spec(ecomstage.env_id(name)).metadata  # type: ignore[attr-defined]
    assert meta["generator"] is True
    env = ecomstage.make(name, split="train", train_size=24).unwrapped
    train = list(env.cases)
    assert len(train) == 24 and {c.split for c in train} == {"train"}
    test_ids = set(ecomstage.case_ids(name))
    assert test_ids and not test_ids & {c.case_id for c in train}
    assert ecomstage.case_ids(name, split="train", train_size=24) == [c.case_id for c in train]
    # No generated dialogue is a near-duplicate of a test dialogue.
    tests = [shingles(dialogue_text(c)) for c in ecomstage.make(name).unwrapped.cases]
    for case in train:
        grams = shingles(dialogue_text(case))
        assert max(jaccard(grams, t) for t in tests) < NEAR_DUPLICATE, case.case_id
    # The train cases play: the oracle scores 1.0 on one of them.
    result = ecomstage.run_episode(
        ecomstage.make(name, split="train", train_size=24), ecomstage.OracleAgent(), seed=5
    )
    assert result.total == pytest.approx(1.0)


# The other envs hold this test in their own files (test_paper_train, test_after_sales,
# test_content_review, test_merchant_promotion, test_service_quality).
@pytest.mark.slow
@pytest.mark.parametrize("name", ["merchant_account", "order_logistics", "presale_inquiry"])
def test_the_shortcut_audit_passes_on_the_train_split(name: str) -> None:
    from ecomstage_env.checks.audit import audit

    report = audit(name, split="train", limit=200, train_seed=0)
    assert report.passed, report.markdown()

"""Statistics: intervals that cover, pass^k by hand, macro averages, error propagation."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from ecomstage_env.report.aggregate import macro_ci
from ecomstage_env.scoring.stats import bootstrap_ci, pass_hat_k, propagation


def test_bootstrap_interval_covers_the_true_mean_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(123)
    true_p, n, runs = 0.7, 60, 300
    hits = 0
    for i in range(runs):
        sample = (rng.random(n) < true_p).astype(float)  # pass/fail scores, true mean 0.7
        ci = bootstrap_ci(sample, seed=i, resamples=1000)
        hits += ci.low <= true_p <= ci.high
    coverage = hits / runs
    assert 0.90 <= coverage <= 0.985, coverage  # nominal 0.95; percentile bootstrap runs a bit low


def test_bootstrap_is_seeded_and_degenerate_samples_collapse() -> None:
    x = np.random.default_rng(0).random(40).tolist()
    assert bootstrap_ci(x, seed=4) == bootstrap_ci(x, seed=4)
    assert bootstrap_ci(x, seed=4) != bootstrap_ci(x, seed=5)
    one = bootstrap_ci([0.4])
    assert (one.mean, one.low, one.high, one.n) == (0.4, 0.4, 0.4, 1)
    same = bootstrap_ci([1.0, 1.0, 1.0])
    assert same.low == same.high == 1.0
    assert np.isnan(bootstrap_ci([]).mean)


@pytest.mark.parametrize(
    ("c", "n", "k", "expected"),
    [
        (3, 4, 1, 3 / 4),
        (3, 4, 2, 3 / 6),  # C(3,2)=3 of C(4,2)=6 pairs all succeed
        (3, 4, 3, 1 / 4),
        (3, 4, 4, 0.0),
        (4, 4, 4, 1.0),
        (0, 5, 1, 0.0),
        (5, 8, 3, 10 / 56),
    ],
)
def test_pass_hat_k_matches_hand_computation(c: int, n: int, k: int, expected: float) -> None:
    assert pass_hat_k(c, n, k) == pytest.approx(expected)
    assert pass_hat_k(c, n, k) == pytest.approx(comb(c, k) / comb(n, k))


def test_pass_hat_k_rejects_impossible_arguments() -> None:
    with pytest.raises(ValueError):
        pass_hat_k(2, 3, 4)
    with pytest.raises(ValueError):
        pass_hat_k(5, 3, 1)


def test_macro_ci_weighs_each_group_equally() -> None:
    big, small = [1.0] * 90, [0.0] * 10
    ci = macro_ci([big, small], seed=0)
    assert ci.mean == pytest.approx(0.5)  # not the pooled 0.9
    assert ci.n == 100


def test_propagation_counts_failures_the_gold_context_removes() -> None:
    agent = {
        "a": {"perception": 0.0, "planning": 1.0, "action": 0.0},  # fails; fixed by gold
        "b": {"perception": 1.0, "planning": 1.0, "action": 0.2},  # fails in both
        "c": {"perception": 1.0, "planning": 0.0, "action": 0.0},  # fails; fixed by gold
        "d": {"perception": 1.0, "planning": 1.0, "action": 1.0},
    }
    gold = {
        "a": {"perception": 1.0, "planning": 1.0, "action": 1.0},
        "b": {"perception": 1.0, "planning": 1.0, "action": 0.3},
        "c": {"perception": 1.0, "planning": 1.0, "action": 0.8},
        "d": {"perception": 1.0, "planning": 1.0, "action": 1.0},
    }
    p = propagation(agent, gold)
    assert p.action_failures == 3 and p.explained == 2
    assert p.explained_share == pytest.approx(2 / 3)
    assert p.cooccurring_share == pytest.approx(2 / 3)  # a and c had an upstream failure
    assert p.action_agent == pytest.approx(0.3) and p.action_gold == pytest.approx(0.775)
    assert p.gap == pytest.approx(0.475)
    alone = propagation(agent)
    assert alone.explained is None and alone.cooccurring_share == pytest.approx(2 / 3)

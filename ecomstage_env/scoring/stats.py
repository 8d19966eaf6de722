"""Statistics over episode scores: bootstrap intervals, pass^k, error propagation.

Everything here is a pure function of its inputs and a seed: no global RNG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import comb
from statistics import fmean

import numpy as np

__all__ = [
    "Interval",
    "Propagation",
    "bootstrap_ci",
    "pass_hat_k",
    "propagation",
]


@dataclass(frozen=True)
class Interval:
    """A mean with its confidence interval.

    Attributes:
        mean: The sample mean.
        low: Lower bound.
        high: Upper bound.
        n: Sample size.
    """

    mean: float
    low: float
    high: float
    n: int

    def scaled(self, factor: float = 100.0) -> Interval:
        """The same interval multiplied by ``factor`` (scores are shown x100)."""
        return Interval(self.mean * factor, self.low * factor, self.high * factor, self.n)

    def __str__(self) -> str:
        return f"{self.mean:.1f} [{self.low:.1f}, {self.high:.1f}]"


def bootstrap_ci(
    values: Sequence[float],
    *,
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> Interval:
    """Percentile bootstrap confidence interval of the mean.

    Args:
        values: Per-episode scores.
        confidence: Coverage of the interval.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling (same inputs and seed, same interval).

    Returns:
        The interval; for one value (or none) the bounds equal the mean.
    """
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return Interval(float("nan"), float("nan"), float("nan"), 0)
    mean = float(x.mean())
    if x.size == 1 or np.all(x == x[0]):
        return Interval(mean, mean, mean, int(x.size))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(resamples, x.size))
    means = x[idx].mean(axis=1)
    alpha = (1.0 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return Interval(mean, float(low), float(high), int(x.size))


def pass_hat_k(successes: int, trials: int, k: int) -> float:
    """pass^k of one task: the chance that k trials drawn from n all succeed.

    ``C(c, k) / C(n, k)`` with ``c`` successes in ``n`` trials (tau-bench's estimator).

    Raises:
        ValueError: ``k`` outside ``1..n`` or ``c`` outside ``0..n``.
    """
    if not 1 <= k <= trials:
        raise ValueError(f"k must be in 1..{trials}, not {k}")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be in 0..{trials}")
    return comb(successes, k) / comb(trials, k)


@dataclass(frozen=True)
class Propagation:
    """How much of the Action stage's failures come from earlier stages.

    Attributes:
        action_agent: Mean Action score with the agent's own earlier answers.
        action_gold: Mean Action score with the gold earlier answers (same cases).
        gap: ``action_gold - action_agent``: what upstream errors cost Action.
        action_failures: Cases whose Action failed in agent context.
        explained: Of those, the cases whose Action did not fail in gold context
            (failures that the gold upstream answers remove).
        explained_share: ``explained / action_failures`` (None without failures).
        cooccurring_share: Share of agent-context Action failures in episodes where an
            earlier stage failed too (needs no gold run).
        cases: Cases compared.
    """

    action_agent: float
    action_gold: float | None
    gap: float | None
    action_failures: int
    explained: int | None
    explained_share: float | None
    cooccurring_share: float | None
    cases: int


def propagation(
    agent_runs: dict[str, dict[str, float]],
    gold_runs: dict[str, dict[str, float]] | None = None,
    *,
    threshold: float = 0.5,
    last: str = "action",
) -> Propagation:
    """Compare stage scores of the same agent in agent and gold context.

    Args:
        agent_runs: ``case_id -> {stage: score}`` played in agent context.
        gold_runs: The same in gold context (cases missing here are left out of the
            counterfactual figures).
        threshold: A stage *fails* when its score is below this.
        last: The stage whose failures are explained (``action``).

    Returns:
        The comparison.
    """
    cases = sorted(c for c in agent_runs if last in agent_runs[c])
    failed = [c for c in cases if agent_runs[c][last] < threshold]
    upstream = [
        c for c in failed if any(v < threshold for s, v in agent_runs[c].items() if s != last)
    ]
    act_agent = fmean(agent_runs[c][last] for c in cases) if cases else float("nan")
    if not gold_runs:
        return Propagation(
            act_agent,
            None,
            None,
            len(failed),
            None,
            None,
            len(upstream) / len(failed) if failed else None,
            len(cases),
        )
    both = [c for c in cases if c in gold_runs and last in gold_runs[c]]
    act_a = fmean(agent_runs[c][last] for c in both) if both else float("nan")
    act_g = fmean(gold_runs[c][last] for c in both) if both else float("nan")
    failed_both = [c for c in failed if c in gold_runs and last in gold_runs[c]]
    explained = [c for c in failed_both if gold_runs[c][last] >= threshold]
    return Propagation(
        act_a,
        act_g,
        act_g - act_a,
        len(failed_both),
        len(explained),
        len(explained) / len(failed_both) if failed_both else None,
        len(upstream) / len(failed) if failed else None,
        len(both),
    )

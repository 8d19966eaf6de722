"""What a policy-aware agent that reads only the world can score when the request is blind.

The audit's ``world_only`` rows learn the label from what the lookups return; on a label
the scenario's policy decides they are gated against this floor (``policy_floor``, see
``ecomstage_env/checks/floor.py``, which computes it: this script prints its figures). The
blind policy agent knows the scenario's policy perfectly, looks up the case's own world,
but never reads a word of the customer. It cannot know the request, so it applies the
policy (``policy.decide(state, refs)``) to the case's world with every request the other
cases make (their request refs: after_sales' issue and wants, order_logistics' request
with its consent, new address and fee flags), each weighted by how often it occurs
there, and answers the option that most of those requests make right (the decision, or
a second decision the policy also accepts), among the case's menu.

Two figures per field. *Request independent of the world*: the pick's share of the
votes, averaged over the cases (95% interval over the cases): what that agent is
expected to score on data whose requests are drawn independently of the worlds, the
best any world-only agent can do there (the request's distribution learnt from the other
cases); the audit gates ``world_only`` at max(chance, this) + 15. *On the cases as they
are*: the pick graded against the gold (95% Wilson interval); above the first figure
when the cases' requests follow their worlds. Also printed: how often the policy on the
case's own refs gives the gold (a check of the replay: 100%), and the share of (case,
request) pairs the policy cannot take (no vote).

    PYTHONPATH=. python benchmarks/world_only_reference.py [ENV ...]

Default: every bundled env whose policy decides a label (after_sales, content_review,
merchant_account, merchant_promotion, order_logistics, service_quality).
"""

from __future__ import annotations

import math
import sys
from typing import Any

import ecomstage
from ecomstage_env.checks.audit import _label_chance
from ecomstage_env.checks.floor import policy_floors
from ecomstage_env.env import StagedEnv
from ecomstage_env.stages import Stage

ENVS = (
    "after_sales",
    "content_review",
    "merchant_account",
    "merchant_promotion",
    "order_logistics",
    "service_quality",
)
"""The bundled envs whose policy decides a label (``policy_floors`` finds one field each)."""


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def reference(name: str) -> list[dict[str, Any]]:
    """The blind-request reference of each field of one env the policy decides."""
    env = ecomstage.make(name).unwrapped
    assert isinstance(env, StagedEnv)
    out = []
    for key, fl in policy_floors(env).items():
        stage_name, field = key.split(".", 1)
        stage = env.spec_data.stage(Stage(stage_name))
        spec = next(f for f in stage.fields if f.name == field)
        n = len(fl.shares)
        chance = _label_chance(env.cases, stage, spec, env)
        lo, hi = wilson(round(fl.on_cases * n), n)
        sd = math.sqrt(sum((x - fl.floor) ** 2 for x in fl.shares) / max(1, n - 1))
        half = 1.96 * sd / math.sqrt(n)
        out.append(
            {
                "blind": fl.floor,
                "blind_ci": (fl.floor - half, fl.floor + half),
                "unfit_requests": fl.unfit,
                "env": name,
                "field": key,
                "cases": n,
                "reference": fl.on_cases,
                "ci": (lo, hi),
                "chance": chance,
                "limit": max(chance, fl.floor) + 0.15,
                "policy_on_own_refs": fl.own_refs,
            }
        )
    return out


def main() -> None:
    """Print the reference of each env named (default: :data:`ENVS`)."""
    for name in sys.argv[1:] or ENVS:
        for r in reference(name):
            lo, hi = r["ci"]
            blo, bhi = r["blind_ci"]
            print(
                f"{r['env']} {r['field']} ({r['cases']} cases; chance {100 * r['chance']:.1f}, "
                f"world_only limit {100 * r['limit']:.1f}):\n"
                f"  request independent of the world (expected, the floor): "
                f"{100 * r['blind']:.1f} (95% CI {100 * blo:.1f}-{100 * bhi:.1f})\n"
                f"  on the cases as they are: {100 * r['reference']:.1f} "
                f"(95% CI {100 * lo:.1f}-{100 * hi:.1f})\n"
                f"  policy on the case's own refs (check): "
                f"{100 * r['policy_on_own_refs']:.1f}; "
                f"requests the world cannot take: {100 * r['unfit_requests']:.1f}%"
            )


if __name__ == "__main__":
    main()

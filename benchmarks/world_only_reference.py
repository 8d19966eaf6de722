"""What a policy-aware agent that reads only the world can score when the request is blind.

The audit's ``world_only`` rows learn the label from what the lookups return. This is the
reference for them: an agent that knows the scenario's policy perfectly, looks up the
case's own world, but never reads a word of the customer. It cannot know the request,
so it applies the policy (``policy.decide(state, refs)``) to the case's world with every
request the other cases make (their non-id ``world_refs``: after_sales' issue and wants,
order_logistics' request with its consent, new address and fee flags), each weighted by
how often it occurs there, and answers the plurality outcome.

Two figures per env. *Request independent of the world*: the plurality outcome's share of
the votes, averaged over the cases (95% interval over the cases): what that agent is
expected to score on data whose requests are drawn independently of the worlds, the
best any world-only agent can do there (the request's distribution learnt from the other
cases). If it is near the audit's label limit (chance + 15), no natural data set passes
the ``world_only`` row. *On the cases as they are*: the plurality among the case's menu
options graded against the gold (95% Wilson interval); above the first figure when the
cases' requests follow their worlds. Also printed: how often the policy on the case's own
refs gives the gold (a check of the replay: 100%), and the share of (case, request) pairs
the policy cannot take (no vote).

    PYTHONPATH=. python benchmarks/world_only_reference.py [after_sales order_logistics]
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from typing import Any

import ecomstage
from ecomstage_env.checks.audit import _label_chance
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case
from ecomstage_env.env import StagedEnv
from ecomstage_env.stages import Stage

FIELDS = {"after_sales": "resolution", "order_logistics": "decision"}
"""The Action label each env's reference predicts."""


def _is_id(key: str) -> bool:
    """Refs naming world objects (kept from the case itself); the rest is the request."""
    return key.endswith("_id") or key == "sku"


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _code_of(case: Case, field: str, label: str) -> str:
    """A menu option's code (the policy's decision), or the label itself."""
    options = case.options.get(field, [])
    return next((o.code for o in options if o.id == label), label)


def reference(name: str) -> dict[str, Any]:
    """The blind-request reference of one env (see the module doc)."""
    env = ecomstage.make(name).unwrapped
    assert isinstance(env, StagedEnv)
    scenario = env.scenario
    policy = import_from_folder(scenario.folder, "policy")
    field = FIELDS[name]
    stage = env.spec_data.stage(Stage.ACTION)
    spec = next(f for f in stage.fields if f.name == field)
    world_cls = scenario.world_cls
    assert world_cls is not None
    requests = {
        c.case_id: tuple(sorted((k, repr(v)) for k, v in c.world_refs.items() if not _is_id(k)))
        for c in env.cases
    }
    raw = {c.case_id: {k: v for k, v in c.world_refs.items() if not _is_id(k)} for c in env.cases}
    hits = own_hits = failed = 0
    shares: list[float] = []
    for case in env.cases:
        gold_label = str(case.gold[Stage.ACTION][field])
        params = scenario.grading(case, Stage.ACTION, field)
        right = {gold_label, *map(str, getattr(params, "accept", []))}
        right_codes = {_code_of(case, field, lab) for lab in right}
        menu = (
            [o.code for o in case.options.get(field, [])]
            if spec.labels_from == "options"
            else list(spec.labels)
        )
        ids = {k: v for k, v in case.world_refs.items() if _is_id(k)}

        def decide(request: dict[str, Any], case: Case = case, ids: dict[str, Any] = ids) -> str:
            state = world_cls.episode_state(scenario.states[case.case_id])
            try:
                return str(policy.decide(state, {**ids, **request}).decision)
            except Exception:  # a request this world cannot take (no such item): no vote
                return ""

        own_hits += decide(raw[case.case_id]) in right_codes
        others = Counter(requests[c.case_id] for c in env.cases if c.case_id != case.case_id)
        example = {requests[c.case_id]: raw[c.case_id] for c in env.cases}
        votes: Counter[str] = Counter()
        for key, n in others.items():
            votes[decide(example[key])] += n
        failed += votes.pop("", 0)
        ranked = [code for code, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        pick = next((code for code in ranked if code in menu), menu[0] if menu else "")
        hits += pick in right_codes
        shares.append(votes[ranked[0]] / sum(votes.values()) if votes else 0.0)
    n = len(env.cases)
    chance = _label_chance(env.cases, stage, spec, env)
    lo, hi = wilson(hits, n)
    mean = sum(shares) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in shares) / max(1, n - 1))
    return {
        "blind": mean,
        "blind_ci": (mean - 1.96 * sd / math.sqrt(n), mean + 1.96 * sd / math.sqrt(n)),
        "unfit_requests": failed / max(1, n * (n - 1)),
        "env": name,
        "field": f"action.{field}",
        "cases": n,
        "reference": hits / n,
        "ci": (lo, hi),
        "chance": chance,
        "limit": chance + 0.15,
        "policy_on_own_refs": own_hits / n,
    }


def main() -> None:
    """Print the reference of each env named (default: after_sales and order_logistics)."""
    for name in sys.argv[1:] or list(FIELDS):
        r = reference(name)
        lo, hi = r["ci"]
        blo, bhi = r["blind_ci"]
        print(
            f"{r['env']} {r['field']} ({r['cases']} cases; chance {100 * r['chance']:.1f}, "
            f"audit limit {100 * r['limit']:.1f}):\n"
            f"  request independent of the world (expected): {100 * r['blind']:.1f} "
            f"(95% CI {100 * blo:.1f}-{100 * bhi:.1f})\n"
            f"  on the cases as they are: {100 * r['reference']:.1f} "
            f"(95% CI {100 * lo:.1f}-{100 * hi:.1f})\n"
            f"  policy on the case's own refs (check): {100 * r['policy_on_own_refs']:.1f}; "
            f"requests the world cannot take: {100 * r['unfit_requests']:.1f}%"
        )


if __name__ == "__main__":
    main()

"""The support policy of ``merchant_promotion``: the rules that decide every case's gold.

:func:`decide` applies the policy to one campaign of a case's world and derives, from
the world alone, the decision, the facts the decision needs (what the Planning lookups
must reveal), a set of calls that reveals them, the writes that carry the decision
out with the accepted range of every value that matters, and the facts the reply must
state. :func:`check_case` compares an annotated case with it; the validator runs it on
every case, and the oracle replaying the gold must score 1.0.

Rules, first match wins (each threshold is stated in a help-centre article, KB-11):

1. rejected in review -> ``revise_creative``;
2. finished with budget left -> ``explain_unspent``;
3. an incident still under investigation -> ``escalate`` (a specialist ticket);
4. resolved incidents still owe money -> ``refund_fault`` (exactly what is owed);
5. not active -> ``no_change``;
6. the daily budget runs out before 15:00 with ROI at or above the category's ->
   ``raise_budget`` (x1.2 to x3) if the merchant asked for or agreed to spend more,
   else ``suggest_budget`` (recommend it, change nothing);
7. a bid below the suggested range with under 60% of the week's budget spent ->
   ``raise_bid`` (into the range);
8. an audience under 300,000 with under 60% spent -> ``broaden_targeting`` (to at
   least 300,000, interests that fit the category);
9. CTR at least 80% of the category's but CVR under 60% of it, on an audience over
   3,000,000 -> ``narrow_targeting`` (to 300,000-3,000,000, fitting interests);
10. ROI under 1 with at least 60% of the budget spent -> ``pause_campaign``;
11. otherwise -> ``no_change``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems, writes_act
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points

from .world import PromotionState, PromotionWorld, audience_size, interests_by_tag, rates

__all__ = [
    "CLAIM_KINDS",
    "DECISIONS",
    "EARLY_EXHAUSTION",
    "MENUS",
    "PolicyGold",
    "act",
    "acted_writes",
    "check_case",
    "decide",
    "false_claims",
    "reply_points",
]

DECISIONS: dict[str, str] = {
    "raise_bid": "Raise the cost-per-click bid.",
    "raise_budget": "Raise the daily budget.",
    "suggest_budget": "Suggest a budget increase only.",
    "broaden_targeting": "Widen the target audience.",
    "narrow_targeting": "Narrow the target audience.",
    "pause_campaign": "Pause the whole campaign.",
    "refund_fault": "Refund the affected spend.",
    "escalate": "Escalate to a specialist.",
    "revise_creative": "Explain the review rejection.",
    "explain_unspent": "Explain the unspent budget.",
    "no_change": "Keep the settings unchanged.",
}
"""The decision catalogue: one neutral, length-matched line per policy code. Every
case's menu draws from it word for word (the spec repeats it as the field's catalogue)."""

MENUS: tuple[tuple[str, ...], ...] = (
    ("raise_bid", "raise_budget", "suggest_budget", "broaden_targeting"),
    ("narrow_targeting", "pause_campaign", "no_change", "refund_fault"),
    ("refund_fault", "escalate", "explain_unspent", "revise_creative"),
)
"""The menus a case shows: the policy's decision with the three others of its group,
options a careless agent confuses in that kind of situation (delivery; results;
faults and account). Every member of a group is the gold of about as many cases, so the
menu tells which group a case is in, not which option is right. ``refund_fault`` belongs
to two groups; a case's id picks one."""

EARLY_EXHAUSTION = "15:00"
SPENT_SHARE = 0.6
SMALL_AUDIENCE = 300_000
BROAD_AUDIENCE = 3_000_000
CTR_SHARE, CVR_SHARE = 0.8, 0.6


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case.

    Attributes:
        decision: A code of :data:`DECISIONS`.
        why: The rule that fired, in words.
        facts: Facts the decision needs (graded by ``facts_revealed``).
        lookups: One set of calls that reveals them, in order (the oracle's plan).
        writes: Calls that carry the decision out (:func:`acted_writes` of it;
            representative values).
        accept: Accepted range per outcome key where the policy allows a range.
        points: Facts the reply must state, checkable against the world.
        false_claims: Kinds of change the reply must not claim (:func:`false_claims`).
    """

    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall] = field(default_factory=list)
    accept: dict[str, tuple[float, float]] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)


def _money(x: float) -> float:
    return round(x, 2)


_RAISED = ["raised", "increased", "raise", "increase", "bumped", "higher", "upped"]
_CHANGED_NOTHING = [
    "no changes",
    "not changed",
    "haven't changed",
    "have not changed",
    "left unchanged",
    "unchanged",
    "leave it as",
    "left it as",
    "no change",
    "kept",
    "keep",
]
_NO_FAULT = [
    "no platform fault",
    "no fault",
    "no platform incident",
    "no incident",
    "no incidents",
    "no outage",
    "no outages",
    "no glitch",
    "no platform issue",
    "no platform error",
    "no technical issue",
    "no technical problem",
    "no technical fault",
    "no issue on our side",
    "no problem on our side",
    "no fault on our side",
    "nothing wrong on our side",
    "nothing on our side is broken",
    "nothing is broken",
    "nothing broken",
    "working normally",
    "running normally",
    "delivering normally",
    "working as it should",
    "no error",
    "no billing error",
    "no known issue",
]

CLAIM_KINDS = ("bid", "budget", "targeting", "pause", "refund", "escalate")
"""The changes a reply can claim support made; their phrasings are the reply field's
``claims`` in ``spec.toml``. A reply that claims a change the policy did not make scores 0
(so one text that claims every action at once - raised the bid, paused, refunded,
escalated - earns nothing)."""

_ACTION_OF = {
    "raise_bid": "bid",
    "raise_budget": "budget",
    "broaden_targeting": "targeting",
    "narrow_targeting": "targeting",
    "pause_campaign": "pause",
    "refund_fault": "refund",
    "escalate": "escalate",
}


def false_claims(decision: str) -> list[str]:
    """The kinds of change (:data:`CLAIM_KINDS`) a reply must not claim.

    Every kind but the change ``decision`` makes.
    """
    own = _ACTION_OF.get(decision)
    return [kind for kind in CLAIM_KINDS if kind != own]


def decide(state: PromotionState, refs: dict[str, Any]) -> PolicyGold:
    """Apply the support policy to the campaign a case is about.

    Args:
        state: The case's world.
        refs: The case's ``world_refs``: ``merchant_id``, ``campaign_id`` and
            ``consent_to_spend_more`` (whether the merchant asked for or agreed to more
            spend in the conversation).

    Returns:
        The policy's gold.

    Raises:
        KeyError: The campaign or its benchmark is not in the world.
    """
    gold = _decide(state, refs)
    return replace(
        gold,
        writes=acted_writes(state, refs, gold.decision),
        false_claims=false_claims(gold.decision),
    )


def _decide(state: PromotionState, refs: dict[str, Any]) -> PolicyGold:
    world = PromotionWorld(state, refs=refs)
    cid = str(refs["campaign_id"])
    c = world.campaign(cid)
    arg = {"campaign_id": cid}
    get = ToolCall(name="get_campaign", arguments=arg)
    metrics = ToolCall(name="get_campaign_metrics", arguments=arg)
    incidents = ToolCall(name="get_incidents", arguments=arg)
    bench_call = ToolCall(name="get_category_benchmark", arguments={"category": c.category})

    def fact(name: str) -> str:
        return f"{cid}:{name}"

    bench_fact = f"benchmark:{c.category}"

    if c.status == "rejected":
        rule = world.rule(c.rejection_code)
        return PolicyGold(
            "revise_creative",
            f"rejected in review: {rule.title}",
            [fact("status"), fact("review")],
            [get],
            points=[
                Point(any=rule.phrases, anchor=True, note=f"names the rule broken: {rule.title}"),
                Point(
                    any=["resubmit", "re-submit", "submit it again", "submit again", "new version"],
                    note="the creative can be fixed and resubmitted",
                ),
            ],
        )
    if c.status == "completed" and (c.total_budget or 0) - c.total_spent > 0:
        left = _money((c.total_budget or 0) - c.total_spent)
        return PolicyGold(
            "explain_unspent",
            f"finished with {left:.2f} yuan unspent",
            [fact("status"), fact("lifetime")],
            [get],
            points=[
                Point(figure=left, note=f"the unspent amount, {left:.2f}"),
                Point(
                    any=["balance", "ad balance", "account balance", "ad account"],
                    note="it goes back to the ad balance",
                ),
            ],
        )
    own = [i for i in state.incidents if i.campaign_id == cid]
    open_ = [i for i in own if i.status == "investigating"]
    base_facts = [fact("status"), fact("incidents")]
    if open_:
        return PolicyGold(
            "escalate",
            f"incident {open_[0].incident_id} still under investigation",
            base_facts,
            [get, incidents],
            points=[
                Point(
                    any=["specialist", "escalated", "escalate", "ticket", "expert"],
                    note="a specialist takes the case",
                ),
                Point(figure=24, note="they reply within 24 hours"),
            ],
        )
    owed = world.owed(cid)
    if owed > 0:
        return PolicyGold(
            "refund_fault",
            f"resolved incidents owe {owed:.2f} yuan",
            base_facts,
            [get, incidents],
            accept={f"{cid}.refunded": (world.refunded(cid) + owed, world.refunded(cid) + owed)},
            points=[
                Point(figure=owed, note=f"the amount refunded, {owed:.2f}"),
                Point(
                    any=["refunded", "credited", "refund", "credit", "money back"],
                    note="it is credited back",
                ),
            ],
        )
    if c.status != "active":
        return PolicyGold(
            "no_change",
            f"campaign is {c.status}; nothing to change",
            base_facts,
            [get, incidents],
            points=[Point(any=[c.status], note=f"the campaign is {c.status}")],
        )
    bench = world.benchmark(c.category)
    m = c.metrics_7d
    r = rates(m)
    spent = m.spend / (7 * c.daily_budget)
    audience = audience_size(state, c.targeting)
    delivery = [*base_facts, fact("delivery"), bench_fact]
    plan = [get, incidents, metrics, bench_call]
    if c.budget_exhausted_at and c.budget_exhausted_at < EARLY_EXHAUSTION and r["roi"] >= bench.roi:
        if refs.get("consent_to_spend_more"):
            lo, hi = _money(c.daily_budget * 1.2), _money(c.daily_budget * 3)
            return PolicyGold(
                "raise_budget",
                f"budget runs out at {c.budget_exhausted_at} with ROI {r['roi']} >= {bench.roi}; "
                "the merchant agreed to spend more",
                delivery,
                plan,
                accept={f"{cid}.daily_budget": (lo, hi)},
                points=[
                    Point(any=["budget"], figure=c.daily_budget, note="the old daily budget"),
                    Point(any=_RAISED, note="the budget was raised"),
                ],
            )
        return PolicyGold(
            "suggest_budget",
            f"budget runs out at {c.budget_exhausted_at} with ROI {r['roi']} >= {bench.roi}; "
            "no consent to spend more",
            delivery,
            plan,
            points=[
                Point(any=["budget"], figure=c.daily_budget, note="the current daily budget"),
                Point(
                    any=[
                        "recommend",
                        "suggest",
                        "could raise",
                        "consider",
                        "advise",
                        "if you want",
                        "if you'd like",
                    ],
                    note="a higher budget is recommended, not made",
                ),
                Point(any=_CHANGED_NOTHING, note="nothing was changed"),
            ],
        )
    if c.bid < bench.suggested_bid_min and spent < SPENT_SHARE:
        return PolicyGold(
            "raise_bid",
            f"bid {c.bid} below suggested {bench.suggested_bid_min}, {spent:.0%} spent",
            [*delivery, fact("bid")],
            plan,
            accept={f"{cid}.bid": (bench.suggested_bid_min, bench.suggested_bid_max)},
            points=[
                Point(any=["bid"], figure=c.bid, note=f"the old bid, {c.bid}"),
                Point(
                    figure=bench.suggested_bid_min,
                    note=f"the suggested range starts at {bench.suggested_bid_min}",
                ),
                Point(any=_RAISED, note="the bid was raised"),
            ],
        )
    if audience < SMALL_AUDIENCE and spent < SPENT_SHARE:
        return PolicyGold(
            "broaden_targeting",
            f"audience of {audience} is too narrow, {spent:.0%} spent",
            [*delivery, fact("targeting")],
            plan,
            accept={f"{cid}.audience_size": (SMALL_AUDIENCE, 1e12)},
            points=[
                Point(figure=audience, note=f"the audience was {audience}"),
                Point(
                    any=[
                        "widened",
                        "broadened",
                        "expanded",
                        "wider",
                        "broader",
                        "more people",
                        "larger audience",
                        "added",
                    ],
                    note="the audience was widened",
                ),
            ],
        )
    if (
        r["ctr"] >= CTR_SHARE * bench.ctr
        and r["cvr"] < CVR_SHARE * bench.cvr
        and audience > BROAD_AUDIENCE
    ):
        return PolicyGold(
            "narrow_targeting",
            f"CTR {r['ctr']} fine but CVR {r['cvr']} < 60% of {bench.cvr} on {audience} users",
            [*delivery, fact("targeting")],
            plan,
            accept={f"{cid}.audience_size": (SMALL_AUDIENCE, BROAD_AUDIENCE)},
            points=[
                Point(
                    any=["conversion", "convert", "cvr", "orders", "buy", "purchase"],
                    note="clicks do not turn into orders",
                ),
                Point(
                    any=[
                        "narrowed",
                        "tightened",
                        "focused",
                        "trimmed",
                        "smaller audience",
                        "removed",
                        "narrower",
                    ],
                    note="the audience was narrowed",
                ),
            ],
        )
    if r["roi"] < 1.0 and spent >= SPENT_SHARE:
        # Ruling out rules 6 and 9 takes the benchmark (and the audience): needed too.
        return PolicyGold(
            "pause_campaign",
            f"ROI {r['roi']} below 1 with {spent:.0%} of budget spent",
            [*delivery, fact("targeting")],
            plan,
            points=[
                Point(
                    any=["roi", "return", "revenue", "losing", "loss"],
                    figure=r["roi"],
                    note=f"ROI is {r['roi']}",
                ),
                Point(any=["paused", "pause", "stopped"], note="the campaign was paused"),
            ],
        )
    return PolicyGold(
        "no_change",
        "delivery in line with the benchmark and no platform fault",
        [*delivery, fact("bid"), fact("targeting")],
        plan,
        points=[Point(any=_NO_FAULT, note="there is no platform fault")],
    )


def _core(state: PromotionState, c: Any) -> list[str]:
    """The campaign's fitting interests, smallest first, until 300,000 users are reached."""
    sizes = interests_by_tag(state)
    fitting = sorted(
        (t for t in c.targeting.interests if t in sizes and c.category in sizes[t].categories),
        key=lambda t: sizes[t].size,
    )
    chosen: list[str] = []
    for tag in fitting:
        chosen.append(tag)
        if (
            audience_size(state, c.targeting.model_copy(update={"interests": chosen}))
            >= SMALL_AUDIENCE
        ):
            break
    return chosen or fitting[:1]


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's reply points a case must carry: those the user's words do not meet."""
    if not gold.points:
        return []
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    return [p for p in gold.points if p not in echoed]


def check_case(world: PromotionWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the menu's codes and gold decision, the route's family, the lookups and the
    facts they must reveal, the writes and their accepted ranges, and the reply points.

    Args:
        world: The case's world.
        case: A merchant_promotion case.

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
    except (KeyError, StopIteration, ToolError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems: list[str] = []
    problems += policy_gold_problems(
        case, gold, reply_points(gold, case), menus=MENUS, accept=gold.accept
    )
    entities = case.gold.get(Stage.PERCEPTION, {}).get("entities", {})
    if entities.get("campaign_id") != refs.get("campaign_id"):
        problems.append("gold.perception.entities.campaign_id differs from world_refs.campaign_id")
    return problems


# -- a decision acted out (the shortcut audit's ``acted_*`` strategies) ----------------------
def acted_writes(state: PromotionState, refs: dict[str, Any], kind: str) -> list[ToolCall]:
    """The writes that carry out decision ``kind`` for the campaign a case is about.

    The calls :func:`decide` makes for that decision, with the figures its rules give
    whatever the campaign's state: the open incident's summary (else the first incident's),
    the amount the resolved incidents owe (nothing owed, no refund), the daily budget times
    1.5, the middle of the category's suggested bid range, every interest of the category
    in all regions, the core interests; the other decisions write nothing. The one
    coding of the write rules: :func:`decide` writes these for its own decision; the
    shortcut audit plays them for another (:data:`act`), the same act for the wrong
    decision.

    Raises:
        ToolError: The campaign is not in the world (or not the merchant's).
    """
    world = PromotionWorld(state, refs=refs)
    cid = str(refs["campaign_id"])
    c = world.campaign(cid)
    arg: dict[str, Any] = {"campaign_id": cid}
    own = [i for i in state.incidents if i.campaign_id == cid]
    if kind == "escalate":
        first = [i for i in own if i.status == "investigating"] or own
        summary = first[0].summary if first else "the merchant asks for a specialist"
        return [ToolCall(name="escalate_to_specialist", arguments={**arg, "summary": summary})]
    if kind == "refund_fault":
        owed = world.owed(cid)
        if owed <= 0 or not own:
            return []
        args = {**arg, "amount": owed, "reason": own[0].summary}
        return [ToolCall(name="issue_refund", arguments=args)]
    if kind == "raise_budget":
        args = {**arg, "daily_budget": _money(c.daily_budget * 1.5)}
        return [ToolCall(name="update_daily_budget", arguments=args)]
    if kind == "raise_bid":
        bench = world.benchmark(c.category)
        target = _money((bench.suggested_bid_min + bench.suggested_bid_max) / 2)
        return [ToolCall(name="update_bid", arguments={**arg, "bid": target})]
    if kind == "broaden_targeting":
        tags = [i.tag for i in state.interests if c.category in i.categories]
        args = {**arg, "interests": tags, "regions": ["All regions"]}
        return [ToolCall(name="update_targeting", arguments=args)]
    if kind == "narrow_targeting":
        args = {**arg, "interests": _core(state, c)}
        return [ToolCall(name="update_targeting", arguments=args)]
    if kind == "pause_campaign":
        args = {**arg, "reason": "spend exceeds revenue"}
        return [ToolCall(name="pause_campaign", arguments=args)]
    return []


act = writes_act(acted_writes)
"""The hook of the ``acts`` key: decision ``label`` acted out by :func:`acted_writes`."""

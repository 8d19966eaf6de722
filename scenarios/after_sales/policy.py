"""The after-sales policy: the rules that decide every after_sales case's gold resolution.

:func:`decide` applies the shop's policy (the helpers of :mod:`ecomstage_env.shop.policy`)
to the order item a case is about and derives, from the world and the case's
``world_refs`` alone, the resolution, the facts it needs, a set of lookups revealing
them, the writes that carry it out, and the facts the reply must state.
:func:`check_case` compares an annotated case with it (``ecomstage validate`` runs it).

``world_refs``: ``customer_id``, ``order_id``, ``sku`` (the item), ``issue`` (what went
wrong, as the conversation establishes it: a return reason of the shop, or
``late_delivery``, ``service``, ``price_drop``), ``wants`` (``return``, ``exchange``,
``compensation``) and, for an exchange, ``new_sku``.

Rules, first match wins (each threshold is in a help-centre article: A-RET, A-EXC,
A-COMP, A-WARR, A-ESC, A-PP):

1. the order was already compensated (a record for it in the customer's
   compensation history) -> ``escalate``;
2. a seller's fault (defective, wrong item, damaged in transit, not as described):
   a. the customer wants an exchange the exchange policy allows -> ``exchange``;
   b. a return is allowed (15-day fault window) -> ``return``;
   c. electronics within the 365-day warranty -> ``escalate``;
   d. otherwise -> ``appease``;
3. the customer's own reason (size, change of mind): an allowed exchange when wanted ->
   ``exchange``; else an allowed return -> ``return``; else -> ``appease``;
4. a late delivery or a service failure: gold or platinum member -> ``cash`` (15
   yuan, ``offer_cash_compensation``); otherwise -> ``coupon`` (the highest-value
   coupon within the 20-yuan limit, ``issue_goodwill_coupon`` by its value);
5. a price drop: price protection is not due (window passed, no drop) -> ``appease``.

Resolution codes and the paper's solution ids (``solution_catalogue.md``): appease = 4
(reassure), coupon = 6, cash = 7, return = 1 (shop's fault) or 8 (buyer's reasons),
exchange = no paper id, escalate = 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems
from ecomstage_env.errors import ScenarioError
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points
from ecomstage_env.shop import policy as P
from ecomstage_env.shop.customer import parse_persona

from .world import AfterSalesState, AfterSalesWorld

__all__ = [
    "CLAIM_KINDS",
    "DECISIONS",
    "MENUS",
    "OFFER_LINES",
    "PAPER_SOLUTION",
    "PolicyGold",
    "act",
    "acted_writes",
    "check_case",
    "decide",
    "oracle_turns",
    "reply_points",
]

DECISIONS: dict[str, str] = {
    "appease": "Apologise and explain the rule.",
    "coupon": "Give the customer a shop coupon.",
    "cash": "Pay the customer goodwill cash.",
    "return": "Open a return for a full refund.",
    "exchange": "Exchange it for another variant.",
    "escalate": "Hand this case to a specialist.",
}
"""The resolution catalogue: one neutral line per code (the spec repeats it)."""

MENUS: tuple[tuple[str, ...], ...] = tuple(
    tuple(c for c in DECISIONS if c != left) for left in DECISIONS
)
"""A case's menu: five of the six codes (one wrong code left out, chosen from the case
id), so every resolution is a distractor everywhere it is not the gold."""

PAPER_SOLUTION = {
    "appease": "4",
    "coupon": "6",
    "cash": "7",
    "return": "1 or 8",
    "exchange": "-",
    "escalate": "2",
}

CLAIM_KINDS = ("return", "exchange", "coupon", "cash", "escalate")
"""Changes a reply can claim (the reply field's ``claims`` in ``spec.toml``)."""

FAULTS = P.FAULT_REASONS
OWN = frozenset({"changed_mind", "size_fit"})
SERVICE = frozenset({"late_delivery", "service"})
WARRANTY_DAYS = 365
WARRANTY_CATEGORIES = frozenset({"electronics"})
CASH_TIERS = frozenset({"gold", "platinum"})
CASH_BY_TIER = {"gold": 15.0, "platinum": 25.0}
"""Cash compensation by member tier (help-centre article A-COMP)."""


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case (see the module docstring)."""

    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall] = field(default_factory=list)
    amount: float = 0.0
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    date: str = ""


def _option_words(options: dict[str, str]) -> list[str]:
    return list(options.values())


_NEG = (
    "{not|never|haven't|hasn't|didn't|won't|can't|couldn't|cannot|wasn't|isn't|not been|unable to}"
)


COMPACT: dict[tuple[str, ...], list[str]] = {}
"""Each ``not`` list the policy builds, expanded -> as written with ``{a|b}`` (for case files)."""


def _compact(phrases: list[str]) -> list[str]:
    """Register a phrase list written with ``{a|b}`` alternatives; return it unchanged."""
    COMPACT[tuple(Point(any=phrases).any)] = phrases
    return phrases


def _failed(verbs: list[str], nouns: list[str]) -> list[str]:
    """Phrases that say the outcome did not happen: a point naming it then fails."""
    return _compact(
        [
            f"{_NEG} {{{'|'.join(verbs)}}}",
            f"no {{{'|'.join(nouns)}}}",
            "{could not|can not|cannot|can't|couldn't|not able|unable|not possible|impossible"
            "|no longer possible|not true|untrue}",
        ]
    )


RETURN_DONE = ["opened", "started", "booked", "set up", "arranged", "created", "registered",
               "approved", "accepted", "is on its way", "已申请", "已提交"]  # fmt: skip
REFUND_WORDS = ["refund", "refunded", "comes back", "come back", "money back", "back to you",
                "paid back", "returned to you", "get back", "退款", "退回"]  # fmt: skip
EXCHANGE_DONE = ["arranged", "opened", "set up", "booked", "created", "started", "approved",
                 "on its way", "is coming", "will send", "we'll send", "已安排"]  # fmt: skip
COUPON_DONE = ["issued", "added", "credited", "sent", "in your account", "applied", "given",
               "put", "is yours", "已发放", "已发"]  # fmt: skip
CASH_DONE = ["paid", "sent", "transferred", "credited", "refunded", "in your account", "已打款",
             "已转"]  # fmt: skip
TICKET_DONE = ["escalated", "passed", "passed it", "passed this", "passed on", "has been opened",
               "have opened", "I've opened", "opened a ticket", "raised", "handed", "forwarded",
               "referred", "已转交", "已升级"]  # fmt: skip


def item_name(title: str) -> str:
    """A product's English name (its title less the Chinese part)."""
    return " ".join(w for w in title.split(" ") if w.isascii())


def _item_point(oid: str, title: str, fail: list[str]) -> list[Point]:
    """The case's own item and order (each dropped when the customer named it themselves).

    ``fail``: the phrases that say the outcome did not happen (they fail these points too).
    """
    name = item_name(title)
    names = [name, name.split(" ")[0], *(w for w in title.split(" ") if not w.isascii())]
    return [
        Point(any=list(dict.fromkeys(names)), anchor=True, not_=fail, note="the item"),
        Point(any=[oid], anchor=True, not_=fail, note="the order"),
    ]


def date_phrases(iso: str) -> list[str]:
    """The usual ways of writing a date ("June 5", "5 June", "Jun 5", "6月5日", ISO)."""
    d = date.fromisoformat(iso[:10])
    return list(
        dict.fromkeys(
            [f"{d:%B} {d.day}", f"{d.day} {d:%B}", f"{d:%b} {d.day}", f"{d.day} {d:%b}",
             d.isoformat(), f"{d.month}月{d.day}日", f"{d.month}月{d.day}号"]
        )
    )  # fmt: skip


def _date_point(iso: str, note: str, fail: list[str]) -> Point:
    return Point(any=date_phrases(iso), anchor=True, not_=fail, note=note)


def decide(state: AfterSalesState, refs: dict[str, Any]) -> PolicyGold:
    """Apply the after-sales policy to the item a case is about.

    Raises:
        ToolError: The order, item or product is not in the world.
        KeyError: A required ref is missing.
    """
    world = AfterSalesWorld(state, refs={"customer_id": refs["customer_id"]})
    cid, oid = str(refs["customer_id"]), str(refs["order_id"])
    issue, wants = str(refs["issue"]), str(refs["wants"])
    order = world.order(oid)
    item = world.item(order, str(refs.get("sku") or order.items[0].sku))
    product = world.product(item.product_id)
    customer = world.customer(cid)
    today = state.today
    facts = [
        f"order:{oid}:status",
        f"order:{oid}:timestamps",
        f"order:{oid}:items",
        f"customer:{cid}:compensation_history",
    ]
    plan = [
        ToolCall(name="get_order", arguments={"order_id": oid}),
        ToolCall(name="get_customer", arguments={"customer_id": cid}),
    ]

    return_ok = (issue in FAULTS or issue in OWN) and bool(
        P.return_eligible(order, item, product, today, state.policies.returns, issue)
    )

    def gold(
        decision: str,
        why: str,
        points: list[Point] | None = None,
        amount: float = 0.0,
        more: tuple[list[str], list[ToolCall]] = ([], []),
        when: str = "",
    ) -> PolicyGold:
        own = {"return": "return", "exchange": "exchange", "coupon": "coupon", "cash": "cash"}
        mine = own.get(decision, "escalate" if decision == "escalate" else "")
        return PolicyGold(
            decision,
            why,
            [*facts, *more[0]],
            [*plan, *more[1]],
            acted_writes(state, refs, decision),
            amount,
            points or [],
            [k for k in CLAIM_KINDS if k != mine],
            sorted({decision, "appease"} | ({"return"} if return_ok else set())),
            when,
        )

    ticket_fail = _failed(
        ["escalated", "passed", "opened", "raised", "forwarded", "reply", "contact"],
        ["specialist", "ticket", "one will", "reply"],
    )
    ticket_points = [
        Point(any=TICKET_DONE, not_=ticket_fail, note="it was handed over"),
        Point(
            any=["specialist", "专员"],
            figure=24,
            unit="hour",
            exclusive="unit",
            not_=ticket_fail,
            note="a specialist, within 24 h",
        ),
        *_item_point(oid, product.title, ticket_fail),
    ]

    earlier = [r for r in customer.compensation_history if r.order_id == oid]
    if earlier:
        when = str(earlier[0].date)
        return gold(
            "escalate",
            "the order was already compensated once",
            [*ticket_points, _date_point(when, "the earlier compensation's date", ticket_fail)],
            when=when,
        )
    exchange_more: tuple[list[str], list[ToolCall]] = (
        [f"product:{product.product_id}:stock"],
        [ToolCall(name="get_product", arguments={"product_id": product.product_id})],
    )
    if issue in FAULTS or issue in OWN:
        more: tuple[list[str], list[ToolCall]] = ([], [])
        if wants == "exchange":
            more = exchange_more
            new = str(refs.get("new_sku", ""))
            v = P.exchange_eligible(
                order,
                item,
                product,
                new,
                item.qty,
                today,
                state.policies.exchange,
                issue,
            )
            if v:
                target = next(s for s in product.skus if s.sku == new)
                return gold(
                    "exchange",
                    f"exchange allowed: {v.why}",
                    [
                        Point(
                            any=_option_words(target.options),
                            anchor=True,
                            not_=_failed(EXCHANGE_DONE[:6], ["exchange"]),
                            note="the new variant",
                        ),
                        Point(
                            any=EXCHANGE_DONE,
                            not_=_failed(EXCHANGE_DONE[:6], ["exchange"]),
                            note="the exchange is made",
                        ),
                        *_item_point(oid, product.title, _failed(EXCHANGE_DONE[:6], ["exchange"])),
                    ],
                    more=more,
                )
        r = P.return_eligible(order, item, product, today, state.policies.returns, issue)
        if r:
            return gold(
                "return",
                f"return allowed: {r.why}",
                [
                    Point(
                        any=REFUND_WORDS,
                        figure=r.amount,
                        not_=_failed(
                            ["refund", "refunded", "issued", "paid", "made", *RETURN_DONE[:6]],
                            ["refund", "return"],
                        ),
                        note=f"refund of {r.amount:.2f}",
                    ),
                    Point(
                        any=RETURN_DONE,
                        not_=_failed(RETURN_DONE[:6], ["return"]),
                        note="the return is opened",
                    ),
                    *_item_point(
                        oid,
                        product.title,
                        _failed(["refund", "refunded", *RETURN_DONE[:6]], ["refund", "return"]),
                    ),
                ],
                r.amount,
                more=more,
            )
        age = P.days_since(order.delivered_at or today, today) if order.delivered_at else -1
        if (
            issue in FAULTS
            and product.category in WARRANTY_CATEGORIES
            and 0 <= age <= WARRANTY_DAYS
        ):
            return gold(
                "escalate",
                f"faulty electronics on day {age}: warranty",
                [
                    Point(
                        any=["warranty", "保修"], not_=ticket_fail, note="the warranty covers it"
                    ),
                    *ticket_points,
                    _date_point(str(order.delivered_at), "the delivery date", ticket_fail),
                ],
                more=more,
                when=str(order.delivered_at)[:10],
            )
        window = (
            state.policies.returns.fault_window_days
            if issue in FAULTS
            else state.policies.returns.window_days
        )
        # True beside the window: the policy's other window ("7 days, 15 for a fault")
        # and the days since delivery.
        rules = state.policies.returns
        also = {rules.window_days, rules.fault_window_days, age} - {window, -1}
        points = [_refusal_point(r.why, window, product.category, sorted(also))]
        delivered = ""
        if "window closed" in r.why:
            # A closed window is the delivery date's doing: the reply says when it came.
            delivered = str(order.delivered_at)
            fail = _unsaid("window", window)
            points += [_PASSED, _date_point(delivered, "the delivery date", fail)]
        return gold(
            "appease",
            f"no return or exchange: {r.why}",
            points=points,
            more=more,
            when=delivered[:10],
        )
    if issue in SERVICE:
        tier: tuple[list[str], list[ToolCall]] = ([f"customer:{cid}:tier"], [])
        if customer.tier in CASH_TIERS:
            cash = min(CASH_BY_TIER[customer.tier], state.budget.max_cash_compensation)
            return gold(
                "cash",
                f"{customer.tier} member: cash for a {issue}",
                [
                    Point(
                        any=["cash", "compensation", "现金", "红包", "yuan", "元"],
                        figure=cash,
                        not_=_failed(CASH_DONE[:5], ["cash", "compensation"]),
                        note=f"{cash:.0f} yuan cash",
                    ),
                    Point(
                        any=CASH_DONE,
                        not_=_failed(CASH_DONE[:5], ["cash", "compensation"]),
                        note="the cash was paid",
                    ),
                    *_item_point(
                        oid, product.title, _failed(CASH_DONE[:5], ["cash", "compensation"])
                    ),
                ],
                cash,
                more=tier,
            )
        left, _ = P.compensation_left(state)
        paid = order.payment.amount if order.payment is not None else 0.0
        usable = [c for c in state.coupons if c.value <= left + 1e-9 and c.min_spend <= paid]
        best = max(usable, key=lambda c: c.value)
        return gold(
            "coupon",
            f"{customer.tier} member: coupon for a {issue}",
            [
                Point(
                    any=["coupon", "voucher", "优惠券"],
                    figure=best.value,
                    not_=_failed(COUPON_DONE[:6], ["coupon", "voucher"]),
                    note=f"a {best.value:.0f} yuan coupon",
                ),
                Point(
                    any=COUPON_DONE,
                    not_=_failed(COUPON_DONE[:6], ["coupon", "voucher"]),
                    note="the coupon was issued",
                ),
                *_item_point(oid, product.title, _failed(COUPON_DONE[:6], ["coupon", "voucher"])),
            ],
            best.value,
            more=(
                [f"customer:{cid}:tier", "coupons"],
                [ToolCall(name="list_coupons", arguments={})],
            ),
        )
    if issue == "price_drop":
        pp = P.price_protection_due(order, item, product, today, state.policies.price_protection)
        if pp:
            raise ScenarioError("price protection is due: not an after_sales resolution")
        days = state.policies.price_protection.window_days
        # An expired window is the payment date's doing: the reply says when it was paid.
        paid_on = str(order.paid_at) if "expired" in pp.why and order.paid_at else ""
        # The days since payment are true beside the window ("paid 12 days ago").
        since = P.days_since(order.paid_at, today) if order.paid_at else days
        paid_days = [float(since)] if since != days else []
        return gold(
            "appease",
            f"no price protection: {pp.why}",
            points=[
                Point(
                    any=["price protection", "保价", "price difference"],
                    figure=days,
                    unit="day",
                    exclusive="unit",
                    also_true=paid_days,
                    not_=_unsaid("price", days),
                    note=f"the {days}-day price-protection window",
                ),
                _PASSED,
                *(
                    [_date_point(paid_on, "the payment date", _unsaid("price", days))]
                    if paid_on
                    else []
                ),
            ],
            when=paid_on[:10],
            more=(
                [f"product:{product.product_id}:price_history"],
                [ToolCall(name="get_product", arguments={"product_id": product.product_id})],
            ),
        )
    raise ScenarioError(f"unknown issue {issue!r}")


_REASONS = {
    "used": ["been used", "been worn", "is used", "was used", "used items", "worn items", "用过"],
    "tags": ["tags removed", "tags cut", "tags are off", "tags were removed", "tags taken off"],
    "faulty": ["only when faulty", "only for a fault", "hygiene"],
    "window": ["return window", "days from delivery", "days of delivery", "since delivery"],
    "price": ["price protection", "保价"],
}
"""Phrases of each refusal reason: a refusal that gives another case's reason fails."""


def _unsaid(reason: str, window: int) -> list[str]:
    """What contradicts a refusal for ``reason``: the other reasons, or its own negation."""
    others = [p for k, ps in _REASONS.items() if k != reason for p in ps]
    own = f"{_NEG} {{passed|closed|expired|over|used|worn|removed|apply|applies}}"
    rest = f"{{not {window}|still open|still within|not true|untrue}}"
    return _compact([*others, own, rest])


def _refusal_point(why: str, window: int, category: str, also: list[int]) -> Point:
    """The reason a return is refused; a window's days are the answer (``exclusive``).

    ``also``: the day figures true beside the window (its ``also_true``).
    """
    if "used" in why:
        return Point(
            any=["used", "worn", "用过"],
            not_=_unsaid("used", window),
            note="the item has been used",
        )
    if "tags" in why:
        return Point(
            any=["removed", "cut off", "taken off"],
            not_=_unsaid("tags", window),
            note="tags or packaging removed",
        )
    if "only when faulty" in why:
        return Point(
            any=["only when faulty", "only for a fault"],
            not_=_unsaid("faulty", window),
            note=f"{category} only for faults",
        )
    return Point(
        any=["days", "window", "天"],
        figure=window,
        unit="day",
        exclusive="unit",
        also_true=[float(d) for d in also],
        not_=_unsaid("window", window),
        note=f"the {window}-day window",
    )


_PASSED = Point(
    any=["has passed", "has closed", "is past", "expired", "is over", "has ended", "ran out",
         "has run out", "lapsed", "no longer applies", "no longer covered", "too late",
         "outside the window", "已过", "过了"],
    note="the window has passed",
)  # fmt: skip


def oracle_turns(decision: str, case: Case) -> int:
    """Messages the oracle needs: one, plus the persona's pushback unless it gives in at once."""
    persona = parse_persona(case)
    if decision == persona.wants or decision in persona.grabs:
        return 1
    return persona.pushback + 1


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's reply points a case must carry: those the user's words do not meet."""
    if not gold.points:
        return []
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    return [p for p in gold.points if p not in echoed]


def check_case(world: AfterSalesWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the resolution on the menu, the lookups and facts, the writes, the reply's
    false claims and policy points, the negotiation's parameters, and that the persona
    can be brought to the policy's resolution within its patience.
    """
    state = world.state
    assert isinstance(state, AfterSalesState)
    try:
        gold = decide(state, case.world_refs)
        persona = parse_persona(case)
    except (KeyError, StopIteration, ToolError, ScenarioError, ValueError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems = policy_gold_problems(
        case, gold, reply_points(gold, case), menus=MENUS, decision_field="resolution"
    )
    action = case.gold.get(Stage.ACTION, {})
    neg = case.grading.get("action.negotiation", {})
    turns = oracle_turns(gold.decision, case)
    want = {"resolution": gold.decision, "amount": gold.amount, "allowed": gold.allowed}
    if {k: neg.get(k) for k in want} != want:
        problems.append(f"grading['action.negotiation'] should hold {want}")
    if len(action.get("negotiation", [])) != turns:
        problems.append(f"gold.action.negotiation should hold {turns} message(s)")
    reachable = gold.decision in (persona.wants, *persona.grabs, *persona.accepts)
    if not reachable:
        problems.append(f"the persona never accepts the policy's {gold.decision!r}")
    if persona.patience[0] < turns:
        problems.append(
            f"the persona's patience {persona.patience} is under the {turns} offers needed"
        )
    return problems


# -- a resolution acted out (the shortcut audit's ``acted_*`` strategies) --------------------
OFFER_LINES: dict[str, str] = {
    "appease": "I'm sorry for the trouble with the {item}, and I understand. Our policy is what I have to explain here.",
    "coupon": "I'm sorry for the trouble with the {item}. I can offer you a {amt} yuan coupon for your next order.",
    "cash": "I'm sorry for the trouble with the {item}. I can offer you {amt} yuan in cash for it.",
    "return": "I'm sorry for the trouble with the {item}. I can open a return for a full refund.",
    "exchange": "I'm sorry for the trouble with the {item}. I can arrange an exchange for another variant.",
    "escalate": "I'm sorry for the trouble with the {item}. I can pass this case to a specialist.",
}  # fmt: skip
"""One offer per resolution kind, as the simulated customer reads it (``offers_in`` finds
that kind and no other; ``appease`` offers nothing and apologises)."""


def acted_writes(state: AfterSalesState, refs: dict[str, Any], kind: str) -> list[ToolCall]:
    """The writes that carry out resolution ``kind`` for the item a case is about.

    The calls the policy makes for that kind, with the figures its rules give (the
    best coupon within the compensation limit whose minimum spend the order's payment
    meets; the member tier's cash, or the lowest tier's for a member the rule gives none;
    the wanted variant, or the product's first other SKU). The one coding of the write
    rules: :func:`decide` writes these for its own decision; the shortcut audit plays
    them for another kind (:func:`act`), the same act for the wrong kind. ``appease``
    writes nothing.

    Raises:
        ToolError: The order, item or product is not in the world.
        KeyError: A required ref is missing.
    """
    world = AfterSalesWorld(state, refs={"customer_id": refs["customer_id"]})
    cid, oid, issue = str(refs["customer_id"]), str(refs["order_id"]), str(refs["issue"])
    order = world.order(oid)
    item = world.item(order, str(refs.get("sku") or order.items[0].sku))
    product = world.product(item.product_id)
    customer = world.customer(cid)
    reason = issue.replace("_", " ")
    if kind == "return":
        args: dict[str, Any] = {"order_id": oid, "sku": item.sku, "reason": issue}
        return [ToolCall(name="create_return", arguments=args)]
    if kind == "exchange":
        other = next((s.sku for s in product.skus if s.sku != item.sku), item.sku)
        new = str(refs.get("new_sku") or other)
        args = {"order_id": oid, "sku": item.sku, "new_sku": new, "qty": item.qty, "reason": issue}
        return [ToolCall(name="create_exchange", arguments=args)]
    if kind == "cash":
        due = CASH_BY_TIER.get(customer.tier, min(CASH_BY_TIER.values()))
        cash = min(due, state.budget.max_cash_compensation)
        args = {"customer_id": cid, "amount": cash, "reason": reason, "order_id": oid}
        return [ToolCall(name="offer_cash_compensation", arguments=args)]
    if kind == "coupon":
        left, _ = P.compensation_left(state)
        paid = order.payment.amount if order.payment is not None else 0.0
        usable = [c for c in state.coupons if c.value <= left + 1e-9 and c.min_spend <= paid]
        if not usable:
            return []
        best = max(usable, key=lambda c: c.value)
        args = {"customer_id": cid, "value": best.value, "reason": reason, "order_id": oid}
        return [ToolCall(name="issue_goodwill_coupon", arguments=args)]
    if kind == "escalate":
        if any(r.order_id == oid for r in customer.compensation_history):
            summary = "second complaint about an order already compensated"
        elif issue in FAULTS:
            summary = f"warranty fault: {issue}"
        else:
            summary = f"the customer asks for a specialist: {reason}"
        args = {"customer_id": cid, "summary": summary, "order_id": oid}
        return [ToolCall(name="escalate_ticket", arguments=args)]
    return []


def act(world: AfterSalesWorld, case: Case, label: str) -> list[ToolCall]:
    """Resolution ``label`` acted out as the policy acts out its own: offers, then writes.

    The hook of the ``acts`` key (``spec.toml``: ``negotiation`` and ``writes`` act the
    ``resolution`` out): the shortcut audit guesses the resolution with its label models
    and plays this, so the negotiation and the writes of a guess are scored as the
    guess. The offer (:data:`OFFER_LINES`) is sent as many times as the oracle would
    send its own (:func:`oracle_turns`: once, or the persona's pushback and once more),
    then :func:`acted_writes` are made, as the oracle makes them once the customer has
    had the offers.

    Args:
        world: The episode's world at the Action stage.
        case: The case.
        label: A resolution code (:data:`DECISIONS`).

    Returns:
        ``message_user`` calls, then the writes.
    """
    state = world.state
    assert isinstance(state, AfterSalesState)
    refs = case.world_refs
    writes = acted_writes(state, refs, label)
    amount = next(
        (float(a) for w in writes for k, a in w.arguments.items() if k in ("value", "amount")), 0.0
    )
    order = world.order(str(refs["order_id"]))
    item = world.item(order, str(refs.get("sku") or order.items[0].sku))
    fmt = {
        "amt": f"{amount:.0f}" if amount == int(amount) else f"{amount:.2f}",
        "item": item_name(world.product(item.product_id).title),
    }
    offer = ToolCall(name="message_user", arguments={"text": OFFER_LINES[label].format(**fmt)})
    return [offer] * oracle_turns(label, case) + writes

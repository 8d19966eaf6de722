"""The logistics policy of ``order_logistics``: the rules that decide every case's gold.

:func:`decide` applies the shop's policies (:mod:`ecomstage_env.shop.policy`, the same
functions the world's writes check) to the order a case is about and derives, from the
world alone, the decision, the facts the decision needs (what the Planning lookups must
reveal), one set of calls that reveals them, the writes that carry the decision out, and
the facts the reply must state. :func:`check_case` compares an annotated case with it;
the validator runs it on every case, and the oracle replaying the gold must score 1.0.

A case's ``world_refs`` say what the customer asks for (``request``), never what to do:

- ``"address"``: deliver to ``new_address`` instead. ``consent_intercept``: the customer
  said that if the address cannot change, the parcel should be called back;
- ``"intercept"``: call a shipped parcel back (the customer no longer wants it);
- ``"parcel"``: where the parcel is, or a replacement for it;
- ``"fee"``: a refund of the shipping fee.

``also_fee`` adds a second request in the same message: the shipping fee refunded too.

Rules, first match wins per request (every threshold is in a help-centre article:
A-ADDR, A-INT, A-RESHIP, A-SHIP):

- address: A1 the order is awaiting payment or paid (not shipped) -> ``change_address``;
  A2 it can be intercepted (shipped or in transit, SF Express or YTO Express, latest scan
  not out for delivery or delivered) and the customer consented -> ``intercept``;
  A3 it can be intercepted -> ``offer_intercept`` (no write: interception needs the
  customer's yes); A4 otherwise -> ``decline``.
- intercept: I1 it can be intercepted -> ``intercept``; I2 otherwise -> ``decline``.
- parcel: P1 the latest scan reports the parcel lost or damaged, it was not reshipped
  and no item refund was paid -> ``reship`` (the default remedy; once per order);
  P2 the parcel has not been delivered (on its way, or not shipped yet) ->
  ``explain_status``; P3 otherwise (delivered, or already reshipped) -> ``decline``.
- fee: the reason the world gives (the latest scan lost -> ``lost``; damaged ->
  ``damaged_in_transit``; delivered more than :data:`LATE_DAYS` days after it shipped ->
  ``late_delivery``); F1 a reason, a fee paid and not yet refunded -> ``refund_fee``;
  F2 otherwise -> ``decline``.
- ``also_fee``: the fee is refunded as well when rule F1 allows it (else the reply says
  why not).
- R (one line, the same for every request): a request refused because the parcel has not
  been delivered yet (P2, or F2 with no delivery) accepts both ``explain_status`` and
  ``decline``: each says no and explains where the parcel is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems, writes_act
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points
from ecomstage_env.shop import policy as P
from ecomstage_env.shop.models import LogisticsEvent, Order

from .world import LogisticsWorld, ShopState

__all__ = [
    "CHANGE_PHRASES",
    "CLAIM_KINDS",
    "DECISIONS",
    "LATE_DAYS",
    "MENUS",
    "REQUESTS",
    "PolicyGold",
    "act",
    "acted_writes",
    "check_case",
    "decide",
    "false_claims",
    "fee_reason",
    "reply_points",
]

DECISIONS: dict[str, str] = {
    "change_address": "Change the delivery address.",
    "intercept": "Intercept the parcel now.",
    "offer_intercept": "Offer to intercept the parcel.",
    "reship": "Send a replacement parcel.",
    "refund_fee": "Refund the shipping fee.",
    "explain_status": "Explain where the parcel is.",
    "decline": "Decline and explain the rule.",
}
"""The decision catalogue: one neutral, length-matched line per policy code (the spec
repeats it as the field's catalogue)."""

MENUS: tuple[tuple[str, ...], ...] = (
    ("change_address", "intercept", "offer_intercept", "decline"),
    ("reship", "refund_fee", "explain_status", "decline"),
)
"""The menus a case shows: the group of its request (address or interception; parcel or
fee), so a careless agent's mistakes sit beside the right answer. Each member of a group
is the gold of about as many of the group's cases; ``decline`` is in both."""

REQUESTS = ("address", "intercept", "parcel", "fee")
LATE_DAYS = 4
"""A parcel delivered more than this many days after it shipped is late (A-SHIP)."""

CLAIM_KINDS = ("address", "intercept", "reship", "fee_refund", "item_refund")
"""Changes a reply can claim were made; their phrasings are the reply field's ``claims``."""

_OWN = {
    "change_address": "address",
    "intercept": "intercept",
    "reship": "reship",
    "refund_fee": "fee_refund",
}

_NOT_SHIPPED = [
    "not shipped",
    "hasn't shipped",
    "has not shipped",
    "haven't shipped",
    "have not shipped",
    "not yet shipped",
    "not been shipped",
    "hasn't been shipped",
    "has not been shipped",
    "haven't been shipped",
    "hasn't left",
    "has not left",
    "not left our warehouse",
    "not dispatched",
    "hasn't been dispatched",
    "still in our warehouse",
    "still being packed",
    "before it ships",
    "还没发货",
    "未发货",
]
_STATUS = {
    "picked_up": ["picked up", "collected", "on its way", "on the way", "in transit"],
    "in_transit": ["in transit", "on its way", "on the way", "moving", "between"],
    "out_for_delivery": ["out for delivery", "with the driver", "on the delivery van", "派送中"],
    "delivered": ["delivered", "signed for", "handed over", "已签收"],
}
_INTERCEPT_NEG = ["intercept", "intercepted", "interception", "call it back", "recall", "拦截"]
_REPLACEMENT = [
    "replacement",
    "reship",
    "reshipped",
    "resend",
    "re-sent",
    "resent",
    "new parcel",
    "send another",
    "sent another",
    "sending another",
    "sent you a new",
    "new one",
    "补发",
]
_NO_FEE = [
    "free shipping",
    "shipping was free",
    "no shipping fee",
    "paid no shipping",
    "no delivery fee",
    "free delivery",
    "shipped free",
    "包邮",
]
_ALREADY = [
    "already refunded",
    "already been refunded",
    "refunded already",
    "was refunded on",
    "already gave",
    "already returned",
]
# The decision's own outcome, with its polarity: phrases a customer does not say (a change
# made, first person or passive; an offer; a refusal), so neither a rule recital, a fact
# sheet nor the customer's own words meet them, and "has not been refunded" never does.
_CANT_ADDR = [
    "{can't|cannot|can not|can no longer|couldn't|unable to|not able to} {change|update|edit|redirect}",
    "{address|it} {can't|cannot|can not|can no longer|could not|couldn't} be {changed|updated|edited}",
    "{address|it} can {no longer|not} be {changed|updated|edited}",
    "too late to {change|update|redirect}",
    "no longer {change|be changed|possible}",
    "不能改",
    "改不了",
    "无法修改",
]
_DONE = "{i've|i have|we've|we have} {also |just |now |already |}"
_DID_ADDR = [
    _DONE + "{changed|updated|corrected|amended|switched|edited}",
    "{address|it} {has been|is now|was} {changed|updated|corrected|amended}",
    "{will|now} {go|goes|ship|be delivered|be sent} to",
    "已修改",
    "已改",
]
_DID_INTERCEPT = [
    _DONE + "{intercepted|recalled|called back|requested|arranged|filed|placed|started|submitted}",
    "{has been|is being|was|will be} {intercepted|called back|recalled|sent back}",
    "interception {has been|was|is} {requested|arranged|under way|in progress|placed|filed}",
    "{calling|sending|bringing} it back",
    "已拦截",
    "已申请拦截",
]
_OFFER_INTERCEPT = [
    "{can|could} {intercept|call|recall|have it|ask}",
    "i can do is",
    "{would|do} you {like|want} {me|us} to",
    "{shall|should} {i|we}",
    "if you {like|want|agree|say so|confirm|reply}",
    "just {say|reply|confirm|tell}",
    "let me know",
    "want me to",
    "要不要",
    "需要我",
]
_DID_RESHIP = [
    _DONE + "{sent|shipped|arranged|dispatched|created|reshipped|booked|sending}",
    "replacement {has been|was|is being} {sent|shipped|dispatched|arranged|created|booked}",
    "replacement is on {its|the} way",
    "{am|are|i'm|we're} sending {you |}{a|another|the|your}",
    "已补发",
    "补发了",
]
_DID_FEE = [
    _DONE + "{refunded|credited|returned|sent back|issued|paid back}",
    "{has been|was|is being|will be|have been} {refunded|credited|returned|paid back}",
    "refund {has been|was|is} {issued|made|on its way|sent|processed}",
    "{am|are|i'm|we're} refunding",
    "已退",
    "退回",
]
CHANGE_PHRASES: dict[str, list[str]] = {
    "address": _DID_ADDR,
    "intercept": _DID_INTERCEPT,
    "reship": _DID_RESHIP,
    "fee_refund": _DID_FEE,
}
"""Per kind of change (:data:`CLAIM_KINDS`), the phrases of the reply point that states it
as made ("the address was changed"); the reply scorer checks such a point against the world."""

_WONT_FEE = [
    "{can't|cannot|can not|won't|unable to|not able to|couldn't} refund",
    "{isn't|is not|not} refundable",
    "{isn't|is not|not} {eligible|due}",
    "{doesn't|does not|don't|do not} qualify",
    "no refund",
    "不能退",
    "不退",
]
_LOST = {"lost": ["lost", "missing", "丢"], "damaged": ["damaged", "broken", "crushed", "破损"]}
_NOT_LOST = ["lost", "missing", "丢"]


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case.

    Attributes:
        decision: A code of :data:`DECISIONS`.
        why: The rule that fired, in words.
        facts: Facts the decision needs (graded by ``facts_revealed``).
        lookups: One set of calls that reveals them, in order (the oracle's plan).
        writes: Calls that carry the decision out (:func:`acted_writes` of it).
        accept: Accepted range per outcome key where the policy allows a range.
        also: Other decision codes accepted beside ``decision`` (a refusal while the
            parcel is on its way: see the module's rule R).
        points: Facts the reply must state, checkable against the world.
        false_claims: Kinds of change the reply must not claim (:func:`false_claims`).
        owns: Kinds of change the writes make (the rest are false claims).
    """

    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall] = field(default_factory=list)
    accept: dict[str, tuple[float, float]] = field(default_factory=dict)
    also: tuple[str, ...] = ()
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    owns: tuple[str, ...] = ()


def false_claims(owns: tuple[str, ...]) -> list[str]:
    """The kinds of change (:data:`CLAIM_KINDS`) a reply must not claim: all but ``owns``."""
    return [k for k in CLAIM_KINDS if k not in owns]


def _days(order: Order) -> int | None:
    if order.shipped_at is None or order.delivered_at is None:
        return None
    return P.days_since(order.shipped_at, order.delivered_at)


def fee_reason(state: ShopState, order: Order) -> str | None:
    """The shipping-fee reason the world gives an order, or None.

    The latest scan lost -> ``lost``; damaged -> ``damaged_in_transit``; delivered more
    than :data:`LATE_DAYS` days after it shipped -> ``late_delivery``.
    """
    last = P.latest_event(state.logistics, order.tracking_no)
    if last is not None and last.exception == "lost":
        return "lost"
    if last is not None and last.exception == "damaged":
        return "damaged_in_transit"
    days = _days(order)
    if days is not None and days > LATE_DAYS:
        return "late_delivery"
    return None


_GENERIC = {"hub", "transit", "centre", "center", "station"}


def _place(ev: LogisticsEvent) -> list[str]:
    """Ways to name where a scan was: the whole place, or any of its proper names."""
    names = [w for w in ev.location.split() if w.lower() not in _GENERIC]
    return [ev.location, *names]


def _money(x: float) -> float:
    return round(x, 2)


def decide(state: ShopState, refs: dict[str, Any]) -> PolicyGold:
    """Apply the logistics policy to the order a case is about.

    Args:
        state: The case's world.
        refs: The case's ``world_refs`` (``order_id``, ``request``, ``consent_intercept``,
            ``new_address``, ``also_fee``).

    Returns:
        The policy's gold.

    Raises:
        ToolError: The order is not in the world (or not the customer's).
        ValueError: An unknown request.
    """
    world = LogisticsWorld(state, refs=refs)
    oid = str(refs["order_id"])
    order = world.order(oid)
    request = refs.get("request")
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    if request == "address":
        gold = _address(world, order, refs)
    elif request == "intercept":
        gold = _intercept(world, order)
    elif request == "parcel":
        gold = _parcel(world, order)
    else:
        gold = _fee(world, order, primary=True)
    if refs.get("also_fee") and request != "fee":
        extra = _fee(world, order, primary=False)
        gold = replace(
            gold,
            why=f"{gold.why}; fee: {extra.why}",
            facts=sorted(set(gold.facts) | set(extra.facts)),
            lookups=[*gold.lookups, *(c for c in extra.lookups if c not in gold.lookups)],
            points=[*gold.points, *extra.points],
            owns=gold.owns + extra.owns,
        )
    return replace(
        gold,
        writes=acted_writes(state, refs, gold.decision),
        false_claims=false_claims(gold.owns),
    )


def _calls(oid: str, *topics: str, track: bool = True) -> list[ToolCall]:
    calls = [ToolCall(name="get_order", arguments={"order_id": oid})]
    if track:
        calls.append(ToolCall(name="track_shipment", arguments={"order_id": oid}))
    calls += [ToolCall(name="get_policy", arguments={"topic": t}) for t in topics]
    return calls


def _items_total(order: Order) -> float:
    if order.payment is None:
        return 0.0
    return _money(max(0.0, order.payment.amount - order.payment.shipping_fee))


def true_sums(state: ShopState, order: Order) -> list[float]:
    """Sums of money a true reply about ``order`` may state beside a point's own figure.

    Of every order of the order's customer: its payment (amount, shipping fee, discount),
    its item total (paid less the fee), its items' prices and line totals, and the refunds
    recorded for it. A sum outside these contradicts a money point (:func:`_money_point`).
    """
    known: set[float] = set()
    for o in state.orders:
        if o.customer_id != order.customer_id:
            continue
        if o.payment is not None:
            known |= {o.payment.amount, o.payment.shipping_fee, o.payment.discount}
            known.add(_items_total(o))
        known |= {i.unit_price for i in o.items} | {_money(i.unit_price * i.qty) for i in o.items}
        known |= {r.amount for r in state.refunds if r.order_id == o.order_id}
    return sorted(_money(k) for k in known if k > 0)


def _money_point(state: ShopState, order: Order, figure: float, note: str) -> Point:
    """A sum of money the reply must state, and no other (``exclusive="money"``).

    "Either 15 or 17 yuan" states neither: an affirmed sum that is neither ``figure`` nor
    one of the customer's true sums (:func:`true_sums`) fails the point.
    """
    others = [k for k in true_sums(state, order) if abs(k - figure) > 1e-9]
    return Point(figure=figure, exclusive="money", also_true=others, note=note)


def _day_figure(figure: int, days: int, note: str) -> Point:
    """A count of days the reply must state, and no other (``exclusive="unit"``).

    "It arrived in either 5 or 7 days" states neither. True beside it: the parcel's
    days in transit (``days``), the late limit (:data:`LATE_DAYS`) and how far over it
    the parcel came ("2 days late").
    """
    true = {days, LATE_DAYS, days - LATE_DAYS} - {figure}
    also = [float(d) for d in sorted(true) if d > 0]
    return Point(figure=figure, unit="day", exclusive="unit", also_true=also, note=note)


def _days_point(days: int) -> Point:
    """The parcel's days from shipping to delivery (:func:`_day_figure`)."""
    return _day_figure(days, days, f"delivered {days} days after shipping")


def _courier_point(order: Order) -> Point:
    name = order.courier or ""
    short = name.split()[0] if name else name
    return Point(any=[name, short], anchor=True, note=f"the courier is {name}")


def _why_not_intercept(world: LogisticsWorld, order: Order) -> list[Point]:
    """Points that say why a parcel cannot be called back."""
    s = world.state
    last = P.latest_event(s.logistics, order.tracking_no)
    if order.status in ("out_for_delivery", "delivered") or (
        last is not None and last.status in ("out_for_delivery", "delivered")
    ):
        st = last.status if last is not None else order.status
        return [Point(any=_STATUS[st], note=f"the parcel is already {st.replace('_', ' ')}")]
    pol = s.policies.interception
    if pol.couriers and order.courier not in pol.couriers:
        return [
            _courier_point(order),
            Point(any=_INTERCEPT_NEG, note=f"{order.courier} cannot intercept parcels"),
        ]
    return [Point(any=_INTERCEPT_NEG, note=f"no interception while {order.status}")]


def _address(world: LogisticsWorld, order: Order, refs: dict[str, Any]) -> PolicyGold:
    s = world.state
    oid = order.order_id
    ok = P.can_change_address(order, s.policies.address_change)
    if ok:
        return PolicyGold(
            "change_address",
            f"A1: order is {order.status}, before the address cut-off",
            [f"order:{oid}:status", "policy:address_change"],
            _calls(oid, "address_change", track=False),
            points=[
                Point(any=_NOT_SHIPPED, note="the order has not shipped yet"),
                Point(any=_DID_ADDR, note="the address was changed"),
            ],
            owns=("address",),
        )
    facts = [
        f"order:{oid}:status",
        f"order:{oid}:shipping",
        f"order:{oid}:tracking",
        "policy:address_change",
        "policy:interception",
    ]
    calls = _calls(oid, "address_change", "interception")
    cant = Point(any=_CANT_ADDR, note="the address can no longer be changed")
    v = P.can_intercept(order, s.logistics, s.policies.interception)
    total = _items_total(order)
    if v and refs.get("consent_intercept"):
        return PolicyGold(
            "intercept",
            f"A2: order {order.status} with {order.courier}: interception, customer agreed",
            facts,
            calls,
            points=[
                cant,
                Point(any=_DID_INTERCEPT, note="the parcel is being called back"),
                _money_point(s, order, total, f"the item total refunded, {total:.2f}"),
            ],
            owns=("intercept",),
        )
    if v:
        return PolicyGold(
            "offer_intercept",
            f"A3: order {order.status} with {order.courier}: interception possible, not asked",
            facts,
            calls,
            points=[
                cant,
                Point(any=_OFFER_INTERCEPT, note="interception is offered"),
                _money_point(
                    s, order, total, f"the item total refunded if intercepted, {total:.2f}"
                ),
            ],
        )
    return PolicyGold(
        "decline",
        f"A4: address cannot change and no interception: {v.why}",
        facts,
        calls,
        points=[cant, *_why_not_intercept(world, order)],
    )


def _intercept(world: LogisticsWorld, order: Order) -> PolicyGold:
    s = world.state
    oid = order.order_id
    shipped = order.tracking_no is not None
    facts = [f"order:{oid}:status", f"order:{oid}:shipping", "policy:interception"]
    if shipped:
        facts.insert(2, f"order:{oid}:tracking")
    calls = _calls(oid, "interception", track=shipped)
    v = P.can_intercept(order, s.logistics, s.policies.interception)
    if v:
        total = _items_total(order)
        return PolicyGold(
            "intercept",
            f"I1: order {order.status} with {order.courier}: interception allowed",
            facts,
            calls,
            points=[
                Point(any=_DID_INTERCEPT, note="the parcel is being called back"),
                _money_point(s, order, total, f"the item total refunded, {total:.2f}"),
            ],
            owns=("intercept",),
        )
    return PolicyGold(
        "decline",
        f"I2: {v.why}",
        facts,
        calls,
        points=_why_not_intercept(world, order),
    )


def _parcel(world: LogisticsWorld, order: Order) -> PolicyGold:
    s = world.state
    oid = order.order_id
    if order.tracking_no is None:
        return PolicyGold(
            "explain_status",
            f"P2: order is {order.status}, not shipped yet",
            [f"order:{oid}:status"],
            _calls(oid, track=False),
            points=[Point(any=_NOT_SHIPPED, note="the order has not shipped yet")],
            also=("decline",),
        )
    facts = [f"order:{oid}:tracking", "policy:reship"]
    calls = [
        ToolCall(name="track_shipment", arguments={"order_id": oid}),
        ToolCall(name="get_policy", arguments={"topic": "reship"}),
    ]
    last = P.latest_event(s.logistics, order.tracking_no)
    reshipped = any(r.order_id == oid for r in s.reships)
    v = P.can_reship(order, s.logistics, s.policies.reship, reshipped, P.refunded(s, oid, "item"))
    if v and last is not None and last.exception is not None:
        new_no = f"{order.tracking_no}-R{len(s.reships) + 1}"
        return PolicyGold(
            "reship",
            f"P1: latest scan {last.exception} at {last.location}",
            facts,
            calls,
            points=[
                Point(any=_LOST[last.exception], note=f"the courier reports it {last.exception}"),
                Point(any=_REPLACEMENT, note="a replacement is sent"),
                Point(any=_DID_RESHIP, note="the replacement was sent (a change made)"),
                # The number counts only beside the replacement stated as sent (point 2).
                Point(
                    any=[new_no],
                    anchor=True,
                    requires=[2],
                    note=f"the new tracking number {new_no}",
                ),
            ],
            owns=("reship",),
        )
    if last is None or last.status in ("picked_up", "in_transit", "out_for_delivery"):
        pts = [Point(any=_NOT_LOST, note="the parcel is not lost")]
        if last is not None:
            pts = [
                Point(any=_place(last), anchor=True, note=f"last scan at {last.location}"),
                Point(any=_STATUS[last.status], note=f"it is {last.status.replace('_', ' ')}"),
                *pts,
            ]
        return PolicyGold(
            "explain_status",
            f"P2: latest scan {last.status if last else 'none'}: on its way, no reship",
            facts,
            calls,
            points=pts,
            also=("decline",),
        )
    if reshipped:
        rec = next(r for r in s.reships if r.order_id == oid)
        return PolicyGold(
            "decline",
            "P3: already reshipped once",
            facts,
            calls,
            points=[
                Point(any=_ALREADY_RESHIPPED, note="a replacement was already sent"),
                Point(
                    any=[rec.tracking_no],
                    anchor=True,
                    requires=[0],
                    note="the replacement's tracking number (with the replacement stated)",
                ),
            ],
        )
    assert last is not None
    return PolicyGold(
        "decline",
        f"P3: latest scan {last.status} at {last.location}",
        facts,
        calls,
        points=[
            Point(any=_STATUS.get(last.status, [last.status]), note=f"the scan says {last.status}"),
            Point(any=_place(last), anchor=True, note=f"scanned at {last.location}"),
        ],
    )


_ALREADY_RESHIPPED = [
    "already sent a replacement",
    "already reshipped",
    "already been reshipped",
    "replacement was already",
    "replacement has already",
    "already sent you a replacement",
    "already sent a new",
]


def _fee(world: LogisticsWorld, order: Order, primary: bool) -> PolicyGold:
    s = world.state
    oid = order.order_id
    facts = [f"order:{oid}:payment", f"order:{oid}:tracking", "policy:shipping_fee"]
    calls = _calls(oid, "shipping_fee", track=order.tracking_no is not None)
    if order.tracking_no is None:
        facts = [f"order:{oid}:payment", f"order:{oid}:status", "policy:shipping_fee"]
    fee = order.payment.shipping_fee if order.payment else 0.0
    reason = fee_reason(s, order)
    already = P.refunded(s, oid, "shipping_fee")
    no = Point(any=_WONT_FEE, note="the fee is not refunded")
    if fee <= 0:
        return PolicyGold(
            "decline",
            "F2: no shipping fee was paid",
            facts,
            calls,
            points=[Point(any=_NO_FEE, note="the order paid no shipping fee")],
        )
    if already > 0:
        return PolicyGold(
            "decline",
            "F2: the fee was already refunded",
            facts,
            calls,
            points=[
                Point(any=_ALREADY, note="the fee was already refunded"),
                _money_point(s, order, already, f"{already:.2f} refunded before"),
            ],
        )
    if reason is not None:
        v = P.shipping_fee_refundable(order, reason, s.policies.shipping_fee, already)
        if v:
            pts = [
                _money_point(s, order, fee, f"the fee refunded, {fee:.2f}"),
                Point(any=_DID_FEE, note="it is refunded (a change made)"),
            ]
            days = _days(order)
            if reason == "late_delivery" and days is not None:
                pts.append(_days_point(days))
            return PolicyGold(
                "refund_fee",
                f"F1: {reason}, fee {fee:.2f}",
                facts,
                calls,
                points=pts,
                owns=("fee_refund",),
            )
    days = _days(order)
    if days is not None:
        limit = _day_figure(LATE_DAYS, days, f"late means more than {LATE_DAYS} days")
        pts = [_days_point(days), limit, no]
        why = f"F2: delivered on day {days}, not late"
    else:
        last = P.latest_event(s.logistics, order.tracking_no)
        status = last.status if last is not None else order.status
        # Not delivered: the late rule does not apply yet, so its limit is not a point.
        pts = [Point(any=_STATUS.get(status, _NOT_SHIPPED), note=f"it is {status}"), no]
        why = f"F2: not delivered yet ({status}), no lost or damaged scan"
        return PolicyGold("decline", why, facts, calls, points=pts, also=("explain_status",))
    return PolicyGold("decline", why, facts, calls, points=pts)


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's reply points a case must carry: those the user's words do not meet."""
    if not gold.points:
        return []
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    kept = [i for i, p in enumerate(gold.points) if p not in echoed]
    where = {old: new for new, old in enumerate(kept)}
    return [
        gold.points[i].model_copy(
            update={"requires": [where[r] for r in gold.points[i].requires if r in where]}
        )
        for i in kept
    ]


def check_case(world: LogisticsWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the menu and gold decision, the lookups and the facts they must reveal, the
    writes, the claims the reply must not make, the reply points and the order entity.

    Args:
        world: The case's world.
        case: An order_logistics case.

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
    except (KeyError, ValueError, ToolError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems: list[str] = []
    menu = {o.id: o.code for o in case.options.get("decision", [])}
    accepted = case.grading.get("action.decision", {}).get("accept", [])
    if sorted(menu.get(str(a)) or "" for a in accepted) != sorted(gold.also):
        problems.append(f"grading['action.decision'].accept should name {sorted(gold.also)}")
    problems += policy_gold_problems(case, gold, reply_points(gold, case), menus=MENUS)
    entities = case.gold.get(Stage.PERCEPTION, {}).get("entities", {})
    if entities.get("order_id") != refs.get("order_id"):
        problems.append("gold.perception.entities.order_id differs from world_refs.order_id")
    order = world.order(str(refs["order_id"]))
    if entities.get("sku") not in {it.sku for it in order.items}:
        problems.append("gold.perception.entities.sku is not an item of the order")
    return problems


# -- a decision acted out (the shortcut audit's ``acted_*`` strategies) ----------------------
def acted_writes(state: ShopState, refs: dict[str, Any], kind: str) -> list[ToolCall]:
    """The writes that carry out decision ``kind`` for the order a case is about.

    The new address the customer gave (none given, no change), the interception with the
    request's reason, the reship with the latest scan's exception, the fee refund with
    the reason the world gives (else ``late_delivery``); ``offer_intercept``,
    ``explain_status`` and ``decline`` write nothing. With ``also_fee`` the writes of the
    fee rule's own decision are added (they do not depend on ``kind``). The one coding of
    the write rules: :func:`decide` writes these for its own decision; the shortcut audit
    plays them for another (:data:`act`), the same act for the wrong decision.

    Raises:
        ToolError: The order is not in the world (or not the customer's).
    """
    world = LogisticsWorld(state, refs=refs)
    order = world.order(str(refs["order_id"]))
    calls = _writes(state, refs, order, kind)
    if refs.get("also_fee") and refs.get("request") != "fee":
        made = [(c.name, c.arguments) for c in calls]
        fee = _fee(world, order, primary=False).decision
        calls += [c for c in _writes(state, refs, order, fee) if (c.name, c.arguments) not in made]
    return calls


def _writes(state: ShopState, refs: dict[str, Any], order: Order, kind: str) -> list[ToolCall]:
    """The writes of decision ``kind`` alone (see :func:`acted_writes`)."""
    oid = order.order_id
    if kind == "change_address" and refs.get("new_address"):
        args = {"order_id": oid, **dict(refs["new_address"])}
        return [ToolCall(name="change_address", arguments=args)]
    if kind == "intercept":
        why = "address" if refs.get("request") == "address" else "customer no longer wants it"
        return [ToolCall(name="intercept_shipment", arguments={"order_id": oid, "reason": why})]
    if kind == "reship":
        last = P.latest_event(state.logistics, order.tracking_no)
        exception = last.exception if last is not None and last.exception else "lost"
        return [ToolCall(name="reship_order", arguments={"order_id": oid, "reason": exception})]
    if kind == "refund_fee":
        reason = fee_reason(state, order) or "late_delivery"
        args = {"order_id": oid, "reason": reason}
        return [ToolCall(name="refund_shipping_fee", arguments=args)]
    return []


act = writes_act(acted_writes)
"""The hook of the ``acts`` key: decision ``label`` acted out by :func:`acted_writes`."""

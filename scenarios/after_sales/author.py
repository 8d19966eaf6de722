"""Build after_sales cases from the hand-written drafts (a tool for case writers).

A writer writes the situation and the human judgements in ``drafts.py``: the customer
and their order (a short spec this tool expands into the world patch), ``world_refs``
(issue, wants, new SKU), the hidden persona, the dialogue, the rewrite and its points,
intent, attitude, FAQ id, and notes naming the guideline line that decided each label.
This tool applies ``policy.py`` to each case's world and writes what the rules decide:
the resolution and a menu of five catalogue codes (order drawn from the case id), the
lookups and facts, the writes, the oracle's offer messages (as many as the persona's
pushback needs), the negotiation parameters and the reply points. It never chooses a
resolution itself, and ``ecomstage validate`` checks the result again. Before that,
:func:`redraw` deals the world facts the policy does not decide on (tier, the day of
delivery, days in the warehouse, a compensation on another order, whether the item was
used, a price since lowered) alike over the cases of every resolution and every FAQ, so
the world alone names neither the resolution nor the FAQ (issue 12).

    python scenarios/after_sales/author.py   # rewrites scenarios/after_sales/cases.jsonl
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case
from ecomstage_env.errors import ScenarioError
from ecomstage_env.scoring.points import Point, Text, point_met
from ecomstage_env.world.base import merge_patch

HERE = Path(__file__).resolve().parent
world_mod = import_from_folder(HERE, "world")
policy = import_from_folder(HERE, "policy")
drafts = import_from_folder(HERE, "drafts")

TODAY = date(2026, 6, 20)
ADDRESS = {
    "name": "",
    "phone": "138-0000-2222",
    "province": "Zhejiang",
    "city": "Hangzhou",
    "district": "Xihu",
    "street": "8 Wensan Rd",
}


def _h(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16)


def _stamp(days_ago: int, hour: int = 10) -> str:
    return f"{(TODAY - timedelta(days=days_ago)).isoformat()}T{hour:02d}:00"


_TIMED = ("late_delivery", "price_drop", "service")
_SAYS_TIMING = re.compile(
    r"quick|fast|late|slow|delay|on time|prompt|two days|next day|took|准时|很快|慢|晚", re.I
)


TRANSIT_MAX = 12
"""Most days a parcel of a case about something else spends with the courier (nine
before the FAQ's redraw: 9 of the 11 parcels 11 to 15 days from payment to the door were
then a late-delivery complaint's, the FAQ's RF4 or CM2)."""


def _transit(d: dict[str, Any]) -> int:
    """Days the parcel of a draft's order spent with the courier.

    Two unless the draft says otherwise; in a case about something else whose dialogue
    says nothing of the delivery's speed, one to :data:`TRANSIT_MAX` days drawn from the
    order id, so a slow parcel is no sign that the complaint is about lateness (a
    reviewer's rule that read only the order's timestamps found every late parcel in a
    late-delivery case).
    """
    if d.get("issue") in _TIMED or _SAYS_TIMING.search(_said(d)):
        return 2
    return 1 + _h(f"{d['order']}:transit") % TRANSIT_MAX


TIERS = ("regular", "silver", "gold", "platinum")
AGE_SPANS = (
    (0, 1), (2, 3), (4, 5), (6, 7), (8, 10), (11, 15), (16, 30), (31, 45), (46, 60), (61, 90)
)  # fmt: skip
"""Days since delivery a redrawn case may get, in spans: a span first (the one dealt
least so far among the cases of its resolution, of those the one dealt least among the
cases of its FAQ), then a day in it drawn from the order id, both among the days the
policy's windows leave open, so a recent delivery is as common in a return case as in a
late-parcel one, and a delivery two months back not only a late-return question's."""
SERVICE_DAYS = 15
"""Most days since delivery for a complaint about the delivery itself (late, service)."""

_SAYS_TIER = re.compile(r"member|gold|platinum|silver|vip|会员", re.I)
_SAYS_WHEN = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|this (morning|afternoon|evening)|ago|days?|weeks?"
    r"|weekend|months?|years?|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|\d+(st|nd|rd|th)|finally)\b"
    r"|今天|昨天|前天|天|周|星期|月|号",
    re.I,
)
"""Words that may date the order or its delivery: a dialogue with one keeps its dates."""
_SAYS_PAST = re.compile(r"coupon|voucher|compensat|last time|again|before|优惠券|补偿|上次", re.I)
"""Words about earlier dealings: a dialogue with one gets no made-up past compensation."""
NOT_DATED = frozenset(
    {
        # timing words that say only how late the parcel was, not when it came:
        "late-platinum-greedy",  # "6 days late"
        "late-silver-human",  # "arrived 9 days late, 9 days!!"
        "late-gold-terse",  # "late by a week" ... "it has arrived now, right?" "yes"
        "late-plat-terse",  # "Order late 4 days"
        "late-silver-greedy",  # "came two days after the birthday", "two extra days"
        "late-reg-coupon-order",  # "came a week late"
        "late-reg-fee",  # "late 5 days"
        "gold-late-review",  # "a customer for 3 years and my earbuds take 9 days. 9!"
        "plat-late-human",  # "6 days behind schedule", "Has it arrived now?" "yes"
        "cm-black-restock",  # "it came two days late btw"
        # timing words about something else:
        "duvet-mind-changed",  # "It shows 599 today"
        "eb-crackle-human",  # "Third message today"
        "again-eb-crack",  # the agent's "How can I help today?"
        "again-shirt-threat",  # "If it isn't fixed today"
        "plat-rude-driver",  # the agent's "within 7 days of payment"
        "locker-wrong-again",  # "That's twice this year"
    }
)
"""Drafts whose timing words do not date the order or its delivery (read by hand): the
drafted delay (payment to delivery) is kept, the day it came is redrawn."""
PAST_SHARE = 0.4
"""The share of each resolution's customers given a compensation record (the escalated
cases' records of their own order make about that share of theirs)."""
DISPATCH_MAX = 3
"""Most extra days in the warehouse a parcel of a case about something else may get."""
_NAMES_COURIER = re.compile(
    r"courier|depot|scan|tracking|boat|Changsha|Jiaxing|warehouse|快递|仓库", re.I
)
"""Words about where a parcel was held: a dialogue with one keeps the courier's days."""


USED_SHARE = 0.5
"""The share of each FAQ's cases whose item is marked used, where the dialogue does not
speak of its state and the policy decides the same (the 10 late-return drafts had 7 of
the 13 used items)."""
_SAYS_STATE = re.compile(
    r"\bus(e|ed|ing)\b|unused|wor[en]|wear|tags?\b|\bnew\b|unopened|open(ed)?\b|wash|tried"
    r"|box|packag|穿|用|吊牌|包装|拆",
    re.I,
)
"""Words about the item's state: a dialogue with one keeps the drafted ``used``."""
PRICE_SHARE = 0.6
"""The share of each FAQ's cases whose order was paid at a price the shop has since
lowered, where the customer says nothing of prices and the policy decides the same
(every price-drop draft has one, and none of the others had)."""
_SAYS_PRICE = re.compile(
    r"pric|cost|paid|\bpay|yuan|rmb|¥|元|块|cheap|expensive|discount|sale\b|deal|money"
    r"|refund of|价|钱|便宜|贵",
    re.I,
)
"""Words about what the order cost: a dialogue with one keeps the drafted price."""


def _said(d: dict[str, Any]) -> str:
    return " ".join(str(t) for _, t in d.get("dialogue", []))


def _outcome(d: dict[str, Any], base: dict[str, Any]) -> tuple[Any, ...]:
    """What the policy decides for a draft's world: everything a redraw must keep."""
    state = world_mod.AfterSalesState.model_validate(merge_patch(base, _patch(d, base)))
    refs = {k: d[k] for k in ("issue", "wants", "sku")}
    refs |= {"customer_id": d["customer"], "order_id": d["order"], "new_sku": d.get("new_sku")}
    g = policy.decide(state, refs)
    why = re.sub(r"\d+|regular|silver", "#", g.why)  # a day count, a tier that pays no cash
    return g.decision, g.amount, why, tuple(g.allowed)


def _free_tiers(d: dict[str, Any]) -> tuple[str, ...]:
    """The tiers a draft's customer may get without changing the case (none: keep it)."""
    if _SAYS_TIER.search(_said(d)):
        return ()
    if d["issue"] in policy.SERVICE and not d.get("compensated"):
        # tier decides cash vs coupon; gold and platinum pay different cash: keep those
        return () if d.get("tier", "regular") in policy.CASH_TIERS else TIERS[:2]
    return TIERS


def _free_days(
    d: dict[str, Any], base: dict[str, Any], was: tuple[Any, ...]
) -> dict[int, list[int]]:
    """The days since delivery a draft's parcel may have come without changing the case.

    By the index of their span in :data:`AGE_SPANS`; empty where the draft's day stays.
    """
    if d.get("delivered") is None:
        return {}
    if _SAYS_WHEN.search(_said(d)) and d["key"] not in NOT_DATED:
        return {}
    first = d.get("compensated", 0)  # a compensation on the order came after delivery
    last = SERVICE_DAYS if d["issue"] in policy.SERVICE else AGE_SPANS[-1][1]
    return {
        j: days
        for j, (lo, hi) in enumerate(AGE_SPANS)
        if lo <= last
        and (days := [a for a in range(max(lo, first), min(hi, last) + 1)
                     if _outcome(_aged(d, a), base) == was])
    }  # fmt: skip


def _span(age: int) -> int:
    """The index of the span of :data:`AGE_SPANS` a day falls in (the last past them)."""
    return next((j for j, (_, hi) in enumerate(AGE_SPANS) if age <= hi), len(AGE_SPANS) - 1)


def _least(used: list[tuple[Counter[Any], int]], choices: list[Any], key: str) -> Any:
    """The choice dealt least so far, ties broken by a hash of ``key``.

    Least by its share of the cases of the first group in ``used`` (what was dealt, how
    many cases), a tie by the next group's, and so on: a span the resolution's cases lack
    first, among those the one the FAQ's cases lack.
    """
    k = _h(key) % len(choices)
    turn = choices[k:] + choices[:k]
    return min(turn, key=lambda c: tuple(u[c] / n for u, n in used))


def _paid_days(d: dict[str, Any]) -> int:
    """Days before today a draft's order was paid (as :func:`_patch` stamps it)."""
    return int(d.get("paid", (d.get("delivered") or 0) + _transit(d) + 1))


def _may_use(d: dict[str, Any], base: dict[str, Any], was: tuple[Any, ...]) -> bool:
    """Whether a draft's item may be marked used without changing the case.

    Not where the draft sets its state (``used``, ``no_tags``), the dialogue speaks of it
    (:data:`_SAYS_STATE`), the parcel has not come, or the policy decides otherwise.
    """
    if d.get("used") or d.get("no_tags") or d.get("delivered") is None:
        return False
    if _SAYS_STATE.search(_said(d)):
        return False
    return _outcome(dict(d, used=True), base) == was


def _dropped_prices(ds: list[dict[str, Any]], base: dict[str, Any]) -> dict[str, float]:
    """By SKU, the commonest price the price-drop drafts paid.

    Under ``""``, their commonest markup over the catalogue price. One value each: a
    spread of made-up prices is a feature a world-only model fits noise with (the
    attitude's world-only row rose from 28 to 60 with every drafted price on offer).
    """
    out: dict[str, list[float]] = defaultdict(list)
    for d in ds:
        if d["issue"] == "price_drop" and "price" in d:
            out[d["sku"]].append(float(d["price"]))
            out[""].append(float(d["price"]) - _list_price(d, base))
    return {k: max(sorted(set(v)), key=v.count) for k, v in out.items()}


def _marked_up(d: dict[str, Any], base: dict[str, Any], dropped: dict[str, float]) -> float:
    """A price the draft's order could have been paid before the shop lowered it.

    The one the price-drop drafts paid for its SKU, else its catalogue price plus their
    markup (:func:`_dropped_prices`).
    """
    return dropped.get(d["sku"], _list_price(d, base) + dropped[""])


def _may_price(d: dict[str, Any], base: dict[str, Any], was: tuple[Any, ...], price: float) -> bool:
    """Whether a draft's order may have been paid ``price`` without changing the case.

    Not in a price-drop case or where the draft sets the price, where the dialogue
    speaks of prices or quotes the catalogue's (:data:`_SAYS_PRICE`), where the order was
    paid within the price-protection window (a refund of the difference would be due),
    or where the policy decides otherwise (a refund's amount, a coupon's minimum spend).
    """
    said = _said(d)
    if d["issue"] == "price_drop" or "price" in d or _SAYS_PRICE.search(said):
        return False
    if re.search(rf"\b{int(_list_price(d, base))}\b", said):
        return False
    if _paid_days(d) <= base["policies"]["price_protection"]["window_days"]:
        return False
    return _outcome(dict(d, price=price), base) == was


def _list_price(d: dict[str, Any], base: dict[str, Any]) -> float:
    """The catalogue price of a draft's SKU."""
    skus = (s for p in base["products"] for s in p["skus"])
    return float(next(s["price"] for s in skus if s["sku"] == d["sku"]))


def redraw(ds: list[dict[str, Any]], base: dict[str, Any]) -> list[dict[str, Any]]:
    """The drafts with the world facts that do not decide their cases dealt afresh.

    The drafts were written around their requests: every gold or platinum member had a
    late parcel (cash), every silver one a coupon case, late parcels came the day before
    "today", only escalated cases had a compensation history, so a rule reading only
    the world (never the customer) named the resolution far above chance (issue 12).
    Each free fact is dealt so that it is spread alike over the cases of every
    resolution: the cases of one resolution in an order drawn from their order ids, each
    taking the value dealt least so far among its resolution's cases (ties by a hash of
    the order id; no RNG state). Kept where the dialogue speaks of it or the policy
    turns on it:

    - tier: any of the four, unless the dialogue names one; for a late parcel or a
      service failure (where tier decides cash vs coupon) regular or silver for a coupon
      case (gold and platinum pay different cash, so those stay);
    - the day of delivery (payment and shipping move with it, the drafted delay is
      kept): a span of :data:`AGE_SPANS` (up to :data:`SERVICE_DAYS` for a complaint
      about the delivery), then a day in it, among the days on which the
      policy decides the same (resolution, amount, reason, allowed outcomes), unless
      the dialogue dates the order or the delivery (:data:`_SAYS_WHEN`, less
      :data:`NOT_DATED`); never before a compensation on the order;
    - a past compensation on another order (``old_comp``: no effect by the policy) for
      customers whose dialogue mentions no earlier dealings, until :data:`PAST_SHARE`
      of the resolution's customers have a compensation record;
    - the days in the warehouse before shipping (:func:`_dispatch`);
    - whether the item was used, until :data:`USED_SHARE` of the FAQ's cases have a used
      item, where the dialogue says nothing of its state (:func:`_may_use`);
    - a price paid before the shop lowered it (:func:`_marked_up`), until
      :data:`PRICE_SHARE` of the FAQ's cases have one, where the customer says nothing of
      prices and paid outside the price-protection window (:func:`_may_price`).

    The FAQ is the customer's question, which the drafts had also written worlds around
    (8 of the 11 deliveries over 30 days back and 7 of the 13 used items in the 10
    late-return cases, every price above the catalogue's in a price-drop one, 9 of the
    11 parcels 11 to 15 days on the way a late one's, RF4 or CM2): the span of days is dealt
    least among the cases of the resolution, then of the FAQ, used items and
    lowered prices until a share of each FAQ's cases. The facts an FAQ does turn on stay:
    a late-return customer's own dates, a price-drop case's price, a compensation on
    the order itself (a new complaint about it is the platform's, CM2).

    Raises:
        ScenarioError: A redrawn world changes the policy's outcome.
    """
    was = [_outcome(d, base) for d in ds]
    tiers: dict[str, Counter[str]] = defaultdict(Counter)
    spans: dict[str, Counter[int]] = defaultdict(Counter)
    past: Counter[str] = Counter()
    out = [dict(d) for d in ds]
    size = Counter(str(w[0]) for w in was)
    for i, d in enumerate(ds):  # compensation records that stay count as dealt
        past[str(was[i][0])] += bool(d.get("compensated") or d.get("old_comp"))
    by_faq: dict[str, Counter[int]] = defaultdict(Counter)
    n_faq = Counter(d["faq"] for d in ds)
    used = Counter(d["faq"] for d in ds if d.get("used"))
    marked = Counter(d["faq"] for d in ds if "price" in d)
    dropped = _dropped_prices(ds, base)
    for i, d in enumerate(ds):  # the drafted days that stay count as dealt
        if d.get("delivered") is not None and not _free_days(d, base, was[i]):
            spans[str(was[i][0])][_span(d["delivered"])] += 1
            by_faq[d["faq"]][_span(d["delivered"])] += 1
    for i in sorted(range(len(ds)), key=lambda i: _h(f"{ds[i]['order']}:deal")):
        d, res, key, faq = ds[i], str(was[i][0]), ds[i]["order"], ds[i]["faq"]
        if free := _free_tiers(d):
            out[i]["tier"] = t = _least([(tiers[res], 1)], list(free), f"{key}:tier")
            tiers[res][t] += 1
        if not d.get("old_comp") and not _SAYS_PAST.search(_said(d)):
            out[i]["old_comp"] = past[res] < PAST_SHARE * size[res]
            past[res] += out[i]["old_comp"]
        if days := _free_days(d, base, was[i]):
            shares = [(spans[res], size[res]), (by_faq[faq], n_faq[faq])]
            j = _least(shares, list(days), f"{key}:span")
            spans[res][j] += 1
            by_faq[faq][j] += 1
            out[i] = _aged(out[i], days[j][_h(f"{key}:age") % len(days[j])])
        out[i]["dispatch"] = _dispatch(d)
        if used[faq] < USED_SHARE * n_faq[faq] and _may_use(out[i], base, was[i]):
            out[i]["used"] = True
            used[faq] += 1
        price = _marked_up(out[i], base, dropped)
        if marked[faq] < PRICE_SHARE * n_faq[faq] and _may_price(out[i], base, was[i], price):
            out[i]["price"] = price
            marked[faq] += 1
        if _outcome(out[i], base) != was[i]:
            raise ScenarioError(
                f"drafts.py: {d['key']}: the redrawn world changes the policy's outcome"
            )
    return out


def _dispatch(d: dict[str, Any]) -> int:
    """Days beyond the first that the order waited in the warehouse before shipping.

    Zero where the dialogue speaks of the delivery's speed or of the courier, or the
    order was compensated (its dates are the complaint's story); in a late-delivery case
    whose customer does not say where the parcel was held, the drafted delay (payment to
    delivery) is kept but the courier's share of it is one to :data:`TRANSIT_MAX` days
    drawn as :func:`_transit` draws any other parcel's, the rest spent in the warehouse,
    so a long time with the courier is no sign of a late-delivery complaint; in a case
    about something else, 0 to :data:`DISPATCH_MAX` days.
    """
    said = _said(d)
    if d.get("delivered") is None or d.get("compensated") or _NAMES_COURIER.search(said):
        return 0
    if d["issue"] == "late_delivery":
        total = int(d.get("paid", 0)) - int(d["delivered"])  # payment to delivery
        if total < 3:
            return 0
        return total - 2 - _h(f"{d['order']}:transit") % min(TRANSIT_MAX, total - 1)
    if d["issue"] in _TIMED or _SAYS_TIMING.search(said):
        return 0
    return _h(f"{d['order']}:dispatch") % (DISPATCH_MAX + 1)


def _aged(d: dict[str, Any], age: int) -> dict[str, Any]:
    """A draft delivered ``age`` days ago, paid and shipped as long before as drafted."""
    out = dict(d, delivered=age)
    if "paid" in d:
        out["paid"] = d["paid"] - d["delivered"] + age
    return out


def _patch(d: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The world patch of a draft: its customer and order."""
    cid, oid = d["customer"], d["order"]
    sku = d["sku"]
    product = next(p for p in base["products"] if any(s["sku"] == sku for s in p["skus"]))
    s = next(x for x in product["skus"] if x["sku"] == sku)
    opts = ", ".join(s["options"].values())
    price = d.get("price", s["price"])
    qty = d.get("qty", 1)
    deliv = d.get("delivered")
    paid = d.get("paid", (deliv or 0) + _transit(d) + 1)
    status = d.get("status", "delivered" if deliv is not None else "in_transit")
    fee = d.get("fee", 0.0)
    item = {
        "sku": sku,
        "product_id": product["product_id"],
        "title": f"{product['title'].split(' ')[0]} {product['title'].split(' ')[1]} ({opts})",
        "qty": qty,
        "unit_price": price,
    }
    if d.get("used"):
        item["used"] = True
    if d.get("no_tags"):
        item["tags_attached"] = False
    order: dict[str, Any] = {
        "order_id": oid,
        "customer_id": cid,
        "status": status,
        "items": [item],
        "placed_at": _stamp(paid, 9),
        "paid_at": _stamp(paid, 9),
        "shipped_at": _stamp(max(paid - 1 - d.get("dispatch", 0), 0), 12),
        "payment": {
            "method": d.get("pay", "alipay"),
            "amount": round(price * qty + fee, 2),
            "shipping_fee": fee,
        },
        "address": {**ADDRESS, "name": d["name"]},
        "courier": "SF Express",
        "tracking_no": "SF" + oid[2:],
    }
    if deliv is not None:
        order["delivered_at"] = _stamp(deliv, 16)
    history = []
    if d.get("compensated"):
        history.append(
            {
                "date": (TODAY - timedelta(days=d["compensated"])).isoformat(),
                "kind": "coupon",
                "amount": 10.0,
                "order_id": oid,
            }
        )
    if d.get("old_comp"):
        history.append({"date": "2026-01-12", "kind": "coupon", "amount": 5.0, "order_id": None})
    customer = {
        "customer_id": cid,
        "name": d["name"],
        "tier": d.get("tier", "regular"),
        "compensation_history": history,
    }
    orders = [order]
    if d.get("other"):
        o2 = json.loads(json.dumps(order))
        o2["order_id"] = d["other"]
        o2["tracking_no"] = "SF" + d["other"][2:]
        o2["items"][0]["used"] = True
        o2["placed_at"] = o2["paid_at"] = _stamp(paid + 20, 9)
        o2["shipped_at"] = _stamp(paid + 19, 12)
        if "delivered_at" in o2:
            o2["delivered_at"] = _stamp(paid + 17, 16)
        orders.append(o2)
    return {"customers": [customer], "orders": orders}


OFFER = {
    "appease": [
        "I'm sorry about this. {why_text} I understand it's disappointing.",
        "I'm really sorry. {why_text} I do understand the frustration.",
    ],
    "coupon": [
        "I'm sorry for the trouble. I can offer you a {amt} yuan coupon for your next order. Shall I add it?",
        "Apologies for this. I can issue a {amt}-yuan coupon to your account as goodwill. Is that OK?",
    ],
    "cash": [
        "I'm sorry about this. As a {tier} member I can offer you {amt} yuan cash compensation. Shall I send it?",
        "Sorry for the trouble. I can pay you {amt} yuan in cash compensation. Would that be OK?",
    ],
    "return": [
        "I can open a return for the {title}; the refund of {amt} yuan follows once it's processed. Shall I go ahead?",
        "I can start a return for you, with a refund of {amt} yuan. Would you like that?",
    ],
    "exchange": [
        "I can exchange it for the {new} one, same price. Would you like that?",
        "I can arrange an exchange for the {new}; it's in stock. Shall I?",
    ],
    "escalate": [
        "I'll pass this to a specialist, who will reply within 24 hours. Is that OK?",
        "I can open a ticket with a specialist; they reply within 24 hours. Shall I?",
    ],
}
AGAIN = {
    "appease": "I hear you, and I'm sorry. {why_text}",
    "coupon": "I understand. Under our goodwill policy a coupon is what I can offer here: {amt} yuan off. Shall I add it?",
    "cash": "I understand. I can pay you {amt} yuan, the cash compensation our policy sets for this. Shall I send it?",
    "return": "I understand. I can open a return for the {title} with a full refund of {amt} yuan. Shall I?",
    "exchange": "I understand. I can still exchange it for the {new}, same price. Shall I go ahead?",
    "escalate": "I understand. A specialist can look at this properly; I'll open the ticket and they reply within 24 hours. OK?",
}
REPLY = {
    "appease": [
        "I'm sorry I can't do more here. {why_text} Thank you for your understanding.",
        "Thanks for bearing with me. {why_text} Sorry it's not the answer you hoped for.",
        "{why_text} I know that's frustrating, and I'm sorry.",
        "I checked your order carefully. {why_text} I'm sorry about that.",
    ],
    "coupon": [
        "Done: I've issued a {amt} yuan coupon to your account for the trouble with the {item} (order {oid}). Sorry again!",
        "I've added a {amt}-yuan coupon to your account as an apology for order {oid}, the {item}; it's valid for 30 days.",
        "Your {amt} yuan coupon has been issued. Sorry the {item} delivery on order {oid} let you down.",
        "As an apology for the {item} on order {oid}, a coupon worth {amt} yuan is now in your account.",
    ],
    "cash": [
        "I've paid you {amt} yuan cash compensation for order {oid}, the {item}. Sorry again for the trouble.",
        "Done: {amt} yuan compensation has been paid to you for the {item} ({oid}). Thanks for your patience.",
        "I've sent you {amt} yuan as cash compensation for order {oid}. Apologies again about the {item}.",
        "For the trouble with the {item} on order {oid} you've been paid {amt} yuan in cash. I'm sorry it happened.",
    ],
    "return": [
        "I've opened a return for the {item} on order {oid}. Your refund of {amt} yuan is issued once the parcel is back.",
        "The return for order {oid} has been opened; once the {item} is received you get a refund of {amt} yuan.",
        "All set: I've opened the return on {oid}, and {amt} yuan will be refunded when the {item} arrives back.",
        "Your return is booked for the {item} ({oid}): the courier collects it, and {amt} yuan comes back to you after it arrives.",
    ],
    "exchange": [
        "I've arranged the exchange for the {new}, same price. The courier will collect the old {item} from order {oid}.",
        "Your exchange for order {oid} has been opened: you'll get the {item} in {new} and we'll pick up the original.",
        "Done, I've opened an exchange on {oid} for the {new}. No extra cost for the {item}.",
        "The swap is set up: a {item} in {new} goes out under order {oid}, and the first one is collected.",
    ],
    "escalate": [
        "{warranty}I've escalated the {item} case (order {oid}{when}) to a specialist; they'll reply within 24 hours.",
        "{warranty}A ticket about order {oid}{when} has been opened with a specialist, who will contact you about the {item} within 24 hours.",
        "{warranty}I've passed order {oid}{when} to a specialist for the {item}. Expect their reply within 24 hours.",
        "{warranty}A specialist now has your {item} case, order {oid}{when}: I've opened a ticket, and they'll get back to you within 24 hours.",
    ],
}


def _when(g: Any) -> str:
    """The escalation's date, in words: the earlier compensation or the delivery."""
    if not g.date:
        return ""
    d = date.fromisoformat(g.date[:10])
    if "compensated" in g.why:
        return f", compensated with a coupon on {d:%B} {d.day}"
    return f", delivered on {d:%B} {d.day}"


def _why_text(g: Any, d: dict[str, Any]) -> str:
    why = g.why
    if "used" in why:
        return "Used items are taken back only for a quality fault, and this one has been used."
    if "tags" in why:
        return "Without a fault, the tags and packaging must still be on, and they've been removed."
    if "only when faulty" in why:
        cat = "underwear"
        return f"For hygiene, {cat} is taken back only when faulty."
    # Where a date decided it (the payment, the delivery), the reply says which.
    day = date.fromisoformat(g.date[:10]) if g.date else None
    if "price protection" in why or "price has not dropped" in why:
        paid = f"You paid on {day:%B} {day.day}. " if day else ""
        return f"{paid}Price protection covers drops within 7 days of payment, and for your order that window has passed."
    pt = g.points[0] if g.points else None
    days = int(pt.figure) if pt is not None and pt.figure is not None else 7
    came = f"It was delivered on {day:%B} {day.day}. " if day else ""
    return f"{came}The window for this is {days} days from delivery, and it has passed."


CONTEXT = (
    "This is about order {oid}, the {item}. ",
    "My question is about order {oid}, the {item}. ",
    "This message is about my order {oid}, the {item}. ",
    "It is about my order {oid}, the {item}. ",
)
"""How a rewrite names what the conversation's "it" / "that order" refer to (found with
``list_orders``); each case's rewrite opens with one, then states the request."""


def rewrite_gold(
    d: dict[str, Any], oid: str, title: str, case_id: str
) -> tuple[str, list[dict[str, Any]]]:
    """The reference rewrite and its points.

    The points are what a rewrite states because it resolved the context: one point for
    what "it" is (the item or its order; the order alone when the customer named the
    item), then the draft's
    hand-written points that the customer's own turns do not already state (echoing the
    customer earns none of them). Every point keeps its polarity (negating the rewrite
    fails it).
    """
    name = policy.item_name(title)
    text = CONTEXT[_h(case_id + "/rw") % len(CONTEXT)].format(oid=oid, item=name) + d["rewrite"]
    said = Text(" ".join(t for r, t in d["dialogue"] if r == drafts.C))
    ref = Text(text)
    names = [name, name.split(" ")[0], *(w for w in title.split(" ") if not w.isascii())]
    what = Point(any=[*dict.fromkeys(names), oid, f"order {oid[2:]}"], note="the item")
    if point_met(said, what, ref):  # the customer named the item: the order id is the news
        what = Point(any=[oid, f"order {oid[2:]}"], note="the order")
    bare = Text(" ; ".join(what.any))  # a draft point that names alone meet: the same fact
    drafted = [Point.model_validate(p) for p in d["points"]]
    cands = [what, *(p for p in drafted if not point_met(bare, p, ref))]
    pts = [p for p in cands if not point_met(said, p, ref)]
    return text, [p.model_dump(by_alias=True, exclude_defaults=True) for p in pts]


def fill(d: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """One case from its draft, with the policy's gold."""
    case_id = "as-" + hashlib.sha256(d["key"].encode()).hexdigest()[:4]
    patch = _patch(d, base)
    refs = {
        "customer_id": d["customer"],
        "order_id": d["order"],
        "sku": d["sku"],
        "issue": d["issue"],
        "wants": d["wants"],
    }
    if d.get("new_sku"):
        refs["new_sku"] = d["new_sku"]
    state = world_mod.AfterSalesState.model_validate(merge_patch(base, patch))
    g = policy.decide(state, refs)
    rnd = random.Random(_h(case_id))
    menus = [m for m in policy.MENUS if g.decision in m]
    codes = list(menus[_h(case_id + "/menu") % len(menus)])
    rnd.shuffle(codes)
    others = [c for c in drafts.FAQ_CODES if c != d["faq"]]
    others.remove(others[_h(case_id + "/faq") % len(others)])
    faq = [d["faq"], *others]
    rnd.shuffle(faq)
    item = state.orders[0].items[0]
    new = ""
    if d.get("new_sku"):
        prod = next(p for p in state.products if p.product_id == item.product_id)
        opts = next(s for s in prod.skus if s.sku == d["new_sku"]).options.values()
        new = ", ".join(v if len(v) > 2 else f"size {v}" for v in opts)
    fmt = {
        "amt": f"{g.amount:.0f}" if g.amount == int(g.amount) else f"{g.amount:.2f}",
        "title": item.title.split(" (")[0],
        "new": new,
        "tier": d.get("tier", "regular"),
        "item": policy.item_name(
            next(p for p in state.products if p.product_id == item.product_id).title
        ),
        "oid": d["order"],
        "when": _when(g),
        "why_text": _why_text(g, d),
        "warranty": "It's covered by our 365-day warranty. " if "warranty" in g.why else "",
    }
    rw, rw_points = rewrite_gold(
        d,
        d["order"],
        next(p for p in state.products if p.product_id == item.product_id).title,
        case_id,
    )
    user = {"persona": d["persona"]}
    probe = Case.model_validate(
        {
            "case_id": case_id,
            "scenario": "after_sales",
            "orientation": "customer",
            "dialogue": [{"role": r, "text": t} for r, t in d["dialogue"]],
            "user": user,
            "gold": {},
            "annotation": {"annotators": ["x"], "notes": "x"},
        }
    )
    turns = policy.oracle_turns(g.decision, probe)
    first = OFFER[g.decision][_h(case_id + "/offer") % len(OFFER[g.decision])].format(**fmt)
    msgs = [first] + [AGAIN[g.decision].format(**fmt)] * (turns - 1)
    reply = REPLY[g.decision][_h(case_id + "/reply") % len(REPLY[g.decision])].format(**fmt)
    if d.get("reply"):
        reply = d["reply"]
    raw: dict[str, Any] = {
        "case_id": case_id,
        "scenario": "after_sales",
        "orientation": "customer",
        "split": "test",
        "dialogue": probe.model_dump()["dialogue"],
        "world_refs": refs,
        "world": {"patch": patch},
        "user": user,
        "options": {"faq": [{"code": c} for c in faq], "resolution": [{"code": c} for c in codes]},
        "gold": {
            "perception": {
                "rewritten_query": rw,
                "intent": d["intent"],
                "attitude": d["attitude"],
            },
            "planning": {
                "faq": d["faq"],
                "lookups": [c.model_dump(exclude={"id"}) for c in g.lookups],
            },
            "action": {
                "negotiation": [{"name": "message_user", "arguments": {"text": m}} for m in msgs],
                "writes": [c.model_dump(exclude={"id"}) for c in g.writes],
                "resolution": g.decision,
                "reply": reply,
            },
        },
        "grading": {
            "perception.rewritten_query": {"points": rw_points},
            "planning.lookups": {"facts": sorted(g.facts)},
            "action.negotiation": {
                "resolution": g.decision,
                "amount": g.amount,
                "allowed": g.allowed,
            },
        },
        "annotation": {
            "annotators": ["LLM helper session (single annotator, written guidelines)"],
            "agreement": 1.0,
            "adjudication": "",
            "notes": f"{d['notes']} Policy: {g.why} -> {g.decision} (paper solution {policy.PAPER_SOLUTION[g.decision]}).",
        },
    }
    if d.get("accept_intent"):
        raw["grading"]["perception.intent"] = {"accept": d["accept_intent"]}
    case = Case.model_validate(raw)
    pts = [p.model_dump(by_alias=True, exclude_defaults=True) for p in policy.reply_points(g, case)]
    for pt in pts:  # the policy's "not" lists as written ({a|b}), not expanded
        if "not" in pt:
            pt["not"] = policy.COMPACT.get(tuple(pt["not"]), pt["not"])
    raw["grading"]["action.reply"] = {"points": pts, "false_claims": g.false_claims}
    return raw


def main() -> int:
    """Write cases.jsonl from drafts.py, shuffled."""
    base = json.loads((HERE / "world.json").read_text(encoding="utf-8"))
    out = [fill(d, base) for d in redraw(drafts.DRAFTS, base)]
    ids = [c["case_id"] for c in out]
    assert len(set(ids)) == len(ids), "duplicate case ids"
    out.sort(key=lambda c: hashlib.sha256(c["case_id"].encode()).hexdigest())
    path = HERE / "cases.jsonl"
    path.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8"
    )
    print(f"{path}: {len(out)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())

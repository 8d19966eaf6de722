"""The after_sales scorers: the resolution, the negotiation, and a reply checked against the world.

``after_sales_resolution`` and ``after_sales_writes``: is the resolution label right (are
the writes), and was it known rather than found by trial? ``negotiation``: was the policy's resolution agreed, cleanly and quickly?
``after_sales_reply``: does the reply report a change the episode made, with the amount
it paid?

All three read the episode's world (``state.negotiation``, kept by the simulated customer
of :mod:`ecomstage_env.shop.customer`, and the write records).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env.scoring.points import PointsParams, points_scorer
from ecomstage_env.scoring.registry import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.scorers import LabelParams, OutcomeParams, label_scorer, world_outcome
from ecomstage_env.shop.customer import written_kinds
from ecomstage_env.shop.replies import wrong_order

__all__ = [
    "NegotiationParams",
    "after_sales_reply",
    "after_sales_resolution",
    "after_sales_writes",
    "amount_paid",
    "negotiation",
    "offered_outside",
]

WRITTEN = frozenset(["return", "exchange", "coupon", "cash", "escalate"])
"""Resolutions that leave a write record (an apology leaves none)."""

AMOUNTS = {
    "coupon": ("coupon_grants", "value"),
    "cash": ("cash_compensations", "amount"),
    "return": ("returns", "refund_due"),
}
"""Resolutions whose write record carries an amount the reply must state: the state's list
of records and the record's amount field (a coupon's value, the cash paid, a return's
refund due)."""

PAID_ROUNDING = 0.005
"""How far under the policy's amount a payment may fall (amounts are kept to the cent)."""

TURN_PENALTY = 0.25
"""Taken off per message beyond the ones the oracle needs (down to half credit)."""


class NegotiationParams(BaseModel):
    """Parameters of ``negotiation``.

    Attributes:
        resolution: The policy's resolution kind (``appease``, ``coupon``, ``cash``,
            ``return``, ``exchange``, ``escalate``).
        amount: Its compensation in yuan (the coupon's value or the cash; 0 otherwise).
        allowed: The kinds the policy allows the agent to offer in this case (the
            resolution, an apology and explanation, and a return where one is open).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    resolution: str = ""
    amount: float = 0.0
    allowed: list[str] = Field(default_factory=list)


def offered_outside(state: Any, allowed: list[str]) -> list[str]:
    """The kinds the episode offered or wrote that ``allowed`` does not hold, sorted.

    An offer is a kind the agent's messages proposed (the simulated customer's record,
    ``state.negotiation.offered``, read with :func:`~ecomstage_env.shop.customer.offers_in`)
    or the kind of any write record (a silent write offers its kind too).
    """
    neg = getattr(state, "negotiation", None)
    made = set(getattr(neg, "offered", [])) | set(written_kinds(state))
    return sorted(made - set(allowed))


@scorer("after_sales_resolution", params=LabelParams, fields=("label",))
def after_sales_resolution(answer: Any, gold: Any, ctx: FieldContext[LabelParams]) -> FieldScore:
    """The ``label`` scorer, 0 when the episode offered a kind the policy does not allow.

    The label is meant to show that the agent knew the policy's resolution. An agent that
    offers kinds one after another until the customer says yes ends up with the right
    label by trial, and on the way offers kinds the policy does not allow for the case
    (the case's ``action.negotiation`` ``allowed`` list: the resolution, an apology and
    explanation, and a return where one is open). Such an episode's label scores 0, as
    does one with a write of a kind outside the list. Offering several allowed kinds at
    once, or the policy's resolution again after a refusal, costs nothing here (the
    ``negotiation`` field charges extra messages). Without a world (answers graded
    offline) or an ``allowed`` list it is the plain ``label`` scorer.
    """
    score = label_scorer(answer, gold, ctx)
    why = "the resolution was reached by offering what the policy does not allow"
    return _unless_found_by_trial(score, ctx, why)


def _unless_found_by_trial(score: FieldScore, ctx: FieldContext[Any], why: str) -> FieldScore:
    """``score``, or 0 with ``why`` when the episode offered a kind the policy does not allow.

    Offered or written kinds are compared with the case's allowed list; without a world or
    a list (answers graded offline) the score stays as it is.
    """
    case = ctx.case
    allowed = (case.grading.get("action.negotiation") or {}).get("allowed") if case else None
    if score.value == 0.0 or ctx.world is None or not allowed:
        return score
    bad = offered_outside(ctx.world.state, [str(k) for k in allowed])
    if bad:
        return FieldScore(0.0, why, explanation=f"offered {bad}")
    return score


@scorer("after_sales_writes", params=OutcomeParams, fields=("calls",))
def after_sales_writes(answer: Any, gold: Any, ctx: FieldContext[OutcomeParams]) -> FieldScore:
    """``world_outcome``, 0 when the episode offered a kind the policy does not allow.

    The same rule as :func:`after_sales_resolution`: writes made once the customer accepted
    the third kind offered were found by trial, not known from the policy.
    """
    score = world_outcome(answer, gold, ctx)
    return _unless_found_by_trial(score, ctx, "the writes follow offers the policy does not allow")


@scorer("negotiation", params=NegotiationParams, fields=("calls",))
def negotiation(answer: Any, gold: Any, ctx: FieldContext[NegotiationParams]) -> FieldScore:
    """1 when the customer agreed to the policy's resolution, at its amount, in as few messages as the gold.

    0 when the customer agreed to something else, never agreed, when the world holds
    compensation the policy does not justify (cash where a coupon is due, a coupon
    above the due one, any compensation where none is due), when the agreed resolution
    pays less than the policy gives (a 5-yuan coupon where 15 is due, agreed as a
    coupon: the records of the resolution's kind, :func:`amount_paid`, are under
    ``amount`` by more than :data:`PAID_ROUNDING`; none at all pays 0), or when a message offered
    a resolution outside ``allowed`` (the simulated customer records what each message
    proposed, read with :func:`~ecomstage_env.shop.customer.offers_in`: promising what
    the policy does not give, or offering everything at once and letting the customer
    pick, scores 0; a write record counts as an offer of its kind, whether or not a message
    proposed it). The messages counted are those up to the agreement (the simulated
    customer's ``agreed_at``): confirmations after it cost nothing. Each message beyond the
    gold's count takes ``TURN_PENALTY`` off, down to half credit.
    """
    del answer
    if ctx.world is None:
        return FieldScore(0.0, "no world")
    state = ctx.world.state
    neg = getattr(state, "negotiation", None)
    p = ctx.params
    coupons = round(sum(g.value for g in state.coupon_grants), 2)
    cash = round(sum(c.amount for c in state.cash_compensations), 2)
    due_coupon = p.amount if p.resolution == "coupon" else 0.0
    due_cash = p.amount if p.resolution == "cash" else 0.0
    if coupons > due_coupon + 1e-9 or cash > due_cash + 1e-9:
        return FieldScore(
            0.0,
            "compensation the policy does not justify",
            explanation=f"coupons {coupons:.2f} (due {due_coupon:.2f}), "
            f"cash {cash:.2f} (due {due_cash:.2f})",
        )
    if p.allowed:
        bad = offered_outside(state, p.allowed)
        if bad:
            return FieldScore(
                0.0,
                "offered a resolution the policy does not allow",
                explanation=f"offered {bad}; allowed {p.allowed}",
            )
    agreed = getattr(neg, "agreed", None)
    if agreed != p.resolution:
        what = f"agreed to {agreed}" if agreed else "agreed to nothing"
        if getattr(neg, "gave_up", False):
            what += " and gave up"
        return FieldScore(
            0.0,
            "the policy's resolution was not agreed",
            explanation=f"the customer {what}; the policy's resolution is {p.resolution}",
        )
    if p.resolution in AMOUNTS and p.amount > 0:
        paid = amount_paid(state, p.resolution)
        if paid < p.amount - PAID_ROUNDING:
            return FieldScore(
                0.0,
                "compensation below what the policy gives",
                explanation=f"{p.resolution} {paid:.2f} paid (due {p.amount:.2f})",
            )
    need = len(gold) if isinstance(gold, list) else 1
    # Messages up to the agreement count; confirmations after it cost nothing.
    used = int(getattr(neg, "agreed_at", None) or getattr(neg, "messages", 0) or 0)
    value = 1.0 if used <= need else max(0.5, 1.0 - TURN_PENALTY * (used - need))
    reason = "agreed" if value == 1.0 else f"agreed after {used} messages, more than needed"
    return FieldScore(
        value, reason, {"agreed": 1.0, "turn_credit": value}, f"{used} message(s), gold {need}"
    )


@scorer("after_sales_reply", params=PointsParams, fields=("text",))
def after_sales_reply(answer: Any, gold: Any, ctx: FieldContext[PointsParams]) -> FieldScore:
    """The ``points`` scorer, checked against the world: a reply whose resolution was never made scores 0.

    The reply's points state a change as done ("the exchange is made"); when the policy's
    resolution leaves a write record (:data:`WRITTEN`) and the episode's world holds none
    of that kind, no wording makes the reply true ("Exchanges are arranged within 15 days"
    reads as done to a phrase match).

    Where that record carries an amount (:data:`AMOUNTS`: a coupon's value, cash, a
    return's refund), the amount is a fact of the reply: the point whose figure is the
    policy's amount asks for the amount the episode's records carry (:func:`amount_paid`)
    in any format the ``points`` scorer reads (15, 15.00, ¥15, 15 yuan), and it is lost when
    the reply affirms a sum of money (:func:`~ecomstage_env.scoring.points.sums_in`) that is neither that amount nor
    one the case's records hold (an order's price or payment, the coupon's minimum spend,
    earlier compensation): "I've sent you 25 yuan" where 15 was paid states a false fact.
    The point says so itself (``exclusive="money"``, the known sums ``also_true``: the
    ``points`` scorer fails it and names the sum); a sum in a negated clause ("15 yuan,
    not 25 yuan") contradicts nothing. Without a world (answers graded offline) the point
    keeps the policy's figure.

    A reply about another order of the customer's account than the case's (its id, or its
    item, named where the case's own are not: :func:`~ecomstage_env.shop.replies.wrong_order`)
    scores 0: its facts are about the wrong parcel.
    """
    case = ctx.case
    if case is not None and ctx.world is not None:
        why = wrong_order(str(answer or ""), ctx.world.state, case.world_refs)
        if why:
            return FieldScore(0.0, why, {"coverage": 0.0}, "another order named")
    kind = str((case.grading.get("action.negotiation") or {}).get("resolution", "")) if case else ""
    if kind in WRITTEN and ctx.world is not None and kind not in written_kinds(ctx.world.state):
        return FieldScore(
            0.0,
            "the reply reports a resolution the episode did not carry out",
            {"coverage": 0.0},
            f"no {kind} was made",
        )
    due = (case.grading.get("action.negotiation") or {}).get("amount") if case else None
    if kind not in AMOUNTS or ctx.world is None or not due:
        return points_scorer(answer, gold, ctx)
    state = ctx.world.state
    paid = amount_paid(state, kind)
    known = sorted(_known_sums(state, kind, case.world_refs if case else {}))
    # The amount point states what the episode paid, not what the policy says is due (a
    # wrong payment is the writes' and the negotiation's loss; a reply is graded on
    # whether what it says is true), and any other sum the reply affirms, but for those
    # the case's records hold, contradicts it (Point.exclusive).
    update: dict[str, Any] = {"figure": paid, "exclusive": "money", "also_true": known}
    points = [
        p.model_copy(update=update | _paid_note(p, paid))
        if p.figure is not None and abs(p.figure - due) < 1e-9
        else p
        for p in ctx.params.points
    ]
    params = ctx.params.model_copy(update={"points": points})
    return points_scorer(answer, gold, replace(ctx, params=params))


def _paid_note(point: Any, paid: float) -> dict[str, str]:
    """The amount point's new note where the episode paid another sum than its figure."""
    if abs(point.figure - paid) < 1e-9:
        return {}
    return {"note": f"the {paid:g} paid ({point.label()} due)"}


def amount_paid(state: Any, kind: str) -> float:
    """The amount the episode's write records of resolution ``kind`` carry, in all.

    The coupons' values, the cash paid or the returns' refunds due (0 for a kind of
    :data:`WRITTEN` without an amount, or without records).
    """
    if kind not in AMOUNTS:
        return 0.0
    attr, key = AMOUNTS[kind]
    return round(sum(float(getattr(r, key)) for r in getattr(state, attr, []) or []), 2)


def _known_sums(state: Any, kind: str, refs: dict[str, Any]) -> set[float]:
    """Sums a true reply may state beside the amount paid.

    Each record's amount and their total, the case's orders' prices and payments (total,
    shipping fee, discount), the minimum spend of a granted coupon and the customer's
    earlier compensation.
    """
    attr, key = AMOUNTS[kind]
    records = list(getattr(state, attr, []) or [])
    known = {float(getattr(r, key)) for r in records} | {amount_paid(state, kind)}
    granted = {g.coupon_id for g in getattr(state, "coupon_grants", [])}
    known |= {c.min_spend for c in getattr(state, "coupons", []) if c.coupon_id in granted}
    cid = refs.get("customer_id")
    for o in getattr(state, "orders", []):
        if o.customer_id != cid and o.order_id != refs.get("order_id"):
            continue
        if o.payment is not None:
            known |= {o.payment.amount, o.payment.shipping_fee, o.payment.discount}
        known |= {i.unit_price for i in o.items} | {i.unit_price * i.qty for i in o.items}
    for c in getattr(state, "customers", []):
        if c.customer_id == cid:
            known |= {r.amount for r in c.compensation_history}
    return {k for k in known if k > 0}

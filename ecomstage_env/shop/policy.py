"""The shop's policies as pure functions of the state.

The world's writes and the scenarios' gold both call these, so the two never disagree.

Every function is deterministic and reads only its arguments (``today`` is the state's
date, never the wall clock). Those that decide whether something is allowed return a
:class:`Verdict`: truthy when allowed, with ``why`` saying why not (the text a refused
tool call shows) and ``amount`` holding a sum where one is due.

Windows count whole calendar days: the start date (delivery, payment) is day 0, and a
window of N days is open through day N: on a 7-day window, day 7 is in, day 8 is out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ecomstage_env.shop.models import (
    AddressChangePolicy,
    Budget,
    ExchangePolicy,
    InterceptionPolicy,
    LogisticsEvent,
    Order,
    OrderItem,
    PriceProtectionPolicy,
    Product,
    ReshipPolicy,
    ReturnPolicy,
    ShippingFeePolicy,
    ShopState,
    Sku,
)

__all__ = [
    "FAULT_REASONS",
    "Verdict",
    "can_change_address",
    "can_intercept",
    "can_reship",
    "compensation_left",
    "day_of",
    "days_since",
    "exchange_eligible",
    "latest_event",
    "price_on",
    "price_protection_due",
    "refund_owed",
    "refunded",
    "return_eligible",
    "shipping_fee_refundable",
]

FAULT_REASONS = frozenset({"defective", "wrong_item", "damaged_in_transit", "not_as_described"})
"""Return / exchange reasons that are the seller's fault (longer window, used items ok)."""

_ENDED = ("cancelled", "intercepted", "returned")


@dataclass(frozen=True)
class Verdict:
    """Whether a policy allows something; ``why`` explains a refusal (or the grant)."""

    ok: bool
    why: str = ""
    amount: float = 0.0

    def __bool__(self) -> bool:
        """Truthy when allowed."""
        return self.ok


def day_of(stamp: str) -> date:
    """The date of an ISO date or ISO minute stamp (``"2026-06-20"``, ``"2026-06-20T14:05"``)."""
    return date.fromisoformat(stamp[:10])


def days_since(start: str, today: str) -> int:
    """Whole days from ``start``'s date to ``today`` (the start day is day 0)."""
    return (day_of(today) - day_of(start)).days


def price_on(sku: Sku, day: str) -> float:
    """The SKU's price on ``day``: the last price-history point on or before it, else ``sku.price``."""
    points = [p for p in sku.price_history if day_of(p.date) <= day_of(day)]
    return max(points, key=lambda p: p.date).price if points else sku.price


def latest_event(events: list[LogisticsEvent], tracking_no: str | None) -> LogisticsEvent | None:
    """The most recent scan of a parcel (ties: the later in the list), or None."""
    mine = [e for e in events if tracking_no is not None and e.tracking_no == tracking_no]
    return max(reversed(mine), key=lambda e: e.time) if mine else None


def _window(
    order: Order, item: OrderItem, today: str, days: int, what: str, unused: bool, tags: bool
) -> Verdict:
    if order.status != "delivered" or order.delivered_at is None:
        return Verdict(False, f"order {order.order_id} is {order.status}, not delivered")
    if item.status != "normal":
        return Verdict(False, f"item {item.sku} already has a {item.status.replace('_', ' ')}")
    age = days_since(order.delivered_at, today)
    if age > days:
        return Verdict(
            False, f"{what} window closed: delivered {age} days ago, the window is {days} days"
        )
    if unused and item.used:
        return Verdict(False, f"{what} refused: the item has been used")
    if tags and not item.tags_attached:
        return Verdict(False, f"{what} refused: tags or packaging removed")
    return Verdict(True, f"day {age} of the {days}-day {what} window")


def return_eligible(
    order: Order, item: OrderItem, product: Product, today: str, policy: ReturnPolicy, reason: str
) -> Verdict:
    """Whether ``item`` of a delivered ``order`` may be returned for ``reason`` today.

    Own reasons (changed_mind, size_fit): within ``policy.window_days`` of delivery, item
    unused and tags on (as the policy requires), category not excluded. Seller's fault
    (:data:`FAULT_REASONS`): within ``policy.fault_window_days``, any condition, any
    category. ``amount`` is the refund due (unit price x quantity).
    """
    fault = reason in FAULT_REASONS
    if not fault and product.category in policy.excluded_categories:
        return Verdict(False, f"{product.category} items can be returned only when faulty")
    v = _window(
        order,
        item,
        today,
        policy.fault_window_days if fault else policy.window_days,
        "return",
        policy.require_unused and not fault,
        policy.require_tags and not fault,
    )
    return Verdict(v.ok, v.why, round(item.unit_price * item.qty, 2) if v.ok else 0.0)


def exchange_eligible(
    order: Order,
    item: OrderItem,
    product: Product,
    new_sku: str,
    qty: int,
    today: str,
    policy: ExchangePolicy,
    reason: str,
) -> Verdict:
    """Whether ``qty`` of ``item`` may be exchanged for ``new_sku`` today.

    ``new_sku`` must be another SKU of the same product (at the same current price as the item's SKU) with ``qty`` in
    stock; the window and conditions are the return rules with the exchange policy's
    figures (the seller's fault lifts the condition checks and the category exclusion,
    not the window).
    """
    if not 1 <= qty <= item.qty:
        return Verdict(False, f"quantity must be 1 to {item.qty}")
    fault = reason in FAULT_REASONS
    if not fault and product.category in policy.excluded_categories:
        return Verdict(False, f"{product.category} items can be exchanged only when faulty")
    target = next((s for s in product.skus if s.sku == new_sku), None)
    if target is None:
        return Verdict(False, f"{new_sku} is not a variant of {product.product_id}")
    if new_sku == item.sku and not fault:
        return Verdict(False, "an exchange for the same variant is only for faulty items")
    orig = next((s for s in product.skus if s.sku == item.sku), None)
    if orig is not None and abs(target.price - orig.price) > 0.005:
        return Verdict(False, f"{new_sku} costs {target.price:.2f}, {item.sku} {orig.price:.2f}")
    if target.stock < qty:
        return Verdict(False, f"{new_sku} has {target.stock} in stock, {qty} needed")
    return _window(
        order,
        item,
        today,
        policy.window_days,
        "exchange",
        policy.require_unused and not fault,
        policy.require_tags and not fault,
    )


def price_protection_due(
    order: Order,
    item: OrderItem,
    product: Product,
    today: str,
    policy: PriceProtectionPolicy,
    already: float = 0.0,
) -> Verdict:
    """The price-protection refund due on ``item`` today (``amount``), or why none is.

    Due when the order is paid and not ended, the item is not being returned, the
    category is covered, today is within
    ``policy.window_days`` of payment, and the SKU's lowest price from the payment date
    through today is below the unit price paid: (paid - lowest) x quantity, less
    ``already`` refunded for it.
    """
    if order.paid_at is None or order.status in (*_ENDED, "pending_payment"):
        return Verdict(False, f"order {order.order_id} is {order.status}")
    if item.status in ("return_requested", "refunded"):
        return Verdict(False, f"item {item.sku} is being returned or refunded")
    if product.category in policy.excluded_categories:
        return Verdict(False, f"{product.category} items are not price-protected")
    age = days_since(order.paid_at, today)
    if age > policy.window_days:
        return Verdict(
            False,
            f"price protection expired: paid {age} days ago, the window is {policy.window_days} days",
        )
    sku = next((s for s in product.skus if s.sku == item.sku), None)
    if sku is None:
        return Verdict(False, f"{item.sku} is not in the catalogue")
    start = day_of(order.paid_at)
    prices = [price_on(sku, order.paid_at)] + [
        p.price for p in sku.price_history if start <= day_of(p.date) <= day_of(today)
    ]
    lowest = min(prices)
    due = round((item.unit_price - lowest) * item.qty - already, 2)
    if due <= 0:
        why = "already refunded" if already > 0 else "the price has not dropped below what was paid"
        return Verdict(False, why)
    return Verdict(True, f"paid {item.unit_price:.2f}, lowest since {lowest:.2f}", due)


def shipping_fee_refundable(
    order: Order, reason: str, policy: ShippingFeePolicy, already: float
) -> Verdict:
    """Whether the order's shipping fee is refunded for ``reason`` (``amount``: the fee)."""
    fee = order.payment.shipping_fee if order.payment else 0.0
    if fee <= 0:
        return Verdict(False, f"order {order.order_id} paid no shipping fee")
    if already > 0:
        return Verdict(False, "the shipping fee has already been refunded")
    if reason not in policy.refundable_reasons:
        return Verdict(False, f"the shipping fee is not refunded for {reason!r}")
    return Verdict(True, f"shipping fee refunded for {reason}", fee)


def can_change_address(order: Order, policy: AddressChangePolicy) -> Verdict:
    """Whether the order's address may still change (its status is before the cut-off)."""
    if order.status in policy.allowed_statuses:
        return Verdict(True, f"order is {order.status}")
    allowed = " or ".join(policy.allowed_statuses)
    return Verdict(
        False,
        f"order {order.order_id} is {order.status}; the address can change only while {allowed}",
    )


def can_intercept(
    order: Order, events: list[LogisticsEvent], policy: InterceptionPolicy
) -> Verdict:
    """Whether the parcel may be intercepted: status allowed, courier supported, not delivered."""
    if order.tracking_no is None or order.status not in policy.allowed_statuses:
        allowed = " or ".join(policy.allowed_statuses)
        return Verdict(
            False, f"order {order.order_id} is {order.status}; interception only while {allowed}"
        )
    if policy.couriers and order.courier not in policy.couriers:
        return Verdict(False, f"{order.courier} does not support interception")
    last = latest_event(events, order.tracking_no)
    if last is not None and last.status in ("out_for_delivery", "delivered"):
        return Verdict(False, f"the parcel is already {last.status.replace('_', ' ')}")
    return Verdict(True, "parcel can be intercepted")


def can_reship(
    order: Order,
    events: list[LogisticsEvent],
    policy: ReshipPolicy,
    reshipped: bool,
    item_refunded: float,
) -> Verdict:
    """Whether a replacement may be sent: latest scan is a listed exception, once, no refund paid."""
    if reshipped:
        return Verdict(False, f"order {order.order_id} has already been reshipped")
    if item_refunded > 0:
        return Verdict(False, f"order {order.order_id} has already been refunded")
    last = latest_event(events, order.tracking_no)
    if last is None or last.exception not in policy.exceptions:
        state = "no scan" if last is None else (last.exception or last.status)
        return Verdict(False, f"no reship: the parcel's latest status is {state}")
    return Verdict(True, f"parcel {last.exception}")


def refunded(state: ShopState, order_id: str, kind: str | None = None) -> float:
    """What has been refunded on an order (of one ``kind``, or all kinds)."""
    return round(
        sum(r.amount for r in state.refunds if r.order_id == order_id and kind in (None, r.kind)),
        2,
    )


def refund_owed(state: ShopState, order_id: str) -> float:
    """Item refunds the shop still owes on an order.

    Owed: the ``refund_due`` of its returns; the item total (paid amount less shipping)
    of an order cancelled or intercepted after payment; the item total of a parcel whose
    latest scan is lost or damaged and that was not reshipped. Less item refunds paid.
    """
    order = next((o for o in state.orders if o.order_id == order_id), None)
    if order is None:
        return 0.0
    due = sum(r.refund_due for r in state.returns if r.order_id == order_id)
    items = 0.0
    if order.payment is not None and order.paid_at is not None:
        items = max(0.0, order.payment.amount - order.payment.shipping_fee)
    last = latest_event(state.logistics, order.tracking_no)
    reshipped = any(r.order_id == order_id for r in state.reships)
    if order.status in ("cancelled", "intercepted") or (
        last is not None and last.exception in ("lost", "damaged") and not reshipped
    ):
        due = max(due, items)
    return round(max(0.0, due - refunded(state, order_id, "item")), 2)


def compensation_left(state: ShopState, budget: Budget | None = None) -> tuple[float, float]:
    """Coupon value and cash still within the case's budget: ``(coupon, cash)``."""
    b = budget or state.budget
    coupons = sum(g.value for g in state.coupon_grants)
    cash = sum(c.amount for c in state.cash_compensations)
    return round(b.max_coupon_value - coupons, 2), round(b.max_cash_compensation - cash, 2)

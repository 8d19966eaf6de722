"""The shared shop world: catalogue, orders, logistics, policies, coupons, help centre.

:class:`ShopWorld` is a :class:`~ecomstage_env.world.base.World` whose READ tools look
things up and whose WRITE tools change the episode's own copy of the state. Every write
checks the policy (:mod:`ecomstage_env.shop.policy`) and the state and refuses with a
:class:`~ecomstage_env.world.base.ToolError` (an error observation) when it is not
allowed; a successful write appends a record (a return, a refund, ...) that
:meth:`ShopWorld.outcome` flattens for ``world_outcome`` grading.

Scenario folders subclass it in their own ``world.py`` (``class AfterSalesWorld(ShopWorld)``)
to add tools, or re-export it. If the case's ``world_refs`` hold ``customer_id``, the
agent sees only that customer's orders and account.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal, get_type_hints

from ecomstage_env.shop import policy as P
from ecomstage_env.shop.models import (
    Address,
    AddressChange,
    CashCompensation,
    CouponGrant,
    Customer,
    Exchange,
    Interception,
    Order,
    OrderItem,
    PolicyTopic,
    Product,
    Refund,
    Reship,
    Return,
    ReturnReason,
    ShopState,
    Ticket,
)
from ecomstage_env.stages import ToolCallRecord
from ecomstage_env.world.base import ToolError, ToolKind, World, setup, tool

__all__ = ["ShopWorld"]

_NUMBER = (int, float)


def _area(name: str) -> str:
    """A province or city name for comparison: ``"Jiangsu Province"`` -> ``"jiangsu"``."""
    name = re.sub(r"\b(province|city|municipality)\b|[省市]$", " ", name.strip().lower())
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "", name)


def _words(text: str) -> set[str]:
    """Lower-case word tokens; CJK text also yields its single characters and bigrams."""
    text = text.lower()
    out = set(re.findall(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", text))
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        out |= set(run) | {run[i : i + 2] for i in range(len(run) - 1)}
    return out


_HINTS: dict[Any, dict[str, Any]] = {}
"""Type hints of each tool method, by function (``get_type_hints`` is slow)."""


class ShopWorld(World[ShopState]):
    """An online shop as its customer-service desk sees it."""

    state_model = ShopState
    shared_state = ("policies", "coupons", "articles")

    # -- argument checks -----------------------------------------------------------
    def call(self, name: str, arguments: dict[str, Any], *, setup: bool = False) -> Any:
        """Run a tool, refusing bools, strings and non-finite values for numbers first.

        Args:
            name: Tool name.
            arguments: Keyword arguments.
            setup: Allow ``@setup`` methods too.

        Returns:
            The tool's result.

        Raises:
            ToolError: As :meth:`World.call`, or a number argument that is not a finite
                int or float.
        """
        fn = getattr(type(self), name, None)
        if callable(fn) and isinstance(arguments, dict):
            hints = _HINTS.get(fn)
            if hints is None:  # a tool's annotations do not change: read them once
                hints = _HINTS[fn] = get_type_hints(fn)
            for key, value in arguments.items():
                hint = hints.get(key)
                if hint in (int, float) and value is not None:
                    if isinstance(value, bool) or not isinstance(value, _NUMBER):
                        raise ToolError(f"invalid arguments for {name}: {key} must be a number")
                    if isinstance(value, float) and not math.isfinite(value):
                        raise ToolError(f"invalid arguments for {name}: {key} must be finite")
        return super().call(name, arguments, setup=setup)

    # -- lookups used by tools (and by scenario policies) ----------------------------
    def order(self, order_id: str) -> Order:
        """The order ``order_id`` (refusing another customer's when a customer is set)."""
        for o in self.state.orders:
            if o.order_id == order_id:
                owner = self.refs.get("customer_id")
                if owner is not None and o.customer_id != owner:
                    raise ToolError(f"order {order_id} does not belong to customer {owner}")
                return o
        raise ToolError(f"no order with id {order_id!r}")

    def customer(self, customer_id: str) -> Customer:
        """The customer ``customer_id`` (only the logged-in one when a customer is set)."""
        owner = self.refs.get("customer_id")
        if owner is not None and customer_id != owner:
            raise ToolError(f"you can only look up the customer in this chat, {owner}")
        for c in self.state.customers:
            if c.customer_id == customer_id:
                return c
        raise ToolError(f"no customer with id {customer_id!r}")

    def product(self, product_id: str) -> Product:
        """The product ``product_id``."""
        for p in self.state.products:
            if p.product_id == product_id:
                return p
        raise ToolError(f"no product with id {product_id!r}")

    def item(self, order: Order, sku: str) -> OrderItem:
        """The line of ``order`` holding ``sku``."""
        for it in order.items:
            if it.sku == sku:
                return it
        skus = ", ".join(it.sku for it in order.items)
        raise ToolError(f"order {order.order_id} has no item {sku!r}; its items: {skus}")

    def _next_id(self, prefix: str, records: list[Any]) -> str:
        return f"{prefix}-{len(records) + 1:04d}"

    # -- READ --------------------------------------------------------------------------
    @tool(ToolKind.READ)
    def get_order(self, order_id: str) -> dict[str, Any]:
        """Get an order: items, status, timestamps, payment, shipping address, courier and tracking number.

        Args:
            order_id: Order id, e.g. O-1001.
        """
        o = self.order(order_id)
        out = o.model_dump()
        out["today"] = self.state.today
        out["refunded"] = P.refunded(self.state, order_id)
        return out

    @tool(ToolKind.READ)
    def list_orders(self, customer_id: str) -> list[dict[str, Any]]:
        """List a customer's orders, newest first, with id, status, date placed, total and item titles.

        Args:
            customer_id: Customer id, e.g. U-1001.
        """
        self.customer(customer_id)
        mine = [o for o in self.state.orders if o.customer_id == customer_id]
        mine.sort(key=lambda o: (o.placed_at, o.order_id), reverse=True)
        return [
            {
                "order_id": o.order_id,
                "status": o.status,
                "placed_at": o.placed_at,
                "total": o.payment.amount if o.payment else None,
                "items": [it.title for it in o.items],
            }
            for o in mine
        ]

    @tool(ToolKind.READ)
    def track_shipment(self, order_id: str) -> dict[str, Any]:
        """Track an order's parcel: courier, tracking number and every scan (time, place, status, exception).

        Args:
            order_id: Order id, e.g. O-1001.
        """
        o = self.order(order_id)
        if o.tracking_no is None:
            raise ToolError(f"order {order_id} is {o.status} and has not shipped yet")
        events = sorted(
            (e for e in self.state.logistics if e.tracking_no == o.tracking_no),
            key=lambda e: e.time,
        )
        reships = [r.model_dump() for r in self.state.reships if r.order_id == order_id]
        return {
            "order_id": order_id,
            "courier": o.courier,
            "tracking_no": o.tracking_no,
            "order_status": o.status,
            "events": [e.model_dump() for e in events],
            "reships": reships,
            "today": self.state.today,
        }

    @tool(ToolKind.READ)
    def get_product(self, product_id: str) -> dict[str, Any]:
        """Get a product: brand, category, attributes, description, and each SKU's options, price, stock and price history.

        Args:
            product_id: Product id, e.g. P-1001.
        """
        return self.product(product_id).model_dump()

    @tool(ToolKind.READ, free_args=("query",))
    def search_products(self, query: str, category: str | None = None) -> list[dict[str, Any]]:
        """Search the catalogue by words of the title, brand, category or attributes; returns up to five products.

        Args:
            query: What to look for, in a few words.
            category: Only this category (optional).
        """
        words = _words(query)
        if not words:
            raise ToolError("query is empty")

        def score(p: Product) -> int:
            attrs = " ".join(f"{k} {v}" for k, v in p.attributes.items())
            return len(words & _words(f"{p.title} {p.brand} {p.category} {attrs}"))

        pool = [
            p
            for p in self.state.products
            if category is None or p.category.lower() == category.strip().lower()
        ]
        ranked = sorted(pool, key=lambda p: (-score(p), p.product_id))
        return [
            {
                "product_id": p.product_id,
                "title": p.title,
                "brand": p.brand,
                "category": p.category,
                "price_from": min(s.price for s in p.skus),
                "in_stock": any(s.stock > 0 for s in p.skus),
            }
            for p in ranked[:5]
            if score(p) > 0
        ]

    @tool(ToolKind.READ)
    def get_policy(self, topic: PolicyTopic) -> dict[str, Any]:
        """Get one after-sales policy with its windows and conditions, and the help-centre article that states it.

        Args:
            topic: returns, exchange, price_protection, shipping_fee, address_change,
                interception, reship or compensation.
        """
        rule = getattr(self.state.policies, topic)
        out: dict[str, Any] = {"topic": topic, "today": self.state.today, **rule.model_dump()}
        if topic == "compensation":
            coupon, cash = P.compensation_left(self.state)
            out["max_coupon_value"] = coupon
            out["max_cash_compensation"] = cash
        article = next((a for a in self.state.articles if a.article_id == rule.article_id), None)
        if article is not None:
            out["article"] = {
                "article_id": article.article_id,
                "title": article.title,
                "body": article.body,
            }
        return out

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, Any]]:
        """Search the shop's help-centre articles; returns the three best matches.

        Args:
            query: What to look for, in a few words.
        """
        words = _words(query)
        if not words:
            raise ToolError("query is empty")

        def overlap(a: Any) -> int:
            return len(words & _words(f"{a.title} {a.body} {' '.join(a.tags)}"))

        ranked = sorted(self.state.articles, key=lambda a: (-overlap(a), a.article_id))
        return [
            {"article_id": a.article_id, "title": a.title, "body": a.body}
            for a in ranked[:3]
            if overlap(a) > 0
        ]

    @tool(ToolKind.READ)
    def get_customer(self, customer_id: str) -> dict[str, Any]:
        """Get a customer's account: name, membership tier and past compensation.

        Args:
            customer_id: Customer id, e.g. U-1001.
        """
        return self.customer(customer_id).model_dump()

    @tool(ToolKind.READ)
    def list_coupons(self) -> list[dict[str, Any]]:
        """List the coupons the shop can issue, with value, minimum spend and validity."""
        return [c.model_dump() for c in self.state.coupons]

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE)
    def create_return(self, order_id: str, sku: str, reason: ReturnReason) -> dict[str, Any]:
        """Open a return of an order's item for a refund, if the return policy allows it.

        Args:
            order_id: Order id, e.g. O-1001.
            sku: The item's SKU, as in the order.
            reason: changed_mind, size_fit, defective, wrong_item, damaged_in_transit or
                not_as_described.
        """
        o = self.order(order_id)
        it = self.item(o, sku)
        v = P.return_eligible(
            o,
            it,
            self.product(it.product_id),
            self.state.today,
            self.state.policies.returns,
            reason,
        )
        if not v:
            raise ToolError(v.why)
        rec = Return(
            return_id=self._next_id("R", self.state.returns),
            order_id=order_id,
            sku=sku,
            qty=it.qty,
            reason=reason,
            refund_due=v.amount,
        )
        self.state.returns.append(rec)
        it.status = "return_requested"
        return {**rec.model_dump(), "status": "return opened; refund due when issued"}

    @tool(ToolKind.WRITE)
    def create_exchange(
        self, order_id: str, sku: str, new_sku: str, qty: int, reason: ReturnReason
    ) -> dict[str, Any]:
        """Exchange an order's item for another variant (SKU) of the same product, if the exchange policy and stock allow it.

        Args:
            order_id: Order id, e.g. O-1001.
            sku: The item's SKU, as in the order.
            new_sku: The SKU wanted instead (same product, same price).
            qty: How many units to exchange.
            reason: changed_mind, size_fit, defective, wrong_item, damaged_in_transit or
                not_as_described.
        """
        o = self.order(order_id)
        it = self.item(o, sku)
        product = self.product(it.product_id)
        v = P.exchange_eligible(
            o, it, product, new_sku, qty, self.state.today, self.state.policies.exchange, reason
        )
        if not v:
            raise ToolError(v.why)
        target = next(s for s in product.skus if s.sku == new_sku)
        target.stock -= qty
        rec = Exchange(
            exchange_id=self._next_id("X", self.state.exchanges),
            order_id=order_id,
            sku=sku,
            new_sku=new_sku,
            qty=qty,
            reason=reason,
        )
        self.state.exchanges.append(rec)
        it.status = "exchange_requested"
        return {**rec.model_dump(), "status": "exchange opened"}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def issue_refund(self, order_id: str, amount: float, reason: str) -> dict[str, Any]:
        """Refund money for an order's items: at most what the shop owes (opened returns, a cancelled, intercepted, lost or damaged order).

        Args:
            order_id: Order id, e.g. O-1001.
            amount: Amount in yuan, more than 0 and at most what is owed.
            reason: Why, in a sentence.
        """
        self.order(order_id)
        owed = P.refund_owed(self.state, order_id)
        if amount <= 0 or amount > owed + 1e-9:
            raise ToolError(
                f"refund of {amount} refused: the shop owes {owed:.2f} yuan on {order_id}"
            )
        rec = Refund(
            refund_id=self._next_id("RF", self.state.refunds),
            order_id=order_id,
            kind="item",
            amount=round(amount, 2),
            reason=reason,
        )
        self.state.refunds.append(rec)
        return {**rec.model_dump(), "status": "refunded to the original payment method"}

    @tool(ToolKind.WRITE)
    def refund_shipping_fee(
        self,
        order_id: str,
        reason: Literal[
            "defective",
            "wrong_item",
            "damaged_in_transit",
            "not_as_described",
            "lost",
            "late_delivery",
            "changed_mind",
            "size_fit",
        ],
    ) -> dict[str, Any]:
        """Refund an order's shipping fee, if the shipping-fee policy covers the reason.

        Args:
            order_id: Order id, e.g. O-1001.
            reason: Why: defective, wrong_item, damaged_in_transit, not_as_described, lost,
                late_delivery, changed_mind or size_fit.
        """
        o = self.order(order_id)
        v = P.shipping_fee_refundable(
            o,
            reason,
            self.state.policies.shipping_fee,
            P.refunded(self.state, order_id, "shipping_fee"),
        )
        if not v:
            raise ToolError(v.why)
        rec = Refund(
            refund_id=self._next_id("RF", self.state.refunds),
            order_id=order_id,
            kind="shipping_fee",
            amount=v.amount,
            reason=reason,
        )
        self.state.refunds.append(rec)
        return {**rec.model_dump(), "status": "shipping fee refunded"}

    @tool(ToolKind.WRITE)
    def price_protect(self, order_id: str, sku: str) -> dict[str, Any]:
        """Refund the difference when an item's price dropped within the price-protection window; the amount is computed.

        Args:
            order_id: Order id, e.g. O-1001.
            sku: The item's SKU, as in the order.
        """
        o = self.order(order_id)
        it = self.item(o, sku)
        already = round(
            sum(
                r.amount
                for r in self.state.refunds
                if r.order_id == order_id and r.kind == "price_protection" and r.sku == sku
            ),
            2,
        )
        v = P.price_protection_due(
            o,
            it,
            self.product(it.product_id),
            self.state.today,
            self.state.policies.price_protection,
            already,
        )
        if not v:
            raise ToolError(v.why)
        rec = Refund(
            refund_id=self._next_id("RF", self.state.refunds),
            order_id=order_id,
            kind="price_protection",
            amount=v.amount,
            reason=v.why,
            sku=sku,
        )
        self.state.refunds.append(rec)
        return {**rec.model_dump(), "status": "price difference refunded"}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def issue_coupon(
        self, customer_id: str, coupon_id: str, reason: str, order_id: str | None = None
    ) -> dict[str, Any]:
        """Give a customer a coupon from the catalogue, within the case's coupon budget.

        Args:
            customer_id: Customer id, e.g. U-1001.
            coupon_id: A coupon id from list_coupons.
            reason: Why, in a sentence.
            order_id: The order it is for (optional).
        """
        self.customer(customer_id)
        if order_id is not None:
            self.order(order_id)
        coupon = next((c for c in self.state.coupons if c.coupon_id == coupon_id), None)
        if coupon is None:
            raise ToolError(f"no coupon {coupon_id!r}; list_coupons shows them")
        left, _ = P.compensation_left(self.state)
        if coupon.value > left + 1e-9:
            raise ToolError(
                f"coupon worth {coupon.value:.2f} refused: {max(left, 0):.2f} yuan of coupon budget left"
            )
        rec = CouponGrant(
            grant_id=self._next_id("CG", self.state.coupon_grants),
            customer_id=customer_id,
            coupon_id=coupon_id,
            value=coupon.value,
            order_id=order_id,
            reason=reason,
        )
        self.state.coupon_grants.append(rec)
        return {**rec.model_dump(), "status": "coupon issued"}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def offer_cash_compensation(
        self, customer_id: str, amount: float, reason: str, order_id: str | None = None
    ) -> dict[str, Any]:
        """Pay a customer goodwill cash compensation, within the case's cash budget.

        Args:
            customer_id: Customer id, e.g. U-1001.
            amount: Amount in yuan, more than 0 and within the budget.
            reason: Why, in a sentence.
            order_id: The order it is for (optional).
        """
        self.customer(customer_id)
        if order_id is not None:
            self.order(order_id)
        _, left = P.compensation_left(self.state)
        if amount <= 0 or amount > left + 1e-9:
            raise ToolError(
                f"compensation of {amount} refused: {max(left, 0):.2f} yuan of cash budget left"
            )
        rec = CashCompensation(
            compensation_id=self._next_id("CC", self.state.cash_compensations),
            customer_id=customer_id,
            amount=round(amount, 2),
            order_id=order_id,
            reason=reason,
        )
        self.state.cash_compensations.append(rec)
        return {**rec.model_dump(), "status": "compensation paid"}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def intercept_shipment(self, order_id: str, reason: str) -> dict[str, Any]:
        """Call a parcel back to the shop before delivery, if the interception policy allows it.

        Args:
            order_id: Order id, e.g. O-1001.
            reason: Why, in a sentence.
        """
        o = self.order(order_id)
        v = P.can_intercept(o, self.state.logistics, self.state.policies.interception)
        if not v:
            raise ToolError(v.why)
        assert o.tracking_no is not None
        o.status = "intercepted"
        rec = Interception(order_id=order_id, tracking_no=o.tracking_no, reason=reason)
        self.state.interceptions.append(rec)
        owed = P.refund_owed(self.state, order_id)
        return {**rec.model_dump(), "status": "interception requested", "refund_owed": owed}

    @tool(ToolKind.WRITE)
    def change_address(
        self,
        order_id: str,
        province: str,
        city: str,
        district: str,
        street: str,
        name: str | None = None,
        phone: str | None = None,
    ) -> dict[str, Any]:
        """Change an order's shipping address, allowed only before the address-change cut-off status.

        Args:
            order_id: Order id, e.g. O-1001.
            province: Province.
            city: City.
            district: District.
            street: Street, building and room.
            name: Recipient (omit to keep the current one).
            phone: Recipient's phone (omit to keep the current one).
        """
        o = self.order(order_id)
        v = P.can_change_address(o, self.state.policies.address_change)
        if not v:
            raise ToolError(v.why)
        parts = {"province": province, "city": city, "district": district, "street": street}
        empty = [k for k, val in parts.items() if not val.strip()]
        if empty:
            raise ToolError(f"address fields must not be empty: {', '.join(empty)}")
        rule = self.state.policies.address_change
        if rule.provinces and _area(province) not in {_area(x) for x in rule.provinces}:
            raise ToolError(f"we do not deliver to the province {province.strip()!r}")
        if len(re.sub(r"\W", "", street)) < rule.min_street_chars:
            raise ToolError("the street line is too short: give the street, number and room")
        old = o.address
        new = Address(
            name=name if name else old.name,
            phone=phone if phone else old.phone,
            **{k: val.strip() for k, val in parts.items()},
        )
        o.address = new
        self.state.address_changes.append(AddressChange(order_id=order_id, old=old, new=new))
        return {"order_id": order_id, "address": new.model_dump(), "status": "address changed"}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def reship_order(self, order_id: str, reason: str) -> dict[str, Any]:
        """Send a replacement parcel for a lost or damaged shipment, once per order.

        Args:
            order_id: Order id, e.g. O-1001.
            reason: Why, in a sentence.
        """
        o = self.order(order_id)
        v = P.can_reship(
            o,
            self.state.logistics,
            self.state.policies.reship,
            any(r.order_id == order_id for r in self.state.reships),
            P.refunded(self.state, order_id, "item"),
        )
        if not v:
            raise ToolError(v.why)
        short = []
        for it in o.items:
            sku = next((s for s in self.product(it.product_id).skus if s.sku == it.sku), None)
            if sku is None or sku.stock < it.qty:
                short.append(it.sku)
        if short:
            raise ToolError(f"cannot reship: out of stock for {', '.join(short)}")
        for it in o.items:
            sku = next(s for s in self.product(it.product_id).skus if s.sku == it.sku)
            sku.stock -= it.qty
        rec = Reship(
            reship_id=self._next_id("RS", self.state.reships),
            order_id=order_id,
            tracking_no=f"{o.tracking_no}-R{len(self.state.reships) + 1}",
            reason=reason,
        )
        self.state.reships.append(rec)
        return {**rec.model_dump(), "status": "replacement shipped"}

    @tool(ToolKind.WRITE, free_args=("summary",))
    def escalate_ticket(
        self,
        customer_id: str,
        summary: str,
        priority: Literal["normal", "urgent"] = "normal",
        order_id: str | None = None,
    ) -> dict[str, Any]:
        """Open a ticket for a specialist; they contact the customer within 24 hours.

        Args:
            customer_id: Customer id, e.g. U-1001.
            summary: What the specialist must look at, in a sentence or two.
            priority: normal or urgent.
            order_id: The order it is about (optional).
        """
        self.customer(customer_id)
        if order_id is not None:
            self.order(order_id)
        rec = Ticket(
            ticket_id=self._next_id("T", self.state.tickets),
            customer_id=customer_id,
            order_id=order_id,
            priority=priority,
            summary=summary,
        )
        self.state.tickets.append(rec)
        return {**rec.model_dump(), "status": "open", "reply_within_hours": 24}

    # -- setup (cases only) ---------------------------------------------------------------
    @setup
    def set_today(self, today: str) -> dict[str, Any]:
        """Set the case's date (ISO ``YYYY-MM-DD``)."""
        P.day_of(today)
        self.state.today = today
        return {"today": today}

    # -- grading hooks ---------------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """Facts a lookup revealed.

        - ``get_order``: ``order:<id>:status``, ``:items``, ``:timestamps``, ``:payment``,
          ``:address``, ``:shipping`` (courier and tracking number);
        - ``list_orders``: ``order:<id>:status`` of each order listed;
        - ``track_shipment``: ``order:<id>:tracking`` and ``order:<id>:status``;
        - ``get_product``: ``product:<id>:price``, ``:stock``, ``:price_history``,
          ``:attributes`` and ``product:<id>:attr:<name>`` per attribute;
        - ``search_products``: ``product:<id>:listed`` per hit;
        - ``get_policy``: ``policy:<topic>``; ``search_help_center``: ``article:<id>`` per
          hit and ``policy:<topic>`` of hits linked to a policy;
        - ``get_customer``: ``customer:<id>:tier``, ``customer:<id>:compensation_history``;
        - ``list_coupons``: ``coupons``.
        """
        args, name, res = call.arguments, call.name, call.result
        if name == "get_order":
            oid = args.get("order_id")
            parts = ("status", "items", "timestamps", "payment", "address", "shipping")
            return frozenset(f"order:{oid}:{p}" for p in parts)
        if name == "list_orders" and isinstance(res, list):
            return frozenset(f"order:{o['order_id']}:status" for o in res if isinstance(o, dict))
        if name == "track_shipment":
            oid = args.get("order_id")
            return frozenset({f"order:{oid}:tracking", f"order:{oid}:status"})
        if name == "get_product":
            pid = args.get("product_id")
            facts = {
                f"product:{pid}:{p}" for p in ("price", "stock", "price_history", "attributes")
            }
            if isinstance(res, dict):
                facts |= {f"product:{pid}:attr:{k}" for k in res.get("attributes", {})}
            return frozenset(facts)
        if name == "search_products" and isinstance(res, list):
            return frozenset(
                f"product:{p['product_id']}:listed" for p in res if isinstance(p, dict)
            )
        if name == "get_policy":
            return frozenset({f"policy:{args.get('topic')}"})
        if name == "search_help_center" and isinstance(res, list):
            topics = {a.article_id: a.topic for a in self.state.articles}
            facts = set()
            for hit in res:
                if isinstance(hit, dict):
                    facts.add(f"article:{hit['article_id']}")
                    if topics.get(hit["article_id"]):
                        facts.add(f"policy:{topics[hit['article_id']]}")
            return frozenset(facts)
        if name == "get_customer":
            cid = args.get("customer_id")
            return frozenset({f"customer:{cid}:tier", f"customer:{cid}:compensation_history"})
        if name == "list_coupons":
            return frozenset({"coupons"})
        return frozenset({name})

    def outcome(self) -> dict[str, Any]:
        """What decisions change, flattened.

        Per order ``<id>``: ``status``, ``address`` (one line), ``refund.item``,
        ``refund.shipping_fee``, ``refund.price_protection`` (yuan), ``returns`` and
        ``exchanges`` (sorted ``"sku x qty"`` / ``"sku->new_sku x qty"``), ``intercepted``,
        ``reshipped``, ``tickets`` (count). Per customer ``<id>``: ``coupon_value``,
        ``cash_compensation`` (yuan given in the episode), ``tickets``.
        """
        s = self.state
        out: dict[str, Any] = {}
        for o in s.orders:
            k = o.order_id
            out[f"{k}.status"] = o.status
            out[f"{k}.address"] = o.address.line()
            for kind in ("item", "shipping_fee", "price_protection"):
                out[f"{k}.refund.{kind}"] = P.refunded(s, k, kind)
            out[f"{k}.returns"] = sorted(f"{r.sku} x {r.qty}" for r in s.returns if r.order_id == k)
            out[f"{k}.exchanges"] = sorted(
                f"{x.sku}->{x.new_sku} x {x.qty}" for x in s.exchanges if x.order_id == k
            )
            out[f"{k}.intercepted"] = any(i.order_id == k for i in s.interceptions)
            out[f"{k}.reshipped"] = any(r.order_id == k for r in s.reships)
            out[f"{k}.tickets"] = sum(1 for t in s.tickets if t.order_id == k)
        for c in s.customers:
            k = c.customer_id
            out[f"{k}.coupon_value"] = round(
                sum(g.value for g in s.coupon_grants if g.customer_id == k), 2
            )
            out[f"{k}.cash_compensation"] = round(
                sum(x.amount for x in s.cash_compensations if x.customer_id == k), 2
            )
            out[f"{k}.tickets"] = sum(1 for t in s.tickets if t.customer_id == k)
        return out

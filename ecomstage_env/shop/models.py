"""State models of the shared shop world (customer-side scenarios).

Everything is a strict pydantic model that refuses unknown keys. Dates are ISO strings
(``"2026-06-20"``), times ISO minutes (``"2026-06-20T14:05"``); the episode's "today"
is ``ShopState.today``, never the wall clock. Money is in yuan.

Three groups of fields:

- the shop as it is: ``customers``, ``products`` (SKUs with stock, price and price
  history), ``orders``, ``logistics`` (courier events), ``policies``, ``coupons``,
  ``budget`` (the case's compensation limits) and ``articles`` (help centre);
- what writes create: ``returns``, ``exchanges``, ``refunds``, ``coupon_grants``,
  ``cash_compensations``, ``interceptions``, ``address_changes``, ``reships``,
  ``tickets``;
- ``today``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DATE",
    "TIME",
    "Address",
    "AddressChange",
    "AddressChangePolicy",
    "Article",
    "Budget",
    "CashCompensation",
    "CompensationPolicy",
    "CompensationRecord",
    "Coupon",
    "CouponGrant",
    "Customer",
    "ExceptionKind",
    "Exchange",
    "ExchangePolicy",
    "Interception",
    "InterceptionPolicy",
    "ItemStatus",
    "LogisticsEvent",
    "Order",
    "OrderItem",
    "OrderStatus",
    "Payment",
    "Policies",
    "PolicyTopic",
    "PricePoint",
    "PriceProtectionPolicy",
    "Product",
    "Refund",
    "RefundKind",
    "Reship",
    "ReshipPolicy",
    "Return",
    "ReturnPolicy",
    "ReturnReason",
    "ShippingFeePolicy",
    "ShopState",
    "Sku",
    "Ticket",
]

DATE = r"^\d{4}-\d{2}-\d{2}$"
TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"

OrderStatus = Literal[
    "pending_payment",
    "paid",
    "shipped",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "cancelled",
    "intercepted",
    "returned",
]
"""An order's status, in the order it normally moves (the last three end it early)."""

ItemStatus = Literal["normal", "return_requested", "exchange_requested", "refunded"]
ExceptionKind = Literal["lost", "damaged", "address_issue", "held"]
ReturnReason = Literal[
    "changed_mind",
    "size_fit",
    "defective",
    "wrong_item",
    "damaged_in_transit",
    "not_as_described",
]
"""Why a customer returns or exchanges an item; the last four are the seller's fault."""

RefundKind = Literal["item", "shipping_fee", "price_protection"]
PolicyTopic = Literal[
    "returns",
    "exchange",
    "price_protection",
    "shipping_fee",
    "address_change",
    "interception",
    "reship",
    "compensation",
]


def _before_shipping() -> list[OrderStatus]:
    return ["pending_payment", "paid"]


def _on_the_way() -> list[OrderStatus]:
    return ["shipped", "in_transit"]


def _lost_or_damaged() -> list[ExceptionKind]:
    return ["lost", "damaged"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# -- catalogue -----------------------------------------------------------------------
class PricePoint(_Model):
    """The price a SKU took from ``date`` on (until the next point)."""

    date: str = Field(pattern=DATE)
    price: float = Field(gt=0)


class Sku(_Model):
    """One buyable variant of a product."""

    sku: str
    options: dict[str, str] = Field(
        default_factory=dict, description="Variant options, e.g. {'color': 'black', 'size': 'M'}."
    )
    price: float = Field(gt=0, description="Price today, yuan.")
    stock: int = Field(ge=0)
    price_history: list[PricePoint] = Field(
        default_factory=list, description="Past and current prices, oldest first."
    )


class Product(_Model):
    """A product of the catalogue with its SKUs."""

    product_id: str = Field(pattern=r"^P-\d+$")
    title: str
    brand: str
    category: str
    attributes: dict[str, str] = Field(default_factory=dict)
    description: str = ""
    skus: list[Sku] = Field(min_length=1)


# -- customers, orders, logistics --------------------------------------------------------
class CompensationRecord(_Model):
    """Compensation a customer received before this case."""

    date: str = Field(pattern=DATE)
    kind: Literal["coupon", "cash"]
    amount: float = Field(gt=0)
    order_id: str | None = None


class Customer(_Model):
    """A shop customer."""

    customer_id: str = Field(pattern=r"^U-\d+$")
    name: str
    tier: Literal["regular", "silver", "gold", "platinum"] = "regular"
    compensation_history: list[CompensationRecord] = Field(default_factory=list)


class Address(_Model):
    """A shipping address."""

    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str

    def line(self) -> str:
        """The address on one line."""
        return f"{self.name}, {self.phone}, {self.street}, {self.district}, {self.city}, {self.province}"


class OrderItem(_Model):
    """One line of an order."""

    sku: str
    product_id: str
    title: str
    qty: int = Field(ge=1)
    unit_price: float = Field(gt=0, description="Price paid per unit, yuan.")
    status: ItemStatus = "normal"
    used: bool = Field(default=False, description="The customer has used or worn it.")
    tags_attached: bool = Field(default=True, description="Labels and packaging still on.")


class Payment(_Model):
    """How an order was paid."""

    method: Literal["alipay", "wechat_pay", "credit_card", "cash_on_delivery", "balance"]
    amount: float = Field(ge=0, description="Total charged: items + shipping fee - discount.")
    shipping_fee: float = Field(default=0.0, ge=0)
    discount: float = Field(default=0.0, ge=0)


class Order(_Model):
    """A customer's order with its timestamps, payment, address and shipment."""

    order_id: str = Field(pattern=r"^O-\d+$")
    customer_id: str
    items: list[OrderItem] = Field(min_length=1)
    status: OrderStatus
    placed_at: str = Field(pattern=TIME)
    paid_at: str | None = Field(default=None, pattern=TIME)
    shipped_at: str | None = Field(default=None, pattern=TIME)
    delivered_at: str | None = Field(default=None, pattern=TIME)
    payment: Payment | None = None
    address: Address
    courier: str | None = None
    tracking_no: str | None = None


class LogisticsEvent(_Model):
    """One scan of a parcel; ``exception`` is set when ``status`` is ``exception``."""

    tracking_no: str
    time: str = Field(pattern=TIME)
    location: str
    status: Literal["picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]
    exception: ExceptionKind | None = None
    note: str = ""


# -- policies ---------------------------------------------------------------------------
class ReturnPolicy(_Model):
    """Returns for a refund.

    A return is open from delivery (day 0) through day ``window_days`` for a customer's
    own reasons, through day ``fault_window_days`` when the seller is at fault
    (defective, wrong, damaged, not as described). Own-reason returns need the item
    unused (``require_unused``) with tags on (``require_tags``); categories in
    ``excluded_categories`` are returnable only for the seller's fault.
    """

    window_days: int = Field(default=7, ge=0)
    fault_window_days: int = Field(default=15, ge=0)
    require_unused: bool = True
    require_tags: bool = True
    excluded_categories: list[str] = Field(default_factory=list)
    article_id: str | None = None


class ExchangePolicy(_Model):
    """Exchanges for another SKU of the same product (same price), stock permitting.

    Open from delivery through day ``window_days``; own-reason exchanges need the item
    unused with tags on, like returns; ``excluded_categories`` as for returns.
    """

    window_days: int = Field(default=15, ge=0)
    require_unused: bool = True
    require_tags: bool = True
    excluded_categories: list[str] = Field(default_factory=list)
    article_id: str | None = None


class PriceProtectionPolicy(_Model):
    """Refund of a price drop after purchase.

    If a SKU's price drops within ``window_days`` of payment (day 0 = the payment date,
    the last covered day = day ``window_days``), the customer may claim, within that
    same window, the difference between the unit price paid and the lowest price of the
    SKU from the payment date through today, times the quantity, once per item.
    Categories in ``excluded_categories`` are not covered; neither are orders cancelled,
    intercepted or returned.
    """

    window_days: int = Field(default=7, ge=0)
    excluded_categories: list[str] = Field(default_factory=list)
    article_id: str | None = None


class ShippingFeePolicy(_Model):
    """When an order's shipping fee is refunded: only for the ``refundable_reasons``."""

    refundable_reasons: list[str] = Field(
        default_factory=lambda: [
            "defective",
            "wrong_item",
            "damaged_in_transit",
            "not_as_described",
            "lost",
            "late_delivery",
        ]
    )
    article_id: str | None = None


class AddressChangePolicy(_Model):
    """The address can change only while the order is in ``allowed_statuses``.

    A new address must be in ``provinces`` (when listed) with a street line of at least
    ``min_street_chars`` letters and digits.
    """

    allowed_statuses: list[OrderStatus] = Field(default_factory=_before_shipping)
    provinces: list[str] = Field(default_factory=list)
    """Provinces the shop delivers to (empty: any); a new address elsewhere is refused."""
    min_street_chars: int = Field(default=0, ge=0)
    """A new street line shorter than this (letters and digits counted) is refused."""
    article_id: str | None = None


class InterceptionPolicy(_Model):
    """Parcel interception (sent back to the shop) before delivery.

    Allowed while the order is in ``allowed_statuses`` and its courier is in
    ``couriers`` (empty: any courier).
    """

    allowed_statuses: list[OrderStatus] = Field(default_factory=_on_the_way)
    couriers: list[str] = Field(default_factory=list)
    article_id: str | None = None


class ReshipPolicy(_Model):
    """Replacement parcels.

    One is sent, once per order, when the parcel's latest scan is one of ``exceptions``
    and no item refund has been paid for it.
    """

    exceptions: list[ExceptionKind] = Field(default_factory=_lost_or_damaged)
    article_id: str | None = None


class CompensationPolicy(_Model):
    """Goodwill coupons and cash: never above the case's :class:`Budget`."""

    article_id: str | None = None


class Policies(_Model):
    """Every after-sales policy of the shop; the field names are the ``PolicyTopic`` values."""

    returns: ReturnPolicy = Field(default_factory=ReturnPolicy)
    exchange: ExchangePolicy = Field(default_factory=ExchangePolicy)
    price_protection: PriceProtectionPolicy = Field(default_factory=PriceProtectionPolicy)
    shipping_fee: ShippingFeePolicy = Field(default_factory=ShippingFeePolicy)
    address_change: AddressChangePolicy = Field(default_factory=AddressChangePolicy)
    interception: InterceptionPolicy = Field(default_factory=InterceptionPolicy)
    reship: ReshipPolicy = Field(default_factory=ReshipPolicy)
    compensation: CompensationPolicy = Field(default_factory=CompensationPolicy)


class Coupon(_Model):
    """A coupon the shop can issue."""

    coupon_id: str
    title: str
    value: float = Field(gt=0, description="Yuan off.")
    min_spend: float = Field(default=0.0, ge=0)
    valid_days: int = Field(default=30, ge=1)


class Budget(_Model):
    """This case's compensation limits: coupons and cash issued in the episode, in total."""

    max_coupon_value: float = Field(default=0.0, ge=0)
    max_cash_compensation: float = Field(default=0.0, ge=0)


class Article(_Model):
    """A help-centre article; ``topic`` links it to the policy whose thresholds it states."""

    article_id: str
    title: str
    body: str
    topic: PolicyTopic | None = None
    tags: list[str] = Field(default_factory=list)


# -- records writes create ----------------------------------------------------------------
class Return(_Model):
    """A return request; ``refund_due`` becomes owed to the customer."""

    return_id: str
    order_id: str
    sku: str
    qty: int = Field(ge=1)
    reason: ReturnReason
    refund_due: float = Field(ge=0)


class Exchange(_Model):
    """An exchange of an item for another SKU of the same product."""

    exchange_id: str
    order_id: str
    sku: str
    new_sku: str
    qty: int = Field(ge=1)
    reason: ReturnReason


class Refund(_Model):
    """Money paid back: for items, the shipping fee, or a price drop."""

    refund_id: str
    order_id: str
    kind: RefundKind
    amount: float = Field(gt=0)
    reason: str
    sku: str | None = None


class CouponGrant(_Model):
    """A coupon issued to a customer."""

    grant_id: str
    customer_id: str
    coupon_id: str
    value: float = Field(gt=0)
    order_id: str | None = None
    reason: str = ""


class CashCompensation(_Model):
    """Goodwill cash paid to a customer."""

    compensation_id: str
    customer_id: str
    amount: float = Field(gt=0)
    order_id: str | None = None
    reason: str = ""


class Interception(_Model):
    """A parcel called back before delivery."""

    order_id: str
    tracking_no: str
    reason: str = ""


class AddressChange(_Model):
    """An order's shipping address changed."""

    order_id: str
    old: Address
    new: Address


class Reship(_Model):
    """A replacement parcel for an order."""

    reship_id: str
    order_id: str
    tracking_no: str
    reason: str = ""


class Ticket(_Model):
    """A case handed to a specialist."""

    ticket_id: str
    customer_id: str
    order_id: str | None = None
    priority: Literal["normal", "urgent"] = "normal"
    summary: str = ""


# -- the whole world --------------------------------------------------------------------
class ShopState(_Model):
    """The whole shop world of one case."""

    today: str = Field(pattern=DATE, description="The case's date; windows count to it.")
    customers: list[Customer] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    orders: list[Order] = Field(default_factory=list)
    logistics: list[LogisticsEvent] = Field(default_factory=list)
    policies: Policies = Field(default_factory=Policies)
    coupons: list[Coupon] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    articles: list[Article] = Field(default_factory=list)
    returns: list[Return] = Field(default_factory=list)
    exchanges: list[Exchange] = Field(default_factory=list)
    refunds: list[Refund] = Field(default_factory=list)
    coupon_grants: list[CouponGrant] = Field(default_factory=list)
    cash_compensations: list[CashCompensation] = Field(default_factory=list)
    interceptions: list[Interception] = Field(default_factory=list)
    address_changes: list[AddressChange] = Field(default_factory=list)
    reships: list[Reship] = Field(default_factory=list)
    tickets: list[Ticket] = Field(default_factory=list)

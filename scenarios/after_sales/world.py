"""The after_sales world: the shared shop plus the negotiation with the simulated customer.

:class:`AfterSalesState` is the shop's state with one more field, ``negotiation``, where
the simulated customer (:mod:`ecomstage_env.shop.customer`) keeps what was offered and
agreed in the episode. The tools are the shop's (:class:`~ecomstage_env.shop.ShopWorld`)
plus :meth:`AfterSalesWorld.issue_goodwill_coupon`, which issues a coupon by its value:
the value is the agent's decision (the help centre's goodwill rule), so the tool takes it
rather than a coupon id.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ecomstage_env.shop import ShopState, ShopWorld
from ecomstage_env.shop import policy as P
from ecomstage_env.shop.customer import Negotiation
from ecomstage_env.shop.models import CouponGrant
from ecomstage_env.world.base import ToolError, ToolKind, tool

__all__ = ["AfterSalesState", "AfterSalesWorld"]


class AfterSalesState(ShopState):
    """The shop's state and the episode's negotiation."""

    negotiation: Negotiation = Field(default_factory=Negotiation)


class AfterSalesWorld(ShopWorld):
    """The shop as the after-sales desk sees it."""

    state_model = AfterSalesState

    @tool(ToolKind.WRITE, free_args=("reason",))
    def issue_goodwill_coupon(
        self, customer_id: str, value: float, reason: str, order_id: str | None = None
    ) -> dict[str, Any]:
        """Give a customer a goodwill coupon of the shop's catalogue worth `value` yuan, within the case's coupon budget.

        Args:
            customer_id: Customer id, e.g. U-1001.
            value: The coupon's value in yuan; a coupon of exactly this value must exist
                (list_coupons shows them).
            reason: Why, in a sentence.
            order_id: The order it is for (optional).
        """
        self.customer(customer_id)
        if order_id is not None:
            self.order(order_id)
        coupon = next((c for c in self.state.coupons if abs(c.value - value) < 1e-9), None)
        if coupon is None:
            values = ", ".join(f"{c.value:g}" for c in self.state.coupons)
            raise ToolError(f"no coupon worth {value}; the shop's coupons are worth {values}")
        left, _ = P.compensation_left(self.state)
        if coupon.value > left + 1e-9:
            raise ToolError(
                f"coupon worth {coupon.value:.2f} refused: {max(left, 0):.2f} yuan of coupon budget left"
            )
        rec = CouponGrant(
            grant_id=self._next_id("CG", self.state.coupon_grants),
            customer_id=customer_id,
            coupon_id=coupon.coupon_id,
            value=coupon.value,
            order_id=order_id,
            reason=reason,
        )
        self.state.coupon_grants.append(rec)
        return {**rec.model_dump(), "status": "coupon issued"}

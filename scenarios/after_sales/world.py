"""The after_sales world: the shared shop plus the negotiation with the simulated customer.

:class:`AfterSalesState` is the shop's state with one more field, ``negotiation``, where
the simulated customer (:mod:`ecomstage_env.shop.customer`) keeps what was offered and
agreed in the episode. The tools are the shop's (:class:`~ecomstage_env.shop.ShopWorld`).
"""

from __future__ import annotations

from pydantic import Field

from ecomstage_env.shop import ShopState, ShopWorld
from ecomstage_env.shop.customer import Negotiation

__all__ = ["AfterSalesState", "AfterSalesWorld"]


class AfterSalesState(ShopState):
    """The shop's state and the episode's negotiation."""

    negotiation: Negotiation = Field(default_factory=Negotiation)


class AfterSalesWorld(ShopWorld):
    """The shop as the after-sales desk sees it (the shop's READ and WRITE tools)."""

    state_model = AfterSalesState

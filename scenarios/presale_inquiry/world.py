"""presale_inquiry world: the shared shop, seen by a shopper who has not bought yet.

The agent answers questions about the catalogue, so the scenario uses the shop's READ
tools only (``get_product``, ``search_products``, ``search_help_center``,
``get_policy``). Two ``@setup`` methods let a case set a SKU's stock or price (a case's
own world without replacing the whole catalogue through a merge patch).

``get_policy`` returns the help-centre article that states the policy, so here it also
reveals ``article:<id>`` of that article: ``get_policy("shipping_fee")`` (whose article
is A-FEE, "Shipping costs", in this scenario's world) reveals what a shipping-cost
question needs, as ``search_help_center("shipping cost")`` does.
"""

from __future__ import annotations

from typing import Any

from ecomstage_env.shop import ShopState, ShopWorld
from ecomstage_env.shop.models import PricePoint
from ecomstage_env.shop.policy import day_of
from ecomstage_env.stages import ToolCallRecord
from ecomstage_env.world.base import ToolError, setup

__all__ = ["PresaleWorld", "ShopState"]


class PresaleWorld(ShopWorld):
    """The shop's catalogue and help centre for pre-sale questions."""

    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """The shop's facts, plus ``article:<id>`` of the article a policy lookup returned."""
        facts = super().revealed(call)
        res = call.result
        if call.name == "get_policy" and isinstance(res, dict):
            article = res.get("article")
            if isinstance(article, dict) and article.get("article_id"):
                facts = facts | {f"article:{article['article_id']}"}
        return facts

    def _sku(self, sku: str) -> Any:
        for p in self.state.products:
            for s in p.skus:
                if s.sku == sku:
                    return s
        raise ToolError(f"no SKU {sku!r}")

    @setup
    def set_stock(self, sku: str, stock: int) -> dict[str, Any]:
        """Set a SKU's stock for this case."""
        if isinstance(stock, bool) or not isinstance(stock, int) or stock < 0:
            raise ToolError("stock must be a whole number >= 0")
        self._sku(sku).stock = stock
        return {"sku": sku, "stock": stock}

    @setup
    def set_price(self, sku: str, price: float, since: str) -> dict[str, Any]:
        """Set a SKU's price from ``since`` (ISO date) on, recording it in its history."""
        if isinstance(price, bool) or not isinstance(price, (int, float)) or not price > 0:
            raise ToolError("price must be a number > 0")
        day_of(since)
        s = self._sku(sku)
        if not s.price_history:
            s.price_history.append(PricePoint(date="2026-01-01", price=s.price))
        s.price_history = [p for p in s.price_history if p.date < since]
        s.price_history.append(PricePoint(date=since, price=float(price)))
        s.price = float(price)
        return {"sku": sku, "price": s.price}

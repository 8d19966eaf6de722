"""The shop world the customer-side scenarios share.

Used by after_sales, order_logistics and presale_inquiry.

- :mod:`ecomstage_env.shop.models`: the state (:class:`ShopState`) and its records;
- :mod:`ecomstage_env.shop.policy`: the policies as pure functions (gold and writes
  both use them);
- :mod:`ecomstage_env.shop.world`: :class:`ShopWorld`, the READ and WRITE tools.

A scenario folder's ``world.py`` subclasses :class:`ShopWorld` (or re-exports it) and
names it in ``spec.toml`` as ``world_class = "world:MyWorld"``.
"""

from __future__ import annotations

from ecomstage_env.shop import policy
from ecomstage_env.shop.models import ShopState
from ecomstage_env.shop.policy import Verdict
from ecomstage_env.shop.world import ShopWorld

__all__ = ["ShopState", "ShopWorld", "Verdict", "policy"]

"""The world of ``order_logistics``: the shared shop, graded on normalised addresses.

:class:`LogisticsWorld` is the library's :class:`~ecomstage_env.shop.ShopWorld` (its
order, tracking, policy and help-centre lookups; its ``change_address``,
``intercept_shipment``, ``reship_order``, ``refund_shipping_fee`` and ``issue_refund``
writes) with one change: :meth:`LogisticsWorld.outcome` reports an order's address field
by field, each normalised (case, spaces, punctuation, the words "province", "city",
"district", the usual street abbreviations, unit labels such as "Room", and the order of
the street line's parts), so a correct address typed as "Xihu District" or "xihu", or
"9 Dongwu North Road, Room 1802" for "Rm 1802, 9 Dongwu North Road", is the same change,
and a wrong city is a wrong value.
"""

from __future__ import annotations

import re
from typing import Any

from ecomstage_env.shop import ShopState, ShopWorld

__all__ = ["LogisticsWorld", "ShopState", "norm_place", "norm_street"]

_SUFFIX = re.compile(
    r"\b(province|city|district|county|municipality|shi|qu|sheng)\b|[省市区县]$", re.IGNORECASE
)
_ABBREV = {
    "road": "rd",
    "street": "st",
    "avenue": "ave",
    "apartment": "apt",
    "room": "rm",
    "building": "bldg",
    "number": "no",
    "floor": "fl",
    "unit": "unit",
    "lane": "ln",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
}


def norm_place(text: str) -> str:
    """A province, city or district, normalised: ``"Xihu District"`` -> ``"xihu"``."""
    text = _SUFFIX.sub(" ", text.strip().lower())
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "", text)


_UNIT_WORDS = {"no", "rm", "apt", "unit", "flat", "suite", "bldg", "fl"}
"""Words that only label a number ("Room 1802", "Rm 1802", "No. 9"): dropped."""


def norm_street(text: str) -> str:
    """A street line, normalised: its words abbreviated, unit labels dropped, in any order.

    ``"Rm 1802, 9 Dongwu North Road"`` and ``"9 Dongwu N Rd, Room 1802"`` are the same
    line (``"1802 9 dongwu n rd"``): the parts of an address are written in either order.
    """
    words = re.findall(r"[0-9a-z]+|[\u4e00-\u9fff]+", text.lower())
    kept = (m for m in (_ABBREV.get(w, w) for w in words) if m not in _UNIT_WORDS)
    return " ".join(sorted(kept))


def _norm_phone(text: str) -> str:
    return re.sub(r"\D", "", text)


class LogisticsWorld(ShopWorld):
    """The shared shop; the address in :meth:`outcome` is normalised field by field."""

    def outcome(self) -> dict[str, Any]:
        """:meth:`ShopWorld.outcome` with ``<order>.address`` split into normalised fields.

        Per order: ``address.name``, ``address.phone`` (digits), ``address.province``,
        ``address.city``, ``address.district``, ``address.street`` instead of the one line.
        """
        out = super().outcome()
        for o in self.state.orders:
            k = o.order_id
            out.pop(f"{k}.address", None)
            a = o.address
            out[f"{k}.address.name"] = " ".join(a.name.lower().split())
            out[f"{k}.address.phone"] = _norm_phone(a.phone)
            out[f"{k}.address.province"] = norm_place(a.province)
            out[f"{k}.address.city"] = norm_place(a.city)
            out[f"{k}.address.district"] = norm_place(a.district)
            out[f"{k}.address.street"] = norm_street(a.street)
        return out

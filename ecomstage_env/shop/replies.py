"""Rules the customer scenarios' reply scorers share.

:func:`wrong_order`: a reply that names another order (its id, the item of another
order of the customer's account, or another product) and not the order the case is about
states facts about the wrong parcel. after_sales' ``after_sales_reply`` and order_logistics'
``order_logistics_reply`` score such a reply 0 with the reason this returns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ecomstage_env.scoring.statements import fold_width

__all__ = ["item_names", "wrong_order"]


def item_names(title: str) -> list[str]:
    """The ways a reply names an ordered item: its English name, its first word, its Chinese words.

    "Cloudnest down duvet 羽绒被" is named by "Cloudnest down duvet", "Cloudnest" and
    "羽绒被"; a variant in brackets ("Kettlewise 1.7L glass kettle (grey)") is left out.
    """
    base = title.split(" (")[0].split("（")[0]
    words = [w for w in base.split() if w]
    name = " ".join(w for w in words if w.isascii())
    names = [name, name.split(" ")[0] if name else "", *(w for w in words if not w.isascii())]
    return [n for n in dict.fromkeys(names) if n.strip()]


def _named(text: str, name: str) -> bool:
    """Whether lower-cased ``text`` names ``name`` (a whole word or phrase; Chinese as is)."""
    if name.isascii():
        return re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w])", text) is not None
    return name.lower() in text


def _names_other(text: str, low: str, names: list[str], own_words: set[str]) -> bool:
    """Whether the reply names another item by one of ``names``.

    A one-word English name (a brand: "Orchard") counts written as the title writes it
    (capitalised), and never when it is a word of the case's own item ("Cotton" beside
    "cotton briefs"); a longer name or a Chinese one in any case.
    """
    for n in names:
        if n.isascii() and " " not in n:
            if n.lower() in own_words:
                continue
            if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w])", text):
                return True
        elif _named(low, n):
            return True
    return False


_ORDER_ID = re.compile(r"(?<![\w-])o-\d+(?!\d)")
"""An order id (the shop's ``O-`` and digits), in lower-cased text."""


def _order_named(text: str, order_id: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(order_id.lower())}(?!\d)", text) is not None


def wrong_order(text: str, state: Any, refs: Mapping[str, Any]) -> str | None:
    """Why ``text`` is a reply about another order than the case's, or None.

    The case's order is ``refs["order_id"]``; the customer's account is the orders of
    ``refs["customer_id"]`` in ``state``. A reply is about the wrong order when it names
    an order id (``O-`` and digits) other than the case's and not the case's own id (an
    order of the account, another customer's or none), or names the item of another order
    of the account or a product of the catalogue (``state.products``) that is not the
    case's item (:func:`item_names`, a name the case's own items do not share) and
    neither the case's own order id nor its item. A reply that names the case's order (or
    item) and another one as well (a mention of another order as background) is not:
    its facts are graded as usual. Without a case order in ``state``, None.

    Args:
        text: The reply.
        state: The episode's shop state (its ``orders`` and ``products``).
        refs: The case's ``world_refs`` (``customer_id``, ``order_id``).

    Returns:
        The reason ("the reply is about order O-x, not the order asked about"), or None.
    """
    oid, cid = refs.get("order_id"), refs.get("customer_id")
    orders = list(getattr(state, "orders", []) or [])
    own = next((o for o in orders if o.order_id == oid), None)
    if not oid or own is None:
        return None
    folded = fold_width(text)
    low = folded.lower()
    others = [o for o in orders if o.customer_id == (cid or own.customer_id) and o is not own]
    own_names = {n.lower() for i in own.items for n in item_names(i.title)}
    own_words = {w.lower() for i in own.items for w in re.findall(r"[\w'-]+", i.title)}
    own_id = _order_named(low, str(oid))
    own_item = any(_named(low, n) for n in own_names)
    if not own_id:
        for m in _ORDER_ID.finditer(low):
            if m.group(0) != str(oid).lower():
                name = m.group(0).upper()
                return f"the reply is about order {name}, not the order asked about"
    if own_id or own_item:
        return None
    for o in others:
        for item in o.items:
            names = [n for n in item_names(item.title) if n.lower() not in own_names]
            if _names_other(folded, low, names, own_words):
                return (
                    f"the reply is about the {item_names(item.title)[0]} of order "
                    f"{o.order_id}, not the order asked about"
                )
    mine = {i.product_id for i in own.items}
    for p in getattr(state, "products", []) or []:
        if p.product_id in mine:
            continue
        names = [n for n in item_names(p.title) if n.lower() not in own_names]
        if _names_other(folded, low, names, own_words):
            return f"the reply is about the {item_names(p.title)[0]}, not the order asked about"
    return None

"""presale_inquiry: the rules that decide a case's gold, as code.

A case's ``world_refs`` describe the situation the writer chose (never the answer):

- ``product_id``: the product asked about; ``attribute``: what is asked about, a label
  of the spec's ``attribute`` slot; ``kind``: the form of the question (below);
- ``key``: the catalogue attribute read, when it differs from ``attribute``;
- ``sku``: the variant asked about (``stock`` questions); ``claimed``: the figure the
  customer assumes (``claim``); ``other_id``: the second product (``compare``);
  ``region``: the province the parcel goes to (``delivery``); ``also``:
  ``"shipping_fee"`` when a right price claim also asks about extra costs ("no hidden
  fees?"), so the answer states the order's shipping outcome instead of the price history.

Kinds of question and what the answer must state (:func:`decide`):

- ``value``: the catalogue's value of the attribute (its figures, or its words);
- ``yesno``: a yes/no attribute (the catalogue value starts with "yes;" or "no;"): a
  "no" is stated as a negation of the attribute's phrase; a "yes" by the detail's figures;
- ``claim``: the customer assumes a figure (a price, a spec): the true figure; a price that is right is confirmed
  ("yes, 599") with the earlier price it came down from, or with the shipping outcome
  when the shopper asks about extra costs;
- ``stock``: whether the SKU is in stock (a figure of units left, or "out of stock");
- ``compare``: the attribute's value for both products, each stated of its own product
  (``owners``: each product's names, :func:`compare_names`, and the points that are its
  facts; the scorer counts a figure only in a clause about its product);
- ``returns``: the case's own outcome (help centre A-RET): returnable within 7 days
  unused with tags, or only for a quality problem within 15 days; a text that also
  states the other branch (its window, "can't be returned", "any reason") fails it;
  a quality problem is what A-RET lists (defective, wrong item, damaged in transit, not
  as described); a dislike (taste, fit, size, colour, change of mind) is not one, so a
  food or underwear shopper who dislikes the taste or fit gets the quality-only answer;
- ``price_protection``: covered with the window, or not covered (A-PP); the other
  branch stated fails it;
- ``shipping_fee``: this order ships free, or pays the flat 10 yuan and does not ship
  free (A-FEE); a text stating both outcomes states neither.

An answer (but a comparison's) that names only another product of the same brand
("The Air: ..." when the Pro is asked about) fails: ``names``/``other_names``.
A ``value`` answer also fails when it states a ``wrong_figures`` figure (another
product's value of the asked attribute) other than to deny it; the rules' other
windows fail through the points' contradicting phrasings ("15 days"), and a claim's
answer must state the true figure (a claim may name the assumed one to deny it).
- ``delivery``: the delivery days to the region (A-DELIV).

Every figure point names its unit (:func:`unit_of`: the one written after the figure in
the catalogue value; days, yuan and items for the rules' figures), so a figure stated in
another unit ("6 元" for "6 mm") does not meet it. Each such figure is a single answer
(``exclusive="unit"``, :func:`exclusive_points`): another figure the answer affirms in
its unit fails it ("either 5 or 7 days", "1.1 kg, or 0.9 kg"), but for the figures true
beside it: the answer's other points' figures (both ends of "2-4 days", both sides of
"183 x 61 cm", both products of a comparison, the fee and the threshold of the shipping
rule), the prices of the product's SKUs and the order total, the other SKUs' stock, and
(for a claim about a spec) the other products' values of the attribute. An earlier price
is not true beside the price ("it's 199 yuan, 219 yuan" fails where 199 was the price in
May). Only figures stated with the unit contradict: a bare figure ("the 359 in that
review must be from an earlier promotion") is read as no price.

``check_case(world, case)`` compares every case's gold with :func:`decide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecomstage_env import Case, Stage, ToolError
from ecomstage_env.scoring.points import Point, units_in
from ecomstage_env.shop import ShopState
from ecomstage_env.shop.models import Product, Sku
from ecomstage_env.shop.policy import price_on

from .world import PresaleWorld

__all__ = [
    "ATTRIBUTES",
    "DELIVERY_ZONES",
    "FREE_SHIPPING_FROM",
    "KINDS",
    "SHIPPING_FEE",
    "PolicyGold",
    "check_case",
    "compare_names",
    "decide",
    "exclusive_points",
    "unit_of",
]

KINDS = (
    "value",
    "yesno",
    "claim",
    "stock",
    "compare",
    "returns",
    "price_protection",
    "shipping_fee",
    "delivery",
)

ATTRIBUTES = (
    "material",
    "capacity",
    "size",
    "waterproof",
    "battery",
    "compatibility",
    "weight",
    "dimensions",
    "power",
    "warranty",
    "care",
    "features",
    "price",
    "stock",
    "delivery_time",
    "shipping_fee",
    "return_policy",
    "price_protection",
)
"""The labels of the ``attribute`` slot (the spec lists the same)."""

FREE_SHIPPING_FROM = 99.0
SHIPPING_FEE = 10.0
"""Help centre A-FEE: orders of 99 yuan or more ship free, below that 10 yuan."""

DELIVERY_ZONES: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("Zhejiang", "Jiangsu", "Shanghai"), (1, 2)),
    **dict.fromkeys(("Xinjiang", "Tibet", "Qinghai"), (5, 7)),
}
"""Help centre A-DELIV: days after dispatch; every other mainland province 2-4 days."""
OTHER_ZONE = (2, 4)

# How the answer names a yes/no attribute (a "no" must be stated as a negation of one).
PHRASES: dict[str, list[str]] = {
    "waterproof": ["waterproof", "water-proof", "防水"],
    "machine_washable": ["machine wash", "machine-wash", "washing machine", "machine washable"],
    "dishwasher_safe": ["dishwasher", "dish washer", "洗碗机"],
    "magnetic": ["magnetic", "magsafe", "magnet"],
    "dimmable": ["dimmable", "dim", "brightness"],
    "fragrance_free": ["fragrance", "perfume", "scent"],
    "sugar_added": ["added sugar", "sugar added", "sugar", "加糖"],
}

_NUM = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")

FREE = [
    "free shipping",
    "ships free",
    "ship free",
    "shipping is free",
    "free delivery",
    "包邮",
    "no shipping fee",
    "shipping free",
]
"""Phrasings of "this order ships free" (help centre A-FEE)."""

PAID = [
    f"flat {SHIPPING_FEE:g}",
    f"{SHIPPING_FEE:g} yuan",
    f"costs {SHIPPING_FEE:g}",
    f"fee of {SHIPPING_FEE:g}",
    f"fee is {SHIPPING_FEE:g}",
    f"pay {SHIPPING_FEE:g}",
    "below that",
]
"""Phrasings of "this order pays the flat fee"."""

NOT_RETURNABLE = [
    "can't be returned",
    "cannot be returned",
    "can not be returned",
    "can't return",
    "cannot return",
    "not returnable",
    "non-returnable",
    "no returns",
    "only for quality",
    "only for a quality",
]

ARTICLE_QUERY = {
    "A-FEE": "shipping cost free shipping",
    "A-DELIV": "delivery time region",
}


@dataclass
class PolicyGold:
    """What the policy decides for one case."""

    kind: str
    lookups: list[dict[str, Any]] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    wrong_figures: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)
    owners: list[dict[str, Any]] = field(default_factory=list)
    why: str = ""


def _product(state: ShopState, pid: str) -> Product:
    for p in state.products:
        if p.product_id == pid:
            return p
    raise ToolError(f"no product {pid!r}")


def _sku(p: Product, sku: str) -> Sku:
    for s in p.skus:
        if s.sku == sku:
            return s
    raise ToolError(f"no SKU {sku!r} in {p.product_id}")


def numbers(text: str) -> list[float]:
    """The figures of a catalogue value (before any ";" detail)."""
    return [float(x) for x in _NUM.findall(text)]


def fig(
    value: float, note: str, contradictions: list[str] | None = None, unit: str | None = None
) -> Point:
    """A figure the answer must state, failed by a text that denies it ("not 1.7", "not true").

    With ``unit`` (a key of :data:`ecomstage_env.scoring.points.UNITS`) the figure counts
    only stated in that unit or with none beside it: "6 元" does not state "6 mm".
    """
    return Point(
        figure=value,
        not_=[f"not {value:g}", "not true", *(contradictions or [])],
        unit=unit,
        note=note,
    )


def exclusive_points(points: list[Point], true: list[float]) -> list[Point]:
    """``points`` with every figure in a unit made exclusive in that unit.

    The figures true beside a point (``also_true``) are the other points' figures and
    ``true`` (the case's other true figures), less the point's own.
    """
    figures = [p.figure for p in points if p.figure is not None]
    out = []
    for p in points:
        if p.figure is None or p.unit is None:
            out.append(p)
            continue
        also = sorted({f for f in [*figures, *true] if abs(f - p.figure) > 1e-9})
        out.append(p.model_copy(update={"exclusive": "unit", "also_true": also}))
    return out


def unit_of(text: str, value: float) -> str | None:
    """The unit ``text`` (a catalogue value) states ``value`` in, or None where it names none.

    "183 x 61 cm" gives 183 and 61 in cm, "1.1 kg per pair" 1.1 in kg, "Bluetooth 5.3"
    no unit.
    """
    for v, unit in units_in(text):
        if abs(v - value) < 1e-9:
            return unit
    return None


def short_name(p: Product) -> str:
    """The word that tells a product from its brand's others ("Air" of "Soundo Air ...")."""
    words = [w for w in p.title.split() if w.lower() != p.brand.lower()]
    return words[0].lower() if words else p.product_id.lower()


def _words(p: Product) -> list[str]:
    return [w.lower() for w in p.title.split() if w.isascii() and w.lower() != p.brand.lower()]


def _within(a: list[str], b: list[str]) -> bool:
    """Whether the words ``a`` occur in ``b`` in order, ``b`` having more."""
    it = iter(b)
    return len(a) < len(b) and all(w in it for w in a)


def _model_name(p: Product, q: Product) -> str:
    """``p``'s name as told from ``q`` of the same line.

    Its title words after the brand up to the first that differs from ``q``'s ("summit
    lite" beside "summit hiking").
    """
    mine, theirs = _words(p), _words(q)
    n = 0
    while n < min(len(mine), len(theirs)) and mine[n] == theirs[n]:
        n += 1
    return " ".join(mine[: n + 1])


def confusables(state: ShopState, p: Product) -> tuple[list[str], list[str]]:
    """``p``'s short name and those of its brand's other products (empty when it has none).

    A product of a line sold in two models (the Summit and the Summit Lite share
    "summit") is told apart by its model name ("summit lite", "summit hiking"): the
    sibling's model name is among the other names, matched before the shared short name.
    The shared short name alone names the base model, whose title words all stand in the
    other's ("the Summit" is not the Summit Lite); where neither is the base (the Trekker
    20 and 28) it names neither.
    """
    others = [q for q in state.products if q.brand == p.brand and q.product_id != p.product_id]
    if not others:
        return [], []
    mine = short_name(p)
    own, other = {mine}, {short_name(q) for q in others} - {mine}
    for q in others:
        if short_name(q) == mine:
            own.add(_model_name(p, q))
            other.add(_model_name(q, p))
            if _within(_words(q), _words(p)):  # q is the base model: the short name is q's
                own.discard(mine)
                other.add(mine)
    return sorted(own), sorted(other - own)


_CJK = re.compile(r"[\u4e00-\u9fff]+")
_NOT_A_NAME = frozenset({"case", "led", "face", "phone", "crew", "pack", "3-pack"})
"""Title words that are everyday words too ("in case"): never taken as a product's name."""


def _title_names(p: Product) -> set[str]:
    words = [w.lower() for w in p.title.split() if w.isascii()]
    names = {p.product_id.lower(), " ".join(words)}
    for i, w in enumerate(words):
        names.add(w)
        names.update(w.split("-"))
        if w.endswith("s") and not w.endswith("ss") and len(w) > 4:
            names.add(w[:-1])
        names.update(f"{w} {v}" for v in words[i + 1 :])
    for run in _CJK.findall(p.title):
        names.update(run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1))
    return {n for n in names if n and not n.isdigit() and n not in _NOT_A_NAME}


def compare_names(p: Product, o: Product, key: str) -> tuple[list[str], list[str]]:
    """How an answer names each of two compared products, without naming the other.

    Title words and word pairs, the Chinese name and its parts, the id; a word both
    titles share ("earbuds", the brand) names neither, and a single word of either
    product's value of ``key`` is a fact, not a name ("the linen one" when the
    material is asked). "first one" is the product named first, "second one" the other,
    and "cheaper one" / "more expensive one" the one whose first SKU costs less / more.
    """
    mine, theirs = _title_names(p), _title_names(o)
    facts = {
        w.lower()
        for prod in (p, o)
        for w in re.findall(r"[\w-]+", prod.attributes[key].split(";")[0])
    }
    a = {n for n in mine - theirs if n not in facts}
    b = {n for n in theirs - mine if n not in facts}
    a.add("first one")
    b.add("second one")
    if p.skus[0].price != o.skus[0].price:
        low, high = (a, b) if p.skus[0].price < o.skus[0].price else (b, a)
        low.update(["cheaper one", "less expensive one"])
        high.update(["more expensive one", "pricier one", "dearer one"])
    return sorted(a), sorted(b)


def others_figures(state: ShopState, pid: str, key: str, own: list[float]) -> list[float]:
    """Figures of ``key`` on the other products: stating one for ``pid`` is wrong."""
    found = {
        f
        for q in state.products
        if q.product_id != pid and key in q.attributes
        for f in numbers(q.attributes[key].split(";")[0])
    }
    return sorted(found - set(own))


def shipping_points(total: float) -> list[Point]:
    """The shipping outcome of an order of ``total``: free, or the flat fee; never both.

    Each point is failed by an affirmed phrasing of the other outcome ("ships free" in
    a below-threshold case, "flat 10" in a free one), so a text that states both rules
    (a pasted help-centre article) earns nothing; "doesn't ship free" is fine.
    """
    if total >= FREE_SHIPPING_FROM:
        return [
            Point(any=FREE, not_=PAID, note="this order ships free"),
            Point(figure=FREE_SHIPPING_FROM, not_=PAID, unit="yuan", note="free from 99"),
        ]
    return [
        Point(
            any=["shipping", "postage", "fee", "运费", "邮费", "delivery"],
            figure=SHIPPING_FEE,
            not_=FREE,
            unit="yuan",
            note="this order pays the flat fee of 10",
        ),
        fig(FREE_SHIPPING_FROM, "below the free-shipping threshold of 99", FREE, "yuan"),
    ]


def value_points(key: str, value: str, name: str = "") -> list[Point]:
    """Points stating a catalogue value: its figures, or its words when it has none."""
    head = value.split(";")[0].strip()
    tag = f"{name} " if name else ""
    figs = numbers(head)
    if figs:
        return [fig(f, f"{tag}{key} {head}: {f:g}", unit=unit_of(head, f)) for f in figs]
    return [Point(any=[head.lower()], anchor=True, note=f"{tag}{key}: {head}")]


def yes_no(value: str) -> tuple[bool, str]:
    """A yes/no catalogue value: ``(answer, detail)``."""
    head, _, detail = value.partition(";")
    head = head.strip().lower()
    if head not in ("yes", "no"):
        raise ToolError(f"not a yes/no value: {value!r}")
    return head == "yes", detail.strip()


def _get_product(pid: str) -> dict[str, Any]:
    return {"name": "get_product", "arguments": {"product_id": pid}}


def _policy(topic: str) -> dict[str, Any]:
    return {"name": "get_policy", "arguments": {"topic": topic}}


def _article(aid: str) -> dict[str, Any]:
    return {"name": "search_help_center", "arguments": {"query": ARTICLE_QUERY[aid]}}


def decide(state: ShopState, refs: dict[str, Any]) -> PolicyGold:
    """The gold of a case: its lookups, the facts they reveal, and the answer's points.

    Raises:
        ToolError: The refs name something the world lacks, or an unknown kind.
    """
    kind = str(refs["kind"])
    pid = str(refs["product_id"])
    p = _product(state, pid)
    key = str(refs.get("key") or refs["attribute"])
    g = PolicyGold(kind=kind, lookups=[_get_product(pid)])
    true: list[float] = []  # figures true beside the points' own (exclusive_points)
    if kind == "value":
        g.facts = [f"product:{pid}:attr:{key}"]
        g.points = value_points(key, p.attributes[key])
        own = numbers(p.attributes[key].split(";")[0])
        g.wrong_figures = others_figures(state, pid, key, own)
        g.why = f"{key} = {p.attributes[key]}"
    elif kind == "yesno":
        yes, detail = yes_no(p.attributes[key])
        g.facts = [f"product:{pid}:attr:{key}"]
        phrases = PHRASES[key]
        if yes:
            g.points = [
                fig(f, f"{key}: yes, {detail}", [f"not {x}" for x in phrases], unit_of(detail, f))
                for f in numbers(detail)
            ]
            if not g.points:
                raise ToolError(f"a 'yes' of {key} needs a figure in its detail: {detail!r}")
        else:
            g.points = [Point(any=phrases, note=f"{key}: no ({detail})")]
        g.why = f"{key}: {'yes' if yes else 'no'}"
    elif kind == "claim":
        claimed = float(refs["claimed"])
        if key == "price":
            s = _sku(p, str(refs["sku"])) if refs.get("sku") else p.skus[0]
            g.facts = [f"product:{pid}:price"]
            # The other SKUs' prices are true of the product ("the white one is 189"); an
            # earlier price is not its price (a right claim's point states it as earlier).
            true = [o.price for o in p.skus]
            if abs(s.price - claimed) > 1e-9:
                g.points = [fig(s.price, f"the price is {s.price:g}, not {claimed:g}", unit="yuan")]
            else:
                g.points = [
                    Point(
                        any=["yes", "right", "correct", "that's it", "indeed", "confirm"],
                        figure=s.price,
                        not_=["not right", "not correct", "not true"],
                        unit="yuan",
                        note=f"yes, {s.price:g} is the price",
                    )
                ]
                if refs.get("also") == "shipping_fee":
                    total = s.price * int(refs.get("qty", 1))
                    g.points += shipping_points(total)
                    true += [total]
                    g.lookups.append(_article("A-FEE"))
                    g.facts.append("article:A-FEE")
                else:
                    before = [h.price for h in s.price_history if h.price > s.price]
                    if not before:
                        raise ToolError("a right price claim needs an earlier, higher price")
                    g.points.append(fig(before[-1], f"down from {before[-1]:g}", unit="yuan"))
                    g.facts.append(f"product:{pid}:price_history")
            g.why = f"price {s.price:g}, claimed {claimed:g}"
        else:
            figs = numbers(p.attributes[key].split(";")[0])
            if any(abs(f - claimed) < 1e-9 for f in figs):
                raise ToolError("a claim about a spec must be wrong (a right one echoes the user)")
            g.facts = [f"product:{pid}:attr:{key}"]
            g.points = value_points(key, p.attributes[key])
            # The claim is often another product's value, which the answer may name as
            # that product's ("the Pro gets more, 36 h"): every catalogue value is true.
            true = others_figures(state, pid, key, figs)
            g.why = f"{key} = {p.attributes[key]}, claimed {claimed:g}"
    elif kind == "stock":
        s = _sku(p, str(refs["sku"]))
        g.facts = [f"product:{pid}:stock"]
        true = [float(o.stock) for o in p.skus if o.sku != s.sku and o.stock > 0]
        if s.stock > 0:
            g.points = [
                fig(
                    float(s.stock),
                    f"{s.sku}: {s.stock} left",
                    ["out of stock", "sold out"],
                    "item",
                )
            ]
        else:
            g.points = [
                Point(
                    any=["out of stock", "sold out", "no stock", "缺货", "none left"],
                    not_=["is in stock", "are in stock"],
                    note=f"{s.sku}: out of stock",
                )
            ]
        g.why = f"{s.sku} stock {s.stock}"
    elif kind == "compare":
        oid = str(refs["other_id"])
        o = _product(state, oid)
        g.lookups.append(_get_product(oid))
        g.facts = [f"product:{pid}:attr:{key}", f"product:{oid}:attr:{key}"]
        for prod, names in zip((p, o), compare_names(p, o, key), strict=True):
            val = prod.attributes[key]
            if val.lower().startswith(("yes;", "no;")):
                raise ToolError("compare cases take attributes with values, not yes/no ones")
            stated = value_points(key, val, prod.product_id)
            at = len(g.points)
            g.owners.append({"names": names, "points": list(range(at, at + len(stated)))})
            g.points += stated
        g.why = f"{key}: {p.attributes[key]} vs {o.attributes[key]}"
    elif kind == "returns":
        rp = state.policies.returns
        g.lookups.append(_policy("returns"))
        g.facts = [f"product:{pid}:attributes", "policy:returns"]
        if p.category in rp.excluded_categories:
            own_reason = ["for any reason", "any reason", f"{rp.window_days} days"]
            g.points = [
                Point(
                    any=["quality problem", "quality issue", "faulty", "defective", "质量问题"],
                    not_=own_reason,
                    note="returnable only for quality problems (no own-reason return)",
                ),
                fig(float(rp.fault_window_days), "within the fault window", own_reason, "day"),
            ]
        else:
            other = [f"{rp.fault_window_days} days", *NOT_RETURNABLE]
            g.points = [
                fig(float(rp.window_days), "returnable: own-reason window, days", other, "day"),
                Point(
                    any=["unused", "unworn", "tags", "unopened", "unwashed", "new condition"],
                    not_=["or not", "used or unused", "with or without", *other],
                    note="unused with tags on",
                ),
            ]
        g.why = f"category {p.category}; excluded {rp.excluded_categories}"
    elif kind == "price_protection":
        pp = state.policies.price_protection
        g.lookups.append(_policy("price_protection"))
        g.facts = [f"product:{pid}:attributes", "policy:price_protection"]
        if p.category in pp.excluded_categories:
            g.points = [
                Point(
                    any=[
                        "price protection",
                        "price-protection",
                        "保价",
                        "价保",
                        "refund the difference",
                    ],
                    not_=[
                        "covered by price protection",
                        "claim the difference",
                        f"{pp.window_days} days",
                    ],
                    note="not covered by price protection",
                )
            ]
        else:
            g.points = [
                Point(
                    any=[
                        "covered",
                        "price protection",
                        "claim the difference",
                        "refund the difference",
                        "price drop",
                        "price drops",
                        "保价",
                        "价保",
                    ],
                    figure=float(pp.window_days),
                    unit="day",
                    not_=[
                        "not covered",
                        "no price protection",
                        "isn't covered",
                        "aren't covered",
                        "doesn't cover",
                        "not cover",
                        f"not {pp.window_days}",
                        "not true",
                    ],
                    note="covered; days from payment",
                )
            ]
        g.why = f"category {p.category}; excluded {pp.excluded_categories}"
    elif kind == "shipping_fee":
        s = _sku(p, str(refs["sku"])) if refs.get("sku") else p.skus[0]
        qty = int(refs.get("qty", 1))
        total = s.price * qty
        g.lookups.append(_article("A-FEE"))
        g.facts = [f"product:{pid}:price", "article:A-FEE"]
        g.points = shipping_points(total)
        true = [s.price, total]
        g.why = f"order total {total:g}"
    elif kind == "delivery":
        region = str(refs["region"])
        lo, hi = DELIVERY_ZONES.get(region, OTHER_ZONE)
        g.lookups.append(_article("A-DELIV"))
        g.facts = [f"product:{pid}:stock", "article:A-DELIV"]
        others = sorted({*DELIVERY_ZONES.values(), OTHER_ZONE} - {(lo, hi)})
        wrong = [f"{a}{sep}{b} days" for a, b in others for sep in ("-", " to ")]
        g.points = [
            fig(float(lo), f"{region}: from {lo} days", wrong, "day"),
            fig(float(hi), f"{region}: up to {hi} days", wrong, "day"),
        ]
        g.why = f"{region}: {lo}-{hi} days"
    else:
        raise ToolError(f"unknown kind {kind!r}")
    g.points = exclusive_points(g.points, true)
    if kind != "compare":
        g.names, g.other_names = confusables(state, p)
    g.facts = sorted(set(g.facts))
    return g


def check_case(world: PresaleWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the lookups and the facts they reveal, the answer's points, and the
    Perception entities (product and attribute from ``world_refs``).

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
    except (KeyError, ValueError, ToolError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems: list[str] = []
    today = world.state.today
    for prod in world.state.products:
        for s in prod.skus:
            if any(h.date > today for h in s.price_history) or s.price != price_on(s, today):
                problems.append(f"{s.sku}: price history disagrees with the price on {today}")
    if refs.get("attribute") not in ATTRIBUTES:
        problems.append(f"world_refs.attribute {refs.get('attribute')!r} is not a slot label")
    planning = case.gold.get(Stage.PLANNING, {})
    if planning.get("lookups") != gold.lookups:
        problems.append(f"gold.planning.lookups should be {gold.lookups}")
    facts = case.grading.get("planning.lookups", {}).get("facts")
    if sorted(facts or []) != gold.facts:
        problems.append(f"grading['planning.lookups'].facts should be {gold.facts}")
    answer_grading = case.grading.get("action.answer", {})
    given = [Point.model_validate(p) for p in answer_grading.get("points", [])]
    for key_, want_ in (("names", gold.names), ("other_names", gold.other_names)):
        if answer_grading.get(key_, []) != want_:
            problems.append(f"grading['action.answer'].{key_} should be {want_}")
    if answer_grading.get("owners", []) != gold.owners:
        problems.append(f"grading['action.answer'].owners should be {gold.owners}")
    if sorted(answer_grading.get("wrong_figures", [])) != sorted(gold.wrong_figures):
        problems.append(f"grading['action.answer'].wrong_figures should be {gold.wrong_figures}")
    for p in gold.points:
        if p not in given:
            problems.append(
                f"grading['action.answer'].points lacks the policy's point {p.label()!r}"
            )
    entities = case.gold.get(Stage.PERCEPTION, {}).get("entities", {})
    want = {"product_id": refs.get("product_id"), "attribute": refs.get("attribute")}
    if entities != want:
        problems.append(f"gold.perception.entities should be {want}")
    return problems

"""presale_inquiry: the rules that decide a case's gold, as code.

A case's ``world_refs`` describe the situation the writer chose (never the answer):

- ``product_id``: the product asked about; ``attribute``: what is asked about, a label
  of the spec's ``attribute`` slot; ``kind``: the form of the question (below);
- ``key``: the catalogue attribute read, when it differs from ``attribute``;
- ``sku``: the variant asked about (``stock`` questions); ``claimed``: the figure the
  customer assumes (``claim``); ``other_id``: the second product (``compare``);
  ``region``: the province the parcel goes to (``delivery``).

Kinds of question and what the answer must state (:func:`decide`):

- ``value``: the catalogue's value of the attribute (its figures, or its words);
- ``yesno``: a yes/no attribute (the catalogue value starts with "yes;" or "no;"): a
  "no" is stated as a negation of the attribute's phrase; a "yes" by the detail's figures;
- ``claim``: the customer assumes a figure (a price, a spec): the true figure, and for
  a price that is right, the earlier price it came down from;
- ``stock``: whether the SKU is in stock (a figure of units left, or "out of stock");
- ``compare``: the attribute's value for both products;
- ``returns``: the return window for the product's category (help centre A-RET);
- ``price_protection``: whether the category is covered and the window (A-PP);
- ``shipping_fee``: free shipping from the threshold, or the flat fee (A-FEE);
- ``delivery``: the delivery days to the region (A-DELIV).

``check_case(world, case)`` compares every case's gold with :func:`decide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecomstage_env import Case, Stage, ToolError
from ecomstage_env.scoring.points import Point
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
    "decide",
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


def fig(value: float, note: str, contradictions: list[str] | None = None) -> Point:
    """A figure the answer must state, failed by a text that denies it ("not 1.7", "not true")."""
    return Point(
        figure=value,
        not_=[f"not {value:g}", "not true", *(contradictions or [])],
        note=note,
    )


def value_points(key: str, value: str, name: str = "") -> list[Point]:
    """Points stating a catalogue value: its figures, or its words when it has none."""
    head = value.split(";")[0].strip()
    tag = f"{name} " if name else ""
    figs = numbers(head)
    if figs:
        return [fig(f, f"{tag}{key} {head}: {f:g}") for f in figs]
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
    if kind == "value":
        g.facts = [f"product:{pid}:attr:{key}"]
        g.points = value_points(key, p.attributes[key])
        g.why = f"{key} = {p.attributes[key]}"
    elif kind == "yesno":
        yes, detail = yes_no(p.attributes[key])
        g.facts = [f"product:{pid}:attr:{key}"]
        phrases = PHRASES[key]
        if yes:
            g.points = [
                fig(f, f"{key}: yes, {detail}", [f"not {x}" for x in phrases])
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
            if abs(s.price - claimed) > 1e-9:
                g.points = [fig(s.price, f"the price is {s.price:g}, not {claimed:g}")]
            else:
                before = [h.price for h in s.price_history if h.price > s.price]
                if not before:
                    raise ToolError("a right price claim needs an earlier, higher price")
                g.lookups = [_get_product(pid)]
                g.points = [fig(before[-1], f"down from {before[-1]:g}")]
                g.facts.append(f"product:{pid}:price_history")
            g.why = f"price {s.price:g}, claimed {claimed:g}"
        else:
            figs = numbers(p.attributes[key].split(";")[0])
            if any(abs(f - claimed) < 1e-9 for f in figs):
                raise ToolError("a claim about a spec must be wrong (a right one echoes the user)")
            g.facts = [f"product:{pid}:attr:{key}"]
            g.points = value_points(key, p.attributes[key])
            g.why = f"{key} = {p.attributes[key]}, claimed {claimed:g}"
    elif kind == "stock":
        s = _sku(p, str(refs["sku"]))
        g.facts = [f"product:{pid}:stock"]
        if s.stock > 0:
            g.points = [
                fig(float(s.stock), f"{s.sku}: {s.stock} left", ["out of stock", "sold out"])
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
        for prod in (p, o):
            val = prod.attributes[key]
            if val.lower().startswith(("yes;", "no;")):
                raise ToolError("compare cases take attributes with values, not yes/no ones")
            g.points += value_points(key, val, prod.product_id)
        g.why = f"{key}: {p.attributes[key]} vs {o.attributes[key]}"
    elif kind == "returns":
        rp = state.policies.returns
        g.lookups.append(_policy("returns"))
        g.facts = [f"product:{pid}:attributes", "policy:returns"]
        if p.category in rp.excluded_categories:
            g.points = [
                Point(
                    any=["quality problem", "quality issue", "faulty", "defective", "质量问题"],
                    note="returnable only for quality problems",
                ),
                fig(float(rp.fault_window_days), "within the fault window"),
            ]
        else:
            g.points = [
                fig(float(rp.window_days), "own-reason window, days"),
                Point(
                    any=["unused", "unworn", "tags", "unopened", "unwashed", "new condition"],
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
                    note="not covered by price protection",
                )
            ]
        else:
            g.points = [
                fig(
                    float(pp.window_days),
                    "covered; days from payment",
                    ["not covered", "no price protection"],
                )
            ]
        g.why = f"category {p.category}; excluded {pp.excluded_categories}"
    elif kind == "shipping_fee":
        s = _sku(p, str(refs["sku"])) if refs.get("sku") else p.skus[0]
        qty = int(refs.get("qty", 1))
        total = s.price * qty
        g.lookups.append(_article("A-FEE"))
        g.facts = [f"product:{pid}:price", "article:A-FEE"]
        if total >= FREE_SHIPPING_FROM:
            g.points = [
                Point(
                    any=[
                        "free shipping",
                        "ships free",
                        "shipping is free",
                        "free delivery",
                        "包邮",
                        "no shipping fee",
                        "shipping free",
                    ],
                    note="ships free",
                ),
                fig(FREE_SHIPPING_FROM, "free from 99"),
            ]
        else:
            g.points = [
                fig(SHIPPING_FEE, "flat fee 10"),
                fig(FREE_SHIPPING_FROM, "free from 99"),
            ]
        g.why = f"order total {total:g}"
    elif kind == "delivery":
        region = str(refs["region"])
        lo, hi = DELIVERY_ZONES.get(region, OTHER_ZONE)
        g.lookups.append(_article("A-DELIV"))
        g.facts = [f"product:{pid}:stock", "article:A-DELIV"]
        others = sorted({*DELIVERY_ZONES.values(), OTHER_ZONE} - {(lo, hi)})
        wrong = [f"{a}{sep}{b} days" for a, b in others for sep in ("-", " to ")]
        g.points = [
            fig(float(lo), f"{region}: from {lo} days", wrong),
            fig(float(hi), f"{region}: up to {hi} days", wrong),
        ]
        g.why = f"{region}: {lo}-{hi} days"
    else:
        raise ToolError(f"unknown kind {kind!r}")
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
    given = [
        Point.model_validate(p) for p in case.grading.get("action.answer", {}).get("points", [])
    ]
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

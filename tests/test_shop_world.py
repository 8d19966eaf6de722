"""The shared shop world: every tool, episode isolation, every refusal, policy edge dates."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.data.schema import WorldSetup
from ecomstage_env.shop import ShopState, ShopWorld
from ecomstage_env.shop import policy as P
from ecomstage_env.stages import ToolCallRecord
from ecomstage_env.world.base import ToolError, ToolKind

WORLD = Path(__file__).parent / "fixtures" / "shop" / "world.json"
BASE = ShopWorld.read_state(WORLD)


def world(refs: dict[str, Any] | None = None, **patch: Any) -> ShopWorld:
    state = ShopWorld.build_state(BASE, WorldSetup(patch=patch) if patch else None, refs or {})
    assert isinstance(state, ShopState)
    return ShopWorld(ShopWorld.episode_state(state), refs=refs)


def refused(w: ShopWorld, name: str, args: dict[str, Any], match: str) -> None:
    with pytest.raises(ToolError, match=match):
        w.call(name, args)
    assert not w.writes


# -- schema -------------------------------------------------------------------------
def test_tools_and_kinds() -> None:
    specs = ShopWorld.tool_specs()
    reads = {n for n, s in specs.items() if s.kind is ToolKind.READ}
    writes = {n for n, s in specs.items() if s.kind is ToolKind.WRITE}
    assert reads == {
        "get_order", "list_orders", "track_shipment", "get_product", "search_products",
        "get_policy", "search_help_center", "get_customer", "list_coupons",
    }  # fmt: skip
    assert writes == {
        "create_return", "create_exchange", "issue_refund", "refund_shipping_fee",
        "price_protect", "issue_coupon", "offer_cash_compensation", "intercept_shipment",
        "change_address", "reship_order", "escalate_ticket",
    }  # fmt: skip
    for spec in specs.values():
        fn = spec.openai()["function"]
        assert fn["description"]
        assert fn["parameters"]["additionalProperties"] is False
        for prop in fn["parameters"].get("properties", {}).values():
            assert prop.get("description"), (spec.name, prop)
    topic = specs["get_policy"].parameters["properties"]["topic"]
    assert "returns" in topic["enum"] and "compensation" in topic["enum"]


def test_every_policy_threshold_is_in_an_article() -> None:
    w = world()
    bodies = {a.article_id: a.body for a in w.state.articles}
    pol = w.state.policies
    assert "7 days of delivery" in bodies["A-RET"] and "15 days" in bodies["A-RET"]
    assert f"{pol.exchange.window_days} days" in bodies["A-EXC"]
    assert f"{pol.price_protection.window_days} days of payment" in bodies["A-PP"]
    assert "20 yuan" in bodies["A-COMP"] and "15 yuan" in bodies["A-COMP"]
    for topic in type(pol).model_fields:
        assert getattr(pol, topic).article_id in bodies


# -- READ ---------------------------------------------------------------------------
def test_reads() -> None:
    w = world()
    o = w.call("get_order", {"order_id": "O-1001"})
    assert o["status"] == "delivered" and o["today"] == "2026-06-20" and o["refunded"] == 0
    listed = w.call("list_orders", {"customer_id": "U-1001"})
    assert [x["order_id"] for x in listed] == ["O-1003", "O-1004", "O-1001", "O-1002"]
    t = w.call("track_shipment", {"order_id": "O-1005"})
    assert t["events"][-1]["exception"] == "lost" and t["courier"] == "YTO Express"
    p = w.call("get_product", {"product_id": "P-1002"})
    assert p["attributes"]["waterproof"] == "IPX4" and p["skus"][0]["price"] == 299.0
    hits = w.call("search_products", {"query": "linen shirt"})
    assert hits[0]["product_id"] == "P-1001"
    assert w.call("search_products", {"query": "无线耳机"})[0]["product_id"] == "P-1002"
    assert w.call("search_products", {"query": "shirt", "category": "underwear"}) == []
    pol = w.call("get_policy", {"topic": "returns"})
    assert pol["window_days"] == 7 and pol["article"]["article_id"] == "A-RET"
    comp = w.call("get_policy", {"topic": "compensation"})
    assert comp["max_coupon_value"] == 20.0 and comp["max_cash_compensation"] == 15.0
    arts = w.call("search_help_center", {"query": "price drop 保价"})
    assert arts[0]["article_id"] == "A-PP"
    assert w.call("get_customer", {"customer_id": "U-1001"})["tier"] == "gold"
    assert [c["coupon_id"] for c in w.call("list_coupons", {})] == ["CP-5", "CP-10", "CP-20"]
    assert not w.writes


def test_read_refusals() -> None:
    w = world()
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("get_order", {"order_id": "O-9999"}, "no order"),
        ("list_orders", {"customer_id": "U-9"}, "no customer"),
        ("track_shipment", {"order_id": "O-1003"}, "not shipped"),
        ("get_product", {"product_id": "P-9"}, "no product"),
        ("search_products", {"query": "  "}, "empty"),
        ("search_help_center", {"query": "!!"}, "empty"),
        ("get_policy", {"topic": "warranty"}, "invalid arguments"),
        ("get_customer", {"customer_id": "U-404"}, "no customer"),
        ("get_order", {"order_id": "O-1001", "extra": 1}, "invalid arguments"),
        ("nope", {}, "unknown tool"),
    ]
    for name, args, match in cases:
        refused(w, name, args, match)


def test_scoped_to_the_customer() -> None:
    w = world(refs={"customer_id": "U-1002"})
    refused(w, "get_order", {"order_id": "O-1001"}, "does not belong")
    refused(w, "get_customer", {"customer_id": "U-1001"}, "only look up")
    refused(w, "issue_refund", {"order_id": "O-1001", "amount": 1, "reason": "x"}, "belong")
    assert w.call("get_order", {"order_id": "O-1005"})["customer_id"] == "U-1002"


# -- WRITE: success paths -----------------------------------------------------------
def test_return_then_refund() -> None:
    w = world()
    r = w.call(
        "create_return", {"order_id": "O-1001", "sku": "P-1001-M-WHT", "reason": "changed_mind"}
    )
    assert r["refund_due"] == 199.0
    refused_w = world()
    refused(
        refused_w, "issue_refund", {"order_id": "O-1001", "amount": 1, "reason": "x"}, "owes 0.00"
    )
    with pytest.raises(ToolError, match=r"owes 199\.00"):
        w.call("issue_refund", {"order_id": "O-1001", "amount": 199.01, "reason": "return"})
    w.call("issue_refund", {"order_id": "O-1001", "amount": 199, "reason": "return"})
    with pytest.raises(ToolError, match=r"owes 0\.00"):
        w.call("issue_refund", {"order_id": "O-1001", "amount": 1, "reason": "again"})
    with pytest.raises(ToolError, match="being returned"):
        w.call("price_protect", {"order_id": "O-1001", "sku": "P-1001-M-WHT"})
    with pytest.raises(ToolError, match="already has a return requested"):
        w.call(
            "create_return", {"order_id": "O-1001", "sku": "P-1001-M-WHT", "reason": "defective"}
        )
    out = w.outcome()
    assert out["O-1001.returns"] == ["P-1001-M-WHT x 1"]
    assert out["O-1001.refund.item"] == 199.0
    assert [c.name for c in w.writes] == ["create_return", "issue_refund"]


def test_exchange_moves_stock() -> None:
    w = world()
    x = w.call(
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-BLU",
            "qty": 1,
            "reason": "size_fit",
        },
    )
    assert x["exchange_id"] == "X-0001"
    assert w.product("P-1001").skus[2].stock == 2
    assert w.outcome()["O-1001.exchanges"] == ["P-1001-M-WHT->P-1001-L-BLU x 1"]


def test_price_protection_shipping_fee_coupon_cash() -> None:
    w = world()
    assert w.call("price_protect", {"order_id": "O-1001", "sku": "P-1001-M-WHT"})["amount"] == 30.0
    with pytest.raises(ToolError, match="already refunded"):
        w.call("price_protect", {"order_id": "O-1001", "sku": "P-1001-M-WHT"})
    assert (
        w.call("refund_shipping_fee", {"order_id": "O-1002", "reason": "defective"})["amount"]
        == 10.0
    )
    with pytest.raises(ToolError, match="already been refunded"):
        w.call("refund_shipping_fee", {"order_id": "O-1002", "reason": "defective"})
    w.call(
        "issue_coupon",
        {"customer_id": "U-1001", "coupon_id": "CP-10", "reason": "delay", "order_id": "O-1004"},
    )
    w.call("issue_coupon", {"customer_id": "U-1001", "coupon_id": "CP-10", "reason": "delay"})
    with pytest.raises(ToolError, match=r"0\.00 yuan of coupon budget left"):
        w.call("issue_coupon", {"customer_id": "U-1001", "coupon_id": "CP-5", "reason": "more"})
    w.call("offer_cash_compensation", {"customer_id": "U-1001", "amount": 15, "reason": "delay"})
    out = w.outcome()
    assert out["O-1001.refund.price_protection"] == 30.0
    assert out["O-1002.refund.shipping_fee"] == 10.0
    assert out["U-1001.coupon_value"] == 20.0 and out["U-1001.cash_compensation"] == 15.0


def test_intercept_address_reship_escalate() -> None:
    w = world()
    r = w.call("intercept_shipment", {"order_id": "O-1004", "reason": "customer cancelled"})
    assert r["refund_owed"] == 169.0 and w.order("O-1004").status == "intercepted"
    a = w.call(
        "change_address",
        {
            "order_id": "O-1003",
            "province": "Zhejiang",
            "city": "Ningbo",
            "district": "Yinzhou",
            "street": "1 Main St",
        },
    )
    assert a["address"]["name"] == "Li Wei" and a["address"]["city"] == "Ningbo"
    rs = w.call("reship_order", {"order_id": "O-1005", "reason": "lost"})
    assert rs["tracking_no"] == "YT1005-R1"
    assert P.refund_owed(w.state, "O-1005") == 0.0
    with pytest.raises(ToolError, match="already been reshipped"):
        w.call("reship_order", {"order_id": "O-1005", "reason": "lost"})
    t = w.call(
        "escalate_ticket",
        {
            "customer_id": "U-1002",
            "summary": "lost parcel",
            "order_id": "O-1005",
            "priority": "urgent",
        },
    )
    assert t["ticket_id"] == "T-0001"
    out = w.outcome()
    assert out["O-1004.intercepted"] is True and out["O-1004.status"] == "intercepted"
    assert "Ningbo" in out["O-1003.address"] and out["O-1005.reshipped"] is True
    assert out["O-1005.tickets"] == 1 and out["U-1002.tickets"] == 1


def test_lost_parcel_refund_instead_of_reship() -> None:
    w = world()
    assert P.refund_owed(w.state, "O-1005") == 299.0
    w.call("issue_refund", {"order_id": "O-1005", "amount": 299, "reason": "lost"})
    w.call("refund_shipping_fee", {"order_id": "O-1005", "reason": "lost"})
    with pytest.raises(ToolError, match="already been refunded"):
        w.call("reship_order", {"order_id": "O-1005", "reason": "lost"})


# -- WRITE: every refusal -----------------------------------------------------------
REFUSALS: list[tuple[str, dict[str, Any], str]] = [
    # non-finite numbers, bools and strings for numbers
    ("issue_refund", {"order_id": "O-1005", "amount": math.nan, "reason": "x"}, "finite"),
    ("issue_refund", {"order_id": "O-1005", "amount": math.inf, "reason": "x"}, "finite"),
    ("issue_refund", {"order_id": "O-1005", "amount": True, "reason": "x"}, "must be a number"),
    ("issue_refund", {"order_id": "O-1005", "amount": "10", "reason": "x"}, "must be a number"),
    (
        "offer_cash_compensation",
        {"customer_id": "U-1001", "amount": -math.inf, "reason": "x"},
        "finite",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-BLU",
            "qty": True,
            "reason": "size_fit",
        },
        "must be a number",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-BLU",
            "qty": 1.5,
            "reason": "size_fit",
        },
        "invalid arguments",
    ),
    # unknown ids and values
    ("create_return", {"order_id": "O-9", "sku": "x", "reason": "defective"}, "no order"),
    (
        "create_return",
        {"order_id": "O-1001", "sku": "P-1002-BLK", "reason": "defective"},
        "has no item",
    ),
    (
        "create_return",
        {"order_id": "O-1001", "sku": "P-1001-M-WHT", "reason": "bored"},
        "invalid arguments",
    ),
    ("issue_coupon", {"customer_id": "U-1001", "coupon_id": "CP-999", "reason": "x"}, "no coupon"),
    ("issue_coupon", {"customer_id": "U-9", "coupon_id": "CP-5", "reason": "x"}, "no customer"),
    (
        "issue_coupon",
        {"customer_id": "U-1001", "coupon_id": "CP-5", "reason": "x", "order_id": "O-9"},
        "no order",
    ),
    ("escalate_ticket", {"customer_id": "U-9", "summary": "x"}, "no customer"),
    (
        "escalate_ticket",
        {"customer_id": "U-1001", "summary": "x", "priority": "asap"},
        "invalid arguments",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1002-BLK",
            "qty": 1,
            "reason": "size_fit",
        },
        "not a variant",
    ),
    # amounts over what is owed or over the budget
    ("issue_refund", {"order_id": "O-1005", "amount": 299.01, "reason": "x"}, "owes 299.00"),
    ("issue_refund", {"order_id": "O-1005", "amount": 0, "reason": "x"}, "owes"),
    ("issue_refund", {"order_id": "O-1002", "amount": 5, "reason": "x"}, "owes 0.00"),
    (
        "offer_cash_compensation",
        {"customer_id": "U-1001", "amount": 15.01, "reason": "x"},
        "15.00 yuan of cash budget",
    ),
    (
        "offer_cash_compensation",
        {"customer_id": "U-1001", "amount": -1, "reason": "x"},
        "cash budget",
    ),
    # outside windows and conditions
    (
        "create_return",
        {"order_id": "O-1002", "sku": "P-1002-BLK", "reason": "changed_mind"},
        "window closed: delivered 8 days ago",
    ),
    (
        "create_return",
        {"order_id": "O-1006", "sku": "P-1003-M", "reason": "changed_mind"},
        "only when faulty",
    ),
    (
        "create_return",
        {"order_id": "O-1004", "sku": "P-1001-L-BLU", "reason": "defective"},
        "not delivered",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-WHT",
            "qty": 1,
            "reason": "size_fit",
        },
        "0 in stock",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-XL-BLK",
            "qty": 1,
            "reason": "size_fit",
        },
        "costs 229.00",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-BLU",
            "qty": 2,
            "reason": "size_fit",
        },
        "quantity must be 1 to 1",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1002",
            "sku": "P-1002-BLK",
            "new_sku": "P-1002-BLK",
            "qty": 1,
            "reason": "size_fit",
        },
        "same variant",
    ),
    (
        "create_exchange",
        {
            "order_id": "O-1006",
            "sku": "P-1003-M",
            "new_sku": "P-1003-M",
            "qty": 1,
            "reason": "size_fit",
        },
        "only when faulty",
    ),
    ("price_protect", {"order_id": "O-1002", "sku": "P-1002-BLK"}, "expired: paid 15 days ago"),
    ("price_protect", {"order_id": "O-1004", "sku": "P-1001-L-BLU"}, "not dropped"),
    ("price_protect", {"order_id": "O-1008", "sku": "P-1001-XL-BLK"}, "pending_payment"),
    (
        "refund_shipping_fee",
        {"order_id": "O-1001", "reason": "changed_mind"},
        "not refunded for 'changed_mind'",
    ),
    ("refund_shipping_fee", {"order_id": "O-1004", "reason": "defective"}, "no shipping fee"),
    ("intercept_shipment", {"order_id": "O-1007", "reason": "x"}, "out_for_delivery"),
    ("intercept_shipment", {"order_id": "O-1001", "reason": "x"}, "delivered"),
    ("intercept_shipment", {"order_id": "O-1003", "reason": "x"}, "paid"),
    (
        "change_address",
        {"order_id": "O-1004", "province": "a", "city": "b", "district": "c", "street": "d"},
        "in_transit; the address can change only while pending_payment or paid",
    ),
    (
        "change_address",
        {"order_id": "O-1003", "province": "a", "city": " ", "district": "c", "street": "d"},
        "must not be empty: city",
    ),
    ("reship_order", {"order_id": "O-1004", "reason": "x"}, "latest status is in_transit"),
    ("reship_order", {"order_id": "O-1003", "reason": "x"}, "no scan"),
]


@pytest.mark.parametrize(
    ("name", "args", "match"), REFUSALS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(REFUSALS)]
)
def test_refusals_are_error_observations(name: str, args: dict[str, Any], match: str) -> None:
    w = world()
    before = w.state.model_dump()
    refused(w, name, args, match)
    assert w.state.model_dump() == before


def test_intercept_refused_for_unsupported_courier() -> None:
    w = world(policies={"interception": {"couriers": ["SF Express"]}})
    refused(
        w,
        "intercept_shipment",
        {"order_id": "O-1005", "reason": "x"},
        "YTO Express does not support",
    )


def test_change_address_refused_outside_the_delivery_area_or_with_a_short_street() -> None:
    rule = {"address_change": {"provinces": ["Zhejiang", "Jiangsu"], "min_street_chars": 6}}
    w = world(policies=rule)
    args = {"order_id": "O-1003", "city": "zzz", "district": "x"}
    refused(w, "change_address", {**args, "province": "Atlantis", "street": "1 Main St"}, "deliver")
    refused(w, "change_address", {**args, "province": "Zhejiang", "street": "x 1"}, "too short")
    ok = w.call("change_address", {**args, "province": "Zhejiang Province", "street": "1 Main St"})
    assert ok["status"] == "address changed"
    assert world().call("change_address", {**args, "province": "Atlantis", "street": "x"})


def test_reship_refused_when_out_of_stock() -> None:
    products = BASE["products"]
    products = [
        {**p, "skus": [{**s, "stock": 0} for s in p["skus"]]} if p["product_id"] == "P-1002" else p
        for p in products
    ]
    refused(
        world(products=products),
        "reship_order",
        {"order_id": "O-1005", "reason": "x"},
        "out of stock",
    )


# -- episodes do not share state ------------------------------------------------------
def test_writes_change_only_the_episode_copy() -> None:
    state = ShopWorld.load_state(WORLD)
    assert isinstance(state, ShopState)
    before = state.model_dump()
    a = ShopWorld(ShopWorld.episode_state(state))
    b = ShopWorld(ShopWorld.episode_state(state))
    a.call(
        "create_exchange",
        {
            "order_id": "O-1001",
            "sku": "P-1001-M-WHT",
            "new_sku": "P-1001-L-BLU",
            "qty": 1,
            "reason": "size_fit",
        },
    )
    a.call("intercept_shipment", {"order_id": "O-1004", "reason": "x"})
    a.call(
        "change_address",
        {"order_id": "O-1003", "province": "a", "city": "b", "district": "c", "street": "d"},
    )
    a.call("issue_coupon", {"customer_id": "U-1001", "coupon_id": "CP-20", "reason": "x"})
    assert state.model_dump() == before
    assert b.state.model_dump() == before
    b.call("issue_coupon", {"customer_id": "U-1001", "coupon_id": "CP-20", "reason": "x"})
    assert (
        a.outcome()["O-1004.status"] == "intercepted"
        and b.outcome()["O-1004.status"] == "in_transit"
    )
    for name in ShopWorld.shared_state:
        assert getattr(a.state, name) is getattr(state, name)


def test_setup_and_patch() -> None:
    setup = WorldSetup(calls=[{"name": "set_today", "arguments": {"today": "2026-06-21"}}])
    state = ShopWorld.build_state(BASE, setup, {})
    assert isinstance(state, ShopState) and state.today == "2026-06-21"
    w = ShopWorld(state)
    refused(
        w,
        "create_return",
        {"order_id": "O-1001", "sku": "P-1001-M-WHT", "reason": "changed_mind"},
        "8 days ago",
    )
    with pytest.raises(ToolError, match="unknown tool"):
        w.call("set_today", {"today": "2026-06-22"})


# -- revealed -------------------------------------------------------------------------
def _rec(w: ShopWorld, name: str, args: dict[str, Any]) -> ToolCallRecord:
    return ToolCallRecord(
        stage="planning", name=name, arguments=args, ok=True, result=w.call(name, args), kind="read"
    )


def test_revealed() -> None:
    w = world()
    assert "order:O-1001:status" in w.revealed(_rec(w, "get_order", {"order_id": "O-1001"}))
    assert w.revealed(_rec(w, "list_orders", {"customer_id": "U-1002"})) == {
        f"order:O-100{i}:status" for i in (5, 6, 7, 8)
    }
    assert "order:O-1005:tracking" in w.revealed(_rec(w, "track_shipment", {"order_id": "O-1005"}))
    facts = w.revealed(_rec(w, "get_product", {"product_id": "P-1002"}))
    assert {"product:P-1002:price", "product:P-1002:attr:waterproof"} <= facts
    assert "product:P-1001:listed" in w.revealed(_rec(w, "search_products", {"query": "shirt"}))
    assert w.revealed(_rec(w, "get_policy", {"topic": "returns"})) == {"policy:returns"}
    help_facts = w.revealed(_rec(w, "search_help_center", {"query": "return refund"}))
    assert {"article:A-RET", "policy:returns"} <= help_facts
    assert "customer:U-1001:tier" in w.revealed(_rec(w, "get_customer", {"customer_id": "U-1001"}))
    assert w.revealed(_rec(w, "list_coupons", {})) == {"coupons"}


# -- policy helpers on edge dates --------------------------------------------------------
def _state(**patch: Any) -> ShopState:
    s = ShopWorld.build_state(BASE, WorldSetup(patch=patch) if patch else None, {})
    assert isinstance(s, ShopState)
    return s


def _return(today: str, reason: str = "changed_mind", order: str = "O-1001") -> P.Verdict:
    s = _state(today=today)
    o = next(x for x in s.orders if x.order_id == order)
    it = o.items[0]
    prod = next(p for p in s.products if p.product_id == it.product_id)
    return P.return_eligible(o, it, prod, s.today, s.policies.returns, reason)


def test_return_window_edges() -> None:
    # O-1001 delivered 2026-06-13 (day 0): day 7 in, day 8 out; faults: day 15 in, day 16 out
    assert _return("2026-06-20") and _return("2026-06-20").amount == 199.0
    assert not _return("2026-06-21") and "8 days ago" in _return("2026-06-21").why
    assert _return("2026-06-13")
    assert _return("2026-06-28", "defective")
    assert not _return("2026-06-29", "defective")
    # used item: own reasons refused, faults accepted
    assert not _return("2026-06-12", order="O-1002")  # day 0 is 06-12; used
    assert "used" in _return("2026-06-12", order="O-1002").why
    assert _return("2026-06-12", "defective", order="O-1002")


def test_tags_condition() -> None:
    s = _state()
    o = s.orders[0]
    it = o.items[0].model_copy(update={"tags_attached": False})
    prod = s.products[0]
    v = P.return_eligible(o, it, prod, s.today, s.policies.returns, "size_fit")
    assert not v and "tags" in v.why
    assert P.return_eligible(o, it, prod, s.today, s.policies.returns, "wrong_item")


def _pp(today: str, order: str = "O-1001") -> P.Verdict:
    s = _state(today=today)
    o = next(x for x in s.orders if x.order_id == order)
    it = o.items[0]
    prod = next(p for p in s.products if p.product_id == it.product_id)
    return P.price_protection_due(o, it, prod, s.today, s.policies.price_protection)


def test_price_protection_edges() -> None:
    # O-1001 paid 2026-06-13 at 199; price already 169 since 06-15: day 7 in, day 8 out
    assert _pp("2026-06-20").amount == 30.0
    assert not _pp("2026-06-21") and "expired" in _pp("2026-06-21").why
    # O-1004 paid 169 on 06-18 at the current price: nothing due
    assert not _pp("2026-06-20", "O-1004")
    s = _state()
    o, prod = s.orders[0], s.products[0]
    assert (
        P.price_protection_due(o, o.items[0], prod, s.today, s.policies.price_protection, 30.0).ok
        is False
    )
    assert (
        P.price_protection_due(
            o, o.items[0], prod, s.today, s.policies.price_protection, 10.0
        ).amount
        == 20.0
    )


def test_price_on() -> None:
    sku = _state().products[0].skus[0]
    assert P.price_on(sku, "2026-05-31") == 169.0  # before history: the current price
    assert P.price_on(sku, "2026-06-01") == 199.0
    assert P.price_on(sku, "2026-06-14") == 199.0
    assert P.price_on(sku, "2026-06-15") == 169.0


def test_exchange_window_edges() -> None:
    for today, ok in [("2026-06-28", True), ("2026-06-29", False)]:
        s = _state(today=today)
        o, prod = s.orders[0], s.products[0]
        v = P.exchange_eligible(
            o, o.items[0], prod, "P-1001-L-BLU", 1, s.today, s.policies.exchange, "size_fit"
        )
        assert v.ok is ok, (today, v)


def test_status_rules() -> None:
    s = _state()
    orders = {o.order_id: o for o in s.orders}
    pol = s.policies
    assert P.can_change_address(orders["O-1008"], pol.address_change)  # pending_payment
    assert P.can_change_address(orders["O-1003"], pol.address_change)  # paid
    for oid in ("O-1004", "O-1007", "O-1001"):
        assert not P.can_change_address(orders[oid], pol.address_change)
    assert P.can_intercept(orders["O-1004"], s.logistics, pol.interception)
    assert not P.can_intercept(orders["O-1007"], s.logistics, pol.interception)
    assert P.can_reship(orders["O-1005"], s.logistics, pol.reship, False, 0.0)
    assert not P.can_reship(orders["O-1005"], s.logistics, pol.reship, True, 0.0)
    assert (
        P.shipping_fee_refundable(orders["O-1002"], "late_delivery", pol.shipping_fee, 0.0).amount
        == 10.0
    )
    assert not P.shipping_fee_refundable(orders["O-1002"], "size_fit", pol.shipping_fee, 0.0)
    assert P.compensation_left(s) == (20.0, 15.0)
    assert P.days_since("2026-06-13T23:59", "2026-06-20") == 7


def test_state_is_strict() -> None:
    from pydantic import ValidationError

    bad = {**BASE, "orders": [{**BASE["orders"][0], "colour": "red"}]}
    with pytest.raises(ValidationError):
        ShopState.model_validate(bad)
    with pytest.raises(ValidationError):
        ShopState.model_validate({**BASE, "today": "20 June"})
    with pytest.raises(ValidationError):
        ShopState.model_validate({**BASE, "budget": {"max_coupon_value": "20"}})


# -- a scenario folder built on the shared world ----------------------------------------
def test_a_scenario_folder_subclasses_the_shop_world() -> None:
    from ecomstage_env.checks.validate import validate_scenario

    folder = Path(__file__).parent / "fixtures" / "shop" / "demo_scenario"
    assert validate_scenario(folder) == []

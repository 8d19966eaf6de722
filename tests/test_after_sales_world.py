"""after_sales: a case's world, read without a word of the customer, must not give its
resolution away (issue 12).

The drafts were written around their requests: every gold or platinum member had a late
parcel (cash), every silver one a coupon case, late parcels came the day before "today",
only escalated cases had a compensation history. A naive Bayes model over the world's
facts alone then named the resolution in 58 of 100 cases (62 sharp), far over the
audit's limit (the menu's chance + 15 = 35). ``author.redraw`` now deals the facts the
policy does not decide on afresh; these tests hold the result.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.audit import Thresholds
from ecomstage_env.data.loader import import_from_folder

FOLDER = Path(__file__).resolve().parents[1] / "scenarios" / "after_sales"
CASES = [json.loads(x) for x in (FOLDER / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
TODAY = date(2026, 6, 20)
CATEGORY = {
    p["product_id"]: p["category"]
    for p in json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))["products"]
}


def _days(a: str | None, b: str | date | None) -> int | None:
    if not a or not b:
        return None
    end = b if isinstance(b, date) else date.fromisoformat(b[:10])
    return (end - date.fromisoformat(a[:10])).days


def _bucket(n: int | None) -> str:
    if n is None:
        return "none"
    return next((f"<={lim}" for lim in (1, 3, 5, 7, 10, 15, 30, 60) if n <= lim), ">60")


def _order(case: dict[str, Any]) -> dict[str, Any]:
    oid = case["world_refs"]["order_id"]
    return next(o for o in case["world"]["patch"]["orders"] if o["order_id"] == oid)


def world_facts(case: dict[str, Any]) -> dict[str, str]:
    """What ``get_order`` and ``get_customer`` show of a case, never its dialogue."""
    o = _order(case)
    cu = case["world"]["patch"]["customers"][0]
    hist = cu.get("compensation_history") or []
    return {
        "tier": str(cu.get("tier")),
        "compensated_this_order": str(any(h.get("order_id") == o["order_id"] for h in hist)),
        "any_compensation": str(bool(hist)),
        "product": str(o["items"][0]["product_id"]),
        "fee": str(bool(o["payment"].get("shipping_fee"))),
        "days_since_delivery": _bucket(_days(o.get("delivered_at"), TODAY)),
        "days_since_payment": _bucket(_days(o.get("paid_at"), TODAY)),
        "days_to_ship": _bucket(_days(o.get("paid_at"), o.get("shipped_at"))),
        "days_in_transit": _bucket(_days(o.get("shipped_at"), o.get("delivered_at"))),
    }


def _resolution(case: dict[str, Any]) -> str:
    return str(case["gold"]["action"]["resolution"])


def _menu(case: dict[str, Any]) -> set[str]:
    return {o["code"] for o in case["options"]["resolution"]}


def world_only_bayes(cases: list[dict[str, Any]], alpha: float) -> float:
    """Leave-one-out categorical naive Bayes from :func:`world_facts` to the resolution,
    its guess the likeliest code on the case's own menu: the share it names right."""
    xs = [world_facts(c) for c in cases]
    ys = [_resolution(c) for c in cases]
    hits = 0
    for i, x in enumerate(xs):
        count: Counter[str] = Counter()
        seen: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        values: dict[str, set[str]] = defaultdict(set)
        for j, (xj, yj) in enumerate(zip(xs, ys, strict=True)):
            if j != i:
                count[yj] += 1
                for k, v in xj.items():
                    seen[k, yj][v] += 1
                    values[k].add(v)
        scores = {
            label: math.log(n)
            + sum(
                math.log((seen[k, label][v] + alpha) / (n + alpha * (len(values[k]) + 1)))
                for k, v in x.items()
            )
            for label, n in sorted(count.items())
            if label in _menu(cases[i])
        }
        hits += max(scores, key=lambda label: scores[label]) == ys[i]
    return hits / len(cases)


def test_the_world_only_model_reads_a_world_that_gives_the_resolution_away() -> None:
    # the drafts' old shape: tier decides cash vs coupon, only escalations were compensated
    cases = []
    for n, (res, tier) in enumerate(
        [("cash", "gold"), ("coupon", "silver"), ("return", "regular")] * 8
    ):
        cases.append(
            {
                "world_refs": {"order_id": f"O-{n}"},
                "world": {
                    "patch": {
                        "orders": [
                            {"order_id": f"O-{n}", "items": [{"product_id": "P"}], "payment": {}}
                        ],
                        "customers": [{"tier": tier, "compensation_history": []}],
                    }
                },
                "options": {"resolution": [{"code": c} for c in ("cash", "coupon", "return")]},
                "gold": {"action": {"resolution": res}},
            }
        )
    assert world_only_bayes(cases, 1.0) == 1.0


@pytest.mark.parametrize("alpha", [1.0, 0.1])
def test_world_only_naive_bayes_stays_under_the_audit_limit(alpha: float) -> None:
    chance = sum(1 / len(_menu(c)) for c in CASES) / len(CASES)
    limit = chance + Thresholds().label_margin
    score = world_only_bayes(CASES, alpha)
    assert score <= limit, f"world-only naive Bayes {100 * score:.0f} > limit {100 * limit:.0f}"


@pytest.mark.parametrize("fact", ["tier", "any_compensation"])
def test_no_fact_the_policy_ignores_names_one_resolution(fact: str) -> None:
    """Each value of a fact the policy's outcome does not turn on (tier outside late and
    service complaints; a compensation on another order) is shared by cases of several
    resolutions: no value held by five cases or more has one resolution in over 40% of
    them (the drafts had gold -> cash, silver -> coupon, any compensation -> escalate in
    every case)."""
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for c in CASES:
        by[world_facts(c)[fact]][_resolution(c)] += 1
    for value, count in by.items():
        n = sum(count.values())
        label, top = count.most_common(1)[0]
        assert n < 5 or top / n <= 0.4, (fact, value, label, dict(count))


def test_a_recent_delivery_is_no_sign_of_a_late_parcel() -> None:
    """Parcels delivered today or yesterday belong to cases of several resolutions (the
    drafts' were 22 of 25 late-delivery cases)."""
    ages = {c["case_id"]: _days(_order(c).get("delivered_at"), TODAY) for c in CASES}
    recent = Counter(_resolution(c) for c in CASES if (ages[c["case_id"]] or 99) <= 1)
    assert len(recent) >= 4 and max(recent.values()) / sum(recent.values()) <= 0.4, recent


def test_the_redraw_keeps_the_outcome_and_what_the_dialogue_says() -> None:
    """Every case keeps the policy's outcome on its draft as written; a dialogue that
    dates the delivery or names the tier keeps the drafted day and tier."""
    author = import_from_folder(FOLDER, "author")
    base = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
    by_id = {c["case_id"]: c for c in CASES}
    kept_day = kept_tier = 0
    for d in author.drafts.DRAFTS:
        case = by_id["as-" + hashlib.sha256(d["key"].encode()).hexdigest()[:4]]
        decision, amount, *_ = author._outcome(d, base)
        assert (_resolution(case), case["grading"]["action.negotiation"]["amount"]) == (
            decision,
            amount,
        ), d["key"]
        said = author._said(d)
        o = _order(case)
        dated = author._SAYS_WHEN.search(said) and d["key"] not in author.NOT_DATED
        if d.get("delivered") is not None and dated:
            assert _days(o["delivered_at"], TODAY) == d["delivered"], d["key"]
            kept_day += 1
        if author._SAYS_TIER.search(said):
            assert case["world"]["patch"]["customers"][0]["tier"] == d.get("tier", "regular")
            kept_tier += 1
    assert kept_day >= 40 and kept_tier >= 3


def policy_facts_rule(case: dict[str, Any]) -> str:
    """A world-only rule that reads only facts the policy decides on: a compensated order
    -> escalate; delivered over 15 days ago -> escalate (electronics: the warranty) or
    appease; else the commonest code (return); the first of these on the case's menu."""
    f = world_facts(case)
    age = _days(_order(case).get("delivered_at"), TODAY)
    if f["compensated_this_order"] == "True":
        order = ["escalate"]
    elif age is not None and age > 15:
        electronics = CATEGORY[f["product"]] == "electronics"
        order = ["escalate", "appease"] if electronics else ["appease", "escalate"]
    else:
        order = ["return", "appease", "exchange"]
    menu = [str(o["code"]) for o in case["options"]["resolution"]]
    return next(c for c in order + menu if c in menu)


if __name__ == "__main__":  # the figures of the data card's world-only table
    print(
        f"naive Bayes {100 * world_only_bayes(CASES, 1.0):.1f} / {100 * world_only_bayes(CASES, 0.1):.1f}"
    )
    hits = sum(policy_facts_rule(c) == _resolution(c) for c in CASES)
    print(f"policy facts only {100 * hits / len(CASES):.1f}")


# -- the FAQ (issue 12, second part) ----------------------------------------------------
# The drafts also built worlds around the customer's question: only price-drop orders
# had been paid above the catalogue's price, 7 of the 13 used items were late-return
# questions (RT7, 10 cases), 9 of the 11 parcels 11-15 days from payment to the door were
# late ones (RF4, CM2). The audit's world-only model named the FAQ in 47 of 100 cases (46
# sharp) before ``author.redraw`` dealt those facts over the FAQs too.


def _faq(case: dict[str, Any]) -> str:
    return str(case["gold"]["planning"]["faq"])


@pytest.mark.parametrize("alpha", [1.0, 0.1])
def test_the_audits_world_only_model_does_not_name_the_faq(alpha: float) -> None:
    """The audit's own world-only naive Bayes (every lookup run with the case's ids, at
    most 8 key paths picked on the other cases) names the FAQ no more often than the
    menu's chance + 15, as the audit's gated rows must."""
    import ecomstage
    from ecomstage_env.checks.audit import _world_bags
    from ecomstage_env.checks.shortcuts import WorldModel
    from ecomstage_env.env import StagedEnv

    env = ecomstage.make("after_sales").unwrapped
    assert isinstance(env, StagedEnv)
    cases = env.cases
    stage = next(s for s in env.spec_data.stages if s.stage.value == "planning")
    f = next(x for x in stage.fields if x.name == "faq")
    model = WorldModel().fit(f, stage, cases, _world_bags(env, cases)["planning"])
    hits = sum(model.bayes(f, c, alpha=alpha) == c.gold[stage.stage]["faq"] for c in cases)
    chance = sum(1 / len(c.options["faq"]) for c in cases) / len(cases)
    limit = chance + Thresholds().label_margin
    assert hits / len(cases) <= limit, f"world-only FAQ {hits} > {100 * limit:.0f}"


@pytest.mark.parametrize("fact", ["used", "lowered_price"])
def test_no_faq_holds_most_of_a_fact_it_does_not_turn_on(fact: str) -> None:
    """A used item, or an order paid above the catalogue's price, is shared by the cases
    of every FAQ, none holding over 30% of them (the drafts: RT7 had 7 of the 13 used
    items in 10 cases, PP1 every one of the 10 lowered prices)."""
    price = {
        s["sku"]: s["price"]
        for p in json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))["products"]
        for s in p["skus"]
    }
    held: Counter[str] = Counter()
    for c in CASES:
        item = _order(c)["items"][0]
        if item.get("used") if fact == "used" else item["unit_price"] > price[item["sku"]]:
            held[_faq(c)] += 1
    assert len(held) == 6 and max(held.values()) / sum(held.values()) <= 0.3, held


def test_the_faq_redraw_keeps_what_the_dialogue_says_and_price_protection_moot() -> None:
    """A dialogue that speaks of the item's state or of prices keeps the drafted ``used``
    and price; a price the shop has since lowered is given only to an order paid outside
    the price-protection window, so no case's world makes a refund of the difference due
    that its gold ignores."""
    author = import_from_folder(FOLDER, "author")
    base = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
    window = base["policies"]["price_protection"]["window_days"]
    by_id = {c["case_id"]: c for c in CASES}
    kept_state = kept_price = lowered = 0
    for d in author.drafts.DRAFTS:
        case = by_id["as-" + hashlib.sha256(d["key"].encode()).hexdigest()[:4]]
        o = _order(case)
        item, said = o["items"][0], author._said(d)
        listed = author._list_price(d, base)
        if author._SAYS_STATE.search(said):
            assert bool(item.get("used")) == bool(d.get("used")), d["key"]
            kept_state += 1
        if author._SAYS_PRICE.search(said):
            assert item["unit_price"] == d.get("price", listed), d["key"]
            kept_price += 1
        if d["issue"] != "price_drop" and item["unit_price"] > listed:
            assert (_days(o["paid_at"], TODAY) or 0) > window, d["key"]
            lowered += 1
    assert kept_state >= 20 and kept_price >= 10 and lowered >= 20, (
        kept_state,
        kept_price,
        lowered,
    )

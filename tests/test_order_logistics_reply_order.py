"""Replies about the wrong order, and "either X or Y" sums (issue 12).

A fifth hostile review kept 99.7% of the gold's reply score on order_logistics with the
order id swapped for another order of the customer's account, and 99.2% with every figure
given as "either 15 or 17 yuan". A reply about another order states facts about the
wrong parcel; a reply offering two sums states neither.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest

from ecomstage_env import Stage
from ecomstage_env.scoring.points import Point
from ecomstage_env.shop.replies import item_names, wrong_order
from tests.test_order_logistics import CASES, action_score, policy

FEE = "ol-0b1e"  # a 15-yuan shipping-fee refund on O-3120; the account has other orders


def _case(case_id: str) -> Any:
    return next(c for c in CASES if c.case_id == case_id)


def _orders(case: Any) -> list[dict[str, Any]]:
    return list(case.world.patch["orders"])


def _other_orders(case: Any) -> list[dict[str, Any]]:
    refs = case.world_refs
    orders = _orders(case)
    return [
        o
        for o in orders
        if o["customer_id"] == refs["customer_id"] and o["order_id"] != refs["order_id"]
    ]


def _reply(case_id: str, reply: str) -> tuple[float, str]:
    """The gold writes, then ``reply``: the reply's score and the stage's reason."""
    score = action_score(case_id, _case(case_id).gold[Stage.ACTION]["writes"], reply)
    return score.components["reply"], score.reason


def test_the_gold_reply_scores_full_marks() -> None:
    assert _reply(FEE, _case(FEE).gold[Stage.ACTION]["reply"])[0] == 1.0


def test_a_reply_about_another_order_of_the_account_scores_nothing() -> None:
    case = _case(FEE)
    gold = case.gold[Stage.ACTION]["reply"]
    other = _other_orders(case)[0]["order_id"]
    value, reason = _reply(FEE, gold.replace("O-3120", other))
    assert value == 0.0
    assert f"the reply is about order {other}, not the order asked about" in reason


def test_a_reply_naming_another_order_as_background_keeps_its_grade() -> None:
    case = _case(FEE)
    other = _other_orders(case)[0]["order_id"]
    text = case.gold[Stage.ACTION]["reply"] + f" Your other order {other} is not affected."
    assert _reply(FEE, text)[0] == 1.0


def test_a_reply_naming_only_another_orders_item_scores_nothing() -> None:
    case = _case(FEE)
    mine = {n for o in case.world.patch["orders"] if o["order_id"] == "O-3120"
            for i in o["items"] for n in item_names(i["title"])}  # fmt: skip
    title = next(
        i["title"]
        for o in _other_orders(case)
        for i in o["items"]
        if not set(item_names(i["title"])) & mine
    )
    text = (
        f"Your {item_names(title)[0]} shipped on 30 June and arrived 7 days later, so I've "
        "refunded the 15.00 yuan shipping fee."
    )
    value, reason = _reply(FEE, text)
    assert value == 0.0 and "not the order asked about" in reason


@pytest.mark.parametrize(
    ("pair", "full"),
    [
        ("either 15.00 or 17.00 yuan", False),  # the review's probe: neither sum is stated
        ("15 or 17 yuan", False),
        ("15.00 yuan (not 17 yuan)", True),  # a negated sum contradicts nothing
    ],
)
def test_either_or_sums_lose_the_money_point(pair: str, full: bool) -> None:
    gold = _case(FEE).gold[Stage.ACTION]["reply"]
    assert "15.00 yuan" in gold
    value = _reply(FEE, gold.replace("15.00 yuan", pair))[0]
    assert (value == 1.0) is full
    assert value >= 0.5


@pytest.mark.parametrize(
    ("days", "full"),
    [
        ("either 7 or 9 days later", False),  # the review's probe on a day count
        ("7 or 9 days later", False),
        ("7 days later (not 9 days)", True),  # a negated count contradicts nothing
        ("7 days later, 3 days over the limit", True),  # how late it was is true too
    ],
)
def test_either_or_day_counts_lose_the_days_point(days: str, full: bool) -> None:
    gold = _case(FEE).gold[Stage.ACTION]["reply"]
    assert "7 days later" in gold
    value = _reply(FEE, gold.replace("7 days later", days))[0]
    assert (value == 1.0) is full
    assert value >= 0.5


MONEY_NOTES = re.compile(r"^the item total refunded|^the fee refunded, |refunded before$")
"""The notes of the policy's money points (a draft's own points are the writer's)."""


def test_every_money_and_day_point_is_exclusive_and_knows_the_cases_true_figures() -> None:
    seen = 0
    for case in CASES:
        for p in case.grading["action.reply"]["points"]:
            point = Point.model_validate(p)
            if point.figure is not None and MONEY_NOTES.search(point.note):
                seen += 1
                assert point.exclusive == "money", case.case_id
                oid = case.world_refs["order_id"]
                own = next(o for o in _orders(case) if o["order_id"] == oid)
                assert own["payment"]["amount"] in [point.figure, *point.also_true], case.case_id
            elif point.figure is not None and "days" in point.note:  # a count of days
                assert (point.exclusive, point.unit) == ("unit", "day"), case.case_id
                if point.figure != policy.LATE_DAYS:
                    assert policy.LATE_DAYS in point.also_true, case.case_id
    assert seen >= 20


def _state(*orders: tuple[str, str, str]) -> Any:
    return SimpleNamespace(
        orders=[
            SimpleNamespace(
                order_id=o, customer_id=c, items=[SimpleNamespace(title=t, product_id=f"P-{o}")]
            )
            for o, c, t in orders
        ],
        products=[SimpleNamespace(product_id=f"P-{o}", title=t) for o, _c, t in orders],
    )


STATE = _state(
    ("O-1", "U-1", "Kettlewise 1.7L glass kettle (grey)"),
    ("O-2", "U-1", "Orchard baby formula stage 2, 800g (800g)"),
    ("O-3", "U-2", "Hemline linen shirt 亚麻衬衫"),
)
REFS = {"customer_id": "U-1", "order_id": "O-1"}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Your Kettlewise kettle (O-1) is on its way.", None),
        ("Your parcel O-2 is on its way.", "O-2"),
        ("Your parcel o-2 is on its way.", "O-2"),
        ("Your parcel O-３ is on its way.", "O-3"),  # fullwidth digits, another customer's
        ("Your parcel O-99 is on its way.", "O-99"),  # an id no order has
        ("O-1 is on its way; O-2 was delivered.", None),
        ("The Kettlewise kettle is on its way; O-2 was delivered.", "O-2"),
        ("Your Orchard formula is on its way.", "O-2"),
        ("Your Orchard formula and the Kettlewise kettle are on their way.", None),
        ("Your parcel is on its way.", None),
        ("Your parcel O-12 is on its way.", "O-12"),  # O-1 is not named in O-12
        ("About the Hemline: your parcel is on its way.", "Hemline"),  # a catalogue product
        ("Your 亚麻衬衫 is on its way.", "Hemline"),
        ("Your glass kettle is on its way; no orchard was harmed.", None),  # no brand, lower case
        ("Your baby formula is on its way.", None),  # words, no name
    ],
)
def test_wrong_order_reads_ids_and_items(text: str, wrong: str | None) -> None:
    why = wrong_order(text, STATE, REFS)
    if wrong is None:
        assert why is None
    else:
        assert why is not None and wrong in why


def test_item_names_are_the_name_its_first_word_and_its_chinese_words() -> None:
    assert item_names("Hemline linen shirt 亚麻衬衫") == [
        "Hemline linen shirt",
        "Hemline",
        "亚麻衬衫",
    ]
    assert item_names("Kettlewise 1.7L glass kettle (grey)") == [
        "Kettlewise 1.7L glass kettle",
        "Kettlewise",
    ]

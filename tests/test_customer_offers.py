"""The rule-based customer hears honest offers, scoped negations and menu questions (issue 12).

A fifth hostile review (its ``offers_check.py``) found offers the simulated customer did not
hear ("No problem at all, I can open a return for you", "I'll refund you", "我们可以给您退款"),
a negation read across the whole clause ("I can offer a coupon, not cash" offered nothing)
and a menu question ("Which would you prefer: a coupon, cash or a return?") neither heard
nor recorded, so offering everything at once cost nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from ecomstage_env.shop.customer import offers_in
from tests.test_after_sales import CASES, _answer, _play

HEARD = [
    # the review's 20 messages, and what an honest reader hears in them
    ("What would you accept to settle this?", []),
    (
        "Which would you prefer: a coupon, cash, a return or an exchange?",
        ["coupon", "cash", "return", "exchange"],
    ),
    ("Would a coupon help?", ["coupon"]),
    ("How about a coupon?", ["coupon"]),
    ("I could perhaps maybe look into a coupon, if that would possibly help?", ["coupon"]),
    ("I might be able to offer a coupon, I'm not sure yet.", ["coupon"]),
    ("I can offer a coupon, not cash.", ["coupon"]),
    ("I can offer a coupon if you don't want a return.", ["coupon"]),
    ("I can't promise anything, but I can issue a coupon.", ["coupon"]),
    ("Although I cannot offer cash, I can issue a coupon.", ["coupon"]),
    ("I will not refuse you a refund: I can pay you 20 yuan.", ["cash"]),
    ("Unfortunately the return window has closed.", ["appease"]),
    ("No problem at all, I can open a return for you.", ["return"]),
    ("I can open a return, no questions asked.", ["return"]),
    ("There's no need to worry: I'll arrange an exchange.", ["exchange"]),
    ("Sure thing, I'll refund you 20 yuan.", ["cash"]),
    ("我们可以给您退款。", ["cash"]),
    ("可以为您办理退货，不用担心。", ["return"]),
    ("I'd hate to only offer an apology, so let me give you a voucher.", ["coupon"]),
    ("A specialist? Let me think. I can give you a coupon.", ["coupon"]),
    # and what must stay unheard
    ("I can't offer a return or cash here.", []),
    ("Could you send me a photo of the damage?", []),
    ("I'll open a return; once it's back we refund you the 189 yuan.", ["return"]),
]


@pytest.mark.parametrize(("text", "kinds"), HEARD)
def test_the_customer_hears_what_a_message_offers(text: str, kinds: list[str]) -> None:
    assert offers_in(text) == kinds


def test_every_gold_offer_is_heard_as_its_resolution_and_nothing_outside_the_policy() -> None:
    for c in CASES:
        kind = c["gold"]["action"]["resolution"]
        allowed = set(c["grading"]["action.negotiation"]["allowed"])
        heard: set[str] = set()
        for m in c["gold"]["action"]["negotiation"]:
            said = offers_in(m["arguments"]["text"])
            assert set(said) <= allowed, (c["case_id"], m["arguments"]["text"], said)
            heard |= set(said)
        assert kind in heard or kind == "appease", c["case_id"]


def _by_id(case_id: str) -> dict[str, Any]:
    return next(c for c in CASES if c["case_id"] == case_id)


def test_a_menu_of_every_kind_is_an_offer_of_each_and_scores_no_negotiation() -> None:
    """Letting the customer pick from everything offers what the policy does not allow."""
    c = _by_id("as-d976")  # return; allowed: an apology and the return
    steps: list[Any] = [
        {
            "tool": "message_user",
            "arguments": {"text": "Which would you prefer: a coupon, cash or a return?"},
        },
        *[{"tool": w["name"], "arguments": w["arguments"]} for w in c["gold"]["action"]["writes"]],
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    u, _ = _play(c["case_id"], steps)
    neg = u._world.state.negotiation
    assert neg.offered == ["coupon", "cash", "return"]
    assert neg.agreed == "return"
    score = u._scores[u.spec_data.stages[2].stage]
    assert score.components["negotiation"] == 0.0
    assert score.components["resolution"] == 0.0


def test_an_offer_after_no_problem_is_agreed() -> None:
    """ "No problem at all, I can open a return": the customer hears the return and agrees."""
    c = _by_id("as-d976")
    steps: list[Any] = [
        {
            "tool": "message_user",
            "arguments": {"text": "No problem at all, I can open a return for you."},
        },
        *[{"tool": w["name"], "arguments": w["arguments"]} for w in c["gold"]["action"]["writes"]],
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    u, _ = _play(c["case_id"], steps)
    assert u._world.state.negotiation.agreed == "return"
    score = u._scores[u.spec_data.stages[2].stage]
    assert score.components["negotiation"] == 1.0

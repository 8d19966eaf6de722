"""after_sales: the resolution label is earned by knowing the policy, not by offering in turn."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_after_sales import CASES, _answer, _play


def _by_id(case_id: str) -> dict[str, Any]:
    return next(c for c in CASES if c["case_id"] == case_id)


def _say(text: str) -> dict[str, Any]:
    return {"tool": "message_user", "arguments": {"text": text}}


def _gold_writes(c: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"tool": w["name"], "arguments": w["arguments"]} for w in c["gold"]["action"]["writes"]]


def _action(steps: list[Any], c: dict[str, Any]) -> tuple[Any, Any]:
    """The action stage's score and the negotiation state after ``steps``."""
    u, _ = _play(c["case_id"], steps)
    return u._scores[u.spec_data.stages[2].stage], u._world.state.negotiation


def test_offering_kinds_in_turn_earns_no_resolution_label() -> None:
    """Apology, then a coupon the policy does not allow, then the return: the customer says
    yes to the return and the agent names it, but it found the label by trial."""
    c = _by_id("as-d976")  # return; the customer wants a return, grabs nothing
    assert c["grading"]["action.negotiation"]["allowed"] == ["appease", "return"]
    steps = [
        _say("I'm sorry about this."),
        _say("I can offer you a coupon for your next order. Shall I add it?"),
        _say("I can open a return for a full refund. Shall I go ahead?"),
        *_gold_writes(c),
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    score, neg = _action(steps, c)
    assert neg.agreed == "return"
    assert neg.offered == ["appease", "coupon", "return"]
    assert score.components["resolution"] == 0.0
    assert score.components["negotiation"] == 0.0
    assert score.components["writes"] == 0.0  # the right return, found by trial too


def test_a_disallowed_offer_after_the_agreement_costs_the_label_too() -> None:
    """The return agreed at once, then a coupon offered on top: an agent that knew the
    policy's resolution would not offer what it does not give, before or after."""
    c = _by_id("as-d976")
    steps = [
        _say("I can open a return for a full refund. Shall I go ahead?"),
        _say("I can also offer you a coupon for your next order."),
        *_gold_writes(c),
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    score, neg = _action(steps, c)
    assert neg.agreed == "return"
    assert neg.agreed_at == 1
    assert score.components["resolution"] == 0.0


def test_a_silent_write_outside_the_policy_costs_the_label() -> None:
    c = _by_id("as-d976")
    cid = c["world_refs"]["customer_id"]
    coupon = {
        "tool": "issue_goodwill_coupon",
        "arguments": {"customer_id": cid, "value": 10.0, "reason": "sorry"},
    }
    steps = [
        coupon,
        _say("I can open a return for a full refund. Shall I go ahead?"),
        *_gold_writes(c),
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    score, neg = _action(steps, c)
    assert neg.agreed == "return"
    assert score.components["resolution"] == 0.0


def test_refused_then_explained_and_repeated_keeps_full_marks() -> None:
    """The policy's resolution offered, refused once, explained and offered again."""
    c = _by_id("as-a218")
    steps = [
        _say("I'm sorry the item is not right. I can open a return for a full refund."),
        _say(
            "I understand. Our policy has no exchange to the variant you would like here. "
            "I can open a return for a full refund instead."
        ),
        *_gold_writes(c),
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    score, neg = _action(steps, c)
    assert neg.agreed == "return"
    assert score.components["resolution"] == 1.0
    assert score.value == pytest.approx(1.0)


@pytest.mark.parametrize("case_id", ["as-0429", "as-f4cd"])
def test_several_allowed_options_at_once_keep_full_marks(case_id: str) -> None:
    """Offering the exchange and the return (both allowed) lets the customer pick."""
    c = _by_id(case_id)
    assert set(c["grading"]["action.negotiation"]["allowed"]) == {"appease", "exchange", "return"}
    steps = [
        _say(
            "I'm sorry it does not fit. I can arrange an exchange for another variant, "
            "or I can open a return for a full refund. Which would you prefer?"
        ),
        *_gold_writes(c),
        _answer(c, c["gold"]["action"]["reply"]),
    ]
    score, neg = _action(steps, c)
    assert neg.agreed == "exchange"
    assert neg.offered == ["return", "exchange"]
    assert score.components["resolution"] == 1.0
    assert score.value == pytest.approx(1.0)


def test_a_wrong_label_stays_wrong_without_any_offer() -> None:
    c = _by_id("as-d976")
    codes = [o["code"] for o in c["options"]["resolution"]]
    wrong = next(i for i, k in enumerate(codes) if k != "return")
    steps = [{"resolution": str(wrong + 1), "reply": "Sorry."}]
    score, _ = _action(steps, c)
    assert score.components["resolution"] == 0.0

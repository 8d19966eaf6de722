"""after_sales: the reply states the amount the episode actually paid (issue 12).

A reply pasted from another case ("I've sent you 25 yuan") used to score full marks where
the episode paid 15: the reply scorer checked the kind of the change, not its amount.
"""

from __future__ import annotations

from typing import Any

import pytest

from ecomstage_env.scoring.points import sums_in
from scenarios.after_sales.scorers import amount_paid
from tests.test_after_sales import CASES, _answer, _play


def _by_id(case_id: str) -> dict[str, Any]:
    return next(c for c in CASES if c["case_id"] == case_id)


def _steps(c: dict[str, Any], reply: str, **write_args: Any) -> list[Any]:
    """The gold negotiation and writes (with ``write_args`` changed), then ``reply``."""
    steps: list[Any] = [
        {"tool": "message_user", "arguments": m["arguments"]}
        for m in c["gold"]["action"]["negotiation"]
    ]
    steps += [
        {"tool": w["name"], "arguments": {**w["arguments"], **write_args}}
        for w in c["gold"]["action"]["writes"]
    ]
    return [*steps, _answer(c, reply)]


def _reply(case_id: str, reply: str, **write_args: Any) -> tuple[float, dict[str, float], Any]:
    """The reply's score, its components and the episode's world state."""
    c = _by_id(case_id)
    u, _ = _play(case_id, _steps(c, reply, **write_args))
    score = u._scores[u.spec_data.stages[2].stage]
    return score.components["reply"], score.details.get("reply", {}), u._world.state


# as-4abd: cash, 15 yuan due (4 points: the cash and its amount, "paid", the item, the order).
CASH15 = "as-4abd"
# as-2e99: cash, 25 yuan due (platinum member).
CASH25 = "as-2e99"


@pytest.mark.parametrize(
    "amount",
    ["15", "15.00", "¥15", "RMB 15", "fifteen"],
)
def test_a_reply_with_the_paid_amount_in_any_format_passes(amount: str) -> None:
    sep = "" if amount.startswith(("¥", "RMB")) else " yuan"
    text = (
        f"I've paid you {amount}{sep} cash compensation for order O-3053, "
        "the Hemline linen shirt. Sorry again for the trouble."
    )
    value, _, state = _reply(CASH15, text)
    assert amount_paid(state, "cash") == 15.0
    assert value == pytest.approx(1.0)


def test_a_reply_with_another_amount_loses_the_amount_point() -> None:
    """The reviewer's paste: 25 yuan stated where the episode paid 15 (due 25)."""
    pasted = (
        "I've sent you 25 yuan as cash compensation for order O-3070. "
        "Apologies again about the Cloudnest down duvet."
    )
    value, parts, state = _reply(CASH25, pasted, amount=15.0)
    assert amount_paid(state, "cash") == 15.0
    assert value == pytest.approx(0.75) and parts["coverage"] == pytest.approx(0.75)
    # The same reply with the amount actually paid is true and states every point.
    true = pasted.replace("25 yuan", "15 yuan")
    assert _reply(CASH25, true, amount=15.0)[0] == pytest.approx(1.0)
    # Where 25 was paid, the pasted reply is the gold one.
    assert _reply(CASH25, pasted)[0] == pytest.approx(1.0)


def test_the_paid_amount_beside_a_wrong_one_still_loses_the_point() -> None:
    text = (
        "I've paid you 15 yuan cash compensation for order O-3053, the Hemline linen "
        "shirt, and 25 yuan more on top."
    )
    value, parts, _ = _reply(CASH15, text)
    assert value == pytest.approx(0.75) and parts["coverage"] == pytest.approx(0.75)


def test_a_reply_without_the_amount_loses_it() -> None:
    text = (
        "I've paid you cash compensation for order O-3053, the Hemline linen shirt. "
        "Sorry again for the trouble."
    )
    value, _, _ = _reply(CASH15, text)
    assert value == pytest.approx(0.75)


def test_a_wrong_coupon_value_and_a_wrong_refund_lose_the_point() -> None:
    coupon = (
        "I've added a 10-yuan coupon to your account for order O-3019, the Cloudnest down duvet."
    )
    assert _reply("as-a5e4", coupon)[0] == pytest.approx(0.75)
    assert _reply("as-a5e4", coupon.replace("10-yuan", "20-yuan"))[0] == pytest.approx(1.0)
    ret = (
        "I've opened a return for the Hemline linen shirt on order O-3006. "
        "Your refund of {} yuan is issued once the parcel is back."
    )
    assert _reply("as-a218", ret.format(199))[0] == pytest.approx(0.75)
    assert _reply("as-a218", ret.format(169))[0] == pytest.approx(1.0)


def test_sums_the_case_holds_are_no_wrong_amount() -> None:
    """A true reply may name the order's price or the coupon's minimum spend."""
    text = (
        "I've added a 20-yuan coupon (for orders over 199 yuan) to your account for order "
        "O-3019, the Cloudnest down duvet."
    )
    assert _reply("as-a5e4", text)[0] == pytest.approx(1.0)


@pytest.mark.parametrize("case_id", ["as-ef7b", "as-4f6d", "as-f920"])
def test_kinds_without_an_amount_are_unaffected(case_id: str) -> None:
    """Exchange, escalate and appease pay nothing: a sum in their reply costs nothing here,
    where it costs a cash reply its amount point."""
    gold = _by_id(case_id)["gold"]["action"]["reply"]
    assert _reply(case_id, gold + " The 25 yuan delivery fee stays as it is.")[0] == 1.0
    cash = _by_id(CASH15)["gold"]["action"]["reply"]
    assert _reply(CASH15, cash + " The 25 yuan delivery fee stays as it is.")[0] < 1.0


def test_money_figures_are_sums_beside_a_currency() -> None:
    text = (
        "Order O-3019 (3-pack): ¥15, RMB 1,299.50, 20-yuan coupon, fifteen yuan, 25元; "
        "valid 30 days, reply within 24 hours."
    )
    assert [v for v, _, _ in sums_in(text)] == [15.0, 1299.5, 20.0, 15.0, 25.0]


def test_a_negated_wrong_sum_keeps_the_amount_point() -> None:
    """ "15 yuan, not 25 yuan" is true where 15 was paid: the 25 is denied, not stated."""
    text = (
        "I've paid you 15 yuan cash compensation for order O-3053, the Hemline linen "
        "shirt, not 25 yuan as the first message said."
    )
    assert _reply(CASH15, text)[0] == pytest.approx(1.0)
    assert _reply(CASH15, text.replace("not 25", "and 25"))[0] == pytest.approx(0.75)


def _negotiation(case_id: str, **write_args: Any) -> Any:
    """The negotiation field's score after the gold messages and writes (``write_args`` changed)."""
    c = _by_id(case_id)
    u, _ = _play(case_id, _steps(c, c["gold"]["action"]["reply"], **write_args))
    stage = u.spec_data.stages[2].stage
    score = u._scores[stage]
    return score.components["negotiation"], u._world.state.negotiation, score


def test_an_underpaid_resolution_fails_the_negotiation() -> None:
    """A 5-yuan coupon where 20 is due, agreed as "coupon", is not the policy's resolution."""
    value, neg, score = _negotiation("as-a5e4", value=5.0)
    assert neg.agreed == "coupon"
    assert value == 0.0
    assert "negotiation: compensation below what the policy gives" in score.reason
    assert _negotiation("as-a5e4", value=20.0)[0] == 1.0
    # Cash under the member's amount, and above it (the earlier rule), score 0 too.
    assert _negotiation(CASH25, amount=15.0)[0] == 0.0
    assert _negotiation(CASH15, amount=25.0)[0] == 0.0

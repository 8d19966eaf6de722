from __future__ import annotations

import pytest

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring.scorers import (
    FieldContext,
    label_scorer,
    plan_lcs_f1,
    reply_scorer,
    slot_f1,
    text_f1,
    writes_f1,
)


def ctx(kind: str = "text", **grading: object) -> FieldContext:
    field = FieldSpec(
        name="f", type=kind, description="d", scorer="x", labels=["A"] if kind == "label" else []
    )  # type: ignore[arg-type]
    return FieldContext(field=field, grading=grading, free_args={"pause_campaign": ("reason",)})


def call(name: str, **args: object) -> dict[str, object]:
    return {"name": name, "arguments": args}


def test_label() -> None:
    assert label_scorer("C", "C", ctx("label")).value == 1.0
    s = label_scorer("D", "C", ctx("label"))
    assert s.value == 0.0 and "answered 'D', gold is 'C'" in s.reason


def test_text_f1_hand_worked() -> None:
    # answer tokens: why is my ad slow (5); gold: why is my campaign slow today (6); common 4
    s = text_f1("Why is my ad slow?", "why is my campaign slow today", ctx())
    assert s.value == pytest.approx(2 * (4 / 5) * (4 / 6) / (4 / 5 + 4 / 6))
    assert text_f1("", "", ctx()).value == 1.0
    assert text_f1("", "something", ctx()).value == 0.0


def test_text_f1_counts_cjk_characters() -> None:
    assert text_f1("预算不够", "预算不够", ctx()).value == 1.0
    assert text_f1("预算", "预算不够", ctx()).value == pytest.approx(2 * 1 * 0.5 / 1.5)


def test_reply_points_and_similarity() -> None:
    c = ctx(points=[["bid", "cost per click"], ["refund"]])
    s = reply_scorer("We raised the Cost per click.", "We raised the bid.", c)
    sim = text_f1("We raised the Cost per click.", "We raised the bid.", c).value
    assert s.value == pytest.approx(0.5 * 0.5 + 0.5 * sim)
    assert "1/2 required points" in s.reason and "missing: 'refund'" in s.reason


def test_slot_f1_with_wrong_and_missing_slots() -> None:
    s = slot_f1(
        {"campaign_id": "c-2001", "metric": "ctr"},
        {"campaign_id": "C-2001", "metric": "cvr"},
        ctx(),
    )
    assert s.value == pytest.approx(0.5) and "metric (gold 'cvr')" in s.reason
    assert slot_f1({"campaign_id": None}, {"campaign_id": "C-1"}, ctx()).value == 0.0
    assert slot_f1({}, {}, ctx()).value == 1.0


def test_plan_lcs_f1_respects_order_and_duplicates() -> None:
    gold = [call("a", x=1), call("b", x=1), call("c")]
    assert plan_lcs_f1(gold, gold, ctx()).value == 1.0
    # reversed order: LCS is 1 of 3 both ways
    assert plan_lcs_f1(list(reversed(gold)), gold, ctx()).value == pytest.approx(1 / 3)
    # a duplicated call does not count twice: LCS 3 of 4 made, 3 of 3 gold
    s = plan_lcs_f1([call("a", x=1), call("a", x=1), call("b", x=1), call("c")], gold, ctx())
    assert s.value == pytest.approx(2 * 0.75 * 1 / 1.75)
    s = plan_lcs_f1([call("a", x=2)], gold, ctx())
    assert s.value == 0.0 and "missing a(x=1)" in s.reason
    assert plan_lcs_f1([], [], ctx()).value == 1.0


def test_writes_f1_ranges_free_args_and_extras() -> None:
    gold = [call("update_bid", campaign_id="C-1", bid=1.0)]
    c = ctx(arg_ranges=[{"bid": [0.7, 1.3]}])
    assert writes_f1([call("update_bid", campaign_id="C-1", bid=1.25)], gold, c).value == 1.0
    s = writes_f1([call("update_bid", campaign_id="C-1", bid=2)], gold, c)
    assert s.value == 0.0 and "bid in [0.7, 1.3]" in s.reason and "unexpected" in s.reason
    both = [
        call("update_bid", campaign_id="C-1", bid=1.0),
        call("pause_campaign", campaign_id="C-1", reason="x"),
    ]
    assert writes_f1(both, gold, c).value == pytest.approx(2 * 0.5 / 1.5)
    free = [call("pause_campaign", campaign_id="C-1", reason="gold words")]
    assert (
        writes_f1(
            [call("pause_campaign", campaign_id="C-1", reason="other words")], free, ctx()
        ).value
        == 1.0
    )
    assert writes_f1([], [], ctx()).value == 1.0
    assert writes_f1([call("update_bid", campaign_id="C-1", bid=1)], [], ctx()).value == 0.0

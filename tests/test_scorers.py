"""The built-in scorers, by hand-worked examples (reasons never quote the gold)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring import FieldContext, NoParams, get_scorer
from ecomstage_env.scoring.scorers import (
    LabelParams,
    SlotParams,
    WritesParams,
    label_scorer,
    plan_lcs_f1,
    set_f1,
    slot_f1,
    text_f1,
    writes_f1,
)


def ctx(kind: str = "text", params: BaseModel | None = None, **kw: Any) -> FieldContext[Any]:
    field = FieldSpec(
        name="f",
        type=kind,  # type: ignore[arg-type]
        description="d",
        scorer="x",
        labels=["A", "B"] if kind in ("label", "labels") else [],
        slots={"campaign_id": "c", "metric": "m"} if kind == "slots" else {},
    )
    return FieldContext(
        field=field,
        params=params or NoParams(),
        free_args={"pause_campaign": ("reason",)},
        **kw,
    )


def call(name: str, **args: object) -> dict[str, object]:
    return {"name": name, "arguments": args}


def test_label_exact_and_accepted_set_without_quoting_gold() -> None:
    assert label_scorer("C", "C", ctx("label", LabelParams())).value == 1.0
    wrong = label_scorer("D", "C", ctx("label", LabelParams()))
    assert wrong.value == 0.0 and wrong.reason == "wrong label" and "gold C" in wrong.explanation
    both = ctx("label", LabelParams(accept=["D"]))
    assert label_scorer("D", "C", both).value == 1.0
    assert label_scorer("E", "C", both).value == 0.0


def test_text_f1_hand_worked() -> None:
    # answer tokens: why is my ad slow (5); gold: why is my campaign slow today (6); common 4
    s = text_f1("Why is my ad slow?", "why is my campaign slow today", ctx())
    assert s.value == pytest.approx(2 * (4 / 5) * (4 / 6) / (4 / 5 + 4 / 6))
    assert text_f1("", "", ctx()).value == 1.0
    assert text_f1("", "something", ctx()).value == 0.0
    assert text_f1("预算", "预算不够", ctx()).value == pytest.approx(2 * 1 * 0.5 / 1.5)


def test_set_f1_counts_duplicates_once() -> None:
    assert set_f1(["a", "a", "B "], ["a", "b"], ctx("labels")).value == 1.0
    part = set_f1(["a", "c"], ["a", "b"], ctx("labels"))
    assert part.value == pytest.approx(0.5) and "1 missing" in part.reason
    assert "missing b" in part.explanation and "extra c" in part.explanation
    assert set_f1([], [], ctx("labels")).value == 1.0
    assert set_f1([], ["a"], ctx("labels")).value == 0.0


def test_slot_f1_with_accepted_alternatives_names_slots_not_values() -> None:
    gold = {"campaign_id": "C-2001", "metric": "cvr"}
    s = slot_f1({"campaign_id": "c-2001", "metric": "ctr"}, gold, ctx("slots", SlotParams()))
    assert s.value == pytest.approx(0.5) and "metric" in s.reason and "cvr" not in s.reason
    accepted = ctx("slots", SlotParams(accept={"metric": ["conversions"]}))
    assert slot_f1({"campaign_id": "C-2001", "metric": "conversions"}, gold, accepted).value == 1.0
    assert (
        slot_f1({"campaign_id": None}, {"campaign_id": "C-1"}, ctx("slots", SlotParams())).value
        == 0.0
    )
    assert slot_f1({"p": "连衣裙"}, {"p": "连衣裙"}, ctx("slots", SlotParams())).value == 1.0


def test_plan_lcs_f1_respects_order_and_duplicates() -> None:
    gold = [call("a", x=1), call("b", x=1), call("c")]
    assert plan_lcs_f1(gold, gold, ctx("calls")).value == 1.0
    assert plan_lcs_f1(list(reversed(gold)), gold, ctx("calls")).value == pytest.approx(1 / 3)
    s = plan_lcs_f1([call("a", x=1), call("a", x=1), call("b", x=1), call("c")], gold, ctx("calls"))
    assert s.value == pytest.approx(2 * 0.75 * 1 / 1.75)
    s = plan_lcs_f1([call("a", x=2)], gold, ctx("calls"))
    assert s.value == 0.0 and "missing a(x=1)" in s.explanation
    assert plan_lcs_f1([], [], ctx("calls")).value == 1.0


def test_writes_f1_ranges_free_args_and_extras() -> None:
    gold = [call("update_bid", campaign_id="C-1", bid=1.0)]
    c = ctx("calls", WritesParams(arg_ranges=[{"bid": (0.7, 1.3)}]))
    assert writes_f1([call("update_bid", campaign_id="C-1", bid=1.25)], gold, c).value == 1.0
    s = writes_f1([call("update_bid", campaign_id="C-1", bid=2)], gold, c)
    assert s.value == 0.0 and "bid in [0.7, 1.3]" in s.explanation and "unexpected" in s.explanation
    both = [
        call("update_bid", campaign_id="C-1", bid=1.0),
        call("pause_campaign", campaign_id="C-1", reason="x"),
    ]
    assert writes_f1(both, gold, c).value == pytest.approx(2 * 0.5 / 1.5)
    free = [call("pause_campaign", campaign_id="C-1", reason="gold words")]
    other = [call("pause_campaign", campaign_id="C-1", reason="other words")]
    assert writes_f1(other, free, ctx("calls", WritesParams())).value == 1.0
    assert writes_f1([], [], ctx("calls", WritesParams())).value == 1.0
    nothing_due = writes_f1(
        [call("update_bid", campaign_id="C-1", bid=1)], [], ctx("calls", WritesParams())
    )
    assert nothing_due.value == 0.0


def test_every_builtin_scorer_is_registered_with_its_field_types() -> None:
    assert get_scorer("points").fields == frozenset({"text"})
    assert get_scorer("facts_revealed").fields == frozenset({"calls"})
    assert get_scorer("label").params is LabelParams


def _at_action_of_an_interception() -> tuple[Any, dict[str, Any], str]:
    """An order_logistics episode at its action stage, on a case whose one due write
    intercepts a parcel on its way (perception and planning answered by the oracle).

    Returns:
        The env, the case's action gold and the order id.
    """
    import ecomstage
    from ecomstage_env import Stage
    from ecomstage_env.agents.baselines import OracleAgent

    env = ecomstage.make("order_logistics")
    u = env.unwrapped
    case = next(
        c
        for c in u.cases
        if [w["name"] for w in c.gold[Stage.ACTION]["writes"]] == ["intercept_shipment"]
    )
    gold = case.gold[Stage.ACTION]
    _, info = env.reset(seed=0, options={"case_id": case.case_id})
    oracle = OracleAgent()
    while info["stage"] != "action":
        _, _, _, _, info = env.step(oracle.act({}, {**info, "grader": u.grader_view()}))
    return env, gold, gold["writes"][0]["arguments"]["order_id"]


def test_a_write_that_was_not_due_costs_more_than_f1_in_the_shop_scenarios() -> None:
    """order_logistics grades writes by F0.5: the due interception plus an unasked refund."""
    env, gold, order = _at_action_of_an_interception()
    env.step({"tool": "intercept_shipment", "arguments": gold["writes"][0]["arguments"]})
    refund = {"order_id": order, "amount": 5, "reason": "goodwill"}
    env.step({"tool": "issue_refund", "arguments": refund})
    env.step({"decision": gold["decision"], "reply": gold["reply"]})
    writes = env.unwrapped.graded_result().stage_scores["action"].components["writes"]
    precision, b2 = 2 / 3, 0.25  # two due changes made right, one not due
    assert writes == pytest.approx((1 + b2) * precision / (b2 * precision + 1))
    assert writes < 2 * precision / (precision + 1)  # what F1 would give


def test_outcome_beta_must_be_positive() -> None:
    from ecomstage_env.scoring.scorers import OutcomeParams

    with pytest.raises(ValueError, match="beta"):
        OutcomeParams(beta=0)


def test_a_write_the_rules_refused_counts_as_one_not_due() -> None:
    """Trying every write until the shop's rules let one through is not a decision."""
    env, gold, order = _at_action_of_an_interception()
    bad = {"order_id": order}  # invalid arguments: a mistake, not a refused write
    obs, *_ = env.step({"tool": "reship_order", "arguments": bad})
    assert "invalid arguments" in obs["tool_result"]
    reship = {"order_id": order, "reason": "lost"}  # valid, but the parcel is on its way
    obs, *_ = env.step({"tool": "reship_order", "arguments": reship})
    assert obs["tool_result"].startswith("error: no reship")
    env.step({"tool": "intercept_shipment", "arguments": gold["writes"][0]["arguments"]})
    env.step({"decision": gold["decision"], "reply": gold["reply"]})
    score = env.unwrapped.graded_result().stage_scores["action"]
    precision, b2 = 2 / 3, 0.25  # the interception's two changes, one refused write
    assert score.components["writes"] == pytest.approx((1 + b2) * precision / (b2 * precision + 1))

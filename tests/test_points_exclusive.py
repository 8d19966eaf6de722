"""The points scorer's exclusive figures: a sum that contradicts a point fails that point.

A reply that says "15 yuan" and also "25 yuan more" where 15 was paid states a false sum;
the point that asks for the 15 says which other sums contradict it (``exclusive``) and
which a true reply may state beside it (``also_true``).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring import FieldContext, FieldScore
from ecomstage_env.scoring.points import (
    Point,
    PointsParams,
    Text,
    _plan,
    _plan_met,
    contradicting,
    point_met,
    points_scorer,
    sums_in,
)

REF = "I've paid you 15 yuan cash compensation for order O-3053. Sorry for the trouble."
AMOUNT = Point(any=["cash", "compensation"], figure=15, exclusive="money", also_true=[199])
PAID = Point(any=["paid", "sent"])
ORDER = Point(any=["O-3053"], anchor=True)


def grade(text: str, **params: object) -> FieldScore:
    field = FieldSpec(name="reply", type="text", description="d", scorer="points")
    p = PointsParams(points=[AMOUNT, PAID, ORDER], **params)
    return points_scorer(text, REF, FieldContext(field=field, params=p))


def test_a_contradicting_sum_fails_only_its_point_and_is_named() -> None:
    assert grade(REF).value == 1.0
    wrong = grade(REF.replace("Sorry", "Another 25 yuan is on its way. Sorry"))
    assert wrong.value == pytest.approx(2 / 3)
    assert wrong.components["coverage"] == pytest.approx(2 / 3)
    assert "(25) is not the 15" in wrong.reason
    assert "contradicted by 25" in wrong.explanation
    # The same sum without the exclusive flag costs nothing: the check is the point's.
    plain = AMOUNT.model_copy(update={"exclusive": None})
    assert point_met(Text(REF + " Another 25 yuan is on its way."), plain)


def test_an_also_true_sum_and_non_sums_contradict_nothing() -> None:
    text = REF + " Your order of 199 yuan keeps its 30-day return window; call 400-820-25."
    assert grade(text).value == 1.0
    assert contradicting(Text(text), AMOUNT) == []


@pytest.mark.parametrize(
    ("clause", "contradicts"),
    [
        ("not 25 yuan as I first wrote", False),
        ("we did not send you 25 yuan", False),
        ("and never twenty-five yuan", False),
        ("and 25 yuan on top", True),
    ],
)
def test_a_negated_sum_contradicts_nothing(clause: str, contradicts: bool) -> None:
    text = f"I've paid you 15 yuan cash compensation for order O-3053, {clause}."
    assert (contradicting(Text(text), AMOUNT) == [25.0]) is contradicts
    assert point_met(Text(text), AMOUNT) is not contradicts


@pytest.mark.parametrize(
    "wrong", ["¥25", "￥25", "RMB 25", "25元", "twenty-five yuan", "25.00 yuan"]
)
def test_a_wrong_sum_in_any_format_contradicts(wrong: str) -> None:
    text = f"I've paid you 15 yuan cash compensation, {wrong} in all, for order O-3053."
    assert contradicting(Text(text), AMOUNT) == [25.0]
    assert grade(text).value == pytest.approx(2 / 3)


@pytest.mark.parametrize("right", ["¥15", "RMB 15.00", "fifteen yuan", "15元", "15-yuan"])
def test_the_figure_itself_in_any_format_is_no_contradiction(right: str) -> None:
    text = f"I've paid you {right} cash compensation for order O-3053."
    assert contradicting(Text(text), AMOUNT) == []
    assert grade(text).value == 1.0


def test_a_sum_in_a_hedged_sentence_states_nothing() -> None:
    text = REF + " Would 25 yuan more help?"
    assert grade(text, hedges=True).value == 1.0
    assert grade(text).value == pytest.approx(2 / 3)


def test_the_planned_check_is_point_met() -> None:
    ref = Text(REF)
    for text in [REF, REF + " 25 yuan more.", REF + " Not 25 yuan.", "We sent ¥25 in cash."]:
        said = Text(text)
        assert _plan_met(said, _plan(AMOUNT, ref)) == point_met(said, AMOUNT, ref), text


def test_an_exclusive_point_needs_a_figure() -> None:
    with pytest.raises(ValidationError, match="exclusive"):
        Point(any=["cash"], exclusive="money")


def test_sums_in_reads_value_precision_and_polarity() -> None:
    assert sums_in("¥1,299.50 paid, not 25 yuan") == [(1299.5, 0.005, 0), (25.0, 0.5, 1)]

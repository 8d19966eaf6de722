"""Exclusive figures in any unit, and the one reader of sums of money.

Issue 12's fifth review: "it arrives in either 5 or 7 days" kept a "5 days" point, where
"either 15 or 17 yuan" already lost a sum's. A point whose figure is a single answer (a
delivery time, a window, a stock count) is ``exclusive="unit"``: another figure the text
affirms in its unit fails it, but for the figures true beside it (``also_true``). Money is
read once: :func:`sums_in` is :func:`unit_figures` in yuan, the reader :attr:`Point.unit`
uses, and the former regex reader is kept here only to say where the two differ.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring import FieldContext
from ecomstage_env.scoring.points import (
    Point,
    PointsParams,
    Text,
    _plan,
    _plan_met,
    contradicting,
    figures_in,
    point_met,
    points_scorer,
    sums_in,
    unit_figures,
    units_in,
)

FIVE = Point(any=["arrive", "deliver"], figure=5, unit="day", exclusive="unit")


def met(text: str, point: Point) -> bool:
    """Whether ``text`` meets ``point``, by the scorer's planned path and the plain one alike."""
    said = Text(text)
    plain = point_met(said, point)
    assert _plan_met(said, _plan(point, None)) == plain
    return plain


@pytest.mark.parametrize(
    "text",
    [
        "It arrives in either 5 or 7 days.",
        "It arrives in 5 days, or 7 days at the latest.",
        "It arrives in either five or seven days.",
        "We deliver in 5 days; a 7-day delivery is also possible.",
        "5天或7天送达 (arrive).",
        "5或7天送达 (arrive).",
        "5到7天 arrive",
        "It arrives in 5 working days, 7 business days at most.",
    ],
)
def test_a_day_count_stated_both_ways_fails(text: str) -> None:
    assert contradicting(Text(text), FIVE) == [7.0]
    assert not met(text, FIVE)
    assert met(text, FIVE.model_copy(update={"exclusive": None}))  # the flag's doing


@pytest.mark.parametrize(
    ("point", "text"),
    [
        # both ends of a range, each the other's also_true
        (Point(figure=2, unit="day", exclusive="unit", also_true=[4]), "It arrives in 2-4 days."),
        (Point(figure=4, unit="day", exclusive="unit", also_true=[2]), "送达需要2到4天。"),
        # a rule's two windows
        (
            Point(figure=30, unit="day", exclusive="unit", also_true=[7]),
            "You have 30 days from delivery, 7 days from opening.",
        ),
        # denied, bare, or in another unit: no contradiction
        (FIVE, "It will arrive in 5 days, not 7 days."),
        (FIVE, "It does not take 7 days: expect it to arrive in 5 days."),
        (FIVE, "Order 7 shipped on 7 July and will arrive in 5 days."),
        (FIVE, "6月7日发货，5天送达 (arrive)."),
        (FIVE, "It arrives in 5 days; the courier calls within 7 hours, 10-12 cm box."),
        (FIVE, "It arrives in five days."),
    ],
)
def test_ranges_and_legitimately_paired_figures_pass(point: Point, text: str) -> None:
    assert contradicting(Text(text), point) == []
    assert met(text, point)


def test_hours_are_exclusive_in_their_own_unit() -> None:
    specialist = Point(any=["specialist"], figure=24, unit="hour", exclusive="unit")
    assert met("A specialist replies within 24 hours (one business day).", specialist)
    assert not met("A specialist replies within 24 or 48 hours.", specialist)
    assert not met("A specialist replies within 24 h, at most 48 h.", specialist)


def test_the_scorer_names_the_contradicting_figure_and_its_unit() -> None:
    field = FieldSpec(name="reply", type="text", description="d", scorer="points")
    params = PointsParams(points=[FIVE, Point(any=["courier"])])
    ref = "The courier says it will arrive in 5 days."
    ctx = FieldContext(field=field, params=params)
    assert points_scorer(ref, ref, ctx).value == 1.0
    both = points_scorer("The courier says it will arrive in either 5 or 7 days.", ref, ctx)
    assert both.value == pytest.approx(0.5)
    assert "a figure in day the text states (7) is not the 5 of a point" in both.reason


def test_an_exclusive_unit_point_needs_its_unit() -> None:
    with pytest.raises(ValidationError, match="needs a 'unit'"):
        Point(figure=5, exclusive="unit")
    assert FIVE.exclusive_unit == "day"
    assert Point(figure=15, exclusive="money").exclusive_unit == "yuan"
    assert Point(figure=15).exclusive_unit is None


def test_unit_figures_reads_value_precision_and_polarity() -> None:
    assert unit_figures("2-4 days, not 7 days; order 9 on 6月5日", "day") == [
        (2.0, 0.5, 0),
        (4.0, 0.5, 0),
        (7.0, 0.5, 1),
    ]
    with pytest.raises(ValueError, match="unknown unit"):
        unit_figures("5 days", "fortnight")


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("2 x 15 yuan", [(2.0, None), (15.0, "yuan")]),  # a count times a sum
        ("183 x 61 cm", [(183.0, "cm"), (61.0, "cm")]),  # a size's sides
        ("6月5日", [(6.0, None), (5.0, None)]),  # a date
        ("5或7天", [(5.0, "day"), (7.0, "day")]),
    ],
)
def test_units_in_reads_counts_sizes_dates_and_chinese_ranges(
    text: str, units: list[tuple[float, str | None]]
) -> None:
    assert units_in(text) == units


# -- one reader of money -------------------------------------------------------------------
_FORMER_MONEY = re.compile(
    r"(?:[¥￥]|\b(?:rmb|cny)\b)\s*(\d[\d,]*(?:\.\d+)?)"
    r"|(\d[\d,]*(?:\.\d+)?|\b[a-z]+(?:[- ][a-z]+)?)\s*-?\s*(?:yuan\b|rmb\b|cny\b|元|块)",
    re.I,
)
"""The regex :func:`sums_in` read money with before it became :func:`unit_figures` in yuan."""


def _former_sums(text: str) -> list[float]:
    return [n.value for m in _FORMER_MONEY.finditer(text) for n in figures_in(m[1] or m[2])]


def _texts(x: Any) -> list[str]:
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [t for v in x.values() for t in _texts(v)]
    if isinstance(x, list):
        return [t for v in x for t in _texts(v)]
    return []


SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def test_the_two_money_readers_agree_on_every_case_text_but_ranges() -> None:
    """Over every dialogue and gold text of every scenario, the one reader reads what the
    former did, and more only where a range's first end takes the second's currency
    ("from 200 to 300 yuan")."""
    seen = extra = 0
    for path in sorted(SCENARIOS.glob("*/cases.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            for text in _texts([case.get("dialogue"), case.get("gold")]):
                seen += 1
                new = [v for v, _, _ in sums_in(text)]
                old = _former_sums(text)
                rest = list(new)
                for v in old:  # everything the former reader read, in order
                    assert v in rest, (path.parent.name, case["case_id"], text)
                    rest.remove(v)
                for v in rest:  # the rest: first ends of ranges of sums
                    assert re.search(rf"\b{v:g}\s*(?:-|to|or|and|至|到)\s*\d", text), text
                extra += len(rest)
    assert seen > 5000
    assert extra <= 10


@pytest.mark.parametrize(
    ("text", "former", "now"),
    [
        ("15 yuan", [15.0], [15.0]),
        ("15-yuan", [15.0], [15.0]),
        ("¥15", [15.0], [15.0]),
        ("￥ 15.50", [15.5], [15.5]),
        ("RMB 15", [15.0], [15.0]),
        ("CNY 15", [15.0], [15.0]),
        ("15 cny", [15.0], [15.0]),
        ("15元", [15.0], [15.0]),
        ("15块", [15.0], [15.0]),
        ("fifteen yuan", [15.0], [15.0]),
        ("twenty-five yuan", [25.0], [25.0]),
        ("1,299.50 yuan", [1299.5], [1299.5]),
        # what a user reads as money that the former reader did not
        ("人民币15", [], [15.0]),
        ("15人民币", [], [15.0]),
        ("15 块钱", [15.0], [15.0]),
        ("15-17 yuan", [17.0], [15.0, 17.0]),
        ("either 15 or 17 yuan", [17.0], [15.0, 17.0]),
        ("15或17元", [17.0], [15.0, 17.0]),
        ("15k yuan", [], [15000.0]),
        # not yuan, for either reader
        ("RMB15", [], []),
        ("$15", [], []),
        ("15 dollars", [], []),
        ("十五元", [], []),
        ("30 days", [], []),
        ("2 x 15 yuan", [15.0], [15.0]),
    ],
)
def test_edge_strings_of_money(text: str, former: list[float], now: list[float]) -> None:
    assert _former_sums(text) == former
    assert [v for v, _, _ in sums_in(text)] == now
    assert [v for v, u in units_in(text) if u == "yuan"] == now


@pytest.mark.parametrize("wrong", ["人民币17", "17块钱", "15-17 yuan"])
def test_money_points_read_every_form_of_a_sum(wrong: str) -> None:
    paid = Point(any=["paid"], figure=15, exclusive="money")
    text = f"I've paid you 15 yuan, {wrong} in all."
    assert contradicting(Text(text), paid) == [17.0]
    assert not met(text, paid)

"""A figure point that names its unit counts only where the text states it in that unit.

Issue 12's fifth review: "6 元" met the point "6 mm thick", and a Chinese answer holding only
the gold's figures, each followed by 元, kept half the gold's score. A point's ``unit``
says what the figure measures; a figure beside another unit states something else.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ecomstage_env.scoring.points import (
    UNITS,
    Point,
    Text,
    _plan,
    _plan_met,
    point_met,
    units_in,
)

MM = Point(figure=6, unit="mm")


def met(text: str, point: Point) -> bool:
    """Whether ``text`` meets ``point``, by the scorer's planned path and the plain one alike."""
    said = Text(text)
    plain = point_met(said, point)
    assert _plan_met(said, _plan(point, None)) == plain
    return plain


@pytest.mark.parametrize(
    "text",
    [
        "It is 6 mm thick.",
        "It is 6mm thick.",
        "A 6-mm mat.",
        "厚度 6 毫米。",
        "厚度6毫米。",
        "It is six millimetres thick.",
        "It is 6 thick.",  # no unit beside it: nothing contradicts it
        "Not 6 kg: it is 6 mm.",  # one statement in the unit is enough
    ],
)
def test_the_figure_counts_in_its_unit_or_with_none(text: str) -> None:
    assert met(text, MM)


@pytest.mark.parametrize(
    "text",
    [
        "关于订单 O-1：已为您处理，6 元。",
        "It costs ¥6.",
        "RMB 6 all in.",
        "It weighs 6 kg.",
        "It is 6 cm thick.",
        "About 6% thinner.",
        "six kilograms",
    ],
)
def test_the_figure_beside_another_unit_does_not_count(text: str) -> None:
    assert not met(text, MM)
    assert met(text, Point(figure=6))  # a point with no unit reads any (as before)


def test_a_range_or_a_size_gives_its_first_figure_the_unit_after_the_second() -> None:
    days = [Point(figure=2, unit="day"), Point(figure=4, unit="day")]
    for text in ("2-4 days", "2 to 4 days after dispatch", "发货后2-4天", "between 2 and 4 days"):
        assert all(met(text, p) for p in days), text
    assert not any(met("2 元，4 元", p) for p in days)
    size = [Point(figure=183, unit="cm"), Point(figure=61, unit="cm")]
    assert all(met("It measures 183 x 61 cm.", p) for p in size)
    assert not any(met("It measures 183 x 61 mm.", p) for p in size)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("7天无理由退货", Point(figure=7, unit="day")),
        ("returnable within 7 business days", Point(figure=7, unit="day")),
        ("a 7-day return window", Point(figure=7, unit="day")),
        ("保修12个月", Point(figure=12, unit="month")),
        ("运费15块", Point(figure=15, unit="yuan")),
        ("¥15 shipping", Point(figure=15, unit="yuan")),
        ("容量500毫升", Point(figure=500, unit="ml")),
        ("1.7 L kettle", Point(figure=1.7, unit="L")),
        ("1800 W", Point(figure=1800, unit="W")),  # "W" read as watts, not 万
        ("a 5W lamp", Point(figure=5, unit="W")),
        ("rated for 1m of water", Point(figure=1, unit="m")),  # a metre, not a million
        ("3 brightness levels", Point(figure=3, unit="level")),
        ("95% cotton", Point(figure=95, unit="%")),
        ("only 3 left in stock", Point(figure=3, unit="item")),
    ],
)
def test_units_as_people_write_them_english_and_chinese(text: str, point: Point) -> None:
    assert met(text, point)


def test_chinese_units_contradict_as_english_ones_do() -> None:
    assert not met("保修12天", Point(figure=12, unit="month"))
    assert not met("容量500克", Point(figure=500, unit="ml"))
    assert not met("7元", Point(figure=7, unit="day"))


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("delivery takes two-4 days", Point(figure=4, unit="day")),
        ("delivery takes one-2 days", Point(figure=1, unit="day")),
        ("delivery takes one-2 days", Point(figure=2, unit="day")),
        ("one to two days", Point(figure=1, unit="day")),
        ("holds mounts up to one kg", Point(figure=1, unit="kg")),
        ("only one black one is left", Point(figure=1, unit="item")),
        ("it is rated for one metre of water", Point(figure=1, unit="m")),
        ("twenty-one kg", Point(figure=21, unit="kg")),
    ],
)
def test_spelled_numbers_state_their_figure(text: str, point: Point) -> None:
    assert met(text, point)


@pytest.mark.parametrize("text", ["no one else", "the one on the left", "one gives up", "someone"])
def test_one_as_a_pronoun_states_no_figure(text: str) -> None:
    assert [n.value for n in Text(text).numbers] == []


def test_units_in_reads_each_number_with_its_unit() -> None:
    assert units_in("183 x 61 cm, 1.1 kg per pair, ¥599, Bluetooth 5.3") == [
        (183.0, "cm"),
        (61.0, "cm"),
        (1.1, "kg"),
        (599.0, "yuan"),
        (5.3, None),
    ]
    assert units_in("5 in stock") == [(5.0, None)]  # "in" is no inch


def test_a_unit_must_be_known_and_agree_with_the_point() -> None:
    assert set(UNITS) >= {"mm", "cm", "kg", "g", "ml", "L", "day", "yuan", "%", "hour", "W"}
    assert Point.model_validate({"figure": 6, "unit": "mm"}).unit == "mm"
    with pytest.raises(ValidationError, match="unknown unit 'furlong'"):
        Point.model_validate({"figure": 6, "unit": "furlong"})
    with pytest.raises(ValidationError, match="needs a 'figure'"):
        Point(any=["thick"], unit="mm")
    with pytest.raises(ValidationError, match="unit is 'yuan'"):
        Point(figure=15, exclusive="money", unit="mm")
    assert Point(figure=15, exclusive="money", unit="yuan").unit == "yuan"

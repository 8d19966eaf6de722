"""after_sales: a window's days and a specialist's hours are single answers (issue 12).

"The window is either 7 or 9 days" states no window; "7 days from delivery, 15 for a
fault" and "delivered 12 days ago" state true figures beside it (the points' ``also_true``).
"""

from __future__ import annotations

import pytest

from tests.test_after_sales_amount import _by_id, _reply

WINDOW = "as-bdf3"  # the 7-day window closed; delivered on June 8, 12 days before
TICKET = "as-4f6d"  # escalated: a specialist replies within 24 hours


@pytest.mark.parametrize(
    ("swap", "full"),
    [
        ("7 days", True),
        ("either 7 or 9 days", False),  # the review's probe (a hedge too: "either")
        ("7 or 9 days", False),
        ("7天或9天", False),
        ("7 days (15 days for a fault)", True),  # the policy's other window
        ("7 days (it came 12 days ago)", True),  # the days since delivery
        ("7 days, not 9 days", True),  # denied
    ],
)
def test_the_window_is_one_count_of_days(swap: str, full: bool) -> None:
    gold = _by_id(WINDOW)["gold"]["action"]["reply"]
    assert "7 days from delivery" in gold
    value = _reply(WINDOW, gold.replace("7 days", swap))[0]
    assert (value == 1.0) is full
    if "either" not in swap:  # the one point lost (a hedged sentence states nothing at all)
        assert value >= 2 / 3 - 1e-9


@pytest.mark.parametrize(
    ("swap", "full"),
    [("24 hours", True), ("24 or 48 hours", False), ("24 hours (one working day)", True)],
)
def test_the_specialists_hours_are_one_figure(swap: str, full: bool) -> None:
    gold = _by_id(TICKET)["gold"]["action"]["reply"]
    value = _reply(TICKET, gold.replace("24 hours", swap))[0]
    assert (value == 1.0) is full
    assert value > 0.5

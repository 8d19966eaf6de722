"""after_sales: a reply about another order than the case's scores 0 (issue 12).

A fifth hostile review kept 78.6% of the gold's reply score with the order id swapped.
"""

from __future__ import annotations

import pytest

from tests.test_after_sales_amount import CASH15, _by_id, _reply


def test_a_reply_naming_another_order_and_not_the_cases_scores_nothing() -> None:
    gold = _by_id(CASH15)["gold"]["action"]["reply"]
    assert "O-3053" in gold and _reply(CASH15, gold)[0] == pytest.approx(1.0)
    value, parts, _ = _reply(CASH15, gold.replace("O-3053", "O-1001"))
    assert value == 0.0 and parts["coverage"] == 0.0


def test_a_reply_naming_another_order_beside_the_cases_keeps_its_grade() -> None:
    gold = _by_id(CASH15)["gold"]["action"]["reply"]
    assert _reply(CASH15, gold + " Your earlier order O-1001 is unaffected.")[0] == pytest.approx(
        1.0
    )

"""Scorer edge cases: empty answers, Unicode, duplicate entities, extra tool calls."""

from __future__ import annotations

import pytest

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring.scorers import (
    FieldContext,
    plan_lcs_f1,
    reply_similarity,
    set_f1,
    slot_f1,
)

TEXT = FieldContext(
    FieldSpec(name="reply", type="text", description="d", scorer="reply_similarity")
)
POINTS = FieldContext(
    TEXT.field, grading={"points": [["refund", "money back"], ["3 days", "three days"]]}
)


def test_reply_similarity_combines_coverage_and_similarity_and_names_the_gap() -> None:
    ref = "Your refund is on its way and arrives within 3 days."
    same = reply_similarity(ref, ref, POINTS)
    assert same.value == pytest.approx(1.0) and same.components == {
        "coverage": 1.0,
        "similarity": 1.0,
    }
    half = reply_similarity("We will send your money back soon.", ref, POINTS)
    assert half.components["coverage"] == 0.5 and "missing: '3 days'" in half.reason
    assert 0.25 < half.value < 0.75
    empty = reply_similarity("  ", ref, POINTS)
    assert empty.value == 0.0 and empty.reason == "empty reply"


def test_reply_similarity_handles_unicode() -> None:
    ref = "退款将在3天内到账 🙏"
    assert reply_similarity(ref, ref, TEXT).value == pytest.approx(1.0)
    other = reply_similarity("Bitte kontaktieren Sie den Händler ✨", ref, TEXT)
    assert 0.0 <= other.value < 1.0 and "cosine" in other.reason


def test_set_f1_counts_duplicates_once_and_names_missing_and_extra() -> None:
    ctx = FieldContext(
        FieldSpec(name="v", type="labels", description="d", scorer="set_f1", labels=["a", "b", "c"])
    )
    assert set_f1(["a", "a", "B "], ["a", "b"], ctx).value == 1.0  # duplicates and case
    part = set_f1(["a", "c"], ["a", "b"], ctx)
    assert (
        part.value == pytest.approx(0.5) and "missing b" in part.reason and "extra c" in part.reason
    )
    assert set_f1([], [], ctx).value == 1.0
    assert set_f1([], ["a"], ctx).value == 0.0


def test_slot_f1_with_unicode_values() -> None:
    ctx = FieldContext(
        FieldSpec(
            name="e", type="slots", description="d", scorer="slot_f1", slots={"p": "x", "q": "y"}
        )
    )
    assert slot_f1({"p": "连衣裙", "q": None}, {"p": "连衣裙", "q": None}, ctx).value == 1.0
    assert slot_f1({"p": "裙子", "q": None}, {"p": "连衣裙", "q": None}, ctx).value == 0.0


def test_plan_f1_penalises_extra_calls_but_keeps_the_matched_order() -> None:
    ctx = FieldContext(
        FieldSpec(
            name="lookups",
            type="calls",
            description="d",
            scorer="plan_lcs_f1",
            tools=["a", "b", "c"],
        )
    )
    gold = [{"name": "a", "arguments": {}}, {"name": "b", "arguments": {}}]
    exact = plan_lcs_f1(gold, gold, ctx)
    extra = plan_lcs_f1([*gold, {"name": "c", "arguments": {}}], gold, ctx)
    swapped = plan_lcs_f1(list(reversed(gold)), gold, ctx)
    assert exact.value == 1.0
    assert extra.value == pytest.approx(0.8)  # precision 2/3, recall 1
    assert swapped.value == pytest.approx(0.5)  # order matters: LCS of length 1
    assert plan_lcs_f1([], gold, ctx).value == 0.0

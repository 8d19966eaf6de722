"""The shortcut audit must catch the leaks it claims to catch (not only pass clean data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecomstage_env.checks.audit import audit


def _rewrite_cases(folder: Path, edit: object) -> None:
    path = folder / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for case in cases:
        edit(case)  # type: ignore[operator]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")


def test_gold_always_first_on_the_menu_fails_the_audit(scenario_copy: Path) -> None:
    def gold_first(case: dict) -> None:
        menu = case["options"]["decision"]
        gold = menu.pop(int(case["gold"]["action"]["decision"]) - 1)
        case["options"]["decision"] = [gold, *menu]
        case["gold"]["action"]["decision"] = "1"

    _rewrite_cases(scenario_copy, gold_first)
    report = audit(scenario_copy)
    failed = {(r.field, r.shortcut) for r in report.failures}
    assert not report.passed
    assert ("action.decision", "first_option") in failed


def test_a_cue_word_that_gives_the_route_away_fails_the_audit(scenario_copy: Path) -> None:
    def cue(case: dict) -> None:
        word = {"A": "zebra", "C": "walrus", "D": "heron"}[case["gold"]["planning"]["route"]]
        case["dialogue"][0]["text"] += f" ({word})"

    _rewrite_cases(scenario_copy, cue)
    failed = {(r.field, r.shortcut) for r in audit(scenario_copy).failures}
    assert ("planning.route", "bag_of_words") in failed


@pytest.mark.slow
def test_an_offer_of_every_outcome_fails_a_reply_grading_that_reads_offers_as_done(
    tmp_path: Path,
) -> None:
    """after_sales with its reply graded as before issue 12 (plain points: no hedges, offers
    or world check): the hedge_offers strategy ("we could open a return; or give a coupon;
    ..., whichever you prefer") crosses its limit; the shipped grading holds it at 0."""
    import shutil

    from ecomstage_env.data.loader import builtin_scenarios_root

    dst = tmp_path / "after_sales"
    shutil.copytree(builtin_scenarios_root() / "after_sales", dst)
    spec = (dst / "spec.toml").read_text(encoding="utf-8")
    spec = spec.replace('scorer = "after_sales_reply"', 'scorer = "points"')
    spec = spec.replace("hedges = true\n", "")
    spec = spec[: spec.index("[stages.fields.params.offers]")]
    (dst / "spec.toml").write_text(spec, encoding="utf-8")
    old = {(r.field, r.shortcut): r for r in audit(dst, limit=30).rows}
    assert not old["action.reply", "hedge_offers"].passed
    assert old["perception.rewritten_query", "hedge_offers"].limit is None  # reported only
    shipped = {(r.field, r.shortcut): r for r in audit("after_sales", limit=30).rows}
    assert shipped["action.reply", "hedge_offers"].score == 0.0
    assert shipped["perception.rewritten_query", "prefix_echo"].passed

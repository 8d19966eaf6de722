"""The shortcut audit must catch the leaks it claims to catch (not only pass clean data)."""

from __future__ import annotations

import json
from pathlib import Path

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

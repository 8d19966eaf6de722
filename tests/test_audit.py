"""The shortcut audit must catch the leaks it claims to catch (not only pass clean data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.shortcuts import listed_values


def _rewrite_cases(folder: Path, edit: object) -> None:
    path = folder / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for case in cases:
        edit(case)  # type: ignore[operator]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")


def test_gold_always_first_on_the_menu_fails_the_audit(scenario_copy: Path) -> None:
    def gold_first(case: dict[str, Any]) -> None:
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
    def cue(case: dict[str, Any]) -> None:
        word = {"A": "zebra", "C": "walrus", "D": "heron"}[case["gold"]["planning"]["route"]]
        case["dialogue"][0]["text"] += f" ({word})"

    _rewrite_cases(scenario_copy, cue)
    failed = {(r.field, r.shortcut) for r in audit(scenario_copy).failures}
    assert ("planning.route", "bag_of_words") in failed


def test_guideline_cue_rules_come_from_the_decision_list() -> None:
    from ecomstage_env.checks.shortcuts import guideline_rules
    from ecomstage_env.data.schema import FieldSpec

    f = FieldSpec(
        name="intent",
        type="label",
        description="Intent.",
        scorer="label",
        labels=["1", "4", "6", "7"],
        guideline=(
            "Judge the latest request. First match wins:\n"
            "1. They ask for a manager -> 7.\n"
            "2. A price or a coupon -> 6 (a refund of a cancelled item: go on to 3 -> 4).\n"
            "3. A refund or a return -> 4.\n"
            "4. Otherwise -> 1.\n"
        ),
    )
    rules = guideline_rules(f)
    assert [label for label, _ in rules] == ["7", "6", "4", "1"]  # the bracketed arrow is an aside
    assert {"manag"} <= rules[0][1] and {"price", "coupo"} <= rules[1][1]
    assert {"refun", "retur"} <= rules[2][1] and not rules[3][1]


def test_the_guideline_cue_strategy_is_reported_where_a_guideline_exists(
    scenario_copy: Path,
) -> None:
    report = audit(scenario_copy)
    rows = [r for r in report.rows if r.shortcut == "guideline_cues"]
    assert [r.field for r in rows] == ["planning.route"]  # the decision menu has no guideline
    assert rows[0].limit is None  # reported, not gated: it reads merchant_promotion's routes
    assert rows[0].score > rows[0].chance + 0.15


def test_listed_values_find_ids_of_the_same_kind_in_order() -> None:
    text = "orders: O-3019 (P-1001-M-WHT), O-2222, O-3019 again; PO-12, U-9043, P-2001-L-BLK"
    assert listed_values("O-3019", [text]) == ["O-3019", "O-2222"]
    assert listed_values("P-1001-M-WHT", [text]) == ["P-1001-M-WHT", "P-2001-L-BLK"]
    assert listed_values("", [text]) == []


def test_an_open_slot_s_chance_counts_the_orders_an_agent_can_list() -> None:
    """Picking any listed order is chance, not zero: the positional picks are gated there."""
    rows = {
        r.shortcut: r for r in audit("order_logistics").rows if r.field == "perception.entities"
    }
    random = rows["random"]
    assert random.chance == random.score > 0.25  # about one in three listed orders
    for name in ("first_listed", "last_listed", "majority"):
        assert rows[name].limit == random.chance + 0.15


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
    assert old["perception.rewritten_query", "hedge_offers"].limit is not None  # gated too
    shipped = {(r.field, r.shortcut): r for r in audit("after_sales", limit=30).rows}
    assert shipped["action.reply", "hedge_offers"].score == 0.0
    assert shipped["perception.rewritten_query", "hedge_offers"].score == 0.0
    assert shipped["perception.rewritten_query", "prefix_echo"].passed


@pytest.mark.slow
def test_a_rewrite_padded_with_every_menu_option_fails_without_single_request(
    tmp_path: Path,
) -> None:
    """order_logistics with its rewrite graded without ``single_request``: the hedge_offers
    pad (ids, the item's name, every menu option's text) meets the order, the item and
    often the request, and crosses the rewrite's 40% gate; the shipped grading scores it 0."""
    import shutil

    from ecomstage_env.data.loader import builtin_scenarios_root

    dst = tmp_path / "order_logistics"
    shutil.copytree(builtin_scenarios_root() / "order_logistics", dst)
    spec = (dst / "spec.toml").read_text(encoding="utf-8")
    assert ", single_request = true" in spec
    (dst / "spec.toml").write_text(spec.replace(", single_request = true", ""), encoding="utf-8")
    key = ("perception.rewritten_query", "hedge_offers")
    old = {(r.field, r.shortcut): r for r in audit(dst, limit=30).rows}
    assert not old[key].passed
    shipped = {(r.field, r.shortcut): r for r in audit("order_logistics", limit=30).rows}
    assert shipped[key].score == 0.0
    assert shipped[key].passed


def test_an_open_slot_a_search_lists_is_picked_among_the_search_s_hits() -> None:
    """presale_inquiry's product is found by searching with the shopper's words: the listing
    strategies run ``search_products`` with the customer's turns joined, then with the last
    one; ``first_listed`` answers the top hit of the whole conversation, ``last_listed`` the
    last product listed, ``random`` one of the hits."""
    from ecomstage_env.checks.audit import SHORTCUTS, _Player
    from ecomstage_env.checks.shortcuts import LabelModel, user_lines
    from ecomstage_env.env import StagedEnv
    from ecomstage_env.registry import make
    from ecomstage_env.runner.episode import play_episode

    env = make("presale_inquiry").unwrapped
    assert isinstance(env, StagedEnv)
    shortcuts = {s.name: s for s in SHORTCUTS}
    models = {  # the intent's label models, which ``random`` reads
        f"{st.stage.value}.{f.name}": LabelModel().fit(f, st, env.cases)
        for st in env.spec_data.stages
        for f in st.fields
        if f.type == "label"
    }
    for case in env.cases[:4]:
        lines = user_lines(case)
        for name in ("first_listed", "last_listed", "random"):
            rec = play_episode(env, _Player(shortcuts[name], env, models), case_id=case.case_id)
            acts = [s.action for s in rec.steps if s.stage == "perception"]
            searches = [a["arguments"]["query"] for a in acts if a.get("tool") == "search_products"]
            assert searches == list(dict.fromkeys([" ".join(lines), lines[-1]]))
            world: Any = env.world
            hits = [[h["product_id"] for h in world.search_products(q)] for q in searches]
            picked = acts[-1]["answer"]["entities"]["product_id"]
            if name == "first_listed":
                assert picked == hits[0][0]
            elif name == "last_listed":  # the last product the searches listed
                assert picked == list(dict.fromkeys(hits[0] + hits[1]))[-1]
            else:
                assert picked in hits[0] + hits[1]


def test_a_search_s_top_hit_is_gated_against_a_random_hit(tmp_path: Path) -> None:
    """presale_inquiry with the product's title added to each of the shopper's turns (the
    product named by the words that find it, among others): the top hit of the shopper's
    words is the product and ``first_listed`` crosses its limit, a random hit's score + 15
    points."""
    import shutil

    from ecomstage_env.data.loader import builtin_scenarios_root

    dst = tmp_path / "presale_inquiry"
    shutil.copytree(builtin_scenarios_root() / "presale_inquiry", dst)
    world = json.loads((dst / "world.json").read_text(encoding="utf-8"))
    titles = {p["product_id"]: p["title"] for p in world["products"]}

    def named(case: dict[str, Any]) -> None:
        pid = case["gold"]["perception"]["entities"]["product_id"]
        for turn in case["dialogue"]:
            if turn["role"] == "customer":
                turn["text"] += f" ({titles[pid]})"

    _rewrite_cases(dst, named)
    rows = {r.shortcut: r for r in audit(dst, limit=16).rows if r.field == "perception.entities"}
    assert rows["first_listed"].limit == rows["random"].score + 0.15
    assert not rows["first_listed"].passed

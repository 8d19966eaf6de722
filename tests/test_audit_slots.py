"""The audit's reported slots rows: the nearest case's slots, the rare-word search, per slot."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.audit import SHORTCUTS, _best_matched, _Player, audit
from ecomstage_env.checks.shortcuts import nearest_case, rare_words, user_lines, visible_text
from ecomstage_env.data.loader import builtin_scenarios_root
from ecomstage_env.env import StagedEnv
from ecomstage_env.registry import make
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.scoring.scorers import tokens


def test_nearest_case_is_the_highest_word_cosine_first_id_on_a_tie() -> None:
    words = {
        "a": Counter({"zebra": 2, "walrus": 1}),
        "b": Counter({"zebra": 1, "heron": 1}),  # cosine with a: 2 / (sqrt 5 sqrt 2) = 0.63
        "c": Counter({"zebra": 2, "walrus": 1, "heron": 2}),  # 5 / (sqrt 5 * 3) = 0.75
        "d": Counter({"heron": 1, "zebra": 1}),  # the same as b
    }
    assert nearest_case("a", words) == "c"
    assert nearest_case("a", words, among=["b", "d"]) == "b"  # a tie: the first id
    assert nearest_case("b", words) == "d"  # the same words
    assert nearest_case("a", {"a": words["a"]}) is None


def test_rare_words_rank_by_how_few_other_cases_say_them() -> None:
    seen = {
        "me": {"cloudnest", "jacket", "price"},
        "x": {"jacket", "price"},
        "y": {"price", "cloudnest"},
        "z": {"price"},
    }
    text = "What is the price of the Cloudnest jacket, is it warm?"
    # warm: in no other case; cloudnest and jacket: one (the longer first); price: three
    assert rare_words(text, seen, "me") == ["warm", "cloudnest", "jacket", "price"]


def _tiny_presale(tmp_path: Path) -> Path:
    """presale_inquiry with four cases whose words pair them: a with b, c with d.

    a and b ask about the same product and attribute; c and d about different products,
    the same attribute.
    """
    dst = tmp_path / "presale_inquiry"
    shutil.copytree(builtin_scenarios_root() / "presale_inquiry", dst)
    path = dst / "cases.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines]
    by_product: dict[str, list[dict[str, Any]]] = {}
    for c in cases:
        by_product.setdefault(c["gold"]["perception"]["entities"]["product_id"], []).append(c)
    pair = next(v for v in by_product.values() if len(v) >= 2)[:2]
    others = [c for c in cases if c not in pair]
    c_case = others[0]
    d_case = next(
        c
        for c in others[1:]
        if c["gold"]["perception"]["entities"]["product_id"]
        != c_case["gold"]["perception"]["entities"]["product_id"]
    )
    d_case["gold"]["perception"]["entities"]["attribute"] = c_case["gold"]["perception"][
        "entities"
    ]["attribute"]
    pair[1]["gold"]["perception"]["entities"] = dict(pair[0]["gold"]["perception"]["entities"])
    texts = [
        "zebra walrus heron question",
        "zebra walrus heron query",
        "falcon otter lynx ask",
        "otter lynx falcon wonder",
    ]
    tiny = [*pair, c_case, d_case]
    for case, text in zip(tiny, texts, strict=True):
        case["dialogue"] = [{"role": "customer", "text": text}]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in tiny), "utf-8")
    return dst


def test_nearest_slots_copies_the_most_alike_case_s_slots(tmp_path: Path) -> None:
    """Four cases paired by their words: a and b have the same gold (each scores 1 from the
    other), c and d share the attribute only (each 0.5: one of two slots right), so the
    field's row is 0.75, the product's own row 0.5; both reported, never gated."""
    rows = {(r.field, r.shortcut): r for r in audit(_tiny_presale(tmp_path)).rows}
    near = rows["perception.entities", "nearest_slots"]
    assert near.score == pytest.approx(0.75)
    assert near.limit is None and near.passed
    product = rows["perception.entities.product_id", "nearest_slots"]
    assert product.score == pytest.approx(0.5)
    assert product.limit is None


def test_rare_word_search_searches_the_rarest_indexed_word_and_answers_its_top_hit() -> None:
    """presale_inquiry: the first search is the user's turns joined; the second the rarest of
    their words (fewest other conversations) that the first search's hits hold; the product
    answered is the second search's top hit."""
    env = make("presale_inquiry").unwrapped
    assert isinstance(env, StagedEnv)
    shortcut = {s.name: s for s in SHORTCUTS}["rare_word_search"]
    player = _Player(shortcut, env, {})
    seen = {c.case_id: set(tokens(visible_text(c))) for c in env.cases}
    searched_twice = 0
    for case in env.cases[:6]:
        rec = play_episode(env, player, case_id=case.case_id)
        acts = [s.action for s in rec.steps if s.stage == "perception"]
        queries = [a["arguments"]["query"] for a in acts if a.get("tool") == "search_products"]
        assert queries[0] == " ".join(user_lines(case))
        world: Any = env.world
        first = world.search_products(queries[0])
        held = set(tokens(" ".join(f"{h['title']} {h['brand']} {h['category']}" for h in first)))
        rare = [w for w in rare_words(queries[0], seen, case.case_id) if w in held]
        assert queries[1:] == rare[:1]
        searched_twice += len(queries) == 2
        hits = world.search_products(queries[-1])
        assert acts[-1]["answer"]["entities"]["product_id"] == hits[0]["product_id"]
    assert searched_twice >= 4


@pytest.mark.slow
@pytest.mark.parametrize("env_name", ["presale_inquiry", "order_logistics"])
def test_the_slots_rows_are_reported_per_field_and_per_open_slot(env_name: str) -> None:
    """Both rows on presale_inquiry's entities (a search lists its products); order_logistics'
    perception has no free-text search (its order ids are listed, which first_listed plays),
    so it has no rare_word_search row. Each open slot gets its own reported rows, chance the
    random answer's score on that slot."""
    report = audit(env_name, limit=12)
    rows = {(r.field, r.shortcut): r for r in report.rows}
    assert rows["perception.entities", "nearest_slots"].limit is None
    has_search = env_name == "presale_inquiry"
    assert (("perception.entities", "rare_word_search") in rows) is has_search
    open_slots = ["product_id"] if has_search else ["order_id", "sku"]
    for slot in open_slots:
        key = f"perception.entities.{slot}"
        for name in ("first_listed", "last_listed", "nearest_slots", "word_matched_listed"):
            assert rows[key, name].limit is None
        assert ((key, "rare_word_search") in rows) is has_search
        assert rows[key, "first_listed"].chance == rows[key, "nearest_slots"].chance
    assert not any(r.field.endswith(".attribute") for r in report.rows)  # a closed slot
    assert all(r.limit is None for r in report.rows if r.kind == "slot")


def test_word_matched_listed_picks_the_record_sharing_most_words_first_on_a_tie() -> None:
    """An order is the text from its id to the next order id; the user's words pick it."""
    seen = [
        '[{"order_id": "O-1001", "title": "Brewmaster glass kettle"}, '
        '{"order_id": "O-1002", "title": "Trekker 28 backpack"}, '
        '{"order_id": "O-1003", "title": "Trekker 20 backpack"}]'
    ]
    listed = ["O-1001", "O-1002", "O-1003"]
    assert _best_matched(listed, seen, ["where is my backpack", "the trekker 20"]) == "O-1003"
    assert _best_matched(listed, seen, ["is the kettle on its way?"]) == "O-1001"
    assert _best_matched(listed, seen, ["my trekker backpack"]) == "O-1002"  # a tie: first
    assert _best_matched(listed, seen, ["hello"]) == "O-1001"  # no word shared: first


@pytest.mark.slow
def test_word_matched_listed_opens_the_order_it_picks_and_names_its_item() -> None:
    """order_logistics: the row reads the account's orders, opens the one whose item the
    customer names (get_order), and answers its SKU: far above the positional picks, as a
    reader of the request should be."""
    report = audit("order_logistics", limit=30)
    rows = {(r.field, r.shortcut): r.score for r in report.rows}
    for slot in ("order_id", "sku"):
        key = f"perception.entities.{slot}"
        assert rows[key, "word_matched_listed"] > rows[key, "first_listed"] + 0.2

"""presale_inquiry: the env plays, its cases are sound and balanced, its policy rules fire."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from gymnasium.wrappers import OrderEnforcing, PassiveEnvChecker, RecordEpisodeStatistics, TimeLimit

import ecomstage
from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.env import resolve_scenario
from ecomstage_env.errors import EcomstageError
from ecomstage_env.runner import evaluate
from ecomstage_env.scoring import embedding
from ecomstage_env.scoring.points import UNITS
from ecomstage_env.scoring.registry import FieldContext, get_scorer
from ecomstage_env.world.base import ToolError

NAME = "presale_inquiry"
FOLDER = Path(resolve_scenario(NAME))
world_mod = import_from_folder(FOLDER, "world")
policy = import_from_folder(FOLDER, "policy")
scorers = import_from_folder(FOLDER, "scorers")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
P, A = ecomstage.Stage.PERCEPTION, ecomstage.Stage.ACTION


def _cases() -> list[ecomstage.Case]:
    return list(ecomstage.load_scenario(FOLDER).split("test"))


def _case(case_id: str) -> ecomstage.Case:
    return next(c for c in _cases() if c.case_id == case_id)


def _env_at(case_id: str) -> Any:
    env = ecomstage.make(NAME).unwrapped
    env.reset(options={"case_id": case_id})
    return env


def _state(case: ecomstage.Case) -> Any:
    return world_mod.PresaleWorld.build_state(BASE, case.world, case.world_refs)


# -- the env ---------------------------------------------------------------------------
def test_make_check_env_and_standard_wrappers() -> None:
    env = ecomstage.make(NAME)
    check_env(env.unwrapped)
    wrapped = RecordEpisodeStatistics(
        TimeLimit(OrderEnforcing(PassiveEnvChecker(ecomstage.make(NAME).unwrapped)), 50)
    )
    wrapped.reset(seed=0)
    while True:
        *_, terminated, truncated, info = wrapped.step("not an answer")
        if terminated or truncated:
            break
    assert set(info["episode"]) >= {"r", "l", "t"}
    assert info["episode_result"].total == pytest.approx(info["episode"]["r"])
    with pytest.raises(gym.error.ResetNeeded):
        OrderEnforcing(ecomstage.make(NAME).unwrapped).step("x")


def test_oracle_plays_one_episode_to_one() -> None:
    result = ecomstage.run_episode(ecomstage.make(NAME), ecomstage.OracleAgent(), seed=5)
    assert result.total == 1.0


def test_no_write_tool_is_offered_and_refs_stay_hidden() -> None:
    spec: Any = ecomstage.make(NAME).unwrapped.spec_data  # type: ignore[attr-defined]
    reads = {"search_products", "get_product", "search_help_center", "get_policy"}
    assert all(set(st.tools) <= reads for st in spec.stages)
    assert spec.visible_refs == []  # kind, claimed figure, region: the agent never sees them


# -- the cases -------------------------------------------------------------------------
def test_validates_with_no_problem() -> None:
    assert validate_scenario(FOLDER) == []


def test_eighty_cases_with_balanced_labels_and_random_ids() -> None:
    cases = _cases()
    n = len(cases)
    assert n >= 80
    intents = Counter(c.gold[P]["intent"] for c in cases)
    assert set(intents) == {"1", "3", "4", "6"} and max(intents.values()) <= 0.4 * n
    attrs = Counter(c.gold[P]["entities"]["attribute"] for c in cases)
    assert len(attrs) >= 12 and max(attrs.values()) <= 0.25 * n
    kinds = Counter(c.world_refs["kind"] for c in cases)
    assert set(kinds) == set(policy.KINDS)
    products = Counter(c.gold[P]["entities"]["product_id"] for c in cases)
    assert set(products) <= {p["product_id"] for p in BASE["products"]}
    assert len(products) >= 30 and max(products.values()) <= 0.08 * n  # issue 12: spread
    assert len({c.case_id for c in cases}) == n
    assert all(re.fullmatch(r"pi-[0-9a-f]{4}", c.case_id) for c in cases)
    assert [c.case_id for c in cases] != sorted(c.case_id for c in cases)
    turns = Counter(len(c.dialogue) for c in cases)
    assert turns[1] >= 10 and sum(v for k, v in turns.items() if k >= 5) >= 20
    mixed = [c for c in cases if any(re.search(r"[\u4e00-\u9fff]", t.text) for t in c.dialogue)]
    assert len(mixed) >= 15


def _search_world() -> Any:
    env: Any = ecomstage.make(NAME).unwrapped
    env.reset(options={"case_id": _cases()[0].case_id})
    return env.world


def test_the_nearest_case_or_a_rare_word_search_rarely_names_the_product() -> None:
    """Issue 12: the product slot is read from the conversation, not copied or looked up.

    Two shortcuts the audit plays (``nearest_slots``, ``rare_word_search``): the product of
    the most word-alike other case, and the top hit of a catalogue search with the
    shopper's rarest word that the search of their whole words lists. Product families
    (a brand's models and accessories share its words) and cases spread over the models
    keep each at or under 35% (before: 54.3 and 44.7), and the search's last listed hit
    too (a line's accessories take both its lowest and its highest ids).
    """
    from ecomstage_env.checks.shortcuts import nearest_case, rare_words, user_lines, visible_text
    from ecomstage_env.scoring.scorers import tokens

    cases, world = _cases(), _search_world()
    words = {c.case_id: Counter(tokens(visible_text(c))) for c in cases}
    gold = {c.case_id: c.gold[P]["entities"]["product_id"] for c in cases}
    near = sum(gold[nearest_case(c.case_id, words) or ""] == gold[c.case_id] for c in cases)
    top = last = 0
    for c in cases:
        said = " ".join(user_lines(c))
        hits = world.search_products(said)
        shown = {w for h in hits for w in tokens(f"{h['product_id']} {h['title']} {h['brand']}")}
        seen = {cid: set(ws) for cid, ws in words.items()}
        rare = [w for w in rare_words(said, seen, c.case_id) if w in shown]
        picked = world.search_products(rare[0]) if rare else hits
        top += bool(picked) and picked[0]["product_id"] == gold[c.case_id]
        last += bool(picked) and picked[-1]["product_id"] == gold[c.case_id]
    assert near <= 0.35 * len(cases), near
    assert top <= 0.35 * len(cases), top
    assert last <= 0.35 * len(cases), last  # ties go by id: the last listed is no better


def test_no_delivery_range_answers_most_delivery_questions() -> None:
    """A constant delivery answer ("2-4 days") is right on at most 40% of them (issue 12)."""
    zones = Counter(
        tuple(p.get("figure") for p in c.grading["action.answer"]["points"])
        for c in _cases()
        if c.world_refs["kind"] == "delivery"
    )
    assert len(zones) == 3 and max(zones.values()) <= 0.4 * sum(zones.values()), zones


def test_answers_go_both_ways() -> None:
    """No answers, false premises and refusals by policy are all present."""
    cases = _cases()
    nos = yeses = wrong_claims = excluded = 0
    for c in cases:
        refs, state = c.world_refs, _state(c)
        prod = next(p for p in state.products if p.product_id == refs["product_id"])
        if refs["kind"] == "yesno":
            yes, _ = policy.yes_no(prod.attributes[refs.get("key") or refs["attribute"]])
            yeses += yes
            nos += not yes
        if refs["kind"] == "stock":
            sku = next(s for s in prod.skus if s.sku == refs["sku"])
            yeses += sku.stock > 0
            nos += sku.stock == 0
        if refs["kind"] == "claim":
            sku = next(s for s in prod.skus if s.sku == refs["sku"]) if refs.get("sku") else None
            price = (sku or prod.skus[0]).price
            wrong_claims += refs["attribute"] != "price" or price != refs["claimed"]
        if refs["kind"] in ("returns", "price_protection"):
            rule = getattr(state.policies, refs["kind"])
            excluded += prod.category in rule.excluded_categories
    assert nos >= 8 and yeses >= 5 and wrong_claims >= 8 and excluded >= 8


def test_every_gold_is_what_the_policy_decides_on_the_case_world() -> None:
    for case in _cases():
        gold = policy.decide(_state(case), case.world_refs)
        assert case.gold[ecomstage.Stage.PLANNING]["lookups"] == gold.lookups, case.case_id
        assert sorted(case.grading["planning.lookups"]["facts"]) == gold.facts, case.case_id
        points = [
            p.model_dump(by_alias=True, exclude_defaults=True)
            for p in (ecomstage_point(x) for x in case.grading["action.answer"]["points"])
        ]
        want = [p.model_dump(by_alias=True, exclude_defaults=True) for p in gold.points]
        assert points == want, case.case_id
        assert case.gold[P]["entities"] == {
            "product_id": case.world_refs["product_id"],
            "attribute": case.world_refs["attribute"],
        }, case.case_id


def ecomstage_point(raw: dict[str, Any]) -> Any:
    from ecomstage_env.scoring.points import Point

    return Point.model_validate(raw)


def test_nothing_the_agent_sees_quotes_the_annotation() -> None:
    for case in _cases():
        seen = " ".join(t.text for t in case.dialogue).lower()
        for word in ("intent rule", "kind", "policy point", case.annotation.notes[:40].lower()):
            assert word not in seen, (case.case_id, word)


# -- the world -------------------------------------------------------------------------
def test_setup_changes_only_the_episode_copy() -> None:
    case = next(c for c in _cases() if c.world_refs["kind"] == "stock")
    sku = case.world_refs["sku"]
    env = _env_at(case.case_id)
    before = env.world.get_product(case.world_refs["product_id"])
    env.world.call("set_stock", {"sku": sku, "stock": 77}, setup=True)
    after = env.world.get_product(case.world_refs["product_id"])
    assert next(s["stock"] for s in after["skus"] if s["sku"] == sku) == 77
    again = _env_at(case.case_id)
    assert again.world.get_product(case.world_refs["product_id"]) == before
    assert BASE["products"] == json.loads((FOLDER / "world.json").read_text())["products"]


def test_setup_calls_give_cases_their_own_world() -> None:
    sold_out = _case("pi-90b6")  # the Summit Lite's size 42 sold out in this case's world
    in_stock = _case("pi-4c7a")  # the same SKU with 3 left in the shared world
    assert _env_at(sold_out.case_id).world.product("P-1964").skus[4].stock == 0
    assert _env_at(in_stock.case_id).world.product("P-1964").skus[4].stock == 3
    assert "out of stock" in sold_out.gold[A]["answer"]
    assert "in stock" in in_stock.gold[A]["answer"] and "out of" not in in_stock.gold[A]["answer"]


@pytest.mark.parametrize(
    ("tool", "args", "match"),
    [
        ("get_product", {"product_id": "P-0000"}, "no product"),
        ("get_product", {"product_id": 2001}, "invalid arguments"),
        ("get_product", {"product_id": True}, "invalid arguments"),
        ("search_products", {"query": "  "}, "query is empty"),
        ("search_help_center", {"query": ""}, "query is empty"),
        ("get_policy", {"topic": "warranty"}, "invalid arguments"),
    ],
)
def test_tools_refuse_bad_input_with_a_tool_error(
    tool: str, args: dict[str, Any], match: str
) -> None:
    env = _env_at(_cases()[0].case_id)
    with pytest.raises(ToolError, match=match):
        env.world.call(tool, args)


@pytest.mark.parametrize(
    "args",
    [
        {"sku": "P-2006-CRM", "stock": True},
        {"sku": "P-2006-CRM", "stock": 2.5},
        {"sku": "P-2006-CRM", "stock": -1},
        {"sku": "P-9999-X", "stock": 1},
    ],
)
def test_set_stock_refuses_bad_input(args: dict[str, Any]) -> None:
    env = _env_at(_cases()[0].case_id)
    with pytest.raises(ToolError):
        env.world.call("set_stock", args, setup=True)


@pytest.mark.parametrize("price", [float("nan"), float("inf"), True, 0, -5])
def test_set_price_refuses_bad_numbers(price: Any) -> None:
    env = _env_at(_cases()[0].case_id)
    with pytest.raises(ToolError):
        env.world.call(
            "set_price", {"sku": "P-2012-50", "price": price, "since": "2026-06-01"}, setup=True
        )


def test_a_bad_call_is_an_error_observation_not_an_exception() -> None:
    env = ecomstage.make(NAME)
    env.reset(seed=0)
    obs, reward, terminated, _, info = env.step(
        {"tool": "get_product", "arguments": {"product_id": float("nan")}}
    )
    assert not terminated and reward == 0.0
    assert "invalid arguments" in json.dumps(obs["tool_result"]) + str(info.get("error"))


# -- the policy's rules, each on a small world -------------------------------------------
def _world(**changes: Any) -> Any:
    state = world_mod.ShopState.model_validate(BASE)
    w = world_mod.PresaleWorld(state)
    for name, args in changes.items():
        w.call(name.rstrip("_0123456789"), args, setup=True)
    return w.state


def _labels(gold: Any) -> list[tuple[str, Any]]:
    return [(p.any[0] if p.any else "", p.figure) for p in gold.points]


def test_rule_value_states_the_figures_or_words() -> None:
    s = _world()
    assert _labels(
        policy.decide(s, {"product_id": "P-2011", "attribute": "dimensions", "kind": "value"})
    ) == [("", 183.0), ("", 61.0)]
    g = policy.decide(s, {"product_id": "P-2005", "attribute": "material", "kind": "value"})
    assert _labels(g) == [("borosilicate glass", None)] and g.facts == [
        "product:P-2005:attr:material"
    ]


def test_rule_yes_no_negates_a_no_and_figures_a_yes() -> None:
    s = _world()
    no = policy.decide(s, {"product_id": "P-2003", "attribute": "waterproof", "kind": "yesno"})
    assert no.points[0].any[0] == "waterproof" and no.points[0].figure is None
    yes = policy.decide(s, {"product_id": "P-2004", "attribute": "waterproof", "kind": "yesno"})
    assert [p.figure for p in yes.points] == [1.0, 30.0]
    assert all("not waterproof" in p.not_ for p in yes.points)


def test_rule_claim_corrects_a_wrong_price_and_adds_history_to_a_right_one() -> None:
    s = _world()
    wrong = policy.decide(
        s, {"product_id": "P-2012", "attribute": "price", "kind": "claim", "claimed": 199}
    )
    assert _labels(wrong) == [("", 219.0)]
    right = policy.decide(
        s, {"product_id": "P-2003", "attribute": "price", "kind": "claim", "claimed": 299}
    )
    assert [p.figure for p in right.points] == [299.0, 349.0]
    assert "product:P-2003:price_history" in right.facts
    extra = policy.decide(  # "is 459 final? no hidden costs?": the shipping outcome instead
        s,
        {
            "product_id": "P-2001",
            "attribute": "price",
            "kind": "claim",
            "claimed": 459,
            "also": "shipping_fee",
        },
    )
    assert [p.figure for p in extra.points] == [459.0, None, 99.0]
    assert "article:A-FEE" in extra.facts
    s2 = _world(set_price={"sku": "P-2012-50", "price": 199.0, "since": "2026-06-19"})
    assert _labels(
        policy.decide(
            s2, {"product_id": "P-2012", "attribute": "price", "kind": "claim", "claimed": 219}
        )
    ) == [("", 199.0)]
    with pytest.raises(ToolError):  # a right spec claim would only echo the user
        policy.decide(
            s, {"product_id": "P-2003", "attribute": "battery", "kind": "claim", "claimed": 30}
        )


def test_rule_stock_follows_the_world() -> None:
    ref = {"product_id": "P-2006", "attribute": "stock", "kind": "stock", "sku": "P-2006-CRM"}
    assert policy.decide(_world(), ref).points[0].any[0] == "out of stock"
    assert _labels(policy.decide(_world(set_stock={"sku": "P-2006-CRM", "stock": 4}), ref)) == [
        ("", 4.0)
    ]


def test_rule_returns_and_price_protection_follow_the_category() -> None:
    s = _world()
    under = policy.decide(
        s, {"product_id": "P-2009", "attribute": "return_policy", "kind": "returns"}
    )
    assert [p.figure for p in under.points] == [None, 15.0]
    boots = policy.decide(
        s, {"product_id": "P-2001", "attribute": "return_policy", "kind": "returns"}
    )
    assert [p.figure for p in boots.points] == [7.0, None] and "policy:returns" in boots.facts
    cream = policy.decide(
        s, {"product_id": "P-2012", "attribute": "price_protection", "kind": "price_protection"}
    )
    assert cream.points[0].any[0] == "price protection"
    buds = policy.decide(
        s, {"product_id": "P-2004", "attribute": "price_protection", "kind": "price_protection"}
    )
    assert [p.figure for p in buds.points] == [7.0] and "not covered" in buds.points[0].not_
    assert "15 days" in boots.points[0].not_ and "7 days" in under.points[1].not_


def test_rule_shipping_fee_uses_the_threshold_and_quantity() -> None:
    s = _world()
    one = {"product_id": "P-2006", "attribute": "shipping_fee", "kind": "shipping_fee"}
    paid = policy.decide(s, one)
    assert [p.figure for p in paid.points] == [10.0, 99.0]
    assert all("ships free" in p.not_ for p in paid.points)  # the other outcome fails it
    two = policy.decide(s, {**one, "qty": 2})
    assert all("flat 10" in p.not_ for p in two.points)
    assert two.points[0].any[0] == "free shipping" and two.facts == [
        "article:A-FEE",
        "product:P-2006:price",
    ]


def test_rule_delivery_uses_the_region_zone() -> None:
    s = _world()
    ref = {"product_id": "P-2005", "attribute": "delivery_time", "kind": "delivery"}
    assert _labels(policy.decide(s, {**ref, "region": "Shanghai"})) == [("", 1.0), ("", 2.0)]
    assert _labels(policy.decide(s, {**ref, "region": "Tibet"})) == [("", 5.0), ("", 7.0)]
    assert _labels(policy.decide(s, {**ref, "region": "Sichuan"})) == [("", 2.0), ("", 4.0)]


def test_rule_compare_states_both_products() -> None:
    g = policy.decide(
        _world(),
        {"product_id": "P-2003", "attribute": "battery", "kind": "compare", "other_id": "P-2004"},
    )
    assert _labels(g) == [("", 30.0), ("", 36.0)] and len(g.lookups) == 2
    with pytest.raises(ToolError):
        policy.decide(
            _world(),
            {
                "product_id": "P-2003",
                "attribute": "waterproof",
                "kind": "compare",
                "other_id": "P-2004",
            },
        )


def test_every_threshold_is_stated_in_the_help_centre() -> None:
    arts = {a["article_id"]: a["body"] for a in BASE["articles"]}
    for region, (lo, hi) in policy.DELIVERY_ZONES.items():
        assert region in arts["A-DELIV"] and f"{lo}-{hi} days" in arts["A-DELIV"]
    lo, hi = policy.OTHER_ZONE
    assert f"other mainland provinces {lo}-{hi} days" in arts["A-DELIV"]
    assert f"{policy.FREE_SHIPPING_FROM:g} yuan" in arts["A-FEE"]
    assert f"{policy.SHIPPING_FEE:g} yuan" in arts["A-FEE"]
    pol = BASE["policies"]
    assert f"{pol['returns']['window_days']} days" in arts["A-RET"]
    assert f"{pol['returns']['fault_window_days']} days" in arts["A-RET"]
    assert f"{pol['price_protection']['window_days']} days" in arts["A-PP"]
    for cat in pol["returns"]["excluded_categories"]:
        assert cat.capitalize() in arts["A-RET"] or cat in arts["A-RET"]
    for cat in pol["price_protection"]["excluded_categories"]:
        assert cat.capitalize() in arts["A-PP"] or cat in arts["A-PP"]
    for aid, query in policy.ARTICLE_QUERY.items():
        hits = world_mod.PresaleWorld(world_mod.ShopState.model_validate(BASE)).search_help_center(
            query
        )
        assert aid in [h["article_id"] for h in hits]


# -- the answer scorer: facts, embedding similarity and its lexical fallback ---------------
def _score(case: ecomstage.Case, text: str, **params: Any) -> float:
    info = get_scorer("presale_points")
    spec: Any = ecomstage.make(NAME).unwrapped.spec_data  # type: ignore[attr-defined]
    field = next(f for st in spec.stages for f in st.fields if f.name == "answer")
    raw = {**field.params, **case.grading["action.answer"], **params}
    ctx = FieldContext(field=field, params=info.parse_params(raw), case=case)
    return info.fn(text, case.gold[A]["answer"], ctx).value


def test_a_wrong_figure_or_a_negated_fact_fails() -> None:
    cream = _case("pi-f3b1")  # the cream is 219; the shopper assumes 199
    assert _score(cream, cream.gold[A]["answer"]) == 1.0
    assert _score(cream, "Yes, the Dewy barrier cream is 199.") < 0.3
    assert _score(cream, "It is not 219; it's 199.") < 0.3
    air = _case("pi-08d2")  # the Air is not waterproof
    assert _score(air, "Yes, the Soundo Air is waterproof, swim away.") < 0.3
    assert _score(air, "No, the Soundo Air isn't waterproof; it only resists splashes.") > 0.8
    guangzhou = _case("pi-17b6")  # Guangdong: 2-4 days; another zone's range fails
    assert _score(guangzhou, "Guangzhou gets it in 1-2 days.") < 0.3
    assert _score(guangzhou, "Guangzhou usually gets it in 2 to 4 days after we ship.") > 0.8


def test_a_figure_beside_another_of_its_unit_fails_unless_true() -> None:
    cream = _case("pi-f3b1")  # the cream is 219; the shopper assumes 199
    assert _score(cream, "It's 199 yuan, 219 yuan.") == 0.0  # the claim beside the truth
    assert _score(cream, "The Dewy barrier cream is 219 yuan, not 199 yuan.") > 0.8
    guangzhou = _case("pi-17b6")  # Guangdong: 2-4 days
    assert _score(guangzhou, "Guangzhou usually gets it in 2 to 4 days, 6 days at most.") < 0.3
    assert _score(guangzhou, "广州一般发货后2到4天送达。") > 0.8
    case = _case("pi-2b85")  # 4 white cases left; 6 of another colour
    assert _score(case, "Yes, the white case is in stock: 4 left, or 5 items.") < 0.3
    assert _score(case, "Yes, the white case is in stock, 4 left (6 of the other).") > 0.8


def test_wrong_figures_and_exclusive_points_each_catch_what_the_other_cannot() -> None:
    """Why both rules stay: ``wrong_figures`` reads bare figures, but only the catalogue's
    other values; an exclusive point reads any value, but only stated in its unit."""
    pro = _case("pi-f8a7")  # the Pro: 24 months; other products' warranties: 6, 12
    assert _score(pro, pro.gold[A]["answer"]) == 1.0
    # a bare catalogue value: only wrong_figures reads it
    assert _score(pro, "The Soundo Pro has a 24 months warranty, or 12.") == 0.0
    assert _score(pro, "The Soundo Pro has a 24 months warranty, or 12.", wrong_figures=[]) > 0.5
    # a value no product has, in the unit: only the exclusive point reads it
    twice = "The Soundo Pro has a 24 months warranty, 36 months for members."
    assert _score(pro, twice) == 0.0
    assert _score(pro, twice.replace("36 months", "36")) > 0.5


def test_every_figure_with_a_unit_is_one_answer_beside_the_answers_other_figures() -> None:
    seen = 0
    for case in _cases():
        points = [ecomstage_point(p) for p in case.grading["action.answer"]["points"]]
        figures = {p.figure for p in points if p.figure is not None}
        for p in points:
            if p.figure is None or p.unit is None:
                continue
            seen += 1
            assert p.exclusive == "unit", case.case_id
            assert figures - {p.figure} <= set(p.also_true), case.case_id
    assert seen >= 80


def _units(gold: Any) -> list[tuple[float, str | None]]:
    return [(p.figure, p.unit) for p in gold.points if p.figure is not None]


def test_every_figure_carries_the_unit_the_catalogue_or_the_rule_states() -> None:
    s = _world()
    mat = {"product_id": "P-2011", "attribute": "dimensions", "kind": "value"}
    assert _units(policy.decide(s, mat)) == [(183.0, "cm"), (61.0, "cm")]  # "183 x 61 cm"
    assert _units(policy.decide(s, {**mat, "key": "thickness"})) == [(6.0, "mm")]
    pro = {"product_id": "P-2004", "attribute": "waterproof", "kind": "yesno"}
    assert _units(policy.decide(s, pro)) == [(1.0, "m"), (30.0, "minute")]
    kettle = {"product_id": "P-2005", "attribute": "power", "kind": "value"}
    assert _units(policy.decide(s, kettle)) == [(1800.0, "W")]  # "1800 watts"
    ship = {"product_id": "P-2006", "attribute": "shipping_fee", "kind": "shipping_fee"}
    assert _units(policy.decide(s, ship)) == [(10.0, "yuan"), (99.0, "yuan")]
    ref = {"product_id": "P-2005", "attribute": "delivery_time", "kind": "delivery"}
    assert _units(policy.decide(s, {**ref, "region": "Tibet"})) == [(5.0, "day"), (7.0, "day")]
    boots = {"product_id": "P-2001", "attribute": "return_policy", "kind": "returns"}
    assert _units(policy.decide(s, boots)) == [(7.0, "day")]
    stock = {"product_id": "P-2006", "attribute": "stock", "kind": "stock", "sku": "P-2006-CRM"}
    assert _units(policy.decide(_world(set_stock={"sku": "P-2006-CRM", "stock": 4}), stock)) == [
        (4.0, "item")
    ]
    # Every case's stored points carry the policy's units (check_case compares them).
    for case in _cases():
        for raw in case.grading["action.answer"]["points"]:
            assert "figure" not in raw or raw.get("unit") in {*UNITS, None}, case.case_id


def _first(**refs: Any) -> ecomstage.Case:
    return next(c for c in _cases() if refs.items() <= c.world_refs.items())


def test_a_figure_in_another_unit_states_nothing() -> None:
    # Issue 12's fifth review: "6 元" met "6 mm thick" (0.82 of a point) and a Chinese text
    # of the gold's figures, each with 元, kept half the gold's score.
    mat = _first(attribute="dimensions", key="thickness")
    (thick,) = [p.figure for p in policy.decide(_state(mat), mat.world_refs).points]
    assert _score(mat, mat.gold[A]["answer"]) == 1.0
    for right in (f"{thick:g}mm", f"{thick:g}-mm", f"{thick:g} 毫米"):
        assert _score(mat, f"It is {right} thick, good for knees.") > 0.7, right
    for wrong in (f"{thick:g} 元", f"¥{thick:g}", f"{thick:g} kg", f"{thick:g} cm"):
        assert _score(mat, f"It is {wrong} thick, good for knees.") == 0.0, wrong
    assert _score(mat, f"关于订单：已为您处理，{thick:g} 元。") == 0.0
    far = _first(kind="delivery", region="Tibet")
    assert _score(far, "Lhasa is in Tibet: 5-7 days after dispatch.") > 0.7
    assert _score(far, "Lhasa is in Tibet: 5 to 7 天 after dispatch.") > 0.7
    assert _score(far, "关于订单：已为您处理，5 元，7 元。") == 0.0


def test_numbers_written_as_words_are_read() -> None:
    # probe_spelled lost 16%: "two-4 days" read as an id's "-4", "one" never read.
    far = _first(kind="delivery", region="Tibet")
    assert _score(far, "Lhasa is in Tibet: five-7 days after dispatch.") > 0.7
    assert _score(far, "Lhasa is in Tibet: five to seven days after dispatch.") > 0.7
    near = _first(kind="delivery", region="Zhejiang")
    assert _score(near, "Hangzhou is in Zhejiang: one-2 days after dispatch.") > 0.7
    assert _score(near, "Hangzhou is in Zhejiang: one to two days after dispatch.") > 0.7


def test_an_answer_about_the_sibling_model_fails() -> None:
    # A line sold in two models shares its short name: the Summit and the Summit Lite.
    # Names are matched longest first, so "the Summit Lite" is the Lite, not the Summit.
    stock = _case("pi-90b6")  # the Summit Lite
    right = stock.gold[A]["answer"]
    assert _score(stock, right) == 1.0
    assert _score(stock, right.replace("Summit Lite", "Summit hiking boots")) == 0.0
    boots = _case("pi-0e77")  # the Summit (base model)
    assert _score(boots, "The Summit hiking boots: " + boots.gold[A]["answer"]) > 0.9
    assert _score(boots, "The Summit Lite: " + boots.gold[A]["answer"]) == 0.0
    lite = _case("pi-5a1b")  # the Summit Lite: "the Summit" alone is the other model
    gold = lite.gold[A]["answer"]
    assert _score(lite, "The Summit Lite: " + gold) > 0.9
    assert _score(lite, "The Summit: " + gold) == 0.0
    bag = _case("pi-3e92")  # the Trekker 20; neither Trekker is the base model
    gold = bag.gold[A]["answer"]
    assert _score(bag, gold) == 1.0
    assert _score(bag, gold.replace("Trekker 20", "Trekker 28")) == 0.0


def test_hostile_review_answers_fail() -> None:
    # Issue 12's hostile review: pasted articles, both outcomes, hedges, retractions,
    # another product's rating, a wrong price: none earns the fact, and similarity does
    # not rescue an answer that misses a fact.
    fee = _case("pi-c9b2")  # 79 yuan: pays the flat 10
    article = (
        "Orders of 99 yuan or more ship free anywhere in mainland China. Below that, "
        "shipping costs a flat 10 yuan per order."
    )
    assert _score(fee, article) == 0.0
    assert _score(fee, "79 yuan. 99 yuan. 10 yuan.") <= 0.4
    assert _score(fee, "Shipping is free or 10 yuan.") == 0.0
    assert _score(fee, "The case is 79, under 99, so shipping is a flat 10 yuan.") > 0.8
    pack = _case("pi-9e61")  # returnable within 7 days
    ret = _score(
        pack,
        "Yes, within 7 days of delivery if unused with tags. Actually no, sorry, backpacks can't be returned.",
    )
    assert ret == 0.0
    assert _score(pack, "Yes, within 7 or 15 days of delivery, unused with tags or not.") == 0.0
    a_ret = next(a["body"] for a in BASE["articles"] if a["article_id"] == "A-RET")
    assert _score(pack, a_ret) == 0.0
    mat = _case("pi-8b40")  # 6 mm; another mat is 10 mm
    assert _score(mat, "It is 6 mm or 10 mm thick.") == 0.0
    assert _score(mat, "It's 10 mm thick; just kidding, 6 mm.") == 0.0
    pro = _case("pi-5be4")
    assert _score(pro, "The Air: rated for 1 metre of water for 30 minutes.") == 0.0
    assert _score(pro, "Yes, the Pro is rated for 1 metre of water for 30 minutes.") > 0.8
    price = _case("pi-e04b")  # 299 is right, down from 349
    assert _score(price, "No, it's 349.") <= 0.4
    boots = _case("pi-0e77")  # 459 is final and ships free
    assert _score(boots, "It was 499 in May.") == 0.0
    assert _score(boots, "Yes, 459 is the final price, and it ships free (over 99 yuan).") > 0.8


@pytest.mark.parametrize(
    ("case_id", "right", "swapped"),
    [
        (
            "pi-27c0",  # warranty: the Air 12 months, the Pro 24
            [
                "The Pro has the longer warranty: 24 months, against 12 months for the Air.",
                "The Air has 12 months of warranty and the Pro 24 months.",
                "12 months for the Air vs 24 months for the Pro.",
                "The Soundo Pro is 24 months. The Air? 12 months.",
                "The Pro is covered longer than the Air, for 24 months; the Air gets 12 months.",
                "Pro 24个月, Air 12个月.",
                "降噪耳机保修24个月，无线耳机12个月。",
                "The first one has 12 months and the second one 24 months.",
                "The cheaper one has 12 months, the pricier one 24 months.",
            ],
            [
                "The Pro has the longer warranty: 12 months, against 24 months for the Air.",
                "The Air has 24 months of warranty and the Pro 12 months.",
                "降噪耳机保修12个月，无线耳机24个月。",
                "The second one has 12 months and the first one 24 months.",
            ],
        ),
        (
            "pi-b6e8",  # weight: the Summit 1.1 kg, the Flow 0.58 kg
            [
                "The Summit boots weigh 1.1 kg and the Flow shoes 0.58 kg.",
                "At 0.58 kg the Flow is lighter than the Summit, which weighs 1.1 kg.",
                "登山靴1.1 kg，越野跑鞋0.58 kg。",
            ],
            [
                "The Flow is much lighter at 1.1 kg per pair; the Summit boots weigh 0.58 kg.",
                "The Summit boots weigh 0.58 kg and the Flow shoes 1.1 kg.",
                "越野跑鞋1.1 kg，登山靴0.58 kg。",
            ],
        ),
        (
            "pi-1e94",  # warranty: the lamp 24 months, the kettle 12 (Chinese nicknames)
            ["台灯保修24个月, 水壶12个月.", "The kettle gets 12 months and the lamp 24."],
            [
                "台灯保修12个月, 水壶24个月.",
                "The kettle has a 24 months warranty, and the lamp 12.",
            ],
        ),
        (
            "pi-c2f8",  # capacity: the Trekker 28 holds 28 L, the kettle 1.7 L
            ["The kettle holds 1.7 L; the Trekker 28 backpack holds 28 L."],
            [
                "The Trekker 28 backpack holds 1.7 L, and the Brewmaster kettle holds 28 L.",
                # "28" in the backpack's name states nothing of it
                "The Trekker 28 holds 1.7 L and the kettle holds 1.7 L.",
            ],
        ),
    ],
)
def test_a_comparison_counts_a_figure_only_of_its_product(
    case_id: str, right: list[str], swapped: list[str]
) -> None:
    # Issue 12: an answer that swaps two products' figures stated both figures and
    # passed; now each figure counts only in a clause about its own product.
    case = _case(case_id)
    assert _score(case, case.gold[A]["answer"]) == 1.0
    for text in right:
        assert _score(case, text) > 0.8, text
    for text in swapped:
        assert _score(case, text) == 0.0, text


def test_a_comparison_figure_of_no_product_or_hedged_fails() -> None:
    case = _case("pi-27c0")
    assert _score(case, "Warranty: 12 months and 24 months.") == 0.0
    assert _score(case, "It is 12 months; the other is 24 months.") == 0.0
    assert _score(case, "The Air: 12 months or 24 months. The Pro: 24 months.") == 0.0
    # only the Air's figure is stated of the Air: half the facts, no similarity
    assert _score(case, "The Air has 12 months, the Pro has 12 months.") <= 0.4


def test_compare_names_name_each_product_alone_and_never_a_fact() -> None:
    state = _world()
    refs = {"product_id": "P-2007", "attribute": "material", "kind": "compare"}
    g = policy.decide(state, {**refs, "other_id": "P-2008"})
    sweater, shirt = (o["names"] for o in g.owners)
    assert {"sweater", "美利奴毛衣", "first one", "more expensive one"} <= set(sweater)
    assert {"shirt", "linen shirt", "衬衫", "second one", "cheaper one"} <= set(shirt)
    assert "merino" not in sweater and "linen" not in shirt  # the materials asked
    owners = [scorers.Owner.model_validate(o) for o in g.owners]
    right = "The merino sweater is merino wool and the linen shirt is linen."
    assert scorers.misattributed(right, g.points, owners) == []
    wrong = "The linen shirt is merino wool and the merino sweater is linen."
    assert scorers.misattributed(wrong, g.points, owners) == [0, 1]
    earbuds = policy.decide(
        state,
        {"product_id": "P-2003", "attribute": "battery", "kind": "compare", "other_id": "P-2004"},
    )
    air, pro = (set(o["names"]) for o in earbuds.owners)
    assert not air & {"soundo", "earbuds", "耳机"} and not pro & {"soundo", "earbuds", "耳机"}


def test_get_policy_shipping_fee_reveals_the_shipping_costs_article() -> None:
    from ecomstage_env.stages import ToolCallRecord

    w = world_mod.PresaleWorld(world_mod.ShopState.model_validate(BASE))
    res = w.get_policy("shipping_fee")
    assert res["article"]["article_id"] == "A-FEE"
    call = ToolCallRecord(
        name="get_policy",
        arguments={"topic": "shipping_fee"},
        result=res,
        stage=ecomstage.Stage.PLANNING,
        ok=True,
    )
    assert "article:A-FEE" in w.revealed(call)


def test_lexical_fallback_scores_without_an_embedding_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unavailable(model: str | None = None) -> Any:
        raise EcomstageError("similarity scoring needs sentence-transformers")

    monkeypatch.setattr(embedding, "get_embedder", unavailable)
    case = _case("pi-f1e0")
    assert _score(case, case.gold[A]["answer"]) == 1.0
    good = "Three bags come to 117 yuan, above 99, so you get free shipping."
    assert 0.8 < _score(case, good) < 1.0
    with pytest.raises(EcomstageError):
        _score(case, good, backend="embedding")
    results = evaluate(ecomstage.OracleAgent(), NAME, limit=5)
    assert all(r.total == 1.0 for r in results)


def test_forced_lexical_and_embedding_backends_agree_on_the_facts() -> None:
    case = _case("pi-f1e0")
    good = "Three bags come to 117 yuan, above 99, so you get free shipping."
    lexical = _score(case, good, backend="lexical")
    assert 0.8 < lexical < 1.0
    pytest.importorskip("sentence_transformers")
    assert 0.8 < _score(case, good, backend="embedding") <= 1.0


# -- baselines -------------------------------------------------------------------------
# -- perception: what the shopper's last turn alone gives away ------------------------------
LAST_TURN_MODELS = ("naive_bayes", "naive_bayes_sharp", "logistic")
"""The last-turn word models (the logistic one takes about 30 s per field: marked slow)."""


def last_turn_shortcuts(
    cases: list[ecomstage.Case], field: str, models: tuple[str, ...] = LAST_TURN_MODELS
) -> tuple[dict[str, float], float]:
    """Leave-one-out word models that read only the shopper's last turn.

    Multinomial naive Bayes (smoothing 1 and 0.1) and logistic regression over the last
    customer turn's word counts (the library's tokens: words, and each CJK character),
    each case predicted by a model trained on the others. ``field`` is ``"intent"`` or
    ``"attribute"``; ``models`` picks among :data:`LAST_TURN_MODELS`. A prediction the
    case accepts counts as right.

    Returns:
        Accuracy per model, and chance: a uniform guess among the labels the gold uses
        (as the audit's chance).
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import LeaveOneOut, cross_val_predict
    from sklearn.naive_bayes import MultinomialNB

    from ecomstage_env.scoring.scorers import tokens

    def gold(case: ecomstage.Case) -> str:
        if field == "intent":
            return str(case.gold[P]["intent"])
        return str(case.gold[P]["entities"]["attribute"])

    def right(case: ecomstage.Case) -> set[str]:
        accept = case.grading.get("perception.intent", {}).get("accept", [])
        return {gold(case), *(accept if field == "intent" else [])}

    last = [next(t.text for t in reversed(c.dialogue) if t.role == "customer") for c in cases]
    y = np.array([gold(c) for c in cases])
    x = CountVectorizer(tokenizer=tokens, token_pattern=None, lowercase=False).fit_transform(last)
    every = {
        "naive_bayes": MultinomialNB(alpha=1.0),
        "naive_bayes_sharp": MultinomialNB(alpha=0.1),
        "logistic": LogisticRegression(max_iter=2000),
    }
    scores = {}
    for name in models:
        model = every[name]
        pred = cross_val_predict(model, x, y, cv=LeaveOneOut())
        scores[name] = float(np.mean([p in right(c) for p, c in zip(pred, cases, strict=True)]))
    used = set(y)
    chance = float(np.mean([len(right(c) & used) / len(used) for c in cases]))
    return scores, chance


@pytest.mark.parametrize(
    ("field", "models"),
    [
        ("intent", ("naive_bayes", "naive_bayes_sharp")),
        ("attribute", ("naive_bayes", "naive_bayes_sharp")),
        pytest.param("intent", ("logistic",), marks=pytest.mark.slow),
        pytest.param("attribute", ("logistic",), marks=pytest.mark.slow),
    ],
)
def test_the_last_turn_alone_stays_within_the_audit_limit(
    field: str, models: tuple[str, ...]
) -> None:
    # Issue 12: a word model on the last turn read the intent at 61.7 and the attribute at
    # 43.6 (logistic; naive Bayes 57.4 / 40.4) before the hard negatives were written
    # (topics mentioned but not asked, withdrawn, follow-ups that name only a product or
    # a place, the asked attribute in other words). The audit's label limit applies.
    from ecomstage_env.checks.audit import Thresholds

    scores, chance = last_turn_shortcuts(_cases(), field, models)
    limit = chance + Thresholds().label_margin
    assert all(s <= limit for s in scores.values()), (scores, chance)


def test_baselines_sit_between_floor_and_oracle() -> None:
    def mean(rs: list[ecomstage.EpisodeResult]) -> float:
        return sum(r.total for r in rs) / len(rs)

    rnd = evaluate(ecomstage.RandomAgent(seed=0), NAME)
    keyword = evaluate(ecomstage.KeywordAgent(), NAME)
    oracle = evaluate(ecomstage.OracleAgent(), NAME)
    assert mean(oracle) == 1.0
    assert 0.0 < mean(rnd) < 0.15
    assert 0.0 < mean(keyword) < 0.3
    assert evaluate(ecomstage.RandomAgent(seed=0), NAME) == rnd  # seeded


# -- the train split (generate.py) ----------------------------------------------------------
def _train(n: int = 256, seed: int = 0) -> list[ecomstage.Case]:
    from ecomstage_env.data.generate import with_train_split

    return list(with_train_split(ecomstage.load_scenario(FOLDER), n, seed).split("train"))


def test_train_split_is_apart_from_test_and_covers_every_kind() -> None:
    from ecomstage_env.data.generate import NEAR_DUPLICATE, dialogue_text, max_similarity

    env: Any = ecomstage.make(NAME, split="train").unwrapped
    train = list(env.cases)
    test = _cases()
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in test}
    test_texts = [dialogue_text(c) for c in test]
    assert max_similarity([dialogue_text(c) for c in train], test_texts) < NEAR_DUPLICATE
    intents = Counter(c.gold[P]["intent"] for c in train)
    assert set(intents) == {"1", "3", "4", "6"} and max(intents.values()) <= 0.35 * len(train)
    assert {c.world_refs["kind"] for c in train} == set(policy.KINDS)
    # Both outcomes of each rule that goes two ways occur.
    state = {c.case_id: _state(c) for c in train}
    products = {c.case_id: {p.product_id: p for p in state[c.case_id].products} for c in train}
    for kind, excluded in (("returns", "returns"), ("price_protection", "price_protection")):
        outcomes = {
            products[c.case_id][c.world_refs["product_id"]].category
            in getattr(state[c.case_id].policies, excluded).excluded_categories
            for c in train
            if c.world_refs["kind"] == kind
        }
        assert outcomes == {True, False}, kind
    free = {
        policy.decide(state[c.case_id], c.world_refs).points[0].any == policy.FREE
        for c in train
        if c.world_refs["kind"] == "shipping_fee"
    }
    assert free == {True, False}


def test_generated_cases_pass_the_curated_cases_checks() -> None:
    from ecomstage_env.checks.validate import check_cases
    from ecomstage_env.data.generate import with_train_split

    scenario = with_train_split(ecomstage.load_scenario(FOLDER), 30, seed=7)
    assert check_cases(scenario, split="train") == []


def test_a_seed_fixes_the_train_cases() -> None:
    a, b, c = _train(12, 1), _train(12, 1), _train(12, 2)
    assert a == b and [x.dialogue for x in a] != [x.dialogue for x in c]


# -- the train split asks about the whole catalogue (issue 12) ------------------------------
generate = import_from_folder(FOLDER, "generate")
DEFAULT_TRAIN: list[ecomstage.Case] = []


def _default_train() -> list[ecomstage.Case]:
    """The default train split (256 cases, seed 0), made once for the tests below."""
    if not DEFAULT_TRAIN:
        env: Any = ecomstage.make(NAME, split="train").unwrapped
        DEFAULT_TRAIN.extend(env.cases)
    return DEFAULT_TRAIN


def test_the_default_train_split_asks_about_every_catalogue_product() -> None:
    train = _default_train()
    products = {p.product_id for p in _state(train[0]).products}
    asked = Counter(c.world_refs["product_id"] for c in train)
    assert set(asked) == products and len(products) == 59
    # Every product is also asked about in some customer turn of several dialogues (as the
    # latest request, an earlier concern, a sibling's question or a compared product).
    cat = generate.catalogue(BASE)
    named = Counter(
        pid
        for c in train
        for pid, item in cat.items.items()
        if any(
            n.lower() in t.text.lower()
            for t in c.dialogue
            if t.role == "customer"
            for n in (*item.names, *(tell for _, tell in item.tells))
        )
    )
    assert min(named[p] for p in products) >= 5, named.most_common()[-5:]


def test_every_name_the_generator_writes_fits_its_product_alone() -> None:
    cat = generate.catalogue(BASE)
    products = BASE["products"]
    by_id = {p["product_id"]: p for p in products}
    for pid, item in cat.items.items():
        assert item.names or item.tells, pid
        for name in item.names:
            words = frozenset(w.lower() for w in name.split() if w.isascii()) - generate.STOPWORDS
            cjk = "".join(w for w in name.split() if not w.isascii())
            assert generate._fits(products, words, cjk) == [pid], name
        if item.line:
            line = frozenset(item.line.removesuffix(" line").split()) - {"the"}
            assert sorted(generate._fits(products, line)) == sorted([pid, *item.mates])
        # A trait that tells it from its line is no trait of another product of that line.
        for mate in item.mates:
            theirs = {t for _, t in cat.items[mate].tells if set(cat.items[mate].mates) >= {pid}}
            assert not theirs & {t for _, t in item.tells}, (pid, mate)
        assert all(by_id[pid]["brand"] == by_id[m]["brand"] for m in item.mates)


def test_most_latest_requests_about_a_product_with_a_line_tell_it_from_the_line() -> None:
    cat = generate.catalogue(BASE)
    lined = [c for c in _default_train() if cat.items[c.world_refs["product_id"]].line]
    told = [
        c
        for c in lined
        if any(
            tell.lower() in " ".join(t.text for t in c.dialogue if t.role == "customer").lower()
            for _, tell in cat.items[c.world_refs["product_id"]].tells
        )
    ]
    # Every product has a line (its brand's words fit it and 1-4 others); most requests
    # tell the product from its line in the shopper's words.
    assert len(lined) == len(_default_train())
    assert len(told) > 0.6 * len(lined), (len(told), len(lined))


def test_no_train_turn_repeats_a_test_turn() -> None:
    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    test_turns = {norm(t.text) for c in _cases() for t in c.dialogue if t.role == "customer"}
    train_turns = {
        norm(t.text) for c in _default_train() for t in c.dialogue if t.role == "customer"
    }
    assert len(train_turns) > 500 and not test_turns & train_turns


def _digest(cases: list[Any]) -> str:
    import hashlib

    blob = json.dumps([c.model_dump(mode="json") for c in cases], sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()


def test_the_train_split_is_the_same_in_another_process() -> None:
    # Sets of names iterate in another order under another hash seed: the generator sorts
    # what it draws from, so a seed fixes the cases across processes too.
    import os
    import subprocess
    import sys

    import ecomstage_env

    code = (
        "import hashlib, json, ecomstage\n"
        "from ecomstage_env.data.generate import with_train_split\n"
        f"s = with_train_split(ecomstage.load_scenario({str(FOLDER)!r}), 6, 3)\n"
        "blob = json.dumps([c.model_dump(mode='json') for c in s.split('train')], sort_keys=True)\n"
        "print(hashlib.sha256(blob.encode()).hexdigest())\n"
    )
    root = str(Path(ecomstage_env.__file__).resolve().parents[1])
    path = os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": path},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for hash_seed in ("1", "2")
    }
    assert digests == {_digest(_train(6, 3))}


def test_an_attribute_no_label_fits_is_a_data_error_naming_it() -> None:
    from ecomstage_env.errors import DataError

    products = json.loads(json.dumps(BASE["products"]))
    products[0]["attributes"]["colour_temperature"] = "3000 K"
    with pytest.raises(DataError) as err:
        generate.catalogue({**BASE, "products": products})
    assert err.value.path.name == "world.json"
    assert err.value.field == f"products.{products[0]['product_id']}.attributes.colour_temperature"

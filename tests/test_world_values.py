"""World tools refuse values no policy allows (NaN, infinity, booleans for numbers, sums
nobody owes) with an error result, and the world's invariants hold after every write."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ecomstage
from ecomstage_env.stages import Stage
from ecomstage_env.world.base import ToolError, World

MP = ecomstage.make("merchant_promotion").unwrapped
CASES = [c for c in MP.scenario.cases if c.world is not None]
REFUND_CASES = [
    c
    for c in CASES
    if any(
        i.get("status") == "resolved" and i.get("refundable_amount", 0) > 0
        for i in (c.world.patch or {}).get("incidents", [])  # type: ignore[union-attr]
    )
]
WRITES = [n for n, s in MP.tool_specs.items() if s.kind.value == "write"]


def _world(case_id: str) -> World[Any]:
    case = next(c for c in MP.scenario.cases if c.case_id == case_id)
    world = MP.scenario.new_world(case)
    assert world is not None
    return world


def _campaign(world: World[Any]) -> str:
    return str(world.state.campaigns[0].campaign_id)


def _due(world: World[Any], campaign_id: str) -> float:
    return sum(
        i.refundable_amount
        for i in world.state.incidents
        if i.campaign_id == campaign_id and i.status == "resolved"
    )


def check_invariants(world: World[Any]) -> None:
    """What no sequence of tool calls may break."""
    state = world.state
    type(state).model_validate(state.model_dump())  # every field within its model's bounds
    for m in state.merchants:
        assert math.isfinite(m.ad_balance) and m.ad_balance >= 0
    for c in state.campaigns:
        for value in (c.bid, c.daily_budget, c.total_spent):
            assert math.isfinite(value) and value >= 0
        refunded = sum(r.amount for r in state.refunds if r.campaign_id == c.campaign_id)
        assert refunded <= _due(world, c.campaign_id) + 1e-6
    for r in state.refunds:
        assert math.isfinite(r.amount) and r.amount > 0


BAD_NUMBERS = [float("nan"), float("inf"), float("-inf"), "nan", "inf", "-Infinity", True, False]


@pytest.mark.parametrize("value", BAD_NUMBERS, ids=repr)
@pytest.mark.parametrize(
    ("tool", "arg"),
    [("update_bid", "bid"), ("update_daily_budget", "daily_budget"), ("issue_refund", "amount")],
)
def test_non_finite_and_boolean_numbers_are_refused(tool: str, arg: str, value: Any) -> None:
    world = _world(REFUND_CASES[0].case_id)
    before = world.state.model_dump()
    args: dict[str, Any] = {"campaign_id": _campaign(world), arg: value}
    if tool == "issue_refund":
        args["reason"] = "platform outage"
    with pytest.raises(ToolError, match=arg):
        world.call(tool, args)
    assert world.state.model_dump() == before and not world.writes


def test_booleans_are_refused_inside_lists_and_for_integers_too() -> None:
    world = _world(CASES[0].case_id)
    cid = _campaign(world)
    with pytest.raises(ToolError, match="age_min"):
        world.call("update_targeting", {"campaign_id": cid, "age_min": True})
    with pytest.raises(ToolError, match="interests"):
        world.call("update_targeting", {"campaign_id": cid, "interests": [True]})


def test_a_nan_refund_does_not_open_the_way_to_an_unbounded_one() -> None:
    world = _world(REFUND_CASES[0].case_id)
    cid = next(
        i.campaign_id
        for i in world.state.incidents
        if i.status == "resolved" and i.refundable_amount > 0
    )
    owed = world.owed(cid)  # type: ignore[attr-defined]
    for amount in (float("nan"), 1e9, owed + 0.01, 0.001, -5):
        with pytest.raises(ToolError):
            world.call("issue_refund", {"campaign_id": cid, "amount": amount, "reason": "r"})
    check_invariants(world)
    world.call("issue_refund", {"campaign_id": cid, "amount": owed, "reason": "r"})
    with pytest.raises(ToolError):  # nothing is owed any more
        world.call("issue_refund", {"campaign_id": cid, "amount": 0.01, "reason": "r"})
    check_invariants(world)


def test_bad_values_in_an_answers_writes_are_tool_errors_in_the_episode() -> None:
    env = ecomstage.make("merchant_promotion")
    case = REFUND_CASES[0]
    env.reset(seed=0, options={"case_id": case.case_id, "stage": "action"})
    world = env.unwrapped.world
    cid = _campaign(world)
    writes = [
        {
            "name": "update_daily_budget",
            "arguments": {"campaign_id": cid, "daily_budget": math.nan},
        },
        {
            "name": "issue_refund",
            "arguments": {"campaign_id": cid, "amount": math.inf, "reason": "x"},
        },
        {"name": "update_bid", "arguments": {"campaign_id": cid, "bid": True}},
    ]
    decision = case.gold[Stage.ACTION]["decision"]
    answer = {"decision": decision, "writes": writes, "reply": "We are on it."}
    _, reward, terminated, _, info = env.step(answer)
    assert terminated and 0.0 <= reward <= 1.0
    assert len(info["tool_errors"]) == 3
    assert not any(c.ok for c in env.unwrapped._calls if c.stage == Stage.ACTION)
    check_invariants(world)


def _number() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.sampled_from([0, 0.004, 0.1, 1, 49.99, 50, 100, 612.4, 1e9, True, False, None]),
        st.sampled_from(["12.5", "nan", "inf", "", "1e400"]),
    )


def _write(campaign_ids: list[str]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    cid = st.sampled_from([*campaign_ids, "C-0000", "", "x"])
    text = st.text(max_size=20)
    tags = st.lists(st.sampled_from(["yoga", "outdoor", "pets", "", "nope"]), max_size=3)
    return st.one_of(
        st.tuples(
            st.just("update_bid"), st.fixed_dictionaries({"campaign_id": cid, "bid": _number()})
        ),
        st.tuples(
            st.just("update_daily_budget"),
            st.fixed_dictionaries({"campaign_id": cid, "daily_budget": _number()}),
        ),
        st.tuples(
            st.just("issue_refund"),
            st.fixed_dictionaries({"campaign_id": cid, "amount": _number(), "reason": text}),
        ),
        st.tuples(
            st.just("update_targeting"),
            st.fixed_dictionaries(
                {"campaign_id": cid},
                optional={
                    "interests": tags,
                    "regions": st.lists(st.sampled_from(["All regions", "Zhejiang", "Mars"])),
                    "age_min": _number(),
                    "age_max": _number(),
                },
            ),
        ),
        st.tuples(
            st.just("pause_campaign"), st.fixed_dictionaries({"campaign_id": cid, "reason": text})
        ),
        st.tuples(
            st.just("escalate_to_specialist"),
            st.fixed_dictionaries({"campaign_id": cid, "summary": text}),
        ),
        st.tuples(
            st.sampled_from(WRITES), st.dictionaries(st.text(max_size=8), _number(), max_size=3)
        ),
    )


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data(), case_index=st.integers(min_value=0, max_value=len(REFUND_CASES) - 1))
def test_invariants_hold_after_every_write_of_random_sequences(
    data: st.DataObject, case_index: int
) -> None:
    world = _world(REFUND_CASES[case_index].case_id)
    ids = [c.campaign_id for c in world.state.campaigns]
    # Refunds of what is owed, in pieces, mixed with random writes.
    calls = data.draw(st.lists(_write(ids), min_size=1, max_size=12))
    for name, args in calls:
        with contextlib.suppress(ToolError):
            world.call(name, args)
        check_invariants(world)


def test_any_scenario_world_gets_the_checks_from_the_base_class() -> None:
    from pathlib import Path

    from ecomstage_env.data.loader import load_scenario

    shop = load_scenario(Path(__file__).parent / "fixtures" / "tiny_shop")
    world = shop.new_world(shop.cases[0])
    assert world is not None
    for bad in (True, 1.5, math.nan, None, ["O-1"]):
        with pytest.raises(ToolError, match="order_id"):
            world.call("refund_order", {"order_id": bad})
    for days in (True, math.nan, math.inf, "inf"):
        with pytest.raises(ToolError, match="days"):
            world.call("age_order", {"order_id": "O-1", "days": days}, setup=True)
    assert world.call("refund_order", {"order_id": "O-1"})["status"] == "refunded"


def test_help_centre_search_ranks_by_shared_words_and_refuses_an_empty_query() -> None:
    from types import SimpleNamespace

    from ecomstage_env.world.base import search_articles

    arts = [
        SimpleNamespace(article_id="A2", title="Refunds", text="How refunds work", tags=[]),
        SimpleNamespace(article_id="A1", title="Budget", text="Daily budget rules", tags=["pace"]),
        SimpleNamespace(article_id="A3", title="Bids", text="Bid ranges", tags=["budget"]),
    ]
    found = search_articles(arts, "daily budget pace")
    assert [a["article_id"] for a in found] == ["A1", "A3"]  # A2 shares no word
    assert search_articles(arts, "budget", k=1)[0]["article_id"] == "A1"  # ties by id
    with pytest.raises(ToolError, match="query is empty"):
        search_articles(arts, "  !! ")

"""order_logistics: facts of a case's world that no rule reads do not give the decision away.

The writer chose each world around its request, so facts the policy never reads named the
decision (issue 12: an unshipped order placed that morning meant an address change, a
shipping fee paid meant a fee question). ``drafts._redraw`` draws those facts from the case
key instead. These tests check that no such fact predicts the decision on the case's menu
better than the audit's limit, and that the facts it draws never change what the policy
decides.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.env import resolve_scenario
from ecomstage_env.world.base import merge_patch

FOLDER = Path(resolve_scenario("order_logistics"))
policy = import_from_folder(FOLDER, "policy")
world_mod = import_from_folder(FOLDER, "world")
drafts = import_from_folder(FOLDER, "drafts")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
CASES = [
    json.loads(line) for line in (FOLDER / "cases.jsonl").read_text(encoding="utf-8").splitlines()
]
MARGIN = 15.0
"""The audit's gate for a label shortcut: chance on the case's menu + 15 points."""


def _the_order(case: dict[str, Any]) -> dict[str, Any]:
    oid = case["world_refs"]["order_id"]
    return next(o for o in case["world"]["patch"]["orders"] if o["order_id"] == oid)


def _code(case: dict[str, Any]) -> str:
    return str(case["options"]["decision"][int(case["gold"]["action"]["decision"]) - 1]["code"])


def _days_placed(case: dict[str, Any]) -> str:
    placed = date.fromisoformat(_the_order(case)["placed_at"][:10])
    today = date.fromisoformat(case["world"]["patch"].get("today", drafts.TODAY))
    n = (today - placed).days
    return next((f"<={b}" for b in (1, 3, 5, 7, 10, 15, 30) if n <= b), ">30")


def _fee(case: dict[str, Any]) -> str:
    pay = _the_order(case).get("payment") or {}
    return str(bool(pay.get("shipping_fee")))


def _tier(case: dict[str, Any]) -> str:
    return str(case["world"]["patch"]["customers"][0]["tier"])


def _others(case: dict[str, Any]) -> str:
    oid = case["world_refs"]["order_id"]
    return ",".join(
        sorted({o["status"] for o in case["world"]["patch"]["orders"] if o["order_id"] != oid})
    )


FACTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "days since the order was placed": _days_placed,
    "a shipping fee was paid": _fee,
    "the customer's tier": _tier,
    "the statuses of the customer's other orders": _others,
}


def _lookup_table_score(fact: Callable[[dict[str, Any]], str]) -> tuple[float, float]:
    """Leave-one-out: guess the decision most often gold, among the other cases with the
    same value of ``fact``, that the case's menu offers. Returns (score, menu chance) x100."""
    values = [fact(c) for c in CASES]
    codes = [_code(c) for c in CASES]
    menus = [[o["code"] for o in c["options"]["decision"]] for c in CASES]
    hits = 0
    for i in range(len(CASES)):
        seen = Counter(codes[j] for j in range(len(CASES)) if j != i and values[j] == values[i])
        guess = max(sorted(menus[i]), key=lambda code: seen[code])
        hits += guess == codes[i]
    chance = sum(1 / len(m) for m in menus) / len(menus)
    return 100 * hits / len(CASES), 100 * chance


@pytest.mark.parametrize("name", sorted(FACTS))
def test_no_fact_no_rule_reads_predicts_the_decision(name: str) -> None:
    score, chance = _lookup_table_score(FACTS[name])
    assert score <= chance + MARGIN, f"{name}: {score:.1f} > {chance:.1f} + {MARGIN}"


def test_an_unshipped_order_was_not_always_placed_today() -> None:
    unshipped = [c for c in CASES if _the_order(c)["shipped_at"] is None]
    recent = [c for c in unshipped if _days_placed(c) == "<=1"]
    assert len(recent) * 2 <= len(unshipped)


@pytest.mark.parametrize("key", ["a", "b", "c", "d"])
def test_the_redrawn_facts_never_change_what_the_policy_decides(key: str) -> None:
    for d in drafts.DRAFTS:
        refs, patch = d["refs"], d["patch"]
        the = next(o for o in patch["orders"] if o["order_id"] == refs["order_id"])
        again, tier = drafts._redraw(the, "parcel", False, "", key + refs["order_id"])
        other = {
            **patch,
            "orders": [again if o is the else o for o in patch["orders"]],
            "customers": [{**patch["customers"][0], "tier": tier}],
        }
        if refs["request"] == "fee" or refs.get("also_fee"):
            fee = (the.get("payment") or {}).get("shipping_fee", 0.0)
            for o in other["orders"]:
                if o["order_id"] == refs["order_id"] and o.get("payment"):
                    o["payment"]["amount"] += fee - o["payment"]["shipping_fee"]
                    o["payment"]["shipping_fee"] = fee
        first = policy.decide(world_mod.ShopState.model_validate(merge_patch(BASE, patch)), refs)
        second = policy.decide(world_mod.ShopState.model_validate(merge_patch(BASE, other)), refs)
        assert (first.decision, first.also) == (second.decision, second.also), refs["order_id"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I paid two days ago and there is STILL no tracking number.", True),
        ("I ordered the kettle this morning.", True),
        ("我昨天下的单", True),
        ("The parcel has been stuck for three days.", False),
        ("Please change the address of my order.", False),
    ],
)
def test_a_draft_that_says_when_it_was_ordered_keeps_its_dates(text: str, said: bool) -> None:
    assert drafts._placement_said(text) is said


def test_the_held_back_drafts_pass_the_validator(tmp_path: Path) -> None:
    from ecomstage_env.checks.validate import check_cases

    author = import_from_folder(FOLDER, "author")
    folder = tmp_path / "order_logistics"
    shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = [author.build(d, BASE) for d in drafts.HELD_BACK]
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in built)
    (folder / "cases.jsonl").write_text(text, encoding="utf-8")
    scenario = ecomstage.load_scenario(folder)
    assert len(scenario.cases) == len(drafts.HELD_BACK) > 0
    assert check_cases(scenario, split="test") == []


def _world_kind(case: dict[str, Any]) -> str:
    """The state of the parcel in question: the order's status and its latest scan."""
    the = _the_order(case)
    scans = [
        e for e in case["world"]["patch"]["logistics"] if e["tracking_no"] == the["tracking_no"]
    ]
    last = max(scans, key=lambda e: e["time"]) if the["tracking_no"] and scans else None
    return str(the["status"]) + ("/" + str(last["exception"] or last["status"]) if last else "")


def test_the_fifth_review_drafts_ask_what_their_world_does_not_suggest() -> None:
    # Issue 12: customers write about what their parcel did, so the world alone gives the
    # intent of most cases (not shipped -> 2, on its way -> 3, lost -> 4, delivered -> 6).
    # Each held-back draft of the fifth review is a decoy against that: its intent is not
    # the commonest among the cases whose parcel is in the same state.
    author = import_from_folder(FOLDER, "author")
    by_kind: dict[str, Counter[str]] = {}
    for case in CASES:
        by_kind.setdefault(_world_kind(case), Counter())[case["gold"]["perception"]["intent"]] += 1
    assert len(drafts._FIFTH) >= 16
    for d in drafts._FIFTH:
        built = author.build(d, BASE)
        kind = _world_kind(built)
        assert kind in by_kind, kind
        commonest = by_kind[kind].most_common(1)[0][0]
        assert built["gold"]["perception"]["intent"] != commonest, (built["case_id"], kind)


def _status(case: dict[str, Any]) -> str:
    return str(_the_order(case)["status"])


def _status_and_fee(case: dict[str, Any]) -> str:
    return _status(case) + "/" + _fee(case)


def _intent_lookup_score(fact: Callable[[dict[str, Any]], str]) -> float:
    """Leave-one-out: guess the intent most often gold among the other cases with the same
    value of ``fact`` (what get_order shows at Perception, no customer word). Returns x100."""
    values = [fact(c) for c in CASES]
    intents = [str(c["gold"]["perception"]["intent"]) for c in CASES]
    hits = 0
    for i in range(len(CASES)):
        seen = Counter(intents[j] for j in range(len(CASES)) if j != i and values[j] == values[i])
        hits += max(sorted(seen or {"3": 0}), key=lambda k: seen[k]) == intents[i]
    return 100 * hits / len(CASES)


@pytest.mark.parametrize(("fact", "limit"), [(_status, 53.0), (_status_and_fee, 41.5)])
def test_the_orders_state_alone_does_not_give_the_intent(
    fact: Callable[[dict[str, Any]], str], limit: float
) -> None:
    # Issue 12, sixth review: v5's cases put each request on one kind of order (fees on
    # delivered ones, address changes on unshipped ones), so the order's status read 62.4
    # of the intent, with whether a shipping fee was paid 49.5. The decoys of the sixth
    # review (drafts._SIXTH and the promoted held-back drafts) spread the intents over them:
    # v6 reads 55.5 and 43.8; v8, with the seventh review's decoys, 52.9 and 41.4.
    assert _intent_lookup_score(fact) <= limit


_ACTS = {"intercept", "reship", "refund_fee"}
"""Decisions in which the shop carries something out for the customer (the item total comes
back with an interception; a replacement; the fee refunded)."""


def test_the_seventh_review_decoys_end_in_an_action_their_world_does_not_suggest() -> None:
    # Issue 12, seventh review: the sixth review's decoys mostly ended in a decline, which
    # the decision's majority rows count. Each world decoy of drafts._SEVENTH that joined
    # the cases ends in what the shop carries out, and its intent is not the commonest
    # among the other cases whose parcel is in the same state (so the world alone points
    # to another intent).
    author = import_from_folder(FOLDER, "author")
    ids = {c["case_id"] for c in CASES}
    joined = [
        author.build(d, BASE)
        for d in drafts._SEVENTH
        if d["refs"]["order_id"] in drafts._PROMOTED_SEVENTH
    ]
    joined = [c for c in joined if c["case_id"] in ids]
    assert len(joined) == len(
        drafts._PROMOTED_SEVENTH & {d["refs"]["order_id"] for d in drafts._SEVENTH}
    )
    assert len(joined) >= 8
    for built in joined:
        assert _code(built) in _ACTS, built["case_id"]
        kind = _world_kind(built)
        others = Counter(
            c["gold"]["perception"]["intent"]
            for c in CASES
            if c["case_id"] != built["case_id"] and _world_kind(c) == kind
        )
        assert others, kind
        commonest = others.most_common(1)[0][0]
        assert built["gold"]["perception"]["intent"] != commonest, (built["case_id"], kind)

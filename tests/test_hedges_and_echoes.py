"""Issue 12: replies and rewrites that hedges, fullwidth digits and prefixed echoes cannot fool.

The reviewer's attack texts (build/review12/attack.py: hedge_facts, oracle_hedged,
oracle_fullwidth, rewrite_template), played through after_sales and order_logistics
episodes or scored with the case's own grading, beside correct texts in several wordings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env import Stage
from ecomstage_env.agents.baselines import OracleAgent
from ecomstage_env.scoring.registry import FieldContext, FieldScore, get_scorer

ROOT = Path(__file__).resolve().parents[1] / "scenarios"
FW = str.maketrans("0123456789", "０１２３４５６７８９")
HEDGE_FACTS = (
    "About order {oid}, your {item}: I can open a return, arrange an exchange, issue a 20 yuan "
    "coupon, pay 15 yuan cash, or pass it to a specialist who replies within 24 hours, "
    "whichever you prefer."
)
HEDGED = (
    " If that does not suit you, we could also open a return, arrange an exchange, refund the "
    "fee or pass it to a specialist."
)


def _cases(env: str) -> dict[str, dict[str, Any]]:
    lines = (ROOT / env / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return {c["case_id"]: c for c in map(json.loads, lines)}


AS = _cases("after_sales")


def _play_action(case_id: str, reply: str, *, writes: bool = True) -> float:
    """after_sales: the oracle's perception and planning, the gold's messages (and writes),
    then the gold resolution with ``reply``; the reply's score."""
    c = AS[case_id]
    env = ecomstage.make("after_sales")
    u: Any = env.unwrapped
    _, info = env.reset(seed=0, options={"case_id": case_id})
    oracle = OracleAgent()
    while info["stage"] != "action":
        _, _, _, _, info = env.step(oracle.act({}, {**info, "grader": u.grader_view()}))
    gold = c["gold"]["action"]
    steps: list[Any] = [
        {"tool": m["name"], "arguments": m["arguments"]} for m in gold["negotiation"]
    ]
    if writes:
        steps += [{"tool": w["name"], "arguments": w["arguments"]} for w in gold["writes"]]
    codes = [o["code"] for o in c["options"]["resolution"]]
    steps.append({"resolution": str(codes.index(gold["resolution"]) + 1), "reply": reply})
    for s in steps:
        *_, term, _, _ = env.step(s)
        if term:
            break
    return float(u._scores[Stage.ACTION].components["reply"])


def _score(env_name: str, case_id: str, key: str, text: str) -> FieldScore:
    """``text`` graded on ``key`` ("stage.field") of a case, in the case's fresh world."""
    env: Any = ecomstage.make(env_name).unwrapped
    case = next(c for c in env.cases if c.case_id == case_id)
    stage, name = key.split(".")
    f = next(f for f in env.spec_data.stage(Stage(stage)).fields if f.name == name)
    params = env.scenario.grading(case, Stage(stage), name)
    ctx = FieldContext(field=f, params=params, case=case, world=env.scenario.new_world(case))
    return get_scorer(f.scorer).fn(text, case.gold[Stage(stage)].get(name), ctx)


# -- 1. hedges and offers ---------------------------------------------------------------------
def test_offering_every_outcome_scores_zero_on_the_reply() -> None:
    """as-a5e4 (policy: a 20 yuan coupon): the hedge_facts reply scored 1.0 before."""
    text = HEDGE_FACTS.format(oid="O-3019", item="Cloudnest down")
    assert _play_action("as-a5e4", text) == 0.0  # even with the coupon issued
    assert _play_action("as-a5e4", text, writes=False) == 0.0


def test_the_gold_reply_plus_other_offers_scores_zero() -> None:
    gold = AS["as-a5e4"]["gold"]["action"]["reply"]
    assert _play_action("as-a5e4", gold) == 1.0
    assert _play_action("as-a5e4", gold + HEDGED) == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Would you like me to arrange an exchange for O-3038?",
        "I can arrange an exchange for O-3038 to the size 42 if you like.",
    ],
)
def test_a_question_or_an_offer_does_not_state_the_exchange(text: str) -> None:
    assert _play_action("as-53e9", text) == 0.0


def test_a_rule_that_reads_as_done_fails_when_nothing_was_done() -> None:
    text = "Exchanges are arranged within 15 days; O-3038 is outside that."
    assert _play_action("as-53e9", text, writes=False) == 0.0
    gold = AS["as-53e9"]["gold"]["action"]["reply"]
    assert _play_action("as-53e9", gold, writes=False) == 0.0  # true only once it is made
    assert _play_action("as-53e9", gold) == 1.0


@pytest.mark.parametrize(
    ("case_id", "text"),
    [
        (
            "as-a5e4",
            "A 20 yuan coupon is now in your account for the Cloudnest down duvet, O-3019.",
        ),
        (
            "as-a5e4",
            "Sorry about the courier. I've issued a ¥20 coupon for order O-3019 (the Cloudnest "
            "down duvet), which you can use within 30 days.",
        ),
        (
            "as-53e9",
            "I've arranged an exchange on O-3038: size 42 Trailstep running shoes, no extra cost.",
        ),
        (
            "as-53e9",
            "Your exchange for O-3038 is set up; we'll send the Trailstep running shoes in size 42. "
            "Let me know if anything else comes up.",
        ),
    ],
)
def test_correct_replies_in_other_wordings_still_score_full(case_id: str, text: str) -> None:
    assert _play_action(case_id, text) == 1.0


def test_order_logistics_offers_of_unmade_changes_score_zero() -> None:
    ol = _cases("order_logistics")
    some = [
        cid for cid, c in ol.items() if "fee_refund" in c["grading"]["action.reply"]["false_claims"]
    ]
    for cid in some[:5]:
        gold = ol[cid]["gold"]["action"]["reply"]
        assert _score("order_logistics", cid, "action.reply", gold).value == 1.0, cid
        assert _score("order_logistics", cid, "action.reply", gold + HEDGED).value == 0.0, cid


# -- 2. fullwidth digits ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "case_id"), [("after_sales", "as-a5e4"), ("order_logistics", "ol-3e53")]
)
def test_fullwidth_digits_score_as_ascii(env: str, case_id: str) -> None:
    c = _cases(env)[case_id]
    rewrite = c["gold"]["perception"]["rewritten_query"]
    assert _score(env, case_id, "perception.rewritten_query", rewrite.translate(FW)).value == 1.0
    if env == "after_sales":
        assert _play_action(case_id, c["gold"]["action"]["reply"].translate(FW)) == 1.0
    else:
        reply = c["gold"]["action"]["reply"].translate(FW)
        assert _score(env, case_id, "action.reply", reply).value == 1.0


# -- 3. echoes with a prefix ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "case_id", "prefix"),
    [
        ("after_sales", "as-a5e4", "About order O-3019, the Cloudnest down: "),
        ("order_logistics", "ol-3e53", "About order O-7390, the Orchard baby formula: "),
    ],
)
def test_an_echo_behind_an_id_and_item_prefix_scores_zero(
    env: str, case_id: str, prefix: str
) -> None:
    c = _cases(env)[case_id]
    last = [t["text"] for t in c["dialogue"] if t["role"] != "agent"][-1]
    got = _score(env, case_id, "perception.rewritten_query", prefix + last)
    assert got.value == 0.0, got.reason
    assert _score(env, case_id, "perception.rewritten_query", last).value == 0.0


def test_a_rewrite_that_keeps_the_users_address_but_restates_the_request_scores_full() -> None:
    """ol-3e53's last turn is an address; the gold copies it whole and says what to do with it."""
    gold = _cases("order_logistics")["ol-3e53"]["gold"]["perception"]["rewritten_query"]
    assert _score("order_logistics", "ol-3e53", "perception.rewritten_query", gold).value == 1.0
    other = (
        "Could you send order O-7390 (the Orchard formula) to my work, Binhai Center, 10 Dagu "
        "South Rd, 21st floor, Hexi, Tianjin, not home?"
    )
    assert _score("order_logistics", "ol-3e53", "perception.rewritten_query", other).value == 1.0

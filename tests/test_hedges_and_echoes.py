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
from ecomstage_env.checks.shortcuts import hedge_offers
from ecomstage_env.scoring.points import Point, PointsParams, Text, menu_options_named
from ecomstage_env.scoring.registry import FieldContext, FieldScore, get_scorer
from ecomstage_env.scoring.statements import alternative_lists, hedged

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


# -- 4. rewrites padded with every possible request -------------------------------------------
REWRITE = "perception.rewritten_query"


def _pad(env_name: str, case_id: str) -> str:
    """The audit's hedge_offers text for a case: ids, item name, every menu option's text."""
    env: Any = ecomstage.make(env_name).unwrapped
    case = next(c for c in env.cases if c.case_id == case_id)
    return hedge_offers(case, [])


@pytest.mark.parametrize(
    ("env", "case_id"),
    [
        ("order_logistics", "ol-ac97"),
        ("order_logistics", "ol-3e53"),
        ("merchant_promotion", "mp-fbde"),
    ],
)
def test_a_rewrite_padded_with_every_menu_option_scores_zero(env: str, case_id: str) -> None:
    """The pad met the order, the item and often the request (69.3 on order_logistics)."""
    got = _score(env, case_id, REWRITE, _pad(env, case_id))
    assert got.value == 0.0, got.reason
    assert "alternative" in got.reason


@pytest.mark.parametrize(
    "text",
    [
        # Written, not pasted from the menu: the same list of requests in its own words.
        "Please redirect the Lumen desk lamp O-7702 to Nan'an, or cancel it, or send a "
        "replacement, or refund the shipping fee.",
        "For O-7702 (Lumen lamp) I want it redirected or cancelled or intercepted.",
        "Lumen desk lamp, O-7702: redirect it to Nan'an? Or cancel it? Or intercept it?",
        "Lumen desk lamp O-7702：redirect 到南岸，或者 cancel，还是 intercept？",
    ],
)
def test_a_list_of_alternative_requests_in_any_wording_scores_zero(text: str) -> None:
    assert _score("order_logistics", "ol-ac97", REWRITE, text).value == 0.0


@pytest.mark.parametrize(
    ("env", "case_id", "text"),
    [
        ("order_logistics", "ol-ac97", None),  # the gold: redirect, or if too late cancel
        (
            "order_logistics",
            "ol-ac97",
            "Can you redirect my Lumen desk lamp, order O-7702, to 31 Nanbin Rd, Apt 2204, "
            "Nan'an, Chongqing? If it is too late for that, please cancel it and I'll reorder.",
        ),
        (
            "order_logistics",
            "ol-ac97",
            "I'd like order O-7702 (the Lumen lamp) redirected to my new flat in Nan'an, "
            "Chongqing, or, if that can't be done, to cancel it.",
        ),
        ("merchant_promotion", "mp-fbde", None),
        (
            "merchant_promotion",
            "mp-fbde",
            "Has my beef jerky campaign been throttled? It has spent very little of its "
            "daily budget this week; please make it spend normally.",
        ),
        ("merchant_promotion", "mp-b1cc", None),  # refund, or else stop the losses
        (
            "merchant_promotion",
            "mp-b1cc",
            "Please refund this week's spend on my sleep sack campaign, which sold less than it "
            "cost, or, if you can't, help me stop the losses.",
        ),
    ],
)
def test_rewrites_with_one_request_or_one_fallback_score_full(
    env: str, case_id: str, text: str | None
) -> None:
    c = _cases(env)[case_id]
    text = text if text is not None else c["gold"]["perception"]["rewritten_query"]
    got = _score(env, case_id, REWRITE, text)
    assert got.value == 1.0, got.reason


def test_every_gold_rewrite_scores_full_with_single_request_on() -> None:
    for env in ("order_logistics", "after_sales", "merchant_promotion"):
        for cid, c in _cases(env).items():
            got = _score(env, cid, REWRITE, c["gold"]["perception"]["rewritten_query"])
            assert got.value == 1.0, (cid, got.reason)


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("we could change the address; or intercept it; or send a replacement.", 1),
        ("Redirect it, or if that is too late, cancel it.", 0),
        ("Refund it or exchange it. Then send a coupon or a gift.", 0),
        ("Refund it? Or exchange it? Or send a coupon?", 1),
        ("退款或者换货，还是补发？", 1),
        ("Is it the bid or the budget, or the targeting? Please fix it.", 1),
        # Commas (or 、) and one "or" / "或" (attack2.py comma_list, comma_list_zh).
        ("wants return, exchange, price difference refunded, compensation or manager.", 1),
        ("recall the parcel, send a new one or refund the delivery fee, and say where it is.", 1),
        ("顾客要退货、换货、退差价、补偿或找经理。", 1),
        ("退款或换货", 0),
        ("或许明天到，能改地址吗？", 0),
        # An address is no list: its parts hold numbers or are capitalised place names.
        ("Can it go to 12 Shiquan St, Rm 3, Gusu, Suzhou or to my office?", 0),
        ("Send it to Gulou, Nanjing or Gusu, Suzhou, whichever is sooner.", 0),
        ("Refund it, or exchange it.", 0),
    ],
)
def test_alternative_lists_finds_sentences_of_three_alternatives(text: str, lists: int) -> None:
    assert len(alternative_lists(text)) == lists


def test_a_rewrite_may_list_what_the_customer_listed() -> None:
    """The exemption: a customer who asks "A, B or C?" is rewritten with the list."""
    params = PointsParams(points=[Point(any=["O-1"])], single_request=True, echo_check="none")
    case = type(
        "C", (), {"user_turns": lambda self: ["For O-1: refund or exchange or repair, which?"]}
    )()
    ctx: Any = FieldContext(field=None, params=params, case=case)  # type: ignore[arg-type]
    text = "Should order O-1 be refunded or exchanged or repaired?"
    assert get_scorer("points").fn(text, text, ctx).value == 1.0
    alone: Any = FieldContext(field=None, params=params, case=None)  # type: ignore[arg-type]
    assert get_scorer("points").fn(text, text, alone).value == 0.0


# -- 5. merchant replies: hedges and offers ---------------------------------------------------
def test_hedged_sets_aside_every_alternative_of_an_offer() -> None:
    """ "we could A; or B; or C": the parts after ";" are offered too (they once read as stated)."""
    text = "We could apply a penalty; or record no enforcement; or escalate it, whichever you like."
    assert hedged(text)[0] == ""
    assert hedged("I recorded no enforcement; or rather, nothing was needed.")[0] != ""


MERCHANT = ("service_quality", "merchant_account", "content_review")


@pytest.mark.parametrize("env", MERCHANT)
def test_merchant_gold_replies_score_full_and_the_hedge_pad_zero(env: str) -> None:
    """Before: the hedge_offers pad scored 39.1 / 36.1 / 33.8 (audit) on these replies."""
    u: Any = ecomstage.make(env).unwrapped
    f = next(f for f in u.spec_data.stage(Stage.ACTION).fields if f.name == "reply")
    for case in u.cases:
        params = u.scenario.grading(case, Stage.ACTION, "reply")
        ctx = FieldContext(field=f, params=params, case=case, world=u.scenario.new_world(case))
        gold = case.gold[Stage.ACTION]["reply"]
        got = get_scorer(f.scorer).fn(gold, gold, ctx)
        assert got.value == 1.0, (case.case_id, got.reason, got.explanation)
        assert get_scorer(f.scorer).fn(hedge_offers(case, []), gold, ctx).value == 0.0


def test_a_merchant_account_reply_that_offers_an_escalation_nobody_made_scores_zero() -> None:
    """Offers only (no hedges): its golds rightly say "you can submit a new request"."""
    ma = _cases("merchant_account")
    cid = next(
        c for c, v in ma.items() if "escalate" in v["grading"]["action.reply"]["false_claims"]
    )
    gold = ma[cid]["gold"]["action"]["reply"]
    assert _score("merchant_account", cid, "action.reply", gold).value == 1.0
    offer = gold + " If you'd rather, I could also escalate the case to a specialist."
    got = _score("merchant_account", cid, "action.reply", offer)
    assert got.value == 0.0
    assert "offers: escalate" in got.explanation
    kept = "ma-1f17"  # "now ... you can submit a new request; just say the word"
    assert (
        _score("merchant_account", kept, "action.reply", ma[kept]["gold"]["action"]["reply"]).value
        == 1.0
    )


@pytest.mark.parametrize(
    ("env", "case_id"), [("order_logistics", "ol-ac97"), ("merchant_promotion", "mp-fbde")]
)
def test_a_rewrite_naming_most_menu_options_with_commas_scores_zero(env: str, case_id: str) -> None:
    """The pad with one "or" ("we could A, B, C, or D"): no two-"or" list, but it names
    every option of the menu (order_logistics' rewrite: 75.1 before this check)."""
    pad = _pad(env, case_id)
    comma = pad.replace("; or ", ", ", pad.count("; or ") - 1).replace("; or ", ", or ")
    assert len(alternative_lists(comma)) == 0
    got = _score(env, case_id, REWRITE, comma.replace(", whichever you prefer", ""))
    assert got.value == 0.0, got.reason
    assert "options named" in got.explanation


def test_menu_options_named_needs_every_content_word_of_an_option() -> None:
    u: Any = ecomstage.make("order_logistics").unwrapped
    case = next(c for c in u.cases if c.case_id == "ol-ac97")
    two = "Intercept the parcel, or change the delivery address of O-7702."
    assert len(menu_options_named(Text(two), case)) == 2
    assert menu_options_named(Text("Please redirect my parcel to my new address."), case) == []


@pytest.mark.parametrize(
    ("env", "case_id", "text"),
    [
        (
            "service_quality",
            "sq-4831",
            "Chat CH-1525 (26 October) broke SQ-1 by asking for a buyer's personal data. There "
            "were no warnings or penalties on your shop in the last 90 days; a service penalty "
            "is now recorded. Please ask for only what the order needs. If you have questions, "
            "you can reply to this note.",
        ),
        (
            "content_review",
            "cr-3a42",
            "Your Planter spring ad breaks CR-01: calling it 'unbeatable' is an absolute claim. "
            "I've requested changes; once you edit the text you can resubmit it.",
        ),
        (
            "content_review",
            "cr-c35e",
            "The Spot gel ad is rejected under CR-02: it claims to treat acne, and the product "
            "has no medical registration. Would you like tips for a compliant text?",
        ),
    ],
)
def test_correct_merchant_replies_in_other_wordings_score_full_with_hedges(
    env: str, case_id: str, text: str
) -> None:
    """Hedges drop only what a sentence offers or asks: stated facts around them still count."""
    got = _score(env, case_id, "action.reply", text)
    assert got.value == 1.0, (got.reason, got.explanation)


# -- 5. rewrites that name orders but state no request (issue 12, second review) -------------
@pytest.mark.parametrize(
    ("env", "case_id", "text"),
    [
        # attack2.py tag_only: every order of the customer and its items, nothing asked.
        (
            "order_logistics",
            "ol-052a",
            "Orders O-6677 (Lumen desk lamp LED); O-9840 (Cotton briefs 3-pack).",
        ),
        ("order_logistics", "ol-052a", "O-6677, Lumen desk lamp"),
        ("after_sales", "as-a5e4", "Orders O-3019 (Cloudnest down duvet)."),
        # Every point of as-17a8 is a name: the tag alone still states no request.
        ("after_sales", "as-17a8", "Orders O-3025 (coffee maker)."),
    ],
)
def test_a_rewrite_of_order_ids_and_item_names_alone_scores_zero(
    env: str, case_id: str, text: str
) -> None:
    """tag_only scored 56.4 on order_logistics and 41.4 on after_sales: the order and item
    points were most of each rewrite's points."""
    got = _score(env, case_id, REWRITE, text)
    assert got.value == 0.0, got.reason
    assert "no request" in got.reason


@pytest.mark.parametrize(
    ("env", "case_id", "text", "value"),
    [
        ("order_logistics", "ol-052a", "Can order O-6677 go to my studio instead?", 2 / 3),
        ("order_logistics", "ol-052a", "Can the Lumen lamp O-6677 go to my studio instead?", 1.0),
        (
            "after_sales",
            "as-a5e4",
            "About O-3019, the Cloudnest duvet: how do I contact the courier to complain?",
            1.0,
        ),
        ("after_sales", "as-a5e4", "How do I contact the courier to complain?", 2 / 3),
    ],
)
def test_a_rewrite_that_states_the_request_keeps_its_order_and_item_points(
    env: str, case_id: str, text: str, value: float
) -> None:
    got = _score(env, case_id, REWRITE, text)
    assert got.value == pytest.approx(value), got.reason


@pytest.mark.parametrize(
    ("env", "case_id", "text"),
    [
        (
            "after_sales",
            "as-a5e4",
            "About O-3019, the Cloudnest duvet: the customer wants it returned for a refund, "
            "exchanged for another size, compensation paid or the courier contacted.",
        ),
        ("order_logistics", "ol-052a", "O-6677 Lumen台灯：改地址、拦截、补发或退运费。"),
    ],
)
def test_a_comma_list_of_requests_with_one_or_scores_zero(
    env: str, case_id: str, text: str
) -> None:
    got = _score(env, case_id, REWRITE, text)
    assert got.value == 0.0, got.reason
    assert "alternative" in got.reason

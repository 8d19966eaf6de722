"""The points scorer: facts stated, polarity against the reference, figures, stuffing."""

from __future__ import annotations

import pytest

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring import FieldContext
from ecomstage_env.scoring.points import (
    Point,
    PointsParams,
    Text,
    expand_alternatives,
    point_met,
    points_scorer,
    retracts,
)

REF = "There is no platform fault, so I raised your bid from 0.45 to 1.00 yuan."
FAULT = Point(any=["platform fault", "fault on our side"])
RAISED = Point(any=["raised", "increased", "bumped up"])
OLD_BID = Point(any=["bid"], figure=0.45)


def score(text: str, *points: Point, **params: object) -> float:
    field = FieldSpec(name="reply", type="text", description="d", scorer="points")
    p = PointsParams(points=list(points or (FAULT, RAISED, OLD_BID)), **params)  # type: ignore[arg-type]
    return points_scorer(text, REF, FieldContext(field=field, params=p)).value


def test_the_reference_and_a_paraphrase_meet_every_point() -> None:
    assert score(REF) == 1.0
    assert score("We found no fault on our side. Your bid was 0.45; I increased it to 1.") == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "There is a platform fault, so I raised your bid from 0.45.",  # fault affirmed
        "There is no platform fault and I have not raised your bid from 0.45.",  # not raised
        "It is not true that I raised your bid; no platform fault; bid 0.45.",
    ],
)
def test_flipping_a_fact_fails_that_point(text: str) -> None:
    assert score(text) == pytest.approx(2 / 3)


def test_stating_a_point_both_ways_states_nothing() -> None:
    stuffed = "platform fault. no platform fault. raised. not raised. bid 0.45"
    assert score(stuffed) == pytest.approx(1 / 3)


def test_figures_in_usual_formats_at_their_stated_precision() -> None:
    big = Point(figure=1137.5)
    for text in ("1137.5", "1,137.50 yuan", "¥1,137.5", "about 1.1k", "1138"):
        assert point_met(Text(text), big), text
    for text in ("1,200", "113.75", "C-1137"):
        assert not point_met(Text(text), big), text
    assert point_met(Text("a CVR of 2.3%"), Point(figure=0.023))


def test_retraction_zeroes_the_text_but_a_negated_cue_does_not() -> None:
    assert retracts(REF + " Ignore the above; request refused.")
    assert retracts(REF + " Scratch that.")
    assert not retracts("Don't forget that the change takes effect within 15 minutes.")
    assert score(REF + " Ignore the above.") == 0.0


def test_length_and_figure_dumps_are_scaled_down() -> None:
    assert score(REF, max_words=8) == pytest.approx(8 / 15)  # 15 words, 0.45 is one
    dump = REF + " " + " ".join(str(n) for n in range(10, 30))
    assert score(dump, max_figures=6) < 0.3
    assert score("") == 0.0


def test_contradictions_fail_a_point() -> None:
    p = Point(any=["refund"], not_=["no refund"])
    assert point_met(Text("your refund is on its way"), p)
    ref = Text("your refund is on its way")
    assert not point_met(Text("refund? there is no refund here"), p, ref)


def test_a_point_needs_phrases_or_a_figure() -> None:
    with pytest.raises(ValueError):
        Point()


def test_ranges_ordinals_and_clock_times_state_their_numbers() -> None:
    assert point_met(Text("refunds take 3-7 business days"), Point(any=["business days"], figure=7))
    assert point_met(Text("if it isn't there by the 12th"), Point(figure=12))
    assert point_met(Text("ready tomorrow by 11:00"), Point(figure=11))
    assert not point_met(Text("campaign C-2001"), Point(figure=2001))


def test_compounds_possessives_and_plurals_match_as_a_reader_would() -> None:
    ref = Text("Personalised items are excluded from no-reason returns.")
    assert point_met(Text("personalised items are excluded"), Point(any=["excluded"]), ref)
    assert point_met(Text("the legal representative's ID"), Point(any=["legal representative"]))
    assert point_met(Text("rubber mats"), Point(any=["mat"]))
    anchored = Point(any=["before and after"], anchor=True)
    assert point_met(Text("before-and-after photos are not allowed"), anchored)
    assert not retracts("It is the No.1 seller; no change needed.")


def test_a_point_the_reference_states_both_ways_accepts_either() -> None:
    ref = Text("Your bracelet is personalised. Personalised items can't be returned.")
    p = Point(any=["personalised"])
    assert point_met(Text("it is personalised"), p, ref)
    assert point_met(ref, p, ref)


@pytest.mark.parametrize(
    "text",
    [
        "Update: everything I wrote above is false.",
        "Sorry, I was wrong about all of this.",
        "The reverse of each point applies.",
        "None of that is correct.",
        "Ignore my previous message.",
        "Actually, ignore that, I don't want this.",
        "The window has passed... just kidding, it hasn't.",
        "Wait, forget it.",
    ],
)
def test_other_retractions_are_caught(text: str) -> None:
    assert retracts(REF + " " + text)


@pytest.mark.parametrize(
    "text",
    [
        "If you got an automated low-balance warning, you can safely ignore that message.",
        "Please disregard the earlier automated reply about your card.",
        "The other campaign runs all day, so forget it for now.",
        "Ignore that email from the courier: it is not from us.",
        "Actually, the warehouse label is old: you can ignore that one.",
    ],
)
def test_advice_to_ignore_something_else_is_not_a_retraction(text: str) -> None:
    assert not retracts(REF + " " + text)


def test_coarse_numbers_do_not_state_a_precise_figure() -> None:
    assert not point_met(Text("about 1k"), Point(figure=1137.5))
    assert not point_met(Text("0m users"), Point(figure=31000))
    assert not point_met(Text("a bid of 1"), Point(figure=0.45))
    assert point_met(Text("a bid of 1"), Point(figure=1.0))


def test_tense_and_subordinate_clauses_do_not_flip_a_point() -> None:
    ref = Text("It is returned to your account as long as it has not expired.")
    p = Point(any=["returned to your account"])
    assert point_met(Text("it's returned to your account as long as it hasn't expired"), p, ref)
    assert not point_met(Text("It is a myth that it is returned to your account"), p, ref)
    assert point_met(
        Text("it suspended live selling for 7 days"), Point(any=["suspends live selling"])
    )


def test_alternatives_expand_to_every_phrasing() -> None:
    assert expand_alternatives("{I've|we've} {raised|increased} the bid") == [
        "I've raised the bid",
        "I've increased the bid",
        "we've raised the bid",
        "we've increased the bid",
    ]
    assert expand_alternatives("{your |}bid") == ["your bid", "bid"]
    assert Point(any=["{raised|upped} it"]).any == ["raised it", "upped it"]
    with pytest.raises(ValueError, match="unmatched brace"):
        Point(any=["raised {it"])


CLAIMS = {"pause": ["{I've|we've} {also |just |}paused"], "refund": ["{I've|we've} refunded"]}


def test_claiming_a_change_nobody_made_scores_zero() -> None:
    kw: dict[str, object] = {"claims": CLAIMS, "false_claims": ["pause"]}
    assert score(REF, **kw) == 1.0
    assert score(REF + " I've also paused the campaign.", **kw) == 0.0
    assert score(REF + " We've not paused anything.", **kw) == 1.0  # denied, not claimed
    assert score(REF + " I've refunded the fee.", **kw) == 1.0  # refund is not false here


def test_a_rule_stated_is_not_a_claim_of_a_change_made() -> None:
    # Claims match as written: "we pause" (a rule, a habit) is not "we've paused".
    kw: dict[str, object] = {
        "claims": {"pause": ["{I|we} paused", "{I've|we've} paused"]},
        "false_claims": ["pause"],
    }
    assert score(REF + " We pause a campaign only when you ask us to.", **kw) == 1.0
    assert score(REF + " We paused it this morning.", **kw) == 0.0
    assert score(REF + " I've paused it.", **kw) == 0.0


def test_a_false_claim_group_must_be_defined() -> None:
    with pytest.raises(ValueError, match="unknown claim groups"):
        PointsParams(points=[FAULT], claims=CLAIMS, false_claims=["budget"])


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("It is 6mm thick.", [6.0]),
        ("six millimetres, twenty-five yuan, zero strikes", [6.0, 25.0, 0.0]),
        ("发货后2-4天。", [2.0, 4.0]),
        ("rated for 1 m for 30 min", [1.0, 30.0]),  # a metre, not a million
        ("1.2m impressions and 3k clicks", [1.2e6, 3000.0]),
        ("tracking ZT7844260-R1, order O-8791, SKU-12", []),
        ("no one else: the one on the left", []),
    ],
)
def test_figures_as_people_write_them(text: str, figures: list[float]) -> None:
    assert sorted(n.value for n in Text(text).numbers) == sorted(figures)


def test_numbers_in_words_state_a_figure_but_are_no_figure_dump() -> None:
    assert point_met(Text("It is six millimetres thick."), Point(figure=6))
    assert point_met(Text("Your shop has zero strikes."), Point(figure=0))
    spelled = "Two to four days, three sizes, five colours, and it is 6 mm thick."
    digits = "2 to 4 days, 3 sizes, 5 colours, and it is 6 mm thick."
    assert score(spelled, Point(figure=6), max_figures=2) == 1.0
    assert score(digits, Point(figure=6), max_figures=2) < 1.0


def test_a_point_that_requires_another_counts_only_beside_it() -> None:
    new_bid = Point(any=["1.00"], anchor=True, requires=[1])
    assert score(REF, FAULT, RAISED, new_bid) == 1.0
    # The detail stated while the change it belongs to is denied earns nothing.
    denied = "There is no platform fault and I have not raised your bid; the new one is 1.00."
    assert score(denied, FAULT, RAISED, new_bid) == pytest.approx(1 / 3)
    # Out-of-range positions are never met (a malformed point cannot pass by default).
    assert score(REF, FAULT, Point(any=["1.00"], anchor=True, requires=[7])) == 0.5


def test_the_fast_paths_of_words_and_figures_read_what_the_full_scans_read() -> None:
    import re

    from ecomstage_env.scoring import points as P

    # The number-word pattern without its first-letter lookahead, and _words / the date
    # and time passes without their literal pre-checks: the same tokens and figures.
    full = re.compile(
        r"\b(" + "|".join(P._TENS) + r")(?:[- ](" + "|".join(P._ONES) + r"))?\b"
        r"|\b(" + "|".join(P._ALONE) + r")\b",
        re.I,
    )

    def words(text: str) -> list[str]:
        text = P._NUMBER_ABBREVIATION.sub("number ", text)
        text = P._NO_COMPOUND.sub(r"\1_", text)
        return P._WORD.findall(text.lower().replace("’", "'"))

    texts = [
        "No.1 seller, NON-stop and no-reason returns; nO. 3 is not no.",
        "Twenty-five, FIFTY one, seventeen, zero and eleven (not ten) at 11:40 on 2026-11-12",
        "often content attention: 3-7 days, 1,137.50 or ¥1.1k, the 12th",
        "",
        "我们在2026-11-12发货, 二十 twenty",
    ]
    for text in texts:
        assert [m.groups() for m in P._NUMBER_WORDS.finditer(text)] == [
            m.groups() for m in full.finditer(text)
        ]
        assert P._words(text) == words(text)
        t = P.Text(text)  # each token's clause: the breaks at or before it (bar a first)
        breaks = [i > 0 and tok in P._BREAKS for i, tok in enumerate(t.tokens)]
        assert t.clause_of == [sum(breaks[: i + 1]) for i in range(len(t.tokens))]
    figures = [n.value for n in P.figures_in(texts[1])]
    assert figures == [20261112.0, 11 + 40 / 60, 25.0, 51.0, 17.0, 0.0, 11.0, 10.0]


def test_number_words_with_letters_that_fold_to_ascii_are_read_not_crashed_on() -> None:
    from ecomstage_env.scoring.points import figures_in

    # The long s and the Kelvin sign match the case-insensitive pattern; they read as
    # the number word they fold to instead of raising out of the scorer.
    assert [n.value for n in figures_in("ſeven days")] == [7.0]
    assert [n.value for n in figures_in("ſixty-two")] == [62.0]


# -- issue 12: hedges, offers, fullwidth digits ---------------------------------------------
COUPON_REF = "I've added a 20-yuan coupon to your account for order O-3019."
COUPON = Point(any=["coupon"], figure=20)
ADDED = Point(any=["added", "issued", "credited"], note="the coupon was issued")
ORDER = Point(any=["O-3019"], anchor=True)
OFFERS = {
    "return": ["open a return"],
    "exchange": ["arrange an exchange"],
    "cash": ["yuan cash"],
}


def coupon_score(text: str, **params: object) -> float:
    field = FieldSpec(name="reply", type="text", description="d", scorer="points")
    p = PointsParams(points=[COUPON, ADDED, ORDER], **params)  # type: ignore[arg-type]
    return points_scorer(text, COUPON_REF, FieldContext(field=field, params=p)).value


@pytest.mark.parametrize(
    "text",
    [
        COUPON_REF,
        "A 20 yuan coupon has been added to your account (order O-3019).",
        "I've issued you a ¥20 coupon for O-3019, which you can use on any order.",
        "For order O-3019 I've credited a 20-yuan coupon. Let me know if you need anything else.",
    ],
)
def test_a_reply_that_says_what_was_done_meets_its_points_with_hedges_on(text: str) -> None:
    assert coupon_score(text, hedges=True) == 1.0


@pytest.mark.parametrize(
    "text",
    [
        # the reviewer's hedge_facts reply: every outcome as something we *can* do
        "About order O-3019, your Cloudnest down: I can open a return, arrange an exchange, "
        "issue a 20 yuan coupon, pay 15 yuan cash, or pass it to a specialist who replies "
        "within 24 hours, whichever you prefer.",
        "Would you like me to add a 20 yuan coupon for order O-3019?",
        "If you like, I could add a 20 yuan coupon for order O-3019.",
        "For O-3019 我们可以 issue a 20 yuan coupon.",
    ],
)
def test_an_offer_or_a_question_does_not_state_the_change(text: str) -> None:
    assert coupon_score(text) >= 2 / 3  # read as statements, these met the points
    assert (
        coupon_score(text, hedges=True) == pytest.approx(1 / 3)
        or coupon_score(text, hedges=True) == 0.0
    )  # at most the order is named


def test_offering_an_outcome_the_case_did_not_reach_zeroes_the_reply() -> None:
    hedged_gold = (
        COUPON_REF + " If that does not suit you, we could also open a return, arrange an "
        "exchange, refund the fee or pass it to a specialist."
    )
    params = {"hedges": True, "offers": OFFERS, "false_claims": ["return", "exchange", "cash"]}
    params["claims"] = {k: ["{i've|we've} done it"] for k in OFFERS}
    assert coupon_score(hedged_gold, hedges=True) == 1.0  # the extra sentence alone is a hedge
    assert coupon_score(hedged_gold, **params) == 0.0
    assert coupon_score(COUPON_REF, **params) == 1.0
    # a refusal names an outcome without offering it
    assert coupon_score(COUPON_REF + " I can't open a return for it.", **params) == 1.0


def test_fullwidth_digits_and_ids_read_as_ascii() -> None:
    from ecomstage_env.scoring.statements import fold_width

    wide = "I've added a ２０-yuan coupon to your account for order O-３０１９."
    assert coupon_score(wide) == 1.0
    assert fold_width("２０．５％ Ｏ－３０１９") == "20.5% O-3019"
    # Chinese punctuation is left alone (it would become clause breaks), ASCII is untouched
    assert fold_width("好的，请问：有电话吗？") == "好的，请问：有电话吗？"
    plain = "order O-3019"
    assert fold_width(plain) is plain


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("I've added a coupon, which you can use on any order.", "I've added a coupon, which you"),
        (
            "I can't open a return; I've issued a coupon.",
            "I can't open a return; I've issued a coupon.",
        ),
        ("I'll open a return or add a coupon, whichever you prefer.", ""),
        ("Shall I send a replacement?", ""),
        ("已为您发放优惠券，不能退货。如果需要可以换货。", "已为您发放优惠券，不能退货。"),
        ("Refund of 20.5 yuan issued. Would you like a receipt?", "Refund of 20.5 yuan issued."),
    ],
)
def test_hedged_keeps_what_is_stated_and_drops_offers_questions_and_conditions(
    text: str, stated: str
) -> None:
    from ecomstage_env.scoring.statements import hedged

    assert hedged(text)[0] == stated


def test_names_only_tells_id_and_name_points_from_requests() -> None:
    """A point an order id alone meets says which order, not what is asked (no world: ids)."""
    from ecomstage_env.scoring.points import names_only

    assert names_only(Point(any=["O-6677"]))
    assert names_only(Point(any=["refund", "O-6677"]))
    assert not names_only(Point(any=["go"]))
    assert not names_only(Point(any=["order 6677"]))
    assert not names_only(Point(figure=15))

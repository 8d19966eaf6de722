"""order_logistics: the env, its cases, its world's tools and its policy's rules."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from gymnasium.utils.env_checker import check_env
from gymnasium.wrappers import OrderEnforcing, PassiveEnvChecker, RecordEpisodeStatistics, TimeLimit

import ecomstage
from ecomstage_env import Stage, ToolError
from ecomstage_env.agents import make_agent
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.env import resolve_scenario
from ecomstage_env.runner import evaluate

NAME = "order_logistics"
FOLDER = Path(resolve_scenario(NAME))
policy = import_from_folder(FOLDER, "policy")
world_mod = import_from_folder(FOLDER, "world")
SCENARIO = ecomstage.load_scenario(FOLDER)
CASES = SCENARIO.split("test")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))


def _code(case: Any) -> str:
    gold = case.gold[Stage.ACTION]["decision"]
    return str(next(o.code for o in case.options["decision"] if o.id == gold))


def _case(order_id: str) -> Any:
    return next(c for c in CASES if c.world_refs["order_id"] == order_id)


# -- the env ---------------------------------------------------------------------------
def test_make_and_check_env() -> None:
    env = ecomstage.make(NAME)
    check_env(env.unwrapped)
    obs, info = env.reset(seed=3)
    assert obs["stage"] == "perception" and info["scenario"] == NAME


def test_standard_wrappers_work() -> None:
    env = RecordEpisodeStatistics(
        TimeLimit(OrderEnforcing(PassiveEnvChecker(ecomstage.make(NAME).unwrapped)), 50)
    )
    env.reset(seed=0)
    done, info = False, dict[str, Any]()
    while not done:
        _, _, terminated, truncated, info = env.step("{}")
        done = terminated or truncated
    assert set(info["episode"]) >= {"r", "l", "t"}


# -- the cases -------------------------------------------------------------------------
def test_enough_cases_and_no_label_dominates() -> None:
    assert len(CASES) >= 80
    codes = Counter(_code(c) for c in CASES)
    assert set(codes) == set(policy.DECISIONS)
    assert max(codes.values()) <= 0.3 * len(CASES)
    intents = Counter(c.gold[Stage.PERCEPTION]["intent"] for c in CASES)
    assert set(intents) == {"2", "3", "4", "6"}
    assert max(intents.values()) < 0.4 * len(CASES)  # always-the-commonest stays under 40
    requests = Counter(c.world_refs["request"] for c in CASES)
    assert set(requests) == set(policy.REQUESTS)


def _intent_texts(last: bool) -> tuple[list[str], list[str]]:
    from ecomstage_env.checks.shortcuts import user_lines, visible_text

    texts = [user_lines(c)[-1] if last else visible_text(c) for c in CASES]
    return texts, [str(c.gold[Stage.PERCEPTION]["intent"]) for c in CASES]


def _word_model_accuracy(texts: list[str], labels: list[str]) -> float:
    """A word-model shortcut agent, as the hostile reviews played it: for each case, a
    bag-of-words logistic regression fitted on every other case's text and gold intent
    (leave-one-out) answers the intent; the share it gets right."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    sklearn_linear = pytest.importorskip("sklearn.linear_model")
    right = 0
    for i, text in enumerate(texts):
        vec = sklearn_text.CountVectorizer()
        train = vec.fit_transform(texts[:i] + texts[i + 1 :])
        model = sklearn_linear.LogisticRegression(max_iter=2000)
        model.fit(train, labels[:i] + labels[i + 1 :])
        right += model.predict(vec.transform([text]))[0] == labels[i]
    return right / len(texts)


@pytest.mark.slow
@pytest.mark.parametrize("last", [True, False], ids=["last_turn", "whole_dialogue"])
def test_a_word_model_cannot_read_the_intent(last: bool) -> None:
    # The intent is one label a word model could learn from words alone ("refund the
    # shipping" is 6, "send another" 4): the dialogues hold hard negatives (another
    # intent's words negated, withdrawn or set aside), so the words do not give the label.
    # The audit's limit: chance among the labels used (1/4) + 15 points. On the data before
    # the hard negatives (first label of the old sets) this agent read 61.1% of the intents
    # from the last turn and 62.2% from the whole dialogue.
    texts, labels = _intent_texts(last)
    limit = 1 / len(set(labels)) + 0.15
    assert _word_model_accuracy(texts, labels) <= limit


def test_the_audit_word_models_stay_under_the_intent_limit() -> None:
    from ecomstage_env.checks.shortcuts import LabelModel

    spec = SCENARIO.spec
    stage = spec.stage(Stage.PERCEPTION)
    field = next(f for f in stage.fields if f.name == "intent")
    assert field.type == "label" and field.labels == ["2", "3", "4", "6"]
    model = LabelModel().fit(field, stage, CASES)
    gold = [str(c.gold[Stage.PERCEPTION]["intent"]) for c in CASES]
    guesses = {
        "naive Bayes": [model.bayes(field, c) for c in CASES],
        "naive Bayes, smoothing 0.1": [model.bayes(field, c, alpha=0.1) for c in CASES],
        "nearest case": [model.nearest_text(field, c) for c in CASES],
    }
    for name, guessed in guesses.items():
        share = sum(g == y for g, y in zip(guessed, gold, strict=True)) / len(CASES)
        assert share <= 0.40, name


def test_every_gold_is_what_the_policy_decides() -> None:
    for case in CASES:
        world = SCENARIO.new_world(case)
        assert world is not None
        gold = policy.decide(world.state, case.world_refs)
        assert _code(case) == gold.decision, case.case_id
        assert policy.check_case(world, case) == [], case.case_id


def test_menus_are_catalogue_groups_and_ids_carry_nothing() -> None:
    for case in CASES:
        codes = {o.code for o in case.options["decision"]}
        assert codes in [set(m) for m in policy.MENUS]
        assert case.case_id.startswith("ol-") and len(case.case_id) == 7
    assert [c.case_id for c in CASES] == sorted(c.case_id for c in CASES)
    positions = Counter(c.gold[Stage.ACTION]["decision"] for c in CASES)
    assert max(positions.values()) <= 0.4 * len(CASES)


def test_policy_goes_against_the_customer_in_some_cases() -> None:
    # an address change after shipping, a replacement for a parcel only delayed, a fee
    # refund outside the rule, an interception the courier does not support
    declined = Counter(c.world_refs["request"] for c in CASES if _code(c) == "decline")
    assert declined["address"] >= 3 and declined["intercept"] >= 3 and declined["fee"] >= 5
    delayed = [
        c for c in CASES if c.world_refs["request"] == "parcel" and _code(c) == "explain_status"
    ]
    assert len(delayed) >= 5


# -- the world's tools -----------------------------------------------------------------
def test_writes_change_only_the_episodes_copy() -> None:
    case = _case("O-1924")  # SF Express, in transit: interception allowed
    first, second = SCENARIO.new_world(case), SCENARIO.new_world(case)
    assert first is not None and second is not None
    first.call("intercept_shipment", {"order_id": "O-1924", "reason": "not needed"})
    assert first.outcome()["O-1924.intercepted"] is True
    assert second.outcome()["O-1924.intercepted"] is False
    fresh = SCENARIO.new_world(case)
    assert fresh is not None and fresh.outcome()["O-1924.status"] == "in_transit"


def test_address_outcome_is_normalised_field_by_field() -> None:
    case = _case("O-5821")
    world = SCENARIO.new_world(case)
    assert world is not None
    world.call(
        "change_address",
        {
            "order_id": "O-5821",
            "province": "Zhejiang Province",
            "city": "Hangzhou City",
            "district": "Binjiang District",
            "street": "Tower C, 600 Jiangling Road",
        },
    )
    out = world.outcome()
    assert out["O-5821.address.district"] == "binjiang"
    assert out["O-5821.address.city"] == "hangzhou"
    assert out["O-5821.address.street"] == world_mod.norm_street("Tower C, 600 Jiangling Rd")
    assert out["O-5821.address.name"] == "li na"  # kept


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("refund_shipping_fee", {"order_id": "O-9999", "reason": "lost"}),
        ("refund_shipping_fee", {"order_id": "O-4287", "reason": "changed_mind"}),
        ("issue_refund", {"order_id": "O-4287", "amount": math.nan, "reason": "x"}),
        ("issue_refund", {"order_id": "O-4287", "amount": math.inf, "reason": "x"}),
        ("issue_refund", {"order_id": "O-4287", "amount": True, "reason": "x"}),
        ("issue_refund", {"order_id": "O-4287", "amount": "ten", "reason": "x"}),
        ("issue_refund", {"order_id": "O-4287", "amount": 10.0, "reason": "x"}),
        ("intercept_shipment", {"order_id": "O-4287", "reason": "x"}),
        ("reship_order", {"order_id": "O-4287", "reason": "x"}),
        (
            "change_address",
            {"order_id": "O-4287", "province": "a", "city": "b", "district": "c", "street": "d"},
        ),
        ("track_shipment", {"order_id": "O-1001"}),
        ("get_order", {"order_id": True}),
        ("get_policy", {"topic": "teleport"}),
        ("no_such_tool", {}),
    ],
)
def test_tools_refuse_bad_input_with_an_error(tool: str, args: dict[str, Any]) -> None:
    world = SCENARIO.new_world(_case("O-4287"))  # delivered late, fee 10: refundable as late
    assert world is not None
    with pytest.raises(ToolError):
        world.call(tool, args)


def test_a_bad_call_is_an_error_observation_in_the_env() -> None:
    env = ecomstage.make(NAME)
    env.reset(options={"case_id": _case("O-4287").case_id})
    obs, reward, terminated, _, _ = env.step(
        json.dumps({"tool": "get_order", "arguments": {"order_id": 5.5}})
    )
    assert not terminated and reward == 0.0
    last = json.loads(obs["messages"])[-1]
    assert last["role"] == "tool" and last["content"].startswith("error:")


# -- the policy's rules, each on a small hand-made world ---------------------------------
ADDR = {
    "name": "T",
    "phone": "1",
    "province": "P",
    "city": "C",
    "district": "D",
    "street": "S",
}
NEW = {"province": "P2", "city": "C2", "district": "D2", "street": "S2"}


def _order(status: str = "in_transit", **over: Any) -> dict[str, Any]:
    shipped = status not in ("paid", "pending_payment")
    o: dict[str, Any] = {
        "order_id": "O-1",
        "customer_id": "U-1",
        "items": [
            {
                "sku": "P-1004-GRY",
                "product_id": "P-1004",
                "title": "K",
                "qty": 1,
                "unit_price": 189.0,
            }
        ],
        "status": status,
        "placed_at": "2026-07-01T10:00",
        "paid_at": "2026-07-01T10:01",
        "shipped_at": "2026-07-02T10:00" if shipped else None,
        "payment": {"method": "alipay", "amount": 199.0, "shipping_fee": 10.0},
        "address": ADDR,
        "courier": "SF Express" if shipped else None,
        "tracking_no": "T1" if shipped else None,
    }
    return {**o, **over}


def _scan(status: str, exc: str | None = None, time: str = "2026-07-03T10:00") -> dict[str, Any]:
    return {
        "tracking_no": "T1",
        "time": time,
        "location": "X hub",
        "status": status,
        "exception": exc,
    }


def _decide(request: str, order: dict[str, Any], scans: list[dict[str, Any]], **refs: Any) -> Any:
    state = world_mod.ShopState.model_validate(
        {
            **BASE,
            "today": "2026-07-14",
            "customers": [{"customer_id": "U-1", "name": "T"}],
            "orders": [order],
            "logistics": scans,
            **refs.pop("extra", {}),
        }
    )
    return policy.decide(
        state, {"customer_id": "U-1", "order_id": "O-1", "request": request, **refs}
    )


def test_address_rules() -> None:
    moving = [_scan("picked_up", time="2026-07-02T10:00"), _scan("in_transit")]
    paid = _decide("address", _order("paid"), [], new_address=NEW)
    assert paid.decision == "change_address"  # A1
    assert paid.writes[0].arguments == {"order_id": "O-1", **NEW}
    assert _decide("address", _order(), moving, consent_intercept=True).decision == "intercept"
    assert _decide("address", _order(), moving).decision == "offer_intercept"  # A3: no consent
    zto = _order(courier="ZTO Express")
    assert _decide("address", zto, moving, consent_intercept=True).decision == "decline"
    out = _order("out_for_delivery")
    assert (
        _decide(
            "address",
            out,
            [*moving, _scan("out_for_delivery", time="2026-07-04T08:00")],
            consent_intercept=True,
        ).decision
        == "decline"
    )


def test_intercept_rules() -> None:
    moving = [_scan("picked_up")]
    gold = _decide("intercept", _order("shipped"), moving)
    assert gold.decision == "intercept" and gold.writes[0].name == "intercept_shipment"
    assert _decide("intercept", _order(courier="EMS"), moving).decision == "decline"
    assert _decide("intercept", _order("delivered"), [_scan("delivered")]).decision == "decline"


def test_parcel_rules() -> None:
    lost = [_scan("in_transit"), _scan("exception", "lost", "2026-07-05T10:00")]
    gold = _decide("parcel", _order(), lost)
    assert gold.decision == "reship" and gold.writes[0].name == "reship_order"
    assert any("T1-R1" in p.any for p in gold.points)  # the new tracking number
    assert _decide("parcel", _order(), [_scan("in_transit")]).decision == "explain_status"
    assert _decide("parcel", _order("paid"), []).decision == "explain_status"
    assert _decide("parcel", _order("delivered"), [_scan("delivered")]).decision == "decline"
    again = {"reships": [{"reship_id": "RS-1", "order_id": "O-1", "tracking_no": "T1-R1"}]}
    assert _decide("parcel", _order(), lost, extra=again).decision == "decline"  # once only
    paid_back = {
        "refunds": [
            {"refund_id": "RF-1", "order_id": "O-1", "kind": "item", "amount": 189.0, "reason": "x"}
        ]
    }
    assert _decide("parcel", _order(), lost, extra=paid_back).decision == "decline"


def test_fee_rules_and_the_late_boundary() -> None:
    def delivered(day: int, **over: Any) -> dict[str, Any]:
        return _order("delivered", delivered_at=f"2026-07-{2 + day:02d}T10:00", **over)

    scans = [_scan("delivered")]
    assert _decide("fee", delivered(5), scans).decision == "refund_fee"  # day 5: late
    assert _decide("fee", delivered(4), scans).decision == "decline"  # day 4: on time
    free = delivered(6, payment={"method": "alipay", "amount": 189.0, "shipping_fee": 0.0})
    assert _decide("fee", free, scans).decision == "decline"
    done = {
        "refunds": [
            {
                "refund_id": "RF-1",
                "order_id": "O-1",
                "kind": "shipping_fee",
                "amount": 10.0,
                "reason": "late_delivery",
            }
        ]
    }
    assert _decide("fee", delivered(6), scans, extra=done).decision == "decline"
    lost = [_scan("exception", "lost")]
    gold = _decide("fee", _order(), lost)
    assert gold.decision == "refund_fee"
    assert gold.writes[0].arguments == {"order_id": "O-1", "reason": "lost"}
    assert _decide("fee", _order(), [_scan("in_transit")]).decision == "decline"  # not delivered


def test_a_second_request_adds_its_write_and_its_claims() -> None:
    lost = [_scan("exception", "lost")]
    gold = _decide("parcel", _order(), lost, also_fee=True)
    assert [w.name for w in gold.writes] == ["reship_order", "refund_shipping_fee"]
    assert "reship" not in gold.false_claims and "fee_refund" not in gold.false_claims
    assert set(gold.false_claims) == {"address", "intercept", "item_refund"}


def test_false_claims_are_every_change_but_the_writes_own() -> None:
    assert policy.false_claims(()) == list(policy.CLAIM_KINDS)
    assert policy.false_claims(("address",)) == ["intercept", "reship", "fee_refund", "item_refund"]


# -- baselines -------------------------------------------------------------------------
def test_baselines_sit_between_floor_and_oracle() -> None:
    def mean(rs: list[ecomstage.EpisodeResult]) -> float:
        return sum(r.total for r in rs) / len(rs)

    oracle = evaluate(ecomstage.OracleAgent(), NAME)
    assert all(r.total == 1.0 for r in oracle)
    rnd = evaluate(ecomstage.RandomAgent(seed=0), NAME)
    keyword = evaluate(ecomstage.KeywordAgent(), NAME)
    majority = evaluate(make_agent("majority"), NAME)
    assert 0.0 < mean(rnd) < 0.4
    assert 0.0 < mean(keyword) < 0.5 and 0.0 < mean(majority) < 0.5
    assert evaluate(ecomstage.RandomAgent(seed=0), NAME) == rnd  # seeded


# -- hostile-review fixes ----------------------------------------------------------------
def _claims() -> dict[str, list[str]]:
    import tomllib

    spec = tomllib.loads((FOLDER / "spec.toml").read_text(encoding="utf-8"))
    action = next(s for s in spec["stages"] if s["stage"] == "action")
    reply = next(f for f in action["fields"] if f["name"] == "reply")
    return dict(reply["params"]["claims"])


def _claimed(text: str) -> list[str]:
    from ecomstage_env.scoring.points import Point, PointsParams, Text, claims_made

    claims = _claims()
    params = PointsParams(points=[Point(any=["x"])], claims=claims, false_claims=list(claims))
    return claims_made(Text(text), params)


@pytest.mark.parametrize(
    "text",
    [
        "We refund the shipping fee only when a parcel is lost, damaged or delivered late.",
        "We refund the shipping fee only once a parcel is delivered late or is lost or "
        "damaged, not while it is still on its way, so I can't refund the 10 yuan now.",
        "We change the delivery address only for orders that have not shipped.",
        "We send a replacement only when the courier reports the parcel lost or damaged.",
        "The shipping fee has not been refunded.",
    ],
)
def test_a_rule_or_a_negation_is_not_a_claim(text: str) -> None:
    assert _claimed(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I've refunded the shipping fee of 12 yuan.", "fee_refund"),
        ("Your shipping fee has been refunded.", "fee_refund"),
        ("I have changed your delivery address to Wuzhong.", "address"),
        ("We've sent a replacement today.", "reship"),
        ("The parcel has been intercepted.", "intercept"),
    ],
)
def test_a_change_made_is_a_claim(text: str, kind: str) -> None:
    assert kind in _claimed(text)


def test_outcome_points_carry_polarity() -> None:
    from ecomstage_env.scoring.points import Text, point_met

    gold = _decide("fee", _order(), [_scan("exception", "lost")])
    done = next(p for p in gold.points if "change made" in p.note)
    ref = Text("I've refunded the 10 yuan shipping fee.")
    assert point_met(ref, done, ref)
    assert not point_met(Text("The shipping fee of 10 yuan has not been refunded."), done, ref)
    assert not point_met(Text("10 yuan, lost, refund."), done, ref)


def test_a_new_tracking_number_counts_only_with_the_replacement_stated() -> None:
    from ecomstage_env.data.schema import FieldSpec
    from ecomstage_env.scoring import FieldContext
    from ecomstage_env.scoring.points import PointsParams, points_scorer

    for case in CASES:
        if _code(case) != "reship":
            continue
        grading = case.grading["action.reply"]
        number = next(p for p in grading["points"] if "tracking number" in p.get("note", ""))
        params = PointsParams(points=grading["points"])
        field = FieldSpec(name="reply", type="text", description="d", scorer="points")
        ctx = FieldContext(field=field, params=params)
        ref = case.gold[Stage.ACTION]["reply"]
        assert points_scorer(ref, ref, ctx).value == 1.0
        denied = f"No replacement was sent. The new tracking number is {number['any'][0]}."
        assert points_scorer(denied, ref, ctx).value == 0.0, case.case_id


def test_address_parts_in_any_order_are_the_same_street() -> None:
    a = world_mod.norm_street("Rm 1802, 9 Dongwu North Road")
    assert a == world_mod.norm_street("9 Dongwu North Road, Room 1802")
    assert a == world_mod.norm_street("9 Dongwu N Rd Rm. 1802")
    assert a != world_mod.norm_street("9 Dongwu North Road, Room 1803")


@pytest.mark.parametrize(
    ("province", "city", "street", "match"),
    [
        ("Atlantis", "zzz", "12 Wensan Road, Apt 301", "do not deliver"),
        ("Zhejiang", "Hangzhou", "x", "too short"),
    ],
)
def test_change_address_refuses_places_the_shop_does_not_deliver_to(
    province: str, city: str, street: str, match: str
) -> None:
    world = SCENARIO.new_world(_case("O-5821"))
    assert world is not None
    args = {"province": province, "city": city, "district": "d", "street": street}
    with pytest.raises(ToolError, match=match):
        world.call("change_address", {"order_id": "O-5821", **args})
    assert world.outcome()["O-5821.address.city"] == "hangzhou"


def test_a_refusal_while_on_the_way_accepts_explain_or_decline() -> None:
    gold = _decide("fee", _order(), [_scan("in_transit")])
    assert gold.decision == "decline" and gold.also == ("explain_status",)
    gold = _decide("parcel", _order(), [_scan("in_transit")])
    assert gold.decision == "explain_status" and gold.also == ("decline",)
    accepted = [c for c in CASES if c.grading.get("action.decision", {}).get("accept")]
    assert 0 < len(accepted) < len(CASES) / 2


# -- the train split (generate.py) ----------------------------------------------------------
def _train(n: int = 256, seed: int = 0) -> list[Any]:
    from ecomstage_env.data.generate import with_train_split

    return list(with_train_split(SCENARIO, n, seed).split("train"))


def test_train_split_is_apart_from_test_and_covers_every_decision() -> None:
    from ecomstage_env.data.generate import NEAR_DUPLICATE, dialogue_text, max_similarity

    env: Any = ecomstage.make(NAME, split="train").unwrapped
    train = list(env.cases)
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in CASES}
    test_texts = [dialogue_text(c) for c in CASES]
    assert max_similarity([dialogue_text(c) for c in train], test_texts) < NEAR_DUPLICATE
    codes = Counter(_code(c) for c in train)
    assert set(codes) == set(policy.DECISIONS)
    assert max(codes.values()) <= 0.35 * len(train)
    assert {c.world_refs["request"] for c in train} == set(policy.REQUESTS)
    intents = Counter(c.gold[Stage.PERCEPTION]["intent"] for c in train)
    assert set(intents) == {"2", "3", "4", "6"} and max(intents.values()) < 0.5 * len(train)
    # Every generated case plays: the oracle earns 1.0 on one of them through the env.
    result = ecomstage.run_episode(
        ecomstage.make(NAME, split="train"), ecomstage.OracleAgent(), seed=5
    )
    assert result.total == 1.0 and "-train-0-" in result.case_id


def test_generated_cases_pass_the_curated_cases_checks() -> None:
    from ecomstage_env.checks.validate import check_cases
    from ecomstage_env.data.generate import with_train_split

    assert check_cases(with_train_split(SCENARIO, 30, seed=7), split="train") == []


def test_a_seed_fixes_the_train_cases() -> None:
    a, b, c = _train(12, 1), _train(12, 1), _train(12, 2)
    assert a == b and [x.dialogue for x in a] != [x.dialogue for x in c]


# -- the reply checked against the world ------------------------------------------------
STATUS_CLAIM = (  # the second review's status_claim reply on ol-052a (no write made)
    "Your Lumen desk lamp LED (order O-6677) has not shipped yet, and I've updated it as you asked."
)


def action_score(case_id: str, writes: list[dict[str, Any]], reply: str) -> Any:
    """Play ``case_id`` with the oracle up to action, then the gold decision, ``writes`` and
    ``reply``: the Action stage's score."""
    env = ecomstage.make(NAME)
    u: Any = env.unwrapped
    _, info = env.reset(seed=0, options={"case_id": case_id})
    oracle = ecomstage.OracleAgent()
    while info["stage"] != "action":
        _, _, _, _, info = env.step(oracle.act({}, {**info, "grader": u.grader_view()}))
    case = next(c for c in CASES if c.case_id == case_id)
    answer = {"decision": case.gold[Stage.ACTION]["decision"], "writes": writes, "reply": reply}
    _, _, _, _, info = env.step(json.dumps(answer))
    return info["stage_score"]


def _reply_score(case_id: str, writes: list[dict[str, Any]], reply: str) -> tuple[float, float]:
    """:func:`action_score`'s writes and reply parts."""
    parts = action_score(case_id, writes, reply).components
    return parts["writes"], parts["reply"]


def test_a_claimed_change_with_no_write_scores_nothing() -> None:
    due = _case("O-6677").gold[Stage.ACTION]["writes"]
    assert _reply_score("ol-052a", [], STATUS_CLAIM) == (0.0, 0.0)
    writes, reply = _reply_score("ol-052a", due, STATUS_CLAIM)
    assert writes == 1.0 and reply == 1.0


@pytest.mark.parametrize(
    ("case_id", "reply"),
    [
        # each change point in other words, with no write made
        ("ol-052a", "The lamp (O-6677) has not shipped, so we have now amended the address."),
        ("ol-052a", "O-6677 hasn't shipped yet; it will now go to 12 Shiquan St, Rm 3."),
    ],
)
def test_a_change_in_other_words_needs_the_write(case_id: str, reply: str) -> None:
    due = next(c for c in CASES if c.case_id == case_id).gold[Stage.ACTION]["writes"]
    assert _reply_score(case_id, [], reply)[1] == 0.0
    assert _reply_score(case_id, due, reply)[1] == 1.0


@pytest.mark.parametrize(
    "tool", ["change_address", "intercept_shipment", "reship_order", "refund_shipping_fee"]
)
def test_the_gold_reply_without_its_write_scores_nothing(tool: str) -> None:
    case = next(c for c in CASES if [w["name"] for w in c.gold[Stage.ACTION]["writes"]] == [tool])
    gold = case.gold[Stage.ACTION]
    assert _reply_score(case.case_id, [], gold["reply"])[1] == 0.0
    assert _reply_score(case.case_id, gold["writes"], gold["reply"])[1] == 1.0


def test_a_reply_with_no_change_due_is_the_points_scorer() -> None:
    case = next(c for c in CASES if _code(c) == "offer_intercept")
    assert _reply_score(case.case_id, [], case.gold[Stage.ACTION]["reply"])[1] == 1.0


def test_every_change_point_is_checked_and_no_other() -> None:
    scorers = import_from_folder(FOLDER, "scorers")
    from ecomstage_env.scoring.points import Point

    owns = {"change_address": "address", "intercept_shipment": "intercept"}
    owns |= {"reship_order": "reship", "refund_shipping_fee": "fee_refund"}
    seen: set[str] = set()
    for case in CASES:
        points = [Point.model_validate(p) for p in case.grading["action.reply"]["points"]]
        kinds = {k for k in map(scorers.change_kind, points) if k is not None}
        due = {owns[w["name"]] for w in case.gold[Stage.ACTION]["writes"]}
        # only changes the writes make are checked: a case with none due is the points scorer
        assert kinds <= due, case.case_id
        seen |= kinds
    assert seen == set(owns.values())

"""merchant_account: the env, its cases, its world's tools and its policy's rules."""

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

NAME = "merchant_account"
FOLDER = Path(resolve_scenario(NAME))
policy = import_from_folder(FOLDER, "policy")
world_mod = import_from_folder(FOLDER, "world")
SCENARIO = ecomstage.load_scenario(FOLDER)
CASES = SCENARIO.split("test")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))


def _code(case: Any) -> str:
    gold = case.gold[Stage.ACTION]["decision"]
    return str(next(o.code for o in case.options["decision"] if o.id == gold))


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
    routes = Counter(c.gold[Stage.PLANNING]["route"] for c in CASES)
    assert routes["E"] >= 35 and routes["F"] >= 35
    assert max(routes.values()) <= 0.55 * len(CASES)
    codes = Counter(_code(c) for c in CASES)
    assert set(codes) == set(policy.DECISIONS)
    assert max(codes.values()) <= 0.5 * len(CASES)
    intents = Counter(i for c in CASES for i in c.gold[Stage.PERCEPTION]["intents"])
    assert max(intents.values()) <= 0.5 * sum(intents.values())


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
        assert case.case_id.startswith("ma-") and len(case.case_id) == 7
    assert [c.case_id for c in CASES] == sorted(c.case_id for c in CASES)


# -- the world's tools -----------------------------------------------------------------
def _case(ref: str) -> Any:
    return next(c for c in CASES if c.world_refs["record_id"] == ref)


def test_writes_change_only_the_episodes_copy() -> None:
    case = _case("WR-2451")  # an overdue request: expedite
    first, second = SCENARIO.new_world(case), SCENARIO.new_world(case)
    assert first is not None and second is not None
    first.call("expedite", {"record_id": "WR-2451"})
    assert first.outcome()["WR-2451.handling"] == "expedite"
    assert second.outcome()["WR-2451.handling"] == "none"
    assert SCENARIO.new_world(case).outcome()["WR-2451.handling"] == "none"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("submit_balance_refund", {"amount": math.nan}),
        ("submit_balance_refund", {"amount": math.inf}),
        ("submit_balance_refund", {"amount": True}),
        ("submit_balance_refund", {"amount": "lots"}),
        ("submit_balance_refund", {"amount": 10.0**9}),
        ("submit_balance_refund", {"amount": 50}),
        ("expedite", {"record_id": "WR-0000"}),
        ("expedite", {"record_id": "X-1"}),
        ("file_appeal", {"record_id": "CO-0000", "reason": "wrong"}),
        ("resubmit_content", {"order_id": "CO-0000", "draft_id": "D-0001"}),
        ("get_balance_request", {"request_id": "WR-0000"}),
        ("get_account", {"merchant_id": "M-0001"}),
        ("no_such_tool", {}),
    ],
)
def test_tools_refuse_bad_input_with_an_error(tool: str, args: dict[str, Any]) -> None:
    world = SCENARIO.new_world(_case("WR-7048"))  # rejected, 7,750 withdrawable
    assert world is not None
    with pytest.raises(ToolError):
        world.call(tool, args)


def test_a_bad_call_is_an_error_observation_in_the_env() -> None:
    env = ecomstage.make(NAME)
    obs, _ = env.reset(options={"case_id": _case("WR-7048").case_id})
    obs, reward, terminated, _, _ = env.step(
        json.dumps({"tool": "list_balance_requests", "arguments": {"merchant_id": True}})
    )
    assert not terminated and reward == 0.0
    last = json.loads(obs["messages"])[-1]
    assert last["role"] == "tool" and last["content"].startswith("error:")


def test_submit_refuses_more_than_withdrawable_and_accepts_it() -> None:
    world = SCENARIO.new_world(_case("WR-7048"))
    assert world is not None
    with pytest.raises(ToolError, match="exceeds the withdrawable"):
        world.call("submit_balance_refund", {"amount": 10000})
    world.call("submit_balance_refund", {"amount": 7750})
    assert world.outcome()["new_request_amount"] == 7750


# -- the policy's rules, each on a small hand-made world ---------------------------------
def _state(**parts: Any) -> Any:
    return world_mod.AccountState.model_validate({**BASE, **parts})


MERCHANT = {"merchant_id": "M-1000", "shop_name": "T", "balance": 1000.0, "bank_verified": True}


def _request(**over: Any) -> dict[str, Any]:
    r = {
        "request_id": "WR-1000",
        "merchant_id": "M-1000",
        "amount": 500.0,
        "status": "rejected",
        "submitted": "2026-11-20",
        "decided": "2026-11-26",
        "rejection_reason": "exceeds_withdrawable",
        "at_submission": {"bank_verified": True, "withdrawable": 300.0, "overdue_invoices": 0},
    }
    return {**r, **over}


def _order(**over: Any) -> dict[str, Any]:
    checks = {
        "partnership_label": True,
        "medical_claim": False,
        "absolute_claim": False,
        "licensed_music": False,
        "competitor_brand": False,
    }
    o = {
        "order_id": "CO-1000",
        "merchant_id": "M-1000",
        "creator": "C",
        "fee": 100.0,
        "content_title": "T",
        "content_type": "video",
        "checks": checks,
        "review_status": "needs_revision",
        "rule_id": "CR-04",
        "submitted": "2026-11-20",
        "decided": "2026-11-26",
    }
    return {**o, **over}


def _decide_request(merchant: dict[str, Any] | None = None, asks: bool = False, **req: Any) -> str:
    state = _state(merchants=[merchant or MERCHANT], balance_requests=[_request(**req)])
    refs = {"merchant_id": "M-1000", "record_id": "WR-1000", "asks_new_request": asks}
    return str(policy.decide(state, refs).decision)


def _decide_order(**order: Any) -> str:
    state = _state(merchants=[MERCHANT], collab_orders=[_order(**order)])
    return str(policy.decide(state, {"merchant_id": "M-1000", "record_id": "CO-1000"}).decision)


def test_request_rules() -> None:
    assert _decide_request(status="completed", rejection_reason=None) == "explain_only"
    within: dict[str, Any] = {"status": "processing", "rejection_reason": None, "decided": None}
    assert _decide_request(**within, submitted="2026-11-25") == "explain_only"  # 3 of 5 days
    assert _decide_request(**within, submitted="2026-11-20") == "expedite"  # 6 days
    assert _decide_request(rejection_reason="risk_hold") == "escalate"
    wrong = {"bank_verified": True, "withdrawable": 900.0, "overdue_invoices": 0}
    assert _decide_request(at_submission=wrong) == "file_appeal"
    assert _decide_request(at_submission=wrong, decided="2026-11-20") == "explain_only"  # late
    assert _decide_request(asks=True) == "submit_refund_request"
    unverified = {**MERCHANT, "bank_verified": False}
    assert _decide_request(unverified, asks=True) == "explain_only"
    owes = {**MERCHANT, "overdue_invoices": 80.0}
    assert _decide_request(owes, asks=True) == "explain_only"
    frozen = {**MERCHANT, "frozen": [{"amount": 950.0, "reason": "collab_escrow"}]}
    assert _decide_request(frozen, asks=True) == "explain_only"  # 50 < the 100 minimum


def test_a_new_request_is_for_the_lower_of_the_old_and_withdrawable_amounts() -> None:
    merchant = {**MERCHANT, "frozen": [{"amount": 400.0, "reason": "pending_ad_charges"}]}
    state = _state(merchants=[merchant], balance_requests=[_request(amount=900.0)])
    gold = policy.decide(
        state, {"merchant_id": "M-1000", "record_id": "WR-1000", "asks_new_request": True}
    )
    assert gold.writes[0].arguments == {"amount": 600.0}


def test_order_rules() -> None:
    assert _decide_order(review_status="approved", rule_id=None) == "explain_only"
    pending = {"review_status": "pending", "rule_id": None, "decided": None}
    assert _decide_order(**pending, submitted="2026-11-27") == "explain_only"  # 1 of 3 days
    assert _decide_order(**pending, submitted="2026-11-24") == "expedite"  # 4 days
    licensed = {**_order()["checks"], "licensed_music": True}
    assert _decide_order(checks=licensed) == "file_appeal"  # the rule cited is not broken
    assert _decide_order(checks=licensed, decided="2026-11-20") == "explain_only"  # late
    assert _decide_order(resubmissions=2, revised_draft="D-1000") == "escalate"
    # both resubmissions used, nothing uploaded, the rule broken: explain, do not escalate
    assert _decide_order(resubmissions=2) == "explain_only"
    # ... unless the checks clear the content and the appeal window is gone
    late = {"checks": licensed, "decided": "2026-11-20"}
    assert _decide_order(resubmissions=2, **late) == "escalate"
    assert _decide_order(revised_draft="D-1000") == "resubmit_content"
    assert _decide_order() == "explain_only"


def test_false_claims_are_every_change_but_the_decisions_own() -> None:
    assert policy.false_claims("expedite") == ["submit", "appeal", "resubmit", "escalate"]
    assert policy.false_claims("explain_only") == list(policy.CLAIM_KINDS)


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


# -- the library change this scenario needed: bools are not numbers -----------------------
def test_world_call_refuses_a_bool_for_a_number_argument() -> None:
    from pydantic import BaseModel

    from ecomstage_env import ToolKind, World, tool

    class _S(BaseModel):
        n: int = 0

    class _W(World[_S]):
        state_model = _S

        @tool(ToolKind.WRITE)
        def add(self, x: float, times: int | None = None) -> float:
            """Add.

            Args:
                x: Amount.
                times: How often.
            """
            return x * (times or 1)

    w = _W(_S())
    assert w.call("add", {"x": 2, "times": 3}) == 6
    with pytest.raises(ToolError, match=r"x: .*true/false is not a valid value"):
        w.call("add", {"x": True})
    with pytest.raises(ToolError, match=r"times: .*true/false is not a valid value"):
        w.call("add", {"x": 1.5, "times": False})


# -- the library change this scenario needed: baselines answer set-of-label fields --------
@pytest.mark.parametrize("agent", ["majority", "random", "keyword"])
def test_baselines_answer_the_intents_set(agent: str) -> None:
    results = evaluate(make_agent(agent), NAME)
    assert all(not r.errors for r in results)
    intents = [r.stage_scores["perception"].components["intents"] for r in results]
    assert 0.0 < sum(intents) / len(intents) < 0.6


# -- the tools refuse what the platform refuses ----------------------------------------
def _world(**parts: Any) -> Any:
    return world_mod.AccountWorld(_state(merchants=[MERCHANT], **parts), {"merchant_id": "M-1000"})


@pytest.mark.parametrize("amount", ["1e3", "500", "", "nan"])
def test_submit_refuses_text_for_an_amount(amount: str) -> None:
    world = _world(balance_requests=[_request()])
    with pytest.raises(ToolError, match="not text"):
        world.call("submit_balance_refund", {"amount": amount})
    assert len(world.state.balance_requests) == 1
    world.call("submit_balance_refund", {"amount": 500})  # a JSON number is taken
    assert len(world.state.balance_requests) == 2


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("file_appeal", {"record_id": "CO-1000", "reason": ""}),
        ("file_appeal", {"record_id": "CO-1000", "reason": "   "}),
        ("escalate_to_specialist", {"record_id": "CO-1000", "summary": ""}),
        ("escalate_to_specialist", {"record_id": "CO-1000", "summary": "\n\t"}),
    ],
)
def test_empty_required_text_is_refused(tool: str, args: dict[str, Any]) -> None:
    world = _world(collab_orders=[_order()])
    with pytest.raises(ToolError, match="is empty"):
        world.call(tool, args)
    assert world.outcome()["CO-1000.handling"] == "none"


def test_expedite_is_refused_inside_the_window_and_taken_after_it() -> None:
    within = _world(
        collab_orders=[
            _order(review_status="pending", rule_id=None, decided=None, submitted="2026-11-27")
        ]
    )
    with pytest.raises(ToolError, match="1 of 3 business days"):
        within.call("expedite", {"record_id": "CO-1000"})
    request = _request(
        status="processing", rejection_reason=None, decided=None, submitted="2026-11-25"
    )
    with pytest.raises(ToolError, match="3 of 5 business days"):
        _world(balance_requests=[request]).call("expedite", {"record_id": "WR-1000"})
    late = _world(
        collab_orders=[
            _order(review_status="pending", rule_id=None, decided=None, submitted="2026-11-24")
        ]
    )
    late.call("expedite", {"record_id": "CO-1000"})
    assert late.outcome()["CO-1000.handling"] == "expedite"


def test_an_appeal_after_seven_days_is_refused() -> None:
    late = _world(collab_orders=[_order(decided="2026-11-20")])  # 10 days ago
    with pytest.raises(ToolError, match="within 7 days"):
        late.call("file_appeal", {"record_id": "CO-1000", "reason": "The label is there."})
    on_time = _world(collab_orders=[_order(decided="2026-11-23")])  # 7 days ago
    on_time.call("file_appeal", {"record_id": "CO-1000", "reason": "The label is there."})
    assert on_time.outcome()["CO-1000.handling"] == "appeal"


def test_a_refused_write_is_an_error_observation_in_the_env() -> None:
    env = ecomstage.make(NAME)
    env.reset(options={"case_id": _case("WR-7048").case_id, "stage": "action"})
    obs, reward, terminated, _, _ = env.step(
        json.dumps({"tool": "submit_balance_refund", "arguments": {"amount": "1e3"}})
    )
    assert not terminated and reward == 0.0
    last = json.loads(obs["messages"])[-1]
    assert last["role"] == "tool" and last["content"].startswith("error:")


# -- the generated train split -----------------------------------------------------------
@pytest.fixture(scope="module")
def train_env() -> Any:
    return ecomstage.make(NAME, split="train").unwrapped


def test_the_train_split_is_generated_and_apart_from_test(train_env: Any) -> None:
    from ecomstage_env.data.generate import NEAR_DUPLICATE, dialogue_text, max_similarity

    train = train_env.cases
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in CASES}
    worst = max_similarity([dialogue_text(c) for c in train], [dialogue_text(c) for c in CASES])
    assert worst < NEAR_DUPLICATE
    texts = [dialogue_text(c) for c in train]
    assert len(set(texts)) == len(texts)


def test_train_covers_every_route_decision_and_intent(train_env: Any) -> None:
    train = train_env.cases
    per_route = Counter((c.gold[Stage.PLANNING]["route"], _code(c)) for c in train)
    for route, menu in (("E", policy.MENUS[0]), ("F", policy.MENUS[1])):
        assert {code for (r, code) in per_route if r == route} == set(menu)
    assert min(per_route.values()) >= 8
    intents = Counter(i for c in train for i in c.gold[Stage.PERCEPTION]["intents"])
    assert set(intents) == set(train_env.scenario.spec.stages[0].fields[0].labels)
    # A new balance request is filed only where the merchant asked for one, in words.
    for c in train:
        if _code(c) == "submit_refund_request":
            assert c.world_refs["asks_new_request"] is True
            assert "ask_next_step" in c.gold[Stage.PERCEPTION]["intents"]


def test_a_train_sample_passes_the_curated_cases_checks() -> None:
    from ecomstage_env.checks.validate import check_cases
    from ecomstage_env.data.generate import with_train_split

    scenario = with_train_split(ecomstage.load_scenario(FOLDER), 30, seed=5)
    assert check_cases(scenario, split="train") == []


def test_the_train_seed_fixes_the_cases() -> None:
    from ecomstage_env.data.generate import dialogue_text, generate_cases

    a = [p.case for p in generate_cases(SCENARIO, 4, seed=11)]
    b = [p.case for p in generate_cases(SCENARIO, 4, seed=11)]
    c = [p.case for p in generate_cases(SCENARIO, 4, seed=12)]
    assert a == b
    assert [dialogue_text(x) for x in a] != [dialogue_text(x) for x in c]


def test_train_dialogues_never_show_the_record_id(train_env: Any) -> None:
    for case in train_env.cases[:150]:
        text = " ".join(t.text for t in case.dialogue)
        assert case.world_refs["record_id"] not in text
        assert "route" not in text.lower()

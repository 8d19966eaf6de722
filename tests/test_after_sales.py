"""after_sales: the env, the policy, the simulated customer and the negotiation grading."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from gymnasium.utils.env_checker import check_env

import ecomstage
from ecomstage_env.agents.baselines import KeywordAgent, MajorityAgent, OracleAgent, RandomAgent
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.shop.customer import LLMCustomer, RuleBasedCustomer, offers_in
from tests.servers import chat_server

FOLDER = Path(__file__).resolve().parents[1] / "scenarios" / "after_sales"
CASES = [json.loads(x) for x in (FOLDER / "cases.jsonl").read_text(encoding="utf-8").splitlines()]


def _env() -> Any:
    return ecomstage.make("after_sales")


def test_make_and_check_env() -> None:
    env = _env()
    check_env(env.unwrapped)
    _obs, info = env.reset(seed=0)
    assert "stage" in info


def test_case_count_and_label_balance() -> None:
    assert len(CASES) >= 80
    for stage, name in (("action", "resolution"),):
        counts = Counter(str(c["gold"][stage][name]) for c in CASES)
        assert max(counts.values()) / len(CASES) <= 0.55, (name, counts)


@pytest.mark.parametrize("name", ["intent", "attitude"])
def test_perception_label_balance(name: str) -> None:
    counts = Counter(str(c["gold"]["perception"][name]) for c in CASES)
    assert max(counts.values()) / len(CASES) <= 0.55, counts


def test_policy_agrees_with_every_case() -> None:
    world = import_from_folder(FOLDER, "world")
    policy = import_from_folder(FOLDER, "policy")
    from ecomstage_env.world.base import merge_patch

    base = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
    for c in CASES:
        state = world.AfterSalesState.model_validate(merge_patch(base, c["world"]["patch"]))
        gold = policy.decide(state, c["world_refs"])
        assert gold.decision == c["gold"]["action"]["resolution"], c["case_id"]
        assert [w.model_dump(exclude={"id"}) for w in gold.writes] == c["gold"]["action"]["writes"]


def _play(case_id: str, steps: list[Any], seed: int = 0) -> Any:
    """Play perception and planning with the oracle, then ``steps`` at action."""
    env = _env()
    _, info = env.reset(seed=seed, options={"case_id": case_id})
    oracle = OracleAgent()
    u = env.unwrapped
    while info["stage"] != "action":
        info["grader"] = u.grader_view()
        _, _, _, _, info = env.step(oracle.act({}, {**info, "grader": u.grader_view()}))
    out = None
    for s in steps:
        _, _, term, _, out = env.step(s)
        if term:
            break
    return u, out


def _case(decision: str, **persona: Any) -> dict[str, Any]:
    for c in CASES:
        p = c["user"]["persona"]
        if c["gold"]["action"]["resolution"] == decision and all(
            p.get(k) == v for k, v in persona.items()
        ):
            return c
    raise LookupError(decision)


def _answer(c: dict[str, Any], reply: str) -> dict[str, Any]:
    """An answer naming the gold resolution (by its menu id) with ``reply``."""
    codes = [o["code"] for o in c["options"]["resolution"]]
    return {"resolution": str(codes.index(c["gold"]["action"]["resolution"]) + 1), "reply": reply}


def test_oracle_negotiates_to_gold_on_every_case() -> None:
    env = _env()
    for c in CASES:
        rec = play_episode(env, OracleAgent(), case_id=c["case_id"], seed=3)
        assert rec.result.total == pytest.approx(1.0), c["case_id"]


def test_same_seed_same_customer_and_score() -> None:
    c = _case("coupon", pushback=1)
    msg = {"tool": "message_user", "arguments": {"text": "I can offer you a 20 yuan coupon."}}
    steps = [msg, msg, _answer(c, "I've issued a 20 yuan coupon.")]
    runs = [_play(c["case_id"], steps, seed=7)[0] for _ in range(2)]

    def said(u: Any) -> list[Any]:
        return [r.result for r in u._calls if r.kind == "message"]

    assert said(runs[0]) == said(runs[1])
    assert runs[0]._graded.total == runs[1]._graded.total


def test_greedy_cash_first_loses_where_policy_says_coupon() -> None:
    c = _case("coupon")
    cid = c["world_refs"]["customer_id"]
    steps = [
        {
            "tool": "message_user",
            "arguments": {"text": "I can offer you 15 yuan cash compensation."},
        },
        {
            "tool": "offer_cash_compensation",
            "arguments": {"customer_id": cid, "amount": 15.0, "reason": "late"},
        },
        _answer(c, "I've paid you 15 yuan cash compensation."),
    ]
    u, _info = _play(c["case_id"], steps)
    score = u._scores[u.spec_data.stages[2].stage]
    assert "invalid" not in score.reason
    assert score.components["negotiation"] == 0.0
    assert score.components["writes"] < 1.0
    assert score.value < 0.8


def test_giving_up_after_first_refusal_does_not_reach_resolution() -> None:
    c = _case("coupon", pushback=1)
    steps = [
        {"tool": "message_user", "arguments": {"text": "I can offer you a 20 yuan coupon."}},
        _answer(c, "Sorry, that is all I can do."),
    ]
    u, _ = _play(c["case_id"], steps)
    score = u._scores[u.spec_data.stages[2].stage]
    assert score.components["negotiation"] == 0.0


def test_offer_parsing() -> None:
    assert offers_in("I can offer you a 20 yuan coupon.") == ["coupon"]
    assert offers_in("The return window has closed, sorry.") == ["appease"]
    assert offers_in("I can't offer a return, but I can arrange an exchange.") == ["exchange"]
    assert offers_in("我可以为您申请换货") == ["exchange"]


def test_tools_reject_bad_input_with_an_error_observation() -> None:
    c = CASES[0]
    cid = c["world_refs"]["customer_id"]
    for tool, args in (
        ("offer_cash_compensation", {"customer_id": cid, "amount": float("nan"), "reason": "x"}),
        ("offer_cash_compensation", {"customer_id": cid, "amount": True, "reason": "x"}),
        ("offer_cash_compensation", {"customer_id": "U-0", "amount": 5.0, "reason": "x"}),
        ("issue_goodwill_coupon", {"customer_id": cid, "value": float("inf"), "reason": "x"}),
        ("issue_goodwill_coupon", {"customer_id": cid, "value": False, "reason": "x"}),
        ("issue_goodwill_coupon", {"customer_id": cid, "value": 7.0, "reason": "x"}),
        (
            "issue_goodwill_coupon",
            {"customer_id": cid, "value": 20.0, "reason": "x", "order_id": "O-0"},
        ),
        ("create_return", {"order_id": "O-0", "sku": "x", "reason": "defective"}),
    ):
        _u, info = _play(c["case_id"], [{"tool": tool, "arguments": args}])
        assert "error" in info, (tool, args)


def test_writes_change_only_the_episode_copy() -> None:
    c = _case("return")
    u, _ = _play(
        c["case_id"],
        [{"tool": "create_return", "arguments": c["gold"]["action"]["writes"][0]["arguments"]}],
    )
    assert u._world.state.returns
    fresh = u.scenario.new_world(u.case)
    assert not fresh.state.returns


def test_llm_customer_replays_deterministically_and_records_errors() -> None:
    def respond(body: dict[str, Any]) -> dict[str, Any]:
        accept = "coupon" if "coupon" in body["messages"][-1]["content"] else None
        return {"content": json.dumps({"reply": f"seed {body.get('seed')}", "accept": accept})}

    c = _case("coupon")
    from ecomstage_env.data.schema import Case

    case = Case.model_validate(c)
    world_mod = import_from_folder(FOLDER, "world")
    import numpy as np

    with chat_server(respond) as srv:
        sim = LLMCustomer(base_url=srv.base_url, model="m", api_key="k")
        outs = []
        for _ in range(2):
            w = world_mod.AfterSalesWorld(world_mod.AfterSalesState(today="2026-06-20"))
            r = sim.reply(
                "I can offer a coupon.",
                case=case,
                history=[],
                rng=np.random.default_rng(1),
                world=w,
            )
            outs.append((r, w.state.negotiation.agreed))
        assert outs[0] == outs[1] and outs[0][1] == "coupon"
        sys_prompt = srv.requests[0]["messages"][0]["content"]
        assert c["gold"]["action"]["reply"] not in sys_prompt
        for m in c["gold"]["action"]["negotiation"]:
            assert m["arguments"]["text"] not in sys_prompt
        assert "You want: " + c["user"]["persona"]["wants"] in sys_prompt
        assert srv.requests[0]["temperature"] == 0 and "seed" in srv.requests[0]
    dead = LLMCustomer(base_url="http://127.0.0.1:9/v1", model="m", api_key="k", timeout=2)
    w = world_mod.AfterSalesWorld(world_mod.AfterSalesState(today="2026-06-20"))
    text = dead.reply("hi", case=case, history=[], rng=np.random.default_rng(0), world=w)
    assert "unavailable" in text and w.state.negotiation.error


def test_rule_based_customer_is_the_default() -> None:
    assert isinstance(_env().unwrapped.scenario.user, RuleBasedCustomer)


# -- baselines -----------------------------------------------------------------------------
def test_baselines_sit_between_floor_and_oracle() -> None:
    from ecomstage_env.runner.evaluate import evaluate

    keyword = evaluate(KeywordAgent(), "after_sales")
    rnd = evaluate(RandomAgent(seed=0), "after_sales")
    majority = evaluate(MajorityAgent(), "after_sales")

    def mean(rs: list[Any]) -> float:
        return sum(r.total for r in rs) / len(rs)

    assert 0.0 < mean(rnd) < 0.3
    assert 0.0 < mean(keyword) < 0.4
    assert 0.0 < mean(majority) < 0.5
    assert evaluate(RandomAgent(seed=0), "after_sales") == rnd  # seeded


# -- policy rules on small hand-made worlds ------------------------------------------------------
def _decide(**kw: Any) -> str:
    """The policy's resolution for one draft-like situation (author._patch builds the world)."""
    from ecomstage_env.world.base import merge_patch

    author = import_from_folder(FOLDER, "author")
    world = import_from_folder(FOLDER, "world")
    policy = import_from_folder(FOLDER, "policy")
    base = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))
    d = {"customer": "U-1", "name": "T", "order": "O-1", **kw}
    state = world.AfterSalesState.model_validate(merge_patch(base, author._patch(d, base)))
    refs = {k: d[k] for k in ("issue", "wants")} | {
        "customer_id": "U-1",
        "order_id": "O-1",
        "sku": d["sku"],
    }
    if "new_sku" in d:
        refs["new_sku"] = d["new_sku"]
    return str(policy.decide(state, refs).decision)


@pytest.mark.parametrize(
    ("situation", "want"),
    [
        (
            {
                "sku": "P-1001-M-WHT",
                "issue": "late_delivery",
                "wants": "compensation",
                "delivered": 1,
                "compensated": 1,
            },
            "escalate",
        ),
        (
            {
                "sku": "P-1002-BLK",
                "issue": "defective",
                "wants": "exchange",
                "delivered": 3,
                "new_sku": "P-1002-BLK",
            },
            "exchange",
        ),
        (
            {
                "sku": "P-1004-SLV",
                "issue": "defective",
                "wants": "exchange",
                "delivered": 3,
                "new_sku": "P-1004-BLK",
            },
            "return",
        ),
        ({"sku": "P-1002-BLK", "issue": "defective", "wants": "return", "delivered": 15}, "return"),
        (
            {"sku": "P-1002-BLK", "issue": "defective", "wants": "return", "delivered": 16},
            "escalate",
        ),
        (
            {"sku": "P-1006-STD", "issue": "defective", "wants": "return", "delivered": 16},
            "appease",
        ),
        (
            {
                "sku": "P-1001-M-WHT",
                "issue": "size_fit",
                "wants": "exchange",
                "delivered": 12,
                "new_sku": "P-1001-L-BLU",
            },
            "exchange",
        ),
        (
            {
                "sku": "P-1001-M-WHT",
                "issue": "size_fit",
                "wants": "exchange",
                "delivered": 3,
                "new_sku": "P-1001-XL-BLK",
            },
            "return",
        ),
        (
            {"sku": "P-1001-M-WHT", "issue": "changed_mind", "wants": "return", "delivered": 7},
            "return",
        ),
        (
            {"sku": "P-1001-M-WHT", "issue": "changed_mind", "wants": "return", "delivered": 8},
            "appease",
        ),
        (
            {
                "sku": "P-1001-M-WHT",
                "issue": "changed_mind",
                "wants": "return",
                "delivered": 2,
                "used": True,
            },
            "appease",
        ),
        ({"sku": "P-1003-M", "issue": "size_fit", "wants": "return", "delivered": 2}, "appease"),
        ({"sku": "P-1003-M", "issue": "defective", "wants": "return", "delivered": 2}, "return"),
        (
            {
                "sku": "P-1005-42",
                "issue": "late_delivery",
                "wants": "compensation",
                "delivered": 1,
                "tier": "gold",
            },
            "cash",
        ),
        (
            {
                "sku": "P-1005-42",
                "issue": "service",
                "wants": "compensation",
                "delivered": 1,
                "tier": "silver",
            },
            "coupon",
        ),
        (
            {
                "sku": "P-1001-M-WHT",
                "issue": "price_drop",
                "wants": "compensation",
                "delivered": 10,
                "paid": 15,
                "price": 199.0,
            },
            "appease",
        ),
    ],
)
def test_each_policy_rule_fires(situation: dict[str, Any], want: str) -> None:
    assert _decide(**situation) == want


def test_price_protection_due_is_not_an_after_sales_case() -> None:
    from ecomstage_env.errors import ScenarioError

    with pytest.raises(ScenarioError):
        _decide(
            sku="P-1001-M-WHT",
            issue="price_drop",
            wants="compensation",
            delivered=2,
            paid=6,
            price=199.0,
        )


def test_env_passes_the_world_only_to_simulators_that_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    env = _env()
    c = _case("coupon")
    seen: list[list[str]] = []

    def spy(self: Any, message: str, **kw: Any) -> str:
        seen.append(sorted(kw))
        return "ok"

    monkeypatch.setattr(RuleBasedCustomer, "reply", spy)
    monkeypatch.setattr(RuleBasedCustomer, "sees_world", False)
    env.reset(seed=0, options={"case_id": c["case_id"], "stage": "action"})
    env.step({"tool": "message_user", "arguments": {"text": "hello"}})
    monkeypatch.setattr(RuleBasedCustomer, "sees_world", True)
    env.step({"tool": "message_user", "arguments": {"text": "hello"}})
    assert seen == [["case", "history", "rng"], ["case", "history", "rng", "world"]]


def test_offering_everything_at_once_scores_zero() -> None:
    c = _case("exchange")
    text = "I can offer a coupon, cash compensation, a return, an exchange or a specialist."
    u, _ = _play(
        c["case_id"], [{"tool": "message_user", "arguments": {"text": text}}, _answer(c, "Done.")]
    )
    score = u._scores[u.spec_data.stages[2].stage]
    assert score.components["negotiation"] == 0.0


def test_an_extra_message_costs_a_quarter() -> None:
    c = _case("escalate", pushback=0, wants="escalate")
    msgs = [m["arguments"]["text"] for m in c["gold"]["action"]["negotiation"]]
    steps: list[Any] = [{"tool": "message_user", "arguments": {"text": "Thanks for the details."}}]
    steps += [{"tool": "message_user", "arguments": {"text": m}} for m in msgs]
    steps += [
        {"tool": w["name"], "arguments": w["arguments"]} for w in c["gold"]["action"]["writes"]
    ]
    steps.append(_answer(c, c["gold"]["action"]["reply"]))
    u, _ = _play(c["case_id"], steps)
    score = u._scores[u.spec_data.stages[2].stage]
    assert score.components["negotiation"] == pytest.approx(0.75)

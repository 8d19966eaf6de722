"""service_quality: the env plays, its cases are balanced, and every gold is the policy's."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import pytest
from gymnasium.utils.env_checker import check_env

import ecomstage
from ecomstage_env.agents import MajorityAgent
from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.validate import check_cases
from ecomstage_env.data.generate import (
    NEAR_DUPLICATE,
    dialogue_text,
    generate_cases,
    max_similarity,
    text_diversity,
)
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.env import resolve_scenario
from ecomstage_env.runner import evaluate
from ecomstage_env.stages import Stage
from ecomstage_env.world.base import ToolError

NAME = "service_quality"
FOLDER = resolve_scenario(NAME)
policy = import_from_folder(FOLDER, "policy")
world_mod = import_from_folder(FOLDER, "world")
SCENARIO = ecomstage.load_scenario(FOLDER)
CASES = SCENARIO.split("test")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))


def decision_of(case: ecomstage.Case) -> str:
    chosen = case.gold[Stage.ACTION]["decision"]
    return next(o.code for o in case.options["decision"] if o.id == chosen)


def with_write(case: ecomstage.Case) -> bool:
    return bool(case.gold[Stage.ACTION]["writes"])


# -- the env ----------------------------------------------------------------------------------
def test_make_and_check_env() -> None:
    env = ecomstage.make(NAME)
    check_env(env.unwrapped)
    obs, info = env.reset(seed=0)
    assert obs["stage"] == "perception" and info["scenario"] == NAME
    env.close()


def test_the_agent_sees_the_chat_and_ids_but_no_judgement() -> None:
    case = next(c for c in CASES if c.world_refs["escalation"])
    env = ecomstage.make(NAME)
    obs, _ = env.reset(options={"case_id": case.case_id})
    assert case.world_refs["chat_id"] in obs["prompt"]
    for hidden in ("judged", "return_refused", "escalation", case.world_refs["escalation"]):
        assert hidden not in obs["prompt"]
    env.close()


def test_a_bad_tool_call_is_an_error_observation_not_an_exception() -> None:
    env = ecomstage.make(NAME)
    env.reset(seed=1)
    bad = [
        {"tool": "get_order", "arguments": {"order_id": "O-00000"}},
        {"tool": "get_response_times", "arguments": {"chat_id": True}},
        {"tool": "get_platform_outages", "arguments": {"date": "yesterday"}},
    ]
    for call in bad:
        obs, _, terminated, truncated, _ = env.step(json.dumps(call))
        assert obs["stage"] == "perception" and not terminated and not truncated
        assert obs["tool_result"].startswith("error: ")
    env.close()


# -- the cases --------------------------------------------------------------------------------
def test_eighty_cases_with_balanced_labels() -> None:
    n = len(CASES)
    assert n >= 80
    attitude = Counter(c.gold[Stage.PERCEPTION]["attitude"] for c in CASES)
    assert set(attitude) == {"0", "1"} and max(attitude.values()) <= 0.55 * n
    governing = Counter(c.gold[Stage.PLANNING]["governing_rule"] for c in CASES)
    assert set(governing) == {"SQ-1", "SQ-2", "SQ-3", "SQ-4", "SQ-5", "SQ-6", "none"}
    assert max(governing.values()) <= 0.3 * n
    decisions = Counter(decision_of(c) for c in CASES)
    assert set(decisions) == set(policy.DECISIONS)
    assert max(decisions.values()) <= 0.3 * n
    touched = Counter(t for c in CASES for t in c.gold[Stage.PERCEPTION]["rules_touched"])
    assert set(touched) == set(policy.CATEGORIES)
    assert sum(1 for c in CASES if len(c.gold[Stage.PERCEPTION]["rules_touched"]) > 1) >= 5


def test_case_ids_and_order_carry_no_label() -> None:
    ids = [c.case_id for c in CASES]
    assert len(set(ids)) == len(ids) and all(i.startswith("sq-") and len(i) == 7 for i in ids)
    first_half = Counter(decision_of(c) for c in CASES[: len(CASES) // 2])
    assert len(first_half) == len(policy.DECISIONS)  # shuffled, not grouped by decision


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.case_id)
def test_every_gold_is_what_the_policy_decides(case: ecomstage.Case) -> None:
    world = SCENARIO.new_world(case)
    assert world is not None
    assert policy.check_case(world, case) == []
    gold = policy.decide(world.state, case.world_refs)
    assert case.gold[Stage.PERCEPTION]["rules_touched"] == gold.touched
    assert case.gold[Stage.PLANNING]["governing_rule"] == gold.governing
    assert decision_of(case) == gold.decision
    assert with_write(case) == (gold.decision != "none")
    assert case.annotation.notes.startswith("attitude rule")


def test_world_writes_change_only_the_episode_copy() -> None:
    case = next(c for c in CASES if with_write(c))
    chat_id = case.world_refs["chat_id"]
    before = SCENARIO.states[case.case_id].model_dump()  # type: ignore[union-attr]
    world = SCENARIO.new_world(case)
    assert world is not None
    start = world.outcome()[f"{chat_id}.enforcement"]
    world.call("record_enforcement", {"chat_id": chat_id, "action": "warn", "rule_id": "SQ-5"})
    assert world.outcome()[f"{chat_id}.enforcement"] == "warn SQ-5"
    world.call("record_enforcement", {"chat_id": chat_id, "action": "coach", "rule_id": "SQ-6"})
    assert world.outcome()[f"{chat_id}.enforcement"] == "coach SQ-6"  # replaced, not added
    fresh = SCENARIO.new_world(case)
    assert fresh is not None and fresh.outcome()[f"{chat_id}.enforcement"] == start is None
    assert SCENARIO.states[case.case_id].model_dump() == before  # type: ignore[union-attr]


CHAT = "<the case's chat>"


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("get_chat_info", {"chat_id": "CH-0000"}),  # unknown id
        ("get_chat_info", {"chat_id": True}),  # a bool for an id
        ("get_chat_info", {"chat_id": math.nan}),  # a number for an id
        ("get_response_times", {}),  # missing argument
        ("get_order", {"order_id": "O-00000"}),
        ("get_shop_record", {"shop_id": 1001}),
        ("get_platform_outages", {"date": "next tuesday"}),
        ("get_platform_outages", {"date": math.inf}),
        ("get_platform_outages", {"date": "2026-02-30"}),  # no such day
        ("get_platform_outages", {"date": "2026-13-01"}),
        ("search_help_center", {"query": "  "}),
        ("record_enforcement", {"chat_id": "CH-0000", "action": "warn", "rule_id": "SQ-5"}),
        ("record_enforcement", {"chat_id": CHAT, "action": "fine", "rule_id": "SQ-5"}),
        ("record_enforcement", {"chat_id": CHAT, "action": "none", "rule_id": "none"}),
        ("record_enforcement", {"chat_id": CHAT, "action": "coach", "rule_id": "none"}),
        ("record_enforcement", {"chat_id": CHAT, "action": "warn", "rule_id": "SQ-9"}),
        ("record_enforcement", {"chat_id": CHAT, "action": True, "rule_id": "SQ-5"}),
        ("record_enforcement", {"chat_id": CHAT, "action": "warn", "rule_id": 5.0}),
    ],
)
def test_tools_reject_bad_input(name: str, arguments: dict[str, Any]) -> None:
    case = CASES[0]
    world = SCENARIO.new_world(case)
    assert world is not None
    args = {k: case.world_refs["chat_id"] if v == CHAT else v for k, v in arguments.items()}
    with pytest.raises(ToolError):
        world.call(name, args)
    assert world.outcome() == SCENARIO.new_world(case).outcome()  # type: ignore[union-attr]


# -- the policy on small hand-made worlds -----------------------------------------------------
DAY = "2026-11-20"


def make_state(
    *,
    waits: list[tuple[str, str]] | None = None,
    order: dict[str, Any] | None = None,
    records: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    outages: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Any:
    state = {
        **BASE,
        "shops": [{"shop_id": "S-0001", "name": "Test shop", "category": "Home & kitchen"}],
        "chats": [
            {
                "chat_id": "CH-0001",
                "shop_id": "S-0001",
                "customer_id": "U-00001",
                "date": DAY,
                "flagged_by": "random sample",
                "replies": [
                    {"asked_at": a, "answered_at": b}
                    for a, b in (waits or [("10:00", "10:02"), ("10:05", "10:09")])
                ],
                **({"order_id": "O-00001"} if order else {}),
            }
        ],
        "orders": [{"order_id": "O-00001", "shop_id": "S-0001", **order}] if order else [],
        "records": [
            {"shop_id": "S-0001", "date": d, "rule_id": r, "action": a, "chat_id": f"CH-9{i:03d}"}
            for i, (d, r, a) in enumerate(records)
        ],
        "outages": [
            {"outage_id": f"OUT-{i}", "date": DAY, "start": s, "end": e, "summary": "down"}
            for i, (s, e) in enumerate(outages)
        ],
    }
    return world_mod.ServiceState.model_validate(state)


def decide(state: Any, **refs: Any) -> Any:
    base = {"chat_id": "CH-0001", "shop_id": "S-0001", "judged": [], "return_refused": False}
    return policy.decide(state, {**base, "escalation": "", **refs})


def test_nothing_touched_records_nothing() -> None:
    gold = decide(make_state())
    assert (gold.touched, gold.governing, gold.decision, gold.writes) == (
        ["none"],
        "none",
        "none",
        [],
    )
    assert gold.facts == ["CH-0001:response_times"]
    assert gold.false_claims == ["warn", "penalize", "escalate"]


@pytest.mark.parametrize(
    ("waits", "outages", "slow"),
    [
        ([("10:00", "10:03"), ("10:05", "10:15")], [], False),  # both at the limit
        ([("10:00", "10:04")], [], True),  # first message over 3 minutes
        ([("10:00", "10:01"), ("10:05", "10:16")], [], True),  # later message over 10
        ([("10:00", "10:09")], [("10:05", "10:30")], False),  # excused by an outage
        ([("10:00", "10:09")], [("09:00", "09:30")], True),  # an outage, but not then
        ([("10:00", "10:09"), ("10:20", "10:45")], [("10:30", "11:00")], True),  # half excused
    ],
)
def test_slow_response_is_decided_by_the_records(
    waits: list[tuple[str, str]], outages: list[tuple[str, str]], slow: bool
) -> None:
    gold = decide(make_state(waits=waits, outages=outages))
    assert ("slow_response" in gold.touched) is slow
    over = waits != [("10:00", "10:03"), ("10:05", "10:15")]
    assert (f"outages:{DAY}" in gold.facts) is over  # a wait over its limit needs the log


def test_the_reply_states_the_worst_unexcused_wait_and_its_limit() -> None:
    gold = decide(make_state(waits=[("10:00", "10:07"), ("10:10", "10:35")]))
    assert gold.worst_wait == (25, 10)
    assert [p.figure for p in gold.points if p.figure is not None][:2] == [25, 10]


@pytest.mark.parametrize(
    ("order", "granted"),
    [
        ({"status": "unshipped"}, True),
        ({"status": "delivered", "delivered_on": "2026-11-13"}, True),  # 7 days
        ({"status": "delivered", "delivered_on": "2026-11-12"}, False),  # 8 days
        ({"status": "delivered", "delivered_on": "2026-11-18", "custom_made": True}, False),
        ({"status": "delivered", "delivered_on": "2026-11-18", "perishable": True}, False),
        ({"status": "in_transit"}, False),
    ],
)
def test_a_refused_return_breaks_sq3_only_when_policy_grants_it(
    order: dict[str, Any], granted: bool
) -> None:
    state = make_state(order={"product": "Pan", "amount": 99.0, **order})
    gold = decide(state, return_refused=True)
    assert (gold.governing == "SQ-3") is granted
    assert "O-00001:order" in gold.facts and "CH-0001:info" not in gold.facts  # info is free
    assert gold.lookups[0].name == "get_chat_info"  # the oracle reads it to find the order
    assert decide(state).governing == "none"  # not refused: nothing to check


def test_the_most_severe_rule_governs_and_severe_rules_are_penalized() -> None:
    gold = decide(make_state(waits=[("10:00", "10:09")]), judged=["rude_language", "privacy"])
    assert gold.touched == ["privacy", "rude_language", "slow_response"]
    assert (gold.governing, gold.decision) == ("SQ-1", "penalize")
    assert gold.writes[0].arguments == {
        "chat_id": "CH-0001",
        "action": "penalize",
        "rule_id": "SQ-1",
    }


@pytest.mark.parametrize(
    ("records", "decision"),
    [
        ([], "coach"),
        ([("2026-10-01", "SQ-5", "coach")], "warn"),  # same rule within 90 days
        ([("2026-08-22", "SQ-5", "coach")], "warn"),  # exactly 90 days back
        ([("2026-08-21", "SQ-5", "warn")], "coach"),  # 91 days: outside the window
        ([("2026-10-01", "SQ-6", "warn")], "coach"),  # one strike of another rule
        ([("2026-10-01", "SQ-6", "coach"), ("2026-11-01", "SQ-4", "coach")], "coach"),
        ([("2026-10-01", "SQ-6", "warn"), ("2026-11-01", "SQ-4", "penalize")], "penalize"),
        ([("2026-10-01", "SQ-5", "warn"), ("2026-06-01", "SQ-4", "warn")], "warn"),
    ],
)
def test_the_enforcement_ladder(records: list[tuple[str, str, str]], decision: str) -> None:
    gold = decide(make_state(records=records), judged=["rude_language"])
    assert gold.decision == decision
    assert "S-0001:record" in gold.facts
    assert gold.false_claims == [k for k in policy.CLAIM_KINDS if k != decision]


def test_escalation_comes_before_everything() -> None:
    state = make_state(records=[("2026-10-01", "SQ-6", "warn"), ("2026-11-01", "SQ-4", "warn")])
    gold = decide(state, judged=["off_platform"], escalation="legal_action")
    assert (gold.governing, gold.decision) == ("SQ-2", "escalate")
    assert gold.writes[0].arguments["action"] == "escalate"
    assert "S-0001:record" not in gold.facts
    assert decide(make_state(), escalation="self_harm").writes[0].arguments["rule_id"] == "none"
    with pytest.raises(KeyError):
        decide(make_state(), escalation="bad review")


# -- baselines --------------------------------------------------------------------------------
def test_baselines_sit_between_floor_and_oracle() -> None:
    def mean(rs: list[ecomstage.EpisodeResult]) -> float:
        return sum(r.total for r in rs) / len(rs)

    oracle = evaluate(ecomstage.OracleAgent(), NAME)
    assert all(r.total == 1.0 for r in oracle)
    rnd = evaluate(ecomstage.RandomAgent(seed=0), NAME)
    keyword = evaluate(ecomstage.KeywordAgent(), NAME)
    majority = evaluate(MajorityAgent(), NAME)
    assert 0.0 < mean(rnd) < 0.4
    assert 0.0 < mean(keyword) < 0.5
    assert 0.0 < mean(majority) < 0.5


def test_baselines_answer_a_set_of_labels_field() -> None:
    """The library change this scenario needed: baselines fill ``labels`` fields too."""
    from ecomstage_env.agents import KeywordAgent, RandomAgent
    from ecomstage_env.env import GRADER_KEY

    env = ecomstage.make(NAME)
    obs, info = env.reset(seed=3)
    info[GRADER_KEY] = env.unwrapped.grader_view()  # type: ignore[attr-defined]
    space = set(policy.CATEGORIES)
    common = Counter(tuple(c.gold[Stage.PERCEPTION]["rules_touched"]) for c in CASES)
    for agent in (MajorityAgent(), RandomAgent(seed=0), KeywordAgent()):
        got = agent.act(obs, info)["rules_touched"]
        assert isinstance(got, list) and got and set(got) <= space, (agent, got)
    assert MajorityAgent().act(obs, info)["rules_touched"] == list(common.most_common(1)[0][0])
    env.close()


# -- the note is graded by the facts it states ------------------------------------------------
class EditedOracle:
    """The oracle, with its note to the shop edited."""

    name = "edited_oracle"
    privileged = True

    def __init__(self, edit: Any) -> None:
        self.oracle = ecomstage.OracleAgent()
        self.edit = edit

    def reset(self) -> None:
        self.oracle.reset()

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        answer = self.oracle.act(obs, info)
        if isinstance(answer, dict) and "reply" in answer:
            answer = {**answer, "reply": self.edit(answer["reply"])}
        return answer


def reply_score(case: ecomstage.Case, edit: Any) -> float:
    env = ecomstage.make(NAME)
    result = ecomstage.run_episode(env, EditedOracle(edit), case_id=case.case_id)
    env.close()
    assert result.stage_scores[Stage.PERCEPTION].value == 1.0
    return result.stage_scores[Stage.ACTION].components["reply"]


def test_a_note_claiming_an_enforcement_not_taken_scores_zero() -> None:
    case = next(c for c in CASES if decision_of(c) == "coach")
    assert reply_score(case, lambda r: r) == 1.0
    assert reply_score(case, lambda r: r + " A formal warning has been recorded.") == 0.0
    assert reply_score(case, lambda r: r + " This chat has been escalated.") == 0.0


def test_a_wrong_wait_or_a_negated_finding_fails_its_point() -> None:
    slow = next(
        c
        for c in CASES
        if c.gold[Stage.PERCEPTION]["rules_touched"] == ["slow_response"]
        and decision_of(c) == "coach"
    )
    gold = policy.decide(SCENARIO.new_world(slow).state, slow.world_refs)  # type: ignore[union-attr]
    wait = gold.worst_wait[0]
    assert reply_score(slow, lambda r: r.replace(f"was {wait} minutes", "was 99 minutes")) < 1.0
    none = next(
        c for c in CASES if decision_of(c) == "none" and "No rule was broken" in str(c.gold)
    )
    finding = "No rule was broken, so no enforcement is recorded."
    wrong = "The chat broke SQ-5, so a coaching note is recorded."
    assert reply_score(none, lambda r: r.replace(finding, wrong)) == 0.0


def test_a_calendar_date_is_one_figure() -> None:
    """The library change this scenario needed: a chat's date in a note ("2026-11-12")
    states no wait of 11 or 12 minutes and no limit of 10."""
    from ecomstage_env.scoring.points import figures_in

    assert [n.value for n in figures_in("chat CH-9667 from 2026-11-12")] == [20261112.0]
    assert [n.value for n in figures_in("on 2026-10-03 it waited 11 minutes")] == [
        20261003.0,
        11.0,
    ]


# -- review fixes (issue 13) ------------------------------------------------------------------
def test_misleading_info_needs_the_order_record() -> None:
    """SQ-4 is judged against the order record: the lookups must reveal it."""
    state = make_state(order={"product": "Lamp", "amount": 99.0, "status": "in_transit"})
    gold = decide(state, judged=["misleading_info"])
    assert gold.governing == "SQ-4"
    assert "O-00001:order" in gold.facts
    assert "O-00001:order" not in decide(state, judged=["rude_language"]).facts
    with pytest.raises(KeyError):
        decide(make_state(), judged=["misleading_info"])  # no order to contradict


def _strike_point(gold: Any) -> Any:
    return next(p for p in gold.points if "strike" in p.note)


@pytest.mark.parametrize(
    ("records", "judged", "decision"),
    [
        ([], ["rude_language"], "coach"),
        ([("2026-10-01", "SQ-5", "coach")], ["rude_language"], "warn"),
        ([], ["privacy"], "penalize"),
    ],
)
def test_no_strikes_is_stated_by_any_usual_phrasing(
    records: list[tuple[str, str, str]], judged: list[str], decision: str
) -> None:
    from ecomstage_env.scoring.points import Text, point_met

    gold = decide(make_state(records=records), judged=judged)
    assert (gold.decision, gold.strikes) == (decision, 0)
    point = _strike_point(gold)
    ref = Text("Your shop has no warnings or penalties in the last 90 days.")
    for said in [
        "Your shop has 0 strikes in the last 90 days.",
        "Your shop has zero strikes in the last 90 days.",
        "Your shop has no strikes in the last 90 days.",
        "Your shop has 0 warnings or penalties in the last 90 days.",
        "Strikes in the last 90 days: none.",
        "Your shop hasn't had any warnings in the last 90 days.",
        "Your shop has a clean record for the last 90 days.",
    ]:
        assert point_met(Text(said), point, ref), said
    for wrong in [
        "Your shop has 1 strike in the last 90 days.",
        "Your shop has 2 warnings or penalties in the last 90 days.",
        "Your shop has 10 strikes.",
        "Your shop has no strikes; in fact it has 2 strikes.",
        "Your shop does not have no strikes.",
    ]:
        assert not point_met(Text(wrong), point, ref), wrong


def test_a_count_of_strikes_fails_when_the_note_says_none() -> None:
    from ecomstage_env.scoring.points import Text, point_met

    records = [("2026-10-01", "SQ-6", "warn")]
    point = _strike_point(decide(make_state(records=records), judged=["rude_language"]))
    ref = Text("Your shop has 1 strike (warnings or penalties) in the last 90 days.")
    assert point_met(Text("Your shop has 1 strike in the last 90 days."), point, ref)
    assert not point_met(Text("Your shop has 0 strikes, 1 warning."), point, ref)
    assert not point_met(Text("Your shop has 3 strikes."), point, ref)


def test_no_rule_broken_is_stated_by_any_usual_phrasing() -> None:
    from ecomstage_env.scoring.points import Text, point_met

    gold = decide(make_state())
    point = gold.points[-1]
    ref = Text("No rule was broken, so no enforcement is recorded.")
    for said in [
        "No rule is broken.",
        "No service rules were broken in this chat.",
        "The chat breaks no service rule.",
        "The chat does not break any rule.",
        "Your staff didn't breach any rule.",
        "The chat stays within the rules.",
    ]:
        assert point_met(Text(said), point, ref), said
    for wrong in ["The chat broke SQ-5.", "A rule was broken here.", "It breaks a rule."]:
        assert not point_met(Text(wrong), point, ref), wrong


def test_needless_lookups_cost_a_quarter() -> None:
    """Reading every record must cost what a careful inspector would not pay."""
    import tomllib

    spec = tomllib.loads((FOLDER / "spec.toml").read_text(encoding="utf-8"))
    planning = next(s for s in spec["stages"] if s["stage"] == "planning")
    lookups = next(f for f in planning["fields"] if f["name"] == "lookups")
    assert lookups["params"]["needless_penalty"] == 0.25
    assert lookups["params"]["free_tools"] == ["search_help_center", "get_chat_info"]
    assert "0.25" in planning["instruction"]


@pytest.mark.parametrize("decision", ["coach", "warn", "penalize"])
def test_a_correct_note_scores_the_same_with_0_zero_or_no_strikes(decision: str) -> None:
    """The review's finding: "0 strikes" scored below "no strikes" for the same note."""
    stated = "no warnings or penalties in the last 90 days"
    case = next(
        c for c in CASES if decision_of(c) == decision and stated in c.gold[Stage.ACTION]["reply"]
    )
    for said in ("0 strikes in the last 90 days", "zero strikes", "no strikes", "0 warnings"):
        assert reply_score(case, lambda r, s=said: r.replace(stated, s)) == 1.0, said
    assert reply_score(case, lambda r: r.replace(stated, "2 strikes")) < 1.0


# -- the train split (generated) --------------------------------------------------------------
def _train_env(n: int = 256) -> Any:
    return ecomstage.make(NAME, split="train", train_size=n).unwrapped


def _train(n: int = 256) -> list[ecomstage.Case]:
    return list(_train_env(n).cases)


def test_the_train_split_is_generated_and_apart_from_test() -> None:
    train = _train()
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in CASES}
    texts = [dialogue_text(c) for c in train]
    assert max_similarity(texts, [dialogue_text(c) for c in CASES]) < NEAR_DUPLICATE
    assert text_diversity(texts)["near_duplicate_pairs"] <= 2


def test_a_sample_of_generated_cases_passes_the_curated_cases_checks() -> None:
    """Policy agreement, no echoed point, and the oracle scores 1.0 at every stage."""
    scenario = _train_env(30).scenario
    assert check_cases(scenario, split="train") == []


def test_every_label_decision_and_governing_rule_occurs_in_a_train_split() -> None:
    train = _train()
    n = len(train)
    attitude = Counter(c.gold[Stage.PERCEPTION]["attitude"] for c in train)
    assert set(attitude) == {"0", "1"} and max(attitude.values()) <= 0.6 * n
    governing = Counter(c.gold[Stage.PLANNING]["governing_rule"] for c in train)
    assert set(governing) == {"SQ-1", "SQ-2", "SQ-3", "SQ-4", "SQ-5", "SQ-6", "none"}
    assert max(governing.values()) <= 0.3 * n
    decisions = Counter(decision_of(c) for c in train)
    assert set(decisions) == set(policy.DECISIONS) and max(decisions.values()) <= 0.3 * n
    touched = Counter(t for c in train for t in c.gold[Stage.PERCEPTION]["rules_touched"])
    assert set(touched) == set(policy.CATEGORIES)
    assert sum(1 for c in train if len(c.gold[Stage.PERCEPTION]["rules_touched"]) > 1) >= 10
    # Record-decided hard negatives: a refusal or a slow wait that touches no rule.
    refused = [c for c in train if c.world_refs["return_refused"]]
    assert (
        sum("refused_return" not in c.gold[Stage.PERCEPTION]["rules_touched"] for c in refused)
        >= 20
    )
    assert {c.world_refs["escalation"] for c in train} == {"", *policy.ESCALATION_REASONS}


def test_a_seed_fixes_the_generated_cases() -> None:
    first = [p.case for p in generate_cases(SCENARIO, 4, seed=7)]
    assert first == [p.case for p in generate_cases(SCENARIO, 4, seed=7)]
    other = [p.case for p in generate_cases(SCENARIO, 4, seed=8)]
    assert [dialogue_text(c) for c in other] != [dialogue_text(c) for c in first]


def test_no_generated_dialogue_names_a_rule_category_or_enforcement() -> None:
    words = ("sq-", "privacy", "off_platform", "off-platform", "misleading", "rude", "slow")
    for case in _train():
        text = dialogue_text(case).lower()
        for word in (*words, "warning", "penal", "escalat", "coaching"):
            assert word not in text, (case.case_id, word)


@pytest.mark.slow
def test_the_shortcut_audit_passes_on_the_train_split() -> None:
    report = audit(NAME, split="train", limit=200)
    assert report.passed, report.markdown()

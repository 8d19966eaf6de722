"""content_review: the env plays, its cases are sound and balanced, its policy rules fire."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from gymnasium.wrappers import OrderEnforcing, PassiveEnvChecker, RecordEpisodeStatistics, TimeLimit

import ecomstage
from ecomstage_env.agents.baselines import MajorityAgent
from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.validate import check_cases, validate_scenario
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
from ecomstage_env.world.base import ToolError, merge_patch

NAME = "content_review"
FOLDER = Path(resolve_scenario(NAME))
world_mod = import_from_folder(FOLDER, "world")
policy = import_from_folder(FOLDER, "policy")
BASE = json.loads((FOLDER / "world.json").read_text(encoding="utf-8"))


def _cases() -> list[ecomstage.Case]:
    return ecomstage.load_scenario(FOLDER).split("test")


def _code(case: ecomstage.Case) -> str:
    gold = case.gold[ecomstage.Stage.ACTION]["decision"]
    return next(o.code for o in case.options["decision"] if o.id == gold)


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
    result = ecomstage.run_episode(ecomstage.make(NAME), ecomstage.OracleAgent(), seed=3)
    assert result.total == 1.0


# -- the cases -------------------------------------------------------------------------
def test_validates_with_no_problem() -> None:
    assert validate_scenario(FOLDER) == []


def test_eighty_cases_with_balanced_labels() -> None:
    cases = _cases()
    n = len(cases)
    assert n >= 80
    routes = Counter(c.gold[ecomstage.Stage.PLANNING]["route"] for c in cases)
    assert set(routes) == {"A", "B"} and min(routes.values()) >= 35
    assert max(routes.values()) <= 0.51 * n
    codes = Counter(_code(c) for c in cases)
    assert set(codes) == set(policy.DECISIONS) and max(codes.values()) <= 0.4 * n
    labels = Counter(lab for c in cases for lab in c.gold[ecomstage.Stage.PERCEPTION]["violations"])
    assert set(labels) == {"none", *policy.LABELS.values()}
    assert max(labels.values()) <= 0.35 * n
    assert len({c.case_id for c in cases}) == n
    assert all(c.case_id.startswith("cr-") and len(c.case_id) == 7 for c in cases)


def test_every_gold_is_what_the_policy_decides_on_the_case_world() -> None:
    for case in _cases():
        state = world_mod.ContentState.model_validate(
            merge_patch(BASE, case.world.patch if case.world else {})
        )
        gold = policy.decide(state, case.world_refs)
        assert case.gold[ecomstage.Stage.PERCEPTION]["violations"] == gold.labels, case.case_id
        assert _code(case) == gold.decision, case.case_id
        writes = case.gold[ecomstage.Stage.ACTION]["writes"]
        assert writes == [c.model_dump(exclude={"id"}) for c in gold.writes], case.case_id
        sub = next(
            s
            for s in state.submissions
            if s.submission_id == gold.writes[0].arguments["submission_id"]
        )
        route = case.gold[ecomstage.Stage.PLANNING]["route"]
        assert route == ("A" if sub.kind == "ad_creative" else "B"), case.case_id


def test_nothing_the_agent_sees_names_a_violation() -> None:
    """The claims lookup and the submission state claims, never which ones break a rule.

    (A submission's earlier automatic review record is shown with its reason codes: it is
    the world's past, and in most cases not what the re-review decides.)
    """
    for case in _cases():
        env = _env_at(case.case_id)
        sid = case.world_refs["submission_id"]
        sub = env.world.get_submission(sid)
        sub.pop("review")
        seen = json.dumps(env.world.get_claims(sid)) + json.dumps(sub)
        for word in ("CR-0", "violat", "breach", "mismatch", *policy.LABELS.values()):
            assert word not in seen, (case.case_id, word)
        assert "CR-0" not in " ".join(t.text for t in case.dialogue), case.case_id


def test_the_earlier_review_record_is_no_shortcut() -> None:
    """Copying the earlier automatic review would get few cases right."""
    same = 0
    for case in _cases():
        env = _env_at(case.case_id)
        write = case.gold[ecomstage.Stage.ACTION]["writes"][0]["arguments"]
        review = env.world.get_submission(case.world_refs["submission_id"])["review"]
        decided = {"approve": "approved", "reject": "rejected"}.get(
            write["decision"], "changes_requested"
        )
        if review and (review["decision"], review["reason_codes"]) == (
            decided,
            write["reason_codes"],
        ):
            same += 1
    assert same <= 0.25 * len(_cases())


# -- the world -------------------------------------------------------------------------
def _env_at(case_id: str) -> Any:
    env = ecomstage.make(NAME).unwrapped
    env.reset(options={"case_id": case_id})
    return env


def test_a_write_changes_only_the_episode_copy() -> None:
    case = _cases()[0]
    sid = case.world_refs["submission_id"]
    env = _env_at(case.case_id)
    before = env.world.get_submission(sid)
    env.world.call(
        "record_review", {"submission_id": sid, "decision": "reject", "reason_codes": ["CR-01"]}
    )
    assert env.world.get_submission(sid)["status"] == "rejected"
    assert env.world.outcome()[f"{sid}.review"] == "rejected CR-01 by support"
    again = _env_at(case.case_id)
    assert again.world.get_submission(sid) == before
    assert "by support" not in again.world.outcome()[f"{sid}.review"]


def _writes_score(case: ecomstage.Case, writes: list[dict[str, Any]]) -> float:
    """Play ``case`` with the oracle up to Action, then its gold answer with ``writes``: the
    writes' score."""
    env = ecomstage.make(NAME)
    u: Any = env.unwrapped
    _, info = env.reset(seed=0, options={"case_id": case.case_id})
    oracle = ecomstage.OracleAgent()
    while info["stage"] != "action":
        _, _, _, _, info = env.step(oracle.act({}, {**info, "grader": u.grader_view()}))
    answer = {**case.gold[ecomstage.Stage.ACTION], "writes": writes}
    _, _, _, _, info = env.step(json.dumps(answer))
    return float(info["stage_score"].components["writes"])


def _review(sid: str, decision: str, codes: list[str]) -> list[dict[str, Any]]:
    args = {"submission_id": sid, "decision": decision, "reason_codes": codes}
    return [{"name": "record_review", "arguments": args}]


_STATUS = {"approve": "approved", "request_changes": "changes_requested", "reject": "rejected"}


def test_the_writes_grade_the_review_recorded_not_that_one_was() -> None:
    """Issue 12: the writes are graded on the review the submission is left with (its
    status and its record as one value): on every case the gold review earns 1, no review
    0; a review with another decision earns 0 whatever its reason codes (it earned
    2/3 when any accepted review earned the re-review's share); the right decision with
    other reason codes earns 1/2 where the status had to change, else 0."""
    for case in _cases():
        sid = str(case.world_refs["submission_id"])
        gold = case.gold[ecomstage.Stage.ACTION]["writes"][0]["arguments"]
        decision, codes = gold["decision"], gold["reason_codes"]
        start = _env_at(case.case_id).world.get_submission(sid)["status"]
        assert _writes_score(case, _review(sid, decision, codes)) == 1.0, case.case_id
        assert _writes_score(case, []) == 0.0, case.case_id
        for other in sorted(set(_STATUS) - {decision}):
            wrong = [] if other == "approve" else codes or ["CR-01"]
            assert _writes_score(case, _review(sid, other, wrong)) == 0.0, (case.case_id, other)
        if decision != "approve":
            other_codes = sorted(set(codes) ^ {"CR-01"}) or ["CR-06"]
            want = 0.5 if start != _STATUS[decision] else 0.0
            assert _writes_score(case, _review(sid, decision, other_codes)) == want, case.case_id


@pytest.mark.parametrize(
    ("tool", "args", "match"),
    [
        ("record_review", {"decision": "maybe", "reason_codes": []}, "decision must be one of"),
        ("record_review", {"decision": "reject", "reason_codes": ["CR-99"]}, "unknown rule ids"),
        ("record_review", {"decision": "approve", "reason_codes": ["CR-01"]}, "takes no reason"),
        ("record_review", {"decision": "reject", "reason_codes": []}, "needs the ids"),
        ("record_review", {"decision": True, "reason_codes": []}, "invalid arguments"),
        ("record_review", {"decision": "reject", "reason_codes": [float("nan")]}, "invalid"),
        ("get_product", {"product_id": "P-0000"}, "no product"),
        ("get_product", {"product_id": 1234}, "invalid arguments"),
        ("get_claims", {"submission_id": "S-0000"}, "no submission"),
        ("list_submissions", {"merchant_id": "M-0000"}, "does not belong"),
        ("search_help_center", {"query": "  "}, "query is empty"),
    ],
)
def test_tools_refuse_bad_input_with_a_tool_error(
    tool: str, args: dict[str, Any], match: str
) -> None:
    case = _cases()[0]
    env = _env_at(case.case_id)
    if tool in ("record_review", "get_claims") and "submission_id" not in args:
        args = {"submission_id": case.world_refs["submission_id"], **args}
    with pytest.raises(ToolError, match=match):
        env.world.call(tool, args)


def test_a_bad_call_is_an_error_observation_not_an_exception() -> None:
    env = ecomstage.make(NAME)
    env.reset(seed=0)
    obs, reward, terminated, _, info = env.step(
        {"tool": "get_product", "arguments": {"product_id": True}}
    )
    assert not terminated and reward == 0.0
    assert "invalid arguments" in json.dumps(obs["tool_result"]) + str(info.get("error"))


def test_another_merchants_submission_is_refused() -> None:
    cases = _cases()
    env = _env_at(cases[0].case_id)
    other = cases[1].world_refs["submission_id"]
    with pytest.raises(ToolError):
        env.world.call("get_submission", {"submission_id": other})


# -- policy rules, one small world each ------------------------------------------------
def _world(text: str, claims: list[tuple[str, str]], **product: Any) -> Any:
    card = {
        "product_id": "P-1000",
        "merchant_id": "M-1000",
        "brand": "Acme",
        "model": "AC-1",
        "name": "Thing",
        "category": "Home",
        "price": 100.0,
        "list_price": 125.0,
        "attributes": {"capacity": "500 ml", "material": "glass"},
        "certifications": ["CCC"],
        **product,
    }
    sub = {
        "submission_id": "S-1000",
        "merchant_id": "M-1000",
        "kind": "note",
        "author": "merchant",
        "title": "t",
        "text": text,
        "product_id": "P-1000",
        "claims": [{"attribute": a, "value": v} for a, v in claims],
        "status": "pending",
    }
    patch = {
        "merchants": [{"merchant_id": "M-1000", "shop_name": "Acme"}],
        "products": [card],
        "submissions": [sub],
    }
    return world_mod.ContentState.model_validate(merge_patch(BASE, patch))


REFS = {"merchant_id": "M-1000", "submission_id": "S-1000"}


@pytest.mark.parametrize(
    ("text", "claims", "product", "broken", "decision"),
    [
        ("A glass jug.", [("capacity", "500 ml"), ("price", "100")], {}, [], "approve"),
        ("The best jug.", [], {}, ["CR-01"], "request_changes"),
        ("A jug, 最好.", [], {}, ["CR-01"], "request_changes"),
        ("A bestseller in 100% glass.", [], {}, [], "approve"),
        ("Jug.", [("effect", "eases eczema")], {}, ["CR-02"], "reject"),
        ("Jug.", [("effect", "eases eczema")], {"medical_registration": "Z1"}, [], "approve"),
        ("Jug.", [("effect", "keeps water cool")], {}, [], "approve"),
        ("Lenses.", [("effect", "stops myopia getting worse")], {}, ["CR-02"], "reject"),
        (
            "Jug, assembled in Japan.",
            [("origin", "Japan")],
            {"attributes": {"origin": "Shanghai"}},
            ["CR-04"],
            "request_changes",
        ),
        ("Jug.", [("price", "90")], {}, ["CR-03"], "request_changes"),
        ("Jug.", [("original_price", "150")], {}, ["CR-03"], "request_changes"),
        ("Jug.", [("discount_percent", "20")], {}, [], "approve"),
        ("Jug.", [("discount_percent", "25")], {}, ["CR-03"], "request_changes"),
        ("Jug.", [("discount_percent", "20")], {"list_price": None}, ["CR-03"], "request_changes"),
        ("Jug.", [("capacity", "500ML")], {}, [], "approve"),
        ("Jug.", [("capacity", "450 ml")], {}, ["CR-04"], "request_changes"),
        ("Jug.", [("origin", "Mars")], {}, [], "approve"),
        ("Jug.", [("certification", "ccc")], {}, [], "approve"),
        ("Jug.", [("certification", "FDA")], {}, ["CR-05"], "reject"),
        ("Jug.", [("model", "AC-2")], {}, ["CR-06"], "request_changes"),
        ("Jug.", [("brand", "Other")], {}, ["CR-06"], "request_changes"),
        (
            "No.1 jug.",
            [("certification", "FDA"), ("price", "90")],
            {},
            ["CR-01", "CR-03", "CR-05"],
            "reject",
        ),
    ],
)
def test_each_rule_fires_on_a_small_world(
    text: str,
    claims: list[tuple[str, str]],
    product: dict[str, Any],
    broken: list[str],
    decision: str,
) -> None:
    gold = policy.decide(_world(text, claims, **product), REFS)
    assert gold.broken == broken and gold.decision == decision
    assert gold.labels == ([policy.LABELS[c] for c in broken] or ["none"])
    assert gold.writes[0].arguments == {
        "submission_id": "S-1000",
        "decision": decision,
        "reason_codes": broken,
    }
    mine = {"approve": "approve", "reject": "reject", "request_changes": "changes"}[decision]
    assert mine not in gold.false_claims and not set(broken) & set(gold.false_claims)


def test_every_threshold_is_stated_in_the_help_centre() -> None:
    text = " ".join(a["text"] for a in BASE["articles"])
    assert "assembled" in text  # what counts as an origin claim (CR-04)
    for term in policy.ABSOLUTE_TERMS:
        if term != "no. 1":
            assert term in text.lower() or term in text, term
    for condition in policy.CONDITIONS:
        assert condition in text, condition
    assert "whole percent" in text and "CR-02, CR-05" in text


# -- baselines -------------------------------------------------------------------------
def test_baselines_sit_between_floor_and_oracle() -> None:
    def mean(rs: list[ecomstage.EpisodeResult]) -> float:
        return sum(r.total for r in rs) / len(rs)

    rnd = evaluate(ecomstage.RandomAgent(seed=0), NAME)
    keyword = evaluate(ecomstage.KeywordAgent(), NAME)
    oracle = evaluate(ecomstage.OracleAgent(), NAME)
    assert mean(oracle) == 1.0
    assert 0.0 < mean(rnd) < 0.4
    assert 0.0 < mean(keyword) < 0.5
    assert evaluate(ecomstage.RandomAgent(seed=0), NAME) == rnd  # seeded


def test_the_baselines_answer_a_set_of_labels_field() -> None:
    """Library change: random, majority and keyword agents fill ``labels`` fields validly."""
    env = ecomstage.make(NAME)
    for agent in (ecomstage.RandomAgent(seed=1), MajorityAgent(), ecomstage.KeywordAgent()):
        obs, info = env.reset(seed=0)
        info["grader"] = env.unwrapped.grader_view()
        answer = agent.act(obs, info)
        space = info["answer_schema"]["properties"]["violations"]["items"]["enum"]
        assert answer["violations"] and set(answer["violations"]) <= set(space)
        *_, info = env.step(answer)
        assert not info.get("error"), info.get("error")
        if isinstance(agent, MajorityAgent):
            assert answer["violations"] == ["none"]  # the commonest gold set
    results = evaluate(MajorityAgent(), NAME)
    assert not any(e.startswith("perception") for r in results for e in r.errors)


# -- the reply: every natural wording of a fact counts, a negated or wrong one fails ----
def _reply_score(case_id: str, reply: str) -> float:
    case = next(c for c in _cases() if c.case_id == case_id)
    env = ecomstage.make(NAME)
    env.reset(options={"case_id": case_id, "stage": "action"})
    answer = {**case.gold[ecomstage.Stage.ACTION], "reply": reply}
    *_, info = env.step(answer)
    return float(info["stage_score"].components["reply"])


_WORDINGS: dict[str, tuple[list[str], list[str]]] = {
    # approve, nothing rejected before: "no rule is broken" in any natural wording
    "cr-ed21": (
        [
            "I've approved your note. It does not break any rule.",
            "I've approved it: it breaks no review rule.",
            "Approved. None of the review rules is broken.",
            "No rule is broken, so I have approved the note.",
            "It doesn't violate any rule and there are no violations; I've approved it.",
            "The note complies with all the review rules, so it is approved.",
        ],
        [
            "I've approved it, although it is not true that no rule is broken.",
            "I've approved it. It breaks a review rule.",
            "I've approved it.",
        ],
    ),
    # approve, rejected before under CR-04: the rule is not broken (or no rule is)
    "cr-67a5": (
        [
            "It does not break CR-04, so I've approved the ad.",
            "CR-04 is not broken. I've approved it.",
            "I've approved it: no rule is broken.",
            "I have overturned the rejection; it doesn't break CR-04 and it is approved.",
        ],
        ["I've approved it.", "I've approved it, but CR-04 does apply to it."],
    ),
    # request changes under CR-01
    "cr-3a42": (
        [
            "It breaks CR-01 (the word 'unbeatable'). I've requested changes: please edit and resubmit.",
            "I've marked it for changes under CR-01; remove 'unbeatable' and resubmit it.",
            "CR-01: 'unbeatable' is banned wording. Please fix the text and resubmit.",
        ],
        ["I've requested changes; please edit and resubmit.", "I've approved it under CR-01."],
    ),
    # reject under CR-02
    "cr-c35e": (
        [
            "I've rejected it: it breaks CR-02, acne is named and the card has no medical registration.",
            "It cannot be approved. CR-02 applies: the gel claims to clear acne and is not medically registered.",
            "Rejected under CR-02 (severe): the gel has no medical registration but claims an effect on acne.",
        ],
        [
            "I've rejected it under CR-02, and the card has a medical registration.",
            "It breaks CR-02 and no medical registration exists; I've approved it.",
        ],
    ),
}


@pytest.mark.parametrize("case_id", sorted(_WORDINGS))
def test_every_natural_wording_of_the_reply_counts(case_id: str) -> None:
    right, wrong = _WORDINGS[case_id]
    for reply in right:
        assert _reply_score(case_id, reply) == 1.0, reply
    for reply in wrong:
        assert _reply_score(case_id, reply) < 1.0, reply


# -- the train split (generated) -------------------------------------------------------
def _train_env(n: int = 256) -> Any:
    return ecomstage.make(NAME, split="train", train_size=n).unwrapped


def _train(n: int = 256) -> list[ecomstage.Case]:
    return list(_train_env(n).cases)


def test_the_train_split_is_generated_and_apart_from_test() -> None:
    train, test = _train(), _cases()
    assert len(train) == 256 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in test}
    texts = [dialogue_text(c) for c in train]
    assert max_similarity(texts, [dialogue_text(c) for c in test]) < NEAR_DUPLICATE
    assert text_diversity(texts)["near_duplicate_pairs"] <= 2


def test_a_sample_of_generated_cases_passes_the_curated_cases_checks() -> None:
    """Policy agreement, no echoed point, and the oracle scores 1.0 at every stage."""
    scenario = _train_env(30).scenario
    assert check_cases(scenario, split="train") == []


def test_every_route_decision_and_violation_occurs_in_a_train_split() -> None:
    train = _train()
    n = len(train)
    routes = Counter(c.gold[ecomstage.Stage.PLANNING]["route"] for c in train)
    assert set(routes) == {"A", "B"} and max(routes.values()) <= 0.6 * n
    codes = Counter(_code(c) for c in train)
    assert set(codes) == set(policy.DECISIONS) and max(codes.values()) <= 0.45 * n
    labels = Counter(lab for c in train for lab in c.gold[ecomstage.Stage.PERCEPTION]["violations"])
    assert set(labels) == {"none", *policy.LABELS.values()}
    assert min(labels.values()) >= 0.05 * n
    # The words leave the route open in some cases (route line 3: the kind decides).
    notes = Counter(c.annotation.notes.split("; ")[1] for c in train)
    assert set(notes) == {"route line 1", "route line 2", "route line 3"}
    # Merchants who are right (a rejection that breaks no rule) and wrong both occur.
    states = _train_env().scenario.states
    status = {
        c.case_id: next(
            s.status
            for s in states[c.case_id].submissions
            if s.submission_id == c.world_refs["submission_id"]
        )
        for c in train
    }
    wrongly_rejected = sum(
        1 for c in train if _code(c) == "approve" and status[c.case_id] == "rejected"
    )
    assert wrongly_rejected >= 10


def test_a_seed_fixes_the_generated_cases() -> None:
    scenario = ecomstage.load_scenario(FOLDER)
    first = [p.case for p in generate_cases(scenario, 4, seed=7)]
    assert first == [p.case for p in generate_cases(scenario, 4, seed=7)]
    other = [p.case for p in generate_cases(scenario, 4, seed=8)]
    assert [dialogue_text(c) for c in other] != [dialogue_text(c) for c in first]


def test_no_generated_dialogue_names_a_rule_or_violation_type() -> None:
    for case in _train():
        text = dialogue_text(case).lower()
        for word in ("cr-0", "violation", *policy.LABELS.values()):
            assert word not in text, (case.case_id, word)
        for label in policy.LABELS.values():
            assert label.replace("_", " ") not in text, (case.case_id, label)


@pytest.mark.slow
def test_the_shortcut_audit_passes_on_the_train_split() -> None:
    report = audit(NAME, split="train", limit=200)
    assert report.passed, report.markdown()

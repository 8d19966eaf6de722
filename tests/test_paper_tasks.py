"""The seven paper tasks as envs: bundled data, strict and paper scoring, similarity, judge."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import ecomstage
from ecomstage_env.paper.env import bundled_paper_data, load_paper_task
from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.runner import evaluate
from ecomstage_env.scoring.labels import paper_correct, strict_label
from ecomstage_env.stages import Orientation, Stage
from tests.test_official import SAMPLE, needs_sample

CLOSED = [t for t, spec in PAPER_TASKS.items() if not spec.open_ended]


def test_the_seven_tasks_are_registered_at_their_stage_and_orientation() -> None:
    expected = {
        "query_rewrite": (Stage.PERCEPTION, Orientation.CUSTOMER),
        "attitude_cls": (Stage.PERCEPTION, Orientation.MERCHANT),
        "query_match": (Stage.PERCEPTION, Orientation.CUSTOMER),
        "intent_recognition": (Stage.PERCEPTION, Orientation.CUSTOMER),
        "scenario_route": (Stage.PLANNING, Orientation.MERCHANT),
        "solution_decision": (Stage.ACTION, Orientation.CUSTOMER),
        "rag_qa": (Stage.ACTION, Orientation.BOTH),
    }
    for task, (stage, orientation) in expected.items():
        env = ecomstage.make(f"ecomstage/{task}-v1").unwrapped
        assert [s.stage for s in env.spec_data.stages] == [stage]
        assert env.spec_data.orientation == orientation


@pytest.mark.parametrize("task", list(PAPER_TASKS))
def test_bundled_records_are_enough_sound_and_cover_the_label_space(task: str) -> None:
    data = load_paper_task(task, on_malformed="error")  # not one bundled record is malformed
    assert len(data.records) >= 30
    assert data.source == bundled_paper_data().resolve()
    golds = Counter(r.record.gt_answer for r in data.records)
    spec = PAPER_TASKS[task]
    if spec.labels:
        assert set(golds) == set(spec.labels)  # every label is used
    elif spec.options:
        assert len(golds) >= 5
    else:
        assert len(golds) == len(data.records)  # free text: every reference differs


def test_bundled_rag_records_carry_real_knowledge_not_the_placeholder() -> None:
    for r in load_paper_task("rag_qa").records:
        knowledge = r.record.human.split("User question:")[0]
        assert "[Retrieval database]" not in knowledge and len(knowledge.split()) >= 50


@pytest.mark.parametrize("task", list(PAPER_TASKS))
def test_oracle_scores_one_on_every_bundled_record(task: str) -> None:
    results = evaluate(ecomstage.OracleAgent(), task)
    assert len(results) >= 30 and all(r.total == pytest.approx(1.0) for r in results)


def _play(task: str, answer: object, **kwargs: object) -> tuple[float, dict[str, object]]:
    env = ecomstage.make(task, **kwargs)
    env.reset(seed=0)
    _, reward, terminated, _, info = env.step(answer)
    assert terminated
    return reward, info


@needs_sample
def test_strict_rejects_11_for_gold_1_while_paper_accepts_it() -> None:
    kw = {"data": str(SAMPLE), "on_malformed": "keep"}
    env = ecomstage.make("intent_recognition", scoring="strict", **kw)
    env.reset(options={"case_id": "4_intent_recognition_935"})  # gold "1"
    _, reward, _, _, info = env.step("11")
    assert reward == 0.0 and "'11' is not one of 1, 2, 3, 4, 5, 6, 7" in info["error"]
    env = ecomstage.make("intent_recognition", scoring="paper", **kw)
    env.reset(options={"case_id": "4_intent_recognition_935"})
    assert env.step("11")[1] == 1.0


# (prediction, official verdict for gold "1"), worked out by hand from evaluation.py:
# newlines/tabs -> spaces, strip, then `gold in prediction`.
PAPER_CASES = [
    ("1", True),
    ("11", True),
    ("\n1\t", True),
    ("The category is 1.", True),
    ("2", False),
    ("", False),
    ("one", False),
    ("2 (not 3)", False),
    ("7\n1", True),
]


@pytest.mark.parametrize(("prediction", "correct"), PAPER_CASES)
def test_paper_rule_matches_the_official_verdicts(prediction: str, correct: bool) -> None:
    assert paper_correct(prediction, "1") is correct
    assert paper_correct(prediction, " 1 ") is correct  # gold is stripped too
    assert paper_correct(None, "1") is False


def test_paper_mode_accuracy_over_a_set_equals_the_hand_count() -> None:
    env = ecomstage.make("intent_recognition", scoring="paper")
    ids = [c.case_id for c in env.unwrapped.cases][:9]
    hits = 0
    for i, cid in enumerate(ids):
        env.reset(options={"case_id": cid})
        g = env.unwrapped.case.gold[Stage.PERCEPTION]["answer"]
        o1, o2 = [x for x in "1234567" if x != g][:2]
        # The shapes of PAPER_CASES around this record's gold: 5 of the 9 are right.
        shapes = [
            g,
            g + g,
            f"\n{g}\t",
            f"The category is {g}.",
            o1,
            "",
            "one",
            f"{o1} (not {o2})",
            f"7\n{g}",
        ]
        hits += env.step(shapes[i])[1] == 1.0
    assert hits == 5


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("4", "4"),
        (" **4** ", "4"),
        ('"4".', "4"),
        ("(B)", "B"),
        ("B. Coupons?", "B"),  # label followed by that option's own text
        ("B. Refunds?", None),  # ... but not another option's
        ("11", None),
        ("4 or 5", None),
        ("The answer is 4", None),
        ("", None),
    ],
)
def test_strict_label_takes_exactly_one_label(text: str, label: str | None) -> None:
    options = {"A": "Refunds?", "B": "Coupons?"}
    assert strict_label(text, ["A", "B", "4", "5"], options) == label


@pytest.mark.parametrize("task", CLOSED)
def test_strict_mode_accepts_the_structured_and_raw_shapes(task: str) -> None:
    env = ecomstage.make(task)
    _obs, info = env.reset(seed=3)
    gold = env.unwrapped.case.gold[env.unwrapped.task.stage]["answer"]
    assert gold in info["answer_schema"]["properties"]["answer"]["enum"]
    for shape in (gold, f" {gold}\n", {"answer": gold}, json.dumps({"answer": gold})):
        env.reset(seed=3)
        assert env.step(shape)[1] == 1.0, shape
    env.reset(seed=3)
    _, reward, _, _, info = env.step("I am not sure, maybe")
    assert reward == 0.0 and "not one of" in info["error"] and info["stage_score"].value == 0.0


def test_query_match_and_solution_enums_come_from_the_record_menu() -> None:
    for task in ("query_match", "solution_decision"):
        env = ecomstage.make(task)
        for case in env.unwrapped.cases:
            _, info = env.reset(options={"case_id": case.case_id})
            enum = info["answer_schema"]["properties"]["answer"]["enum"]
            assert enum == [o.id for o in case.options["answer"]]
            for label in enum:
                assert f"{label}. " in info["messages"][1]["content"]


@pytest.mark.parametrize("scoring", ["strict", "paper"])
def test_rewrite_is_scored_by_points_in_strict_mode_and_by_cosine_in_paper_mode(
    scoring: str,
) -> None:
    env = ecomstage.make("query_rewrite", scoring=scoring)
    env.reset(seed=0)
    gold = env.unwrapped.case.gold[Stage.PERCEPTION]["answer"]
    assert env.step(gold)[1] == pytest.approx(1.0, abs=1e-5)
    env.reset(seed=0)
    _, reward, _, _, info = env.step("Please tell me the opening hours of the Paris museum.")
    kind = "required points" if scoring == "strict" else "cosine"
    assert 0.0 <= reward < 0.5 and kind in info["stage_score"].reason
    env.reset(seed=0)
    _, reward, _, _, info = env.step("   ")
    assert reward == 0.0 and "empty" in info["stage_score"].reason


def test_official_data_without_points_is_scored_by_cosine(tmp_path: Path) -> None:
    data = tmp_path / "release"
    data.mkdir()
    src = bundled_paper_data() / "query_rewrite.jsonl"
    (data / "query_rewrite.jsonl").write_text(src.read_text("utf-8"), "utf-8")  # no points/
    env = ecomstage.make("query_rewrite", data=str(data))
    assert env.unwrapped.spec_data.stages[0].fields[0].scorer == "cosine"


def test_cosine_ranks_a_paraphrase_above_an_unrelated_answer() -> None:
    from ecomstage_env.scoring.embedding import get_embedder

    emb = get_embedder()
    ref = "When will my refund for the returned shoes arrive?"
    sims = emb.similarity(
        ["When do I get the money back for the shoes I sent back?", "Do you sell garden hoses?"],
        [ref, ref],
    )
    assert sims[0] > 0.6 > sims[1]


def test_envs_of_a_task_share_its_checked_cases_unless_scoring_or_split_differ() -> None:
    a, b = ecomstage.make("intent_recognition"), ecomstage.make("intent_recognition")
    assert a.unwrapped.scenario is b.unwrapped.scenario
    paper = ecomstage.make("intent_recognition", scoring="paper")
    assert paper.unwrapped.scenario is not a.unwrapped.scenario
    scorers = {f.scorer for s in paper.unwrapped.scenario.spec.stages for f in s.fields}
    assert scorers == {"paper_match"}
    train = ecomstage.make("intent_recognition", split="train", train_size=8)
    assert train.unwrapped.scenario is not a.unwrapped.scenario
    assert {c.split for c in train.unwrapped.scenario.cases} == {"train"}

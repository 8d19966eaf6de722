"""Train splits of the seven paper tasks: generated apart from the test records."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import ecomstage
from ecomstage_env.checks.audit import audit
from ecomstage_env.data.generate import NEAR_DUPLICATE, max_similarity
from ecomstage_env.errors import DataError, EcomstageError
from ecomstage_env.paper import generate
from ecomstage_env.paper.env import load_paper_task
from ecomstage_env.paper.generate import TRAIN_SIZE, generate_records, train_records
from ecomstage_env.paper.official import PAPER_TASKS
from ecomstage_env.runner import evaluate

TASKS = list(PAPER_TASKS)
CLOSED = [t for t, spec in PAPER_TASKS.items() if not spec.open_ended]


def _tests(task: str) -> list[str]:
    return [r.record.human for r in load_paper_task(task).records]


@pytest.mark.parametrize("task", TASKS)
def test_make_train_plays_generated_records_and_case_ids_lists_them(task: str) -> None:
    env = ecomstage.make(task, split="train", train_size=40, train_seed=3).unwrapped
    ids = [c.case_id for c in env.cases]
    assert len(ids) == 40 and all(c.split == "train" for c in env.cases)
    assert ids == ecomstage.case_ids(task, split="train", train_size=40, train_seed=3)
    assert not set(ids) & set(ecomstage.case_ids(task))  # no test id
    _, info = env.reset(seed=0)
    assert info["case_id"] in ids
    meta = ecomstage.env_metadata(task)
    assert meta["generator"] is True and meta["cases"]["train"] == TRAIN_SIZE


@pytest.mark.parametrize("task", TASKS)
def test_no_train_record_is_a_test_record_or_a_near_duplicate_of_one(task: str) -> None:
    tests = _tests(task)
    made = [r.record.human for r in train_records(task, tests=tests)[0]]
    assert not set(made) & set(tests)
    assert max_similarity(made, tests) < NEAR_DUPLICATE


def test_a_draw_that_repeats_a_test_text_is_drawn_again() -> None:
    first = generate_records("intent_recognition", 3, seed=0)
    clash = first[2].raw["conversations"][0]["value"]
    again = generate_records("intent_recognition", 3, seed=0, tests=[clash])
    assert again[:2] == first[:2]  # other records do not move
    text = again[2].raw["conversations"][0]["value"]
    assert text != clash and max_similarity([text], [clash]) < NEAR_DUPLICATE


@pytest.mark.parametrize("task", CLOSED)
def test_every_label_is_present_and_labels_are_roughly_balanced(task: str) -> None:
    records, _ = train_records(task, tests=_tests(task))
    golds = Counter(r.record.gt_answer for r in records)
    space = PAPER_TASKS[task].labels or sorted({lab for r in records for lab in r.labels})
    assert set(golds) == set(space)
    assert min(golds.values()) >= 0.5 * len(records) / len(space)
    assert all(r.record.gt_answer in r.labels for r in records)  # gold is on the record's menu


@pytest.mark.parametrize("task", TASKS)
def test_a_seed_gives_the_same_records_and_a_record_does_not_depend_on_n(task: str) -> None:
    a = generate_records(task, 12, seed=5)
    assert a == generate_records(task, 12, seed=5)
    assert generate_records(task, 30, seed=5)[:12] == a
    other = generate_records(task, 12, seed=6)
    assert [r.raw["gt_answer"] for r in other] != [r.raw["gt_answer"] for r in a] or [
        r.raw["conversations"] for r in other
    ] != [r.raw["conversations"] for r in a]


@pytest.mark.parametrize("task", TASKS)
def test_the_oracle_scores_one_on_generated_records(task: str) -> None:
    results = evaluate(ecomstage.OracleAgent(), task, split="train", limit=64)
    assert len(results) == 64 and all(r.total == pytest.approx(1.0) for r in results)


@pytest.mark.parametrize("task", ["query_rewrite", "rag_qa"])
def test_free_text_gold_is_not_in_the_prompt_and_wrong_answers_score_low(task: str) -> None:
    env = ecomstage.make(task, split="train", train_size=20)
    for case in env.unwrapped.cases[:20]:
        obs, _ = env.reset(options={"case_id": case.case_id})
        gold = str(case.gold[env.unwrapped.spec_data.stages[0].stage]["answer"])
        assert gold not in obs["prompt"]
        _, reward, *_ = env.step("Sorry, I can't help with that.")
        assert reward < 0.5


def test_generating_the_default_split_takes_seconds() -> None:
    import time

    start = time.thread_time()  # CPU time: other jobs on a shared machine do not count
    for task in TASKS:
        generate_records(task, TRAIN_SIZE, seed=11, tests=_tests(task))
    assert time.thread_time() - start < 20  # all seven tasks, 256 records each


def test_bad_sizes_are_refused_and_a_generator_bug_names_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(EcomstageError, match="train_size"):
        ecomstage.make("intent_recognition", split="train", train_size=0)
    with pytest.raises(EcomstageError, match="train_seed"):
        train_records("intent_recognition", 5, -1)
    with pytest.raises(EcomstageError, match="no paper task"):
        generate_records("intent_recognitoin", 5)

    def outside(rng: object, slots: object, label: str) -> tuple[str, str]:
        return "Conversation:\nUser: where is my parcel\n\nWhich category?", "9"

    monkeypatch.setitem(generate._LABEL_BUILDERS, "intent_recognition", outside)
    with pytest.raises(DataError) as e:
        train_records("intent_recognition", 2, 99)
    assert Path(e.value.path) == Path(generate.__file__)
    assert "outside the label space" in str(e.value) and e.value.field == "conversations"


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_the_shortcut_audit_passes_on_the_train_split(task: str) -> None:
    report = audit(task, split="train")
    assert report.cases == TRAIN_SIZE
    assert report.passed, [(r.shortcut, r.score, r.limit) for r in report.failures]


def test_generate_command_writes_records_that_load_and_score_like_bundled_ones(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from ecomstage_env.cli import app

    out = tmp_path / "rag.jsonl"
    res = CliRunner().invoke(app, ["generate", "rag_qa", "-n", "12", "--out", str(out), "--check"])
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.split())
    assert "closest test record" in said and "check: ok" in said
    assert (tmp_path / "points" / "rag_qa.jsonl").is_file()
    env = ecomstage.make("rag_qa", data=str(out))  # the written file plays as test data
    cases = env.unwrapped.cases
    assert len(cases) == 12 and env.unwrapped._text_scoring(False)[0] == "points"
    for case in cases:
        env.reset(options={"case_id": case.case_id})
        _, reward, *_ = env.step(case.gold[env.unwrapped.spec_data.stages[0].stage]["answer"])
        assert reward == pytest.approx(1.0)

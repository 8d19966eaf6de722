"""Per-stage prompts (ecomstage_env.rl.prompts): the env's own messages, no gold of the stage."""

from __future__ import annotations

import json

import pytest

import ecomstage
from ecomstage_env.agents.llm import PromptOptions
from ecomstage_env.errors import EcomstageError
from ecomstage_env.rl.prompts import PROMPT_COLUMNS, stage_prompt_rows, stage_prompts
from tests.test_gold_isolation import _gold_texts, _is_calls

pytest.importorskip("datasets")

ENVS = ecomstage.list_envs()


def test_one_row_per_case_and_stage_with_the_columns_trainers_read() -> None:
    ds = stage_prompts("merchant_promotion", stages=["perception", "planning"])
    ids = ecomstage.case_ids("merchant_promotion")
    assert tuple(ds.column_names) == PROMPT_COLUMNS
    assert ds.num_rows == 2 * len(ids)
    assert sorted(set(ds["case_id"])) == sorted(ids)
    assert set(ds["stage"]) == {"perception", "planning"}
    assert set(ds["env"]) == {"merchant_promotion"}
    row = ds[1]
    assert [m["role"] for m in row["prompt"]] == ["system", "user"]
    schema = json.loads(row["answer_schema"])
    assert set(schema["properties"]) == {"route"}  # planning's answer (lookups are calls)
    assert {t["function"]["name"] for t in json.loads(row["tools"])} >= {"get_campaign"}


def test_prompt_is_what_the_env_shows_at_that_stage() -> None:
    # Not a second prompt format: the rows hold the env's messages at the opened stage,
    # with the agent's prompt options applied as model agents apply them.
    options = PromptOptions(system_suffix="Answer in JSON only.")
    rows = stage_prompt_rows("merchant_promotion", stages=["action"], prompt=options)
    env = ecomstage.make("merchant_promotion")
    for row in rows[:5]:
        _, info = env.reset(options={"case_id": row["case_id"], "stage": "action"})
        expected = options.apply(info["messages"])
        assert row["prompt"] == [{"role": m["role"], "content": m["content"]} for m in expected]
        assert row["prompt"][0]["content"].endswith("Answer in JSON only.")


def test_paper_task_rows_and_a_stage_list_shared_across_envs() -> None:
    rows = stage_prompt_rows(["intent_recognition", "merchant_promotion"], stages=["perception"])
    paper = [r for r in rows if r["env"] == "intent_recognition"]
    assert paper and all(r["answer_format"] == "text" for r in paper)
    assert {r["stage"] for r in rows} == {"perception"}
    with pytest.raises(EcomstageError, match="has a stage"):
        stage_prompt_rows("intent_recognition", stages=["action"])


def test_unknown_case_is_a_typed_error() -> None:
    with pytest.raises(EcomstageError, match="no case"):
        stage_prompt_rows("merchant_promotion", case_ids=["mp-nope"], stages=["perception"])


@pytest.mark.parametrize("name", ENVS)
def test_no_row_quotes_the_gold_of_its_own_or_a_later_stage(name: str) -> None:
    # Earlier stages are shown as the annotated reference answers (the stage is played
    # in isolation, as reset(options={"stage": ...}) plays it); the row's own stage and
    # every later one must not leak: no annotated prose, no gold answer as JSON.
    env = ecomstage.make(name)
    base = env.unwrapped
    stages = [s.stage for s in base.spec_data.stages]
    cases = {c.case_id: c for c in base.cases}
    rows = stage_prompt_rows(name)
    assert len(rows) == len(cases) * len(stages)
    for row in rows:
        case = cases[row["case_id"]]
        text = json.dumps(row, ensure_ascii=False)
        here = stages.index(next(s for s in stages if s.value == row["stage"]))
        earlier = [
            s
            for answers in (case.gold[st] for st in stages[:here])
            for v in answers.values()
            if not _is_calls(v)
            for s in ([v] if isinstance(v, str) else [])
        ]
        for st in stages[here:]:
            gold = {k: v for k, v in case.gold[st].items() if not _is_calls(v)}
            for k, v in gold.items():
                shown = json.dumps({k: v}, ensure_ascii=False)[1:-1]
                assert shown not in text, f"{row['case_id']}/{row['stage']} shows {st} gold {k}"
        own_and_later = {
            t
            for t in _gold_texts(case)
            if t not in earlier and t not in case.annotation.notes + case.annotation.adjudication
        }
        notes = {case.annotation.notes.strip(), case.annotation.adjudication.strip()} - {""}
        for t in own_and_later | {n for n in notes if len(n) >= 24}:
            assert t not in text, f"{row['case_id']}/{row['stage']} quotes the annotation"

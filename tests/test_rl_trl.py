"""The TRL adapter (ecomstage_env.rl.trl): stage rewards from the env's scorers, rollouts."""

from __future__ import annotations

import json
from typing import Any

import pytest

import ecomstage
from ecomstage_env.agents.baselines import OracleAgent
from ecomstage_env.env import GRADER_KEY
from ecomstage_env.errors import EcomstageError
from ecomstage_env.rl.prompts import stage_prompt_rows
from ecomstage_env.rl.trl import (
    FieldReward,
    Generation,
    StageScorer,
    ValidAnswerReward,
    answer_prefix,
    completion_text,
    play_rollout,
    reward_weights,
    stage_rewards,
    text_prompts,
)
from ecomstage_env.stages import Stage

MP = "merchant_promotion"


def _gold_answer(name: str, case_id: str, stage: str) -> str:
    """The annotated answer of a stage, as JSON text (what a perfect model would write)."""
    env = ecomstage.make(name)
    _, info = env.reset(options={"case_id": case_id, "stage": stage})
    gold = env.unwrapped.case.gold[Stage(stage)]
    props = info["answer_schema"]["properties"]
    return json.dumps({k: v for k, v in gold.items() if k in props})


def _call(func: Any, rows: list[dict[str, Any]], completions: list[Any]) -> list[float | None]:
    """Call a reward function as GRPOTrainer does (columns as keyword lists)."""
    cols = {k: [r[k] for r in rows] for k in rows[0] if k != "prompt"}
    return func(prompts=[r["prompt"] for r in rows], completions=completions, **cols)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return stage_prompt_rows(MP, stages=["perception", "planning"])[:6]


def test_one_named_function_per_stage_and_answer_field() -> None:
    funcs = stage_rewards(MP, format_weight=0.2)
    names = [f.__name__ for f in funcs]
    assert names == [
        "perception/rewritten_query",
        "perception/entities",
        "perception/format",
        "planning/route",  # planning/lookups is graded from calls: not earned by one completion
        "planning/format",
        "action/decision",
        "action/writes",
        "action/reply",
        "action/format",
    ]
    # The field weights of each stage share 1, so the weighted sum is the stage score.
    weights = dict(zip(names, reward_weights(funcs), strict=True))
    assert weights["perception/entities"] + weights["perception/rewritten_query"] == 1.0
    assert weights["planning/format"] == 0.2
    both = stage_rewards(["intent_recognition", MP], stages=["perception"])
    assert [f.__name__ for f in both][:1] == ["intent_recognition/perception/answer"]
    with pytest.raises(EcomstageError, match="no graded field"):
        stage_rewards(MP, fields=["nope"])


def test_rewards_grade_completions_with_the_envs_scorers(rows: list[dict[str, Any]]) -> None:
    scorer = StageScorer()
    funcs = stage_rewards(MP, stages=["perception", "planning"], scorer=scorer, format_weight=1)
    gold = [_gold_answer(MP, r["case_id"], r["stage"]) for r in rows]
    conversational = [[{"role": "assistant", "content": g}] for g in gold]
    by_name = {f.__name__: f for f in funcs}
    for completions in (gold, conversational):
        for name in ("perception/entities", "planning/route", "planning/format"):
            got = _call(by_name[name], rows, completions)
            stage = name.split("/")[0]
            assert got == [1.0 if r["stage"] == stage else None for r in rows], name
    # An invalid label, prose, and a tool call: 0 on the fields and on format.
    bad = ['{"route": "Z"}', "I think it is C", '{"tool": "get_account", "arguments": {}}']
    planning = [r for r in rows if r["stage"] == "planning"][:3]
    assert _call(by_name["planning/route"], planning, bad) == [0.0, 0.0, 0.0]
    assert _call(by_name["planning/format"], planning, bad) == [0.0, 0.0, 0.0]
    # A valid but wrong answer: format 1, field 0.
    wrong = {"A": "C", "C": "D", "D": "A"}
    answers = [json.loads(_gold_answer(MP, r["case_id"], "planning"))["route"] for r in planning]
    flipped = [json.dumps({"route": wrong[a]}) for a in answers]
    assert _call(by_name["planning/route"], planning, flipped) == [0.0, 0.0, 0.0]
    assert _call(by_name["planning/format"], planning, flipped) == [1.0, 1.0, 1.0]


def test_weighted_field_rewards_sum_to_the_envs_stage_score(rows: list[dict[str, Any]]) -> None:
    scorer = StageScorer()
    funcs = [f for f in stage_rewards(MP, stages=["perception"], scorer=scorer)]
    perception = [r for r in rows if r["stage"] == "perception"]
    # Half right: the campaign id of the gold, a wrong metric, a vague rewrite.
    completions = []
    for r in perception:
        gold = json.loads(_gold_answer(MP, r["case_id"], "perception"))
        ent = {
            **gold["entities"],
            "metric": "ctr" if gold["entities"]["metric"] != "ctr" else "roi",
        }
        completions.append(json.dumps({"rewritten_query": "help please", "entities": ent}))
    per_func = [_call(f, perception, completions) for f in funcs]
    env = ecomstage.make(MP)
    for i, (r, text) in enumerate(zip(perception, completions, strict=True)):
        env.reset(options={"case_id": r["case_id"], "stage": "perception"})
        info = env.step(text)[4]
        total = sum(f.weight * col[i] for f, col in zip(funcs, per_func, strict=True))  # type: ignore[operator]
        assert total == pytest.approx(info["stage_score"].value)
        assert 0 < per_func[1][i] < 1  # type: ignore[operator]  # entities: partial credit
    # Each distinct completion stepped the env once, shared by the stage's functions.
    assert scorer.calls == len(set(completions))


def test_paper_task_reward_and_rows_of_other_envs_are_left_out() -> None:
    rows = stage_prompt_rows(["intent_recognition", MP], stages=["perception"])
    pick = [*[r for r in rows if r["env"] == "intent_recognition"][:2], rows[-1]]
    funcs = stage_rewards(["intent_recognition", MP], stages=["perception"], format_weight=1)
    intent = next(f for f in funcs if f.__name__ == "intent_recognition/perception/answer")
    fmt = next(f for f in funcs if f.__name__ == "intent_recognition/perception/format")
    gold = [
        json.loads(_gold_answer("intent_recognition", r["case_id"], "perception"))["answer"]
        for r in pick[:2]
    ]
    assert _call(intent, pick, [*gold, "x"]) == [1.0, 1.0, None]
    assert _call(fmt, pick, ["1 or 2", "", "x"]) == [0.0, 0.0, None]
    assert isinstance(intent, FieldReward) and isinstance(fmt, ValidAnswerReward)


def test_completion_text_reads_trl_completion_shapes() -> None:
    assert completion_text("a") == "a"
    assert completion_text([{"role": "assistant", "content": "b"}]) == "b"
    assert completion_text([]) == ""


def test_rollout_plays_a_tool_using_episode_with_stage_rewards() -> None:
    env = ecomstage.make(MP)
    case_id = ecomstage.case_ids(MP)[0]
    oracle = OracleAgent()
    seen: list[list[dict[str, Any]]] = []

    def generate(messages: list[dict[str, Any]], view: dict[str, Any]) -> Generation:
        # A perfect model (the oracle's moves, read test-side), with fake token ids.
        seen.append(messages)
        info = {**view, "messages": messages, GRADER_KEY: env.unwrapped.grader_view()}
        text = json.dumps(oracle.act({}, info))
        return Generation(text=text, prompt_ids=(1, 2), completion_ids=(3,), logprobs=(-0.5,))

    out = play_rollout(env, generate, case_id=case_id)
    assert out.case_id == case_id and out.env == MP
    assert set(out.stage_rewards) == {"perception", "planning", "action"}
    assert out.total == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in out.stage_rewards.values())
    assert out.returns == pytest.approx(1.0)
    kinds = [t.kind for t in out.turns]
    assert "tool_call" in kinds and kinds.count("answer") == 3
    assert [t.messages for t in out.turns] == seen
    assert out.turns[0].completion_ids == (3,) and out.turns[0].logprobs == (-0.5,)
    assert out.record.result.usage["perception"].completion_tokens >= 1
    chat = out.messages()
    roles = [m["role"] for m in chat]
    assert roles.count("assistant") == len(out.turns)
    assert roles.count("tool") == kinds.count("tool_call")
    # Each tool result follows the assistant turn that asked for it.
    first_tool = roles.index("tool")
    assert roles[first_tool - 1] == "assistant"


def test_rollout_from_a_later_stage_and_bad_output_is_data() -> None:
    env = ecomstage.make(MP)
    out = play_rollout(
        env, lambda m, v: "no idea", case_id=ecomstage.case_ids(MP)[1], stage="planning"
    )
    assert set(out.stage_rewards) == {"planning", "action"}
    assert out.stage_rewards == {"planning": 0.0, "action": 0.0}
    assert [t.kind for t in out.turns] == ["invalid", "invalid"]
    assert all(t.error for t in out.turns)


class _NoTemplate:
    """A tokenizer without a chat template (the local agent's plain layout is used)."""

    chat_template = None


def test_text_prompts_end_in_the_answer_and_rewards_close_it() -> None:
    datasets = pytest.importorskip("datasets")
    rows = stage_prompt_rows(MP, stages=["planning"])[:3]
    ds = text_prompts(datasets.Dataset.from_list(rows), _NoTemplate())
    assert answer_prefix({"properties": {"route": {"type": "string"}}}) == ('{"route": "', '"}')
    assert answer_prefix({"properties": {"answer": {}}}, "text") == ("", "")
    assert all(p.endswith('assistant:{"route": "') for p in ds["prompt"])
    assert set(ds["prefill"]) == {'{"route": "'} and set(ds["suffix"]) == {'"}'}
    route = next(
        f for f in stage_rewards(MP, stages=["planning"]) if f.__name__ == "planning/route"
    )
    gold = [json.loads(_gold_answer(MP, r["case_id"], "planning"))["route"] for r in rows]
    cols = {k: ds[k] for k in ("env", "case_id", "stage", "prefill", "suffix")}
    # The bare label, or a label the model closed itself (then followed by anything).
    assert route(completions=gold, **cols) == [1.0, 1.0, 1.0]
    assert route(completions=[f'{g}"}} and more' for g in gold], **cols) == [1.0, 1.0, 1.0]
    assert route(completions=["B", "Z", "plan"], **cols) == [0.0, 0.0, 0.0]

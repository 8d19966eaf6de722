"""Export of run directories to datasets: round trip, DPO pairing, no gold, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from datasets import load_from_disk
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.agents.base import BaseAgent
from ecomstage_env.cli import app
from ecomstage_env.rl.export import export_runs
from ecomstage_env.runner.episode import EpisodeRecord, StepRecord
from ecomstage_env.runner.run import run_evaluation
from tests.test_gold_isolation import _gold_texts

ENVS = "merchant_promotion,intent_recognition,query_match"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    agents = [ecomstage.OracleAgent(), ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=3)]
    run_evaluation(agents, ENVS, limit=3, out=out)
    return out


def records(run: Path) -> dict[tuple[str, str, str, int], EpisodeRecord]:
    from ecomstage_env.report.aggregate import load_records

    return {(r.agent, r.env, r.case_id, r.trial): r for r in load_records(run)}


def stage_steps(rec: EpisodeRecord, stage: str) -> list[StepRecord]:
    return [s for s in rec.steps if s.stage == stage]


def strip_nones(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if v is not None} for m in messages]


def test_sft_rows_round_trip_through_disk_and_match_the_episodes(
    run_dir: Path, tmp_path: Path
) -> None:
    export_runs([run_dir], "sft", out=tmp_path / "sft")
    ds = load_from_disk(str(tmp_path / "sft"))
    recs = records(run_dir)
    closed = sum(len(r.result.stage_scores) for r in recs.values())
    assert len(ds) == closed == 3 * (3 * 3 + 3 + 3)
    for row in ds:
        rec = recs[(row["agent"], row["env"], row["case_id"], row["trial"])]
        steps = stage_steps(rec, row["stage"])
        msgs = row["messages"]
        # The prompt is the stage's first observation, verbatim.
        assert strip_nones(msgs[:2]) == json.loads(steps[0].observation["messages"])
        assert [m["role"] for m in msgs[:2]] == ["system", "user"]
        # Tool calls in OpenAI's format, each followed by its result, as the steps made them.
        calls = [m["tool_calls"][0]["function"] for m in msgs if m["tool_calls"]]
        made = [s.action for s in steps if s.action["kind"] == "tool_call"]
        assert [(c["name"], json.loads(c["arguments"])) for c in calls] == [
            (a["tool"], a["arguments"]) for a in made
        ]
        tool_msgs = [m for m in msgs if m["role"] == "tool"]
        assert [m["tool_call_id"] for m in tool_msgs] == [
            m["tool_calls"][0]["id"] for m in msgs if m["tool_calls"]
        ]
        # The answer closes the conversation.
        last, final = msgs[-1], steps[-1].action
        assert last["role"] == "assistant"
        if final["kind"] == "answer":
            if row["env"] == "merchant_promotion":
                assert json.loads(last["content"]) == final["answer"]
            else:
                assert last["content"] == final["answer"]["answer"]
        assert row["reward"] == rec.result.stage_scores[row["stage"]].value
        assert row["total"] == rec.result.total
        expected = {s: rec.result.stage_scores.get(s) for s in ("perception", "planning", "action")}
        assert row["stage_scores"] == {s: (v.value if v else None) for s, v in expected.items()}
        assert json.loads(row["tools"]) == json.loads(steps[-1].observation["tools"])


def test_sft_min_score_keeps_only_good_stages(run_dir: Path) -> None:
    good = export_runs([run_dir], "sft", min_score=1.0)
    assert len(good) > 0 and all(r == 1.0 for r in good["reward"])
    assert len(good) < len(export_runs([run_dir], "sft"))


def test_reward_rows_split_prompt_and_completion_with_field_scores(
    run_dir: Path, tmp_path: Path
) -> None:
    export_runs([run_dir], "rewards", out=tmp_path / "rw")
    ds = load_from_disk(str(tmp_path / "rw"))
    sft = export_runs([run_dir], "sft")
    assert len(ds) == len(sft)
    recs = records(run_dir)
    for row, chat in zip(ds, sft, strict=True):
        assert row["prompt"] + row["completion"] == chat["messages"]
        rec = recs[(row["agent"], row["env"], row["case_id"], row["trial"])]
        score = rec.result.stage_scores[row["stage"]]
        assert row["reward"] == score.value
        assert {c["field"]: c["score"] for c in row["components"]} == score.components
        assert row["terminal"] == (row["stage"] == list(rec.result.stage_scores)[-1])
        assert row["steps"] == len(stage_steps(rec, row["stage"]))
        assert row["kind"] == stage_steps(rec, row["stage"])[-1].action["kind"]


def test_dpo_pairs_share_the_prompt_and_prefer_the_higher_score(
    run_dir: Path, tmp_path: Path
) -> None:
    export_runs([run_dir], "dpo", out=tmp_path / "dpo")
    ds = load_from_disk(str(tmp_path / "dpo"))
    sft = export_runs([run_dir], "sft")
    by_source = {(r["agent"], r["env"], r["case_id"], r["stage"]): r["messages"] for r in sft}
    expected = 0
    groups: dict[tuple[str, str, str, str], list[tuple[float, str]]] = {}
    for r in sft:
        key = (r["env"], r["case_id"], r["stage"], json.dumps(r["messages"][:2]))
        groups.setdefault(key, []).append((r["reward"], json.dumps(r["messages"][2:])))
    for members in groups.values():
        for i, (s1, c1) in enumerate(members):
            for s2, c2 in members[i + 1 :]:
                expected += s1 != s2 and c1 != c2
    assert len(ds) == expected > 0
    for row in ds:
        assert row["score_chosen"] > row["score_rejected"]
        assert row["margin"] == pytest.approx(row["score_chosen"] - row["score_rejected"])
        chosen = by_source[(row["chosen_agent"], row["env"], row["case_id"], row["stage"])]
        rejected = by_source[(row["rejected_agent"], row["env"], row["case_id"], row["stage"])]
        assert chosen[:2] == rejected[:2] == row["prompt"]
        assert chosen[2:] == row["chosen"] and rejected[2:] == row["rejected"]
    # Every first-stage oracle answer that beat another agent is there as chosen.
    assert any(r["chosen_agent"] == "oracle" and r["stage"] == "perception" for r in ds)
    assert len(export_runs([run_dir], "dpo", min_margin=0.99)) < len(ds)


def test_text_tool_calls_are_actions_the_env_accepts(run_dir: Path) -> None:
    openai = export_runs([run_dir], "sft")
    text = export_runs([run_dir], "sft", tool_calls="text")
    assert len(text) == len(openai)
    env = ecomstage.make("merchant_promotion")
    checked = 0
    for o_row, t_row in zip(openai, text, strict=True):
        assert [m["role"] for m in o_row["messages"]] == [m["role"] for m in t_row["messages"]]
        for o_msg, t_msg in zip(o_row["messages"], t_row["messages"], strict=True):
            if not o_msg["tool_calls"]:
                assert t_msg == o_msg
                continue
            assert t_msg["tool_calls"] is None and isinstance(t_msg["content"], str)
            fn = o_msg["tool_calls"][0]["function"]
            # The text is an action the env reads as the very same call.
            env.reset(options={"case_id": o_row["case_id"], "stage": o_row["stage"]})
            understood = env.step(t_msg["content"])[4]["action"]
            assert understood["kind"] == "tool_call"
            assert (understood["tool"], understood["arguments"]) == (
                fn["name"],
                json.loads(fn["arguments"]),
            )
            checked += 1
    assert checked > 0
    with pytest.raises(ecomstage.EcomstageError, match="tool_calls must be one of"):
        export_runs([run_dir], "sft", tool_calls="xml")  # type: ignore[arg-type]


@pytest.mark.slow
def test_trl_reads_the_text_rows_with_smollm2s_chat_template(run_dir: Path) -> None:
    from transformers import AutoTokenizer
    from trl.data_utils import apply_chat_template, is_conversational

    from ecomstage_env.agents.local import resolve_local_model

    tokenizer = AutoTokenizer.from_pretrained(str(resolve_local_model(None)))
    for row in export_runs([run_dir], "sft", tool_calls="text"):
        assert is_conversational(row)
        text = tokenizer.apply_chat_template(row["messages"], tokenize=False)
        assert row["messages"][-1]["content"] in text
    pair = export_runs([run_dir], "dpo", tool_calls="text")[0]
    out = apply_chat_template({k: pair[k] for k in ("prompt", "chosen", "rejected")}, tokenizer)
    assert out["prompt"].endswith("<|im_start|>assistant\n")
    assert pair["chosen"][-1]["content"] in out["chosen"]
    assert pair["rejected"][-1]["content"] in out["rejected"]
    step = export_runs([run_dir], "rewards", tool_calls="text")[0]
    out = apply_chat_template(
        {"prompt": step["prompt"], "completion": step["completion"]}, tokenizer
    )
    assert step["completion"][-1]["content"] in out["completion"]


class Looper(BaseAgent):
    """Calls the same tool forever: every stage ends when its budget runs out."""

    name = "looper"

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        return {"tool": "list_campaigns", "arguments": {"merchant_id": "M-1001"}}


class CrashesAtPlanning(BaseAgent):
    """Answers Perception, then fails to act: the episode is recorded as failed."""

    name = "crashes"

    def act(self, obs: dict[str, str], info: dict[str, Any]) -> Any:
        if info["stage"] == "perception":
            return {"rewritten_query": "my ad", "entities": {"campaign_id": "C-1", "metric": "roi"}}
        raise RuntimeError("model server down")


def test_budget_ended_stages_end_on_the_unanswered_call_and_failed_episodes_are_left_out(
    tmp_path: Path,
) -> None:
    recs = run_evaluation(
        [Looper(), CrashesAtPlanning()], "merchant_promotion", limit=1, out=tmp_path / "run"
    )
    assert [r.failed for r in recs] == [False, True]
    assert recs[1].steps[0].stage_score is not None  # a closed stage, in a failed episode
    ds = export_runs([tmp_path / "run"], "rewards")
    assert set(ds["agent"]) == {"looper"}
    assert ds["stage"] == ["perception", "planning", "action"]
    for row in ds:
        assert row["kind"] == "tool_call" and "budget" in row["error"]
        *made, last = row["completion"]
        assert last["role"] == "assistant" and last["tool_calls"][0]["function"] == {
            "name": "list_campaigns",
            "arguments": '{"merchant_id": "M-1001"}',
        }
        # Every call that ran has its result; the one past the budget has none.
        assert [m["role"] for m in made] == ["assistant", "tool"] * (len(made) // 2)
        assert last["tool_calls"][0]["id"] not in {m["tool_call_id"] for m in made}


def _all_strings(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_no_export_quotes_the_gold_of_a_non_privileged_run(tmp_path: Path) -> None:
    agents = [ecomstage.KeywordAgent(), ecomstage.RandomAgent(seed=1)]
    run_evaluation(agents, "all", limit=2, out=tmp_path / "run")
    rows = {kind: export_runs([tmp_path / "run"], kind) for kind in ("sft", "dpo", "rewards")}
    assert all(len(ds) for ds in rows.values())
    cases = {
        (name, c.case_id): c
        for name in ecomstage.list_envs()
        for c in ecomstage.make(name).unwrapped.cases  # type: ignore[attr-defined]
    }
    for kind, ds in rows.items():
        for row in ds:
            case = cases[(row["env"], row["case_id"])]
            shown = _all_strings(row)
            for text in _gold_texts(case):
                assert text not in shown, f"{kind}/{row['env']}/{row['case_id']}: {text[:50]!r}"
            assert '"explanation":' not in shown  # no grader field, at any depth


def test_an_oracle_runs_prompts_hold_no_gold_of_their_own_stage(run_dir: Path) -> None:
    ds = export_runs([run_dir], "rewards")
    cases = {
        (name, c.case_id): c
        for name in ENVS.split(",")
        for c in ecomstage.make(name).unwrapped.cases  # type: ignore[attr-defined]
    }
    for row in ds:
        case = cases[(row["env"], row["case_id"])]
        own = {
            str(v).strip()
            for st, answers in case.gold.items()
            if st.value == row["stage"]
            for v in answers.values()
            if isinstance(v, str) and len(v.strip()) >= 24
        }
        prompt = _all_strings(row["prompt"])
        assert not any(text in prompt for text in own)
        assert '"explanation":' not in _all_strings(row)


def test_cli_export_writes_a_dataset_and_refuses_bad_input(run_dir: Path, tmp_path: Path) -> None:
    cli = CliRunner()
    res = cli.invoke(app, ["export", str(run_dir), "--kind", "sft", "--out", str(tmp_path / "d")])
    assert res.exit_code == 0, res.output
    assert len(load_from_disk(str(tmp_path / "d"))) == len(export_runs([run_dir], "sft"))
    bad = [
        (["export", str(tmp_path / "none"), "--kind", "sft"], "no episodes.jsonl"),
        (["export", str(run_dir), "--kind", "ppo"], "--kind must be one of"),
    ]
    for args, message in bad:
        res = cli.invoke(app, [*args, "--out", str(tmp_path / "e")])
        assert res.exit_code == 2 and message in res.output
        assert len(res.output.strip().splitlines()) == 1
    # One agent and one trial: no case has two different answers, so no DPO pair.
    run_evaluation([ecomstage.KeywordAgent()], "intent_recognition", limit=2, out=tmp_path / "k")
    res = cli.invoke(
        app, ["export", str(tmp_path / "k"), "--kind", "dpo", "--out", str(tmp_path / "f")]
    )
    assert res.exit_code == 2 and "nothing to export" in res.output


def test_importing_the_rl_package_loads_no_datasets_or_torch() -> None:
    code = (
        "import sys, ecomstage_env.rl; "
        "print(sorted(m for m in ('datasets', 'torch', 'transformers', 'trl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

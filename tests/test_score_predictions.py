"""`ecomstage score-predictions` on files in the paper's result layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecomstage_env.cli import app
from ecomstage_env.errors import DataError
from ecomstage_env.paper.predictions import read_predictions, score_predictions
from tests.test_official import SAMPLE, needs_sample

runner = CliRunner()

MENU = "User question: refund\n\nPick:\nA. Refund?\nB. Coupon?\nC. Address?\nD. Track?\nE. Invoice?"


def line(task: str, pred: Any, gold: str, human: str = "") -> str:
    item: dict[str, Any] = {"task_type": task, "pred_ans": pred, "gt_ans": gold}
    if human:
        item["conversations"] = [{"from": "human", "value": human}, {"from": "gpt", "value": gold}]
    return json.dumps(item)


def write(folder: Path, name: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    m = tmp_path / "result" / "model-a"
    # intent: 4 items; official rule: "1"->ok, "11"->ok, "2"->no, "The answer is 1"->ok: 75.0
    # strict: only "1" -> 25.0
    write(m, "data0.json", [
        line("intent_recognition", "1", "1"),
        line("intent_recognition", "11", "1"),
        line("intent_recognition", "2", "1"),
        line("intent_recognition", "The answer is 1", "1"),
    ])  # fmt: skip
    # query_match (in a second file): "A" ok, "A. Refund?" ok in both, "B" wrong: 66.67 both
    write(m, "data1.json", [
        line("query_match", "A", "A", MENU),
        line("query_match", "A. Refund?", "A", MENU),
        line("query_match", "B", "A", MENU),
    ])  # fmt: skip
    return m


def test_paper_mode_matches_the_official_rule_by_hand(model_dir: Path) -> None:
    scores = score_predictions(read_predictions(model_dir), mode="paper")
    assert list(scores) == ["query_match", "intent_recognition"]  # paper order
    assert scores["intent_recognition"].value == pytest.approx(75.0)
    assert scores["query_match"].value == pytest.approx(200 / 3)


def test_strict_mode_counts_only_single_labels(model_dir: Path) -> None:
    scores = score_predictions(read_predictions(model_dir), mode="strict")
    assert scores["intent_recognition"].value == pytest.approx(25.0)
    assert scores["intent_recognition"].rejected == 2
    assert scores["query_match"].value == pytest.approx(200 / 3)


def test_cli_prints_the_table_with_avg_and_writes_json(model_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    res = runner.invoke(app, ["score-predictions", str(model_dir), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "Query Match" in res.output and "Intent" in res.output
    assert "66.67" in res.output and "75.00" in res.output
    assert "70.83" in res.output  # Avg = (66.67 + 75) / 2
    assert "Avg is over the 2 tasks present" in res.output
    data = json.loads(out.read_text("utf-8"))
    assert data["models"]["model-a"]["avg"] == pytest.approx((200 / 3 + 75) / 2)
    strict = runner.invoke(app, ["score-predictions", str(model_dir), "--mode", "strict"])
    assert strict.exit_code == 0 and "25.00" in strict.output and "not one label" in strict.output


def test_cli_compares_every_model_under_a_result_root(model_dir: Path) -> None:
    write(model_dir.parent / "model-b", "data0.json", [line("intent_recognition", "1", "1")])
    res = runner.invoke(app, ["score-predictions", str(model_dir.parent)])
    assert res.exit_code == 0, res.output
    assert "model-a" in res.output and "model-b" in res.output and "100.00" in res.output


def test_free_text_tasks_use_cosine_and_paper_averages_raw_values(tmp_path: Path) -> None:
    m = tmp_path / "m"
    ref = "Your refund arrives within 3 business days after we receive the return."
    write(
        m, "d.json", [line("RAG_QA", ref, ref), line("RAG_QA", "", ref), line("RAG_QA", None, ref)]
    )
    paper = score_predictions(read_predictions(m), mode="paper")["rag_qa"]
    strict = score_predictions(read_predictions(m), mode="strict")["rag_qa"]
    assert strict.value == pytest.approx(100 / 3, abs=0.01)  # empty answers score 0
    assert paper.value != strict.value  # paper embeds the empty strings as they are


def test_bad_prediction_files_name_file_line_and_field(tmp_path: Path) -> None:
    m = tmp_path / "m"
    write(
        m,
        "d.json",
        [
            line("intent_recognition", "1", "1"),
            json.dumps({"task_type": "intent_recognition", "gt_ans": "1"}),
        ],
    )
    with pytest.raises(DataError) as err:
        read_predictions(m)
    assert err.value.line == 2 and err.value.field == "pred_ans"
    res = runner.invoke(app, ["score-predictions", str(m)])
    assert res.exit_code == 2 and "pred_ans" in res.output
    assert runner.invoke(app, ["score-predictions", str(tmp_path / "none")]).exit_code == 2


@needs_sample
def test_sample_gold_as_predictions_scores_100_everywhere(tmp_path: Path) -> None:
    records = json.loads(SAMPLE.read_text("utf-8"))
    write(tmp_path / "gold", "d.json", [
        line(r["task_type"], r["gt_answer"], r["gt_answer"], r["conversations"][0]["value"])
        for r in records
    ])  # fmt: skip
    for mode in ("paper", "strict"):
        scores = score_predictions(read_predictions(tmp_path / "gold"), mode=mode)  # type: ignore[arg-type]
        assert len(scores) == 7
        assert all(s.value == pytest.approx(100.0, abs=1e-3) for s in scores.values()), mode


def test_paper_mode_follows_the_official_script_where_it_is_defined(tmp_path: Path) -> None:
    m = tmp_path / "m"
    write(m, "a.json", [
        line("attitude_cls", "1", "1"),
        json.dumps({"task_type": "attitude_cls", "pred_ans": "1", "gt_ans": None}),
        line("Attitude_CLS", "0", "0"),  # a variant spelling: scored apart, not printed
        line("sentiment", "1", "1"),  # an unknown type
        "",  # a blank line: the official script crashes on it
    ])  # fmt: skip
    write(m, "b.jsonl", [line("attitude_cls", "0", "1")])  # the official glob skips *.jsonl
    with pytest.warns(UserWarning) as seen:
        paper = score_predictions(read_predictions(m, mode="paper"), mode="paper")
    said = " | ".join(str(w.message) for w in seen)
    assert "skipped b.jsonl" in said and "blank line(s) [5]" in said
    assert "'Attitude_CLS': not the official spelling 'attitude_cls'" in said
    assert "'sentiment': an unknown task type" in said
    # Null gold counts as wrong, in the denominator, as the official is_correct has it.
    assert paper["attitude_cls"].count == 2 and paper["attitude_cls"].value == pytest.approx(50.0)
    with pytest.warns(UserWarning):
        strict = score_predictions(read_predictions(m, mode="strict"), mode="strict")
    # Strict mode reads the .jsonl file and merges the spelling variant.
    assert strict["attitude_cls"].count == 4 and strict["attitude_cls"].value == pytest.approx(50.0)


def test_a_null_text_in_a_free_text_task_scores_zero_with_a_warning(tmp_path: Path) -> None:
    m = tmp_path / "m"
    write(m, "a.json", [
        json.dumps({"task_type": "query_rewrite", "pred_ans": None, "gt_ans": "Where is my parcel?"}),
    ])  # fmt: skip

    class Same:
        name = "fake"

        def similarity(self, a: list[str], b: list[str]) -> list[float]:
            return [1.0 for _ in a]

    with pytest.warns(UserWarning, match="null pred_ans or gt_ans scored 0"):
        scores = score_predictions(read_predictions(m), mode="paper", embedder=Same())
    assert scores["query_rewrite"].value == 0.0

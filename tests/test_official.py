"""The official-format loader: real sample, streaming, and each kind of malformed record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env.errors import DataError
from ecomstage_env.paper import official
from ecomstage_env.paper.official import (
    PAPER_TASKS,
    MalformedRecordError,
    iter_raw_records,
    parse_options,
    read_records,
)

SAMPLE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "ecomstage-official" / "sample.json"
)
needs_sample = pytest.mark.skipif(not SAMPLE.is_file(), reason="official sample not present")

INTENT_SYSTEM = "Classify the intent. Output the category ID (1-7) only."


def rec(rid: str, task_type: str, human: str, gold: str, system: str = "Task.") -> dict[str, Any]:
    return {
        "id": rid,
        "task_type": task_type,
        "system": system,
        "conversations": [{"from": "human", "value": human}, {"from": "gpt", "value": gold}],
        "gt_answer": gold,
    }


MENU5 = "A. Refund?\nB. Coupon?\nC. Address?\nD. Tracking?\nE. Invoice?"
# One record of each defect the real release is known to have, plus a sound one of each.
CRAFTED = [
    rec("qm_ok", "query_match", f"User question: where is my parcel\n\nPick one:\n{MENU5}", "D"),
    rec(
        "qm_three",
        "query_match",
        "User question: refund\n\nPick:\nA. Refund?\nB. Coupon?\nC. Address?",
        "A",
    ),
    rec(
        "qm_placeholder",
        "query_match",
        "User question: coupon\n\nPick:\nA. Refund?\nB. Testtest\nC. Address?\nD. Tracking?\nE. Invoice?",
        "B",
    ),
    rec("qm_leak", "query_match", f"User question: coupon help\n\nPick:\n{MENU5}\nAnswer: B", "B"),
    rec(
        "rag_empty",
        "RAG_QA",
        "Reference knowledge:\nReturns take 7 days.\n\nUser question:\n",
        "Hi! ...",
    ),
    rec(
        "intent_cut",
        "intent_recognition",
        "Conversation:\nUser: I ordered the blue kettle but the\n\nWhat is the intent?",
        "5",
    ),
    rec(
        "intent_cut_whole",
        "intent_recognition",
        "Conversation:\nUser: my parcel is late again",
        "3",
    ),
    rec(
        "att_user_last",
        "attitude_cls",
        "Chat history:\nCustomer Service: Hello!\nUser: This is broken.\n\nJudge the merchant (1/0):",
        "1",
    ),
    rec(
        "intent_gold9",
        "intent_recognition",
        "Conversation:\nUser: hi, is this in stock?\n\nWhat is the intent?",
        "9",
    ),
    rec(
        "sol_nomenu",
        "solution_decision",
        "Chat history:\nUser: broken!\n\nUser's current question:\nrefund now",
        "1",
    ),
    rec(
        "intent_ok",
        "intent_recognition",
        "Conversation:\nUser: does it come in XL?\n\nIntent?",
        "1",
    ),
    rec(
        "att_ok",
        "attitude_cls",
        "Chat history:\nUser: Late again.\nCustomer Service: Sorry! I'll chase the courier now.\n\nJudge (1/0):",
        "0",
    ),
]
KINDS = {
    "qm_three": "missing options",
    "qm_placeholder": "placeholder option B",
    "qm_leak": "label leaked",
    "rag_empty": "empty user question",
    "intent_cut": "cut off mid-sentence",
    "intent_cut_whole": "cut off mid-sentence",
    "att_user_last": "ends on a user turn",
    "intent_gold9": "outside the label space",
    "sol_nomenu": "missing options",
}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@needs_sample
def test_all_81_sample_records_load_and_each_report_has_a_reason() -> None:
    kept, reported = read_records(SAMPLE, on_malformed="keep")
    assert len(kept) == 81
    assert {r.task.name for r in kept} == set(PAPER_TASKS)
    skipped, reported_again = read_records(SAMPLE, on_malformed="skip")
    assert len(skipped) + len(reported_again) == 81
    assert reported == reported_again and all(m.reason for m in reported)
    # The one attitude_cls record whose history ends on the user's turn.
    assert "2_attitude_cls_215" in {m.id for m in reported}


@needs_sample
def test_sample_menus_are_read_from_both_menu_layouts() -> None:
    kept, _ = read_records(SAMPLE, on_malformed="keep")
    by_id = {r.record.id: r for r in kept}
    assert by_id["3_query_match_175"].labels == tuple("ABCDE")  # one option per line
    assert by_id["3_query_match_1897"].labels == tuple("ABCDE")  # all on one line
    assert by_id["6_solution_decision_39"].labels == ("3", "4")
    assert by_id["6_solution_decision_394"].labels == ("1", "2", "4", "6", "7", "8")
    assert by_id["6_solution_decision_394"].options["2"].startswith("Escalate ticket on behalf")


@needs_sample
@pytest.mark.parametrize("task", list(PAPER_TASKS))
def test_no_observation_shows_the_gold_turn(task: str) -> None:
    raw = {r["id"]: r for r in json.loads(SAMPLE.read_text("utf-8"))}
    env = ecomstage.make(task, data=str(SAMPLE), on_malformed="keep")
    for case in env.unwrapped.cases:
        obs, info = env.reset(options={"case_id": case.case_id})
        record = raw[case.case_id]
        human = record["conversations"][0]["value"]
        assert obs["prompt"] == f"{record['system']}\n\n{human}"  # verbatim, and nothing more
        assert [m["role"] for m in info["messages"]] == ["system", "user"]
        if len(record["gt_answer"]) > 3:  # free-text gold: not anywhere in the observation
            assert record["gt_answer"] not in json.dumps(obs, ensure_ascii=False)


@pytest.mark.parametrize("layout", ["jsonl", "array"])
def test_each_malformed_kind_is_reported_by_id_and_skipped(tmp_path: Path, layout: str) -> None:
    path = tmp_path / f"data.{'jsonl' if layout == 'jsonl' else 'json'}"
    if layout == "jsonl":
        write_jsonl(path, CRAFTED)
    else:
        path.write_text(json.dumps(CRAFTED, indent=2, ensure_ascii=False), "utf-8")
    kept, reported = read_records(path, on_malformed="skip")
    assert {r.record.id for r in kept} == {"qm_ok", "intent_ok", "att_ok"}
    reasons = {m.id: m.reason for m in reported}
    assert set(reasons) == set(KINDS)
    for rid, kind in KINDS.items():
        assert kind in reasons[rid], (rid, reasons[rid])
    # Lines point at where each record starts.
    text = path.read_text("utf-8").splitlines()
    for m in reported:
        assert f'"{m.id}"' in "\n".join(text[m.line - 1 : m.line + 2])


def test_error_mode_raises_naming_the_record_and_keep_mode_keeps_it(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [CRAFTED[0], CRAFTED[3]])
    with pytest.raises(MalformedRecordError) as err:
        read_records(path, on_malformed="error")
    assert err.value.record_id == "qm_leak" and err.value.line == 2
    assert "qm_leak" in str(err.value) and "label leaked" in str(err.value)
    kept, reported = read_records(path, on_malformed="keep")
    assert [r.record.id for r in kept] == ["qm_ok", "qm_leak"]
    assert kept[1].problems and len(reported) == 1


def test_broken_lines_unknown_tasks_and_duplicates_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    good = rec("i1", "intent_recognition", "Conversation:\nUser: can I pay later?\n\nIntent?", "6")
    lines = [
        json.dumps(good),
        '{"id": "broken", "task_type": ',
        json.dumps(rec("x1", "sentiment", "hi", "1")),
        json.dumps(good),
        json.dumps({"id": "nog", "task_type": "attitude_cls", "system": "s"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    kept, reported = read_records(path)
    assert [r.record.id for r in kept] == ["i1"]
    got = {(m.line, m.id): m.reason for m in reported}
    assert "not valid JSON" in got[(2, "line 2")]
    assert "unknown task_type 'sentiment'" in got[(3, "x1")]
    assert "duplicate id (first at line 1)" in got[(4, "i1")]
    assert "conversations" in got[(5, "nog")] and "Field required" in got[(5, "nog")]


def test_json_array_is_streamed_across_buffer_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        rec(f"i{i}", "intent_recognition", f"Conversation:\nUser: question {i} 😀\n\nIntent?", "1")
        for i in range(40)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(official, "_CHUNK", 97)  # far smaller than one record
    got = list(iter_raw_records(path))
    assert [obj for _, obj in got] == records
    lines = path.read_text("utf-8").splitlines()
    assert all(lines[n - 1].strip() == "{" for n, _ in got)
    (tmp_path / "cut.json").write_text(json.dumps(records)[:-50], "utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        list(iter_raw_records(tmp_path / "cut.json"))


def test_data_argument_and_environment_variable_pick_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(
        tmp_path / "mine.jsonl",
        [rec("i1", "intent_recognition", "Conversation:\nUser: is it waterproof?\n\nIntent?", "1")],
    )
    assert [
        c.case_id for c in ecomstage.make("intent_recognition", data=str(path)).unwrapped.cases
    ] == ["i1"]
    monkeypatch.setenv("ECOMSTAGE_DATA", str(path))
    assert len(ecomstage.make("intent_recognition").unwrapped.cases) == 1
    with pytest.raises(DataError, match="no attitude_cls records"):
        ecomstage.make("attitude_cls")
    monkeypatch.setenv("ECOMSTAGE_DATA", str(tmp_path / "missing.json"))
    with pytest.raises(DataError, match="from ECOMSTAGE_DATA"):
        ecomstage.make("intent_recognition")


def test_skip_mode_warns_with_what_it_left_out(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", CRAFTED)
    with pytest.warns(UserWarning, match=r"left out 3 malformed record\(s\): intent_cut"):
        env = ecomstage.make("intent_recognition", data=str(path))
    assert {m.id for m in env.unwrapped.malformed} == {
        "intent_cut",
        "intent_cut_whole",
        "intent_gold9",
    }
    with pytest.raises(MalformedRecordError, match="intent_cut"):
        ecomstage.make("intent_recognition", data=str(path), on_malformed="error")


def test_letters_inside_option_text_are_not_taken_for_items() -> None:
    human = "User question: vitamins\n\nPick:\nA. Is vitamin C. safe? B. Refunds C. Coupons D. Address E. Invoices"
    opts = parse_options(PAPER_TASKS["query_match"], human)
    assert list(opts) == list("ABCDE") and opts["A"] == "Is vitamin C. safe?"

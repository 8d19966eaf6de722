"""The audit's train-split rows (reported) and its every-label row for set fields (gated)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecomstage_env.checks.audit import AuditReport, AuditRow, _train_cases, audit
from ecomstage_env.data import generate
from ecomstage_env.data.loader import builtin_scenarios_root
from ecomstage_env.env import StagedEnv
from ecomstage_env.registry import make

_TRAIN_ROWS = ("bag_of_words_train", "bag_of_words_last_train")

# A recall-only grading of a set field: naming every label of the list finds every gold one.
_RECALL_SCORER = '''
from typing import Any

from ecomstage_env.scoring.registry import FieldContext, FieldScore, NoParams, scorer


@scorer("gold_labels_named", fields=("labels",))
def gold_labels_named(answer: Any, gold: Any, ctx: FieldContext[NoParams]) -> FieldScore:
    """The share of the gold labels the answer names (extra labels cost nothing)."""
    ref = set(gold or [])
    return FieldScore(len(ref & set(answer or [])) / len(ref) if ref else 1.0, "recall")
'''


def _copy(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copytree(builtin_scenarios_root() / name, dst)
    return dst


def _staged(name: str, **kwargs: object) -> StagedEnv:
    env = make(name, **kwargs).unwrapped
    assert isinstance(env, StagedEnv)
    return env


def _rows(report: AuditReport, shortcut: str) -> dict[str, AuditRow]:
    return {r.field: r for r in report.rows if r.shortcut == shortcut}


@pytest.fixture(scope="module")
def merchant_account() -> AuditReport:
    return audit("merchant_account")


def test_the_train_rows_are_reported_on_each_label_field_of_an_env_with_a_generator(
    merchant_account: AuditReport,
) -> None:
    labels = {r.field for r in merchant_account.rows if r.kind == "label"}
    assert labels == {"planning.route", "action.decision"}
    for name in _TRAIN_ROWS:
        rows = [r for r in merchant_account.rows if r.shortcut == name]
        assert {r.field for r in rows} == labels  # never on the labels, slots or text fields
        assert all(r.limit is None for r in rows)  # reported, not gated


def test_the_every_label_row_is_gated_on_set_fields_only(merchant_account: AuditReport) -> None:
    rows = [r for r in merchant_account.rows if r.shortcut == "every_label"]
    assert [r.field for r in rows] == ["perception.intents"]
    random = _rows(merchant_account, "random")["perception.intents"]
    row = rows[0]
    assert row.limit == pytest.approx(random.score + 0.15)  # a random valid set + 15
    assert row.passed and 0 < row.score < 1  # set F1's precision charges the extra labels


def test_a_scenario_without_a_generator_has_no_train_rows(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "merchant_account")
    spec = folder / "spec.toml"
    text = spec.read_text(encoding="utf-8")
    assert 'generator = "generate:generate_case"\n' in text
    spec.write_text(text.replace('generator = "generate:generate_case"\n', ""), "utf-8")
    report = audit(folder, limit=8)
    assert not [r for r in report.rows if r.shortcut in _TRAIN_ROWS]
    assert "perception.intents" in _rows(report, "every_label")  # the other rows stay


def test_every_label_fails_a_grading_where_the_whole_list_pays(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "merchant_account")
    (folder / "scorers.py").write_text(_RECALL_SCORER, encoding="utf-8")
    spec = folder / "spec.toml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace('scorer = "set_f1"', 'scorer = "gold_labels_named"', 1)
    text = text.replace("[[stages]]", 'scorer_modules = ["scorers"]\n\n[[stages]]', 1)
    spec.write_text(text, encoding="utf-8")
    report = audit(folder, limit=16)
    row = _rows(report, "every_label")["perception.intents"]
    assert row.score == 1.0
    assert not row.passed and row in report.failures


def test_the_train_cases_are_the_generator_s_fixed_draw_never_the_audited_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = _staged("after_sales")
    monkeypatch.setattr(generate, "_CACHE", {})
    first = _train_cases(env, env.cases)
    monkeypatch.setattr(generate, "_CACHE", {})  # generated afresh, not the cached draw
    again = _train_cases(_staged("after_sales"), env.cases)
    assert len(first) == 256 and all(c.split == "train" for c in first)
    assert [c.model_dump() for c in first] == [c.model_dump() for c in again]
    assert not {c.case_id for c in first} & {c.case_id for c in env.cases}
    # Auditing the train split itself: no train rows (they would score what they learnt).
    train = _staged("after_sales", split="train", train_size=12)
    assert _train_cases(train, train.cases[:5]) == []


def test_the_train_rows_are_the_same_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def figures() -> list[tuple[str, str, float]]:
        monkeypatch.setattr(generate, "_CACHE", {})
        report = audit("merchant_promotion", limit=8)
        return [(r.field, r.shortcut, r.score) for r in report.rows if r.shortcut in _TRAIN_ROWS]

    first = figures()
    assert len(first) == 4
    assert figures() == first


def test_the_train_model_is_the_audit_s_naive_bayes_never_learning_the_guessed_case() -> None:
    """A test case guessed by the model fit on the train split gets the label the
    leave-one-out model of the train cases plus that case gives it: its gold is never read."""
    from ecomstage_env.checks.shortcuts import LabelModel

    env = _staged("merchant_account")
    train, tests = _train_cases(env, env.cases), env.cases[:6]
    for st in env.spec_data.stages:
        for f in (g for g in st.fields if g.type == "label"):
            model = LabelModel().fit(f, st, train).read(env.cases)
            assert set(model.classes) == {c.case_id for c in train}
            for case in tests:
                alone = LabelModel().fit(f, st, [*train, case])
                for last in (False, True):
                    assert model.bayes(f, case, last=last) == alone.bayes(f, case, last=last)

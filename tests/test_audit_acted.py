"""Issue 12: a calls field that acts a label out is audited as a label guess acted out.

after_sales' ``negotiation`` and ``writes`` carry out its ``resolution``; order_logistics'
``writes`` its ``decision``. A guess of the label, offered until the customer says yes and
then written, earns those fields at the guess's hit rate: the ``acted_*`` strategies play
that, and gate the fields at their labels acted out (chance) + 15 points.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.audit import ACTED, _acted_scores, _ActedTable, _Actor, audit
from ecomstage_env.checks.shortcuts import LabelModel
from ecomstage_env.data.loader import (
    acting_hook,
    builtin_scenarios_root,
    import_from_folder,
    load_scenario,
    load_spec,
)
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import DataError
from ecomstage_env.registry import make
from ecomstage_env.runner.episode import play_episode
from ecomstage_env.shop.customer import offers_in
from ecomstage_env.stages import Stage


def _copy(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copytree(builtin_scenarios_root() / name, dst)
    return dst


def _edit_spec(folder: Path, old: str, new: str) -> None:
    path = folder / "spec.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_customer_scenarios_mark_the_fields_that_act_their_label_out() -> None:
    root = builtin_scenarios_root()
    action = load_spec(root / "after_sales").stage(Stage.ACTION)
    assert action.field("negotiation").acts == "resolution"
    assert action.field("writes").acts == "resolution"
    assert action.field("resolution").acts is None
    for name in ("order_logistics", "merchant_promotion", "merchant_account"):
        assert load_spec(root / name).stage(Stage.ACTION).field("writes").acts == "decision"
    for name, acts in (
        ("service_quality", ["decision", "governing_rule"]),
        ("content_review", ["decision", "violations"]),
    ):
        assert load_spec(root / name).stage(Stage.ACTION).field("writes").acts == acts


def test_writes_that_record_two_labels_act_out_both() -> None:
    """service_quality records an enforcement with its governing rule (a Planning label),
    content_review a decision with its reason codes (the Perception violations): ``acts``
    names both, and the spec resolves each name to its own stage's field."""
    for folder, acts, stages in (
        (
            builtin_scenarios_root() / "service_quality",
            ["decision", "governing_rule"],
            [Stage.ACTION, Stage.PLANNING],
        ),
        (
            builtin_scenarios_root() / "content_review",
            ["decision", "violations"],
            [Stage.ACTION, Stage.PERCEPTION],
        ),
    ):
        spec = load_spec(folder)
        writes = spec.stage(Stage.ACTION).field("writes")
        assert writes.acts == acts
        assert writes.acted == tuple(acts)
        resolved = spec.acted_fields(writes)
        assert [(st.stage, f.name) for st, f in resolved] == list(zip(stages, acts, strict=True))


def test_acts_naming_no_label_field_of_the_stage_is_a_data_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "order_logistics")
    _edit_spec(folder, 'acts = "decision"', 'acts = "decisoin"')
    with pytest.raises(DataError) as err:
        load_spec(folder)
    assert err.value.path == folder / "spec.toml"
    assert err.value.field == "stages.2.fields.1.acts"
    assert "field 'writes': acts names 'decisoin', no label field" in err.value.problem
    assert "Did you mean 'decision'?" in err.value.problem


def test_acts_naming_an_unknown_field_in_a_list_is_a_data_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "service_quality")
    _edit_spec(
        folder, 'acts = ["decision", "governing_rule"]', 'acts = ["decision", "governing_rul"]'
    )
    with pytest.raises(DataError) as err:
        load_spec(folder)
    assert err.value.path == folder / "spec.toml"
    assert err.value.field == "stages.2.fields.1.acts"
    assert "acts names 'governing_rul'" in err.value.problem
    assert "Did you mean 'governing_rule'?" in err.value.problem


def test_acts_naming_a_label_of_a_later_stage_is_a_data_error(tmp_path: Path) -> None:
    """Planning's lookups cannot act out the Action decision: it is not decided yet."""
    folder = _copy(tmp_path, "service_quality")
    _edit_spec(
        folder,
        "needless_penalty = 0.25 }\nin_answer = false",
        'needless_penalty = 0.25 }\nin_answer = false\nacts = ["governing_rule", "decision"]',
    )
    with pytest.raises(DataError) as err:
        load_spec(folder)
    assert err.value.path == folder / "spec.toml"
    assert err.value.field == "stages.1.fields.1.acts"
    assert "acts names 'decision', a field of a later stage (action)" in err.value.problem


def test_acts_naming_a_label_twice_is_a_data_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "service_quality")
    _edit_spec(folder, 'acts = ["decision", "governing_rule"]', 'acts = ["decision", "decision"]')
    with pytest.raises(DataError, match="must name one or more fields, each once") as err:
        load_spec(folder)
    assert err.value.field is not None and err.value.field.startswith("stages.2.fields.1")


def test_acts_on_a_field_that_is_not_calls_is_a_data_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "order_logistics")
    _edit_spec(
        folder, 'scorer = "label"\nlabels_from', 'scorer = "label"\nacts = "decision"\nlabels_from'
    )
    with pytest.raises(DataError, match="is for calls fields, not label") as err:
        load_spec(folder)
    assert err.value.field is not None and err.value.field.startswith("stages.2.fields.0")


def test_acts_without_the_policy_s_act_hook_is_a_data_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "order_logistics")
    policy = folder / "policy.py"
    text = policy.read_text(encoding="utf-8")
    assert "\nact = writes_act(" in text
    policy.write_text(text.replace("\nact = ", "\nnot_act = "), encoding="utf-8")
    with pytest.raises(DataError, match=r"needs an act\(world, case, \*codes\) function") as err:
        load_scenario(folder)
    assert err.value.field == "stages.2.fields.1.acts"


@pytest.mark.parametrize(
    ("name", "label", "offers"),
    [
        ("after_sales", "resolution", True),
        ("order_logistics", "decision", False),
        ("merchant_promotion", "decision", False),
        ("merchant_account", "decision", False),
    ],
)
def test_acting_the_policy_s_own_label_is_the_gold_act(name: str, label: str, offers: bool) -> None:
    """The hook is the policy's act: for the gold label it makes the gold writes (and, in
    after_sales, as many offers as the gold negotiation), on every case."""
    env = make(name).unwrapped
    assert isinstance(env, StagedEnv)
    hook = acting_hook(env.scenario.policy)
    assert hook is not None
    for case in env.cases:
        env.reset(options={"case_id": case.case_id})
        gold = case.gold[Stage.ACTION]
        code = next(o.code for o in case.options[label] if o.id == gold[label])
        calls = hook(env.world, case, code)
        messages = [c for c in calls if c.name == "message_user"]
        writes = [c.model_dump(exclude={"id"}) for c in calls if c.name != "message_user"]
        assert writes == gold.get("writes", []), case.case_id
        assert len(messages) == len(gold.get("negotiation", [])) if offers else not messages


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("content_review", [(Stage.ACTION, "decision"), (Stage.PERCEPTION, "violations")]),
        ("service_quality", [(Stage.ACTION, "decision"), (Stage.PLANNING, "governing_rule")]),
    ],
)
def test_acting_the_policy_s_own_two_labels_is_the_gold_write(
    name: str, labels: list[tuple[Stage, str]]
) -> None:
    """The two-label hooks take one code per name of ``acts``, in its order: for the gold's
    decision and reason codes (rule) they make the case file's gold writes, on every case;
    a wrong second label changes the write."""
    env = make(name).unwrapped
    assert isinstance(env, StagedEnv)
    hook = acting_hook(env.scenario.policy)
    assert hook is not None
    for case in env.cases:
        env.reset(options={"case_id": case.case_id})
        codes: list[Any] = []
        for stage, field in labels:
            value = case.gold[stage][field]
            menu = case.options.get(field)
            codes.append(next(o.code for o in menu if o.id == value) if menu else value)
        calls = [c.model_dump(exclude={"id"}) for c in hook(env.world, case, *codes)]
        gold = case.gold[Stage.ACTION].get("writes", [])
        assert calls == gold, case.case_id
        if gold:
            other: Any = ["none"] if codes[1] != ["none"] else ["absolute_claim"]
            if name == "service_quality":
                other = "SQ-6" if codes[1] != "SQ-6" else "SQ-5"
            assert [
                c.model_dump(exclude={"id"}) for c in hook(env.world, case, codes[0], other)
            ] != gold


def test_each_after_sales_offer_proposes_its_own_kind_only() -> None:
    policy = import_from_folder(builtin_scenarios_root() / "after_sales", "policy")
    for kind, line in policy.OFFER_LINES.items():
        assert offers_in(line.format(amt="20", item="Cloudnest down duvet")) == [kind]


def test_the_gold_label_acted_out_through_the_step_cycle_earns_its_fields() -> None:
    """The actor plays the hook's offers and writes as an agent would: the gold label acted
    out is agreed by the simulated customer and leaves the gold world (1.0 on both fields),
    a wrong one earns neither."""
    env = make("after_sales").unwrapped
    assert isinstance(env, StagedEnv)
    stage = env.spec_data.stage(Stage.ACTION)
    hook = acting_hook(env.scenario.policy)
    actor = _Actor(env, stage, [(stage, stage.field("resolution"))], hook)
    for case in env.cases[:12]:
        gold = case.gold[Stage.ACTION]["resolution"]
        for label in (gold, next(o.id for o in case.options["resolution"] if o.id != gold)):
            actor.labels = (label,)
            result = play_episode(env, actor, case_id=case.case_id, seed=0).result
            got = result.stage_scores["action"].components
            want = 1.0 if label == gold else 0.0
            assert (got["negotiation"], got["writes"], got["resolution"]) == (want,) * 3, (
                case.case_id,
                label,
            )


def _acted_rows(report: Any, field: str) -> dict[str, Any]:
    return {
        r.shortcut: r for r in report.rows if r.field == field and r.shortcut.startswith("acted_")
    }


def test_a_label_guess_acted_out_is_gated_at_its_labels_acted_out() -> None:
    """after_sales: every menu label acted out earns the negotiation and the writes only
    when it is the policy's, so their chance is the resolution's (20) and their limit its
    limit (35, over the calls limits); the calls rows keep their own limits."""
    report = audit("after_sales", limit=40)
    resolution = _acted_rows(report, "action.resolution")
    assert set(resolution) == {s.name for s in ACTED}
    for field in ("action.negotiation", "action.writes"):
        rows = _acted_rows(report, field)
        assert set(rows) == {s.name for s in ACTED}
        for name, row in rows.items():
            assert row.chance == pytest.approx(resolution[name].chance)
            assert row.limit == pytest.approx(row.chance + 0.15)
    calls = {(r.field, r.shortcut): r for r in report.rows}
    assert calls["action.negotiation", "no_calls"].limit == pytest.approx(0.05)


def test_a_guessable_label_fails_the_fields_that_act_it_out(tmp_path: Path) -> None:
    """order_logistics with a word in each turn that tells the case's decision: the word
    models guess the decision, and their guesses acted out earn the writes over their
    limit (the acted rows fail, where the calls rows cannot see it)."""
    folder = _copy(tmp_path, "order_logistics")
    path = folder / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for case in cases:
        gold = case["gold"]["action"]["decision"]
        code = case["options"]["decision"][int(gold) - 1]["code"]
        for turn in case["dialogue"]:
            turn["text"] += f" (ref {code.replace('_', '')}xq)"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")
    report = audit(folder, limit=40)
    failed = {(r.field, r.shortcut) for r in report.failures}
    assert {
        ("action.writes", "acted_bag_of_words_sharp"),
        ("action.writes", "acted_nearest_text"),
    } <= failed
    assert ("action.writes", "no_calls") not in failed
    rows = _acted_rows(report, "action.writes")
    assert rows["acted_nearest_text"].score > rows["acted_nearest_text"].limit
    # The majority guess (decline: no write) is writing nothing, which the calls limit
    # allows; a limit under it would fail what no_calls passes.
    no_calls = next(
        r for r in report.rows if (r.field, r.shortcut) == ("action.writes", "no_calls")
    )
    assert rows["acted_majority"].chance + 0.15 < no_calls.limit == rows["acted_majority"].limit
    assert rows["acted_majority"].passed


def test_two_labels_acted_out_are_gated_at_their_combinations_acted_out() -> None:
    """Each label gets its own guess and its own acted rows (at its own chance); the writes
    that record both get acted rows gated at every combination of the two labels that the
    gold uses acted out, averaged, + 15 points (or the calls limit where higher): on
    service_quality and content_review as shipped."""
    for env, labels in (
        ("service_quality", ("planning.governing_rule", "action.decision")),
        ("content_review", ("perception.violations", "action.decision")),
    ):
        report = audit(env, limit=20)
        rows = {r.field: _acted_rows(report, r.field) for r in report.rows}
        names = {s.name for s in ACTED}
        for key in labels:
            assert set(rows[key]) == names, key
            own = next(
                r for r in report.rows if r.field == key and not r.shortcut.startswith("acted_")
            )
            assert all(r.chance == pytest.approx(own.chance) for r in rows[key].values())
        writes = rows["action.writes"]
        assert set(writes) == names
        no_calls = next(
            r for r in report.rows if (r.field, r.shortcut) == ("action.writes", "no_calls")
        )
        for row in writes.values():
            assert 0.0 < row.chance < 1.0
            assert row.limit == pytest.approx(max(row.chance + 0.15, no_calls.limit))


def _gold_pairs(env: StagedEnv, second: tuple[Stage, str]) -> set[tuple[str, str]]:
    """The (decision code, second label) pairs the gold of ``env``'s cases uses."""
    out = set()
    for c in env.cases:
        code = next(
            o.code for o in c.options["decision"] if o.id == c.gold[Stage.ACTION]["decision"]
        )
        value = c.gold[second[0]][second[1]]
        out.add((code, "|".join(sorted(value)) if isinstance(value, list) else str(value)))
    return out


def test_the_combinations_chance_plays_each_distinct_act_once_and_is_exact() -> None:
    """service_quality: the chance is every (decision, rule) pair the gold uses that the
    case's menu offers, acted out, averaged, exact (fewer than every decision with every
    rule); combinations whose act makes the same calls are played once."""
    env = make("service_quality").unwrapped
    assert isinstance(env, StagedEnv)
    spec = env.spec_data
    fields = {f"{st.stage.value}.{f.name}": (st, f) for st in spec.stages for f in st.fields}
    models = {
        k: LabelModel().fit(f, st, env.cases) for k, (st, f) in fields.items() if f.type == "label"
    }
    cases = list(env.cases[:4])
    got = _acted_scores(env, fields, models, cases).chance["action.writes"]
    action = spec.stage(Stage.ACTION)
    acted = spec.acted_fields(action.field("writes"))
    full = _ActedTable(env, _Actor(env, action, acted, acting_hook(env.scenario.policy)))
    rules = spec.stage(Stage.PLANNING).field("governing_rule").labels
    pairs = _gold_pairs(env, (Stage.PLANNING, "governing_rule"))
    deduped = _ActedTable(env, _Actor(env, action, acted, acting_hook(env.scenario.policy)))
    want, distinct = [], 0
    for case in cases:
        combos = [
            (o.id, r) for o in case.options["decision"] for r in rules if (o.code, r) in pairs
        ]
        assert combos and len(combos) < len(case.options["decision"]) * len(rules)
        want.append(sum(full.scores(case, c)["action.writes"] for c in combos) / len(combos))
        for c in combos:
            assert (
                deduped.by_calls(case, c)["action.writes"] == full.scores(case, c)["action.writes"]
            )
        world = env.scenario.new_world(case)
        distinct += len({json.dumps(full.actor.calls(world, case, c)) for c in combos})
    assert got == pytest.approx(sum(want) / len(want))
    assert len(deduped.seen) == distinct <= len(full.seen)


def test_content_review_s_chance_is_the_reviews_the_gold_records() -> None:
    """content_review: a decision and a set of violations acted out is one review; the
    chance of the writes is each (decision, violation set) pair the gold uses, recorded
    in turn on the case's world and averaged, not every decision with every set (an
    approval with reason codes or a rejection with none is a write the world refuses,
    and no case's review). The guesses acted out pass under it, and each pair's write
    scores 1 on the cases whose gold it is."""
    env = make("content_review").unwrapped
    assert isinstance(env, StagedEnv)
    spec = env.spec_data
    fields = {f"{st.stage.value}.{f.name}": (st, f) for st in spec.stages for f in st.fields}
    cases = list(env.cases[:6])
    got = _acted_scores(env, fields, {}, cases).chance["action.writes"]
    action = spec.stage(Stage.ACTION)
    acted = spec.acted_fields(action.field("writes"))
    table = _ActedTable(env, _Actor(env, action, acted, acting_hook(env.scenario.policy)))
    pairs = _gold_pairs(env, (Stage.PERCEPTION, "violations"))
    assert ("approve", "none") in pairs and not any(
        (d == "approve") != (v == "none") for d, v in pairs
    )
    want = []
    for case in cases:
        ids = {o.code: o.id for o in case.options["decision"]}
        scores = [table.scores(case, (ids[d], v))["action.writes"] for d, v in sorted(pairs)]
        assert scores.count(1.0) == 1, case.case_id
        want.append(sum(scores) / len(scores))
    assert got == pytest.approx(sum(want) / len(want))
    report = audit("content_review")
    rows = _acted_rows(report, "action.writes")
    assert set(rows) == {s.name for s in ACTED} and all(r.passed for r in rows.values())
    assert report.passed, report.markdown()

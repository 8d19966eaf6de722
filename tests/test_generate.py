"""Train splits: generated cases pass the curated cases' checks and never meet the test split."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ecomstage
from ecomstage_env.checks.validate import check_cases
from ecomstage_env.cli import app
from ecomstage_env.data.generate import (
    NEAR_DUPLICATE,
    dialogue_text,
    generate_cases,
    similarity,
    text_diversity,
    with_train_split,
)
from ecomstage_env.errors import DataError, EcomstageError

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_shop"
pytestmark = pytest.mark.filterwarnings("ignore:.*is the env in:UserWarning")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "gen" / "tiny_shop"))


def test_the_train_split_is_generated_checked_and_apart_from_test(shop: Path) -> None:
    env = ecomstage.make(str(shop), split="train", train_size=40).unwrapped
    train = env.cases
    test = env.scenario.split("test")
    assert len(train) == 40 and {c.split for c in train} == {"train"}
    assert not {c.case_id for c in train} & {c.case_id for c in test}
    # The generator's bank holds the test wording itself: such draws are made again.
    worst = max(similarity(dialogue_text(a), dialogue_text(b)) for a in train for b in test)
    assert worst < NEAR_DUPLICATE
    # Gold follows the policy, and the oracle scores 1.0 on every stage of every case.
    assert check_cases(env.scenario, split="train") == []
    refunds = [bool(c.gold["action"]["writes"]) for c in train]
    assert 0 < sum(refunds) < len(refunds)  # both outcomes of the rule occur


def test_a_seed_fixes_the_cases_and_case_i_does_not_depend_on_the_size(shop: Path) -> None:
    scenario = ecomstage.load_scenario(shop)
    small = [p.case for p in generate_cases(scenario, 5, seed=3)]
    large = [p.case for p in generate_cases(scenario, 12, seed=3)]
    assert small == large[:5]
    other = [p.case for p in generate_cases(scenario, 5, seed=4)]
    assert [dialogue_text(c) for c in other] != [dialogue_text(c) for c in small]
    assert [p.case for p in generate_cases(scenario, 3, seed=3, start=2)] == large[2:5]


def test_episodes_play_generated_cases(shop: Path) -> None:
    env = ecomstage.make(str(shop), split="train", train_size=10)
    ids = set()
    for seed in range(6):
        result = ecomstage.run_episode(env, ecomstage.OracleAgent(), seed=seed)
        assert result.total == 1.0
        ids.add(result.case_id)
    assert all(i.startswith("tiny_shop-train-0-") for i in ids)


def test_a_generator_whose_gold_breaks_the_policy_is_an_error_naming_it(shop: Path) -> None:
    src = (shop / "generate.py").read_text(encoding="utf-8")
    (shop / "generate.py").write_text(src.replace("if days <= 7 else []", "if days > 7 else []"))
    with pytest.raises(DataError) as e:
        ecomstage.make(str(shop), split="train", train_size=20)
    assert e.value.path.name == "generate.py" and e.value.field == "gold"
    assert "policy disagrees" in str(e.value) and "generated case" in str(e.value)


def test_a_generator_returning_a_bad_case_is_an_error_with_the_field(shop: Path) -> None:
    src = (shop / "generate.py").read_text(encoding="utf-8")
    (shop / "generate.py").write_text(
        src.replace('"orientation": "customer",', '"orientation": "seller",')
    )
    with pytest.raises(DataError) as e:
        list(generate_cases(ecomstage.load_scenario(shop), 1))
    assert e.value.path.name == "generate.py" and e.value.field == "orientation"


def test_a_scenario_without_a_generator_says_so(shop: Path) -> None:
    spec = (shop / "spec.toml").read_text(encoding="utf-8")
    (shop / "spec.toml").write_text(spec.replace('generator = "generate:generate_case"\n', ""))
    scenario = ecomstage.load_scenario(shop)
    with pytest.raises(EcomstageError, match="no generator"):
        with_train_split(scenario, 5)
    with pytest.raises(EcomstageError, match="train"):
        ecomstage.make(str(shop), split="train")


def test_bad_sizes_and_seeds_are_refused(shop: Path) -> None:
    with pytest.raises(EcomstageError, match="train_size"):
        ecomstage.make(str(shop), split="train", train_size=0)
    with pytest.raises(EcomstageError, match="train_seed"):
        ecomstage.make(str(shop), split="train", train_seed=-1)


def test_text_diversity_tells_templated_text_from_varied() -> None:
    templated = [
        f"my order arrived broken and I want a refund please, it is order {i}" for i in range(50)
    ]
    varied = [
        "the kettle lid cracked on day one",
        "parcel came late and the box was soaked",
        "wrong size sent, I ordered a medium",
        "can you tell me when my refund lands",
    ]
    t, v = text_diversity(templated), text_diversity(varied)
    assert t["distinct_2"] < 0.2 < v["distinct_2"]
    assert t["near_duplicate_pairs"] > 1000 and v["near_duplicate_pairs"] == 0


def test_cli_generate_writes_loadable_cases_and_checks_them(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "train.jsonl"
    res = CliRunner().invoke(app, ["generate", str(shop), "-n", "8", "--out", str(out), "--check"])
    assert res.exit_code == 0, res.output
    assert "distinct-1/2/3" in res.output and "check: ok" in res.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 8 and all(r["split"] == "train" for r in rows)
    # Written cases load like any case file.
    (shop / "cases.jsonl").write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(ecomstage.load_scenario(shop).split("train")) == 8
    bad = CliRunner().invoke(app, ["generate", str(shop), "-n", "0"])
    assert bad.exit_code == 2

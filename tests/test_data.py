"""Loading data: every mistake in a data file or spec is a typed error naming file, line and field."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.data.loader import load_scenario
from ecomstage_env.errors import DataError, ScenarioError
from tests.conftest import CASE

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A private copy of the tiny_shop fixture scenario (outside the library)."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "tiny_shop"))


def rewrite_case(folder: Path, line_no: int, edit: Callable[[dict[str, Any]], Any]) -> None:
    path = folder / "cases.jsonl"
    lines = path.read_text().splitlines()
    case = json.loads(lines[line_no - 1])
    edit(case)
    lines[line_no - 1] = json.dumps(case)
    path.write_text("\n".join(lines) + "\n")


def test_bad_case_field_names_file_line_and_field(shop: Path) -> None:
    rewrite_case(shop, 2, lambda c: c["annotation"].update(agreement=1.7))
    with pytest.raises(DataError) as e:
        load_scenario(shop)
    assert e.value.line == 2 and e.value.field == "annotation.agreement"
    assert "cases.jsonl:2: field 'annotation.agreement'" in str(e.value)


def test_broken_json_line(shop: Path) -> None:
    path = shop / "cases.jsonl"
    path.write_text(path.read_text() + '{"case_id": \n')
    with pytest.raises(DataError, match=r"cases.jsonl:4: not valid JSON"):
        load_scenario(shop)


def test_missing_gold(shop: Path) -> None:
    rewrite_case(shop, 1, lambda c: c["gold"]["perception"].pop("order_id"))
    with pytest.raises(DataError, match=r"field 'gold\.perception\.order_id'"):
        load_scenario(shop)


def test_duplicate_case_id(shop: Path) -> None:
    rewrite_case(shop, 3, lambda c: c.update(case_id="t-1"))
    with pytest.raises(DataError, match=r":3: field 'case_id' duplicate case_id"):
        load_scenario(shop)


def test_a_grading_key_typo_is_an_error_with_a_hint(shop: Path) -> None:
    rewrite_case(shop, 2, lambda c: c["grading"].update({"action.replies": {"order_id": "O-2"}}))
    with pytest.raises(DataError) as e:
        load_scenario(shop)
    assert e.value.line == 2 and e.value.field == "grading.action.replies"
    assert "Did you mean 'action.reply'" in str(e.value)


def test_grading_parameters_are_checked_against_the_scorer(shop: Path) -> None:
    rewrite_case(shop, 1, lambda c: c["grading"].update({"action.reply": {"order": "O-1"}}))
    with pytest.raises(DataError) as e:
        load_scenario(shop)
    assert e.value.field is not None and e.value.field.startswith("grading.action.reply.")


def test_an_unknown_scorer_in_the_spec_names_its_field(shop: Path) -> None:
    spec = shop / "spec.toml"
    spec.write_text(spec.read_text().replace('scorer = "world_outcome"', 'scorer = "world_outcom"'))
    with pytest.raises(DataError) as e:
        load_scenario(shop)
    assert e.value.field == "stages.1.fields.0.scorer"
    assert "Did you mean 'world_outcome'" in str(e.value)


def test_a_scorer_on_the_wrong_field_type(shop: Path) -> None:
    spec = shop / "spec.toml"
    spec.write_text(spec.read_text().replace('scorer = "mentions_order"', 'scorer = "slot_f1"'))
    with pytest.raises(DataError, match="grades slots fields, not text"):
        load_scenario(shop)


def test_a_world_patch_error_names_the_case_field(shop: Path) -> None:
    rewrite_case(shop, 2, lambda c: c["world"]["patch"]["orders"][1].update(amount="lots"))
    with pytest.raises(DataError) as e:
        load_scenario(shop)
    assert e.value.line == 2 and e.value.field == "world.patch.orders.1.amount"


def test_a_failing_setup_call_names_the_case(shop: Path) -> None:
    bad = [{"name": "age_order", "arguments": {"order_id": "O-9", "days": 3}}]
    rewrite_case(shop, 3, lambda c: c["world"].update(calls=bad))
    with pytest.raises(DataError, match=r"cases.jsonl:3: field 'world.calls' no order 'O-9'"):
        load_scenario(shop)


def test_a_missing_world_class_module_is_named(shop: Path) -> None:
    (shop / "world.py").rename(shop / "shop_world.py")
    with pytest.raises(DataError, match=r"field 'world_class'.*no world.py"):
        load_scenario(shop)


def test_merchant_promotion_world_file_error_names_field(scenario_copy: Path) -> None:
    world = json.loads((scenario_copy / "world.json").read_text())
    world["benchmarks"][0]["ctr"] = 7
    (scenario_copy / "world.json").write_text(json.dumps(world))
    with pytest.raises(DataError, match=r"world.json: field 'benchmarks.0.ctr'"):
        load_scenario(scenario_copy)


def test_missing_folder() -> None:
    with pytest.raises(ScenarioError):
        load_scenario("/nonexistent/scenario")


def test_validate_reports_policy_disagreement(scenario_copy: Path) -> None:
    # Annotate the worked example with another decision: both the policy check and the
    # oracle replay notice.
    rewrite_case(scenario_copy, 1, lambda c: c["gold"]["action"].update(decision="1"))
    problems = validate_scenario(scenario_copy)
    assert any("the policy says 'raise_bid'" in p for p in problems)
    assert all(f":1: {CASE}:" in p for p in problems)


def test_validate_reports_a_point_the_user_already_made(scenario_copy: Path) -> None:
    echo = {"any": ["budget"], "figure": 80, "note": "echo"}
    rewrite_case(scenario_copy, 1, lambda c: c["grading"]["action.reply"]["points"].append(echo))
    problems = validate_scenario(scenario_copy, oracle=False)
    assert any("met by the user's own words" in p for p in problems)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecomstage_env.checks.validate import validate_scenario
from ecomstage_env.data.loader import load_scenario
from ecomstage_env.errors import DataError, ScenarioError


def _rewrite_case(folder: Path, line_no: int, edit: object) -> None:
    path = folder / "cases.jsonl"
    lines = path.read_text().splitlines()
    case = json.loads(lines[line_no - 1])
    edit(case)  # type: ignore[operator]
    lines[line_no - 1] = json.dumps(case)
    path.write_text("\n".join(lines) + "\n")


def test_bad_case_field_names_file_line_and_field(scenario_copy: Path) -> None:
    _rewrite_case(scenario_copy, 2, lambda c: c["annotation"].update(agreement=1.7))
    with pytest.raises(DataError) as e:
        load_scenario(scenario_copy)
    assert e.value.line == 2 and e.value.field == "annotation.agreement"
    assert "cases.jsonl:2: field 'annotation.agreement'" in str(e.value)


def test_broken_json_line(scenario_copy: Path) -> None:
    path = scenario_copy / "cases.jsonl"
    path.write_text(path.read_text() + '{"case_id": \n')
    n = len(path.read_text().splitlines())
    with pytest.raises(DataError, match=rf"cases.jsonl:{n}: not valid JSON"):
        load_scenario(scenario_copy)


def test_missing_gold_and_duplicate_ids(scenario_copy: Path) -> None:
    _rewrite_case(scenario_copy, 1, lambda c: c["gold"]["planning"].pop("route"))
    with pytest.raises(DataError, match=r"field 'gold\.planning\.route'"):
        load_scenario(scenario_copy)


def test_duplicate_case_id(scenario_copy: Path) -> None:
    first = json.loads((scenario_copy / "cases.jsonl").read_text().splitlines()[0])
    _rewrite_case(scenario_copy, 3, lambda c: c.update(case_id=first["case_id"]))
    with pytest.raises(DataError, match=r":3: field 'case_id' duplicate case_id"):
        load_scenario(scenario_copy)


def test_world_file_error_names_field(scenario_copy: Path) -> None:
    world = json.loads((scenario_copy / "world.json").read_text())
    world["campaigns"][0]["bid"] = -1
    (scenario_copy / "world.json").write_text(json.dumps(world))
    with pytest.raises(DataError, match=r"world.json: field 'campaigns.0.bid'"):
        load_scenario(scenario_copy)


def test_missing_folder() -> None:
    with pytest.raises(ScenarioError):
        load_scenario("/nonexistent/scenario")


def test_validate_reports_policy_disagreement(scenario_copy: Path) -> None:
    # Annotate the worked example with the wrong decision: both the policy check and the
    # oracle replay must notice.
    def wrong(c: dict) -> None:  # type: ignore[type-arg]
        c["gold"]["action"]["decision"] = "2"

    _rewrite_case(scenario_copy, 1, wrong)
    problems = validate_scenario(scenario_copy)
    assert any("policy says 'raise_bid'" in p for p in problems)
    assert all(":1: mp-000:" in p for p in problems)

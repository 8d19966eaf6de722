"""Issue 12: the audit's ``world_only`` rows are gated against the policy's own floor.

A label the scenario's policy decides from the world is read from the world by an agent
that knows the policy, whatever the customer asks. The floor is what that agent scores
when it never reads the request (the policy on the case's world with every request the
other cases make); ``world_only`` is gated at max(chance, floor) + 15. These tests build a
small return-window scenario whose floor is known by hand, plant a world fact that tells
the request (the gate must fail) and the same fact drawn apart from it (it must not), and
pin the typed error of a bad ``request_refs``.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from ecomstage_env.checks.audit import audit
from ecomstage_env.checks.floor import is_request_ref, policy_floors
from ecomstage_env.env import StagedEnv
from ecomstage_env.errors import DataError
from ecomstage_env.registry import make

SPEC = """
name = "{name}"
title = "Return window (test fixture)"
description = "A customer wants a refund or an exchange; the policy allows either within 7 days."
orientation = "customer"
system_prompt = "You are a shop's support agent."
world_class = "world:ShopWorld"
policy = "policy:check_case"
visible_refs = ["order_id"]
case_files = ["cases.jsonl"]
{extra}

[[stages]]
stage = "perception"
instruction = "Which order is it about?"
tools = ["get_order"]
tool_budget = 1

[[stages.fields]]
name = "order"
type = "label"
description = "The order."
scorer = "label"
labels = ["mine", "other"]

[[stages]]
stage = "action"
instruction = "Decide what the policy allows."
tools = ["get_order"]
tool_budget = 1

[[stages.fields]]
name = "decision"
type = "label"
description = "The decision."
scorer = "label"
labels = ["refund", "exchange", "decline"]
"""

WORLD = '''
from typing import Any

from pydantic import BaseModel

from ecomstage_env import ToolError, ToolKind, World, tool


class Order(BaseModel):
    order_id: str
    days: int
    wrap: str


class ShopState(BaseModel):
    orders: list[Order] = []


class ShopWorld(World[ShopState]):
    """Orders to look up."""

    state_model = ShopState

    @tool(ToolKind.READ)
    def get_order(self, order_id: str) -> dict[str, Any]:
        """Look up an order.

        Args:
            order_id: Order id, e.g. O-1.
        """
        for o in self.state.orders:
            if o.order_id == order_id:
                return o.model_dump()
        raise ToolError(f"no order {order_id!r}")
'''

POLICY = '''
from dataclasses import dataclass
from typing import Any

from ecomstage_env import Case, Stage

from .world import ShopState, ShopWorld


@dataclass
class Gold:
    decision: str


def decide(state: ShopState, refs: dict[str, Any]) -> Gold:
    """Within 7 days of delivery, what the customer wants; after, decline."""
    order = next(o for o in state.orders if o.order_id == refs["order_id"])
    return Gold(refs["wants"] if order.days <= 7 else "decline")


def check_case(world: ShopWorld, case: Case) -> list[str]:
    want = decide(world.state, case.world_refs).decision
    got = case.gold[Stage.ACTION]["decision"]
    return [] if got == want else [f"policy says {want}, gold {got}"]
'''


def _scenario(tmp_path: Path, rows: list[tuple[int, str, str]], extra: str = "") -> Path:
    """A scenario folder with one case per ``(days since delivery, wants, wrap)``."""
    folder = tmp_path / "window_shop"
    folder.mkdir()
    name = f"window_shop_{zlib.crc32(str(folder).encode()):08x}"  # one env per test
    (folder / "spec.toml").write_text(SPEC.format(name=name, extra=extra), encoding="utf-8")
    (folder / "world.py").write_text(WORLD, encoding="utf-8")
    (folder / "policy.py").write_text(POLICY, encoding="utf-8")
    lines = []
    for i, (days, wants, wrap) in enumerate(rows):
        oid = f"O-{i + 1}"
        decision = wants if days <= 7 else "decline"
        case = {
            "case_id": f"w-{i + 1}",
            "scenario": name,
            "orientation": "customer",
            "dialogue": [{"role": "customer", "text": f"About {oid}: can you help me with it?"}],
            "world_refs": {"order_id": oid, "wants": wants},
            "world": {"patch": {"orders": [{"order_id": oid, "days": days, "wrap": wrap}]}},
            "gold": {"perception": {"order": "mine"}, "action": {"decision": decision}},
            "annotation": {"annotators": ["test fixture"]},
        }
        lines.append(json.dumps(case) + "\n")
    (folder / "cases.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


def _env(folder: Path) -> StagedEnv:
    env = make(str(folder)).unwrapped
    assert isinstance(env, StagedEnv)
    return env


def test_the_floor_is_the_blind_policy_agent_s_expected_score(tmp_path: Path) -> None:
    """Four late orders (declined whatever is asked) and four within the window, the
    requests half refund, half exchange: a late case's every request votes decline (share
    1); an early case sees 4 requests of the other kind among 7 and picks it (4/7). The
    floor is (4 + 4 * 4/7) / 8 = 11/14, and that pick misses the early cases as they are."""
    rows = [
        (30, "refund", "red"),
        (30, "exchange", "red"),
        (30, "refund", "blue"),
        (30, "exchange", "blue"),
        (2, "refund", "red"),
        (2, "exchange", "red"),
        (2, "refund", "blue"),
        (2, "exchange", "blue"),
    ]
    floors = policy_floors(_env(_scenario(tmp_path, rows)))
    assert set(floors) == {"action.decision"}  # the order label maps to no decision
    fl = floors["action.decision"]
    assert fl.floor == pytest.approx(11 / 14)
    assert fl.shares == pytest.approx((1.0,) * 4 + (4 / 7,) * 4)
    assert [fl.picks[f"w-{i}"] for i in range(1, 9)] == ["decline"] * 4 + [
        "exchange",
        "refund",
        "exchange",
        "refund",
    ]
    assert (fl.on_cases, fl.own_refs, fl.unfit) == (0.5, 1.0, 0.0)


def _twelve(wrap_of: list[str]) -> list[tuple[int, str, str]]:
    wants = ["refund", "exchange"] * 6
    return [(2, w, wrap) for w, wrap in zip(wants, wrap_of, strict=True)]


def test_a_world_fact_that_tells_the_request_fails_the_gated_world_only_rows(
    tmp_path: Path,
) -> None:
    """Every order is within the window, so the decision is the request: blind, the policy
    agent scores 6/11 (the other kind is 6 of the 11 other requests). The gift wrap says
    the request (red: refund); the world-only model reads it and crosses floor + 15."""
    folder = _scenario(tmp_path, _twelve(["red", "blue"] * 6))
    report = audit(folder)
    rows = {(r.field, r.shortcut): r for r in report.rows}
    floor = rows["action.decision", "policy_floor"]
    assert floor.score == pytest.approx(6 / 11)
    assert floor.limit is None  # reported: the agent itself
    for name in ("world_only", "world_only_sharp"):
        row = rows["action.decision", name]
        assert row.chance == pytest.approx(6 / 11)  # max(chance 1/2, the floor)
        assert row.limit == pytest.approx(6 / 11 + 0.15)
        assert row.score == 1.0
        assert not row.passed
    assert not report.passed
    # The order label has no floor: its world rows stay reported.
    assert rows["perception.order", "world_only"].limit is None
    assert ("perception.order", "policy_floor") not in rows


def test_the_same_fact_drawn_apart_from_the_request_passes(tmp_path: Path) -> None:
    wraps = ["red", "red", "blue", "blue"] * 3  # each wrap with 3 refunds and 3 exchanges
    report = audit(_scenario(tmp_path, _twelve(wraps)))
    rows = {(r.field, r.shortcut): r for r in report.rows}
    for name in ("world_only", "world_only_sharp"):
        row = rows["action.decision", name]
        assert row.limit == pytest.approx(6 / 11 + 0.15)
        assert row.passed
    assert report.passed


def test_request_refs_declared_replace_the_generic_rule(tmp_path: Path) -> None:
    """Declared empty, no ref is the request: the policy reads the decision from the case's
    own refs, so the blind agent is the policy itself (floor 1)."""
    assert not is_request_ref("order_id") and not is_request_ref("sku")
    assert is_request_ref("wants")
    folder = _scenario(tmp_path, _twelve(["red", "blue"] * 6), extra="request_refs = []")
    assert policy_floors(_env(folder))["action.decision"].floor == 1.0


@pytest.mark.parametrize(
    ("declared", "problem"),
    [
        ('["wnats"]', "'wnats' is no case's world_refs key"),
        ('["wants", "order_id"]', "'order_id' is in visible_refs"),
    ],
)
def test_a_bad_request_refs_is_a_data_error_naming_the_spec(
    tmp_path: Path, declared: str, problem: str
) -> None:
    folder = _scenario(tmp_path, _twelve(["red", "blue"] * 6), extra=f"request_refs = {declared}")
    with pytest.raises(DataError, match=problem) as err:
        policy_floors(_env(folder))
    assert err.value.path == folder / "spec.toml"
    assert err.value.field is not None and err.value.field.startswith("request_refs.")
    with pytest.raises(DataError, match=problem):
        audit(folder)


def test_the_bundled_envs_whose_policy_decides_a_label_have_a_floor() -> None:
    """One field each (the Action decision); presale_inquiry's policy decides no label.
    The policy on each case's own refs is its gold; after_sales' floor is the reason for
    the gate: far over chance (20) + 15, where the world tells much of the resolution."""
    want = {
        "after_sales": "action.resolution",
        "order_logistics": "action.decision",
        "service_quality": "action.decision",
        "content_review": "action.decision",
        "presale_inquiry": None,
    }
    for name, key in want.items():
        env = make(name).unwrapped
        assert isinstance(env, StagedEnv)
        floors = policy_floors(env)
        assert list(floors) == ([key] if key else []), name
        for fl in floors.values():
            assert fl.own_refs == 1.0, name
        if name == "after_sales":
            assert floors["action.resolution"].floor > 0.35

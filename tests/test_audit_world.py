"""The audit's ``world_only`` rows: a label that the looked-up world gives away shows in them.

A world-only agent reads what the lookups return with the case's ids and never a word
of the user; these tests plant a world fact that names the label (it must show far over
chance + 15) and the same fact drawn apart from the label (it must not), and pin what
the tokens and the lookups are.
"""

from __future__ import annotations

import json
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ecomstage_env.checks.audit import _label_chance, _read_world, _world_bags, audit
from ecomstage_env.checks.shortcuts import WorldModel, world_tokens
from ecomstage_env.data.loader import builtin_scenarios_root
from ecomstage_env.env import StagedEnv
from ecomstage_env.registry import make
from ecomstage_env.stages import Stage

FILES = ("zebra.jpg", "walrus.jpg", "heron.jpg")


def _decision_code(case: dict[str, Any]) -> str:
    return str(case["options"]["decision"][int(case["gold"]["action"]["decision"]) - 1]["code"])


def _with_images(tmp_path: Path, image: Callable[[dict[str, Any]], str]) -> Path:
    """content_review with one image file on each case's own submission (the policy never
    reads images)."""
    dst = tmp_path / "content_review"
    shutil.copytree(builtin_scenarios_root() / "content_review", dst)
    path = dst / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for case in cases:
        own = case["world_refs"]["submission_id"]
        for sub in case["world"]["patch"]["submissions"]:
            if sub["submission_id"] == own:
                sub["images"] = [image(case)]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), "utf-8")
    return dst


def _world_only(folder: Path) -> tuple[float, float, WorldModel]:
    """The world-only model's leave-one-out accuracy on action.decision, and the limit."""
    env = make(str(folder)).unwrapped
    assert isinstance(env, StagedEnv)
    stage = env.spec_data.stage(Stage.ACTION)
    field = next(f for f in stage.fields if f.name == "decision")
    bags = _world_bags(env, env.cases)
    model = WorldModel().fit(field, stage, env.cases, bags["action"])
    hits = [model.bayes(field, c) == str(c.gold[Stage.ACTION]["decision"]) for c in env.cases]
    limit = _label_chance(env.cases, stage, field, env) + 0.15
    return sum(hits) / len(hits), limit, model


def test_a_world_fact_that_names_the_decision_fails_the_world_only_row(tmp_path: Path) -> None:
    names = dict(zip(("approve", "request_changes", "reject"), FILES, strict=True))
    folder = _with_images(tmp_path, lambda case: names[_decision_code(case)])
    score, limit, model = _world_only(folder)
    assert score > limit
    assert "get_submission.images" in model.picked(next(iter(model.classes)))
    # content_review's policy decides the decision from the world alone (no request ref):
    # its floor is 100, so the rows, gated at max(chance, floor) + 15, pass; the table
    # still shows the leak as a score far over the label's chance + 15.
    rows = {(r.field, r.shortcut): r for r in audit(folder, limit=12).rows}
    floor = rows[("action.decision", "policy_floor")]
    assert floor.score == 1.0
    for name in ("world_only", "world_only_sharp"):
        row = rows[("action.decision", name)]
        assert row.limit == floor.score + 0.15 and row.passed
        assert row.score > floor.chance + 0.15


def test_the_same_fact_drawn_apart_from_the_decision_passes(tmp_path: Path) -> None:
    def drawn(case: dict[str, Any]) -> str:
        return FILES[zlib.crc32(case["case_id"].encode()) % len(FILES)]

    score, limit, _ = _world_only(_with_images(tmp_path, drawn))
    assert score <= limit


def test_world_tokens_read_values_day_gaps_and_whose_record() -> None:
    results = [
        (
            "get_order",
            {
                "order_id": "O-1",
                "status": "shipped",
                "paid_at": "2026-06-01T10:00",
                "shipped_at": "2026-06-04",
                "items": [{"product_id": "P-1"}, {"product_id": "P-2"}],
            },
        ),
        ("list_orders", [{"order_id": "O-1", "status": "shipped"}, {"order_id": "O-2"}]),
    ]
    tokens = world_tokens(results, "2026-06-20", {"O-1": "order_id", "P-1": "product_id"})
    assert {
        "get_order.order_id=@order_id",  # the case's own order, not a value of its own
        "get_order.status=shipped",
        "get_order.paid_at~today=<=30",  # 18.6 days before today
        "get_order.shipped_at~today=<=30",
        "get_order.paid_at->shipped_at=<=3",
        "get_order.items[own].product_id=@product_id",
        "get_order.items[other].product_id=P-2",
        "get_order.items[-1].product_id=P-2",  # the last item of a list, once more
        "list_orders[own].status=shipped",
        "list_orders[other].order_id=O-2",
    } <= tokens
    assert not any("2026" in t for t in tokens)  # dates are read as gaps only


def test_world_lookups_use_the_case_s_ids_and_never_an_argument_the_gold_picked() -> None:
    """order_logistics' gold looks up the policy topic its request needs: the world-only
    reader never runs get_policy (a topic is no id) nor a search; it reaches the product
    through the order's record."""
    env = make("order_logistics").unwrapped
    assert isinstance(env, StagedEnv)
    case = env.cases[0]
    gold = case.gold[Stage.PLANNING]["lookups"]
    assert {"name": "get_policy", "arguments": {"topic": "shipping_fee"}} in gold
    reads = _read_world(env, case)
    tools = {tool for _, tool, _ in reads.reads}
    assert not tools & {"get_policy", "search_help_center", "search_products"}
    assert {"get_order", "list_orders", "track_shipment", "get_product"} <= tools
    order = next(r for _, t, r in reads.reads if t == "get_order")
    product = next(r for _, t, r in reads.reads if t == "get_product")
    assert product["product_id"] == order["items"][0]["product_id"]
    assert reads.own[case.world_refs["order_id"]] == "order_id"

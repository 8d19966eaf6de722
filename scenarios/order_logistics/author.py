"""Build ``cases.jsonl`` of order_logistics from the hand-written drafts (a writer's tool).

A writer writes the situation and the human judgements in ``drafts.py``: the customer,
their orders and the parcels' scans (the case's world), the order the case is about and
what the customer asks for (``request``, ``consent_intercept``, ``new_address``,
``also_fee``), the dialogue, the intent with the guideline line that decided it, the
item, the rewrite's points, the reference reply and any reply points of their own. This
tool then applies ``policy.py`` to each case's world and writes what the rules decide:
the decision and the menu (the group of the request, in an order drawn from the case id),
the lookups and the facts they must reveal, the writes, the claims the reply must not
make, and the reply points the world fixes. It never chooses a decision itself, and the
validator checks the result again. Case ids are drawn from a hash of the dialogue and the
file is ordered by id, so neither carries a label.

    python scenarios/order_logistics/author.py

rewrites ``cases.jsonl`` in the folder. To measure the held-back drafts (``drafts.HELD_BACK``)
with the cases, build both into a copy of the folder and audit the copy::

    cp -r scenarios/order_logistics /tmp/ol && rm -rf /tmp/ol/__pycache__
    python scenarios/order_logistics/author.py /tmp/ol/cases.jsonl --held-back
    ecomstage audit /tmp/ol
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case
from ecomstage_env.scoring.points import Point, PointsParams, Text, echoed_points
from ecomstage_env.world.base import merge_patch

HERE = Path(__file__).resolve().parent
world_mod = import_from_folder(HERE, "world")
policy = import_from_folder(HERE, "policy")
drafts = import_from_folder(HERE, "drafts")

_GROUP = {"address": 0, "intercept": 0, "parcel": 1, "fee": 1}


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _order(case_id: str, items: list[str]) -> list[str]:
    """A fixed shuffle of ``items`` keyed on the case id (no label in the order)."""
    return sorted(items, key=lambda x: _h(f"{case_id}/{x}"))


_ASKED = {
    "address": [
        "change", "update", "deliver", "delivered", "redirect", "redirected", "reroute",
        "send", "sent", "go", "改地址",
    ],
    "intercept": [
        "intercept", "call back", "called back", "recall", "stop", "cancel", "held back",
        "拦截",
    ],
    "parcel": ["where", "send", "reship", "replacement", "news", "happens", "tracking", "get"],
    "fee": ["refund", "refunded", "refundable", "back", "count"],
}  # fmt: skip
"""What the customer asks for, per request: a verb the rewrite states affirmed, so a
rewrite that negates the request ("Don't redirect ...") fails the point."""


def _asked_points(
    refs: dict[str, Any], rewrite: str, last_user: str, given: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The polarity-bearing points of a rewrite: the request (and a consented fallback).

    A point is added only where the reference states it affirmed and the last customer
    turn alone does not push the echo share over half (the validator's echo check).
    """
    ref = Text(rewrite)
    wanted = [(refs["request"], "the request, affirmed")]
    if refs.get("consent_intercept"):
        wanted.append(("intercept", "the fallback: call the parcel back"))
    out: list[dict[str, Any]] = []
    for kind, note in wanted:
        phrases = [p for p in _ASKED[kind] if 0 in ref.polarities(p)]
        if kind == "intercept" and refs["request"] == "address":
            phrases = [p for p in phrases if p not in _ASKED["address"]]
        if not phrases or any(1 in ref.polarities(p) for p in phrases):
            continue
        point = {"any": phrases, "note": note}
        pts = [Point.model_validate(p) for p in [*given, *out, point]]
        echoed = echoed_points(PointsParams(points=pts, echo_check="last"), [last_user], rewrite)
        if len(echoed) * 2 <= len(pts):
            out.append(point)
    return out


def build(d: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """One case from one draft, with the policy's gold filled in."""
    turns = [{"role": role, "text": text} for role, text in d["dialogue"]]
    case_id = "ol-" + _h(turns[0]["text"] + d["refs"]["order_id"])[:4]
    patch = d["patch"]
    state = world_mod.ShopState.model_validate(merge_patch(base, patch))
    refs = d["refs"]
    gold = policy.decide(state, refs)
    menu = policy.MENUS[_GROUP[refs["request"]]]
    # The salt of the menu order was picked once so the gold's position is spread evenly
    # (21 to 24 cases per position of 90): no position is a shortcut.
    codes = _order(case_id + "/menu20", list(menu))
    last_user = [t["text"] for t in turns if t["role"] == "customer"][-1]
    rewrite = list(d["rewrite_points"])
    if refs["order_id"] not in last_user:
        rewrite.insert(0, {"any": [refs["order_id"]], "note": "names the order"})
    rewrite += _asked_points(refs, d["rewrite"], last_user, rewrite)
    raw: dict[str, Any] = {
        "case_id": case_id,
        "scenario": "order_logistics",
        "orientation": "customer",
        "split": "test",
        "dialogue": turns,
        "world_refs": refs,
        "world": {"patch": patch},
        "options": {"decision": [{"code": c} for c in codes]},
        "gold": {
            "perception": {
                "rewritten_query": d["rewrite"],
                "intent": d["intent"],
                "entities": {"order_id": refs["order_id"], "sku": d["sku"]},
            },
            "planning": {"lookups": [c.model_dump(exclude={"id"}) for c in gold.lookups]},
            "action": {
                "decision": str(codes.index(gold.decision) + 1),
                "writes": [c.model_dump(exclude={"id"}) for c in gold.writes],
                "reply": d["reply"],
            },
        },
        "grading": {
            "perception.rewritten_query": {"points": rewrite},
            "planning.lookups": {"facts": sorted(gold.facts)},
        },
        "annotation": {
            "annotators": ["LLM helper session (writer)"],
            "agreement": 1.0,
            "adjudication": "",
            "notes": d["notes"] + f" Policy: {gold.why}.",
        },
    }
    if gold.also:
        raw["grading"]["action.decision"] = {"accept": [str(codes.index(c) + 1) for c in gold.also]}
    if gold.accept:
        raw["grading"]["action.writes"] = {"accept": {k: list(v) for k, v in gold.accept.items()}}
    case = Case.model_validate(raw)
    wanted = [
        p.model_dump(by_alias=True, exclude_defaults=True) for p in policy.reply_points(gold, case)
    ]
    raw["grading"]["action.reply"] = {
        "points": [*wanted, *d.get("points", [])],
        "false_claims": gold.false_claims,
    }
    return raw


def main(argv: list[str]) -> int:
    """Write cases.jsonl from every draft (``--held-back``: and the held-back ones, elsewhere)."""
    held = "--held-back" in argv
    argv = [a for a in argv if a != "--held-back"]
    if held and not argv:
        raise SystemExit("--held-back writes to a path given, never to the scenario's cases")
    base = json.loads((HERE / "world.json").read_text(encoding="utf-8"))
    out = [build(d, base) for d in [*drafts.DRAFTS, *(drafts.HELD_BACK if held else [])]]
    ids = [c["case_id"] for c in out]
    if len(set(ids)) != len(ids):
        raise SystemExit("two drafts hash to one case id; reword one")
    out.sort(key=lambda c: c["case_id"])
    path = Path(argv[0]) if argv else HERE / "cases.jsonl"
    path.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8"
    )
    print(f"{path}: {len(out)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

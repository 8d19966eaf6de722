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

rewrites ``cases.jsonl`` in the folder.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case
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
                "intents": d["intents"],
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
    """Write cases.jsonl from every draft."""
    base = json.loads((HERE / "world.json").read_text(encoding="utf-8"))
    out = [build(d, base) for d in drafts.DRAFTS]
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

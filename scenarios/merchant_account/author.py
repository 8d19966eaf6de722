"""Build ``cases.jsonl`` of merchant_account from the hand-written drafts (a writer's tool).

A writer writes the situation and the human judgements in ``drafts.py``: the merchant's
account, balance refund requests and collaboration orders (the case's world), the record
the case is about and whether the merchant asks for a new balance refund request, the
dialogue, the intents and route with the guideline lines that decided them (notes), the
reference reply and any reply points of their own. This tool then applies ``policy.py``
to each case's world and writes what the rules decide: the decision and the menu (the
catalogue group of the case's route, in an order drawn from the case id), the lookups and
the facts they must reveal, the writes, and the reply points the world fixes. It never
chooses a decision itself, and the validator checks the result again. Case ids are drawn
from a hash of the dialogue and the file is ordered by id, so neither carries a label.

    python scenarios/merchant_account/author.py

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


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _order(case_id: str, items: list[str]) -> list[str]:
    """A fixed shuffle of ``items`` keyed on the case id (no label in the order)."""
    return sorted(items, key=lambda x: _h(f"{case_id}/{x}"))


def build(d: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """One case from one draft, with the policy's gold filled in."""
    turns = [{"role": role, "text": text} for role, text in d["dialogue"]]
    case_id = "ma-" + _h(turns[0]["text"] + d["ref"])[:4]
    patch = d["patch"]
    state = world_mod.AccountState.model_validate(merge_patch(base, patch))
    refs = {"merchant_id": d["merchant_id"], "record_id": d["ref"]}
    if d["ref"].startswith("WR-"):
        refs["asks_new_request"] = bool(d.get("asks", False))
    gold = policy.decide(state, refs)
    menu = next(
        m
        for m in policy.MENUS
        if gold.decision in m and (("resubmit_content" in m) == d["ref"].startswith("CO-"))
    )
    # The salt of the menu order was picked once so the gold's position is spread evenly
    # (16-19 cases per position): no position is a shortcut.
    codes = _order(case_id + "/menu6", list(menu))
    raw: dict[str, Any] = {
        "case_id": case_id,
        "scenario": "merchant_account",
        "orientation": "merchant",
        "split": "test",
        "dialogue": turns,
        "world_refs": refs,
        "world": {"patch": patch},
        "options": {"decision": [{"code": c} for c in codes]},
        "gold": {
            "perception": {"intents": list(d["intents"]), "entities": {"record_id": d["ref"]}},
            "planning": {
                "route": d["route"],
                "lookups": [c.model_dump(exclude={"id"}) for c in gold.lookups],
            },
            "action": {
                "reply": d["reply"],
                "decision": str(codes.index(gold.decision) + 1),
                "writes": [c.model_dump(exclude={"id"}) for c in gold.writes],
            },
        },
        "grading": {"planning.lookups": {"facts": sorted(gold.facts)}},
        "annotation": {
            "annotators": ["LLM helper session (writer)"],
            "agreement": 1.0,
            "adjudication": "",
            "notes": d["notes"] + f" Policy: {gold.why}.",
        },
    }
    if d.get("route_accept"):
        raw["grading"]["planning.route"] = {"accept": d["route_accept"]}
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

"""Fill in the policy's part of merchant_promotion cases (a tool for case writers).

A writer writes the situation and the human judgements: the dialogue, the case's world
(``world.patch``: the merchant, campaigns, incidents), ``world_refs`` (merchant,
campaign, ``consent_to_spend_more``), the Perception gold and rewrite points, the route,
the reference reply and any points of their own. This tool then applies ``policy.py``
to each case's world and writes what the rules decide: the decision and a menu of four
options from the catalogue (the policy's decision and three plausible mistakes, in an
order drawn from the case id), the lookups and the facts they must reveal, the writes
and their accepted ranges, and the reply points the world fixes. It never chooses a
decision itself, and the validator checks the result again.

    python scenarios/merchant_promotion/author.py scenarios/merchant_promotion/cases.jsonl

rewrites the file in place (one case per line, key order kept).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from ecomstage_env.checks.gold import fill_case_files
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case

HERE = Path(__file__).resolve().parent
world_mod = import_from_folder(HERE, "world")
policy = import_from_folder(HERE, "policy")


def _rng_order(case_id: str, items: list[str]) -> list[str]:
    """A fixed shuffle of ``items`` keyed on the case id (no label in the order)."""
    return sorted(items, key=lambda x: hashlib.sha256(f"{case_id}/{x}".encode()).hexdigest())


def fill(raw: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Return the case with the policy's gold filled in."""
    from ecomstage_env.world.base import merge_patch

    state = world_mod.PromotionState.model_validate(
        merge_patch(base, raw.get("world", {}).get("patch", {}))
    )
    gold = policy.decide(state, raw["world_refs"])
    case_id = raw["case_id"]
    codes = [o["code"] for o in raw.get("options", {}).get("decision", [])]
    groups = [m for m in policy.MENUS if gold.decision in m]
    if set(codes) not in [set(m) for m in groups]:
        group = groups[int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % len(groups)]
        codes = _rng_order(case_id + "/menu", list(group))
    raw.setdefault("options", {})["decision"] = [{"code": c} for c in codes]
    raw["gold"].setdefault("planning", {})["lookups"] = [
        c.model_dump(exclude={"id"}) for c in gold.lookups
    ]
    action = raw["gold"].setdefault("action", {})
    action["decision"] = str(codes.index(gold.decision) + 1)
    action["writes"] = [c.model_dump(exclude={"id"}) for c in gold.writes]
    grading = raw.setdefault("grading", {})
    grading["planning.lookups"] = {"facts": sorted(gold.facts)}
    if gold.accept:
        grading["action.writes"] = {"accept": {k: list(v) for k, v in gold.accept.items()}}
    else:
        grading.pop("action.writes", None)
    case = Case.model_validate(raw)
    own = grading.get("action.reply", {}).get("points", [])
    wanted = [
        p.model_dump(by_alias=True, exclude_defaults=True) for p in policy.reply_points(gold, case)
    ]

    def key(p: dict[str, Any]) -> tuple[Any, ...]:
        # A policy point is known by its note and figure, whatever phrasings and
        # contradictions the policy gives it now (so a changed policy replaces it).
        return (p.get("note", ""), p.get("figure"))

    every = {key(p.model_dump(by_alias=True, exclude_defaults=True)) for p in gold.points}
    mine = [p for p in own if key(p) not in every]
    reply = grading.setdefault("action.reply", {})
    reply["points"] = [*wanted, *mine]
    reply["false_claims"] = gold.false_claims
    return raw


def main(argv: list[str]) -> int:
    """Fill every case of the files named on the command line, in place."""
    return fill_case_files(argv, fill, HERE / "world.json")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

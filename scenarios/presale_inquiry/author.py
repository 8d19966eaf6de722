"""Fill in the policy's part of presale_inquiry cases (a tool for case writers).

A writer writes the situation and the human judgements: the dialogue, the case's world
(``world.patch`` and setup ``calls``: the date, a SKU's stock or price), ``world_refs``
(product, attribute, kind of question, SKU, claimed figure, second product, region),
the intent, the reference answer and the annotation notes. This tool applies
``policy.py`` to each case's world and writes what the rules decide: the entities, the
lookups and the facts they must reveal, and the answer's required points. The
validator checks the result again.

    python scenarios/presale_inquiry/author.py scenarios/presale_inquiry/cases.jsonl

rewrites the file in place (one case per line).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ecomstage_env.checks.gold import fill_case_files
from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import Case, WorldSetup

HERE = Path(__file__).resolve().parent
world_mod = import_from_folder(HERE, "world")
policy = import_from_folder(HERE, "policy")


def fill(raw: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Return the case with the policy's gold filled in."""
    refs = raw["world_refs"]
    setup = WorldSetup.model_validate(raw.get("world", {}))
    state = world_mod.PresaleWorld.build_state(base, setup, refs)
    gold = policy.decide(state, refs)
    raw.setdefault("scenario", "presale_inquiry")
    raw.setdefault("orientation", "customer")
    raw.setdefault("split", "test")
    g = raw["gold"]
    g["perception"]["entities"] = {"product_id": refs["product_id"], "attribute": refs["attribute"]}
    g["planning"] = {"lookups": gold.lookups}
    grading = raw.setdefault("grading", {})
    grading["planning.lookups"] = {"facts": gold.facts}
    if refs.get("other_id"):
        grading["perception.entities"] = {"accept": {"product_id": [refs["other_id"]]}}
    wanted = [p.model_dump(by_alias=True, exclude_defaults=True) for p in gold.points]
    grading["action.answer"] = {"points": wanted}
    if gold.other_names:
        grading["action.answer"]["names"] = gold.names
        grading["action.answer"]["other_names"] = gold.other_names
    if gold.wrong_figures:
        grading["action.answer"]["wrong_figures"] = gold.wrong_figures
    if gold.owners:
        grading["action.answer"]["owners"] = gold.owners
    Case.model_validate(raw)
    return raw


def main(argv: list[str]) -> int:
    """Fill every case of the files named on the command line, in place."""
    return fill_case_files(argv, fill, HERE / "world.json")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

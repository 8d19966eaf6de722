"""Fill in the policy's part of content_review cases (a tool for case writers).

A writer writes the situation and the human judgements: the dialogue, the case's world
(``world.patch``: the merchant, products, submissions with their text, claims and review
record), ``world_refs`` (merchant, submission), the route and the annotation notes. This
tool then applies ``policy.py`` to each case's world and writes what the rules decide:
the violation labels, the submission and product ids, the decision and the menu (the
three catalogue options in an order drawn from the case id), the lookups and the facts
they must reveal, the re-review to record, the reply points the world fixes and the
claims the reply must not make. Where a case has no reference reply yet, it composes
one from the policy's findings (the writer may rewrite it; the validator checks that it
still meets every point). It never chooses a decision itself, and the validator checks
the result again.

    python scenarios/content_review/author.py scenarios/content_review/cases.jsonl

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
from ecomstage_env.scoring.points import Point
from ecomstage_env.world.base import merge_patch

HERE = Path(__file__).resolve().parent
world_mod = import_from_folder(HERE, "world")
policy = import_from_folder(HERE, "policy")


def _rng_order(case_id: str, items: list[str]) -> list[str]:
    """A fixed shuffle of ``items`` keyed on the case id (no label in the order)."""
    return sorted(items, key=lambda x: hashlib.sha256(f"{case_id}/{x}".encode()).hexdigest())


def _join(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _pick(case_id: str, n: int) -> int:
    """A wording index drawn from the case id (no label in the choice)."""
    return int(hashlib.sha256(f"{case_id}/reply".encode()).hexdigest(), 16) % n


def compose_reply(gold: Any, sub: Any, case_id: str = "") -> str:
    """A reference reply that states the policy's findings and the decision recorded.

    Several wordings per decision, drawn from the case id; every wording states the same
    graded facts: the rules broken with the conflicting card value, or that no rule (or
    none of the rules of an earlier rejection) is broken, and the decision recorded. A
    rule id is only ever named in one polarity (a sentence of its own), so the reference
    fixes how each point must be stated.
    """
    what = "ad" if sub.kind == "ad_creative" else "note"
    title = sub.title
    found = "".join(f" It breaks {rid}: {gold.details[rid]}." for rid in gold.broken)
    codes = _join(gold.broken)
    k = _pick(case_id, 3)
    if gold.decision == "approve":
        prior = sub.review.reason_codes if sub.review and sub.review.decision == "rejected" else []
        if prior:
            nots = "".join(f" It does not break {rid}." for rid in prior)
            return [
                f'I re-reviewed your {what} "{title}" against the review rules.{nots}'
                " What it claims matches the product card. I've approved it, so it can run now.",
                f'I checked "{title}" again, claim by claim, against the product card.{nots}'
                " I've overturned the rejection and approved it.",
                f'Thanks for your patience. Your {what} "{title}" is fine.{nots}'
                " Every claim in it agrees with the product card, and I've approved it.",
            ][k]
        return [
            f'I re-reviewed your {what} "{title}" against the review rules. It breaks none of'
            " the rules: what it claims matches the product card. I've approved it, so it can"
            " go live now.",
            f'I checked "{title}" against the rules and the product card. No rule is broken,'
            " so I've approved it and it can run now.",
            f'Good news about your {what} "{title}": it does not break any review rule, and'
            " every claim in it matches the product card. I've approved it.",
        ][k]
    if gold.decision == "reject":
        return [
            f'I re-reviewed your {what} "{title}" against the review rules.{found} That is a'
            f" severe breach, so I've rejected it with reason {codes}; a new submission"
            " without that claim will be reviewed afresh.",
            f'I checked "{title}" against the rules and the product card.{found} As that rule'
            f" counts as severe, I've rejected it ({codes}). Please submit a new version"
            " without the claim.",
            f'Sorry, your {what} "{title}" cannot be approved.{found} I\'ve rejected it under'
            f" {codes}, a severe rule; a fresh submission without that claim gets a new review.",
        ][k]
    return [
        f'I re-reviewed your {what} "{title}" against the review rules.{found} I\'ve recorded'
        f" a request for changes with reason {codes}: please fix the text and resubmit, and"
        " it will be checked again.",
        f'I checked "{title}" against the rules and the product card.{found} I\'ve requested'
        f" changes ({codes}): edit the text and resubmit it, and it will be checked again.",
        f'Your {what} "{title}" needs an edit first.{found} I\'ve marked it for changes under'
        f" {codes}; once you correct the text and resubmit, it goes back into review.",
    ][k]


def _unexpanded(point: Any) -> dict[str, Any]:
    """A point as data, its phrase lists written with ``{a|b}`` as the policy writes them.

    The file stays short; loading the case expands them again.
    """
    out: dict[str, Any] = point.model_dump(by_alias=True, exclude_defaults=True)
    for raw in policy.PHRASE_LISTS:
        if point.any == Point(any=raw).any:
            out["any"] = list(raw)
    return out


def fill(raw: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Return the case with the policy's gold filled in."""
    state = world_mod.ContentState.model_validate(
        merge_patch(base, raw.get("world", {}).get("patch", {}))
    )
    refs = raw["world_refs"]
    gold = policy.decide(state, refs)
    sub = next(s for s in state.submissions if s.submission_id == refs["submission_id"])
    case_id = raw["case_id"]
    codes = [o["code"] for o in raw.get("options", {}).get("decision", [])]
    if set(codes) != set(policy.MENUS[0]):
        codes = _rng_order(case_id + "/menu", list(policy.MENUS[0]))
    raw.setdefault("options", {})["decision"] = [{"code": c} for c in codes]
    g = raw.setdefault("gold", {})
    perception = g.setdefault("perception", {})
    perception["entities"] = {"submission_id": sub.submission_id, "product_id": sub.product_id}
    perception["violations"] = gold.labels
    g.setdefault("planning", {})["lookups"] = [c.model_dump(exclude={"id"}) for c in gold.lookups]
    action = g.setdefault("action", {})
    if not action.get("reply"):
        action["reply"] = compose_reply(gold, sub, case_id)
    action["decision"] = str(codes.index(gold.decision) + 1)
    action["writes"] = [c.model_dump(exclude={"id"}) for c in gold.writes]
    grading = raw.setdefault("grading", {})
    grading["planning.lookups"] = {"facts": sorted(gold.facts)}
    case = Case.model_validate(raw)
    wanted = [_unexpanded(p) for p in policy.reply_points(gold, case)]
    reply = grading.setdefault("action.reply", {})
    reply["points"] = wanted
    reply["false_claims"] = gold.false_claims
    return raw


def main(argv: list[str]) -> int:
    """Fill every case of the files named on the command line, in place."""
    return fill_case_files(argv, fill, HERE / "world.json")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

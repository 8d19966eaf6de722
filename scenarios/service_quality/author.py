"""Fill in the policy's part of service_quality cases (a tool for case writers).

A writer writes the situation and the human judgements: the chat (``dialogue``), the
case's world (``world.patch``: the shop, the chat with its response times, the order,
the shop's record, outages), ``world_refs`` (``chat_id``, ``shop_id`` and the judgements
``judged``, ``return_refused``, ``escalation`` made by the spec's decision lists), the
attitude gold, and the annotation notes. This tool then applies ``policy.py`` to each
case's world and writes what the rules decide: the rules touched, the governing rule,
the menu (the whole ladder, in an order drawn from the case id), the decision, the
lookups and the facts they must reveal, the write, the note's points and false claims,
and a reference note to the shop built from those facts (the oracle's answer). It never
chooses a decision itself, and the validator checks the result again.

    python scenarios/service_quality/author.py scenarios/service_quality/cases.jsonl

rewrites the file in place (one case per line).
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


def _pick(case_id: str, salt: str, options: list[str]) -> str:
    """One of ``options``, fixed per case id (varied wording, no label in the choice)."""
    h = int(hashlib.sha256(f"{case_id}/{salt}".encode()).hexdigest(), 16)
    return options[h % len(options)]


def _rng_order(case_id: str, items: list[str]) -> list[str]:
    """A fixed shuffle of ``items`` keyed on the case id (no label in the order)."""
    return sorted(items, key=lambda x: hashlib.sha256(f"{case_id}/{x}".encode()).hexdigest())


_ADVICE_TEXT = {
    "SQ-1": [
        "Please never ask for ID, card or login details, and never share a buyer's contact data.",
        "From now on, ask only for what the order needs and never share a buyer's details.",
    ],
    "SQ-2": [
        "Keep every payment and conversation on the platform.",
        "Please keep talk and payment within the platform, even when a shopper asks otherwise.",
    ],
    "SQ-3": [
        "When the return policy grants it, accept the return and process the refund promptly.",
        "Where KB-04 allows it, please approve the return without stalling.",
    ],
    "SQ-4": [
        "Please check the order record before telling a shopper about stock or delivery.",
        "Before you promise anything, look up the order and confirm the status.",
    ],
    "SQ-5": [
        "Please stay courteous and professional, however the shopper writes.",
        "Keep replies calm and respectful, even when the shopper is angry.",
    ],
    "SQ-6": [
        "Please staff the chat so every message is answered within its limit.",
        "Reply within the limits, and add more staff at busy hours.",
    ],
}

_ACTION_TEXT = {
    "coach": "This is recorded as a coaching note only.",
    "warn": "Because the same rule is already on your record in the last 90 days, a formal "
    "warning has been recorded.",
    "penalize": "A service penalty has been recorded on your shop.",
}


def compose_note(gold: Any, state: Any, refs: dict[str, Any], case_id: str) -> str:
    """A reference note to the shop stating every fact the policy requires."""
    chat = next(c for c in state.chats if c.chat_id == refs["chat_id"])
    rules = {r.rule_id: r for r in state.rules}
    parts: list[str] = []
    opener = _pick(case_id, "open", ["I reviewed chat", "Review of chat", "We checked chat"])
    parts.append(f"{opener} {chat.chat_id} from {chat.date}.")
    if gold.decision == "escalate":
        parts.append(
            "This chat has been escalated to a senior inspector, who will contact you; "
            "no other action is taken for now."
        )
        if gold.governing != "none":
            parts.append(
                f"It also touched {gold.governing} ({rules[gold.governing].title.lower()})."
            )
    elif gold.decision == "none":
        parts.append(
            _pick(
                case_id,
                "none",
                [
                    "No rule was broken, so no enforcement is recorded.",
                    "The chat shows no breach of the service rules; nothing is recorded.",
                ],
            )
        )
    else:
        parts.append(f"The chat broke {gold.governing} ({rules[gold.governing].title.lower()}).")
    if gold.worst_wait is not None:
        wait, limit = gold.worst_wait
        which = "first message" if limit == policy.FIRST_LIMIT else "a later message"
        parts.append(
            f"The longest wait, on {which}, was {wait} minutes against a limit of {limit} minutes."
        )
    _, excused = policy.breaches(state, chat)
    if excused and gold.worst_wait is None:
        parts.append(
            f"The wait of {excused[0][0]} minutes overlapped the logged console outage, "
            "so it is excused."
        )
    if gold.decision in ("coach", "warn", "penalize"):
        if gold.strikes:
            noun = "strike" if gold.strikes == 1 else "strikes"
            parts.append(
                f"Your shop has {gold.strikes} {noun} (warnings or penalties) in the last 90 days."
            )
        else:
            parts.append("Your shop has no warnings or penalties in the last 90 days.")
        parts.append(_ACTION_TEXT[gold.decision])
        parts.append(_pick(case_id, "advice", _ADVICE_TEXT[gold.governing]))
    return " ".join(parts)


def _compact(point: Any) -> dict[str, Any]:
    """A point as a case file stores it: phrase lists in their short ``{a|b}`` form."""
    out: dict[str, Any] = point.model_dump(by_alias=True, exclude_defaults=True)
    for key in ("any", "not"):
        if key in out:
            out[key] = policy.compact_phrases(out[key])
    return out


def fill(raw: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Return the case with the policy's gold filled in."""
    from ecomstage_env.world.base import merge_patch

    state = world_mod.ServiceState.model_validate(
        merge_patch(base, raw.get("world", {}).get("patch", {}))
    )
    refs = raw["world_refs"]
    gold = policy.decide(state, refs)
    case_id = raw["case_id"]
    codes = _rng_order(case_id + "/menu", list(policy.MENUS[0]))
    raw.setdefault("options", {})["decision"] = [{"code": c} for c in codes]
    g = raw.setdefault("gold", {})
    g.setdefault("perception", {})["rules_touched"] = list(gold.touched)
    planning = g.setdefault("planning", {})
    planning["governing_rule"] = gold.governing
    planning["lookups"] = [c.model_dump(exclude={"id"}) for c in gold.lookups]
    action = g.setdefault("action", {})
    action["decision"] = str(codes.index(gold.decision) + 1)
    action["writes"] = [c.model_dump(exclude={"id"}) for c in gold.writes]
    action["reply"] = compose_note(gold, state, refs, case_id)
    grading = raw.setdefault("grading", {})
    grading["planning.lookups"] = {"facts": sorted(gold.facts)}
    case = Case.model_validate(raw)
    reply = grading.setdefault("action.reply", {})
    reply["points"] = [_compact(p) for p in policy.reply_points(gold, case)]
    reply["false_claims"] = gold.false_claims
    return raw


def main(argv: list[str]) -> int:
    """Fill every case of the files named on the command line, in place."""
    return fill_case_files(argv, fill, HERE / "world.json")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

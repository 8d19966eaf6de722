"""merchant_account's train-split generator: a new account situation, the policy's gold.

How a case is made (the contract is :mod:`ecomstage_env.data.generate`):

1. **The situation first.** A route is drawn (F, a balance refund request ``WR-``; E, a
   creator-collaboration order ``CO-``), then a decision of the route's menu (each about
   equally often) and a world where the policy reaches it: the merchant's account
   (balance, frozen amounts, bank verification, overdue invoices), the record asked about
   and 0-2 other records. Dates and figures sit on the thresholds the rules turn on
   (exactly 5 or 6 business days of processing, 3 or 4 of review, day 7 or 8 after a
   rejection, 99 or 100 yuan withdrawable, both resubmissions used). ``policy.decide``
   must then reach the drawn decision (else the world is drawn again).
2. **What the merchant asks.** Intents are drawn among those the record's state invites
   (progress of an open record; the reason, an appeal or what to do for a rejected one);
   ``asks_new_request`` is set only when the merchant asks support to file the balance
   request again, in words that say so. The route follows from the record (the spec's
   route guideline), the intents from the words drawn (the intent guideline).
3. **Gold by the rules.** ``author.build`` (the tool the case writers used) applies
   ``policy.py``: menu, lookups, facts, writes, reply points and false claims. The
   reference reply states each of the policy's reply points, in words written per point.
4. **Then the words**: openings, asks per intent, the record named by its amount, date,
   creator or content (never its id), typos, Chinese words and pinyin.

Labels come from rules applied to a drawn situation; nobody annotated these cases.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from . import author
from .drafts import acct, co, fz, wr
from .policy import decide
from .world import AccountState, business_days_between

__all__ = ["INTENT_ASKS", "generate_case"]

SHOPS = ("Lotus Home", "Maple Kids", "Jade Tea House", "Harbour Outdoor", "Cloud Beauty",
         "Pine Pet Co.", "Golden Noodle", "River Books", "Silk Lane", "Sunny Baby")  # fmt: skip
CREATORS = ("Lily Chen", "小鹿Deer", "Coco Wang", "Momo Li", "Kai Zhang", "阿杰 AJ", "Yuki Sun",
            "Nana Xu", "Leo He", "Bella Guo", "Tom Fang", "甜甜Sweetie")  # fmt: skip
CONTENT = (("unboxing video of our {p}", "video"), ("review post of the {p}", "post"),
           ("livestream selling the {p}", "livestream"), ("try-on video with the {p}", "video"),
           ("tutorial post using the {p}", "post"), ("haul video with our {p}", "video"))  # fmt: skip
PRODUCTS = ("tea set", "baby carrier", "hiking poles", "serum", "cat tree", "noodle box",
            "planner", "silk scarf", "rice cooker", "sunscreen")  # fmt: skip
REASONS = ("bank_unverified", "exceeds_withdrawable", "invoice_overdue")

DECISIONS = {
    "F": ("file_appeal", "submit_refund_request", "expedite", "explain_only", "escalate"),
    "E": ("file_appeal", "resubmit_content", "expedite", "explain_only", "escalate"),
}
EXPLAIN = {
    "F": ("completed", "processing", "blocked", "can_refile"),
    "E": ("approved", "pending", "rule_broken"),
}

# ------------------------------------------------------------------------------- words

INTENT_ASKS: dict[str, tuple[str, ...]] = {
    "check_progress": (
        "where is it at now?",
        "is it done yet?",
        "has anything happened with it?",
        "can you tell me how far along it is?",
        "when can I expect it?",
        "when will it be finished?",
        "what's the status?",
        "any update on it?",
        "进度 how is it going?",
    ),
    "request_expedite": (
        "can you speed it up please?",
        "please push it, I really need it.",
        "can you hurry it along?",
        "pls prioritise it, 急!",
        "can someone make it faster?",
        "could you get the team to move it up the queue?",
        "I need it this week, can you rush it?",
        "麻烦 speed it up pls",
    ),
    "ask_rejection_reason": (
        "why was it rejected?",
        "which rule did it break?",
        "what was wrong with it, why did it get sent back?",
        "why did you turn it down?",
        "what reason did they give?",
        "can you tell me what the problem was?",
        "为什么 was it refused?",
    ),
    "contest_decision": (
        "this rejection is wrong, I want it reviewed again.",
        "that's unfair, please overturn it.",
        "I want to appeal, it did nothing wrong.",
        "the decision is a mistake, 申诉 please.",
        "I don't accept this, can it go to a second review?",
        "you got this wrong, I want someone to look again.",
    ),
    "ask_next_step": (
        "what should I do now?",
        "how do I get it through?",
        "what's the next step for me?",
        "what do I need to do to fix it?",
        "how can I sort this out?",
        "tell me what I should change.",
        "怎么办 now?",
    ),
}
"""How a merchant asks for each intent (the spec's intent guideline, one request each)."""

ASK_REFILE = (
    "can you file it again for me?",
    "please submit it again for me.",
    "just send it in again for me, ok?",
    "can you redo it on your side?",
)
"""Asking support to redo the record (the intent ask_next_step); for a balance request it
is ``asks_new_request``. The same words in both routes."""

GREETINGS = ("", "", "hi, ", "hello, ", "你好, ", "Hi there. ", "hey ", "亲, ", "ni hao, ",
             "Good afternoon. ")  # fmt: skip
CLOSERS = ("", "", " thanks", " 谢谢", " Thanks in advance.", " xie xie", " pls reply soon",
           " 急急急")  # fmt: skip
OPENINGS = ("I have a question about {ref}.", "it's about {ref}.", "need help with {ref}.",
            "can you check {ref}?", "writing about {ref}.", "quick question on {ref}.")  # fmt: skip
AGENT_ASKS = (
    "Sure, I can help. Which one do you mean, and what would you like to know?",
    "Thanks for reaching out! Could you tell me a bit more?",
    "Happy to look into it. What's the question?",
)


GENERIC_STATUS = ("I haven't heard anything", "nothing has come through yet",
                  "I'm not sure what happened to it", "no news at all", "I'm still waiting",
                  "it's been a while and I don't know where it stands")  # fmt: skip
"""What a merchant who has not followed the record's state says (either route)."""


def _typos(text: str, rng: random.Random) -> str:
    swaps = {"please": "pls", "you": "u", "the": "teh", "your": "ur", "really": "rly"}
    words = [swaps.get(w, w) if rng.random() < 0.12 else w for w in text.split(" ")]
    text = " ".join(words)
    return text.lower() if rng.random() < 0.25 else text


def _money(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


def _ago(rng: random.Random, days: int) -> str:
    if days <= 1:
        return "yesterday"
    if days <= 6:
        return rng.choice([f"{days} days ago", "earlier this week", "a few days ago"])
    if days <= 13:
        return rng.choice(["last week", f"{days} days ago", "over a week ago"])
    return rng.choice(["a few weeks ago", "weeks ago", "last month"])


# ------------------------------------------------------------------------------- world


def _date(today: str, days_back: int) -> str:
    return (date.fromisoformat(today) - timedelta(days=days_back)).isoformat()


def _back_for_business(rng: random.Random, today: str, lo: int, hi: int) -> int:
    """Calendar days back so that ``lo`` to ``hi`` business days have elapsed."""
    ks = [k for k in range(1, 40) if lo <= business_days_between(_date(today, k), today) <= hi]
    if ks:
        return rng.choice(ks)
    raise RuntimeError("no date")  # pragma: no cover


def _request(rng: random.Random, branch: str, rid: str, mid: str, today: str,
             acct: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """A balance request in the state a branch needs (the account is set by the caller)."""
    amount = float(rng.choice([150, 300, 500, 800, 1200, 2000, 3200, 4800, 6000]))
    if branch == "completed":
        k = rng.randint(3, 20)
        return wr(rid, mid, amount, "completed", _date(today, k),
                         decided=_date(today, max(0, k - 3)), at=(True, amount + 100, 0.0))  # fmt: skip
    if branch in ("processing", "expedite"):
        lo, hi = (0, 5) if branch == "processing" else (6, 14)
        if rng.random() < 0.4:
            lo = hi = 5 if branch == "processing" else 6  # on the threshold
        k = _back_for_business(rng, today, lo, hi)
        return wr(rid, mid, amount, "processing", _date(today, k), at=(True, amount + 50, 0.0))
    k_dec = (
        rng.choice([1, 3, 5, 7]) if branch == "file_appeal" else rng.choice([1, 2, 4, 8, 12, 20])
    )
    dec = _date(today, k_dec)
    sub = _date(today, k_dec + rng.randint(1, 6))
    if branch == "escalate":
        return wr(rid, mid, amount, "rejected", sub, decided=dec, reason="risk_hold",
                         at=(True, amount + 200, 0.0))  # fmt: skip
    reason = rng.choice(REASONS)
    if branch == "file_appeal":  # the checks at submission contradict the reason
        at = (True, amount + rng.choice([0, 50, 400]), 0.0)
    else:  # the checks agree with the reason (or the appeal window is gone: k_dec >= 8)
        wrong = k_dec >= 8 and rng.random() < 0.3
        at = {
            "bank_unverified": (wrong, amount + 100, 0.0),
            "exceeds_withdrawable": (True, amount + 10 if wrong else amount * 0.5, 0.0),
            "invoice_overdue": (True, amount + 100, 0.0 if wrong else 180.0),
        }[reason]
    return wr(rid, mid, amount, "rejected", sub, decided=dec, reason=reason, at=at)


def _order(rng: random.Random, branch: str, oid: str, mid: str, today: str,
           rules: list[dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    creator = rng.choice(CREATORS)
    title_t, kind = rng.choice(CONTENT)
    title = title_t.format(p=rng.choice(PRODUCTS))
    title = title[0].upper() + title[1:]
    fee = float(rng.choice([500, 800, 1200, 2000, 3500, 5000]))
    if branch == "approved":
        k = rng.randint(2, 15)
        return co(oid, mid, creator, fee, title, kind, "approved", _date(today, k),
                         decided=_date(today, max(0, k - 2)))  # fmt: skip
    if branch in ("pending", "expedite"):
        lo, hi = (0, 3) if branch == "pending" else (4, 12)
        if rng.random() < 0.4:
            lo = hi = 3 if branch == "pending" else 4
        k = _back_for_business(rng, today, lo, hi)
        return co(oid, mid, creator, fee, title, kind, "pending", _date(today, k),
                         resub=rng.choice([0, 0, 1]))  # fmt: skip
    rule = rng.choice(rules)
    flag = {"partnership_label": "no_label", "medical_claim": "medical",
            "absolute_claim": "absolute", "licensed_music": "unlicensed",
            "competitor_brand": "competitor"}[rule["check"]]  # fmt: skip
    status = rng.choice(["first_round_rejected", "needs_revision"])
    k_dec = rng.choice([1, 2, 4, 6, 7]) if branch == "file_appeal" else rng.choice([1, 3, 5, 9, 15])
    broken = branch != "file_appeal"
    resub, draft = rng.choice([0, 1]), None
    if branch == "resubmit_content":
        draft = f"D-{rng.randint(1000, 9999)}"
    elif branch == "escalate":
        resub = 2
        if rng.random() < 0.6:
            draft = f"D-{rng.randint(1000, 9999)}"
        else:  # the checks show the rule is not broken, the appeal window gone
            broken, k_dec = False, rng.choice([8, 10, 14])
    elif branch == "rule_broken":
        resub = rng.choice([0, 1, 2])
    return co(oid, mid, creator, fee, title, kind, status, _date(today, k_dec + 3),
                     flags=(flag,) if broken else (), rule=rule["rule_id"],
                     note=f"Breaks {rule['title'].lower()}.", decided=_date(today, k_dec),
                     resub=resub, draft=draft)  # fmt: skip


def _account(rng: random.Random, branch: str, mid: str, amount: float) -> dict[str, Any]:
    """The merchant's account now: what blocks (or does not block) a new request."""
    balance = round(amount + rng.choice([0, 120, 500, 2000]), 2)
    if branch == "blocked":
        block = rng.choice(["bank", "invoice", "minimum"])
        if block == "bank":
            return acct(mid, rng.choice(SHOPS), balance, bank=False)
        if block == "invoice":
            return acct(mid, rng.choice(SHOPS), balance,
                               invoices=float(rng.choice([85, 240, 560])))  # fmt: skip
        w = float(rng.choice([0, 40, 99, 99.5]))
        frozen = fz(round(balance - w, 2), rng.choice(["pending_ad_charges", "collab_escrow"]))
        return acct(mid, rng.choice(SHOPS), balance, frozen)
    if rng.random() < 0.3:  # some money frozen, still at least 100 withdrawable
        hold = round(balance * rng.uniform(0.1, 0.5), 2)
        if balance - hold >= 100:
            return acct(mid, rng.choice(SHOPS), balance, fz(hold, "collab_escrow"))
    return acct(mid, rng.choice(SHOPS), max(balance, 100.0))


# ------------------------------------------------------------------------------- reply


def _point_sentence(p: Any, gold: Any, noun: str) -> str:
    """One sentence that states a policy reply point, in its own words."""
    note, ph = p.note, (p.any[0] if p.any else "")
    f = p.figure
    fig = _money(f) if f is not None else ""
    rules = [
        (r"business days left", f"It is still within its window: {fig} {ph}s left."
         if ph in ("business day", "working day") else f"It is within its window, {fig} {ph} left."),
        (r"nothing is changed", "Nothing needs doing yet, so I haven't changed anything."),
        (r"business days have passed", f"It has been {fig} business days."),
        (r"was expedited", f"I've asked the team to expedite your {noun}."),
        (r"7-day appeal window", "The 7-day appeal window has closed, so an appeal is no longer possible."),
        (r"window has passed$", "That is past the usual window."),
        (r"request is completed", "The request was completed and paid out."),
        (r"its amount", f"The {fig} yuan refund was sent to your bank account."),
        (r"risk review", "It was held by a risk review."),
        (r"specialist takes", "I've escalated it to a specialist, who will contact you."),
        (r"^the reason, ", {
            "bank_unverified": "It was rejected because the bank account was not verified.",
            "exceeds_withdrawable": "It was rejected because the amount was more than the withdrawable balance.",
            "invoice_overdue": "It was rejected because of an overdue invoice.",
        }.get(note.split(", ", 1)[-1], "")),
        (r"appeal was filed", "I've filed an appeal for you."),
        (r"rejection was an error", "The records show the rejection was a mistake."),
        (r"bank account must be verified", "Please verify your bank account first; a new request can follow after that."),
        (r"^the overdue invoice", f"There is an overdue invoice of {fig} yuan on the account."),
        (r"invoice must be paid", "Please pay the invoice first."),
        (r"withdrawable, under", f"Only {fig} yuan is withdrawable right now."),
        (r"under the 100-yuan minimum", "That is under the 100-yuan minimum for a request."),
        (r"new request's amount", f"The new request is for {fig} yuan."),
        (r"new request was submitted", "I've submitted a new request for you."),
        (r"can be withdrawn now", f"{fig} yuan is withdrawable now."),
        (r"new request can be made", "You can submit a new request whenever you like."),
        (r"content is approved", "The content is approved."),
        (r"^names the rule cited", f"The reviewer cited {ph}."),
        (r"both resubmissions are used", f"Both resubmissions are used: {fig} of {fig} {ph}."
         if ph in ("resubmissions", "attempts", "times") else f"Both of the {fig} resubmissions are used."),
        (r"creator fixes the content", "The creator needs to fix the content and upload a revised draft."),
        (r"draft was resubmitted", "I've resubmitted the revised draft, so it's back in review."),
        (r"resubmission\(s\) left", f"You have {fig} resubmission left." if fig == "1"
         else f"You have {fig} resubmissions left."),
    ]  # fmt: skip
    for pattern, sentence in rules:
        if re.search(pattern, note):
            return sentence
    raise KeyError(f"no sentence for the point {note!r}")  # pragma: no cover


def _reply(rng: random.Random, gold: Any, route: str) -> str:
    noun = "request" if route == "F" else "review"
    body = " ".join(_point_sentence(p, gold, noun) for p in gold.points)
    opening = rng.choice(
        ["Thanks for your patience! ", "I've checked it for you. ", "Happy to help. ", ""]
    )
    closing = rng.choice(["", " Let me know if you need anything else.", " Have a good day!"])
    return opening + body + closing


# ------------------------------------------------------------------------------- cases


def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new merchant_account case (the library sets its id and split).

    Args:
        rng: The case's random source.
        base: The shared world data (``world.json``), a copy.

    Returns:
        A raw case, its gold filled in by ``author.build`` (the policy).
    """
    route = rng.choice(["E", "F"])
    # explain_only 1.6 times as often as each change (about 29%; 32% in the test split)
    decision = rng.choices(
        DECISIONS[route], [1.6 if d == "explain_only" else 1.0 for d in DECISIONS[route]]
    )[0]
    branch = rng.choice(EXPLAIN[route]) if decision == "explain_only" else decision
    for _ in range(40):
        raw = _draw(rng, base, route, decision, branch)
        if raw is not None:
            return raw
    raise RuntimeError(f"no world for {route}/{branch}")  # pragma: no cover


def _draw(rng: random.Random, base: dict[str, Any], route: str, decision: str,
          branch: str) -> dict[str, Any] | None:  # fmt: skip
    today = base["today"]
    mid = f"M-{rng.randint(1000, 9999)}"
    n = rng.sample(range(1000, 10000), 3)
    rid = f"{'WR' if route == 'F' else 'CO'}-{n[0]}"
    records: list[dict[str, Any]] = []
    if route == "F":
        target = _request(rng, branch, rid, mid, today, {})
        acct_branch = "blocked" if branch == "blocked" else "free"
        account = _account(rng, acct_branch, mid, target["amount"])
        if branch == "submit_refund_request":
            asks = True
        elif branch == "can_refile":
            asks = False
        else:  # the policy does not read it here: asked in some cases of every kind
            asks = rng.random() < 0.3
    else:
        target = _order(rng, branch, rid, mid, today, base["review_rules"])
        account = _account(rng, "free", mid, 500.0)
        asks = False
    records.append(target)
    # A record of the other kind, done (its question answered): what the merchant sets
    # aside beside the request, in the same words other cases ask with.
    if route == "F":
        aside = _order(rng, "approved", f"CO-{n[1]}", mid, today, base["review_rules"])
    else:
        aside = _request(rng, "completed", f"WR-{n[1]}", mid, today, {})
    records.append(aside)
    if rng.random() < 0.4:
        kind = rng.choice(["F", "E"])
        if kind == "F":
            records.append(_request(rng, rng.choice(["completed", "processing"]), f"WR-{n[2]}",
                                    mid, today, {}))  # fmt: skip
        else:
            records.append(_order(rng, rng.choice(["approved", "pending"]), f"CO-{n[2]}", mid,
                                  today, base["review_rules"]))  # fmt: skip
    rng.shuffle(records)
    from ecomstage_env.world.base import merge_patch

    patch = {
        "merchants": [account],
        "balance_requests": [r for r in records if "request_id" in r],
        "collab_orders": [r for r in records if "order_id" in r],
    }
    state = AccountState.model_validate(merge_patch(base, patch))
    refs: dict[str, Any] = {"merchant_id": mid, "record_id": rid}
    if route == "F":
        refs["asks_new_request"] = asks
    gold = decide(state, refs)
    if gold.decision != decision:
        return None
    intents, dialogue = _dialogue(rng, route, branch, target, asks, aside)
    draft = {
        "merchant_id": mid,
        "ref": rid,
        "patch": patch,
        "dialogue": dialogue,
        "intents": intents,
        "route": route,
        "reply": _reply(rng, gold, route),
        "notes": f"generated: route {route} (the record is a "
        f"{'balance refund request' if route == 'F' else 'collaboration order'}); "
        f"intents {', '.join(intents)} from the asks drawn; branch {branch}.",
        "asks": asks,
    }
    raw = author.build(draft, base)
    if not raw["grading"]["action.reply"]["points"]:
        return None  # the merchant's words state every reply point: draw again
    raw["annotation"]["annotators"] = ["generator (rules, not people)"]
    raw.pop("split", None)
    return raw


OPEN = ("processing", "expedite", "pending", "completed", "approved")
"""Branches whose record is open or done (not rejected)."""


def _intents(rng: random.Random, branch: str, asks: bool) -> list[str]:
    """What the merchant asks: mostly what the record's state invites, sometimes not.

    A merchant who has not noticed a rejection asks for progress; one who assumes a
    rejection asks why. The labels follow the words drawn, not the world.
    """
    pool = ["check_progress", "request_expedite", "ask_rejection_reason", "contest_decision",
            "ask_next_step"]  # fmt: skip
    natural = pool[:2] if branch in OPEN else pool[2:]
    weights = [3 if i in natural else 1 for i in pool]
    picked: list[str] = []
    for _ in range(rng.choice([1, 1, 2])):
        i = rng.choices(pool, weights)[0]
        if i not in picked:
            picked.append(i)
    if asks and "ask_next_step" not in picked:
        picked.append("ask_next_step")
    return sorted(picked)


def _ref(rng: random.Random, record: dict[str, Any]) -> str:
    """How a merchant names a record: by amount or date, creator or content; never its id."""
    if "request_id" in record:
        days = (date.fromisoformat(TODAY) - date.fromisoformat(record["submitted"])).days
        return rng.choice([
            f"my balance refund of {_money(record['amount'])} yuan",
            f"the 提现 I asked for {_ago(rng, days)}",
            f"my withdrawal request for {_money(record['amount'])}",
            f"the refund of my ad wallet to the bank from {_ago(rng, days)}",
            f"the {_money(record['amount'])} I wanted back from my balance",
            f"my 余额 refund from {_ago(rng, days)}",
            f"the money I asked to take out of my account {_ago(rng, days)}",
        ])  # fmt: skip
    return rng.choice([
        f"the {record['content_type']} {record['creator']} made for us",
        f"our collab order with {record['creator']}",
        f"the {record['content_title'].lower()} by {record['creator']}",
        f"the 达人 content from {record['creator']}",
        f"the creator booking with {record['creator']}",
        f"{record['creator']}'s {record['content_type']} for our shop",
    ])  # fmt: skip


ASIDES = (
    " {other} is fine, that's not my question.",
    " (I'm not asking about {other}, that one is done.)",
    " {other} went through ok.",
    " never mind {other}, you answered that already.",
    " {other} was sorted last time, thanks for that.",
    " forget about {other}, that's all good.",
    " btw {other} is ok now.",
)
"""How a merchant sets another record aside (the route guideline: it does not decide)."""

STATUS = {
    "rejected": "it got sent back", "processing": "it's still not done",
    "completed": "I can't see it", "first_round_rejected": "it got rejected",
    "needs_revision": "it got sent back", "pending": "it's still not done",
    "approved": "I can't see it",
}  # fmt: skip
"""What a merchant who follows the record says of its state (the same words either route)."""

TODAY = "2026-11-30"


def _dialogue(rng: random.Random, route: str, branch: str, target: dict[str, Any], asks: bool,
              aside: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:  # fmt: skip
    intents = _intents(rng, branch, asks)
    ref = _ref(rng, target)
    status = STATUS[target.get("status") or target["review_status"]]
    if rng.random() < 0.4:
        status = rng.choice(GENERIC_STATUS)
    context = rng.choice(ASIDES).format(other=_ref(rng, aside)) if rng.random() < 0.97 else ""
    asks_text = []
    for intent in intents:
        if intent == "ask_next_step" and (asks or (route == "E" and rng.random() < 0.6)):
            asks_text.append(rng.choice(ASK_REFILE))
        else:
            asks_text.append(rng.choice(INTENT_ASKS[intent]))
    ask = " ".join(asks_text)
    turns: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        lead = rng.choice(["about {ref}: ", "re {ref} - ", "{Ref}: ", "so {ref}... "]).format(
            ref=ref, Ref=ref[0].upper() + ref[1:]
        )
        text = f"{rng.choice(GREETINGS)}{lead}{status}.{context} {ask}{rng.choice(CLOSERS)}"
        turns.append(("merchant", _typos(text, rng)))
    else:
        first = rng.choice(GREETINGS) + rng.choice(OPENINGS).format(ref=ref)
        turns.append(("merchant", _typos(first, rng)))
        turns.append(("agent", rng.choice(AGENT_ASKS)))
        text = f"{status[0].upper() + status[1:]}.{context} {ask}{rng.choice(CLOSERS)}"
        turns.append(("merchant", _typos(text, rng)))
    return intents, turns

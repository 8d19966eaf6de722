"""The support policy of ``merchant_account``: the rules that decide every case's gold.

:func:`decide` applies the policy to the record a case is about (a balance refund request
``WR-...``, route F, or a collaboration order ``CO-...``, route E) and derives, from the
world alone, the decision, the facts the decision needs, a set of lookups that reveals
them, the writes that carry it out, and the facts the reply must state. :func:`check_case`
compares an annotated case with it; the validator runs it on every case.

Balance refund request (first match wins; thresholds in KB-A1..A3, A6, A9):

1. completed -> ``explain_only`` (it was paid out);
2. processing, at most 5 business days elapsed -> ``explain_only`` (days left);
3. processing, more than 5 -> ``expedite``;
4. rejected for ``risk_hold`` -> ``escalate``;
5. rejected, the checks recorded at submission contradict the reason, at most 7 days
   since the decision -> ``file_appeal``;
6. rejected, something still blocks a new request (bank account not verified, an
   overdue invoice, under 100 yuan withdrawable) -> ``explain_only`` (the blocker);
7. rejected, nothing blocks, the merchant asks for a new request ->
   ``submit_refund_request`` for the lower of the old amount and the withdrawable one;
8. otherwise -> ``explain_only`` (a new request can be made; the withdrawable amount).

Collaboration order (KB-A4..A6, A9):

1. approved -> ``explain_only``;
2. pending, at most 3 business days since (re)submission -> ``explain_only`` (days left);
3. pending, more than 3 -> ``expedite``;
4. rejected or needs revision, the content checks show the cited rule is not broken,
   at most 7 days since the decision -> ``file_appeal``;
5. both resubmissions used, and a revised draft uploaded or the checks show the rule is
   not broken (the appeal window gone) -> ``escalate`` (only a specialist can act);
6. a revised draft uploaded -> ``resubmit_content``;
7. otherwise -> ``explain_only`` (the rule broken, the resubmissions left: none once both
   are used, when a specialist reviews the next fix once it is uploaded).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems, writes_act
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points

from .world import (
    APPEAL_WINDOW_DAYS,
    PROCESSING_WINDOW,
    RESUBMISSION_LIMIT,
    REVIEW_WINDOW,
    AccountState,
    AccountWorld,
    business_days_between,
)

__all__ = [
    "CLAIM_KINDS",
    "DECISIONS",
    "MENUS",
    "PolicyGold",
    "act",
    "acted_writes",
    "check_case",
    "decide",
    "false_claims",
    "reply_points",
]

DECISIONS: dict[str, str] = {
    "submit_refund_request": "File a new balance refund request.",
    "file_appeal": "File an appeal against the rejection.",
    "resubmit_content": "Resubmit the revised collab content.",
    "expedite": "Ask the team to expedite the case.",
    "explain_only": "Explain the status and change nothing.",
    "escalate": "Escalate the case to a specialist.",
}
"""The decision catalogue: one neutral, length-matched line per policy code (the spec
repeats it as the field's catalogue)."""

MENUS: tuple[tuple[str, ...], ...] = (
    ("file_appeal", "resubmit_content", "expedite", "explain_only", "escalate"),
    ("file_appeal", "submit_refund_request", "expedite", "explain_only", "escalate"),
)
"""The menus a case shows: the collaboration menu (E) and the balance menu (F). Every
member of a menu is the gold of about as many cases of its route, so the menu tells the
route (already decided at Planning), not the answer."""

CLAIM_KINDS = ("submit", "appeal", "resubmit", "expedite", "escalate")
"""The changes a reply can claim support made; their phrasings are the reply field's
``claims`` in ``spec.toml``. A reply claiming one the policy did not make scores 0."""

_ACTION_OF = {
    "submit_refund_request": "submit",
    "file_appeal": "appeal",
    "resubmit_content": "resubmit",
    "expedite": "expedite",
    "escalate": "escalate",
}

_DAYS = ["business day", "business days", "working day", "working days", "day", "days"]
_EXPEDITED = ["expedited", "expedite", "prioritised", "prioritized", "urgent", "speed"]
_SPECIALIST = ["specialist", "escalated", "escalate", "ticket"]
_NOTHING = [
    "no change",
    "nothing changed",
    "nothing to change",
    "not changed",
    "haven't changed",
    "have not changed",
    "left unchanged",
    "unchanged",
    "no action",
    "nothing needs doing",
    "just wait",
    "only need to wait",
    "needs to wait",
]
_APPEAL = ["appeal", "appealed", "second reviewer", "second review"]
_OVERDUE = ["past", "over the", "beyond", "longer than", "overdue", "more than", "double"]
_ERROR = ["mistake", "error", "wrong", "incorrect", "in error"]
_PAY = [
    "pay the invoice",
    "pay it",
    "pay the overdue",
    "settle",
    "settled",
    "paid",
    "clear the invoice",
]
_UNDER_MIN = ["minimum", "at least 100", "below 100", "under 100", "less than 100"]
_AGAIN = [
    "new request",
    "submit again",
    "submit a new",
    "file again",
    "request again",
    "apply again",
    "resubmit",
]
_FIX = [
    "fix",
    "fixed",
    "revise",
    "revised",
    "edit",
    "re-edit",
    "correct",
    "upload a revised",
    "new draft",
    "revised draft",
]


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case.

    Attributes:
        decision: A code of :data:`DECISIONS`.
        why: The rule that fired, in words.
        facts: Facts the decision needs (graded by ``facts_revealed``).
        lookups: One set of calls that reveals them, in order (the oracle's plan).
        writes: Calls that carry the decision out (:func:`acted_writes` of it).
        accept: Accepted range per outcome key where the policy allows one.
        points: Facts the reply must state, checkable against the world.
        false_claims: Kinds of change the reply must not claim.
    """

    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall] = field(default_factory=list)
    accept: dict[str, tuple[float, float]] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)


def false_claims(decision: str) -> list[str]:
    """The kinds of change (:data:`CLAIM_KINDS`) a reply must not claim: all but its own."""
    own = _ACTION_OF.get(decision)
    return [kind for kind in CLAIM_KINDS if kind != own]


def _open_record(
    rid: str,
    submitted: str,
    today: str,
    window: int,
    words: tuple[str, str, str, str],
    facts: list[str],
    get: ToolCall,
) -> PolicyGold:
    """A request or review still open: explain within its window, expedite past it.

    ``words``: how the gold's reason and points name the state ("processing", "processing
    for"), the record ("request") and its window ("processing window").
    """
    state, state_for, noun, window_name = words
    elapsed = business_days_between(submitted, today)
    if elapsed <= window:
        left = window - elapsed
        return PolicyGold(
            "explain_only",
            f"{state}, {elapsed} of {window} business days elapsed",
            facts,
            [get],
            points=[
                Point(any=_DAYS, figure=left, note=f"{left} business days left in the window"),
                Point(any=_NOTHING, note="nothing is changed; it is within its window"),
            ],
        )
    return PolicyGold(
        "expedite",
        f"{state_for} {elapsed} business days, over the {window}-day window",
        facts,
        [get],
        points=[
            Point(any=_DAYS, figure=elapsed, note=f"{elapsed} business days have passed"),
            Point(any=_EXPEDITED, note=f"the {noun} was expedited"),
            Point(any=_OVERDUE, note=f"the {window_name} has passed"),
        ],
    )


def decide(state: AccountState, refs: dict[str, Any]) -> PolicyGold:
    """Apply the support policy to the record a case is about.

    Args:
        state: The case's world.
        refs: The case's ``world_refs``: ``merchant_id``, ``record_id`` and
            ``asks_new_request`` (whether the merchant asks support to file a new balance
            refund request).

    Returns:
        The policy's gold.

    Raises:
        ToolError: The record or the merchant is not in the world.
    """
    rid = str(refs["record_id"])
    world = AccountWorld(state, refs=refs)
    gold = _decide_request(world, refs) if rid.startswith("WR-") else _decide_order(world, rid)
    return replace(
        gold,
        writes=acted_writes(state, refs, gold.decision),
        false_claims=false_claims(gold.decision),
    )


def _decide_request(world: AccountWorld, refs: dict[str, Any]) -> PolicyGold:
    rid = str(refs["record_id"])
    r = world.request(rid)
    m = world.merchant()
    mid = m.merchant_id
    get = ToolCall(name="get_balance_request", arguments={"request_id": rid})
    account = ToolCall(name="get_account", arguments={"merchant_id": mid})
    details = [f"{rid}:status", f"{rid}:details"]
    today = world.state.today
    if r.status == "completed":
        return PolicyGold(
            "explain_only",
            "the request was completed",
            [f"{rid}:status"],
            [get],
            points=[
                Point(
                    any=["completed", "paid out", "was paid", "has been paid", "sent to your bank"],
                    note="the request is completed",
                ),
                Point(any=["yuan", "refund", "request"], figure=r.amount, note="its amount"),
            ],
        )
    if r.status == "processing":
        state = ("processing", "processing for", "request", "processing window")
        return _open_record(rid, r.submitted, today, PROCESSING_WINDOW, state, details, get)
    reason = r.rejection_reason
    if reason == "risk_hold":
        return PolicyGold(
            "escalate",
            "rejected under a risk review",
            details,
            [get],
            points=[
                Point(
                    any=["risk review", "risk check", "risk hold", "risk"],
                    anchor=True,
                    note="the reason: a risk review",
                ),
                Point(any=_SPECIALIST, note="a specialist takes the case"),
            ],
        )
    since = (
        (_date(today) - _date(r.decided)).days if r.decided is not None else APPEAL_WINDOW_DAYS + 1
    )
    wrong = world.wrongly_rejected(r)
    reason_point = Point(
        any=_REASON_PHRASES[str(reason)], anchor=True, note=f"the reason, {reason}"
    )
    if wrong and since <= APPEAL_WINDOW_DAYS:
        return PolicyGold(
            "file_appeal",
            f"rejected for {reason}, but the checks at submission say otherwise; day {since}",
            details,
            [get],
            points=[
                reason_point,
                Point(any=_APPEAL, note="an appeal was filed"),
                Point(any=_ERROR, note="the rejection was an error"),
            ],
        )
    blockers = world.blockers(m)
    facts = [*details, f"{mid}:account"]
    plan = [get, account]
    w = world.withdrawable(m)
    late = (
        [Point(any=_APPEAL, figure=APPEAL_WINDOW_DAYS, note="the 7-day appeal window has passed")]
        if wrong
        else []
    )
    if blockers:
        first = blockers[0]
        extra: list[Point] = []
        if first == "bank_unverified":
            p = Point(
                any=[
                    "verify your bank",
                    "verify the bank",
                    "bank verification",
                    "verify it",
                    "get it verified",
                    "verify your account",
                    "verification",
                ],
                note="the bank account must be verified first",
            )
        elif first == "invoice_overdue":
            p = Point(any=["invoice"], figure=m.overdue_invoices, note="the overdue invoice")
            extra = [Point(any=_PAY, note="the invoice must be paid first")]
        else:
            p = Point(
                any=["withdrawable", "withdraw", "available"],
                figure=w,
                note=f"only {w:.2f} withdrawable, under the 100 minimum",
            )
            extra = [Point(any=_UNDER_MIN, note="that is under the 100-yuan minimum")]
        return PolicyGold(
            "explain_only",
            f"rejected for {reason}; a new request is still blocked by {first}",
            facts,
            plan,
            points=[p, *extra, *late],
        )
    new = round(min(r.amount, w), 2)
    if refs.get("asks_new_request"):
        return PolicyGold(
            "submit_refund_request",
            f"rejected for {reason}; nothing blocks now and the merchant asks: {new:.2f}",
            facts,
            plan,
            points=[
                Point(
                    any=["request", "yuan", "withdraw", "refund"],
                    figure=new,
                    note=f"the new request's amount, {new:.2f}",
                ),
                Point(
                    any=["new request", "submitted", "filed", "lodged"],
                    note="a new request was submitted",
                ),
                *late,
            ],
        )
    return PolicyGold(
        "explain_only",
        f"rejected for {reason}; nothing blocks now but the merchant has not asked to refile",
        facts,
        plan,
        points=[
            Point(
                any=["withdrawable", "withdraw", "available", "can request"],
                figure=w,
                note=f"{w:.2f} can be withdrawn now",
            ),
            Point(any=_AGAIN, note="a new request can be made now"),
            *late,
        ],
    )


_REASON_PHRASES: dict[str, list[str]] = {
    "bank_unverified": ["bank account", "not verified", "unverified", "verification"],
    "exceeds_withdrawable": ["withdrawable", "more than", "exceeded", "above", "frozen"],
    "invoice_overdue": ["invoice"],
    "risk_hold": ["risk"],
}


def _date(text: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(str(text))


def _decide_order(world: AccountWorld, oid: str) -> PolicyGold:
    o = world.order(oid)
    get = ToolCall(name="get_collab_order", arguments={"order_id": oid})
    facts = [f"{oid}:status", f"{oid}:details"]
    today = world.state.today
    if o.review_status == "approved":
        return PolicyGold(
            "explain_only",
            "the content was approved",
            [f"{oid}:status"],
            [get],
            points=[Point(any=["approved", "passed"], note="the content is approved")],
        )
    if o.review_status == "pending":
        state = ("in review", "in review for", "review", "review window")
        return _open_record(oid, o.submitted, today, REVIEW_WINDOW, state, facts, get)
    rule = world.rule(o.rule_id)
    named = Point(any=rule.phrases, anchor=True, note=f"names the rule cited: {rule.title}")
    since = (_date(today) - _date(o.decided)).days if o.decided else APPEAL_WINDOW_DAYS + 1
    wrong = not world.rule_broken(o)
    if wrong and since <= APPEAL_WINDOW_DAYS:
        return PolicyGold(
            "file_appeal",
            f"cites {rule.rule_id} but the checks show it is not broken; day {since}",
            facts,
            [get],
            points=[
                named,
                Point(any=_APPEAL, note="an appeal was filed"),
                Point(any=_ERROR, note="the rejection was an error"),
            ],
        )
    late = (
        [Point(any=_APPEAL, figure=APPEAL_WINDOW_DAYS, note="the 7-day appeal window has passed")]
        if wrong
        else []
    )
    left = RESUBMISSION_LIMIT - o.resubmissions
    if left <= 0 and o.revised_draft is None and not wrong:
        return PolicyGold(
            "explain_only",
            f"both resubmissions used ({o.resubmissions}/{RESUBMISSION_LIMIT}), no revised draft yet",
            facts,
            [get],
            points=[
                named,
                Point(
                    any=["resubmission", "resubmissions", "resubmit", "times", "attempts"],
                    figure=RESUBMISSION_LIMIT,
                    note="both resubmissions are used",
                ),
                Point(any=_FIX, note="the creator fixes the content and uploads a revised draft"),
                *late,
            ],
        )
    if left <= 0:
        return PolicyGold(
            "escalate",
            f"both resubmissions used ({o.resubmissions}/{RESUBMISSION_LIMIT}), a revised draft waits",
            facts,
            [get],
            points=[
                Point(
                    any=["resubmission", "resubmissions", "resubmit", "times", "attempts"],
                    figure=RESUBMISSION_LIMIT,
                    note="both resubmissions are used",
                ),
                Point(any=_SPECIALIST, note="a specialist takes the case"),
                *late,
            ],
        )
    if o.revised_draft is not None:
        return PolicyGold(
            "resubmit_content",
            f"revised draft {o.revised_draft} uploaded, {left} resubmission(s) left",
            facts,
            [get],
            points=[
                named,
                Point(
                    any=[
                        "resubmitted",
                        "sent back",
                        "back to review",
                        "back for review",
                        "back into review",
                    ],
                    note="the revised draft was resubmitted",
                ),
                *late,
            ],
        )
    return PolicyGold(
        "explain_only",
        f"rule {rule.rule_id} broken, no revised draft yet, {left} resubmission(s) left",
        facts,
        [get],
        points=[
            named,
            Point(
                any=[
                    "resubmission",
                    "resubmissions",
                    "resubmit",
                    "more time",
                    "more times",
                    "attempt",
                    "attempts",
                    "chance",
                    "chances",
                ],
                figure=left,
                note=f"{left} resubmission(s) left",
            ),
            Point(any=_FIX, note="the creator fixes the content and uploads a revised draft"),
            *late,
        ],
    )


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's reply points a case must carry: those the user's words do not meet."""
    if not gold.points:
        return []
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    return [p for p in gold.points if p not in echoed]


def check_case(world: AccountWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Args:
        world: The case's world.
        case: A merchant_account case.

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
    except (KeyError, ToolError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems = policy_gold_problems(
        case, gold, reply_points(gold, case), accept=gold.accept, menus=MENUS
    )
    route = "F" if str(refs.get("record_id", "")).startswith("WR-") else "E"
    if case.gold.get(Stage.PLANNING, {}).get("route") != route:
        problems.append(f"gold.planning.route should be {route} for {refs.get('record_id')}")
    entities = case.gold.get(Stage.PERCEPTION, {}).get("entities", {})
    if entities.get("record_id") != refs.get("record_id"):
        problems.append("gold.perception.entities.record_id differs from world_refs.record_id")
    return problems


# -- a decision acted out (the shortcut audit's ``acted_*`` strategies) ----------------------
def acted_writes(state: AccountState, refs: dict[str, Any], kind: str) -> list[ToolCall]:
    """The writes that carry out decision ``kind`` for the record a case is about.

    The calls :func:`decide` makes for that decision, whatever the record's state:
    expedite it, escalate it or appeal it with the summary and reason the policy writes
    for its kind of record, file a new balance refund request for the lower of the old
    amount and the withdrawable one (a balance request only), resubmit the revised draft
    (a collaboration order that has one); ``explain_only`` writes nothing. The one
    coding of the write rules: :func:`decide` writes these for its own decision; the
    shortcut audit plays them for another (:data:`act`), the same act for the wrong
    decision.

    Raises:
        ToolError: The record or the merchant is not in the world.
    """
    rid = str(refs["record_id"])
    world = AccountWorld(state, refs=refs)
    request = rid.startswith("WR-")
    if kind == "expedite":
        return [ToolCall(name="expedite", arguments={"record_id": rid})]
    if kind == "escalate":
        summary = "Balance refund held by risk review." if request else "Both resubmissions used."
        args = {"record_id": rid, "summary": summary}
        return [ToolCall(name="escalate_to_specialist", arguments=args)]
    if kind == "file_appeal":
        why = (
            "The recorded checks contradict it." if request else "The content checks contradict it."
        )
        return [ToolCall(name="file_appeal", arguments={"record_id": rid, "reason": why})]
    if kind == "submit_refund_request" and request:
        new = round(min(world.request(rid).amount, world.withdrawable(world.merchant())), 2)
        return [ToolCall(name="submit_balance_refund", arguments={"amount": new})]
    if kind == "resubmit_content" and not request:
        draft = world.order(rid).revised_draft
        if draft is not None:
            args = {"order_id": rid, "draft_id": draft}
            return [ToolCall(name="resubmit_content", arguments=args)]
    return []


act = writes_act(acted_writes)
"""The hook of the ``acts`` key: decision ``label`` acted out by :func:`acted_writes`."""

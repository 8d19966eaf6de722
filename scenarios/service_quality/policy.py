"""The service-quality policy of ``service_quality``: the rules that decide every case's gold.

:func:`decide` applies the written policy (help-centre articles KB-01..KB-07) to one case's
world and the writer's judgements of the chat, and derives the rules the chat touched,
the governing rule, the facts the decision needs (what the Planning lookups must reveal),
a set of calls that reveals them, the enforcement and the write that records it, and
the facts the note to the shop must state. :func:`check_case` compares an annotated case
with it; the validator runs it on every case, and the oracle replaying the gold must
score 1.0.

What people judge and what code decides. The case's ``world_refs`` carry the writer's
judgements of the chat's words, made by the spec's written decision lists:
``judged`` (any of ``privacy``, ``off_platform``, ``misleading_info``, ``rude_language``;
``misleading_info`` is the writer's comparison of a shop's stated fact with the order
record, so the Planning lookups must reveal the order whenever it is judged),
``return_refused`` (the shop refused or stalled a return or refund the shopper asked for)
and ``escalation`` (a KB-05 reason, or empty). The code then decides:

* ``refused_return`` is touched when the shop refused AND the return policy (KB-04) grants
  the return: the order is unshipped, or delivered at most 7 days before the chat and
  neither custom-made nor perishable;
* ``slow_response`` is touched when a wait is over its limit (first message 3 minutes,
  later ones 10) and does not overlap a logged console outage that day (KB-02);
* the governing rule is the most severe touched, in the order SQ-1 .. SQ-6 (KB-01);
* the enforcement, first match wins (KB-03): escalation reason -> ``escalate``; nothing
  touched -> ``none``; severe governing rule -> ``penalize``; 2 or more warnings and
  penalties in the 90 days before the chat -> ``penalize``; an entry of the same rule in
  those 90 days -> ``warn``; otherwise ``coach``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems, writes_act
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points

from .world import Chat, ServiceState, ServiceWorld, minutes

__all__ = [
    "CATEGORIES",
    "CLAIM_KINDS",
    "DECISIONS",
    "FIRST_LIMIT",
    "JUDGED",
    "LATER_LIMIT",
    "MENUS",
    "RETURN_DAYS",
    "SEVERITY",
    "WINDOW_DAYS",
    "PolicyGold",
    "act",
    "acted_writes",
    "breaches",
    "check_case",
    "compact_phrases",
    "decide",
    "false_claims",
    "reply_points",
    "return_granted",
    "strikes",
]

DECISIONS: dict[str, str] = {
    "none": "Record no enforcement.",
    "coach": "Send a coaching note.",
    "warn": "Issue a formal warning.",
    "penalize": "Apply a service penalty.",
    "escalate": "Escalate to a senior inspector.",
}
"""The decision catalogue: one neutral, length-matched line per policy code (the spec
repeats it as the field's catalogue)."""

MENUS: tuple[tuple[str, ...], ...] = (("none", "coach", "warn", "penalize", "escalate"),)
"""Every case shows the whole ladder, in an order drawn from its id: the menu carries
nothing about the answer."""

SEVERITY: dict[str, str] = {
    "privacy": "SQ-1",
    "off_platform": "SQ-2",
    "refused_return": "SQ-3",
    "misleading_info": "SQ-4",
    "rude_language": "SQ-5",
    "slow_response": "SQ-6",
}
"""Category -> rule id, most severe first (KB-01)."""

CATEGORIES = (*SEVERITY, "none")
"""The label space of ``perception.rules_touched``."""

JUDGED = frozenset({"privacy", "off_platform", "misleading_info", "rude_language"})
"""Categories decided by the writer's reading of the chat (the spec's decision list)."""

SEVERE = frozenset({"SQ-1", "SQ-2"})
FIRST_LIMIT, LATER_LIMIT = 3, 10
WINDOW_DAYS = 90
RETURN_DAYS = 7
ESCALATION_REASONS = frozenset({"self_harm", "legal_action", "counterfeit_or_fraud"})

CLAIM_KINDS = ("warn", "penalize", "escalate")
"""Enforcements a note can claim; their phrasings are the reply field's ``claims`` in
``spec.toml``. A note that claims one the policy did not take scores 0."""

_ADVICE: dict[str, tuple[str, list[str]]] = {
    "SQ-1": (
        "ask only for what the order needs and keep buyers' data private",
        [
            "only what the order needs",
            "only the data the order needs",
            "never ask for",
            "do not ask for",
            "don't ask for",
            "keep buyers' data private",
            "keep personal data private",
            "never share",
            "do not share",
            "don't share",
            "never reveal",
        ],
    ),
    "SQ-2": (
        "keep payment and talk on the platform",
        [
            "on the platform",
            "on-platform",
            "platform chat",
            "platform checkout",
            "through the platform",
            "within the platform",
        ],
    ),
    "SQ-3": (
        "accept the return or refund the policy grants",
        [
            "accept the return",
            "accept returns",
            "accept the refund",
            "grant the return",
            "grant the refund",
            "process the return",
            "process the refund",
            "issue the refund",
            "approve the return",
            "approve the refund",
        ],
    ),
    "SQ-4": (
        "check the order record before stating facts",
        [
            "check the order",
            "check the record",
            "check the order record",
            "look up the order",
            "verify",
            "confirm the status",
        ],
    ),
    "SQ-5": (
        "stay courteous",
        [
            "courteous",
            "polite",
            "respectful",
            "calm",
            "professional",
            "without sarcasm",
            "no sarcasm",
        ],
    ),
    "SQ-6": (
        "answer within the limits",
        [
            "reply within",
            "respond within",
            "answer within",
            "answer faster",
            "reply faster",
            "respond faster",
            "more staff",
            "staff the chat",
            "quicker",
        ],
    ),
}
"""Per rule: what the shop should do instead, and phrasings a note may use (graded,
never shown to the agent)."""

_NO_BREACH = [
    "no {service |}{rule|rules} {is|was|were|are|has been|have been} {broken|breached|violated}",
    "no {service |}{rule|rules} broken",
    "{breaks|broke|breaches|breached|violates|violated} no {service |}{rule|rules}",
    "{does|did|has|have} not {break|breach|violate} {any|a} {service |}{rule|rules}",
    "{doesn't|didn't|hasn't|haven't} {break|breach|violate} {any|a} {service |}{rule|rules}",
    "not broken any {service |}rule",
    "{within|inside} the {service |}rules",
    "no breach",
    "no violation",
    "no {service |}rule {was|is|has been} touched",
    "no enforcement",
    "nothing to enforce",
    "no service rule",
]
"""A note's phrasings of "no service rule was broken" (each, in any tense, states the fact)."""

_STRIKE_NOUNS = (
    "{strike|strikes|warnings|earlier warnings|prior warnings|previous warnings"
    "|earlier penalties|prior penalties|previous penalties|warnings or penalties"
    "|warnings and penalties|penalties or warnings|strikes or penalties}"
)
_NO_STRIKES = [
    "{no|0|zero} " + _STRIKE_NOUNS,
    "{strikes|warnings|penalties|warnings or penalties}{| in the last 90 days| in 90 days"
    "| in the past 90 days}{:| :| -| are| is| were} {none|0|zero|nil}",
    "{has|have|had} not {had|received|got|been given} any {strikes|warnings|penalties}",
    "{hasn't|haven't|hadn't} {had|received|got|been given} any {strikes|warnings|penalties}",
    "{does|do} not have any {strikes|warnings|penalties}",
    "{doesn't|don't} have any {strikes|warnings|penalties}",
    "clean record",
]
"""A note's phrasings of "no strikes in the last 90 days": a count of 0 in figures or
words, "no", "none", or "not ... any" all state it."""

_SOME_STRIKES = [
    "{1|2|3|4|5|6|7|8|9|one|two|three|four|five|six|seven|eight|nine} "
    "{strike|strikes|earlier warning|earlier warnings|prior warning|prior warnings"
    "|previous warning|previous warnings|warnings or penalties|warnings and penalties"
    "|penalties or warnings}",
    "{2|3|4|5|6|7|8|9|two|three|four|five|six|seven|eight|nine} {warnings|penalties}",
]
"""A wrong (non-zero) count of strikes: affirmed, it fails the "no strikes" point."""

_NOT_NO_STRIKES = ["{no|0|zero} " + _STRIKE_NOUNS, "clean record"]
"""Stating no strikes: affirmed, it fails a point of a non-zero count."""


def compact_phrases(phrases: list[str]) -> list[str]:
    """The ``{a|b}`` form of a point's phrase list, if the policy wrote it so.

    A point's phrases are expanded when it is built; case files keep the short form
    (the case's :class:`Point` expands it again on loading, to the same list).
    """
    for short in (_NO_BREACH, _NO_STRIKES, _SOME_STRIKES, _NOT_NO_STRIKES):
        if Point(any=short).any == phrases:
            return list(short)
    return phrases


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case.

    Attributes:
        touched: The rules the chat touched, as categories (``["none"]`` when none).
        governing: The governing rule id, or ``"none"``.
        decision: A code of :data:`DECISIONS`.
        why: The rule that fired, in words.
        facts: Facts the decision needs (graded by ``facts_revealed``).
        lookups: One set of calls that reveals them, in order (the oracle's plan).
        writes: The call that records the enforcement (none for ``none``).
        points: Facts the note must state, checkable against the world.
        false_claims: Enforcements the note must not claim.
        worst_wait: The longest unexcused wait over its limit (minutes), and its limit.
        strikes: Warnings and penalties in the 90 days before the chat.
    """

    touched: list[str]
    governing: str
    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    worst_wait: tuple[int, int] | None = None
    strikes: int = 0


def breaches(
    state: ServiceState, chat: Chat
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The waits over their limit, as ``(minutes, limit)``: (unexcused, excused by an outage)."""
    outages = [(minutes(o.start), minutes(o.end)) for o in state.outages if o.date == chat.date]
    bad: list[tuple[int, int]] = []
    excused: list[tuple[int, int]] = []
    for n, r in enumerate(chat.replies):
        a, b = minutes(r.asked_at), minutes(r.answered_at)
        limit = FIRST_LIMIT if n == 0 else LATER_LIMIT
        if b - a <= limit:
            continue
        if any(a < end and b > start for start, end in outages):
            excused.append((b - a, limit))
        else:
            bad.append((b - a, limit))
    return bad, excused


def return_granted(state: ServiceState, chat: Chat) -> bool:
    """Whether the return policy (KB-04) grants a return or refund of the chat's order."""
    if chat.order_id is None:
        return False
    o = next(o for o in state.orders if o.order_id == chat.order_id)
    if o.status == "unshipped":
        return True
    if o.status != "delivered" or o.delivered_on is None:
        return False
    days = (date.fromisoformat(chat.date) - date.fromisoformat(o.delivered_on)).days
    return days <= RETURN_DAYS and not (o.custom_made or o.perishable)


def _window(state: ServiceState, chat: Chat) -> list[Any]:
    today = date.fromisoformat(chat.date)
    return [
        r
        for r in state.records
        if r.shop_id == chat.shop_id
        and r.chat_id != chat.chat_id
        and 0 <= (today - date.fromisoformat(r.date)).days <= WINDOW_DAYS
    ]


def strikes(state: ServiceState, chat: Chat) -> int:
    """Warnings and penalties of the chat's shop in the 90 days before the chat."""
    return sum(1 for r in _window(state, chat) if r.action in ("warn", "penalize"))


def false_claims(decision: str) -> list[str]:
    """The enforcements (:data:`CLAIM_KINDS`) a note must not claim: all but its own."""
    return [k for k in CLAIM_KINDS if k != decision]


def decide(state: ServiceState, refs: dict[str, Any]) -> PolicyGold:
    """Apply the service-quality policy to the chat a case is about.

    Args:
        state: The case's world.
        refs: The case's ``world_refs``: ``chat_id``, ``shop_id`` and the writer's
            judgements ``judged``, ``return_refused`` and ``escalation``.

    Returns:
        The policy's gold.

    Raises:
        KeyError: A judged category or escalation reason is unknown.
        ToolError: The chat, shop or order is not in the world.
    """
    gold = _decide(state, refs)
    return replace(gold, false_claims=false_claims(gold.decision))


def _decide(state: ServiceState, refs: dict[str, Any]) -> PolicyGold:
    world = ServiceWorld(state, refs=refs)
    chat = world.chat(str(refs["chat_id"]))
    shop = world.shop(chat.shop_id)
    judged = set(refs.get("judged", []))
    if judged - JUDGED:
        raise KeyError(f"unknown judged categories {sorted(judged - JUDGED)}")
    escalation = str(refs.get("escalation") or "")
    if escalation and escalation not in ESCALATION_REASONS:
        raise KeyError(f"unknown escalation reason {escalation!r}")
    refused = bool(refs.get("return_refused"))
    if refused and chat.order_id is None:
        raise KeyError("return_refused needs a chat about an order")
    if chat.order_id is not None:
        world.order(chat.order_id)

    touched = set(judged)
    if refused and return_granted(state, chat):
        touched.add("refused_return")
    bad, excused = breaches(state, chat)
    if bad:
        touched.add("slow_response")
    ordered = [c for c in SEVERITY if c in touched]
    governing = SEVERITY[ordered[0]] if ordered else "none"
    n_strikes = strikes(state, chat)
    repeat = any(r.rule_id == governing for r in _window(state, chat))

    if escalation:
        decision, why = "escalate", f"KB-05: {escalation}"
    elif governing == "none":
        decision, why = "none", "no rule touched"
    elif governing in SEVERE:
        decision, why = "penalize", f"{governing} is severe"
    elif n_strikes >= 2:
        decision, why = "penalize", f"{n_strikes} strikes in 90 days"
    elif repeat:
        decision, why = "warn", f"{governing} already on record in 90 days"
    else:
        decision, why = "coach", f"first {governing} in 90 days, {n_strikes} strikes"

    # Facts the decision needs, and one plan that reveals them.
    cid = chat.chat_id
    facts = [f"{cid}:response_times"]
    plan: list[ToolCall] = []
    need_outages = bool(bad or excused)
    # The order record decides refused_return (KB-04) and misleading_info (the record
    # contradicts what the shop said): either way the decision rests on it.
    need_order = refused or "misleading_info" in judged
    if need_outages or need_order:
        # The chat's info (its date, its order) is how the agent finds the outage log's
        # day and the order id; reading it is free (spec: free_tools), so it is no fact.
        plan.append(ToolCall(name="get_chat_info", arguments={"chat_id": cid}))
    plan.append(ToolCall(name="get_response_times", arguments={"chat_id": cid}))
    if need_outages:
        facts.append(f"outages:{chat.date}")
        plan.append(ToolCall(name="get_platform_outages", arguments={"date": chat.date}))
    if need_order:
        if chat.order_id is None:
            raise KeyError("misleading_info or return_refused needs a chat about an order")
        facts.append(f"{chat.order_id}:order")
        plan.append(ToolCall(name="get_order", arguments={"order_id": chat.order_id}))
    if decision in ("coach", "warn", "penalize"):
        facts.append(f"{shop.shop_id}:record")
        plan.append(ToolCall(name="get_shop_record", arguments={"shop_id": shop.shop_id}))

    worst = max(bad, key=lambda w: (w[0] - w[1], w[0])) if bad else None
    points: list[Point] = []
    if governing != "none":
        title = world.rule(governing).title
        points.append(Point(any=[governing, title.lower()], note=f"the chat broke {governing}"))
    if worst is not None:
        points.append(
            Point(
                any=["minute", "minutes", "min", "mins"],
                figure=worst[0],
                note=f"the longest wait over its limit, {worst[0]} minutes",
            )
        )
        points.append(
            Point(
                any=["minute", "minutes", "min", "mins", "limit", "within"],
                figure=worst[1],
                note=f"the limit it broke, {worst[1]} minutes",
            )
        )
    if excused and not bad:
        points.append(
            Point(
                any=["outage", "console was down", "console outage", "platform outage"],
                note="the slow wait was excused by a logged outage",
            )
        )
    if decision in ("coach", "warn", "penalize"):
        if n_strikes:
            points.append(
                Point(
                    any=["strike", "strikes", "warning", "warnings", "penalty", "penalties"],
                    figure=n_strikes,
                    not_=_NOT_NO_STRIKES,
                    note=f"{n_strikes} strike(s) in the last 90 days",
                )
            )
        else:
            points.append(
                Point(any=_NO_STRIKES, not_=_SOME_STRIKES, note="no strikes in the last 90 days")
            )
        points.append(
            Point(any=_ADVICE[governing][1], note=f"what to do instead: {_ADVICE[governing][0]}")
        )
    if decision == "warn":
        points.append(Point(any=["warning", "warned"], note="a formal warning was recorded"))
    if decision == "penalize":
        points.append(
            Point(any=["penalty", "penalized", "penalised"], note="a penalty was recorded")
        )
    if decision == "escalate":
        points.append(
            Point(
                any=["senior inspector", "escalated", "escalate", "escalation"],
                note="a senior inspector takes the chat",
            )
        )
    if decision == "none":
        points.append(Point(any=_NO_BREACH, note="no service rule was broken"))

    return PolicyGold(
        touched=ordered or ["none"],
        governing=governing,
        decision=decision,
        why=why,
        facts=facts,
        lookups=plan,
        writes=acted_writes(state, refs, decision, governing),
        points=points,
        worst_wait=worst,
        strikes=n_strikes,
    )


def acted_writes(
    state: ServiceState, refs: dict[str, Any], decision: str, rule: str
) -> list[ToolCall]:
    """The write that records enforcement ``decision`` under governing rule ``rule``.

    The one coding of the write rule (KB-03): nothing for ``none``; otherwise the
    enforcement on the chat's record with the governing rule (``none`` only with an
    escalation). :func:`decide` writes it for its own decision and rule; the shortcut
    audit plays it for guessed ones (:data:`act`), where a pair the record refuses (a
    warning under no rule) is what an agent guessing it would get.

    Args:
        state: The case's world (unused: the write needs only the refs; kept for the
            hook's shape).
        refs: The case's ``world_refs`` (``chat_id``).
        decision: A code of :data:`DECISIONS`.
        rule: The governing rule (``SQ-1`` .. ``SQ-6``, or ``none``).

    Returns:
        The ``record_enforcement`` call, or none.
    """
    del state
    if decision == "none":
        return []
    args = {"chat_id": str(refs["chat_id"]), "action": decision, "rule_id": rule}
    return [ToolCall(name="record_enforcement", arguments=args)]


act = writes_act(acted_writes)
"""The hook of the ``acts`` key (``writes`` acts out the ``decision`` and the
``governing_rule``): ``act(world, case, decision, rule)``, :func:`acted_writes` on the
episode's world."""


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's note points a case must carry: those the chat's words do not meet."""
    if not gold.points:
        return []
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    return [p for p in gold.points if p not in echoed]


def check_case(world: ServiceWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the rules touched, the governing rule, the menu and decision, the lookups and
    the facts they must reveal, the writes, the note's points and false claims, and that
    the attitude gold is a label of the spec.

    Args:
        world: The case's world.
        case: A service_quality case.

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
    except (KeyError, StopIteration, ToolError, ValueError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems: list[str] = []
    perception = case.gold.get(Stage.PERCEPTION, {})
    planning = case.gold.get(Stage.PLANNING, {})
    if sorted(perception.get("rules_touched", [])) != sorted(gold.touched):
        problems.append(f"gold.perception.rules_touched should be {gold.touched} ({gold.why})")
    if str(perception.get("attitude")) not in ("0", "1"):
        problems.append("gold.perception.attitude must be '0' or '1'")
    if planning.get("governing_rule") != gold.governing:
        problems.append(f"gold.planning.governing_rule should be {gold.governing!r}")
    problems += policy_gold_problems(case, gold, reply_points(gold, case), menus=MENUS)
    for r in world.chat(str(refs["chat_id"])).replies:
        if minutes(r.answered_at) < minutes(r.asked_at):
            problems.append(f"a reply is answered ({r.answered_at}) before it is asked")
    return problems

"""The review policy of ``content_review``: the rules that decide every case's gold.

:func:`decide` re-reviews the submission a case is about against the rule book
(``world.json``: CR-01..CR-06, each stated in a help-centre article) and derives from
the world alone the violation types present, the decision and its reason codes, the
facts the decision needs (what the Planning lookups must reveal), a set of calls that
reveals them, the write that records the re-review, and the facts the reply must state.
:func:`check_case` compares an annotated case with it; the validator runs it on every
case, and the oracle replaying the gold must score 1.0.

Violations (a submission may break several; each rule's threshold is in KB-03..KB-08):

- CR-01 ``absolute_claim``: the text uses a banned absolute word (:data:`ABSOLUTE_TERMS`);
- CR-02 ``medical_claim``: an ``effect`` claim names a condition (:data:`CONDITIONS`) and
  the product card has no medical registration;
- CR-03 ``price_mismatch``: a ``price`` claim differs from the listing price, an
  ``original_price`` claim from the card's original price, or a ``discount_percent``
  claim from the listing's discount (1 - price / original price, whole percent);
- CR-04 ``spec_mismatch``: a claimed spec the card lists has another value (spaces and
  case ignored);
- CR-05 ``false_certification``: a ``certification`` claim the card's list lacks;
- CR-06 ``product_mismatch``: a ``brand`` or ``model`` claim differs from the linked card.

Decision (KB-01), first match wins: any severe breach (CR-02, CR-05) -> ``reject``; any
other breach -> ``request_changes``; none -> ``approve``. The write records it with every
rule broken as a reason code, whatever the merchant asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecomstage_env import Case, Stage, ToolCall, ToolError
from ecomstage_env.checks.gold import policy_gold_problems, writes_act
from ecomstage_env.scoring.points import Point, PointsParams, echoed_points

from .world import ContentState, ContentWorld, Product, Submission

__all__ = [
    "ABSOLUTE_TERMS",
    "CONDITIONS",
    "DECISIONS",
    "LABELS",
    "MENUS",
    "PolicyGold",
    "act",
    "acted_writes",
    "check_case",
    "decide",
    "false_claims",
    "reply_points",
    "violations",
]

DECISIONS: dict[str, str] = {
    "approve": "Approve the submission as it is.",
    "request_changes": "Ask the merchant to edit and resubmit.",
    "reject": "Reject the submission outright.",
}
"""The decision catalogue: one neutral, length-matched line per policy code (the spec
repeats it as the field's catalogue)."""

MENUS: tuple[tuple[str, ...], ...] = (("approve", "request_changes", "reject"),)
"""The one menu: every case offers the three decisions, in an order drawn from its id."""

LABELS: dict[str, str] = {
    "CR-01": "absolute_claim",
    "CR-02": "medical_claim",
    "CR-03": "price_mismatch",
    "CR-04": "spec_mismatch",
    "CR-05": "false_certification",
    "CR-06": "product_mismatch",
}
"""Rule id -> violation type (the Perception label); ``none`` when nothing is broken."""

SEVERE = frozenset({"CR-02", "CR-05"})

ABSOLUTE_TERMS = (
    "best",
    "no.1",
    "no. 1",
    "number one",
    "#1",
    "top 1",
    "world's first",
    "unbeatable",
    "最",
    "第一",
    "顶级",
)
"""The banned absolute words of CR-01 (KB-03), matched case-insensitively as words."""

CONDITIONS = (
    "eczema",
    "acne",
    "insomnia",
    "hair loss",
    "arthritis",
    "diabetes",
    "high blood pressure",
    "anxiety",
    "allergies",
    "dandruff",
    "colds",
    "migraines",
    "myopia",
)
"""The conditions of CR-02 (KB-04)."""

CLAIM_KINDS = ("approve", "reject", "changes", *LABELS)
"""What a reply can claim: a decision recorded, or a rule broken (the reply field's
``claims`` in ``spec.toml``). A reply that claims a decision the policy did not make, or
cites a rule the submission does not break, scores 0."""

_OF_DECISION = {"approve": "approve", "reject": "reject", "request_changes": "changes"}


@dataclass(frozen=True)
class PolicyGold:
    """What the policy prescribes for one case.

    Attributes:
        broken: Rule ids the submission breaks, sorted.
        labels: Violation types present (``["none"]`` when nothing is broken).
        decision: A code of :data:`DECISIONS`.
        why: The rule that fired, in words.
        facts: Facts the decision needs (graded by ``facts_revealed``).
        lookups: One set of calls that reveals them, in order (the oracle's plan).
        writes: The call that records the re-review.
        points: Facts the reply must state, checkable against the world.
        false_claims: Kinds of claim the reply must not make (:data:`CLAIM_KINDS`).
        details: Per broken rule, the conflict in words (for the reference reply).
    """

    broken: list[str]
    labels: list[str]
    decision: str
    why: str
    facts: list[str]
    lookups: list[ToolCall]
    writes: list[ToolCall]
    points: list[Point] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)


def _norm(value: str) -> str:
    return re.sub(r"\s+", "", value).lower()


def _number(value: str) -> float | None:
    m = re.search(r"-?\d+(?:\.\d+)?", value.replace(",", ""))
    return float(m.group()) if m else None


def _fmt(x: float) -> str:
    return f"{x:g}"


def absolute_terms(text: str) -> list[str]:
    """The banned absolute words a text uses (CR-01)."""
    low = text.lower()
    found = []
    for term in ABSOLUTE_TERMS:
        if term.isascii():
            if re.search(rf"(?<![\w#]){re.escape(term)}(?![\w])", low):
                found.append(term)
        elif term in text:
            found.append(term)
    return found


def discount_of(p: Product) -> float | None:
    """The listing's discount in whole percent, or None without an original price."""
    if p.list_price is None:
        return None
    return float(round(100 * (1 - p.price / p.list_price)))


def violations(s: Submission, p: Product) -> dict[str, str]:
    """Rule id -> the conflict, in words, for every rule the submission breaks."""
    out: dict[str, str] = {}
    terms = absolute_terms(s.text)
    if terms:
        out["CR-01"] = f"the text says {terms[0]!r}"
    for c in s.claims:
        attr, value = c.attribute, c.value
        if attr == "effect" and p.medical_registration is None:
            hit = [k for k in CONDITIONS if k in value.lower()]
            if hit and "CR-02" not in out:
                out["CR-02"] = f"it claims to act on {hit[0]} without a medical registration"
        elif attr == "price":
            n = _number(value)
            if n is not None and abs(n - p.price) > 0.005 and "CR-03" not in out:
                out["CR-03"] = f"it says {_fmt(n)} yuan; the listing price is {_fmt(p.price)} yuan"
        elif attr == "original_price":
            n = _number(value)
            if n is not None and (p.list_price is None or abs(n - p.list_price) > 0.005):
                orig = "none" if p.list_price is None else f"{_fmt(p.list_price)} yuan"
                out.setdefault(
                    "CR-03", f"it says was {_fmt(n)} yuan; the card's original is {orig}"
                )
        elif attr == "discount_percent":
            n, real = _number(value), discount_of(p)
            if n is not None and (real is None or abs(n - real) > 0.5):
                shown = "no discount" if real is None else f"{_fmt(real)}% off"
                out.setdefault("CR-03", f"it says {_fmt(n)}% off; the listing is {shown}")
        elif attr == "certification":
            have = {_norm(x) for x in p.certifications}
            if _norm(value) not in have and "CR-05" not in out:
                out["CR-05"] = f"it claims {value}, which the card does not list"
        elif attr in ("brand", "model"):
            own = p.brand if attr == "brand" else p.model
            if _norm(value) != _norm(own) and "CR-06" not in out:
                out["CR-06"] = f"it shows {attr} {value}; the linked card is {p.brand} {p.model}"
        elif attr in p.attributes and _norm(value) != _norm(p.attributes[attr]):
            out.setdefault("CR-04", f"it says {attr} {value}; the card says {p.attributes[attr]}")
    return dict(sorted(out.items()))


def false_claims(decision: str, broken: list[str]) -> list[str]:
    """The claims a reply must not make: other decisions, and rules not broken."""
    own = _OF_DECISION[decision]
    return [k for k in CLAIM_KINDS if k != own and k not in broken]


_APPROVED = ["approved", "approve", "passed", "cleared", "{can|may} {now |}{run|go live}"]
_CHANGES = ["edit", "edits", "change", "changes", "revise", "fix", "correct", "update", "resubmit"]
_REJECTED = [
    "rejected",
    "rejection",
    "reject",
    "upheld",
    "declined",
    "refused",
    "turned down",
    "{can't|cannot|can not|won't} {be approved|run|go live|be published}",
]
_MEDICAL_REGISTRATION = [
    "medical registration",
    "medically registered",
    "registered as a {medical|medicinal} {product|device|drug}",
]
_NO_RULE_BROKEN = [
    # Each phrasing holds its own negator, so it is *affirmed* when the reply says no rule
    # is broken ("It does not break any rule.", "It breaks no review rule.", "none of the
    # rules is broken") and negated when the reply denies that ("it is not true that it
    # breaks no rule"). Naming a broken rule meets none of them.
    "no {review |content |}{rule|rules}",
    "none of the {review |content |}{rule|rules}",
    "{breaks|break|broke|violates|violate} {no|none|nothing}",
    "{does|did|do} not {break|breach|violate}",
    "{doesn't|didn't|don't} {break|breach|violate}",
    "not {broken|breached|violated}",
    "nothing {in it |in the text |}{breaks|violates|breaches}",
    "no {violation|violations|breach|breaches|problem|problems|issue|issues}",
    "{complies|comply|complied|compliant} with {all|every|each} {of the |the |}{review |}{rule|rules}",
    "{meets|meet|passes|pass} {all|every|each} {of the |the |}{review |}{rule|rules}",
    "{is |}{fully |}{compliant|within the rules}",
]


def rule_not_broken(rid: str) -> list[str]:
    """Phrasings of "rule ``rid`` is not broken" (an earlier rejection's rule).

    Each holds its own negator like :data:`_NO_RULE_BROKEN`; saying that no rule at all
    is broken states it too.
    """
    return [
        *_NO_RULE_BROKEN,
        f"{{does|did}} not {{break|breach|violate|fall under}} {rid}",
        f"{{doesn't|didn't}} {{break|breach|violate|fall under}} {rid}",
        f"{rid} {{is|was}} not {{broken|breached|violated}}",
        f"{rid} {{isn't|wasn't}} {{broken|breached|violated}}",
        f"{rid} {{does not|doesn't|did not|didn't}} apply",
        f"no {rid} {{breach|violation|problem|issue}}",
        f"not {{a|an}} {rid} {{breach|violation|problem|issue}}",
    ]


PHRASE_LISTS: tuple[list[str], ...] = (
    _APPROVED,
    _CHANGES,
    _REJECTED,
    _NO_RULE_BROKEN,
    _MEDICAL_REGISTRATION,
    *(rule_not_broken(rid) for rid in LABELS),
)
"""The reply points' phrase lists, as written (``{a|b}`` alternatives unexpanded)."""


def _points(s: Submission, p: Product, broken: dict[str, str], decision: str) -> list[Point]:
    pts: list[Point] = []
    for rid in broken:
        pts.append(Point(any=[rid], note=f"cites {rid} ({LABELS[rid]})"))
    for c in s.claims:
        if c.attribute == "price" and "CR-03" in broken:
            pts.append(
                Point(any=["listing", "listed", "price"], figure=p.price, note="the listing price")
            )
            break
    else:
        for c in s.claims:
            if c.attribute == "original_price" and "CR-03" in broken and p.list_price:
                pts.append(
                    Point(any=["original"], figure=p.list_price, note="the card's original price")
                )
                break
            if c.attribute == "discount_percent" and "CR-03" in broken:
                real = discount_of(p)
                if real is not None:
                    pts.append(
                        Point(any=["off", "discount"], figure=real, note="the real discount")
                    )
                break
    if "CR-04" in broken:
        for c in s.claims:
            card = p.attributes.get(c.attribute)
            if card is not None and _norm(card) != _norm(c.value):
                n = _number(card)
                if n is not None:
                    pts.append(Point(any=[c.attribute], figure=n, note=f"the card's {c.attribute}"))
                else:
                    pts.append(Point(any=[card], note=f"the card's {c.attribute}"))
                break
    if "CR-06" in broken:
        pts.append(Point(any=[p.model], note="the linked card's model"))
    if "CR-02" in broken:
        pts.append(Point(any=_MEDICAL_REGISTRATION, note="the product has no medical registration"))
    if decision == "approve":
        pts.append(Point(any=_APPROVED, note="approved"))
        prior = s.review.reason_codes if s.review and s.review.decision == "rejected" else []
        for rid in prior:
            pts.append(
                Point(
                    any=rule_not_broken(rid),
                    note=f"{rid} is not broken (the earlier rejection was wrong)",
                )
            )
        if not prior:
            pts.append(Point(any=_NO_RULE_BROKEN, note="no rule is broken"))
    elif decision == "reject":
        pts.append(Point(any=_REJECTED, note="rejected"))
    else:
        pts.append(Point(any=_CHANGES, note="changes are requested"))
    return pts


def decide(state: ContentState, refs: dict[str, Any]) -> PolicyGold:
    """Re-review the submission a case is about.

    Args:
        state: The case's world.
        refs: The case's ``world_refs``: ``merchant_id`` and ``submission_id``.

    Returns:
        The policy's gold.

    Raises:
        ToolError: The submission or its product is not in the world.
    """
    world = ContentWorld(state, refs=refs)
    sid = str(refs["submission_id"])
    s = world.submission(sid)
    p = world.product(s.product_id)
    broken = violations(s, p)
    codes = list(broken)
    if set(codes) & SEVERE:
        decision, why = "reject", f"severe breach {sorted(set(codes) & SEVERE)}"
    elif codes:
        decision, why = "request_changes", f"fixable breach {codes}"
    else:
        decision, why = "approve", "no rule broken"
    lookups = [
        ToolCall(name="get_submission", arguments={"submission_id": sid}),
        ToolCall(name="get_claims", arguments={"submission_id": sid}),
        ToolCall(name="get_product", arguments={"product_id": p.product_id}),
    ]
    return PolicyGold(
        broken=codes,
        labels=[LABELS[c] for c in codes] or ["none"],
        decision=decision,
        why=why,
        facts=[f"{sid}:submission", f"{sid}:claims", f"{p.product_id}:record"],
        lookups=lookups,
        writes=acted_writes(state, refs, decision, [LABELS[c] for c in codes]),
        points=_points(s, p, broken, decision),
        false_claims=false_claims(decision, codes),
        details=broken,
    )


def acted_writes(
    state: ContentState, refs: dict[str, Any], decision: str, labels: list[str]
) -> list[ToolCall]:
    """The write that records ``decision`` for the violation types ``labels``.

    The one coding of the write rule: the re-review is recorded with the decision and
    the id of every rule whose violation type is listed, sorted (``none`` adds none).
    :func:`decide` writes it for its own decision and labels; the shortcut audit plays
    it for guessed ones (:data:`act`), where a pair the record refuses (an approval with
    reason codes, a rejection with none) is what an agent guessing it would get.

    Args:
        state: The case's world (unused: the write needs only the refs; kept for the
            hook's shape).
        refs: The case's ``world_refs`` (``submission_id``).
        decision: A code of :data:`DECISIONS`.
        labels: Violation types (the Perception labels).

    Returns:
        The ``record_review`` call.
    """
    del state
    codes = sorted(rid for rid, label in LABELS.items() if label in labels)
    args = {"submission_id": str(refs["submission_id"]), "decision": decision}
    return [ToolCall(name="record_review", arguments={**args, "reason_codes": codes})]


act = writes_act(acted_writes)
"""The hook of the ``acts`` key (``writes`` acts out the ``decision`` and the
``violations``): ``act(world, case, decision, labels)``, :func:`acted_writes` on the
episode's world."""


def reply_points(gold: PolicyGold, case: Case) -> list[Point]:
    """The policy's reply points a case must carry: those the user's words do not meet."""
    reply = case.gold.get(Stage.ACTION, {}).get("reply")
    echoed = echoed_points(PointsParams(points=gold.points), case.user_turns(), reply)
    return [p for p in gold.points if p not in echoed]


def check_case(world: ContentWorld, case: Case) -> list[str]:
    """Compare a case's gold with :func:`decide` on the case's world.

    Checks the violation labels, the submission and product ids, the route against the
    submission's kind, the menu and decision, the lookups and facts, the write, and the
    reply points and false claims.

    Args:
        world: The case's world.
        case: A content_review case.

    Returns:
        Problems found, in words.
    """
    refs = case.world_refs
    try:
        gold = decide(world.state, refs)
        sub = world.submission(str(refs["submission_id"]))
    except (KeyError, ToolError) as e:
        return [f"the policy cannot decide this case: {e!r}"]
    problems: list[str] = []
    perception = case.gold.get(Stage.PERCEPTION, {})
    planning = case.gold.get(Stage.PLANNING, {})
    if sorted(perception.get("violations", [])) != sorted(gold.labels):
        problems.append(f"gold.perception.violations should be {gold.labels} ({gold.why})")
    entities = perception.get("entities", {})
    if entities.get("submission_id") != sub.submission_id:
        problems.append("gold.perception.entities.submission_id differs from world_refs")
    if entities.get("product_id") != sub.product_id:
        problems.append(f"gold.perception.entities.product_id should be {sub.product_id}")
    want_route = "A" if sub.kind == "ad_creative" else "B"
    if planning.get("route") != want_route:
        problems.append(f"route {planning.get('route')!r} but the submission is a {sub.kind}")
    problems += policy_gold_problems(case, gold, reply_points(gold, case), menus=MENUS)
    given = case.grading.get("action.reply", {}).get("points", [])
    if not given:
        problems.append("the reply has no required point left after the echo check")
    return problems

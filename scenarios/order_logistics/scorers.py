"""The order_logistics reply scorer: a reply that reports a change is checked against the world.

``order_logistics_reply`` is the ``points`` scorer, except that a reply stating a change
as made ("I've changed the address", "the parcel is being called back", "the fee was
refunded", "a replacement was sent") scores 0 when the episode's world does not hold that
change. The change points' phrases (:data:`~.policy.CHANGE_PHRASES`) cannot tell "I've
updated it as you asked" said after a write from the same words said with none made:
only the world can.
"""

from __future__ import annotations

from typing import Any

from ecomstage_env.scoring.points import (
    Point,
    PointsParams,
    Text,
    expand_alternatives,
    point_met,
    points_scorer,
)
from ecomstage_env.scoring.registry import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.statements import fold_width
from ecomstage_env.shop.replies import wrong_order

from .policy import CHANGE_PHRASES

__all__ = ["change_kind", "changes_made", "order_logistics_reply"]

_CHANGE_SETS: dict[str, frozenset[str]] = {
    kind: frozenset(p for phrase in phrases for p in expand_alternatives(phrase))
    for kind, phrases in CHANGE_PHRASES.items()
}

_OUTCOME_KEYS: dict[str, tuple[str, ...]] = {
    "address": (".address",),
    "intercept": (".intercepted",),
    "reship": (".reshipped",),
    "fee_refund": (".refund.shipping_fee",),
}
"""Per kind of change, the parts of the world outcome's keys (per order) it changes."""


def change_kind(point: Point) -> str | None:
    """The kind of change (``address``, ``intercept``, ``reship``, ``fee_refund``) ``point`` states as made.

    A point states a change when its phrases are those of the policy's change point of
    that kind (:data:`~.policy.CHANGE_PHRASES`); None for any other point (a status, a
    figure, a refusal).
    """
    if not point.any or point.figure is not None:
        return None
    said = frozenset(point.any)
    for kind, phrases in _CHANGE_SETS.items():
        if said == phrases:
            return kind
    return None


def _changed(base: dict[str, Any], got: dict[str, Any]) -> set[str]:
    return {k for k in set(base) | set(got) if base.get(k) != got.get(k)}


def changes_made(ctx: FieldContext[Any]) -> set[str]:
    """The kinds of change the episode's world holds against the world the episode started with.

    Compares :meth:`~.world.LogisticsWorld.outcome` of the two (as ``world_outcome`` does);
    the start's outcome is kept in the case's memo.
    """
    assert ctx.world is not None
    got = ctx.world.outcome()
    key = ("order_logistics_reply", "start")
    base: dict[str, Any] | None = ctx.memo.get(key) if ctx.memo is not None else None
    if base is None:
        start = ctx.fresh_world() if ctx.fresh_world is not None else None
        base = start.outcome() if start is not None else {}
        if ctx.memo is not None:
            ctx.memo[key] = base
    keys = _changed(base, got)
    return {
        kind for kind, parts in _OUTCOME_KEYS.items() if any(p in k for k in keys for p in parts)
    }


@scorer("order_logistics_reply", params=PointsParams, fields=("text",))
def order_logistics_reply(answer: Any, gold: Any, ctx: FieldContext[PointsParams]) -> FieldScore:
    """The ``points`` scorer, checked against the world: a change the reply reports must be made.

    When the reply meets a point that states a change as made (:func:`change_kind`) and
    the episode's world holds no change of that kind (:func:`changes_made`), the reply
    scores 0: no wording makes it true. Points that state no change, and replies graded
    without a world (answers graded offline), are the plain ``points`` scorer. A reply
    about another order of the customer's account than the case's (its id, or its item,
    named where the case's own are not: :func:`~ecomstage_env.shop.replies.wrong_order`)
    scores 0 as well: its facts are about the wrong parcel.
    """
    if ctx.case is not None and ctx.world is not None:
        why = wrong_order(str(answer or ""), ctx.world.state, ctx.case.world_refs)
        if why:
            return FieldScore(0.0, why, {"coverage": 0.0}, "another order named")
    changes = [(k, p) for p in ctx.params.points if (k := change_kind(p)) is not None]
    if ctx.world is not None and changes:
        said = Text(fold_width(str(answer)))
        ref = Text(str(gold or ""))
        claimed = {kind for kind, p in changes if point_met(said, p, ref)}
        missing = sorted(claimed - changes_made(ctx)) if claimed else []
        if missing:
            return FieldScore(
                0.0,
                "the reply reports a change the episode did not make",
                {"coverage": 0.0},
                "no change made: " + ", ".join(missing),
            )
    return points_scorer(answer, gold, ctx)

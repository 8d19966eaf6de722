"""Checks a scenario's ``check_case`` shares: does a case's annotation say what its policy says?

A scenario's ``policy.py`` decides the gold of a case from its world (a decision, the
lookups and the facts they reveal, the writes, the claims a reply must not make, the
reply's points); :func:`policy_gold_problems` compares that with the case's annotation,
field by field, in the words ``ecomstage validate`` prints. :func:`fill_case_files` is the
other side, for a folder's ``author.py``: it rewrites case files with the policy's gold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ecomstage_env.data.schema import Case
from ecomstage_env.scoring.points import Point
from ecomstage_env.stages import Stage, ToolCall

__all__ = ["PolicyGold", "fill_case_files", "policy_gold_problems", "writes_act"]


class PolicyGold(Protocol):
    """What a scenario's policy decides for a case (the fields compared)."""

    @property
    def decision(self) -> str:
        """The decision's code."""
        ...

    @property
    def why(self) -> str:
        """The rule that decided it, in words."""
        ...

    @property
    def lookups(self) -> Sequence[ToolCall]:
        """The lookups the decision needs."""
        ...

    @property
    def facts(self) -> Sequence[str]:
        """The facts those lookups must reveal."""
        ...

    @property
    def writes(self) -> Sequence[ToolCall]:
        """The writes the policy makes."""
        ...

    @property
    def false_claims(self) -> Sequence[str]:
        """The claim groups a reply must not make."""
        ...


def policy_gold_problems(
    case: Case,
    gold: PolicyGold,
    points: Sequence[Point],
    *,
    accept: dict[str, Any] | None = None,
    menus: Sequence[Sequence[str]] | None = None,
    reply_field: str = "action.reply",
    decision_field: str = "decision",
) -> list[str]:
    """Where the case's annotation differs from what its policy decides.

    Args:
        case: The case.
        gold: The policy's decision for the case's world.
        points: The reply points the policy fixes (each must be among the case's).
        accept: The writes' accepted ranges the policy allows, when the scenario has them.
        menus: The scenario's menu groups, when a case's decision menu must be one of them
            (one holding the policy's decision).
        reply_field: The graded reply field (``"stage.field"``).
        decision_field: The Action field holding the decision's option id (after_sales
            calls it ``resolution``).

    Returns:
        Problems, in words.
    """
    problems: list[str] = []
    action = case.gold.get(Stage.ACTION, {})
    planning = case.gold.get(Stage.PLANNING, {})
    menu = {o.id: o.code for o in case.options.get(decision_field, [])}
    if menus is not None:
        if gold.decision not in menu.values():
            problems.append(f"the menu lacks the policy decision {gold.decision!r} ({gold.why})")
        elif set(menu.values()) not in [set(m) for m in menus if gold.decision in m]:
            problems.append(f"the menu {sorted(menu.values())} is not a group of MENUS")
    chosen = menu.get(str(action.get(decision_field)))
    if chosen != gold.decision:
        problems.append(
            f"gold.action.{decision_field} is {chosen!r} but the policy says"
            f" {gold.decision!r} ({gold.why})"
        )
    want_lookups = [c.model_dump(exclude={"id"}) for c in gold.lookups]
    if planning.get("lookups") != want_lookups:
        problems.append(f"gold.planning.lookups should be {want_lookups}")
    facts = case.grading.get("planning.lookups", {}).get("facts")
    if sorted(facts or []) != sorted(gold.facts):
        problems.append(f"grading['planning.lookups'].facts should be {sorted(gold.facts)}")
    want_writes = [c.model_dump(exclude={"id"}) for c in gold.writes]
    if action.get("writes", []) != want_writes:
        problems.append(f"gold.action.writes should be {want_writes}")
    if accept is not None:
        given_accept = {
            k: list(v) for k, v in case.grading.get("action.writes", {}).get("accept", {}).items()
        }
        if given_accept != {k: list(v) for k, v in accept.items()}:
            problems.append(f"grading['action.writes'].accept should be {accept}")
    reply_grading = case.grading.get(reply_field, {})
    if sorted(reply_grading.get("false_claims", [])) != sorted(gold.false_claims):
        problems.append(f"grading['{reply_field}'].false_claims should be {gold.false_claims}")
    given = [Point.model_validate(p) for p in reply_grading.get("points", [])]
    for p in points:
        if p not in given:
            problems.append(
                f"grading['{reply_field}'].points lacks the policy's point {p.label()!r}"
            )
    return problems


def fill_case_files(
    paths: Sequence[str | Path],
    fill: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    world_file: str | Path,
) -> int:
    """Rewrite case files in place with ``fill(case, shared world)`` applied to every case.

    What a scenario's ``author.py`` does from the command line: one case per line, key
    order kept, non-ASCII text as is; prints how many cases each file holds.

    Args:
        paths: JSON Lines case files.
        fill: The folder's fill function (returns the case with the policy's gold).
        world_file: The folder's shared world file.

    Returns:
        0 (an exit code).
    """
    base = json.loads(Path(world_file).read_text(encoding="utf-8"))
    for name in paths:
        path = Path(name)
        lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        out = [fill(raw, base) for raw in lines]
        path.write_text(
            "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8"
        )
        print(f"{path}: {len(out)} cases filled")
    return 0


def writes_act(
    acted_writes: Callable[..., list[ToolCall]],
) -> Callable[..., list[ToolCall]]:
    """An ``act`` hook for a policy whose decision is carried out by its writes alone.

    The hook of the ``acts`` key (``spec.toml``: ``writes`` acts the ``decision`` out, or
    the decision and its reason codes; see
    :func:`~ecomstage_env.data.loader.acting_hook`): the shortcut audit guesses the
    labels with its label models and plays the hook, so the writes of a guess are scored
    as the guess.

    Args:
        acted_writes: ``acted_writes(state, world_refs, *codes)``: the writes the policy
            makes for the codes (one per name of ``acts``, in its order) in a case's world.

    Returns:
        ``act(world, case, *codes)``: ``acted_writes`` on the episode's world state and
        the case's world refs.
    """

    def act(world: Any, case: Case, *codes: Any) -> list[ToolCall]:
        return acted_writes(world.state, case.world_refs, *codes)

    act.__doc__ = f"Labels ``codes`` acted out by their writes ({acted_writes.__name__})."
    return act

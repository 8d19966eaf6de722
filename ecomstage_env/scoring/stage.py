"""Grade a whole stage answer: each field by its registered scorer, weighted as the spec says."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ecomstage_env.data.schema import Case, FieldSpec, StageSpec
from ecomstage_env.scoring.registry import FieldContext, FieldScore, get_scorer
from ecomstage_env.stages import StageScore, ToolCallRecord

if TYPE_CHECKING:
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge
    from ecomstage_env.world.base import World

__all__ = ["score_stage", "zero_score"]


def zero_score(stage: StageSpec, reason: str) -> StageScore:
    """Return a score of 0 on every field, with ``reason`` (for unparsable answers)."""
    return StageScore(value=0.0, components={f.name: 0.0 for f in stage.fields}, reason=reason)


_FAILED = "scoring error"


def _score_field(name: str, answer: Any, gold: Any, ctx: FieldContext[Any]) -> FieldScore:
    """One field's score; a scorer that raises scores 0 with the failure as its reason.

    The reason names the exception's type only (its message may quote the gold); the
    message is kept in the explanation, for reports.
    """
    try:
        return get_scorer(name).fn(answer, gold, ctx)
    except Exception as e:
        reason = f"{_FAILED} ({name}: {type(e).__name__})"
        return FieldScore(0.0, reason, explanation=f"{reason}: {e}")


def _context(field: FieldSpec, params: BaseModel, shared: dict[str, Any]) -> FieldContext[Any]:
    """``FieldContext(field=field, params=params, **shared)``, built without its ``__init__``.

    The frozen dataclass's ``__init__`` sets each of its eleven attributes through
    ``object.__setattr__``; a stage grade builds one context per field. Nothing else runs
    in that ``__init__`` (no ``__post_init__``): a test checks the two are equal.
    """
    ctx: FieldContext[Any] = object.__new__(FieldContext)
    ctx.__dict__.update(field=field, params=params, **shared)
    return ctx


def score_stage(
    stage: StageSpec,
    case: Case,
    values: Mapping[str, Any],
    *,
    params: Mapping[str, BaseModel],
    calls: Sequence[ToolCallRecord] = (),
    world: World[Any] | None = None,
    fresh_world: Callable[[], World[Any] | None] | None = None,
    free_args: Mapping[str, tuple[str, ...]] | None = None,
    prompt: str = "",
    embedder: Embedder | None = None,
    judge: LLMJudge | None = None,
    memo: MutableMapping[Any, Any] | None = None,
    errors: list[str] | None = None,
) -> StageScore:
    """Score a validated stage answer against the case's gold.

    Args:
        stage: The stage spec (fields, scorers, weights).
        case: The case with gold.
        values: Answer values by field; a field that is absent scores 0.
        params: The case's validated grading parameters by field name.
        calls: The calls made at the stage, as they ran.
        world: The episode's world as the stage leaves it.
        fresh_world: Builds a new world of the case as an episode starts it.
        free_args: Per tool, arguments graded by presence only.
        prompt: The input the agent saw (for an LLM judge).
        embedder: Embedding model of similarity scorers (default model when None).
        judge: LLM judge of ``judge`` fields.
        memo: The case's memo, kept across episodes (see ``FieldContext.memo``).
        errors: Receives one line per field whose scorer failed (an LLM judge that
            cannot be reached, a scorer's own bug); such a field scores 0 with the
            failure as its reason, and the stage is still graded.

    Returns:
        The stage score: weighted mean of the fields, components per field, reasons
        (never quoting the gold) and the grader-side explanation.
    """
    gold = case.gold[stage.stage]
    components: dict[str, float] = {}
    details: dict[str, dict[str, float]] = {}
    reasons: list[str] = []
    explanations: list[str] = []
    total_w = sum(f.weight for f in stage.fields)
    acc = 0.0
    # What every field's context shares, in FieldContext's field order after field, params.
    shared = {
        "case": case,
        "free_args": free_args or {},
        "prompt": prompt,
        "calls": tuple(calls),
        "world": world,
        "fresh_world": fresh_world,
        "embedder": embedder,
        "judge": judge,
        "memo": memo,
    }
    for f in stage.fields:
        if f.name not in values:
            fs = FieldScore(0.0, "no answer")
        else:
            ctx = _context(f, params[f.name], shared)
            fs = _score_field(f.scorer, values[f.name], gold.get(f.name), ctx)
        if fs.reason.startswith(_FAILED) and errors is not None:
            errors.append(f"{f.name}: {fs.reason}")
        try:
            value = float(fs.value)
        except (TypeError, ValueError):
            value = 0.0
        value = min(1.0, max(0.0, value)) if math.isfinite(value) else 0.0
        components[f.name] = value
        if fs.components:
            details[f.name] = {k: float(v) for k, v in fs.components.items()}
        acc += f.weight * value
        if value < 1.0:
            reasons.append(f"{f.name}: {fs.reason}")
            if fs.explanation:
                explanations.append(f"{f.name}: {fs.explanation}")
    return StageScore(
        value=min(1.0, acc / total_w),
        components=components,
        reason="; ".join(reasons) or "all correct",
        details=details,
        explanation="; ".join(explanations),
    )

"""Grade a whole stage answer: each field by its scorer, weighted as the spec says."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ecomstage_env.data.schema import Case, StageSpec
from ecomstage_env.errors import ScenarioError
from ecomstage_env.scoring.scorers import SCORERS, FieldContext, FieldScore
from ecomstage_env.stages import StageScore

if TYPE_CHECKING:
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge

__all__ = ["score_stage", "zero_score"]


def zero_score(stage: StageSpec, reason: str) -> StageScore:
    """Return a score of 0 on every field, with ``reason`` (for unparsable answers)."""
    return StageScore(value=0.0, components={f.name: 0.0 for f in stage.fields}, reason=reason)


def score_stage(
    stage: StageSpec,
    case: Case,
    values: Mapping[str, Any],
    *,
    free_args: Mapping[str, tuple[str, ...]] | None = None,
    prompt: str = "",
    embedder: Embedder | None = None,
    judge: LLMJudge | None = None,
) -> StageScore:
    """Score a validated stage answer against the case's gold.

    Args:
        stage: The stage spec (fields, scorers, weights).
        case: The case with gold and grading data.
        values: Answer values by field; a field that is absent scores 0.
        free_args: Per tool, arguments graded by presence only.
        prompt: The input the agent saw (for an LLM judge).
        embedder: Embedding model of similarity scorers (default model when None).
        judge: LLM judge of ``judge`` fields.

    Returns:
        The stage score: weighted mean of the fields, components per field, reasons of
        the fields that were not fully right.

    Raises:
        ScenarioError: The spec names a scorer that does not exist.
    """
    gold = case.gold[stage.stage]
    components: dict[str, float] = {}
    details: dict[str, dict[str, float]] = {}
    reasons: list[str] = []
    total_w = sum(f.weight for f in stage.fields)
    acc = 0.0
    for f in stage.fields:
        scorer = SCORERS.get(f.scorer)
        if scorer is None:
            raise ScenarioError(f"unknown scorer {f.scorer!r} for field {f.name!r}")
        if f.name not in values:
            fs = FieldScore(0.0, "no answer")
        else:
            ctx = FieldContext(
                field=f,
                grading=case.grading.get(f"{stage.stage.value}.{f.name}", {}),
                free_args=free_args or {},
                prompt=prompt,
                embedder=embedder,
                judge=judge,
            )
            fs = scorer(values[f.name], gold.get(f.name), ctx)
        value = min(1.0, max(0.0, fs.value))
        components[f.name] = value
        if fs.components:
            details[f.name] = dict(fs.components)
        acc += f.weight * value
        if value < 1.0:
            reasons.append(f"{f.name}: {fs.reason}")
    return StageScore(
        value=min(1.0, acc / total_w),
        components=components,
        reason="; ".join(reasons) or "all correct",
        details=details,
    )

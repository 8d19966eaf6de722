"""presale_inquiry's answer scorer: required facts plus similarity, with a lexical fallback.

``presale_points`` grades the answer as the library's ``points`` scorer does (each
required fact checked against the catalogue: a wrong figure or a negated fact fails it;
retractions and untrue claims score 0) and blends in ``similarity`` of the answer to the
reference: the embedding cosine where sentence-transformers (torch) and the default
model are installed, else a lexical token-F1 (``text_f1``). ``backend`` forces one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from ecomstage_env.errors import EcomstageError
from ecomstage_env.scoring.points import PointsParams, points_scorer
from ecomstage_env.scoring.registry import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.scorers import cosine_scorer, text_f1

__all__ = ["PresalePointsParams", "presale_points", "similarity"]


class PresalePointsParams(PointsParams):
    """``points`` parameters plus the similarity backend.

    Attributes:
        backend: ``auto`` (embedding when available, else lexical), ``embedding`` or
            ``lexical``.
    """

    backend: Literal["auto", "embedding", "lexical"] = "auto"


def similarity(text: str, gold: str, ctx: FieldContext[Any], backend: str) -> tuple[float, str]:
    """Similarity of ``text`` to ``gold`` in [0, 1] and the backend that measured it."""
    if backend != "lexical":
        try:
            return cosine_scorer(text, gold, ctx).value, "embedding"
        except (EcomstageError, ImportError, OSError):
            if backend == "embedding":
                raise
    return text_f1(text, gold, ctx).value, "lexical"


@scorer("presale_points", params=PresalePointsParams, fields=("text",))
def presale_points(answer: Any, gold: Any, ctx: FieldContext[PresalePointsParams]) -> FieldScore:
    """Share of required facts stated (``points``), blended with similarity to the reference."""
    params = ctx.params
    weight = params.similarity
    inner = replace(ctx, params=params.model_copy(update={"similarity": 0.0}))
    base = points_scorer(answer, gold, inner)
    if weight <= 0 or "length" not in base.components:
        return base
    sim, used = similarity(str(answer), str(gold or ""), ctx, params.backend)
    scale = base.components["length"] * base.components["figures"]
    value = (1 - weight) * base.value + weight * sim * scale
    parts = {**base.components, "similarity": sim}
    reason = f"{base.reason}; {used} similarity {sim:.2f}"
    return FieldScore(min(1.0, max(0.0, value)), reason, parts, base.explanation)

"""presale_inquiry's answer scorer: required facts plus similarity, with a lexical fallback.

``presale_points`` grades the answer as the library's ``points`` scorer does (each
required fact checked against the catalogue: a wrong figure or a negated fact fails it;
retractions and untrue claims score 0), then:

- a text that states a ``wrong_figures`` figure (another catalogue value of the asked
  attribute, the other window of a rule, a figure the shopper wrongly assumed) other than
  to deny it ("not 8", "instead of 8", "down from 8") scores 0: the answer said
  something false about what was asked;
- a hedge between two figures of one unit ("6 mm or 10 mm") or a self-correction
  ("actually no", "or not") scores 0: it states nothing;
- a text that names only another product of the same brand (``other_names``, none of
  ``names``: "The Air: ..." when the Pro is asked about) scores 0;
- ``similarity`` of the answer to the reference (the embedding cosine where
  sentence-transformers and the default model are installed, else a lexical token-F1,
  ``text_f1``; ``backend`` forces one) counts only when every required fact is stated:
  wording never rescues a wrong or incomplete answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from pydantic import Field

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
        wrong_figures: Figures the catalogue contradicts for what was asked (another
            product's value of the attribute): stating one other than to deny it scores 0.
        names: Short names of the product asked about ("pro").
        other_names: Short names of its brand's other products ("air"): a text that names
            one of them and none of ``names`` answers about the wrong product: 0.
    """

    backend: Literal["auto", "embedding", "lexical"] = "auto"
    wrong_figures: list[float] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    other_names: list[str] = Field(default_factory=list)


_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?")
_DENIED = re.compile(
    r"(?:\bnot|n't|\bno\s+longer|\binstead\s+of|\brather\s+than|\bfrom|\bthan|\bwas"
    r"|\bwere|\bvs\.?|\bversus|\bnot\s+the)\s*(?:¥|rmb\s*)?$",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*([a-z%]*)\s+or\s+(?!\1\b)\d+(?:\.\d+)?\s*\2\b"
    r"|\bactually,?\s+(?:no|not)\b|\bor\s+not\b|\bmy\s+mistake\b",
    re.IGNORECASE,
)


def _named(text: str, names: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE) for n in names)


def wrong_figure(text: str, wrong: list[float]) -> float | None:
    """The first ``wrong`` figure that ``text`` states other than to deny it, if any."""
    for m in _FIGURE.finditer(text):
        value = float(m.group().replace(",", ""))
        if any(abs(value - w) < 1e-9 for w in wrong):
            before = text[max(0, m.start() - 14) : m.start()]
            if not _DENIED.search(before):
                return value
    return None


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
    text = str(answer)
    if "length" in base.components:
        if _HEDGE.search(text):
            return FieldScore(0.0, "the text hedges or corrects itself", {"coverage": 0.0})
        if _named(text, params.other_names) and not _named(text, params.names):
            return FieldScore(0.0, "the text answers about another product", {"coverage": 0.0})
        bad = wrong_figure(text, params.wrong_figures)
        if bad is not None:
            return FieldScore(
                0.0,
                "the text states a figure the catalogue contradicts",
                {"coverage": 0.0},
                f"wrong figure {bad:g}",
            )
    if weight <= 0 or "length" not in base.components:
        return base
    if base.components["coverage"] < 1:
        value = (1 - weight) * base.value
        reason = f"{base.reason}; similarity not counted (facts missing)"
        return FieldScore(min(1.0, max(0.0, value)), reason, base.components, base.explanation)
    sim, used = similarity(text, str(gold or ""), ctx, params.backend)
    scale = base.components["length"] * base.components["figures"]
    value = (1 - weight) * base.value + weight * sim * scale
    parts = {**base.components, "similarity": sim}
    reason = f"{base.reason}; {used} similarity {sim:.2f}"
    return FieldScore(min(1.0, max(0.0, value)), reason, parts, base.explanation)

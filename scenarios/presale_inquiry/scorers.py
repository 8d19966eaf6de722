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
  ``names``: "The Air: ..." when the Pro is asked about; "the Summit Lite" when the
  Summit is, names matched longest first) scores 0;
- in a comparison (``owners``: each product's names and the points that are its facts),
  a point counts only where it is stated *of its product*: the answer is cut into
  clauses (sentences; then commas, semicolons, "and", "but", "while", "vs", ...), each
  clause is about the product it names (a clause naming none is about the last product
  named before it in its sentence, else the next one named in it, else the last one
  named before; one naming both products is cut where the second is named; "both" or
  "each" is about both; a product named after "than" or "比" is what the clause is
  compared with, not what it is about). A figure stated of the other product (the two
  figures swapped), or of no product, does not count;
- ``similarity`` of the answer to the reference (the embedding cosine where
  sentence-transformers and the default model are installed, else a lexical token-F1,
  ``text_f1``; ``backend`` forces one) counts only when every required fact is stated:
  wording never rescues a wrong or incomplete answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env.errors import EcomstageError
from ecomstage_env.scoring.points import Point, PointsParams, Text, point_met, points_scorer
from ecomstage_env.scoring.registry import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.scorers import cosine_scorer, text_f1

__all__ = [
    "Owner",
    "PresalePointsParams",
    "about",
    "misattributed",
    "presale_points",
    "similarity",
]


class Owner(BaseModel):
    """One product of a comparison: how an answer names it, and which points are its facts.

    Attributes:
        names: Words and phrases that name the product alone (its short name, title
            words, Chinese name, id; "first one", "cheaper one" where they are clear).
        points: Positions (0-based) in ``points`` of the facts that are this product's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    names: list[str] = Field(min_length=1)
    points: list[int] = Field(min_length=1)


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
        owners: In a comparison, the products and the points that are each one's facts:
            a point counts only where it is stated of its product (see the module).
    """

    backend: Literal["auto", "embedding", "lexical"] = "auto"
    wrong_figures: list[float] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    other_names: list[str] = Field(default_factory=list)
    owners: list[Owner] = Field(default_factory=list)


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


def _names_only_another(text: str, own: list[str], other: list[str]) -> bool:
    """Whether ``text`` names another product of the brand and not the one asked about.

    Names are matched longest first and each match is taken out of the text before the
    shorter ones are looked for, so "the Summit Lite" names the Lite, not the Summit (a
    line sold in two models shares its short name).
    """
    found: set[bool] = set()
    rest = text
    for name in sorted({*own, *other}, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
        if pattern.search(rest):
            found.add(name in own)
            rest = pattern.sub(" ", rest)
    return found == {False}


def wrong_figure(text: str, wrong: list[float]) -> float | None:
    """The first ``wrong`` figure that ``text`` states other than to deny it, if any."""
    for m in _FIGURE.finditer(text):
        value = float(m.group().replace(",", ""))
        if any(abs(value - w) < 1e-9 for w in wrong):
            before = text[max(0, m.start() - 14) : m.start()]
            if not _DENIED.search(before):
                return value
    return None


_SENTENCE = re.compile(r"(?<=[.!?])\s+|[。！？\n]+")
_CLAUSE = re.compile(
    r"[;:()，；：、]|(?<!\d),|,(?!\d)|—|–|\s-\s|而|但"
    r"|\b(?:and|but|while|whilst|whereas|vs\.?|versus|against|compared\s+(?:to|with)"
    r"|though|although|plus)\b",
    re.IGNORECASE,
)
_OBJECT = re.compile(r"(?:\bthan|比(?!较))\s*(?:the\s+|that\s+|those\s+)?(?:[\w'’]+\s+)?$", re.I)
_RELATIVE = re.compile(r"\s*(?:which|who|whose|that\s+(?:is|has|weighs|holds|lasts))\b", re.I)
_BOTH = re.compile(r"\b(?:both|each|either)\b|都|两款|两个|各", re.IGNORECASE)


def _name_pattern(owners: list[Owner]) -> re.Pattern[str]:
    groups = []
    for k, o in enumerate(owners):
        alts = []
        for n in sorted(o.names, key=len, reverse=True):
            esc = re.escape(n.lower())
            alts.append(esc if not n.isascii() else rf"(?<![\w-]){esc}(?:s|es)?(?![\w-])")
        groups.append(f"(?P<o{k}>{'|'.join(alts)})")
    return re.compile("|".join(groups), re.IGNORECASE)


def about(text: str, owners: list[Owner]) -> list[tuple[str, frozenset[int]]]:
    """The answer's clauses, each with the products (indices of ``owners``) it is about.

    A clause's text has the product names taken out (so "Trekker 28" states no 28). A
    clause about no product is one the answer states of nothing.
    """
    pattern = _name_pattern(owners)
    every = frozenset(range(len(owners)))
    # text, products, sentence, the product named last in it (an object too)
    units: list[tuple[str, frozenset[int], int, int | None]] = []
    for sn, sentence in enumerate(_SENTENCE.split(text)):
        for clause in _CLAUSE.split(sentence):
            found = [
                (m.start(), m.end(), int(m.lastgroup[1:]))
                for m in pattern.finditer(clause)
                if m.lastgroup
            ]
            subjects = [(a, b, k) for a, b, k in found if not _OBJECT.search(clause[:a])]
            kinds = {k for _, _, k in subjects}
            last = found[-1][2] if found else None
            bare = clause
            for a, b, _ in found:
                bare = bare[:a] + " " * (b - a) + bare[b:]
            if _BOTH.search(clause) and len(kinds) != 1:
                units.append((bare, every, sn, last))
            elif len(kinds) <= 1:
                units.append((bare, frozenset(kinds), sn, last))
            else:  # cut where another product is named; the head goes with the first
                cuts = [a for i, (a, _, k) in enumerate(subjects) if i and k != subjects[i - 1][2]]
                bounds = [0, *cuts, len(bare)]
                owner_of = [subjects[0][2]] + [
                    k for i, (_, _, k) in enumerate(subjects) if i and k != subjects[i - 1][2]
                ]
                for (lo, hi), k in zip(pairwise(bounds), owner_of, strict=True):
                    units.append((bare[lo:hi], frozenset({k}), sn, last))
    out: list[tuple[str, frozenset[int]]] = []
    for i, (bare, ks, sn, _) in enumerate(units):
        named = [u[3] for u in units[:i] if u[3] is not None and u[2] == sn]
        if not ks and named and _RELATIVE.match(bare):  # "..., which weighs 1.1 kg"
            ks = frozenset({named[-1]})
        if not ks:
            before = [u[1] for u in units[:i] if u[1] and u[2] == sn]
            after = [u[1] for u in units[i + 1 :] if u[1] and u[2] == sn]
            earlier = [u[1] for u in units[:i] if u[1]]
            if before:
                ks = before[-1]
            elif after:
                ks = after[0]
            elif earlier:
                ks = earlier[-1]
        out.append((bare, ks))
    return out


def _probe(p: Point) -> Point:
    return Point(any=p.any, figure=p.figure, anchor=True, unit=p.unit)


def misattributed(text: str, points: list[Point], owners: list[Owner]) -> list[int]:
    """Positions of the owners' points that ``text`` does not state of their product.

    A point is stated of its product when some clause about that product states it and
    no clause about a product whose facts do not include it states it.
    """
    units = [(Text(bare), ks) for bare, ks in about(text, owners)]
    probes = {i: _probe(points[i]) for o in owners for i in o.points if 0 <= i < len(points)}
    owns = [[probes[i] for i in o.points if i in probes] for o in owners]
    bad = []
    for k, o in enumerate(owners):
        for i in o.points:
            if i not in probes:
                continue
            probe = probes[i]
            said = [ks for t, ks in units if point_met(t, probe)]
            mine = any(k in ks for ks in said)
            wrong = any(probe not in owns[j] for ks in said for j in ks)
            if not mine or wrong:
                bad.append(i)
    return sorted(bad)


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
        if _names_only_another(text, params.names, params.other_names):
            return FieldScore(0.0, "the text answers about another product", {"coverage": 0.0})
        bad = wrong_figure(text, params.wrong_figures)
        if bad is not None:
            return FieldScore(
                0.0,
                "the text states a figure the catalogue contradicts",
                {"coverage": 0.0},
                f"wrong figure {bad:g}",
            )
    if params.owners and "length" in base.components:
        base = _attributed(text, gold, base, params)
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


def _attributed(text: str, gold: Any, base: FieldScore, params: PresalePointsParams) -> FieldScore:
    """``base`` with the points stated of the wrong product (or of none) counted as missed."""
    ref = Text(str(gold or ""))
    said = Text(text)
    lost = [
        i
        for i in misattributed(text, params.points, params.owners)
        if point_met(said, params.points[i], ref)
    ]
    if not lost:
        return base
    n = len(params.points)
    coverage = max(0.0, base.components["coverage"] - len(lost) / n)
    value = coverage * base.components["length"] * base.components["figures"]
    if "judge" in base.components:
        value = (1 - params.judge_weight) * value + params.judge_weight * base.components["judge"]
    notes = "; ".join(params.points[i].label() for i in lost)
    explanation = f"{base.explanation}; " if base.explanation else ""
    return FieldScore(
        min(1.0, max(0.0, value)),
        f"{base.reason}; {len(lost)} stated of the wrong product or of none",
        {**base.components, "coverage": coverage},
        f"{explanation}not stated of its product: {notes}",
    )

"""Field scorers: pure functions ``(answer, gold, context) -> FieldScore``.

A scenario's spec names a scorer per field; :data:`SCORERS` maps those names to the
functions. Every scorer returns a value in [0, 1] and a reason that names what was
wrong, so a score is never a bare float. Scorers use no global state and no randomness.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring.labels import paper_correct, paper_normalize

if TYPE_CHECKING:
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge

__all__ = [
    "SCORERS",
    "FieldContext",
    "FieldScore",
    "Scorer",
    "call_matches",
    "cosine_scorer",
    "judge_scorer",
    "label_scorer",
    "paper_match",
    "plan_lcs_f1",
    "reply_scorer",
    "reply_similarity",
    "set_f1",
    "slot_f1",
    "text_f1",
    "tokens",
    "writes_f1",
]


@dataclass(frozen=True)
class FieldScore:
    """Score of one field: ``value`` in [0, 1], the ``reason`` in words, and the parts.

    ``components`` holds the sub-scores a value combines (e.g. a reply's point coverage
    and similarity), each in [0, 1]; empty for single-part scorers.
    """

    value: float
    reason: str
    components: Mapping[str, float] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class FieldContext:
    """What a scorer may know besides answer and gold.

    Attributes:
        field: The field's spec.
        grading: The case's extra grading data for this field (reply points, ranges).
        free_args: Per tool name, arguments graded by presence only.
        prompt: The input the agent saw at this stage (for an LLM judge).
        embedder: Embedding model of similarity scorers (the default model when None).
        judge: LLM judge of the ``judge`` scorer.
    """

    field: FieldSpec
    grading: Mapping[str, Any] = dc_field(default_factory=dict)
    free_args: Mapping[str, tuple[str, ...]] = dc_field(default_factory=dict)
    prompt: str = ""
    embedder: Embedder | None = None
    judge: LLMJudge | None = None


Scorer = Callable[[Any, Any, FieldContext], FieldScore]
"""Signature of a field scorer."""

_TOKEN = re.compile(r"[\u4e00-\u9fff]|[^\W_]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; each CJK character is a token of its own."""
    return _TOKEN.findall(text.lower())


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def label_scorer(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Exact label match (after the strict parse done by answer validation)."""
    if str(answer) == str(gold):
        return FieldScore(1.0, "correct")
    return FieldScore(0.0, f"answered {answer!r}, gold is {gold!r}")


def text_f1(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Token-overlap F1 between the answer and the reference text (SQuAD-style)."""
    a, g = Counter(tokens(str(answer))), Counter(tokens(str(gold)))
    if not g and not a:
        return FieldScore(1.0, "both empty")
    common = sum((a & g).values())
    if common == 0:
        return FieldScore(0.0, "no word in common with the reference")
    value = _f1(common / sum(a.values()), common / sum(g.values()))
    return FieldScore(value, f"token F1 {value:.2f} with the reference")


def reply_scorer(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Required-point coverage (half) and token F1 with the reference reply (half).

    ``grading["points"]`` lists the points a reply must make; each point is a list of
    alternative phrasings, covered when any of them occurs in the reply (case-insensitive).
    Without points, the score is the token F1 alone.
    """
    sim = text_f1(answer, gold, ctx)
    points: list[list[str]] = ctx.grading.get("points", [])
    if not points:
        return sim
    coverage, reason = _coverage(str(answer), points)
    value = 0.5 * coverage + 0.5 * sim.value
    parts = {"coverage": coverage, "token_f1": sim.value}
    return FieldScore(value, f"{reason}; {sim.reason}", parts)


def _coverage(answer: str, points: Sequence[Sequence[str]]) -> tuple[float, str]:
    """Share of required points the answer makes, and a reason naming the missing ones."""
    text = answer.lower()
    missing = [p[0] for p in points if not any(alt.lower() in text for alt in p)]
    reason = f"{len(points) - len(missing)}/{len(points)} required points"
    if missing:
        reason += " (missing: " + "; ".join(repr(m) for m in missing) + ")"
    return 1 - len(missing) / len(points), reason


def reply_similarity(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Required-point coverage (half) and embedding similarity to the reference (half).

    Similarity is the cosine of sentence embeddings (see :func:`cosine_scorer`),
    clipped at 0. Without ``grading["points"]`` the score is the similarity alone. An
    empty reply scores 0.
    """
    if not str(answer).strip():
        return FieldScore(0.0, "empty reply", {"coverage": 0.0, "similarity": 0.0})
    sim = cosine_scorer(answer, gold, ctx)
    points: list[list[str]] = ctx.grading.get("points", [])
    if not points:
        return FieldScore(sim.value, sim.reason, {"similarity": sim.value})
    coverage, reason = _coverage(str(answer), points)
    parts = {"coverage": coverage, "similarity": sim.value}
    return FieldScore(0.5 * coverage + 0.5 * sim.value, f"{reason}; {sim.reason}", parts)


def set_f1(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """F1 over sets of labels (entities, violation types): duplicates count once.

    Labels compare case- and space-insensitively; two empty sets agree (score 1).
    """
    pred = {_norm(x) for x in (answer or [])}
    ref = {_norm(x) for x in (gold or [])}
    if not pred and not ref:
        return FieldScore(1.0, "both empty")
    hit = pred & ref
    p = len(hit) / len(pred) if pred else 0.0
    r = len(hit) / len(ref) if ref else 0.0
    value = _f1(p, r)
    if value == 1.0:
        return FieldScore(1.0, "all labels right")
    parts = []
    if ref - pred:
        parts.append("missing " + ", ".join(sorted(map(str, ref - pred))))
    if pred - ref:
        parts.append("extra " + ", ".join(sorted(map(str, pred - ref))))
    return FieldScore(value, "; ".join(parts), {"precision": p, "recall": r})


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return " ".join(v.lower().split())
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 6)
    if isinstance(v, list):
        return sorted((_norm(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in sorted(v.items())}
    return v


def slot_f1(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """F1 over filled ``(slot, value)`` pairs; values compared case- and space-insensitively."""
    a = {(k, _norm(v)) for k, v in (answer or {}).items() if v not in (None, "")}
    g = {(k, _norm(v)) for k, v in (gold or {}).items() if v not in (None, "")}
    if not a and not g:
        return FieldScore(1.0, "no slots to fill")
    hit = len(a & g)
    value = _f1(hit / len(a), hit / len(g)) if a and g else 0.0
    wrong = sorted({k for k, _ in g - a})
    extra = sorted({k for k, _ in a - g} - set(wrong))
    if value == 1.0:
        return FieldScore(1.0, "all slots correct")
    parts = []
    if wrong:
        gold_d = dict(g)
        parts.append("wrong or missing: " + ", ".join(f"{k} (gold {gold_d[k]!r})" for k in wrong))
    if extra:
        parts.append("not in gold: " + ", ".join(extra))
    return FieldScore(value, "; ".join(parts))


def call_matches(
    pred: Mapping[str, Any],
    gold: Mapping[str, Any],
    *,
    ranges: Mapping[str, Sequence[float]] | None = None,
    free_args: Mapping[str, tuple[str, ...]] | None = None,
) -> bool:
    """Whether a predicted tool call satisfies a gold one.

    Same tool name; every gold argument present in the prediction and equal after
    normalisation, within its range (``ranges``), or merely present for free arguments.
    Arguments the gold does not name are not checked.
    """
    if pred.get("name") != gold.get("name"):
        return False
    p_args, g_args = pred.get("arguments", {}), gold.get("arguments", {})
    free = (free_args or {}).get(str(gold.get("name")), ())
    for k, gv in g_args.items():
        if k not in p_args or p_args[k] in (None, "", []):
            return False
        if k in free:
            continue
        if ranges and k in ranges:
            lo, hi = ranges[k]
            try:
                if not lo <= float(p_args[k]) <= hi:
                    return False
            except (TypeError, ValueError):
                return False
        elif _norm(p_args[k]) != _norm(gv):
            return False
    return True


def _show(call: Mapping[str, Any]) -> str:
    args = ", ".join(f"{k}={v!r}" for k, v in call.get("arguments", {}).items())
    return f"{call.get('name')}({args})"


def plan_lcs_f1(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Order-aware F1 of a tool plan: the longest common subsequence of matching calls."""
    pred, ref = list(answer or []), list(gold or [])
    if not pred and not ref:
        return FieldScore(1.0, "nothing to look up")
    if not pred or not ref:
        return FieldScore(0.0, "no lookups" if not pred else "lookups where none were needed")
    n, m = len(pred), len(ref)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            if call_matches(pred[i], ref[j], free_args=ctx.free_args):
                table[i + 1][j + 1] = table[i][j] + 1
            else:
                table[i + 1][j + 1] = max(table[i][j + 1], table[i + 1][j])
    lcs = table[n][m]
    value = _f1(lcs / n, lcs / m)
    if value == 1.0:
        return FieldScore(1.0, "plan matches")
    missing = [
        _show(g) for g in ref if not any(call_matches(p, g, free_args=ctx.free_args) for p in pred)
    ]
    reason = f"{lcs} of {m} gold lookups in order, {n} made"
    if missing:
        reason += "; missing " + ", ".join(missing)
    return FieldScore(value, reason)


def writes_f1(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """F1 between the writes made and the expected writes (order-free, one-to-one).

    ``grading["arg_ranges"]`` gives, per gold write, accepted ranges of numeric arguments.
    No writes expected and none made scores 1; any write where none was due scores 0.
    """
    pred, ref = list(answer or []), list(gold or [])
    ranges: list[Mapping[str, Sequence[float]]] = list(ctx.grading.get("arg_ranges", []))
    ranges += [{}] * (len(ref) - len(ranges))
    if not pred and not ref:
        return FieldScore(1.0, "no change was due and none was made")
    used: set[int] = set()
    missing: list[str] = []
    for g, r in zip(ref, ranges, strict=True):
        hit = next(
            (
                i
                for i, p in enumerate(pred)
                if i not in used and call_matches(p, g, ranges=r, free_args=ctx.free_args)
            ),
            None,
        )
        if hit is None:
            bounds = "".join(f" with {k} in [{lo}, {hi}]" for k, (lo, hi) in r.items())
            missing.append(_show(g) + bounds)
        else:
            used.add(hit)
    extra = [_show(p) for i, p in enumerate(pred) if i not in used]
    hit_n = len(used)
    value = _f1(hit_n / len(pred), hit_n / len(ref)) if pred and ref else 0.0
    if value == 1.0:
        return FieldScore(1.0, "expected changes made")
    parts = []
    if missing:
        parts.append("missing " + "; ".join(missing))
    if extra:
        parts.append("unexpected " + "; ".join(extra))
    return FieldScore(value, ", ".join(parts))


def paper_match(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """The official EComStage rule: correct when the gold is a substring of the output.

    See :mod:`ecomstage_env.scoring.labels`; kept exact so scores compare with the paper.
    """
    shown = paper_normalize(answer)[:60]
    if paper_correct(answer, gold):
        return FieldScore(1.0, "correct (paper rule: gold found in the output)")
    return FieldScore(0.0, f"gold {gold!r} not found in the output {shown!r}")


def cosine_scorer(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """Cosine similarity of sentence embeddings (the paper's metric), clipped to [0, 1].

    An empty answer scores 0 without being embedded.
    """
    text = str(answer).strip()
    if not text:
        return FieldScore(0.0, "empty answer")
    if ctx.embedder is None:
        from ecomstage_env.scoring.embedding import get_embedder

        embedder = get_embedder()
    else:
        embedder = ctx.embedder
    # Rounded so that a text compared with itself scores exactly 1 despite float noise.
    cos = round(float(embedder.similarity([text], [str(gold)])[0]), 6)
    value = min(1.0, max(0.0, cos))
    return FieldScore(value, f"cosine {cos:.3f} with the reference ({embedder.name})")


def judge_scorer(answer: Any, gold: Any, ctx: FieldContext) -> FieldScore:
    """An LLM judge's 0/1/2 verdict, as 0, 0.5 or 1; the raw verdict is in the reason.

    The judge prompt is the case's ``grading["judge_prompt"]`` (``reply`` by default).
    Without a judge configured, the field falls back to :func:`cosine_scorer`.
    """
    if ctx.judge is None:
        return cosine_scorer(answer, gold, ctx)
    kind = str(ctx.grading.get("judge_prompt", "reply"))
    verdict = ctx.judge.grade(kind, ctx.prompt, str(gold), str(answer))
    shown = "unreadable" if verdict.score is None else f"{verdict.score}/2"
    return FieldScore(
        verdict.value, f"judge {verdict.model} {shown}: {verdict.reason}; raw: {verdict.raw!r}"
    )


SCORERS: dict[str, Scorer] = {
    "label": label_scorer,
    "text_f1": text_f1,
    "reply": reply_scorer,
    "reply_similarity": reply_similarity,
    "set_f1": set_f1,
    "slot_f1": slot_f1,
    "plan_lcs_f1": plan_lcs_f1,
    "writes_f1": writes_f1,
    "paper_match": paper_match,
    "cosine": cosine_scorer,
    "judge": judge_scorer,
}
"""Scorers by the name a spec uses."""

"""The built-in field scorers, registered by name (see :mod:`ecomstage_env.scoring.registry`).

Every scorer is a pure function ``(answer, gold, context) -> FieldScore`` with a value in
[0, 1] and a reason naming what was wrong without quoting the gold (the gold goes into
the grader-side ``explanation``). No global state, no randomness.

| name | fields | grades |
|---|---|---|
| ``label`` | label | exact label; ``accept`` lists other defensible labels |
| ``set_f1`` | labels | F1 over a set of labels |
| ``slot_f1`` | slots | F1 over filled slots; ``accept`` per slot |
| ``text_f1`` | text | token-overlap F1 with the reference |
| ``points`` | text | required points stated (see :mod:`~ecomstage_env.scoring.points`) |
| ``plan_lcs_f1`` | calls | order-aware F1 of a tool plan against gold calls |
| ``writes_f1`` | calls | F1 of the writes made against gold writes, argument ranges |
| ``facts_revealed`` | calls | the facts the calls that ran revealed, against those needed |
| ``world_outcome`` | calls | the world state the stage left, against the gold writes' |
| ``paper_match`` | text | the official EComStage substring rule |
| ``cosine`` | text | cosine of sentence embeddings (the paper's metric) |
| ``judge`` | text | an LLM judge's 0/1/2 verdict |
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env.errors import ScenarioError
from ecomstage_env.scoring.labels import paper_correct, paper_normalize
from ecomstage_env.scoring.registry import FieldContext, FieldScore, NoParams, scorer
from ecomstage_env.scoring.statements import fold_width

__all__ = [
    "FactsParams",
    "JudgeParams",
    "LabelParams",
    "OutcomeParams",
    "SlotParams",
    "WritesParams",
    "call_matches",
    "cosine_scorer",
    "facts_revealed",
    "judge_scorer",
    "label_scorer",
    "paper_match",
    "plan_lcs_f1",
    "set_f1",
    "slot_f1",
    "text_f1",
    "tokens",
    "world_outcome",
    "writes_f1",
]


@cache
def _token_re() -> re.Pattern[str]:
    """Tokens: CJK characters and runs of letters or digits (compiled on first use)."""
    return re.compile(r"[\u4e00-\u9fff]|[^\W_]+", re.UNICODE)


class _Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LabelParams(_Params):
    """Parameters of ``label``.

    Attributes:
        accept: Other labels that are also right for this case (a defensible second
            reading, written down in the case's annotation notes).
    """

    accept: list[str] = Field(default_factory=list)


class SlotParams(_Params):
    """Parameters of ``slot_f1``.

    Attributes:
        accept: Per slot, other values that are also right for this case.
    """

    accept: dict[str, list[str]] = Field(default_factory=dict)


class WritesParams(_Params):
    """Parameters of ``writes_f1``.

    Attributes:
        arg_ranges: Per gold write (in order), accepted ranges of numeric arguments.
    """

    arg_ranges: list[dict[str, tuple[float, float]]] = Field(default_factory=list)


class FactsParams(_Params):
    """Parameters of ``facts_revealed``.

    Attributes:
        facts: The facts the decision needs, as the world names them (see
            :meth:`~ecomstage_env.world.base.World.revealed`).
        needless_penalty: Taken off per call that revealed no needed fact not already
            revealed (failed calls included).
        free_tools: Tools never counted as needless (reading the help centre's rules).
    """

    facts: list[str] = Field(default_factory=list)
    needless_penalty: float = Field(default=0.1, ge=0.0, le=1.0)
    free_tools: list[str] = Field(default_factory=list)


class OutcomeParams(_Params):
    """Parameters of ``world_outcome``.

    Attributes:
        accept: Per outcome key (see :meth:`~ecomstage_env.world.base.World.outcome`), the
            accepted range of a numeric value where the policy allows a range.
        beta: The F-beta weight of recall over precision. Below 1 a change that was not due
            costs more than a due one left undone (money paid out or an order changed
            wrongly cannot be taken back by the next message), so writing everything
            allowed scores less.
        refused_count: Count each write the world refused (valid arguments, forbidden by
            the shop's rules) as a change that was not due: trying every write until the
            rules let one through is not a decision.
    """

    accept: dict[str, tuple[float, float]] = Field(default_factory=dict)
    beta: float = Field(default=1.0, gt=0.0)
    refused_count: bool = False


class JudgeParams(_Params):
    """Parameters of ``judge``.

    Attributes:
        judge_prompt: Which judge prompt grades the field (``reply`` or ``rewrite``).
    """

    judge_prompt: str = "reply"


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; each CJK character is a token of its own."""
    return _token_re().findall(text.lower())


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _fbeta(precision: float, recall: float, beta: float) -> float:
    if beta == 1.0:
        return _f1(precision, recall)
    b2 = beta * beta
    denom = b2 * precision + recall
    return 0.0 if denom == 0 else (1 + b2) * precision * recall / denom


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _same_atom(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are the same plain value (so :func:`_norm` maps them alike)."""
    return a is b or (type(a) is type(b) and type(a) in _PLAIN and a == b)


def _norm(v: Any) -> Any:
    if isinstance(v, str):  # "O-３０１９" is "O-3019"
        return " ".join(fold_width(v).lower().split())
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 6)
    if isinstance(v, (list, tuple)):
        return sorted((_norm(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in sorted(v.items())}
    return v


# -- labels -----------------------------------------------------------------------------------
@scorer("label", params=LabelParams, fields=("label",))
def label_scorer(answer: Any, gold: Any, ctx: FieldContext[LabelParams]) -> FieldScore:
    """Exact label match (after the strict parse of answer validation); ``accept`` too."""
    right = {str(gold), *ctx.params.accept}
    if str(answer) in right:
        return FieldScore(1.0, "correct")
    shown = "/".join(sorted(right))
    return FieldScore(0.0, "wrong label", explanation=f"answered {answer!r}, gold {shown}")


@scorer("set_f1", fields=("labels",))
def set_f1(answer: Any, gold: Any, ctx: FieldContext[NoParams]) -> FieldScore:
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
    reason = f"{len(hit)} of {len(pred)} labels right, {len(ref) - len(hit)} missing"
    parts = []
    if ref - pred:
        parts.append("missing " + ", ".join(sorted(map(str, ref - pred))))
    if pred - ref:
        parts.append("extra " + ", ".join(sorted(map(str, pred - ref))))
    return FieldScore(value, reason, {"precision": p, "recall": r}, "; ".join(parts))


@scorer("slot_f1", params=SlotParams, fields=("slots",))
def slot_f1(answer: Any, gold: Any, ctx: FieldContext[SlotParams]) -> FieldScore:
    """F1 over filled ``(slot, value)`` pairs; values compared case- and space-insensitively.

    A slot's value also counts when it is one of the case's ``accept`` values for it.
    """
    accept = {k: {_norm(x) for x in v} for k, v in ctx.params.accept.items()}
    g = {(k, _norm(v)) for k, v in (gold or {}).items() if v not in (None, "")}
    a = set()
    for k, v in (answer or {}).items():
        if v in (None, ""):
            continue
        value = _norm(v)
        if value in accept.get(k, ()) and k in dict(g):
            value = dict(g)[k]  # an accepted alternative counts as the gold value
        a.add((k, value))
    if not a and not g:
        return FieldScore(1.0, "no slots to fill")
    hit = len(a & g)
    value = _f1(hit / len(a), hit / len(g)) if a and g else 0.0
    if value == 1.0:
        return FieldScore(1.0, "all slots correct")
    wrong = sorted({k for k, _ in g - a})
    extra = sorted({k for k, _ in a - g} - set(wrong))
    parts = []
    if wrong:
        parts.append("wrong or missing: " + ", ".join(wrong))
    if extra:
        parts.append("not expected: " + ", ".join(extra))
    explanation = ", ".join(f"{k} gold {(gold or {}).get(k)!r}" for k in wrong)
    return FieldScore(value, "; ".join(parts), explanation=explanation)


# -- text -------------------------------------------------------------------------------------
@scorer("text_f1", fields=("text",))
def text_f1(answer: Any, gold: Any, ctx: FieldContext[NoParams]) -> FieldScore:
    """Token-overlap F1 between the answer and the reference text (SQuAD-style)."""
    a, g = Counter(tokens(str(answer))), Counter(tokens(str(gold)))
    if not g and not a:
        return FieldScore(1.0, "both empty")
    common = sum((a & g).values())
    if common == 0:
        return FieldScore(0.0, "no word in common with the reference")
    value = _f1(common / sum(a.values()), common / sum(g.values()))
    return FieldScore(value, f"token F1 {value:.2f} with the reference")


@scorer("paper_match", fields=("text",))
def paper_match(answer: Any, gold: Any, ctx: FieldContext[NoParams]) -> FieldScore:
    """The official EComStage rule: correct when the gold is a substring of the output.

    See :mod:`ecomstage_env.scoring.labels`; kept exact so scores compare with the paper.
    """
    shown = paper_normalize(answer)[:60]
    if paper_correct(answer, gold):
        return FieldScore(1.0, "correct (paper rule: gold found in the output)")
    return FieldScore(
        0.0, "gold label not found in the output", explanation=f"gold {gold!r} in {shown!r}"
    )


def _cosine(embedder: Any, text: str, reference: str, memo: Any) -> float:
    """Cosine of ``text`` and ``reference``; the reference embedded once per case.

    With the case's memo and an :class:`~ecomstage_env.scoring.embedding.Embedder`, the
    reference's embedding is kept in the memo (never evicted, unlike the embedder's LRU
    cache); the arithmetic is :meth:`Embedder.similarity`'s, so the value is the same.
    Any other embedder (an object with ``similarity`` and ``name``) is asked as it is.
    """
    from ecomstage_env.scoring.embedding import Embedder

    if memo is None or not isinstance(embedder, Embedder):
        return float(embedder.similarity([text], [reference])[0])
    key = ("cosine_reference", embedder.model_ref, embedder.device, reference)
    ref = memo.get(key)
    if ref is None:
        ref = memo[key] = embedder.encode([reference])
    vec = embedder.encode([text])
    return float(np.asarray(np.sum(vec * ref, axis=1), dtype=np.float64)[0])


@scorer("cosine", fields=("text",))
def cosine_scorer(answer: Any, gold: Any, ctx: FieldContext[Any]) -> FieldScore:
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
    cos = round(_cosine(embedder, text, str(gold), ctx.memo), 6)
    value = min(1.0, max(0.0, cos))
    return FieldScore(value, f"cosine {cos:.3f} with the reference ({embedder.name})")


@scorer("judge", params=JudgeParams, fields=("text",))
def judge_scorer(answer: Any, gold: Any, ctx: FieldContext[JudgeParams]) -> FieldScore:
    """An LLM judge's 0/1/2 verdict, as 0, 0.5 or 1; the raw verdict is in the explanation.

    Without a judge configured, the field falls back to :func:`cosine_scorer`.
    """
    if ctx.judge is None:
        return cosine_scorer(answer, gold, ctx)
    verdict = ctx.judge.grade(ctx.params.judge_prompt, ctx.prompt, str(gold), str(answer))
    shown = "unreadable" if verdict.score is None else f"{verdict.score}/2"
    return FieldScore(
        verdict.value,
        f"judge {verdict.model} {shown}",
        explanation=f"{verdict.reason}; raw: {verdict.raw!r}",
    )


# -- tool calls against gold calls ------------------------------------------------------------
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


@scorer("plan_lcs_f1", fields=("calls",))
def plan_lcs_f1(answer: Any, gold: Any, ctx: FieldContext[Any]) -> FieldScore:
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
    return FieldScore(
        value,
        f"{lcs} of {m} needed lookups in order, {n} made",
        explanation="missing " + ", ".join(missing) if missing else "",
    )


@scorer("writes_f1", params=WritesParams, fields=("calls",))
def writes_f1(answer: Any, gold: Any, ctx: FieldContext[WritesParams]) -> FieldScore:
    """F1 between the writes made and the expected writes (order-free, one-to-one).

    ``arg_ranges`` gives, per gold write, accepted ranges of numeric arguments. No writes
    expected and none made scores 1; any write where none was due scores 0.
    """
    pred, ref = list(answer or []), list(gold or [])
    ranges: list[Mapping[str, Sequence[float]]] = list(ctx.params.arg_ranges)
    ranges += [{}] * (len(ref) - len(ranges))
    if not pred and not ref:
        return FieldScore(1.0, "no change was due and none was made")
    used: set[int] = set()
    missing: list[str] = []
    for g, r in zip(ref, ranges, strict=False):
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
    reason = f"{hit_n} of {len(ref)} expected changes made, {len(extra)} unexpected"
    parts = []
    if missing:
        parts.append("missing " + "; ".join(missing))
    if extra:
        parts.append("unexpected " + "; ".join(extra))
    return FieldScore(value, reason, explanation=", ".join(parts))


# -- tool calls against the world -------------------------------------------------------------
def _world(ctx: FieldContext[Any], scorer_name: str) -> Any:
    if ctx.world is None or ctx.fresh_world is None:
        raise ScenarioError(f"the {scorer_name} scorer needs a scenario with a world")
    return ctx.world


@scorer("facts_revealed", params=FactsParams, fields=("calls",))
def facts_revealed(answer: Any, gold: Any, ctx: FieldContext[FactsParams]) -> FieldScore:
    """The needed facts that the calls which actually ran revealed; needless calls cost a bit.

    Any set of calls that reveals every needed fact earns full credit. Calls listed in
    an answer but not run reveal nothing. Each call that revealed no needed fact not
    already revealed takes ``needless_penalty`` off.
    """
    world = _world(ctx, "facts_revealed")
    need = set(ctx.params.facts)
    seen: set[str] = set()
    needless = 0
    for call in ctx.calls:
        if call.kind != "read" or call.name in ctx.params.free_tools:
            continue
        facts = set(world.revealed(call)) if call.ok else set()
        if not (facts & need) - seen:
            needless += 1
        seen |= facts
    got = seen & need
    recall = len(got) / len(need) if need else 1.0
    penalty = ctx.params.needless_penalty * needless
    value = max(0.0, recall - penalty)
    parts = {"recall": recall, "needless_calls": float(needless)}
    if value == 1.0:
        return FieldScore(1.0, "every needed fact looked up", parts)
    reason = f"{len(got)} of {len(need)} needed facts looked up"
    if needless:
        reason += f", {needless} call(s) revealed nothing needed"
    missing = sorted(need - got)
    return FieldScore(value, reason, parts, "missing " + ", ".join(missing) if missing else "")


_Outcomes = tuple[dict[str, Any], dict[str, Any], dict[str, Any], frozenset[str]]


def _gold_outcomes(ctx: FieldContext[Any], gold: Any) -> _Outcomes:
    """The world's outcome as the episode started and as the gold writes leave it.

    Also the start's values normalised (:func:`_norm`) and the keys the gold changes. All
    depend only on the case and its gold, so they are kept in the case's memo.
    """
    from ecomstage_env.world.base import ToolError

    # The case's gold is the same object episode after episode: one slot per field keeps
    # the last gold object's outcomes, so the usual call skips encoding the gold as a key.
    slot = ("world_outcome_last", ctx.field.name)
    if ctx.memo is not None:
        last = ctx.memo.get(slot)
        if last is not None and last[0] is gold:
            same: _Outcomes = last[1]
            return same
    key = ("world_outcome", json.dumps(gold, sort_keys=True, default=repr))
    if ctx.memo is not None and key in ctx.memo:
        cached: _Outcomes = ctx.memo[key]
        ctx.memo[slot] = (gold, cached)
        return cached
    assert ctx.fresh_world is not None
    start, expected_world = ctx.fresh_world(), ctx.fresh_world()
    assert start is not None and expected_world is not None
    for call in gold or []:
        try:
            expected_world.call(call["name"], call.get("arguments", {}))
        except ToolError as e:
            raise ScenarioError(f"gold write {_show(call)} fails on the case's world: {e}") from e
    base, expected = start.outcome(), expected_world.outcome()
    norm_base = {k: _norm(v) for k, v in base.items()}
    due = frozenset(
        k for k in set(base) | set(expected) if _norm(expected.get(k)) != norm_base.get(k)
    )
    out = (base, expected, norm_base, due)
    if ctx.memo is not None:
        ctx.memo[key] = out
        ctx.memo[slot] = (gold, out)
    return out


@scorer("world_outcome", params=OutcomeParams, fields=("calls",))
def world_outcome(answer: Any, gold: Any, ctx: FieldContext[OutcomeParams]) -> FieldScore:
    """The changes the stage made to the world, against the changes the gold writes make.

    Compares :meth:`~ecomstage_env.world.base.World.outcome` of three worlds: as the
    episode started, as the gold writes leave it, and as the agent left it. A change
    that was due counts when the agent's value equals the gold's (or lies in its
    ``accept`` range); a change that was not due counts against. F1 over the changes
    (F-beta with the params' ``beta``); no change due and none made scores 1.
    """
    got = _world(ctx, "world_outcome").outcome()
    base, expected, norm_base, due = _gold_outcomes(ctx, gold)
    # A key in neither world normalises to None on both sides: neither due nor made. A
    # value the start holds as it is (same type, equal) normalises the same: not made.
    made = {
        k
        for k in set(base) | set(got)
        if not _same_atom(got.get(k), base.get(k)) and _norm(got.get(k)) != norm_base.get(k)
    }

    def right(key: str) -> bool:
        value, want = got.get(key), expected.get(key)
        if key in ctx.params.accept and isinstance(value, (int, float)):
            lo, hi = ctx.params.accept[key]
            return lo <= float(value) <= hi
        return bool(_norm(value) == _norm(want))

    hits = {k for k in due & made if right(k)}
    refused = len(getattr(ctx.world, "refused", ())) if ctx.params.refused_count else 0
    if not due and not made and not refused:
        return FieldScore(1.0, "no change was due and none was made")
    tried = len(made) + refused
    precision = len(hits) / tried if tried else 0.0
    value = _fbeta(precision, len(hits) / len(due), ctx.params.beta) if tried and due else 0.0
    if value == 1.0:
        return FieldScore(1.0, "the world is as it should be")
    wrong = sorted((due & made) - hits)
    missing, extra = sorted(due - made), sorted(made - due)
    reason = f"{len(hits)} of {len(due)} due changes right"
    if wrong:
        reason += f", {len(wrong)} with a wrong value"
    if extra:
        reason += f", {len(extra)} change(s) that were not due"
    if refused:
        reason += f", {refused} write(s) the shop's rules refused"
    detail = []
    for k in wrong:
        want = ctx.params.accept.get(k, expected.get(k))
        detail.append(f"{k}: {got.get(k)!r}, expected {want!r}")
    detail += [f"{k}: unchanged, expected {expected.get(k)!r}" for k in missing]
    detail += [f"{k}: changed to {got.get(k)!r}" for k in extra]
    return FieldScore(value, reason, explanation="; ".join(detail))

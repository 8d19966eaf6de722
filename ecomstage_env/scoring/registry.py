"""The open scorer registry: scorers registered by name, with typed per-case parameters.

A scorer grades one answer field: ``(answer, gold, context) -> FieldScore``. It is
registered with :func:`scorer`, which names it and gives the pydantic model of the
grading parameters a case may carry for it (``case.grading["stage.field"]``, merged over
the field's ``params`` in ``spec.toml``)::

    class WithinParams(BaseModel):
        tolerance: float = 0.05

    @scorer("within", params=WithinParams, fields=("text",))
    def within(answer, gold, ctx):
        ok = abs(float(answer) - float(gold)) <= ctx.params.tolerance * abs(float(gold))
        return FieldScore(1.0 if ok else 0.0, "within tolerance" if ok else "off")

Scenario loading checks every scorer name of a spec and every case's grading keys and
parameters against this registry, so a typo is an error naming file, line and field,
not a silent zero. A scorer defined in a scenario folder (its ``world.py``, or a module
the spec lists under ``scorer_modules``) or in a user package registers the same way.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from ecomstage_env.errors import ScenarioError, did_you_mean

if TYPE_CHECKING:
    from ecomstage_env.data.schema import Case, FieldSpec
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge
    from ecomstage_env.stages import ToolCallRecord
    from ecomstage_env.world.base import World

__all__ = [
    "FIELD_TYPES",
    "FieldContext",
    "FieldScore",
    "NoParams",
    "ScorerFn",
    "ScorerInfo",
    "get_scorer",
    "list_scorers",
    "scorer",
]

FIELD_TYPES = ("text", "label", "labels", "slots", "calls")
"""Every kind of answer field a scorer may accept."""

P = TypeVar("P", bound=BaseModel)


class NoParams(BaseModel):
    """Grading parameters of a scorer that takes none (any key is an error)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class FieldScore:
    """Score of one field.

    Attributes:
        value: In [0, 1].
        reason: What was wrong, in words that do not quote the gold (shown to the agent).
        components: Sub-scores the value combines (each in [0, 1]); empty for simple scorers.
        explanation: Grader-side detail that may quote the gold (kept for reports only).
    """

    value: float
    reason: str
    components: Mapping[str, float] = dc_field(default_factory=dict)
    explanation: str = ""


@dataclass(frozen=True)
class FieldContext(Generic[P]):
    """What a scorer may know besides answer and gold.

    Attributes:
        field: The field's spec.
        params: The case's grading parameters for this field, validated against the
            scorer's parameter model (spec defaults merged under case values).
        case: The case being graded.
        free_args: Per tool name, arguments graded by presence only.
        prompt: The input the agent saw at this stage (for an LLM judge).
        calls: Every call the agent made at this stage, as it ran.
        world: The episode's world as the stage leaves it (None without a world).
        fresh_world: Builds a new world of the case as an episode starts it.
        embedder: Embedding model of similarity scorers (the default model when None).
        judge: LLM judge, when the env was given one.
        memo: A store kept per case across episodes, for what depends only on the case
            and its gold (e.g. the world the gold writes leave); None when there is none.
    """

    field: FieldSpec
    params: P
    case: Case | None = None
    free_args: Mapping[str, tuple[str, ...]] = dc_field(default_factory=dict)
    prompt: str = ""
    calls: Sequence[ToolCallRecord] = ()
    world: World[Any] | None = None
    fresh_world: Callable[[], World[Any] | None] | None = None
    embedder: Embedder | None = None
    judge: LLMJudge | None = None
    memo: MutableMapping[Any, Any] | None = None


ScorerFn = Callable[[Any, Any, FieldContext[Any]], FieldScore]
"""Signature of a field scorer."""


@dataclass(frozen=True)
class ScorerInfo:
    """A registered scorer.

    Attributes:
        name: The name specs use.
        fn: The scoring function.
        params: Pydantic model of its per-case grading parameters.
        fields: Field types it can grade.
        description: First line of its docstring.
    """

    name: str
    fn: ScorerFn
    params: type[BaseModel]
    fields: frozenset[str]
    description: str

    def parse_params(self, raw: Mapping[str, Any]) -> BaseModel:
        """Validate grading parameters (raises pydantic's ``ValidationError``)."""
        return self.params.model_validate(dict(raw))


_REGISTRY: dict[str, ScorerInfo] = {}


def _origin(fn: Callable[..., Any]) -> tuple[str, str]:
    # A scenario folder loaded twice (or copied elsewhere) gets another module name but
    # defines the same function: compare the file's stem and the qualified name.
    module = getattr(fn, "__module__", "") or ""
    return module.rsplit(".", 1)[-1], getattr(fn, "__qualname__", repr(fn))


def scorer(
    name: str | None = None,
    *,
    params: type[BaseModel] = NoParams,
    fields: Sequence[str] = FIELD_TYPES,
) -> Callable[[ScorerFn], ScorerFn]:
    """Register a field scorer under ``name`` (default: the function's name).

    Args:
        name: Name used in ``spec.toml`` (``scorer = "name"``).
        params: Pydantic model of the per-case grading parameters.
        fields: Field types the scorer can grade (a spec that uses it on another type
            fails to load).

    Returns:
        The decorator; it returns the function unchanged.

    Raises:
        ScenarioError: The name is taken by another function, or an unknown field type.
    """
    bad = set(fields) - set(FIELD_TYPES)
    if bad:
        raise ScenarioError(f"unknown field types {sorted(bad)}; known: {', '.join(FIELD_TYPES)}")

    def register(fn: ScorerFn) -> ScorerFn:
        key = name or fn.__name__
        known = _REGISTRY.get(key)
        if known is not None and _origin(known.fn) != _origin(fn):
            where = f"{known.fn.__module__}.{known.fn.__qualname__}"
            raise ScenarioError(f"scorer name {key!r} is already registered by {where}")
        doc = inspect.cleandoc(fn.__doc__ or "").split("\n", 1)[0]
        _REGISTRY[key] = ScorerInfo(key, fn, params, frozenset(fields), doc)
        return fn

    return register


def get_scorer(name: str) -> ScorerInfo:
    """Return the scorer registered as ``name``.

    Raises:
        ScenarioError: No such scorer (with a "Did you mean" hint).
    """
    try:
        return _REGISTRY[name]
    except KeyError:
        hint = did_you_mean(name, _REGISTRY)
        raise ScenarioError(
            f"unknown scorer {name!r}.{hint} Registered: {', '.join(sorted(_REGISTRY))}"
        ) from None


def list_scorers() -> list[ScorerInfo]:
    """Return every registered scorer, sorted by name."""
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]

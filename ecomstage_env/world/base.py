"""The world an agent acts in: typed state plus READ/WRITE tools.

A scenario's world subclasses :class:`World`, declares its state as a pydantic model
and its tools as methods decorated with :func:`tool`. The method signature and its
Google docstring become the OpenAI tool schema, so a tool is described in exactly one
place. Tool failures caused by the agent (unknown tool, bad arguments, an id the
merchant may not see) raise :class:`ToolError`, which the env turns into a tool result
the agent can read; they never crash an episode.
"""

from __future__ import annotations

import copy
import inspect
import json
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, cast, get_args, get_type_hints

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from ecomstage_env.data.schema import WorldSetup
from ecomstage_env.errors import DataError, did_you_mean
from ecomstage_env.stages import ToolCall, ToolCallRecord

__all__ = [
    "ToolError",
    "ToolKind",
    "ToolSpec",
    "World",
    "merge_patch",
    "search_articles",
    "setup",
    "tool",
]

StateT = TypeVar("StateT", bound=BaseModel)
F = TypeVar("F", bound=Callable[..., Any])


def search_articles(articles: Sequence[Any], query: str, k: int = 3) -> list[dict[str, str]]:
    """The ``k`` help-centre articles sharing most words with ``query`` (a tool's body).

    Articles are ranked by how many of the query's words their title, text and tags
    contain (ties by id); those sharing no word are left out. Each needs ``article_id``,
    ``title``, ``text`` and ``tags``.

    Raises:
        ToolError: The query has no word.
    """
    words = set(re.findall(r"\w+", query.lower()))
    if not words:
        raise ToolError("query is empty")

    def overlap(a: Any) -> int:
        text = f"{a.title} {a.text} {' '.join(a.tags)}".lower()
        return len(words & set(re.findall(r"\w+", text)))

    ranked = sorted(articles, key=lambda a: (-overlap(a), a.article_id))
    return [
        {"article_id": a.article_id, "title": a.title, "text": a.text}
        for a in ranked[:k]
        if overlap(a) > 0
    ]


class ToolKind(StrEnum):
    """Whether a tool only reads the world or changes it."""

    READ = "read"
    WRITE = "write"


class ToolError(Exception):
    """A tool call the world refuses; the message is shown to the agent."""


class ToolSpec(BaseModel):
    """Description of one tool, derived from its method.

    Attributes:
        name: Tool name.
        kind: READ or WRITE.
        description: First paragraph of the docstring.
        parameters: JSON Schema of the arguments.
        free_args: Arguments graded by presence only, not by value (free text, or
            settings the policy does not pin down).
    """

    model_config = ConfigDict(frozen=True)

    name: str
    kind: ToolKind
    description: str
    parameters: dict[str, Any]
    free_args: tuple[str, ...] = ()

    def openai(self) -> dict[str, Any]:
        """Return the tool in the OpenAI ``tools=[...]`` format."""
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.parameters,
            },
        }


def tool(kind: ToolKind, *, free_args: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Mark a world method as a tool.

    Args:
        kind: READ or WRITE.
        free_args: Arguments graded by presence only (free text such as a reason).

    Returns:
        The decorator.
    """

    def mark(fn: F) -> F:
        fn.__ecomstage_tool__ = (kind, free_args)  # type: ignore[attr-defined]
        return fn

    return mark


def setup(fn: F) -> F:
    """Mark a world method as a setup step: cases may call it, agents never see it.

    A case's ``world.calls`` may name tools and setup methods; use setup methods for
    changes no agent tool makes (e.g. backdating an order).
    """
    fn.__ecomstage_setup__ = True  # type: ignore[attr-defined]
    return fn


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7386) and return the result (inputs are not changed).

    Objects merge key by key; a ``None`` value deletes the key; any other value
    (lists included) replaces the target's.
    """
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
        return
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        key = next((k for k in value[0] if k == "id" or k.endswith("_id")), None)
        ids = [x.get(key) for x in value] if key else []
        if key and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
            for item in value:
                _flatten(f"{prefix}.{item[key]}", item, out)
            return
    out[prefix] = value


def _doc_parts(doc: str) -> tuple[str, dict[str, str]]:
    """Split a Google docstring into its summary and its ``Args:`` descriptions."""
    doc = inspect.cleandoc(doc or "")
    summary = doc.split("\n\n", 1)[0].replace("\n", " ").strip()
    args: dict[str, str] = {}
    m = re.search(r"^Args:\n((?:[ \t]+.*\n?)+)", doc, re.M)
    if m:
        current = None
        for line in m.group(1).splitlines():
            item = re.match(r"\s{2,8}(\w+)(?: \([^)]*\))?: (.*)", line)
            if item:
                current = item.group(1)
                args[current] = item.group(2).strip()
            elif current and line.strip():
                args[current] += " " + line.strip()
    return summary, args


_ATOMS = (str, int, float, bool, type(None))
_ATOM_TYPES = frozenset(_ATOMS)
"""Exactly these types: returned as they are without a call (subclasses take the call)."""


def _clone(value: Any) -> Any:
    """A deep copy of state data: pydantic models, lists, dicts and scalars.

    Several times faster than :func:`copy.deepcopy`, which it falls back to for anything
    else. Scalars inside containers are taken as they are, without a call each.
    """
    if isinstance(value, _ATOMS):
        return value
    if type(value) is list:
        return [v if type(v) in _ATOM_TYPES else _clone(v) for v in value]
    if type(value) is dict:
        return {k: v if type(v) in _ATOM_TYPES else _clone(v) for k, v in value.items()}
    if isinstance(value, BaseModel) and not value.__pydantic_private__:
        # What pydantic's own __deepcopy__ sets, without the memo bookkeeping.
        cls = type(value)
        out = cls.__new__(cls)
        setattr_ = object.__setattr__
        fields = {k: v if type(v) in _ATOM_TYPES else _clone(v) for k, v in value.__dict__.items()}
        setattr_(out, "__dict__", fields)
        setattr_(out, "__pydantic_fields_set__", set(value.__pydantic_fields_set__))
        extra = value.__pydantic_extra__  # None unless the model allows extra fields
        setattr_(out, "__pydantic_extra__", None if extra is None else _clone(extra))
        setattr_(out, "__pydantic_private__", value.__pydantic_private__)
        return out
    return copy.deepcopy(value)


class World(Generic[StateT]):
    """Base class of scenario worlds.

    Subclasses set :attr:`state_model` and define tools with :func:`tool`. A world
    instance holds a private copy of the state for one episode plus the refs of the
    case (e.g. the logged-in merchant), and logs every successful write.

    Args:
        state: The episode's own copy of the state.
        refs: The case's ``world_refs``.
    """

    state_model: ClassVar[type[BaseModel]]
    shared_state: ClassVar[tuple[str, ...]] = ()
    """Fields of the state no tool or setup method ever changes (catalogues, help-centre
    articles). Episodes share them instead of copying them (:meth:`episode_state`); a
    test plays every case and checks they are untouched."""

    @classmethod
    def episode_state(cls, state: StateT) -> StateT:
        """A copy of ``state`` an episode may change: deep, except :attr:`shared_state`."""
        shared = set(cls.shared_state)
        copied = {
            name: _clone(value) for name, value in state.__dict__.items() if name not in shared
        }
        return state.model_copy(update=copied)

    def __init__(self, state: StateT, refs: dict[str, Any] | None = None) -> None:
        self.state = state
        self.refs = dict(refs or {})
        self.writes: list[ToolCall] = []
        # Writes whose arguments were valid but which the shop's rules refused.
        self.refused: list[ToolCall] = []

    # -- loading -------------------------------------------------------------------
    @classmethod
    def read_state(cls, path: str | Path | None) -> dict[str, Any]:
        """Read a world file as plain data (``{}`` when there is none).

        Raises:
            DataError: The file is missing or not JSON.
        """
        if path is None:
            return {}
        path = Path(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError(path, "world file not found") from None
        except json.JSONDecodeError as e:
            raise DataError(path, f"not valid JSON: {e.msg}", line=e.lineno) from None
        if not isinstance(raw, dict):
            raise DataError(path, "a world file holds one JSON object")
        return raw

    @classmethod
    def load_state(cls, path: str | Path) -> BaseModel:
        """Read and validate a world file.

        Raises:
            DataError: The file is missing, not JSON, or does not match the state model.
        """
        try:
            return cls.state_model.model_validate(cls.read_state(path))
        except ValidationError as e:
            raise DataError.from_validation(path, e) from None

    @classmethod
    def build_state(
        cls, base: dict[str, Any], world_setup: WorldSetup | None, refs: dict[str, Any]
    ) -> BaseModel:
        """The state one case starts from: the shared state, the case's patch, its calls.

        Args:
            base: The shared world file's data.
            world_setup: The case's setup (None: the shared state as it is).
            refs: The case's ``world_refs``.

        Returns:
            The validated state.

        Raises:
            ValidationError: The patched state does not match the state model.
            ToolError: A setup call fails.
        """
        patch = world_setup.patch if world_setup else {}
        state = cls.state_model.model_validate(merge_patch(base, patch) if patch else base)
        if world_setup and world_setup.calls:
            world = cls(cast(Any, state), refs=refs)
            for call in world_setup.calls:
                world.call(call.name, call.arguments, setup=True)
        return state

    # -- grading hooks ---------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """The facts a call that ran revealed (what the ``facts_revealed`` scorer counts).

        Worlds override this to name facts by what they are (``"campaign:C-1:bid"``), so
        that any set of calls revealing the needed facts earns full credit. The default
        names each distinct call as one fact.

        Args:
            call: A successful READ call of the episode.

        Returns:
            Fact names.
        """
        return frozenset({f"{call.name}:{json.dumps(call.arguments, sort_keys=True)}"})

    def outcome(self) -> dict[str, Any]:
        """The state that matters, flattened to ``{"path.to.value": value}``.

        The ``world_outcome`` scorer compares it before and after writes. Records in lists
        are keyed by their id (``"campaigns.C-2001.bid"``). Worlds override this to add
        derived values (an audience size) or to leave out what no decision changes.
        """
        out: dict[str, Any] = {}
        _flatten("", self.state.model_dump(mode="json"), out)
        return out

    # -- tools ---------------------------------------------------------------------
    @classmethod
    def tool_specs(cls) -> dict[str, ToolSpec]:
        """Return every tool of this world, by name."""
        return _tool_specs(cls)

    def call(self, name: str, arguments: dict[str, Any], *, setup: bool = False) -> Any:
        """Run a tool (or, with ``setup``, a tool or a setup method).

        Args:
            name: Tool name.
            arguments: Keyword arguments.
            setup: Allow ``@setup`` methods too (case setup, never an agent).

        Returns:
            The tool's JSON-serialisable result.

        Raises:
            ToolError: Unknown tool, invalid arguments, or a refusal by the tool.
        """
        specs = self.tool_specs()
        if (
            setup
            and name not in specs
            and getattr(getattr(self, name, None), "__ecomstage_setup__", False)
        ):
            model = _arg_model(type(self), name)
            try:
                args = model.model_validate(arguments)
            except ValidationError as e:
                raise ToolError(f"invalid arguments for setup {name}: {_problems(e)}") from None
            return getattr(self, name)(**{k: getattr(args, k) for k in type(args).model_fields})
        if name not in specs:
            raise ToolError(f"unknown tool {name!r}.{did_you_mean(name, specs)}")
        model = _arg_model(type(self), name)
        try:
            args = model.model_validate(arguments)
        except ValidationError as e:
            raise ToolError(f"invalid arguments for {name}: {_problems(e)}") from None
        kwargs = {k: getattr(args, k) for k in type(args).model_fields}
        write = specs[name].kind is ToolKind.WRITE
        try:
            result = getattr(self, name)(**kwargs)
        except ToolError:
            if write:
                self.refused.append(ToolCall(name=name, arguments=dict(arguments)))
            raise
        if write:
            self.writes.append(ToolCall(name=name, arguments=dict(arguments)))
        return result


def _problems(e: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'arguments'}: {err['msg']}" for err in e.errors()
    )


_ARG_MODELS: dict[tuple[type, str], type[BaseModel]] = {}


_TOOL_SPECS: dict[type, dict[str, ToolSpec]] = {}


def _mentions_bool(hint: Any) -> bool:
    """Whether a type hint accepts booleans anywhere (``bool``, ``Any``, ``list[bool]``)."""
    if hint is bool or hint is Any:
        return True
    return any(_mentions_bool(a) for a in get_args(hint))


def _holds_bool(value: Any, depth: int = 0) -> bool:
    if isinstance(value, bool):
        return True
    if depth > 64:
        return False
    if isinstance(value, (list, tuple)):
        return any(_holds_bool(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return any(_holds_bool(v, depth + 1) for v in value.values())
    return False


def _arg_model(cls: type[World[Any]], name: str) -> type[BaseModel]:
    """Pydantic model of a tool's arguments, built once per world class and tool.

    Every tool of every world gets the same checks: numbers must be finite (no NaN or
    infinity, as numbers or as text), a boolean is refused where the signature does not
    ask for one (``True`` is not a bid of 1.0), and unknown arguments are refused.
    """
    if (cls, name) in _ARG_MODELS:
        return _ARG_MODELS[(cls, name)]
    fn = getattr(cls, name)
    hints = get_type_hints(fn)
    fields: dict[str, Any] = {}
    _, arg_docs = _doc_parts(fn.__doc__ or "")
    from pydantic import Field

    for pname, param in inspect.signature(fn).parameters.items():
        if pname == "self":
            continue
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (hints[pname], Field(default, description=arg_docs.get(pname, "")))
    takes_bool = {pname: _mentions_bool(hints[pname]) for pname in fields}

    def no_bool_for_number(value: Any, info: ValidationInfo) -> Any:
        if info.field_name is not None and not takes_bool[info.field_name] and _holds_bool(value):
            raise ValueError("true/false is not a valid value here")
        return value

    model: type[BaseModel] = create_model(
        f"{name}_args",
        __config__=ConfigDict(extra="forbid", strict=False, allow_inf_nan=False),
        __validators__={"no_bool": field_validator("*", mode="before")(no_bool_for_number)},
        **fields,
    )
    _ARG_MODELS[(cls, name)] = model
    return model


def _tool_specs(cls: type[World[Any]]) -> dict[str, ToolSpec]:
    if cls in _TOOL_SPECS:
        return _TOOL_SPECS[cls]
    specs: dict[str, ToolSpec] = {}
    for name in sorted(dir(cls)):
        fn = getattr(cls, name, None)
        mark = getattr(fn, "__ecomstage_tool__", None)
        if mark is None:
            continue
        kind, free_args = mark
        summary, _ = _doc_parts(fn.__doc__ or "")
        schema = _arg_model(cls, name).model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        schema["additionalProperties"] = False
        specs[name] = ToolSpec(
            name=name, kind=kind, description=summary, parameters=schema, free_args=free_args
        )
    _TOOL_SPECS[cls] = specs
    return specs

"""Load scenario folders: spec, code, world and cases, with errors that name file, line and field.

A scenario is one folder (see ``scenarios/README.md`` for the contract)::

    my_scenario/
      spec.toml       stages, fields, scorers, tools per stage
      world.py        the World subclass: state models and tools   (world_class = "world:MyWorld")
      policy.py       the rules that decide gold (imported by world.py)
      world.json      shared world data (optional when cases set up their own)
      cases.jsonl     one annotated case per line
      DATA_CARD.md    how the labels were made

The folder's Python files are imported as one package of their own (so ``world.py`` can
``from .policy import ...``), wherever the folder lies: inside this library, in a user's
project, or copied anywhere. Loading checks everything a user relies on before the first
episode: every scorer name, every case's grading keys and parameters, every case's world
setup and user data, menus against their catalogue.

A folder is kept to itself: every file its spec names (``world_file``, ``case_files``,
the modules of ``world_class``, ``policy``, ``scorer_modules``, ``user_simulator``)
must lie inside it, symlinks resolved; a module that is not a file of the folder is
imported only from this library or from a package that declared an
:data:`ENTRY_POINT_GROUP` entry point (see ``scenarios/README.md``). A folder whose
files change is loaded again (see :func:`load_scenario`).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import random
import re
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ecomstage_env.data.jsonl import iter_json_lines, read_json_document, read_text
from ecomstage_env.data.schema import (
    MODULE_NAME,
    Case,
    FieldSpec,
    Option,
    ScenarioSpec,
    folder_relative_path,
)
from ecomstage_env.errors import DataError, ScenarioError, did_you_mean
from ecomstage_env.scoring.registry import get_scorer
from ecomstage_env.stages import Stage
from ecomstage_env.users import ScriptedUser, UserSimulator
from ecomstage_env.world.base import ToolError, World

__all__ = [
    "ENTRY_POINT_GROUP",
    "MAX_TOML_CHARS",
    "CaseGenerator",
    "CaseProblem",
    "PolicyCheck",
    "PreparedCase",
    "Scenario",
    "ScenarioSource",
    "acting_hook",
    "builtin_scenario_dirs",
    "builtin_scenarios_root",
    "forget_scenario",
    "import_from_folder",
    "inside_folder",
    "iter_cases",
    "load_scenario",
    "load_spec",
    "policy_module_function",
    "prepare_case",
    "read_scenario_source",
    "read_toml",
    "trusted_packages",
]

_PACKAGE_ROOT = "ecomstage_scenarios"
"""Parent of the synthetic packages scenario folders are imported as."""

ENTRY_POINT_GROUP = "ecomstage.scenarios"
"""Entry-point group through which installed packages contribute scenario folders; the
top-level packages of those entry points may also provide a scenario's code."""

MAX_TOML_CHARS = 4 * 1024 * 1024
"""Largest TOML file (a spec, an agent card) read, in characters."""

_LIBRARY_PACKAGES = frozenset({"ecomstage", "ecomstage_env"})


def builtin_scenarios_root() -> Path:
    """Return the folder of the bundled scenarios.

    In a wheel the data sits inside the package (``ecomstage_env/scenarios``); in a
    source checkout it is the repository's top-level ``scenarios/`` folder.
    """
    here = Path(__file__).resolve().parent.parent
    inside = here / "scenarios"
    return inside if inside.is_dir() else here.parent / "scenarios"


def builtin_scenario_dirs() -> list[Path]:
    """Return every bundled scenario folder (those holding a ``spec.toml``), sorted by name."""
    root = builtin_scenarios_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "spec.toml").is_file())


def _loc(err: Any) -> str:
    return ".".join(str(p) for p in err["loc"])


def _first_error(e: ValidationError) -> tuple[str, str]:
    err = e.errors()[0]
    more = len(e.errors()) - 1
    return _loc(err), err["msg"] + (f" (and {more} more problems)" if more else "")


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_toml(path: Path, missing: str) -> dict[str, Any]:
    """Read a TOML file (UTF-8, a leading byte-order mark skipped).

    Raises:
        DataError: The file is missing (with ``missing`` as the problem), not a regular
            file, larger than :data:`MAX_TOML_CHARS`, not UTF-8 text, or not TOML
            (with the line).
    """
    import tomllib  # here: the bundled specs are not parsed at import (registry._read_id)

    path = Path(path)
    if not path.exists():
        raise DataError(path, missing)
    text = read_text(path, "TOML file", limit=MAX_TOML_CHARS)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = _TOML_LINE.search(str(e))
        line = int(m.group(1)) if m else None
        raise DataError(path, f"not valid TOML: {e}", line=line) from None
    except RecursionError:
        raise DataError(path, "not valid TOML: nested too deeply") from None


def inside_folder(folder: Path, rel: str | Path, spec_path: Path, field_name: str) -> Path:
    """The path of a file a spec names, checked to lie inside the scenario folder.

    Args:
        folder: The scenario folder.
        rel: The path as the spec writes it (relative to the folder).
        spec_path: The spec, for the error.
        field_name: The spec's field naming the path, for the error.

    Returns:
        ``folder / rel``.

    Raises:
        DataError: The path is absolute, has a ``..`` part, or resolves (through a
            symlink) outside the folder.
    """
    try:
        folder_relative_path(str(rel))
    except ValueError as e:
        raise DataError(spec_path, str(e), field=field_name) from None
    target = folder / rel
    root = folder.resolve()
    real = target.resolve()
    if not real.is_relative_to(root):
        raise DataError(
            spec_path,
            f"{str(rel)!r} is a link to {real}, outside the scenario folder {root}",
            field=field_name,
        )
    return target


def load_spec(folder: str | Path) -> ScenarioSpec:
    """Read and validate ``spec.toml`` of a scenario folder.

    Checks, besides the schema, that ``spec.toml`` and every file it names
    (``world_file``, ``case_files``) lie inside the folder, symlinks resolved.

    Raises:
        DataError: Missing file, bad TOML, a field that does not match the schema, or
            a path that leaves the folder (names the field).
    """
    folder = Path(folder)
    path = folder / "spec.toml"
    if path.is_symlink():
        inside_folder(folder, "spec.toml", path, "spec.toml")
    raw = read_toml(path, "scenario spec not found (every scenario folder needs one)")
    try:
        spec = ScenarioSpec.model_validate(raw)
    except ValidationError as e:
        raise DataError.from_validation(path, e) from None
    _check_acted_names(spec, path)
    if spec.world_file is not None:
        inside_folder(folder, spec.world_file, path, "world_file")
    for i, rel in enumerate(spec.case_files):
        inside_folder(folder, rel, path, f"case_files.{i}")
    return spec


def iter_cases(path: str | Path) -> Iterator[tuple[int, Case]]:
    """Yield ``(line_number, case)`` for every non-blank line of a JSONL case file.

    Raises:
        DataError: A line that is not JSON or not a valid case (names file, line, field).
    """
    path = Path(path)
    for n, raw in iter_json_lines(path, what="case file"):
        try:
            yield n, Case.model_validate(raw)
        except ValidationError as e:
            raise DataError.from_validation(path, e, line=n) from None


# -- the folder's code ---------------------------------------------------------------------
def _folder_package(folder: Path) -> str:
    """Register ``folder`` as a package of its own and return its module name."""
    if _PACKAGE_ROOT not in sys.modules:
        root = types.ModuleType(_PACKAGE_ROOT, "Scenario folders imported by ecomstage.")
        root.__path__ = []
        sys.modules[_PACKAGE_ROOT] = root
    # Stable across processes (vector-env workers import the folder again).
    digest = hashlib.sha1(str(folder).encode()).hexdigest()[:10]
    stem = re.sub(r"\W", "_", folder.name)  # a module name, whatever the folder is called
    name = f"{_PACKAGE_ROOT}.{stem}_{digest}"
    if name not in sys.modules:
        pkg = types.ModuleType(name, f"Scenario folder {folder}")
        pkg.__path__ = [str(folder)]
        pkg.__file__ = None
        sys.modules[name] = pkg
    return name


def trusted_packages() -> frozenset[str]:
    """Top-level packages a scenario may import code from besides its own folder.

    This library (``ecomstage``, ``ecomstage_env``) and the top-level package of every
    installed entry point in the :data:`ENTRY_POINT_GROUP` group (a package that
    declares scenario folders may also provide their code).
    """
    names = set(_LIBRARY_PACKAGES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        names.add(ep.module.split(".", 1)[0])
    return frozenset(names)


def import_from_folder(folder: str | Path, module: str) -> types.ModuleType:
    """Import ``module`` from a scenario folder (a file there), else from a trusted package.

    Args:
        folder: The scenario folder.
        module: ``"world"`` for ``world.py`` of the folder (``"sub.mod"`` for
            ``sub/mod.py``), or a dotted module path of a package in
            :func:`trusted_packages`.

    Returns:
        The module.

    Raises:
        ImportError: Not a module name; a file of the folder that is a link out of
            it; a module that is neither a file of the folder nor of a trusted package
            (``"os"``, ``"this"``); or the module fails to import.
    """
    folder = Path(folder).resolve()
    if not MODULE_NAME.match(module):
        raise ImportError(f"{module!r} is not a module name")
    rel = folder.joinpath(*module.split("."))
    for candidate in (rel.with_suffix(".py"), rel / "__init__.py"):
        if candidate.is_file():
            real = candidate.resolve()
            if not real.is_relative_to(folder):
                raise ImportError(f"{candidate} is a link to {real}, outside the scenario folder")
            return importlib.import_module(f"{_folder_package(folder)}.{module}")
    if module.split(".", 1)[0] not in trusted_packages():
        raise ImportError(
            f"no {rel.relative_to(folder)}.py in the scenario folder, and {module!r} is not a "
            f"module of this library or of a package declaring an {ENTRY_POINT_GROUP!r} "
            "entry point (scenario code loads only from the folder itself)"
        )
    return importlib.import_module(module)


def _import_world(folder: Path, spec_path: Path, dotted: str) -> type[World[Any]]:
    cls = _import_attr(folder, spec_path, dotted, "world_class")
    if not (isinstance(cls, type) and issubclass(cls, World)):
        raise DataError(spec_path, f"{dotted!r} is not a World subclass", field="world_class")
    return cls


PolicyCheck = Callable[[World[Any], Case], list[str]]
CaseGenerator = Callable[[random.Random, dict[str, Any]], dict[str, Any]]
"""A scenario's policy check: ``(world, case) -> problems`` (empty when the gold agrees)."""


def _import_attr(folder: Path, spec_path: Path, dotted: str, field_name: str) -> Any:
    module, _, attr = dotted.partition(":")
    if not attr:
        raise DataError(spec_path, f"{dotted!r} is not 'module:name'", field=field_name)
    try:
        return getattr(import_from_folder(folder, module), attr)
    except (ImportError, AttributeError) as e:
        raise DataError(spec_path, f"cannot import {dotted!r}: {e}", field=field_name) from None


def _user_simulator(folder: Path, spec_path: Path, spec: ScenarioSpec) -> UserSimulator:
    if spec.user_simulator == "scripted":
        return ScriptedUser()
    factory = _import_attr(folder, spec_path, spec.user_simulator, "user_simulator")
    try:
        obj = factory()
    except Exception as e:
        raise DataError(
            spec_path, f"cannot build {spec.user_simulator!r}: {e}", field="user_simulator"
        ) from None
    if not isinstance(obj, UserSimulator):
        raise DataError(spec_path, "not a UserSimulator (no reply method)", field="user_simulator")
    return obj


def _check_spec(folder: Path, spec: ScenarioSpec, world_cls: type[World[Any]] | None) -> None:
    spec_path = folder / "spec.toml"
    for i, module in enumerate(spec.scorer_modules):
        try:
            import_from_folder(folder, module)
        except ImportError as e:
            raise DataError(
                spec_path, f"cannot import {module!r}: {e}", field=f"scorer_modules.{i}"
            ) from None
    tools = world_cls.tool_specs() if world_cls else {}
    for i, st in enumerate(spec.stages):
        for name in st.tools:
            if name not in tools:
                hint = did_you_mean(name, tools)
                raise DataError(
                    spec_path, f"unknown tool {name!r}.{hint}", field=f"stages.{i}.tools"
                )
        for j, f in enumerate(st.fields):
            where = f"stages.{i}.fields.{j}"
            try:
                info = get_scorer(f.scorer)
            except ScenarioError as e:
                raise DataError(spec_path, str(e), field=f"{where}.scorer") from None
            if f.type not in info.fields:
                raise DataError(
                    spec_path,
                    f"scorer {f.scorer!r} grades {', '.join(sorted(info.fields))} fields, "
                    f"not {f.type}",
                    field=f"{where}.scorer",
                )
            bad = [t for t in f.tools if t not in tools]
            if bad:
                raise DataError(spec_path, f"unknown tools {bad}", field=f"{where}.tools")
    if world_cls is None and any(st.tools for st in spec.stages):
        raise DataError(spec_path, "stages list tools but no world_class", field="world_class")


def _check_acted_names(spec: ScenarioSpec, spec_path: Path) -> None:
    """Each name of an ``acts`` key is a label field of the field's stage or an earlier one.

    Raises:
        DataError: A name no label field of those stages has (with the nearest such name),
            or one of a later stage's label field (names the ``acts`` key).
    """
    for i, st in enumerate(spec.stages):
        for j, f in enumerate(st.fields):
            if f.acts is None:
                continue
            try:
                spec.acted_fields(f)
                continue
            except KeyError:
                pass
            labels = {
                g.name: s.stage.value
                for s in spec.stages
                for g in s.fields
                if g.type in ("label", "labels")
            }
            upto = [
                g.name
                for s in spec.stages[: i + 1]
                for g in s.fields
                if g.type in ("label", "labels")
            ]
            for name in f.acted:
                if name in upto:
                    continue
                if name in labels:
                    problem = (
                        f"field {f.name!r}: acts names {name!r}, a field of a later stage "
                        f"({labels[name]}): the calls of the {st.stage.value} stage can only "
                        "act out labels of their stage or an earlier one"
                    )
                else:
                    problem = (
                        f"field {f.name!r}: acts names {name!r}, no label field of this stage "
                        f"or an earlier one.{did_you_mean(name, upto)} Label fields: "
                        f"{', '.join(upto) or '(none)'}"
                    )
                raise DataError(spec_path, problem, field=f"stages.{i}.fields.{j}.acts")


def acting_hook(policy: Any) -> Callable[..., Any] | None:
    """The ``act`` function of the module that holds a scenario's policy check, if any.

    ``act(world, case, *codes) -> list[ToolCall]``: the calls that carry out policy codes
    of the label fields a calls field acts out, one code per name of its ``acts`` key in
    that order (a ``label`` field's option code or label; a ``labels`` field's list of
    labels), for a case (``message_user`` offers, then writes), as the policy would for
    those codes; the shortcut audit plays guessed labels with it (see the ``acts`` key
    of :class:`~ecomstage_env.data.schema.FieldSpec`). A field that acts one label out
    calls ``act(world, case, code)``.

    Args:
        policy: The scenario's policy check (``Scenario.policy``), or None.

    Returns:
        The hook, or None when the module defines no callable ``act``.
    """
    return policy_module_function(policy, "act")


def policy_module_function(policy: Any, name: str) -> Callable[..., Any] | None:
    """A callable ``name`` of the module that holds a scenario's policy check, if any.

    Args:
        policy: The scenario's policy check (``Scenario.policy``), or None.
        name: The function's name (``act``, ``decide``).

    Returns:
        The function, or None when the module defines no callable of that name.
    """
    module = sys.modules.get(getattr(policy, "__module__", "") or "")
    hook = getattr(module, name, None)
    return hook if callable(hook) else None


def _check_acts(spec: ScenarioSpec, spec_path: Path, policy: Any) -> None:
    """A field that acts a label out needs the policy module's ``act`` hook."""
    for i, st in enumerate(spec.stages):
        for j, f in enumerate(st.fields):
            if f.acts is not None and acting_hook(policy) is None:
                where = spec.policy.partition(":")[0] + ".py" if spec.policy else "no policy"
                raise DataError(
                    spec_path,
                    f"acts = {f.acts!r} needs an act(world, case, *codes) function in the "
                    f"policy's module ({where})",
                    field=f"stages.{i}.fields.{j}.acts",
                )


# -- one case ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PreparedCase:
    """A case checked against its scenario, ready to play.

    Attributes:
        case: The case, with menus filled in from their catalogues and menu gold given as
            option ids.
        state: The world state the case starts from (None without a world).
        params: Validated grading parameters per ``"stage.field"``.
    """

    case: Case
    state: BaseModel | None
    params: dict[str, BaseModel]


class CaseProblem(ValueError):
    """A case that does not fit its scenario; ``field`` is the dotted path at fault."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(problem)


def _menu(f: FieldSpec, options: list[Option], where: str) -> list[Option]:
    out = []
    for i, o in enumerate(options):
        text = o.text
        if f.catalogue:
            if o.code not in f.catalogue:
                hint = did_you_mean(o.code, f.catalogue)
                raise CaseProblem(f"{where}.{i}.code", f"{o.code!r} is not in the catalogue.{hint}")
            if text and text != f.catalogue[o.code]:
                raise CaseProblem(f"{where}.{i}.text", "differs from the catalogue's text")
            text = f.catalogue[o.code]
        if not text:
            raise CaseProblem(f"{where}.{i}.text", "an option needs a text (or a catalogue)")
        out.append(Option(id=o.id or str(i + 1), text=text, code=o.code))
    ids, codes = [o.id for o in out], [o.code for o in out]
    if len(set(ids)) != len(ids):
        raise CaseProblem(where, "option ids repeat")
    if len(set(codes)) != len(codes):
        raise CaseProblem(where, "option codes repeat")
    return out


def prepare_case(
    spec: ScenarioSpec,
    case: Case,
    *,
    world_cls: type[World[Any]] | None = None,
    base: dict[str, Any] | None = None,
    base_state: BaseModel | None = None,
) -> PreparedCase:
    """Check one case against its scenario and prepare it (generators use this too).

    Checks that the case names the scenario and its orientation, that gold exists for
    every stage and required field, that menus fit their catalogues and menu gold is on
    the menu, that every grading key names a field and its parameters fit the field's
    scorer, that the user data fits the user simulator, and builds the case's world.

    Args:
        spec: The scenario's spec.
        case: The case.
        world_cls: The scenario's world class.
        base: The shared world file's data.
        base_state: The shared state, validated (reused by cases without a world setup).

    Returns:
        The prepared case.

    Raises:
        CaseProblem: The first problem found, with the field at fault.
    """
    if case.scenario != spec.name:
        raise CaseProblem("scenario", f"case is for {case.scenario!r}, not {spec.name!r}")
    if case.orientation != spec.orientation:
        raise CaseProblem("orientation", f"orientation must be {spec.orientation.value!r}")
    options = dict(case.options)
    gold = {k: dict(v) for k, v in case.gold.items()}
    for st in spec.stages:
        if st.stage not in gold:
            raise CaseProblem(f"gold.{st.stage.value}", "missing gold for this stage")
        for f in st.fields:
            if f.required and f.name not in gold[st.stage]:
                raise CaseProblem(f"gold.{st.stage.value}.{f.name}", "missing gold answer")
            if f.labels_from != "options":
                continue
            if f.name not in options:
                raise CaseProblem(f"options.{f.name}", "field takes its labels from options")
            menu = _menu(f, options[f.name], f"options.{f.name}")
            options[f.name] = menu
            value = gold[st.stage].get(f.name)
            by_code = {o.code: o.id for o in menu}
            if value is not None and str(value) not in {o.id for o in menu}:
                if str(value) not in by_code:
                    raise CaseProblem(f"gold.{st.stage.value}.{f.name}", "gold is not on the menu")
                gold[st.stage][f.name] = by_code[str(value)]
    extra = set(gold) - {st.stage for st in spec.stages}
    if extra:
        raise CaseProblem("gold", f"gold for stages the scenario lacks: {sorted(extra)}")
    keys = spec.field_keys()
    for key in case.grading:
        if key not in keys:
            raise CaseProblem(f"grading.{key}", f"no field {key!r}.{did_you_mean(key, keys)}")
    params: dict[str, BaseModel] = {}
    for key, (_, f) in keys.items():
        raw = {**f.params, **case.grading.get(key, {})}
        try:
            params[key] = get_scorer(f.scorer).parse_params(raw)
        except ValidationError as e:
            loc, msg = _first_error(e)
            raise CaseProblem(f"grading.{key}.{loc}" if loc else f"grading.{key}", msg) from None
    if case.user and spec.user_simulator == "scripted":
        try:
            ScriptedUser.parse(case)
        except ScenarioError as e:
            raise CaseProblem("user", str(e)) from None
    state = base_state
    if world_cls is not None and (case.world is not None or state is None):
        try:
            state = world_cls.build_state(base or {}, case.world, case.world_refs)
        except ValidationError as e:
            loc, msg = _first_error(e)
            raise CaseProblem(f"world.patch.{loc}", msg) from None
        except ToolError as e:
            raise CaseProblem("world.calls", str(e)) from None
    elif world_cls is None and case.world is not None:
        raise CaseProblem("world", "the scenario has no world_class")
    prepared = case.model_copy(update={"options": options, "gold": gold})
    return PreparedCase(prepared, state, params)


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its spec, code, world and cases.

    Attributes:
        folder: Where the scenario was loaded from.
        spec: The validated spec.
        cases: Every case, in file order (menus filled in, see :class:`PreparedCase`).
        world_cls: World class, or None for scenarios without tools.
        states: Per case id, the world state the case starts from (copied per episode).
        params: Per case id, the validated grading parameters per ``"stage.field"``.
        case_lines: ``case_id -> (file, line)`` for error messages.
        user: The user simulator of stages with user turns.
        policy: The spec's policy check, if it names one.
        generator: The spec's train-split generator, if it names one.
        memos: Per case id, a store scorers use for what depends only on the case and
            its gold (see :attr:`~ecomstage_env.scoring.registry.FieldContext.memo`).
    """

    folder: Path
    spec: ScenarioSpec
    cases: tuple[Case, ...]
    world_cls: type[World[Any]] | None
    states: dict[str, BaseModel | None] = field(default_factory=dict)
    params: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    case_lines: dict[str, tuple[Path, int]] = field(default_factory=dict)
    user: UserSimulator = field(default_factory=ScriptedUser)
    policy: PolicyCheck | None = None
    generator: CaseGenerator | None = None
    memos: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, case: Case) -> dict[Any, Any]:
        """The memo of ``case``, shared by every episode of it."""
        return self.memos.setdefault(case.case_id, {})

    def new_world(self, case: Case) -> World[Any] | None:
        """Return a fresh world for one episode of ``case`` (None without a world)."""
        state = self.states.get(case.case_id)
        if self.world_cls is None or state is None:
            return None
        return self.world_cls(self.world_cls.episode_state(state), refs=case.world_refs)

    def split(self, name: str | None) -> tuple[Case, ...]:
        """Return the cases of one split (all cases when ``name`` is None)."""
        return self.cases if name is None else tuple(c for c in self.cases if c.split == name)

    def grading(self, case: Case, stage: Stage, name: str) -> BaseModel:
        """The validated grading parameters of one field for one case."""
        return self.params[case.case_id][f"{stage.value}.{name}"]

    @classmethod
    def from_cases(
        cls,
        folder: Path,
        spec: ScenarioSpec,
        cases: tuple[Case, ...],
        user: UserSimulator | None = None,
    ) -> Scenario:
        """A scenario without a world built in code (the paper tasks), its cases checked.

        Raises:
            DataError: A case that does not fit the spec.
        """
        prepared = []
        for case in cases:
            try:
                prepared.append(prepare_case(spec, case))
            except CaseProblem as e:
                raise DataError(folder, f"{case.case_id}: {e}", field=e.field) from None
        return cls(
            folder,
            spec,
            tuple(p.case for p in prepared),
            None,
            params={p.case.case_id: p.params for p in prepared},
            user=user or ScriptedUser(),
        )


def load_scenario(folder: str | Path) -> Scenario:
    """Load a scenario folder and check that its parts fit together.

    Checks beyond the schemas: every file named lies inside the folder; the world class
    and scorer modules import from the folder; every tool and scorer named in the spec
    exists and fits its field; case ids are unique; every case passes
    :func:`prepare_case`. Results are cached per folder and its files' names, sizes and
    modification times: an edited folder is read again (see :func:`forget_scenario`).

    Args:
        folder: Path of a folder with ``spec.toml``.

    Returns:
        The scenario.

    Raises:
        ScenarioError: The folder does not exist.
        DataError: A file or field is wrong (names file, line and field).
    """
    path = Path(folder).resolve()
    if not path.is_dir():
        raise ScenarioError(f"scenario folder not found: {path}")
    stamp = (_GENERATIONS.get(path, 0), *_folder_stamp(path))
    if _STAMPS.get(path, stamp) != stamp:
        _forget_modules(path)  # edited code is imported again
    _STAMPS[path] = stamp
    return _load_scenario(path, stamp)


_GENERATIONS: dict[Path, int] = {}
_STAMPS: dict[Path, tuple[Any, ...]] = {}
_STAMP_ENTRIES = 10_000


def _folder_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of the folder's files (two levels deep)."""
    out: list[tuple[str, int, int]] = []
    todo = [(folder, 0)]
    while todo and len(out) < _STAMP_ENTRIES:
        here, depth = todo.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith(".") or e.name == "__pycache__":
                continue
            try:
                st = e.stat()
            except OSError:
                continue
            out.append((os.path.relpath(e.path, folder), st.st_mtime_ns, st.st_size))
            if e.is_dir() and depth < 1:
                todo.append((Path(e.path), depth + 1))
    return tuple(sorted(out))


def _forget_modules(folder: Path) -> None:
    name = _folder_package(folder)
    for mod in [m for m in sys.modules if m.startswith(name + ".")]:
        del sys.modules[mod]


def forget_scenario(folder: str | Path) -> None:
    """Make the next :func:`load_scenario` of ``folder`` read it (and import its code) again.

    :func:`load_scenario` already reloads a folder whose files changed (by name, size
    and modification time); registering a folder calls this too, so an edit within the
    file system's clock resolution is not missed.
    """
    path = Path(folder).resolve()
    _GENERATIONS[path] = _GENERATIONS.get(path, 0) + 1


@dataclass(frozen=True)
class ScenarioSource:
    """A scenario folder with its spec, code and shared world read, its cases not yet.

    :func:`load_scenario` reads every case into memory; ``validate`` streams them
    through :meth:`iter_cases` instead, so a case file of any size is checked in
    bounded memory.

    Attributes:
        folder: The folder.
        spec: The validated spec.
        world_cls: World class, or None.
        user: The user simulator.
        policy: The policy check, if the spec names one.
        generator: The train-split generator, if the spec names one.
        base: The shared world file's data.
        base_state: The shared state, validated (None without a world file).
    """

    folder: Path
    spec: ScenarioSpec
    world_cls: type[World[Any]] | None
    user: UserSimulator
    policy: PolicyCheck | None
    generator: CaseGenerator | None
    base: dict[str, Any]
    base_state: BaseModel | None

    def iter_cases(
        self, *, tolerant: bool = False
    ) -> Iterator[tuple[Path, int, PreparedCase | DataError]]:
        """Read, check and prepare every case of the case files, one line at a time.

        Args:
            tolerant: Yield a line's problem (a :class:`DataError` naming file, line and
                field) and go on, instead of raising it.

        Yields:
            ``(file, line, prepared case or its problem)``.

        Raises:
            DataError: A case file that cannot be read at all; with ``tolerant`` off,
                the first case that is wrong.
        """
        ids: dict[str, tuple[Path, int]] = {}
        for rel in self.spec.case_files:
            file = self.folder / rel
            for n, raw in iter_json_lines(file, what="case file", tolerant=tolerant):
                try:
                    yield file, n, self._prepare(file, n, raw, ids)
                except DataError as e:
                    if not tolerant:
                        raise
                    yield file, n, e

    def _prepare(
        self, file: Path, n: int, raw: Any, ids: dict[str, tuple[Path, int]]
    ) -> PreparedCase:
        if isinstance(raw, json.JSONDecodeError):
            raise DataError(file, raw.msg, line=n, field=getattr(raw, "field", None))
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            raise DataError.from_validation(file, e, line=n) from None
        if case.case_id in ids:
            other, m = ids[case.case_id]
            raise DataError(
                file,
                f"duplicate case_id {case.case_id!r} (first at {other.name}:{m})",
                line=n,
                field="case_id",
            )
        ids[case.case_id] = (file, n)
        try:
            return prepare_case(
                self.spec,
                case,
                world_cls=self.world_cls,
                base=self.base,
                base_state=self.base_state,
            )
        except CaseProblem as e:
            raise DataError(file, str(e), line=n, field=e.field) from None

    def with_cases(self, prepared: list[tuple[Path, int, PreparedCase]]) -> Scenario:
        """The scenario made of this folder and the given prepared cases."""
        return Scenario(
            self.folder,
            self.spec,
            tuple(p.case for _, _, p in prepared),
            self.world_cls,
            {p.case.case_id: p.state for _, _, p in prepared},
            {p.case.case_id: p.params for _, _, p in prepared},
            {p.case.case_id: (file, n) for file, n, p in prepared},
            self.user,
            self.policy,
            self.generator,
        )


def read_scenario_source(folder: str | Path) -> ScenarioSource:
    """Read a scenario folder's spec, code and shared world, but not its cases.

    Raises:
        ScenarioError: The folder does not exist.
        DataError: A file or field is wrong (names file, line and field).
    """
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise ScenarioError(f"scenario folder not found: {folder}")
    spec = load_spec(folder)
    spec_path = folder / "spec.toml"
    world_cls = _import_world(folder, spec_path, spec.world_class) if spec.world_class else None
    _check_spec(folder, spec, world_cls)
    user = _user_simulator(folder, spec_path, spec)
    policy = _import_attr(folder, spec_path, spec.policy, "policy") if spec.policy else None
    if policy is not None and not callable(policy):
        raise DataError(spec_path, f"{spec.policy!r} is not a function", field="policy")
    _check_acts(spec, spec_path, policy)
    generator = (
        _import_attr(folder, spec_path, spec.generator, "generator") if spec.generator else None
    )
    if generator is not None and not callable(generator):
        raise DataError(spec_path, f"{spec.generator!r} is not a function", field="generator")
    base: dict[str, Any] = {}
    base_state = None
    if world_cls is not None:
        world_path = folder / spec.world_file if spec.world_file else None
        if world_path is not None:
            read_json_document(world_path, "world file")  # encoding, framing and depth
        base = world_cls.read_state(world_path)
        if world_path is not None:
            base_state = world_cls.load_state(world_path)
    elif spec.world_file:
        raise DataError(spec_path, "a world_file needs a world_class", field="world_file")
    return ScenarioSource(folder, spec, world_cls, user, policy, generator, base, base_state)


@lru_cache(maxsize=32)
def _load_scenario(folder: Path, stamp: tuple[Any, ...] = ()) -> Scenario:
    del stamp  # part of the cache key only
    source = read_scenario_source(folder)
    prepared = [(file, n, p) for file, n, p in source.iter_cases() if isinstance(p, PreparedCase)]
    if not prepared:
        raise DataError(folder / source.spec.case_files[0], "no cases")
    return source.with_cases(prepared)

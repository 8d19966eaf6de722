"""Load scenario folders: spec, world and cases, with errors that name file, line and field."""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ecomstage_env.data.jsonl import iter_json_lines
from ecomstage_env.data.schema import Case, ScenarioSpec
from ecomstage_env.errors import DataError, ScenarioError
from ecomstage_env.world.base import World

__all__ = [
    "Scenario",
    "builtin_scenario_dirs",
    "builtin_scenarios_root",
    "iter_cases",
    "load_scenario",
    "load_spec",
]


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


def _first_error(e: ValidationError) -> tuple[str, str]:
    err = e.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    more = len(e.errors()) - 1
    return loc, err["msg"] + (f" (and {more} more problems)" if more else "")


def load_spec(folder: str | Path) -> ScenarioSpec:
    """Read and validate ``spec.toml`` of a scenario folder.

    Raises:
        DataError: Missing file, bad TOML, or a field that does not match the schema.
    """
    path = Path(folder) / "spec.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "scenario spec not found (every scenario folder needs one)") from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(path, f"not valid TOML: {e}") from None
    try:
        return ScenarioSpec.model_validate(raw)
    except ValidationError as e:
        loc, msg = _first_error(e)
        raise DataError(path, msg, field=loc) from None


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
            loc, msg = _first_error(e)
            raise DataError(path, msg, line=n, field=loc) from None


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its spec, world class and base state, and its cases.

    Attributes:
        folder: Where the scenario was loaded from.
        spec: The validated spec.
        cases: Every case, in file order.
        world_cls: World class, or None for scenarios without tools.
        base_state: World state every episode starts from (copied per episode).
        case_lines: ``case_id -> (file, line)`` for error messages.
    """

    folder: Path
    spec: ScenarioSpec
    cases: tuple[Case, ...]
    world_cls: type[World[Any]] | None
    base_state: BaseModel | None
    case_lines: dict[str, tuple[Path, int]] = field(default_factory=dict)

    def new_world(self, case: Case) -> World[Any] | None:
        """Return a fresh world for one episode of ``case`` (None without a world)."""
        if self.world_cls is None or self.base_state is None:
            return None
        return self.world_cls(self.base_state.model_copy(deep=True), refs=case.world_refs)

    def split(self, name: str | None) -> tuple[Case, ...]:
        """Return the cases of one split (all cases when ``name`` is None)."""
        return self.cases if name is None else tuple(c for c in self.cases if c.split == name)


def _import_world(spec_path: Path, dotted: str) -> type[World[Any]]:
    module, _, attr = dotted.partition(":")
    try:
        cls = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as e:
        raise DataError(spec_path, f"cannot import {dotted!r}: {e}", field="world_class") from None
    if not (isinstance(cls, type) and issubclass(cls, World)):
        raise DataError(spec_path, f"{dotted!r} is not a World subclass", field="world_class")
    return cls


def load_scenario(folder: str | Path) -> Scenario:
    """Load a scenario folder and check that its parts fit together.

    Checks beyond the schemas: case ids are unique, every case names this scenario and
    its orientation, gold answers exist for every stage and field marked required, and
    tools named in the spec exist in the world. Results are cached per folder.

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
    return _load_scenario(path)


@cache
def _load_scenario(folder: Path) -> Scenario:
    spec = load_spec(folder)
    spec_path = folder / "spec.toml"
    world_cls = _import_world(spec_path, spec.world_class) if spec.world_class else None
    base_state = None
    if world_cls is not None:
        if not spec.world_file:
            raise DataError(spec_path, "a world_class needs a world_file", field="world_file")
        base_state = world_cls.load_state(folder / spec.world_file)
        tools = world_cls.tool_specs()
        for i, st in enumerate(spec.stages):
            for name in st.tools:
                if name not in tools:
                    raise DataError(spec_path, f"unknown tool {name!r}", field=f"stages.{i}.tools")
    elif any(st.tools for st in spec.stages):
        raise DataError(spec_path, "stages list tools but no world_class", field="world_class")

    cases: list[Case] = []
    lines: dict[str, tuple[Path, int]] = {}
    for rel in spec.case_files:
        file = folder / rel
        for n, case in iter_cases(file):
            _check_case(spec, case, file, n, lines)
            lines[case.case_id] = (file, n)
            cases.append(case)
    if not cases:
        raise DataError(folder / spec.case_files[0], "no cases")
    return Scenario(folder, spec, tuple(cases), world_cls, base_state, lines)


def _check_case(
    spec: ScenarioSpec,
    case: Case,
    file: Path,
    line: int,
    seen: dict[str, tuple[Path, int]],
) -> None:
    def fail(problem: str, where: str) -> DataError:
        return DataError(file, problem, line=line, field=where)

    if case.case_id in seen:
        other, n = seen[case.case_id]
        raise fail(f"duplicate case_id {case.case_id!r} (first at {other.name}:{n})", "case_id")
    if case.scenario != spec.name:
        raise fail(f"case is for {case.scenario!r}, not {spec.name!r}", "scenario")
    if case.orientation != spec.orientation:
        raise fail(f"orientation must be {spec.orientation.value!r}", "orientation")
    for st in spec.stages:
        gold = case.gold.get(st.stage)
        if gold is None:
            raise fail("missing gold for this stage", f"gold.{st.stage.value}")
        for f in st.fields:
            if f.required and f.name not in gold:
                raise fail("missing gold answer", f"gold.{st.stage.value}.{f.name}")
            if f.labels_from == "options" and f.name not in case.options:
                raise fail("field takes its labels from options, none given", f"options.{f.name}")
    extra = set(case.gold) - {st.stage for st in spec.stages}
    if extra:
        raise fail(f"gold for stages the scenario lacks: {sorted(extra)}", "gold")

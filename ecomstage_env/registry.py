"""Make, register and list envs. Gymnasium's registry is the only registry.

Every env is registered with Gymnasium as ``ecomstage/<name>-v<version>``, so
``gymnasium.make`` and ``gymnasium.make_vec`` work on it; :func:`make` adds short names
(``"merchant_promotion"``), scenario folders given by path, and a "Did you mean" hint
for typos. Each registered spec carries ``metadata`` (family, orientation, stages, case
counts per split, folder) so tools can read them without building an env::

    gymnasium.spec("ecomstage/merchant_promotion-v1").metadata["orientation"]
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import warnings
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import gymnasium as gym
from gymnasium.envs.registration import EnvSpec

from ecomstage_env.data.loader import (
    ENTRY_POINT_GROUP,
    builtin_scenario_dirs,
    forget_scenario,
    load_scenario,
    load_spec,
)
from ecomstage_env.data.schema import ScenarioSpec
from ecomstage_env.env import TRAIN_SIZE
from ecomstage_env.errors import DataError, ScenarioError, UnknownEnvError
from ecomstage_env.paper.official import PAPER_TASKS

__all__ = [
    "ENTRY_POINT_GROUP",
    "NAMESPACE",
    "EcomstageEnvSpec",
    "case_ids",
    "env_id",
    "env_metadata",
    "list_envs",
    "make",
    "register",
]

NAMESPACE = "ecomstage"
"""Gymnasium namespace of every ecomstage env."""


STAGED_ENTRY_POINT = "ecomstage_env.env:StagedEnv"
PAPER_ENTRY_POINT = "ecomstage_env.paper.env:PaperTaskEnv"

PAPER_TASK_VERSION = 1
"""Version of the paper-task envs. v1: strict free-text scoring by required points, and
the bundled records rewritten against shortcut audits."""

_ID = re.compile(r"^(?:ecomstage/)?(?P<name>[A-Za-z0-9_]+)(?:-v(?P<version>\d+))?$")


@dataclass
class EcomstageEnvSpec(EnvSpec):
    """Gymnasium's :class:`~gymnasium.envs.registration.EnvSpec` with ecomstage metadata.

    Attributes:
        metadata: ``family`` (``"scenario"`` or ``"paper_task"``), ``orientation``,
            ``stages`` (names in order), ``cases`` (count per split of the default data),
            ``title``, ``generator`` (whether ``split="train"`` draws generated cases; for
            paper tasks ``cases["train"]`` is the default ``train_size``)
            and, for scenarios, ``folder``. A bundled scenario's metadata is read from
            its ``spec.toml`` on the first read of this attribute (a plain dict, filled
            in place; copies, pickles and ``to_json`` of a spec not yet read get it too).
    """

    metadata: dict[str, Any] = field(default_factory=dict)

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name == "metadata":
            # A scenario's ``cases`` are counted when first asked for: reading every
            # case file at ``import ecomstage`` took a tenth of the import.
            state = object.__getattribute__(self, "__dict__")
            if "_build_metadata" in state:
                # A bundled scenario's metadata is read from its spec when first asked
                # for: parsing every spec.toml took a tenth of ``import ecomstage``.
                with _COUNTING:
                    build = state.get("_build_metadata")
                    if build is not None:
                        value.update(build())
                        del state["_build_metadata"]
            if "_count_cases" in state:
                with _COUNTING:
                    count = state.pop("_count_cases", None)
                    if count is not None:
                        value["cases"] = count()
        return value


_COUNTING = threading.RLock()


def env_id(name: str, version: int | None = None) -> str:
    """Return the Gymnasium id of an env, e.g. ``ecomstage/merchant_promotion-v1``.

    Without ``version``: the latest registered version (0 for a name not registered).
    """
    if version is None:
        versions = _ids().get(name)
        return versions[-1] if versions else f"{NAMESPACE}/{name}-v0"
    return f"{NAMESPACE}/{name}-v{version}"


def _split_counts(folder: Path, spec: ScenarioSpec) -> dict[str, int]:
    """Cases per split, read from the case files without validating them.

    Counts every line that decodes as a JSON object (``json.loads`` alone: the checks of
    :func:`~ecomstage_env.data.jsonl.iter_json_lines` for lone surrogates and deep
    nesting cost twice the decoding, at every ``import ecomstage``); loading the
    scenario validates each case and reports a bad line or file properly.
    """
    counts: dict[str, int] = {}
    for rel in spec.case_files:
        try:
            lines = (folder / rel).read_text(encoding="utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError):
            continue  # loading the scenario reports the bad file properly
        for line in lines:
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(raw, dict):
                split = str(raw.get("split", "test"))
                counts[split] = counts.get(split, 0) + 1
    return counts


_BUILTIN: dict[str, str] = {}
"""Names of the built-in envs (paper tasks, bundled and entry-point scenarios) -> source."""


def _guard_builtin(name: str, source: str, override: bool) -> None:
    """Refuse to replace a built-in env with one from elsewhere, unless asked to."""
    owner = _BUILTIN.get(name)
    if owner is None or owner == source or override:
        return
    raise ScenarioError(
        f"{name!r} is a built-in env (from {owner}); {source} would replace it. Give the "
        f"folder's env another name (register(..., name='my_{name}')), or pass "
        "override=True to replace the built-in on purpose"
    )


@dataclass(frozen=True)
class _VectorEntryPoint:
    """``vector_entry_point`` of an env: its sub-envs stepped in slices, a few processes.

    ``gymnasium.make_vec(id, n)`` (no ``vectorization_mode``, or ``"vector_entry_point"``)
    calls it; see :mod:`ecomstage_env.runner.pool` (imported only then).
    """

    env_id: str

    def __call__(self, num_envs: int = 1, **kwargs: Any) -> Any:
        from ecomstage_env.runner.pool import make_vector_env

        return make_vector_env(self.env_id, num_envs, **kwargs)


def _add(gid: str, entry_point: str, kwargs: dict[str, Any], metadata: dict[str, Any]) -> str:
    if gid in gym.registry:
        del gym.registry[gid]
    gym.register(id=gid, entry_point=entry_point, kwargs=kwargs, disable_env_checker=False)
    plain = gym.registry[gid]
    gym.registry[gid] = EcomstageEnvSpec(
        id=gid,
        entry_point=plain.entry_point,
        vector_entry_point=_VectorEntryPoint(gid),
        disable_env_checker=plain.disable_env_checker,
        kwargs=plain.kwargs,
        metadata=metadata,
    )
    return gid


def register(
    scenario: str | Path | None = None,
    *,
    name: str | None = None,
    entry_point: str | None = None,
    version: int = 0,
    metadata: dict[str, Any] | None = None,
    override: bool = False,
    **kwargs: Any,
) -> str:
    """Register an env with Gymnasium and return its id.

    Either give a scenario folder (a ``spec.toml`` with its code and cases; name and
    version come from the spec) or a ``name`` and an ``entry_point`` of your own env
    class. Registering an id again replaces the earlier registration, and registering
    a folder again reads it again (its edited cases and code). A built-in env (a paper
    task, a bundled scenario, one an installed package declares) is replaced only
    with ``override=True``.

    Args:
        scenario: A scenario folder.
        name: Env name, for a custom ``entry_point`` (or to rename a folder's env).
        entry_point: ``"module:Class"`` of a custom env.
        version: Version of a custom env.
        metadata: Extra metadata of a custom env (folders get theirs from the spec).
        override: Replace a built-in env of the same name.
        **kwargs: Default keyword arguments of the env.

    Returns:
        The Gymnasium id.

    Raises:
        ScenarioError: Neither or both of ``scenario`` and ``entry_point`` given, the
            folder does not exist, or the name is a built-in env's (without
            ``override``).
        DataError: The scenario's spec is invalid, or names a path outside the folder.
    """
    if (scenario is None) == (entry_point is None):
        raise ScenarioError("register() takes a scenario folder, or a name and an entry_point")
    if scenario is not None:
        folder = Path(scenario).resolve()
        if not folder.is_dir():
            raise ScenarioError(f"scenario folder not found: {folder}")
        return _register_folder(folder, load_spec(folder), name, override, kwargs)
    if not name:
        raise ScenarioError("register(entry_point=...) needs a name")
    _guard_builtin(name, str(entry_point), override)
    return _add(env_id(name, version), str(entry_point), kwargs, dict(metadata or {}))


def _register_folder(
    folder: Path, spec: ScenarioSpec, name: str | None, override: bool, kwargs: dict[str, Any]
) -> str:
    """Register a resolved scenario folder whose spec is already read (see :func:`register`)."""
    _guard_builtin(name or spec.name, str(folder), override)
    forget_scenario(folder)
    meta = _scenario_metadata(folder, spec)
    gid = env_id(name or spec.name, spec.version)
    gid = _add(gid, STAGED_ENTRY_POINT, {"scenario": str(folder), **kwargs}, meta)
    gym.registry[gid].__dict__["_count_cases"] = partial(_split_counts, folder, spec)
    return gid


def _scenario_metadata(folder: Path, spec: ScenarioSpec) -> dict[str, Any]:
    """The metadata of a scenario folder's env, its case counts left to count."""
    return {
        "family": "scenario",
        "title": spec.title,
        "orientation": spec.orientation.value,
        "stages": [s.stage.value for s in spec.stages],
        "cases": {},  # counted on first access of the metadata (EcomstageEnvSpec)
        "generator": spec.generator is not None,
        "folder": str(folder),
    }


def _bundled_metadata(folder: Path, name: str, version: int) -> dict[str, Any]:
    """The metadata of a bundled scenario registered by :func:`_read_id` (read now).

    Raises:
        DataError: The spec is invalid, or no longer names the env it was registered as.
    """
    spec = load_spec(folder)
    for key, read, now in (("name", name, spec.name), ("version", version, spec.version)):
        if read != now:
            raise DataError(
                folder / "spec.toml",
                f"is {now!r}, but the env was registered with {read!r} (the file changed "
                "after import ecomstage)",
                field=key,
            )
    meta = _scenario_metadata(folder, spec)
    meta["cases"] = _split_counts(folder, spec)
    return meta


_BLANK = re.compile(r"[ \t]*(?:#.*)?")
_TOP_KEY = re.compile(
    r"""[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_+.:-]+)"""
    r"[ \t]*(?:#.*)?"
)
_NAME_VALUE = re.compile(r'"([a-z][a-z0-9_]*)"')
_VERSION_VALUE = re.compile(r"0|[1-9][0-9]*")


def _read_id(folder: Path) -> tuple[str, int] | None:
    """The ``name`` and ``version`` of a scenario's ``spec.toml``, read without a TOML parser.

    Reads the file's first lines while each is blank, a comment, or a whole one-line
    ``key = value`` (a one-line string, a number, a word), until both keys are found:
    those lines are then surely top-level keys of the file. Anything else before them
    (a multi-line string or array, a table header, a quoted key), a value other than a
    plain name and a plain decimal version, a repeated key or an unreadable file gives
    None, and the caller reads the spec in full (which reports a bad value by file and
    field).
    """
    path = folder / "spec.toml"
    try:
        if path.is_symlink():
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    found: dict[str, str] = {}
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if _BLANK.fullmatch(line):
            continue
        m = _TOP_KEY.fullmatch(line)
        if m is None or m.group(1) in found:
            return None
        found[m.group(1)] = m.group(2)
        if "name" in found and "version" in found:
            name = _NAME_VALUE.fullmatch(found["name"])
            version = _VERSION_VALUE.fullmatch(found["version"])
            if name is None or version is None:
                return None
            return name.group(1), int(version.group())
    return None


def _ids() -> dict[str, list[str]]:
    """Registered ecomstage ids by short name, oldest version first."""
    out: dict[str, list[str]] = {}
    for gid, spec in gym.registry.items():
        if spec.namespace == NAMESPACE:
            out.setdefault(spec.name, []).append(gid)
    for versions in out.values():
        versions.sort(key=lambda g: gym.registry[g].version or 0)
    return out


def list_envs() -> list[str]:
    """Return the short names of all registered ecomstage envs, sorted."""
    return sorted(_ids())


def _resolve(name: str) -> str:
    m = _ID.match(name)
    ids = _ids()
    if m is None or m.group("name") not in ids:
        raise UnknownEnvError(name, ids)
    versions = ids[m.group("name")]
    if m.group("version") is None:
        return versions[-1]
    gid = env_id(m.group("name"), int(m.group("version")))
    if gid not in versions:
        raise UnknownEnvError(name, [g.split("/", 1)[1] for v in ids.values() for g in v])
    return gid


_ALIASED: set[Path] = set()


def _resolve_or_register(name: str) -> str:
    """The id of a registered env, or of a scenario folder given by path (registered now).

    A registered name wins over a folder of the same name in the working directory. A
    folder whose spec names an env registered from elsewhere (an edited copy of a
    bundled scenario, a folder named like a paper task) is registered under
    ``<name>_<hash of its path>``, so that making it never replaces the env the name
    stands for.
    """
    try:
        return _resolve(name)
    except UnknownEnvError:
        if not (Path(name) / "spec.toml").is_file():
            raise
    folder = Path(name).resolve()
    spec = load_spec(folder)
    owner = gym.registry.get(env_id(spec.name, spec.version))
    owned_by = owner.kwargs.get("scenario") if owner is not None else None
    if owner is None and spec.name not in _BUILTIN:
        return register(folder)
    if owned_by is not None and Path(str(owned_by)).resolve() == folder:
        return register(folder)
    owned_by = owned_by or (owner.entry_point if owner is not None else _BUILTIN[spec.name])
    alias = f"{spec.name}_{hashlib.sha256(str(folder).encode()).hexdigest()[:8]}"
    if folder not in _ALIASED:
        _ALIASED.add(folder)
        warnings.warn(
            f"{env_id(spec.name, spec.version)} is the env in {owned_by}; the folder {folder} "
            f"is registered as {env_id(alias, spec.version)} instead of replacing it",
            stacklevel=3,
        )
    return register(folder, name=alias)


def env_metadata(name: str) -> dict[str, Any]:
    """Return the metadata of a registered env (see :class:`EcomstageEnvSpec`).

    Raises:
        UnknownEnvError: No such env.
    """
    spec = gym.registry[_resolve_or_register(name)]
    return dict(getattr(spec, "metadata", {}))


def make(name: str, **kwargs: Any) -> gym.Env[Any, Any]:
    """Create an env by short name, Gymnasium id, or scenario folder path.

    Args:
        name: Short name, ``name-vN``, ``ecomstage/name-vN``, or the path of a scenario
            folder (registered on the way).
        **kwargs: Passed to the env (``context``, ``split``, ``reward_weights``, ...).

    Returns:
        The env, wrapped as ``gymnasium.make`` wraps it.

    Raises:
        UnknownEnvError: No such env (with a "Did you mean" hint).
    """
    return gym.make(_resolve_or_register(name), **kwargs)


def case_ids(name: str, split: str | None = "test", **kwargs: Any) -> list[str]:
    """The case ids an env plays, without building it (cached loaders).

    Args:
        name: Env name (or id, or scenario folder).
        split: Split (None for every case).
        **kwargs: For paper tasks, ``data`` and ``on_malformed`` as the env takes them;
            for generated train splits, ``train_size`` and ``train_seed``.

    Returns:
        Case ids in play order.

    Raises:
        UnknownEnvError: No such env.
    """
    spec = gym.registry[_resolve_or_register(name)]
    meta = getattr(spec, "metadata", {})
    if meta.get("family") == "paper_task":
        from ecomstage_env.paper.env import load_paper_task

        data = load_paper_task(meta["task"], kwargs.get("data"), kwargs.get("on_malformed", "skip"))
        if split == "train":
            from ecomstage_env.paper.env import with_train_split as paper_train

            size, seed = kwargs.get("train_size", TRAIN_SIZE), kwargs.get("train_seed", 0)
            data = paper_train(data, size, seed)
        return [r.record.id for r in data.records] if split in ("test", "train", None) else []
    folder = spec.kwargs.get("scenario")
    if folder is None:
        raise ScenarioError(f"{name!r} is not a scenario or paper-task env")
    scenario = load_scenario(folder)
    if split == "train" and scenario.generator is not None:
        from ecomstage_env.data.generate import with_train_split

        size = kwargs.get("train_size", spec.kwargs.get("train_size", TRAIN_SIZE))
        scenario = with_train_split(scenario, size, kwargs.get("train_seed", 0))
    return [c.case_id for c in scenario.split(split)]


def _bundled_paper_counts(task: str) -> dict[str, int]:
    from ecomstage_env.data.loader import builtin_scenarios_root

    path = builtin_scenarios_root() / "paper_tasks" / f"{task}.jsonl"
    try:
        n = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    except OSError:
        return {}
    return {"test": n, "train": TRAIN_SIZE}


def register_builtin() -> None:
    """Register the seven paper tasks, the bundled scenarios and those packages declare.

    A package declares scenarios with an entry point in the group
    :data:`ENTRY_POINT_GROUP` whose object is a folder path (or a list of them).
    """
    for task in PAPER_TASKS.values():
        _BUILTIN[task.name] = PAPER_ENTRY_POINT
        meta = {
            "family": "paper_task",
            "task": task.name,
            "title": task.title,
            "orientation": task.orientation.value,
            "stages": [task.stage.value],
            "cases": _bundled_paper_counts(task.name),
            "generator": True,
        }
        register(
            name=task.name,
            entry_point=PAPER_ENTRY_POINT,
            version=PAPER_TASK_VERSION,
            metadata=meta,
            task=task.name,
        )
    for folder in builtin_scenario_dirs():
        _register_builtin_folder(folder, lazy=True)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = ep.load()
        except Exception as e:
            # Not swallowed: a broken plugin is reported by name, not as a bare traceback.
            raise ScenarioError(f"entry point {ep.name!r} ({ep.value}) failed to load: {e}") from e
        folders = target if isinstance(target, (list, tuple)) else [target]
        for folder in folders:
            _register_builtin_folder(Path(folder), ep.name)


def _register_builtin_folder(folder: Path, plugin: str | None = None, lazy: bool = False) -> None:
    """Register a folder as a built-in env (first come, first served; never replaced).

    A folder an installed package declares under the name of an env already built in
    is left out with a warning (a plugin cannot take over a bundled env, nor stop the
    library from importing). With ``lazy`` (the bundled scenarios), the spec's name and
    version are read cheaply (:func:`_read_id`) and the rest of the metadata when first
    asked for; a spec that cannot be read so is read in full now.
    """
    folder = folder.resolve()
    read = _read_id(folder) if lazy else None
    spec: ScenarioSpec | None = None
    if read is None:
        spec = load_spec(folder)
        name, version = spec.name, spec.version
    else:
        name, version = read
    owner = _BUILTIN.setdefault(name, str(folder))
    if owner != str(folder):
        warnings.warn(
            f"entry point {plugin!r} declares {folder} as {name!r}, the name of the "
            f"built-in env from {owner}: left out",
            stacklevel=3,
        )
        return
    if spec is not None:
        _register_folder(folder, spec, None, False, {})
        return
    forget_scenario(folder)
    gid = _add(env_id(name, version), STAGED_ENTRY_POINT, {"scenario": str(folder)}, {})
    gym.registry[gid].__dict__["_build_metadata"] = partial(
        _bundled_metadata, folder, name, version
    )

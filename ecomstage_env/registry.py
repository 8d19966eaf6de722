"""Make, register and list envs. Gymnasium's registry is the only registry.

Every env is registered with Gymnasium as ``ecomstage/<name>-v<version>``, so
``gymnasium.make`` and ``gymnasium.make_vec`` work on it; :func:`make` adds short names
(``"merchant_promotion"``) and a "Did you mean" hint for typos.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import gymnasium as gym

from ecomstage_env.data.loader import builtin_scenario_dirs, load_spec
from ecomstage_env.data.official import PAPER_TASKS
from ecomstage_env.errors import ScenarioError, UnknownEnvError

__all__ = ["ENTRY_POINT_GROUP", "NAMESPACE", "env_id", "list_envs", "make", "register"]

NAMESPACE = "ecomstage"
"""Gymnasium namespace of every ecomstage env."""

ENTRY_POINT_GROUP = "ecomstage.scenarios"
"""Entry-point group through which installed packages contribute scenario folders."""

STAGED_ENTRY_POINT = "ecomstage_env.env:StagedEnv"
PAPER_ENTRY_POINT = "ecomstage_env.paper_tasks:PaperTaskEnv"

_ID = re.compile(r"^(?:ecomstage/)?(?P<name>[A-Za-z0-9_]+)(?:-v(?P<version>\d+))?$")


def env_id(name: str, version: int = 0) -> str:
    """Return the Gymnasium id of an env, e.g. ``ecomstage/merchant_promotion-v0``."""
    return f"{NAMESPACE}/{name}-v{version}"


def register(
    scenario: str | Path | None = None,
    *,
    name: str | None = None,
    entry_point: str | None = None,
    version: int = 0,
    **kwargs: Any,
) -> str:
    """Register an env with Gymnasium and return its id.

    Either give a scenario folder (a ``spec.toml`` with world and cases; name and
    version come from the spec) or a ``name`` and an ``entry_point`` of your own env
    class. Registering an id again replaces the earlier registration.

    Args:
        scenario: A scenario folder.
        name: Env name, for a custom ``entry_point``.
        entry_point: ``"module:Class"`` of a custom env.
        version: Version of a custom env.
        **kwargs: Default keyword arguments of the env.

    Returns:
        The Gymnasium id.

    Raises:
        ScenarioError: Neither or both of ``scenario`` and ``entry_point`` given.
        DataError: The scenario's spec is invalid.
    """
    if (scenario is None) == (entry_point is None):
        raise ScenarioError("register() takes a scenario folder, or a name and an entry_point")
    if scenario is not None:
        folder = Path(scenario).resolve()
        spec = load_spec(folder)
        gid = env_id(name or spec.name, spec.version)
        kwargs = {"scenario": str(folder), **kwargs}
        entry_point = STAGED_ENTRY_POINT
    else:
        if not name:
            raise ScenarioError("register(entry_point=...) needs a name")
        gid = env_id(name, version)
    if gid in gym.registry:
        del gym.registry[gid]
    gym.register(id=gid, entry_point=entry_point, kwargs=kwargs, disable_env_checker=False)
    return gid


def _ids() -> dict[str, list[str]]:
    """Registered ecomstage ids by short name, oldest version first."""
    out: dict[str, list[str]] = {}
    for gid in sorted(gym.registry, key=lambda g: (g, gym.registry[g].version or 0)):
        spec = gym.registry[gid]
        if spec.namespace == NAMESPACE:
            out.setdefault(spec.name, []).append(gid)
    for versions in out.values():
        versions.sort(key=lambda g: gym.registry[g].version or 0)
    return out


def list_envs() -> list[str]:
    """Return the short names of all registered ecomstage envs, sorted."""
    return sorted(_ids())


def make(name: str, **kwargs: Any) -> gym.Env[Any, Any]:
    """Create an env by short name (``"merchant_promotion"``) or Gymnasium id.

    Args:
        name: Short name, ``name-vN``, or ``ecomstage/name-vN``.
        **kwargs: Passed to the env (``context``, ``split``, ``reward_weights``, ...).

    Returns:
        The env, wrapped as ``gymnasium.make`` wraps it.

    Raises:
        UnknownEnvError: No such env (with a "Did you mean" hint).
    """
    m = _ID.match(name)
    ids = _ids()
    if m is None or m.group("name") not in ids:
        raise UnknownEnvError(name, ids)
    versions = ids[m.group("name")]
    if m.group("version") is not None:
        gid = env_id(m.group("name"), int(m.group("version")))
        if gid not in versions:
            raise UnknownEnvError(name, [g.split("/", 1)[1] for v in ids.values() for g in v])
    else:
        gid = versions[-1]
    return gym.make(gid, **kwargs)


def register_builtin() -> None:
    """Register the seven paper tasks, the bundled scenarios and those packages declare.

    A package declares scenarios with an entry point in the group
    :data:`ENTRY_POINT_GROUP` whose object is a folder path (or a list of them).
    """
    for task in PAPER_TASKS:
        register(name=task, entry_point=PAPER_ENTRY_POINT, task=task)
    for folder in builtin_scenario_dirs():
        register(folder)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = ep.load()
        except Exception as e:
            # Not swallowed: a broken plugin is reported by name, not as a bare traceback.
            raise ScenarioError(f"entry point {ep.name!r} ({ep.value}) failed to load: {e}") from e
        folders = target if isinstance(target, (list, tuple)) else [target]
        for folder in folders:
            register(Path(folder))

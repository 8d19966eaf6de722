"""``import ecomstage``: the public name of the ecomstage_env library.

Everything in :mod:`ecomstage_env`'s ``__all__`` is available here, and every submodule
resolves to ecomstage_env's, by attribute (``ecomstage.agents``) and by import
(``from ecomstage.agents import make_agent``, ``import ecomstage.scoring.points``): a
meta-path finder maps ``ecomstage.X`` to the very module object ``ecomstage_env.X``, so
classes, registries and ``isinstance`` checks are shared, never duplicated.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

import ecomstage_env as _env
from ecomstage_env import __all__ as __all__
from ecomstage_env import __version__ as __version__

_PUBLIC = frozenset(__all__)
"""Names resolved through :func:`__getattr__`, so that ecomstage_env's lazy names (agents,
runner, embedding and judge scorers) stay unimported until used; ``from ecomstage import
X`` and ``from ecomstage import *`` work as with a star import."""

_PREFIX = __name__ + "."
_TARGET = "ecomstage_env."


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``ecomstage.X`` as ``ecomstage_env.X``."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not fullname.startswith(_PREFIX):
            return None
        real = _TARGET + fullname[len(_PREFIX) :]
        if importlib.util.find_spec(real) is None:
            return None
        return ModuleSpec(fullname, _Loader(real), is_package=False)


class _Loader(importlib.abc.Loader):
    """Loads an alias as the ``ecomstage_env`` module itself (imported once)."""

    def __init__(self, real: str) -> None:
        self.real = real
        self.spec: ModuleSpec | None = None

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        module = importlib.import_module(self.real)
        self.spec = module.__spec__  # the import system overwrites it with the alias's
        return module

    def exec_module(self, module: ModuleType) -> None:
        # Already executed as ecomstage_env.X; only give it back its own spec.
        module.__spec__ = self.spec


if TYPE_CHECKING:
    from ecomstage_env import *  # noqa: F403

if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _AliasFinder())


def __getattr__(name: str) -> Any:
    """A public name of ecomstage_env (imported on first use there), or a submodule."""
    # ecomstage_env's own __getattr__ imports lazy names and submodules; only those two
    # kinds pass through here (not the helpers ecomstage_env happens to import).
    value = getattr(_env, name, None)
    if name in _PUBLIC:
        globals()[name] = value  # later look-ups skip this function
        return value
    if isinstance(value, ModuleType) and value.__name__ == _TARGET + name:
        return value
    raise AttributeError(f"module 'ecomstage' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _PUBLIC)

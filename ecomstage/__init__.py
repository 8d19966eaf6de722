"""``import ecomstage``: the public name of the ecomstage_env library.

Everything in :mod:`ecomstage_env`'s ``__all__`` is available here, and submodules
(``ecomstage.agents``, ``ecomstage.scoring``, ...) resolve to ecomstage_env's.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ecomstage_env import *  # noqa: F403
from ecomstage_env import __all__, __version__  # noqa: F401


def __getattr__(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"ecomstage_env.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'ecomstage' has no attribute {name!r}") from None

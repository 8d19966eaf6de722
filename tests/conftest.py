from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import ecomstage
from ecomstage_env.data.loader import builtin_scenarios_root

CASE = (
    "mp-e4c1"  # the worked example of merchant_promotion (a bid below the range), first in the file
)


@pytest.fixture
def env() -> Any:
    e = ecomstage.make("merchant_promotion")
    yield e
    e.close()


@pytest.fixture
def scenario_copy(tmp_path: Path) -> Path:
    """A private copy of merchant_promotion to edit."""
    dst = tmp_path / "merchant_promotion"
    shutil.copytree(
        builtin_scenarios_root() / "merchant_promotion", dst, ignore=shutil.ignore_patterns("parts")
    )
    return dst


def play(env: Any, actions: list[Any], case_id: str = CASE) -> list[tuple[Any, ...]]:
    """Reset to a case and play the actions; return every step's 5-tuple."""
    env.reset(options={"case_id": case_id})
    return [env.step(a) for a in actions]

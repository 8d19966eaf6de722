"""The bundled scenarios' registration at ``import ecomstage``: cheap, and the same specs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ecomstage_env import registry
from ecomstage_env.data.loader import builtin_scenario_dirs, load_spec
from ecomstage_env.errors import DataError

# In a fresh interpreter: every env's metadata as `import ecomstage` leaves it (bundled
# scenarios not read yet), what copies, pickles and json make of a spec not yet read,
# then each bundled scenario registered again the eager way (register(folder)).
_PROBE = """
import copy, json, pickle, sys
import gymnasium as gym
import ecomstage
out = {"tomllib_at_import": "tomllib" in sys.modules, "lazy": {}, "eager": {}}
ids = {k.split("/")[1].rsplit("-v", 1)[0]: k for k in gym.registry if k.startswith("ecomstage/")}
spec = gym.spec(ids["merchant_promotion"])  # whatever version the spec now says
unread = [copy.deepcopy(spec), pickle.loads(pickle.dumps(spec)), copy.copy(spec)]
out["copies"] = [c.metadata for c in unread]
out["copies_equal"] = all(c == spec for c in unread)
out["to_json"] = json.loads(gym.spec(ids["after_sales"]).to_json())["metadata"]
for name in ecomstage.list_envs():
    out["lazy"][name] = ecomstage.env_metadata(name)
for name in ecomstage.list_envs():
    meta = out["lazy"][name]
    if meta["family"] == "scenario":
        ecomstage.register(meta["folder"])
    out["eager"][name] = ecomstage.env_metadata(name)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def probe() -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def test_lazy_metadata_equals_the_eager_metadata_for_every_env(probe: dict[str, Any]) -> None:
    assert len(probe["lazy"]) == 14
    assert probe["lazy"] == probe["eager"]
    # same keys in the same order as the eager registration (json, printing)
    for name, meta in probe["lazy"].items():
        assert list(meta) == list(probe["eager"][name])
        assert meta["cases"]["test"] > 0


def test_a_spec_not_yet_read_copies_pickles_and_serialises_whole(probe: dict[str, Any]) -> None:
    expected = probe["lazy"]["merchant_promotion"]
    assert probe["copies"] == [expected] * 3
    assert probe["copies_equal"]
    assert probe["to_json"] == probe["lazy"]["after_sales"]


def test_import_parses_no_spec(probe: dict[str, Any]) -> None:
    assert probe["tomllib_at_import"] is False


@pytest.mark.parametrize("folder", builtin_scenario_dirs(), ids=lambda p: p.name)
def test_the_cheap_read_gives_the_specs_name_and_version(folder: Path) -> None:
    spec = load_spec(folder)
    assert registry._read_id(folder) == (spec.name, spec.version)


_HEAD = 'name = "shop"\nversion = 3\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_HEAD, ("shop", 3)),
        ('\ufeff# c\n\nname = "shop" # n\r\nversion = 0\ntitle = "t"\n', ("shop", 0)),
        ('title = "a # b \\" c"\n' + _HEAD, ("shop", 3)),
        # a key=value line inside a multi-line string is not a top-level key
        ('description = """\nname = "other"\nversion = 9\n"""\n' + _HEAD, None),
        ("[[stages]]\n" + _HEAD, None),
        ('"name" = "shop"\nversion = 3\n', None),
        ('name = "shop"\n', None),  # version left to its default: read in full
        ('name = "shop"\nversion = "3"\n', None),
        ('name = "shop"\nversion = 03\n', None),
        ('name = "shop"\nversion = -1\n', None),
        ('name = "Shop"\nversion = 3\n', None),
        ('name = "shop"\nname = "shop"\nversion = 3\n', None),
    ],
)
def test_the_cheap_read_accepts_only_what_is_surely_the_top_level_keys(
    tmp_path: Path, text: str, expected: tuple[str, int] | None
) -> None:
    (tmp_path / "spec.toml").write_text(text, encoding="utf-8")
    assert registry._read_id(tmp_path) == expected


def test_a_bad_version_is_reported_by_file_and_field(scenario_copy: Path) -> None:
    spec = scenario_copy / "spec.toml"
    spec.write_text(spec.read_text().replace("version = 1", 'version = "one"', 1))
    with pytest.raises(DataError, match=r"spec\.toml: field 'version'"):
        registry._register_builtin_folder(scenario_copy, lazy=True)

"""A scenario folder is kept to itself: its paths, its code, its name, its freshness."""

from __future__ import annotations

import json
import os
import shutil
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import gymnasium as gym
import pytest

import ecomstage
from ecomstage_env.data import loader
from ecomstage_env.data.loader import builtin_scenarios_root, load_scenario
from ecomstage_env.errors import DataError, ScenarioError

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "shops" / "tiny_shop"))


def edit_spec(folder: Path, old: str, new: str) -> None:
    spec = folder / "spec.toml"
    text = spec.read_text("utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), "utf-8")


def rename(folder: Path, name: str) -> None:
    """Give the folder's scenario another name (spec and cases)."""
    edit_spec(folder, 'name = "tiny_shop"', f'name = "{name}"')
    cases = folder / "cases.jsonl"
    cases.write_text(cases.read_text("utf-8").replace('"tiny_shop"', f'"{name}"'), "utf-8")


def refused(folder: Path, field: str, match: str) -> DataError:
    """Both registering and loading the folder fail, naming spec.toml and the field."""
    with pytest.raises(DataError, match=match) as e:
        ecomstage.register(folder)
    assert e.value.path.name == "spec.toml" and e.value.field == field, str(e.value)
    with pytest.raises(DataError, match=match):
        load_scenario(folder)
    return e.value


# -- paths ----------------------------------------------------------------------------------
def test_a_case_file_outside_the_folder_is_refused(shop: Path) -> None:
    victim = Path(shutil.copytree(FIXTURE, shop.parent / "victim"))
    rename(shop, "traversal_shop")
    edit_spec(shop, 'case_files = ["cases.jsonl"]', 'case_files = ["../victim/cases.jsonl"]')
    assert (shop / "../victim/cases.jsonl").resolve() == (victim / "cases.jsonl").resolve()
    refused(shop, "case_files.0", r"leaves the scenario folder \('\.\.'\)")
    assert "traversal_shop" not in ecomstage.list_envs()


@pytest.mark.parametrize("path", ["/etc/passwd", "/proc/self/environ", "C:\\\\x\\\\w.json"])
def test_an_absolute_world_file_is_refused(shop: Path, path: str) -> None:
    edit_spec(
        shop, 'case_files = ["cases.jsonl"]', f'world_file = "{path}"\ncase_files = ["cases.jsonl"]'
    )
    refused(shop, "world_file", "is an absolute path")


def test_a_symlink_leaving_the_folder_is_refused(shop: Path) -> None:
    outside = shop.parent / "secret.jsonl"
    shutil.move(shop / "cases.jsonl", outside)
    os.symlink(outside, shop / "cases.jsonl")
    refused(shop, "case_files.0", "is a link to .*secret.jsonl, outside the scenario folder")


def test_a_symlink_inside_the_folder_is_fine(shop: Path) -> None:
    (shop / "data").mkdir()
    shutil.move(shop / "cases.jsonl", shop / "data" / "cases.jsonl")
    os.symlink(shop / "data" / "cases.jsonl", shop / "cases.jsonl")
    assert len(load_scenario(shop).cases) == 3


def test_a_module_file_linked_from_outside_is_refused(shop: Path) -> None:
    outside = shop.parent / "world.py"
    shutil.move(shop / "world.py", outside)
    os.symlink(outside, shop / "world.py")
    refused_at_load = pytest.raises(DataError, match="outside the scenario folder")
    with refused_at_load as e:
        load_scenario(shop)
    assert e.value.field == "world_class"


# -- code -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("world_class", 'world_class = "world:ShopWorld"', 'world_class = "this:s"'),
        ("policy", 'policy = "policy:check_case"', 'policy = "os:system"'),
        ("scorer_modules.0", 'scorer_modules = ["scorers"]', 'scorer_modules = ["antigravity"]'),
    ],
)
def test_code_from_outside_the_folder_is_refused_before_it_is_imported(
    shop: Path, field: str, old: str, new: str
) -> None:
    edit_spec(shop, old, new)
    before = set(sys.modules)
    with pytest.raises(DataError, match="scenario code loads only from the folder itself") as e:
        load_scenario(shop)
    assert e.value.field == field
    assert not {"this", "antigravity"} & (set(sys.modules) - before)


@pytest.mark.parametrize("spelling", ["../world:ShopWorld", "/tmp/world:ShopWorld", ".world:X"])
def test_a_module_written_as_a_path_is_not_a_module(shop: Path, spelling: str) -> None:
    edit_spec(shop, 'world_class = "world:ShopWorld"', f'world_class = "{spelling}"')
    refused(shop, "world_class", "is not 'module:name'")


def test_the_library_s_own_classes_may_be_named(shop: Path) -> None:
    edit_spec(
        shop,
        'case_files = ["cases.jsonl"]',
        'user_simulator = "ecomstage_env.users:ScriptedUser"\ncase_files = ["cases.jsonl"]',
    )
    assert type(load_scenario(shop).user).__name__ == "ScriptedUser"


def test_a_package_that_declares_an_entry_point_may_provide_the_code(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = tmp_path / "site" / "shopkit"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    shutil.copy(shop / "world.py", pkg / "worlds.py")
    monkeypatch.syspath_prepend(str(pkg.parent))
    edit_spec(shop, 'world_class = "world:ShopWorld"', 'world_class = "shopkit.worlds:ShopWorld"')
    (shop / "world.py").rename(shop / "world_unused.py")
    (shop / "policy.py").write_text(
        "from shopkit.worlds import ShopWorld\n\ndef check_case(world, case):\n    return []\n"
    )
    with pytest.raises(DataError, match="not a module of this library"):
        load_scenario(shop)
    declared = [EntryPoint("shopkit", "shopkit.folders:ALL", loader.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(loader, "entry_points", lambda group: declared)
    loader.forget_scenario(shop)
    assert load_scenario(shop).world_cls.__module__ == "shopkit.worlds"


# -- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["merchant_promotion", "attitude_cls"])
def test_a_folder_never_silently_replaces_a_built_in_env(shop: Path, name: str) -> None:
    rename(shop, name)
    before = gym.spec(ecomstage.registry.env_id(name))
    with pytest.raises(ScenarioError, match=f"'{name}' is a built-in env.*override=True"):
        ecomstage.register(shop)
    assert gym.spec(ecomstage.registry.env_id(name)) is before
    # make(path) still plays the folder, under a name of its own.
    with pytest.warns(UserWarning, match="instead of replacing it"):
        env = ecomstage.make(str(shop))
    assert env.spec is not None and env.spec.id.startswith(f"ecomstage/{name}_")
    assert len(env.unwrapped.cases) == 3
    # ... and a run over it keys its episodes by that name (not the built-in's).
    from ecomstage_env.runner.run import run_evaluation

    alias = env.spec.name
    records = run_evaluation([ecomstage.OracleAgent()], [alias])
    assert {r.env for r in records} == {alias} and all(r.result.total == 1.0 for r in records)


def test_override_replaces_a_built_in_on_purpose(shop: Path) -> None:
    rename(shop, "merchant_promotion")
    edit_spec(shop, "version = 0", "version = 1")
    bundled = builtin_scenarios_root() / "merchant_promotion"
    n_bundled = len(ecomstage.case_ids("merchant_promotion"))
    try:
        assert ecomstage.register(shop, override=True) == "ecomstage/merchant_promotion-v1"
        assert len(ecomstage.case_ids("merchant_promotion")) == 3
    finally:
        ecomstage.register(bundled)  # the built-in's own folder needs no override
    assert len(ecomstage.case_ids("merchant_promotion")) == n_bundled


def test_a_custom_entry_point_cannot_take_a_built_in_name() -> None:
    with pytest.raises(ScenarioError, match="'rag_qa' is a built-in env"):
        ecomstage.register(name="rag_qa", entry_point="mypkg:Env", version=1)


# -- freshness ------------------------------------------------------------------------------
def test_registering_an_edited_folder_again_serves_the_edit(shop: Path) -> None:
    rename(shop, "fresh_shop")
    gid = ecomstage.register(shop)
    assert ecomstage.case_ids("fresh_shop") == ["t-1", "t-2", "t-3"]
    assert len(ecomstage.make(gid).unwrapped.cases) == 3
    cases = shop / "cases.jsonl"
    lines = cases.read_text("utf-8").splitlines()
    cases.write_text("\n".join(lines[:2]) + "\n", "utf-8")  # same second, maybe
    edit_spec(shop, 'title = "Tiny shop (test fixture)"', 'title = "Tiny shop, edited"')
    ecomstage.register(shop)
    assert gym.spec(gid).metadata["cases"] == {"test": 2}  # type: ignore[attr-defined]
    assert ecomstage.case_ids("fresh_shop") == ["t-1", "t-2"]
    env = ecomstage.make("fresh_shop").unwrapped
    assert [c.case_id for c in env.cases] == ["t-1", "t-2"]
    assert env.spec_data.title == "Tiny shop, edited"


def test_edited_code_is_imported_again(shop: Path) -> None:
    rename(shop, "code_shop")
    ecomstage.register(shop)
    policy = load_scenario(shop).policy
    assert policy is not None and "7 days" in str(policy.__doc__)
    (shop / "policy.py").write_text(
        'def check_case(world, case):\n    """Edited."""\n    return []\n', "utf-8"
    )
    ecomstage.register(shop)
    policy = load_scenario(shop).policy
    assert policy is not None and policy.__doc__ == "Edited."


def test_an_unchanged_folder_is_loaded_once(shop: Path) -> None:
    assert load_scenario(shop) is load_scenario(shop)
    first = json.loads((shop / "cases.jsonl").read_text("utf-8").splitlines()[0])
    assert load_scenario(shop).cases[0].case_id == first["case_id"]


def test_register_reloads_even_an_edit_the_file_clock_cannot_see(shop: Path) -> None:
    """Same size, same modification time (an edit within the clock's resolution)."""
    rename(shop, "clock_shop")
    ecomstage.register(shop)
    assert ecomstage.case_ids("clock_shop")[-1] == "t-3"
    cases = shop / "cases.jsonl"
    st = cases.stat()
    cases.write_text(cases.read_text("utf-8").replace('"t-3"', '"t-9"'), "utf-8")
    os.utime(cases, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert ecomstage.case_ids("clock_shop")[-1] == "t-3"  # nothing told it to look again
    ecomstage.register(shop)
    assert ecomstage.case_ids("clock_shop")[-1] == "t-9"


def test_a_plugin_folder_is_built_in_but_cannot_take_a_bundled_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecomstage_env import registry

    plugin = Path(shutil.copytree(FIXTURE, tmp_path / "site" / "shopplug" / "plugin_shop"))
    rename(plugin, "plugin_shop")
    clash = Path(shutil.copytree(FIXTURE, tmp_path / "site" / "shopplug" / "clash"))
    rename(clash, "merchant_promotion")
    (plugin.parent / "__init__.py").write_text(f"FOLDERS = [{str(plugin)!r}, {str(clash)!r}]\n")
    monkeypatch.syspath_prepend(str(plugin.parent.parent))
    declared = [EntryPoint("shopplug", "shopplug:FOLDERS", loader.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(registry, "entry_points", lambda group: declared)
    n_bundled = len(ecomstage.case_ids("merchant_promotion"))
    with pytest.warns(UserWarning, match="the name of the built-in env .* left out"):
        registry.register_builtin()
    assert len(ecomstage.case_ids("merchant_promotion")) == n_bundled
    assert ecomstage.case_ids("plugin_shop") == ["t-1", "t-2", "t-3"]
    other = Path(shutil.copytree(plugin, tmp_path / "other" / "plugin_shop"))
    with pytest.raises(ScenarioError, match="'plugin_shop' is a built-in env"):
        ecomstage.register(other)


@pytest.mark.parametrize("folder_name", ["shop.v2", "my shop", "shop-ü"])
def test_a_folder_of_any_name_loads(tmp_path: Path, folder_name: str) -> None:
    folder = Path(shutil.copytree(FIXTURE, tmp_path / folder_name))
    assert len(load_scenario(folder).cases) == 3

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "torch",
    "transformers",
    "langchain",
    "langchain_core",
    "openai",
    "sentence_transformers",
    "ray",
    "trl",
)


def test_import_is_light() -> None:
    code = (
        "import sys, ecomstage, ecomstage_env; "
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import ecomstage loaded {out.stdout.strip()}"


def test_public_api_is_exported() -> None:
    import ecomstage
    import ecomstage_env

    assert ecomstage.__all__ == ecomstage_env.__all__
    for name in ecomstage.__all__:
        assert getattr(ecomstage, name) is getattr(ecomstage_env, name)
    assert ecomstage.agents is ecomstage_env.agents  # submodules resolve through the alias


def test_quick_start_line() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ecomstage; e=ecomstage.make('merchant_promotion'); print(e.reset(seed=0)[0]['stage'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "perception"


def test_submodule_imports_through_the_alias() -> None:
    # A fresh interpreter: `from ecomstage.X import ...` must work before anything has
    # imported ecomstage_env.X, and give the very same objects.
    code = (
        "from ecomstage.agents import make_agent\n"
        "from ecomstage.scoring import score_stage\n"
        "import ecomstage.scoring.points as alias\n"
        "from ecomstage.runner.vector import play_vector\n"
        "import ecomstage_env.agents, ecomstage_env.scoring, ecomstage_env.scoring.points as real\n"
        "assert make_agent is ecomstage_env.agents.make_agent\n"
        "assert score_stage is ecomstage_env.scoring.score_stage\n"
        "assert alias is real and real.__spec__.name == 'ecomstage_env.scoring.points'\n"
        "assert real.__name__ == 'ecomstage_env.scoring.points'\n"
        "try:\n"
        "    import ecomstage.no_such_module\n"
        "except ModuleNotFoundError as e:\n"
        "    assert 'ecomstage.no_such_module' in str(e)\n"
        "else:\n"
        "    raise AssertionError('imported a module that does not exist')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_leaves_runner_and_agents_unloaded() -> None:
    # Making an env needs neither: they load on first use of a name that needs them, and
    # every public name still resolves (from both packages, by attribute and by import).
    code = (
        "import sys, ecomstage\n"
        "lazy = ('ecomstage_env.runner', 'ecomstage_env.agents', "
        "'ecomstage_env.scoring.embedding', 'ecomstage_env.scoring.judge', 'asyncio')\n"
        "env = ecomstage.make('merchant_promotion'); env.reset(seed=0)\n"
        "loaded = [m for m in lazy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "assert set(ecomstage.__all__) <= set(dir(ecomstage))\n"
        "import ecomstage_env\n"
        "assert set(ecomstage_env.__all__) <= set(dir(ecomstage_env))\n"
        "from ecomstage import OracleAgent, run_episode\n"
        "assert 'ecomstage_env.runner' in sys.modules and 'ecomstage_env.agents' in sys.modules\n"
        "assert run_episode(env, OracleAgent(), seed=0).total == 1.0\n"
        "assert ecomstage_env.runner.evaluate is ecomstage.evaluate\n"
        "ns = {}\n"
        "exec('from ecomstage import *', ns)\n"
        "missing = [n for n in ecomstage.__all__ if n not in ns]\n"
        "assert not missing, missing\n"
        "try:\n"
        "    ecomstage.no_such_name\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('an unknown name resolved')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

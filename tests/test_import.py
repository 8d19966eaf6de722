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

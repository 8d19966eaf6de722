"""Memory of every env, and the time ``import ecomstage`` takes, against the targets.

Run: .venv/bin/python benchmarks/env_memory.py [--imports N]

Each figure comes from fresh interpreters (``sys.executable``), so nothing this script
imported counts:

- ``import ecomstage``: the median of ``--imports`` interpreters (default 10), timed
  inside each around the import alone (interpreter start-up not counted). Target 0.25 s.
  As users import it: every module's bytecode cached (pip compiles it at install; a
  checkout caches it on first import), kept in a temporary ``PYTHONPYCACHEPREFIX``
  written by one untimed import first. A second figure, as the benchmark measured it
  before: ``PYTHONDONTWRITEBYTECODE=1`` and no prefix, so ecomstage's own modules are
  compiled from source in every interpreter when the checkout has no ``__pycache__``
  (the dependencies use their installed bytecode); the difference is the compiling.
- RSS (resident memory, from /proc) with every env made (``ecomstage.make``), then after
  one oracle episode on each, scored as ``make`` scores it. Envs whose scoring loads
  an embedding model (cosine-scored fields: torch and sentence-transformers) are found
  in that run (``torch`` appears in ``sys.modules`` after their episode) and named; a
  second interpreter plays one episode on every other env, so both figures are printed:
  with the embedding model and without it. The RSS jump at the first such episode says
  what the model costs. Target 300 MB.

Prints one JSON line per figure, then a table with the target and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from typing import Any

IMPORT_TARGET_S = 0.25
RSS_TARGET_MB = 300.0

_IMPORT = """
import time
t = time.perf_counter()
import ecomstage
print(time.perf_counter() - t)
"""

_ENVS = """
import json, sys
from pathlib import Path

def rss():
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6

import ecomstage
from ecomstage_env.runner import run_episode

skip = set(json.loads(sys.argv[1]))
names = [n for n in ecomstage.list_envs() if n not in skip]
envs = {n: ecomstage.make(n) for n in names}
out = {"envs": names, "made_mb": rss(), "episodes": []}
for n, env in envs.items():
    before = "torch" in sys.modules
    result = run_episode(env, ecomstage.OracleAgent(), seed=0)
    out["episodes"].append(
        {"env": n, "rss_mb": rss(), "total": result.total,
         "loads_model": "torch" in sys.modules and not before}
    )
out["scored_mb"] = rss()
out["torch_loaded"] = "torch" in sys.modules
print(json.dumps(out))
"""


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def import_time(runs: int) -> tuple[list[float], list[float]]:
    """Seconds ``import ecomstage`` takes in ``runs`` fresh interpreters, two ways.

    With all bytecode cached, and with ecomstage's compiled from source (see the module
    docstring); the two kinds of run alternate, so that both see the same load.
    """
    cached: list[float] = []
    source: list[float] = []
    with tempfile.TemporaryDirectory() as prefix:
        warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm["PYTHONPYCACHEPREFIX"] = prefix
        cold = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
        cold["PYTHONDONTWRITEBYTECODE"] = "1"
        _python(_IMPORT, env=warm)  # writes the cache
        for _ in range(runs):
            cached.append(float(_python(_IMPORT, env=warm).splitlines()[-1]))
            source.append(float(_python(_IMPORT, env=cold).splitlines()[-1]))
    return cached, source


def env_memory(skip: list[str]) -> dict[str, Any]:
    """RSS with every env but ``skip`` made, and after one oracle episode on each."""
    out: dict[str, Any] = json.loads(_python(_ENVS, json.dumps(skip)).splitlines()[-1])
    return out


def memory_rows() -> list[dict[str, Any]]:
    """The RSS figures (see the module docstring)."""
    every = env_memory([])
    neural = [e["env"] for e in every["episodes"] if e["loads_model"]]
    rows: list[dict[str, Any]] = []
    rows.append(
        {
            "figure": "RSS, every env made (MB)",
            "measured": round(every["made_mb"], 1),
            "target": RSS_TARGET_MB,
            "ratio": round(every["made_mb"] / RSS_TARGET_MB, 2),
            "detail": f"{len(every['envs'])} envs",
        }
    )
    rows.append(
        {
            "figure": "RSS, one scored episode each (MB)",
            "measured": round(every["scored_mb"], 1),
            "target": RSS_TARGET_MB,
            "ratio": round(every["scored_mb"] / RSS_TARGET_MB, 2),
            "detail": "with the embedding model (torch)"
            if every["torch_loaded"]
            else "no env loaded an embedding model",
        }
    )
    if neural:
        steps = every["episodes"]
        first = next(i for i, e in enumerate(steps) if e["loads_model"])
        before = steps[first - 1]["rss_mb"] if first else every["made_mb"]
        jump = steps[first]["rss_mb"] - before
        lean = env_memory(neural)
        rows.append(
            {
                "figure": "RSS, one scored episode each, no embedding model (MB)",
                "measured": round(lean["scored_mb"], 1),
                "target": RSS_TARGET_MB,
                "ratio": round(lean["scored_mb"] / RSS_TARGET_MB, 2),
                "detail": f"without {', '.join(neural)}",
            }
        )
        rows.append(
            {
                "figure": "RSS the embedding model adds (MB)",
                "measured": round(jump, 1),
                "target": None,
                "ratio": None,
                "detail": f"at the first episode of {steps[first]['env']}: torch, "
                "sentence-transformers and the model's weights",
            }
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--imports", type=int, default=10, help="fresh interpreters to time")
    ap.add_argument("--import-only", action="store_true", help="time the import, skip memory")
    args = ap.parse_args()
    times, from_source = import_time(args.imports)
    rows: list[dict[str, Any]] = []
    median = statistics.median(times)
    rows.append(
        {
            "figure": "import ecomstage (s)",
            "measured": round(median, 3),
            "target": IMPORT_TARGET_S,
            "ratio": round(median / IMPORT_TARGET_S, 2),
            "detail": f"bytecode cached; median of {len(times)}; "
            f"range {min(times):.3f}-{max(times):.3f}; load {os.getloadavg()[0]:.1f}",
        }
    )
    rows.append(
        {
            "figure": "import ecomstage, its modules compiled (s)",
            "measured": round(statistics.median(from_source), 3),
            "target": IMPORT_TARGET_S,
            "ratio": round(statistics.median(from_source) / IMPORT_TARGET_S, 2),
            "detail": f"PYTHONDONTWRITEBYTECODE=1; median of {len(from_source)}; "
            f"range {min(from_source):.3f}-{max(from_source):.3f}",
        }
    )
    if not args.import_only:
        rows += memory_rows()
    for row in rows:
        print(json.dumps(row))
    cols = [("figure", 54), ("measured", 9), ("target", 7), ("ratio", 6), ("detail", 0)]
    print("  ".join(f"{c:<{w}}" if c in ("figure", "detail") else f"{c:>{w}}" for c, w in cols))
    for row in rows:
        print(
            "  ".join(
                f"{row[c]!s:<{w}}" if c in ("figure", "detail") else f"{row[c]!s:>{w}}"
                for c, w in cols
            )
        )


if __name__ == "__main__":
    main()

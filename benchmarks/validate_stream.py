"""How fast, and in how much memory, ``ecomstage validate`` checks a large case file.

Run: .venv/bin/python benchmarks/validate_stream.py [--mb 150]
The bundled merchant_promotion cases are copied (new ids) into one JSON Lines file of
about ``--mb`` megabytes, with one bad line in every thousand; ``validate`` then checks
every line in a fresh process (so its peak memory is its own). Prints one JSON line,
then a table: file size, lines, problems found, seconds, lines per second, peak memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ecomstage_env.data.loader import builtin_scenarios_root

_CHILD = """
import json, resource, sys, time
from ecomstage_env.checks.validate import validate_path
t0 = time.perf_counter()
problems = validate_path(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - t0, "problems": len(problems),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_cases(path: Path, megabytes: float) -> int:
    """Write about ``megabytes`` MB of cases (one bad line per thousand); return the lines."""
    source = builtin_scenarios_root() / "merchant_promotion" / "cases.jsonl"
    base = [json.loads(x) for x in source.read_text("utf-8").splitlines() if x.strip()]
    target = int(megabytes * 1e6)
    written = lines = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            case = base[lines % len(base)]
            if lines % 1000 == 999:
                row = json.dumps({**case, "case_id": f"x-{lines}", "split": "nope"})
            else:
                row = json.dumps({**case, "case_id": f"{case['case_id']}-{lines}"})
            fh.write(row + "\n")
            written += len(row) + 1
            lines += 1
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=150.0)
    args = ap.parse_args()
    path = Path(tempfile.mkdtemp()) / "cases.jsonl"
    t0 = time.perf_counter()
    lines = write_cases(path, args.mb)
    write_s = time.perf_counter() - t0
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True
    )
    child = json.loads(out.stdout.strip().splitlines()[-1])
    figures = {
        "file_mb": path.stat().st_size / 1e6,
        "lines": lines,
        "problems": child["problems"],
        "validate_s": child["seconds"],
        "lines_per_s": lines / child["seconds"],
        "max_rss_mb": child["max_rss_mb"],
        "write_s": write_s,
    }
    path.unlink()
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    for k, v in figures.items():
        print(f"{k:<16}{v:>14.2f}")


if __name__ == "__main__":
    main()

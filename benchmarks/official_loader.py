"""How fast a release-size file loads: a synthetic 5,040-record JSON array (about 10 MB).

Run: .venv/bin/python benchmarks/official_loader.py [--copies N]
The bundled records are copied N times (new ids) into one JSON array, the size of the
official filtered_data.json (4,804 records, 9.7 MB). Prints one JSON line, then a table:
file size, time to read and check every record, and time to build each task's env.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import ecomstage
from ecomstage_env.paper.env import bundled_paper_data
from ecomstage_env.paper.official import PAPER_TASKS, read_records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    base = [
        json.loads(line)
        for task in PAPER_TASKS
        for line in (bundled_paper_data() / f"{task}.jsonl").read_text("utf-8").splitlines()
    ]
    records = [{**r, "id": f"{r['id']}-{k}"} for k in range(args.copies) for r in base]
    path = Path(tempfile.mkdtemp()) / "filtered_data.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")

    t0 = time.perf_counter()
    got, bad = read_records(path)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for task in PAPER_TASKS:
        ecomstage.make(task, data=str(path))
    make_s = time.perf_counter() - t0
    figures = {
        "records": len(got),
        "malformed": len(bad),
        "file_mb": path.stat().st_size / 1e6,
        "read_and_check_s": read_s,
        "records_per_s": len(got) / read_s,
        "make_all_seven_envs_s": make_s,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    for k, v in figures.items():
        print(f"{k:<28}{v:>12.2f}")


if __name__ == "__main__":
    main()

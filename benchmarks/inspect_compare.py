"""ecomstage against inspect_ai on the same 1,000-sample label task, instant model.

Run: .venv/bin/python benchmarks/inspect_compare.py [--samples N] [--inspect-python PATH]

Both sides evaluate the same samples: intent_recognition's records (repeated to reach
``--samples``; ecomstage plays them as trials, inspect_ai gets each as a sample), each
with the prompt ecomstage's env shows, answered by an instant model that always gives
the same label (ecomstage: a constant agent; inspect_ai: ``mockllm/model`` with that
output), graded by exact label match. ecomstage runs here through ``run_evaluation``
(one episode at a time), without and with a run directory; inspect_ai runs in its own
venv (``make bench`` makes ``.venv-inspect`` with inspect-ai 0.3.285: installed beside
this project's dependencies it would downgrade fsspec and python-dateutil) through
``benchmarks/inspect_side.py``, with its full log and with the least logging it allows
(``log_samples=False, log_realtime=False``; it always writes a log file). Each figure is
the best of ``--repeats`` runs, imports excluded. Prints JSON lines, then the table with
the targets (>= 20x without a run directory, >= 10x with one).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ecomstage
from ecomstage_env.runner.run import run_evaluation

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"without a run directory": 20.0, "with a run directory": 10.0}


class InstantAgent:
    """Answers every stage with the same label at once (inspect_ai's mockllm, here)."""

    name = "instant"

    def __init__(self, label: str) -> None:
        self.label = label

    def reset(self) -> None:
        """Nothing to forget."""

    def act(self, observation: dict[str, Any], info: dict[str, Any]) -> str:
        """The fixed label."""
        return self.label


def samples(env_name: str, n: int) -> tuple[list[dict[str, str]], int]:
    """The env's prompts and gold labels, repeated to ``n``; and the trials that takes."""
    env = ecomstage.make(env_name).unwrapped
    base = []
    for case in env.cases:
        obs, _ = env.reset(options={"case_id": case.case_id})
        base.append({"prompt": obs["prompt"], "target": str(case.gold["perception"]["answer"])})
    trials = math.ceil(n / len(base))
    return base * trials, trials


def time_ecomstage(
    env_name: str, trials: int, label: str, repeats: int, out: bool
) -> tuple[float, int]:
    """Best seconds of ``run_evaluation`` over the env's cases x ``trials``; episodes."""
    best, done = float("inf"), 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            recs = run_evaluation(
                [InstantAgent(label)],  # type: ignore[list-item]
                env_name,
                trials=trials,
                out=Path(tmp) / "run" if out else None,
            )
            done = len(recs)
            accuracy = sum(r.result.total for r in recs) / done
            best = min(best, time.perf_counter() - t0)
            del recs
    return best, done, accuracy


def main() -> None:
    """Run both sides and print the comparison."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--env", default="intent_recognition")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--inspect-python", default=str(ROOT / ".venv-inspect" / "bin" / "python"))
    args = ap.parse_args()
    label = "1"
    data, trials = samples(args.env, args.samples)
    run_evaluation([InstantAgent(label)], args.env, limit=3)  # type: ignore[list-item]  # warm-up
    ours = {}
    for mode, out in (("without a run directory", False), ("with a run directory", True)):
        secs, episodes, acc = time_ecomstage(args.env, trials, label, args.repeats, out)
        ours[mode] = (secs, episodes)
        row = {"mode": mode, "samples": episodes, "seconds": round(secs, 3), "accuracy": acc}
        print(json.dumps({"side": "ecomstage", **row}))
    theirs: dict[str, float] = {}
    if not Path(args.inspect_python).exists():
        print(f"inspect_ai side skipped: {args.inspect_python} not found (make bench installs it)")
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"samples": data, "answer": label, "repeats": args.repeats}, fh)
        proc = subprocess.run(
            [args.inspect_python, str(ROOT / "benchmarks" / "inspect_side.py"), fh.name],
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
            check=False,
        )
        Path(fh.name).unlink()
        if proc.returncode:
            sys.exit(f"inspect_ai side failed:\n{proc.stderr[-3000:]}")
        for line in proc.stdout.splitlines():
            row = json.loads(line)
            theirs[row["mode"]] = row["seconds"]
            print(json.dumps({"side": "inspect_ai", **row}))
    print(f"\n{args.env}, {len(data)} samples, instant model (best of {args.repeats})")
    print(f"{'ecomstage':<26}{'s':>7}{'inspect_ai':>16}{'s':>7}{'speed-up':>10}{'target':>8}")
    pairs = (("without a run directory", "least logging"), ("with a run directory", "full log"))
    for ours_mode, their_mode in pairs:
        secs = ours[ours_mode][0]
        other = theirs.get(their_mode)
        ratio = f"{other / secs:.1f}x" if other else "-"
        other_s = f"{other:.2f}" if other else "-"
        print(
            f"{ours_mode:<26}{secs:>7.2f}{their_mode:>16}{other_s:>7}{ratio:>10}{TARGETS[ours_mode]:>7.0f}x"
        )


if __name__ == "__main__":
    main()

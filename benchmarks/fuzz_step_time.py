"""How long one ``step`` takes on hostile inputs of up to 1 MB (target: under 50 ms).

Run: .venv/bin/python benchmarks/fuzz_step_time.py [--repeats N] [--env NAME ...]

For each env and each input shape (the shapes of tests/test_fuzz.py at full size: dense
braces, broken JSON fragments, fences, 1 MB strings and lists, lone surrogates, invalid
UTF-8, deep nesting, inputs over the limit), the env is reset and the input stepped
``--repeats`` times; the median and the worst time are kept. Prints one JSON line per
env and shape, then a table per shape (worst over envs of the median, and the worst of
all) and the overall figure. Expect noise on a shared machine: the median is the figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

import ecomstage
from ecomstage_env.parsing import MAX_ACTION_CHARS

MB = 1_000_000
TARGET_MS = 50.0


def _nested(depth: int) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for _ in range(depth):
        d = {"a": d}
    return d


def shapes() -> dict[str, Any]:
    """Named hostile inputs, each at most 1 MB (except the two over the limit)."""
    return {
        "braces": "{" * MB,
        "key_openings": '{"' * (MB // 2),
        "unclosed_nesting": '{"a":[' * 1000 + "1," * ((MB - 6000) // 2),
        "broken_fragments": ('{"a":[' + "1," * 4000 + "x") * 120,
        "quote_brace_runs": '{"a":"' * (MB // 6),
        "fences": "```" * (MB // 3),
        "prose_then_json": "x" * (MB - 100) + '{"answer": "ok"}',
        "long_string_json": json.dumps({"answer": "y" * (MB - 20)}),
        "surrogate_escapes": json.dumps({"answer": "\\ud800" * (MB // 8)}),
        "lone_surrogates": "\ud800" * MB,
        "invalid_utf8": b"\xff" * MB,
        "dict_1mb_string": {"answer": "z" * (MB - 100)},
        "dict_int_list": {"answer": list(range(MB // 8))},
        "json_nested_1000": '{"a":' * 1000 + "1" + "}" * 1000,
        "python_nested_1000": _nested(1000),
        "tool_args_1mb": {"tool": "get_campaign", "arguments": {"campaign_id": "C" * (MB - 100)}},
        "over_limit_text": "x" * (MAX_ACTION_CHARS + 1),
        "over_limit_dict": {"answer": "z" * (MAX_ACTION_CHARS + 1)},
    }


def measure(name: str, inputs: dict[str, Any], repeats: int) -> list[dict[str, Any]]:
    env = ecomstage.make(name)
    rows = []
    for shape, action in inputs.items():
        times = []
        for i in range(repeats):
            env.reset(seed=i)
            start = time.perf_counter()
            env.step(action)
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "env": name,
                "shape": shape,
                "median_ms": round(statistics.median(times), 2),
                "max_ms": round(max(times), 2),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--env", nargs="*", default=None)
    args = parser.parse_args()
    inputs = shapes()
    rows: list[dict[str, Any]] = []
    for name in args.env or ecomstage.list_envs():
        for row in measure(name, inputs, args.repeats):
            print(json.dumps(row))
            rows.append(row)
    print(f"\n{'shape':<20} {'worst median ms':>16} {'worst ms':>9}")
    for shape in inputs:
        mine = [r for r in rows if r["shape"] == shape]
        print(
            f"{shape:<20} {max(r['median_ms'] for r in mine):>16.2f} "
            f"{max(r['max_ms'] for r in mine):>9.2f}"
        )
    worst_median = max(r["median_ms"] for r in rows)
    print(
        f"\n{len(rows) * args.repeats} steps on inputs up to 1 MB: worst median "
        f"{worst_median:.1f} ms, worst single step {max(r['max_ms'] for r in rows):.1f} ms "
        f"(target {TARGET_MS:.0f} ms: {'met' if worst_median < TARGET_MS else 'MISSED'})"
    )


if __name__ == "__main__":
    main()

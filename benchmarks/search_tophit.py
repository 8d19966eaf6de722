"""How often the catalogue search's top hit is the case's product (issue 12's product slot).

An agent that searches the catalogue with the shopper's words and takes the top hit as
``perception.entities.product_id``: the audit's ``first_listed`` row plays it; this prints
its product accuracy alone, with the last turn's and a random hit's beside it.

    PYTHONPATH=. python benchmarks/search_tophit.py [ENV] [--split train --limit 200 --train-seed 1]
"""

from __future__ import annotations

import argparse
from typing import Any

import ecomstage
from ecomstage_env.checks.shortcuts import user_lines
from ecomstage_env.env import StagedEnv
from ecomstage_env.stages import Stage


def main() -> None:
    """Print the top-hit, last-turn and random-hit product accuracy of an env's cases."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("env", nargs="?", default="presale_inquiry")
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--train-seed", type=int, default=0)
    a = ap.parse_args()
    kwargs = {"train_seed": a.train_seed} if a.split == "train" else {}
    env = ecomstage.make(a.env, split=a.split, **kwargs).unwrapped
    assert isinstance(env, StagedEnv)
    cases = env.cases[: a.limit] if a.limit else env.cases
    top = last = rnd = 0.0
    for case in cases:
        env.queue_cases([case.case_id])
        env.reset()
        gold = case.gold[Stage.PERCEPTION]["entities"]["product_id"]
        lines = user_lines(case)
        world: Any = env.world
        hits = [
            [h["product_id"] for h in world.search_products(q)]
            for q in (" ".join(lines), lines[-1])
        ]
        top += bool(hits[0]) and hits[0][0] == gold
        last += bool(hits[1]) and hits[1][0] == gold
        union = list(dict.fromkeys(hits[0] + hits[1]))
        rnd += (gold in union) / max(1, len(union))
    n = len(cases)
    print(
        f"{a.env} {a.split}{kwargs.get('train_seed', '')}: {n} cases; top hit of all the shopper's turns {top:.0f}/{n} "
        f"({100 * top / n:.1f}%), of the last turn {last:.0f}/{n} ({100 * last / n:.1f}%), "
        f"a random hit {100 * rnd / n:.1f}%"
    )


if __name__ == "__main__":
    main()

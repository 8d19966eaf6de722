"""Train splits: new cases made by a scenario's generator, apart from the test cases.

A scenario's spec may name a generator (``generator = "generate:generate_case"``): a
function ``(rng: random.Random, base: dict) -> case dict`` that builds one new situation
from the shared world data ``base`` (a copy), writes its dialogue from the folder's
paraphrase banks, and lets the folder's policy decide every stage's gold. This module
turns it into a split:

- case ``i`` of seed ``s`` comes from ``random.Random(f"{name}/{s}/{i}/{attempt}")``, so
  it is the same whatever ``n`` is, and ``make(name, split="train", train_size=n,
  train_seed=s)`` is reproducible;
- every generated case goes through the same checks as a hand-written one: the case
  schema, :func:`~ecomstage_env.data.loader.prepare_case` (menus, grading keys, the
  world setup) and the policy check (a disagreement is a generator bug: a
  :class:`~ecomstage_env.errors.DataError` naming the generator's file and the case);
- a case whose dialogue is a near-duplicate of a test case's (word 3-gram Jaccard
  similarity >= :data:`NEAR_DUPLICATE`, the measure of ``case-diversity``) is drawn again,
  so train and test never share a dialogue.

``ecomstage generate NAME -n 1000`` writes generated cases to a JSONL file (which loads
like any case file), and with ``--check`` also replays the gold with the oracle, as
``validate`` does for curated cases.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ecomstage_env.data.loader import CaseProblem, PreparedCase, Scenario, prepare_case
from ecomstage_env.data.schema import Case
from ecomstage_env.errors import DataError, EcomstageError

__all__ = [
    "MAX_ATTEMPTS",
    "NEAR_DUPLICATE",
    "dialogue_text",
    "generate_cases",
    "jaccard",
    "max_similarity",
    "shingles",
    "similarity",
    "text_diversity",
    "with_train_split",
]

NEAR_DUPLICATE = 0.6
"""Word 3-gram Jaccard similarity from which two dialogues count as near-duplicates."""

MAX_ATTEMPTS = 50
"""Draws per case before a generator that keeps repeating test dialogues is an error."""

_WORD = re.compile(r"\w+")
_CACHE: dict[tuple[int, int, int], tuple[Scenario, Scenario]] = {}
_CACHE_SIZE = 8


def dialogue_text(case: Case) -> str:
    """Every turn of a case's dialogue, joined (what near-duplicates are measured on)."""
    return "\n".join(t.text for t in case.dialogue)


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The word 3-grams of a text, lower-cased (what near-duplicates are measured on)."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def similarity(a: str, b: str) -> float:
    """Word 3-gram Jaccard similarity of two texts (0 to 1)."""
    return jaccard(shingles(a), shingles(b))


def jaccard(x: frozenset[Any], y: frozenset[Any]) -> float:
    """Jaccard similarity of two shingle sets (0 when either is empty)."""
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def max_similarity(texts: Iterable[str], others: Sequence[str]) -> float:
    """The highest similarity of any text of ``texts`` to any of ``others``."""
    other = [shingles(t) for t in others]
    best = 0.0
    for t in texts:
        s = shingles(t)
        best = max([best, *(jaccard(s, o) for o in other)])
    return best


def text_diversity(texts: Sequence[str]) -> dict[str, float]:
    """How varied a set of texts is (the figures data cards report).

    Args:
        texts: One text per case.

    Returns:
        ``texts``; ``distinct_1``/``distinct_2``/``distinct_3`` (distinct word n-grams over
        all n-grams of the set: templated text sits far lower); ``near_duplicate_pairs``
        (pairs with word 3-gram Jaccard >= :data:`NEAR_DUPLICATE`, over the first 2,000
        texts) and ``mean_words``.
    """
    words = [_WORD.findall(t.lower()) for t in texts]
    out: dict[str, float] = {"texts": float(len(texts))}
    for n in (1, 2, 3):
        grams: Counter[tuple[str, ...]] = Counter()
        for w in words:
            grams.update(zip(*(w[i:] for i in range(n)), strict=False))
        total = sum(grams.values())
        out[f"distinct_{n}"] = round(len(grams) / total, 4) if total else 0.0
    sh = [shingles(t) for t in texts[:2000]]
    pairs = sum(
        1
        for i in range(len(sh))
        for j in range(i + 1, len(sh))
        if jaccard(sh[i], sh[j]) >= NEAR_DUPLICATE
    )
    out["near_duplicate_pairs"] = float(pairs)
    out["mean_words"] = round(sum(map(len, words)) / len(words), 1) if words else 0.0
    return out


def _generator_file(scenario: Scenario) -> Path:
    dotted = scenario.spec.generator or ""
    return scenario.folder / (dotted.split(":", 1)[0].replace(".", "/") + ".py")


def generate_cases(
    scenario: Scenario, n: int, seed: int = 0, *, start: int = 0
) -> Iterator[PreparedCase]:
    """Make ``n`` new train cases with the scenario's generator, each checked.

    Args:
        scenario: A loaded scenario whose spec names a generator.
        n: How many cases.
        seed: The split's seed (case ``i`` depends only on the scenario, ``seed`` and ``i``).
        start: Index of the first case (to continue a split).

    Yields:
        Prepared cases, ids ``"<name>-train-<seed>-<i>"``, split ``"train"``.

    Raises:
        EcomstageError: The scenario has no generator, or ``n``/``seed`` are negative.
        DataError: A generated case fails the schema, the scenario's checks or its
            policy, or the generator keeps repeating test dialogues (names the
            generator's file, the case index and the field).
    """
    if scenario.generator is None:
        raise EcomstageError(
            f"scenario {scenario.spec.name!r} has no generator (spec.toml field 'generator'), "
            "so it has no train split"
        )
    if n < 0 or seed < 0 or start < 0:
        raise EcomstageError("n, seed and start must be >= 0")
    file = _generator_file(scenario)
    tests = [shingles(dialogue_text(c)) for c in scenario.cases if c.split != "train"]
    taken = {c.case_id for c in scenario.cases}
    base = _base_data(scenario)
    state = _base_state(scenario)
    for i in range(start, start + n):
        case_id = f"{scenario.spec.name}-train-{seed}-{i}"
        if case_id in taken:
            raise DataError(
                file, f"case id {case_id!r} is taken by a curated case", field="case_id"
            )
        yield _one(scenario, file, (base, state), tests, seed, i, case_id)


def _one(
    scenario: Scenario,
    file: Path,
    shared: tuple[dict[str, Any], Any],
    tests: list[frozenset[tuple[str, ...]]],
    seed: int,
    i: int,
    case_id: str,
) -> PreparedCase:
    assert scenario.generator is not None
    base, base_state = shared
    where = f"generated case {i} (seed {seed})"
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"{scenario.spec.name}/{seed}/{i}/{attempt}")
        raw = scenario.generator(rng, copy.deepcopy(base))
        if not isinstance(raw, dict):
            raise DataError(
                file, f"{where}: the generator returned {type(raw).__name__}, not a dict"
            )
        raw = {**raw, "case_id": case_id, "split": "train"}
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            err = DataError.from_validation(file, e)
            raise DataError(file, f"{where}: {err.problem}", field=err.field) from None
        grams = shingles(dialogue_text(case))
        if any(jaccard(grams, t) >= NEAR_DUPLICATE for t in tests):
            continue  # too close to a test dialogue: draw again
        try:
            prepared = prepare_case(
                scenario.spec,
                case,
                world_cls=scenario.world_cls,
                base=base,
                base_state=base_state,
            )
        except CaseProblem as e:
            raise DataError(file, f"{where}: {e}", field=e.field) from None
        if (
            scenario.policy is not None
            and scenario.world_cls is not None
            and prepared.state is not None
        ):
            world = scenario.world_cls(
                scenario.world_cls.episode_state(prepared.state), refs=case.world_refs
            )
            problems = scenario.policy(world, prepared.case)
            if problems:
                raise DataError(
                    file, f"{where}: the policy disagrees: {'; '.join(problems)}", field="gold"
                )
        return prepared
    raise DataError(
        file, f"{where}: {MAX_ATTEMPTS} draws in a row were near-duplicates of test dialogues"
    )


def _base_data(scenario: Scenario) -> dict[str, Any]:
    if scenario.world_cls is None:
        return {}
    path = scenario.folder / scenario.spec.world_file if scenario.spec.world_file else None
    return scenario.world_cls.read_state(path)


def _base_state(scenario: Scenario) -> Any:
    if scenario.world_cls is None or not scenario.spec.world_file:
        return None
    return scenario.world_cls.load_state(scenario.folder / scenario.spec.world_file)


def with_train_split(scenario: Scenario, n: int, seed: int = 0) -> Scenario:
    """The scenario with ``n`` generated train cases added (cached per scenario, n, seed).

    Args:
        scenario: A loaded scenario whose spec names a generator.
        n: Train cases (>= 1).
        seed: The split's seed.

    Returns:
        A scenario holding the curated cases and the generated ones (split ``"train"``).

    Raises:
        EcomstageError: No generator, or ``n`` < 1.
        DataError: A generated case that fails its checks.
    """
    if n < 1:
        raise EcomstageError(f"train_size must be >= 1, not {n}")
    key = (id(scenario), n, seed)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    made = list(generate_cases(scenario, n, seed))
    file = _generator_file(scenario)
    out = dataclasses.replace(
        scenario,
        cases=(*scenario.cases, *(p.case for p in made)),
        states={**scenario.states, **{p.case.case_id: p.state for p in made}},
        params={**scenario.params, **{p.case.case_id: p.params for p in made}},
        case_lines={
            **scenario.case_lines,
            **{p.case.case_id: (file, i + 1) for i, p in enumerate(made)},
        },
        memos={},
    )
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (scenario, out)
    return out

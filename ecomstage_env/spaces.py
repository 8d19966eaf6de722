"""Observation and action spaces of the staged envs.

Everything an LLM agent sees or writes is text, and that text is Unicode: Chinese
dialogue, emoji, curly quotes. Gymnasium's :class:`~gymnasium.spaces.Text` only contains
strings over a fixed charset, so :class:`UnicodeText` keeps ``Text``'s interface (and
its batching in vector envs) but contains *any* string within its length bounds;
``sample()`` draws from a mixed ASCII/CJK/emoji charset so sampled actions exercise
Unicode too.
"""

from __future__ import annotations

import multiprocessing as mp
import string
from collections.abc import Sequence
from typing import Any

import numpy as np
from gymnasium import spaces
from gymnasium.vector.utils.shared_memory import (
    create_shared_memory,
    read_from_shared_memory,
    write_to_shared_memory,
)

__all__ = [
    "ANSWER_FORMATS",
    "MAX_TEXT",
    "OBSERVATION_KEYS",
    "UnicodeText",
    "action_space",
    "observation_space",
]

MAX_TEXT = 200_000
"""Longest text an observation field or an action may hold, in characters."""

OBSERVATION_KEYS = (
    "stage",
    "prompt",
    "messages",
    "answer_schema",
    "answer_format",
    "tools",
    "tool_result",
)
"""Keys of every observation. ``messages``, ``answer_schema`` and ``tools`` hold JSON text."""

ANSWER_FORMATS = ("json", "text")
"""``answer_format`` values: a JSON object matching the schema, or the plain text itself."""

_SAMPLE_CHARSET = (
    string.ascii_letters
    + string.digits
    + string.punctuation
    + " \n"
    + "你好店铺推广预算退款"
    + "😀🚀✨"
)


class UnicodeText(spaces.Text):
    """A :class:`~gymnasium.spaces.Text` space that contains any Unicode string.

    Args:
        max_length: Longest string contained.
        min_length: Shortest string contained.
        seed: Seed of the sampler.
    """

    def __init__(self, max_length: int = MAX_TEXT, *, min_length: int = 0, seed: Any = None):
        super().__init__(max_length, min_length=min_length, charset=_SAMPLE_CHARSET, seed=seed)

    def contains(self, x: Any) -> bool:
        """Return True for any ``str`` whose length is within the bounds."""
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def __repr__(self) -> str:
        return f"UnicodeText({self.min_length}, {self.max_length})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UnicodeText)
            and self.min_length == other.min_length
            and self.max_length == other.max_length
        )

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def _fresh(cls, max_length: int, min_length: int = 0) -> UnicodeText:
        """``UnicodeText(max_length, min_length=min_length)``, unseeded, made quicker.

        ``Text`` builds its charset's tables (a dict of numpy ints among them) for each
        space, about 0.1 ms; every env has eight spaces, and a run at ``concurrency=64``
        makes 64 envs. The tables are only read, so each space made here shares those
        of one built space; everything else is its own (its random generator included).
        """
        if not _TEMPLATE:
            _TEMPLATE.update(vars(UnicodeText()))
        space = object.__new__(cls)
        vars(space).update(_TEMPLATE)
        space.min_length, space.max_length = int(min_length), int(max_length)
        return space


_TEMPLATE: dict[str, Any] = {}
"""The attributes of an unseeded :class:`UnicodeText` (see :meth:`UnicodeText._fresh`)."""


def observation_space() -> spaces.Dict:
    """Return the observation space shared by every ecomstage env.

    Keys: ``stage`` (perception/planning/action), ``prompt`` (instruction and context
    for a raw LLM), ``messages`` (the same as OpenAI chat messages, JSON), ``answer_schema``
    (JSON Schema of the stage answer, JSON), ``answer_format`` (``"json"``: answer with a
    JSON object matching the schema; ``"text"``: the plain text is the answer, as in the
    paper's tasks), ``tools`` (OpenAI tool specs allowed at this stage, JSON) and
    ``tool_result`` (result of the last tool call, or empty).
    """
    text = UnicodeText._fresh
    return spaces.Dict(
        {
            "stage": text(16, min_length=1),
            "prompt": text(MAX_TEXT),
            "messages": text(MAX_TEXT),
            "answer_schema": text(MAX_TEXT),
            "answer_format": text(8),
            "tools": text(MAX_TEXT),
            "tool_result": text(MAX_TEXT),
        }
    )


def action_space() -> UnicodeText:
    """Return the action space: model output text.

    ``step`` also accepts a dict, a pydantic model or a tool call; text is the common
    denominator every agent can produce.
    """
    return UnicodeText._fresh(32_000)


# AsyncVectorEnv passes observations through shared memory. Gymnasium stores Text as
# indices into the charset, which would garble Unicode; store code points instead. Each
# sub-env's row is ``[length, generation, code points...]``: a write touches only the
# text's own slots (not the whole row) and bumps the generation, and a read decodes only
# ``length`` slots, once per generation (reads between two steps are served from cache).
_HEAD = 2
"""Slots before the code points in each row: the text's length and a write counter."""


@create_shared_memory.register(UnicodeText)
def _create_unicode_shared_memory(space: UnicodeText, n: int = 1, ctx: Any = mp) -> Any:
    return ctx.Array(np.dtype(np.int32).char, n * (space.max_length + _HEAD))


class _LiveTexts(Sequence[str]):
    """The batch of strings in shared memory, decoded on access (once per write).

    AsyncVectorEnv reads its shared buffer once, at construction, and relies on the
    result being a live view (true of numpy arrays, not of ``str``); decoding on access
    keeps Text observations current. ``deepcopy`` (``copy=True``) gives a plain tuple.
    """

    def __init__(self, data: np.ndarray[Any, Any]) -> None:
        self._data = data
        self._cache: dict[int, tuple[int, int, str]] = {}

    def _decode(self, i: int) -> str:
        row = self._data[i]
        size, generation = int(row[0]), int(row[1])
        cached = self._cache.get(i)
        if cached is not None and cached[0] == size and cached[1] == generation:
            return cached[2]
        codes = row[_HEAD : _HEAD + size]
        text: str = codes.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
        self._cache[i] = (size, generation, text)
        return text

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self)[i]
        return self._decode(range(len(self._data))[i])

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Any:
        return (self._decode(i) for i in range(len(self._data)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (tuple, list, _LiveTexts)) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __deepcopy__(self, memo: dict[int, Any]) -> tuple[str, ...]:
        return tuple(self)


@read_from_shared_memory.register(UnicodeText)
def _read_unicode(space: UnicodeText, shared_memory: Any, n: int = 1) -> _LiveTexts:
    data = np.frombuffer(shared_memory.get_obj(), dtype=np.int32).reshape(
        (n, space.max_length + _HEAD)
    )
    return _LiveTexts(data)


@write_to_shared_memory.register(UnicodeText)
def _write_unicode(space: UnicodeText, index: int, values: str, shared_memory: Any) -> None:
    # Any str crosses: lone surrogates and NUL as themselves, and a text longer than the
    # space (which the envs never produce) cut to its length rather than failing the worker.
    # The envs hand back the very same str for a field that did not change (the schema,
    # the tools, the stage while it is open): that row is left as it is. The memo lives on
    # this shared array (written by this process alone), so a new array starts empty.
    last = shared_memory.__dict__.setdefault("_ecomstage_last", {})
    if last.get(index) is values:
        return
    last[index] = values
    size = space.max_length + _HEAD
    codes = np.frombuffer(values.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    codes = codes[: space.max_length]
    dest = np.frombuffer(shared_memory.get_obj(), dtype=np.int32)[index * size : (index + 1) * size]
    dest[_HEAD : _HEAD + len(codes)] = codes.view(np.int32)
    dest[1] = (int(dest[1]) + 1) & 0x7FFFFFFF
    dest[0] = len(codes)

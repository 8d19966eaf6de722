r"""Make text safe to store: no lone surrogates in what a run writes or caches.

A model (or a hostile agent) can return a string holding a lone UTF-16 surrogate
(``"\ud800"``). Python keeps it, but UTF-8 cannot encode it: a JSON line, a sqlite row
or a cache key built from it fails on every attempt. :func:`scrub` replaces each lone
surrogate with U+FFFD (a surrogate *pair* is joined into its character) so the record can
be written; strings that are already valid are returned as they are (no copy).
"""

from __future__ import annotations

from typing import Any

__all__ = ["scrub", "scrub_text"]


def scrub_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (valid text comes back unchanged)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def scrub(value: Any) -> Any:
    """``value`` with :func:`scrub_text` applied to every string in it (keys included).

    Dicts, lists and tuples are rebuilt only when something in them changed; other
    objects are returned as they are.
    """
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        out = {scrub(k): scrub(v) for k, v in value.items()}
        same = len(out) == len(value) and all(k in value and out[k] is value[k] for k in out)
        return value if same else out
    if isinstance(value, (list, tuple)):
        items = [scrub(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    return value

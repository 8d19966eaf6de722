"""JSON Lines reading shared by every line-oriented file: cases, records, predictions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecomstage_env.errors import DataError

__all__ = ["iter_json_lines"]


def iter_json_lines(
    path: str | Path, *, what: str = "file", tolerant: bool = False
) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line of a JSON Lines file.

    Args:
        path: The file.
        what: What the file is, for the "not found" message (``"case file"``).
        tolerant: Yield a line that is not JSON as its :class:`json.JSONDecodeError`
            instead of raising, so the caller can report that line alone.

    Raises:
        DataError: Missing file, a folder, or (unless ``tolerant``) a line that is not JSON.
    """
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, f"{what} not found") from None
    except IsADirectoryError:
        raise DataError(path, f"expected a {what}, got a folder") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                if not tolerant:
                    raise DataError(path, f"not valid JSON: {e.msg}", line=n) from None
                yield n, e

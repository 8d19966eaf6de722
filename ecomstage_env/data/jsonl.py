r"""Reading data files safely: JSON Lines, whole JSON documents and text, with typed errors.

Every reader here refuses, with a :class:`~ecomstage_env.errors.DataError` naming the
file, the line and (where one is at fault) the field:

- what is not a regular file (a folder, ``/dev/zero``, a pipe): nothing is read from it;
- text that is not UTF-8: UTF-16 and UTF-32 (with or without a byte-order mark), binary
  data (NUL bytes), and bytes that do not decode (a latin-1 or GBK file) are reported by
  line and, inside a JSON value, by the field holding them;
- a lone surrogate (``"\ud800"``) in a string;
- a line or record over :data:`MAX_LINE_CHARS` characters, and values nested deeper
  than :data:`MAX_DEPTH` levels.

A UTF-8 byte-order mark at the start of a file is skipped, as it should be.
"""

from __future__ import annotations

import io
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ecomstage_env.errors import DataError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_CHARS",
    "MAX_LINE_CHARS",
    "LineError",
    "check_value",
    "iter_json_lines",
    "needs_check",
    "open_text",
    "read_json_document",
    "read_text",
    "text_problem",
]

MAX_LINE_CHARS = 16 * 1024 * 1024
"""Longest line of a JSON Lines file, and longest record of a JSON array (characters)."""

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted in a record or document."""

MAX_DOCUMENT_CHARS = 64 * 1024 * 1024
"""Largest whole-file document (a world file, a spec) read at once (characters)."""

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SUSPECT = re.compile(
    r"[\ud800-\udfff]"
    r"|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
"""Text that may hold a lone surrogate: a raw one (an undecodable byte), or an escape of
a high surrogate without a low one after it, or of a low one without a high one before
it (an escaped pair, as ``ensure_ascii`` writes emoji, is sound)."""


class LineError(json.JSONDecodeError):
    """A line of a JSON Lines file that cannot be used, yielded in tolerant mode.

    Attributes:
        msg: What is wrong.
        field: Dotted path of the field at fault, or None.
    """

    def __init__(self, msg: str, field: str | None = None) -> None:
        super().__init__(msg, "", 0)
        self.msg = msg
        self.field = field

    def __str__(self) -> str:
        return (f"field '{self.field}': " if self.field else "") + self.msg


def _file_error(path: Path, what: str) -> DataError | None:
    """Why ``path`` cannot be read as a data file, or None when it is a regular file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return DataError(path, f"{what} not found")
    except NotADirectoryError:
        return DataError(path, f"{what} not found (a parent is not a folder)")
    except PermissionError:
        return DataError(path, f"{what} cannot be read: permission denied")
    except OSError as e:
        return DataError(path, f"{what} cannot be read: {e.strerror or e}")
    if stat.S_ISDIR(st.st_mode):
        return DataError(path, f"expected a {what}, got a folder")
    if not stat.S_ISREG(st.st_mode):
        return DataError(path, f"expected a {what}, got a device, pipe or socket")
    return None


def _sniff(path: Path, head: bytes) -> None:
    """Refuse UTF-16/UTF-32 and binary data from the first bytes of a file."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            raise DataError(path, f"the file is {name} (byte-order mark); save it as UTF-8", line=1)
    nul = head.find(b"\x00")
    if nul < 0:
        return
    sample = head[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) * 4 >= len(sample) and min(even, odd) * 8 < len(sample):
        raise DataError(path, "the file looks UTF-16 encoded (NUL bytes); save it as UTF-8", line=1)
    raise DataError(
        path,
        f"binary data (a NUL byte at offset {nul}), not UTF-8 text",
        line=head.count(b"\n", 0, nul) + 1,
    )


def open_text(path: str | Path, what: str = "file") -> IO[str]:
    """Open a data file as UTF-8 text, a leading byte-order mark skipped.

    Bytes that do not decode are kept as lone surrogates (``surrogateescape``) so the
    reader can report them by line and field (see :func:`check_value`).

    Args:
        path: The file.
        what: What the file is, for messages (``"case file"``).

    Returns:
        The open text stream.

    Raises:
        DataError: Missing, not a regular file, unreadable, UTF-16/32, or binary.
    """
    path = Path(path)
    problem = _file_error(path, what)
    if problem is not None:
        raise problem
    try:
        raw = path.open("rb")
    except OSError as e:
        raise DataError(path, f"{what} cannot be read: {e.strerror or e}") from None
    try:
        _sniff(path, raw.peek(4096)[:4096])
    except BaseException:
        raw.close()
        raise
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape")


def text_problem(s: str, start: int = 0, end: int | None = None) -> str | None:
    """What makes ``s[start:end]`` invalid text (an undecodable byte, a lone surrogate).

    Returns:
        The problem, or None when the text is sound.
    """
    if not _has_surrogate(s if start == 0 and end is None else s[start:end]):
        return None
    m = _SURROGATE.search(s, start, len(s) if end is None else end)
    if m is None:
        return None
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:
        return (
            f"byte 0x{c - 0xDC00:02x} is not UTF-8 (is the file latin-1 or GBK?); save it as UTF-8"
        )
    return f"lone surrogate '\\u{c:04x}' (not valid Unicode text)"


def check_value(value: Any, *, depth: int = MAX_DEPTH) -> tuple[str | None, str] | None:
    r"""Find the first part of a decoded JSON value that a data file must not hold.

    Looks for strings (values or keys) with lone surrogates (undecodable bytes, or
    escapes such as ``"\ud800"``) and for nesting deeper than ``depth``.

    Args:
        value: The decoded value.
        depth: Deepest nesting accepted.

    Returns:
        ``(field, problem)`` (``field`` a dotted path, None for the value itself), or
        None when the value is sound.
    """
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            problem = text_problem(node)
            if problem is not None:
                return (".".join(where) or None), problem
        elif isinstance(node, (dict, list)):
            if len(where) >= depth:
                return ".".join(where) or None, f"nested deeper than {depth} levels"
            if isinstance(node, dict):
                for k, v in node.items():
                    problem = text_problem(k)
                    if problem is not None:
                        return ".".join(where) or None, f"a key: {problem}"
                    stack.append((v, (*where, k)))
            else:
                stack.extend((v, (*where, str(i))) for i, v in enumerate(node))
    return None


def needs_check(text: str, value: Any, start: int = 0, end: int | None = None) -> bool:
    """Whether ``value``, decoded from ``text[start:end]``, needs :func:`check_value`.

    True when the text may hold a lone surrogate (a raw one or an escape) or the value
    is nested past :data:`MAX_DEPTH`: cheap scans, so that sound records are not walked
    field by field.
    """
    end = len(text) if end is None else end
    if _has_surrogate(text if start == 0 and end == len(text) else text[start:end]):
        return True
    if text.find("\\u", start, end) >= 0 and _SUSPECT.search(text, start, end) is not None:
        return True
    if text.count("[", start, end) + text.count("{", start, end) <= MAX_DEPTH:
        return False
    return _nesting(text if start == 0 and end == len(text) else text[start:end]) > MAX_DEPTH


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (fast: no regex over ASCII text)."""
    if text.isascii():  # a flag of the string: free
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_PAIR = re.compile(rb"\[\]|\{\}")


def _nesting(text: str) -> int:
    """How deep the arrays and objects of valid JSON ``text`` nest, in C-speed passes.

    Strings are cut out (escaped quotes and backslashes first), every other character
    but brackets dropped, then innermost pairs removed one level per pass.
    """
    plain = text.replace("\\\\", "").replace('\\"', "")
    outside = "".join(plain.split('"')[0::2])
    brackets = outside.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKET)
    depth = 0
    while brackets and depth <= MAX_DEPTH:
        brackets = _PAIR.sub(b"", brackets)
        depth += 1
    return depth + (1 if brackets else 0)


def _decode(text: str) -> tuple[Any, LineError | None]:
    """Decode one JSON text; the value, or the problem that makes it unusable."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        problem = text_problem(text)
        if problem is not None:  # an undecodable byte broke the JSON: say so
            return None, LineError(problem)
        return None, LineError(f"not valid JSON: {e.msg} (column {e.colno})")
    except RecursionError:
        return None, LineError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, (dict, list, str)) and needs_check(text, value):
        found = check_value(value)
        if found is not None:
            return None, LineError(found[1], found[0])
    return value, None


def iter_json_lines(
    path: str | Path, *, what: str = "file", tolerant: bool = False
) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line of a JSON Lines file.

    Args:
        path: The file.
        what: What the file is, for the "not found" message (``"case file"``).
        tolerant: Yield a line that cannot be used (not JSON, not UTF-8, too deep) as a
            :class:`LineError` (a :class:`json.JSONDecodeError`) instead of raising, so
            the caller can report that line alone.

    Raises:
        DataError: Missing file, a folder or device, a file that is not UTF-8 text, a
            line longer than :data:`MAX_LINE_CHARS`, or (unless ``tolerant``) a line
            that cannot be used.
    """
    path = Path(path)
    with open_text(path, what) as fh:
        n = 0
        while True:
            line = fh.readline(MAX_LINE_CHARS + 1)
            if not line:
                return
            n += 1
            if len(line) > MAX_LINE_CHARS:
                raise DataError(path, f"line longer than {MAX_LINE_CHARS:,} characters", line=n)
            if not line.strip():
                continue
            value, problem = _decode(line)
            if problem is None:
                yield n, value
            elif tolerant:
                yield n, problem
            else:
                raise DataError(path, problem.msg, line=n, field=problem.field)


def read_text(path: str | Path, what: str = "file", *, limit: int = MAX_DOCUMENT_CHARS) -> str:
    """Read a whole UTF-8 text file (a spec, a world file), strictly decoded.

    Args:
        path: The file.
        what: What the file is, for messages.
        limit: Most characters accepted.

    Returns:
        The text, without a leading byte-order mark.

    Raises:
        DataError: Missing, not a regular file, larger than ``limit``, or not UTF-8
            text (the line of the first bad byte or lone surrogate named).
    """
    path = Path(path)
    with open_text(path, what) as fh:
        text = fh.read(limit + 1)
    if len(text) > limit:
        raise DataError(path, f"{what} larger than {limit:,} characters")
    m = _SURROGATE.search(text)
    if m is not None:
        problem = text_problem(m.group()) or "not UTF-8 text"
        raise DataError(path, problem, line=text.count("\n", 0, m.start()) + 1)
    return text


def read_json_document(path: str | Path, what: str = "file") -> Any:
    """Read a file holding one JSON document (a world file), with the checks above.

    Args:
        path: The file.
        what: What the file is, for messages.

    Returns:
        The decoded value.

    Raises:
        DataError: Any problem of :func:`read_text`, JSON that does not decode (with
            its line), a lone surrogate escape or nesting past :data:`MAX_DEPTH` (with
            the field).
    """
    path = Path(path)
    text = read_text(path, what)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(
            path, f"not valid JSON: {e.msg} (column {e.colno})", line=e.lineno
        ) from None
    except RecursionError:
        raise DataError(path, f"nested deeper than {MAX_DEPTH} levels") from None
    if isinstance(value, (dict, list, str)) and needs_check(text, value):
        found = check_value(value)
        if found is not None:
            raise DataError(path, found[1], field=found[0])
    return value

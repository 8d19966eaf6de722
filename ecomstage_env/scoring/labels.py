"""The two rules for grading a label answer given as text: strict, and the paper's.

- **strict** (:func:`strict_label`): the output must be one label of the label space,
  optionally wrapped in quotes, brackets or Markdown emphasis, with a trailing period,
  or a menu label followed by that option's own text (``"A. How do I ...?"``). Anything
  else - two labels, a sentence around the label, ``"11"`` for gold ``"1"`` - is not a
  label, and the answer is wrong with that reason.
- **paper** (:func:`paper_correct`): the rule of the official ``evaluation.py``: newlines
  and tabs become spaces, both sides are stripped, and the prediction is correct when
  the gold is a substring of it (so ``"11"`` and ``"1 or 2"`` both count for gold
  ``"1"``). It is reproduced exactly so that numbers compare with the paper's tables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

__all__ = ["paper_correct", "paper_normalize", "strict_label"]


def paper_normalize(prediction: object) -> str:
    """Normalise a prediction as the official script does (newlines/tabs to spaces, strip)."""
    return str(prediction).replace("\n", " ").replace("\t", " ").strip()


def paper_correct(prediction: object, gold: object) -> bool:
    """Return the official verdict: gold (stripped) is a substring of the prediction.

    ``None`` on either side is wrong, as in the official script.
    """
    if prediction is None or gold is None:
        return False
    return str(gold).strip() in paper_normalize(prediction)


@cache
def _wrap_re() -> re.Pattern[str]:
    """Quotes, brackets and markdown emphasis around a label (compiled on first use)."""
    return re.compile(r"^(?:\*\*|__|[\"'`“‘(\[{<*_])+|(?:\*\*|__|[\"'`”’)\]}>*_])+$")


def _unwrap(text: str) -> str:
    prev = None
    text = text.strip()
    while prev != text:
        prev = text
        text = _wrap_re().sub("", text).strip().rstrip(".。").strip()
    return text


def _squash(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".?!。？！")


def strict_label(
    text: str, labels: Sequence[str], options: Mapping[str, str] | None = None
) -> str | None:
    """Parse model output as exactly one label.

    Args:
        text: Model output.
        labels: The label space.
        options: Menu texts by label, when the labels index a menu.

    Returns:
        The label, or None when the output is not exactly one label.
    """
    core = _unwrap(text)
    if core in labels:
        return core
    m = re.match(r"^([^\s.:)]+)\s*[.:)]\s*(.+)$", core, re.S)
    if m and options and m.group(1) in labels:
        given, own = _squash(m.group(2)), _squash(options.get(m.group(1), ""))
        if own and (given == own or (own.startswith(given) and len(given.split()) >= 2)):
            return m.group(1)
    return None

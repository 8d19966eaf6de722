"""What a text states: fullwidth forms folded, hedges set aside, echoes of the user found.

Helpers of the ``points`` scorer (:mod:`ecomstage_env.scoring.points`), each a pure
function of text:

- :func:`fold_width` reads "O-３０１９" and "２０ yuan" as "O-3019" and "20 yuan";
- :func:`hedged` splits what a reply states from what it only offers, asks or makes
  conditional ("I can open a return, arrange an exchange or issue a coupon, whichever
  you prefer" states no change);
- :func:`echoed_span` finds a text that copies the user's last turn, and what it adds;
- :func:`alternative_lists` finds sentences that list three or more alternatives ("change
  the address; or intercept the parcel; or send a replacement"): a string of every
  possible request restates none of them.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "ALTERNATIVES",  # noqa: F822 (compiled on first use: module __getattr__)
    "ECHO_SHARE",
    "ECHO_TAG",
    "HEDGES",  # noqa: F822 (compiled on first use: module __getattr__)
    "alternative_lists",
    "echoed_span",
    "fold_width",
    "hedged",
    "own_words",
]


@cache
def _words_re() -> re.Pattern[str]:
    """Words and CJK characters (compiled on first use: ``import`` stays light)."""
    return re.compile(r"[\u4e00-\u9fff]|[\w'’]+")


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _folded_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded.isascii() and (folded.isalnum() or folded in "-.%+") else ch


def fold_width(text: str) -> str:
    """``text`` with fullwidth (and other compatibility) digits, letters and ``-.%+`` as ASCII.

    "O-３０１９" becomes "O-3019" and "２０ yuan" "20 yuan" (NFKC, character by character),
    while Chinese punctuation ("，", "：", "？") stays as it is: it would otherwise turn into
    clause breaks. ASCII text comes back unchanged (the same object).
    """
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _folded_char(ch) for ch in text)


_HEDGES_ARGS: tuple[Any, ...] = (
    r"\b(?:can|could|would|might|shall|if|whether)\b(?!['’])|\bhappy to\b|\bwant me\b"
    r"|\blike me\b|\blet me know\b|(?<!不)(?:可以|能)|如果",
    re.I,
)
"""Words that make the rest of their sentence an offer or a condition ("I can open a
return", "if you like, we could refund the fee"), not a statement that something was done
("can't", "couldn't", "cannot" and "不能" state a refusal, and are no hedge)."""

_CHOICE_ARGS: tuple[Any, ...] = (
    r"\bwhichever\b|\beither\b|\boptions?\b|\bprefer\b|要不要|是否|或者|吗|[?？]\s*$",
    re.I,
)
"""Cues that a whole sentence is a choice or a question ("..., whichever you prefer")."""

_SENTENCE_END_ARGS: tuple[Any, ...] = (r"(?<=[.!?;])\s+|(?<=[。！？；])|\n",)


def hedged(text: str) -> tuple[str, list[str]]:
    """What ``text`` states, and the parts that only offer, ask or set a condition.

    A question or a sentence that offers a choice (:data:`_CHOICE`: "I can open a return,
    arrange an exchange or issue a coupon, whichever you prefer") states nothing; in any
    other sentence, the words from a hedge of :data:`HEDGES` to the sentence's end state
    nothing ("I've added a coupon, which you can use on any order": the coupon is added;
    "If that does not suit you, we could also open a return": nothing is). The first part
    joins what is stated, sentence by sentence. A part that opens with a word of
    :data:`ALTERNATIVES` continues the sentence before it ("we could refund the fee; or
    record no change": both are offered).
    """
    kept, dropped = [], []
    for sentence in _joined_alternatives(_re("_SENTENCE_END").split(text)):
        if _re("_CHOICE").search(sentence):
            dropped.append(sentence)
            continue
        cue = _re("HEDGES").search(sentence)
        if cue is None:
            kept.append(sentence)
            continue
        if sentence[: cue.start()].strip():
            kept.append(sentence[: cue.start()].strip())
        dropped.append(sentence[cue.start() :])
    return " ".join(kept), dropped


_ALTERNATIVES_ARGS: tuple[Any, ...] = (r"\bor\b|或者|还是|或(?!许)", re.I)
"""Words that join alternatives ("A or B", "A或者B", "A或B"; not "或许", perhaps)."""

_ITEM_SEP_ARGS: tuple[Any, ...] = (r"[,，、]",)
_ITEM_WORDS = (5, 8)
"""Most words an item of a comma list may have: one before the "or" ("send a new
one"), and the last ("a complaint passed on to a manager")."""


def _is_item(part: str, most: int) -> bool:
    """Whether ``part`` reads as one short item of a list.

    No digit (an address's street and room numbers), at most ``most`` words, one of
    them lower-case or Chinese (place names such as "Gusu, Suzhou" are capitalised).
    """
    words = _words_re().findall(part)
    return (
        0 < len(words) <= most
        and not _DIGIT.search(part)
        and any(w[0].islower() or "\u4e00" <= w[0] <= "\u9fff" for w in words)
    )


def _comma_list(sentence: str) -> bool:
    """Whether ``sentence`` joins three or more short items with commas and one "or".

    The items are split at commas (or 、) and the last is joined by a word of
    :data:`ALTERNATIVES`: "return, exchange, compensation or a manager",
    "退货、换货、补偿或找经理".
    """
    for m in _re("ALTERNATIVES").finditer(sentence):
        before = _re("_ITEM_SEP").split(sentence[: m.start()])
        after = _re("_ITEM_SEP").split(sentence[m.end() :])[0]
        run = 0
        for part in reversed(before):
            if not _is_item(part, _ITEM_WORDS[0]):
                break
            run += 1
        if run >= 2 and _is_item(after, _ITEM_WORDS[1]):
            return True
    return False


_LIST_SENTENCE_ARGS: tuple[Any, ...] = (r"(?<=[.!?])\s+|(?<=[。！？])|\n",)
"""Sentence ends for :func:`alternative_lists` (not ";": "A; or B; or C" is one list)."""


def alternative_lists(text: str) -> list[str]:
    """The sentences of ``text`` that join three or more alternatives.

    A sentence with two or more words of :data:`ALTERNATIVES` ("we could change the
    address; or intercept the parcel; or send a replacement") lists alternatives rather
    than stating one request; "redirect it, or if that is too late, cancel it" (one
    fallback) is no list. A sentence that opens with one ("Redirect it? Or cancel it? Or
    intercept it?") continues the sentence before it. A sentence that joins three
    or more short items with commas and one "or" / "或" lists too ("a return, an exchange,
    compensation or a manager"; each item without digits, so an address is no list).
    """
    if not _joins(text):
        return []  # every list needs a word of ALTERNATIVES: most texts are done here
    sentences = _joined_alternatives(_re("_LIST_SENTENCE").split(text))
    return [s for s in sentences if len(_re("ALTERNATIVES").findall(s)) >= 2 or _comma_list(s)]


def _joins(text: str) -> bool:
    """Whether :data:`ALTERNATIVES` finds a word in ``text``.

    In ASCII text it can only find "or" between word boundaries: each "or" is checked
    (``for``, ``order`` and ``store`` are no match), found by C string searches instead
    of a regex tried at every character. Other text is searched by the regex.
    """
    if not text.isascii():
        return _re("ALTERNATIVES").search(text) is not None
    low = f" {text.lower()} "  # a space either side: every "or" has two neighbours
    at = low.find("or")
    while at >= 0:
        before, after = low[at - 1], low[at + 2]
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        at = low.find("or", at + 2)
    return False


def _joined_alternatives(parts: list[str]) -> list[str]:
    """``parts`` stripped, empty ones left out, each that opens with "or" joined to the last."""
    sentences: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if sentences and _re("ALTERNATIVES").match(part):
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return sentences


_ECHO_RUN = 10
"""Characters a copied run needs to count as copied (shorter shared runs are just words)."""

ECHO_SHARE = 0.9
"""Share of the user's last turn a text must copy to count as an echo of it."""


@lru_cache(maxsize=4096)
def _squeezed_turn(turn: str) -> str:
    """The turn case-folded with runs of spaces made one.

    A case's last turn is checked on every episode: it is squeezed once.
    """
    return " ".join(turn.casefold().split())


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded with runs of spaces made one, and where each character sits."""
    squeezed: list[str] = []
    pos: list[int] = []
    for m in re.finditer(r"\S+", text):
        if squeezed:
            squeezed.append(" ")
            pos.append(m.start() - 1)
        for k, ch in enumerate(m.group(0)):
            squeezed.append(ch.casefold() if len(ch.casefold()) == 1 else ch)
            pos.append(m.start() + k)
    return "".join(squeezed), pos


def echoed_span(text: str, turn: str) -> str | None:
    """``text`` less what it copies of ``turn``, when it copies nearly all of it, else None.

    Copied means runs of at least ``_ECHO_RUN`` characters shared with the turn (case and
    spacing aside); an echo copies :data:`ECHO_SHARE` of the turn's characters or more
    ("About order O-3019, the Cloudnest down: <the last turn>" leaves "About order
    O-3019, the Cloudnest down:"). A rewrite that keeps an address as the user wrote it
    but restates the request around it is an echo too; its points outside the copy count.
    """
    a = _squeezed_turn(turn)
    if len(a) < 2 * _ECHO_RUN:
        return None
    # The squeezed, case-folded text (ASCII text folds in one pass: each character's
    # casefold is one character there).
    b = " ".join(text.split()).lower() if text.isascii() else _squeezed(text)[0]
    # Every matching block of _ECHO_RUN characters or more lies in windows of that length
    # that both strings hold, so a turn those windows cover less than ECHO_SHARE of cannot
    # be an echo: decided without the quadratic matcher (most rewrites restate). The turn
    # is walked in order and the walk stops once too many of its characters lie in no
    # shared window: a rewrite leaves its first uncopied words within a few windows.
    n, run = len(a), _ECHO_RUN
    least = ECHO_SHARE * n
    last, uncovered = -run, 0  # the start of the last shared window so far
    for i in range(n):
        if i <= n - run and a[i : i + run] in b:
            last = i
        elif i - last >= run:  # no shared window holds character i
            uncovered += 1
            if n - uncovered < least:
                return None
    b, pos = _squeezed(text)
    blocks = [
        blk
        for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        if blk.size >= _ECHO_RUN
    ]
    if sum(blk.size for blk in blocks) < ECHO_SHARE * len(a):
        return None
    keep = list(text)
    for blk in blocks:
        for i in range(blk.b, blk.b + blk.size):
            keep[pos[i]] = ""
        keep[pos[blk.b]] = " ; "
    return "".join(keep)


ECHO_TAG = 4
"""Words (besides ids and item names) an echo may add and still be an echo."""


def _titles(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("title", "name") and isinstance(v, str):
                out.update(_words_re().findall(v.casefold()))
            else:
                _titles(v, out)
    elif isinstance(value, list):
        for v in value:
            _titles(v, out)


def own_words(rest: str, world: Any = None) -> list[str]:
    """The words of ``rest`` that are not ids (hold a digit) nor words of a name in ``world``.

    Names are the ``title`` and ``name`` strings anywhere in the world's state (items,
    products, customers): what a tag such as "About order O-3019, the Cloudnest down:"
    is made of.
    """
    names: set[str] = set()
    state = getattr(world, "state", None)
    if state is not None and hasattr(state, "model_dump"):
        _titles(state.model_dump(mode="json"), names)
    return [
        w for w in _words_re().findall(rest.casefold()) if not _DIGIT.search(w) and w not in names
    ]


_LAZY_PATTERNS = {
    "HEDGES": _HEDGES_ARGS,
    "_CHOICE": _CHOICE_ARGS,
    "_SENTENCE_END": _SENTENCE_END_ARGS,
    "ALTERNATIVES": _ALTERNATIVES_ARGS,
    "_ITEM_SEP": _ITEM_SEP_ARGS,
    "_LIST_SENTENCE": _LIST_SENTENCE_ARGS,
}
"""Patterns compiled on first use (``import`` stays light): name -> ``re.compile``
arguments. ``statements.HEDGES`` and ``statements.ALTERNATIVES`` read as before."""


@cache
def _re(name: str) -> re.Pattern[str]:
    """The pattern ``name`` of :data:`_LAZY_PATTERNS`, compiled once."""
    return re.compile(*_LAZY_PATTERNS[name])


def __getattr__(name: str) -> re.Pattern[str]:
    """The lazily compiled patterns by name (``HEDGES``, ``ALTERNATIVES``, ``_WORDS``)."""
    if name == "_WORDS":
        return _words_re()
    if name in _LAZY_PATTERNS:
        return _re(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

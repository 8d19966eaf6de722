"""Required points: grading free text by the facts it states, not by its wording.

A text field (a reply, a rewrite) is graded against a few required *points*. A point is
met when the text states it as the reference does: one of its phrasings occurs with the
same polarity as in the reference text, its figure occurs in any usual format, and
nothing the point names as a contradiction is stated.

Polarity is read per clause: a phrase is negated when its clause holds an odd number of
negators ("not", "no", "n't", "never", ...) outside the phrase (a phrase that anchors a
figure is not checked for polarity). So with the reference
"There is no platform fault, so I raised your bid.", the point ``{"any": ["platform
fault"]}`` is met by "we found no platform fault" and not by "there was a platform
fault"; ``{"any": ["raised", "increased"]}`` is not met by "I have not raised your bid";
and a text that states a point both ways ("refund ... no refund") does not meet it.
``{"figure": 1137.5}`` is met by 1137.5, 1,137.50, ¥1,137.5 or 1.1k, not by "1k": a
rounded number counts only when its rounding is within 5% of the figure. A figure with a
unit, ``{"figure": 6, "unit": "mm"}``, is met by "6 mm", "6mm", "6 毫米", "six millimetres"
or a bare "6", not by "6 元" or "6 kg" (:data:`UNITS`).

On top of coverage, a text that retracts itself ("ignore the above", "scratch that")
scores 0, a text much longer than the task asks is scaled down, and a text that dumps
more figures than a reader could use is scaled down: stuffing is not understanding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Sequence
from functools import cache, cached_property, lru_cache
from itertools import accumulate, filterfalse
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from ecomstage_env.scoring.registry import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.statements import (
    _DIGIT,
    ECHO_TAG,
    _titles,
    _words_re,
    alternative_lists,
    echoed_span,
    fold_width,
    hedged,
    own_words,
)

__all__ = [
    "NEGATORS",
    "UNITS",
    "Point",
    "PointsParams",
    "Text",
    "claims_made",
    "contradicting",
    "echoed_points",
    "expand_alternatives",
    "figures_in",
    "menu_options_named",
    "names_only",
    "offers_made",
    "point_met",
    "points_scorer",
    "retracts",
    "sums_in",
    "unit_figures",
    "units_in",
]

NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "nor",
        "without",
        "cannot",
        "cant",
        "can't",
        "won't",
        "wont",
        "don't",
        "dont",
        "doesn't",
        "doesnt",
        "didn't",
        "didnt",
        "isn't",
        "isnt",
        "aren't",
        "arent",
        "wasn't",
        "wasnt",
        "weren't",
        "werent",
        "haven't",
        "havent",
        "hasn't",
        "hasnt",
        "hadn't",
        "hadnt",
        "shouldn't",
        "wouldn't",
        "couldn't",
        "mustn't",
        "neednt",
        "needn't",
        "unable",
        "myth",
        "untrue",
        "false",
    ]
)
"""Words that negate their clause ("it is a myth that ..." negates as "not" does)."""

_WORD_ARGS: tuple[Any, ...] = (r"[\u4e00-\u9fff]|[\w'’]+|[.;!?,:()\n]|—|–",)

_ASCII_TWINS: dict[int, re.Pattern[str]] = {}


def _ascii(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` compiled for ASCII text (on the first call: ``import`` stays light).

    On ASCII text it finds what ``pattern`` finds (``\w``, ``\d``, ``\b`` and case folding
    agree on ASCII characters; a caller whose pattern holds ``\s`` rules out the
    separators \x1c-\x1f, which only Unicode counts as space), with a table look-up per
    character instead of Unicode's. Module-level patterns only (kept by ``id``).
    """
    twin = _ASCII_TWINS.get(id(pattern))
    if twin is None:
        flags = (pattern.flags & ~re.UNICODE) | re.ASCII
        twin = _ASCII_TWINS[id(pattern)] = re.compile(pattern.pattern, flags)
    return twin


_BREAKS = frozenset(".;!?,:()—–\n") | {
    "and", "but", "so", "because", "while", "although", "though", "however", "whereas",
    "since", "then", "once", "until", "unless", "if", "when", "whenever", "as", "provided",
    "except", "or",
}  # fmt: skip


_WORD_COUNT_ARGS: tuple[Any, ...] = (r"\d[\d.,]*|[^\W\d_][\w'’]*",)


@lru_cache(maxsize=65536)
def _is_negator(tok: str) -> bool:
    return tok in NEGATORS or tok.endswith("n't")


@lru_cache(maxsize=65536)
def _stem(tok: str) -> str:
    """A crude fold of English inflections, applied to text and phrases alike.

    "mats" matches "mat", "owner's" "owner", "suspends" and "suspended" "suspend",
    "raised" "raise", "stopping" "stop". Not a linguist's stemmer: just enough that a
    point's phrasing does not depend on tense or number.
    """
    if tok.endswith("'s"):
        tok = tok[:-2]
    if not tok.isalpha() or len(tok) <= 3:
        return tok
    if len(tok) > 4 and tok.endswith("ies"):
        tok = tok[:-3] + "y"
    elif len(tok) > 5 and tok.endswith("ing"):
        tok = tok[:-3]
    elif (len(tok) > 4 and tok.endswith("ed")) or (
        len(tok) > 4 and tok.endswith(("ches", "shes", "xes", "sses", "zes"))
    ):
        tok = tok[:-2]
    elif tok.endswith("s") and not tok.endswith(("ss", "us", "is")):
        tok = tok[:-1]
    if len(tok) > 3 and tok[-1] == tok[-2] and tok[-1] not in "aeiouls":
        tok = tok[:-1]  # stopp(ed) -> stop
    if len(tok) > 3 and tok.endswith("e"):
        tok = tok[:-1]
    return tok


_K = TypeVar("_K", bound=Hashable)


class _TokenMemo(dict[_K, Any], Generic[_K]):
    """A pure function of a token, its results kept per token.

    Mapped over a text's tokens, a hit is the dict's own look-up, made in C: about half
    of what an ``lru_cache`` hit costs. Emptied when it reaches ``limit`` entries (agents'
    texts bring new tokens without end); the results do not depend on what it holds.
    """

    def __init__(self, fn: Callable[[_K], Any], limit: int = 65536) -> None:
        super().__init__()
        self.fn: Callable[[_K], Any] = fn
        self.limit = limit

    def __missing__(self, tok: _K) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[tok] = self.fn(tok)
        return value


_STEM_OF: Callable[[str], str] = _TokenMemo(_stem).__getitem__
""":func:`_stem` of a token, as Text maps it over every token."""

_BREAK, _NEGATOR = 1, 2


def _token_kind(tok: str) -> int:
    """:data:`_BREAK` for a clause break, :data:`_NEGATOR` for a negator, else 0."""
    return _BREAK if tok in _BREAKS else _NEGATOR if _is_negator(tok) else 0


_KIND_OF: Callable[[str], int] = _TokenMemo(_token_kind).__getitem__
""":func:`_token_kind` of a token, as Text maps it over every token."""

_BREAK_BYTES = bytes(int(k == _BREAK) for k in range(256))
"""Token kinds (bytes) to 1 where a token breaks a clause, else 0: ``bytes.translate``."""


_COUNT_SHAPE_BYTES = bytes(
    ord(" ") if b > 127
    else ord("a") if chr(b).isalpha()
    else ord("0") if chr(b).isdigit()
    else ord("_") if chr(b) in "_'"
    else ord(".") if chr(b) in ".,"
    else ord(" ")
    for b in range(256)
)  # fmt: skip
"""Per byte of ASCII text, its class for :data:`_WORD_COUNT` (letter ``a``, digit ``0``,
``_`` or ``'`` as ``_``, ``.`` or ``,`` as ``.``), or a space: the pattern matches by class."""


def _shape_words(shape: bytes) -> int:
    """How many words :data:`_WORD_COUNT` finds in a run of classes (no spaces)."""
    return len(_ascii(_re("_WORD_COUNT")).findall(shape.decode("ascii")))


_SHAPE_WORDS: Callable[[bytes], int] = _TokenMemo(_shape_words).__getitem__
""":func:`_shape_words` of a run's shape, kept per shape (few shapes recur: "aaaa", "aaa.")."""


def _ascii_word_count(raw: str) -> int:
    """``len(_WORD_COUNT.findall(raw))`` for ASCII text, without a match per word.

    Only a character's class matters to the pattern, and a character of no class (a
    space, "$", "-") neither starts nor continues a word: the text splits there into runs
    counted on their own. Each run becomes its string of classes (one table look-up per
    byte, in C) and a run's count is kept per shape.
    """
    return sum(map(_SHAPE_WORDS, raw.encode("ascii").translate(_COUNT_SHAPE_BYTES).split()))


_NUMBER_ABBREVIATION = re.compile(r"\bno\.\s?(?=\d)", re.I)


_NO_COMPOUND = re.compile(r"\b(no|non)-(?=\w)", re.I)


_MARKS = ".;!?,:()\n"
"""The one-character tokens :data:`_WORD_ARGS` finds in ASCII text (each is a clause break)."""

_SPACED_MARKS = tuple((m, f" {m} ") for m in _MARKS)

_ASCII_TOKEN_BYTES = bytes(
    b if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_'" + _MARKS) else ord(" ")
    for b in range(256)
)
"""Per byte of ASCII text: itself where it is a word character or a mark, else a space."""


def _ascii_tokens(low: str) -> list[str]:
    """``_WORD.findall(low)`` for ASCII text, in C string operations instead of a regex.

    On ASCII text the pattern finds runs of ``[A-Za-z0-9_']`` and the marks of
    :data:`_MARKS` one by one: every other character becomes a space (one table
    look-up per byte), each mark present gets a space either side, and the tokens are
    what the spaces separate. A regex match costs about what twenty of these characters
    cost.
    """
    text = low.encode("ascii").translate(_ASCII_TOKEN_BYTES).decode("ascii")
    for mark, spaced in _SPACED_MARKS:
        if mark in text:
            text = text.replace(mark, spaced)
    return list(filter(None, text.split(" ")))


def _words(text: str) -> list[str]:
    low = text.lower()
    # Both patterns need "no." or "no-"/"non-": most texts are spared both scans.
    if "no." in low or "no-" in low or "non-" in low:
        text = _NUMBER_ABBREVIATION.sub("number ", text)  # "No.1" is not a negation
        text = _NO_COMPOUND.sub(r"\1_", text)  # nor is "no-reason returns"
        low = text.lower()
    if low.isascii():  # no "’" to replace either
        return _ascii_tokens(low)
    return _re("_WORD").findall(low.replace("’", "'"))


@lru_cache(maxsize=65536)
def _phrase_stems(phrase: str) -> tuple[str, ...]:
    # Phrases repeat across cases and calls (claim lists run to hundreds): stem each once.
    return tuple(_stem(w) for w in _words(phrase))


@lru_cache(maxsize=65536)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    # The words as written, for exact matches (claims): tokenised once per phrase.
    return tuple(_words(phrase))


def _positions(seq: list[str], item: str, found: dict[str, list[int]]) -> list[int]:
    """Every index of ``item`` (which occurs) in ``seq``, kept in ``found``.

    Found by the list's own search, in C, instead of a dict of every item's indices
    built item by item.
    """
    at = found.get(item)
    if at is None:
        at = found[item] = []
        index, i = seq.index, -1
        for _ in range(seq.count(item)):
            i = index(item, i + 1)
            at.append(i)
    return at


class Text:
    """A text as lower-cased tokens, each with the clause it belongs to, and its numbers.

    Read-only once built (references are cached and shared).
    """

    def __init__(self, text: str) -> None:
        # Built in locals: a text is analysed once per field graded, token by token.
        self.raw = text
        self.tokens = tokens = _words(text)
        self.stems = stems = list(map(_STEM_OF, tokens))
        # Each token's kind (break, negator or neither), one look-up per token, as bytes:
        # a phrase's clauses and the negators around it are then found by bytes searches
        # (find, rfind, count: in C) where a polarity is asked for, not indexed up front.
        self._kinds = kinds = bytes(map(_KIND_OF, tokens))
        self._negates = _NEGATOR in kinds
        # Which stems occur, made in C; where one occurs is found when first asked
        # (_stem_at): a phrase's first stem is looked up, and most do not occur.
        self._stem_set = frozenset(stems)
        self._stem_found: dict[str, list[int]] = {}
        # Where a token occurs is found when first asked (_token_at): exact matches look
        # up the first words of a few claims, not every token.
        self._token_found: dict[str, list[int]] = {}

    def _stem_at(self, stem: str) -> list[int]:
        """Every place of ``stem`` (which occurs: it is in ``_stem_set``) among the stems."""
        return _positions(self.stems, stem, self._stem_found)

    @cached_property
    def joined(self) -> str:
        """The stems, each followed by a space: what _any_phrase's regexes search."""
        return " ".join(self.stems) + " " if self.stems else ""

    @cached_property
    def numbers(self) -> list[_Number]:
        """Every number the text states (worked out when first asked for)."""
        raw = self.raw
        # An ASCII text whose words hold no number word skips the scan for spelled numbers
        # (and the scan for "one" too where no token is "one").
        tokens = self.tokens
        spells = not raw.isascii() or _may_spell_numbers(tokens)
        return _figures(raw, spells or "one" in tokens, spells)

    @cached_property
    def number_units(self) -> list[tuple[_Number, str | None]]:
        """Every number with the unit it is stated in (:data:`UNITS`; worked out when asked)."""
        return _number_units(self.raw, self.numbers)

    @cached_property
    def words(self) -> int:
        """Number of words (a number such as 1,137.50 is one word)."""
        raw = self.raw
        if raw.isascii():
            return _ascii_word_count(raw)
        return len(_re("_WORD_COUNT").findall(raw))

    @cached_property
    def _token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)

    def _token_at(self, tok: str) -> list[int] | None:
        """Where ``tok`` occurs among the tokens, in order; None where it does not."""
        if tok not in self._token_set:
            return None
        return _positions(self.tokens, tok, self._token_found)

    @cached_property
    def joined_tokens(self) -> str:
        """The tokens as they are, each followed by a space (for exact-word searches)."""
        return " ".join(self.tokens) + " " if self.tokens else ""

    def polarities(self, phrase: str, *, exact: bool = False) -> list[int]:
        """Polarity (0 affirmed, 1 negated) of each occurrence of ``phrase``.

        A phrase may span clause breaks ("before and after"); its polarity is the parity of
        the negators outside it in the clauses it touches. With ``exact`` the words must
        occur as written (no folding of tense or number: "we raised" is not "we raise").
        """
        if exact:
            words, seq = _phrase_words(phrase), self.tokens
            at = self._token_at(words[0]) if words else None
        else:
            words, seq = _phrase_stems(phrase), self.stems
            at = self._stem_at(words[0]) if words and words[0] in self._stem_set else None
        if not words:
            return []
        if at is None:  # the usual case: the phrase's first word does not occur
            return []
        return self._polarities_at(words, seq, at)

    @cached_property
    def clause_of(self) -> list[int]:
        """The clause of each token (worked out when first asked for).

        Token i is in clause k when k breaks come at or before it (every break but a
        leading one starts a clause).
        """
        flags = self._kinds.translate(_BREAK_BYTES)
        clause_of = list(accumulate(flags[1:], initial=0))
        return clause_of if flags else []

    def _polarities_at(self, words: tuple[str, ...], seq: list[str], at: list[int]) -> list[int]:
        """Polarities of ``words`` (a phrase's stems or tokens) at the candidate starts ``at``."""
        out: list[int] = []
        n = len(words)
        for i in at:
            if tuple(seq[i : i + n]) != words:
                continue
            out.append(self._polarity(i, n) if self._negates else 0)
        return out

    def _polarity(self, i: int, n: int) -> int:
        """The polarity of the ``n`` tokens from ``i`` (0 affirmed, 1 negated).

        It is the parity of the negators outside them in the clauses they touch. The clauses a phrase touches are contiguous: from the first's start (the last
        break at or before ``i``, a leading one aside) to the last's end (the first break
        after the phrase), less the phrase itself.
        """
        if not self._negates:
            return 0
        kinds = self._kinds
        lo = max(kinds.rfind(_BREAK, 1, i + 1), 0)
        hi = kinds.find(_BREAK, i + n)
        if hi < 0:
            hi = len(kinds)
        return (kinds.count(_NEGATOR, lo, i) + kinds.count(_NEGATOR, i + n, hi)) % 2


_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


def expand_alternatives(phrase: str) -> list[str]:
    """Every phrasing a phrase with ``{a|b}`` alternatives stands for.

    ``"{I've|we've} {raised|increased} the bid"`` gives the four phrasings. An empty
    alternative drops the words (``"{your |}bid"``); spaces are normalised.

    Raises:
        ValueError: A brace is left unmatched.
    """
    group = _ALTERNATIVES.search(phrase)
    if group is None:
        if "{" in phrase or "}" in phrase:
            raise ValueError(f"unmatched brace in {phrase!r}")
        return [" ".join(phrase.split())]
    head, tail = phrase[: group.start()], phrase[group.end() :]
    return [
        out
        for choice in group.group(1).split("|")
        for out in expand_alternatives(head + choice + tail)
    ]


def _expanded(phrases: list[str]) -> list[str]:
    return list(_expanded_once(tuple(phrases)))


@lru_cache(maxsize=1024)
def _expanded_once(phrases: tuple[str, ...]) -> tuple[str, ...]:
    # A spec's claim groups are the same for every case: expanded once, not per case.
    return tuple(dict.fromkeys(p for phrase in phrases for p in expand_alternatives(phrase)))


@lru_cache(maxsize=256)
def _any_phrase(phrases: tuple[str, ...], *, exact: bool = False) -> re.Pattern[str]:
    """A regex that finds where any of ``phrases`` may occur in :attr:`Text.joined`.

    The phrases' stems (their words as written, with ``exact``, for
    :attr:`Text.joined_tokens`) go into a trie, so one search costs about the text's
    length however many phrasings there are (claim groups run to hundreds).
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for stem in _words(phrase) if exact else _phrase_stems(phrase):
            node = node.setdefault(stem, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(k) + " " + emit(v) for k, v in sorted(node.items()) if k]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile("(?<![^ ])" + emit(trie))


class Point(BaseModel):
    """One fact a text must state.

    Attributes:
        any: Phrasings of the fact; one must occur, stated as the reference states it
            (affirmed or negated). Empty when the point is a figure alone. Here and in
            ``not``, ``{a|b}`` writes alternatives (:func:`expand_alternatives`).
        figure: A number that must occur (any usual format), or None.
        anchor: The phrases only name something (a rule, a product): they must occur,
            in any polarity. Phrases beside a ``figure`` are always anchors.
        not_: Phrases that contradict the point (key ``not`` in data files): if one
            is affirmed, the point fails.
        requires: Positions (0-based) of other points in the same list that must be met
            for this one to count (a detail of an outcome, such as the new tracking
            number of a replacement, counts only where the outcome itself is stated).
        exclusive: Which other figures contradict ``figure``, for a figure that is a
            single answer (a sum paid, a delivery time, a window, a stock count). With
            ``"unit"``, any figure the text affirms in the point's ``unit``
            (:func:`unit_figures`: "7 days", "7-day", "seven days", "7天") that is neither
            ``figure`` nor one of ``also_true`` fails the point ("it arrives in either 5
            or 7 days" states no delivery time); ``"money"`` is the same check in
            ``"yuan"`` (:func:`sums_in`: 25 yuan, ¥25, 25元, 人民币25, twenty-five yuan),
            whatever ``unit`` says of how the figure itself is stated ("I've sent you 15
            yuan, and 25 yuan more" does not state that 15 was paid). A figure in a
            negated clause ("not 25 yuan", "not 7 days") contradicts nothing, and neither
            does one with no unit or another unit ("order 3019", "on 5 July", "24 h").
            None: no check.
        also_true: Figures a true text may state beside ``figure`` in its exclusive unit
            (the order's price, a coupon's minimum spend; the other end of "2-4 days",
            the other window of a rule: "7 days to return it, 15 for a fault").
        unit: The unit ``figure`` is in, a key of :data:`UNITS` (``"mm"``, ``"day"``,
            ``"yuan"``...): the figure counts only where the text states it with that unit
            or with no unit beside it ("6 mm", "6mm", "6-mm", "6 毫米", "six millimetres"
            and a bare "6" state 6 mm; "6 元", "¥6" and "6 kg" do not). A range gives its
            first figure the unit after the second ("2-4 days", "183 x 61 cm"). None: any
            unit (or none) counts. With ``exclusive="money"`` only ``"yuan"``.
        note: What the point is, in words (for reports; never shown to the agent).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    any: list[str] = Field(default_factory=list)
    figure: float | None = None
    anchor: bool = False
    not_: list[str] = Field(default_factory=list, alias="not")
    requires: list[int] = Field(default_factory=list)
    exclusive: Literal["money", "unit"] | None = None
    also_true: list[float] = Field(default_factory=list)
    unit: str | None = None
    note: str = ""

    @field_validator("any", "not_", mode="after")
    @classmethod
    def _expand(cls, phrases: list[str]) -> list[str]:
        return _expanded(phrases)

    @model_validator(mode="after")
    def _something_to_check(self) -> Point:
        if not self.any and self.figure is None:
            raise ValueError("a point needs phrases ('any') or a 'figure'")
        if any(not p.strip() for p in [*self.any, *self.not_]):
            raise ValueError("empty phrase")
        if self.figure is not None and not math.isfinite(self.figure):
            raise ValueError("figure must be a finite number")
        if self.exclusive is not None and self.figure is None:
            raise ValueError("an 'exclusive' point needs a 'figure'")
        if self.unit is not None:
            if self.unit not in UNITS:
                raise ValueError(f"unknown unit {self.unit!r} (known: {', '.join(UNITS)})")
            if self.figure is None:
                raise ValueError("a 'unit' needs a 'figure'")
            if self.exclusive == "money" and self.unit != "yuan":
                raise ValueError("an exclusive='money' point's unit is 'yuan'")
        if self.exclusive == "unit" and self.unit is None:
            raise ValueError("an exclusive='unit' point needs a 'unit'")
        return self

    @property
    def exclusive_unit(self) -> str | None:
        """The unit whose other figures contradict the point (None: not exclusive)."""
        if self.exclusive is None:
            return None
        return "yuan" if self.exclusive == "money" else self.unit

    def label(self) -> str:
        """A short name of the point for reports (its note, phrase or figure)."""
        if self.note:
            return self.note
        return self.any[0] if self.any else f"{self.figure:g}"


_NAMED = ("customers", "products", "orders")
"""The parts of a world's state whose ``title`` / ``name`` strings name the customer's
things (not the help articles' or policies' titles, which are ordinary words)."""


def _world_names(world: Any) -> set[str]:
    names: set[str] = set()
    state = getattr(world, "state", None)
    if isinstance(state, BaseModel):
        # Only the named parts are dumped (a state without them dumps nothing).
        extra = state.__pydantic_extra__ or {}
        wanted = {k for k in _NAMED if k in state.__dict__ or k in extra}
        if wanted:
            dumped = state.model_dump(mode="json", include=wanted)
            if isinstance(dumped, dict):
                _titles([dumped.get(k) for k in _NAMED], names)
    elif state is not None and hasattr(state, "model_dump"):
        dumped = state.model_dump(mode="json")
        if isinstance(dumped, dict):
            _titles([dumped.get(k) for k in _NAMED], names)
    return names


def _not_names(text: str, names: set[str]) -> list[str]:
    """The words of ``text`` that are neither ids (tokens holding a digit) nor in ``names``."""
    rest = " ".join(t for t in text.casefold().split() if not _DIGIT.search(t))
    return [w for w in _words_re().findall(rest) if w not in names]


def names_only(point: Point, world: Any = None) -> bool:
    """Whether ``point`` is met by an id or a name alone.

    True when the point has no figure and one of its phrases is made only of ids
    (words holding a digit) and words of the names of the customers, products and
    orders in ``world``'s state: "names the order" (``O-6677``), "the item"
    (``Lumen``). Such a point says which order a text is about, not what is asked.
    """
    names = _world_names(world)
    return point.figure is None and any(not _not_names(ph, names) for ph in point.any)


_Trie = dict[str, Any]
"""Phrases' words as nested dicts; the key ``""`` (never a token) ends a phrase."""


@lru_cache(maxsize=1024)
def _exact_trie(phrases: tuple[str, ...]) -> _Trie:
    # A spec's claim groups are the same for every case: one trie per group.
    trie: _Trie = {}
    for phrase in phrases:
        words = _phrase_words(phrase)
        if not words:
            continue  # matches nowhere (as Text.polarities finds it nowhere)
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node[""] = {}
    return trie


class PointsParams(BaseModel):
    """Grading parameters of the ``points`` scorer.

    Attributes:
        points: The facts the text must state.
        max_words: Longer texts are scaled by ``max_words / words``.
        max_length_ratio: Without ``max_words``: the limit is this many times the
            reference's length in words (at least 25 words).
        max_figures: Texts stating more distinct numbers are scaled by
            ``max_figures / numbers``.
        similarity: Weight in [0, 1] of the embedding similarity to the reference (needs
            the embedding model); the rest is point coverage.
        judge_weight: When the env has an LLM judge, the weight in [0, 1] of its 0/1/2
            verdict (the rest is the points' value); without a judge it is not used.
        judge_prompt: Which judge rubric grades the text (``reply`` or ``rewrite``).
        echo_check: Which of the user's turns validation holds the points against:
            ``"all"`` (replies: no point may be met by echoing the user), ``"last"``
            (rewrites: the last user turn alone may meet at most half of them) or
            ``"none"``.
        claims: Named groups of claims a text can make (usually set once in the spec),
            e.g. ``{"pause": ["{I've|we've} paused"]}``; ``{a|b}`` writes alternatives.
        false_claims: The groups that are untrue for this case (e.g. changes nobody
            made): a text that affirms one of their claims scores 0, whatever it
            states besides.
        offers: Named groups of phrases that put an outcome on offer ("open a return",
            "coupon"), keyed like ``claims``; a text that affirms one of a
            ``false_claims`` group's offers anywhere ("we could also open a return")
            scores 0: a hedge between outcomes states none of them.
        echo_guard: Whether a text that copies the user's last turn (nearly all of it,
            :func:`echoed_span`) earns only the points it states outside the copy. For
            rewrites: a prefix such as "About order O-3019, the Cloudnest down:" before
            the user's words restates nothing. Such a text also scores 0 when the only
            points it meets are ones a bare id or item name meets (:func:`names_only`)
            while the case has others, or while the text has at most
            :data:`ECHO_TAG` words besides them: "Orders O-6677 (Lumen desk lamp)"
            states no request.
        hedges: Whether a question or a sentence that offers or conditions (a word of
            :data:`HEDGES`: "I can open a return or arrange an exchange, whichever you
            prefer") states nothing: points count only in the other sentences
            (:func:`hedged`). For replies that must say what was done.
        single_request: Whether a text that lists three or more alternatives in one
            sentence (:func:`alternative_lists`: "change the address; or intercept the
            parcel; or send a replacement") scores 0, unless the user's last turn lists
            alternatives too; so does a text that names three or more options of one of
            the case's menus, two more than the reference names
            (:func:`menu_options_named`). For rewrites: a string of every possible
            request restates none of them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    points: list[Point] = Field(min_length=1)
    max_words: int | None = Field(default=None, gt=0)
    max_length_ratio: float | None = Field(default=None, gt=0)
    max_figures: int | None = Field(default=None, gt=0)
    similarity: float = Field(default=0.0, ge=0.0, le=1.0)
    judge_weight: float = Field(default=0.5, ge=0.0, le=1.0)
    judge_prompt: str = "reply"
    echo_check: Literal["all", "last", "none"] = "all"
    claims: dict[str, list[str]] = Field(default_factory=dict)
    false_claims: list[str] = Field(default_factory=list)
    offers: dict[str, list[str]] = Field(default_factory=dict)
    hedges: bool = False
    echo_guard: bool = False
    single_request: bool = False
    _claim_tries: dict[str, tuple[list[str], _Trie]] = PrivateAttr(default_factory=dict)

    @field_validator("claims", "offers", mode="after")
    @classmethod
    def _expand_claims(cls, claims: dict[str, list[str]]) -> dict[str, list[str]]:
        return {name: _expanded(phrases) for name, phrases in claims.items()}

    @model_validator(mode="after")
    def _claims_are_defined(self) -> PointsParams:
        unknown = [n for n in self.false_claims if n not in self.claims]
        if unknown:
            known = ", ".join(sorted(self.claims)) or "none defined"
            raise ValueError(f"unknown claim groups {unknown} (claims: {known})")
        # Each group's phrasings as written, in a trie (with the list it was built from: a
        # copy with other claims does not use it).
        self._claim_tries = {
            n: (self.claims[n], _exact_trie(tuple(self.claims[n]))) for n in self.false_claims
        }
        return self


# -- matching -------------------------------------------------------------------------------
class _Number(NamedTuple):
    # A named tuple, not a frozen dataclass: texts state many numbers, and a named tuple
    # is built several times faster.
    value: float
    half_unit: float
    percent: bool
    spelled: bool = False  # written as a word ("six"): states a figure, is no figure dump
    start: int = -1  # where the number is written in the text (for its unit)
    end: int = -1


UNITS: dict[str, tuple[str, ...]] = {
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters", "毫米"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters", "厘米", "公分"),
    "m": ("m", "metre", "metres", "meter", "meters", "米"),
    "km": ("km", "kilometre", "kilometres", "kilometer", "kilometers", "公里", "千米"),
    "inch": ("inch", "inches", "英寸"),
    "kg": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "公斤", "千克"),
    "g": ("g", "gram", "grams", "gramme", "grammes", "克"),
    "jin": ("jin", "斤"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters", "毫升"),
    "L": ("l", "litre", "litres", "liter", "liters", "ltr", "升"),
    "W": ("w", "watt", "watts", "瓦", "瓦特"),
    "kW": ("kw", "kilowatt", "kilowatts", "千瓦"),
    "V": ("v", "volt", "volts", "伏"),
    "mAh": ("mah", "毫安时", "毫安"),
    "GB": ("gb", "gigabyte", "gigabytes"),
    "degree": ("°c", "°", "℃", "degree", "degrees", "摄氏度", "度"),
    "%": ("%", "％", "percent", "per cent", "pct"),
    "yuan": ("yuan", "rmb", "cny", "元", "块", "块钱", "人民币"),
    "usd": ("dollar", "dollars", "usd", "美元", "美金"),
    "second": ("second", "seconds", "sec", "secs", "秒", "秒钟"),
    "minute": ("minute", "minutes", "min", "mins", "分钟"),
    "hour": ("hour", "hours", "hr", "hrs", "h", "小时", "个小时", "钟头"),
    "day": ("day", "days", "business day", "business days", "working day", "working days",
            "天", "日", "工作日", "个工作日"),
    "week": ("week", "weeks", "wk", "wks", "周", "星期", "个星期"),
    "month": ("month", "months", "个月"),
    "year": ("year", "years", "yr", "yrs", "年"),
    "item": ("item", "items", "unit", "units", "piece", "pieces", "pc", "pcs", "pair", "pairs",
             "件", "个", "双"),
    "level": ("level", "levels", "brightness level", "brightness levels", "setting", "settings",
              "档", "级"),
}  # fmt: skip
"""Units a figure may be stated in (:attr:`Point.unit`): each unit's written forms, English
(singular, plural, abbreviation; matched in any case, not inside a word) and Chinese. A
form is read just after the number, after a space or a hyphen ("6 mm", "6mm", "6-mm",
"6 毫米"); a currency sign or code before it is a unit too ("¥6", "RMB 6": ``yuan``; "$6":
``usd``; "百分之6": ``%``), and so is "%" after it. The money forms are those
:func:`sums_in` reads. "in" (inch) and "mo" are left out: "5 in stock" states no inches."""

_UNIT_OF = {form: unit for unit, forms in UNITS.items() for form in forms}


def _unit_after_args() -> tuple[Any, ...]:
    forms = sorted(_UNIT_OF, key=len, reverse=True)  # longest first: "mm" before "m"
    alts = [re.escape(f) + ("(?![A-Za-z])" if f.isascii() else "") for f in forms]
    return (r"[ \t]*(?:-[ \t]*)?(" + "|".join(alts) + ")", re.I)


_UNIT_BEFORE_ARGS: tuple[Any, ...] = (
    r"(?:([¥￥]|\b(?:rmb|cny)\b|人民币)|(\$|\busd\b)|(百分之))[ \t]*$",
    re.I,
)
_RANGE_ARGS: tuple[Any, ...] = (
    # What joins the two ends of a range or the sides of a size ("2-4", "2 to 4", "183 x 61").
    r"\s*(?:-|–|—|~|～|to|至|到|或者|或|and|or|x|×|by|/)\s*",
    re.I,
)


def _one_args() -> tuple[Any, ...]:
    # "one" states 1 only where it counts something: "only one", "one kg", "one-2 days",
    # "one to two days" ("no one", "the one on the left" state nothing).
    unit = _unit_after_args()[0]
    return (
        r"\b(?:only|just|exactly)\s+(one)\b"
        r"|(?<![\w-])(?<!ty )(one)(?:(?=\s*(?:-|–|to|or)\s*(?:\d|two|three|four|five|six|seven"
        r"|eight|nine|ten)\b)|(?=" + unit + "))",
        re.I,
    )


_AFTER_WORD = re.compile(r"[-–](\d+(?:\.\d+)?)(?![\w.])")
"""Digits after a number word and a dash ("two-4 days"): a range's end, not an id's part."""


_NUMBER_ARGS: tuple[Any, ...] = (
    # Not inside a word or an id ("R1", "SKU-12", "v2.1"); a unit may follow without a
    # space ("6mm", "5000mAh") and Chinese may surround it ("发货后2-4天"). "m"/"k" mean
    # million/thousand only when glued to the number ("1.2m", "3k"): "1 m" is a metre.
    #
    # Written to start with the digit (the guards look back from after it): a pattern
    # that starts with a character class lets the search skip to the digits, instead of
    # trying a match at every position. It matches what the guards-first form
    # (?<![A-Za-z0-9_./])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+) matches.
    r"(\d(?<![A-Za-z0-9_./]\d)(?<![A-Za-z]-\d)(?:\d{0,2}(?:,\d{3})+|\d*))(\.\d+)?"
    r"(?:(k|K|m|M)(?![A-Za-z])|\s?(w|W|万|千)(?![A-Za-z]))?"
    r"(?:st|nd|rd|th)?(?![0-9])\s?(%)?",
)
_MULTIPLIER = {"k": 1e3, "千": 1e3, "m": 1e6, "w": 1e4, "万": 1e4}


_ONES = dict(
    zip(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
        range(1, 10),
        strict=True,
    )
)
_TEENS = dict(
    zip(
        [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ],
        range(10, 20),
        strict=True,
    )
)
_TENS = dict(
    zip(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
        range(20, 100, 10),
        strict=True,
    )
)
# Words alone: 0 and 2-19 ("one" is left out: "no one", "the one on the left" state no figure).
_ALONE = {"zero": 0} | {w: v for w, v in _ONES.items() if w != "one"} | _TEENS
_NUMBER_WORDS_ARGS: tuple[Any, ...] = (
    # Numbers written as words ("six millimetres", "twenty-five", "zero strikes"). The
    # lookahead (the first letters of every number word) only spares the search trying
    # each word at every position: it matches exactly what the alternatives match.
    r"\b(?=[efnstz])(?:"
    r"\b(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(_ONES) + r"))?\b"
    r"|\b(" + "|".join(_ALONE) + r")\b)",
    re.I,
)


def _word_value(m: re.Match[str]) -> float | None:
    # casefold, not lower: the regex matches case-insensitively, so "ſeven" (long s) and
    # the Kelvin sign match too; casefold maps them to the keys. Anything else: no figure.
    tens, ones, alone = (g.casefold() if g else g for g in m.groups())
    if alone is not None:
        v = _ALONE.get(alone)
        return None if v is None else float(v)
    if tens not in _TENS or (ones and ones not in _ONES):
        return None
    return float(_TENS[tens] + (_ONES[ones] if ones else 0))


# \b(\d{1,2}):(\d{2})\b and \b(\d{4})-(\d{2})-(\d{2})\b, the boundary checked after the first
# digit (as in _NUMBER_ARGS: a leading character class spares a match at every position).
_TIME = re.compile(r"(\d(?<!\w\d)\d?):(\d{2})\b")
_DATE = re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})\b")


def figures_in(text: str) -> list[_Number]:
    """Every number stated in a text, with the precision it is stated to.

    A clock time ("11:40") is one figure, in hours (11.67): "11:00" states 11. A calendar
    date ("2026-11-12") is one figure (20261112), not a year, a month and a day. Ranges
    ("3-7 days") state both ends; ordinals ("the 12th") their number.
    """
    return _figures(text, True)


_SPELLED_FIRST = frozenset(_TENS) | frozenset(_ALONE)
"""The words a number written as words starts with."""

_PIECES = re.compile(r"[_'0-9]")


def _may_spell_numbers(tokens: Sequence[str]) -> bool:
    """Whether an ASCII text with these tokens (:func:`_words`) may spell a number.

    False only where :data:`_NUMBER_WORDS` finds nothing: on ASCII text a spelled number's
    first word is a whole run of letters between non-word characters, so it is a token,
    or a piece of one between apostrophes or the underscore of "no_" (tokens keep both).
    Digits cut pieces too, which only makes the check more cautious.
    """
    if not _SPELLED_FIRST.isdisjoint(tokens):
        return True
    # A token holding such a word (3 letters at least) and a separator has 4+ characters;
    # shorter ones give False below as well. Most tokens are words: skipped in C.
    return any(map(_PIECE_SPELLS, filterfalse(str.isalpha, tokens)))


def _piece_spells(token: str) -> bool:
    """Whether a piece of ``token`` between ``_``, ``'`` and digits starts a spelled number."""
    return not _SPELLED_FIRST.isdisjoint(_PIECES.split(token))


_PIECE_SPELLS: Callable[[str], bool] = _TokenMemo(_piece_spells).__getitem__
""":func:`_piece_spells` of a token, kept per token (the same ids and contractions recur)."""


def _may_state_one(text: str) -> bool:
    """Whether :data:`_ONE` may find a "one" in ``text`` (False only where it finds none).

    Every match's "one" follows no word character and no "-" ("money", "someone" and
    "no-one" hold no match). Checked on ASCII text only (where lower-casing keeps each
    character's place and class); other text is scanned wherever it holds "one".
    """
    low = text.lower()
    if not text.isascii():
        return "one" in low
    at = low.find("one")
    while at >= 0:
        if at == 0 or not (low[at - 1].isalnum() or low[at - 1] in "_-"):
            return True
        at = low.find("one", at + 3)
    return False


_DIGIT_SHAPE = bytes(ord("0") if 48 <= b <= 57 else b for b in range(256))
"""Per byte of ASCII text: ``0`` for a digit, else itself (what the digit scans need)."""


def _digit_scans(text: str) -> tuple[bool, bool, bool, bool]:
    r"""Whether ``text`` is read as ASCII, and may hold a date, a time, any digit.

    ASCII text (without the separators \x1c-\x1f, which only Unicode counts as space) is
    read by the ASCII twins, and the shape of its digits (:data:`_DIGIT_SHAPE`, one table
    look-up per byte) says which scans can find anything: a date needs "0000-00-00", a
    time "0:00" and every figure but a spelled one a digit. Other text is scanned for a
    date where it holds "-", for a time where it holds ":".
    """
    if text.isascii() and not any(c in text for c in _ODD_SPACES):
        shape = text.encode("ascii").translate(_DIGIT_SHAPE)
        return True, b"0000-00-00" in shape, b"0:00" in shape, b"0" in shape
    return False, "-" in text, ":" in text, True


def _figures(text: str, spelled: bool, words_spelled: bool = True) -> list[_Number]:
    """:func:`figures_in`; without ``spelled``, the scans for spelled numbers are skipped.

    Without ``words_spelled`` (the text holds no number word but may hold "one"), only
    the scan for "one" is made.
    """
    out: list[_Number] = []
    ascii, may_date, may_time, any_digit = _digit_scans(text)
    # Dates and times are blanked out once read, keeping every other number's place.
    if may_date:
        dates = list(_DATE.finditer(text))
        if dates:  # no second pass over a text that states none
            out += [
                _Number(float("".join(d.groups())), 0.5, False, False, d.start(), d.end())
                for d in dates
            ]
            text = _DATE.sub(_blank, text)
    if may_time:
        times = list(_TIME.finditer(text))
        if times:
            out += [
                _Number(int(h) + int(m) / 60, 0.5 / 60, False, False, t.start(), t.end())
                for t in times
                for h, m in (t.groups(),)
            ]
            text = _TIME.sub(_blank, text)
    if spelled:
        words: list[tuple[float | None, int, int]] = []
        if words_spelled:
            finder = _ascii(_re("_NUMBER_WORDS")) if text.isascii() else _re("_NUMBER_WORDS")
            words = [
                (v, m.start(), m.end()) for m in finder.finditer(text) for v in (_word_value(m),)
            ]
        if _may_state_one(text):  # "only one", "one kg", "one-2 days"
            for m in _re("_ONE").finditer(text):
                at = m.start(1) if m.group(1) else m.start(2)
                words.append((1.0, at, at + 3))
        for v, start, end in words:
            if v is None:
                continue
            out.append(_Number(v, 0.5, False, True, start, end))
            if text[end : end + 1] in ("-", "–"):  # "two-4 days": a range, not an id
                d = _AFTER_WORD.match(text, end)
                if d:
                    frac = d.group(1).partition(".")[2]
                    half = 0.5 * 10 ** (-len(frac))
                    out.append(_Number(float(d.group(1)), half, False, False, *d.span(1)))
    if not any_digit:
        return out
    number = _ascii(_re("_NUMBER")) if ascii else _re("_NUMBER")  # the pattern holds \s
    for m in number.finditer(text):
        whole, frac, glued, spaced, pct = m.groups()
        suffix = glued or spaced
        digits = whole.replace(",", "") + (frac or "")
        decimals = len(frac) - 1 if frac else 0
        mult = _MULTIPLIER.get((suffix or "").lower(), 1.0)
        value = float(digits) * mult
        half = 0.5 * 10 ** (-decimals) * mult
        out.append(_Number(value, half, pct is not None, False, m.start(), m.end()))
    return out


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


_LENGTHS = frozenset(["mm", "cm", "m", "km", "inch"])
"""The units a size's sides share ("183 x 61 cm"); elsewhere "x" multiplies ("2 x 15 yuan")."""

_TIMES = frozenset(["x", "×", "by"])
"""The joins of :data:`_RANGE` that join a size's sides, or multiply outside lengths."""


def _number_units(text: str, numbers: Sequence[_Number]) -> list[tuple[_Number, str | None]]:
    """Each number of ``text`` with the unit it is stated in (None: no unit beside it).

    A range's first end takes the unit after its second ("2-4 days", "5 or 7 days",
    "5到7天"); the sides of a size too ("183 x 61 cm"), but "2 x 15 yuan" is a count
    times a sum. "6月5日" is a date, not 5 days.

    A number followed by a multiplier letter that is also a unit ("5 W", "1m") is read
    both ways: 5 watts and 50,000; a metre and a million.
    """
    ordered = sorted((n for n in numbers if n.start >= 0), key=lambda n: n.start)
    after, before, joins = _re("_UNIT_AFTER"), _re("_UNIT_BEFORE"), _re("_RANGE")
    units: list[str | None] = [None] * len(ordered)
    out: list[tuple[_Number, str | None]] = []
    for i in range(len(ordered) - 1, -1, -1):
        n = ordered[i]
        unit: str | None = "%" if n.percent else None
        last = text[n.start : n.end].rstrip()[-1:]
        if unit is None:
            m = after.match(text, n.end)
            if m and not (m.group(1) == "日" and text[: n.start].rstrip().endswith("月")):
                unit = _UNIT_OF.get(m.group(1).lower())  # "6月5日" is a date, not 5 days
        if unit is None and i + 1 < len(ordered) and units[i + 1] is not None:
            nxt = ordered[i + 1]
            join = joins.fullmatch(text, n.end, nxt.start) if nxt.start > n.end else None
            if join and (units[i + 1] in _LENGTHS or join.group().strip().lower() not in _TIMES):
                unit = units[i + 1]  # "2-4 days", "183 x 61 cm": the range's unit
        if unit is None:
            b = before.search(text, max(0, n.start - 8), n.start)
            if b:
                unit = "yuan" if b.group(1) else "usd" if b.group(2) else "%"
        units[i] = unit
        out.append((n, unit))
        if last and last in "wWmM" and not n.spelled and not n.percent:
            mult = 1e4 if last in "wW" else 1e6
            again = n._replace(value=n.value / mult, half_unit=n.half_unit / mult)
            out.append((again, "W" if last in "wW" else "m"))
    return out


def units_in(text: str) -> list[tuple[float, str | None]]:
    """Every number of ``text`` with the unit it is stated in, a key of :data:`UNITS`.

    ``units_in("183 x 61 cm, 1.1 kg per pair, ¥599")`` is ``[(183.0, "cm"), (61.0,
    "cm"), (1.1, "kg"), (599.0, "yuan")]`` (in the order written); a number with no unit
    beside it has None. How :attr:`Point.unit` reads a text.
    """
    found = _number_units(text, figures_in(text))
    return [(n.value, u) for n, u in sorted(found, key=lambda nu: nu[0].start)]


def _figure_in_unit(text: Text, figure: float, unit: str) -> bool:
    """Whether ``text`` states ``figure`` in ``unit`` or with no unit beside it."""
    for n, u in text.number_units:
        if (u is None or u == unit) and _figure_stated((n,), figure):
            return True
    return False


_COARSEST = 0.05
"""A rounded number states a figure only when its rounding is within 5% of the figure
("1.1k" states 1137.5; "1k" and "0m" state nothing precise enough)."""


def _figure_stated(numbers: Sequence[_Number], figure: float) -> bool:
    for n in numbers:
        candidates = [n.value, n.value / 100] if n.percent else [n.value]
        for v in candidates:
            half = n.half_unit / 100 if n.percent and v != n.value else n.half_unit
            eps = 1e-9 * max(1.0, abs(figure))
            exact = abs(v - figure) <= eps
            if exact or (abs(v - figure) <= half + eps and half <= _COARSEST * abs(figure)):
                return True
    return False


def _reference_polarities(reference: Text | None, point: Point) -> frozenset[int]:
    """How the reference states the point: the polarities its phrases have there."""
    if reference is None:
        return frozenset({0})
    return _polarities_in(reference.raw, tuple(point.any))


@lru_cache(maxsize=16384)
def _polarities_in(reference: str, phrases: tuple[str, ...]) -> frozenset[int]:
    # Per case the reference and its points are fixed: work their polarities out once.
    text = _reference(reference)
    found = {pol for phrase in phrases for pol in text.polarities(phrase)}
    return frozenset(found or {0})


@lru_cache(maxsize=4096)
def _reference(text: str) -> Text:
    # A case's reference text is graded against on every episode: analyse it once.
    return Text(text)


class _PointPlan(NamedTuple):
    """A point as :func:`point_met` checks it, worked out once per case and field."""

    has_any: bool
    phrases: tuple[tuple[str, ...], ...]  # the stems of ``any`` (phrases with words)
    anchored: bool
    want: frozenset[int]  # the polarities the reference gives the phrases
    figure: float | None
    negated_by: tuple[tuple[str, ...], ...]  # the stems of ``not_``
    point: Point | None = None  # the point itself where it is ``exclusive`` (else None)
    unit: str | None = None


def _plan(point: Point, reference: Text | None) -> _PointPlan:
    anchored = bool(point.any) and (point.anchor or point.figure is not None)
    want = _reference_polarities(reference, point) if point.any and not anchored else frozenset()
    return _PointPlan(
        bool(point.any),
        tuple(w for w in map(_phrase_stems, point.any) if w),
        anchored,
        want,
        point.figure,
        tuple(w for w in map(_phrase_stems, point.not_) if w),
        point if point.exclusive else None,
        point.unit,
    )


def _plan_met(text: Text, plan: _PointPlan) -> bool:
    """:func:`point_met` of the planned point (the same decision, without re-stemming)."""
    occurs, stem_at, stems = text._stem_set, text._stem_at, text.stems
    if plan.has_any:
        if plan.anchored:
            for words in plan.phrases:
                if words[0] in occurs and text._polarities_at(words, stems, stem_at(words[0])):
                    break
            else:
                return False
        else:
            seen: set[int] = set()
            for words in plan.phrases:
                if words[0] in occurs:
                    seen.update(text._polarities_at(words, stems, stem_at(words[0])))
            if not seen or not seen <= plan.want:
                return False
    if plan.figure is not None and not _figure_met(text, plan.figure, plan.unit):
        return False
    for words in plan.negated_by:
        if words[0] in occurs and 0 in text._polarities_at(words, stems, stem_at(words[0])):
            return False
    return plan.point is None or not contradicting(text, plan.point)


def _figure_met(text: Text, figure: float, unit: str | None) -> bool:
    """Whether ``text`` states ``figure`` (in ``unit`` where the point names one)."""
    if unit is None:
        return _figure_stated(text.numbers, figure)
    return _figure_in_unit(text, figure, unit)


def point_met(text: Text, point: Point, reference: Text | None = None) -> bool:
    """Whether ``text`` states ``point`` the way ``reference`` does.

    A phrase counts when it occurs with a polarity the reference gives it and never with
    another (stating a point both ways, where the reference states it one way, states
    nothing). Anchor phrases (``anchor``, or
    beside a figure: "bid ... 0.45") only need to occur.
    """
    if point.any and (point.anchor or point.figure is not None):
        if not any(text.polarities(phrase) for phrase in point.any):
            return False
    elif point.any:
        want = _reference_polarities(reference, point)
        seen = {pol for phrase in point.any for pol in text.polarities(phrase)}
        if not seen or not seen <= want:
            return False
    if point.figure is not None and not _figure_met(text, point.figure, point.unit):
        return False
    if any(0 in text.polarities(p) for p in point.not_):
        return False
    return not (point.exclusive and contradicting(text, point))


_IN_NUMBER = re.compile(r"(?<=\d)[.,](?=\d)")

_SUM_MARK = "ecomstagesum"
"""A word no text holds, put after a figure to read the polarity of the figure's clause."""


def _polarity_at(raw: str, end: int) -> int:
    """The polarity of the clause of a figure of ``raw`` that ends at ``end`` (1: negated).

    As :meth:`Text.polarities` reads a phrase's: a mark put just after the figure reads
    its clause (the decimal points and thousands separators of numbers are taken out
    first: they are no clause breaks).
    """
    marked = f"{raw[:end]} {_SUM_MARK} {raw[end:]}"
    pols = Text(_IN_NUMBER.sub("", marked)).polarities(_SUM_MARK, exact=True)
    return pols[0] if pols else 0


def _in_unit(found: Sequence[tuple[_Number, str | None]], unit: str) -> list[_Number]:
    """The numbers of ``found`` (:func:`_number_units`) stated in ``unit``, in text order."""
    return sorted((n for n, u in found if u == unit), key=lambda n: n.start)


def unit_figures(text: str, unit: str) -> list[tuple[float, float, int]]:
    """The figures ``text`` states in ``unit``: (value, half its last unit, polarity), in order.

    ``unit`` is a key of :data:`UNITS`; a figure is in it where :func:`units_in` reads it
    so: the unit written after it ("7 days", "7-day", "7天", "seven days"), before it
    ("¥15", "RMB 15", "人民币15") or after a range's second end ("5 or 7 days", "2-4
    days", "5到7天"). Figures with no unit beside them ("order 3019", "on 5 July") or
    another unit are left out. The polarity is the figure's clause's, as
    :meth:`Text.polarities` reads a phrase's (1: "it does not take 7 days").

    Raises:
        ValueError: ``unit`` is not a key of :data:`UNITS`.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (known: {', '.join(UNITS)})")
    found = _in_unit(_number_units(text, figures_in(text)), unit)
    return [(n.value, n.half_unit, _polarity_at(text, n.end)) for n in found]


def sums_in(text: str) -> list[tuple[float, float, int]]:
    """The sums of money ``text`` states: (value, half its last unit, polarity), in order.

    :func:`unit_figures` in ``"yuan"``: a sum is a number beside a currency sign, code or
    word (¥15, RMB 15, 人民币15, 15 yuan, 15-yuan, fifteen yuan, 15元, 15块钱), or the
    first end of a range of sums ("15-17 yuan", "from 200 to 300 yuan"); other numbers
    (an order id, "30 days", "3-pack") are not sums. The polarity is its clause's (1: "we
    did not send 25 yuan").
    """
    return unit_figures(text, "yuan")


def contradicting(text: Text, point: Point) -> list[float]:
    """The figures ``text`` affirms that contradict an ``exclusive`` point, in order.

    The figures the text states in the point's exclusive unit (``"yuan"`` for
    ``exclusive="money"``, else its ``unit``: :func:`unit_figures`), in an affirmed
    clause, that are neither the point's figure nor one of its ``also_true`` figures, to
    the precision they are stated ("¥15.00", "fifteen yuan" and "15元" are 15; "7-day"
    and "seven days" are 7). Empty for a point that is not exclusive.
    """
    unit = point.exclusive_unit
    if unit is None or point.figure is None:
        return []
    raw = text.raw
    if unit == "yuan" and not _MONEY_HINT.search(raw):
        return []
    true = [point.figure, *point.also_true]
    found = _in_unit(text.number_units, unit)
    return [
        n.value
        for n in found
        if not any(abs(n.value - k) <= n.half_unit + 1e-9 * max(1.0, abs(k)) for k in true)
        and _polarity_at(raw, n.end) == 0
    ]


_MONEY_HINT = re.compile(r"[¥￥元块]|rmb|cny|yuan|人民币", re.I)
"""What every sum holds (a form of :data:`UNITS`' ``yuan`` or a sign: a quick first check)."""


_RETRACTION_ARGS: tuple[Any, ...] = (
    # Only a text that takes *itself* back: "ignore the above", "disregard what I said",
    # "scratch that" - not "you can ignore that warning" about something else.
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+of\s+|all\s+|everything\s+)?"
    r"(?:(?:the|all)\s+(?:above|preceding)|what\s+i\s+(?:just\s+)?(?:said|wrote)"
    r"|(?:my|this)\s+(?:previous\s+|last\s+|earlier\s+|whole\s+)?(?:message|reply|answer|response)"
    r"|everything\s+(?:above|i\s+(?:just\s+)?(?:said|wrote)))\b"
    r"|\bscratch\s+that\b|\bi\s+(?:take|took)\s+(?:that|it|this|everything)\s+back\b"
    # "..., actually, ignore that." / "forget it!" - the bare object ends the clause, so
    # "ignore that warning" (about something else) is no cue.
    r"|\b(?:ignore|disregard|forget)\s+(?:that|this|it)\s*(?:[,.;!]|$)"
    r"|\b(?:just|only)\s+(?:kidding|joking)\b"
    r"|\bi\s+retract\b"
    r"|\bnone\s+of\s+(?:the\s+above|this|that|it)\s+(?:is|was|are|were|applies|holds|stands)\b"
    r"|\b(?:(?:all\s+of\s+)?the\s+above|all\s+of\s+(?:this|that))\s+(?:is|was)\s+"
    r"(?:wrong|false|incorrect|untrue|not\s+true|a\s+mistake)\b"
    r"|\bthe\s+(?:opposite|reverse)\s+(?:of\s+(?:each|every|all)\s+\w+\s+)?(?:is\s+true|applies|holds)\b"
    r"|\bcorrection\s*:"
    r"|\b(?:everything|all)\s+(?:(?:that\s+)?i\s+(?:just\s+)?(?:wrote|said)(?:\s+above)?|(?:written\s+)?above)\s+"
    r"(?:is|was)\s+(?:false|wrong|incorrect|untrue|not\s+true|a\s+mistake)\b"
    r"|\b(?:i\s+was|i'm|i\s+am)\s+wrong\s+about\s+(?:all|everything|this|that)\b"
    r"|\bnone\s+of\s+(?:that|this|the\s+above|it|what\s+i\s+(?:said|wrote))\s+(?:is|was)\s+"
    r"(?:correct|true|right|accurate)\b",
    re.I,
)
"""Cues of a text taking itself back."""

_ODD_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")


def _retraction_pattern(text: str) -> re.Pattern[str]:
    if text.isascii() and not any(c in text for c in _ODD_SPACES):
        return _ascii(_re("_RETRACTION"))
    return _re("_RETRACTION")


_RETRACTION_WORDS = frozenset(
    [
        "ignore",
        "disregard",
        "forget",
        "scratch",
        "back",
        "retract",
        "none",
        "wrong",
        "false",
        "incorrect",
        "untrue",
        "true",
        "mistake",
        "opposite",
        "reverse",
        "correction",
        "kidding",
        "joking",
    ]
)
"""A word each cue of :data:`_RETRACTION` contains (a quick first check)."""


def retracts(text: str) -> bool:
    """Whether a text takes itself back ("ignore the above", "scratch that", ...).

    A cue inside a negated clause ("don't forget this") does not count.
    """
    if not _RETRACTION_WORDS.intersection(_words(text)):
        return False  # every cue needs one of these words: most texts are done here
    return _retraction_cue(text)


def _retraction_cue(text: str) -> bool:
    for m in _retraction_pattern(text).finditer(text):
        before = Text(text[: m.start()])
        last = before.clause_of[-1] if before.clause_of else -1
        clause = [t for t, c in zip(before.tokens, before.clause_of, strict=True) if c == last]
        if not any(_is_negator(t) for t in clause if t not in _BREAKS):
            return True
    return False


def _exact_occurrences(text: Text, trie: _Trie) -> list[tuple[int, int]]:
    """Where the trie's phrases occur in ``text``'s tokens: (start, number of tokens).

    The occurrences :meth:`Text.polarities` with ``exact`` finds of each phrase, all
    at once: only the tokens that start a phrase are walked from.
    """
    tokens = text.tokens
    end = len(tokens)
    out = []
    for first in trie.keys() & text._token_set:
        top = trie[first]
        for i in text._token_at(first) or ():
            node, j = top, i + 1
            while True:
                if "" in node:
                    out.append((i, j - i))
                if j >= end:
                    break
                node = node.get(tokens[j])
                if node is None:
                    break
                j += 1
    return out


def claims_made(text: Text, params: PointsParams) -> list[str]:
    """The groups of ``params.false_claims`` whose claims the text affirms.

    Claims match their words as written: a claim is a statement that something was done
    ("we have raised the bid"), and folding tense would read a rule ("we raise the bid
    only when ...") as one.
    """
    found = []
    tries = params._claim_tries  # one look-up: pydantic serves private attributes slowly
    for name in params.false_claims:
        phrases = params.claims[name]
        held = tries.get(name)
        if held is not None and held[0] is phrases:
            if any(text._polarity(i, n) == 0 for i, n in _exact_occurrences(text, held[1])):
                found.append(name)
        elif any(0 in text.polarities(p, exact=True) for p in phrases):
            found.append(name)
    return found


def offers_made(text: Text, params: PointsParams) -> list[str]:
    """The groups of ``params.false_claims`` whose ``offers`` the text affirms.

    Offers match as points' phrases do (tense and number folded): "we can open a
    return", "a return is open to you" and "I opened a return" all offer a return; "a
    return is not possible" does not.
    """
    found = []
    for name in params.false_claims:
        phrases = params.offers.get(name)
        if not phrases or not _any_phrase(tuple(phrases)).search(text.joined):
            continue
        if any(0 in text.polarities(p) for p in phrases):
            found.append(name)
    return found


def echoed_points(
    params: PointsParams, user_turns: Sequence[str], reference: str | None = None
) -> list[Point]:
    """The points that the user's own turns already state (per ``echo_check``)."""
    chosen = {"all": list(user_turns), "last": list(user_turns[-1:]), "none": []}
    text = "\n".join(chosen[params.echo_check])
    if not text:
        return []
    said, ref = Text(text), Text(reference) if reference else None
    return [p for p in params.points if point_met(said, p, ref)]


_MENU_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "now",
        "your",
        "my",
        "our",
        "it",
        "its",
        "this",
        "that",
        "for",
        "with",
        "in",
        "on",
        "at",
        "by",
        "is",
        "be",
        "as",
        "any",
        "all",
    ]
)
_MENU_LIST = 3
"""Options of one menu a ``single_request`` text may name before it reads as a list of every
request (and only when the reference names all but one of them)."""


def menu_options_named(text: Text, case: Any) -> list[str]:
    """The texts of the options of the case's largest-named menu that ``text`` names.

    An option is named when every word of its text but fillers ("the", "to", "now", ...)
    occurs in ``text`` (tense and number folded): "we could change the delivery address,
    intercept the parcel or send a replacement parcel" names three options of
    order_logistics' decision menu.
    """
    options = getattr(case, "options", None) or {}
    stems = set(text.stems)
    best: list[str] = []
    for menu in options.values():
        named = []
        for o in menu:
            if not o.text or o.text == o.id:
                continue
            words = _option_words(o.text)
            if words and stems.issuperset(words):
                named.append(o.text)
        if len(named) > len(best):
            best = named
    return best


@lru_cache(maxsize=4096)
def _option_words(option: str) -> tuple[str, ...]:
    # A menu's option texts come back on every episode: their words are picked out once.
    return tuple(w for w in _phrase_stems(option) if w.isalnum() and w not in _MENU_FILLER)


def _memoised(
    ctx: FieldContext[PointsParams], key: tuple[Any, ...], make: Callable[[], Any]
) -> Any:
    """``make()``, kept in the case's memo under ``key`` for the field's parameters.

    An entry made for other parameters (another env of the same scenario with its own
    grading) is made again, not reused.
    """
    if ctx.memo is None:
        return make()
    key = ("points", ctx.field.name, *key)
    held = ctx.memo.get(key)
    if held is None or held[0] is not ctx.params:
        held = ctx.memo[key] = (ctx.params, make())
    return held[1]


def _reference_options(ref: Text, ctx: FieldContext[PointsParams]) -> int:
    """How many options of one menu the reference names (once per case and field)."""
    count: int = _memoised(
        ctx, ("reference_options", ref.raw), lambda: len(menu_options_named(ref, ctx.case))
    )
    return count


def _bare_points(names: set[str], ctx: FieldContext[PointsParams]) -> list[bool]:
    """Per point, whether an id or a name alone meets it (:func:`names_only`), given ``names``.

    Depends on the case's points and the names in its world: kept in the case's memo per
    set of names (they change only where a write renames something).
    """

    def make() -> list[bool]:
        return [
            p.figure is None and any(not _not_names(a, names) for a in p.any)
            for p in ctx.params.points
        ]

    bare: list[bool] = _memoised(ctx, ("bare", frozenset(names)), make)
    return bare


# -- the scorer -----------------------------------------------------------------------------
@scorer("points", params=PointsParams, fields=("text",))
def points_scorer(answer: Any, gold: Any, ctx: FieldContext[PointsParams]) -> FieldScore:
    """Share of required points the text states, scaled down for length and figure dumps.

    A text that retracts itself, or affirms one of the case's ``false_claims``, scores 0. With ``similarity`` > 0 the embedding cosine
    to the reference makes up that share of the value; with an LLM judge on the env, its
    verdict makes up ``judge_weight`` of it.
    """
    text = fold_width(str(answer))
    params = ctx.params
    if not text.strip():
        return FieldScore(0.0, "empty text", {"coverage": 0.0})
    said = Text(text)
    if _RETRACTION_WORDS.intersection(said.tokens) and _retraction_cue(text):
        return FieldScore(
            0.0, "the text retracts or contradicts itself", {"coverage": 0.0}, "retraction cue"
        )
    ref = _reference(str(gold or ""))
    untrue = claims_made(said, params)
    offered = offers_made(said, params) if params.offers else []
    if offered and not untrue:
        return FieldScore(
            0.0,
            "the text offers an outcome the case did not reach (a hedge between outcomes)",
            {"coverage": 0.0},
            "offers: " + ", ".join(offered),
        )
    if untrue:
        return FieldScore(
            0.0,
            "the text claims something untrue of the case (e.g. a change nobody made)",
            {"coverage": 0.0},
            "false claims: " + ", ".join(untrue),
        )
    wants_turns = params.echo_guard or params.single_request
    turns = ctx.case.user_turns() if wants_turns and ctx.case is not None else []
    if params.single_request:
        listed = alternative_lists(text)
        if listed and not (turns and alternative_lists(fold_width(turns[-1]))):
            return FieldScore(
                0.0,
                "the text lists alternative requests (a list of every request states none)",
                {"coverage": 0.0},
                f"alternatives: {listed[0]!r}",
            )
        named = menu_options_named(said, ctx.case)
        if len(named) >= _MENU_LIST and len(named) > _reference_options(ref, ctx) + 1:
            return FieldScore(
                0.0,
                "the text names most of a menu's options (a list of every request states none)",
                {"coverage": 0.0},
                "options named: " + "; ".join(named),
            )
    stated = Text(hedged(text)[0]) if params.hedges else said
    turns = turns if params.echo_guard else []
    rest = echoed_span(text, turns[-1]) if turns else None
    if rest is not None:
        if len(own_words(rest, ctx.world)) <= ECHO_TAG:
            return FieldScore(
                0.0,
                "the text is the user's last turn with ids or item names added",
                {"coverage": 0.0},
                f"outside the copy: {' '.join(rest.split())!r}",
            )
        stated = Text(rest)
    plans: list[_PointPlan] = _memoised(
        ctx, ("plans", ref.raw), lambda: [_plan(p, ref) for p in params.points]
    )
    met = [_plan_met(stated, plan) for plan in plans]
    met = [
        ok and all(0 <= i < len(met) and met[i] for i in p.requires)
        for ok, p in zip(met, params.points, strict=True)
    ]
    if params.echo_guard and any(met):
        names = _world_names(ctx.world)
        bare = _bare_points(names, ctx)
        if all(b for b, ok in zip(bare, met, strict=True) if ok) and (
            not all(bare) or len(_not_names(text, names)) <= ECHO_TAG
        ):
            return FieldScore(
                0.0,
                "the text names orders or items but states no request",
                {"coverage": 0.0},
                "met only: "
                + "; ".join(p.label() for p, ok in zip(params.points, met, strict=True) if ok),
            )
    missed = [p for p, ok in zip(params.points, met, strict=True) if not ok]
    coverage = 1 - len(missed) / len(params.points)
    words = said.words
    limit = params.max_words
    if limit is None and params.max_length_ratio is not None:
        limit = max(25, math.ceil(params.max_length_ratio * ref.words))
    length = min(1.0, limit / words) if limit and words else 1.0
    cap = params.max_figures
    distinct = len({round(n.value, 6) for n in said.numbers if not n.spelled}) if cap else 0
    dump = min(1.0, cap / distinct) if cap and distinct else 1.0
    value = coverage * length * dump
    parts = {"coverage": coverage, "length": length, "figures": dump}
    reason = f"{len(params.points) - len(missed)}/{len(params.points)} required points stated"
    if rest is not None:
        reason += " outside the copy of the user's last turn"
    if length < 1:
        reason += f"; {words} words where {limit} suffice"
    if dump < 1:
        reason += f"; {distinct} distinct figures (at most {cap} useful)"
    explanation = "missing: " + "; ".join(p.label() for p in missed) if missed else ""
    for p in missed:
        wrong = contradicting(stated, p) if p.exclusive else []
        if wrong and p.figure is not None:
            figures = ", ".join(f"{v:g}" for v in wrong)
            what = "a sum" if p.exclusive == "money" else f"a figure in {p.exclusive_unit}"
            reason += f"; {what} the text states ({figures}) is not the {p.figure:g} of a point"
            explanation += f"; {p.label()} contradicted by {figures}"
    if params.similarity > 0:
        from ecomstage_env.scoring.scorers import cosine_scorer

        sim = cosine_scorer(text, gold, ctx)
        parts["similarity"] = sim.value
        value = (1 - params.similarity) * value + params.similarity * sim.value * length * dump
        reason += f"; {sim.reason}"
    if ctx.judge is not None and params.judge_weight > 0:
        verdict = ctx.judge.grade(params.judge_prompt, ctx.prompt, str(gold), text)
        parts["judge"] = verdict.value
        value = (1 - params.judge_weight) * value + params.judge_weight * verdict.value
        shown = "unreadable" if verdict.score is None else f"{verdict.score}/2"
        reason += f"; judge {verdict.model} {shown}"
        explanation += f"{'; ' if explanation else ''}judge: {verdict.reason}; raw: {verdict.raw!r}"
    return FieldScore(min(1.0, max(0.0, value)), reason, parts, explanation)


_LAZY_PATTERNS = {
    "_WORD": _WORD_ARGS,
    "_WORD_COUNT": _WORD_COUNT_ARGS,
    "_NUMBER": _NUMBER_ARGS,
    "_NUMBER_WORDS": _NUMBER_WORDS_ARGS,
    "_RETRACTION": _RETRACTION_ARGS,
    "_UNIT_AFTER": _unit_after_args(),
    "_UNIT_BEFORE": _UNIT_BEFORE_ARGS,
    "_RANGE": _RANGE_ARGS,
    "_ONE": _one_args(),
}
"""Patterns compiled on first use (compiling them at import took a tenth of a millisecond
to a millisecond each): name -> ``re.compile`` arguments."""


@cache
def _re(name: str) -> re.Pattern[str]:
    """The pattern ``name`` of :data:`_LAZY_PATTERNS`, compiled once."""
    return re.compile(*_LAZY_PATTERNS[name])


def __getattr__(name: str) -> re.Pattern[str]:
    """The module's lazily compiled patterns, by their names (``points._WORD``)."""
    if name in _LAZY_PATTERNS:
        return _re(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

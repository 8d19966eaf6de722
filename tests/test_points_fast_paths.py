"""The points scorer's shortcuts decide exactly what the full checks decide.

The scorer skips work where a cheap check settles the answer (a window pre-check before
the echo matcher, results kept in the case's memo, the claim groups' finders). These
tests hold each shortcut to the full computation it stands in for."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ecomstage_env.data.schema import FieldSpec
from ecomstage_env.scoring import FieldContext
from ecomstage_env.scoring.points import (
    _RETRACTION,
    _WORD,
    _WORD_COUNT,
    Point,
    PointsParams,
    Text,
    _is_negator,
    _plan,
    _plan_met,
    _retraction_pattern,
    _stem,
    _TokenMemo,
    claims_made,
    figures_in,
    point_met,
    points_scorer,
)
from ecomstage_env.scoring.statements import ECHO_SHARE, _squeezed, echoed_span

CLAIMS = {
    "bid": ["{i've|we've} {raised|lowered} {the|your} bid"],
    "pause": ["{i've|we've} paused"],
}


def test_a_copy_with_other_false_claims_catches_its_own_claims() -> None:
    # A copy of the parameters (as a scenario's scorer makes with model_copy) shares the
    # original's private finders; the claim groups the copy names are the ones searched.
    params = PointsParams(points=[Point(any=["bid"])], claims=CLAIMS, false_claims=["bid"])
    text = Text("I've paused the campaign for now.")
    assert claims_made(text, params) == []
    copy = params.model_copy(update={"false_claims": ["pause"]})
    assert claims_made(text, copy) == ["pause"]
    assert claims_made(Text("We've raised your bid."), params) == ["bid"]
    assert claims_made(Text("We have not raised your bid, nor paused it."), params) == []


def _full_echo(text: str, turn: str) -> str | None:
    """echoed_span without its pre-check: the matcher's blocks decide."""
    a = " ".join(turn.casefold().split())
    if len(a) < 20:
        return None
    b, pos = _squeezed(text)
    blocks = [
        blk
        for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        if blk.size >= 10
    ]
    if sum(blk.size for blk in blocks) < ECHO_SHARE * len(a):
        return None
    keep = list(text)
    for blk in blocks:
        for i in range(blk.b, blk.b + blk.size):
            keep[pos[i]] = ""
        keep[pos[blk.b]] = " ; "
    return "".join(keep)


_PIECES = st.sampled_from(
    [
        "my campaign",
        " C-2001 ",
        "is barely shown",
        "Why",
        "SPENDING",
        "\n",
        "  ",
        "budget",
        "ǅ",
        "ß",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    turn=st.lists(_PIECES, min_size=2, max_size=12).map(" ".join),
    prefix=st.lists(_PIECES, max_size=4).map(" ".join),
    cut=st.integers(0, 200),
    upper=st.booleans(),
)
def test_the_echo_pre_check_never_changes_the_verdict(
    turn: str, prefix: str, cut: int, upper: bool
) -> None:
    copied = turn[: len(turn) - cut % (len(turn) + 1)]
    text = prefix + " " + (copied.upper() if upper else copied)
    assert echoed_span(text, turn) == _full_echo(text, turn)


def _ctx(params: PointsParams, memo: dict[Any, Any]) -> FieldContext[PointsParams]:
    field = FieldSpec(name="rewritten_query", type="text", description="d", scorer="points")
    return FieldContext(field=field, params=params, memo=memo)


def test_the_case_memo_keeps_each_parameter_sets_own_results() -> None:
    # Two envs of one scenario share the case's memo but may grade with other points:
    # what one kept must not grade the other.
    memo: dict[Any, Any] = {}
    ref = "Please refund order O-1 for the broken lamp."
    by_id = PointsParams(points=[Point(any=["O-1"]), Point(any=["refund"])], echo_guard=True)
    by_words = PointsParams(points=[Point(any=["lamp"]), Point(any=["refund"])], echo_guard=True)
    text = "O-1 lamp"  # names the order and the item, states no request
    first = points_scorer(text, ref, _ctx(by_id, memo))
    assert first.value == 0.0 and "names orders or items" in first.reason
    other = points_scorer(text, ref, _ctx(by_words, memo))
    assert other.value == 0.5
    assert points_scorer(text, ref, _ctx(by_id, memo)) == first


# -- issue 17: points planned per case, claims by trie, ASCII regexes, spelled numbers --------
_WORDS_POOL = st.sampled_from(
    [
        "we",
        "I've",
        "we've",
        "raised",
        "raise",
        "lowered",
        "the",
        "your",
        "bid",
        "paused",
        "not",
        "no",
        "never",
        "isn't",
        "fault",
        "platform",
        "refund",
        "and",
        "but",
        ",",
        ".",
        ";",
        "0.45",
        "1,137.50",
        "six",
        "twenty-five",
        "no-six",
        "six's",
        "2026-11-12six",
        "11:40seven",
        "seven_up",
        "No.1",
        "ignore",
        "the above",
        "take it back",
        "\x1c",
        "ſeven",
        "Ｏ-３０１９",
        "mats",
    ]
)
_TEXTS = st.lists(_WORDS_POOL, max_size=25).map(" ".join)
_PHRASES = st.lists(
    st.sampled_from(["raised the bid", "platform fault", "refund", "bid", "paused", "we raise"]),
    min_size=1,
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXTS,
    reference=_TEXTS,
    any_=_PHRASES,
    not_=st.lists(st.sampled_from(["no refund", "lowered", "fault"]), max_size=2),
    figure=st.sampled_from([None, 0.45, 6.0, 1137.5]),
    anchor=st.booleans(),
)
def test_a_planned_point_is_met_exactly_where_point_met_says(
    text: str,
    reference: str,
    any_: list[str],
    not_: list[str],
    figure: float | None,
    anchor: bool,
) -> None:
    point = Point(any=any_, not_=not_, figure=figure, anchor=anchor)
    said, ref = Text(text), Text(reference)
    assert _plan_met(said, _plan(point, ref)) == point_met(said, point, ref)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_claims_found_by_the_trie_are_those_every_phrasing_finds(text: str) -> None:
    params = PointsParams(points=[Point(any=["bid"])], claims=CLAIMS, false_claims=["bid", "pause"])
    said = Text(text)
    full = [
        name
        for name in params.false_claims
        if any(0 in said.polarities(p, exact=True) for p in params.claims[name])
    ]
    assert claims_made(said, params) == full


def test_a_copy_with_other_claim_phrasings_does_not_use_the_originals_trie() -> None:
    params = PointsParams(points=[Point(any=["bid"])], claims=CLAIMS, false_claims=["bid"])
    copy = params.model_copy(update={"claims": {"bid": ["we moved the bid"]}})
    assert claims_made(Text("We moved the bid."), copy) == ["bid"]
    assert claims_made(Text("We moved the bid."), params) == []


@settings(max_examples=500, deadline=None)
@given(text=_TEXTS)
def test_ascii_shortcuts_find_what_the_unicode_scans_find(text: str) -> None:
    said = Text(text)
    # Spelled numbers: the token pre-check never skips one the scan would find.
    assert said.numbers == figures_in(text)
    assert said.words == len(_WORD_COUNT.findall(text))
    low = text.lower()
    if "no." not in low and "no-" not in low and "non-" not in low:
        assert said.tokens == _WORD.findall(low.replace("’", "'"))
    assert [m.span() for m in _retraction_pattern(text).finditer(text)] == [
        m.span() for m in _RETRACTION.finditer(text)
    ]


# The number, time and date patterns start with the digit and look back from after it
# (a leading character class lets the search skip to the digits). Each must find what
# its guards-first form finds: same spans, same groups, same substitutions.
_GUARDS_FIRST = {
    "_NUMBER": (
        r"(?<![A-Za-z0-9_./])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
        r"(?:(k|K|m|M)(?![A-Za-z])|\s?(w|W|万|千)(?![A-Za-z]))?"
        r"(?:st|nd|rd|th)?(?![0-9])\s?(%)?"
    ),
    "_TIME": r"\b(\d{1,2}):(\d{2})\b",
    "_DATE": r"\b(\d{4})-(\d{2})-(\d{2})\b",
}
_DIGITY = st.text(
    st.sampled_from([*"0123456789", *"0123456789", *"aZkmsthW万千٣３é_./-:, %\n"]), max_size=30
)


@settings(max_examples=1000, deadline=None)
@given(text=_DIGITY)
def test_digit_first_patterns_find_what_their_guards_first_forms_find(text: str) -> None:
    import re

    from ecomstage_env.scoring import points

    for name, guards_first in _GUARDS_FIRST.items():
        fast, full = getattr(points, name), re.compile(guards_first)
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in full.finditer(text)
        ]
        assert fast.sub(" ", text) == full.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(["we", "have", "raised", "the", "bid", ",", "not"]), max_size=30)
)
def test_exact_polarities_find_every_occurrence_of_a_phrase(words: list[str]) -> None:
    # Where a token occurs is found on demand (list search): every occurrence, in order.
    said = Text(" ".join(words))
    for phrase in ("we have raised", "the bid", "bid", "not"):
        want = tuple(phrase.split())
        n = len(want)
        at = [i for i in range(len(said.tokens)) if tuple(said.tokens[i : i + n]) == want]
        assert len(said.polarities(phrase, exact=True)) == len(at)
        assert said._token_at(want[0]) == (
            [i for i, t in enumerate(said.tokens) if t == want[0]] or None
        )


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["we", "raised", "raise", "the", "bid", ",", "not"]), max_size=40
    )
)
def test_the_stem_index_holds_every_place_of_every_stem(words: list[str]) -> None:
    # Found stem by stem when asked (_stem_at, searched in C): the dict a loop would build.
    said = Text(" ".join(words))
    want: dict[str, list[int]] = {}
    for i, stem in enumerate(said.stems):
        want.setdefault(stem, []).append(i)
    found = {stem: said._stem_at(stem) for stem in said._stem_set}
    assert found == want and said._stem_set == set(want)


@settings(max_examples=200, deadline=None)
@given(
    tokens=st.lists(st.sampled_from(["mats", "raised", "don't", "stopping", "no", "bid"])),
    limit=st.integers(1, 4),
)
def test_the_token_memo_gives_the_functions_results_whatever_it_holds(
    tokens: list[str], limit: int
) -> None:
    # Text maps the memo over every token; emptied when full, it must still answer
    # exactly what the function would, and never hold more than its limit.
    memo = _TokenMemo(_stem, limit=limit)
    assert list(map(memo.__getitem__, tokens)) == [_stem(t) for t in tokens]
    assert len(memo) <= limit
    negates = _TokenMemo(_is_negator, limit=limit)
    said = Text(" ".join(tokens))
    assert said.stems == [_stem(t) for t in said.tokens]
    assert list(map(negates.__getitem__, said.tokens)) == [_is_negator(t) for t in said.tokens]


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.characters(max_codepoint=127), max_size=60))
def test_ascii_text_is_tokenised_as_the_word_pattern_tokenises_it(text: str) -> None:
    # ASCII text is split by bytes translation and str.split, not by the regex.
    from ecomstage_env.scoring.points import _ascii_tokens

    low = text.lower()
    assert _ascii_tokens(low) == _WORD.findall(low)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["we", "raised", "bid", "not", "no", "didn't", ",", ".", "but", "and"]),
        max_size=30,
    )
)
def test_polarity_is_the_parity_of_negators_outside_the_phrase_in_its_clauses(
    words: list[str],
) -> None:
    # The clause and negator searches over the token kinds against a plain count.
    said = Text(" ".join(words))
    tokens = said.tokens
    breaks = [i for i, t in enumerate(tokens) if i > 0 and t in {",", ".", "but", "and"}]
    assert said.clause_of == [sum(b <= i for b in breaks) for i in range(len(tokens))]
    for i in range(len(tokens)):
        for n in range(1, len(tokens) - i + 1):
            lo = max([b for b in breaks if b <= i], default=0)
            hi = min([b for b in breaks if b > i + n - 1], default=len(tokens))
            outside = [*range(lo, i), *range(i + n, hi)]
            want = sum(_is_negator(tokens[k]) for k in outside) % 2
            assert said._polarity(i, n) == want


@settings(max_examples=1000, deadline=None)
@given(
    text=st.text(
        st.one_of(
            st.characters(max_codepoint=127),
            st.sampled_from([*"aZ09_'.,", " ", "-", "$"]),
        ),
        max_size=60,
    )
)
def test_ascii_words_are_counted_as_the_word_count_pattern_counts_them(text: str) -> None:
    # ASCII text is counted by runs of character classes, each shape's count kept: the
    # count is the pattern's, whatever order the shapes come in and whatever is kept.
    from ecomstage_env.scoring.points import _ascii_word_count

    assert _ascii_word_count(text) == len(_WORD_COUNT.findall(text))
    assert Text(text).words == len(_WORD_COUNT.findall(text))


_ONE_WORDS = st.sampled_from(
    [
        "one",
        "One",
        "ONE",
        "money",
        "someone",
        "no-one",
        "_one",
        "'one",
        "only",
        "just",
        "kg",
        "2",
        "-",
        "to",
        "two",
        "twenty",
        "six's",
        "seven_up",
        "done",
        "phone.",
        "(one",
        "1one",
        "\x1c",
        "é",
        "İone",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(
    words=st.lists(_ONE_WORDS, max_size=12),
    seps=st.lists(st.sampled_from([" ", "", "-", "\n", " - "]), min_size=12, max_size=12),
)
def test_texts_skipped_by_the_one_and_number_word_checks_state_no_such_figure(
    words: list[str], seps: list[str]
) -> None:
    # The scans for "one" and for number words are skipped only where they find nothing,
    # so a text's figures are those of the full scan ("money" holds no "one").
    from ecomstage_env.scoring import points

    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    if not points._may_state_one(text):
        assert list(points._re("_ONE").finditer(text)) == []
    said = Text(text)
    if text.isascii() and not points._may_spell_numbers(said.tokens):
        assert list(points._re("_NUMBER_WORDS").finditer(text)) == []
    # Where the text's tokens ask for the spelled scans at all (as before this shortcut:
    # "'one kg" holds no token "one" and was never scanned for it), the full scans' figures.
    asked = not text.isascii() or points._may_spell_numbers(said.tokens) or "one" in said.tokens
    assert said.numbers == (figures_in(text) if asked else points._figures(text, False))


@settings(max_examples=1000, deadline=None)
@given(
    text=st.lists(
        st.one_of(
            st.characters(max_codepoint=127),
            st.sampled_from(["or", "OR", "Or", "or ", " or", "_", "for", "或", "还是", "é"]),
        ),
        max_size=25,
    ).map("".join)
)
def test_texts_without_a_word_of_alternatives_are_found_so_without_the_regex(text: str) -> None:
    # ASCII text is searched for a whole word "or" by string searches: found exactly
    # where the ALTERNATIVES pattern finds a match ("for", "order" and "or_" are none).
    from ecomstage_env.scoring import statements

    assert statements._joins(text) == (statements.ALTERNATIVES.search(text) is not None)


@settings(max_examples=1000, deadline=None)
@given(text=st.text(st.sampled_from([*"0123456789", *"aZkmKMwWst h.,%_/-\t\n\x0b"]), max_size=30))
def test_ascii_text_has_the_numbers_the_unicode_number_scan_finds(text: str) -> None:
    # Figures in ASCII text are read by the ASCII twin of the number pattern: the same
    # spans and groups as the Unicode scan (\x1c-\x1f, space only to Unicode, excluded).
    from ecomstage_env.scoring import points

    def found(pattern: Any) -> list[tuple[Any, ...]]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(points._ascii(points._re("_NUMBER"))) == found(points._re("_NUMBER"))


@settings(max_examples=1000, deadline=None)
@given(
    text=st.text(st.sampled_from([*"0123456789", *"0123456789", *"-:: \n\x1caZk.,%٣"]), max_size=24)
)
def test_the_date_time_and_number_scans_are_skipped_only_where_they_find_nothing(
    text: str,
) -> None:
    # ASCII text without "0000-00-00", "0:00" or any digit in its digits' shape skips the
    # date, time or number scan: each finds nothing there, so the figures are the same.
    from ecomstage_env.scoring import points

    ascii, may_date, may_time, any_digit = points._digit_scans(text)
    assert ascii == (text.isascii() and not any(c in text for c in points._ODD_SPACES))
    if not may_date:
        assert points._DATE.search(text) is None
    if not may_time:
        assert points._TIME.search(text) is None
    if not any_digit:
        assert points._re("_NUMBER").search(text) is None
        assert points._AFTER_WORD.search(text) is None
    assert Text(text).numbers == figures_in(text)

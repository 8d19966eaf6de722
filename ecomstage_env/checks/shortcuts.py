"""Shortcut strategies: ways to score without understanding a case, played by the audit.

Each strategy decides, per stage, which tool calls to make and what to answer, and
which fields it *targets* (its score counts only there). Strategies read the case
(they are privileged, like the oracle): the point is to measure how far the grading
lets a score drift from understanding, so they get every advantage a cheat could find.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ecomstage_env.data.schema import Case, FieldSpec, StageSpec
from ecomstage_env.scoring.points import NEGATORS
from ecomstage_env.scoring.scorers import tokens

__all__ = [
    "LABELS_SEP",
    "STOCK_PHRASES",
    "CaseView",
    "LabelModel",
    "Shortcut",
    "WorldModel",
    "case_tag",
    "guideline_rules",
    "hedge_offers",
    "label_space_of",
    "listed_values",
    "nearest_case",
    "negate",
    "rare_words",
    "retract",
    "visible_text",
    "world_tokens",
]

_MENU_LINE = re.compile(r"^\s*(?:[A-H]|\d{1,2})\.\s")
_TURN = re.compile(r"^\s*(user|customer|merchant|shopper|buyer)\s*[:：]\s*(.+)$", re.I)
_NUMBER = re.compile(r"(?<![\w.\-])\d+(?:\.\d+)?")

STOCK_PHRASES = (
    "refund issued",
    "no refund",
    "refund",
    "raised the bid",
    "did not raise the bid",
    "platform fault",
    "no platform fault",
    "budget increased",
    "budget unchanged",
    "paused the campaign",
    "not paused",
    "escalated to a specialist",
    "audience widened",
    "audience narrowed",
    "rejected in review",
    "resubmit",
    "returned to your balance",
    "within 24 hours",
    "return",
    "exchange",
    "delivery",
    "order",
    "coupon",
    "not covered",
    "we recommend",
)
"""Phrases a stuffing strategy pastes in, both polarities of common facts."""


def visible_text(case: Case) -> str:
    """The case's conversation as an agent reads it, without menu lines."""
    text = "\n".join(t.text for t in case.dialogue)
    return "\n".join(ln for ln in text.splitlines() if not _MENU_LINE.match(ln))


def user_lines(case: Case) -> list[str]:
    """The user's turns: dialogue turns by the user, or ``User:`` lines of a paper prompt."""
    turns = case.user_turns()
    lines = [m.group(2) for t in turns for m in map(_TURN.match, t.splitlines()) if m]
    if lines:
        return lines
    if len(turns) == 1:  # a paper record: the question section, or the whole input
        body = visible_text(case)
        m = re.search(
            r"(?:user\s+(?:question|issue|query))\s*[:：]\s*(.+?)(?:\n\s*\n|$)", body, re.I | re.S
        )
        return [m.group(1).strip()] if m else [body.strip()]
    return turns


def _titles(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "title" and isinstance(v, str):
                out.append(v.split(" (")[0])
            else:
                _titles(v, out)
    elif isinstance(value, list):
        for v in value:
            _titles(v, out)


def case_tag(case: Case) -> str:
    """The case's ids and its first item's name, as a prefix names them.

    ("O-3019, the Cloudnest down"): what a rewrite gets by resolving "it" with no
    understanding of the request.
    """
    ids = [
        v for v in case.world_refs.values() if isinstance(v, str) and any(c.isdigit() for c in v)
    ]
    titles: list[str] = []
    if case.world is not None:
        _titles(case.world.patch, titles)
    tag = ", ".join(dict.fromkeys(ids[:2]))
    if titles:
        tag = f"{tag}, the {titles[0]}" if tag else f"the {titles[0]}"
    return tag


def hedge_offers(case: Case, numbers: Sequence[str]) -> str:
    """Every menu option of the case offered as something "we could" do, ids and figures.

    A reply that commits to nothing ("..., whichever you prefer") but names everything.
    """
    texts = [
        o.text.rstrip(". ").lower()
        for opts in case.options.values()
        for o in opts
        if o.text and o.text != o.id
    ]
    offers = "; or ".join(dict.fromkeys(texts)) or "; ".join(STOCK_PHRASES)
    figures = f" Figures: {', '.join(numbers[:6])}." if numbers else ""
    return f"About {case_tag(case) or 'your request'}: we could {offers}, whichever you prefer.{figures}"


def label_space_of(f: FieldSpec, case: Case) -> list[str]:
    """The labels a label field accepts for a case (menu ids or the fixed labels)."""
    if f.labels_from == "options":
        return [o.id for o in case.options.get(f.name, [])]
    return list(f.labels)


def _flip_clause(clause: str) -> str:
    words = clause.split()
    low = [w.lower().strip(",.;:!?") for w in words]
    if any(w in NEGATORS or w.endswith("n't") for w in low):
        out = []
        for w, lw in zip(words, low, strict=True):
            if lw in ("not", "never"):
                continue
            if lw.endswith("n't"):
                base = {"won't": "will", "can't": "can", "shan't": "shall"}.get(lw, lw[:-3])
                out.append(base)
            elif lw in ("no", "none", "nothing"):
                out.append({"no": "a", "none": "some", "nothing": "something"}[lw])
            elif lw in ("without", "cannot"):
                out.append({"without": "with", "cannot": "can"}[lw])
            else:
                out.append(w)
        return " ".join(out)
    aux = {"is", "are", "was", "were", "will", "can", "could", "should", "would", "have",
           "has", "had", "do", "does", "did", "am", "i've", "we've", "it's", "there's",
           "we'll", "i'll", "you're", "we're"}  # fmt: skip
    for i, lw in enumerate(low):
        if lw in aux:
            return " ".join([*words[: i + 1], "not", *words[i + 1 :]])
    return f"it is not true that {clause}" if clause.strip() else clause


def negate(text: str) -> str:
    """The text with every clause's polarity flipped (negations removed or added)."""
    parts = re.split(r"(\s*[.;!?,]\s*|\s+(?:and|but|so|because)\s+)", text)
    return "".join(p if i % 2 else _flip_clause(p) for i, p in enumerate(parts))


def retract(text: str) -> str:
    """The text followed by an injected retraction."""
    return f"{text} Ignore the above; request refused."


_STOP_WORDS = (
    "a an the and or but if then else so of to in on at by for from with without into "
    "about as is are was were be been being it its this that these those they them their "
    "he she his her you your we our i me my not no any all one two first match wins "
    "does did do has have had can could would should will may might must than also only "
    "other another same such each every which what who whom when where how there here "
    "case user customer agent shop order item request message turn label go goes otherwise "
    "judge judged latest last rule"
)
_STOP = frozenset(_STOP_WORDS.split())
_ARROW = re.compile(r"->\s*\**\s*([\w-]+)")
_RULE_START = re.compile(r"(?:^|\n)\s*\d+[.)]\s|\(\d+\)")


def _stems(text: str) -> set[str]:
    """Five-letter stems of a text's content words (CJK characters as they are)."""
    return {
        w[:5]
        for w in tokens(text)
        if w not in _STOP and (len(w) > 2 or not w.isascii()) and not w.isdigit()
    }


def guideline_rules(f: FieldSpec) -> list[tuple[str, frozenset[str]]]:
    """``(label, cue stems)`` for each ``-> label`` of a field's guideline, in its order.

    A rule (a numbered line, or ``(n)``) with one arrow gives all its words to that
    label; a rule with several gives each arrow the words since the one before (the
    words after the last arrow go to the last).
    """
    labels = set(f.labels) | set(f.catalogue)
    found = {m.start() for m in _RULE_START.finditer(f.guideline)}
    starts = sorted({0, *found, len(f.guideline)})
    out: list[tuple[str, frozenset[str]]] = []
    for lo, hi in itertools.pairwise(starts):
        rule = f.guideline[lo:hi]
        arrows = [
            m
            for m in _ARROW.finditer(rule)
            if m.group(1).strip("-") in labels
            and rule.count("(", 0, m.start()) <= rule.count(")", 0, m.start())
        ]  # an arrow inside brackets is an aside ("go on to 3 -> 4"), not the rule's label
        for i, m in enumerate(arrows):
            begin = 0 if i == 0 else arrows[i - 1].end()
            end = len(rule) if (i == len(arrows) - 1) else m.start()
            text = rule[begin:end] if len(arrows) > 1 else rule
            out.append((m.group(1).strip("-"), frozenset(_stems(_ARROW.sub(" ", text)))))
    return out


LABELS_SEP = "|"
"""Joins a ``labels`` value's sorted labels into one class (:meth:`LabelModel.class_of`)."""


@dataclass
class LabelModel:
    """Leave-one-out models of one label field over every case: majority and naive Bayes."""

    classes: dict[str, str] = field(default_factory=dict)
    words: dict[str, Counter[str]] = field(default_factory=dict)
    last_words: dict[str, Counter[str]] = field(default_factory=dict)
    menus: dict[str, frozenset[str]] = field(default_factory=dict)
    user_words: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    _common: dict[bool, frozenset[str]] = field(default_factory=dict, repr=False)
    _unseen: dict[bool, tuple[Counter[str], dict[str, Counter[str]], set[str]]] = field(
        default_factory=dict, repr=False
    )

    @staticmethod
    def class_of(f: FieldSpec, case: Case, value: Any) -> str | None:
        """The class of a gold value: the option's code for menus, else the label.

        A ``labels`` field's class is its set of labels, sorted and joined by ``|``
        (:data:`LABELS_SEP`): the models then guess a whole set among those seen.
        """
        if f.labels_from == "options":
            return next((o.code for o in case.options.get(f.name, []) if o.id == str(value)), None)
        if f.type == "labels" and isinstance(value, list):
            return LABELS_SEP.join(sorted(str(v) for v in value))
        return None if value is None else str(value)

    def fit(self, f: FieldSpec, stage: StageSpec, cases: Sequence[Case]) -> LabelModel:
        """Learn classes and words per case (predictions leave the case itself out)."""
        self._unseen.clear()
        for case in cases:
            cls = self.class_of(f, case, case.gold[stage.stage].get(f.name))
            if cls is not None:
                self.classes[case.case_id] = cls
                self.words[case.case_id] = Counter(tokens(visible_text(case)))
                self.last_words[case.case_id] = Counter(tokens((user_lines(case) or [""])[-1]))
                self.menus[case.case_id] = frozenset(o.code for o in case.options.get(f.name, []))
                lines = user_lines(case) or [""]
                self.user_words[case.case_id] = (_stems(lines[-1]), _stems(" ".join(lines)))
        return self

    def read(self, cases: Sequence[Case]) -> LabelModel:
        """Add the words of cases to guess, never their gold (they teach the model nothing).

        A model fit on other cases (the train split the env generates) then guesses these
        (the test cases): :meth:`bayes` and :meth:`nearest_text` learn from the fitted
        cases' classes only.
        """
        for case in cases:
            if case.case_id not in self.classes:
                self.words[case.case_id] = Counter(tokens(visible_text(case)))
                self.last_words[case.case_id] = Counter(tokens((user_lines(case) or [""])[-1]))
        return self

    def _view(self, last: bool) -> dict[str, Counter[str]]:
        return self.last_words if last else self.words

    def _allowed(self, f: FieldSpec, case: Case) -> dict[str, str]:
        """Class -> label the case accepts (menu code -> id, or label -> label)."""
        if f.labels_from == "options":
            return {o.code: o.id for o in case.options.get(f.name, [])}
        if f.type == "labels":  # the sets the other cases' gold has
            seen = (c for cid, c in sorted(self.classes.items()) if cid != case.case_id)
            return {c: c for c in sorted(set(seen))}
        return {lab: lab for lab in f.labels}

    def majority(self, f: FieldSpec, case: Case) -> str:
        """The most frequent class among the other cases that this case offers."""
        allowed = self._allowed(f, case)
        counts = Counter(c for cid, c in self.classes.items() if cid != case.case_id)
        ranked = [c for c, _ in counts.most_common() if c in allowed]
        return allowed[ranked[0]] if ranked else next(iter(allowed.values()))

    def bayes(self, f: FieldSpec, case: Case, *, alpha: float = 1.0, last: bool = False) -> str:
        """Multinomial naive Bayes trained on the other cases' words (smoothing ``alpha``).

        With ``last``, only the user's last turn is read (where a request is made).
        """
        allowed = self._allowed(f, case)
        words = self._view(last)
        priors, per_class, vocab = self._counts(case.case_id, last)
        mine = words.get(case.case_id) or Counter()
        best, best_score = None, -math.inf
        total = sum(priors.values()) or 1
        for cls, label in allowed.items():
            counts = per_class.get(cls, Counter())
            denom = sum(counts.values()) + alpha * (len(vocab) + 1)
            score = math.log((priors[cls] + 1) / (total + len(allowed)))
            score += sum(n * math.log((counts[w] + alpha) / denom) for w, n in mine.items())
            if score > best_score:
                best, best_score = label, score
        return best if best is not None else next(iter(allowed.values()))

    def _counts(
        self, case_id: str, last: bool
    ) -> tuple[Counter[str], dict[str, Counter[str]], set[str]]:
        """Naive Bayes' class counts, word counts per class and vocabulary, ``case_id`` left out.

        The same for every case the model was not fit on (kept once: :meth:`read`'s cases).
        """
        if case_id not in self.classes and last in self._unseen:
            return self._unseen[last]
        words = self._view(last)
        priors: Counter[str] = Counter()
        per_class: dict[str, Counter[str]] = {}
        vocab: set[str] = set()
        for cid, cls in self.classes.items():
            if cid == case_id:
                continue
            priors[cls] += 1
            per_class.setdefault(cls, Counter()).update(words[cid])
            vocab |= set(words[cid])
        if case_id not in self.classes:
            self._unseen[last] = (priors, per_class, vocab)
        return priors, per_class, vocab

    def nearest_text(self, f: FieldSpec, case: Case, *, last: bool = False) -> str:
        """The label of the other case whose words are most alike (cosine of word counts)."""
        allowed = self._allowed(f, case)
        among = [cid for cid, cls in self.classes.items() if cls in allowed]
        near = nearest_case(case.case_id, self._view(last), among)
        return allowed[self.classes[near]] if near is not None else next(iter(allowed.values()))

    def menu_composition(self, f: FieldSpec, case: Case) -> str:
        """The option that was gold most often in the other cases' menus like this one.

        Learns, from the other cases, how often each option is the gold when it is on a
        menu with the same options (else on any menu): a menu built around its gold gives
        the gold away.
        """
        allowed = self._allowed(f, case)
        mine = self.menus.get(case.case_id, frozenset(allowed))
        same = [c for c, m in self.menus.items() if c != case.case_id and m == mine]
        pool = same or [c for c in self.menus if c != case.case_id]

        def rate(code: str) -> float:
            shown = [c for c in pool if code in self.menus[c]]
            return sum(self.classes[c] == code for c in shown) / (len(shown) + 1)

        return allowed[max(sorted(allowed), key=rate)]

    def guideline_cues(self, f: FieldSpec, case: Case) -> str:
        """The first rule of the field's written guideline whose words the user says.

        A cue table written from the guideline alone, as a hostile reviewer would: each
        ``-> label`` of the decision list gets the content words of its rule (the words
        most cases share are dropped), read in the list's order, first match wins, on
        the user's last turn where the guideline judges the latest message, else on all
        their turns; no rule matched gives the list's last label (its "otherwise").
        """
        allowed = self._allowed(f, case)
        rules = guideline_rules(f)
        if not rules:
            return next(iter(allowed.values()))
        last = bool(re.search(r"\b(latest|last) (request|message|turn)", f.guideline, re.I))
        common = self._common_stems(last=last)
        said = self.user_words.get(case.case_id, (set(), set()))[0 if last else 1]
        for label, cues in rules:
            if label in allowed and (cues - common) & said:
                return allowed[label]
        fallback = rules[-1][0]
        return allowed.get(fallback, next(iter(allowed.values())))

    def _common_stems(self, *, last: bool) -> frozenset[str]:
        """Stems that more than a third of the cases' user texts contain."""
        if last in self._common:
            return self._common[last]
        seen: Counter[str] = Counter()
        for words in self.user_words.values():
            seen.update(words[0 if last else 1])
        cut = len(self.user_words) / 3
        self._common[last] = frozenset(w for w, n in seen.items() if n > cut)
        return self._common[last]

    def nearest_id(self, f: FieldSpec, case: Case) -> str:
        """The label of the case whose id sorts next to this one (ids and order only)."""
        allowed = self._allowed(f, case)
        ids = sorted(self.classes, key=_natural)
        if case.case_id not in ids or len(ids) < 2:
            return next(iter(allowed.values()))
        i = ids.index(case.case_id)
        neighbour = ids[i - 1] if i > 0 else ids[i + 1]
        cls = self.classes[neighbour]
        return allowed.get(cls, next(iter(allowed.values())))


def nearest_case(
    case_id: str, words: Mapping[str, Counter[str]], among: Iterable[str] | None = None
) -> str | None:
    """The other case whose words are most alike: the cosine of their word counts.

    The label rows' ``nearest_text`` and the slots rows' ``nearest_slots`` read it.

    Args:
        case_id: The case (never its own neighbour).
        words: Case id -> word counts (the case's own under ``case_id``).
        among: The cases that may be picked (default: every case of ``words``).

    Returns:
        The most alike case's id (the first in id order on a tie), None when no other.
    """
    mine = words.get(case_id) or Counter()
    norm = math.sqrt(sum(v * v for v in mine.values())) or 1.0
    best, best_sim = None, -1.0
    for cid in sorted(words if among is None else among):
        if cid == case_id or cid not in words:
            continue
        other = words[cid]
        dot = sum(n * other[w] for w, n in mine.items())
        sim = dot / (norm * (math.sqrt(sum(v * v for v in other.values())) or 1.0))
        if sim > best_sim:
            best, best_sim = cid, sim
    return best


def rare_words(text: str, seen_in: Mapping[str, set[str]], case_id: str) -> list[str]:
    """A text's content words, rarest first among the other cases' texts.

    Rarity is the number of other cases whose words hold the word (ties: the longer word
    first, then the text's order); stop words, numbers and words of two letters are left
    out. What a shopper names a product by (``Cloudnest``) is rare; ``price`` is not.

    Args:
        text: The words to rank (the user's turns).
        seen_in: Case id -> the set of words of its text.
        case_id: The case the text is from (left out of the counts).
    """
    df: Counter[str] = Counter()
    for cid, ws in seen_in.items():
        if cid != case_id:
            df.update(ws)
    mine = dict.fromkeys(
        w for w in tokens(text) if w not in _STOP and len(w) > 2 and not w.isdigit()
    )
    return sorted(mine, key=lambda w: (df[w], -len(w)))


_STAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_GAP_LIMITS = (1, 3, 5, 7, 10, 15, 30, 60)


def _stamp(value: Any) -> datetime | None:
    """An ISO date or timestamp as a naive datetime (None for anything else)."""
    if not isinstance(value, str) or not _STAMP.match(value):
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


def _gap(days: float) -> str:
    """A day gap in buckets (<=1, <=3, ..., >60; negative gaps with a minus)."""
    sign, days = ("-", -days) if days < 0 else ("", days)
    return sign + next((f"<={lim}" for lim in _GAP_LIMITS if days <= lim), ">60")


def _whose(record: Any, own: dict[str, str]) -> str:
    """``[own]``/``[other]`` for a list's record that carries ids (else nothing)."""
    if not own or not isinstance(record, dict):
        return ""
    ids = [v for k, v in record.items() if k.endswith("_id") and isinstance(v, str)]
    if not ids:
        return ""
    return "[own]" if any(v in own for v in ids) else "[other]"


def world_tokens(
    results: Sequence[tuple[str, Any]],
    today: str | date | None,
    own: dict[str, str] | None = None,
) -> set[str]:
    """Categorical tokens of lookup results: what a world-only model reads.

    Each scalar leaf gives ``tool.key.path=value`` (list items share their list's path);
    an ISO date or timestamp gives instead its day gap to ``today``
    (``get_order.shipped_at~today=<=7``) and, with every later timestamp of the same
    object, the gap between them (``get_order.paid_at->shipped_at=<=3``), in the buckets
    <=1, <=3, <=5, <=7, <=10, <=15, <=30, <=60, >60.

    A value that is one of the case's own ids reads as the id's name
    (``get_customer.compensation_history.order_id=@order_id``: this order, not another);
    the records of a list that carry an id are marked ``[own]`` when one of their ids is
    the case's and ``[other]`` otherwise (the customer's other orders), and the last item
    of a list is read once more under ``[-1]`` (the latest scan of a parcel).

    Args:
        results: ``(tool name, parsed result)`` of each lookup.
        today: The world's today, if it has one.
        own: The case's own ids: value -> name (``{"O-3019": "order_id"}``).

    Returns:
        The set of tokens (values seen in one case only are for the caller to drop).
    """
    now = _stamp(today.isoformat() if isinstance(today, date) else today)
    mine = own or {}
    out: set[str] = set()

    def walk(path: str, value: Any) -> None:
        if isinstance(value, dict):
            stamps: list[tuple[str, datetime]] = []
            for key, x in value.items():
                sub = f"{path}.{key}"
                when = _stamp(x)
                if when is not None:
                    stamps.append((key, when))
                    if now is not None:
                        out.add(f"{sub}~today={_gap((now - when).total_seconds() / 86400)}")
                else:
                    walk(sub, x)
            for (k1, t1), (k2, t2) in itertools.combinations(stamps, 2):
                out.add(f"{path}.{k1}->{k2}={_gap((t2 - t1).total_seconds() / 86400)}")
        elif isinstance(value, list):
            for x in value:
                walk(f"{path}{_whose(x, mine)}", x)
            if value:
                walk(f"{path}[-1]", value[-1])
        elif isinstance(value, str) and value in mine:
            out.add(f"{path}=@{mine[value]}")
        else:
            out.add(f"{path}={value}")

    for tool, result in results:
        walk(tool, result)
    return out


def _entropy(column: Sequence[str]) -> float:
    n = len(column)
    return -sum(k / n * math.log(k / n) for k in Counter(column).values())


def _mutual_information(a: Sequence[str], b: Sequence[str]) -> float:
    """Mutual information (nats) of two aligned categorical columns."""
    n = len(a)
    ca, cb, joint = Counter(a), Counter(b), Counter(zip(a, b, strict=True))
    return sum(k / n * math.log(k * n / (ca[x] * cb[y])) for (x, y), k in joint.items())


@dataclass
class WorldModel:
    """Leave-one-out naive Bayes of one label field on what the case's lookups return.

    Each key path of :func:`world_tokens` is one categorical feature: its value is the set
    of values the path has in the case (lists give several; a path the case lacks has the
    empty value, itself a fact: no ``delivered_at``); a value only one case has (an id, a
    name, free text) is unknown and not read. Many paths say the same thing (an order's
    paid, placed and shipped gaps; a product's title, SKUs and prices), which plain naive
    Bayes would count several times over, so for each case the model picks, on the other
    cases only, at most :attr:`max_features` paths: greedily, the one that tells most about
    the label (mutual information less its small-sample bias, (values - 1) x (labels - 1)
    / 2n), discounted by its overlap with a path already picked (their mutual information
    over the smaller entropy, on every case: no label read), until none adds anything.
    The guess is the likeliest label on the case's menu, with smoothing ``alpha``.
    """

    max_features: int = 8
    classes: dict[str, str] = field(default_factory=dict)
    features: dict[str, dict[str, str]] = field(default_factory=dict)
    """Case id -> path -> value ("?" for a value only that case has)."""
    _paths: list[str] = field(default_factory=list, repr=False)
    _columns: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _joint: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _redundancy: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _picked: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def fit(
        self, f: FieldSpec, stage: StageSpec, cases: Sequence[Case], bags: dict[str, set[str]]
    ) -> WorldModel:
        """Learn each case's class and features (predictions leave the case itself out).

        Args:
            f: The label field.
            stage: Its stage.
            cases: Every case.
            bags: Case id -> the tokens of its lookups (``path=value``; none when missing).

        Returns:
            The model.
        """
        grouped: dict[str, dict[str, set[str]]] = {}
        for case in cases:
            cls = LabelModel.class_of(f, case, case.gold[stage.stage].get(f.name))
            if cls is None:
                continue
            self.classes[case.case_id] = cls
            paths: dict[str, set[str]] = {}
            for tok in bags.get(case.case_id, set()):
                path, _, value = tok.partition("=")
                paths.setdefault(path, set()).add(value)
            grouped[case.case_id] = paths
        every = sorted({p for paths in grouped.values() for p in paths})
        values = {
            cid: {p: "|".join(sorted(paths.get(p, ()))) for p in every}
            for cid, paths in grouped.items()
        }
        seen = Counter((p, v) for row in values.values() for p, v in row.items())
        self.features = {
            cid: {p: v if seen[p, v] > 1 else "?" for p, v in row.items()}
            for cid, row in values.items()
        }
        ids = sorted(self.features)
        columns = {p: [self.features[c][p] for c in ids] for p in every}
        self._columns = {p: col for p, col in columns.items() if len(set(col)) > 1}
        self._paths = sorted(self._columns)
        labels = [self.classes[c] for c in ids]
        self._joint = {
            p: Counter(zip(col, labels, strict=True)) for p, col in self._columns.items()
        }
        return self

    def _label_counts(self, case_id: str) -> Counter[str]:
        """How many of the other cases have each label."""
        counts = Counter(self.classes.values())
        if case_id in self.classes:
            counts[self.classes[case_id]] -= 1
        return +counts

    def _fold(self, case_id: str, path: str) -> Counter[tuple[str, str]]:
        """``(value, label)`` counts of one path over the other cases."""
        joint = self._joint[path]
        if case_id not in self.classes:
            return joint
        out = joint.copy()
        out[self.features[case_id][path], self.classes[case_id]] -= 1
        return +out

    def _overlap(self, a: str, b: str) -> float:
        """How much two paths say the same: their mutual information over the lower entropy."""
        key = (a, b) if a < b else (b, a)
        if key not in self._redundancy:
            ca, cb = self._columns[a], self._columns[b]
            low = min(_entropy(ca), _entropy(cb))
            self._redundancy[key] = _mutual_information(ca, cb) / low if low > 0 else 1.0
        return self._redundancy[key]

    def picked(self, case_id: str) -> list[str]:
        """The paths read for one case, chosen on the other cases (see the class doc)."""
        if case_id in self._picked:
            return self._picked[case_id]
        label_counts = self._label_counts(case_id)
        n = sum(label_counts.values())
        relevance = {}
        for p in self._paths:
            joint = self._fold(case_id, p)
            value_counts: Counter[str] = Counter()
            for (v, _), k in joint.items():
                value_counts[v] += k
            mi = sum(
                k / n * math.log(k * n / (value_counts[v] * label_counts[c]))
                for (v, c), k in joint.items()
            )
            bias = (len(value_counts) - 1) * (len(label_counts) - 1) / (2 * max(1, n))
            relevance[p] = mi - bias
        picked: list[str] = []
        pool = [p for p in self._paths if relevance[p] > 0]
        overlap = dict.fromkeys(pool, 0.0)  # with the paths picked so far, the largest
        while pool and len(picked) < self.max_features:
            worth = {p: relevance[p] * (1 - overlap[p]) for p in pool}
            best = max(pool, key=worth.__getitem__)
            if worth[best] <= 0:
                break
            picked.append(best)
            pool.remove(best)
            for p in pool:
                overlap[p] = max(overlap[p], self._overlap(p, best))
        self._picked[case_id] = picked
        return picked

    def bayes(self, f: FieldSpec, case: Case, *, alpha: float = 1.0) -> str:
        """Categorical naive Bayes on the picked paths, trained on the other cases."""
        allowed = LabelModel()._allowed(f, case)
        paths = self.picked(case.case_id)
        mine = self.features.get(case.case_id, {})
        priors = self._label_counts(case.case_id)
        total = sum(priors.values())
        folds = {p: self._fold(case.case_id, p) for p in paths}
        values = {p: {v for v, _ in folds[p]} for p in paths}
        best, best_score = None, -math.inf
        for cls, label in sorted(allowed.items()):
            n = priors[cls]
            score = math.log((n + 1) / (total + len(allowed)))
            for p in paths:
                value = mine.get(p, "?")
                if value == "?":
                    continue
                hits = folds[p][value, cls]
                score += math.log((hits + alpha) / (n + alpha * (len(values[p]) + 1)))
            if score > best_score:
                best, best_score = label, score
        return best if best is not None else next(iter(allowed.values()))


def listed_values(value: str, texts: Sequence[str]) -> list[str]:
    """Every string of the same kind as ``value`` in ``texts``, once, in order of appearance.

    The kind is the value's shape: its first run of letters stays (the id's prefix), every
    later run of digits, capitals or small letters stands for any such run, other
    characters stay (``O-3019`` finds every ``O-nnnn``; ``P-1001-M-WHT`` every SKU built
    the same way). The candidates an agent that reads no request could pick an order or an
    item from.
    """
    if not value:
        return []
    runs = re.findall(r"\d+|[A-Z]+|[a-z]+|[^0-9A-Za-z]+", value)
    shape = "".join(
        re.escape(run) if i == 0 and run.isalpha()
        else r"\d+" if run[0].isdigit()
        else "[A-Z]+" if run[0].isupper()
        else "[a-z]+" if run[0].islower()
        else re.escape(run)
        for i, run in enumerate(runs)
    )  # fmt: skip
    pattern = re.compile(rf"(?<![\w-]){shape}(?![\w-])")
    return list(dict.fromkeys(m.group(0) for t in texts for m in pattern.finditer(t)))


def _natural(s: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


@dataclass(frozen=True)
class CaseView:
    """What a strategy knows when it acts: the case, the stage, the observation's prompt."""

    case: Case
    stage: StageSpec
    prompt: str
    seen: tuple[str, ...] = ()
    """The results of the calls the strategy made at this stage, in order."""


@dataclass(frozen=True)
class Shortcut:
    """A named strategy and the field types it targets."""

    name: str
    targets: tuple[str, ...]
    description: str
    gated: bool = True

    def numbers(self, prompt: str) -> list[str]:
        """Every number in a prompt, once, in order."""
        return list(dict.fromkeys(_NUMBER.findall(prompt)))

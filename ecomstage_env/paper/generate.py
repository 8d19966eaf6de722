"""Train splits of the seven paper tasks: records generated apart from the test records.

``ecomstage.make("intent_recognition", split="train")`` plays records this module makes:
release-format records (the same ``system`` prompt as the task's bundled test records, a
``human`` turn in the same layout, ``gt_answer``) written from the paraphrase banks of
:mod:`ecomstage_env.paper.banks`, with the label decided *by construction* following
the task's written guideline (``scenarios/paper_tasks/guidelines/<task>.md``): the
generator first draws the label, then writes a record whose deciding part says it, and
fills the rest with context that decides nothing (other labels' topics, done, dropped or
set aside). Free-text tasks get required points made the way ``points/<task>.jsonl``
files are (the gold's facts, never the user's words; a computed figure for rag_qa).

- record ``i`` of seed ``s`` comes from ``random.Random(f"{task}/{s}/{i}/{attempt}")``, so
  it does not depend on how many records are asked for, and a split is reproducible;
- every record goes through the release reader's checks
  (:func:`~ecomstage_env.paper.official.record_problems`: menu parsed, gold in the label
  space, no cut-off history, no leaked label); a record that fails is a generator bug
  (:class:`~ecomstage_env.errors.DataError` naming this file, the record and the field);
- a record whose input is a near-duplicate of a test record's (word 3-gram Jaccard
  >= :data:`~ecomstage_env.data.generate.NEAR_DUPLICATE`, the scenario generator's
  measure) is drawn again, so train and test never share a text.

These records are template text written for this project with labels by construction;
they are not human-annotated (see the data card's "Train split (generated)").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

# The scenario generator's near-duplicate measure (one measure for every train split).
from ecomstage_env.data.generate import NEAR_DUPLICATE, jaccard, shingles
from ecomstage_env.errors import DataError, EcomstageError, did_you_mean
from ecomstage_env.paper import banks
from ecomstage_env.paper.official import (
    PAPER_TASKS,
    OfficialRecord,
    PaperRecord,
    _label_space,
    read_records,
    record_problems,
)
from ecomstage_env.scoring.points import Point

__all__ = [
    "GENERATOR_FILE",
    "MAX_ATTEMPTS",
    "TRAIN_SIZE",
    "GeneratedRecord",
    "generate_records",
    "split_figures",
    "train_records",
    "write_split",
]

TRAIN_SIZE = 256
"""Records in a train split unless ``train_size`` says otherwise."""

MAX_ATTEMPTS = 50
"""Draws per record before a generator that keeps repeating test texts is an error."""

GENERATOR_FILE = Path(__file__)
"""The path train records name as their file (in errors and ``PaperRecord.path``)."""


@dataclass(frozen=True)
class GeneratedRecord:
    """One generated record.

    Attributes:
        raw: The record in the release format (``id``, ``task_type``, ``system``,
            ``conversations``, ``gt_answer``).
        points: Required points of a free-text record (as in ``points/<task>.jsonl``),
            else empty.
    """

    raw: dict[str, Any]
    points: tuple[dict[str, Any], ...] = ()


# -- text helpers ----------------------------------------------------------------------------
_COLOURS = ["black", "white", "grey", "navy", "beige", "pink", "green", "red"]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CITIES = ["Hangzhou", "Chengdu", "Shenzhen", "Wuhan", "Suzhou", "Xiamen", "Nanjing"]
_WHO = ["my mum", "a 10 year old", "my boyfriend", "someone with sensitive skin", "a beginner"]
_BRANDS = [
    "Kova 2", "Lumi S", "Aerix 300", "Nordvik", "Tidepool Mini", "Brisa X", "Halden Pro",
    "Mirra 5", "Solace Lite", "Quill 7", "Fenwick Duo", "Orla Max", "Vento 12", "Pax One",
]  # fmt: skip
_GREETINGS = [
    "Hello, how can I help you today?",
    "Hi, you're chatting with the store assistant.",
    "Good day! What can I help with?",
    "Hi! Thanks for waiting, how can I help?",
    "Hi, thanks for contacting us!",
    "Hi dear, what can I do for you?",
    "Welcome! How may I help?",
]
_ACKS = [
    "Okay dear, noted.",
    "Thanks for the details.",
    "I see, one moment please.",
    "Understood.",
    "Let me have a look.",
]
_NUDGES = ["??", "hello?", "anyone there", "pls reply"]


class _Slots(dict[str, str]):
    """Slot fillers of one record, drawn once so a record stays consistent."""

    def __init__(self, rng: random.Random) -> None:
        en, zh = rng.choice(banks.PRODUCTS)
        form = rng.random()
        product = en if form < 0.6 else zh if form < 0.75 else f"{zh} {en}"
        brand, alt = rng.sample(_BRANDS, 2)
        colour, colour2 = rng.sample(_COLOURS, 2)
        amt = rng.randrange(20, 400)
        super().__init__(
            p=product,
            p_en=en,
            colour=colour,
            colour2=colour2,
            who=rng.choice(_WHO),
            cm=str(rng.randrange(22, 29)),
            n=str(rng.randrange(2, 9)),
            amt=str(amt),
            fee=str(rng.randrange(5, 30)),
            amt2=str(amt + rng.randrange(10, 120)),
            order=str(rng.randrange(10**7, 10**8)),
            day=rng.choice(_DAYS),
            city=rng.choice(_CITIES),
            brand=brand,
            alt=alt,
        )

    def fill(self, template: str) -> str:
        """The template with this record's slots filled."""
        return template.format_map(self)


def _messy(rng: random.Random, text: str) -> str:
    """A user turn as people type it: lower case, dropped apostrophes, a typo, short forms."""
    if rng.random() < 0.5 and text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    if rng.random() < 0.3:
        text = text.replace("'", "")
    if rng.random() < 0.25:
        text = text.replace(" you ", " u ").replace("please", "pls")
    if rng.random() < 0.25:
        words = text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha() and w.islower()]
        if long:
            i = rng.choice(long)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            text = " ".join(words)
    return text


def _chat(turns: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"{role}: {text}" for role, text in turns)


# -- label tasks -----------------------------------------------------------------------------
_ANSWERED = [
    "Done, I've taken care of that, you'll see it in the app now.",
    "Checked and fixed, dear.",
    "All good on that one now, I've updated it.",
    "That's taken care of, thanks for your patience.",
    "Yes, I've answered that in the message above, it's settled.",
    "I've checked that for you: it's all in order now.",
    "That's sorted now 😊",
    "Answered that one above, dear: yes, all fine.",
    "I've handled that part, nothing more needed there.",
]
_THANKS = ["ok thanks", "great", "ok", "thx", "好的"]
_TRAILING = ["thanks in advance", "I'll wait", "appreciate it", "ty"]


def _request_and_mentions(
    rng: random.Random,
    s: _Slots,
    bank: dict[str, dict[str, list[str]]],
    label: str,
    role: str,
) -> list[tuple[str, str]]:
    """Turns of a record: other labels' requests already answered, then the open request.

    Other labels' requests are asked *and answered* earlier in the chat (or their topic
    comes up as settled context), so every label's words occur in every label's records;
    what decides is which request is still open, as the guideline says.
    """
    others = rng.sample([lab for lab in bank if lab != label], 4)
    # A fault reported "in passing" after the request could read as the latest issue
    # (intent 5): such mentions only come before the request.
    others.sort(key=lambda lab: lab != "5" or bank is not banks.INTENT)
    turns: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        turns.append(("Customer Service", rng.choice(_GREETINGS)))
    if rng.random() < 0.3:
        turns.append((role, rng.choice(["hi", "hello", "在吗", "[User sent an image]"])))
    before = rng.randrange(2, len(others) + 1)
    for o in others[:before]:
        if rng.random() < 0.8:
            turns.append((role, _messy(rng, s.fill(rng.choice(bank[o]["requests"])))))
            turns.append(("Customer Service", rng.choice(_ANSWERED)))
            if rng.random() < 0.5:
                turns.append((role, rng.choice(_THANKS)))
        else:
            turns.append((role, _messy(rng, s.fill(rng.choice(bank[o]["mentions"])))))
    turns.append((role, _messy(rng, s.fill(rng.choice(bank[label]["requests"])))))
    for o in others[before:]:
        turns.append((role, _messy(rng, "btw " + s.fill(rng.choice(bank[o]["mentions"])))))
    tail = rng.random()
    if tail < 0.2:
        turns.append((role, rng.choice(_NUDGES)))
    elif tail < 0.4:
        turns.append((role, rng.choice(_TRAILING)))
    return turns


def _intent(rng: random.Random, s: _Slots, label: str) -> tuple[str, str]:
    turns = _request_and_mentions(rng, s, banks.INTENT, label, "User")
    human = (
        f"Conversation:\n{_chat(turns)}\n\n"
        "Which category number best describes what the user wants?"
    )
    return human, label


def _route(rng: random.Random, s: _Slots, label: str) -> tuple[str, str]:
    turns = _request_and_mentions(rng, s, banks.ROUTE, label, "User")
    return f"Conversation:\n{_chat(turns)}\n\nWhich scenario letter fits this request?", label


def _attitude(rng: random.Random, s: _Slots, label: str) -> tuple[str, str]:
    bank = banks.ATTITUDE
    final, earlier = ("negative", "friendly") if label == "1" else ("friendly", "negative")
    turns: list[tuple[str, str]] = [("User", _messy(rng, s.fill(rng.choice(bank["user_open"]))))]
    if rng.random() < 0.6:
        turns.append(("Customer Service", rng.choice(bank["cs_neutral"])))
    mids = rng.sample(bank["user_mid"], 4)
    for m in mids[: rng.randrange(1, 3)]:
        turns.append(("User", _messy(rng, s.fill(m))))
    turns.append(("Customer Service", s.fill(rng.choice(bank[earlier]))))
    for m in mids[2 : 2 + rng.randrange(1, 3)]:
        turns.append(("User", _messy(rng, s.fill(m))))
    turns.append(("Customer Service", s.fill(rng.choice(bank[final]))))
    human = (
        f"Chat history:\n{_chat(turns)}\n\n"
        "Is the merchant's latest message negative (1) or friendly (0)?"
    )
    return human, label


def _query_match(rng: random.Random, s: _Slots, label: str) -> tuple[str, str]:
    del label  # the gold letter is the gold question's drawn position
    groups = list(banks.CATALOGUE)
    group = rng.choice(groups)
    same = list(banks.CATALOGUE[group])
    gold = rng.choice(same)
    near = [q for q in same if q != gold]  # the whole group is on the menu
    other_group = rng.sample([g for g in groups if g != group], 1)
    far = [rng.choice(list(banks.CATALOGUE[g])) for g in other_group]
    menu = [gold, *near, *far]
    rng.shuffle(menu)
    asked = s.fill(rng.choice(banks.CATALOGUE[group][gold]))
    # Look-alike menu questions come up as settled: the shopper's words cover several menu
    # lines, and only reading which one is still open finds the match.
    settled = [s.fill(rng.choice(banks.CATALOGUE[group][q])) for q in near]
    rng.shuffle(settled)
    listed = "; ".join(f"'{a}'" for a in settled)
    frame = rng.choice(
        [
            "earlier I asked {listed} and you answered those, thx. new one: {asked}",
            "{asked}. (not asking again about {listed}, that's all sorted)",
            "so {listed}: all fine now. what I still need: {asked}",
            "{asked}. my friend asked you {listed} last week, that's not my problem",
        ]
    )
    question = _messy(rng, frame.format(listed=listed, asked=asked))
    letters = "ABCDE"
    lines = "\n".join(f"{letters[i]}. {q}" for i, q in enumerate(menu))
    human = f"User question: {question}\n\nStandard questions:\n{lines}"
    return human, letters[menu.index(gold)]


_FAULTS = [
    ("the {p} arrived with a crack down the side", "I've reviewed the photo: that is transport "
     "damage, sorry about that."),
    ("one part of the {p} is missing from the box", "I've reviewed the packing record: the "
     "part was left out at our warehouse, our mistake."),
    ("{n} days in and the {p} is already falling apart", "I've reviewed the video: that is a defect, "
     "not something you did."),
    ("you sent the {colour2} {p}, I ordered {colour}", "I've reviewed the order: it says "
     "{colour}. We packed the wrong one, sorry."),
]  # fmt: skip
_PERSONAL = [
    ("I ordered the wrong size of the {p}, my mistake", "I've reviewed the order: the {p} "
     "you received is the size you ordered, no defect."),
    ("the {p} is fine but I don't like the {colour2} colour in real life", "I've reviewed "
     "the photo: the {p} is the colour shown on the page, no defect."),
    ("found the {p} cheaper elsewhere and changed my mind", "I've reviewed the order: the "
     "{p} was delivered as described, no defect."),
]  # fmt: skip
_ASIDES = [
    "last time you gave me a coupon for a late parcel on another order",
    "I talked to a person on the phone about another order last month",
    "my refund on another order was completed quick",
    "a return of mine last year got rejected, whatever",
    "I'm not one to complain usually",
    "I was going to ask for a human agent but forget it, not needed",
]
_RETURN_ASKS = [
    "I'd rather just send it back",
    "ok then I want to return it",
    "can I send it back please",
    "let's do the return",
]
_PERSON_ASKS = [
    "can I talk to a real person please",
    "put me through to a human agent",
    "I want to speak to someone, not a bot",
    "is there a person I can call about this",
]
_VENTS = [
    "still not happy about this",
    "honestly what a hassle this whole thing",
    "this is really not ok",
    "so that's it? great",
    "I'm just tired of this",
]
_NEWS = [
    "any news on it?",
    "when is it happening",
    "can you hurry it up please",
    "so where is it now",
]
_WHATS = ["the refund", "the replacement", "the return pickup", "the exchange", "the resend"]
_OFFER_RETURN = [
    "We can arrange a return or a replacement for you.",
    "I can set up a return, or send you a replacement instead.",
    "Would you like to return it, or shall we replace it?",
]
_REFUSE_RETURN = [
    "no return, no replacement, I'll keep it",
    "nah I don't want to send it back or swap it, keeping it",
    "no, packing it up again is too much hassle, I'll keep it",
]
_OFFER_COUPON = [
    "We can offer a {amt} yuan coupon for the trouble.",
    "As an apology I can add a {amt} yuan voucher to your account.",
    "Would a {amt} yuan coupon for your next order help?",
]
_REFUSE_COUPON = ["no, not the coupon", "a voucher? no thanks", "I don't want a coupon"]
_ACCEPT_COUPON = ["ok, the coupon is fine", "fine, I'll take the voucher", "ok add the coupon"]
_OPENED = [
    "The seller reviewed it and did not reject it: {what} is approved, not completed yet, "
    "{n} more days.",
    "{what} is approved now; not completed yet, it takes {n} more days.",
    "{what} was approved today and is not completed yet: about {n} more days.",
    "I can see {what} is approved; it is still in progress, {n} more days or so.",
]
_REJECTED = [
    "The seller reviewed the return and it was rejected.",
    "The return was filed, but after review the seller rejected it.",
    "I'm sorry: the seller's review rejected the return.",
]
_DONE = [
    "The seller reviewed it and nothing was rejected: {what} is completed now.",
    "{what} was approved and is completed now, no more days to wait.",
    "{what} is approved and completed now; nothing is in progress anymore.",
    "{what} was approved and has been completed today.",
]
_PASSED_ON = [
    "I've passed it on again, please wait.",
    "I've pinged the team again, please bear with us.",
    "Noted, I've forwarded it once more.",
]


_CLOSINGS = [
    "Handled, and this case is closed now.",
    "All settled on that order, case closed.",
    "Done; that chat was closed.",
]


def _solution(rng: random.Random, s: _Slots, label: str) -> tuple[str, str]:
    """A record whose label is decided by the open case's state, as the guideline says.

    Every record is built from the same steps (a problem and the agent's verdict, offers
    made and refused or accepted, a request approved and still open or completed, chases)
    and the user's current message comes from pools shared by several labels. The history
    starts with earlier chats about other orders, played out and closed, whose steps are
    other labels': words alone decide little, the state of the open case does.
    """
    cs = "Customer Service"
    turns: list[tuple[str, str]] = []
    for other in rng.sample([k for k in banks.SOLUTION_OPTIONS if k != label], 3):
        past = _Slots(rng)
        steps, said = _solution_case(rng, past, other, compact=True)
        turns.append((cs, f"(Earlier chat about order {past['order']}, now closed.)"))
        turns += steps
        turns.append(("User", _messy(rng, said)))
        turns.append((cs, rng.choice(_CLOSINGS)))
    turns.append((cs, f"(New chat about order {s['order']}.)"))
    steps, current = _solution_case(rng, s, label)
    turns += steps
    ids = sorted({label, *rng.sample([k for k in banks.SOLUTION_OPTIONS if k != label], 3)})
    if rng.random() < 0.4:
        ids = sorted({*ids, rng.choice([k for k in banks.SOLUTION_OPTIONS if k not in ids])})
    menu = "\n".join(f"{i}. {banks.SOLUTION_OPTIONS[i]}" for i in ids)
    human = (
        f"Chat history:\n{_chat(turns)}\n\nUser's current message:\n{_messy(rng, current)}"
        f"\n\nResponse options:\n{menu}"
    )
    return human, label


def _solution_case(
    rng: random.Random, s: _Slots, label: str, *, compact: bool = False
) -> tuple[list[tuple[str, str]], str]:
    """The turns of one case whose next step is ``label``, and the user's last message.

    ``compact`` leaves out the greeting, the order card, the photo and the aside (for the
    earlier, closed chats of a record).
    """
    cs, user = "Customer Service", "User"
    amt, n = s["amt"], s["n"]
    turns: list[tuple[str, str]] = [] if compact else [(cs, rng.choice(_GREETINGS))]
    if not compact and rng.random() < 0.6:
        turns.append((user, "Order details shared by the user"))
    fault = label in ("1", "6", "7") or (label in ("2", "3", "4", "5") and rng.random() < 0.5)
    problem, verdict = rng.choice(_FAULTS if fault else _PERSONAL)
    turns.append((user, _messy(rng, s.fill(problem))))
    if not compact and rng.random() < 0.5:
        turns.append((user, "[User sent an image]"))
    turns.append((cs, s.fill(verdict)))
    asides = [a for a in _ASIDES if not (label == "3" and "human agent" in a)]
    if not compact:
        turns.append((user, _messy(rng, rng.choice(asides))))
    what = rng.choice(_WHATS)

    def offer_return() -> None:
        turns.append((cs, rng.choice(_OFFER_RETURN)))
        turns.append((user, _messy(rng, rng.choice(_REFUSE_RETURN))))

    def offer_coupon(refused: bool = True) -> None:
        turns.append((cs, rng.choice(_OFFER_COUPON).format(amt=amt)))
        turns.append((user, rng.choice(_REFUSE_COUPON if refused else _ACCEPT_COUPON)))

    def opened() -> None:
        turns.append((cs, rng.choice(_OPENED).format(what=what.capitalize(), n=n)))

    def chased() -> None:
        turns.append((user, _messy(rng, rng.choice(_NEWS))))
        turns.append((cs, rng.choice(_PASSED_ON)))

    if label in ("1", "8"):
        step = rng.random()
        if label == "1" and step < 0.4:
            offer_coupon()
        elif step < 0.8:  # a return proposed, and the user takes it up
            turns.append((cs, rng.choice(_OFFER_RETURN)))
        current = rng.choice(_RETURN_ASKS)
    elif label == "3":
        step = rng.random()
        if step < 0.3:
            offer_coupon()
        elif step < 0.6:
            opened()
        elif step < 0.8:
            offer_return()
        current = rng.choice(_PERSON_ASKS)
    elif label == "7":
        if rng.random() < 0.5:
            offer_return()
        offer_coupon()
        current = rng.choice(_VENTS)
    elif label == "6":
        offer_return()
        current = rng.choice(_VENTS)
    elif label == "5":
        opened()
        if rng.random() < 0.3:
            chased()
        current = rng.choice(_NEWS)
    elif label == "4":
        if rng.random() < 0.5:
            opened()
            turns.append((user, "ok"))
            turns.append((cs, rng.choice(_DONE).format(what=what.capitalize())))
        else:
            if rng.random() < 0.5:
                turns.append((cs, rng.choice(_OFFER_RETURN)))
                turns.append((user, "no, keeping it"))
            offer_coupon(refused=False)
            turns.append((cs, "Your coupon was approved and is completed now, it's in your "
                              "account."))  # fmt: skip
        current = rng.choice(_VENTS)
    else:  # "2": a tangle, the usual routes used up, not asking for a person
        turns.append((user, rng.choice(_RETURN_ASKS)))
        turns.append((cs, rng.choice(_REJECTED)))
        chased()
        chased()
        if rng.random() < 0.5:
            offer_coupon()
            turns.append((cs, f"We can pay {amt} yuan cash compensation instead."))
            turns.append((user, "no, not the cash either"))
        current = rng.choice(_NEWS + _VENTS)
    return turns, current


# -- free-text tasks -------------------------------------------------------------------------
def _query_rewrite(rng: random.Random, s: _Slots) -> tuple[str, str, list[dict[str, Any]]]:
    family = rng.choice(banks.REWRITE)
    kind = str(family["kind"])
    cs = "Customer Service"
    turns: list[tuple[str, str]] = [(cs, rng.choice(_GREETINGS))]
    turns.append(("User", _messy(rng, s.fill(rng.choice(
        ["hi, about the {p}", "question about the {p}", "hello, the {p} pls", "在吗, {p}"]
    )))))  # fmt: skip
    turns.append((cs, s.fill(rng.choice(list(family["cs"])))))
    if rng.random() < 0.5:
        turns.append(("User", _messy(rng, rng.choice(["ok", "nice", "hmm", "I see"]))))
        turns.append((cs, rng.choice(["Anything else I can help with?", "Happy to help."])))
    last = s.fill(rng.choice(list(family["last"])))
    turns.append(("User", _messy(rng, last)))
    gold = s.fill(str(family["gold"]))
    brand, en = s["brand"], s["p_en"]
    points: list[dict[str, Any]] = []
    if kind == "pick":
        points = [{"any": [brand], "not": [s["alt"]]}, {"any": [s["colour"]]}]
    elif kind == "arrive":
        points = [{"any": [brand]}, {"any": ["arrive", "get here", "be delivered"]}]
    elif kind == "quantity":
        points = [{"any": [brand]}, {"any": [en, s["p"]], "figure": float(s["n"])}]
    elif kind == "colour":
        points = [{"any": [brand]}, {"any": [s["colour"]], "not": [s["colour2"]]}]
    elif kind == "warranty":
        points = [
            {"any": [brand]},
            {"any": ["water damage", "gets wet"]},
            {"any": ["warranty"], "figure": float(s["n"])},
        ]
    elif kind == "restock":
        points = [{"any": [brand]}, {"any": ["back in stock", "restock"]}, {"any": [s["colour"]]}]
    elif kind == "address":
        points = [{"any": [brand]}, {"any": ["office"]}, {"any": [s["city"]], "anchor": True}]
    elif kind == "gift":
        points = [{"any": [brand]}, {"any": ["gift card"]}, {"any": ["happy birthday"]}]
    elif kind == "label":
        points = [{"any": [brand]}, {"any": ["receive the return label", "return label"]}]
    else:
        points = [{"any": [s["alt"]]}, {"any": ["heavier"]}, {"any": [brand], "anchor": True}]
    human = f"Conversation history:\n{_chat(turns)}\n\nRewrite the user's last message:"
    return human, gold, points


_RAG_DIRECTIONS: dict[str, tuple[str, list[str]]] = {
    "return_window": ("how long you have to send it back", ["send it back", "return"]),
    "free_shipping": ("when delivery is free", ["delivery is free", "free delivery"]),
    "price_protection": ("getting a price difference back", ["price difference", "price drop"]),
    "points": ("what your points are worth", ["points"]),
    "warranty": ("whether a repair is covered", ["repair", "warranty"]),
    "coupon": ("using a store coupon", ["coupon"]),
    "cancel": ("cancelling the order", ["cancelling", "cancel"]),
}
_UNCOVERED = [
    ("can I pay for the {p} with a foreign credit card", "paying with a foreign card"),
    ("do you deliver the {p} to Hong Kong", "delivery to Hong Kong"),
    ("can I have the {p} gift wrapped", "gift wrapping"),
    ("is there a student discount on the {p}", "student discounts"),
    ("can someone install the {p} at my place", "installation at home"),
    ("can I pick the {p} up in a store", "picking up in a store"),
]
_OPENERS = ["Hi! ", "Hello 😊 ", "Hi there! ", "Thanks for asking! ", ""]


def _rag_qa(rng: random.Random, s: _Slots) -> tuple[str, str, list[dict[str, Any]]]:
    """A question on the knowledge given, with its reply and required points.

    A direct answer computed from the passage's figures, an honest "not covered", or a
    clarifying question; the points are made from the gold reply.
    """
    topic = rng.choice(banks.RAG_TOPICS)
    mode = rng.choices(["direct", "uncovered", "vague"], weights=[6, 2, 2])[0]
    window, late = rng.randrange(7, 31), rng.randrange(1, 6)
    threshold, fee = rng.randrange(6, 20) * 10, rng.randrange(5, 16)
    basket = threshold - rng.randrange(5, 50)
    days_pp, paid, drop = rng.randrange(7, 31), rng.randrange(100, 900), rng.randrange(10, 90)
    rate = rng.choice([50, 100, 200])
    months, used = rng.choice([6, 12, 24]), rng.randrange(1, 30)
    c_value, c_min = rng.randrange(1, 6) * 10, rng.randrange(10, 40) * 10
    refund_days = rng.randrange(2, 8)
    kb: dict[str, tuple[str, list[str]]] = {
        "return_window": (
            "[Returns - No-reason returns]",
            [
                f"Most items can be returned within {window} days of delivery without giving a "
                "reason, if unused and in the original packaging. The buyer pays return postage.",
                f"No-reason returns are accepted for {window} days after delivery. Items must be "
                "unused with tags on; return postage is paid by the buyer.",
            ],
        ),
        "free_shipping": (
            "[Shipping - Free delivery]",
            [
                f"Orders of {threshold} yuan or more ship free within the mainland. Smaller "
                f"orders pay a flat {fee} yuan delivery fee.",
                f"Delivery is free from {threshold} yuan per order (mainland addresses). Below "
                f"that, a {fee} yuan fee applies.",
            ],
        ),
        "price_protection": (
            "[Prices - Price protection]",
            [
                f"If the price of an item drops within {days_pp} days of purchase, the "
                "difference is refunded to the original payment method on request.",
                f"Price protection: for {days_pp} days after you buy, a lower price on the same "
                "item can be claimed back as a refund of the difference.",
            ],
        ),
        "points": (
            "[Membership - Points]",
            [
                f"Every yuan spent earns 1 point. {rate} points can be used as 1 yuan off a "
                "later order. Points expire after 12 months.",
                f"Members collect 1 point per yuan. Points are redeemed at {rate} points per "
                "yuan of discount and lapse 12 months after they are earned.",
            ],
        ),
        "warranty": (
            "[After-sales - Warranty]",
            [
                f"Electronics and appliances carry a {months}-month warranty from delivery. "
                "Repairs under warranty are free; accidental damage is excluded.",
                f"Appliances are guaranteed for {months} months after delivery: faults are "
                "repaired free of charge, but drops and spills are not covered.",
            ],
        ),
        "coupon": (
            "[Prices - Store coupons]",
            [
                f"A {c_value} yuan store coupon needs a minimum spend of {c_min} yuan. One store "
                "coupon per order; platform coupons can be added on top.",
                f"Store coupons worth {c_value} yuan apply to orders from {c_min} yuan. Only one "
                "store coupon can be used per order.",
            ],
        ),
        "cancel": (
            "[Orders - Cancelling]",
            [
                "Orders can be cancelled free of charge until they ship. After shipping, refuse "
                f"the parcel at delivery; the refund follows within {refund_days} days of it "
                "reaching the warehouse.",
                "You can cancel an order at no cost before it is dispatched. Once it has "
                f"shipped, refuse it at the door and you are refunded within {refund_days} "
                "days after it is back at the warehouse.",
            ],
        ),
    }
    order = [topic, *rng.sample([t for t in kb if t != topic], rng.randrange(1, 3))]
    rng.shuffle(order)
    knowledge = "\n\n".join(f"{kb[t][0]}\n{rng.choice(kb[t][1])}" for t in order)
    hi = rng.choice(_OPENERS)
    p = s["p"]
    points: list[dict[str, Any]]
    if mode == "uncovered":
        asked, subject = rng.choice(_UNCOVERED)
        question = s.fill(asked)
        gold = (
            f"{hi}I don't have information on {subject} in what I can see, so I'd rather not "
            f"guess. {rng.choice(['Customer support', 'Our support team'])} can confirm it for "
            "you before you order."
        )
        points = [
            {"any": ["don't have information", "not covered", "no information"]},
            {"any": ["customer support", "support team", "contact support"]},
        ]
    elif mode == "vague" and len(order) > 1:
        question = s.fill(
            rng.choice(
                [
                    "what are my options with the {p}?",
                    "how does it work for the {p}",
                    "so what can I get on the {p}, explain pls",
                    "the {p}... what applies to me?",
                ]
            )
        )
        a, b = (_RAG_DIRECTIONS[order[0]], _RAG_DIRECTIONS[order[1]])
        gold = (
            f"{hi}Happy to help! Could you tell me which you mean: {a[0]}, or {b[0]}? "
            "Then I can give you the exact answer."
        )
        points = [
            {"any": ["which you mean", "do you mean", "could you tell me which"]},
            {"any": a[1], "anchor": True},
            {"any": b[1], "anchor": True},
        ]
    elif topic == "return_window":
        ago = window + late if rng.random() < 0.4 else window - late
        question = rng.choice(
            [
                f"the {p} came {ago} days ago and I don't want it anymore, can I still send it "
                "back",
                f"got the {p} {ago} days ago, changed my mind. still returnable?",
            ]
        )
        if ago > window:
            gold = (
                f"{hi}Sorry, the {window}-day window for no-reason returns closed {late} days "
                "ago, so it can't go back without a reason now."
            )
            points = [
                {"any": ["can't go back", "cannot be returned"], "not": ["you can still"]},
                {"any": ["closed", "has passed", "ended"], "figure": float(late), "requires": [0]},
            ]
        else:
            gold = (
                f"{hi}Yes, you can still return it: you have {late} more days of the "
                f"{window}-day window. It must be unused and in its packaging, and you pay the "
                "return postage."
            )
            points = [
                {"any": ["still return"]},
                {"any": ["more days", "days left"], "figure": float(late), "requires": [0]},
                {"any": ["you pay the return postage", "buyer pays", "you pay return postage"]},
            ]
    elif topic == "free_shipping":
        question = rng.choice(
            [
                f"my basket is {basket} yuan, do I get free delivery on the {p}?",
                f"{basket} yuan in the cart with the {p}. is shipping free?",
            ]
        )
        gold = (
            f"{hi}Not yet: add {threshold - basket} yuan more to reach {threshold} yuan and "
            f"delivery is free; otherwise the fee is {fee} yuan."
        )
        points = [
            {"any": ["not yet", "not free yet"]},
            {"any": ["add", "more"], "figure": float(threshold - basket), "requires": [0]},
            {"any": ["fee"], "figure": float(fee), "requires": [0]},
        ]
    elif topic == "price_protection":
        ago = rng.randrange(1, days_pp)
        question = rng.choice(
            [
                f"bought the {p} for {paid} yuan {ago} days ago and now it's {paid - drop}, "
                "annoying. anything I can do?",
                f"the {p} I paid {paid} for {ago} days ago is {paid - drop} now??",
            ]
        )
        gold = (
            f"{hi}Good news: it's within the {days_pp}-day price protection, so you can ask "
            f"for the {drop} yuan difference back to your original payment method."
        )
        points = [
            {"any": ["you can ask for", "you can claim", "you can get"]},
            {"any": ["difference"], "figure": float(drop), "requires": [0]},
            {"any": ["price protection"], "anchor": True, "requires": [0]},
        ]
    elif topic == "points":
        spend = rng.randrange(3, 30) * rate
        question = rng.choice(
            [
                f"if I spend {spend} yuan on the {p}, what are the points worth?",
                f"{spend} yuan for the {p}, how much discount do the points give me later",
            ]
        )
        gold = (
            f"{hi}You'd earn {spend} points, worth {spend // rate} yuan off a later order "
            "(they expire after 12 months)."
        )
        points = [
            {"any": ["you'd earn", "you earn", "you would earn"]},
            {"any": ["yuan off", "worth"], "figure": float(spend // rate), "requires": [0]},
            {"any": ["expire"], "figure": 12.0, "requires": [0]},
        ]
    elif topic == "warranty":
        question = rng.choice(
            [
                f"my {p} stopped working after {used} months, do I pay for the repair?",
                f"{used} months old and the {p} is dead. free fix or not",
            ]
        )
        if used < months:
            gold = (
                f"{hi}Sorry it stopped working! It's still under the {months}-month warranty, "
                f"so the repair is free ({months - used} months of cover left), as long as "
                "it isn't accidental damage."
            )
            points = [
                {"any": ["repair is free", "free repair", "free of charge"]},
                {"any": ["left", "remaining"], "figure": float(months - used), "requires": [0]},
            ]
        else:
            gold = (
                f"{hi}Sorry it stopped working! The {months}-month warranty ended "
                f"{used - months} months ago, so the repair would not be free now."
                if used > months
                else f"{hi}Sorry it stopped working! The {months}-month warranty has just "
                "ended, so the repair would not be free now."
            )
            points = [{"any": ["would not be free", "not free"]}]
            if used > months:
                points.append({"any": ["ended"], "figure": float(used - months), "requires": [0]})
    elif topic == "coupon":
        cart = rng.randrange(5, 60) * 10
        question = rng.choice(
            [
                f"cart is {cart} yuan with the {p}, can I use my {c_value} yuan store coupon?",
                f"does my {c_value} yuan coupon work on {cart} yuan ({p})?",
            ]
        )
        if cart >= c_min:
            gold = (
                f"{hi}Yes, you can use it: your {cart} yuan order meets the {c_min} yuan "
                f"minimum, so you'd pay {cart - c_value} yuan."
            )
            points = [
                {"any": ["you can use it", "can use it"]},
                {"any": ["pay"], "figure": float(cart - c_value), "requires": [0]},
            ]
        else:
            gold = (
                f"{hi}Not yet: the coupon needs a {c_min} yuan minimum, so add {c_min - cart} "
                "yuan more and you can use it."
            )
            points = [
                {"any": ["not yet"]},
                {"any": ["add", "more"], "figure": float(c_min - cart), "requires": [0]},
            ]
    else:  # cancel: the order has shipped
        question = rng.choice(
            [
                f"the {p} shipped this morning but I need to cancel, possible?",
                f"want to cancel the {p}, it says dispatched already",
            ]
        )
        gold = (
            f"{hi}It can't be cancelled now that it has shipped, but you can refuse the parcel "
            f"at delivery; the refund follows within {refund_days} days of it reaching the "
            "warehouse."
        )
        points = [
            {"any": ["refuse the parcel", "refuse it"]},
            {"any": ["within"], "figure": float(refund_days), "requires": [0]},
        ]
    human = f"Reference knowledge:\n{knowledge}\n\nUser question:\n{_messy(rng, question)}"
    return human, gold, points


_LabelBuilder = Callable[[random.Random, _Slots, str], tuple[str, str]]
_TextBuilder = Callable[[random.Random, _Slots], tuple[str, str, list[dict[str, Any]]]]
_LABEL_BUILDERS: dict[str, _LabelBuilder] = {
    "intent_recognition": _intent,
    "attitude_cls": _attitude,
    "scenario_route": _route,
    "query_match": _query_match,
    "solution_decision": _solution,
}
_TEXT_BUILDERS: dict[str, _TextBuilder] = {"query_rewrite": _query_rewrite, "rag_qa": _rag_qa}
_LABELS = {
    "intent_recognition": tuple("1234567"),
    "attitude_cls": ("0", "1"),
    "scenario_route": tuple("ABCDEF"),
    "query_match": tuple("ABCDE"),
    "solution_decision": tuple("12345678"),
}


def _bundled(task: str) -> Path:
    from ecomstage_env.data.loader import builtin_scenarios_root

    return builtin_scenarios_root() / "paper_tasks" / f"{task}.jsonl"


@cache
def _system(task: str) -> str:
    """The task prompt of the bundled test records (the train records use the same one)."""
    return read_records(_bundled(task), tasks={task})[0][0].record.system


def _bundled_inputs(task: str) -> list[str]:
    """Input texts of the bundled test records."""
    return [r.record.human for r in read_records(_bundled(task), tasks={task})[0]]


# -- the split -------------------------------------------------------------------------------
def _check_task(task: str) -> None:
    if task not in PAPER_TASKS:
        raise EcomstageError(f"no paper task {task!r}.{did_you_mean(task, PAPER_TASKS)}")


def _one(
    task: str, seed: int, i: int, tests: Sequence[frozenset[tuple[str, ...]]]
) -> GeneratedRecord:
    kind = PAPER_TASKS[task].task_type
    rid = f"{task}-train-{seed}-{i}"
    for attempt in range(MAX_ATTEMPTS):
        rng = random.Random(f"{task}/{seed}/{i}/{attempt}")
        slots = _Slots(rng)
        points: list[dict[str, Any]] = []
        if task in _LABEL_BUILDERS:
            label = rng.choice(_LABELS[task])
            human, gold = _LABEL_BUILDERS[task](rng, slots, label)
        else:
            human, gold, points = _TEXT_BUILDERS[task](rng, slots)
        grams = shingles(human)
        if any(jaccard(grams, t) >= NEAR_DUPLICATE for t in tests):
            continue  # too close to a test record: draw again
        raw = {
            "id": rid,
            "task_type": kind,
            "system": _system(task),
            "conversations": [{"from": "human", "value": human}, {"from": "gpt", "value": gold}],
            "gt_answer": gold,
        }
        return GeneratedRecord(raw, tuple(points))
    raise DataError(
        GENERATOR_FILE,
        f"{task} train record {i} (seed {seed}): {MAX_ATTEMPTS} draws in a row were "
        "near-duplicates of test records",
    )


def generate_records(
    task: str, n: int = TRAIN_SIZE, seed: int = 0, *, tests: Sequence[str] = ()
) -> list[GeneratedRecord]:
    """Make ``n`` train records of a paper task (release format, unchecked).

    Args:
        task: Env name of the task, e.g. ``"intent_recognition"``.
        n: How many records.
        seed: The split's seed (record ``i`` depends only on the task, ``seed`` and ``i``).
        tests: Input texts of the test records; a record whose input is a near-duplicate
            of one is drawn again.

    Returns:
        The records, ids ``"<task>-train-<seed>-<i>"``.

    Raises:
        EcomstageError: Unknown task, or ``n``/``seed`` negative.
        DataError: The generator keeps repeating test records.
    """
    _check_task(task)
    if n < 0 or seed < 0:
        raise EcomstageError(f"n and seed must be >= 0 (got {n}, {seed})")
    test_shingles = [shingles(t) for t in tests]
    return [_one(task, seed, i, test_shingles) for i in range(n)]


def train_records(
    task: str, n: int = TRAIN_SIZE, seed: int = 0, *, tests: Sequence[str] = ()
) -> tuple[tuple[PaperRecord, ...], dict[str, tuple[Point, ...]]]:
    """The train split of a paper task, checked as the release reader checks records.

    Args:
        task: Env name of the task.
        n: Records (>= 1).
        seed: The split's seed.
        tests: Input texts of the test records (kept apart, see :func:`generate_records`).

    Returns:
        ``(records, points)``: playable records, and the required points of free-text
        records by id.

    Raises:
        EcomstageError: Unknown task, ``n`` < 1 or ``seed`` < 0.
        DataError: A generated record fails the release checks or its points do not
            validate (a generator bug; names this file, the record and the field).
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise EcomstageError(f"train_size must be an integer >= 1, not {n!r}")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise EcomstageError(f"train_seed must be an integer >= 0, not {seed!r}")
    return _train_records(task, n, seed, tuple(tests))


@cache
def _train_records(
    task: str, n: int, seed: int, tests: tuple[str, ...]
) -> tuple[tuple[PaperRecord, ...], dict[str, tuple[Point, ...]]]:
    paper_task = PAPER_TASKS.get(task)
    _check_task(task)
    assert paper_task is not None
    records: list[PaperRecord] = []
    points: dict[str, tuple[Point, ...]] = {}
    for i, made in enumerate(generate_records(task, n, seed, tests=tests)):
        rid = made.raw["id"]
        try:
            record = OfficialRecord.model_validate(made.raw)
            pts = tuple(Point.model_validate(p) for p in made.points)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise DataError(
                GENERATOR_FILE, f"generated record {rid!r}: {err['msg']}", field=where
            ) from None
        problems, options = record_problems(record, paper_task)
        if problems:
            raise DataError(
                GENERATOR_FILE,
                f"generated record {rid!r}: {'; '.join(problems)}",
                field="conversations",
            )
        records.append(
            PaperRecord(
                record,
                paper_task,
                _label_space(paper_task, options),
                options,
                GENERATOR_FILE,
                i + 1,
            )
        )
        if pts:
            points[rid] = pts
    return tuple(records), points


def split_figures(task: str, n: int = TRAIN_SIZE, seed: int = 0) -> dict[str, Any]:
    """How a train split reads beside the bundled test records (the data card's figures).

    Args:
        task: Env name of the task.
        n: Train records.
        seed: The split's seed.

    Returns:
        ``train`` and ``test``: :func:`~ecomstage_env.data.generate.text_diversity` of
        the input texts; ``train_sample``: its mean over 10 random samples of the train
        records as large as the test set (distinct n-gram ratios fall as a set grows, so
        these are the figures to set beside ``test``); ``closest_test``: the highest word 3-gram Jaccard similarity of
        a train input to a test input; ``labels``: gold counts of a label task (empty for
        free text).
    """
    from ecomstage_env.data.generate import max_similarity, text_diversity

    tests = _bundled_inputs(task)
    records, _ = train_records(task, n, seed, tests=tests)
    texts = [r.record.human for r in records]
    labels: dict[str, int] = {}
    if not PAPER_TASKS[task].open_ended:
        for r in records:
            labels[r.record.gt_answer] = labels.get(r.record.gt_answer, 0) + 1
    draw = random.Random(f"{task}/figures")
    k = min(len(tests), len(texts))
    samples = [text_diversity(draw.sample(texts, k)) for _ in range(10)]
    return {
        "train": text_diversity(texts),
        "train_sample": {
            key: round(sum(d[key] for d in samples) / len(samples), 4) for key in samples[0]
        },
        "test": text_diversity(tests),
        "closest_test": round(max_similarity(texts, tests), 3),
        "labels": dict(sorted(labels.items())),
    }


def write_split(task: str, path: Path, n: int = TRAIN_SIZE, seed: int = 0) -> list[Path]:
    """Write a train split as a release-format JSON Lines file (it loads with ``data=``).

    Free-text tasks also get ``points/<task>.jsonl`` beside the file, as the bundled
    folder has, so the strict scoring finds the required points.

    Args:
        task: Env name of the task.
        path: The JSON Lines file to write.
        n: Train records.
        seed: The split's seed.

    Returns:
        The files written.
    """
    import json

    tests = _bundled_inputs(task)
    made = generate_records(task, n, seed, tests=tests)
    train_records(task, n, seed, tests=tests)  # the same records, checked
    path.write_text(
        "".join(json.dumps(m.raw, ensure_ascii=False) + "\n" for m in made), encoding="utf-8"
    )
    written = [path]
    if PAPER_TASKS[task].open_ended:
        points = path.parent / "points" / f"{task}.jsonl"
        points.parent.mkdir(parents=True, exist_ok=True)
        points.write_text(
            "".join(
                json.dumps({"id": m.raw["id"], "points": list(m.points)}, ensure_ascii=False) + "\n"
                for m in made
            ),
            encoding="utf-8",
        )
        written.append(points)
    return written

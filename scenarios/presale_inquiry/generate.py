"""presale_inquiry's train-split generator: a shopper's question, drawn from the catalogue.

How a case is made (the order matters):

1. **The situation**: the day, the question's kind and product (the intent is drawn
   first, each at 25%, then the product, every catalogue product alike, then a kind
   under the intent that can be asked of it: a spec
   value, a yes/no property, a size or colour in stock, two products side by side, a
   figure the shopper assumes, a price, the shipping cost of a quantity, price
   protection, a return, delivery days to a city), the SKU, quantity, claimed figure or
   region; sometimes a per-case stock or price (the world's ``set_stock``/``set_price``
   setup), so figures vary and the free-shipping threshold is met, missed or hit exactly.
2. **Gold by the rules**: ``author.fill`` (the folder's own tool) applies ``policy.py`` to
   the drawn world: entities, lookups, the facts they reveal and the answer's points.
   The intent and the ``attribute`` label follow the spec's decision lists from the kind
   drawn (the generator chose the concern, so it knows its label).
3. **The words**: earlier turns about concerns of any intent (the latest one's less
   often; with the agent's true answers, computed from the same world, sometimes with a
   general rule the agent adds unasked; the last one sometimes withdrawn unanswered),
   then the latest request (with openings and asides shared by every intent, and
   sometimes another intent's topic stated, dropped or taken back), written from
   per-kind banks of phrasings composed with openings, asides and endings shared by
   every kind (``LEADS``, ``ASIDES``, ``TAILS``), product names in several forms (title
   words, Chinese, line and trait, a pronoun when the product was just discussed), casual writing,
   typos, Chinese or pinyin words, acknowledgements of the previous answer and topics the
   shopper drops. The reference answer states the facts the world fixes, in one of
   several wordings.

**The catalogue** comes from world.json (:func:`catalogue`), never from names in this
file: every product is drawn alike (then a kind of question it can be asked), the
attributes it is asked about are its own (``KEY_LABEL`` maps a catalogue key to the
spec's ``attribute`` label; a key with no label is a ``DataError`` naming world.json),
two products of one brand and category are compared on a key they share, and the
help-centre sentences an agent adds unasked are the world's articles. A product is
named by runs of its title's words or its Chinese name, only where the words fit it
alone (all of them in its title, in no other product's). Its **line** is the most
specific words its title shares with 1-4 other products of its brand ("the soundo air":
the earbuds, the charging case, the travel pouch; "the dewy barrier face line" where the
shared words hold neither its noun nor a model name); what **tells** it from them comes
from the catalogue too: a title word of its own ("the charging case"), an attribute
value none of the others has ("the 750 ml one", "the ones that aren't waterproof"), a
comparison ("the lighter ones", "the smallest one") or a colour only it comes in. The
shopper then often names the line and one trait at once ("the summit hiking boots (the
waterproof ones)"), or names the line, is asked which one, and answers with a trait;
or asks about another product of the line by name first and then about "the other
one" or the trait. A trait never states the answer asked for (its attribute is left
out). Earlier concerns are about another product more often than not, as in the test
split.

Nothing in the dialogue quotes the annotation; the intent is never written as a number.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import WorldSetup
from ecomstage_env.errors import DataError
from ecomstage_env.scoring.points import PointsParams, echoed_points, units_in

__all__ = ["Catalogue", "Item", "catalogue", "generate_case"]

HERE = Path(__file__).resolve().parent
WORLD_FILE = HERE / "world.json"
author = import_from_folder(HERE, "author")
policy = author.policy
world_mod = author.world_mod

# -- the catalogue as shoppers name it (drawn from world.json) ----------------------------
KEY_LABEL: dict[str, str] = {
    "material": "material", "sugar_added": "material", "capacity": "capacity",
    "fit": "size", "size": "size", "waterproof": "waterproof", "battery": "battery",
    "compatibility": "compatibility", "laptop_sleeve": "compatibility",
    "magnetic": "compatibility", "weight": "weight", "dimensions": "dimensions",
    "thickness": "dimensions", "power": "power", "warranty": "warranty", "care": "care",
    "dishwasher_safe": "care", "machine_washable": "care", "dimmable": "features",
    "fragrance_free": "features", "keeps_hot": "features", "speeds": "features",
}  # fmt: skip
"""A catalogue attribute's ``attribute`` label (the spec's decision list, rule 5: fit is a
body size, thickness a dimension, a laptop sleeve or magnets what it works with, washing
is care, a food's added sugar is what it is made of, keeping drinks hot or fan speeds
another function)."""
UNASKED_KEYS = frozenset({"shelf_life", "skin_type"})
"""Catalogue attributes no label of the spec's list fits: never asked about (they still
tell a product from its line: "the one for dry hands")."""

YESNO_TELLS: dict[str, tuple[str, str]] = {
    "waterproof": ("the waterproof {one}", "the {one} that {isnt} waterproof"),
    "dishwasher_safe": ("the dishwasher-safe {one}", "the hand-wash-only {one}"),
    "machine_washable": ("the machine-washable {one}", "the hand-wash {one}"),
    "magnetic": ("the magnetic {one}", "the {one} without magnets"),
    "dimmable": ("the dimmable {one}", "the {one} you can't dim"),
    "fragrance_free": ("the fragrance-free {one}", "the scented {one}"),
    "sugar_added": ("the {one} with added sugar", "the {one} with no added sugar"),
}  # fmt: skip
"""How a shopper tells a product from its line by a yes/no attribute (yes, no)."""
VALUE_TELLS: dict[str, str] = {
    "material": "the {v} {one}", "capacity": "the {v} {one}", "weight": "the {v} {one}",
    "power": "the {v} {one}", "dimensions": "the {v} {one}",
    "thickness": "the {v} thick {one}", "fit": "the {v} fit {one}",
    "warranty": "the {one} with the {v} warranty", "battery": "the {one} with {v}",
    "compatibility": "the {one} for {v}", "laptop_sleeve": "the {one} that {v}",
    "keeps_hot": "the {one} that keeps hot for {v}", "skin_type": "the {one} for {v}",
    "shelf_life": "the {one} that keeps {v}", "speeds": "the {one} with {v}",
    "size": "the {one} in {v}", "care": "the {one} {v}",
}  # fmt: skip
"""How a shopper tells a product from its line by an attribute's value."""
COMPARATIVES: dict[str, tuple[str, str, str, str]] = {
    "weight": ("heavier", "lighter", "heaviest", "lightest"),
    "capacity": ("bigger", "smaller", "biggest", "smallest"),
    "power": ("stronger", "weaker", "strongest", "weakest"),
    "thickness": ("thicker", "thinner", "thickest", "thinnest"),
    "battery": ("longer-lasting", "shorter-lasting", "longest-lasting", "shortest-lasting"),
}
"""Figures a shopper compares within a line ("the heavier pair", "the smallest one")."""
STOPWORDS = frozenset({"for", "of", "and", "the", "a", "with"})
MAX_LINE = 5
"""A line (products a shopper's words fit) the agent lists when it asks which is meant."""


@dataclass(frozen=True)
class Item:
    """One catalogue product as shoppers and answers name it.

    Attributes:
        pid: The product id.
        short: How answers name it (its title without the Chinese name).
        plural: Whether its title names a pair or several ("boots", "earbuds").
        category: Its catalogue category.
        names: Names that fit this product alone (its title's words, a run of them,
            its Chinese name), each as a shopper writes it.
        line: The words that fit it and up to four others of its brand ("the soundo
            air", "the dewy barrier face line"), or "" when no such words exist.
        mates: The other products of its line.
        tells: ``(attribute key or "title", phrase)``: how a shopper tells it from its
            line's others ("the waterproof ones", "the 750 ml one", "the lighter one").
    """

    pid: str
    short: str
    plural: bool
    category: str
    names: tuple[str, ...]
    line: str
    mates: tuple[str, ...]
    tells: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Catalogue:
    """The world's products as the generator uses them.

    Attributes:
        items: Each product, by id.
        value_keys: ``(product, key)`` of every attribute with a value a shopper may ask
            (a label, not yes/no).
        yesno_keys: ``(product, key)`` of every yes/no attribute the policy can answer.
        claim_keys: ``value_keys`` whose value reads "<figure> <unit>" (a shopper may
            remember the figure wrong).
        pairs: ``(a, b, key)``: two products of one brand with different values of a key.
    """

    items: dict[str, Item]
    value_keys: tuple[tuple[str, str], ...]
    yesno_keys: tuple[tuple[str, str], ...]
    claim_keys: tuple[tuple[str, str], ...]
    pairs: tuple[tuple[str, str, str], ...]


def _title_words(p: dict[str, Any]) -> list[str]:
    return [w for w in str(p["title"]).split() if w.isascii()]


def _word_set(p: dict[str, Any]) -> frozenset[str]:
    words = {w.lower() for w in _title_words(p)} | {str(p["brand"]).lower()}
    return frozenset(words - STOPWORDS)


def _cjk_name(p: dict[str, Any]) -> str:
    return "".join(w for w in str(p["title"]).split() if not w.isascii())


def _fits(products: list[dict[str, Any]], words: frozenset[str], cjk: str = "") -> list[str]:
    """The products a name fits: all its words in the title (or brand), its Chinese in the title."""
    return [
        str(p["product_id"])
        for p in products
        if words <= _word_set(p) and (not cjk or cjk in _cjk_name(p))
    ]


def _head(words: list[str]) -> list[str]:
    """The title's noun phrase: its words up to "for" or "of" ("Lumo adapter")."""
    for i, w in enumerate(words):
        if w.lower() in ("for", "of") and i > 0:
            return words[:i]
    return words


def _ordered(p: dict[str, Any], words: frozenset[str]) -> str:
    """``words`` in the title's order, the brand first where the title lacks it."""
    title = _title_words(p)
    lower = [w.lower() for w in title]
    brand = str(p["brand"])
    out = [brand.lower()] if brand.lower() in words and brand.lower() not in lower else []
    out += [w.lower() for w in title if w.lower() in words]
    seen: list[str] = []
    for w in out:
        if w not in seen:
            seen.append(w)
    return " ".join(seen)


def _figure(value: str) -> tuple[float, str | None] | None:
    head = value.split(";")[0]
    found = units_in(head)
    return (found[0][0], found[0][1]) if found else None


def _name_forms(products: list[dict[str, Any]], p: dict[str, Any]) -> list[str]:
    """Names that fit ``p`` alone: its title, runs of its title's words, its Chinese name."""
    pid, brand = str(p["product_id"]), str(p["brand"]).lower()
    title = _title_words(p)
    head = [w.lower() for w in _head(title)]
    rest = [w for w in head if w != brand]
    runs: set[tuple[str, ...]] = set()
    models = {w.lower() for w in title if w[0].isupper() or w[0].isdigit()}
    for i in range(len(rest)):
        runs.add(tuple(rest[i:]))  # "crew sweater", "merino crew sweater"
        if i >= 2 and rest[i - 1] in models:
            runs.add(tuple(rest[:i]))  # "trekker 20", "summit lite"
    for run in list(runs):
        runs.add((brand, *run))
    forms: list[str] = []
    if _fits(products, _word_set(p)) == [pid]:
        forms.append("the " + " ".join(title))
    for run in sorted(runs):
        words = frozenset(run) - STOPWORDS
        if not words or all(w.replace(".", "").isdigit() for w in words - {brand}):
            continue
        if _fits(products, words) == [pid]:
            forms.append("the " + " ".join(run))
    cjk = _cjk_name(p)
    if cjk and _fits(products, frozenset(), cjk) == [pid]:
        forms += [cjk, f"{brand} {cjk}"]
        if rest and _fits(products, frozenset({rest[0]}), cjk) == [pid]:
            forms.append(f"{rest[0]} {cjk}")
    return forms


def _line(products: list[dict[str, Any]], p: dict[str, Any]) -> tuple[str, list[str]]:
    """The most specific words ``p``'s title shares with 1-4 other products of its brand.

    Words that hold its noun or a model name ("the summit hiking boots", "the soundo air")
    come first; otherwise the words are a "line" ("the dewy barrier face line").
    """
    pid, brand = str(p["product_id"]), str(p["brand"]).lower()
    own = sorted(_word_set(p))
    head_noun = _head(_title_words(p))[-1].lower()
    models = {w.lower() for w in _title_words(p)[1:] if w[0].isupper() or w[0].isdigit()}
    best: tuple[tuple[int, int, int, int], frozenset[str]] | None = None
    for r in range(1, len(own) + 1):
        for combo in itertools.combinations(own, r):
            words = frozenset(combo)
            if not words - {brand} or all(w.replace(".", "").isdigit() for w in words - {brand}):
                continue
            natural = head_noun in words or bool(words & models)  # else "the lumo desk line"
            fit = [q for q in _fits(products, words) if q != pid]
            same_brand = all(
                str(q["brand"]).lower() == brand for q in products if q["product_id"] in fit
            )
            if not 1 <= len(fit) < MAX_LINE or not same_brand:
                continue
            rank = (int(natural), len(words), int(head_noun in words), -len(fit))
            if best is None or rank > best[0]:
                best = (rank, words)
    if best is None:
        return "", []
    words = best[1]
    if brand in words and head_noun in words:
        bare = words - {brand}
        if sorted(_fits(products, bare)) == sorted(_fits(products, words)):
            words = bare
    mates = [q for q in _fits(products, words) if q != pid]
    line = "the " + _ordered(p, words) + ("" if best[0][0] else " line")
    return line, sorted(mates)


def _tells(
    products: dict[str, dict[str, Any]], p: dict[str, Any], mates: list[str]
) -> list[tuple[str, str]]:
    """How a shopper tells ``p`` from ``mates``: title words, an attribute, a comparison."""
    if not mates:
        return []
    one = "ones" if _plural(p) else "one"
    isnt = "aren't" if _plural(p) else "isn't"
    others = [products[m] for m in mates]
    tells: list[tuple[str, str]] = []
    mine = [w for w in _title_words(p) if w.lower() not in STOPWORDS]
    unique = [w for w in mine if all(w.lower() not in _word_set(o) for o in others)]
    if unique and " ".join(unique) in " ".join(mine):  # contiguous: "the charging case"
        head_noun = _head(_title_words(p))[-1]
        text = " ".join(unique).lower()
        tells.append(("title", f"the {text}" if head_noun in unique else f"the {text} {one}"))
    attrs: dict[str, str] = p["attributes"]
    for key in sorted(attrs):
        head = attrs[key].split(";")[0].strip()
        theirs = [str(o["attributes"].get(key, "")).split(";")[0].strip() for o in others]
        if head in theirs:
            continue
        if key in YESNO_TELLS and head.lower() in ("yes", "no"):
            # A "no" tells it apart only where every other has the property stated.
            if all(t.lower() in ("yes", "no") for t in theirs if t) and (
                head.lower() == "yes" or all(theirs)
            ):
                yes, no = YESNO_TELLS[key]
                tells.append(
                    (key, (yes if head.lower() == "yes" else no).format(one=one, isnt=isnt))
                )
        elif key in VALUE_TELLS and len(head.split()) <= 6:
            tells.append((key, VALUE_TELLS[key].format(v=head, one=one)))
        if key in COMPARATIVES and all(t for t in theirs):
            mine_fig = _figure(attrs[key])
            figs = [_figure(str(o["attributes"][key])) for o in others]
            if mine_fig and all(f and f[1] == mine_fig[1] for f in figs):
                values = [f[0] for f in figs if f]
                more, less, most, least = COMPARATIVES[key]
                two = len(others) == 1
                if mine_fig[0] > max(values):
                    tells.append((key, f"the {more if two else most} {one}"))
                elif mine_fig[0] < min(values):
                    tells.append((key, f"the {less if two else least} {one}"))
    colours = sorted({s["options"]["color"] for s in p["skus"] if "color" in s["options"]})
    taken = {s["options"].get("color") for o in others for s in o["skus"]}
    for colour in colours:
        if colour not in taken:
            comes = "come" if _plural(p) else "comes"
            tells.append(("stock", f"the {one} that {comes} in {colour}"))
    return tells


_SPLITS = re.compile(r"[,;]|\b(?:and|or|but|while|vs|than)\b")
"""What splits an answer's clause (the scorer's owners read a value within one clause)."""


def _comparable(p: dict[str, Any], q: dict[str, Any]) -> bool:
    """Two products a shopper compares: one brand and category, neither an accessory "for" another."""
    same = (p["brand"], p["category"]) == (q["brand"], q["category"])
    return same and not {"for", "of"} & {w.lower() for w in _title_words(p) + _title_words(q)}


def _comparable_values(a: str, b: str) -> bool:
    """Two values an answer states side by side: different, each read in one clause, one unit."""
    a, b = a.split(";")[0].strip(), b.split(";")[0].strip()
    if a == b or _SPLITS.search(a) or _SPLITS.search(b):
        return False
    fa, fb = _figure(a), _figure(b)
    return (fa is None) == (fb is None) and (fa is None or fb is None or fa[1] == fb[1])


def _plural(p: dict[str, Any]) -> bool:
    noun = _head(_title_words(p))[-1].lower()
    return noun.endswith("s") and not noun.endswith("ss")


@functools.lru_cache(maxsize=4)
def _catalogue_of(products_json: str) -> Catalogue:
    products: list[dict[str, Any]] = json.loads(products_json)
    by_id = {str(p["product_id"]): p for p in products}
    items: dict[str, Item] = {}
    value_keys: list[tuple[str, str]] = []
    yesno_keys: list[tuple[str, str]] = []
    claim_keys: list[tuple[str, str]] = []
    for pid in sorted(by_id):
        p = by_id[pid]
        for key in sorted(p["attributes"]):
            value = str(p["attributes"][key])
            if key in UNASKED_KEYS:
                continue
            if key not in KEY_LABEL:
                raise DataError(
                    WORLD_FILE,
                    f"product {pid}: attribute {key!r} has no label in the generator's "
                    "KEY_LABEL (nor is it in UNASKED_KEYS)",
                    field=f"products.{pid}.attributes.{key}",
                )
            head = value.split(";")[0].strip().lower()
            if head in ("yes", "no"):
                if key not in YESNO_TELLS:
                    raise DataError(
                        WORLD_FILE,
                        f"product {pid}: yes/no attribute {key!r} has no phrasing",
                        field=f"products.{pid}.attributes.{key}",
                    )
                _, detail = policy.yes_no(value)
                if head == "no" or policy.numbers(detail):
                    yesno_keys.append((pid, key))
                continue
            value_keys.append((pid, key))
            if CLAIMABLE.match(value.split(";")[0].strip()):
                claim_keys.append((pid, key))
        names = _name_forms(products, p)
        line, mates = _line(products, p)
        tells = _tells(by_id, p, mates)
        if not names and not tells:
            raise DataError(
                WORLD_FILE,
                f"product {pid}: no name fits it alone and nothing tells it from its line",
                field=f"products.{pid}.title",
            )
        items[pid] = Item(
            pid=pid,
            short="The " + " ".join(_title_words(p)),
            plural=_plural(p),
            category=str(p["category"]),
            names=tuple(names),
            line=line,
            mates=tuple(mates),
            tells=tuple(tells),
        )
    pairs = [
        (a, b, key)
        for a, b in itertools.permutations(sorted(by_id), 2)
        if _comparable(by_id[a], by_id[b])
        for key in sorted(set(by_id[a]["attributes"]) & set(by_id[b]["attributes"]))
        if key in COMPARE_WORDS
        and (a, key) in value_keys
        and (b, key) in value_keys
        and _comparable_values(by_id[a]["attributes"][key], by_id[b]["attributes"][key])
    ]
    return Catalogue(
        items=items,
        value_keys=tuple(value_keys),
        yesno_keys=tuple(yesno_keys),
        claim_keys=tuple(claim_keys),
        pairs=tuple(pairs),
    )


def catalogue(base: dict[str, Any]) -> Catalogue:
    """The world's catalogue as the generator names and asks about it.

    Args:
        base: The shared world data (world.json's content).

    Raises:
        DataError: An attribute no label fits, or a product nothing names alone.
    """
    return _catalogue_of(json.dumps(base["products"], sort_keys=True, ensure_ascii=False))


COMPARE_WORDS: dict[str, str] = {
    "battery": "battery", "warranty": "warranty", "weight": "weight", "material": "material",
    "fit": "fit", "capacity": "capacity", "power": "wattage", "dimensions": "size",
    "thickness": "thickness", "keeps_hot": "how long it keeps hot",
}  # fmt: skip
"""Attributes two products are compared on, and the shopper's word for each."""
CLAIMABLE = re.compile(r"^\d+(?:\.\d+)? [^\d]+$")
"""A catalogue value a shopper may misremember: one figure, then its unit ("1.1 kg per pair")."""
CATEGORY_WORD = {
    "sports": "sports gear", "electronics": "electronics", "kitchen": "kitchenware",
    "apparel": "clothing", "underwear": "underwear", "beauty": "beauty products",
    "food": "food", "home": "home goods",
}  # fmt: skip
"""How answers name a category (a category the table lacks: "<category> items")."""

CITIES: list[tuple[str, str]] = [
    ("Hangzhou", "Zhejiang"), ("Ningbo", "Zhejiang"), ("Wenzhou", "Zhejiang"),
    ("Nanjing", "Jiangsu"), ("Suzhou", "Jiangsu"), ("Wuxi", "Jiangsu"),
    ("Shanghai", "Shanghai"), ("Urumqi", "Xinjiang"), ("Kashgar", "Xinjiang"),
    ("Lhasa", "Tibet"), ("Shigatse", "Tibet"), ("Xining", "Qinghai"), ("Golmud", "Qinghai"),
    ("Chengdu", "Sichuan"), ("Kunming", "Yunnan"), ("Wuhan", "Hubei"),
    ("Guangzhou", "Guangdong"), ("Shenzhen", "Guangdong"), ("Beijing", "Beijing"),
    ("Harbin", "Heilongjiang"), ("Changsha", "Hunan"), ("Zhengzhou", "Henan"),
    ("Qingdao", "Shandong"), ("Xiamen", "Fujian"), ("Nanning", "Guangxi"),
    ("Hefei", "Anhui"), ("Shenyang", "Liaoning"), ("Tianjin", "Tianjin"),
    ("Guiyang", "Guizhou"), ("Lanzhou", "Gansu"), ("Haikou", "Hainan"),
]  # fmt: skip

SIBLING_KINDS = {
    "1": ["value", "yesno", "stock"],
    "3": ["delivery"],
    "4": ["returns"],
    "6": ["shipping_fee", "price_protection"],
}
"""Kinds of the question about another product of the line (of any intent, as earlier
concerns are)."""
SIBLING_SHARE = 0.95
"""Share of latest requests, about a product with a line, told from the line in the talk."""
SIBLING_FIRST_SHARE = 0.6
"""Of those, the share that first asks about another product of the line by name."""

KINDS_OF: dict[str, list[str]] = {
    "1": ["value", "yesno", "stock", "compare", "claim_spec"],
    "3": ["delivery"],
    "4": ["returns"],
    "6": ["claim_price", "shipping_fee", "price_protection"],
}
INTENT_OF = {k: i for i, ks in KINDS_OF.items() for k in ks}
INTENT_WEIGHTS = {"1": 25, "3": 25, "4": 25, "6": 25}
"""The latest request's intent is drawn first and balanced: no intent is more likely a
priori (``delivery_time`` and ``return_policy``, one kind each, are then each the gold
attribute of about a quarter of the cases)."""
EARLIER_SAME = 0.7
"""Weight of the latest request's intent when drawing an earlier concern (others: 1)."""
LEAD_SHARE, DROP_SHARE, MENTION_SHARE, ASIDE_SHARE = 0.3, 0.35, 0.45, 0.45
"""Shares of latest turns with a shared opening (``LEADS``), a dropped or taken-back topic,
another topic's context (``MENTIONS``); of all questions with an aside (``ASIDES``)."""
WITHDRAWN_SHARE = 0.7
"""Share of cases whose last earlier question the shopper withdraws before it is answered."""
WITHDRAW = ["actually never mind that one, I'll check the page myself", "hm scratch that, not important",
            "wait, forget that, I found it", "oh ignore that, my mistake", "actually no, skip that",
            "算了 never mind that", "no wait, I just saw it on the page", "never mind, my friend knows",
            "hold on, not needed after all", "eh forget it, doesn't matter now"]  # fmt: skip
TAKEN_BACK = [
    "... no wait, never mind that.",
    " - actually forget that, what I need is:",
    ", hmm no, scratch that.",
    " - no, not that, sorry.",
    "... ok ignore that bit,",
]
"""How the shopper takes back a question of another intent asked in the latest turn."""
WITHDRAWN_REPLIES = ["No problem.", "Sure, no worries.", "Okay!", "Alright, just let me know."]
VOLUNTEER_SHARE = 0.5
"""Share of earlier answers followed by a general rule of any topic (``VOLUNTEERED``)."""

# -- phrase banks ---------------------------------------------------------------------
GREETINGS = ["hi", "hello", "hey", "Hi there,", "Hello!", "hiya", "你好", "亲,", "good evening,",
             "hi, quick question:", "um hello", ""]  # fmt: skip
CLOSERS = ["", "", "", " thanks", " thx!", " 谢谢", " cheers", " pls", " ty", " :)",
           " thanks in advance", " asap if possible"]  # fmt: skip
ACKS: dict[str, list[str]] = {
    "value": ["ok noted on the specs.", "got it, good to know what it's made of / how big it is.", "hm ok, that spec works."],
    "yesno": ["ok that settles the waterproof / washing question.", "ah ok, good to know about that feature.", "fine, understood re the feature."],
    "stock": ["ok good, so it's in stock / available.", "nice, so there's stock.", "ok, availability noted."],
    "compare": ["ok so the difference between the two is clear.", "thanks for comparing them.", "hm fair, the other one is different then."],
    "claim_spec": ["ah I misremembered the spec then.", "ok my bad on the figure.", "oh, thanks for correcting the spec."],
    "claim_price": ["ok so that's the price, cost is fine.", "right, price noted.", "ok the price and discount are clear."],
    "shipping_fee": ["ok about the postage / shipping fee.", "fine re the shipping cost and free delivery.", "ok the fee part is clear."],
    "price_protection": ["ok about price drops and price protection.", "noted on the price protection thing."],
    "returns": ["ok, good to know I can return or send it back.", "noted re returns and sending it back.", "ok the return rules are clear."],
    "delivery": ["ok so delivery takes a few days, fine.", "ok that's quick enough, days are fine.", "noted on how long delivery takes."],
}  # fmt: skip

DROPPED: dict[str, list[str]] = {
    "1": [
        "never mind the specs,",
        "forget the size / colour question,",
        "skip the material thing,",
    ],
    "3": [
        "forget how long delivery takes,",
        "never mind the delivery days,",
        "the arrival time doesn't matter,",
    ],
    "4": ["never mind returns,", "forget about sending it back,", "return policy doesn't matter,"],
    "6": ["forget the price,", "never mind the postage / cost,", "the discount doesn't matter,"],
}
"""Openings that drop a topic: its words sit in the latest turn, but it is not the request."""

MENTIONS: dict[str, list[str]] = {
    "1": [
        "the size chart was clear,", "I already know the specs,", "the material looks fine to me,",
        "I checked the colours on the page,", "my old one was the same size,",
        "it's in stock, I saw that,",
    ],
    "3": [
        "I'm not in a hurry for delivery,", "I'll pick a slow courier anyway,",
        "my last parcel from you came quickly,", "delivery to my address is usually fine,",
        "no rush on shipping days,", "the courier here is reliable,",
    ],
    "4": [
        "I returned my last pair because they were too small,",
        "I sent back an earlier order and the refund came fine,",
        "I had to exchange something last month,", "the repair on my old one went ok,",
        "not planning to return anything,", "my refund from last time came through,",
    ],
    "6": [
        "the price is fine,", "I don't mind paying a bit more,", "I saw the discount already,",
        "cost isn't the issue,", "the postage I can live with,", "I already paid for a similar one,",
    ],
}  # fmt: skip
"""Context a shopper states about another intent's topic before asking (the spec's hard
negatives: a price word inside a product question, a return of an earlier order while
asking a spec, delivery words in a stock question). A statement, not a request: the
guideline judges the request, so these never change the intent."""

LEADS = [
    "quick one:", "one more thing -", "before I order,", "so,", "also", "ok and", "another question:",
    "wondering -", "sorry, last one:", "btw", "need to check:", "just to be sure,", "",
]  # fmt: skip
"""Openings of a request, shared by every intent (words that do not decide)."""

VOLUNTEERED: dict[str, tuple[str, ...]] = {
    "1": ("A-WARR",), "3": ("A-DELIV",), "4": ("A-RET", "A-EXC"), "6": ("A-FEE", "A-PP"),
}  # fmt: skip
"""What an agent adds unasked after an answer: a sentence of a help-centre article of any
intent's topic (the world's own rules, true for every case), so an answer's words do not
mark its intent as the one already answered."""

ASIDES = [
    "my wife has the same model,", "I read the listing twice,", "my wife hates clutter, so",
    "don't want to get this wrong,", "worried I'll pick the wrong one,", "I'd like to order soon,",
    "at the moment I'm comparing shops,", "yeah so", "a friend said it's good,",
    "it's a gift, so", "the page has a lot of info,", "I like the white one,",
    "for my home,", "no extra questions after this,", "I'd buy two if it's right,",
    "是这样的,", "我想要一个,", "my son would use it too,", "saw it in your live stream,",
    "same as my neighbour's maybe,", "I don't know much about these,", "would be for travel,",
    "it's for work,", "hope you can help,", "not sure it'll fit me,", "my wife might hate it, but",
    "I might change my mind later, anyway", "hope it's what I pictured,", "if the taste is ok I'll buy more,",
    "I don't like guessing,", "worried about this one,", "is it worth it? anyway",
]  # fmt: skip
"""Asides any question may carry (a gift, a friend, a comparison): shared by every intent,
and made of words the per-kind banks also use, so those words do not decide the intent."""


REFERRING = re.compile(r"(Below|During|The day|Items|This|That|It|We refund)\b")
"""Openings of an article's sentence that lean on the one before it (not said alone)."""


def _volunteer(rng: random.Random, state: Any) -> str:
    """Sometimes a help-centre rule the agent adds unasked (any topic), with a leading space."""
    if rng.random() >= VOLUNTEER_SHARE:
        return ""
    ids = VOLUNTEERED[rng.choice(sorted(VOLUNTEERED))]
    bodies = [a.body for a in state.articles if a.article_id in ids]
    sentences = [
        x.strip()
        for b in bodies
        for x in re.split(r"(?<=\.) ", b)
        if x.strip() and not REFERRING.match(x.strip())
    ]
    return " " + rng.choice(sentences) if sentences else ""


LINE_NAME_SHARE = 0.5
"""Share of namings, of a product with a line, by the line and a trait ("the summit hiking
boots (the waterproof ones)"); always so for a product no words fit alone."""


def _name(rng: random.Random, cat: Catalogue, pid: str, avoid: str = "") -> str:
    """How the shopper names a product: alone, or by its line and a trait.

    ``avoid`` is the attribute asked about: a trait never states its answer.
    """
    item = cat.items[pid]
    tells = _tells_for(item, avoid)
    if tells and (not item.names or rng.random() < LINE_NAME_SHARE):
        form = rng.choice(["{l} ({t})", "{l}, {t},", "{l} - {t} -", "{t} of {l}"])
        return form.format(l=item.line, t=rng.choice(tells))
    return rng.choice(item.names or (item.short.lower(),))


def _tells_for(item: Item, avoid: str) -> list[str]:
    """The phrases that tell ``item`` from its line, but those about ``avoid``."""
    return [t for key, t in item.tells if key != avoid]


def _listing(shorts: list[str]) -> str:
    """A line's products as the agent lists them, the words they share said once.

    "the Dewy barrier face mask, the serum, the cream or the gift box".
    """
    words = [x.split()[1:] for x in shorts]  # without "The"
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({w[shared].lower() for w in words}) == 1:
        shared += 1
    names = ["the " + " ".join(words[0])] + ["the " + " ".join(w[shared:]) for w in words[1:]]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _it(cat: Catalogue, pid: str) -> str:
    return "them" if cat.items[pid].plural else "it"


def _pick(
    rng: random.Random, keys: tuple[tuple[str, str], ...], pid: str | None
) -> tuple[str, str]:
    """A ``(product, key)``: of ``pid``, or of a product drawn first (every product alike)."""
    if pid is None:
        pid = rng.choice(sorted({k[0] for k in keys}))
    return rng.choice([k for k in keys if k[0] == pid])


def _can_ask(cat: Catalogue, kind: str, pid: str) -> bool:
    """Whether a question of ``kind`` can be asked about ``pid``."""
    keys = {
        "value": cat.value_keys,
        "yesno": cat.yesno_keys,
        "claim_spec": cat.claim_keys,
        "compare": tuple((a, k) for a, _, k in cat.pairs),
    }.get(kind)
    return keys is None or any(k[0] == pid for k in keys)


def _opt(sku: Any) -> str:
    """A SKU's options as a shopper writes them ("size 42", "M navy", "white")."""
    opts = dict(sku.options)
    if "size" in opts and "color" in opts:
        return f"{opts['size']} {opts['color']}"
    if "size" in opts:
        return f"size {opts['size']}" if opts["size"].isdigit() else opts["size"]
    return str(next(iter(opts.values()), sku.sku))


def _g(x: float) -> str:
    return f"{x:g}"


def _typos(rng: random.Random, text: str) -> str:
    """Casual writing: lower case, a dropped or swapped letter, no final punctuation."""
    if rng.random() < 0.35:
        text = text.lower()
    words = text.split(" ")
    if rng.random() < 0.3 and len(words) > 3:
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) > 4 and w.isalpha() and w.isascii():
            j = rng.randrange(1, len(w) - 2)
            words[k] = (
                w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
            )
        text = " ".join(words)
    if rng.random() < 0.3:
        text = text.rstrip("?.!")
    return text


# -- planning a question: kind, product, refs, setup calls -----------------------------
def _plan(
    rng: random.Random,
    state: Any,
    cat: Catalogue,
    kind: str,
    *,
    setup: bool,
    pid: str | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The refs (and setup calls) of one question of ``kind`` (about ``pid`` if given).

    Raises:
        IndexError: ``pid`` has nothing a question of ``kind`` can ask.
    """
    prods = {p.product_id: p for p in state.products}
    calls: list[dict[str, Any]] = []
    refs: dict[str, Any]
    if kind in ("value", "yesno"):
        pid, key = _pick(rng, cat.value_keys if kind == "value" else cat.yesno_keys, pid)
        refs = {"product_id": pid, "attribute": KEY_LABEL[key], "kind": kind}
        if key != refs["attribute"]:
            refs["key"] = key
        return refs, calls
    if kind == "compare":
        pairs = [c for c in cat.pairs if pid is None or c[0] == pid]
        if pid is None:
            first = rng.choice(sorted({c[0] for c in pairs}))
            pairs = [c for c in pairs if c[0] == first]
        a, b, key = rng.choice(pairs)
        refs = {"product_id": a, "attribute": KEY_LABEL[key], "kind": "compare", "other_id": b}
        if key != refs["attribute"]:
            refs["key"] = key
        return refs, calls
    if kind == "claim_spec":
        pid, key = _pick(rng, cat.claim_keys, pid)
        figs = policy.numbers(prods[pid].attributes[key].split(";")[0])
        true = figs[0]
        choices = {round(true * f, 2 if true < 10 else 0) for f in (0.5, 0.75, 1.25, 1.5, 2)}
        claimed = rng.choice(sorted(c for c in choices if c > 0 and c not in figs))
        refs = {"product_id": pid, "attribute": KEY_LABEL[key], "kind": "claim"}
        if key != refs["attribute"]:
            refs["key"] = key
        refs["claimed"] = int(claimed) if float(claimed).is_integer() else claimed
        return refs, calls
    pid = pid or rng.choice(sorted(cat.items))
    p = prods[pid]
    if kind == "stock":
        sku = rng.choice(p.skus)
        if setup and rng.random() < 0.5:
            calls.append(
                {
                    "name": "set_stock",
                    "arguments": {
                        "sku": sku.sku,
                        "stock": rng.choice([0, 0, 1, 2, 3, 5, 7, 9, 13, 18]),
                    },
                }
            )
        return {"product_id": pid, "attribute": "stock", "kind": "stock", "sku": sku.sku}, calls
    if kind == "claim_price":
        sku = rng.choice(p.skus)
        refs = {"product_id": pid, "attribute": "price", "kind": "claim", "sku": sku.sku}
        return refs, calls  # the claimed figure is drawn once the world is set (_claim_price)
    if kind == "shipping_fee":
        sku = rng.choice(p.skus)
        qty = rng.choice([1, 1, 1, 2, 2, 3, 4])
        if setup and rng.random() < 0.35:
            target = rng.choice([95, 98, 99, 99, 100, 105, 89.9, 99.5])
            price = round(target / qty, 1)
            calls.append(
                {
                    "name": "set_price",
                    "arguments": {"sku": sku.sku, "price": price, "since": "2026-06-17"},
                }
            )
        refs = {
            "product_id": pid,
            "attribute": "shipping_fee",
            "kind": "shipping_fee",
            "sku": sku.sku,
        }
        if qty > 1:
            refs["qty"] = qty
        return refs, calls
    if kind == "price_protection":
        return {
            "product_id": pid,
            "attribute": "price_protection",
            "kind": "price_protection",
        }, calls
    if kind == "returns":
        return {"product_id": pid, "attribute": "return_policy", "kind": "returns"}, calls
    if kind == "delivery":
        zone = rng.randrange(3)
        cities = [
            c for c in CITIES
            if (policy.DELIVERY_ZONES.get(c[1], policy.OTHER_ZONE)) == [(1, 2), (5, 7), (2, 4)][zone]
        ]  # fmt: skip
        city, prov = rng.choice(cities)
        refs = {"product_id": pid, "attribute": "delivery_time", "kind": "delivery", "region": prov}
        refs["_city"] = city
        return refs, calls
    raise ValueError(kind)


def _price_calls(
    rng: random.Random, state: Any, refs: dict[str, Any], today: str
) -> list[dict[str, Any]]:
    """A per-case price for a price question, some of the time (figures vary)."""
    p = next(x for x in state.products if x.product_id == refs["product_id"])
    sku = next(s for s in p.skus if s.sku == refs["sku"])
    if rng.random() < 0.5:
        return []
    factor = rng.choice([0.8, 0.85, 0.9, 0.95, 1.1])
    price = float(round(sku.price * factor))
    day = int(today[-2:]) - rng.randrange(0, 5)
    since = f"{today[:-2]}{day:02d}"
    return [{"name": "set_price", "arguments": {"sku": sku.sku, "price": price, "since": since}}]


# -- writing a question and its answer ------------------------------------------------
def _question(
    rng: random.Random, state: Any, cat: Catalogue, refs: dict[str, Any], ref: str
) -> str:
    """The shopper's words for a question, sometimes behind an aside (``ASIDES``)."""
    q = _ask(rng, state, cat, refs, ref)
    if rng.random() < TAIL_SHARE:
        if rng.random() < 0.5:
            tail = rng.choice(TAILS)
        else:
            tail = rng.choice([", it's for {p}", " - buying for {p}", " ({p})"])
            tail = tail.format(p=rng.choice(PURPOSES))
        q = q.rstrip("?") + tail
    if rng.random() < ASIDE_SHARE:
        q = rng.choice(ASIDES) + " " + q
    return q


RETURN_REASONS: dict[str, list[str]] = {
    "any": ["I don't like it", "I change my mind", "it's not what I pictured", "my wife hates it",
            "it turns out I don't need it"],
    "apparel": ["it doesn't fit", "the colour looks off", "the size is wrong"],
    "underwear": ["they don't fit", "the size is wrong"],
    "sports": ["it doesn't fit", "it's too small"], "food": ["the taste isn't for me", "it's too sweet"],
    "beauty": ["it breaks me out", "I don't like the feel"], "home": ["it's too big for my desk"],
    "kitchen": ["it's smaller than I thought"], "electronics": ["it doesn't suit my phone"],
}  # fmt: skip
"""Why a shopper might send something back (a dislike, never a quality problem), by category."""
TAILS = [
    " - asking before I pay",
    ", need to decide today",
    ", trying to plan",
    " if you know",
    " - sorry for all the questions",
    ", just checking",
    " 谢谢啦",
    ", before the sale ends",
    " - the page wasn't clear to me",
    ", no rush",
    " (asking for a friend)",
    ", I'm on the app",
]
PURPOSES = [
    "my mum",
    "my sister",
    "the office",
    "a trip next month",
    "my dad's birthday",
    "a colleague",
    "our new flat",
    "my brother",
    "the holidays",
    "a friend's wedding",
]
TAIL_SHARE = 0.25
"""Endings a question may take (``TAIL_SHARE`` of them), or a purpose ("it's for my mum"):
shared by every kind, words that do not decide."""


def _ask(rng: random.Random, state: Any, cat: Catalogue, refs: dict[str, Any], ref: str) -> str:
    """The shopper's words for a question; ``ref`` is how the product is named."""
    kind, pid = refs["kind"], refs["product_id"]
    p = next(x for x in state.products if x.product_id == pid)
    key = refs.get("key") or refs["attribute"]
    it = ref
    if kind == "value":
        bank = {
            "material": [
                "what's {it} made of?",
                "what material is {it}",
                "{it} - 什么材质?",
                "is {it} real {guess} or some blend?",
                "fabric / material of {it}?",
            ],
            "weight": [
                "how heavy is {it}?",
                "what does {it} weigh",
                "{it} 多重?",
                "weight of {it}? I carry everything on foot",
            ],
            "warranty": [
                "how long is the guarantee on {it}?",
                "what warranty comes with {it}",
                "{it} 保修多久?",
                "if {it} breaks, how long am I covered",
            ],
            "battery": [
                "how long does {it} last on a charge?",
                "battery life of {it}?",
                "{it} 续航多久",
                "will {it} last a long-haul flight",
            ],
            "compatibility": [
                "what does {it} work with?",
                "will {it} work with my phone",
                "{it} compatible with what?",
                "does {it} fit my stuff, what's supported",
            ],
            "capacity": [
                "how much does {it} hold?",
                "what's the volume of {it}",
                "{it} 容量多少",
                "how many ml / litres is {it}",
            ],
            "power": [
                "how many watts is {it}?",
                "what's the wattage on {it}",
                "{it} 功率多少",
                "power draw of {it}? old wiring here",
            ],
            "fit": [
                "how does {it} fit, slim or loose?",
                "is {it} cut tight or roomy",
                "{it} 版型怎么样",
            ],
            "dimensions": [
                "how big is {it} exactly?",
                "dimensions of {it}?",
                "{it} 尺寸多大",
                "will {it} fit in a small space, what size is it",
            ],
            "thickness": [
                "how thick is {it}?",
                "{it} 多厚",
                "is {it} thick enough for bad knees, how many mm",
            ],
            "laptop_sleeve": [
                "what size laptop fits in {it}?",
                "will my laptop go in {it}",
                "{it} 能放多大的电脑",
            ],
            "keeps_hot": [
                "how long does {it} keep tea hot?",
                "{it} 保温多久",
                "will {it} keep coffee hot all day, how many hours",
            ],
            "speeds": ["how many speeds does {it} have?", "{it} 有几档", "speed settings on {it}?"],
            "size": ["what sizes does {it} come in?", "{it} 有什么尺寸", "which size is {it}"],
            "care": ["what do I use {it} for exactly?", "is {it} for hand wash or machine?",
                     "{it} 怎么用"],
        }[key]  # fmt: skip
        return rng.choice(bank).format(
            it=it, guess=rng.choice(["cotton", "leather", "wool", "plastic"])
        )
    if kind == "yesno":
        bank = {
            "waterproof": [
                "is {it} waterproof?",
                "can I use {it} in heavy rain",
                "{it} 防水吗",
                "will {it} survive getting soaked?",
                "can {it} get wet, like properly wet",
            ],
            "dishwasher_safe": [
                "can {it} go in the dishwasher?",
                "{it} 能放洗碗机吗",
                "dishwasher ok for {it}?",
            ],
            "machine_washable": [
                "can I machine wash {it}?",
                "{it} 能机洗吗",
                "washing machine ok for {it} or hand only?",
            ],
            "magnetic": ["does {it} work with magsafe?", "is {it} magnetic", "{it} 支持磁吸吗"],
            "dimmable": [
                "can {it} be dimmed?",
                "{it} 能调光吗",
                "does {it} have brightness levels",
            ],
            "fragrance_free": [
                "does {it} have any scent?",
                "is {it} fragrance free? sensitive skin",
                "{it} 有香味吗",
            ],
            "sugar_added": [
                "is there sugar added in {it}?",
                "{it} 加糖了吗",
                "any added sugar in {it}",
            ],
        }[key]
        return rng.choice(bank).format(it=it)
    if kind == "compare":
        o = _name(rng, cat, refs["other_id"], key)
        pair = {
            "battery": "which lasts longer on battery, {a} or {b}?",
            "warranty": "warranty on {a} vs {b}, which is longer?",
            "weight": "which is lighter, {a} or {b}?",
            "material": "what are {a} and {b} each made of?",
            "fit": "how do {a} and {b} fit compared?",
            "capacity": "{a} vs {b}, how much does each hold",
            "power": "how many watts are {a} and {b}, each?",
            "dimensions": "how big are {a} and {b}, each?",
            "thickness": "which is thicker, {a} or {b}?",
            "keeps_hot": "{a} or {b}: which keeps drinks hot longer?",
        }
        word = COMPARE_WORDS[key]
        alt = ["{a} 和 {b} 比一下 " + word, "compare {a} with {b} for me: " + word + "?"]
        return str(rng.choice([pair[key], pair[key], *alt]).format(a=it, b=o))
    if kind == "claim":
        c = _g(float(refs["claimed"]))
        if key == "price":
            sku = next(s for s in p.skus if s.sku == refs["sku"])
            v = _opt(sku) if len(p.skus) > 1 else ""
            tail = " and no hidden fees / postage on top?" if refs.get("also") else ""
            bank = [
                "{it} {v} costs {c}?" + tail,
                "saw {it} {v} for {c}, still that price?" + tail,
                "{it} {v} - {c} yuan?" + tail,
                "my friend said {it} {v} is {c}, is that what it costs" + tail,
                "{it} {v} 是{c}吗" + tail,
                "is {it} {v} still {c}" + tail,
            ]
            return " ".join(rng.choice(bank).format(it=it, v=v, c=c).split())
        bank = [
            "{it} is {c} {u}, right?",
            "I read {it} has {c} {u}, yeah?",
            "{it}: {c} {u} correct?",
        ]
        u = p.attributes[key].split(";")[0].strip().split(" ", 1)[1]
        return rng.choice(bank).format(it=it, c=c, u=u)
    if kind == "stock":
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        o = _opt(sku)
        bank = ["do you have {it} in {o}?", "{it} {o} 有货吗", "is {o} available for {it}?",
                "can I still get {it} in {o}", "any {o} left of {it}?"]  # fmt: skip
        if len(p.skus) == 1:
            bank = ["is {it} in stock?", "{it} 有货吗", "can I still order {it}, any left?",
                    "do you have {it} right now", "any {it} left?"]  # fmt: skip
        return rng.choice(bank).format(it=it, o=o)
    if kind == "shipping_fee":
        q = int(refs.get("qty", 1))
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        v = f" ({_opt(sku)})" if len(p.skus) > 1 else ""
        n = {1: "one", 2: "two", 3: "three", 4: "four"}[q]
        bank = ["if I order {n} of {it}{v}, is postage extra?", "{n} x {it}{v}, 要运费吗?",
                "shipping cost for {n} of {it}{v}?", "do I pay delivery on {n} of {it}{v}",
                "{n} {it}{v} - bao you ma?", "would {n} of {it}{v} ship free or not",
                "what does it cost to send {n} of {it}{v}", "postage on {n} of {it}{v}, how much?",
                "{n} of {it}{v} in one order - any shipping fee?"]  # fmt: skip
        return rng.choice(bank).format(
            it=it, n=n if q > 1 or rng.random() < 0.5 else "just one", v=v
        )
    if kind == "price_protection":
        bank = ["if {it} gets cheaper after I buy, do I get the difference?", "{it} 保价吗?",
                "is there price protection on {it}", "what if the price of {it} drops next week",
                "buying {it} now - any refund if it goes on sale later?",
                "does price protection cover {it}", "{it} 有价保吗",
                "should I wait for a sale on {it} or do you refund a price drop",
                "if {it} is cheaper in a few days, can I claim back the gap?"]  # fmt: skip
        return rng.choice(bank).format(it=it)
    if kind == "returns":
        why = rng.choice(RETURN_REASONS.get(p.category, []) + RETURN_REASONS["any"])
        bank = ["can I send {it} back if {why}?", "{it} 可以退吗, in case {why}",
                "what's the return policy for {it} if {why}", "if {why}, can {it} be returned?",
                "is {it} returnable? worried {why}", "say {why} - could I return {it}?",
                "{it}: if {why}, do I get my money back", "{it} 能退货吗? {why} maybe",
                "how does returning {it} work if {why}"]  # fmt: skip
        return rng.choice(bank).format(it=it, why=why)
    if kind == "delivery":
        city = refs["_city"]
        bank = ["how long does {it} take to {city}?", "{city} - when would {it} arrive",
                "delivery time for {it} to {city}?", "{it} 到{city}要几天", "I'm in {city}, how many days for {it}",
                "how many days until {it} reaches {city}", "if I order {it} today, when is it in {city}?",
                "{it} to {city}: how long in transit?", "would {it} get to {city} this week",
                "{it} 寄到{city}多久"]  # fmt: skip
        return rng.choice(bank).format(it=it, city=city)
    raise ValueError(kind)


def _answer(rng: random.Random, state: Any, cat: Catalogue, refs: dict[str, Any]) -> str:
    """The reference answer: the facts the world fixes for this question."""
    kind, pid = refs["kind"], refs["product_id"]
    p = next(x for x in state.products if x.product_id == pid)
    name = cat.items[pid].short
    key = refs.get("key") or refs["attribute"]
    be = "are" if cat.items[pid].plural else "is"
    s = "" if be == "are" else "s"
    rules = state.policies
    if kind == "value":
        v = p.attributes[key]
        lead = {
            "material": "{n} {be} made of {v}.", "weight": "{n} weigh {v}." if be == "are" else "{n} weighs {v}.",
            "warranty": "{n} come with a {v} warranty." if be == "are" else "{n} comes with a {v} warranty.",
            "battery": "{n} run {v}." if be == "are" else "{n} runs {v}.",
            "compatibility": "{n} {be} compatible with {v}.", "capacity": "{n} hold{s} {v}.",
            "power": "{n} draw{s} {v}.", "fit": "{n} {be} a {v} fit.", "dimensions": "{n} measure{s} {v}.",
            "thickness": "{n} {be} {v} thick.", "laptop_sleeve": "{n}'s laptop sleeve {v}.",
            "keeps_hot": "{n} keep{s} drinks hot for {v}.", "speeds": "{n} ha{s2} {v}.",
            "size": "{n} come{s} in {v}.", "care": "{n} {be} {v}.",
        }[key]  # fmt: skip
        return lead.format(n=name, be=be, v=v, s=s, s2="ve" if be == "are" else "s")
    if kind == "yesno":
        yes, detail = policy.yes_no(p.attributes[key])
        word = {
            "waterproof": "waterproof", "dishwasher_safe": "dishwasher safe",
            "machine_washable": "machine washable", "magnetic": "magnetic",
            "dimmable": "dimmable", "fragrance_free": "fragrance free",
        }  # fmt: skip
        if key == "sugar_added":
            return f"{name} has no added sugar: {detail}."
        if yes:
            return rng.choice(["Yes, {n} {be} {w}: {d}.", "{n} {be} {w}, yes: {d}."]).format(
                n=name, be=be, w=word[key], d=detail
            )
        neg = "aren't" if be == "are" else "isn't"
        return rng.choice(["No, {n} {neg} {w}: {d}.", "{n} {neg} {w}; {d}."]).format(
            n=name, neg=neg, w=word[key], d=detail
        )
    if kind == "compare":
        o = next(x for x in state.products if x.product_id == refs["other_id"])
        a, b = p.attributes[key], o.attributes[key]
        return rng.choice(["{n}: {a}. {m}: {b}.", "{n}: {a}. And {m2}: {b}."]).format(
            n=name,
            a=a,
            m=cat.items[o.product_id].short,
            m2=cat.items[o.product_id].short.replace("The ", "the ", 1),
            b=b,
        )
    if kind == "claim":
        if key == "price":
            sku = next(s for s in p.skus if s.sku == refs["sku"])
            claimed = float(refs["claimed"])
            if abs(sku.price - claimed) > 1e-9:
                return rng.choice(
                    ["{n} {be} {p} now, not {c}.", "It's actually {p} at the moment, not {c}."]
                ).format(n=name, be=be, p=_g(sku.price), c=_g(claimed))
            if refs.get("also") == "shipping_fee":
                return f"Yes, {_g(sku.price)} is right. {_ship(sku.price)}"
            before = [h.price for h in sku.price_history if h.price > sku.price][-1]
            return rng.choice(
                ["Yes, {p} is right; it came down from {b}.", "Correct, {p} now, down from {b}."]
            ).format(p=_g(sku.price), b=_g(before))
        v = p.attributes[key].split(";")[0]
        return rng.choice(
            [
                "Not quite: {n} {be} {v}.",
                "{n} {be} listed at {v}, a bit different from what you read.",
            ]
        ).format(n=name, be=be, v=v)
    if kind == "stock":
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        o = _opt(sku) if len(p.skus) > 1 else name.replace("The ", "the ", 1)
        if sku.stock > 0:
            return rng.choice(
                ["Yes, {o} is available: {k} left right now.", "We have {k} left in {o}."]
                if len(p.skus) > 1
                else ["Yes, {o}: {k} left right now.", "We have {k} of {o} left."]
            ).format(o=o, k=sku.stock)
        return rng.choice(
            ["Sorry, {o} is out of stock at the moment.", "{o} is sold out right now, sorry."]
        ).format(o=o)
    if kind == "shipping_fee":
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        q = int(refs.get("qty", 1))
        total = round(sku.price * q, 2)
        head = f"{q} come to {_g(total)}. " if q > 1 else f"It's {_g(sku.price)}. "
        return head + _ship(total)
    group = CATEGORY_WORD.get(p.category, f"{p.category} items")
    if kind == "price_protection":
        pp = rules.price_protection
        if p.category in pp.excluded_categories:
            return rng.choice([
                f"Sorry, {group} aren't covered by price protection, so a later drop can't be refunded.",
                f"Price protection doesn't cover {group}, so a later price drop isn't refunded.",
            ])  # fmt: skip
        return rng.choice([
            f"Yes, {group} are covered by price protection: if the price drops within {pp.window_days} days of payment, you can claim the difference.",
            f"You're covered: a price drop within {pp.window_days} days of your payment can be claimed back as the difference.",
        ])  # fmt: skip
    if kind == "returns":
        rp = rules.returns
        if p.category in rp.excluded_categories:
            return rng.choice([
                f"Sorry, {group} can be returned only for a quality problem, within {rp.fault_window_days} days of delivery.",
                f"For {group}, returns are accepted only for a quality issue such as a defect, within {rp.fault_window_days} days of delivery.",
            ])  # fmt: skip
        it, they = ("them", "they're") if be == "are" else ("it", "it's")
        return rng.choice([
            f"Yes, you can return {it} within {rp.window_days} days of delivery for any reason, as long as {they} unused with the tags on.",
            f"Within {rp.window_days} days of delivery you can send {it} back for any reason, unused and with the tags.",
        ])  # fmt: skip
    if kind == "delivery":
        lo, hi = policy.DELIVERY_ZONES.get(refs["region"], policy.OTHER_ZONE)
        city, prov = refs["_city"], refs["region"]
        where = city if city == prov else f"{city} is in {prov}, so it"
        return rng.choice([
            f"{where} takes {lo}-{hi} days after dispatch.",
            f"Delivery to {city} ({prov}) takes {lo}-{hi} days from dispatch.",
        ])  # fmt: skip
    raise ValueError(kind)


def _ship(total: float) -> str:
    free, fee = _g(policy.FREE_SHIPPING_FROM), _g(policy.SHIPPING_FEE)
    if total >= policy.FREE_SHIPPING_FROM:
        return f"Orders of {free} yuan or more ship free, so this one ships free."
    return f"That is under {free} yuan, so shipping is a flat {fee} yuan."


def _claim_price(rng: random.Random, state: Any, refs: dict[str, Any]) -> None:
    """Draw the price the shopper assumes (right or wrong) once the world's price is set."""
    p = next(x for x in state.products if x.product_id == refs["product_id"])
    sku = next(s for s in p.skus if s.sku == refs["sku"])
    earlier = [h.price for h in sku.price_history if abs(h.price - sku.price) > 1e-9]
    if rng.random() < 0.5:
        refs["claimed"] = sku.price
        if not any(h > sku.price for h in earlier) or rng.random() < 0.3:
            refs["also"] = "shipping_fee"
    else:
        wrong = [*earlier, round(sku.price * 0.8), round(sku.price * 1.2), sku.price + 20]
        refs["claimed"] = rng.choice([w for w in wrong if abs(w - sku.price) > 1e-9])
    refs["claimed"] = (
        int(refs["claimed"]) if float(refs["claimed"]).is_integer() else refs["claimed"]
    )


# -- a case -----------------------------------------------------------------------------
def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new presale_inquiry case (the library sets its id and split).

    A draw whose dialogue already states one of the answer's required points (the
    shopper's own words would earn it) is drawn again, as a writer would reword it.

    Args:
        rng: The case's random source.
        base: The shared world data (a copy).

    Returns:
        A case dict with the policy's gold filled in.
    """
    cat = catalogue(base)
    intent = rng.choices(sorted(KINDS_OF), weights=[INTENT_WEIGHTS[i] for i in sorted(KINDS_OF)])[0]
    pid = rng.choice(sorted(cat.items))  # every product alike, then a kind it can be asked
    kind = rng.choice([k for k in KINDS_OF[intent] if _can_ask(cat, k, pid)])
    for _ in range(30):
        raw = _draw(rng, base, cat, intent, kind, pid)
        grading = raw["grading"]["action.answer"]
        params = PointsParams.model_validate({"points": grading["points"]})
        users = [t["text"] for t in raw["dialogue"] if t["role"] == "customer"]
        if not echoed_points(params, users, raw["gold"]["action"]["answer"]):
            return raw
    return raw  # the library's check names the echoed point


def _draw(
    rng: random.Random,
    base: dict[str, Any],
    cat: Catalogue,
    intent: str,
    kind: str,
    pid: str,
) -> dict[str, Any]:
    today = f"2026-06-{rng.randrange(18, 31):02d}"
    state0 = world_mod.ShopState.model_validate({**base, "today": today})
    refs, calls = _plan(rng, state0, cat, kind, setup=True, pid=pid)
    if kind == "claim_price":
        calls = _price_calls(rng, state0, refs, today)
    plain = {k: v for k, v in refs.items() if not k.startswith("_")}
    setup = WorldSetup.model_validate({"patch": {"today": today}, "calls": calls})
    state = world_mod.PresaleWorld.build_state(base, setup, plain)
    if kind == "claim_price":
        _claim_price(rng, state, refs)
    asked = str(refs.get("key") or refs["attribute"])

    # Earlier turns: other concerns (other intents), the agent's true answers.
    # Earlier concerns are drawn apart from the latest one (any intent, with replacement):
    # a shopper often asks several things before the latest request, and
    # which of them is the latest is what the guideline judges.
    n_before = rng.choices([0, 1, 2, 3], weights=[3, 17, 40, 40])[0]
    # Earlier concerns are more often on another intent than the latest one's (a shopper
    # moves from topic to topic), so words of every intent sit in every class's context.
    order = sorted(KINDS_OF)
    others = [
        rng.choices(order, weights=[EARLIER_SAME if i == intent else 1.0 for i in order])[0]
        for _ in range(n_before)
    ]
    turns: list[dict[str, str]] = []
    last_kind, last_pid = None, None
    for k in range(n_before):
        okind = rng.choice(KINDS_OF[others[k]])
        same = rng.random() < 0.3 and okind not in ("compare", kind)
        try:
            orefs, _ = _plan(rng, state, cat, okind, setup=False, pid=pid if same else None)
        except IndexError:
            orefs, _ = _plan(rng, state, cat, okind, setup=False)
        if okind == "claim_price":
            _claim_price(rng, state, orefs)
            orefs.pop("also", None)
            sku = next(s for x in state.products for s in x.skus if s.sku == orefs["sku"])
            before = [h.price for h in sku.price_history if h.price > sku.price]
            if abs(float(orefs["claimed"]) - sku.price) < 1e-9 and not before:
                orefs["claimed"] = int(sku.price + 20)
        opid = orefs["product_id"]
        oasked = str(orefs.get("key") or orefs["attribute"])
        ref = "it" if opid == last_pid and rng.random() < 0.5 else _name(rng, cat, opid, oasked)
        q = _question(rng, state, cat, orefs, ref)
        if k == 0:
            q = (rng.choice(GREETINGS) + " " + q).strip()
        if k == n_before - 1 and rng.random() < WITHDRAWN_SHARE:
            # A concern the shopper withdraws at once: asked, never answered.
            turns.append({"role": "customer", "text": _typos(rng, q + ", " + rng.choice(WITHDRAW))})
            turns.append({"role": "agent", "text": rng.choice(WITHDRAWN_REPLIES)})
            last_kind, last_pid = None, None
            continue
        turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
        turns.append(
            {"role": "agent", "text": _answer(rng, state, cat, orefs) + _volunteer(rng, state)}
        )
        last_kind, last_pid = okind, opid

    item = cat.items[pid]
    tells = _tells_for(item, asked)
    if kind != "compare" and tells and last_pid != pid and rng.random() < SIBLING_SHARE:
        if rng.random() < SIBLING_FIRST_SHARE:
            # A question about one of its line by name first; then "the other one" (a line
            # of two) or what tells this one apart, so the line's words are in the talk.
            sib = rng.choice(item.mates)
            okind = rng.choice(SIBLING_KINDS[rng.choice(sorted(SIBLING_KINDS))])
            try:
                orefs, _ = _plan(rng, state, cat, okind, setup=False, pid=sib)
            except IndexError:
                okind = "stock"
                orefs, _ = _plan(rng, state, cat, okind, setup=False, pid=sib)
            oasked = str(orefs.get("key") or orefs["attribute"])
            q = _question(rng, state, cat, orefs, _name(rng, cat, sib, oasked))
            if not turns:
                q = (rng.choice(GREETINGS) + " " + q).strip()
            turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
            turns.append({"role": "agent", "text": _answer(rng, state, cat, orefs)})
            if len(item.mates) == 1 and rng.random() < 0.6:
                ref = rng.choice(["the other one", "the other model", "your other one"])
            else:
                ref = rng.choice(tells)
            last_kind = okind
        else:
            # The line's words fit several products: the agent asks which, and the shopper
            # tells this one apart (a spec, a size, a colour, a word of its name).
            line = sorted([pid, *item.mates], key=lambda _: rng.random())
            opener = rng.choice(["question about {f}", "{f} - got a question", "about {f}", "{f}?",
                                 "re {f}", "so {f}...", "{f}, one thing"])  # fmt: skip
            opener = opener.format(f=item.line)
            if not turns:
                opener = (rng.choice(GREETINGS) + " " + opener).strip()
            elif last_kind is not None and rng.random() < 0.7:
                opener = rng.choice(ACKS[last_kind]) + " " + opener
            turns.append({"role": "customer", "text": _typos(rng, opener)})
            listed = _listing([cat.items[x].short for x in line])
            ask = rng.choice(
                ["There are {l}. Which one do you mean?", "Do you mean {l}?",
                 "Which one: {l}?", "We have {l}; which is it?"]
            )  # fmt: skip
            turns.append({"role": "agent", "text": ask.format(l=listed)})
            ref, last_kind = rng.choice(tells), None
    elif last_pid == pid and kind != "compare" and rng.random() < 0.6:
        ref = rng.choice(["it", "that one", "the same one", _it(cat, pid)])
    else:
        ref = _name(rng, cat, pid, asked)
    q = _question(rng, state, cat, refs, ref)
    head = ""  # a greeting or an acknowledgement of the previous answer opens the turn
    if not turns:
        head = rng.choice(GREETINGS)
    elif last_kind is not None and rng.random() < 0.7:
        head = rng.choice(ACKS[last_kind])
    if rng.random() < LEAD_SHARE:
        q = rng.choice(LEADS) + " " + q
    frame = rng.random()
    other = rng.choice([i for i in sorted(DROPPED) if i != intent])
    if frame < DROP_SHARE and rng.random() < 0.5:  # a question the shopper takes back
        dkind = rng.choice([k for k in KINDS_OF[other] if k not in ("claim_price", "compare")])
        try:
            drefs, _ = _plan(rng, state, cat, dkind, setup=False, pid=pid)
        except IndexError:
            drefs, _ = _plan(rng, state, cat, dkind, setup=False)
        dref = "it" if drefs["product_id"] == pid else _name(rng, cat, drefs["product_id"])
        q = _ask(rng, state, cat, drefs, dref).rstrip("?") + rng.choice(TAKEN_BACK) + " " + q
    elif frame < DROP_SHARE:  # a topic the shopper drops (the guideline ignores it)
        q = rng.choice(DROPPED[other]) + " " + q
    elif frame < DROP_SHARE + MENTION_SHARE:  # context on another topic, stated, not asked
        q = rng.choice(MENTIONS[other]) + " " + q
    q = " ".join((head + " " + q).split())
    turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
    answer = _answer(rng, state, cat, refs)
    refs.pop("_city", None)
    notes = (
        f"Generated: intent rule for a {kind} question (latest request); "
        f"{len(turns) // 2} earlier exchange(s)."
    )
    raw: dict[str, Any] = {
        "case_id": "presale_inquiry-generated",
        "scenario": "presale_inquiry",
        "orientation": "customer",
        "split": "train",
        "dialogue": turns,
        "world_refs": refs,
        "world": {"patch": {"today": today}, **({"calls": calls} if calls else {})},
        "gold": {"perception": {"intent": intent}, "action": {"answer": answer}},
        "annotation": {
            "annotators": ["generator (rules; not annotated by people)"],
            "agreement": 1.0,
            "adjudication": "",
            "notes": notes,
        },
    }
    filled: dict[str, Any] = author.fill(raw, base)
    return filled

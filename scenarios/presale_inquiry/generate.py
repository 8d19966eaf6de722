"""presale_inquiry's train-split generator: a shopper's question, drawn from the catalogue.

How a case is made (the order matters):

1. **The situation**: the day, the question's kind and product (the intent is drawn
   first, each at 25%, then a kind that falls under it: a spec
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
   per-kind banks of openings and phrasings, product names in several forms (brand,
   generic, Chinese, a pronoun when the product was just discussed), casual writing,
   typos, Chinese or pinyin words, acknowledgements of the previous answer and topics the
   shopper drops. The reference answer states the facts the world fixes, in one of
   several wordings.

A product of a line with two models (``FAMILIES``: the Summit boots and the Summit Lite,
the Trekker 28 and 20, ...) is often told from its sibling by understanding: the shopper
names the line, the agent asks which one, and the shopper answers with a spec, a size or
a generation ("the bigger one", "the one with 3 levels"); or the shopper asks about the
sibling by name first and then about "the other one". Earlier concerns are about another
product more often than not, as in the test split.

Nothing in the dialogue quotes the annotation; the intent is never written as a number.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.data.schema import WorldSetup
from ecomstage_env.scoring.points import PointsParams, echoed_points

__all__ = ["generate_case"]

HERE = Path(__file__).resolve().parent
author = import_from_folder(HERE, "author")
policy = author.policy
world_mod = author.world_mod

# -- the catalogue as shoppers name it ---------------------------------------------------
NAMES: dict[str, list[str]] = {
    "P-2001": ["the waterproof Summit boots", "the suede summit boots", "the Summit boots (not the Lite)",
               "summit 登山靴", "the mid-cut Summit hikers", "the heavier summit boots"],
    "P-1964": ["the Summit Lite", "the summit lite boots", "the lighter Summit boots",
               "summit lite 轻量登山鞋", "the low-cut summit boots", "the mesh Summit boots"],
    "P-2002": ["the Flow trail shoes", "ridgeway flow shoes", "the flow running shoes",
               "flow 越野跑鞋", "the Flow trail runners", "those flow shoes"],
    "P-2003": ["the Soundo Air", "soundo air earbuds", "the air earbuds", "soundo air 耳机",
               "the Air buds", "those air earphones"],
    "P-2004": ["the Soundo Pro", "soundo pro earbuds", "the pro noise cancelling buds",
               "soundo pro 降噪耳机", "the Pro buds", "the soundo pro earphones"],
    "P-2005": ["the glass Brewmaster kettle", "brewmaster glass kettle", "the glass kettle",
               "玻璃电水壶 brewmaster", "the newer brewmaster kettle", "the 1.7 litre brewmaster"],
    "P-1938": ["the steel Brewmaster kettle", "brewmaster steel kettle", "the stainless kettle",
               "不锈钢电水壶 brewmaster", "the older brewmaster kettle", "the steel kettle"],
    "P-2006": ["the 500 ml Keepwarm bottle", "keepwarm vacuum bottle", "the small keepwarm flask",
               "keepwarm 500 ml 保温杯", "the regular Keepwarm thermos", "the smaller keepwarm"],
    "P-2073": ["the Keepwarm Sport", "keepwarm sport bottle", "the big keepwarm flask",
               "keepwarm 运动保温杯", "the 750 ml Keepwarm", "the larger keepwarm bottle"],
    "P-2007": ["the merino crew sweater", "hemline merino crew", "the crew-neck merino",
               "美利奴毛衣 (hemline, crew neck)", "the round-neck Hemline merino", "that merino crew knit"],
    "P-1952": ["the merino V-neck", "hemline merino v-neck", "the V-neck merino sweater",
               "美利奴V领毛衣", "the slim merino V-neck", "that v-neck merino knit"],
    "P-2008": ["the linen shirt", "hemline linen shirt", "the linen shirt from Hemline",
               "亚麻衬衫 linen one", "the linen button-up", "that linen shirt"],
    "P-2009": ["the cotton briefs", "hemline cotton briefs", "the cotton briefs 3-pack",
               "纯棉内裤 3 pack", "the cotton underwear pack", "hemline cotton 3-pack"],
    "P-2010": ["the magnetic Clearshell case", "clearshell magnetic phone case", "the magnetic case",
               "clearshell 磁吸手机壳", "the clearshell magsafe cover", "that magnetic clearshell"],
    "P-2011": ["the Lotus yoga mat (the thick one)", "lotus 6 mm mat", "the TPE yoga mat",
               "瑜伽垫 lotus, not the travel one", "the Lotus home mat", "the thicker lotus mat"],
    "P-1987": ["the Lotus travel mat", "lotus travel yoga mat", "the foldable yoga mat",
               "折叠瑜伽垫 lotus", "the thin Lotus mat", "the rubber travel mat"],
    "P-2012": ["the Dewy face cream", "dewy barrier cream", "the face cream", "dewy 面霜",
               "the Dewy face moisturiser", "dewy barrier face cream"],
    "P-2013": ["the dried mango", "sunny dried mango", "the bag of dried mango", "芒果干 sunny",
               "the Hainan dried mango", "sunny dried mango slices"],
    "P-2014": ["the Lumo desk lamp", "lumo desk lamp", "the LED desk lamp", "lumo 护眼台灯",
               "the bigger Lumo lamp", "the lumo lamp with a base"],
    "P-2029": ["the Lumo clip lamp", "lumo clip-on lamp", "the clamp-on LED lamp", "lumo 夹子台灯",
               "the small Lumo lamp", "the lumo lamp that clips on"],
    "P-2015": ["the Trekker 28", "trekker 28", "the big trekker pack", "双肩包 trekker 28",
               "the Trekker 28 backpack", "the larger trekker bag"],
    "P-2047": ["the Trekker 20", "trekker 20", "the small trekker pack", "小双肩包 trekker",
               "the Trekker 20 daypack", "the smaller trekker bag"],
}  # fmt: skip
"""Ways a shopper names each product (each one names it alone, its sibling included)."""

FAMILIES: dict[str, tuple[str, list[str]]] = {
    "P-2001": ("the summit boots", ["the waterproof ones", "the heavier pair", "the suede ones",
                                    "the regular ones, not the Lite"]),
    "P-1964": ("the summit boots", ["the lighter ones", "the Lite", "the low-cut pair",
                                    "the ones with mesh panels"]),
    "P-2003": ("the soundo earbuds", ["the ones without noise cancelling", "the Air",
                                      "the splash resistant pair", "the one with the shorter battery"]),
    "P-2004": ("the soundo earbuds", ["the noise cancelling pair", "the Pro",
                                      "the waterproof pair", "the one with the longer battery"]),
    "P-2005": ("the brewmaster kettle", ["the glass one", "the bigger one", "the newer one",
                                         "the 1800 watt one"]),
    "P-1938": ("the brewmaster kettle", ["the steel one", "the smaller one", "the older model",
                                         "the 1500 watt one"]),
    "P-2006": ("the keepwarm bottle", ["the smaller one", "the 500 ml one", "the 12-hour one",
                                       "the regular one, not the sport"]),
    "P-2073": ("the keepwarm bottle", ["the bigger one", "the sport one", "the 750 one",
                                       "the 10-hour one"]),
    "P-2007": ("the merino sweater", ["the crew neck", "the round-neck one",
                                      "the machine-washable one", "the regular fit one"]),
    "P-1952": ("the merino sweater", ["the V-neck", "the slim one", "the hand-wash one",
                                      "the other neckline"]),
    "P-2011": ("the lotus mat", ["the thick one", "the 6 mm one", "the TPE one",
                                 "the home one, not the travel mat"]),
    "P-1987": ("the lotus mat", ["the thin one", "the foldable one", "the travel one",
                                 "the rubber one"]),
    "P-2014": ("the lumo lamp", ["the desk one", "the stronger one", "the one with 5 levels",
                                "the bigger one"]),
    "P-2029": ("the lumo lamp", ["the clip-on one", "the small one", "the one with 3 levels",
                                "the weaker one"]),
    "P-2015": ("the trekker backpack", ["the bigger one", "the 28", "the one with the rain cover",
                                        "the larger pack"]),
    "P-2047": ("the trekker backpack", ["the smaller one", "the 20", "the daypack",
                                        "the little one"]),
}  # fmt: skip
"""Products of one line: the name that fits both, and how a shopper then tells this one from
its sibling (a spec, a size, a generation) once the agent asked which one is meant."""

SIBLING_KINDS = {
    "1": ["value", "yesno", "stock"],
    "3": ["delivery"],
    "4": ["returns"],
    "6": ["shipping_fee", "price_protection"],
}
"""Kinds of the question about the sibling (of any intent, as earlier concerns are)."""

SIBLING = {a: b for a in FAMILIES for b in FAMILIES if a != b and FAMILIES[a][0] == FAMILIES[b][0]}

SHORT = {
    "P-2001": "The Ridgeway Summit boots", "P-1964": "The Summit Lite boots", "P-2002": "The Flow shoes",
    "P-2003": "The Soundo Air", "P-2004": "The Soundo Pro",
    "P-2005": "The glass Brewmaster kettle", "P-1938": "The steel Brewmaster kettle",
    "P-2006": "The 500 ml Keepwarm bottle", "P-2073": "The Keepwarm Sport",
    "P-2007": "The merino crew sweater", "P-1952": "The merino V-neck",
    "P-2008": "The linen shirt", "P-2009": "The cotton briefs", "P-2010": "The Clearshell case",
    "P-2011": "The Lotus yoga mat", "P-1987": "The Lotus travel mat",
    "P-2012": "The Dewy face cream", "P-2013": "The Sunny dried mango",
    "P-2014": "The Lumo desk lamp", "P-2029": "The Lumo clip lamp",
    "P-2015": "The Trekker 28", "P-2047": "The Trekker 20",
}  # fmt: skip
"""How answers name a product (its own short name: never another of its brand's)."""

PLURAL = {"P-2001", "P-1964", "P-2002", "P-2003", "P-2004", "P-2009"}
CATEGORY_WORD = {
    "sports": "sports gear", "electronics": "electronics", "kitchen": "kitchenware",
    "apparel": "clothing", "underwear": "underwear", "beauty": "beauty products",
    "food": "food", "home": "home goods",
}  # fmt: skip

# (product, catalogue key) -> the ``attribute`` label (the spec's decision list, rule 5)
VALUE_KEYS: dict[tuple[str, str], str] = {
    ("P-2001", "material"): "material", ("P-2001", "weight"): "weight",
    ("P-2001", "warranty"): "warranty", ("P-2002", "material"): "material",
    ("P-2002", "weight"): "weight", ("P-2002", "warranty"): "warranty",
    ("P-2003", "battery"): "battery", ("P-2003", "compatibility"): "compatibility",
    ("P-2003", "warranty"): "warranty", ("P-2004", "battery"): "battery",
    ("P-2004", "compatibility"): "compatibility", ("P-2004", "warranty"): "warranty",
    ("P-2005", "capacity"): "capacity", ("P-2005", "power"): "power",
    ("P-2005", "material"): "material", ("P-2005", "warranty"): "warranty",
    ("P-2006", "capacity"): "capacity", ("P-2006", "material"): "material",
    ("P-2007", "material"): "material", ("P-2007", "fit"): "size",
    ("P-2008", "material"): "material", ("P-2008", "fit"): "size",
    ("P-2009", "material"): "material", ("P-2010", "compatibility"): "compatibility",
    ("P-2010", "material"): "material", ("P-2011", "dimensions"): "dimensions",
    ("P-2011", "thickness"): "dimensions", ("P-2011", "material"): "material",
    ("P-2011", "weight"): "weight", ("P-2012", "capacity"): "capacity",
    ("P-2013", "weight"): "weight", ("P-2014", "power"): "power",
    ("P-2014", "warranty"): "warranty", ("P-2014", "dimensions"): "dimensions",
    ("P-2015", "capacity"): "capacity", ("P-2015", "laptop_sleeve"): "compatibility",
    ("P-2015", "weight"): "weight", ("P-1964", "material"): "material",
    ("P-1964", "weight"): "weight", ("P-1938", "capacity"): "capacity",
    ("P-1938", "power"): "power", ("P-1938", "material"): "material",
    ("P-2073", "capacity"): "capacity", ("P-2073", "material"): "material",
    ("P-1952", "material"): "material", ("P-1952", "fit"): "size",
    ("P-1987", "dimensions"): "dimensions", ("P-1987", "thickness"): "dimensions",
    ("P-1987", "material"): "material", ("P-1987", "weight"): "weight",
    ("P-2029", "power"): "power", ("P-2029", "warranty"): "warranty",
    ("P-2047", "capacity"): "capacity", ("P-2047", "laptop_sleeve"): "compatibility",
    ("P-2047", "weight"): "weight",
}  # fmt: skip
YESNO_KEYS: dict[tuple[str, str], str] = {
    ("P-2001", "waterproof"): "waterproof", ("P-2002", "waterproof"): "waterproof",
    ("P-2003", "waterproof"): "waterproof", ("P-2004", "waterproof"): "waterproof",
    ("P-2015", "waterproof"): "waterproof", ("P-2006", "dishwasher_safe"): "care",
    ("P-2007", "machine_washable"): "care", ("P-2008", "machine_washable"): "care",
    ("P-2009", "machine_washable"): "care", ("P-2010", "magnetic"): "compatibility",
    ("P-2014", "dimmable"): "features", ("P-2012", "fragrance_free"): "features",
    ("P-2013", "sugar_added"): "material", ("P-1964", "waterproof"): "waterproof",
    ("P-2047", "waterproof"): "waterproof", ("P-2073", "dishwasher_safe"): "care",
    ("P-1952", "machine_washable"): "care", ("P-2029", "dimmable"): "features",
}  # fmt: skip
COMPARE_PAIRS: list[tuple[str, str, str]] = [
    ("P-2003", "P-2004", "battery"), ("P-2003", "P-2004", "warranty"),
    ("P-2001", "P-2002", "weight"), ("P-2001", "P-2002", "material"),
    ("P-2007", "P-2008", "material"), ("P-2007", "P-2008", "fit"),
    ("P-2005", "P-2006", "capacity"), ("P-2005", "P-2014", "power"),
    ("P-2011", "P-2015", "weight"), ("P-2004", "P-2014", "warranty"),
    ("P-2005", "P-2006", "material"), ("P-2001", "P-2015", "weight"),
    ("P-2015", "P-2047", "capacity"), ("P-2005", "P-1938", "power"),
    ("P-2001", "P-1964", "weight"), ("P-2014", "P-2029", "power"),
]  # fmt: skip

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

VOLUNTEERED: dict[str, list[str]] = {
    "1": ["Each product page lists its full specs, too.",
          "The sizes and colours in stock show on the product page as well."],
    "3": ["Delivery to Jiangsu, Zhejiang and Shanghai takes 1-2 days after dispatch, most other provinces 2-4.",
          "Most provinces get parcels 2-4 days after dispatch."],
    "4": ["Most items can be returned within 7 days of delivery, unused with tags.",
          "Underwear and food can be returned only for a quality problem."],
    "6": ["Orders of 99 yuan or more ship free; below that shipping is 10 yuan.",
          "Most products have 7-day price protection after payment."],
}  # fmt: skip
"""What an agent adds unasked after an answer: the help centre's general rules (true for
every case), so an answer's words do not mark its intent as the one already answered."""

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


def _volunteer(rng: random.Random) -> str:
    """Sometimes a general rule the agent adds unasked (any topic), with a leading space."""
    if rng.random() >= VOLUNTEER_SHARE:
        return ""
    return " " + rng.choice(VOLUNTEERED[rng.choice(sorted(VOLUNTEERED))])


def _name(rng: random.Random, pid: str) -> str:
    return rng.choice(NAMES[pid])


def _it(pid: str) -> str:
    return "them" if pid in PLURAL else "it"


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
    rng: random.Random, state: Any, kind: str, *, setup: bool, pid: str | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The refs (and setup calls) of one question of ``kind``."""
    prods = {p.product_id: p for p in state.products}
    calls: list[dict[str, Any]] = []
    refs: dict[str, Any]
    if kind == "value":
        keys = [k for k in VALUE_KEYS if pid is None or k[0] == pid]
        pid, key = rng.choice(keys)
        refs = {"product_id": pid, "attribute": VALUE_KEYS[(pid, key)], "kind": "value"}
        if key != refs["attribute"]:
            refs["key"] = key
        return refs, calls
    if kind == "yesno":
        keys = [k for k in YESNO_KEYS if pid is None or k[0] == pid]
        pid, key = rng.choice(keys)
        refs = {"product_id": pid, "attribute": YESNO_KEYS[(pid, key)], "kind": "yesno"}
        if key != refs["attribute"]:
            refs["key"] = key
        return refs, calls
    if kind == "compare":
        pairs = [c for c in COMPARE_PAIRS if pid is None or pid in c[:2]]
        a, b, key = rng.choice(pairs)
        if (pid is not None and pid == b) or (pid is None and rng.random() < 0.5):
            a, b = b, a
        attr = "size" if key == "fit" else key
        refs = {"product_id": a, "attribute": attr, "kind": "compare", "other_id": b}
        if key != attr:
            refs["key"] = key
        return refs, calls
    if kind == "claim_spec":
        keys = [
            k
            for k in VALUE_KEYS
            if policy.numbers(prods[k[0]].attributes[k[1]].split(";")[0])
            and (pid is None or k[0] == pid)
        ]
        pid, key = rng.choice(keys)
        figs = policy.numbers(prods[pid].attributes[key].split(";")[0])
        true = figs[0]
        choices = {round(true * f, 2 if true < 10 else 0) for f in (0.5, 0.75, 1.25, 1.5, 2)}
        claimed = rng.choice(sorted(c for c in choices if c > 0 and c not in figs))
        refs = {"product_id": pid, "attribute": VALUE_KEYS[(pid, key)], "kind": "claim"}
        if key != refs["attribute"]:
            refs["key"] = key
        refs["claimed"] = int(claimed) if float(claimed).is_integer() else claimed
        return refs, calls
    # Only the products it can name: issue 12's later siblings and accessories are not drawn.
    pid = pid or rng.choice(sorted(NAMES))
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
def _question(rng: random.Random, state: Any, refs: dict[str, Any], ref: str) -> str:
    """The shopper's words for a question, sometimes behind an aside (``ASIDES``)."""
    q = _ask(rng, state, refs, ref)
    if rng.random() < ASIDE_SHARE:
        q = rng.choice(ASIDES) + " " + q
    return q


def _ask(rng: random.Random, state: Any, refs: dict[str, Any], ref: str) -> str:
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
        }[key]
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
        o = _name(rng, refs["other_id"])
        pair = {
            "battery": "which lasts longer on battery, {a} or {b}?",
            "warranty": "warranty on {a} vs {b}, which is longer?",
            "weight": "which is lighter, {a} or {b}?",
            "material": "what are {a} and {b} each made of?",
            "fit": "how do {a} and {b} fit compared?",
            "capacity": "{a} vs {b}, how much does each hold",
            "power": "how many watts are {a} and {b}, each?",
            "dimensions": "how big are {a} and {b}, each?",
        }
        alt = ["{a} 和 {b} 比一下 " + key, "compare {a} with {b} for me: " + key + "?"]
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
        unit = p.attributes[key].split(";")[0].split()
        u = " ".join(w for w in unit if not w.replace(".", "").isdigit())[:20]
        return rng.choice(bank).format(it=it, c=c, u=u)
    if kind == "stock":
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        o = _opt(sku)
        bank = ["do you have {it} in {o}?", "{it} {o} 有货吗", "is {o} available for {it}?",
                "can I still get {it} in {o}", "any {o} left of {it}?"]  # fmt: skip
        return rng.choice(bank).format(it=it, o=o)
    if kind == "shipping_fee":
        q = int(refs.get("qty", 1))
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        v = f" ({_opt(sku)})" if len(p.skus) > 1 else ""
        n = {1: "one", 2: "two", 3: "three", 4: "four"}[q]
        bank = ["if I order {n} of {it}{v}, is postage extra?", "{n} x {it}{v}, 要运费吗?",
                "shipping cost for {n} of {it}{v}?", "do I pay delivery on {n} of {it}{v}",
                "{n} {it}{v} - bao you ma?"]  # fmt: skip
        return rng.choice(bank).format(
            it=it, n=n if q > 1 or rng.random() < 0.5 else "just one", v=v
        )
    if kind == "price_protection":
        bank = ["if {it} gets cheaper after I buy, do I get the difference?", "{it} 保价吗?",
                "is there price protection on {it}", "what if the price of {it} drops next week",
                "buying {it} now - any refund if it goes on sale later?"]  # fmt: skip
        return rng.choice(bank).format(it=it)
    if kind == "returns":
        why = rng.choice(["it doesn't fit", "I don't like it", "I change my mind", "the taste isn't for me",
                          "it's not what I pictured", "my wife hates it"])  # fmt: skip
        bank = ["can I send {it} back if {why}?", "{it} 可以退吗, in case {why}",
                "what's the return policy for {it} if {why}", "if {why}, can {it} be returned?",
                "is {it} returnable? worried {why}"]  # fmt: skip
        return rng.choice(bank).format(it=it, why=why)
    if kind == "delivery":
        city = refs["_city"]
        bank = ["how long does {it} take to {city}?", "{city} - when would {it} arrive",
                "delivery time for {it} to {city}?", "{it} 到{city}要几天", "I'm in {city}, how many days for {it}"]  # fmt: skip
        return rng.choice(bank).format(it=it, city=city)
    raise ValueError(kind)


def _answer(rng: random.Random, state: Any, refs: dict[str, Any]) -> str:
    """The reference answer: the facts the world fixes for this question."""
    kind, pid = refs["kind"], refs["product_id"]
    p = next(x for x in state.products if x.product_id == pid)
    name = SHORT[pid]
    key = refs.get("key") or refs["attribute"]
    be = "are" if pid in PLURAL else "is"
    if kind == "value":
        v = p.attributes[key]
        lead = {
            "material": "{n} {be} made of {v}.", "weight": "{n} weigh {v}." if be == "are" else "{n} weighs {v}.",
            "warranty": "{n} come with a {v} warranty." if be == "are" else "{n} comes with a {v} warranty.",
            "battery": "{n} run {v}." if be == "are" else "{n} runs {v}.",
            "compatibility": "{n} {be} compatible with {v}.", "capacity": "{n} holds {v}.",
            "power": "{n} draws {v}.", "fit": "{n} has a {v} fit.", "dimensions": "{n} measures {v}.",
            "thickness": "{n} is {v} thick.", "laptop_sleeve": "{n}'s laptop sleeve {v}.",
        }[key]  # fmt: skip
        return lead.format(n=name, be=be, v=v)
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
        return rng.choice(["{n}: {a}. {m}: {b}.", "{n} {a}, against {b} for {m2}."]).format(
            n=name,
            a=a,
            m=SHORT[o.product_id],
            m2=SHORT[o.product_id].lower().replace("the ", "the ", 1),
            b=b,
        )
    if kind == "claim":
        if key == "price":
            sku = next(s for s in p.skus if s.sku == refs["sku"])
            claimed = float(refs["claimed"])
            if abs(sku.price - claimed) > 1e-9:
                return rng.choice(
                    ["{n} is {p} now, not {c}.", "It's actually {p} at the moment, not {c}."]
                ).format(n=name, p=_g(sku.price), c=_g(claimed))
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
                "{n} is listed at {v}, a bit different from what you read.",
            ]
        ).format(n=name, be=be, v=v)
    if kind == "stock":
        sku = next(s for s in p.skus if s.sku == refs["sku"])
        o = _opt(sku)
        if sku.stock > 0:
            return rng.choice(
                ["Yes, {o} is available: {k} left right now.", "We have {k} left in {o}."]
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
    if kind == "price_protection":
        cat = CATEGORY_WORD[p.category]
        if p.category in state.policies.price_protection.excluded_categories:
            return rng.choice([
                f"Sorry, {cat} aren't covered by price protection, so a later drop can't be refunded.",
                f"Price protection doesn't cover {cat}, so a later price drop isn't refunded.",
            ])  # fmt: skip
        return rng.choice([
            f"Yes, {cat} are covered by price protection: if the price drops within 7 days of payment, you can claim the difference.",
            "You're covered: a price drop within 7 days of your payment can be claimed back as the difference.",
        ])  # fmt: skip
    if kind == "returns":
        cat = CATEGORY_WORD[p.category]
        if p.category in state.policies.returns.excluded_categories:
            return rng.choice([
                f"Sorry, {cat} can be returned only for a quality problem, within 15 days of delivery.",
                f"For {cat}, returns are accepted only for a quality issue such as a defect, within 15 days of delivery.",
            ])  # fmt: skip
        return rng.choice([
            "Yes, you can return it within 7 days of delivery for any reason, as long as it's unused with the tags on.",
            "Within 7 days of delivery you can send it back for any reason, unused and with its tags.",
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
    if total >= policy.FREE_SHIPPING_FROM:
        return "Orders of 99 yuan or more ship free, so this one ships free."
    return "That is under 99 yuan, so shipping is a flat 10 yuan."


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
    intent = rng.choices(sorted(KINDS_OF), weights=[INTENT_WEIGHTS[i] for i in sorted(KINDS_OF)])[0]
    kind = rng.choice(KINDS_OF[intent])
    for _ in range(30):
        raw = _draw(rng, base, intent, kind)
        grading = raw["grading"]["action.answer"]
        params = PointsParams.model_validate({"points": grading["points"]})
        users = [t["text"] for t in raw["dialogue"] if t["role"] == "customer"]
        if not echoed_points(params, users, raw["gold"]["action"]["answer"]):
            return raw
    return raw  # the library's check names the echoed point


def _draw(rng: random.Random, base: dict[str, Any], intent: str, kind: str) -> dict[str, Any]:
    today = f"2026-06-{rng.randrange(18, 31):02d}"
    state0 = world_mod.ShopState.model_validate({**base, "today": today})
    refs, calls = _plan(rng, state0, kind, setup=True)
    if kind == "claim_price":
        calls = _price_calls(rng, state0, refs, today)
    plain = {k: v for k, v in refs.items() if not k.startswith("_")}
    setup = WorldSetup.model_validate({"patch": {"today": today}, "calls": calls})
    state = world_mod.PresaleWorld.build_state(base, setup, plain)
    if kind == "claim_price":
        _claim_price(rng, state, refs)
    pid = refs["product_id"]

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
            orefs, _ = _plan(rng, state, okind, setup=False, pid=pid if same else None)
        except IndexError:
            orefs, _ = _plan(rng, state, okind, setup=False)
        if okind == "claim_price":
            _claim_price(rng, state, orefs)
            orefs.pop("also", None)
            sku = next(s for x in state.products for s in x.skus if s.sku == orefs["sku"])
            before = [h.price for h in sku.price_history if h.price > sku.price]
            if abs(float(orefs["claimed"]) - sku.price) < 1e-9 and not before:
                orefs["claimed"] = int(sku.price + 20)
        opid = orefs["product_id"]
        ref = "it" if opid == last_pid and rng.random() < 0.5 else _name(rng, opid)
        q = _question(rng, state, orefs, ref)
        if k == 0:
            q = (rng.choice(GREETINGS) + " " + q).strip()
        if k == n_before - 1 and rng.random() < WITHDRAWN_SHARE:
            # A concern the shopper withdraws at once: asked, never answered.
            turns.append({"role": "customer", "text": _typos(rng, q + ", " + rng.choice(WITHDRAW))})
            turns.append({"role": "agent", "text": rng.choice(WITHDRAWN_REPLIES)})
            last_kind, last_pid = None, None
            continue
        turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
        turns.append({"role": "agent", "text": _answer(rng, state, orefs) + _volunteer(rng)})
        last_kind, last_pid = okind, opid

    if kind != "compare" and pid in SIBLING and last_pid != pid and rng.random() < 0.95:
        family, tells = FAMILIES[pid]
        if rng.random() < 0.6:
            # A question about its sibling first, by name; then "the other one" (the line
            # has two products), so the sibling's words are the ones in the conversation.
            sib = SIBLING[pid]
            okind = rng.choice(SIBLING_KINDS[rng.choice(sorted(SIBLING_KINDS))])
            try:
                orefs, _ = _plan(rng, state, okind, setup=False, pid=sib)
            except IndexError:
                okind = "stock"
                orefs, _ = _plan(rng, state, okind, setup=False, pid=sib)
            q = _question(rng, state, orefs, _name(rng, sib))
            if not turns:
                q = (rng.choice(GREETINGS) + " " + q).strip()
            turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
            turns.append({"role": "agent", "text": _answer(rng, state, orefs)})
            ref, last_kind = (
                rng.choice(["the other one", "the other model", "your other one"]),
                okind,
            )
        else:
            # The line's name fits two products: the agent asks which, and the shopper tells
            # this one from its sibling (a spec, a size, a generation), not by its name.
            pair = sorted([pid, SIBLING[pid]], key=lambda _: rng.random())
            opener = rng.choice(["question about {f}", "{f} - got a question", "about {f}", "{f}?"])
            opener = opener.format(f=family)
            if not turns:
                opener = (rng.choice(GREETINGS) + " " + opener).strip()
            elif last_kind is not None and rng.random() < 0.7:
                opener = rng.choice(ACKS[last_kind]) + " " + opener
            turns.append({"role": "customer", "text": _typos(rng, opener)})
            ask = rng.choice(
                ["There are {a} and {b}. Which one do you mean?", "Do you mean {a} or {b}?"]
            )
            first, second = (SHORT[x].replace("The ", "the ", 1) for x in pair)
            turns.append({"role": "agent", "text": ask.format(a=first, b=second)})
            ref, last_kind = rng.choice(tells), None
    elif last_pid == pid and kind != "compare" and rng.random() < 0.6:
        ref = rng.choice(["it", "that one", "the same one", _it(pid)])
    else:
        ref = _name(rng, pid)
    q = _question(rng, state, refs, ref)
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
            drefs, _ = _plan(rng, state, dkind, setup=False, pid=pid)
        except IndexError:
            drefs, _ = _plan(rng, state, dkind, setup=False)
        dref = "it" if drefs["product_id"] == pid else _name(rng, drefs["product_id"])
        q = _ask(rng, state, drefs, dref).rstrip("?") + rng.choice(TAKEN_BACK) + " " + q
    elif frame < DROP_SHARE:  # a topic the shopper drops (the guideline ignores it)
        q = rng.choice(DROPPED[other]) + " " + q
    elif frame < DROP_SHARE + MENTION_SHARE:  # context on another topic, stated, not asked
        q = rng.choice(MENTIONS[other]) + " " + q
    q = " ".join((head + " " + q).split())
    turns.append({"role": "customer", "text": _typos(rng, q + rng.choice(CLOSERS))})
    answer = _answer(rng, state, refs)
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

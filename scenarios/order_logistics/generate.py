"""order_logistics's train-split generator: a new order, its parcel, the customer's request.

How a case is made (the order matters):

1. **The situation**: the day, the customer and their address, the order (an item of
   the catalogue, quantity, shipping fee). The intent is drawn first (``PLANS``: about
   balanced, so the commonest label is no shortcut), then a request consistent with it
   (address, intercept, parcel, fee; sometimes the fee as a second request, or consent to
   an interception when the address cannot change) and the parcel's state (not shipped;
   in transit with a courier that can or cannot intercept; out for delivery; delivered
   on time, on the late boundary or late; reported lost or damaged; already reshipped or
   the fee already refunded). The plans' weights keep the decisions spread on both menus,
   and the customer's words never depend on the state (they do not know the courier's
   scans), so the decision can be learnt only from the world.
2. **Gold by the rules**: a draft in the shape of ``drafts.py`` goes through
   ``author.build`` (the folder's own tool), which applies ``policy.py``: decision, menu
   (the request's group, in an order drawn from the case id), lookups and facts, writes,
   false claims and the reply points. The intent (one label) follows the spec's decision
   list from the request and the order's status (an address change before shipping is 2,
   after it 3; a replacement 4, where a parcel is 3; a shipping fee 6; with the fee as a
   second request, its two-request rule: 4 after a replacement, 6 after "where is it");
   the rewrite names the order and the item as the order lists it.
3. **The words**: one to three customer turns from per-request banks of openings,
   reasons and closers; the product named by what a customer calls it (English,
   Chinese or pinyin), often only after the agent asks which order; a vague first
   message ("帮我看下我的订单") resolved by a later turn ("the second one"); typos and
   casual writing. In most cases (87%, as in the test split) the customer also takes
   back two to four other requests by quoting their own bank sentences in a dismissing
   or past frame (``_twins``: "I had typed "...", deleted it.", "Last order I wrote
   "...", that got sorted."), so every request's words occur under every intent and the
   label cannot be read off them. The reference reply states what the policy's points
   need, in one of several wordings.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from ecomstage_env.data.loader import import_from_folder
from ecomstage_env.world.base import merge_patch

__all__ = ["generate_case"]

HERE = Path(__file__).resolve().parent
author = import_from_folder(HERE, "author")
drafts = author.drafts
policy = author.policy
world_mod = author.world_mod

C, A = "customer", "agent"

# sku -> (what customers call it, what the order calls it, words the rewrite must carry)
GOODS: dict[str, tuple[list[str], str, list[str]]] = {
    "P-1001-M-WHT": (["the white shirt", "my shirt", "衬衫", "the linen top"], "Hemline linen shirt", ["Hemline"]),
    "P-1001-L-BLU": (["the blue shirt", "my shirt", "衬衫 (blue)", "the shirt"], "Hemline linen shirt", ["Hemline"]),
    "P-1002-BLK": (["my earbuds", "the earphones", "耳机", "the wireless buds"], "Soundo Air earbuds", ["Soundo"]),
    "P-1003-M": (["the underwear", "内裤", "the pants pack", "my undies"], "Cotton briefs 3-pack", ["briefs", "3-pack"]),
    "P-1004-GRY": (["the kettle", "my kettle", "水壶", "the glass kettle", "shuihu"], "Kettlewise glass kettle", ["Kettlewise"]),
    "P-1005-250": (["the tea", "my tea", "茶叶", "the oolong"], "Misty Peak oolong tea", ["Misty Peak"]),
    "P-1006-42": (["the running shoes", "my trainers", "跑鞋", "the sneakers"], "Trailstep running shoes", ["Trailstep"]),
    "P-1006-43": (["the shoes", "my runners", "跑鞋 43", "the trainers"], "Trailstep running shoes", ["Trailstep"]),
    "P-1007-SET": (["the chopping boards", "砧板", "the cutting board set", "the boards"], "Bamboo cutting board set", ["Bamboo"]),
    "P-1008-WHT": (["the desk lamp", "my lamp", "台灯", "the light"], "Lumen desk lamp", ["Lumen"]),
    "P-1009-800": (["the baby formula", "奶粉", "the milk powder", "the formula tins"], "Orchard stage 2 formula", ["Orchard"]),
    "P-1010-NVY": (["the tablet case", "平板套", "the ipad cover", "the case"], "Pixelnote tablet case", ["Pixelnote"]),
    "P-1011-STD": (["the pillow", "枕头", "my pillow", "the foam pillow"], "Cloudrest memory foam pillow", ["Cloudrest"]),
    "P-1012-RED": (["the red scarf", "丝巾", "the scarf", "my scarf"], "Hanfu-style silk scarf", ["Hanfu"]),
    "P-1013-SET": (["the coffee set", "手冲壶", "the pour over kit", "the coffee stuff"], "Ceramic pour-over coffee set", ["Ceramic"]),
    "P-1014-BOX": (["the storybooks", "绘本", "the kids' books", "the book box"], "Kids' picture book box set", ["picture book"]),
}  # fmt: skip

PEOPLE = [
    ("Li Na", "gold"), ("Chen Hao", "regular"), ("Wang Fang", "silver"), ("Zhao Min", "regular"),
    ("Liu Yang", "platinum"), ("Mark Evans", "regular"), ("Sun Jie", "silver"), ("Hu Qing", "regular"),
    ("Ma Rui", "gold"), ("Zhou Ting", "regular"), ("Sophie Martin", "silver"), ("Tang Wei", "regular"),
    ("Guo Lei", "regular"), ("Xu Yan", "silver"), ("He Jun", "gold"), ("Anna Koch", "regular"),
    ("Lin Xiao", "regular"), ("Deng Hui", "platinum"), ("Feng Yu", "regular"), ("Raj Patel", "silver"),
]  # fmt: skip
PLACES = [
    ("Zhejiang", "Hangzhou", ["Xihu", "Binjiang", "Gongshu", "Shangcheng"]),
    ("Shanghai", "Shanghai", ["Xuhui", "Pudong", "Jing'an", "Minhang"]),
    ("Beijing", "Beijing", ["Chaoyang", "Haidian", "Dongcheng", "Fengtai"]),
    ("Guangdong", "Guangzhou", ["Tianhe", "Yuexiu", "Haizhu", "Panyu"]),
    ("Guangdong", "Shenzhen", ["Nanshan", "Futian", "Luohu", "Bao'an"]),
    ("Sichuan", "Chengdu", ["Wuhou", "Jinjiang", "Qingyang", "Chenghua"]),
    ("Jiangsu", "Nanjing", ["Gulou", "Xuanwu", "Qinhuai", "Jianye"]),
    ("Hubei", "Wuhan", ["Hongshan", "Wuchang", "Jianghan", "Hanyang"]),
    ("Shaanxi", "Xi'an", ["Yanta", "Beilin", "Lianhu", "Weiyang"]),
    ("Chongqing", "Chongqing", ["Yuzhong", "Nan'an", "Jiangbei", "Shapingba"]),
    ("Hunan", "Changsha", ["Yuelu", "Furong", "Tianxin", "Kaifu"]),
    ("Fujian", "Xiamen", ["Siming", "Huli", "Jimei", "Haicang"]),
]  # fmt: skip
STREETS = ["Wensan Rd", "Tianyaoqiao Rd", "Guanghua Rd", "Tiyu West Rd", "Kehua North Rd",
           "Keyuan Rd", "Zhongshan North Rd", "Luoyu Rd", "Xiaozhai East Rd", "Jiefang Ave",
           "Renmin South Rd", "Binjiang Blvd", "Hubin Rd", "Wuyi Rd", "Xinhua St", "Huangpu Rd"]  # fmt: skip
HUBS = ["Hangzhou hub", "Shenzhen hub", "Guangzhou hub", "Shanghai hub", "Chengdu hub",
        "Wuhan hub", "Zhengzhou hub", "Tianjin hub", "Ningbo hub", "Dongguan hub"]  # fmt: skip
TRANSIT = ["Xuzhou transit centre", "Changzhou transit centre", "Hefei transit centre",
           "Nanchang transit centre", "Jinan transit centre", "Changsha transit centre",
           "Zhengzhou transit centre", "Guangyuan transit centre", "Shijiazhuang transit centre"]  # fmt: skip
INTERCEPTABLE = ["SF Express", "YTO Express"]
OTHER_COURIERS = ["JD Logistics", "ZTO Express", "EMS", "Yunda Express"]
PREFIX = {"SF Express": "SF", "YTO Express": "YT", "JD Logistics": "JD", "ZTO Express": "ZT",
          "EMS": "EM", "Yunda Express": "YD"}  # fmt: skip

GREET = ["", "", "hi, ", "Hello, ", "hey ", "你好, ", "亲, ", "Good morning. ", "hi there! "]
CLOSE = [
    "",
    "",
    "",
    " thanks",
    " thx",
    " 谢谢!",
    " please.",
    " asap pls",
    " :(",
    " cheers",
    ", if you can",
    ". if it's too late, tell me",
    ". if not, let me know",
]
REQ_TEXT: dict[str, list[str]] = {
    "address": [
        "can you change the delivery address on {thing}? it should go to {addr}",
        "I need {thing} sent to {addr} instead, I moved",
        "wrong address on {thing}! please make it {addr}",
        "{thing} 地址改一下: {addr}",
        "could {thing} go to {addr} instead? I'm not at the old place anymore",
        "pls update the address for {thing} -> {addr}",
        "I'll be at my parents' for a while, so {thing} should go to {addr}",
    ],
    "intercept": [
        "I don't need {thing} anymore, can you call it back?",
        "please stop {thing}, I bought the same thing in a shop",
        "can {thing} be intercepted? changed my mind",
        "{thing} 能拦截吗, 不想要了",
        "is there any way to recall {thing}? my friend already gave me one",
        "cancel {thing} please, it's a duplicate, I ordered twice by mistake",
    ],
    "where": [
        "where is {thing}? it still hasn't reached me",
        "any news on {thing}? nothing here yet",
        "{thing} 到哪了? still waiting",
        "what's happening with {thing}, I've been waiting ages",
        "can you check the tracking for {thing}? it hasn't come",
        "where's {thing} at? wuliu says nothing useful to me",
        "the courier is making a mess of {thing}, where is it now?",
    ],
    "replacement": [
        "{thing} never got to me. can you send another one?",
        "please just send me a new {bare}, the parcel hasn't arrived",
        "{thing} 还没收到, 能补发吗",
        "I want a replacement for {thing}, I don't have it",
        "honestly just reship {thing}, it's not here",
        "this delivery of {thing} is a mess, the courier is useless. send a new one please",
    ],
    "fee": [
        "I want the shipping fee for {thing} back, the delivery was a mess",
        "can I get the postage refunded on {thing}? after all this hassle with the parcel",
        "{thing} 运费能退吗, 物流太差了",
        "refund the delivery fee on {thing} please, the courier was useless",
        "given how the parcel with {thing} went, I'd like my shipping money back",
        "the courier made a mess of {thing}. the least you can do is refund the postage",
        "I kept checking the tracking to see where {thing} was, what a joke. refund my shipping fee",
        "so much waiting and wondering where {thing} is/was... I want the delivery fee back",
    ],
}
CONSENT = [
    ". if it's too late for that, just cancel it and I'll reorder",
    ", and if it has already left, call it back",
    ". 改不了的话就拦截吧",
    ". If that's not possible please intercept it, I won't be there",
    " - or if it already left, stop it and refund me",
]
ALSO_FEE = [" and refund the shipping fee too", " 运费也退一下", " plus I want the postage back"]
VAGUE = [
    "hi, need help with an order", "帮我看下我的订单", "hello? question about my parcel",
    "hi I have a problem with one of my orders", "order issue pls help", "hey, about my delivery",
]  # fmt: skip
ASK_WHICH = [
    "Sure, I can help. I can see {n} recent orders on your account: {listing}. Which one is it?",
    "Of course. Which order do you mean: {either}?",
    "Happy to help! Is it about {either}?",
]
PICK = ["the {pos} one", "{name}", "{name} 那个", "it's {name}", "the {pos} one, {name}"]
ASK_WHAT = ["Got it. What would you like me to do with it?", "Thanks. What do you need for that order?",
            "OK, found it. How can I help with it?"]  # fmt: skip


TWIN_FRAME = [
    'Not "{q}", never mind.',
    'I almost sent "{q}" - ignore that.',
    'I\'m not asking "{q}".',
    '(Scratch my draft: "{q}".)',
    'My first thought was "{q}", not any more.',
    'I had typed "{q}", deleted it.',
    'Forget "{q}", that\'s sorted.',
    'I was going to ask "{q}", but no.',
]
"""Frames that take a request back: the twin has another request's very words, dismissed."""
EARLIER = [
    'Last order I wrote "{q}", that got sorted.',
    'On another order I asked "{q}" - different story.',
    '上次 another order: "{q}", settled.',
    'My friend wrote "{q}" last week, not my problem.',
]
"""Frames that put another request on another order or in the past (background)."""
TWIN_THING = ["it", "the parcel", "my order", "this order", "that one"]
TWIN_BANK_WEIGHTS = {"address": 4, "intercept": 2, "where": 1.5, "replacement": 3, "fee": 3}
"""How often each bank is quoted: the address words (a street, a district) and the
replacement and fee words then occur about as often under every intent (address requests
are intents 2 and 3; intercept and where are both 3)."""


def _some_address(rng: random.Random) -> str:
    _, city, districts = rng.choice(PLACES)
    street = f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, Apt {rng.randrange(101, 2999)}"
    return rng.choice([f"{street}, {rng.choice(districts)}, {city}", f"{city} {rng.choice(districts)}, {street}",
                       f"{street}, {rng.choice(districts)} District, {city}", "my office"])  # fmt: skip


def _twins(rng: random.Random, own: str, bare: str) -> list[str]:
    """Other requests taken back: their own bank's sentences, quoted in a dismissing frame.

    Most cases carry some (as most test dialogues carry another request's words negated,
    turned down or background), so a request's words occur under every intent and the
    label is not read off them. ``own`` is the bank the customer's request is from.
    """
    if rng.random() < 0.13:
        return []
    banks = {b: w for b, w in TWIN_BANK_WEIGHTS.items() if b != own}
    k = rng.choices([1, 2, 3, 4], weights=TWIN_COUNTS)[0]
    chosen: list[str] = []
    if rng.random() < 0.8:  # first the request on the same menu, so its words blur too
        chosen.append(rng.choice(SIBLING[own]))
    while len(chosen) < k:
        b = rng.choices(list(banks), weights=list(banks.values()))[0]
        if b not in chosen:
            chosen.append(b)
    frames = rng.sample(TWIN_FRAME, len(TWIN_FRAME)) + rng.sample(EARLIER, len(EARLIER))
    out = []
    for b in chosen:
        line = rng.choice(REQ_TEXT[b])
        thing = rng.choice(TWIN_THING) if line.isascii() else rng.choice(["这个", "这单", bare])
        q = line.format(thing=thing, addr=_some_address(rng), bare=bare)
        if b == "address" and rng.random() < 0.4:
            q += rng.choice(CONSENT)
        frame = frames.pop(len(TWIN_FRAME) if rng.random() < 0.3 else 0)
        out.append(frame.format(q=q.rstrip(".?! ")))
    return out


TWIN_COUNTS = [0, 2, 4, 4]
SIBLING = {"address": ["intercept"], "intercept": ["address"], "where": ["fee", "replacement"],
           "replacement": ["fee", "where"], "fee": ["replacement", "where"]}  # fmt: skip
"""The other requests whose decisions share a menu with a request's."""


def _join(*parts: str) -> str:
    """Sentences of one message, each ended before the next begins."""
    said = [p.strip() for p in parts if p.strip()]
    for i in range(len(said) - 1):
        if said[i][-1] not in ".?!)。:(":
            said[i] += "."
    return " ".join(said)


def _ts(day: str, hour: int, minute: int = 0) -> str:
    return f"{day}T{hour:02d}:{minute:02d}"


def _day(today: str, back: int) -> str:
    return str(drafts._at(today + "T00:00", -back))[:10]


def _typo(rng: random.Random, text: str) -> str:
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.25:
        words = text.split(" ")
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) > 4 and w.isalpha() and w.isascii():
            j = rng.randrange(1, len(w) - 2)
            words[k] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        text = " ".join(words)
    return text


# -- the world ---------------------------------------------------------------------------
def _world(
    rng: random.Random,
    state: str,
    today: str,
    oid: str,
    cid: str,
    address: dict[str, str],
    need_fee: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """The order (its status, parcel and scans) for one parcel ``state``; extra patch.

    ``need_fee``: the order paid a shipping fee (the customer asks it back too).
    """
    sku = rng.choice(sorted(GOODS))
    qty = rng.choice([1, 1, 1, 2])
    fee = rng.choice([0.0, 6.0, 8.0, 10.0, 12.0, 15.0]) if state != "no_fee" else 0.0
    paid_fee = need_fee or state in ("late", "on_time", "lost", "damaged", "already_refunded")
    if paid_fee and fee == 0:
        fee = rng.choice([8.0, 10.0, 12.0])
    courier = rng.choice(
        OTHER_COURIERS if state == "transit_other" else INTERCEPTABLE + OTHER_COURIERS
    )
    if state == "transit_ok":
        courier = rng.choice(INTERCEPTABLE)
    tn = f"{PREFIX[courier]}{oid[2:]}{rng.randrange(100, 999)}"
    hub, mid = rng.choice(HUBS), rng.choice(TRANSIT)
    local = f"{address['city']} {address['district']} station"
    extra: dict[str, Any] = {}
    if state == "unshipped":
        status = rng.choice(["paid", "paid", "pending_payment"])
        placed = _ts(_day(today, rng.randrange(0, 2)), rng.randrange(8, 12), rng.randrange(60))
        o = drafts.order(oid, cid, [drafts.item(sku, qty)], status, address, placed=placed, fee=fee)
        return o, [], extra
    ship_back = {"transit_ok": (1, 3), "transit_other": (1, 3), "out": (1, 3), "lost": (3, 7),
                 "damaged": (2, 6), "reshipped": (5, 9)}.get(state, (6, 14))  # fmt: skip
    back = rng.randrange(*ship_back)
    shipped = _ts(_day(today, back), rng.randrange(8, 18), rng.randrange(60))
    placed = drafts._at(shipped, -1)
    events = [drafts.ev(tn, shipped, hub, "picked_up")]
    mid_t = drafts._at(shipped, 0.6)
    kw: dict[str, Any] = {}
    if state in ("transit_ok", "transit_other"):
        status = rng.choice(["in_transit", "in_transit", "shipped"])
        if status == "in_transit":
            events.append(drafts.ev(tn, mid_t, mid, "in_transit"))
    elif state == "out":
        status = "out_for_delivery"
        events += [drafts.ev(tn, mid_t, mid, "in_transit"),
                   # out for delivery after the last transit scan (the latest scan)
                   drafts.ev(tn, max(_ts(today, 8, rng.randrange(60)), drafts._at(mid_t, 0.05)),
                             local, "out_for_delivery")]  # fmt: skip
    elif state in ("lost", "damaged", "reshipped"):
        status = "in_transit"
        exc = (
            "damaged"
            if state == "damaged"
            else ("lost" if state == "lost" else rng.choice(["lost", "damaged"]))
        )
        where = rng.choice([mid, local])
        events += [drafts.ev(tn, mid_t, mid, "in_transit"),
                   drafts.ev(tn, drafts._at(shipped, 1 + rng.random() * (back - 1.2)), where, "exception", exc)]  # fmt: skip
        if state == "reshipped":
            extra["reships"] = [
                {"reship_id": "RS-0001", "order_id": oid, "tracking_no": f"{tn}-R1", "reason": exc}
            ]
    else:  # delivered: on time, late, no fee, fee already refunded
        status = "delivered"
        span = {"on_time": rng.choice([1, 2, 3, 4, 4]), "late": rng.choice([5, 5, 6, 7, 9])}.get(
            state, rng.randrange(1, 6)
        )
        if span >= back:
            back = span + rng.randrange(1, 4)
            shipped = _ts(_day(today, back), rng.randrange(8, 18), rng.randrange(60))
            placed = drafts._at(shipped, -1)
            events = [drafts.ev(tn, shipped, hub, "picked_up")]
            mid_t = drafts._at(shipped, 0.6)
        delivered = _ts(_day(shipped[:10], -span), rng.randrange(9, 20), rng.randrange(60))
        events += [
            drafts.ev(tn, mid_t, mid, "in_transit"),
            drafts.ev(tn, delivered, local, "delivered"),
        ]
        kw["delivered"] = delivered
        if state == "already_refunded":
            extra["refunds"] = [{"refund_id": "RF-0001", "order_id": oid, "kind": "shipping_fee",
                                 "amount": fee, "reason": "late_delivery"}]  # fmt: skip
    o = drafts.order(
        oid, cid, [drafts.item(sku, qty)], status, address, placed=placed, shipped=shipped,
        fee=fee, courier=courier, tracking=tn, **kw,
    )  # fmt: skip
    return o, events, extra


# The plans a case is drawn from: the intent first (about balanced, so the commonest
# label is no shortcut), then a request and a parcel state consistent with it. Each
# plan is (weight, request, what a parcel request asks, consent, fee asked too, states).
# Consent and the fee asked too are "?" where either way fits. Intent 2 (only an
# address change before shipping, always done) is the smallest, so "change_address" is
# under half of its menu's gold; the parcel-or-fee menu splits about evenly into reship,
# refund and decline-or-explain (a refused parcel accepts both), so neither menu's
# commonest answer nor "decline" (on both) is a strong guess (see the data card).
Plan = tuple[float, str, str, str, str, dict[str, float]]
PLANS: dict[str, list[Plan]] = {
    "2": [(15, "address", "", "?", "", {"unshipped": 1})],
    "3": [
        (5.5, "address", "", "yes", "", {"transit_ok": 1}),
        (5.5, "address", "", "no", "", {"transit_ok": 1}),
        (6.5, "address", "", "?", "", {"transit_other": 3, "out": 3, "delivered": 2.5}),
        (3.5, "intercept", "", "", "", {"transit_ok": 1}),
        (3.5, "intercept", "", "", "", {"transit_other": 1, "out": 1, "delivered": 1}),
        (3, "parcel", "where", "", "", {"lost": 1.5, "damaged": 1.5, "unshipped": 0.7,
                                        "transit_ok": 0.5, "transit_other": 0.4, "out": 0.4}),
    ],
    "4": [
        (28, "parcel", "replacement", "", "?", {"lost": 8, "damaged": 8, "transit_ok": 1.5,
                                              "transit_other": 1.5, "out": 1, "delivered": 3.5,
                                              "reshipped": 2.5}),
    ],
    "6": [
        (25, "fee", "", "", "", {"lost": 5, "damaged": 4, "late": 6, "transit_ok": 1.2,
                                   "transit_other": 1.2, "out": 1.2, "on_time": 3.5,
                                   "no_fee": 0.7, "already_refunded": 0.7}),
        (3, "parcel", "where", "", "yes", {"lost": 1, "damaged": 0.5, "transit_ok": 0.5,
                                             "out": 0.5}),
    ],
}  # fmt: skip
INTENT_WEIGHTS = {k: sum(p[0] for p in v) for k, v in PLANS.items()}


# -- the reply -----------------------------------------------------------------------------
def _money(x: float) -> str:
    return f"{x:.2f}"


def _reply(rng: random.Random, gold: Any, o: dict[str, Any], events: list[dict[str, Any]],
           extra: dict[str, Any], also: bool) -> str:  # fmt: skip
    """A reference reply that states what the policy's points need."""
    oid, courier = o["order_id"], o.get("courier")
    items = (
        round(o["payment"]["amount"] - o["payment"]["shipping_fee"], 2) if o.get("payment") else 0.0
    )
    fee = o["payment"]["shipping_fee"] if o.get("payment") else 0.0
    last = events[-1] if events else None
    why = gold.why
    d = gold.decision
    out: list[str] = []
    if d == "change_address":
        out.append(rng.choice([
            f"Order {oid} hasn't shipped yet, so I've updated the delivery address as you asked.",
            f"Good timing: {oid} has not shipped yet. I've changed the address to the new one.",
        ]))  # fmt: skip
    elif d == "intercept":
        lead = (
            f"{oid} is already on its way with {courier}, so I can't change the address any more. "
            if why.startswith("A2")
            else f"{oid} is in transit with {courier}. "
        )
        out.append(lead + rng.choice([
            f"I've requested the interception: the parcel comes back to us and {_money(items)} yuan for the items is refunded when it arrives.",
            f"I've arranged for it to be called back, and the {_money(items)} yuan item total is refunded once it is back with us.",
        ]))  # fmt: skip
    elif d == "offer_intercept":
        out.append(rng.choice([
            f"{oid} is already in transit with {courier}, so the address can't be changed now. I can intercept it and refund the {_money(items)} yuan for the items if you'd like; otherwise it goes to the old address.",
            f"Sorry, {oid} has left with {courier}, so I can't change the address any more. If you want, I could have it called back and the {_money(items)} yuan item total refunded: just say so.",
        ]))  # fmt: skip
    elif d == "reship":
        assert last is not None
        new_no = f"{o['tracking_no']}-R{len(extra.get('reships', [])) + 1}"
        word = last["exception"]
        out.append(rng.choice([
            f"{courier} reported the parcel ({oid}) {word} at {last['location']}. I've sent a replacement; its tracking number is {new_no}.",
            f"I'm sorry: {courier} recorded {oid} as {word} at {last['location']}. I've sent a replacement parcel today, tracking number {new_no}.",
        ]))  # fmt: skip
    elif d == "refund_fee":
        if "late_delivery" in why:
            days = policy._days(_as_order(o))
            out.append(
                f"The parcel ({oid}) was delivered {days} days after it shipped, which counts as late. I've refunded the {_money(fee)} yuan shipping fee."
            )
        else:
            word = "lost" if "lost" in why else "damaged"
            out.append(
                f"{courier} reported the parcel ({oid}) {word}. I've refunded the {_money(fee)} yuan shipping fee."
            )
    else:  # explain_status or decline
        out.append(_refusal(rng, gold, o, last, extra))
    if also and "fee: F1" in why:
        out.append(f"I've also refunded the {_money(fee)} yuan shipping fee.")
    elif also:
        out.append("I can't refund the shipping fee while the parcel has not been delivered.")
    return " ".join(out)


def _as_order(o: dict[str, Any]) -> Any:
    from ecomstage_env.shop.models import Order

    return Order.model_validate(o)


_SAY_STATUS = {
    "picked_up": "picked up and on its way",
    "in_transit": "in transit",
    "out_for_delivery": "out for delivery",
    "delivered": "delivered",
}


def _refusal(rng: random.Random, gold: Any, o: dict[str, Any], last: dict[str, Any] | None,
             extra: dict[str, Any]) -> str:  # fmt: skip
    oid, courier = o["order_id"], o.get("courier")
    why = gold.why.split(";")[0]
    fee = o["payment"]["shipping_fee"] if o.get("payment") else 0.0
    if why.startswith("A4") or why.startswith("I2"):
        pre = (
            "so I can't change the address any more"
            if why.startswith("A4")
            else "so it can't be intercepted"
        )
        if last is not None and last["status"] in ("out_for_delivery", "delivered"):
            return f"{oid} is already {_SAY_STATUS[last['status']]}, {pre}, sorry."
        pre = (
            "so I can't change the address or call it back"
            if why.startswith("A4")
            else "so it can't be called back"
        )
        return f"{oid} went out with {courier}, and {courier} doesn't support interception, {pre}."
    if why.startswith("P2") and o.get("tracking_no") is None:
        return rng.choice([
            f"Your order {oid} hasn't shipped yet, so there's no tracking number yet.",
            f"{oid} is still in our warehouse: it has not shipped yet. You'll get tracking once it does.",
        ])  # fmt: skip
    if why.startswith("P2"):
        assert last is not None
        return f"{courier} last scanned the parcel ({oid}) at {last['location']}: it's {_SAY_STATUS[last['status']]}, not lost, so it should reach you soon."
    if why.startswith("P3: already"):
        return f"We already sent a replacement for {oid}: its tracking number is {extra['reships'][0]['tracking_no']}."
    if why.startswith("P3"):
        assert last is not None
        return f"{courier} shows the parcel ({oid}) as delivered at {last['location']}. Could you check with your neighbours or reception?"
    if "no shipping fee" in why:
        return f"Order {oid} had free shipping, so there's no shipping fee to refund."
    if "already refunded" in why:
        return f"The shipping fee of {oid} is already refunded: {_money(fee)} yuan went back to you earlier."
    if why.startswith("F2: delivered"):
        days = policy._days(_as_order(o))
        return f"The parcel ({oid}) was delivered {days} days after it shipped; late means more than 4 days, so the shipping fee isn't refundable."
    if why.startswith("F2: not delivered"):
        assert last is not None
        return f"The parcel ({oid}) is still {_SAY_STATUS[last['status']]}, last scanned at {last['location']}, so I can't refund the shipping fee: the late rule counts from delivery."
    raise ValueError(f"no reply for {gold.why!r}")


# -- a case -------------------------------------------------------------------------------
def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new order_logistics case (the library sets its id and split).

    A draw whose customer already says everything the reply must state (so no reply
    point is left once echoed points are dropped) is drawn again, as a writer would
    reword it.

    Args:
        rng: The case's random source.
        base: The shared world data (a copy).

    Returns:
        A case dict with the policy's gold filled in (``author.build``).
    """
    for _ in range(30):
        raw = _draw(rng, base)
        if raw["grading"]["action.reply"]["points"]:
            return raw
    return raw  # the library's schema check names the empty field


def _draw(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    today = f"2026-07-{rng.randrange(10, 29):02d}"
    name, tier = rng.choice(PEOPLE)
    cid = f"U-{rng.randrange(2000, 9900)}"
    prov, city, districts = rng.choice(PLACES)
    district = rng.choice(districts)
    street = f"{rng.randrange(1, 200)} {rng.choice(STREETS)}, Apt {rng.randrange(101, 2999)}"
    phone = f"1{rng.randrange(30, 90)}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
    address = drafts.addr(name, phone, prov, city, district, street)
    oid = f"O-{rng.randrange(2000, 9900)}"

    # The intent first, then a request and a parcel state that give it (see PLANS).
    drawn = rng.choices(list(INTENT_WEIGHTS), weights=list(INTENT_WEIGHTS.values()))[0]
    plans = PLANS[drawn]
    _, request, ask, said_consent, said_also, states = rng.choices(
        plans, weights=[p[0] for p in plans]
    )[0]
    state = rng.choices(list(states), weights=list(states.values()))[0]
    consent = said_consent == "yes" or (said_consent == "?" and rng.random() < 0.5)
    ask = ask or "where"
    also = said_also == "yes" or (
        said_also == "?" and state not in ("reshipped", "delivered") and rng.random() < 0.45
    )
    o, events, extra = _world(rng, state, today, oid, cid, address, need_fee=said_also == "yes")
    if also and o.get("payment", {}).get("shipping_fee", 0) <= 0:
        also = False
    sku = o["items"][0]["sku"]
    calls_it, title, marks = GOODS[sku]
    thing = rng.choice(calls_it)
    bare = thing.split(" ", 1)[-1] if thing.startswith(("the ", "my ")) else thing

    # A second order the agent may list (another product, delivered long ago or just paid).
    other_sku = rng.choice([s for s in sorted(GOODS) if s[:6] != sku[:6]])
    other_id = f"O-{(int(oid[2:]) + rng.randrange(13, 600)) % 7900 + 2000}"
    # Half the time it is the newer one, so "the newest order" is no better than a guess.
    if rng.random() < 0.5:
        when = _ts(_day(today, rng.randrange(20, 60)), 19, 40)
        other = drafts.order(
            other_id, cid, [drafts.item(other_sku)], "delivered", address, placed=when,
            shipped=drafts._at(when, 1), delivered=drafts._at(when, 3), fee=0.0,
            courier="SF Express", tracking=f"SF{other_id[2:]}07",
        )  # fmt: skip
        other_events = [
            drafts.ev(other["tracking_no"], drafts._at(when, 1), "Shenzhen hub", "picked_up"),
            drafts.ev(other["tracking_no"], drafts._at(when, 3), district, "delivered"),
        ]
    else:
        when = _ts(today, rng.randrange(19, 23), rng.randrange(60))
        other = drafts.order(other_id, cid, [drafts.item(other_sku)], "paid", address, placed=when)
        other_events = []

    # The request, in the customer's words.
    new_address: dict[str, str] | None = None
    addr_text = ""
    if request == "address":
        nprov, ncity, nds = rng.choice(PLACES)
        nd = rng.choice(nds)
        nstreet = f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, Apt {rng.randrange(101, 2999)}"
        new_address = {"province": nprov, "city": ncity, "district": nd, "street": nstreet}
        addr_text = rng.choice([f"{nstreet}, {nd}, {ncity}", f"{ncity} {nd}, {nstreet}",
                                f"{nstreet}, {nd} District, {ncity}, {nprov}"])  # fmt: skip
    bank = REQ_TEXT["address" if request == "address" else ask if request == "parcel" else request]
    body = rng.choice(bank).format(thing=thing, addr=addr_text, bare=bare)
    if consent:
        body += rng.choice(CONSENT)
    if also:
        body += rng.choice(ALSO_FEE)
    twins = _twins(
        rng, "address" if request == "address" else ask if request == "parcel" else request, bare
    )
    mention_id = rng.random() < 0.25
    if mention_id:
        body = body.replace(thing, f"{thing} ({oid})", 1) if thing in body else f"{oid}: {body}"

    shape = rng.choices(["one", "which", "which_what"], weights=[50, 35, 15])[0]
    cut = rng.randrange(len(twins) + 1)
    lead, tail = " ".join(twins[:cut]), " ".join(twins[cut:])
    listing_first = rng.random() < 0.5
    names = [title.split()[0] + " " + title.split()[-1], GOODS[other_sku][1].split()[-1]]
    listing_items = [f"the {GOODS[sku][1]} ({oid})", f"the {GOODS[other_sku][1]} ({other_id})"]
    if not listing_first:
        listing_items.reverse()
    turns: list[tuple[str, str]] = []
    if shape == "one":
        said = _join(lead, body + rng.choice(CLOSE), tail)
        turns.append((C, _typo(rng, rng.choice(GREET) + said)))
    else:
        turns.append((C, _typo(rng, rng.choice(VAGUE))))
        turns.append(
            (
                A,
                rng.choice(ASK_WHICH).format(
                    n="two",
                    listing=" and ".join(listing_items),
                    either=" or ".join(listing_items),
                ),
            )
        )
        pos = "first" if listing_first else "second"
        pick = rng.choice(PICK).format(pos=pos, name=rng.choice(calls_it))
        if shape == "which":
            rest = body.replace(f"{thing} ({oid})", "it").replace(thing, "it")
            turns.append((C, _typo(rng, _join(f"{pick}.", lead, rest + rng.choice(CLOSE), tail))))
        else:
            turns.append((C, _typo(rng, _join(pick + ("." if lead else ""), lead))))
            turns.append((A, rng.choice(ASK_WHAT)))
            rest = body.replace(f"{thing} ({oid})", "it").replace(thing, "it")
            turns.append((C, _typo(rng, _join(rest + rng.choice(CLOSE), tail))))
    del names

    # The human judgements, by the guideline (the request is known: it was drawn).
    shipped = o["status"] not in ("paid", "pending_payment")
    if request == "address":
        intent = "3" if shipped else "2"
    elif request == "intercept":
        intent = "3"
    elif request == "parcel" and ask == "replacement":
        intent = "4"  # a replacement; a fee asked after it does not change that (asked first)
    elif request == "parcel":
        intent = "6" if also else "3"  # where it is is a question beside the fee asked back
    else:
        intent = "6"
    assert intent == drawn, (intent, drawn, request, state)
    ref_title = title
    if request == "address":
        assert new_address is not None
        dest = f"{new_address['street']}, {new_address['district']}, {new_address['city']}, {new_address['province']}"
        rewrite = rng.choice([
            f"Please change the delivery address of the {ref_title} order {oid} to {dest}.",
            f"Can you update the address of my {ref_title} order {oid} to {dest}?",
        ])  # fmt: skip
        if consent:
            rewrite = rewrite.rstrip(".?") + "; if that is too late, please intercept the parcel."
    elif request == "intercept":
        rewrite = rng.choice([
            f"Please intercept the {ref_title} parcel of order {oid}; I no longer want it.",
            f"Can you recall the {ref_title} parcel of order {oid}? I don't need it any more.",
        ])  # fmt: skip
    elif request == "parcel" and ask == "where":
        rewrite = f"Where is the {ref_title} parcel of order {oid}? It has not reached me yet."
    elif request == "parcel":
        rewrite = f"Please send a replacement for the {ref_title} of order {oid}, which has not reached me."
    else:
        rewrite = f"Please refund the shipping fee of the {ref_title} order {oid}."
    if also:
        rewrite = rewrite.rstrip(".?") + ", and refund its shipping fee."
    last_user = [t for r, t in turns if r == C][-1]
    rpoints = [drafts.pt(*marks, note="the item as the order names it")]
    if any(m.lower() in last_user.lower() for m in marks):
        rpoints = []

    d = drafts.d(
        (cid, name, tier),
        [o, other],
        [*events, *other_events],
        oid,
        request,
        turns,
        intent,
        rewrite,
        rpoints,
        "",
        f"Generated: request {request}{' with consent' if consent else ''}, parcel state {state}; "
        f"intent by the guideline from the request and the order's status.",
        sku=sku,
        consent=consent,
        new_address=new_address,
        also_fee=also,
        today=today,
        extra=extra or None,
    )
    gold = policy.decide(
        world_mod.ShopState.model_validate(merge_patch(base, d["patch"])), d["refs"]
    )
    d["reply"] = _reply(rng, gold, o, events, extra, also)
    built: dict[str, Any] = author.build(d, base)
    return built

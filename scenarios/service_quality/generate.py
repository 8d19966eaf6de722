"""The train-split generator of ``service_quality``: a new flagged chat, the policy's gold.

The situation comes first. :func:`generate_case` draws a shop and its enforcement record
(0-3 warnings and penalties in the 90 days before the chat, sometimes an entry of the
chat's own rule, older entries outside the window), the order the chat is about
(unshipped, in transit or delivered 1-15 days before the chat; custom-made or
perishable), what the shopper wants (a return, where the parcel is, a product
question, a warranty, a change to the order, a payment), when each message was answered (waits
within the limits, at the limits, or over them, some over-limit waits covered by a
logged console outage) and what the shop's staff do in the chat: each judged category
(privacy, off_platform, misleading_info, rude_language) is planted by a shop turn or
left out, often with its hard negative instead (the shopper asks for WeChat and the shop
declines; the shop confirms the address already on the order; the shopper insults, the
shop stays calm; the shop states an order fact that the record bears out); a return the
shopper asks for is granted, refused with an alternative or refused flat, whatever the
return policy says; the shopper may give an escalation reason (self-harm, legal action,
a counterfeit or an order never placed) or only sound like it (a bad review, a complaint
to the platform, a wrong colour).

The gold comes from the rules: the writer's judgements (``world_refs``: ``judged``,
``return_refused``, ``escalation``) are what the generator planted, the attitude of the
shop's last turn is the spec's decision-list line of the bank the turn came from, and
``author.fill`` (the case writers' tool) applies ``policy.py``: the rules touched, the
governing rule, the enforcement, the menu (order drawn from the rng), the lookups, the
write, the note's points and a reference note.

The words come last: per topic several openings and follow-ups, shop turns per act
(helpful, curt, needling, brushing off, mocking, with an alternative), slot fillers
(products, amounts in several formats, dates, tracking numbers), typos and lowercase,
Chinese or pinyin mixed in (亲, 谢谢, 退货, vx), and six-turn chats in a fifth of the cases.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from . import author

__all__ = ["generate_case"]

SHOPS = [
    ("Harbor Lane Home", "Home & kitchen"),
    ("Aurora Skin Lab", "Beauty & skincare"),
    ("Peak Gear", "Sports & outdoors"),
    ("Little Sprout", "Baby & maternity"),
    ("Tea Terrace", "Tea"),
    ("Pixel Point", "Consumer electronics"),
    ("Bloom & Thread", "Women's apparel"),
    ("Pawsome", "Pet supplies"),
    ("Golden Crust", "Food & snacks"),
    ("Oakline Furniture", "Furniture"),
    ("Jade Garden Gifts", "Accessories"),
    ("Northpine Outdoors", "Sports & outdoors"),
    ("Silkway", "Home textiles"),
    ("Brightdesk", "Books & stationery"),
]
PRODUCTS = {
    "Home & kitchen": [
        "cast-iron casserole",
        "glass kettle",
        "knife set",
        "rice cooker",
        "air fryer",
    ],
    "Beauty & skincare": ["vitamin C serum", "LED face mask", "sunscreen", "lip tint set"],
    "Sports & outdoors": ["trail shoes", "camping lantern", "yoga mat", "cycling helmet", "tent"],
    "Baby & maternity": ["stroller", "baby bottle set", "play mat", "baby carrier"],
    "Tea": ["longjing gift box", "pu'er cake", "oolong sampler"],
    "Consumer electronics": ["wireless earbuds", "power bank", "smart watch", "desk lamp"],
    "Women's apparel": ["wool coat", "silk blouse", "linen dress", "down jacket"],
    "Pet supplies": ["cat tree", "dog harness", "pet water fountain"],
    "Food & snacks": ["mooncake box", "nut gift set", "dried mango"],
    "Furniture": ["bookshelf", "office chair", "bedside table"],
    "Accessories": ["pearl earrings", "leather belt", "engraved bracelet"],
    "Home textiles": ["silk pillowcase", "duvet cover", "bath towel set"],
    "Books & stationery": ["fountain pen", "planner set", "calligraphy brush set"],
}
CUSTOM = ["engraved bracelet", "planner set", "bookshelf"]  # may be made to order
PERISHABLE = ["mooncake box", "nut gift set", "dried mango", "longjing gift box"]
NAMES = ["Ms. Wang", "Mr. Li", "Ms. Zhao", "Mr. Chen", "Ms. Liu", "Mr. Zhou"]
TYPOS = [
    ("the ", "teh "),
    ("please", "pls"),
    ("you", "u"),
    ("because", "bc"),
    ("really", "rly"),
    ("order", "oder"),
]
CUSTOMER_CLOSE = ["", "", " thanks", " 谢谢", " ok?", " xie xie", " pls"]

# --- customer openings per topic ----------------------------------------------------
OPEN = {
    "return": [
        "hi, the {p} arrived but it's not what I expected, I'd like to return it.",
        "Hello, can I send back the {p}? I changed my mind.",
        "我想退货, the {p} doesn't fit our place. How do I return it?",
        "The {p} came {days_ago} days ago and I want a refund please.",
        "hi, I ordered the {p} by mistake, can I cancel and get my money back?",
        "Hi! My partner bought the same {p}, so I'd like to return mine.",
    ],
    "delivery": [
        "where is my {p}? tracking hasn't moved.",
        "Hello, has the {p} shipped yet? I ordered on {weekday}.",
        "hi, when will the {p} arrive? I need it before {weekday}.",
        "我的 {p} 到哪了? order {oid}.",
        "Hi, just checking on order {oid}, the {p}. Any update?",
    ],
    "product": [
        "hi, quick question about the {p} I ordered: is it made to order or from stock?",
        "Hello, does the {p} come with a manual in English?",
        "Is the {p} I bought suitable for a small kitchen/room? Just curious.",
        "hi, what's the best way to clean the {p}?",
    ],
    "warranty": [
        "hi, how do I register the warranty on the {p}?",
        "Hello, the {p} stopped working after a week. Is it under warranty?",
        "My {p} makes a strange noise. Can you help?",
    ],
    "change": [
        "hi, can you add a gift message to the {p} order? it's for my mum.",
        "Hello, I'm moving on {weekday}, can the {p} go to my new address?",
        "亲, can I change the colour of the {p} I ordered?",
        "hi, could you wrap the {p} as a gift? 谢谢",
    ],
    "payment": [
        "hi, my payment for the {p} failed twice. can you help?",
        "Hello, can I pay for the {p} in two parts?",
        "Can you send me an invoice for the {p}?",
    ],
}
FOLLOW = {
    "return": [
        "but it's unused and still in the box. can I return it or not?",
        "I just want my money back, that's all.",
        "ok so what do I do now? I still want to return it.",
        "it's only been a few days. why is that a problem?",
    ],
    "delivery": [
        "ok, but it hasn't arrived. can you check with the courier?",
        "so when exactly will it come?",
        "hmm, the app says something else. are you sure?",
        "fine, can you send another one if it's lost?",
    ],
    "product": [
        "ok thanks. and is it dishwasher safe?",
        "got it. anything else I should know?",
        "ok, and how long does it last?",
    ],
    "warranty": [
        "ok, what do you need from me?",
        "and how long does the repair take?",
        "can you just send a new one?",
    ],
    "change": [
        "ok, can you confirm it's done?",
        "and will it still arrive on time?",
        "great, anything else you need from me?",
    ],
    "payment": [
        "ok how do I do that?",
        "so what do I need to do?",
        "fine, and when will it ship after I pay?",
    ],
}

# --- shop turns: helpful (attitude 0, rule 4) ----------------------------------------
HELPFUL = {
    "return": [
        "Of course. I've opened the return for you; the courier label is in your order page.",
        "No problem, the return is approved. Drop it at any courier point and the refund follows.",
        "Sure, 亲, I've started the refund. You'll see it in 1-3 days.",
    ],
    "delivery": [
        "Let me check with the courier now and get back to you within the hour.",
        "I've asked the courier for an update and will message you as soon as I hear.",
        "I'll chase it with the depot today. If it's lost we resend for free.",
    ],
    "product": [
        "Good question! It comes with a bilingual manual, and the care card is in the box.",
        "Thanks for asking. Wipe it with a damp cloth; no harsh cleaners.",
        "It's a standard size and fits most spaces. Happy to send the measurements.",
    ],
    "warranty": [
        "Sorry about that! It's covered for a year; I've opened a repair ticket for you.",
        "The warranty is automatic from the order date, nothing to register. I'll send a prepaid label.",
        "Please send a short video of the noise here and we'll arrange a swap.",
    ],
    "change": [
        "Done! I've added the note and it ships with the order.",
        "Sure, updated. It still ships on time and you'll get a new tracking message.",
        "Of course, 亲, changed. Thanks for telling us early.",
    ],
    "payment": [
        "Sorry about that. Please try the platform checkout again; I've reset the order.",
        "You can pay through the platform's instalment option at checkout.",
        "The invoice is available on your order page under 'Invoice'.",
    ],
}
ALTERNATIVE = [  # a refusal of a return with a real alternative (attitude 0, rule 4)
    "We can't take it back as a cash refund, but an exchange is free and the label is in your email.",
    "A refund isn't possible here, sorry, but I can offer a free exchange or a 50 yuan coupon.",
    "I can't refund it, but I can swap it for another size or colour at no cost.",
]
FLAT_REFUSAL = [  # refusal, no way forward (attitude 1, rule 3)
    "Sorry, returns are not supported. Thank you.",
    "No refunds for that. End of discussion.",
    "We don't do returns for changed minds. Please don't ask again.",
    "Not possible. Anything else?",
]
NEEDLING = [  # attitude 1, rule 2 (not rude_language)
    "As I already said, it's on the page. Please read it before messaging me.",
    "Hehe, as I told you above, check the listing first.",
    "Like I wrote two messages ago, that's in the description.",
]
BRUSH_OFF = [  # attitude 1, rule 3 in a complaint (not rude_language)
    "That's between you and the courier, we handed it over on time.",
    "Go ahead and complain, the platform sides with us anyway.",
    "Nothing we can do about that. Ask the platform, not us.",
    "Not our problem, we did our part.",
]
COMPLAINTS = ("return", "delivery", "warranty")
MOCKING = [  # attitude 1, rule 1, and rude_language; each has a shopper's twin
    "Wow, congratulations on discovering the tracking page, genius.",
    "Sweetie, you press the button. It's not rocket science.",
    "lol are you serious? maybe shopping online isn't your thing.",
    "Honestly, a child could figure this out. Read the label.",
    "Thanks SO much for your brilliant feedback 🙄 Next time use your eyes.",
]
CALM = [  # after an insult from the shopper (attitude 0)
    "I understand you're upset, and I'm sorry. Let me sort this out for you now.",
    "I hear you, and I'll make this right today.",
    "Sorry for the trouble. I'm on it and will update you by tonight.",
]
RETURN_EARLY = [
    "If not, I'd like to return it.",
    "otherwise I want a refund.",
    "or can I just send it back?",
]
RETURN_ASK = [  # a return or refund asked in another topic's chat
    "forget it, can I just cancel and get my money back?",
    "ok, then I'd rather return it. can I?",
    "honestly I just want a refund now.",
    "then I want to send it back, please refund me.",
]
M1_RETURN = [  # a neutral first answer to a return request
    "Could you tell me why you'd like to return it? Is it unused?",
    "Let me check the order first, one moment please.",
    "Could you send a photo of the item and the box?",
]
SHOPPER_INSULT = [
    "you people are useless.",
    "this shop is a joke.",
    "are you all idiots over there?",
    "worst service ever, seriously.",
]

# --- planted categories and their hard negatives -----------------------------------
PRIVACY = [  # each has a twin in PRIVACY_NEG with the same words, turned
    "We need a photo of your ID card for this, please send it here.",
    "Please tell me the login code we just texted you, then I can fix it.",
    "Send me your bank card number and I'll refund straight to it.",
    "The buyer before you, {name}, phone 138-{n4}-{n4b}, had the same issue, it was fine.",
    "I need your payment password to check the transaction, 亲.",
]
PRIVACY_NEG = [
    "Please don't send a photo of your ID card here, we need nothing for this.",
    "Please never tell anyone the login code we texted you, not even me, I can fix it without it.",
    "No need to send me your bank card number, the refund goes straight to your original payment.",
    "Could you confirm the address on the order is still right?",
    "I can't tell you who the buyer before you was or their phone, but the same issue was fine for them.",
    "I never need your payment password to check a transaction, 亲.",
]
OFF_PLATFORM = [
    "Add me on WeChat {vx}, it's easier there and I'll sort it.",
    "加我vx {vx}, I'll send a 红包 if you pay there instead.",
    "Just transfer to our Alipay and I'll ship today, no platform fee.",
    "Call my personal number 139-{n4}-{n4b}, we can settle it by phone.",
]
OFF_PLATFORM_NEG = [  # the shop keeps it on the platform, in the plants' words
    "We don't do WeChat or personal numbers, it's easier to sort it here.",
    "不用加vx, no 红包 deals if you pay there instead, only here.",
    "Please don't transfer to any Alipay account, even if someone asks; pay here, no fee.",
    "We never call from a personal number or settle by phone; everything stays in this chat.",
]
OFF_PLATFORM_NEG_ASK = [
    "can I just add you on WeChat and pay there? easier for me.",
    "can I transfer to you directly on Alipay to save the platform fee?",
    "what's your WeChat or phone number? easier to sort it there.",
]
OFF_PLATFORM_NEG_DECLINE = [
    "Sorry, not on WeChat: we keep payment and chat on the platform, it protects you too.",
    "We can only take payment through the platform checkout, not a transfer, fee or no fee.",
    "No personal phone number or WeChat, sorry, it's easier to sort it here on the platform.",
]
MISLEADING = {  # what the shop says about the order, and the statuses that contradict it
    "shipped": (
        [
            "It has already shipped, it's with the courier.",
            "Already sent out yesterday, 亲, tracking will update soon.",
        ],
        {"unshipped"},
    ),
    "not_shipped": (
        [
            "It hasn't shipped yet, it leaves the warehouse tomorrow.",
            "We haven't sent it out yet, sorry.",
        ],
        {"in_transit", "delivered"},
    ),
    "delivered": (
        [
            "It was already delivered, please check with your neighbours.",
            "Our system shows it delivered, so it's arrived.",
        ],
        {"unshipped", "in_transit"},
    ),
}
ESCALATION = {  # KB-05 reasons; each line has a twin in ESCALATION_NEG in the same words
    "legal_action": [
        "I've talked to a lawyer and will take you to court.",
        "I've filed a police report about this.",
        "my lawyer will contact your shop.",
    ],
    "counterfeit_or_fraud": [
        "this is a fake, not a real product of the brand, the brand confirmed it.",
        "I was charged for an order I never placed!",
        "the brand says they never made this, it's counterfeit.",
    ],
    "self_harm": [
        "honestly I can't take this anymore, I might hurt myself.",
        "I'm at the end of my rope, I don't want to be here anymore.",
    ],
}
ESCALATION_NEG = [  # sound like a KB-05 reason, and are not
    "I haven't talked to a lawyer and won't take you to court, I just want it fixed.",
    "I'm not filing a police report about this, just sort it out.",
    "my lawyer friend says I don't need one, so please just contact me.",
    "it's not a fake, the brand confirmed it's a real product, but the box is damaged.",
    "I placed this order myself, but I was charged twice for shipping.",
    "the brand says they made this, it's not counterfeit, but it's scratched.",
    "honestly I can't take this anymore, this might hurt your shop's rating.",
    "I'm at the end of my rope with this shop, I don't want to buy here anymore.",
    "I'll leave a one-star review.",
    "I'm going to complain to the platform.",
    "the colour is different from the photo, too.",
]
SHOPPER_MOCK = [  # the shopper mocks the shop in the same words (no rule of the shop's)
    "wow, congratulations on discovering your own tracking page, genius.",
    "sweetie, it's not rocket science: you press the button and ship the parcel.",
    "lol are you serious? maybe selling online isn't your thing.",
    "honestly, a child could figure this out. read your own label.",
    "thanks SO much for your brilliant service 🙄 next time use your eyes when you pack.",
]


def _ids(rng: random.Random, prefix: str, digits: int, n: int = 1) -> list[str]:
    lo = 10 ** (digits - 1)
    return [f"{prefix}-{k}" for k in rng.sample(range(lo, 10 * lo), n)]


def _hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def _typos(rng: random.Random, text: str) -> str:
    if rng.random() < 0.25:
        a, b = rng.choice(TYPOS)
        text = text.replace(a, b, 1)
    if rng.random() < 0.3:
        text = text.lower()
    return text


MAX_DRAWS = 80
"""Situations drawn per case in search of the case's enforcement (drawn first, uniform)."""


def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new service_quality case (the library sets its id and split).

    The enforcement the case should end in is drawn first (uniform over the ladder), then
    a governing rule the ladder allows for it; situations are drawn to fit them until
    the policy decides both (else the closest draw is kept): the labels come out
    balanced, and every gold is still the policy's.

    Args:
        rng: The case's random source.
        base: The shared world data (rules and help centre), a copy.

    Returns:
        A case dict with the policy's gold filled in by ``author.fill``.
    """
    target = rng.choice(list(author.policy.DECISIONS))
    rules = list(author.policy.SEVERITY.values())
    rule = rng.choice(
        {
            "none": ["none"],
            "escalate": ["none", *rules],
            "penalize": rules,
            "coach": rules[2:],
            "warn": rules[2:],
        }[target]
    )
    found: dict[str, Any] | None = None
    best = -1
    for _ in range(MAX_DRAWS):
        filled = author.fill(_draw(rng, rule, target), base)
        if not filled["grading"]["action.reply"]["points"]:
            continue
        gold = filled["options"]["decision"][int(filled["gold"]["action"]["decision"]) - 1]
        hit = 2 * (gold["code"] == target) + (filled["gold"]["planning"]["governing_rule"] == rule)
        if hit > best:
            found, best = filled, hit
        if hit == 3:
            break
    assert found is not None
    found.pop("case_id")
    return found


def _draw(rng: random.Random, rule: str, target: str) -> dict[str, Any]:
    """One situation drawn to end in ``rule`` and ``target`` (the policy decides whether it does)."""
    shop_id = _ids(rng, "S", 4)[0]
    shop_name, cat = rng.choice(SHOPS)
    chat_id, old1, old2, old3, old4, old5, old6 = _ids(rng, "CH", 4, 7)
    oid = _ids(rng, "O", 5)[0]
    day = date(2026, 7, 1) + timedelta(days=rng.randint(0, 150))
    product = rng.choice(PRODUCTS[cat])
    # The topic is drawn apart from the rule: a return can be asked in any topic's chat.
    topic = rng.choice(
        ["return", "return", "delivery", "delivery", "product", "warranty", "change", "payment"]
    )
    asks_return = topic == "return" or rule == "SQ-3" or rng.random() < 0.6

    # The order: a return the shop refuses is granted by KB-04 when the rule is SQ-3, and
    # mostly not otherwise (the same refusal then touches no rule).
    status = rng.choice(["unshipped", "in_transit", "delivered", "delivered"])
    days_ago = rng.choice([1, 2, 3, 5, 6, 7, 8, 9, 12, 15])
    if asks_return and rule == "SQ-3":
        status = rng.choice(["unshipped", "delivered", "delivered"])
        days_ago = rng.choice([1, 2, 3, 5, 6, 7])
    elif asks_return:  # past the window or on its way: a refusal touches no rule
        status = rng.choice(["delivered", "delivered", "in_transit"])
        days_ago = rng.choice([8, 9, 10, 12, 15])
    order: dict[str, Any] = {
        "order_id": oid,
        "shop_id": shop_id,
        "product": product,
        "amount": float(rng.choice([39, 59, 88, 129, 199, 268, 329, 459, 899, 1299])),
        "status": status,
    }
    if status == "delivered":
        order["delivered_on"] = (day - timedelta(days=days_ago)).isoformat()
    if product in CUSTOM and rng.random() < 0.6:
        order["custom_made"] = True
    if product in PERISHABLE:
        order["perishable"] = True

    # What the shop does: the writer's judgements, planted.
    judged: set[str] = set()
    primary = {
        "SQ-1": "privacy",
        "SQ-2": "off_platform",
        "SQ-4": "misleading",
        "SQ-5": "rude_language",
        "SQ-6": "slow",
    }.get(rule, "none")
    lower = {"SQ-1": ["rude_language", "slow"], "SQ-2": ["rude_language", "slow", "privacy"]}
    second = rng.choice(lower.get(rule, [""])) if rng.random() < 0.2 else ""
    plant = {primary, second} - {"", "none"}
    escalation = rng.choice(sorted(ESCALATION)) if target == "escalate" else ""
    fill = {
        "p": product,
        "oid": oid,
        "weekday": rng.choice(["Friday", "the weekend", "Monday", "my trip"]),
        "days_ago": days_ago,
        "amount": rng.choice(["30 yuan", "¥45", "20块", "15 yuan"]),
        "name": rng.choice(NAMES),
        "n4": f"{rng.randint(1000, 9999)}",
        "n4b": f"{rng.randint(1000, 9999)}",
        "vx": rng.choice(["shop_ling88", "bts_store", "xiaomei_666", "harbor2026"]),
    }
    c1 = rng.choice(OPEN[topic]).format(**fill)
    if asks_return and topic != "return":
        c1 += " " + rng.choice(RETURN_EARLY)
    c2 = rng.choice(FOLLOW[topic] if topic == "return" or not asks_return else RETURN_ASK)
    m1_parts: list[str] = []
    m2: str
    attitude_line: int
    return_refused = False

    # First shop turn: a planted category, or its hard negative, or a plain helpful answer.
    # A statement about the order, drawn first; the record then contradicts it (SQ-4) or
    # bears it out, so no statement is more likely under one rule than another.
    keys = sorted(MISLEADING)
    if "misleading" in plant and asks_return:  # keep the return outside KB-04
        keys = [k for k in keys if MISLEADING[k][1] - {"unshipped"}]
    key = rng.choice(keys)
    lines, bad = MISLEADING[key]
    if "misleading" in plant:
        if status not in bad:
            status = order["status"] = rng.choice(
                sorted(bad - {"unshipped"} if asks_return else bad)
            )
            order.pop("delivered_on", None)
            if status == "delivered":
                order["delivered_on"] = (day - timedelta(days=days_ago)).isoformat()
        m1_parts.append(rng.choice(lines))
        judged.add("misleading_info")
    elif rng.random() < 0.6 and status not in bad:
        m1_parts.append(rng.choice(lines))  # true of the record
    if topic == "product" and "misleading" not in plant and rng.random() < 0.3:
        m1_parts.append("It's a standard stock item, not made to order.")
        if order.get("custom_made"):
            judged.add("misleading_info")
    if topic == "return":
        m1_parts.append(rng.choice(M1_RETURN))
    else:
        m1_parts.append(rng.choice(HELPFUL[topic]))
    if "privacy" in plant:
        m1_parts.append(rng.choice(PRIVACY).format(**fill))
        judged.add("privacy")
    elif rng.random() < 0.3:
        m1_parts.append(rng.choice(PRIVACY_NEG))
    if "off_platform" in plant:
        m1_parts.append(rng.choice(OFF_PLATFORM).format(**fill))
        judged.add("off_platform")
    elif rng.random() < 0.25:  # the shopper asks to go off the platform; the shop declines
        c1 = c1 + " " + rng.choice(OFF_PLATFORM_NEG_ASK)
        m1_parts.append(rng.choice(OFF_PLATFORM_NEG_DECLINE))
    elif rng.random() < 0.25:
        m1_parts.append(rng.choice(OFF_PLATFORM_NEG))
    if "rude_language" in plant and rng.random() < 0.5:
        m1_parts.insert(0, rng.choice(MOCKING))
        judged.add("rude_language")
    m1 = " ".join(m1_parts)

    # The shopper's follow-up: the topic, an insult, an escalation reason or its look-alike.
    c2_parts = [c2]
    insulted = rng.random() < 0.4
    if insulted:
        c2_parts.insert(0, rng.choice(SHOPPER_MOCK if rng.random() < 0.7 else SHOPPER_INSULT))
    if escalation:
        c2_parts.append(rng.choice(ESCALATION[escalation]))
    elif rng.random() < 0.3:
        c2_parts.append(rng.choice(ESCALATION_NEG))
    c2 = " ".join(c2_parts)

    # The last shop turn: its attitude is the decision-list line of its bank.
    if "rude_language" in plant and "rude_language" not in judged:
        bank, attitude_line = MOCKING, 1
        judged.add("rude_language")
    elif asks_return and (rule == "SQ-3" or rng.random() < 0.9):
        return_refused = True
        if rng.random() < 0.5:
            bank, attitude_line = ALTERNATIVE, 4
        else:
            bank, attitude_line = FLAT_REFUSAL, 3
    else:
        r = rng.random()
        if insulted and r < 0.6:
            bank, attitude_line = CALM, 4
        elif r < 0.5:
            bank, attitude_line = HELPFUL[topic], 4
        elif r < 0.75 or topic not in COMPLAINTS:
            bank, attitude_line = NEEDLING, 2
        else:
            bank, attitude_line = BRUSH_OFF, 3
    m2 = rng.choice(bank)
    attitude = "0" if attitude_line == 4 else "1"
    # The earlier shop turn often reads the other way: it never decides the label (spec
    # guideline), and it leaves no word that tells the last turn's attitude.
    if rng.random() < 0.8:
        if attitude == "0":
            pool = [*NEEDLING, *(BRUSH_OFF if topic in COMPLAINTS else [])]
            if asks_return:  # first a flat no, then the alternative or the return
                pool = FLAT_REFUSAL
            elif rng.random() < 0.1:
                pool = MOCKING
            line = rng.choice(pool)
            m1 = line + " " + m1
        else:
            pool = ALTERNATIVE if asks_return else [*HELPFUL[topic], *CALM]
            line = rng.choice(pool)
            m1 = m1 + " " + line
        if line in MOCKING:
            judged.add("rude_language")
        if line in FLAT_REFUSAL or line in ALTERNATIVE:
            return_refused = True

    turns = [("customer", c1), ("merchant", m1), ("customer", c2), ("merchant", m2)]
    if rng.random() < 0.2:  # six turns: a closing exchange, the last shop turn unchanged
        turns = [
            ("customer", c1),
            ("merchant", m1),
            ("customer", c2),
            ("merchant", m2),
            (
                "customer",
                rng.choice(["ok.", "really?", "fine.", "hm, ok", "so that's it?", "好吧"]),
            ),
            ("merchant", rng.choice(bank)),
        ]
    n_replies = sum(1 for r, _ in turns if r == "customer")

    # Response times: within, at, or over the limits; an outage may excuse a slow wait.
    start = rng.randint(8 * 60, 21 * 60)
    replies = []
    t = start
    slow_at = rng.randrange(n_replies) if "slow" in plant or rng.random() < 0.2 else -1
    for k in range(n_replies):
        limit = 3 if k == 0 else 10
        if k == slow_at:
            wait = limit + rng.choice([1, 2, 5, 9, 14, 25])
        else:
            wait = rng.choice([0, 1, 2, limit, limit - 1, max(1, limit // 2)])
        replies.append({"asked_at": _hhmm(t), "answered_at": _hhmm(t + wait)})
        t += wait + rng.randint(1, 6)
    outages = []
    excuse = 0.1 if "slow" in plant else 0.7
    if slow_at >= 0 and rng.random() < excuse:  # the console was down during the slow wait
        a = replies[slow_at]
        s0 = int(a["asked_at"][:2]) * 60 + int(a["asked_at"][3:])
        outages.append(
            {
                "outage_id": f"OUT-{rng.randint(100, 999)}",
                "date": day.isoformat(),
                "start": _hhmm(max(0, s0 - rng.randint(0, 20))),
                "end": _hhmm(s0 + rng.randint(2, 30)),
                "summary": "merchant chat console unavailable",
            }
        )
    elif rng.random() < 0.2:  # an outage on another day or another hour: no excuse
        outages.append(
            {
                "outage_id": f"OUT-{rng.randint(100, 999)}",
                "date": (day - timedelta(days=rng.randint(1, 5))).isoformat(),
                "start": "03:10",
                "end": "03:50",
                "summary": "merchant chat console unavailable",
            }
        )

    # The shop's record: strikes in the window, the chat's own rule, old entries.
    records = []
    rules = ["SQ-1", "SQ-2", "SQ-3", "SQ-4", "SQ-5", "SQ-6"]
    others = [r for r in rules if r != rule]
    if target in ("coach", "warn"):
        n_strikes = rng.choice([0, 0, 1])
    elif target == "penalize" and rule not in ("SQ-1", "SQ-2"):
        n_strikes = rng.choice([2, 2, 3])
    else:
        n_strikes = rng.choice([0, 0, 1, 2, 3])
    entries = [
        (rng.choice(others), rng.choice(["warn", "warn", "penalize"])) for _ in range(n_strikes)
    ]
    if target == "warn" or (target not in ("coach",) and rng.random() < 0.3):
        entries.append((rule, "coach"))  # the chat's own rule already on record
    if rng.random() < 0.3:
        entries.append((rng.choice(others), "coach"))
    for old, (rid, action) in zip((old1, old2, old3, old5, old6), entries, strict=False):
        records.append(
            {
                "shop_id": shop_id,
                "date": (day - timedelta(days=rng.randint(3, 88))).isoformat(),
                "rule_id": rid,
                "action": action,
                "chat_id": old,
            }
        )
    if rng.random() < 0.3:
        records.append(
            {
                "shop_id": shop_id,
                "date": (day - timedelta(days=rng.choice([95, 120, 160, 200]))).isoformat(),
                "rule_id": rng.choice(rules),
                "action": rng.choice(["warn", "penalize"]),
                "chat_id": old4,
            }
        )
    rng.shuffle(records)

    dialogue = [{"role": r, "text": _typos(rng, x)} for r, x in turns]
    patch: dict[str, Any] = {
        "shops": [{"shop_id": shop_id, "name": shop_name, "category": cat}],
        "orders": [order],
        "chats": [
            {
                "chat_id": chat_id,
                "shop_id": shop_id,
                "customer_id": _ids(rng, "U", 5)[0],
                "date": day.isoformat(),
                "flagged_by": rng.choice(
                    ["customer report", "random sample", "keyword filter", "low rating"]
                ),
                "replies": replies,
                "order_id": oid,
            }
        ],
    }
    if records:
        patch["records"] = records
    if outages:
        patch["outages"] = outages
    return {
        "case_id": f"gen-{rng.getrandbits(40):010x}",
        "scenario": "service_quality",
        "orientation": "merchant",
        "dialogue": dialogue,
        "world_refs": {
            "chat_id": chat_id,
            "shop_id": shop_id,
            "judged": sorted(judged),
            "return_refused": return_refused,
            "escalation": escalation,
        },
        "world": {"patch": patch},
        "gold": {"perception": {"attitude": attitude}},
        "annotation": {
            "annotators": ["generator"],
            "notes": (
                f"generated; attitude rule {attitude_line}; judged {sorted(judged) or 'none'}"
                f"; return refused {return_refused}; escalation {escalation or 'none'}"
                "; rules touched, governing rule, decision and note by policy.py"
            ),
        },
    }

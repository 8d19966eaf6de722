"""The train-split generator of ``content_review``: a new submission, the policy's gold.

The situation comes first. :func:`generate_case` draws a merchant, one to three product
cards from :data:`PRODUCTS` (prices, original prices, specs, certifications, a medical
registration for the few registered products), the submission the merchant writes about
(an ad creative or a note, by the shop or a blogger) and the rules its text is made to
break: none (a third of the cases), one, or two or three, plus hard negatives that look
like breaches and are not (a correct discount, a spec the card does not list, the same
spec written with other spaces or case, a certification the card holds, an effect that
names no listed condition, a condition claimed by a registered product, "bestseller").
The earlier automatic review is drawn apart from the truth (pending, or a rejection or a
request for changes whose reason codes are right, partly right or wrong), so what the
merchant says about it tells nothing about the re-review.

The gold comes from the rules: ``author.fill`` (the case writers' tool) applies
``policy.py`` to the drawn world and writes the violations, the decision, the menu (its
order drawn from the rng), the lookups, the write, the reply points and a reference
reply. The route follows the spec's guideline from what was drawn: the merchant's words
say "ad"/"paid"/"boosted" for an ad creative and "a blogger's note with our product
linked" for a note, or leave it open (route line 3), when the submission's kind decides.
Each cue has a twin in the other route with the same words turned (a note "we'll boost
once it passes" is still a note; a blogger's copy "we run as our ad" is an ad), so the
topic words do not give the route away.

The words come last: openings, status phrases, requests, beliefs, deadlines and closers
per situation, slot fillers (the product by name, by title or by "it"/"that one" once the
context has named it), prices in several formats, typos and casual writing, Chinese or
pinyin mixed into a quarter of the dialogues, and three- or five-turn conversations in
which the support agent asks which submission is meant.
"""

from __future__ import annotations

import random
from typing import Any

from . import author

__all__ = ["PRODUCTS", "generate_case"]

# A product template: category, brand, model, name, short noun the merchant uses, price,
# original price (or None), specs, certifications, medical registration, alternative spec
# values (for a spec that differs), effects that name no listed condition, and conditions
# the text could claim an effect on.
Template = dict[str, Any]

PRODUCTS: list[Template] = [
    dict(
        cat="Beauty & skincare",
        brand="Clearleaf",
        model="CL-GEL15",
        name="Tea tree spot gel 15 ml",
        noun="spot gel",
        price=59,
        lp=79,
        specs={"capacity": "15 ml"},
        certs=[],
        alt={"capacity": ["20 ml", "30 ml"]},
        ok=["calms the look of redness", "absorbs in seconds"],
        cond=["acne", "eczema"],
    ),
    dict(
        cat="Beauty & skincare",
        brand="Mistral",
        model="MS-SER30",
        name="Vitamin C serum 30 ml",
        noun="serum",
        price=168,
        lp=None,
        specs={"capacity": "30 ml", "origin": "Guangzhou"},
        certs=["SGS test report"],
        alt={"capacity": ["50 ml"], "origin": ["Seoul", "Paris"]},
        ok=["brightens dull skin", "feels light on the face"],
        cond=["acne", "allergies"],
    ),
    dict(
        cat="Personal care",
        brand="Herbwell",
        model="HW-SH400",
        name="Ginger shampoo 400 ml",
        noun="ginger shampoo",
        price=89,
        lp=129,
        specs={"capacity": "400 ml"},
        certs=[],
        alt={"capacity": ["500 ml", "300 ml"]},
        ok=["leaves hair soft", "smells of fresh ginger"],
        cond=["hair loss", "dandruff"],
    ),
    dict(
        cat="Personal care",
        brand="Herbwell",
        model="HW-AD20",
        name="Anti-dandruff lotion 20 ml",
        noun="scalp lotion",
        price=76,
        lp=None,
        specs={"capacity": "20 ml"},
        certs=[],
        alt={"capacity": ["50 ml"]},
        ok=["cools the scalp"],
        cond=["dandruff"],
        reg="Guo Yao Zhun Zi H20231187",
    ),
    dict(
        cat="Home textiles",
        brand="Dreamloft",
        model="DL-PIL60",
        name="Memory foam pillow",
        noun="pillow",
        price=199,
        lp=299,
        specs={"material": "memory foam", "size": "60 x 40 cm"},
        certs=["OEKO-TEX Standard 100"],
        alt={"material": ["latex", "down"], "size": ["70 x 40 cm"]},
        ok=["keeps its shape", "stays cool at night"],
        cond=["insomnia", "migraines"],
    ),
    dict(
        cat="Home textiles",
        brand="Cotton Bay",
        model="CB-TW3",
        name="Bamboo towel set of 3",
        noun="towels",
        price=129,
        lp=None,
        specs={"material": "bamboo fibre", "weight": "600 g"},
        certs=["OEKO-TEX Standard 100"],
        alt={"material": ["Egyptian cotton"], "weight": ["800 g"]},
        ok=["dries fast", "gets softer with each wash"],
        cond=["eczema", "allergies"],
    ),
    dict(
        cat="Home & kitchen",
        brand="Ironhearth",
        model="IH-SK26",
        name="Cast-iron skillet 26 cm",
        noun="skillet",
        price=259,
        lp=329,
        specs={"size": "26 cm", "weight": "2.4 kg", "origin": "Hebei"},
        certs=["LFGB food-contact test"],
        alt={"size": ["28 cm", "30 cm"], "weight": ["1.8 kg"], "origin": ["Germany"]},
        ok=["holds heat for ages", "sears evenly"],
        cond=[],
    ),
    dict(
        cat="Home & kitchen",
        brand="Aquafort",
        model="AF-RO600",
        name="RO water purifier 600G",
        noun="water purifier",
        price=1599,
        lp=1999,
        specs={"capacity": "600 gallons per day", "power": "36 watts"},
        certs=["NSF/ANSI 58"],
        alt={"capacity": ["800 gallons per day"], "power": ["24 watts"]},
        ok=["filters down to 0.0001 micron", "tastes clean"],
        cond=["high blood pressure", "diabetes"],
    ),
    dict(
        cat="Home & kitchen",
        brand="Steamy",
        model="ST-KT17",
        name="Glass kettle 1.7 L",
        noun="kettle",
        price=139,
        lp=None,
        specs={"capacity": "1.7 L", "power": "1800 watts", "material": "borosilicate glass"},
        certs=["CCC"],
        alt={"capacity": ["2 L"], "power": ["2200 watts"], "material": ["stainless steel"]},
        ok=["boils in four minutes", "switches off by itself"],
        cond=[],
    ),
    dict(
        cat="Home & kitchen",
        brand="Puremist",
        model="PM-HU4",
        name="Ultrasonic humidifier 4 L",
        noun="humidifier",
        price=229,
        lp=289,
        specs={"capacity": "4 L", "power": "25 watts"},
        certs=["CCC"],
        alt={"capacity": ["6 L"], "power": ["30 watts"]},
        ok=["runs quietly all night", "keeps the air moist"],
        cond=["allergies", "colds"],
    ),
    dict(
        cat="Food & snacks",
        brand="Hilltop",
        model="HT-OAT12",
        name="Oat bars, box of 12",
        noun="oat bars",
        price=45,
        lp=59,
        specs={"weight": "480 g", "origin": "Inner Mongolia"},
        certs=["Organic (China GB/T 19630)"],
        alt={"weight": ["600 g"], "origin": ["Australia"]},
        ok=["keeps you full till lunch", "tastes of real honey"],
        cond=["diabetes"],
    ),
    dict(
        cat="Food & snacks",
        brand="Goldcomb",
        model="GC-HON500",
        name="Wild honey 500 g",
        noun="honey",
        price=98,
        lp=None,
        specs={"weight": "500 g", "origin": "Qinling"},
        certs=[],
        alt={"weight": ["1 kg"], "origin": ["New Zealand"]},
        ok=["is great in tea", "crystallises naturally"],
        cond=["colds", "allergies"],
    ),
    dict(
        cat="Food & snacks",
        brand="Brightbiome",
        model="BB-PRO30",
        name="Probiotic powder, 30 sachets",
        noun="probiotic",
        price=159,
        lp=199,
        specs={"weight": "60 g"},
        certs=["GMP workshop"],
        alt={"weight": ["90 g"]},
        ok=["mixes easily in water"],
        cond=["allergies", "eczema"],
    ),
    dict(
        cat="Tea",
        brand="Lucky Leaf",
        model="LL-PU357",
        name="Pu'er cake 357 g",
        noun="pu'er cake",
        price=268,
        lp=None,
        specs={"weight": "357 g", "origin": "Menghai, Yunnan"},
        certs=[],
        alt={"weight": ["400 g"], "origin": ["Fujian"]},
        ok=["has a sweet finish", "brews ten times"],
        cond=["high blood pressure", "diabetes"],
    ),
    dict(
        cat="Tea",
        brand="West Lake Garden",
        model="WL-LJ250",
        name="Longjing green tea 250 g",
        noun="longjing",
        price=328,
        lp=398,
        specs={"weight": "250 g", "origin": "Hangzhou"},
        certs=["Geographical indication"],
        alt={"weight": ["200 g"], "origin": ["Sichuan"]},
        ok=["tastes of chestnut", "brews a clear green cup"],
        cond=["anxiety", "colds"],
    ),
    dict(
        cat="Tea",
        brand="Tongxiang Bloom",
        model="TB-CH50",
        name="Chrysanthemum tea 50 g",
        noun="chrysanthemum tea",
        price=39,
        lp=None,
        specs={"weight": "50 g", "origin": "Tongxiang"},
        certs=[],
        alt={"weight": ["100 g"], "origin": ["Anhui"]},
        ok=["smells of late summer"],
        cond=["myopia", "colds"],
    ),
    dict(
        cat="Sports & outdoors",
        brand="Ridgeback",
        model="RB-VB750",
        name="Vacuum bottle 750 ml",
        noun="bottle",
        price=119,
        lp=159,
        specs={"capacity": "750 ml", "material": "316 stainless steel"},
        certs=["LFGB food-contact test"],
        alt={"capacity": ["1 L"], "material": ["304 stainless steel"]},
        ok=["keeps drinks hot for 12 hours"],
        cond=[],
    ),
    dict(
        cat="Sports & outdoors",
        brand="Trailmark",
        model="TM-R8",
        name="Runner 8 trail shoes",
        noun="trail shoes",
        price=599,
        lp=799,
        specs={"weight": "280 g", "material": "recycled mesh"},
        certs=[],
        alt={"weight": ["240 g"], "material": ["leather"]},
        ok=["grip on wet rock"],
        cond=["arthritis"],
    ),
    dict(
        cat="Sports & outdoors",
        brand="Velo",
        model="VL-H2",
        name="H2 cycling helmet",
        noun="helmet",
        price=459,
        lp=None,
        specs={"weight": "260 g"},
        certs=["CE EN 1078", "CPSC"],
        alt={"weight": ["220 g"]},
        ok=["vents well on climbs"],
        cond=["migraines"],
    ),
    dict(
        cat="Sports & outdoors",
        brand="Summit",
        model="SM-YM6",
        name="Yoga mat 6 mm",
        noun="yoga mat",
        price=149,
        lp=199,
        specs={"size": "183 x 61 cm", "material": "natural rubber"},
        certs=[],
        alt={"size": ["190 x 65 cm"], "material": ["TPE"]},
        ok=["does not slip when you sweat"],
        cond=["arthritis", "anxiety"],
    ),
    dict(
        cat="Baby & maternity",
        brand="Littlenest",
        model="LN-BB240",
        name="Glass baby bottle 240 ml",
        noun="baby bottle",
        price=69,
        lp=None,
        specs={"capacity": "240 ml", "material": "borosilicate glass"},
        certs=["BPA-free test report"],
        alt={"capacity": ["300 ml"], "material": ["PPSU"]},
        ok=["is easy to clean"],
        cond=["colds"],
    ),
    dict(
        cat="Baby & maternity",
        brand="Softpaw",
        model="SP-DC80",
        name="Baby diaper cream 80 g",
        noun="diaper cream",
        price=58,
        lp=72,
        specs={"weight": "80 g"},
        certs=[],
        alt={"weight": ["100 g"]},
        ok=["goes on thin and smooth"],
        cond=["eczema"],
        reg="Guo Xie Zhu Zhun 20212140",
    ),
    dict(
        cat="Pet supplies",
        brand="Waggle",
        model="WG-JC60",
        name="Joint chews for dogs, 60 pcs",
        noun="joint chews",
        price=129,
        lp=169,
        specs={"weight": "300 g"},
        certs=[],
        alt={"weight": ["250 g"]},
        ok=["dogs love the taste"],
        cond=["arthritis"],
    ),
    dict(
        cat="Pet supplies",
        brand="Purrfect",
        model="PF-LT6",
        name="Tofu cat litter 6 L",
        noun="cat litter",
        price=39,
        lp=None,
        specs={"capacity": "6 L", "material": "pea fibre tofu"},
        certs=[],
        alt={"capacity": ["10 L"], "material": ["bentonite"]},
        ok=["clumps in seconds", "flushes away"],
        cond=["allergies"],
    ),
    dict(
        cat="Women's apparel",
        brand="Maris",
        model="MR-SW02",
        name="One-piece swimsuit",
        noun="swimsuit",
        price=219,
        lp=299,
        specs={"material": "recycled nylon", "origin": "Jinjiang"},
        certs=[],
        alt={"material": ["cotton"], "origin": ["Italy"]},
        ok=["stays put in the waves"],
        cond=[],
    ),
    dict(
        cat="Women's apparel",
        brand="Woolhaven",
        model="WH-MS1",
        name="Merino crew sweater",
        noun="merino sweater",
        price=489,
        lp=None,
        specs={"material": "pure merino wool", "origin": "Inner Mongolia"},
        certs=["Woolmark"],
        alt={"material": ["wool blend"], "origin": ["New Zealand"]},
        ok=["does not itch"],
        cond=["eczema"],
    ),
    dict(
        cat="Consumer electronics",
        brand="Boomly",
        model="BM-B3",
        name="B3 party speaker",
        noun="speaker",
        price=399,
        lp=499,
        specs={"battery": "24 h", "power": "40 watts"},
        certs=["CCC"],
        alt={"battery": ["36 h", "30 h"], "power": ["60 watts"]},
        ok=["fills a whole room"],
        cond=[],
    ),
    dict(
        cat="Consumer electronics",
        brand="Clarity",
        model="CY-BL1",
        name="Blue-light glasses",
        noun="blue-light glasses",
        price=129,
        lp=None,
        specs={"material": "acetate frame"},
        certs=["Blue-light filter test report"],
        alt={"material": ["titanium frame"]},
        ok=["cut screen glare"],
        cond=["myopia", "migraines"],
    ),
    dict(
        cat="Consumer electronics",
        brand="Dentra",
        model="DT-S5",
        name="S5 sonic toothbrush",
        noun="toothbrush",
        price=269,
        lp=349,
        specs={"battery": "30 days", "power": "2 watts"},
        certs=["CCC"],
        alt={"battery": ["60 days"]},
        ok=["cleans in two minutes"],
        cond=[],
    ),
    dict(
        cat="Home & garden",
        brand="Urban Sprout",
        model="US-PL12",
        name="Self-watering planter 12 in",
        noun="planter",
        price=89,
        lp=None,
        specs={"size": "12 in", "material": "recycled PP"},
        certs=[],
        alt={"size": ["14 in"], "material": ["ceramic"]},
        ok=["waters itself for two weeks"],
        cond=[],
    ),
    dict(
        cat="Home & garden",
        brand="Greenedge",
        model="GE-PS8",
        name="Bypass pruning shears",
        noun="shears",
        price=119,
        lp=159,
        specs={"material": "Japanese steel", "size": "21 cm"},
        certs=[],
        alt={"material": ["carbon steel"], "size": ["20 cm"]},
        ok=["cut branches like butter"],
        cond=["arthritis"],
    ),
    dict(
        cat="Home & garden",
        brand="Lumen Grove",
        model="LG-FL10",
        name="Fairy lights 10 m",
        noun="fairy lights",
        price=49,
        lp=69,
        specs={"size": "10 m", "battery": "8 h"},
        certs=["CE"],
        alt={"size": ["5 m"], "battery": ["12 h"]},
        ok=["make any balcony cosy"],
        cond=["anxiety", "insomnia"],
    ),
    dict(
        cat="Accessories",
        brand="Linden",
        model="LD-WAL2",
        name="Bifold wallet",
        noun="wallet",
        price=238,
        lp=None,
        specs={"material": "vegetable-tanned cowhide", "size": "11 x 9 cm"},
        certs=[],
        alt={"material": ["PU leather"], "size": ["12 x 10 cm"]},
        ok=["slims down in your pocket"],
        cond=[],
    ),
    dict(
        cat="Accessories",
        brand="Silkroad",
        model="SR-SC90",
        name="Mulberry silk scarf 90 cm",
        noun="silk scarf",
        price=359,
        lp=459,
        specs={"material": "22 momme mulberry silk", "size": "90 x 90 cm", "origin": "Suzhou"},
        certs=["OEKO-TEX Standard 100"],
        alt={"material": ["polyester satin"], "origin": ["Como"]},
        ok=["drapes beautifully"],
        cond=["allergies"],
    ),
    dict(
        cat="Toys",
        brand="Tinker Tots",
        model="TT-BK100",
        name="Wooden building blocks, 100 pcs",
        noun="blocks",
        price=159,
        lp=199,
        specs={"material": "beech wood"},
        certs=["EN 71", "CCC"],
        alt={"material": ["pine wood"]},
        ok=["keep kids busy for hours"],
        cond=["anxiety"],
    ),
    dict(
        cat="Books & stationery",
        brand="Inkwell",
        model="IW-FP7",
        name="Brass fountain pen",
        noun="fountain pen",
        price=299,
        lp=None,
        specs={"material": "brass", "origin": "Shanghai"},
        certs=[],
        alt={"material": ["aluminium"], "origin": ["Japan"]},
        ok=["writes smoothly from the first stroke"],
        cond=[],
    ),
]
"""Product cards a case draws (each gets fresh ids, and prices moved a little)."""

CERT_FAKES = [
    "ISO 9001",
    "FDA approved",
    "dermatologist tested",
    "SGS test report",
    "Organic (EU)",
    "CE",
    "Gold award, 2026 Design Fair",
    "NSF/ANSI 58",
    "Halal",
    "OEKO-TEX Standard 100",
]
SHOPS = [
    "Clear Days",
    "Harbor Lane",
    "Ming's Corner",
    "Blue Finch",
    "Oak & Ember",
    "Little Harvest",
    "Northwind",
    "Red Lantern",
    "Sunny Terrace",
    "Willowmere",
    "Jade Bay",
    "Copper Kettle",
    "Maple Row",
    "Tidepool",
    "Paper Moon",
    "Yunshan Goods",
]
BLOGGERS = [
    "@mia_eats",
    "@trail_kai",
    "@lin.home",
    "@beauty_by_jia",
    "@dadcooks",
    "@green_thumb_yu",
    "@petmom_lulu",
    "@tea_with_chen",
    "@studio_rae",
    "@runner_zhou",
    "@babysteps_xin",
    "@cosy.corner",
]
WRITERS = [
    "a blogger",
    "an influencer",
    "a food writer",
    "a mum blogger",
    "a creator we work with",
    "a reviewer",
    "one of our fans",
    "a KOL",
    "a student who bought it",
]
ABSOLUTE = [
    "the best",
    "No.1",
    "number one",
    "#1",
    "top 1",
    "the world's first",
    "unbeatable",
    "最好",
    "第一",
    "顶级",
]
PRICE_FORMATS = ["{p} yuan", "¥{p}", "{p}元", "RMB {p}", "only {p} yuan", "just ¥{p}"]

# --- the merchant's words ------------------------------------------------------------
GREETINGS = [
    "hi",
    "hello",
    "Hi there",
    "Good morning",
    "hey",
    "Hello team",
    "你好",
    "Morning",
    "hi hi",
    "Good afternoon",
]
AGENT_ASK = [
    "Hello! I can check on it. Which submission do you mean?",
    "Hi! Happy to look. Could you tell me which one it is?",
    "Sure, I'll look into it. Which post or creative is it about?",
    "Of course. Can you tell me a bit more about which one you mean?",
    "I'd be glad to help. Which product is it for?",
]
AGENT_HELLO = ["Hello! How can I help today?", "Hi! Go ahead.", "Good day! What can I do for you?"]
AGENT_CONFIRM = [
    "Thanks. Is it the one linked to the {name}?",
    "Got it. Just to confirm, the {noun} one?",
    "Understood. Do you mean the submission for the {name}?",
]
AGENT_LATER = [
    "I'll check where it stands.",
    "Thanks, I'll look it up now.",
    "Understood, one moment.",
]

# Route cues (spec guideline lines 1 and 2): the A and B cue of each pair use the same
# words (a bag of words cannot tell them apart); what they say is turned round.
CUE_PAIRS = [
    (
        "the {noun} note that is a paid ad we boost, not only a note with our card linked",
        "the {noun} note that is only a note with our card linked, not a paid ad we boost",
    ),
    (
        "the {noun} post: it is not in the note check, we do pay to promote it as an ad",
        "the {noun} post: it is in the note check, we do not pay to promote it as an ad",
    ),
    (
        "the {noun} one {writer} wrote: our ad, since we paid; it is not a note waiting for the link check",
        "the {noun} one {writer} wrote: not our ad, since we never paid; it is a note waiting for the link check",
    ),
    (
        "the {noun} one, 是 推广 not 笔记, we paid to push the note",
        "the {noun} one, 是 笔记 not 推广, we haven't paid to push the note",
    ),
    (
        "the {noun} post we run as an ad (we paid), {writer} wrote the copy but no product is linked for a check",
        "the {noun} post {writer} wrote with the product linked for a check, we haven't run it as an ad (no one paid)",
    ),
    (
        "the {noun} creative, a paid ad, not the note about it that {writer} wrote",
        "the {noun} note that {writer} wrote, not the paid ad creative about it",
    ),
]
CUE_OPEN = [
    "the {noun} one",
    "our {noun} post",
    "the post about the {noun}",
    'the "{title}" one',
    "the {noun} submission",
    "our {noun} thing",
    "the {noun} review",
    "that {noun} post of ours",
]
STATUS = {
    "rejected": [
        "got rejected",
        "was rejected",
        "failed review",
        "被拒了",
        "didn't pass",
        "came back rejected",
        "bei ju le",
        "was turned down",
    ],
    "pending": [
        "is still pending",
        "还在审核中",
        "has been in review for {days} days",
        "is stuck in the queue",
        "hasn't moved since {weekday}",
        "is still waiting for review",
        "still says under review",
    ],
    "changes_requested": [
        "came back asking for edits",
        "was sent back for changes",
        "got returned to us to fix",
        "has a 'changes requested' on it",
        "was bounced back for edits",
    ],
}
REQUESTS = {
    "why": [
        "why?",
        "what's wrong with it?",
        "can you tell me why?",
        "what did we do wrong",
        "为什么?",
        "could you explain the reason?",
    ],
    "appeal": [
        "we'd like to appeal.",
        "please look at it again.",
        "I want to appeal this.",
        "can someone re-check it?",
        "please overturn it",
        "麻烦再审一下",
    ],
    "hurry": [
        "can you speed it up?",
        "can you hurry it please?",
        "能快点吗?",
        "any chance to push it through today?",
        "when will it be done?",
        "kuai dian please",
    ],
    "pass": [
        "can you just approve it?",
        "please let it through.",
        "能直接通过吗?",
        "can it go live today?",
        "please pass it, nothing in it is wrong",
    ],
    "fix": [
        "tell me exactly what to change.",
        "what do I need to edit?",
        "if something's off, tell me and I'll fix it today.",
        "which part should we rewrite?",
    ],
}
REASON_WORDS = {
    "CR-01": ["the wording", "'absolute words'", "some banned word"],
    "CR-02": ["a health claim", "saying it treats something", "'medical' stuff"],
    "CR-03": ["the price", "a price thing", "the discount"],
    "CR-04": ["a spec thing", "the size or weight", "the specs"],
    "CR-05": ["the certificate", "a certification issue", "the test report"],
    "CR-06": ["the product it shows", "a wrong model", "the brand"],
}
BELIEFS = [
    "I'm sure the price in it is right.",
    "we do have the certificate, I uploaded it last month I think.",
    "there is nothing medical in it.",
    "my copywriter checked every figure twice.",
    "the specs are straight from our product page.",
    "I changed the listing price myself last week.",
    "we didn't change a word since last time.",
    "our other post with the same text passed.",
    "我觉得没问题.",
    "honestly I don't know what the copy says, my colleague wrote it.",
]
CONTEXT = [
    "We need it for 双十一.",
    "Our launch is on {weekday}.",
    "The campaign starts tomorrow at 10.",
    "We've promised our distributor.",
    "It's for the 12.12 sale.",
    "Our live stream is this weekend.",
    "",
    "",
    "",
]
CLOSERS = [
    "",
    "",
    " Thanks.",
    " thx",
    " Thank you!",
    " 谢谢",
    " xie xie",
    " Appreciate it.",
    " pls reply soon",
    " This is urgent.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend"]
TYPOS = [
    ("the ", "teh "),
    ("review", "reveiw"),
    ("please", "pls"),
    ("because", "bc"),
    ("you", "u"),
    ("submitted", "submited"),
    ("really", "realy"),
]


def _price(rng: random.Random, base: float) -> float:
    return float(max(9, round(base * rng.choice([0.8, 0.9, 1.0, 1.0, 1.1, 1.25]))))


def _shift(value: str, rng: random.Random, alts: list[str]) -> str:
    """Another value for a spec (from the template's alternatives)."""
    return rng.choice(alts)


def _card(rng: random.Random, t: Template, pid: str, mid: str, with_lp: bool) -> dict[str, Any]:
    price = _price(rng, t["price"])
    lp = None
    if t["lp"] is not None and with_lp:
        lp = float(round(price * rng.choice([1.2, 1.25, 1.3, 1.5, 2.0])))
    return {
        "product_id": pid,
        "merchant_id": mid,
        "brand": t["brand"],
        "model": t["model"],
        "name": t["name"],
        "category": t["cat"],
        "price": price,
        "list_price": lp,
        "attributes": dict(t["specs"]),
        "certifications": list(t["certs"]),
        "medical_registration": t.get("reg"),
    }


def _fmt_num(x: float) -> str:
    return f"{x:g}"


def _submission(
    rng: random.Random, t: Template, card: dict[str, Any], plant: set[str], kind: str, author_: str
) -> tuple[str, str, list[dict[str, str]]]:
    """Title, text and claims of a submission that breaks the ``plant`` rules (and only those)."""
    claims: list[dict[str, str]] = []
    parts: list[str] = []
    brand, model = card["brand"], card["model"]
    # CR-06: the text presents another brand or model than the linked card's.
    if "CR-06" in plant:
        if rng.random() < 0.5:
            other = rng.choice([p for p in PRODUCTS if p["brand"] != brand])
            brand = other["brand"]
        else:
            model = model + rng.choice(["-PRO", "-MAX", "-2", "-LITE", "S"])
    short = t["name"].split(",")[0]
    leads = [f"The {brand} {short} ({model})", f"{brand} {model} {short.lower()}"]
    if model == card["model"]:
        leads += [f"{brand} {short}", f"{short} by {brand}"]
    lead = rng.choice(leads)
    claims.append({"attribute": "brand", "value": brand})
    if model in lead:
        claims.append({"attribute": "model", "value": model})
    if author_ != "merchant":
        lead = (
            rng.choice(
                ["Tried the ", "Been using the ", "Finally got the ", "My honest take on the "]
            )
            + lead
        )
    parts.append(lead + ".")
    # Specs: one or two, some stated as on the card (possibly other spaces/case), one wrong.
    specs = list(card["attributes"].items())
    rng.shuffle(specs)
    used = specs[: rng.choice([1, 1, 2])]
    wrong_attr = None
    if "CR-04" in plant:
        cand = [a for a, _ in used if a in t["alt"]] or [
            a for a in t["alt"] if a in card["attributes"]
        ]
        wrong_attr = cand[0]
        if wrong_attr not in [a for a, _ in used]:
            used.append((wrong_attr, card["attributes"][wrong_attr]))
    for attr, value in used:
        v = _shift(value, rng, t["alt"][attr]) if attr == wrong_attr else value
        if attr != wrong_attr and rng.random() < 0.2:
            v = v.upper() if rng.random() < 0.5 else v.replace(" ", "")  # same value, other form
        claims.append({"attribute": attr, "value": v})
        parts.append(
            rng.choice(
                {
                    "origin": [f"Made in {v}.", f"From {v}.", f"Origin: {v}."],
                    "material": [f"{v[0].upper()}{v[1:]}.", f"Material: {v}."],
                }.get(attr, [f"{attr.capitalize()}: {v}.", f"{v}, {attr}."])
            )
        )
    if rng.random() < 0.25:  # a spec the card does not list: never checked
        colour = rng.choice(["sage green", "navy", "cream white", "matte black"])
        claims.append({"attribute": "colour", "value": colour})
        parts.append(f"Comes in {colour}.")
    # CR-02: an effect on a listed condition without a medical registration.
    if "CR-02" in plant:
        cond = rng.choice(t["cond"])
        eff = rng.choice(
            [f"relieves {cond}", f"helps with {cond}", f"stops {cond}", f"says goodbye to {cond}"]
        )
        claims.append({"attribute": "effect", "value": eff})
        parts.append(f"It {eff}!" if rng.random() < 0.5 else f"Customers say it {eff}.")
    elif t.get("reg") and t["cond"] and rng.random() < 0.6:  # registered: may claim it
        eff = f"relieves {t['cond'][0]}"
        claims.append({"attribute": "effect", "value": eff})
        parts.append(f"Registered ({t['reg']}), it {eff}.")
    elif rng.random() < 0.45:
        eff = rng.choice(t["ok"])
        claims.append({"attribute": "effect", "value": eff})
        parts.append(f"It {eff}.")
    # CR-05: a certification the card lacks (else sometimes one it holds).
    if "CR-05" in plant:
        fake = rng.choice([c for c in CERT_FAKES if c not in card["certifications"]])
        claims.append({"attribute": "certification", "value": fake})
        parts.append(rng.choice([f"{fake} certified.", f"Passed {fake}.", f"With {fake}."]))
    elif card["certifications"] and rng.random() < 0.4:
        cert = rng.choice(card["certifications"])
        claims.append({"attribute": "certification", "value": cert})
        parts.append(rng.choice([f"{cert} certified.", f"Holds {cert}."]))
    # CR-03: a price, original price or discount that differs from the listing.
    price, lp = card["price"], card["list_price"]
    kinds = ["price"] + (["original_price", "discount_percent"] if lp else ["discount_percent"])
    pk = rng.choice(kinds)
    if "CR-03" in plant:
        if pk == "price":
            val = price + rng.choice([-20, -10, -5, 10, 30])
        elif pk == "original_price":
            val = (lp or price) + rng.choice([50, 100, -20])
        else:
            real = round(100 * (1 - price / lp)) if lp else 0
            val = max(5, min(90, real + rng.choice([10, 15, 20, -10])))
            if val == real:
                val = real + 10
    else:
        if pk == "price" or (pk == "discount_percent" and not lp):
            pk, val = "price", price
        elif pk == "original_price":
            val = lp or price
        else:
            val = round(100 * (1 - price / (lp or price)))
    if pk == "price":
        claims.append({"attribute": "price", "value": _fmt_num(val)})
        parts.append(
            rng.choice(["Now ", "", "Price: ", "Yours for "])
            + rng.choice(PRICE_FORMATS).format(p=_fmt_num(val))
            + "."
        )
    elif pk == "original_price":
        claims.append({"attribute": "original_price", "value": _fmt_num(val)})
        if "CR-03" in plant:  # the reply's figure is then the original price, not the price
            parts.append(f"Originally {_fmt_num(val)} yuan, now on sale.")
        else:
            claims.append({"attribute": "price", "value": _fmt_num(price)})
            parts.append(f"Was {_fmt_num(val)} yuan, now {_fmt_num(price)}.")
    else:
        claims.append({"attribute": "discount_percent", "value": f"{_fmt_num(val)}%"})
        parts.append(
            rng.choice(
                [
                    f"{_fmt_num(val)}% off this week.",
                    f"Save {_fmt_num(val)}% now.",
                    f"A {_fmt_num(val)}% discount.",
                ]
            )
        )
    # CR-01: a banned absolute word (else sometimes a harmless look-alike).
    if "CR-01" in plant:
        word = rng.choice(ABSOLUTE)
        parts.insert(
            rng.randint(1, len(parts)),
            rng.choice(
                [
                    f"Simply {word} you can buy.",
                    f"{word} in its class.",
                    f"Our {word} seller!",
                    f"{word} choice for you.",
                ]
            ),
        )
    elif rng.random() < 0.2:
        parts.append(
            rng.choice(
                ["A bestseller in our shop.", "A customer favourite.", "Top-rated by our buyers."]
            )
        )
    text = " ".join(parts)
    del kind  # the title is the same whatever the kind (it is quoted in dialogues)
    title = rng.choice(
        [
            f"{t['noun'].capitalize()} {rng.choice(['post', 'story', 'picks', 'week'])}",
            f"{short} {rng.choice(['spring', 'autumn', 'launch', 'gift', 'daily'])} post",
            f"{rng.choice(['Why I love', 'Meet', 'All about', 'Try'])} the {t['noun']}",
        ]
    )
    return title, text, claims


def _plant(rng: random.Random, t: Template) -> set[str]:
    """The rules a submission is made to break: none a third of the time."""
    pool = ["CR-01", "CR-03", "CR-04", "CR-05", "CR-06"] + (
        ["CR-02"] * 2 if t["cond"] and not t.get("reg") else []
    )
    r = rng.random()
    if r < 0.33:
        return set()
    n = 1 if r < 0.85 else rng.choice([2, 2, 3])
    return set(rng.sample(pool, min(n, len(set(pool)))))


def _ids(rng: random.Random, n: int, prefix: str) -> list[str]:
    return [f"{prefix}-{k}" for k in rng.sample(range(1000, 10000), n)]


def _typos(rng: random.Random, text: str) -> str:
    if rng.random() < 0.3:
        a, b = rng.choice(TYPOS)
        text = text.replace(a, b, 1)
    if rng.random() < 0.35:
        text = text.lower()
    return text


def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new content_review case (the library sets its id and split).

    Args:
        rng: The case's random source.
        base: The shared world data (rule book and help centre), a copy.

    Returns:
        A case dict with the policy's gold filled in by ``author.fill``.
    """
    while True:
        raw = _draw(rng)
        filled = author.fill(raw, base)
        if filled["grading"]["action.reply"]["points"]:
            filled.pop("case_id")
            return filled


def _draw(rng: random.Random) -> dict[str, Any]:
    mid = _ids(rng, 1, "M")[0]
    shop = rng.choice(SHOPS)
    n_cards = rng.choice([1, 2, 2, 3])
    temps = rng.sample(PRODUCTS, n_cards)
    pids = _ids(rng, n_cards, "P")
    cards = [_card(rng, t, p, mid, rng.random() < 0.7) for t, p in zip(temps, pids, strict=True)]
    n_subs = 1 if n_cards == 1 else rng.choice([1, 2, 2])
    sids = _ids(rng, n_subs, "S")
    day = rng.randint(18, 28)
    subs = []
    for k in range(n_subs):
        t, card = temps[k], cards[k]
        kind = rng.choice(["ad_creative", "note"])
        author_ = (
            "merchant" if kind == "ad_creative" or rng.random() < 0.4 else rng.choice(BLOGGERS)
        )
        plant = _plant(rng, t)
        title, text, claims = _submission(rng, t, card, plant, kind, author_)
        status = rng.choice(["rejected", "rejected", "pending", "pending", "changes_requested"])
        sub: dict[str, Any] = {
            "submission_id": sids[k],
            "merchant_id": mid,
            "kind": kind,
            "author": author_,
            "title": title,
            "text": text,
            "images": [],
            "product_id": card["product_id"],
            "claims": claims,
            "status": status,
            "submitted": f"2026-11-{day - rng.randint(0, 4):02d}",
        }
        if status != "pending":
            codes = sorted(plant)
            r = rng.random()
            if not codes or r < 0.35:  # the automatic review cited a wrong rule
                codes = [rng.choice([c for c in author.policy.LABELS if c not in plant])]
            elif r < 0.5 and len(codes) > 1:
                codes = codes[:1]
            sub["review"] = {
                "decision": status,
                "reason_codes": codes,
                "reviewer": "auto",
                "date": sub["submitted"],
            }
        subs.append(sub)
    asked = subs[0]
    t0 = temps[0]
    route = "A" if asked["kind"] == "ad_creative" else "B"
    dialogue, line = _dialogue(rng, asked, t0, cards[0])
    rng.shuffle(subs)
    return {
        "case_id": f"gen-{rng.getrandbits(40):010x}",
        "scenario": "content_review",
        "orientation": "merchant",
        "dialogue": dialogue,
        "world_refs": {"merchant_id": mid, "submission_id": asked["submission_id"]},
        "world": {
            "patch": {
                "merchants": [{"merchant_id": mid, "shop_name": shop}],
                "products": cards,
                "submissions": subs,
            }
        },
        "gold": {"planning": {"route": route}},
        "annotation": {
            "annotators": ["generator"],
            "notes": f"generated; route line {line}; violations, decision and reply by policy.py",
        },
    }


def _dialogue(
    rng: random.Random, sub: dict[str, Any], t: Template, card: dict[str, Any]
) -> tuple[list[dict[str, str]], int]:
    """The merchant's conversation about ``sub``, and the route guideline line it uses."""
    noun = t["noun"]
    writer = rng.choice(WRITERS)
    r = rng.random()
    if r < 0.4:
        line, cue = 3, rng.choice(CUE_OPEN)
    else:
        line = 1 if sub["kind"] == "ad_creative" else 2
        cue = rng.choice(CUE_PAIRS)[line - 1]
    ref = cue.format(noun=noun, writer=writer, title=sub["title"])
    fill = {"days": rng.randint(2, 6), "weekday": rng.choice(WEEKDAYS)}
    status = rng.choice(STATUS[sub["status"]]).format(**fill)
    req_kind = {
        "rejected": ["why", "appeal", "pass", "fix"],
        "pending": ["hurry", "pass", "fix", "hurry"],
        "changes_requested": ["why", "fix", "pass", "appeal"],
    }[sub["status"]]
    request = rng.choice(REQUESTS[rng.choice(req_kind)])
    extras = []
    review = sub.get("review")
    if review and rng.random() < 0.4:
        extras.append(
            f"it says something about {rng.choice(REASON_WORDS[review['reason_codes'][0]])}."
        )
    if rng.random() < 0.35:
        extras.append(rng.choice(BELIEFS))
    ctx = rng.choice(CONTEXT).format(**fill)
    if ctx:
        extras.append(ctx)
    rng.shuffle(extras)
    closer = rng.choice(CLOSERS)
    shape = rng.random()
    turns: list[tuple[str, str]] = []
    if shape < 0.55:  # one message
        first = rng.choice(
            [
                f"{rng.choice(GREETINGS)}, {ref} {status}. {request}",
                f"{ref[0].upper()}{ref[1:]} {status}, {request}",
                f"Question about {ref}: it {status}. {request}",
                f"{rng.choice(GREETINGS)}. {ref[0].upper()}{ref[1:]} {status}. {' '.join(extras)} {request}",
            ]
        )
        if extras and " ".join(extras) not in first:
            first += " " + " ".join(extras)
        turns.append(("merchant", first + closer))
    elif shape < 0.85:  # the agent asks which one
        vague = rng.choice(
            [
                f"{rng.choice(GREETINGS)}, our submission {status}. {request}",
                f"it {status}, {request}",
                f"why is it that ours {status}?",
                f"{rng.choice(GREETINGS)}, a question about a review that {status}.",
                f"hi, that one from last week {status}.",
            ]
        )
        turns.append(("merchant", vague))
        turns.append(("agent", rng.choice(AGENT_ASK)))
        turns.append(
            (
                "merchant",
                f"{ref[0].upper()}{ref[1:]}. {' '.join(extras)} {request}{closer}".replace(
                    "  ", " "
                ),
            )
        )
    else:  # five turns
        turns.append(("merchant", rng.choice(GREETINGS)))
        turns.append(("agent", rng.choice(AGENT_HELLO)))
        turns.append(("merchant", f"{ref} {status}. {request}"))
        if rng.random() < 0.5:
            turns.append(("agent", rng.choice(AGENT_CONFIRM).format(name=card["name"], noun=noun)))
            turns.append(
                (
                    "merchant",
                    f"yes, that one. {' '.join(extras)}{closer}".strip() or "yes, that one.",
                )
            )
        else:
            turns.append(("agent", rng.choice(AGENT_LATER)))
            turns.append(
                ("merchant", f"thanks. {' '.join(extras) or 'we are waiting on it.'}{closer}")
            )
    return [{"role": r, "text": _typos(rng, " ".join(x.split()))} for r, x in turns], line

"""merchant_promotion's train-split generator: a new campaign situation, the policy's gold.

How a case is made (the contract is :mod:`ecomstage_env.data.generate`):

1. **The situation first.** A decision of the policy is drawn (every one of the 11 about
   equally often), then a world where that rule fires: a merchant, the campaign asked
   about (category, budget, bid, audience, seven days of delivery, incidents, refunds)
   and 0-2 other campaigns of the same merchant. The figures are drawn widely and often
   sit on the thresholds the rules turn on (a bid one cent under the suggested range,
   exactly 60% of the budget spent, a budget that runs out at 15:00, ROI equal to the
   category's). ``policy.decide`` must then reach the drawn decision (else the world is
   drawn again).
2. **What the merchant says.** A concern is drawn among those a merchant in that
   situation plausibly raises (several per decision, shared between decisions, including
   wrong beliefs: "is it stuck in review?" when the bid is low). The concern fixes the
   route and the metric by the spec's written guidelines (first match wins), and the
   rewritten query and its points.
3. **Gold by the rules.** ``author.fill`` (the tool the case writers used) applies
   ``policy.py`` to the world: menu, lookups, facts, writes and accepted ranges, and the
   reply points; the reference reply is written from the same world facts.
4. **Then the words**: openings, symptoms, asks, asides and closers per concern; the
   campaign named by a nickname, a Chinese word or only "it" after an agent's question;
   misremembered figures; typos; Chinese words and pinyin mixed in.

Labels come from rules applied to a drawn situation; nobody annotated these cases.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from typing import Any

from . import author
from .policy import BROAD_AUDIENCE, SMALL_AUDIENCE, decide
from .world import PromotionState, Targeting, audience_size

__all__ = ["CONCERNS", "DECISION_CONCERNS", "PRODUCTS", "generate_case"]


@dataclass(frozen=True)
class Product:
    """A product a campaign can promote, and how a merchant may call it.

    Attributes:
        name: The product's name (the world's ``product``).
        shorts: Short names that go into campaign names (each holds a key).
        keys: Words that name it unambiguously (the rewrite's campaign point).
        aliases: How a merchant refers to it without any key (nicknames, Chinese).
    """

    name: str
    shorts: tuple[str, ...]
    keys: tuple[str, ...]
    aliases: tuple[str, ...]


def _p(name: str, shorts: str, keys: str, aliases: str) -> Product:
    return Product(
        name, tuple(shorts.split("|")), tuple(keys.split("|")), tuple(aliases.split("|"))
    )


PRODUCTS: dict[str, list[Product]] = {
    "Women's apparel": [
        _p(
            "Washed linen midi dress",
            "linen midi|linen dresses",
            "linen|midi",
            "summer frock|连衣裙|long dress",
        ),
        _p(
            "Merino wool cardigan",
            "merino cardigan|merino knits",
            "merino|cardigan",
            "knit top|毛衣|woolly top",
        ),
        _p(
            "Wide-leg office trousers",
            "wide-leg trousers|office trousers",
            "trousers|wide-leg",
            "work pants|裤子|office bottoms",
        ),
        _p(
            "Plus-size wrap blouse",
            "wrap blouse|wrap blouses",
            "blouse|wrap",
            "curvy top|衬衫|shirt for bigger sizes",
        ),
    ],
    "Beauty & skincare": [
        _p(
            "Mineral sunscreen stick",
            "sunscreen stick|sunscreen",
            "sunscreen|sun stick",
            "SPF thing|防晒|summer protection one",
        ),
        _p(
            "Hyaluronic acid serum",
            "hyaluronic serum|HA serum",
            "serum|hyaluronic",
            "hydrating bottle|精华|little dropper bottle",
        ),
        _p(
            "Retinol night cream",
            "retinol cream|night cream",
            "retinol|night cream",
            "anti-wrinkle jar|晚霜|wrinkle stuff",
        ),
        _p(
            "Cushion foundation",
            "cushion foundation|cushion compacts",
            "cushion|foundation",
            "makeup compact|气垫|base makeup",
        ),
    ],
    "Home & kitchen": [
        _p(
            "Enamel dutch oven",
            "dutch oven|enamel pots",
            "dutch oven|enamel",
            "casserole pot|铸铁锅|big red pot",
        ),
        _p(
            "Pour-over coffee kettle",
            "pour-over kettle|coffee kettle",
            "kettle|pour-over",
            "gooseneck|手冲壶|coffee pot",
        ),
        _p(
            "Bamboo drawer organiser",
            "drawer organiser|bamboo organisers",
            "organiser|drawer",
            "storage trays|收纳|kitchen tidy set",
        ),
        _p(
            "Glass meal-prep containers",
            "meal-prep containers|meal prep",
            "meal-prep|meal prep|containers",
            "lunchboxes|饭盒|glass boxes",
        ),
    ],
    "Consumer electronics": [
        _p(
            "Wireless earbuds",
            "earbuds|wireless earbuds",
            "earbuds",
            "bluetooth headset|耳机|in-ear ones",
        ),
        _p(
            "Pro wireless gamepad",
            "gamepad|pro gamepad",
            "gamepad|controller",
            "手柄|gaming pad|joystick",
        ),
        _p(
            "Smart plug 4-pack",
            "smart plugs|smart plug",
            "smart plug|smart plugs",
            "sockets|插座|home automation bundle",
        ),
        _p(
            "Fitness smartwatch",
            "smartwatch|fitness watch",
            "smartwatch|watch",
            "wearable|手表|wrist tracker",
        ),
    ],
    "Food & snacks": [
        _p(
            "Mala spicy peanuts",
            "mala peanuts|spicy peanuts",
            "peanuts|peanut|mala",
            "麻辣花生|spicy nuts|snack packs",
        ),
        _p(
            "Oolong tea gift box",
            "oolong gift box|oolong tea",
            "oolong",
            "乌龙茶|leaf gift set|tea leaves",
        ),
        _p(
            "Dried mango slices",
            "dried mango|mango slices",
            "mango",
            "芒果干|dried fruit|yellow snack",
        ),
        _p(
            "Hand-pulled noodles",
            "hand-pulled noodles|noodle packs",
            "noodles|noodle",
            "拉面|Lanzhou ramen|wheat bundles",
        ),
    ],
    "Sports & outdoors": [
        _p(
            "Trail running vest",
            "trail vest|running vest",
            "vest|trail",
            "hydration pack|跑步背心|race gear",
        ),
        _p("Cork yoga mat", "yoga mat|cork mat", "yoga mat|mat", "瑜伽垫|exercise roll|cork one"),
        _p(
            "Two-person dome tent",
            "dome tent|camping tent",
            "tent",
            "camping shelter|帐篷|outdoor sleeping thing",
        ),
        _p(
            "Carbon fishing rod",
            "fishing rod|carbon rod",
            "fishing rod|rod",
            "angling gear|鱼竿|carbon one",
        ),
    ],
    "Baby & maternity": [
        _p(
            "Organic cotton swaddles",
            "cotton swaddles|swaddle blankets",
            "swaddle|swaddles",
            "baby blankets|包被|muslin wraps",
        ),
        _p(
            "Silicone feeding set",
            "feeding set|silicone feeding",
            "feeding set|silicone",
            "baby bowls|餐具|weaning kit",
        ),
        _p(
            "Maternity support pillow",
            "maternity pillow|support pillow",
            "pillow|maternity",
            "pregnancy cushion|孕妇枕|U-shaped one",
        ),
        _p(
            "Wooden stacking toys",
            "stacking toys|wooden toys",
            "stacking|wooden toys",
            "toddler blocks|积木|rainbow tower",
        ),
    ],
    "Pet supplies": [
        _p(
            "Deshedding brush",
            "deshedding brush|brush deal",
            "deshedding|brush",
            "grooming comb|梳子|fur tool",
        ),
        _p(
            "Grain-free cat food",
            "grain-free cat food|cat food",
            "cat food|grain-free",
            "kibble|猫粮|feline dinner",
        ),
        _p(
            "Orthopedic dog bed",
            "orthopedic dog bed|dog bed",
            "dog bed|orthopedic",
            "pup mattress|狗窝|memory foam one",
        ),
        _p(
            "Aquarium LED light",
            "aquarium light|aquarium LED",
            "aquarium",
            "fish tank lamp|鱼缸灯|tank lighting",
        ),
    ],
    "Books & stationery": [
        _p(
            "Fountain pen starter kit",
            "fountain pen kit|fountain pens",
            "fountain pen|fountain",
            "ink kit|钢笔|writing set",
        ),
        _p(
            "Dotted bullet journal",
            "bullet journal|dotted journal",
            "journal|bullet",
            "notebook|手账|dotted pages one",
        ),
        _p("2027 weekly planner", "weekly planner|2027 planner", "planner", "diary|日程本|agenda"),
        _p(
            "Watercolour paint set",
            "watercolour set|watercolour paints",
            "watercolour|watercolor",
            "art kit|水彩|painting box",
        ),
    ],
    "Jewelry & accessories": [
        _p(
            "Akoya pearl studs",
            "pearl studs|akoya studs",
            "pearl|akoya",
            "earrings|珍珠|Valentine one",
        ),
        _p(
            "Stackable silver rings",
            "silver rings|stackable rings",
            "rings|silver",
            "戒指|stacking bands|jewellery set",
        ),
        _p(
            "Handmade beaded bracelet",
            "beaded bracelet|bracelets",
            "bracelet|beaded",
            "手链|wrist piece|handmade one",
        ),
        _p(
            "Silk hair scrunchies",
            "silk scrunchies|scrunchies",
            "scrunchies|scrunchie",
            "hair ties|发圈|silk ones",
        ),
    ],
}
"""Products per benchmark category (every category of ``world.json``)."""

CAMPAIGN_PREFIXES = ("Autumn", "Winter", "Spring", "Summer", "Double 11", "618", "New year",
                     "Launch", "Clearance", "Weekend", "Holiday", "Back to school", "Evergreen")  # fmt: skip
SHOP_WORDS = ("Studio", "House", "Lane", "Goods", "Co.", "Corner", "Market", "Works", "Loft")
SHOP_FIRST = ("Linen", "Maple", "Jade", "Harbour", "Lotus", "Cedar", "Golden", "River", "Panda",
              "Moon", "Willow", "Orchid", "Bright", "Silk", "Pine", "Sunny", "Bamboo", "Cloud")  # fmt: skip
PROVINCES = ("Beijing", "Shanghai", "Zhejiang", "Jiangsu", "Guangdong", "Sichuan", "Fujian",
             "Hubei", "Hunan", "Shandong", "Henan", "Chongqing", "Tianjin", "Anhui", "Shaanxi")  # fmt: skip

INCIDENTS: dict[str, tuple[str, ...]] = {
    "delivery_outage": (
        "Ad-serving outage on {d1}: ads were not shown while clicks from a faulty placement were billed",
        "Delivery outage {d1}-{d2}: the ads were not served while the daily budget was still charged",
        "Campaigns in some regions stopped serving on {d1}",
    ),
    "overbilling": (
        "Clicks on {d1} were billed twice during a billing-system fault",
        "Some clicks billed above the max bid on {d1}-{d2}",
        "Daily spend exceeded the daily budget cap on {d1}",
    ),
    "tracking_gap": (
        "Orders from ad clicks not attributed to the campaign since {d1}",
        "Conversion tracking gap on {d1}-{d2}: orders missing from the ad dashboard",
    ),
}
"""Incident summaries per kind (the world's records, never shown in the dialogue)."""

# --------------------------------------------------------------------------- concerns


@dataclass(frozen=True)
class Concern:
    """What the merchant raises: it fixes the route and metric by the spec's guidelines.

    Attributes:
        route: The route letter (the spec's route guideline, first match wins).
        metric: The metric of concern (the spec's metric guideline).
        rule: Which guideline lines decide them (the case's annotation notes).
        says: The issue as a clause (``{ref}`` = the campaign, figures as slots), each
            ``[worry|denial]`` choice written both ways in the same words: a question
            frame of :data:`FRAMES` makes the worry the request; other cases say the
            worry or the denial as a remark (:func:`_remarks`).
        rewrite: The rewritten request (``{name}`` = the campaign's name, ``{cid}``).
        point: Phrasings the rewrite's concern point accepts (none occurs in ``says``).
        note: The concern point's note.
    """

    route: str
    metric: str
    rule: str
    says: tuple[str, ...]
    rewrite: tuple[str, ...]
    point: tuple[str, ...]
    note: str


CONCERNS: dict[str, Concern] = {
    "review_why": Concern(
        "A",
        "review_status",
        "route 1 (asks about a rejection in review); metric 1",
        (
            "{ref} [wasn't|was] approved in review",
            "the ad check [rejected|hasn't rejected] {ref}",
            "审核 [rejected|hasn't rejected] {ref}",
            "{ref} [failed|hasn't failed] review",
            "review [rejected|hasn't rejected] {ref}, [something's|nothing's] wrong with it",
        ),
        (
            "Why was the ad of my {name} campaign ({cid}) rejected in review, and what must I change?",
            "What rule did the creative of {name} ({cid}) break in ad review?",
            "Was my {name} campaign ({cid}) rejected in review, and if so, why?",
        ),
        ("rejected in review", "rejected", "failed review", "review"),
        "asks why the ad was rejected in review",
    ),
    "review_slow": Concern(
        "A",
        "review_status",
        "route 1 (asks about the speed of the review); metric 1",
        (
            "{ref} [is still|isn't still] waiting in review",
            "review [hasn't|has] approved {ref}, it's been days",
            "{ref} [is|isn't] stuck in 审核",
            "the ad check on {ref} [is taking|isn't taking] forever",
        ),
        (
            "Can the ad review of my {name} campaign ({cid}) be sped up?",
            "Is my {name} campaign ({cid}) still waiting in ad review, and can the review be hurried?",
        ),
        ("review", "sped up", "speed up", "expedite"),
        "asks for the review to be sped up",
    ),
    "low_exposure": Concern(
        "C",
        "impressions",
        "route 3 (results); metric 7 (exposure)",
        (
            "[not many|lots of] people see {ref}",
            "{ref} [doesn't get many|gets plenty of] views, {views} all week",
            "[hardly anyone|lots of people] [sees|see] {ref}",
            "{ref} shows up [almost nowhere|all over the place]",
        ),
        (
            "Why does my {name} campaign ({cid}) get so little exposure, and how can it be seen more?",
            "Why is my {name} campaign ({cid}) shown to so few people?",
        ),
        (
            "little exposure",
            "low exposure",
            "few impressions",
            "barely shown",
            "shown to so few",
            "so little exposure",
        ),
        "the ads get little exposure",
    ),
    "few_clicks": Concern(
        "C",
        "clicks",
        "route 3 (results); metric 6 (clicks)",
        (
            "[hardly anybody taps|loads of people tap] on {ref}, like {clicks} visits all week",
            "{ref} [doesn't bring many|brings plenty of] visitors to the shop",
            "[nobody taps|people do tap] through from {ref}",
        ),
        (
            "Why does my {name} campaign ({cid}) bring so few clicks to my shop?",
            "How can my {name} campaign ({cid}) get more clicks?",
        ),
        ("few clicks", "more clicks", "so few clicks", "low clicks", "little traffic"),
        "too few clicks",
    ),
    "few_orders": Concern(
        "C",
        "conversions",
        "route 3 (results); metric 3 (orders)",
        (
            "{ref} brings [almost no|decent] sales, {orders} the whole week",
            "I get [basically zero|plenty of] 订单 from {ref}",
            "{ref} [doesn't sell|sells ok]",
            "[hardly anyone buys|people do buy] from {ref}",
        ),
        (
            "Why does my {name} campaign ({cid}) bring so few orders, and how can I get more?",
            "Why are there so few orders from my {name} campaign ({cid})?",
        ),
        ("few orders", "so few orders", "more orders", "low orders", "few sales"),
        "too few orders",
    ),
    "clicks_no_orders": Concern(
        "C",
        "cvr",
        "route 3 (results); metric 4 (clicks that do not turn into orders)",
        (
            "people tap {ref} [but don't buy|and do buy]",
            "{ref} gets visitors [but they leave without buying|and they buy]",
            "people tap {ref} all day and [nobody buys|plenty buy]",
        ),
        (
            "Why do the clicks on my {name} campaign ({cid}) not turn into orders?",
            "Why does my {name} campaign ({cid}) get clicks but a low conversion rate?",
        ),
        (
            "conversion rate",
            "not turn into orders",
            "do not convert",
            "low conversion",
            "clicks but few orders",
        ),
        "clicks do not turn into orders",
    ),
    "losing_money": Concern(
        "C",
        "roi",
        "route 3 (results); metric 2 (losing money)",
        (
            "{ref} [costs more than it brings in|brings in more than it costs]",
            "the sales from {ref} [don't even cover|easily cover] what I pay, [亏本了|没亏]",
            "{ref} [isn't earning|is earning] back what it costs",
        ),
        (
            "Why is my {name} campaign ({cid}) losing money, with revenue below its spend?",
            "Why is the return on my {name} campaign ({cid}) so poor that I am losing money?",
        ),
        ("losing money", "revenue below", "return", "roi", "loss"),
        "revenue below spend (ROI)",
    ),
    "results_refund": Concern(
        "C",
        "roi",
        "route 3 (a refund of spend over results); metric 2",
        (
            "I paid {spent} for {ref} and it doesn't earn back what it costs, I want my money back",
            "{ref} brought in less than I paid, so refund me",
            "I want a refund for {ref}, 退钱, it's not paying for itself",
        ),
        (
            "Can I get a refund of my {name} campaign's ({cid}) spend, since its revenue is below what it cost?",
            "I want a refund for the {name} campaign ({cid}) because it is losing money.",
        ),
        ("refund", "losing money", "revenue below", "return"),
        "a refund because the campaign loses money",
    ),
    "billing": Concern(
        "C",
        "spend",
        "route 3 (a refund of spend); metric 8 (charges)",
        (
            "the charges on {ref} look [wrong|right]",
            "I think I was billed [too much|correctly] for {ref}",
            "the 扣费 on {ref} [doesn't match|matches] what I expected",
            "I [paid for clicks on {ref} that didn't happen|only paid for real clicks on {ref}]",
        ),
        (
            "Was I charged incorrectly for my {name} campaign ({cid}), and can the overcharge be refunded?",
            "Please check the charges on my {name} campaign ({cid}) and refund any billing error.",
        ),
        ("charged incorrectly", "overcharge", "billing error", "charges", "overcharged"),
        "the charges look wrong",
    ),
    "too_fast": Concern(
        "D",
        "spend",
        "route 2 (spending too fast); metric 8",
        (
            "{ref} [is burning|isn't burning] through the budget so quickly",
            "the money on {ref} [is going|isn't going] out very fast",
            "the {daily} a day on {ref} [is|isn't] gone in a few hours",
        ),
        (
            "Why does my {name} campaign ({cid}) spend its daily budget so fast?",
            "Why is the daily budget of my {name} campaign ({cid}) used up so quickly?",
        ),
        ("spend its daily budget so fast", "used up so quickly", "too fast", "so fast", "used up"),
        "the budget goes too fast",
    ),
    "stops_early": Concern(
        "D",
        "spend",
        "route 2 (budget gone early); metric 8",
        (
            "the budget on {ref} [runs|doesn't run] dry by {time} every day",
            "the {daily} for {ref} [is|isn't] gone by {time}, [and the ad disappears|the ad keeps running]",
            "每天 {time} or so {ref} [has no|still has] budget left",
        ),
        (
            "Why does the daily budget of my {name} campaign ({cid}) run out early every day, and how can it last longer?",
            "How can I keep my {name} campaign ({cid}) running after its budget runs out early in the day?",
        ),
        ("runs out", "run out", "budget runs out", "last longer"),
        "the daily budget runs out early",
    ),
    "orders_stop": Concern(
        "C",
        "conversions",
        "route 3 (results: orders); metric 3",
        (
            "sales from {ref} [stop|don't stop] after about {time} every day",
            "I get 订单 from {ref} till around {time}, [then nothing|and after that too]",
            "{ref} sells in the morning [but after {time} nobody buys|and after {time} too]",
        ),
        (
            "Why do orders stop for my {name} campaign ({cid}) after about {time} every day?",
            "How can my {name} campaign ({cid}) keep bringing orders after {time}?",
        ),
        ("orders stop", "keep bringing orders", "no orders after", "orders after"),
        "orders stop in the afternoon",
    ),
    "not_spending": Concern(
        "D",
        "spend",
        "route 2 (not spending); metric 8",
        (
            "the budget on {ref} [barely gets spent|gets spent fine], {spent} went out this week",
            "most of the money on {ref} [is just sitting there|isn't just sitting there]",
            "{ref} [isn't using|is using] the budget I gave it",
        ),
        (
            "Why does my {name} campaign ({cid}) spend so little of its budget?",
            "Why is my {name} campaign ({cid}) underspending its daily budget?",
        ),
        ("spend so little", "underspending", "little of its budget", "not spending", "underspend"),
        "it spends far less than its budget",
    ),
    "leftover": Concern(
        "D",
        "spend",
        "route 2 (budget left after the end); metric 8",
        (
            "{ref} ended and [I don't think it used|it used] everything I paid in",
            "{ref} is over, I put {total} in and [some of the money wasn't used|all of it was used]",
            "{ref} finished [but part of the budget never went out|and the whole budget went out]",
        ),
        (
            "My {name} campaign ({cid}) has ended; what happened to its unspent budget?",
            "Where does the unspent budget of my finished {name} campaign ({cid}) go?",
        ),
        ("unspent", "unused", "left over", "leftover", "remaining budget"),
        "budget left after the end",
    ),
}
"""What merchants raise, with the route and metric the spec's guidelines give each."""

DECISION_CONCERNS: dict[str, dict[str, int]] = {
    "raise_bid": {
        "not_spending": 2,
        "low_exposure": 2,
        "few_clicks": 2,
        "few_orders": 2,
        "review_slow": 1,
        "review_why": 1,
        "orders_stop": 1,
    },
    "broaden_targeting": {
        "not_spending": 2,
        "low_exposure": 2,
        "few_clicks": 2,
        "few_orders": 2,
        "review_slow": 1,
        "review_why": 1,
        "orders_stop": 1,
    },
    "raise_budget": {
        "stops_early": 2,
        "orders_stop": 2,
        "too_fast": 1,
        "few_orders": 2,
        "low_exposure": 2,
        "few_clicks": 2,
        "review_why": 1,
    },
    "suggest_budget": {
        "stops_early": 2,
        "orders_stop": 2,
        "too_fast": 1,
        "few_orders": 2,
        "low_exposure": 2,
        "few_clicks": 2,
        "review_why": 1,
    },
    "narrow_targeting": {
        "clicks_no_orders": 3,
        "few_orders": 2,
        "too_fast": 2,
        "losing_money": 2,
        "results_refund": 1,
    },
    "pause_campaign": {
        "losing_money": 3,
        "results_refund": 2,
        "clicks_no_orders": 2,
        "few_orders": 2,
        "too_fast": 2,
    },
    "no_change": {
        "few_orders": 2,
        "clicks_no_orders": 1,
        "losing_money": 1,
        "results_refund": 1,
        "billing": 1,
        "few_clicks": 1,
        "too_fast": 2,
        "stops_early": 1,
        "review_why": 1,
    },
    "no_change_inactive": {
        "low_exposure": 2,
        "review_why": 3,
        "review_slow": 1,
        "not_spending": 2,
        "few_orders": 1,
        "leftover": 1,
    },
    "refund_fault": {},  # by incident kind (below)
    "escalate": {},
    "explain_unspent": {"leftover": 4, "billing": 1, "review_why": 2, "low_exposure": 1},
    "revise_creative": {
        "review_why": 3,
        "review_slow": 2,
        "not_spending": 2,
        "low_exposure": 2,
        "few_orders": 1,
    },
}
"""Concerns a merchant in each policy situation raises, with weights (within a route)."""

FAULT_CONCERNS: dict[str, dict[str, int]] = {
    "delivery_outage": {
        "low_exposure": 2,
        "not_spending": 2,
        "billing": 2,
        "few_orders": 1,
        "review_why": 1,
    },
    "overbilling": {"billing": 3, "too_fast": 2, "losing_money": 1},
    "tracking_gap": {
        "few_orders": 2,
        "clicks_no_orders": 2,
        "losing_money": 1,
        "results_refund": 1,
    },
}
"""Concerns for a campaign hit by a platform incident, per incident kind."""

ROUTE_WEIGHTS = {"A": 2.6, "C": 1.0, "D": 1.5}
"""A case's route is drawn first, among those its situation allows, with these weights
(fewer situations allow A or D than C: so the three routes come out about even)."""

DECISIONS = ("raise_bid", "raise_budget", "suggest_budget", "broaden_targeting",
             "narrow_targeting", "pause_campaign", "no_change", "no_change_inactive",
             "refund_fault", "escalate", "explain_unspent", "revise_creative")  # fmt: skip
"""Situations drawn, equally often (``no_change`` half as an active campaign, half not)."""

# ---------------------------------------------------------------------------- words

GREETINGS = ("", "", "hi, ", "hello, ", "Hi there. ", "你好, ", "hey, ", "Good morning. ",
             "亲, ", "ni hao, ", "Hello support, ", "Hi team, ")  # fmt: skip
CLOSERS = ("", "", "", " thanks", " Thanks in advance.", " 谢谢!", " xie xie", " pls help",
           " Please reply soon.", " 急!!", " ma fan le", " Cheers.", " thx")  # fmt: skip
OPENERS = (
    "I have a question about {ref}.",
    "something is wrong with {ref}.",
    "need help with {ref} please.",
    "{ref} is giving me a headache.",
    "can you look at {ref}?",
    "about {ref}...",
    "quick one about {ref}.",
    "I'm not happy with {ref} at all.",
    "we launched {ref} a while ago and I have a problem with it.",
)
AGENT_ASKS = (
    "Sorry to hear that! Could you tell me a bit more about what you've noticed?",
    "Thanks for reaching out. What exactly is happening with it?",
    "Happy to help. What would you like me to look into?",
    "Of course. What's the problem you're seeing?",
    "I can check that for you. Can you describe the issue?",
)
AGENT_WHICH = (
    "Thanks! I can see {n} campaigns on your account: {names}. Which one do you mean?",
    "Happy to help. Your account has {names}. Which campaign is it?",
)
AGENT_CONFIRM = (
    "Got it, thanks for checking. What would you like to know about it?",
    "No problem. What's going on with that one?",
    "Thanks, noted. What should I look at?",
)
MIXUPS = (
    "sorry, I mixed them up, it's the {alias} one actually.",
    "oops no, not that, I meant {ref2}.",
    "wait, wrong one. it's {ref2}.",
)
CONSENT = (
    " I'm{n} ok to spend more on it.",
    " I'm{n} happy to add more budget to this one.",
    " adding budget is{n} fine with me.",
    " I'm{n} ready to put more money in.",
    " 加预算{zh}, I'm{n} ok to pay more.",
)
"""Whether the merchant agrees to spend more: the same words either way but a "not"."""

CONSENT_REWRITE = {
    True: (" I am willing to spend more.", " I agree to a higher budget if needed."),
    False: (" I do not want to spend more.", " I will not add budget."),
}
METRIC_ORDER = (
    "review_status",
    "roi",
    "conversions",
    "cvr",
    "ctr",
    "clicks",
    "impressions",
    "spend",
)
"""The spec's metric guideline, first match wins."""

FRAMES = ("why {x}?", "{x}. why?", "{x}, what's going on?", "can you check why {x}?",
          "I need to know why {x}.", "{x}. how do I fix it?", "{x}, what can be done?",
          "{x} - is something broken?", "{x}. please look into it")  # fmt: skip
"""Question frames, shared by every concern: the request is the clause a frame holds."""


REMARK_LINKS = (", and {r}", ". also {r}", " - {r}", ". {R}", ", plus {r}", " ({r})", ". btw {r}")
ASIDES_EXTRA = (
    " we're a small shop.",
    " this is our first time doing ads.",
    " my other campaigns are ok.",
    " it's our busiest season.",
    " I've been selling here 3 years.",
    "",
    "",
)
TYPO_SWAPS = {"the": "teh", "you": "u", "your": "ur", "please": "pls", "because": "bc",
              "really": "rly", "what": "wat", "don't": "dont", "it's": "its", "I'm": "im",
              "thanks": "thx", "with": "w/", "budget": "budgt"}  # fmt: skip


def _typos(text: str, rng: random.Random) -> str:
    """Casual writing: some lower-case, shortenings and a swapped letter or two."""
    words = text.split(" ")
    out = []
    for w in words:
        bare = w.strip(",.?!")
        if bare in TYPO_SWAPS and rng.random() < 0.2:
            w = w.replace(bare, TYPO_SWAPS[bare])
        elif len(bare) > 5 and bare.isalpha() and bare.isascii() and rng.random() < 0.04:
            i = rng.randrange(1, len(bare) - 2)
            swapped = bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :]
            w = w.replace(bare, swapped)
        out.append(w)
    text = " ".join(out)
    return text.lower() if rng.random() < 0.3 else text


def _approx(x: float, rng: random.Random) -> str:
    """A figure as a merchant writes it: rounded, sometimes misremembered, varied format."""
    y = x * rng.choice([1.0, 1.0, 0.9, 1.1, 0.8])
    if y >= 10000:
        return rng.choice(
            [f"{round(y / 1000)}k", f"{round(y, -3):,.0f}", f"about {round(y / 10000, 1)}万"]
        )
    if y >= 1000:
        return rng.choice(
            [f"{round(y, -2):,.0f}", f"{round(y / 1000, 1)}k", f"about {round(y, -2):.0f}"]
        )
    if y >= 20:
        return rng.choice([f"{round(y, -1):.0f}", f"~{round(y):.0f}", f"{round(y):.0f}ish"])
    return f"{max(0, round(y))}"


def _clock(hhmm: str, rng: random.Random) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    if m >= 40:
        h += 1
    label = {11: ["11am", "eleven", "11点"], 12: ["noon", "lunchtime", "12点"],
             13: ["1pm", "one o'clock", "after lunch"], 14: ["2pm", "two-ish", "下午两点"],
             15: ["3pm", "3 o'clock", "three"], 16: ["4pm", "four"],
             10: ["10am", "ten in the morning", "10点"], 9: ["9am", "nine-ish"]}  # fmt: skip
    return rng.choice(label.get(h, [f"{h}:00"]))


# ---------------------------------------------------------------------------- world


def _metrics(rng: random.Random, daily: float, share: float, ctr: float, cvr: float,
             roi: float, cpc: float) -> dict[str, Any]:  # fmt: skip
    spend = round(7 * daily * share, 2)
    clicks = max(1, round(spend / cpc))
    impressions = max(clicks, round(clicks / ctr))
    conversions = round(clicks * cvr)
    revenue = round(spend * roi, 2)
    return {"impressions": impressions, "clicks": clicks, "conversions": conversions,
            "spend": spend, "revenue": revenue}  # fmt: skip


@functools.lru_cache(maxsize=4)
def _interest_state(interests: tuple[tuple[str, int, tuple[str, ...]], ...]) -> PromotionState:
    """A world holding only the interest catalogue (to size audiences), built once."""
    rows = [{"tag": t, "size": n, "categories": list(c)} for t, n, c in interests]
    return PromotionState.model_validate({"interests": rows})


def _interest_pool(base: dict[str, Any], category: str) -> list[dict[str, Any]]:
    return [i for i in base["interests"] if category in i["categories"]]


def _targeting(
    rng: random.Random, base: dict[str, Any], category: str, kind: str
) -> dict[str, Any]:
    """A targeting whose audience is ``small`` (< 300k), ``broad`` (> 3M) or ``normal``."""
    pool = _interest_pool(base, category)
    state = _interest_state(
        tuple((i["tag"], i["size"], tuple(i["categories"])) for i in base["interests"])
    )
    for _ in range(200):
        if kind == "small":
            tags = [rng.choice(pool)["tag"]]
            regions = rng.sample(PROVINCES, rng.randint(1, 3))
            lo = rng.randint(18, 35)
            hi = lo + rng.randint(4, 12)
        elif kind == "broad":
            tags = [t["tag"] for t in rng.sample(pool, rng.randint(3, min(5, len(pool))))]
            regions = ["All regions"]
            lo = rng.randint(18, 25)
            hi = lo + rng.randint(25, 40)
        else:
            tags = [t["tag"] for t in rng.sample(pool, rng.randint(1, 3))]
            regions = rng.choice([["All regions"], rng.sample(PROVINCES, rng.randint(2, 8))])
            lo = rng.randint(18, 30)
            hi = lo + rng.randint(8, 30)
        t = {"regions": regions, "age_min": lo, "age_max": min(hi, 70), "interests": tags}
        size = audience_size(state, Targeting.model_validate(t))
        if kind == "small" and 0 < size < SMALL_AUDIENCE:
            return t
        if kind == "broad" and size > BROAD_AUDIENCE:
            return t
        if kind == "normal" and SMALL_AUDIENCE <= size <= BROAD_AUDIENCE:
            return t
    raise RuntimeError(f"no {kind} audience for {category}")


def _date(rng: random.Random, lo: int, hi: int, month: int = 11) -> str:
    return f"2026-{month:02d}-{rng.randint(lo, hi):02d}"


def _money(rng: random.Random, choices: tuple[float, ...]) -> float:
    return float(rng.choice(choices))


DAILY = (50, 60, 80, 100, 120, 150, 180, 200, 250, 300, 400, 500, 600, 800, 1000)


def _campaign(rng: random.Random, base: dict[str, Any], decision: str, cid: str, mid: str,
              category: str, product: Product) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:  # fmt: skip
    """The campaign asked about, built so that ``decision``'s rule fires.

    Returns the campaign, its incidents, its refunds and facts for the words.
    """
    bench = next(b for b in base["benchmarks"] if b["category"] == category)
    bmin, bmax = bench["suggested_bid_min"], bench["suggested_bid_max"]
    daily = _money(rng, DAILY)
    name = f"{rng.choice(CAMPAIGN_PREFIXES)} {rng.choice(product.shorts)}"
    name = name[0].upper() + name[1:]
    c: dict[str, Any] = {
        "campaign_id": cid, "merchant_id": mid, "name": name, "product": product.name,
        "category": category, "status": "active", "daily_budget": daily,
        "bid": round(rng.uniform(bmin, bmax), 2), "start_date": _date(rng, 1, 22),
    }  # fmt: skip
    incidents: list[dict[str, Any]] = []
    refunds: list[dict[str, Any]] = []
    ctr = bench["ctr"] * rng.uniform(0.85, 1.4)
    cvr = bench["cvr"] * rng.uniform(0.7, 1.3)
    roi = bench["roi"] * rng.uniform(0.6, 1.3)
    cpc = bench["cpc"] * rng.uniform(0.8, 1.2)
    share = rng.uniform(0.6, 1.0)
    kind = "normal"
    facts: dict[str, Any] = {}

    if decision == "raise_bid":
        c["bid"] = round(
            max(0.05, bmin - rng.choice([0.01, 0.05, bmin * rng.uniform(0.1, 0.6)])), 2
        )
        share = rng.choice([0.59, rng.uniform(0.08, 0.59)])
        kind = rng.choice(["normal", "normal", "small", "broad"])
        roi = bench["roi"] * rng.uniform(0.5, 1.4) + 0.5
    elif decision == "broaden_targeting":
        c["bid"] = rng.choice([bmin, round(rng.uniform(bmin, bmax), 2)])
        share = rng.choice([0.59, rng.uniform(0.05, 0.59)])
        kind = "small"
        roi = bench["roi"] * rng.uniform(0.5, 1.4) + 0.5
    elif decision in ("raise_budget", "suggest_budget"):
        c["budget_exhausted_at"] = (
            f"{rng.randint(9, 14):02d}:{rng.choice(['00', '10', '20', '30', '45', '50', '59'])}"
        )
        roi = rng.choice([bench["roi"], bench["roi"] * rng.uniform(1.0, 1.6)])
        share = rng.uniform(0.93, 1.0)
        kind = rng.choice(["normal", "normal", "broad", "small"])
        if rng.random() < 0.25:
            c["bid"] = round(bmin * rng.uniform(0.6, 0.95), 2)  # low bid, but rule 6 is first
    elif decision == "narrow_targeting":
        kind = "broad"
        ctr = bench["ctr"] * rng.choice([0.8, rng.uniform(0.8, 1.5)])
        cvr = bench["cvr"] * rng.uniform(0.2, 0.55)
        roi = rng.uniform(0.4, bench["roi"] * 0.9)
        share = rng.uniform(0.5, 1.0)
        if rng.random() < 0.3:
            c["budget_exhausted_at"] = f"{rng.randint(10, 14):02d}:30"  # ROI below the bench
    elif decision == "pause_campaign":
        roi = rng.uniform(0.3, 0.98)
        share = rng.choice([0.6, rng.uniform(0.6, 1.0)])
        kind = rng.choice(["normal", "normal", "broad"])
        if kind == "broad":
            ctr = bench["ctr"] * rng.uniform(0.3, 0.75)
        if rng.random() < 0.3:
            c["budget_exhausted_at"] = f"{rng.randint(10, 14):02d}:{rng.choice(['05', '40'])}"
    elif decision == "no_change":
        roi = rng.uniform(1.0, bench["roi"] * 1.4)
        variant = rng.random()
        if variant < 0.25:
            c["budget_exhausted_at"] = rng.choice(["15:00", "15:30", "17:10", "19:45"])
            roi = rng.uniform(bench["roi"], bench["roi"] * 1.5)
            share = rng.uniform(0.95, 1.0)
        elif variant < 0.45:
            c["budget_exhausted_at"] = f"{rng.randint(10, 14):02d}:20"
            roi = rng.uniform(1.0, bench["roi"] * 0.95)  # runs out early, ROI below the bench
            share = rng.uniform(0.95, 1.0)
        elif variant < 0.6:
            c["bid"] = bmin  # exactly at the suggested minimum: not below it
        else:
            share = rng.uniform(0.3, 1.0)
    elif decision == "no_change_inactive":
        if rng.random() < 0.65:
            c["status"] = "paused"
            share = rng.uniform(0.0, 0.5)
        else:
            c["status"] = "completed"
            total = float(rng.choice([1000, 1500, 2000, 3000, 5000, 8000]))
            c.update(end_date=_date(rng, 1, 20), total_budget=total, total_spent=total,
                     start_date=_date(rng, 1, 28, month=10))  # fmt: skip
            share = 0.0
    elif decision == "revise_creative":
        c["status"] = "rejected"
        c["rejection_code"] = rng.choice(base["review_rules"])["code"]
        c["start_date"] = _date(rng, 20, 28)
        share = 0.0
    elif decision == "explain_unspent":
        c["status"] = "completed"
        total = float(rng.choice([1000, 1500, 2000, 3000, 4500, 5000, 8000, 10000]))
        spent = round(total * rng.uniform(0.4, 0.99), 2)
        if rng.random() < 0.15:
            spent = round(total - 0.5, 2)  # half a yuan left: still unspent
        c.update(end_date=_date(rng, 1, 25), total_budget=total, total_spent=spent,
                 start_date=_date(rng, 1, 28, month=10))  # fmt: skip
        facts["left"] = round(total - spent, 2)
        share = 0.0
    elif decision in ("refund_fault", "escalate"):
        inc_kind = rng.choice(sorted(INCIDENTS))
        d1 = rng.randint(3, 25)
        summary = rng.choice(INCIDENTS[inc_kind]).format(d1=f"{d1} Nov", d2=f"{d1 + 1} Nov")
        facts["incident"] = inc_kind
        status = rng.choice(["active", "active", "paused", "completed"])
        c["status"] = status
        if status == "completed":  # ended with its whole budget spent (else rule 2 decides)
            total = float(rng.choice([1000, 2000, 3000, 5000]))
            c.update(end_date=_date(rng, 1, 25), total_budget=total, total_spent=total,
                     start_date=_date(rng, 1, 28, month=10))  # fmt: skip
        if decision == "escalate":
            incidents.append({"incident_id": f"INC-{rng.randint(1000, 9999)}", "campaign_id": cid,
                              "kind": inc_kind, "status": "investigating", "summary": summary,
                              "refundable_amount": 0.0})  # fmt: skip
        else:
            owed_total = round(rng.uniform(40, 900), rng.choice([0, 1, 2]))
            incidents.append({"incident_id": f"INC-{rng.randint(1000, 9999)}", "campaign_id": cid,
                              "kind": inc_kind, "status": "resolved", "summary": summary,
                              "refundable_amount": owed_total})  # fmt: skip
            if rng.random() < 0.35:
                part = round(owed_total * rng.uniform(0.2, 0.7), 0)
                if 0 < part < owed_total:
                    refunds.append({"campaign_id": cid, "amount": part,
                                    "reason": "Partial credit for the incident"})  # fmt: skip
    else:  # pragma: no cover - DECISIONS is closed
        raise ValueError(decision)

    c["targeting"] = _targeting(rng, base, category, kind)
    if c["status"] in ("rejected", "completed") and share == 0.0:
        c["metrics_7d"] = {
            "impressions": 0,
            "clicks": 0,
            "conversions": 0,
            "spend": 0,
            "revenue": 0,
        }
    else:
        c["metrics_7d"] = _metrics(rng, daily, max(share, 0.01), ctr, cvr, max(roi, 0.05), cpc)
    return c, incidents, refunds, facts


def _other_campaign(rng: random.Random, base: dict[str, Any], cid: str, mid: str,
                    category: str, product: Product) -> dict[str, Any]:  # fmt: skip
    bench = next(b for b in base["benchmarks"] if b["category"] == category)
    daily = _money(rng, DAILY)
    status = rng.choice(["active", "active", "paused", "completed"])
    c: dict[str, Any] = {
        "campaign_id": cid, "merchant_id": mid,
        "name": f"{rng.choice(CAMPAIGN_PREFIXES)} {rng.choice(product.shorts)}".capitalize(),
        "product": product.name, "category": category, "status": status,
        "daily_budget": daily, "bid": round(rng.uniform(bench["suggested_bid_min"], bench["suggested_bid_max"]), 2),
        "start_date": _date(rng, 1, 20),
        "targeting": _targeting(rng, base, category, "normal"),
    }  # fmt: skip
    if status == "completed":
        total = float(rng.choice([1000, 2000, 3000]))
        c.update(end_date=_date(rng, 1, 20), total_budget=total, total_spent=total,
                 metrics_7d={"impressions": 0, "clicks": 0, "conversions": 0, "spend": 0, "revenue": 0})  # fmt: skip
    else:
        c["metrics_7d"] = _metrics(rng, daily, rng.uniform(0.6, 1.0), bench["ctr"], bench["cvr"],
                                   bench["roi"] * rng.uniform(0.9, 1.3), bench["cpc"])  # fmt: skip
    return c


# ---------------------------------------------------------------------------- replies


def _fmt(x: float) -> str:
    """A money figure as support writes it (1,137.50; 300; 0.45)."""
    if abs(x - round(x)) < 1e-9:
        return f"{x:,.0f}"
    return f"{x:,.2f}"


REPLY_OPEN = ("Thanks for reaching out! ", "Happy to help. ", "Thanks for waiting. ",
              "I've checked your campaign. ", "", "Thanks for the details. ")  # fmt: skip
REPLY_CLOSE = ("", " Let me know if anything else comes up.", " Feel free to write again any time.",
               " Hope this helps!")  # fmt: skip


def _premise(situation: str, concern: str, c: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """A sentence correcting the merchant's wrong belief, and the reply point it makes."""
    name = c["name"]
    if CONCERNS[concern].route == "A" and c["status"] != "rejected":
        return (f"{name} was not rejected, and it is not stuck in review either. ",
                {"any": ["rejected", "stuck in review", "held in review"],
                 "note": "the ad was not rejected"})  # fmt: skip
    if concern == "billing" and situation not in ("refund_fault", "escalate"):
        return (f"The charges on {name} are correct: there was no billing error. ",
                {"any": ["billing error", "overcharge", "overcharged", "charged wrongly"],
                 "note": "there was no billing error"})  # fmt: skip
    if concern == "results_refund" and situation != "refund_fault":
        return ("Spend on clicks that were delivered cannot be refunded because of weak results. ",
                {"any": ["refunded", "refund"], "note": "results are no reason for a refund"})  # fmt: skip
    if concern == "leftover" and situation != "explain_unspent":
        return (f"{name} used its whole total budget, so there is no unspent money left. ",
                {"any": ["unspent", "left over", "leftover"], "note": "nothing is left unspent"})  # fmt: skip
    return None


def _reply(rng: random.Random, decision: str, state: PromotionState, gold: Any, c: dict[str, Any],
           premise: tuple[str, dict[str, Any]] | None) -> str:  # fmt: skip
    from .world import rates

    camp = next(x for x in state.campaigns if x.campaign_id == c["campaign_id"])
    bench = next(b for b in state.benchmarks if b.category == camp.category)
    r = rates(camp.metrics_7d)
    name = camp.name
    cat = camp.category.lower()
    if decision == "revise_creative":
        rule = next(x for x in state.review_rules if x.code == camp.rejection_code)
        body = rng.choice([
            f"{name} was rejected in review for {rule.title.lower()}: {rule.text} "
            "Edit the creative and resubmit it; a new version is usually reviewed within a few hours.",
            f"The ad of {name} did not pass review. The reason is {rule.title.lower()}. {rule.text} "
            "Once you fix that, resubmit it and it goes back into review.",
        ])  # fmt: skip
    elif decision == "explain_unspent":
        left = round((camp.total_budget or 0) - camp.total_spent, 2)
        body = rng.choice([
            f"{name} ended with {_fmt(left)} yuan of its {_fmt(camp.total_budget or 0)}-yuan total budget unspent. "
            "Nothing was kept: unspent budget returns automatically to your ad balance after the end date, "
            "and you can use it for a new campaign or withdraw it from there.",
            f"When {name} finished, {_fmt(left)} yuan was left unspent. That amount goes back to your ad balance, "
            "usually within 24 hours, so there is nothing you need to request.",
        ])  # fmt: skip
    elif decision == "escalate":
        body = rng.choice([
            f"There is an open platform incident on {name} that our team is still investigating. "
            "I've escalated your case to a specialist, who will reply within 24 hours.",
            f"I found a platform incident affecting {name}, still under investigation. "
            "I've opened a ticket with a specialist; expect their answer within 24 hours.",
        ])  # fmt: skip
    elif decision == "refund_fault":
        owed = next(float(w.arguments["amount"]) for w in gold.writes)
        body = rng.choice([
            f"A resolved platform incident on {name} left {_fmt(owed)} yuan owed to you. "
            f"I've refunded {_fmt(owed)} yuan to your ad balance.",
            f"Our records show a platform fault on {name}, now resolved, and {_fmt(owed)} yuan of it "
            "was not yet credited. I've just refunded it to your ad balance.",
        ])  # fmt: skip
    elif decision == "no_change_inactive":
        body = rng.choice([
            f"{name} is {camp.status}, so it is not delivering at the moment. "
            "There's no platform fault on it, and I haven't changed anything.",
            f"I checked {name}: its status is {camp.status}, which is why it isn't showing. "
            "No incident on our side; your settings are unchanged.",
        ])  # fmt: skip
    elif decision == "raise_budget":
        new = next(float(w.arguments["daily_budget"]) for w in gold.writes)
        body = rng.choice([
            f"{name} has a daily budget of {_fmt(camp.daily_budget)} yuan and it usually runs out around "
            f"{camp.budget_exhausted_at}, so the ads stop for the rest of the day. Its ROI of {r['roi']} "
            f"is at or above the {bench.roi} benchmark for {cat}. As you agreed to spend more, "
            f"I've raised the daily budget to {_fmt(new)} yuan.",
            f"The {_fmt(camp.daily_budget)}-yuan daily budget of {name} is used up by about "
            f"{camp.budget_exhausted_at}, while the campaign earns well (ROI {r['roi']}). "
            f"Since you're happy to invest more, I've increased the daily budget to {_fmt(new)} yuan.",
        ])  # fmt: skip
    elif decision == "suggest_budget":
        body = rng.choice([
            f"{name} spends its {_fmt(camp.daily_budget)}-yuan daily budget by about {camp.budget_exhausted_at}, "
            f"and its ROI of {r['roi']} is at or above the {bench.roi} benchmark for {cat}, so the ads earn well. "
            "If you want them to run longer, I'd recommend a higher daily budget. "
            "I haven't changed anything: your settings are unchanged.",
            f"The daily budget of {name}, {_fmt(camp.daily_budget)} yuan, runs out around {camp.budget_exhausted_at}. "
            f"The return is good (ROI {r['roi']}). I'd suggest raising the budget if you'd like more hours of "
            "delivery, but I have not changed anything on the campaign.",
        ])  # fmt: skip
    elif decision == "raise_bid":
        target = next(float(w.arguments["bid"]) for w in gold.writes)
        body = rng.choice([
            f"Your bid on {name} is {camp.bid} yuan per click, below the suggested range for {cat}, "
            f"which starts at {bench.suggested_bid_min}. So the ads lose most auctions and little of the "
            f"budget goes out. I've raised the bid to {target:.2f} yuan.",
            f"{name} bids {camp.bid} per click; the suggested range for {cat} starts at "
            f"{bench.suggested_bid_min}, so it wins few auctions. I've increased the bid to {target:.2f}.",
        ])  # fmt: skip
    elif decision == "broaden_targeting":
        aud = audience_size(state, camp.targeting)
        body = rng.choice([
            f"The audience of {name} is only about {aud:,} people, so the ads run out of people to show to "
            "and most of the budget stays unused. I've widened the audience to every region and all the "
            f"interests that fit {cat}.",
            f"{name} targets a very small audience, roughly {aud:,} users. I've broadened it to all regions "
            "and the interests that fit your category, so more people can see it.",
        ])  # fmt: skip
    elif decision == "narrow_targeting":
        body = rng.choice([
            f"The ads of {name} get clicked well, but only {r['cvr']:.1%} of clicks turn into orders, "
            f"against {bench.cvr:.1%} for {cat}, because the audience is very broad. "
            "I've narrowed it to the interests closest to the product.",
            f"Clicks on {name} are fine, but the conversion rate is low ({r['cvr']:.1%}): the audience is "
            "huge and many clickers are just browsing. I've narrowed the audience to a more focused group.",
        ])  # fmt: skip
    elif decision == "pause_campaign":
        body = rng.choice([
            f"{name} has a return of {r['roi']}: it earns less than it costs, and most of the week's budget "
            "is already spent. I've paused the campaign so it stops losing money.",
            f"The ROI of {name} is {r['roi']}, below 1, so every yuan spent brings back less. "
            "I've paused the campaign; you can rework it before running it again.",
        ])  # fmt: skip
    else:  # no_change (active)
        body = rng.choice([
            f"I checked {name}: there's no platform fault, and its delivery is in line with the "
            f"{cat} benchmark. I haven't changed anything.",
            f"{name} is running normally, with no incident on our side, and its figures are within the "
            f"usual range for {cat}. I've kept the settings as they are.",
        ])  # fmt: skip
    fix = premise[0] if premise else ""
    return rng.choice(REPLY_OPEN) + fix + body + rng.choice(REPLY_CLOSE)


# ---------------------------------------------------------------------------- cases


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _by_route(rng: random.Random, weights: dict[str, int]) -> dict[str, int]:
    """The concerns of one route, the route drawn first (:data:`ROUTE_WEIGHTS`)."""
    routes = sorted({CONCERNS[k].route for k in weights})
    route = rng.choices(routes, [ROUTE_WEIGHTS[r] for r in routes])[0]
    return {k: v for k, v in weights.items() if CONCERNS[k].route == route}


def _ref(rng: random.Random, product: Product) -> str:
    """How the merchant names the campaign: a nickname, a Chinese word, rarely its key."""
    alias = rng.choice(product.aliases)
    return rng.choice([f"the {alias} ad", f"my {alias} promo", f"our {alias} campaign",
                       f"the {alias} one", f"the promo for the {alias}"])  # fmt: skip


def _fill(text: str, slots: dict[str, str]) -> str:
    return text.format(**slots)


def generate_case(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """One new merchant_promotion case (the library sets its id and split).

    Args:
        rng: The case's random source.
        base: The shared world data (``world.json``), a copy.

    Returns:
        A raw case, its gold filled in by ``author.fill`` (the policy).
    """
    situation = rng.choices(
        DECISIONS, [0.5 if d.startswith("no_change") else 1.0 for d in DECISIONS]
    )[0]
    for _ in range(30):
        raw = _draw(rng, base, situation)
        if raw is not None:
            return raw
    raise RuntimeError(f"no world found for {situation}")  # pragma: no cover


def _draw(rng: random.Random, base: dict[str, Any], situation: str) -> dict[str, Any] | None:
    category = rng.choice(sorted(PRODUCTS))
    products = rng.sample(PRODUCTS[category], 3)
    mid = f"M-{rng.randint(1000, 9999)}"
    ids = [f"C-{n}" for n in rng.sample(range(1000, 10000), 3)]
    cid = ids[0]
    camp, incidents, refunds, facts = _campaign(
        rng, base, situation, cid, mid, category, products[0]
    )
    n_other = rng.choice([0, 1, 1, 2])
    others = [
        _other_campaign(rng, base, ids[k + 1], mid, category, products[k + 1])
        for k in range(n_other)
    ]
    campaigns = [camp, *others]
    rng.shuffle(campaigns)
    decision = "no_change" if situation == "no_change_inactive" else situation
    if situation in ("refund_fault", "escalate"):
        weights = FAULT_CONCERNS[facts["incident"]]
    else:
        weights = DECISION_CONCERNS[situation]
    if camp["status"] == "completed":
        weights = {k: v for k, v in weights.items() if k != "not_spending"}
    else:
        weights = {k: v for k, v in weights.items() if k != "leftover"}
    concern_key = _pick(rng, _by_route(rng, weights))
    concern = CONCERNS[concern_key]
    if situation == "raise_budget":
        consent = True
    elif situation == "suggest_budget":
        consent = False
    else:
        consent = rng.random() < 0.5
    say_consent = consent or rng.random() < 0.8
    merchant = {"merchant_id": mid, "shop_name": f"{rng.choice(SHOP_FIRST)} {rng.choice(SHOP_WORDS)}",
                "category": category, "ad_balance": round(rng.uniform(0, 9000), 2),
                "tier": rng.choice(["new", "standard", "premium"])}  # fmt: skip
    patch: dict[str, Any] = {"merchants": [merchant], "campaigns": campaigns}
    if incidents:
        patch["incidents"] = incidents
    if refunds:
        patch["refunds"] = refunds
    refs = {"merchant_id": mid, "campaign_id": cid, "consent_to_spend_more": consent}

    from ecomstage_env.world.base import merge_patch

    state = PromotionState.model_validate(merge_patch(base, patch))
    gold = decide(state, refs)
    if gold.decision != decision:
        return None
    if decision == "refund_fault":
        prior = sum(r["amount"] for r in refunds)
        owed = float(gold.writes[0].arguments["amount"])
        if prior + owed != round(prior + owed, 2):
            return None  # the world would round the sum: a float artefact, draw again
    if decision == "narrow_targeting":
        t = state.campaigns[[x.campaign_id for x in state.campaigns].index(cid)].targeting
        after = audience_size(
            state, t.model_copy(update={"interests": gold.writes[0].arguments["interests"]})
        )
        if not SMALL_AUDIENCE <= after <= BROAD_AUDIENCE:
            return None

    premise = _premise(situation, concern_key, camp)
    dialogue, metric = _dialogue(
        rng, concern, camp, products, others, consent, say_consent, concern_key, facts
    )
    slots = {
        "name": camp["name"],
        "cid": cid,
        "time": _clock(camp.get("budget_exhausted_at") or "13:00", rng),
    }
    rewrite = _fill(rng.choice(concern.rewrite), slots)
    if say_consent:
        rewrite += rng.choice(CONSENT_REWRITE[consent])
    camp_point = {"any": sorted({camp["name"], cid, *products[0].keys, products[0].name}),
                  "note": "names the campaign"}  # fmt: skip
    points = [camp_point, {"any": list(concern.point), "note": concern.note}]
    raw: dict[str, Any] = {
        "case_id": f"gen-{rng.getrandbits(40):010x}",
        "scenario": "merchant_promotion",
        "orientation": "merchant",
        "dialogue": dialogue,
        "world_refs": refs,
        "world": {"patch": patch},
        "gold": {
            "perception": {
                "rewritten_query": rewrite,
                "entities": {"campaign_id": cid, "metric": metric},
            },
            "planning": {"route": concern.route},
            "action": {"reply": _reply(rng, situation, state, gold, camp, premise)},
        },
        "grading": {
            "perception.rewritten_query": {"points": points},
            "action.reply": {"points": [premise[1]] if premise else []},
        },
        "annotation": {
            "annotators": ["generator (rules, not people)"],
            "agreement": 1.0,
            "notes": f"generated: situation {situation} ({gold.why}); concern {concern_key}: "
            f"{concern.rule}; consent {consent}",
        },
    }
    raw = author.fill(raw, base)
    if not raw["grading"]["action.reply"]["points"]:
        return None
    return raw


def _dialogue(rng: random.Random, concern: Concern, camp: dict[str, Any], products: list[Product],
              others: list[dict[str, Any]], consent: bool, say_consent: bool,
              concern_key: str, facts: dict[str, Any]) -> tuple[list[dict[str, str]], str]:  # fmt: skip
    """The conversation (the merchant's turns, the agent's questions) and the metric.

    The metric of concern follows the spec's guideline over everything the merchant
    worries about: the request and the remark beside it (results before money).
    """
    m = camp["metrics_7d"]
    slots = {
        "views": _approx(m["impressions"], rng) if m["impressions"] else "zero",
        "clicks": _approx(m["clicks"], rng) if m["clicks"] else "no",
        "orders": (_approx(m["conversions"], rng) + " orders") if m["conversions"] > 1 else "not even a couple of orders",
        "spent": _approx(m["spend"], rng) if m["spend"] else "nothing",
        "daily": _approx(camp["daily_budget"], rng),
        "total": _approx(camp.get("total_budget") or 7 * camp["daily_budget"], rng),
        "time": _clock(camp.get("budget_exhausted_at") or "13:00", rng),
    }  # fmt: skip
    product = products[0]
    say = rng.choice(FRAMES).replace("{x}", _form(rng.choice(concern.says)))
    remarks = _remarks(rng, concern_key, camp, facts.get("incident") == "overbilling")
    metrics = [concern.metric, *(CONCERNS[k].metric for k in remarks if k in CONCERNS)]
    aside = ""
    for k in remarks:
        r = _remark_text(rng, k, slots)
        aside += rng.choice(REMARK_LINKS).format(r=r, R=r[0].upper() + r[1:])
    aside += "."
    aside += rng.choice(ASIDES_EXTRA)
    money = ""
    if say_consent:
        n, zh = ("", "没问题") if consent else (" not", "不行")
        money = rng.choice(CONSENT).format(n=n, zh=zh)
    shape = rng.random()
    turns: list[dict[str, str]] = []
    if shape < 0.35:
        text = (
            rng.choice(GREETINGS)
            + _fill(say, {**slots, "ref": _ref(rng, product)})
            + "."
            + aside
            + money
        )
        turns.append({"role": "merchant", "text": _typos(text + rng.choice(CLOSERS), rng)})
    elif shape < 0.8 or not others:
        first = rng.choice(GREETINGS) + rng.choice(OPENERS).format(ref=_ref(rng, product))
        turns.append({"role": "merchant", "text": _typos(first, rng)})
        turns.append({"role": "agent", "text": rng.choice(AGENT_ASKS)})
        pron = rng.choice(["it", "that one", "this campaign", "the thing"])
        text = _fill(say, {**slots, "ref": pron}) + "." + aside + money
        turns.append(
            {
                "role": "merchant",
                "text": _typos(text[0].upper() + text[1:] + rng.choice(CLOSERS), rng),
            }
        )
    else:
        other = rng.choice(others)
        wrong = next(p for p in products[1:] if p.name == other["product"])
        first = rng.choice(GREETINGS) + rng.choice(OPENERS).format(ref=_ref(rng, wrong))
        turns.append({"role": "merchant", "text": _typos(first, rng)})
        turns.append({"role": "agent", "text": rng.choice(AGENT_CONFIRM)})
        mix = rng.choice(MIXUPS).format(alias=rng.choice(product.aliases), ref2=_ref(rng, product))
        turns.append({"role": "merchant", "text": _typos(mix, rng)})
        turns.append({"role": "agent", "text": rng.choice(AGENT_ASKS)})
        text = _fill(say, {**slots, "ref": "it"}) + "." + aside + money
        turns.append(
            {
                "role": "merchant",
                "text": _typos(text[0].upper() + text[1:] + rng.choice(CLOSERS), rng),
            }
        )
    for t in turns:
        t["text"] = re.sub(r"\.\.+", ".", re.sub(r"\?\.", "?", t["text"])).strip()
    metric = "review_status" if concern.route == "A" else min(metrics, key=METRIC_ORDER.index)
    return turns, metric


ASKED = {k: sum(w.get(k, 0) for w in (*DECISION_CONCERNS.values(), *FAULT_CONCERNS.values()))
         for k in CONCERNS}  # fmt: skip
"""How often each concern is asked about: a remark draws its concern as often."""

TOPIC_RANK = {"A": 0, "D": 1, "C": 2}
"""The route guideline's order (first match wins): a worry about an earlier topic takes
the route, so a remark may voice only worries about later topics than the request's."""

NOT_REMARKS = ("results_refund",)
"""Concerns that are requests, never said in passing."""


def _truth(key: str, camp: dict[str, Any], overbilled: bool = False) -> bool | None:
    """Whether a concern's issue is plainly true (or false) of the campaign; None: unclear."""
    m = camp["metrics_7d"]
    week = 7 * camp["daily_budget"]
    live = camp["status"] == "active"
    early = bool(camp.get("budget_exhausted_at")) and camp["budget_exhausted_at"] < "15:00"
    rejected = bool(camp["status"] == "rejected")
    if key in ("review_why", "review_slow"):
        return rejected
    if key == "billing":
        return overbilled
    if key == "leftover":
        if camp["status"] != "completed":
            return None
        return bool((camp.get("total_budget") or 0) > camp.get("total_spent", 0))
    if key in ("too_fast", "stops_early", "orders_stop"):
        return (live and early) if live else None
    if key == "not_spending":
        return m["spend"] < 0.6 * week if camp["status"] != "completed" else None
    results = {
        "low_exposure": (m["impressions"] < 20000, m["impressions"] > 60000),
        "few_clicks": (m["clicks"] < 300, m["clicks"] > 900),
        "few_orders": (m["conversions"] < 40, m["conversions"] > 80),
        "clicks_no_orders": (
            m["clicks"] >= 100 and m["conversions"] < 0.02 * m["clicks"],
            m["clicks"] >= 100 and m["conversions"] > 0.04 * m["clicks"],
        ),
        "losing_money": (
            m["spend"] > 0 and m["revenue"] < m["spend"],
            m["revenue"] >= m["spend"] > 0,
        ),
    }
    if key in results:
        weak, fine = results[key]
        return True if weak else (False if fine else None)
    return None


def _remarks(
    rng: random.Random, key: str, camp: dict[str, Any], overbilled: bool = False
) -> list[str]:
    """Remarks beside the request: true of the world, and never moving the route.

    A case speaks of review, pace and results where it can: it asks about one and
    remarks on the others, with the clauses other cases ask about, said as a worry
    (where true, and only about a topic after the request's in the route guideline, so
    the route stays) or denied in the same words (where false). So the words of a topic
    do not tell the route: the route is which topic the question is about.

    Returns:
        Concern keys (a worry) or ``"~key"`` (a denial).
    """
    route = CONCERNS[key].route
    out: list[str] = []
    for r in ("A", "D", "C"):
        options: list[str] = []
        for other, con in CONCERNS.items():
            if con.route != r or other in NOT_REMARKS or other == key:
                continue
            true = _truth(other, camp, overbilled)
            if true is None:
                continue
            if true and TOPIC_RANK[r] > TOPIC_RANK[route]:
                options.append(other)
            elif not true:
                options.append("~" + other)
        if options and r != route:
            options.sort()
            weights = [ASKED[o.lstrip("~")] if r != "C" else 1 for o in options]
            out.append(rng.choices(options, weights)[0])
    rng.shuffle(out)
    return out


_CHOICE = re.compile(r"\[([^\[\]|]*)\|([^\[\]]*)\]")


def _form(clause: str, *, deny: bool = False) -> str:
    """A clause as a worry (``[worry|denial]`` -> worry) or as a denial."""
    return _CHOICE.sub(lambda m: m.group(2 if deny else 1), clause)


def _remark_text(rng: random.Random, key: str, slots: dict[str, str]) -> str:
    clause = rng.choice(CONCERNS[key.lstrip("~")].says)
    return _fill(_form(clause, deny=key.startswith("~")), {**slots, "ref": "it"})

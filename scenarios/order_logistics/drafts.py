"""Hand-written drafts of the order_logistics cases (read by ``author.py``).

Each draft is the writer's part of a case: the customer, their orders and the parcels'
courier scans (the case's world), the order the case is about and what the customer asks
for, the dialogue, the intent with the guideline line that decided it, the item, the
rewrite and its points, the reference reply, and reply points of the writer's own. The
policy decides everything else (``author.py``). Today is 2026-07-14 unless a draft says
otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["DRAFTS"]

_WORLD = json.loads((Path(__file__).resolve().parent / "world.json").read_text(encoding="utf-8"))
_SKUS = {
    s["sku"]: (p["product_id"], p["title"], s["options"])
    for p in _WORLD["products"]
    for s in p["skus"]
}

C, A = "customer", "agent"
TODAY = "2026-07-14"


def addr(name: str, phone: str, province: str, city: str, district: str, street: str) -> dict[str, str]:
    """A shipping address."""
    return {
        "name": name,
        "phone": phone,
        "province": province,
        "city": city,
        "district": district,
        "street": street,
    }


def item(sku: str, qty: int = 1, price: float | None = None) -> dict[str, Any]:
    """An order line of ``sku`` (title from the catalogue)."""
    pid, title, opts = _SKUS[sku]
    name = "".join(ch for ch in title if ord(ch) < 0x3000).strip()
    if opts:
        name += " (" + ", ".join(opts.values()) + ")"
    if price is None:
        price = next(s["price"] for p in _WORLD["products"] for s in p["skus"] if s["sku"] == sku)
    return {"sku": sku, "product_id": pid, "title": name, "qty": qty, "unit_price": price}


def order(
    oid: str,
    cid: str,
    items: list[dict[str, Any]],
    status: str,
    address: dict[str, str],
    *,
    placed: str,
    paid: str | None = None,
    shipped: str | None = None,
    delivered: str | None = None,
    fee: float = 0.0,
    discount: float = 0.0,
    method: str = "alipay",
    courier: str | None = None,
    tracking: str | None = None,
) -> dict[str, Any]:
    """An order; ``paid`` defaults to a minute after ``placed`` unless awaiting payment."""
    if paid is None and status != "pending_payment":
        paid = placed[:-1] + str((int(placed[-1]) + 1) % 10)
    total = round(sum(i["unit_price"] * i["qty"] for i in items) + fee - discount, 2)
    out: dict[str, Any] = {
        "order_id": oid,
        "customer_id": cid,
        "items": items,
        "status": status,
        "placed_at": placed,
        "paid_at": paid,
        "shipped_at": shipped,
        "delivered_at": delivered,
        "address": address,
        "courier": courier,
        "tracking_no": tracking,
    }
    if status != "pending_payment":
        out["payment"] = {
            "method": method,
            "amount": total,
            "shipping_fee": fee,
            "discount": discount,
        }
    return out


def ev(
    tn: str, time: str, location: str, status: str, exc: str | None = None, note: str = ""
) -> dict[str, Any]:
    """One courier scan."""
    return {
        "tracking_no": tn,
        "time": time,
        "location": location,
        "status": status,
        "exception": exc,
        "note": note,
    }


def d(
    customer: tuple[str, str, str],
    orders: list[dict[str, Any]],
    events: list[dict[str, Any]],
    ref: str,
    request: str,
    dialogue: list[tuple[str, str]],
    intent: str,
    rewrite: str,
    rewrite_points: list[dict[str, Any]],
    reply: str,
    notes: str,
    *,
    sku: str | None = None,
    consent: bool = False,
    new_address: dict[str, str] | None = None,
    also_fee: bool = False,
    intent_accept: list[str] | None = None,
    points: list[dict[str, Any]] | None = None,
    today: str = TODAY,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One draft."""
    cid, name, tier = customer
    refs: dict[str, Any] = {"customer_id": cid, "order_id": ref, "request": request}
    if request == "address":
        refs["consent_intercept"] = consent
        refs["new_address"] = new_address
    if also_fee:
        refs["also_fee"] = True
    the = next(o for o in orders if o["order_id"] == ref)
    patch: dict[str, Any] = {
        "today": today,
        "customers": [{"customer_id": cid, "name": name, "tier": tier}],
        "orders": orders,
        "logistics": events,
        **(extra or {}),
    }
    return {
        "refs": refs,
        "patch": patch,
        "dialogue": dialogue,
        "intent": intent,
        "intent_accept": intent_accept,
        "sku": sku or the["items"][0]["sku"],
        "rewrite": rewrite,
        "rewrite_points": rewrite_points,
        "reply": reply,
        "notes": notes,
        "points": points or [],
    }


def pt(*phrases: str, note: str = "", figure: float | None = None) -> dict[str, Any]:
    """A point of the writer's own."""
    out: dict[str, Any] = {"any": list(phrases)}
    if figure is not None:
        out["figure"] = figure
    if note:
        out["note"] = note
    return out


DRAFTS: list[dict[str, Any]] = []

# ---- addresses ----------------------------------------------------------------------
HZ_LI = addr("Li Na", "138-0571-2231", "Zhejiang", "Hangzhou", "Xihu", "18 Wensan Rd, Apt 502")
SH_CHEN = addr("Chen Hao", "139-1762-4408", "Shanghai", "Shanghai", "Xuhui", "221 Tianyaoqiao Rd, Rm 1103")
BJ_WANG = addr("Wang Fang", "136-0100-5822", "Beijing", "Beijing", "Chaoyang", "9 Guanghua Rd, Bldg 3, Rm 1601")
GZ_ZHAO = addr("Zhao Min", "137-2288-9013", "Guangdong", "Guangzhou", "Tianhe", "66 Tiyu West Rd, Apt 2207")
CD_LIU = addr("Liu Yang", "135-2860-3317", "Sichuan", "Chengdu", "Wuhou", "4 Kehua North Rd, Unit 2, Rm 701")
SZ_MARK = addr("Mark Evans", "186-0755-4470", "Guangdong", "Shenzhen", "Nanshan", "1 Keyuan Rd, Tower B, Rm 908")
NJ_SUN = addr("Sun Jie", "150-2581-6634", "Jiangsu", "Nanjing", "Gulou", "35 Zhongshan North Rd, Apt 1204")
WH_HU = addr("Hu Qing", "158-2760-1199", "Hubei", "Wuhan", "Hongshan", "120 Luoyu Rd, Bldg 6, Rm 303")
XA_MA = addr("Ma Rui", "133-2901-5576", "Shaanxi", "Xi'an", "Yanta", "58 Xiaozhai East Rd, Apt 1502")
SU_ZHOU = addr("Zhou Ting", "189-1262-7740", "Jiangsu", "Suzhou", "Gusu", "77 Pingjiang Rd, Rm 201")
TJ_SOPHIE = addr("Sophie Martin", "176-2210-3385", "Tianjin", "Tianjin", "Heping", "12 Nanjing Rd, Apt 806")
CQ_TANG = addr("Tang Wei", "182-2390-6641", "Chongqing", "Chongqing", "Yuzhong", "8 Jiefangbei Pedestrian St, Rm 1707")

U = {
    "li": ("U-3318", "Li Na", "gold"),
    "chen": ("U-4072", "Chen Hao", "regular"),
    "wang": ("U-2259", "Wang Fang", "silver"),
    "zhao": ("U-5604", "Zhao Min", "regular"),
    "liu": ("U-6137", "Liu Yang", "platinum"),
    "mark": ("U-7081", "Mark Evans", "regular"),
    "sun": ("U-2946", "Sun Jie", "silver"),
    "hu": ("U-8815", "Hu Qing", "regular"),
    "ma": ("U-3490", "Ma Rui", "gold"),
    "zhou": ("U-5172", "Zhou Ting", "regular"),
    "sophie": ("U-6628", "Sophie Martin", "silver"),
    "tang": ("U-9043", "Tang Wei", "regular"),
}


def cid(key: str) -> str:
    """The customer id of a customer key."""
    return U[key][0]


# ---- address change requests --------------------------------------------------------
DRAFTS += [
    d(
        U["li"],
        [
            order("O-5821", cid("li"), [item("P-1004-GRY")], "paid", HZ_LI, placed="2026-07-14T09:10"),
            order(
                "O-5377", cid("li"), [item("P-1007-SET")], "delivered", HZ_LI,
                placed="2026-06-28T20:02", shipped="2026-06-29T10:00",
                delivered="2026-07-01T15:30", courier="SF Express", tracking="SF5377041",
            ),
        ],
        [
            ev("SF5377041", "2026-06-29T10:00", "Hangzhou hub", "picked_up"),
            ev("SF5377041", "2026-07-01T15:30", "Hangzhou Xihu", "delivered"),
        ],
        "O-5821",
        "address",
        [
            (
                C,
                "Hello! I ordered the glass kettle this morning but I just realised it's going to "
                "my home and nobody is there during the day. Could it go to my office instead? "
                "Tower C, 600 Jiangling Rd, Binjiang District, Hangzhou, Zhejiang. Thank you!",
            )
        ],
        "2",
        "Please change the delivery address of the Kettlewise glass kettle order O-5821 placed "
        "this morning to my office: Tower C, 600 Jiangling Rd, Binjiang District, Hangzhou, "
        "Zhejiang.",
        [pt("Kettlewise", note="the kettle's name from the order")],
        "Of course! Your Kettlewise kettle order O-5821 hasn't shipped yet. I've updated the "
        "delivery address to Tower C, 600 Jiangling Rd, Binjiang, Hangzhou, Zhejiang; the "
        "recipient name and phone stay as they were.",
        "intent rule 6 (changing the address of an order that has not shipped: status paid). "
        "The order is named by product only; an older delivered order of the same customer "
        "sits beside it.",
        new_address={
            "province": "Zhejiang",
            "city": "Hangzhou",
            "district": "Binjiang",
            "street": "Tower C, 600 Jiangling Rd",
        },
    ),
    d(
        U["chen"],
        [
            order("O-6604", cid("chen"), [item("P-1005-250", 2)], "paid", SH_CHEN, placed="2026-07-13T22:40"),
            order("O-6590", cid("chen"), [item("P-1011-STD")], "paid", SH_CHEN, placed="2026-07-13T21:05"),
        ],
        [],
        "O-6604",
        "address",
        [
            (C, "hi 帮我改下地址 pls"),
            (A, "Sure, I can help with that. I can see two recent orders on your account: the "
                "Cloudrest pillow and two bags of Misty Peak oolong. Which one is it?"),
            (C, "茶叶那个. send to my company: 上海 浦东新区 Zhangjiang, 88 Keyuan Rd Bldg 5 "
                "reception. pillow stays home"),
        ],
        "2",
        "Please change the delivery address of the Misty Peak oolong tea order O-6604 to my "
        "company at Bldg 5 reception, 88 Keyuan Rd, Zhangjiang, Pudong New Area, Shanghai; "
        "the Cloudrest pillow order stays at home.",
        [pt("oolong", "Misty Peak", note="the tea order, named by the agent")],
        "Done! The oolong order O-6604 hasn't shipped yet, so I've updated its address to Bldg "
        "5 reception, 88 Keyuan Rd, Pudong, Shanghai. The pillow order O-6590 still goes to "
        "your home.",
        "intent rule 6 (address change before shipping). '茶叶那个' picks the tea order out of "
        "the two the agent listed; the pillow order is kept as is (a change there is not due).",
        new_address={
            "province": "Shanghai",
            "city": "Shanghai",
            "district": "Pudong",
            "street": "Bldg 5 reception, 88 Keyuan Rd",
        },
        points=[pt("O-6590", note="the pillow order is left alone")],
    ),
    d(
        U["wang"],
        [order("O-7145", cid("wang"), [item("P-1008-WHT")], "pending_payment", BJ_WANG, placed="2026-07-14T08:15")],
        [],
        "O-7145",
        "address",
        [
            (C, "Before I pay for the desk lamp, I noticed the address on the order is my old "
                "flat. New one is 27 Wudaokou East Rd, Apt 910, Haidian, Beijing. Can you fix it "
                "or do I have to cancel and order again?"),
        ],
        "2",
        "Can you change the address on my unpaid Lumen desk lamp order O-7145 to 27 Wudaokou "
        "East Rd, Apt 910, Haidian, Beijing, without cancelling and reordering?",
        [pt("Lumen", note="the lamp's brand from the order")],
        "No need to cancel. Order O-7145 is still awaiting payment and hasn't shipped, so I've "
        "updated the address to 27 Wudaokou East Rd, Apt 910, Haidian, Beijing. You can pay as "
        "usual and it will go there.",
        "intent rule 6 (changing an order before it ships; the order awaits payment).",
        new_address={
            "province": "Beijing",
            "city": "Beijing",
            "district": "Haidian",
            "street": "27 Wudaokou East Rd, Apt 910",
        },
    ),
    d(
        U["li"],
        [order("O-5936", cid("li"), [item("P-1012-BLU")], "paid", HZ_LI, placed="2026-07-13T19:20")],
        [],
        "O-5936",
        "address",
        [
            (C, "The silk scarf order — I picked the wrong district. It says Xihu but the street is "
                "in Gongshu. 18 Wensan Rd is right, just Gongshu instead. sorry!"),
            (A, "No problem, thanks for spotting it. Just to confirm: same street and apartment, "
                "only the district changes?"),
            (C, "yes exactly, apt 502 too"),
        ],
        "2",
        "Yes, for the silk scarf order O-5936, keep 18 Wensan Rd, Apt 502 and change only the "
        "district from Xihu to Gongshu.",
        [
            pt("Gongshu", note="the corrected district"),
            pt("Wensan", note="the street kept"),
        ],
        "All set. Order O-5936 hasn't shipped yet, so I've corrected the district to Gongshu; "
        "the street (18 Wensan Rd, Apt 502), city and phone number are unchanged.",
        "intent rule 6 (address of an unshipped order). The last message is a bare 'yes': the "
        "rewrite must carry the district and street from the earlier turns (RW4).",
        new_address={
            "province": "Zhejiang",
            "city": "Hangzhou",
            "district": "Gongshu",
            "street": "18 Wensan Rd, Apt 502",
        },
    ),
    d(
        U["zhao"],
        [order("O-8012", cid("zhao"), [item("P-1011-STD", 2)], "paid", GZ_ZHAO, placed="2026-07-14T07:55")],
        [],
        "O-8012",
        "address",
        [
            (C, "I want the two pillows to go straight to my mum instead of me. Her details: "
                "Zhao Lan, 139-0751-3322, 15 Huancheng Rd, Apt 3, Xiangzhou District, Zhuhai, "
                "Guangdong."),
        ],
        "2",
        "Please send the two Cloudrest pillows of order O-8012 to my mother instead: Zhao Lan, "
        "139-0751-3322, 15 Huancheng Rd, Apt 3, Xiangzhou, Zhuhai, Guangdong.",
        [pt("Cloudrest", note="the pillows' name from the order")],
        "What a nice surprise for her! Order O-8012 hasn't shipped yet. I've updated the "
        "recipient to Zhao Lan (139-0751-3322) at 15 Huancheng Rd, Apt 3, Xiangzhou, Zhuhai, "
        "Guangdong.",
        "intent rule 6 (recipient and address of an unshipped order). The recipient's name and "
        "phone change too: the write must set them.",
        new_address={
            "province": "Guangdong",
            "city": "Zhuhai",
            "district": "Xiangzhou",
            "street": "15 Huancheng Rd, Apt 3",
            "name": "Zhao Lan",
            "phone": "139-0751-3322",
        },
    ),
    d(
        U["liu"],
        [order("O-9266", cid("liu"), [item("P-1013-SET")], "paid", CD_LIU, placed="2026-07-13T23:48")],
        [],
        "O-9266",
        "address",
        [
            (C, "your app is USELESS. i've tried 5 times to edit the address on my coffee set "
                "order and it just spins. it needs to go to 9 Tianfu 3rd St, Rm 1208, Gaoxin, "
                "Chengdu. fix it"),
        ],
        "2",
        "Change the delivery address of my Kilnworks pour-over coffee set order O-9266 to 9 "
        "Tianfu 3rd St, Rm 1208, Gaoxin, Chengdu, since the app will not let me edit it.",
        [pt("Kilnworks", "pour-over", note="the coffee set named as in the order")],
        "Sorry the app kept failing on you. I've done it from here: order O-9266 hasn't shipped "
        "yet and its address is now updated to 9 Tianfu 3rd St, Rm 1208, Gaoxin, Chengdu, "
        "Sichuan.",
        "intent rule 6 (address of an unshipped order); the app complaint is the reason, not a "
        "request about the app (rule 1 (c) would need a how-to-use-the-app question).",
        new_address={
            "province": "Sichuan",
            "city": "Chengdu",
            "district": "Gaoxin",
            "street": "9 Tianfu 3rd St, Rm 1208",
        },
    ),
    d(
        U["mark"],
        [
            order("O-4410", cid("mark"), [item("P-1006-43")], "paid", SZ_MARK, placed="2026-07-13T12:30"),
            order(
                "O-4388", cid("mark"), [item("P-1010-NVY")], "in_transit", SZ_MARK,
                placed="2026-07-12T10:00", shipped="2026-07-13T09:00", courier="YTO Express",
                tracking="YT4388120",
            ),
        ],
        [
            ev("YT4388120", "2026-07-13T09:00", "Dongguan hub", "picked_up"),
            ev("YT4388120", "2026-07-13T21:10", "Shenzhen transit centre", "in_transit"),
        ],
        "O-4410",
        "address",
        [
            (C, "Hi there, quick one about my orders"),
            (A, "Hi Mark, happy to help! What would you like to know?"),
            (C, "I'm travelling to Xiamen for two weeks from tomorrow. Is it possible to get the "
                "running shoes sent to the hotel there?"),
            (A, "I can check that for you. Do you have the hotel's full address?"),
            (C, "Harbour View Hotel, 2 Lujiang Rd, Siming District, Xiamen, Fujian. the tablet "
                "case can go to Shenzhen as planned, no rush"),
        ],
        "2",
        "Please send the Trailstep running shoes order O-4410 to Harbour View Hotel, 2 Lujiang "
        "Rd, Siming District, Xiamen, Fujian, and leave the tablet case order going to Shenzhen.",
        [
            pt("running shoes", "Trailstep", note="the shoes, from the earlier turn"),
            pt("Harbour View", note="the hotel address given in the last turn"),
        ],
        "Good news: the Trailstep shoes (O-4410) haven't shipped yet, so I've updated the "
        "address to Harbour View Hotel, 2 Lujiang Rd, Siming, Xiamen. The tablet case is "
        "already on its way to Shenzhen and stays as it is.",
        "intent rule 6 (address of the unshipped shoes order). The shoes are named two turns "
        "before the address; the other order is shipped and the customer keeps it as is.",
        new_address={
            "province": "Fujian",
            "city": "Xiamen",
            "district": "Siming",
            "street": "Harbour View Hotel, 2 Lujiang Rd",
        },
        points=[],
    ),
    d(
        U["sun"],
        [order("O-3357", cid("sun"), [item("P-1014-BOX")], "paid", NJ_SUN, placed="2026-07-12T16:22")],
        [],
        "O-3357",
        "address",
        [
            (C, "I know it's probably too late since I ordered the picture books two days ago and "
                "you guys are fast, but any chance the address can still be changed? It should go "
                "to my sister: 5 Hanzhong Rd, Apt 402, Qinhuai, Nanjing. Same phone."),
        ],
        "2",
        "Can the Little Owl picture book box set order O-3357 still be sent to my sister at 5 "
        "Hanzhong Rd, Apt 402, Qinhuai, Nanjing, with the same phone number?",
        [pt("Little Owl", "book box", note="the book set as in the order")],
        "Not too late at all: order O-3357 hasn't shipped yet. I've changed the delivery address "
        "to 5 Hanzhong Rd, Apt 402, Qinhuai, Nanjing, keeping your phone number.",
        "intent rule 6 (the order is paid and not shipped, though the customer assumes it has "
        "shipped: the status decides).",
        new_address={
            "province": "Jiangsu",
            "city": "Nanjing",
            "district": "Qinhuai",
            "street": "5 Hanzhong Rd, Apt 402",
        },
    ),
    d(
        U["hu"],
        [order("O-2781", cid("hu"), [item("P-1009-800", 3)], "paid", WH_HU, placed="2026-07-14T06:30")],
        [],
        "O-2781",
        "address",
        [
            (C, "奶粉 order — we're moving to grandma's next week so pls deliver there instead"),
            (A, "Congratulations on the move! What's the address at your grandmother's?"),
            (C, "湖北 武汉 江汉区 22 Jianghan Rd, Apt 1101. name and number same as before"),
        ],
        "2",
        "Please deliver the Orchard stage 2 baby formula order O-2781 to my grandmother's "
        "place at 22 Jianghan Rd, Apt 1101, Jianghan District, Wuhan, Hubei, keeping the same "
        "name and phone.",
        [pt("formula", "Orchard", note="the formula order, named in Chinese before")],
        "Thanks! Order O-2781 (3 tins of Orchard stage 2) hasn't shipped yet. I've updated the "
        "address to 22 Jianghan Rd, Apt 1101, Jianghan, Wuhan; name and phone unchanged.",
        "intent rule 6 (address of an unshipped order). The order is named as 奶粉 only.",
        new_address={
            "province": "Hubei",
            "city": "Wuhan",
            "district": "Jianghan",
            "street": "22 Jianghan Rd, Apt 1101",
        },
    ),
    d(
        U["sophie"],
        [
            order("O-1638", cid("sophie"), [item("P-1001-L-BLU"), item("P-1012-RED")], "paid",
                  TJ_SOPHIE, placed="2026-07-13T18:44"),
        ],
        [],
        "O-1638",
        "address",
        [
            (C, "Bonjour, for my order with the linen shirt and the red scarf: I put Heping but "
                "my new apartment is in Hexi, 40 Youyi Rd, Apt 1503, Tianjin. Also my new phone "
                "is 176-2210-9901."),
        ],
        "2",
        "Please change order O-1638 (Hemline linen shirt and red scarf) to my new apartment at 40 "
        "Youyi Rd, Apt 1503, Hexi, Tianjin, with the new phone 176-2210-9901.",
        [pt("Hemline", note="the shirt's brand from the order")],
        "Merci! Order O-1638 hasn't shipped yet, so I've updated it: 40 Youyi Rd, Apt 1503, "
        "Hexi, Tianjin, phone 176-2210-9901.",
        "intent rule 6 (address and phone of an unshipped order). Two items in one order; the "
        "item slot takes the first one named, the shirt.",
        new_address={
            "province": "Tianjin",
            "city": "Tianjin",
            "district": "Hexi",
            "street": "40 Youyi Rd, Apt 1503",
            "phone": "176-2210-9901",
        },
    ),
]

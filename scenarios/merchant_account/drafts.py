"""Hand-written drafts of the merchant_account cases (read by ``author.py``).

Each draft is the writer's part of a case: the merchant's account and records (the
case's world), the record the case is about, whether the merchant asks support to file a
new balance refund request, the dialogue, the intents and route with the guideline lines
that decided them, the reference reply, and reply points of the writer's own. The policy
decides everything else (``author.py``). Today in every world is Monday 2026-11-30.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DRAFTS"]

_FLAGS = {
    "no_label": ("partnership_label", False),
    "medical": ("medical_claim", True),
    "absolute": ("absolute_claim", True),
    "unlicensed": ("licensed_music", False),
    "competitor": ("competitor_brand", True),
}


def acct(
    mid: str,
    shop: str,
    balance: float,
    *frozen: dict[str, Any],
    bank: bool = True,
    invoices: float = 0.0,
    card: str = "****4417",
) -> dict[str, Any]:
    """A merchant's account."""
    return {
        "merchant_id": mid,
        "shop_name": shop,
        "balance": balance,
        "frozen": list(frozen),
        "bank_verified": bank,
        "bank_account": card,
        "overdue_invoices": invoices,
    }


def fz(amount: float, reason: str, ref: str | None = None) -> dict[str, Any]:
    """A frozen amount."""
    return {"amount": amount, "reason": reason, "ref": ref}


def wr(
    rid: str,
    mid: str,
    amount: float,
    status: str,
    submitted: str,
    *,
    decided: str | None = None,
    reason: str | None = None,
    at: tuple[bool, float, float] = (True, 0.0, 0.0),
) -> dict[str, Any]:
    """A balance refund request; ``at`` = (bank verified, withdrawable, overdue) at submission."""
    return {
        "request_id": rid,
        "merchant_id": mid,
        "amount": amount,
        "status": status,
        "submitted": submitted,
        "decided": decided,
        "rejection_reason": reason,
        "at_submission": {"bank_verified": at[0], "withdrawable": at[1], "overdue_invoices": at[2]},
    }


def co(
    oid: str,
    mid: str,
    creator: str,
    fee: float,
    title: str,
    kind: str,
    status: str,
    submitted: str,
    *,
    flags: tuple[str, ...] = (),
    rule: str | None = None,
    note: str | None = None,
    decided: str | None = None,
    resub: int = 0,
    draft: str | None = None,
) -> dict[str, Any]:
    """A collaboration order; ``flags`` name the problems the content checks found."""
    checks = {
        "partnership_label": True,
        "medical_claim": False,
        "absolute_claim": False,
        "licensed_music": True,
        "competitor_brand": False,
    }
    for f in flags:
        key, value = _FLAGS[f]
        checks[key] = value
    return {
        "order_id": oid,
        "merchant_id": mid,
        "creator": creator,
        "fee": fee,
        "content_title": title,
        "content_type": kind,
        "checks": checks,
        "review_status": status,
        "rule_id": rule,
        "reviewer_note": note,
        "submitted": submitted,
        "decided": decided,
        "resubmissions": resub,
        "revised_draft": draft,
    }


def d(
    account: dict[str, Any],
    records: list[dict[str, Any]],
    ref: str,
    dialogue: list[tuple[str, str]],
    intents: list[str],
    route: str,
    reply: str,
    notes: str,
    *,
    asks: bool = False,
    points: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One draft."""
    return {
        "merchant_id": account["merchant_id"],
        "ref": ref,
        "patch": {
            "merchants": [account],
            "balance_requests": [r for r in records if "request_id" in r],
            "collab_orders": [r for r in records if "order_id" in r],
        },
        "dialogue": dialogue,
        "intents": intents,
        "route": route,
        "reply": reply,
        "notes": notes,
        "asks": asks,
        "points": points or [],
    }


M, A = "merchant", "agent"

DRAFTS: list[dict[str, Any]] = [
    # ---- F: balance refund requests -------------------------------------------------
    d(
        acct("M-2610", "Jadeleaf Tea", 2310.0, fz(180.0, "pending_ad_charges")),
        [
            wr(
                "WR-4093",
                "M-2610",
                1500.0,
                "completed",
                "2026-11-18",
                decided="2026-11-24",
                at=(True, 3650.0, 0.0),
            ),
            co(
                "CO-6281",
                "M-2610",
                "Yun (@yun.brews)",
                1200.0,
                "First flush oolong",
                "video",
                "pending",
                "2026-11-27",
            ),
        ],
        "WR-4093",
        [
            (
                M,
                "Hello, last week I asked to withdraw 1,500 from my balance to the bank. Nothing "
                "has shown up there as far as I can see. My collab with the tea blogger Yun is in "
                "review too, but that's a separate thing, I'll ask about it later. Did the "
                "withdrawal go through?",
            )
        ],
        ["check_progress"],
        "F",
        "Good news: request WR-4093 for 1,500 yuan was completed on 24 November and paid out "
        "to your bank account ending 4417. Bank transfers can take a day to show on a "
        "statement, so please check the transactions from 24 November onward.",
        "route rule 2 (a withdrawal already requested, its progress); the collab review is "
        "set aside by the merchant ('I'll ask about it later'). intents 5 (did it go through).",
        points=[{"any": ["November", "Nov"], "figure": 24, "note": "paid out on 24 November"}],
    ),
    d(
        acct("M-7741", "Northwind Outdoor", 640.0),
        [
            wr(
                "WR-2286",
                "M-7741",
                3080.0,
                "completed",
                "2026-11-20",
                decided="2026-11-26",
                at=(True, 3720.0, 0.0),
            ),
            wr(
                "WR-1934",
                "M-7741",
                800.0,
                "completed",
                "2026-10-02",
                decided="2026-10-07",
                at=(True, 1900.0, 0.0),
            ),
        ],
        "WR-2286",
        [
            (
                M,
                "hey can u hurry my balance refund. the 3080 one. our KOL campaign wrapped and i "
                "need that cash back asap",
            ),
            (A, "Of course, let me check the request for you."),
            (M, "thx. it's been over a week"),
        ],
        ["request_expedite"],
        "F",
        "Thanks for waiting! Your request WR-2286 was already completed on 26 November: it has "
        "been paid out to your bank account ending 4417, so there's nothing left to speed up on "
        "our side. If it isn't on your statement yet, your bank may still be booking it.",
        "route rule 2 (a balance refund already requested); the KOL campaign is the reason, "
        "not the topic. intents 2 ('can u hurry').",
        points=[{"any": ["November", "Nov"], "figure": 26, "note": "completed on 26 November"}],
    ),
    d(
        acct("M-3382", "Pebble & Pine Home", 860.0, fz(120.0, "pending_ad_charges")),
        [wr("WR-5527", "M-3382", 4200.0, "processing", "2026-11-26", at=(True, 5060.0, 0.0))],
        "WR-5527",
        [
            (
                M,
                "hi, I put in a withdrawal of my ad wallet money on Thursday, 4,200 yuan, and it "
                "still says processing. Can you push it through today? I need it for supplier "
                "payments. The creator campaign with Lulu is finished so there's no reason to "
                "hold it",
            )
        ],
        ["request_expedite"],
        "F",
        "I understand the supplier payments are pressing. Your request WR-5527 was submitted "
        "on Thursday 26 November and is within its processing window: 2 of 5 business days "
        "have passed, so it has up to 3 business days left. Support can't speed up a request "
        "inside that window, so you only need to wait; I haven't changed anything. If it's "
        "still processing after that, message us and we'll push it.",
        "route rule 2 (a withdrawal already requested); the creator campaign is context. "
        "intents 2 ('can you push it through today').",
    ),
    d(
        acct("M-5180", "Hollow Oak Furniture", 1430.0),
        [
            wr("WR-6615", "M-5180", 9800.0, "processing", "2026-11-24", at=(True, 11230.0, 0.0)),
            co(
                "CO-5902",
                "M-5180",
                "Vera Home (@verahome)",
                2600.0,
                "Oak sideboard styling",
                "video",
                "approved",
                "2026-11-16",
                decided="2026-11-18",
            ),
        ],
        "WR-6615",
        [
            (
                M,
                "Morning. Quick one - where is my withdrawal request at? It's 9,800 to our ICBC "
                "account. The escrow from the blogger order got released last week when her video "
                "was approved, so the full amount should be free.",
            )
        ],
        ["check_progress"],
        "F",
        "Morning! Request WR-6615 for 9,800 yuan is processing normally: it was submitted on "
        "Tuesday 24 November and 4 of its 5 business days have passed, so it should complete "
        "within 1 business day. Nothing is wrong with it and you only need to wait.",
        "route rule 2 (progress of a withdrawal request); the blogger's approved video is "
        "background. intents 5 (where is it at).",
    ),
    d(
        acct("M-8823", "小鹿 Baby Shop", 410.0, fz(300.0, "collab_escrow", "CO-7014")),
        [
            wr("WR-3170", "M-8823", 2600.0, "processing", "2026-11-28", at=(True, 2910.0, 0.0)),
            co(
                "CO-7014",
                "M-8823",
                "奶爸阿杰",
                300.0,
                "婴儿推车测评",
                "video",
                "pending",
                "2026-11-27",
            ),
        ],
        "WR-3170",
        [(M, "你好, 我周六申请了余额退款 2600, 什么时候到账? 能不能加急一下, 这周要付达人的尾款")],
        ["check_progress", "request_expedite"],
        "F",
        "你好! Your balance refund WR-3170 was submitted on Saturday 28 November. Weekends don't "
        "count, so 1 of its 5 business days has passed and it has 4 business days left. Within "
        "that window support can't speed it up, so you only need to wait; I haven't changed "
        "anything. If it's still processing after that, contact us and we'll push it.",
        "route rule 2 (a balance refund already requested); paying the creator (达人) is the "
        "reason for the hurry. intents 5 (什么时候到账, when) + 2 (能不能加急).",
    ),
    d(
        acct("M-4406", "Copperline Kitchen", 2200.0, fz(450.0, "pending_ad_charges")),
        [wr("WR-7302", "M-4406", 5000.0, "processing", "2026-11-25", at=(True, 6750.0, 0.0))],
        "WR-7302",
        [
            (
                M,
                "I submitted the withdrawal LAST WEEK and it's still not done. Your site says 5 "
                "days. Why is it so slow, is something wrong with my account??",
            )
        ],
        ["check_progress"],
        "F",
        "I understand the worry, but nothing is wrong with the account. Request WR-7302 for "
        "5,000 yuan was submitted on Wednesday 25 November, this week rather than last, and 3 "
        "business days have passed. It has 2 business days left in its window, so you only "
        "need to wait.",
        "route rule 2. intents 5 (a 'why so slow' about a pending request is check_progress, "
        "per the guideline's note). The merchant misremembers the date (last week).",
        points=[
            {
                "any": ["November", "Wednesday"],
                "figure": 25,
                "note": "submitted on 25 November, not last week",
            }
        ],
    ),
    d(
        acct("M-1958", "Silverbirch Stationery", 530.0),
        [
            wr("WR-8840", "M-1958", 2000.0, "processing", "2026-11-27", at=(True, 2530.0, 0.0)),
            wr(
                "WR-8817",
                "M-1958",
                1200.0,
                "completed",
                "2026-11-09",
                decided="2026-11-13",
                at=(True, 3730.0, 0.0),
            ),
        ],
        "WR-8840",
        [
            (
                M,
                "Hi there, the money from the first withdrawal came through fine, thanks. The 2k "
                "one I did on Friday hasn't though. Is that one stuck?",
            )
        ],
        ["check_progress"],
        "F",
        "Hi! Request WR-8840 isn't stuck: it was submitted on Friday 27 November and has used 1 "
        "of its 5 business days, so it has 4 business days left. You only need to wait.",
        "route rule 2. intents 5 (is it stuck). The request is named by amount and day only; "
        "the completed one is a distractor.",
    ),
    d(
        acct("M-6204", "Bloomfield Florals", 980.0),
        [wr("WR-2451", "M-6204", 6300.0, "processing", "2026-11-20", at=(True, 7280.0, 0.0))],
        "WR-2451",
        [(M, "Can you check on balance refund WR-2451? Just want to know where it's at.")],
        ["check_progress"],
        "F",
        "Thanks for checking. WR-2451 for 6,300 yuan was submitted on Friday 20 November and 6 "
        "business days have passed, more than the 5-day processing window. I've expedited it "
        "with the finance team, who will answer within 1 business day.",
        "route rule 2. intents 5. The merchant does not ask to hurry; the policy expedites "
        "an overdue request anyway.",
    ),
    d(
        acct("M-3079", "Ironbark Tools", 150.0),
        [wr("WR-9126", "M-3079", 12000.0, "processing", "2026-11-16", at=(True, 12150.0, 0.0))],
        "WR-9126",
        [
            (
                M,
                "This is ridiculous. Two weeks ago I asked you to send my prepaid balance back to "
                "my bank, 12k, and NOTHING. My creator deals are all cancelled, I'm done with ads "
                "on this platform. Push it now or I'm filing a complaint.",
            )
        ],
        ["request_expedite"],
        "F",
        "I'm sorry for the wait; you're right that this is too long. Request WR-9126 was "
        "submitted on Monday 16 November and has been processing for 10 business days, double "
        "the 5-day window. I've expedited it with the finance team, who will answer within 1 "
        "business day.",
        "route rule 2 (prepaid balance to the bank, already requested); cancelled creator "
        "deals are context. intents 2 ('push it now').",
    ),
    d(
        acct("M-5532", "Mistral Skincare", 3120.0, fz(1800.0, "collab_escrow", "CO-3391")),
        [
            wr("WR-4788", "M-5532", 4450.0, "processing", "2026-11-18", at=(True, 5770.0, 0.0)),
            co(
                "CO-3391",
                "M-5532",
                "Dr. Ivy Skin (@ivyskin)",
                1800.0,
                "Night serum routine",
                "video",
                "pending",
                "2026-11-27",
            ),
        ],
        "WR-4788",
        [
            (
                M,
                "Hi! Two things on my mind, but the creator video for the serum is under review "
                "and I know that takes a few days, so never mind that one. What I really need: my "
                "withdrawal of 4,450 from the ad wallet, submitted the 18th. How long is it going "
                "to take?",
            )
        ],
        ["check_progress"],
        "F",
        "Of course! Your request WR-4788 has been processing for 8 business days, past the "
        "5-day window, so I've expedited it: the finance team will answer within 1 business "
        "day.",
        "route rule 2; the creator review is explicitly set aside ('never mind that one'). "
        "intents 5 (how long).",
    ),
    d(
        acct("M-2295", "Quickstep Shoes", 75.0),
        [wr("WR-6038", "M-2295", 980.0, "processing", "2026-11-19", at=(True, 1055.0, 0.0))],
        "WR-6038",
        [
            (M, "WR-6038 status?"),
            (A, "Let me look that up. Is there anything else about it?"),
            (M, "no. just want my money"),
        ],
        ["check_progress"],
        "F",
        "WR-6038 (980 yuan) has been processing for 7 business days since 19 November, over "
        "the 5-day window. I've expedited it; the finance team will answer within 1 business "
        "day.",
        "route rule 2 (the id is a balance refund request). intents 5 (status).",
    ),
    d(
        acct("M-9417", "山野 Outdoor Gear", 260.0),
        [wr("WR-5509", "M-9417", 7700.0, "processing", "2026-11-17", at=(True, 7960.0, 0.0))],
        "WR-5509",
        [
            (M, "提现 still 处理中 after like 2 weeks?? 7700块. 是不是卡住了"),
            (A, "I'm sorry, let me check your withdrawal."),
            (M, "pls hurry, 月底要发工资"),
        ],
        ["check_progress", "request_expedite"],
        "F",
        "Sorry for the wait! Your withdrawal WR-5509 was submitted on 17 November and has been "
        "processing for 9 business days, longer than the 5-day window. I've expedited it, and "
        "the finance team will answer within 1 business day, before payday.",
        "route rule 2 (提现, a withdrawal already requested). intents 5 (是不是卡住了, is it "
        "stuck) + 2 (pls hurry).",
    ),
    d(
        acct("M-6650", "Ember Candle Co", 390.0),
        [
            wr("WR-1177", "M-6650", 2250.0, "processing", "2026-11-13", at=(True, 2640.0, 0.0)),
            co(
                "CO-1290",
                "M-6650",
                "Cosy Corner Clara",
                900.0,
                "Winter candle haul",
                "post",
                "approved",
                "2026-11-09",
                decided="2026-11-12",
            ),
        ],
        "WR-1177",
        [
            (
                M,
                "Hello. My balance refund seems to be in limbo. I was told the collab escrow for "
                "the candle creator had to clear first, and it did on the 12th, then I filed the "
                "refund on the 13th. Still 'processing'. What's the hold up?",
            )
        ],
        ["check_progress"],
        "F",
        "Thanks for the details. The escrow isn't involved any more: request WR-1177 for 2,250 "
        "yuan has simply been processing for 11 business days, far past the 5-day window. "
        "I've expedited it and the finance team will answer within 1 business day.",
        "route rule 2; the collab escrow is the merchant's guess at the cause. intents 5 "
        "(what's the hold up: slowness of a pending request).",
    ),
    d(
        acct("M-3810", "Tidewater Swim", 1120.0, fz(200.0, "pending_ad_charges")),
        [wr("WR-2964", "M-3810", 3600.0, "processing", "2026-11-20", at=(True, 4520.0, 0.0))],
        "WR-2964",
        [
            (
                M,
                "Why did you reject my withdrawal? I didn't get any notice, it just never arrived. "
                "Was it the bank details?",
            )
        ],
        ["ask_rejection_reason"],
        "F",
        "It wasn't rejected: request WR-2964 for 3,600 yuan is still processing, and your bank "
        "details are fine. It was submitted on Friday 20 November and 6 business days have "
        "passed, beyond the 5-day window, so I've expedited it; the finance team will answer "
        "within 1 business day.",
        "route rule 2. intents 3 (asks why it was rejected: a wrong assumption, the request "
        "is still processing).",
        points=[
            {
                "any": ["still processing", "still being processed", "in progress"],
                "note": "it is still processing, not rejected",
            }
        ],
    ),
    d(
        acct("M-7025", "Lark & Lace", 3050.0),
        [wr("WR-8403", "M-7025", 1900.0, "processing", "2026-11-19", at=(True, 4950.0, 0.0))],
        "WR-8403",
        [
            (
                M,
                "Hi, I have 1,900 waiting to be withdrawn since the 19th. Also, once that comes "
                "through, can I withdraw the rest of the balance too? There's about 3k left from "
                "the influencer budget we didn't use.",
            )
        ],
        ["check_progress", "ask_next_step"],
        "F",
        "Hi! Request WR-8403 has been processing for 7 business days, past the 5-day window, so "
        "I've expedited it; the finance team will answer within 1 business day. For the rest "
        "of your balance you can submit another request whenever you're ready.",
        "route rule 2 (a withdrawal on file, plus a follow-up about the rest). intents 5 "
        "(waiting since the 19th) + 4 (can I withdraw the rest: what to do next).",
    ),
    d(
        acct("M-4471", "Greenway Pet", 5620.0),
        [
            wr(
                "WR-3358",
                "M-4471",
                5500.0,
                "rejected",
                "2026-11-16",
                decided="2026-11-20",
                reason="risk_hold",
                at=(True, 5620.0, 0.0),
            )
        ],
        "WR-3358",
        [
            (
                M,
                "Our withdrawal was rejected and the reason just says 'risk hold'. What does that "
                "even mean? I'm a legit business, been selling here 4 years.",
            )
        ],
        ["ask_rejection_reason"],
        "F",
        "I understand, and I'm sorry for the confusion. Request WR-3358 for 5,500 yuan was "
        "rejected because your account is under a risk review, a routine check that support "
        "can't clear from here. I've escalated it to an account specialist, who will contact "
        "you within 2 business days.",
        "route rule 2. intents 3 (what does the reason mean).",
    ),
    d(
        acct("M-9982", "Velvet Lane Cosmetics", 8400.0),
        [
            wr(
                "WR-6690",
                "M-9982",
                8000.0,
                "rejected",
                "2026-11-23",
                decided="2026-11-27",
                reason="risk_hold",
                at=(True, 8400.0, 0.0),
            )
        ],
        "WR-6690",
        [
            (
                M,
                "You rejected my balance refund, it's a mistake. Please appeal it. The only "
                "unusual thing this month was a big payment to a beauty creator for a collab, "
                "that's normal business.",
            )
        ],
        ["contest_decision"],
        "F",
        "I see why it looks wrong. Request WR-6690 was rejected because the account is under a "
        "risk review, possibly set off by the large payment; that is cleared by a specialist, "
        "not by a second reviewer. I've escalated it to an account specialist, who will contact "
        "you within 2 business days.",
        "route rule 2; the creator payment is the merchant's explanation. intents 1 (it's a "
        "mistake, please appeal). Policy refuses the appeal: a risk hold is escalated.",
    ),
    d(
        acct("M-1306", "Sunpeak Outdoor", 3340.0),
        [
            wr(
                "WR-5814",
                "M-1306",
                3000.0,
                "rejected",
                "2026-11-19",
                decided="2026-11-25",
                reason="risk_hold",
                at=(True, 3340.0, 0.0),
            )
        ],
        "WR-5814",
        [
            (
                M,
                "Hi, our withdrawal got bounced. Can you just submit it again for me? 3000 same as "
                "before.",
            )
        ],
        ["ask_next_step"],
        "F",
        "Hi! A new request wouldn't go through yet: WR-5814 was rejected because of a risk "
        "review on the account, and that has to be cleared first. I've escalated it to an "
        "account specialist, who will contact you within 2 business days; once it's cleared you "
        "can withdraw again.",
        "route rule 2. intents 4 (submit it again). The merchant asks for a new request; the "
        "risk hold comes first.",
        asks=True,
    ),
    d(
        acct("M-2748", "福满 Snacks", 2610.0),
        [
            wr(
                "WR-7721",
                "M-2748",
                2400.0,
                "rejected",
                "2026-11-18",
                decided="2026-11-24",
                reason="risk_hold",
                at=(True, 2610.0, 0.0),
            )
        ],
        "WR-7721",
        [
            (
                M,
                "余额提现被拒了, 说是 risk 什么的. 我们最近只是跟几个达人合作了, 审核也都过了. 怎么办?",
            )
        ],
        ["ask_next_step"],
        "F",
        "您好! Your withdrawal WR-7721 (2,400 yuan) was rejected because the account is under a "
        "risk review; the creator content that passed its review isn't the issue. I've "
        "escalated it to an account specialist, who will contact you within 2 business days to "
        "clear it.",
        "route rule 2 (余额提现, a balance withdrawal); creators and their passed review are "
        "context. intents 4 (怎么办, what to do).",
    ),
    d(
        acct("M-8159", "Harbor Coffee Roasters", 15800.0),
        [
            wr(
                "WR-4420",
                "M-8159",
                15000.0,
                "rejected",
                "2026-11-06",
                decided="2026-11-12",
                reason="risk_hold",
                at=(True, 15800.0, 0.0),
            )
        ],
        "WR-4420",
        [
            (
                M,
                "Following up on my rejected withdrawal from a few weeks ago. I didn't do anything "
                "since. Is the money still there and can I get it out now?",
            ),
            (A, "Let me check. Which withdrawal do you mean?"),
            (M, "the 15,000 one"),
        ],
        ["check_progress", "ask_next_step"],
        "F",
        "Yes, the money is still in your balance: request WR-4420 was rejected on 12 November "
        "because of a risk review on the account, and that review still blocks withdrawals. "
        "I've escalated it to an account specialist, who will contact you within 2 business "
        "days to resolve it.",
        "route rule 2. intents 5 (is the money still there) + 4 (can I get it out now).",
    ),
    d(
        acct("M-5063", "Crestline Audio", 7100.0),
        [
            wr(
                "WR-9901",
                "M-5063",
                6750.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-26",
                reason="risk_hold",
                at=(True, 7100.0, 0.0),
            ),
            co(
                "CO-4417",
                "M-5063",
                "SoundCheck Sid",
                1500.0,
                "Studio headphones review",
                "video",
                "approved",
                "2026-11-12",
                decided="2026-11-16",
            ),
        ],
        "WR-9901",
        [
            (
                M,
                "Two weeks ago the review of our headphone creator's video finished, fine. But my "
                "balance refund request got rejected yesterday-ish, and now I'm worried the two "
                "are connected. Is it the review? Why was it rejected?",
            )
        ],
        ["ask_rejection_reason"],
        "F",
        "The creator review isn't connected: WR-9901 for 6,750 yuan was rejected on 26 "
        "November because the account is under a risk review, a separate check of the account. "
        "I've escalated it to an account specialist, who will contact you within 2 business "
        "days.",
        "route rule 2 (a rejected balance refund); the creator's content review is named "
        "only as a suspected cause. intents 3 (why was it rejected).",
    ),
    d(
        acct("M-6618", "Meadowlark Linen", 4380.0, card="****9023"),
        [
            wr(
                "WR-3045",
                "M-6618",
                4000.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-25",
                reason="bank_unverified",
                at=(True, 4380.0, 0.0),
            )
        ],
        "WR-3045",
        [
            (
                M,
                "My withdrawal was rejected for 'bank account not verified' but I verified it back "
                "in October, I have the confirmation email. This is wrong.",
            )
        ],
        ["contest_decision"],
        "F",
        "You're right. Request WR-3045 for 4,000 yuan was rejected for an unverified bank "
        "account, but the checks recorded when you submitted it show the account was already "
        "verified. I've filed an appeal; a second reviewer will answer within 2 business days.",
        "route rule 2. intents 1 (this is wrong).",
    ),
    d(
        acct("M-3127", "Fernhill Ceramics", 7500.0, fz(300.0, "pending_ad_charges")),
        [
            wr(
                "WR-6177",
                "M-3127",
                6000.0,
                "rejected",
                "2026-11-23",
                decided="2026-11-27",
                reason="exceeds_withdrawable",
                at=(True, 7200.0, 0.0),
            )
        ],
        "WR-6177",
        [
            (
                M,
                "hi, why was our withdrawal rejected? it says amount exceeds withdrawable. I had "
                "way more than 6000 free at the time, the only frozen bit was a small ad charge.",
            )
        ],
        ["ask_rejection_reason"],
        "F",
        "The rejection looks like an error. WR-6177 was rejected as exceeding the withdrawable "
        "amount, but the checks recorded when you submitted it show 7,200 yuan was withdrawable "
        "then. I've filed an appeal, and a second reviewer will answer within 2 business days.",
        "route rule 2. intents 3 (why was it rejected); the merchant doubts the reason but "
        "asks nothing to be overturned.",
        points=[
            {
                "any": ["withdrawable", "available"],
                "figure": 7200,
                "note": "7,200 was withdrawable at submission",
            }
        ],
    ),
    d(
        acct("M-7720", "Peak Nutrition", 3150.0),
        [
            wr(
                "WR-5093",
                "M-7720",
                2800.0,
                "rejected",
                "2026-11-18",
                decided="2026-11-24",
                reason="invoice_overdue",
                at=(True, 3150.0, 0.0),
            )
        ],
        "WR-5093",
        [
            (
                M,
                "Got a rejection on my balance withdrawal, 'invoice overdue'. I've never had an "
                "overdue invoice. Whatever, just file it again please, I need the 2800.",
            )
        ],
        ["ask_next_step"],
        "F",
        "I've looked into it: WR-5093 was rejected for an overdue invoice, but the checks "
        "recorded when you submitted it show no overdue invoice at all, so the rejection was an "
        "error. Rather than a new request, I've filed an appeal, which lets the original "
        "request go ahead; a second reviewer will answer within 2 business days.",
        "route rule 2. intents 4 (file it again). The merchant asks for a new request; "
        "policy appeals the wrong rejection first.",
        asks=True,
    ),
    d(
        acct("M-4952", "锦绣 Silk House", 12300.0, fz(1800.0, "pending_ad_charges")),
        [
            wr(
                "WR-8266",
                "M-4952",
                10500.0,
                "rejected",
                "2026-11-24",
                decided="2026-11-28",
                reason="bank_unverified",
                at=(True, 12000.0, 0.0),
            )
        ],
        "WR-8266",
        [(M, "我的提现申请被驳回了, 理由是银行卡未验证?? 我的卡早就验证过了. 能帮我申诉吗")],
        ["contest_decision"],
        "F",
        "您好! WR-8266 (10,500 yuan) was rejected for an unverified bank account, but the "
        "checks recorded at submission show your bank account was already verified, so the "
        "rejection was a mistake. I've filed an appeal for you; a second reviewer will answer "
        "within 2 business days.",
        "route rule 2 (提现申请). intents 1 (能帮我申诉吗, appeal).",
    ),
    d(
        acct("M-2087", "Dune & Dawn Apparel", 3520.0),
        [
            wr(
                "WR-1609",
                "M-2087",
                3300.0,
                "rejected",
                "2026-11-19",
                decided="2026-11-23",
                reason="exceeds_withdrawable",
                at=(True, 3300.0, 0.0),
            )
        ],
        "WR-1609",
        [
            (
                M,
                "The platform rejected my balance refund saying I tried to take out more than I "
                "can. But the creator escrow from the streetwear collab was released before I "
                "applied, I checked. It was exactly what I had available. Can you look at it "
                "again?",
            )
        ],
        ["contest_decision"],
        "F",
        "You checked correctly. WR-1609 for 3,300 yuan was rejected as above the withdrawable "
        "amount, yet the checks recorded when you applied show exactly 3,300 yuan "
        "withdrawable, so the rejection was an error. Today is the last day to appeal the 23 November decision, so I've filed "
        "an appeal now; a second reviewer will answer within 2 business days.",
        "route rule 2; the creator escrow is the merchant's evidence. intents 1 (can you look "
        "at it again: wants the rejection reviewed). Day 7 of the appeal window.",
    ),
    d(
        acct("M-5375", "Orchard Lane Preserves", 2240.0),
        [
            wr(
                "WR-4731",
                "M-5375",
                1650.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-26",
                reason="bank_unverified",
                at=(True, 2000.0, 0.0),
            )
        ],
        "WR-4731",
        [
            (
                M,
                "Hello, what's happening with my withdrawal? I got some email I didn't read "
                "properly.",
            ),
            (A, "I can look it up. Do you have the request number?"),
            (M, "no sorry. it's the one from Friday before last, I think 1,600 or so"),
        ],
        ["check_progress"],
        "F",
        "No problem, I found it: WR-4731 for 1,650 yuan was rejected on 26 November for an "
        "unverified bank account. The checks recorded when you submitted it show your bank "
        "account was verified, so the rejection was a mistake, and I've filed an appeal; a "
        "second reviewer will answer within 2 business days.",
        "route rule 2. intents 5 (what's happening). The merchant misremembers the amount "
        "(1,600 for 1,650).",
    ),
    d(
        acct("M-8604", "Brightpath Toys", 6010.0),
        [
            wr(
                "WR-3982",
                "M-8604",
                5200.0,
                "rejected",
                "2026-11-25",
                decided="2026-11-29",
                reason="invoice_overdue",
                at=(True, 6000.0, 0.0),
            )
        ],
        "WR-3982",
        [
            (
                M,
                "Rejected because of an overdue invoice?! We paid everything. Our creator partner "
                "got paid through your platform on time too. Please reverse this.",
            )
        ],
        ["contest_decision"],
        "F",
        "I can see why you're frustrated. WR-3982 for 5,200 yuan was rejected for an overdue "
        "invoice, but the checks recorded at submission show none was overdue, so the rejection was an error and I've filed "
        "an appeal; a second reviewer will answer within 2 business days.",
        "route rule 2; the creator partner is context. intents 1 (please reverse this).",
    ),
    d(
        acct("M-1440", "Kite & Kettle", 1620.0),
        [
            wr(
                "WR-2719",
                "M-1440",
                900.0,
                "rejected",
                "2026-11-21",
                decided="2026-11-25",
                reason="exceeds_withdrawable",
                at=(True, 1500.0, 0.0),
            )
        ],
        "WR-2719",
        [(M, "wr-2719 rejected. why")],
        ["ask_rejection_reason"],
        "F",
        "WR-2719 for 900 yuan was rejected as more than your withdrawable amount, but the "
        "checks recorded at submission show 1,500 yuan was withdrawable, so it was an error. "
        "I've filed an appeal; a second reviewer will answer within 2 business days.",
        "route rule 2. intents 3 (why).",
        points=[
            {
                "any": ["withdrawable", "available"],
                "figure": 1500,
                "note": "1,500 was withdrawable at submission",
            }
        ],
    ),
    d(
        acct("M-3691", "Saltmarsh Seafood", 9050.0, bank=False, card="****3350"),
        [
            wr(
                "WR-5566",
                "M-3691",
                8800.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-26",
                reason="bank_unverified",
                at=(False, 9000.0, 0.0),
            )
        ],
        "WR-5566",
        [
            (
                M,
                "Your system rejected my withdrawal for 'unverified bank'. That's nonsense, I "
                "added my bank card months ago. I want to appeal.",
            )
        ],
        ["contest_decision"],
        "F",
        "I understand the frustration. Adding a card isn't the same as verifying it: WR-5566 "
        "was rejected because the bank account wasn't verified, and it still isn't, so an "
        "appeal wouldn't succeed. Please verify your bank account in Settings > Payouts by "
        "confirming the small test deposit; it takes up to 1 business day, and then a new "
        "request can go through.",
        "route rule 2. intents 1 (I want to appeal). Policy refuses: the rejection stands, "
        "the fix is to verify.",
    ),
    d(
        acct("M-6277", "Cobalt Cycling", 5100.0, invoices=680.0),
        [
            wr(
                "WR-1350",
                "M-6277",
                4100.0,
                "rejected",
                "2026-11-16",
                decided="2026-11-20",
                reason="invoice_overdue",
                at=(True, 5000.0, 680.0),
            )
        ],
        "WR-1350",
        [
            (
                M,
                "Please resubmit my balance withdrawal, the one you rejected last week. I've "
                "sorted out the issue with the creator who didn't deliver, so it should be fine "
                "now.",
            )
        ],
        ["ask_next_step"],
        "F",
        "Thanks for sorting out the creator issue, but that wasn't what blocked it: WR-1350 was "
        "rejected because of an overdue invoice of 680 yuan, and it is still unpaid. Please pay "
        "the invoice first; once it's settled, I can file a new request for you.",
        "route rule 2 (a rejected withdrawal); the creator is the merchant's wrong guess at "
        "the cause. intents 4 (please resubmit).",
        asks=True,
    ),
    d(
        acct("M-9034", "Lotus Yoga Wear", 2060.0, fz(2000.0, "collab_escrow", "CO-7745")),
        [
            wr(
                "WR-6402",
                "M-9034",
                2000.0,
                "rejected",
                "2026-11-23",
                decided="2026-11-27",
                reason="exceeds_withdrawable",
                at=(True, 1200.0, 0.0),
            ),
            co(
                "CO-7745",
                "M-9034",
                "Flow with Fei",
                2000.0,
                "Morning yoga set try-on",
                "video",
                "pending",
                "2026-11-27",
            ),
        ],
        "WR-6402",
        [
            (
                M,
                "the creator's video is still in review, that's fine, I'll wait. hey, got rejected for asking too much. fine, just withdraw whatever i CAN "
                "withdraw then, pls file it",
            )
        ],
        ["ask_next_step"],
        "F",
        "Right now that's only 60 yuan: 2,000 of your 2,060 balance is frozen as escrow for a "
        "creator collaboration order, and 60 yuan is under the 100-yuan minimum for a request, "
        "so I can't file one yet. The escrow is released when the creator's content is "
        "approved; after that you can withdraw what is left.",
        "route rule 2. intents 4 (pls file it). The merchant asks for a new request; too "
        "little is withdrawable.",
        asks=True,
    ),
    d(
        acct("M-4128", "Willow Craft Supplies", 1380.0, bank=False, card="****0719"),
        [
            wr(
                "WR-2211",
                "M-4128",
                1300.0,
                "rejected",
                "2026-11-13",
                decided="2026-11-19",
                reason="bank_unverified",
                at=(False, 1500.0, 0.0),
            )
        ],
        "WR-2211",
        [
            (
                M,
                "Hi! Where's my withdrawal? It's been ages and the money's not in my bank. I did "
                "get a notice about something but I was busy with our blogger shoot.",
            )
        ],
        ["check_progress"],
        "F",
        "Hi! WR-2211 for 1,300 yuan was rejected on 19 November because your bank account "
        "isn't verified, so nothing was sent. Please verify your bank account in Settings > "
        "Payouts (you confirm a small test deposit; it takes up to 1 business day), then submit "
        "a new request.",
        "route rule 2; the blogger shoot is context. intents 5 (where's my withdrawal).",
    ),
    d(
        acct("M-7390", "Redwood Leather", 4010.0, bank=False, card="****6621"),
        [
            wr(
                "WR-8592",
                "M-7390",
                3750.0,
                "rejected",
                "2026-11-10",
                decided="2026-11-16",
                reason="bank_unverified",
                at=(True, 3900.0, 0.0),
            )
        ],
        "WR-8592",
        [
            (
                M,
                "Back in mid-November you rejected my withdrawal saying my bank wasn't verified, "
                "which was false. I want to appeal that. Since then I switched to a new bank card, "
                "if that matters.",
            )
        ],
        ["contest_decision"],
        "F",
        "You're right that your account was verified back then, but a rejection can only be "
        "appealed within 7 days of the decision, and WR-8592 was rejected on 16 November. Your "
        "new bank card isn't verified yet: please verify it in Settings > Payouts, and then a "
        "new request can go through.",
        "route rule 2. intents 1 (I want to appeal). The rejection was wrong but the appeal "
        "window has closed; the new card now blocks a new request.",
    ),
    d(
        acct("M-2531", "Aurora Lighting", 9100.0, fz(1350.0, "pending_ad_charges")),
        [
            wr(
                "WR-7048",
                "M-2531",
                10000.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-26",
                reason="exceeds_withdrawable",
                at=(True, 8000.0, 0.0),
            )
        ],
        "WR-7048",
        [
            (
                M,
                "My 10,000 withdrawal got rejected. Please submit it again, I need the whole 10k "
                "out.",
            )
        ],
        ["ask_next_step"],
        "F",
        "WR-7048 was rejected because 10,000 yuan was more than you could withdraw. Right now "
        "7,750 yuan is withdrawable: your balance is 9,100 and 1,350 is frozen for pending ad "
        "charges. I've submitted a new request for 7,750 yuan, the most allowed; it will be "
        "processed within 5 business days.",
        "route rule 2. intents 4 (submit it again). The merchant wants 10,000; policy files "
        "the withdrawable amount.",
        asks=True,
        points=[
            {
                "any": ["frozen", "pending ad charges", "ad charges"],
                "figure": 1350,
                "note": "1,350 is frozen for pending ad charges",
            }
        ],
    ),
    d(
        acct("M-8812", "Pinecone Kids", 3200.0),
        [
            wr(
                "WR-3309",
                "M-8812",
                2500.0,
                "rejected",
                "2026-11-12",
                decided="2026-11-18",
                reason="bank_unverified",
                at=(False, 3000.0, 0.0),
            )
        ],
        "WR-3309",
        [
            (
                M,
                "I verified my bank account yesterday like the notice said. Can you put my "
                "withdrawal through again? Same amount as before.",
            )
        ],
        ["ask_next_step"],
        "F",
        "Thanks for verifying it; your bank account now shows as verified and nothing else "
        "blocks a withdrawal. I've submitted a new request for the same 2,500 yuan; it will be "
        "processed within 5 business days.",
        "route rule 2. intents 4 (put it through again).",
        asks=True,
    ),
    d(
        acct("M-5905", "Golden Grain Bakery", 4300.0, fz(200.0, "pending_ad_charges")),
        [
            wr(
                "WR-4460",
                "M-5905",
                3900.0,
                "rejected",
                "2026-11-18",
                decided="2026-11-24",
                reason="invoice_overdue",
                at=(True, 4500.0, 420.0),
            )
        ],
        "WR-4460",
        [
            (
                M,
                "上周提现被拒是因为 invoice overdue, 我昨天已经付清了. 麻烦帮我重新提交 3900 的提现, "
                "thanks!",
            )
        ],
        ["ask_next_step"],
        "F",
        "收到! The overdue invoice is now paid and nothing else blocks a withdrawal: 4,100 yuan "
        "is withdrawable. I've submitted a new request for the original 3,900 yuan; it will be "
        "processed within 5 business days.",
        "route rule 2 (提现 rejected). intents 4 (重新提交, submit again).",
        asks=True,
    ),
    d(
        acct("M-3356", "Bamboo Bay Homeware", 6000.0),
        [
            wr(
                "WR-9217",
                "M-3356",
                5600.0,
                "rejected",
                "2026-11-16",
                decided="2026-11-20",
                reason="exceeds_withdrawable",
                at=(True, 2600.0, 0.0),
            ),
            co(
                "CO-8093",
                "M-3356",
                "Nest & Nook Nadia",
                3000.0,
                "Bamboo shelf makeover",
                "video",
                "approved",
                "2026-11-23",
                decided="2026-11-25",
            ),
        ],
        "WR-9217",
        [
            (
                M,
                "The collab with the home-decor blogger got approved so the escrow should be free "
                "now. My withdrawal was rejected before because of that. Can you redo it for me?",
            )
        ],
        ["ask_next_step"],
        "F",
        "Yes: with the escrow released, 6,000 yuan is withdrawable and nothing blocks a "
        "withdrawal, so I've submitted a new request for the original 5,600 yuan. It will be "
        "processed within 5 business days.",
        "route rule 2 (the rejected withdrawal); the approved collab is only why it can go "
        "through now. intents 4 (redo it for me).",
        asks=True,
    ),
    d(
        acct("M-6741", "Nimbus Phone Cases", 2450.0),
        [
            wr(
                "WR-1832",
                "M-6741",
                1800.0,
                "rejected",
                "2026-11-06",
                decided="2026-11-12",
                reason="bank_unverified",
                at=(True, 2000.0, 0.0),
            )
        ],
        "WR-1832",
        [
            (
                M,
                "You rejected my withdrawal on the 12th saying the bank wasn't verified, but it "
                "was. I'd like it reviewed, or at least get my money out somehow. Can you file a "
                "new one?",
            )
        ],
        ["contest_decision", "ask_next_step"],
        "F",
        "You're right that your account was verified, but appeals are only possible within 7 "
        "days of the decision, and that time has passed. The quickest way is a new request: "
        "your bank is verified and 2,450 yuan is withdrawable, so I've submitted a new request "
        "for the original 1,800 yuan, processed within 5 business days.",
        "route rule 2. intents 1 (I'd like it reviewed) + 4 (file a new one).",
        asks=True,
    ),
    d(
        acct(
            "M-4683",
            "Thunder Gym Gear",
            21500.0,
            fz(5000.0, "collab_escrow", "CO-2231"),
            fz(2500.0, "dispute_hold"),
        ),
        [
            wr(
                "WR-5570",
                "M-4683",
                20000.0,
                "rejected",
                "2026-11-23",
                decided="2026-11-27",
                reason="exceeds_withdrawable",
                at=(True, 14000.0, 0.0),
            ),
            co(
                "CO-2231",
                "M-4683",
                "IronMike Fitness",
                5000.0,
                "Home gym setup tour",
                "video",
                "pending",
                "2026-11-26",
            ),
        ],
        "WR-5570",
        [
            (M, "20k rejected?? It's MY money. Resubmit it now, all of it."),
            (A, "I understand. Let me check what's holding part of it."),
            (M, "whatever's holding it, I want the max out today"),
        ],
        ["ask_next_step"],
        "F",
        "Understood. Of your 21,500 balance, 5,000 is held as escrow for a creator order and "
        "2,500 by a dispute hold, so 14,000 yuan is withdrawable; that's why 20,000 was "
        "rejected. I've submitted a new request for 14,000 yuan, the maximum; it will be "
        "processed within 5 business days.",
        "route rule 2. intents 4 (resubmit it, the max out). The merchant wants 20,000; "
        "policy files the withdrawable amount.",
        asks=True,
    ),
    d(
        acct("M-2199", "青禾 Organic Farm", 1480.0),
        [
            wr(
                "WR-6685",
                "M-2199",
                1200.0,
                "rejected",
                "2026-11-17",
                decided="2026-11-23",
                reason="bank_unverified",
                at=(False, 1500.0, 0.0),
            )
        ],
        "WR-6685",
        [(M, "银行卡已经验证好了 ✅ 之前那笔 1200 的退款被拒, 可以帮我重新申请吗?")],
        ["ask_next_step"],
        "F",
        "好的! Your bank account is verified now and nothing else blocks a withdrawal, so I've "
        "submitted a new request for the 1,200 yuan; it will be processed within 5 business "
        "days.",
        "route rule 2 (退款, the rejected balance refund). intents 4 (重新申请, apply again).",
        asks=True,
    ),
    d(
        acct("M-7518", "Atlas Travel Goods", 6900.0, fz(1100.0, "pending_ad_charges")),
        [
            wr(
                "WR-3894",
                "M-7518",
                6400.0,
                "rejected",
                "2026-11-19",
                decided="2026-11-25",
                reason="invoice_overdue",
                at=(True, 7000.0, 950.0),
            ),
            wr(
                "WR-3012",
                "M-7518",
                2000.0,
                "completed",
                "2026-10-12",
                decided="2026-10-16",
                at=(True, 9100.0, 0.0),
            ),
        ],
        "WR-3894",
        [
            (
                M,
                "Paid the overdue invoice this morning. Please refile the withdrawal that got "
                "rejected, the 6.4k.",
            )
        ],
        ["ask_next_step"],
        "F",
        "Thanks, the invoice shows as paid. Right now 5,800 yuan is withdrawable, since 1,100 "
        "of your 6,900 balance is frozen for pending ad charges, so I've submitted a new "
        "request for 5,800 yuan, processed within 5 business days. The remaining 600 can "
        "follow once those charges settle.",
        "route rule 2. intents 4 (please refile). The merchant expects 6,400; policy files "
        "the withdrawable 5,800.",
        asks=True,
    ),
    d(
        acct("M-1671", "Cedar & Sage Apothecary", 2900.0),
        [
            wr(
                "WR-2475",
                "M-1671",
                2200.0,
                "rejected",
                "2026-11-16",
                decided="2026-11-21",
                reason="bank_unverified",
                at=(False, 2600.0, 0.0),
            )
        ],
        "WR-2475",
        [
            (
                M,
                "I see my balance refund was rejected a while ago. Why was that? I didn't change "
                "anything about the account.",
            )
        ],
        ["ask_rejection_reason"],
        "F",
        "WR-2475 was rejected because your bank account wasn't verified when you submitted it. "
        "It is verified now and nothing else blocks a withdrawal: 2,900 yuan is withdrawable, "
        "so you can submit a new request whenever you like, or tell me and I'll file it for "
        "you.",
        "route rule 2. intents 3 (why was it rejected). The merchant does not ask for a new "
        "request, so none is filed.",
    ),
    d(
        acct("M-9260", "Marigold Sweets", 3500.0),
        [
            wr(
                "WR-8137",
                "M-9260",
                3000.0,
                "rejected",
                "2026-11-20",
                decided="2026-11-24",
                reason="exceeds_withdrawable",
                at=(True, 2100.0, 0.0),
            )
        ],
        "WR-8137",
        [
            (
                M,
                "hello, still waiting for our withdrawal from last week, the 3000 one. any news? "
                "ps the kol order we had is done and paid",
            )
        ],
        ["check_progress"],
        "F",
        "Hello! I'm sorry, but WR-8137 didn't go through: it was rejected on 24 November "
        "because at the time only 2,100 yuan was withdrawable. Now 3,500 yuan is withdrawable, "
        "so you can submit a new request; just say the word and I'll file it for you.",
        "route rule 2; the KOL order is an aside. intents 5 (any news). The merchant thinks "
        "it is still processing.",
        points=[
            {
                "any": ["withdrawable", "available"],
                "figure": 2100,
                "note": "only 2,100 was withdrawable at submission",
            }
        ],
    ),
    d(
        acct("M-3543", "Starling Books", 1400.0),
        [
            wr(
                "WR-4009",
                "M-3543",
                1000.0,
                "rejected",
                "2026-11-22",
                decided="2026-11-26",
                reason="invoice_overdue",
                at=(True, 1400.0, 300.0),
            )
        ],
        "WR-4009",
        [
            (
                M,
                "My withdrawal got rejected for an invoice, but I paid that invoice the day after. "
                "I think the rejection is unfair, can someone review it?",
            )
        ],
        ["contest_decision"],
        "F",
        "The rejection itself was correct: when WR-4009 was submitted, the records show a "
        "300-yuan invoice was still overdue, so no appeal can be filed. Now the invoice is paid "
        "and 1,400 yuan is withdrawable, so you can submit a new request right away, or I can "
        "file it for you if you'd like.",
        "route rule 2. intents 1 (unfair, can someone review it). The rejection stands; "
        "nothing blocks now but the merchant asked for a review, not a new request.",
        points=[
            {
                "any": ["invoice"],
                "figure": 300,
                "note": "a 300-yuan invoice was overdue at submission",
            }
        ],
    ),
    # ---- E: collaboration orders and their content review ---------------------------
    d(
        acct("M-4417", "Riverstone Tea", 5200.0),
        [
            co(
                "CO-5120",
                "M-4417",
                "Mei Lin (@meilin.sips)",
                3000.0,
                "Autumn oolong tasting",
                "video",
                "approved",
                "2026-11-23",
                decided="2026-11-25",
            )
        ],
        "CO-5120",
        [
            (
                M,
                "Hi, the tasting video our creator Mei Lin did, is it still in review? Our 3,000 "
                "escrow is stuck and I want it released into my balance so I can withdraw it.",
            )
        ],
        ["check_progress"],
        "E",
        "Good news: Mei Lin's video 'Autumn oolong tasting' (order CO-5120) was approved on 25 "
        "November, so its review is finished. Note that the escrow doesn't return to your "
        "balance: it is the creator's fee, paid to her once the content is approved.",
        "route rule 1 (the review of a creator's content); the escrow and the wish to "
        "withdraw do not change it. intents 5 (still in review?). Wrong assumption: the "
        "escrow pays the creator.",
        points=[
            {
                "any": [
                    "creator's fee",
                    "paid to her",
                    "paid to the creator",
                    "goes to the creator",
                    "her fee",
                ],
                "note": "the escrow pays the creator's fee",
            }
        ],
    ),
    d(
        acct("M-2302", "Frostline Outerwear", 1400.0),
        [
            co(
                "CO-8864",
                "M-2302",
                "Jake Huang",
                1600.0,
                "Puffer jacket city walk",
                "post",
                "approved",
                "2026-11-24",
                decided="2026-11-27",
            )
        ],
        "CO-8864",
        [
            (
                M,
                "Hello, can you speed up the review of the creator Jake's puffer jacket post? I "
                "want it live before the cold snap",
            )
        ],
        ["request_expedite"],
        "E",
        "No need: Jake Huang's post for order CO-8864 was approved on 27 November, so it can go "
        "live right away.",
        "route rule 1. intents 2 (speed up).",
    ),
    d(
        acct("M-6081", "Lumen Skin Lab", 2900.0, fz(2400.0, "collab_escrow", "CO-2718")),
        [
            co(
                "CO-2718",
                "M-6081",
                "Anna Wu (@dr.glow)",
                2400.0,
                "Vitamin C serum first look",
                "video",
                "pending",
                "2026-11-27",
            )
        ],
        "CO-2718",
        [
            (
                M,
                "Hello. The review of the KOL Anna's serum video is taking forever, please push it. We paid her "
                "already and the money is sitting in escrow in our account.",
            )
        ],
        ["request_expedite"],
        "E",
        "I understand you want it live soon. Anna Wu's video (order CO-2718) was submitted on "
        "Friday 27 November and has used 1 of its 3 review business days, so the review has 2 "
        "business days left. Within that window support can't speed it up, so you only need to "
        "wait; I haven't changed anything.",
        "route rule 1 (the review of a creator's video); the escrow money does not change it. "
        "intents 2 (please push it).",
    ),
    d(
        acct("M-3390", "花间 Floral Studio", 820.0, fz(600.0, "collab_escrow", "CO-4402")),
        [
            co(
                "CO-4402",
                "M-3390",
                "小七 (@xiaoqi)",
                600.0,
                "冬季花束教程",
                "video",
                "pending",
                "2026-11-28",
            )
        ],
        "CO-4402",
        [(M, "达人小七的视频审核要多久? 周六交的")],
        ["check_progress"],
        "E",
        "您好! 小七's video for order CO-4402 was submitted on Saturday 28 November. Weekends "
        "don't count, so 1 of its 3 review business days has passed and it has 2 business days "
        "left. You only need to wait.",
        "route rule 1 (达人 content review). intents 5 (要多久, how long).",
    ),
    d(
        acct("M-7104", "Granite Grill", 3300.0),
        [
            co(
                "CO-9153",
                "M-7104",
                "BBQ Ben",
                1800.0,
                "Brisket livestream highlights",
                "livestream",
                "pending",
                "2026-11-26",
            )
        ],
        "CO-9153",
        [
            (
                M,
                "Two things: is Ben's grilling livestream clip through review yet, and can you get "
                "it done by tomorrow? Our launch is on Tuesday.",
            )
        ],
        ["check_progress", "request_expedite"],
        "E",
        "BBQ Ben's clip for order CO-9153 is still in review: it was submitted on Thursday 26 "
        "November and 2 of its 3 business days have passed, so it should be decided within 1 "
        "business day. Support can't speed it up inside that window, so you only need to wait.",
        "route rule 1. intents 5 (through review yet?) + 2 (get it done by tomorrow).",
    ),
    d(
        acct("M-5291", "Coral Reef Swimwear", 2100.0),
        [
            co(
                "CO-6630",
                "M-5291",
                "Sofia Tan",
                1500.0,
                "Bikini try-on haul",
                "video",
                "pending",
                "2026-11-29",
            )
        ],
        "CO-6630",
        [
            (
                M,
                "Sofia's bikini try-on video has been in review since last Wednesday! That's way "
                "over 3 days. Why is it so slow?",
            ),
            (A, "Sorry about that, let me check the order."),
            (M, "and if it's stuck, what can I do?"),
        ],
        ["check_progress", "ask_next_step"],
        "E",
        "It isn't stuck. Sofia Tan's video for order CO-6630 was submitted on Sunday 29 "
        "November, not last Wednesday, so its review has 2 business days left. Nothing needs "
        "doing: you only need to wait.",
        "route rule 1. intents 5 (why so slow: slowness) + 4 (what can I do). The merchant "
        "misremembers when it was submitted.",
        points=[
            {
                "any": ["November", "Sunday"],
                "figure": 29,
                "note": "submitted on 29 November, not last Wednesday",
            }
        ],
    ),
    d(
        acct("M-8420", "Zenith Watches", 6100.0),
        [
            co(
                "CO-3307",
                "M-8420",
                "TimeKeeper Leo",
                4200.0,
                "Automatic watch unboxing",
                "video",
                "pending",
                "2026-11-24",
            )
        ],
        "CO-3307",
        [
            (
                M,
                "Hello, I'm checking on our collab with the creator Leo, his unboxing video. Order CO-3307.",
            )
        ],
        ["check_progress"],
        "E",
        "Leo's unboxing video for CO-3307 has been in review for 4 business days since 24 "
        "November, over the 3-day window, so I've expedited it: the review team will answer "
        "within 1 business day.",
        "route rule 1. intents 5 (checking on the review).",
    ),
    d(
        acct("M-2655", "Maple Syrup Co", 6400.0, fz(5000.0, "collab_escrow", "CO-1184")),
        [
            co(
                "CO-1184",
                "M-2655",
                "Chef Nora",
                5000.0,
                "Maple pancake recipe",
                "video",
                "pending",
                "2026-11-18",
            )
        ],
        "CO-1184",
        [
            (
                M,
                "It's been nearly two weeks since Chef Nora sent her recipe video for review. I "
                "paid 5,000 into escrow for this and I can't even withdraw the rest of my balance "
                "in peace because of it. Hurry up!",
            )
        ],
        ["request_expedite"],
        "E",
        "I'm sorry, that's far too long. Chef Nora's recipe video for order CO-1184 has been in "
        "review for 8 business days since 18 November, well past the 3-day window. I've "
        "expedited it; the review team will answer within 1 business day.",
        "route rule 1 (a creator video's review); escrow and withdrawing are the merchant's "
        "reasons. intents 2 (hurry up).",
    ),
    d(
        acct("M-9905", "茶语 Tea House", 1750.0),
        [
            co(
                "CO-7719",
                "M-9905",
                "阿Ken",
                1300.0,
                "探店: 茶语 Tea House",
                "video",
                "pending",
                "2026-11-20",
            )
        ],
        "CO-7719",
        [(M, "阿Ken 的探店视频 review 了一个多星期了还没结果, 帮忙催一下可以吗?")],
        ["request_expedite"],
        "E",
        "可以! 阿Ken's video for order CO-7719 has been in review for 6 business days since 20 "
        "November, past the 3-day window, so I've expedited it; the review team will answer "
        "within 1 business day.",
        "route rule 1 (a creator's shop-visit video in review). intents 2 (催一下, push it).",
    ),
    d(
        acct("M-4730", "Pawsome Treats", 2600.0),
        [
            co(
                "CO-2560",
                "M-4730",
                "Lily & Biscuit",
                1100.0,
                "Chicken jerky taste test",
                "video",
                "pending",
                "2026-11-23",
            ),
            co(
                "CO-2588",
                "M-4730",
                "Max the Corgi",
                1100.0,
                "Dental chew review",
                "video",
                "approved",
                "2026-11-23",
                decided="2026-11-25",
            ),
        ],
        "CO-2560",
        [
            (
                M,
                "Hello! I have two creators on collab orders. Max's dog treat video got approved quickly, but Lily's is still 'pending'. Both "
                "were sent the same week. What's going on with Lily's?",
            )
        ],
        ["check_progress"],
        "E",
        "Lily's video for order CO-2560 has been in review for 5 business days since 23 "
        "November, beyond the 3-day window; that's longer than it should take. I've expedited "
        "it, and the review team will answer within 1 business day.",
        "route rule 1. intents 5 (what's going on). Two orders; the one asked about is named "
        "by creator only.",
    ),
    d(
        acct("M-3158", "Velora Handbags", 4800.0),
        [
            co(
                "CO-6012",
                "M-3158",
                "Chloe V",
                3500.0,
                "Handbag haul: winter edit",
                "video",
                "pending",
                "2026-11-19",
            )
        ],
        "CO-6012",
        [
            (
                M,
                "Was my creator Chloe's handbag haul rejected? We never heard anything back and I assume it "
                "failed. What rule did it break?",
            )
        ],
        ["ask_rejection_reason"],
        "E",
        "It wasn't rejected: Chloe V's haul for order CO-6012 is still in review, with no rule "
        "cited. It has been waiting 7 business days since 19 November, past the 3-day window, "
        "so I've expedited it; the review team will answer within 1 business day.",
        "route rule 1. intents 3 (what rule did it break: a wrong assumption, it is still in "
        "review).",
        points=[
            {
                "any": ["still in review", "still pending", "under review"],
                "note": "it is still in review, not rejected",
            }
        ],
    ),
    d(
        acct("M-6420", "Ridgeback Camping", 2200.0),
        [
            co(
                "CO-8305",
                "M-6420",
                "TrailMix Tom",
                2000.0,
                "Two-person tent pitch test",
                "video",
                "pending",
                "2026-11-17",
            )
        ],
        "CO-8305",
        [
            (M, "tom's tent review??"),
            (A, "Let me check. Is that the collaboration order with TrailMix Tom?"),
            (M, "ya"),
        ],
        ["check_progress"],
        "E",
        "TrailMix Tom's tent video (CO-8305) has been in review 9 business days, since 17 "
        "November, far past the 3-day window. I've expedited it; you'll hear within 1 business "
        "day.",
        "route rule 1. intents 5 (a bare question about the review).",
    ),
    d(
        acct("M-1822", "Solstice Candles", 900.0),
        [
            co(
                "CO-4126",
                "M-1822",
                "Hana (@hana.home)",
                800.0,
                "Candle-making ASMR",
                "video",
                "pending",
                "2026-11-24",
                resub=1,
            )
        ],
        "CO-4126",
        [
            (
                M,
                "I fixed the music in Hana's candle video and it went back to review last "
                "Tuesday. Still nothing. Also, does a resubmission reset the clock?",
            )
        ],
        ["check_progress"],
        "E",
        "Yes, the 3-business-day review window restarts with each resubmission. Hana's revised "
        "video for order CO-4126 went back to review on 24 November and 4 business days have "
        "passed, so it's overdue; I've expedited it and the review team will answer within 1 "
        "business day.",
        "route rule 1. intents 5 (still nothing; does the clock reset: about timing).",
    ),
    d(
        acct("M-7866", "Urban Sprout Plants", 3150.0, fz(2200.0, "collab_escrow", "CO-5561")),
        [
            co(
                "CO-5561",
                "M-7866",
                "PlantDad Raj",
                2200.0,
                "Monstera care guide",
                "video",
                "pending",
                "2026-11-16",
            )
        ],
        "CO-5561",
        [
            (
                M,
                "I'd like to get my money moving. Raj's plant-care video review is holding 2,200 "
                "of my balance in escrow and it's been two weeks. It's so slow. Can you get the review done?",
            )
        ],
        ["request_expedite"],
        "E",
        "Raj's plant-care video for order CO-5561 has been in review for 10 business days "
        "since 16 November, far beyond the 3-day window, so I've expedited it; the review team "
        "will answer within 1 business day.",
        "route rule 1 (a creator video's review); the balance held in escrow is the reason. "
        "intents 2 (get the review done).",
    ),
    d(
        acct("M-5014", "Nordic Knits", 2500.0),
        [
            co(
                "CO-3640",
                "M-5014",
                "Elin (@elin.knits)",
                1900.0,
                "Fair Isle sweater styling",
                "video",
                "first_round_rejected",
                "2026-11-24",
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-27",
            )
        ],
        "CO-3640",
        [
            (
                M,
                "My collab creator Elin's sweater video got rejected in the first round for missing the "
                "paid-partnership label. The label is right there in the first 3 seconds! This is "
                "wrong.",
            )
        ],
        ["contest_decision"],
        "E",
        "You're right: the content checks on order CO-3640 show the paid-partnership label is "
        "present, so the first-round rejection under CR-01 was a mistake. I've filed an appeal; "
        "a second reviewer will answer within 2 business days.",
        "route rule 1 (first-round result). intents 1 (this is wrong).",
    ),
    d(
        acct("M-2976", "Sparrow Dance Wear", 1300.0),
        [
            co(
                "CO-7408",
                "M-2976",
                "Mira Moves",
                1200.0,
                "Leotard dance routine",
                "video",
                "needs_revision",
                "2026-11-20",
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-25",
            )
        ],
        "CO-7408",
        [
            (
                M,
                "Hello, why does my creator Mira's collab video need revision? I used a track "
                "from your own library.",
            )
        ],
        ["ask_rejection_reason"],
        "E",
        "It was sent back under CR-04, unlicensed background music, but the content checks on "
        "order CO-7408 show the music is licensed, so the revision request looks wrong. I've "
        "filed an appeal; a second reviewer will answer within 2 business days.",
        "route rule 1 (needs revision). intents 3 (why does it need revision).",
    ),
    d(
        acct("M-8149", "本草 Herbal Tea", 3000.0, fz(2000.0, "collab_escrow", "CO-1536")),
        [
            co(
                "CO-1536",
                "M-8149",
                "Dr. Lim",
                2000.0,
                "菊花茶 taste test",
                "video",
                "first_round_rejected",
                "2026-11-25",
                rule="CR-02",
                note="Possible curative claim.",
                decided="2026-11-29",
            )
        ],
        "CO-1536",
        [
            (
                M,
                "我们的达人视频被拒了, 说有 medical claim. 视频里根本没说治病啊, 只是说好喝. 能申诉吗? "
                "订单的钱还冻在余额里",
            )
        ],
        ["contest_decision"],
        "E",
        "可以! The video for order CO-1536 was rejected under CR-02 for a curative claim, but "
        "the content checks show no such claim, so it was rejected in error. I've filed an appeal for you; a second reviewer "
        "will answer within 2 business days, and the escrow stays frozen until the content is "
        "approved.",
        "route rule 1 (达人 video rejected in review); the money frozen in the balance does "
        "not change it. intents 1 (能申诉吗, appeal).",
    ),
    d(
        acct("M-4093", "Apex Running", 2800.0),
        [
            co(
                "CO-2204",
                "M-4093",
                "Kai Runs",
                2300.0,
                "Carbon plate shoe review",
                "video",
                "needs_revision",
                "2026-11-19",
                rule="CR-05",
                note="Another brand may be visible.",
                decided="2026-11-24",
            )
        ],
        "CO-2204",
        [
            (
                M,
                "Kai's shoe review needs revision because of a competitor brand? What should we "
                "change? There's no other brand in it as far as I know.",
            )
        ],
        ["ask_next_step"],
        "E",
        "You don't need to change anything yet: order CO-2204 was sent back under CR-05, but "
        "the content checks show no other brand in the video, so that was a mistake. I've filed an appeal instead; a "
        "second reviewer will answer within 2 business days.",
        "route rule 1. intents 4 (what should we change).",
    ),
    d(
        acct("M-6532", "Pixel Gaming Gear", 1900.0),
        [
            co(
                "CO-9921",
                "M-6532",
                "NoobSlayer",
                1700.0,
                "Mechanical keyboard sound test",
                "video",
                "first_round_rejected",
                "2026-11-23",
                rule="CR-03",
                note="Flagged for an absolute claim.",
                decided="2026-11-26",
                draft="D-5518",
            )
        ],
        "CO-9921",
        [
            (
                M,
                "The first-round result on NoobSlayer's keyboard video says 'absolute claim'. He "
                "already made a new cut without the 'best keyboard' line, can you resubmit it?",
            )
        ],
        ["ask_next_step"],
        "E",
        "Before using a resubmission: the content checks on order CO-9921 show the original "
        "video makes no superlative claim, so the CR-03 rejection was an error. I've filed an "
        "appeal instead of resubmitting, which keeps both resubmissions; a second reviewer will "
        "answer within 2 business days.",
        "route rule 1 (first-round result). intents 4 (can you resubmit it). The merchant "
        "asks to resubmit; policy appeals the wrong rejection first.",
    ),
    d(
        acct("M-1275", "Honeycomb Bakery", 1600.0),
        [
            co(
                "CO-3815",
                "M-1275",
                "Sweet Tooth Sam",
                900.0,
                "Cookie box unboxing",
                "video",
                "first_round_rejected",
                "2026-11-25",
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-28",
            )
        ],
        "CO-3815",
        [
            (
                M,
                "Hi, what's the status of the creator Sam's cookie video review? Haven't checked in a few "
                "days.",
            )
        ],
        ["check_progress"],
        "E",
        "Hi! Sam's cookie video (order CO-3815) was rejected in the first round on 28 November "
        "under CR-01, a missing paid-partnership label. But the content checks show the label "
        "is there, so it's an error: I've filed an appeal, and a second reviewer will answer "
        "within 2 business days.",
        "route rule 1. intents 5 (status).",
    ),
    d(
        acct("M-3388", "Lighthouse Audio", 5100.0, fz(4000.0, "collab_escrow", "CO-6177")),
        [
            co(
                "CO-6177",
                "M-3388",
                "DJ Rosa",
                4000.0,
                "Bluetooth speaker beat demo",
                "video",
                "first_round_rejected",
                "2026-11-19",
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-23",
            )
        ],
        "CO-6177",
        [
            (
                M,
                "DJ Rosa's speaker demo got rejected for the soundtrack. She composed it herself "
                "and licensed it to us, we sent the proof. I want this rejection overturned, and if "
                "it can't be fixed I want the 4,000 escrow back in my balance.",
            )
        ],
        ["contest_decision"],
        "E",
        "The content checks on order CO-6177 agree with you: the music is licensed, so the "
        "CR-04 rejection was wrong. Today is the last day to appeal the 23 November decision, "
        "so I've filed the appeal now; a second reviewer will answer within 2 business days.",
        "route rule 1 (a creator's content rejected); the escrow refund is a conditional "
        "fallback, not the request. intents 1 (overturned). Day 7 of the appeal window.",
    ),
    d(
        acct("M-9710", "潮玩 Toy Box", 1150.0),
        [
            co(
                "CO-4839",
                "M-9710",
                "阿May",
                950.0,
                "盲盒开箱",
                "video",
                "needs_revision",
                "2026-11-24",
                rule="CR-05",
                note="Another brand may be visible.",
                decided="2026-11-27",
            )
        ],
        "CO-4839",
        [(M, "阿May 的开箱视频要修改?? 说有竞品品牌. 没有啊, 这个结果不对, 帮我处理一下")],
        ["contest_decision"],
        "E",
        "您说得对: the content checks on order CO-4839 show no competitor brand in 阿May's "
        "unboxing video, so the CR-05 revision request was a mistake. I've filed an appeal; a "
        "second reviewer will answer within 2 business days.",
        "route rule 1 (达人 video needs revision). intents 1 (这个结果不对, the result is wrong).",
    ),
    d(
        acct("M-5547", "Glowberry Supplements", 2750.0),
        [
            co(
                "CO-5083",
                "M-5547",
                "FitFiona",
                2100.0,
                "Vitamin gummies morning routine",
                "post",
                "first_round_rejected",
                "2026-11-21",
                rule="CR-02",
                note="Possible curative claim.",
                decided="2026-11-25",
            )
        ],
        "CO-5083",
        [
            (
                M,
                "Fiona's vitamin gummies post failed first round. Why? And what do we do now, "
                "she's slow to reply and busy next week.",
            )
        ],
        ["ask_rejection_reason", "ask_next_step"],
        "E",
        "It was rejected under CR-02 for a medical or curative claim, but the content checks on "
        "order CO-5083 show no such claim, so the rejection was a mistake and Fiona doesn't need to redo anything: I've filed "
        "an appeal, and a second reviewer will answer within 2 business days.",
        "route rule 1 (first-round result). intents 3 (why) + 4 (what do we do now).",
    ),
    d(
        acct("M-2841", "Echo Earbuds", 2300.0),
        [
            co(
                "CO-6755",
                "M-2841",
                "BassHead Bo",
                1600.0,
                "Earbuds bass test",
                "video",
                "needs_revision",
                "2026-11-24",
                flags=("unlicensed",),
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-27",
                resub=2,
                draft="D-7731",
            )
        ],
        "CO-6755",
        [
            (
                M,
                "The blogger Bo uploaded a third version of his collab video with new music. Please resubmit "
                "it.",
            )
        ],
        ["ask_next_step"],
        "E",
        "I can't resubmit it: order CO-6755 has already used both of its 2 resubmissions, and "
        "the last review still found unlicensed background music. I've escalated it to an "
        "account specialist, who can reopen the order and will contact you within 2 business "
        "days.",
        "route rule 1. intents 4 (please resubmit). The limit is reached; the merchant's "
        "wish cannot be met.",
    ),
    d(
        acct("M-6093", "Mossy Terrarium", 1000.0),
        [
            co(
                "CO-1468",
                "M-6093",
                "Greenthumb Gus",
                850.0,
                "Closed terrarium build",
                "video",
                "needs_revision",
                "2026-11-17",
                flags=("no_label",),
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-20",
                resub=2,
            )
        ],
        "CO-1468",
        [
            (
                M,
                "Third rejection for my creator Gus's terrarium video. This is absurd, I want to appeal all "
                "of it.",
            )
        ],
        ["contest_decision"],
        "E",
        "I understand, but the content checks on order CO-1468 show the paid-partnership label "
        "is still missing, so an appeal wouldn't succeed. The order has also used both of its 2 "
        "resubmissions. Once Gus adds the label and uploads a revised draft, an account "
        "specialist can review that version; until then there is nothing to send.",
        "route rule 1. intents 1 (I want to appeal).",
    ),
    d(
        acct("M-4415", "悦己 Beauty", 3600.0, fz(2500.0, "collab_escrow", "CO-3079")),
        [
            co(
                "CO-3079",
                "M-4415",
                "Lulu 口红测评",
                2500.0,
                "秋冬口红试色",
                "video",
                "needs_revision",
                "2026-11-20",
                flags=("absolute",),
                rule="CR-03",
                note="Flagged for an absolute claim.",
                decided="2026-11-25",
                resub=2,
                draft="D-3080",
            )
        ],
        "CO-3079",
        [
            (
                M,
                "Lulu 的口红视频又被打回来了, 第三次了. 她又改了一版传上去了, 还能再交吗? 押金一直冻着, 我的余额都提不出来",
            )
        ],
        ["ask_next_step"],
        "E",
        "我明白. The video for order CO-3079 was sent back again under CR-03 for an absolute "
        "claim, and it has used both of its 2 resubmissions, so Lulu's new version can't be "
        "resubmitted the normal way. I've escalated it to an account specialist, who can review "
        "it and will contact you within 2 business days.",
        "route rule 1 (a creator's video sent back); the frozen deposit and balance are the "
        "merchant's worry, not the request. intents 4 (还能再交吗, can it be submitted again).",
    ),
    d(
        acct("M-7631", "Trailhead Bikes", 4200.0),
        [
            co(
                "CO-8520",
                "M-7631",
                "Miles on Wheels",
                3000.0,
                "Gravel bike first ride",
                "video",
                "needs_revision",
                "2026-11-23",
                flags=("competitor",),
                rule="CR-05",
                note="Another brand's bike is visible.",
                decided="2026-11-26",
                resub=2,
            )
        ],
        "CO-8520",
        [
            (
                M,
                "Hey, what's the latest on the creator Miles's bike video? It went back for review again after "
                "his second fix.",
            )
        ],
        ["check_progress"],
        "E",
        "The latest: Miles's second fix (order CO-8520) was sent back on 26 November under "
        "CR-05 because another brand's bike is shown, so it isn't in review now. Both of the "
        "order's 2 resubmissions are used: once Miles edits the bike out and uploads a revised "
        "draft, an account specialist can review it.",
        "route rule 1. intents 5 (what's the latest).",
    ),
    d(
        acct("M-3204", "PureSleep Pillows", 2650.0),
        [
            co(
                "CO-2947",
                "M-3204",
                "Dr. Sleep Zoe",
                2200.0,
                "Memory foam pillow night test",
                "video",
                "needs_revision",
                "2026-11-25",
                flags=("medical",),
                rule="CR-02",
                note="Claims to cure insomnia.",
                decided="2026-11-28",
                resub=2,
            )
        ],
        "CO-2947",
        [
            (
                M,
                "Hello, why does the creator Zoe's pillow video keep failing? I don't get it. It's been rejected again.",
            )
        ],
        ["ask_rejection_reason"],
        "E",
        "It keeps failing under CR-02: the content checks show it still makes a medical claim "
        "(curing insomnia). Order CO-2947 has used both of its 2 resubmissions, so Zoe needs to "
        "drop the claim and upload a revised draft; only an account specialist can review that "
        "version, and I can pass it on once it's there.",
        "route rule 1. intents 3 (why does it keep failing).",
    ),
    d(
        acct("M-8972", "Harvest Pantry", 1700.0),
        [
            co(
                "CO-7290",
                "M-8972",
                "Auntie Wen",
                1400.0,
                "Homemade pickle jar demo",
                "video",
                "needs_revision",
                "2026-11-11",
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-15",
                resub=2,
            )
        ],
        "CO-7290",
        [
            (
                M,
                "Auntie Wen's pickle video was rejected in mid-November for the partnership "
                "label, which was there. I didn't have time to deal with it until now. Can we "
                "appeal?",
            )
        ],
        ["contest_decision"],
        "E",
        "The content checks do show the label was present, but appeals are only possible within "
        "7 days of the decision, and order CO-7290 was sent back on 15 November. The order has "
        "also used both of its 2 resubmissions, so I've escalated it to an account specialist, "
        "who will contact you within 2 business days.",
        "route rule 1. intents 1 (can we appeal). Wrong rejection, but the appeal window has "
        "closed.",
    ),
    d(
        acct("M-1559", "Cloud Nine Slippers", 1250.0),
        [
            co(
                "CO-9046",
                "M-1559",
                "CozyCat",
                1000.0,
                "Slipper unboxing at home",
                "video",
                "needs_revision",
                "2026-11-19",
                flags=("unlicensed",),
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-24",
                resub=2,
                draft="D-9047",
            )
        ],
        "CO-9046",
        [
            (
                M,
                "Please speed up the review of my creator CozyCat's collab video. She uploaded "
                "a version with new music last week, I need it for our December promo.",
            )
        ],
        ["request_expedite"],
        "E",
        "It isn't waiting in review: CozyCat's video (order CO-9046) was sent back on 24 "
        "November under CR-04 for unlicensed background music, and the order has used both of "
        "its 2 resubmissions, so her new version can't be resubmitted the normal way. I've "
        "escalated it to an account specialist, who will contact you within 2 business days.",
        "route rule 1. intents 2 (speed up). Wrong assumption: it is not in review.",
    ),
    d(
        acct("M-5650", "Sunbeam Sunglasses", 2100.0),
        [
            co(
                "CO-3361",
                "M-5650",
                "Beach Bella",
                1500.0,
                "Polarised sunglasses beach day",
                "video",
                "first_round_rejected",
                "2026-11-23",
                flags=("unlicensed",),
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-26",
                draft="D-4410",
            )
        ],
        "CO-3361",
        [
            (
                M,
                "Bella swapped the song in her sunglasses video for one from the platform library "
                "and uploaded the new version. Can you put it through again?",
            )
        ],
        ["ask_next_step"],
        "E",
        "Done: I've resubmitted Bella's revised video for order CO-3361; the original was "
        "rejected under CR-04 for unlicensed background music. The review takes up to 3 "
        "business days, and the order has 1 resubmission left after this one.",
        "route rule 1. intents 4 (put it through again).",
        points=[
            {
                "any": ["resubmission", "resubmissions"],
                "figure": 1,
                "note": "1 resubmission left after this one",
            }
        ],
    ),
    d(
        acct("M-2417", "Orchid Tea Sets", 1850.0),
        [
            co(
                "CO-5734",
                "M-2417",
                "Grace (@grace.brews)",
                1500.0,
                "Gongfu tea set unboxing",
                "post",
                "needs_revision",
                "2026-11-23",
                flags=("no_label",),
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-27",
                resub=1,
                draft="D-2290",
            )
        ],
        "CO-5734",
        [
            (
                M,
                "Grace's tea set post was flagged for a missing partnership label, which I think "
                "is unfair, it's obviously a collab. I want to appeal. She did upload a version "
                "with the label already, just in case.",
            )
        ],
        ["contest_decision"],
        "E",
        "I understand, but the content checks confirm the label was missing, so an appeal "
        "wouldn't succeed. Since Grace uploaded a labelled version, I've resubmitted it to "
        "review instead; that uses the order's last resubmission, and the review takes up to 3 "
        "business days.",
        "route rule 1. intents 1 (I want to appeal). Policy refuses the appeal (the label was "
        "missing) and resubmits the uploaded draft.",
    ),
    d(
        acct("M-6318", "Golden Rice Kitchen", 1450.0),
        [
            co(
                "CO-8117",
                "M-6318",
                "厨房小白",
                1200.0,
                "电饭煲煲仔饭教程",
                "video",
                "first_round_rejected",
                "2026-11-24",
                flags=("absolute",),
                rule="CR-03",
                note="Uses 'lowest price online'.",
                decided="2026-11-27",
                draft="D-6604",
            )
        ],
        "CO-8117",
        [(M, "视频因为写了'全网最低价'被拒了, 达人已经改好上传了新版本, 帮我重新提交审核吧")],
        ["ask_next_step"],
        "E",
        "好的! I've resubmitted the creator's revised video for order CO-8117; the first "
        "version was rejected under CR-03 for an absolute claim. The review takes up to 3 "
        "business days.",
        "route rule 1 (达人 video rejected). intents 4 (重新提交审核, resubmit).",
    ),
    d(
        acct("M-9337", "Vital Greens", 2400.0),
        [
            co(
                "CO-6402",
                "M-9337",
                "Coach Dana",
                1900.0,
                "Green smoothie detox week",
                "video",
                "needs_revision",
                "2026-11-20",
                flags=("medical",),
                rule="CR-02",
                note="Claims the smoothie cures bloating.",
                decided="2026-11-25",
                resub=1,
                draft="D-3385",
            )
        ],
        "CO-6402",
        [
            (
                M,
                "Hello, any update on the collab video from my creator Coach Dana? I'm waiting on it.",
            )
        ],
        ["check_progress"],
        "E",
        "Coach Dana's smoothie video (order CO-6402) was sent back on 25 November under CR-02 "
        "for a curative claim. She has uploaded a revised draft, so I've resubmitted it to "
        "review; the review takes up to 3 business days, and this was the order's last "
        "resubmission.",
        "route rule 1. intents 5 (any update).",
    ),
    d(
        acct("M-4786", "Stride Socks", 980.0),
        [
            co(
                "CO-1093",
                "M-4786",
                "Jogger Jin",
                700.0,
                "Running sock blister test",
                "video",
                "first_round_rejected",
                "2026-11-25",
                flags=("competitor",),
                rule="CR-05",
                note="Another brand's logo is visible.",
                decided="2026-11-28",
                draft="D-8862",
            )
        ],
        "CO-1093",
        [
            (
                M,
                "Why was Jin's sock video rejected in first round? He re-uploaded it anyway after "
                "cutting some shots.",
            )
        ],
        ["ask_rejection_reason"],
        "E",
        "It was rejected under CR-05: another brand's logo was shown. Jin's re-uploaded cut is "
        "on order CO-1093 as a revised draft, so I've resubmitted it to review; the review "
        "takes up to 3 business days.",
        "route rule 1 (first-round result). intents 3 (why was it rejected).",
    ),
    d(
        acct("M-3072", "Polar Coolers", 3350.0),
        [
            co(
                "CO-2651",
                "M-3072",
                "Camp Cody",
                2500.0,
                "Cooler ice retention test",
                "video",
                "first_round_rejected",
                "2026-11-13",
                rule="CR-05",
                note="Another brand may be visible.",
                decided="2026-11-18",
                draft="D-1147",
            )
        ],
        "CO-2651",
        [
            (
                M,
                "Cody's cooler video was rejected on the 18th for a competitor brand, which isn't "
                "in it. We were going to appeal, and Cody also made an edited version just in "
                "case. What's the best move?",
            )
        ],
        ["ask_next_step"],
        "E",
        "The checks do show no competitor brand, but the 7-day appeal window after the 18 "
        "November decision has passed, so it can't be appealed now. The best move is Cody's "
        "edited version: I've resubmitted it to review for order CO-2651, and the review takes "
        "up to 3 business days.",
        "route rule 1. intents 4 (what's the best move). Wrong rejection, but the appeal "
        "window has closed; the uploaded draft is resubmitted.",
    ),
    d(
        acct("M-8590", "Bean Counter Coffee", 2600.0, fz(1800.0, "collab_escrow", "CO-4570")),
        [
            co(
                "CO-4570",
                "M-8590",
                "Latte Liam",
                1800.0,
                "Latte art with house blend",
                "video",
                "first_round_rejected",
                "2026-11-23",
                flags=("no_label",),
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-26",
                draft="D-9014",
            )
        ],
        "CO-4570",
        [
            (
                M,
                "Liam re-uploaded his latte art video with the tag after the first-round "
                "rejection. I need it approved so the 1,800 in escrow stops blocking my balance "
                "withdrawal. Can you get it reviewed again?",
            )
        ],
        ["ask_next_step"],
        "E",
        "Yes: I've resubmitted Liam's revised video for order CO-4570 to review; it was "
        "rejected under CR-01 for the missing paid-partnership label. The review takes up to 3 "
        "business days, and the escrow is settled once it's approved.",
        "route rule 1 (first-round rejection of creator content); the escrow blocking a "
        "withdrawal is the reason, not the request. intents 4 (get it reviewed again).",
    ),
    d(
        acct("M-2130", "Rhythm Guitars", 1950.0),
        [
            co(
                "CO-9380",
                "M-2130",
                "StrumSteve",
                1600.0,
                "Acoustic guitar unplugged session",
                "video",
                "needs_revision",
                "2026-11-26",
                flags=("unlicensed",),
                rule="CR-04",
                note="Background music could not be matched to a licence.",
                decided="2026-11-29",
                resub=1,
                draft="D-5172",
            )
        ],
        "CO-9380",
        [
            (
                M,
                "Steve's guitar video bounced AGAIN for the backing track. He fixed it, the new "
                "file is uploaded. Get it reviewed fast please, we've lost a week already.",
            )
        ],
        ["ask_next_step", "request_expedite"],
        "E",
        "Sorry about the delay. I've resubmitted Steve's revised video for order CO-9380; the "
        "last version was sent back under CR-04 for unlicensed background music. A review "
        "takes up to 3 business days and can't be sped up within that, and this uses the "
        "order's last resubmission.",
        "route rule 1. intents 4 (the new file is uploaded: get it reviewed) + 2 (fast please).",
    ),
    d(
        acct("M-7402", "Herbal Harmony", 3300.0),
        [
            co(
                "CO-5218",
                "M-7402",
                "Wellness Wendy",
                1400.0,
                "Chamomile tea bedtime ritual",
                "post",
                "first_round_rejected",
                "2026-11-24",
                flags=("medical",),
                rule="CR-02",
                note="Claims the tea cures anxiety.",
                decided="2026-11-27",
                draft="D-3094",
            ),
            co(
                "CO-5236",
                "M-7402",
                "Wellness Wendy",
                1400.0,
                "Eye cream morning routine",
                "post",
                "approved",
                "2026-11-24",
                decided="2026-11-26",
            ),
        ],
        "CO-5218",
        [
            (
                M,
                "Wendy did two posts for us. The eye-cream one was approved, the tea one was "
                "rejected, she fixed the tea one. Can you resubmit the tea post?",
            )
        ],
        ["ask_next_step"],
        "E",
        "Sure: I've resubmitted Wendy's revised tea post for order CO-5218; the first version "
        "was rejected under CR-02 for a curative claim. The review takes up to 3 business days.",
        "route rule 1. intents 4 (resubmit). Two orders with one creator; the tea post is "
        "named by product.",
    ),
    d(
        acct("M-1946", "Maple & Moss Candles", 1100.0),
        [
            co(
                "CO-8841",
                "M-1946",
                "Nina Glow",
                800.0,
                "Cosy evening candle post",
                "post",
                "first_round_rejected",
                "2026-11-24",
                flags=("no_label",),
                rule="CR-01",
                note="No paid-partnership label found.",
                decided="2026-11-27",
            )
        ],
        "CO-8841",
        [
            (
                M,
                "I want to appeal the rejection of the creator Nina's collab post, the reviewer is being "
                "picky.",
            )
        ],
        ["contest_decision"],
        "E",
        "I understand, but the content checks confirm the paid-partnership label is missing, so "
        "the CR-01 rejection stands and an appeal wouldn't succeed. Nina can fix it by adding "
        "the label and uploading a revised draft to order CO-8841; the order still has 2 "
        "resubmissions left.",
        "route rule 1. intents 1 (I want to appeal). Policy refuses: the rejection stands.",
    ),
    d(
        acct("M-5808", "Peak Protein Bars", 2050.0),
        [
            co(
                "CO-6093",
                "M-5808",
                "Lifter Lou",
                1700.0,
                "Protein bar gym bag check",
                "video",
                "needs_revision",
                "2026-11-23",
                flags=("absolute",),
                rule="CR-03",
                note="Says 'No.1 protein bar'.",
                decided="2026-11-26",
                resub=1,
            )
        ],
        "CO-6093",
        [
            (
                M,
                "What's wrong with Lou's protein bar video now? I told you he already changed it once.",
            )
        ],
        ["ask_rejection_reason"],
        "E",
        "It was sent back under CR-03 for an absolute claim: the content checks still find one "
        "(it calls the bar No.1). Lou needs to fix that and upload a revised draft to order "
        "CO-6093; the order has 1 resubmission left, so it's worth checking every line.",
        "route rule 1. intents 3 (what's wrong with it).",
    ),
    d(
        acct("M-3937", "Blossom Baby Wear", 1500.0),
        [
            co(
                "CO-2368",
                "M-3937",
                "Mama Joy",
                1100.0,
                "Organic onesie try-on",
                "video",
                "first_round_rejected",
                "2026-11-25",
                flags=("competitor",),
                rule="CR-05",
                note="Another brand's logo is visible.",
                decided="2026-11-28",
            )
        ],
        "CO-2368",
        [
            (
                M,
                "Please resubmit my creator Mama Joy's onesie video, I don't think anything needs changing "
                "honestly.",
            )
        ],
        ["ask_next_step"],
        "E",
        "I can't resubmit it yet: there's no revised draft on order CO-2368, and the content "
        "checks confirm another brand's logo is shown, which breaks CR-05. Mama Joy needs to "
        "edit it out and upload a revised draft; the order has 2 resubmissions left.",
        "route rule 1. intents 4 (please resubmit). Policy refuses: no revised draft, and the "
        "rule is broken.",
    ),
    d(
        acct("M-6655", "康宝 Health Foods", 2300.0),
        [
            co(
                "CO-4725",
                "M-6655",
                "营养师 Amy",
                1800.0,
                "燕麦早餐分享",
                "video",
                "first_round_rejected",
                "2026-11-26",
                flags=("medical",),
                rule="CR-02",
                note="Claims to lower blood sugar.",
                decided="2026-11-29",
            )
        ],
        "CO-4725",
        [(M, "Amy 的视频审核结果出来了吗? 能不能快点, 双十二要用")],
        ["check_progress", "request_expedite"],
        "E",
        "结果出来了: Amy's video for order CO-4725 was rejected in the first round on 29 "
        "November under CR-02 for a medical claim. Nothing is waiting in review; Amy needs to "
        "fix the claim and upload a revised draft, and the order has 2 resubmissions left.",
        "route rule 1 (审核结果, a creator video's review). intents 5 (结果出来了吗) + 2 (能不能快点).",
    ),
]


# The merchant's record of the other kind added to a case's world (a creator order beside
# a withdrawal, a withdrawal beside a creator order), as ("co", creator, title, type,
# status, submitted, decided) or ("wr", amount, status, submitted, decided); None where the
# draft's world already has one. The dialogue mentions it only where OPENING, REWORDED or
# CONTEXT say so.
OTHER_RECORD: dict[str, tuple[Any, ...] | None] = {
    "WR-2286": (
        "co",
        "Peak Pete",
        "Hiking boots trail test",
        "video",
        "approved",
        "2026-11-12",
        "2026-11-17",
    ),
    "WR-5527": (
        "co",
        "Lulu Home",
        "Cushion covers restyle",
        "video",
        "pending",
        "2026-11-27",
        None,
    ),
    "WR-3170": None,
    "WR-7302": (
        "co",
        "Kitchen Kat",
        "One-pan copper skillet dinner",
        "video",
        "approved",
        "2026-11-18",
        "2026-11-23",
    ),
    "WR-8840": (
        "co",
        "Paper Lane Priya",
        "2027 planner flip-through",
        "post",
        "pending",
        "2026-11-26",
        None,
    ),
    "WR-2451": (
        "co",
        "Petal Pia",
        "Winter bouquet tutorial",
        "video",
        "approved",
        "2026-11-19",
        "2026-11-24",
    ),
    "WR-9126": (
        "co",
        "Handy Hank",
        "Cordless drill torque test",
        "video",
        "approved",
        "2026-11-05",
        "2026-11-10",
    ),
    "WR-6038": (
        "co",
        "Kicks Kim",
        "Daily sneaker rotation",
        "video",
        "pending",
        "2026-11-28",
        None,
    ),
    "WR-5509": ("co", "露营老王", "冬季露营装备", "video", "approved", "2026-11-19", "2026-11-24"),
    "WR-2964": (
        "co",
        "Sunny Sia",
        "Swimsuit try-on by the pool",
        "video",
        "approved",
        "2026-11-19",
        "2026-11-24",
    ),
    "WR-8403": ("co", "Lacey Lin", "Lace blouse styling", "post", "pending", "2026-11-27", None),
    "WR-3358": (
        "co",
        "Dr. Paws",
        "Grain-free kibble taste test",
        "video",
        "approved",
        "2026-11-13",
        "2026-11-18",
    ),
    "WR-5814": (
        "co",
        "Alpine Ava",
        "Shell jacket rain test",
        "post",
        "pending",
        "2026-11-26",
        None,
    ),
    "WR-7721": ("co", "吃货小美", "辣条测评", "video", "approved", "2026-11-16", "2026-11-20"),
    "WR-4420": (
        "co",
        "Brew Bea",
        "Pour-over at home",
        "video",
        "approved",
        "2026-11-04",
        "2026-11-09",
    ),
    "WR-3045": (
        "co",
        "Slow Living Sue",
        "Linen bedding morning routine",
        "video",
        "pending",
        "2026-11-27",
        None,
    ),
    "WR-6177": (
        "co",
        "Clay & Co Carla",
        "Handmade vase styling",
        "video",
        "approved",
        "2026-11-16",
        "2026-11-20",
    ),
    "WR-5093": (
        "co",
        "Gym Rat Gary",
        "Protein shake post-workout",
        "video",
        "pending",
        "2026-11-28",
        None,
    ),
    "WR-8266": ("co", "丝语 Sylvia", "丝巾十种系法", "video", "pending", "2026-11-26", None),
    "WR-4731": (
        "co",
        "Grandma Gloria",
        "Jam on toast taste test",
        "video",
        "approved",
        "2026-11-20",
        "2026-11-25",
    ),
    "WR-2719": (
        "co",
        "Tea Time Tara",
        "Gooseneck kettle pour test",
        "video",
        "pending",
        "2026-11-27",
        None,
    ),
    "WR-5566": (
        "co",
        "Chef Oyster Otto",
        "Oyster shucking 101",
        "video",
        "approved",
        "2026-11-18",
        "2026-11-23",
    ),
    "WR-2211": ("co", "Crafty Cleo", "Yarn basket weaving", "video", "pending", "2026-11-26", None),
    "WR-8592": (
        "co",
        "Saddle Stitch Sam",
        "Leather wallet stitching",
        "video",
        "approved",
        "2026-11-23",
        "2026-11-26",
    ),
    "WR-7048": (
        "co",
        "Lumen Lucy",
        "Reading nook lighting",
        "post",
        "approved",
        "2026-11-24",
        "2026-11-27",
    ),
    "WR-3309": (
        "co",
        "Toddler Tales Tina",
        "Kids' pyjama unboxing",
        "video",
        "approved",
        "2026-11-20",
        "2026-11-25",
    ),
    "WR-4460": ("co", "烘焙小林", "全麦面包测评", "video", "pending", "2026-11-27", None),
    "WR-1832": (
        "co",
        "Techie Tess",
        "Drop test: clear cases",
        "video",
        "approved",
        "2026-11-16",
        "2026-11-20",
    ),
    "WR-6685": ("co", "田园阿花", "有机蔬菜开箱", "video", "approved", "2026-11-20", "2026-11-25"),
    "WR-3894": (
        "co",
        "Jetset Jo",
        "Carry-on packing hacks",
        "post",
        "approved",
        "2026-11-23",
        "2026-11-26",
    ),
    "WR-2475": (
        "co",
        "Herbal Hazel",
        "Lavender balm bedtime routine",
        "video",
        "approved",
        "2026-11-25",
        "2026-11-29",
    ),
    "WR-4009": (
        "co",
        "Booknook Ben",
        "Winter reading list",
        "video",
        "pending",
        "2026-11-28",
        None,
    ),
    "WR-6615": (
        "co",
        "Oak & Ivy Studio",
        "Oak lamp styling",
        "post",
        "pending",
        "2026-11-27",
        None,
    ),
    "WR-1350": (
        "co",
        "Pedal Pete",
        "Cycling jersey fit test",
        "video",
        "pending",
        "2026-11-28",
        None,
    ),
    "WR-3982": (
        "co",
        "Playtime Pam",
        "Building blocks challenge",
        "video",
        "approved",
        "2026-11-19",
        "2026-11-24",
    ),
    "WR-8137": (
        "co",
        "Sugar Sue",
        "Retro candy haul",
        "video",
        "approved",
        "2026-11-17",
        "2026-11-21",
    ),
    "CO-8864": ("wr", 900.0, "completed", "2026-11-19", "2026-11-25"),
    "CO-2718": ("wr", 1100.0, "processing", "2026-11-26", None),
    "CO-4402": ("wr", 500.0, "completed", "2026-11-20", "2026-11-26"),
    "CO-9153": ("wr", 2000.0, "processing", "2026-11-27", None),
    "CO-6630": ("wr", 700.0, "completed", "2026-11-20", "2026-11-26"),
    "CO-3307": ("wr", 3000.0, "processing", "2026-11-25", None),
    "CO-7719": ("wr", 800.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-2560": ("wr", 600.0, "processing", "2026-11-26", None),
    "CO-6012": ("wr", 1500.0, "completed", "2026-11-19", "2026-11-25"),
    "CO-8305": ("wr", 400.0, "processing", "2026-11-27", None),
    "CO-4126": ("wr", 300.0, "completed", "2026-11-17", "2026-11-23"),
    "CO-3640": ("wr", 800.0, "processing", "2026-11-25", None),
    "CO-7408": ("wr", 500.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-1536": ("wr", 1000.0, "processing", "2026-11-27", None),
    "CO-2204": ("wr", 1200.0, "completed", "2026-11-20", "2026-11-26"),
    "CO-9921": ("wr", 650.0, "processing", "2026-11-26", None),
    "CO-3815": ("wr", 500.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-4839": ("wr", 300.0, "processing", "2026-11-26", None),
    "CO-5083": ("wr", 600.0, "completed", "2026-11-23", "2026-11-27"),
    "CO-6755": ("wr", 700.0, "processing", "2026-11-27", None),
    "CO-1468": ("wr", 150.0, "completed", "2026-11-17", "2026-11-23"),
    "CO-3079": ("wr", 1100.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-8520": ("wr", 1200.0, "processing", "2026-11-25", None),
    "CO-2947": ("wr", 450.0, "completed", "2026-11-23", "2026-11-27"),
    "CO-7290": ("wr", 300.0, "completed", "2026-11-13", "2026-11-19"),
    "CO-9046": ("wr", 250.0, "processing", "2026-11-26", None),
    "CO-3361": ("wr", 600.0, "completed", "2026-11-19", "2026-11-25"),
    "CO-5734": ("wr", 350.0, "processing", "2026-11-27", None),
    "CO-8117": ("wr", 250.0, "completed", "2026-11-19", "2026-11-25"),
    "CO-6402": ("wr", 500.0, "processing", "2026-11-25", None),
    "CO-1093": ("wr", 280.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-2651": ("wr", 850.0, "processing", "2026-11-26", None),
    "CO-9380": ("wr", 350.0, "completed", "2026-11-20", "2026-11-26"),
    "CO-5218": ("wr", 1900.0, "processing", "2026-11-27", None),
    "CO-8841": ("wr", 300.0, "completed", "2026-11-23", "2026-11-27"),
    "CO-6093": ("wr", 350.0, "processing", "2026-11-28", None),
    "CO-2368": ("wr", 400.0, "completed", "2026-11-20", "2026-11-26"),
    "CO-4725": ("wr", 500.0, "completed", "2026-11-23", "2026-11-27"),
    "CO-5120": ("wr", 1200.0, "processing", "2026-11-26", None),
    "CO-1184": ("wr", 800.0, "processing", "2026-11-27", None),
    "CO-5561": ("wr", 600.0, "completed", "2026-11-18", "2026-11-24"),
    "CO-4570": ("wr", 500.0, "completed", "2026-11-19", "2026-11-25"),
}


# The turns around each draft's own dialogue, written per case. "same": the merchant
# opens on the record they want now (the first topic IS the route); "aside": they first
# ask about their other record and the agent answers it, in the agent's own words for that
# case; "none": the draft's dialogue alone. Asides run both ways (E before F and F before
# E) in a minority of cases; the other record stays in the world either way.
OPENING: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "WR-2286": ("none", []),
    "WR-5527": (
        "aside",
        [
            (M, "Quick check on Lulu's cushion video first, is it moving at all?"),
            (
                A,
                "Lulu's video went in on the 27th and the review has two business days of its three left, so nothing's wrong there.",
            ),
        ],
    ),
    "WR-6615": ("none", []),
    "WR-3170": (
        "same",
        [
            (M, "在吗? 钱的事想问一下"),
            (A, "在的, 您说. 是账户余额还是哪笔订单的钱?"),
        ],
    ),
    "WR-7302": (
        "same",
        [
            (M, "Hello?? Is anyone actually handling payouts on your side"),
            (A, "Hi, yes, I can look into a payout for you. What's going on?"),
        ],
    ),
    "WR-8840": ("none", []),
    "WR-2451": (
        "aside",
        [
            (M, "Did Petal Pia's bouquet video ever pass? I lost track of it."),
            (
                A,
                "Yes, the review approved it on 24 November; the escrow for it was released then too.",
            ),
        ],
    ),
    "WR-9126": ("none", []),
    "WR-6038": ("none", []),
    "WR-5509": (
        "aside",
        [
            (M, "露营老王那条视频过了吗?"),
            (A, "过了, 24 号就审核通过了, 押金也解冻了."),
        ],
    ),
    "WR-2964": (
        "same",
        [
            (M, "I never got the money I took out of my balance. Something went wrong."),
            (A, "Sorry to hear that. Was this a request to send your balance to the bank?"),
        ],
    ),
    "WR-8403": ("none", []),
    "WR-3358": ("none", []),
    "WR-5814": (
        "same",
        [
            (M, "hey, ur finance team bounced my money request"),
            (A, "Let me help with that. Is it the request to move your balance to your bank?"),
        ],
    ),
    "WR-7721": ("none", []),
    "WR-4420": (
        "aside",
        [
            (M, "Hi, did Brew Bea's pour-over video clear in the end?"),
            (A, "It did: approved on 9 November, nothing more to do on that order."),
        ],
    ),
    "WR-3045": (
        "same",
        [
            (M, "I need to complain about how my payout was handled."),
            (A, "I'm sorry about that. Tell me what happened and I'll check the record."),
        ],
    ),
    "WR-6177": ("none", []),
    "WR-5093": (
        "aside",
        [
            (M, "Gary says his shake video is stuck in review. True?"),
            (
                A,
                "It's in review since 28 November and still inside the three business days, so it isn't late yet.",
            ),
        ],
    ),
    "WR-8266": ("none", []),
    "WR-4731": ("none", []),
    "WR-3982": (
        "same",
        [
            (M, "We are VERY unhappy with a decision on our account money."),
            (A, "I understand. Which decision was it, and about which payment?"),
        ],
    ),
    "WR-2719": ("none", []),
    "WR-5566": (
        "aside",
        [
            (M, "Chef Otto asked me if his oyster video passed. Did it?"),
            (A, "Yes, his video for your order was approved on 23 November."),
        ],
    ),
    "WR-1350": (
        "same",
        [
            (
                M,
                "Good morning, it's about the withdrawal again, the one I mentioned to your colleague.",
            ),
            (
                A,
                "Good morning! I don't see the earlier chat on my side, could you tell me what you need with it?",
            ),
        ],
    ),
    "WR-2211": ("none", []),
    "WR-8592": (
        "same",
        [
            (M, "I have a bone to pick about a rejection from last month."),
            (A, "Okay, I'm listening. What was rejected?"),
        ],
    ),
    "WR-7048": (
        "aside",
        [
            (M, "Lucy's lamp post, was it approved? She's been bugging me."),
            (A, "It was, on 27 November. She can publish."),
        ],
    ),
    "WR-3309": ("none", []),
    "WR-4460": (
        "same",
        [
            (M, "你好, 提现的事"),
            (A, "您好, 请问是哪一笔提现, 出了什么情况?"),
        ],
    ),
    "WR-1832": ("none", []),
    "WR-6685": (
        "aside",
        [
            (M, "田园阿花的视频审核有结果了吗?"),
            (A, "有了, 11 月 25 日通过了."),
        ],
    ),
    "WR-3894": ("none", []),
    "WR-2475": (
        "same",
        [
            (M, "Hi, I'm going through our account statements and something doesn't add up."),
            (A, "Happy to help. Which part looks off?"),
        ],
    ),
    "WR-8137": ("none", []),
    "WR-4009": (
        "aside",
        [
            (M, "Ben's book video, any result? I wasn't sure about his music."),
            (
                A,
                "Not yet: it was submitted on 28 November and the three business days aren't up, so it's still on schedule.",
            ),
        ],
    ),
    "CO-5120": ("none", []),
    "CO-8864": (
        "same",
        [
            (M, "Hi, I need a favour with one of our creator orders."),
            (A, "Sure, which creator and what do you need?"),
        ],
    ),
    "CO-2718": (
        "aside",
        [
            (M, "Is my 1,100 withdrawal moving? I filed it this week."),
            (
                A,
                "It's processing: submitted on 26 November, and the five business days aren't up until Thursday, so it's on track.",
            ),
        ],
    ),
    "CO-4402": (
        "same",
        [
            (M, "问一下达人合作的事"),
            (A, "好的, 是哪位达人的订单?"),
        ],
    ),
    "CO-9153": ("none", []),
    "CO-6630": (
        "same",
        [
            (M, "I'm losing patience with your content review team."),
            (A, "Sorry to hear that. Which order is it about?"),
        ],
    ),
    "CO-3307": (
        "aside",
        [
            (M, "Morning, my 3,000 prepaid refund from last week, is it okay?"),
            (
                A,
                "Morning! It's processing, filed on 25 November, with two business days of its window still to run.",
            ),
        ],
    ),
    "CO-1184": ("none", []),
    "CO-7719": (
        "same",
        [
            (M, "你好, 我们约的一个探店视频一直没动静"),
            (A, "您好, 是哪位达人的视频? 我帮您查一下."),
        ],
    ),
    "CO-2560": ("none", []),
    "CO-6012": (
        "same",
        [
            (M, "Hi. We paid a creator weeks ago and the campaign still hasn't gone live."),
            (A, "Hi! Let's find out why. Which creator was it?"),
        ],
    ),
    "CO-8305": ("none", []),
    "CO-4126": (
        "aside",
        [
            (M, "Did my 300 withdrawal land? I had an invoice issue before."),
            (A, "Yes, it was paid out on 23 November; nothing is pending on it."),
        ],
    ),
    "CO-5561": ("none", []),
    "CO-3640": (
        "same",
        [
            (M, "I'd like to dispute a review result."),
            (A, "Okay. Which review, and what was the result?"),
        ],
    ),
    "CO-7408": ("none", []),
    "CO-1536": ("none", []),
    "CO-2204": (
        "aside",
        [
            (M, "Was my 1,200 wallet withdrawal paid? I was afraid it was too much."),
            (A, "It was paid out on 26 November, the full 1,200."),
        ],
    ),
    "CO-9921": ("none", []),
    "CO-3815": (
        "same",
        [
            (M, "hi hi, checking in on a collab 🍪"),
            (A, "Hi! Which creator's collab should I look at?"),
        ],
    ),
    "CO-4839": (
        "same",
        [
            (M, "审核结果我们不认"),
            (A, "明白. 是哪一条内容的审核结果? 我先查一下."),
        ],
    ),
    "CO-5083": (
        "aside",
        [
            (M, "Was my 600 balance refund rejected again? I paid the invoice this time."),
            (A, "No, that one went fine: 600 was paid out on 27 November."),
        ],
    ),
    "CO-6755": ("none", []),
    "CO-1468": (
        "same",
        [
            (M, "I've had it with your reviewers."),
            (A, "I'm sorry. Tell me which order it is and I'll look at its history."),
        ],
    ),
    "CO-3079": ("none", []),
    "CO-8520": (
        "aside",
        [
            (M, "Is the 1,200 withdrawal still processing?"),
            (
                A,
                "Yes, filed on 25 November; there are two business days of its window left, so it's not late.",
            ),
        ],
    ),
    "CO-2947": ("none", []),
    "CO-7290": (
        "same",
        [
            (M, "Question about an old review decision, sorry it's late."),
            (A, "No problem. Which order and what was decided?"),
        ],
    ),
    "CO-9046": (
        "same",
        [
            (M, "Hi, this is about CozyCat, the creator we booked for the slippers."),
            (A, "Hi! What do you need on that order?"),
        ],
    ),
    "CO-3361": ("none", []),
    "CO-5734": (
        "aside",
        [
            (M, "350 withdrawal from the balance, still processing?"),
            (A, "Yes, it was filed on 27 November and has up to four business days left."),
        ],
    ),
    "CO-8117": (
        "same",
        [
            (M, "达人的视频被拒了, 想处理一下"),
            (A, "好的, 是哪一单? 被拒的原因您看到了吗?"),
        ],
    ),
    "CO-6402": ("none", []),
    "CO-1093": (
        "same",
        [
            (M, "Quick question on a creator order for our socks."),
            (A, "Sure, go ahead."),
        ],
    ),
    "CO-2651": ("none", []),
    "CO-4570": ("none", []),
    "CO-9380": (
        "aside",
        [
            (M, "did my 350 refund go out"),
            (A, "It did, on 26 November."),
        ],
    ),
    "CO-5218": ("none", []),
    "CO-8841": (
        "same",
        [
            (M, "Your content reviewers are way too strict."),
            (A, "Sorry it feels that way. Which creator's content was it?"),
        ],
    ),
    "CO-6093": (
        "aside",
        [
            (M, "First: the 350 I asked to withdraw on Saturday, any problem with it?"),
            (A, "No problem, it's processing and well within its five business days."),
        ],
    ),
    "CO-2368": ("none", []),
    "CO-4725": (
        "same",
        [
            (M, "你好, 有个达人视频想问问"),
            (A, "您好, 哪位达人的?"),
        ],
    ),
}


# Turns of the drafts above reworded per case so that the merchant's situation is told the
# way merchants tell it: the collaboration fee sits in escrow on their balance, the creator
# campaign is why money is tight. The other record's words are context here, never the ask
# (route guideline: "Money the order holds in escrow ... does not change this", "Creators or
# reviews mentioned as the cause ... do not change this"). Keyed by record id: (start of
# the turn replaced, new text).
REWORDED: dict[str, tuple[str, str]] = {
    "CO-6012": (
        "Was my creator Chloe",
        "Was my creator Chloe's handbag haul rejected? We never heard anything back and the "
        "3,500 we paid for it is still frozen on our balance, so I assume it failed. What rule "
        "did it break?",
    ),
    "CO-6402": (
        "Hello, any update on the collab",
        "Hello, any update on the collab video from my creator Coach Dana? I'm waiting on it, "
        "and honestly on the money too, it's been sitting in escrow.",
    ),
    "CO-4725": (
        "Amy 的视频审核",
        "Amy 的视频审核结果出来了吗? 1800 的合作费还押在余额里. 能不能快点, 双十二要用",
    ),
    "CO-1093": (
        "Why was Jin",
        "We paid Jin 700 for the sock video and now it's rejected in first round? Why? He "
        "re-uploaded it anyway after cutting some shots.",
    ),
    "CO-1468": (
        "Third rejection for my creator",
        "Third rejection for my creator Gus's terrarium video. I can't even touch the money "
        "in my balance while it's stuck. This is absurd, I want to appeal all of it.",
    ),
    "CO-3361": (
        "Bella swapped the song",
        "Bella swapped the song in her sunglasses video for one from the platform library and "
        "uploaded the new version. Can you put it through again? Her fee has been locked in "
        "our wallet for two weeks.",
    ),
    "CO-7408": (
        "Hello, why does my creator Mira",
        "Hello, why does my creator Mira's collab video need revision? I used a track from "
        "your own library. Not thrilled to keep paying for content that goes nowhere.",
    ),
    "CO-5218": (
        "Wendy did two posts",
        "Wendy did two posts for us. The eye-cream one was approved and its escrow came back "
        "to our balance; the tea one was rejected, she fixed it. Can you resubmit the tea post?",
    ),
    "CO-6630": (
        "Sofia's bikini try-on",
        "Sofia's bikini try-on video has been in review since last Wednesday! That's way over "
        "3 days, and her fee is frozen on my account the whole time. Why is it so slow?",
    ),
    "CO-8864": (
        "Hello, can you speed up",
        "Hello, can you speed up the review of the creator Jake's puffer jacket post? I paid "
        "him out of the ad wallet and I want it live before the cold snap",
    ),
    "CO-8305": ("tom's tent review", "tom's tent review?? still holding my money"),
    "CO-3640": (
        "My collab creator Elin",
        "My collab creator Elin's sweater video got rejected in the first round for missing "
        "the paid-partnership label. The label is right there in the first 3 seconds! We paid "
        "1,900 for this. This is wrong.",
    ),
    "CO-9153": (
        "Two things: is Ben",
        "Two things: is Ben's grilling livestream clip through review yet, and can you get it "
        "done by tomorrow? Our launch is on Tuesday and that escrow is most of my free balance.",
    ),
    "CO-7290": (
        "Auntie Wen's pickle video",
        "Auntie Wen's pickle video was rejected in mid-November for the partnership label, "
        "which was there. I didn't have time to deal with it until now, the 1,400 fee is still "
        "held. Can we appeal?",
    ),
    "CO-2560": (
        "Hello! I have two creators",
        "Hello! I have two creators on collab orders. Max's dog treat video got approved "
        "quickly and that money was released, but Lily's is still 'pending'. Both were sent "
        "the same week. What's going on with Lily's?",
    ),
    "CO-4402": ("达人小七的视频审核要多久", "达人小七的视频审核要多久? 周六交的, 600 块押金还冻着"),
    "CO-7719": (
        "阿Ken 的探店视频",
        "阿Ken 的探店视频 review 了一个多星期了还没结果, 钱都付了. 帮忙催一下可以吗?",
    ),
    "CO-4839": (
        "阿May 的开箱视频要修改",
        "阿May 的开箱视频要修改?? 说有竞品品牌. 没有啊, 这个结果不对, 我的钱还冻在里面, 帮我处理一下",
    ),
    "CO-2651": (
        "Cody's cooler video",
        "Cody's cooler video was rejected on the 18th for a competitor brand, which isn't in "
        "it. 2,500 of my balance is tied up in that order. We were going to appeal, and Cody "
        "also made an edited version just in case. What's the best move?",
    ),
    "CO-6755": (
        "The blogger Bo uploaded",
        "The blogger Bo uploaded a third version of his collab video with new music. Please "
        "resubmit it, I'd like the escrow off my balance this year.",
    ),
    "WR-3358": (
        "Our withdrawal was rejected and the reason",
        "Our withdrawal was rejected and the reason just says 'risk hold'. What does that even "
        "mean? I'm a legit business, been selling here 4 years, I even book creators through "
        "your platform.",
    ),
    "WR-3309": (
        "I verified my bank account yesterday",
        "I verified my bank account yesterday like the notice said. Can you put my withdrawal "
        "through again? Same amount as before. Tina's unboxing video was approved, so there's "
        "nothing else on our side.",
    ),
    "WR-5570": (
        "whatever's holding it",
        "whatever's holding it, the gym creator deal or whatever, I want the max out today",
    ),
    "WR-2719": (
        "wr-2719 rejected. why",
        "wr-2719 rejected. why. not the kettle video thing, the money",
    ),
    "WR-8840": (
        "Hi there, the money from the first",
        "Hi there, the money from the first withdrawal came through fine, thanks. The 2k one I "
        "did on Friday hasn't though, and I need it to pay Priya for her planner post. Is that "
        "one stuck?",
    ),
    "WR-8266": (
        "我的提现申请被驳回了",
        "我的提现申请被驳回了, 理由是银行卡未验证?? 我的卡早就验证过了, 上个月还用它付过达人的费用. 能帮我申诉吗",
    ),
    "WR-6177": (
        "hi, why was our withdrawal rejected",
        "hi, why was our withdrawal rejected? it says amount exceeds withdrawable. I had way "
        "more than 6000 free at the time, the only frozen bit was a small ad charge, Carla's "
        "vase video had already cleared.",
    ),
    "WR-3894": (
        "Paid the overdue invoice",
        "Paid the overdue invoice this morning. Please refile the withdrawal that got "
        "rejected, the 6.4k. We're between creator campaigns and need the cash.",
    ),
    "WR-2475": (
        "I see my balance refund was rejected",
        "I see my balance refund was rejected a while ago. Why was that? I didn't change "
        "anything about the account, only paid Hazel for the balm video.",
    ),
    "WR-8592": (
        "Back in mid-November",
        "Back in mid-November you rejected my withdrawal saying my bank wasn't verified, which "
        "was false, the same account had just received a creator refund. I want to appeal "
        "that. Since then I switched to a new bank card, if that matters.",
    ),
    "WR-4731": (
        "no sorry. it's the one",
        "no sorry. it's the one from Friday before last, I think 1,600 or so, right after we "
        "paid Gloria for the jam video",
    ),
}


# A second pass of per-case rewording: the merchant says where their other record stands
# (as they believe it), as context for the request about this one. Same format as
# :data:`REWORDED`, applied after it.
CONTEXT: dict[str, tuple[str, str]] = {
    "CO-5561": (
        "I'd like to get my money moving",
        "My 600 withdrawal last week reached the bank fine, so I know payouts work. But I'd like to get the rest moving: Raj's plant-care video review is holding 2,200 of my balance in escrow and it's been two weeks. It's so slow. Can you get the review done?",
    ),
    "CO-6755": (
        "The blogger Bo uploaded",
        "The blogger Bo uploaded a third version of his collab video with new music. Please resubmit it, I'd like the escrow off my balance this year. (My 700 withdrawal request is processing too, but it's new, I can wait on that.)",
    ),
    "CO-4725": (
        "Amy 的视频审核",
        "上次 500 的提现已经到账了, 没问题. Amy 的视频审核结果出来了吗? 1800 的合作费还押在余额里. 能不能快点, 双十二要用",
    ),
    "CO-1093": (
        "We paid Jin 700",
        "We paid Jin 700 for the sock video and now it's rejected in first round? Why? He re-uploaded it anyway after cutting some shots. At least the 280 refund to my bank came through.",
    ),
    "CO-1536": (
        "我们的达人视频被拒了",
        "1000 的提现申请刚交, 卡也验证过了, 那个不急. 我们的达人视频被拒了, 说有 medical claim. 视频里根本没说治病啊, 只是说好喝. 能申诉吗? 订单的钱还冻在余额里",
    ),
    "CO-6402": (
        "Hello, any update on the collab",
        "Hello, not about my 500 withdrawal request, that one's fine, bank verified and all. Any update on the collab video from my creator Coach Dana? I'm waiting on it, and honestly on the money too, it's been sitting in escrow.",
    ),
    "CO-2651": (
        "Cody's cooler video",
        "Cody's cooler video was rejected on the 18th for a competitor brand, which isn't in it. 2,500 of my balance is tied up in that order (the 850 withdrawal request I filed Thursday can wait). We were going to appeal, and Cody also made an edited version just in case. What's the best move?",
    ),
    "CO-2947": (
        "Hello, why does the creator Zoe",
        "Hello, the bank refund got through last week, so that side is fine. But why does the creator Zoe's pillow video keep failing? I don't get it, and I'm not trying to appeal, I just want the reason. It's been rejected again.",
    ),
    "CO-6630": (
        "and if it's stuck",
        "and if it's stuck, what can I do? I can't withdraw that part of the balance to the bank meanwhile.",
    ),
    "CO-2368": (
        "Please resubmit my creator Mama Joy",
        "Please resubmit my creator Mama Joy's onesie video, I don't think anything needs changing honestly. My withdrawal request last week went through without fuss, your review of her video shouldn't be harder.",
    ),
    "CO-3640": (
        "My collab creator Elin",
        "My collab creator Elin's sweater video got rejected in the first round for missing the paid-partnership label. The label is right there in the first 3 seconds! We paid 1,900 for this. This is wrong, and don't ask us to resubmit, nothing needs fixing. (The 800 withdrawal request is processing, bank verified, no overdue invoice, I'm not fussed about that side.)",
    ),
    "CO-8117": (
        "视频因为写了",
        "提现那边没问题, 250 已经到卡里了. 视频因为写了'全网最低价'被拒了, 达人已经改好上传了新版本, 帮我重新提交审核吧",
    ),
    "CO-3815": (
        "Hi, what's the status of the creator Sam",
        "Hi, what's the status of the creator Sam's cookie video review? Haven't checked in a few days, no need to rush anyone. The bank refund from last week landed, thanks for that.",
    ),
    "CO-9153": (
        "Two things: is Ben",
        "Two things: is Ben's grilling livestream clip through review yet, and can you get it done by tomorrow? Our launch is on Tuesday and that escrow is most of my free balance. Something else: my 2,000 withdrawal request is only a few days old, ignore that or look at it later.",
    ),
    "CO-9046": (
        "Please speed up the review of my creator CozyCat",
        "Please speed up the review of my creator CozyCat's collab video. She uploaded a version with new music last week, I need it for our December promo. I'm not asking about the 250 withdrawal request, it's only been a couple of days.",
    ),
    "CO-8305": ("ya", "ya. not the withdrawal request, tom's video"),
    "CO-4839": (
        "阿May 的开箱视频要修改",
        "300 的提现申请不急, 银行卡早就验证过了. 阿May 的开箱视频要修改?? 说有竞品品牌. 没有啊, 这个结果不对, 我的钱还冻在里面, 帮我处理一下",
    ),
    "CO-9921": (
        "The first-round result on NoobSlayer",
        "The first-round result on NoobSlayer's keyboard video says 'absolute claim'. He already made a new cut without the 'best keyboard' line, can you resubmit it? The 650 withdrawal request is a different thing, it's only been a few days.",
    ),
    "CO-2560": (
        "Hello! I have two creators",
        "Hello! I have two creators on collab orders. Max's dog treat video got approved quickly and that money was released, but Lily's is still 'pending'. Both were sent the same week. What's going on with Lily's? (The 600 withdrawal request is a separate thing, no rush.)",
    ),
    "CO-8841": (
        "I want to appeal the rejection of the creator Nina",
        "My bank refund of 300 came through this week, fine. What I want is to appeal the rejection of the creator Nina's collab post, the reviewer is being picky.",
    ),
    "CO-7408": (
        "Hello, why does my creator Mira",
        "Hello, why does my creator Mira's collab video need revision? I used a track from your own library. Before I resubmit anything I want to understand. Not thrilled to keep paying for content that goes nowhere; I already withdrew 500 to the bank to keep some cash safe.",
    ),
    "WR-5509": ("pls hurry", "pls hurry, 月底要发工资. 老王的视频早就审核好了, 跟那个没关系"),
    "WR-3045": (
        "My withdrawal was rejected for 'bank account not verified'",
        "My withdrawal was rejected for 'bank account not verified' but I verified it back in October, I have the confirmation email. This is wrong. (Sue uploaded her linen video with the label last week, it's still in review, separate matter.)",
    ),
    "WR-5814": (
        "Hi, our withdrawal got bounced",
        "Hi, our withdrawal got bounced. Can you just submit it again for me? 3000 same as before. Ava uploaded her jacket post for review, but that's not what I'm asking about.",
    ),
    "WR-6038": (
        "no. just want my money",
        "no. just want my money. not asking u to rush it. kim uploaded his sneaker content, he can wait for the review",
    ),
    "WR-2286": (
        "thx. it's been over a week",
        "thx. it's been over a week. pete's video passed in the first round ages ago so nothing should hold it",
    ),
    "WR-7302": (
        "I submitted the withdrawal LAST WEEK",
        "I submitted the withdrawal LAST WEEK and it's still not done. Your site says 5 days. Why is it so slow, is something wrong with my account?? Kat's recipe content passed the first round fine, so it's not that.",
    ),
    "WR-8137": (
        "hello, still waiting for our withdrawal",
        "hello, still waiting for our withdrawal from last week, the 3000 one. any news? why so slow this time? ps the kol order we had is done and paid, sue's candy video was approved weeks ago",
    ),
    "WR-8403": (
        "Hi, I have 1,900 waiting",
        "Hi, I have 1,900 waiting to be withdrawn since the 19th. Also, once that comes through, can I withdraw the rest of the balance too? There's about 3k left from the influencer budget we didn't use. Lacey uploaded her blouse video last week, it's still in review, if that matters.",
    ),
    "WR-6685": (
        "银行卡已经验证好了",
        "银行卡已经验证好了 ✅ 阿花的视频也没问题了. 之前那笔 1200 的退款被拒, 可以帮我重新申请吗?",
    ),
    "WR-2964": (
        "Why did you reject my withdrawal",
        "Why did you reject my withdrawal? I didn't get any notice, it just never arrived. Was it the bank details? Sia's swimsuit content was approved in the first round, so it can't be that.",
    ),
    "WR-4460": (
        "上周提现被拒是因为",
        "上周提现被拒是因为 invoice overdue, 我昨天已经付清了. 麻烦帮我重新提交 3900 的提现, thanks! 小林上传的视频还在审核里, 不用管.",
    ),
    "WR-6402": (
        "the creator's video is still in review",
        "the creator's video is still in review, that's fine, I'll wait. hey, got rejected for asking too much. fine, no point appealing, just withdraw whatever i CAN withdraw then, pls file it",
    ),
    "WR-2451": (
        "Can you check on balance refund WR-2451?",
        "Can you check on balance refund WR-2451? No need to push it or anything, I just want to know where it's at.",
    ),
    "CO-3307": (
        "Hello, I'm checking on our collab",
        "Hello, I'm checking on our collab with the creator Leo, his unboxing video, order CO-3307. I'm not asking why it takes time, just where it is.",
    ),
    "WR-6615": (
        "Morning. Quick one",
        "Morning. Quick one - where is my withdrawal request at? It's 9,800 to our ICBC account. Nothing to appeal or redo, just the status: the escrow from the blogger order got released last week when her video was approved, so the full amount should be free.",
    ),
    "WR-1177": (
        "Hello. My balance refund seems to be in limbo.",
        "Hello. My balance refund seems to be in limbo. I was told the collab escrow for the candle creator had to clear first, and it did on the 12th, then I filed the refund on the 13th. Still 'processing'. I don't want to file it again, just to know: what's the hold up?",
    ),
    "CO-8520": (
        "Hey, what's the latest on the creator Miles",
        "Hey, what's the latest on the creator Miles's bike video? It went back for review again after his second fix. Why it failed before I know, that's not the question.",
    ),
    "CO-6093": (
        "What's wrong with Lou",
        "What's wrong with Lou's protein bar video now? I told you he already changed it once. I'm not appealing, I just want to know.",
    ),
    "WR-2475": (
        "I see my balance refund was rejected",
        "I see my balance refund was rejected a while ago. Why was that? I didn't change anything about the account, only paid Hazel for the balm video. I'll file again myself later, first the reason.",
    ),
    "CO-1184": (
        "It's been nearly two weeks since Chef Nora",
        "It's been nearly two weeks since Chef Nora sent her recipe video for review. I paid 5,000 into escrow for this and I can't even withdraw the rest of my balance in peace because of it. I don't care why it's slow. Hurry up!",
    ),
    "WR-5527": (
        "hi, I put in a withdrawal of my ad wallet",
        "hi, I put in a withdrawal of my ad wallet money on Thursday, 4,200 yuan, and it still says processing. I don't need to hear why. Can you push it through today? I need it for supplier payments. The creator campaign with Lulu is finished so there's no reason to hold it",
    ),
    "CO-8864": (
        "Hello, can you speed up the review of the creator Jake",
        "Hello, can you speed up the review of the creator Jake's puffer jacket post? Nothing to appeal, it just has to be faster. I paid him out of the ad wallet and I want it live before the cold snap",
    ),
    "WR-4009": (
        "My withdrawal got rejected for an invoice",
        "My withdrawal got rejected for an invoice, but I paid that invoice the day after. I think the rejection is unfair, can someone review it? Don't tell me to just file a new one.",
    ),
    "WR-5566": (
        "Your system rejected my withdrawal for 'unverified bank'",
        "Your system rejected my withdrawal for 'unverified bank'. That's nonsense, I added my bank card months ago. I don't need the reason explained again. I want to appeal.",
    ),
    "WR-6690": (
        "You rejected my balance refund, it's a mistake.",
        "You rejected my balance refund, it's a mistake. Please appeal it, filing it again makes no sense when the error is yours. The only unusual thing this month was a big payment to a beauty creator for a collab, that's normal business.",
    ),
    "WR-7048": (
        "My 10,000 withdrawal got rejected.",
        "My 10,000 withdrawal got rejected. I don't care why. Please submit it again, I need the whole 10k out.",
    ),
    "CO-4570": (
        "Liam re-uploaded his latte art video",
        "Liam re-uploaded his latte art video with the tag after the first-round rejection, so I'm not asking why it failed. I need it approved so the 1,800 in escrow stops blocking my balance withdrawal. Can you get it reviewed again?",
    ),
    "WR-9217": (
        "The collab with the home-decor blogger",
        "The collab with the home-decor blogger got approved so the escrow should be free now. My withdrawal was rejected before because of that. No hurry, but can you redo it for me?",
    ),
}


def _other_id(ref: str) -> str:
    digits = ref[3:][::-1]
    if digits == ref[3:]:
        digits = "9" + digits[1:]
    return ("WR-" if ref.startswith("CO-") else "CO-") + digits


def _with_prior(draft: dict[str, Any]) -> dict[str, Any]:
    """Add the case's opening turns (:data:`OPENING`) and its other record to the world."""
    if draft["ref"] not in OTHER_RECORD:
        return draft
    spec = OTHER_RECORD[draft["ref"]]
    kind, turns = OPENING[draft["ref"]]
    draft["dialogue"] = [*turns, *draft["dialogue"]]
    if kind == "aside":
        draft["notes"] += (
            " The first exchange, about the merchant's other record, is answered by the agent:"
            " set aside (route guideline preamble; intents judge the latest messages)."
        )
    elif kind == "same":
        draft["notes"] += " The opening turns lead in to the same record."
    if spec is not None:
        mid, oid = draft["merchant_id"], _other_id(draft["ref"])
        if spec[0] == "wr":
            _, amount, status, submitted, decided = spec
            draft["patch"]["balance_requests"].append(
                wr(
                    oid,
                    mid,
                    amount,
                    status,
                    submitted,
                    decided=decided,
                    at=(True, amount + 500.0, 0.0),
                )
            )
        else:
            _, creator, title, kind, status, submitted, decided = spec
            draft["patch"]["collab_orders"].append(
                co(oid, mid, creator, 1000.0, title, kind, status, submitted, decided=decided)
            )
    return draft


def _with_escrow(draft: dict[str, Any]) -> dict[str, Any]:
    """Freeze the fee of every open collaboration order (KB-A2) that is not frozen yet.

    The balance grows by the same amount, so what can be withdrawn stays as written.
    """
    merchant = draft["patch"]["merchants"][0]
    held = {f.get("ref") for f in merchant["frozen"]}
    for o in draft["patch"]["collab_orders"]:
        if o["review_status"] != "approved" and o["order_id"] not in held:
            merchant["frozen"].append(fz(o["fee"], "collab_escrow", o["order_id"]))
            merchant["balance"] = round(merchant["balance"] + o["fee"], 2)
    return draft


def _reworded(draft: dict[str, Any], table: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Apply ``table`` (:data:`REWORDED`, :data:`CONTEXT`) to the draft's turn it names."""
    change = table.get(draft["ref"])
    if change is None:
        return draft
    start, text = change
    hits = [i for i, (_, t) in enumerate(draft["dialogue"]) if t.startswith(start)]
    if len(hits) != 1:
        raise ValueError(f"{draft['ref']}: {start!r} names {len(hits)} turns")
    role, _ = draft["dialogue"][hits[0]]
    draft["dialogue"][hits[0]] = (role, text)
    return draft


DRAFTS = [_with_escrow(_with_prior(_reworded(_reworded(x, REWORDED), CONTEXT))) for x in DRAFTS]

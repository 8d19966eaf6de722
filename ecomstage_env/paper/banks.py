"""Paraphrase banks of the paper tasks' train generator (written for this project).

Every text here was written for the generator in :mod:`ecomstage_env.paper.generate`;
none is taken from the bundled test records or the official release. Templates take
slots in ``{braces}`` (filled per record, see ``generate._Slots``). Label banks come in
two kinds:

- ``requests``: what decides the label (the user's latest request, the merchant's
  question, the shop's latest message);
- ``mentions``: the same topic's words framed as context that decides nothing (done,
  dropped, set aside, a reason), put into records of *other* labels so that a topic's
  words appear in every label's records and reading the framing is what decides.
"""

from __future__ import annotations

__all__ = [
    "ATTITUDE",
    "CATALOGUE",
    "INTENT",
    "PRODUCTS",
    "RAG_TOPICS",
    "REWRITE",
    "ROUTE",
    "SOLUTION_OPTIONS",
]

PRODUCTS: list[tuple[str, str]] = [
    ("kettle", "电水壶"),
    ("rice cooker", "电饭煲"),
    ("suitcase", "行李箱"),
    ("hoodie", "卫衣"),
    ("running shoes", "跑鞋"),
    ("face cream", "面霜"),
    ("phone case", "手机壳"),
    ("desk lamp", "台灯"),
    ("air fryer", "空气炸锅"),
    ("backpack", "双肩包"),
    ("wool coat", "大衣"),
    ("blender", "搅拌机"),
    ("bluetooth speaker", "蓝牙音箱"),
    ("yoga mat", "瑜伽垫"),
    ("tea set", "茶具"),
    ("stroller", "婴儿车"),
    ("curtains", "窗帘"),
    ("thermos", "保温杯"),
    ("keyboard", "键盘"),
    ("pillow", "枕头"),
    ("hair dryer", "吹风机"),
    ("sneakers", "运动鞋"),
    ("down jacket", "羽绒服"),
    ("mattress topper", "床垫"),
]
"""Products as ``(English, Chinese)``; records name them either way or both."""

# -- intent_recognition: labels 1-7 ---------------------------------------------------------
INTENT: dict[str, dict[str, list[str]]] = {
    "1": {
        "requests": [
            "is the {p} ok for {who}? want to get it as a gift",
            "which size of the {p} should I get, I'm {cm}cm",
            "is the {p} real leather or fake, the page doesnt say",
            "how do I clean the {p}, can it go in the washing machine",
            "when will the {colour} {p} be back in stock",
            "is the {p} genuine? bought a fake one somewhere else before",
            "how do I set up the {p}, the manual is only in Korean",
            "what's the difference between the {p} and the pro version",
            "does the {p} work with 110V? moving to Canada soon",
            "lost the manual for the {p}, how do I use it properly",
            "is the {p} safe for kids? it says BPA free but not sure",
            "how many watts is the {p}, our kitchen fuse is weak",
            "would the {p} suit {who}, or is there something better",
            "the {colour} {p} or the grey one, which one looks less dirty over time",
        ],
        "mentions": [
            "I checked the size chart for the {p} before, no need to explain it",
            "the {p} material info on the page was clear enough",
            "I saw the {colour} {p} is in stock again, good",
            "figured out how to set up the {p} myself in the end",
        ],
    },
    "2": {
        "requests": [
            "I picked the wrong colour on the {p}, can you switch it to {colour} before it ships",
            "need to change the address on order {order}, it hasn't shipped yet",
            "payment keeps failing at checkout for the {p}, card is fine",
            "I ordered the {p} twice by mistake, please cancel one, neither shipped",
            "can I add a note to order {order} to leave it at reception",
            "did my order for the {p} go through? got charged but no order number",
            "put {n} in the basket but meant 1, can you fix the quantity before dispatch",
            "typo in my phone number on order {order}, pls correct before you send it",
            "wanted the {colour} {p} not the {colour2}, order hasn't left yet right? swap pls",
            "the app charged me but order {order} still says awaiting payment",
            "can I still add a second {p} to the same order before it ships",
            "cancel order {order} pls, found it cheaper and it hasn't been sent yet",
        ],
        "mentions": [
            "I changed the address on the order myself yesterday, that part's done",
            "the payment at checkout went through on the second try",
            "I had ordered twice by mistake but cancelled the extra one already",
            "the order note about the reception desk is on there now",
        ],
    },
    "3": {
        "requests": [
            "where is my {p}, tracking hasn't moved since {day}",
            "which courier are you using for order {order}? I need to know",
            "when will the {p} be dispatched, I paid {n} days ago",
            "the parcel went to the wrong pickup locker, can you redirect it",
            "can you send the {p} with SF express instead, I need it by {day}",
            "can you stop the parcel, it's on the way to my old address",
            "tracking number for the {p} please, the page shows nothing",
            "the courier says delivered but the {p} isn't here, where did it go",
            "it's been 'out for delivery' since {day}, what's going on with the {p}",
            "can the {p} be delivered on {day} evening instead, nobody's home before 6",
            "which day will order {order} ship? need it before my trip",
            "the driver left a note saying address not found, can you help me get the parcel",
        ],
        "mentions": [
            "the courier was quick last time, the parcel came on {day}",
            "tracking for my other parcel updated fine",
            "the {p} came to the pickup locker ok last month",
            "delivery was no problem before, that's not the issue",
        ],
    },
    "4": {
        "requests": [
            "I want to return the {p}, how do I do it",
            "can I exchange the {p} for the {colour} one",
            "the return for the {p} was picked up on {day}, when does my refund arrive",
            "who pays the return postage for the {p}",
            "can I get an invoice for order {order}, need it for work",
            "the {p} broke after {n} weeks, can you repair it or send a replacement",
            "I sent the {p} back, is the refund done yet",
            "the {p} has a crack, I want my money back",
            "can you send a new {p}? the one I got doesn't turn on",
            "how do I get the return label for the {p}",
            "the exchange for the {p} was approved {n} days ago, when does the new one ship",
            "I want compensation for the broken {p}, it ruined my weekend plans",
        ],
        "mentions": [
            "my refund from last time arrived fine, thanks for that",
            "I returned a {p} here once and it was easy",
            "the invoice from the last order was fine",
            "I exchanged one before, that went smoothly",
        ],
    },
    "5": {
        "requests": [
            "the {p} arrived with a crack on the side",
            "opened the box and one part of the {p} is missing",
            "the {p} looks nothing like the photos, colour is way off",
            "the {p} smells weird, is that normal?",
            "why does the {p} feel so cheap? the listing said premium",
            "the {p} is a size too small even though I followed the chart",
            "the {p} expires next month, that seems really soon",
            "the {p} has a stain on it, looks like someone used it before",
            "the seams on the {p} are coming apart already, is that normal",
            "the {p} is louder than the video showed, kind of disappointed",
            "box was taped twice and the {p} inside has scratches, looks resold",
            "the {p} doesn't match the size on the label at all",
        ],
        "mentions": [
            "the {p} had a small scratch when it came but honestly I don't mind",
            "the colour was a bit off on the last one but it's fine",
            "last time a part was missing but that got sorted",
            "the smell went away after a day, so no issue there",
        ],
    },
    "6": {
        "requests": [
            "why is delivery {fee} yuan to my address",
            "the {p} dropped {amt} yuan a day after I bought it, can I get the difference",
            "is there a coupon for the {p}? it's cheaper on the other app",
            "how much do I need to spend for free shipping",
            "do you do a bulk price if I buy {n} of the {p}",
            "how much is the shipping insurance on the {p}",
            "can I still use the {amt} yuan coupon on order {order}",
            "why is the {p} cheaper in your live stream than on the page",
            "does the member price apply to the {p}",
            "is there a discount if I pay with the app wallet",
            "how much is the {p} with the {colour} option, the price doesn't update",
            "I saw the {p} {amt} yuan cheaper at another shop, can you match that",
        ],
        "mentions": [
            "I used a coupon last time, that was nice",
            "the price was fine, I'm not complaining about that",
            "shipping was free last time, whatever",
            "I saw the discount already, no need to explain it",
        ],
    },
    "7": {
        "requests": [
            "can I talk to a real person please",
            "is there a physical shop I can visit in {city}",
            "how do I join your fan group",
            "how do I turn off the app notifications, they're driving me crazy",
            "I run a small shop in {city}, can we talk about reselling your stuff",
            "how do I send you a video in this chat, it won't upload",
            "when is your next live stream",
            "can you give me the platform's phone number",
            "how do I change the app language to English",
            "do you have a wholesale account for shops",
            "I want to file a complaint with the platform, how",
            "the link you sent doesn't open, can you send it again as a picture",
            "are you open on public holidays? want to visit the {city} store",
        ],
        "mentions": [
            "a human agent helped me last time, no need for that now",
            "I follow your live streams, love them",
            "I joined the fan group ages ago",
            "I sent the photo already, that worked",
        ],
    },
}

# -- attitude_cls: the shop's latest message -------------------------------------------------
ATTITUDE: dict[str, list[str]] = {
    "user_open": [
        "hi, question about the {p}",
        "the {p} I got has a problem",
        "hello?? about my order {order}",
        "the {p} still hasn't arrived",
        "can you help me with the {p}",
        "I want to ask about the size of the {p}",
        "the {p} is not what I expected",
        "hi, the {p} I ordered on {day}",
        "need help, the {p} doesn't work",
        "why is my order {order} so slow",
    ],
    "user_mid": [
        "ok",
        "but why",
        "I already did that",
        "that doesn't help",
        "[User sent an image]",
        "so what now",
        "seriously?",
        "it's been {n} days",
        "I paid {amt} yuan for this",
        "can you check again",
        "hello?",
        "sorry, I'm just confused",
        "I'm not angry, just want it fixed",
        "my daughter needs it for school on {day}",
        "it's the second time this happens",
        "the photo shows it clearly",
        "??",
        "I've been a customer for years",
    ],
    "friendly": [
        "Sorry for the trouble, dear. I've checked order {order}: I can send a new {p} today, "
        "or refund you in full, whichever you prefer.",
        "Thank you for the photo. That's clearly not right, I'm sorry. Let me fix it for you: "
        "a replacement goes out within 24 hours.",
        "I understand, {n} days is a long wait. I've asked the courier to trace it and I'll "
        "message you by tomorrow noon with an update.",
        "No problem at all, I'm happy to explain again. Hold the button for 5 seconds and "
        "the light turns blue; if it doesn't, tell me and we'll try another way together.",
        "Unfortunately we can't change the price after purchase, I'm sorry. What I can do is "
        "add a {amt} yuan coupon to your account for next time, would that help?",
        "You're right, the size chart was confusing, that's on us. I can exchange it for the "
        "next size up and we'll cover the postage.",
        "I'm sorry this has been so frustrating. Let me stay on it with you: could you tell "
        "me the order number so I can look at it right away?",
        "Thanks for your patience, dear 😊 I've found the problem and fixed it on our side, "
        "you should see the update in a few minutes.",
        "I can't promise the courier's time, but I've flagged the parcel as urgent and I'll "
        "follow up myself until it arrives.",
        "Oh no, that's not the experience we want for you. I've refunded the shipping fee "
        "and a new {p} is on its way.",
        "I hear you, and you don't need to apologise. Let's sort the size out together: what "
        "do you usually wear?",
        "Unfortunately the warranty doesn't cover this, but I can offer a repair at cost and "
        "I'll pay the return postage myself.",
        "Thanks for bearing with me 🙏 I've escalated it to my manager and you'll hear from us "
        "today.",
    ],
    "negative": [
        "As I already said, dear, the information is on the page. Please read it properly 😊",
        "Everyone else manages to use the {p} without problems, hehe.",
        "We don't handle that. Contact the courier yourself.",
        "Dear, if you can't wait {n} days maybe online shopping isn't for you.",
        "Thank you SO much for your valuable opinion, we'll be sure to ignore it 🙂",
        "That's not our problem. You chose the size, not us.",
        "Sure, dear, and I'm the queen of England. No refund.",
        "I've answered this three times now. Nothing more I can do, please stop messaging.",
        "Maybe try reading the description before buying next time 😊",
        "It's {amt} yuan, what did you expect for that price?",
        "Unfortunately that's how it is. We can't help, have a nice day.",
        "Wow, {n} messages in a row 🙂 patience is a virtue, dear.",
        "Other customers read the size chart just fine, maybe ask someone to help you.",
        "If you don't like it, don't buy from us again. Simple.",
        "Thanks for the lecture, dear 😊 the answer is still no.",
    ],
    "cs_neutral": [
        "Let me check, one moment please.",
        "Could you send me the order number?",
        "Thanks for waiting.",
        "Hello, how can I help?",
        "Please send a photo of the problem.",
    ],
}

# -- scenario_route: labels A-F --------------------------------------------------------------
ROUTE: dict[str, dict[str, list[str]]] = {
    "A": {
        "requests": [
            "my ad creative for the {p} got rejected in review again, why? the reason just says "
            "'non-compliant'",
            "the promo video was declined for 'exaggerated claims', what exactly do I change "
            "to get the ad through",
            "the ad for the {p} has been in review for {n} days, can you speed it up",
            "why was the banner ad rejected? I used the same picture as last month",
            "the review says my ad has a 'misleading before/after image', which part exactly",
            "second ad for the {p} turned down today, can someone look at it faster, sale starts {day}",
            "I edited the creative like you said and it got rejected again, what now",
        ],
        "mentions": [
            "the ad creative passed review this time, no issue there",
            "my last ad got rejected once but I fixed it",
            "the ad review was quick, that part's fine",
        ],
    },
    "B": {
        "requests": [
            "the check that the {p} listing matches my note is stuck for {n} days, what's "
            "happening",
            "my note was flagged because the linked product 'does not match', but it's the same "
            "{p}, why",
            "how long does the product-note match review take? I attached the {p} listing on {day}",
            "the goods card on my post failed the match check, what does that mean",
            "the tagged SKU and my video are the same {p}, why does the match review say no",
            "can you hurry the listing-to-note check, it's been pending since {day}",
            "the match review result for my note with the {p} link, is it out yet",
        ],
        "mentions": [
            "the product card on my note passed the match check already",
            "the note with the linked {p} listing is fine now",
            "the listing and the post match, that was approved",
        ],
    },
    "C": {
        "requests": [
            "I paid {amt} yuan to promote the {p} and got {n} clicks in a week, why so bad",
            "the campaign spent everything and brought zero orders, I want the spend refunded",
            "exposure on my promoted note is way lower than promised, what's wrong with it",
            "the promotion for the {p} got views but no followers at all, why? is the "
            "targeting wrong",
            "ROI on the {p} boost is terrible, {amt} yuan in and almost nothing out, explain",
            "my boosted post got fewer likes than the normal ones, I want that spend back",
            "impressions dropped by half on day {n} of the campaign, what happened",
        ],
        "mentions": [
            "the results of the last promotion were ok",
            "clicks on the campaign were fine, not asking about that",
            "I'm not complaining about the exposure",
        ],
    },
    "D": {
        "requests": [
            "my daily budget of {amt} yuan was gone by 10am, why is it spending so fast",
            "the campaign has spent 0% in {n} days, is it even running",
            "the promotion ended and {amt} yuan of the budget was never spent, where does it go",
            "why does the budget run out before noon every day? I want it spread over the day",
            "the campaign is live but has only used {n}% of the budget, why so slow",
            "after the promo ended there's still {amt} yuan unspent, do I get it back",
            "spend jumped to the whole budget in 2 hours on {day}, can you explain the pace",
        ],
        "mentions": [
            "the spending pace looks normal now",
            "the budget lasted the whole day this time",
            "pace is fine, that's not it",
        ],
    },
    "E": {
        "requests": [
            "I booked a creator through the collab order for the {p}, the content has been in "
            "platform review {n} days, any update?",
            "the 达人 collaboration order says 'needs revision' after the first round, what does "
            "the review want changed",
            "what's the status of the review on my influencer order {order}",
            "the blogger sent the collab post, can you push the platform review, launch is "
            "on {day}",
            "the KOL content for order {order} failed the first round, why",
            "is the creator's video for our partnership order approved yet? been {n} days",
            "the influencer booking shows 'under review', how long does that take",
        ],
        "mentions": [
            "the collab order with the creator went through review already",
            "the blogger's collab content was approved last week",
            "I'm not asking about the creator collaboration",
        ],
    },
    "F": {
        "requests": [
            "I asked to withdraw my account balance of {amt} yuan {n} days ago, why isn't it in "
            "my bank yet",
            "my balance refund request was rejected, what do I do now",
            "the withdrawal of the leftover ad wallet money is still 'processing', why so slow",
            "I requested the prepaid balance back to my bank on {day}, where is it",
            "the balance withdrawal got bounced with 'account info mismatch', what do I fix",
            "I closed my shop and asked for the {amt} yuan balance back, nothing since {day}",
            "why was my request to move the ad wallet money to my bank declined",
        ],
        "mentions": [
            "my last balance withdrawal came through fine",
            "I'm not withdrawing the balance, just so you know",
            "the wallet refund from before arrived",
        ],
    },
}

# -- query_match: the project's own catalogue, in groups of look-alike questions -------------
CATALOGUE: dict[str, dict[str, list[str]]] = {
    # standard question -> shopper phrasings of it (a group shares its topic's words)
    "refund": {
        "When will the money from my refund reach my account?": [
            "return got picked up {day}, still no money back. how long till it lands",
            "they approved my refund {n} days ago but my bank shows nothing yet",
        ],
        "Why was my refund request turned down?": [
            "asked for a refund on the {p} and got a no, with no reason given",
            "refund request rejected?? what's the reason, the {p} is faulty",
        ],
        "Can I get a refund without sending the item back?": [
            "the {p} is junk, do I really have to post it back to get my money",
            "is it possible to just get the money for the {p} and keep it, postage costs more "
            "than it's worth",
        ],
        "How do I cancel a refund request I made by mistake?": [
            "I hit refund on the {p} by accident, I actually want to keep it. undo?",
            "requested money back but changed my mind, how do I take that back",
        ],
    },
    "delivery": {
        "The parcel says delivered but I have not received it": [
            "app says the {p} was delivered {day} but there's nothing at my door or with the "
            "neighbours",
            "tracking shows signed for, I never signed anything and no parcel",
        ],
        "How can I change the delivery address of a shipped order?": [
            "the {p} is already on its way but I'm moving, can it go to my new flat",
            "shipped to my office by mistake, can I point it to my home now",
        ],
        "Why has my tracking not updated for several days?": [
            "the {p} has been 'in transit' since {day}, no scan at all",
            "no movement on the parcel for {n} days, is it lost or what",
        ],
        "Can I choose a specific delivery time or courier?": [
            "can the {p} come on saturday morning only, I work weekdays",
            "I prefer SF for the {p}, can you use them instead of the default",
        ],
    },
    "account": {
        "How do I change the phone number on my account?": [
            "new sim card, the app keeps texting my old number. how to update it",
            "my login code goes to a number I don't have anymore, how do I swap it",
        ],
        "Why can I not log in to my account?": [
            "keeps saying wrong password even after resetting, can't get in",
            "the app kicks me out every time I try to sign in since {day}",
        ],
        "How do I delete my account permanently?": [
            "I want everything about me gone from the app for good",
            "how do I close my profile completely, not just log out",
        ],
        "How do I turn off marketing messages?": [
            "the app sends me promo texts {n} times a day, make it stop",
            "I keep getting sale notifications, where do I switch them off",
        ],
    },
    "payment": {
        "I was charged twice for one order": [
            "bank shows {amt} yuan taken two times for the same {p}",
            "one order for the {p} but the money went out twice",
        ],
        "Why did my payment fail at checkout?": [
            "card gets declined at checkout every time, it works everywhere else",
            "trying to pay for the {p} and it just says 'payment unsuccessful'",
        ],
        "Can I pay in instalments?": [
            "the {p} is {amt} yuan, can I split that over a few months",
            "is there a way to pay for the {p} bit by bit instead of all at once",
        ],
        "How do I use a coupon on my order?": [
            "I have a {amt} yuan voucher but can't see where to put it when paying",
            "got a discount code from the live stream, where does it go at checkout",
        ],
    },
    "product": {
        "Is this product genuine?": [
            "the {p} is half the price of the brand shop, is it real",
            "how do I know the {p} isn't a copy",
        ],
        "When will an out-of-stock item be available again?": [
            "the {colour} {p} says sold out, coming back at all?",
            "been waiting for the {p} in {colour} for weeks, any restock date",
        ],
        "How do I choose the right size?": [
            "I'm {cm}cm, no idea which {p} size fits",
            "between two sizes for the {p}, which one do I go for",
        ],
        "Does the product come with a warranty?": [
            "if the {p} breaks in a year am I covered",
            "is there any guarantee on the {p} or am I on my own if it stops working",
        ],
    },
    "return": {
        "How do I send back an item I no longer want?": [
            "changed my mind about the {p}, how do I post it back",
            "the {p} isn't for me after all, what are the steps to return it",
        ],
        "Who pays the postage for a return?": [
            "if I send the {p} back do I have to pay the courier",
            "is the shipping back on me or on the shop for the {p}",
        ],
        "Where do I enter the tracking number of my return?": [
            "posted the {p} back, the courier gave me a code, where do I put it in the app",
            "I have the slip number for the returned {p} but no box to type it",
        ],
        "Can I exchange an item for a different size?": [
            "the {p} is too big, can I swap it for a smaller one instead of money back",
            "want the next size down of the {p}, same item",
        ],
    },
    "seller": {
        "How do I contact the seller directly?": [
            "want to ask the shop something about the {p} myself, where's their chat button",
            "is there a way to message the store that sold me the {p}",
        ],
        "The seller is not replying to my messages": [
            "wrote to the {p} shop {n} times since {day}, total silence",
            "the store just ignores me, {n} days no answer about the {p}",
        ],
        "How do I report a seller?": [
            "this shop sold me a fake {p}, where do I flag them to the platform",
            "I want to file something against the store, they were rude about the {p}",
        ],
        "The seller asked me to pay outside the platform": [
            "the shop says I get the {p} cheaper if I transfer to their bank account. legit?",
            "seller sent me a payment QR code in the chat instead of the normal checkout",
        ],
    },
    "membership": {
        "How do I get an invoice for my order?": [
            "need a fapiao for the {p}, company reimburses it",
            "my boss wants a proper receipt with our tax number for order {order}",
        ],
        "How do I cancel my membership?": [
            "don't want the paid plan anymore, where do I stop it renewing",
            "charged {amt} yuan again for the membership, how do I end it",
        ],
        "Why did my points disappear?": [
            "had like {amt}0 points last week and now it's zero??",
            "my reward balance dropped to nothing without me buying anything",
        ],
        "How do I join the membership programme?": [
            "how do I sign up for the member prices I keep seeing",
            "what do I do to become a member, want the free shipping thing",
        ],
    },
}

# -- solution_decision: the eight options (same meanings and texts as the test menus) -------
SOLUTION_OPTIONS: dict[str, str] = {
    "1": "Start a return (shop's fault): file a return for the user when the shop caused the "
    "problem, e.g. a defect, damage or wrong item.",
    "2": "Escalate the ticket: pass the case to senior support when the case is complicated, "
    "the user very upset and nothing else fits.",
    "3": "Transfer to a human: hand over to a live agent when the user asks for a person or "
    "the request goes beyond the assistant.",
    "4": "Reassure and calm the user: acknowledge the frustration and keep the exchange "
    "constructive when nothing new needs to be done.",
    "5": "Chase the case: push the open request (refund, return or delivery) to move faster "
    "and tell the user what will happen next.",
    "6": "Offer coupon compensation: when the user turns down the first solution offered, "
    "give a coupon to make up for the trouble.",
    "7": "Offer cash compensation: when the user has already turned down a coupon, make up for "
    "the trouble by paying cash instead.",
    "8": "Start a return (buyer's reasons): file a return for the user when the reason is "
    "personal, e.g. a changed mind or a dislike.",
}

# -- query_rewrite: vague last messages and their resolved rewrites --------------------------
# Each family: CS introduces named things; the user's last message points at them vaguely;
# the gold names them. Slots: {brand} a model name, {alt} another model, {colour}, {n}.
REWRITE: list[dict[str, list[str] | str]] = [  # "cs", "last": phrasings; "gold", "kind"
    {
        "cs": [
            "We have two versions: the {brand} at {amt} yuan and the {alt}, which is "
            "{amt2} yuan and a bit bigger.",
            "There's the {brand} ({amt} yuan) and the larger {alt} ({amt2} yuan).",
        ],
        "last": ["ok the cheaper one then. does it come in {colour}", "the first one, {colour}?"],
        "gold": "Does the {brand} come in {colour}?",
        "kind": "pick",
    },
    {
        "cs": [
            "Your {p} ({brand}) left our warehouse today with the courier.",
            "Good news, the {brand} {p} was handed to the courier this morning.",
        ],
        "last": ["so when does it get here", "great, how long till it arrives"],
        "gold": "When will my {brand} {p} arrive?",
        "kind": "arrive",
    },
    {
        "cs": [
            "The {brand} {p} is on offer this week.",
            "The {brand} {p} is {amt} yuan at the moment, a special price until {day}.",
        ],
        "last": ["can I get {n} of them", "I'll take {n} then, is that possible"],
        "gold": "Can I order {n} of the {brand} {p}?",
        "kind": "quantity",
    },
    {
        "cs": [
            "I can see your order: the {brand} {p} in {colour2}.",
            "Found it: one {brand} {p}, colour {colour2}, not shipped yet.",
        ],
        "last": ["can you change it to {colour}", "actually {colour} pls, not that one"],
        "gold": "Can you change my {brand} {p} order to {colour}?",
        "kind": "colour",
    },
    {
        "cs": [
            "The {brand} {p} comes with a {n}-year warranty.",
            "Every {brand} {p} is covered by our {n}-year warranty.",
        ],
        "last": ["does that cover water damage", "and if it gets wet, is that covered"],
        "gold": "Does the {n}-year warranty on the {brand} {p} cover water damage?",
        "kind": "warranty",
    },
    {
        "cs": [
            "Sorry, the {brand} {p} in {colour} is sold out at the moment.",
            "The {colour} {brand} {p} is out of stock right now, sorry.",
        ],
        "last": ["when will it be back", "ugh. back when?", "will you get more?"],
        "gold": "When will the {brand} {p} in {colour} be back in stock?",
        "kind": "restock",
    },
    {
        "cs": [
            "Your {brand} {p} is packed and will go to the {city} address on file tomorrow.",
            "The {brand} {p} ships tomorrow to your home address in {city}.",
        ],
        "last": ["can it go to my office instead", "wait, send it to work pls"],
        "gold": "Can my {brand} {p} go to my office instead of the {city} address?",
        "kind": "address",
    },
    {
        "cs": [
            "We can add a free gift card to the {brand} {p} order.",
            "Would you like a gift card with the {brand} {p}? It's free.",
        ],
        "last": ["yes pls, write happy birthday on it", "oh nice, happy birthday on it then"],
        "gold": "Please add a gift card saying happy birthday to my {brand} {p} order.",
        "kind": "gift",
    },
    {
        "cs": [
            "I've emailed you the return label for the {brand} {p}.",
            "The return label for your {brand} {p} is on its way to your email.",
        ],
        "last": ["didnt get it", "nothing came", "not in my inbox"],
        "gold": "I didn't receive the return label email for the {brand} {p}.",
        "kind": "label",
    },
    {
        "cs": [
            "The {brand} runs for {n} hours on one charge; the {alt} runs a bit longer.",
            "Battery: the {brand} lasts {n} hours, the {alt} a little more.",
        ],
        "last": ["is the longer one heavier", "and the second one, heavier?"],
        "gold": "Is the {alt} heavier than the {brand}?",
        "kind": "compare",
    },
]

# -- rag_qa: knowledge topics with parameters the answers compute ----------------------------
RAG_TOPICS: list[str] = [
    "return_window",
    "free_shipping",
    "price_protection",
    "points",
    "warranty",
    "coupon",
    "cancel",
]
"""The rag_qa families (see ``generate._rag_qa``)."""

"""World of ``merchant_promotion``: an ad platform as its merchant-support desk sees it.

State: merchants with an ad balance, their campaigns (budget, bid, targeting, the last
seven days of delivery), category benchmarks, the interest catalogue audiences are
built from, review rules, platform incidents, refunds, tickets and help-centre
articles. The shared ``world.json`` holds what every case shares (benchmarks, interests,
review rules, articles); each case's ``world.patch`` adds its merchant, campaigns and
incidents.

Tools are typed methods: their signature and docstring are the schema the agent sees.
READ tools look, WRITE tools change the episode's own copy of the state. Refusals
(another merchant's campaign, an unknown interest tag, a refund nobody owes) raise
:class:`~ecomstage_env.world.base.ToolError`, which the agent reads as the call's result.

The rules that decide gold are in ``policy.py``; this file only describes the world.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env import ToolCallRecord, ToolError, ToolKind, World, tool
from ecomstage_env.world.base import search_articles

__all__ = [
    "Article",
    "Benchmark",
    "Campaign",
    "Incident",
    "Interest",
    "Merchant",
    "Metrics",
    "PromotionState",
    "PromotionWorld",
    "ReviewRule",
    "Targeting",
    "audience_size",
    "interests_by_tag",
    "rates",
]

ALL_REGIONS = "All regions"
"""A region entry that targets the whole country."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Targeting(_Model):
    """Who a campaign is shown to."""

    regions: list[str] = Field(min_length=1)
    age_min: int = Field(ge=13, le=80)
    age_max: int = Field(ge=13, le=80)
    interests: list[str] = Field(min_length=1)


class Metrics(_Model):
    """Delivery totals over the last seven days."""

    impressions: int = Field(ge=0)
    clicks: int = Field(ge=0)
    conversions: int = Field(ge=0)
    spend: float = Field(ge=0)
    revenue: float = Field(ge=0)


class Campaign(_Model):
    """One ad campaign of a merchant."""

    campaign_id: str = Field(pattern=r"^C-\d{4}$")
    merchant_id: str
    name: str
    product: str
    category: str
    objective: Literal["sales", "traffic", "followers"] = "sales"
    status: Literal["active", "paused", "completed", "rejected"]
    daily_budget: float = Field(gt=0)
    bid: float = Field(gt=0, description="Max cost per click, in yuan.")
    start_date: str
    end_date: str | None = None
    total_budget: float | None = Field(default=None, gt=0)
    total_spent: float = Field(default=0.0, ge=0)
    targeting: Targeting
    metrics_7d: Metrics
    budget_exhausted_at: str | None = Field(
        default=None, pattern=r"^\d{2}:\d{2}$", description="Usual time the budget runs out."
    )
    rejection_code: str | None = None


class Merchant(_Model):
    """A merchant account on the ad platform."""

    merchant_id: str = Field(pattern=r"^M-\d{4}$")
    shop_name: str
    category: str
    ad_balance: float = Field(ge=0)
    tier: Literal["new", "standard", "premium"] = "standard"


class Benchmark(_Model):
    """Typical figures of a product category, used to judge a campaign."""

    category: str
    ctr: float = Field(gt=0, lt=1)
    cvr: float = Field(gt=0, lt=1)
    cpc: float = Field(gt=0)
    roi: float = Field(gt=0)
    suggested_bid_min: float = Field(gt=0)
    suggested_bid_max: float = Field(gt=0)


class Interest(_Model):
    """An interest tag audiences are built from, with the users it reaches nationwide."""

    tag: str
    size: int = Field(gt=0)
    categories: list[str] = Field(min_length=1)


class ReviewRule(_Model):
    """An ad-review rule a creative can break.

    ``phrases`` are ways a reply may name the rule (graded, never shown to agents).
    """

    code: str
    title: str
    text: str
    phrases: list[str] = Field(min_length=1)


class Incident(_Model):
    """A fault on the platform's side that affected a campaign."""

    incident_id: str
    campaign_id: str
    kind: Literal["delivery_outage", "overbilling", "tracking_gap"]
    status: Literal["investigating", "resolved"]
    summary: str
    refundable_amount: float = Field(ge=0)


class Refund(_Model):
    """Ad spend credited back to a merchant's balance."""

    campaign_id: str
    amount: float = Field(gt=0)
    reason: str


class Ticket(_Model):
    """A case handed to a platform specialist."""

    ticket_id: str
    campaign_id: str
    summary: str


class Article(_Model):
    """A help-centre article of the ad platform."""

    article_id: str
    title: str
    text: str
    tags: list[str] = Field(default_factory=list)


class PromotionState(_Model):
    """The whole ad-platform world of one case."""

    merchants: list[Merchant] = Field(default_factory=list)
    campaigns: list[Campaign] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    review_rules: list[ReviewRule] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    refunds: list[Refund] = Field(default_factory=list)
    tickets: list[Ticket] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list, description="Regions that can be targeted.")


def rates(m: Metrics) -> dict[str, float]:
    """CTR, CVR, CPC and ROI of a week's delivery (0 where undefined)."""
    ctr = m.clicks / m.impressions if m.impressions else 0.0
    cvr = m.conversions / m.clicks if m.clicks else 0.0
    cpc = m.spend / m.clicks if m.clicks else 0.0
    roi = m.revenue / m.spend if m.spend else 0.0
    return {"ctr": round(ctr, 4), "cvr": round(cvr, 4), "cpc": round(cpc, 2), "roi": round(roi, 2)}


_INTEREST_INDEX: dict[int, tuple[list[Interest], int, dict[str, Interest]]] = {}
"""Interest catalogues by tag, keyed by the catalogue list's id (the list is held beside
its length when indexed and its index, so the id cannot be reused while the entry
lives)."""

_INDEX_LIMIT = 256
"""Catalogues indexed at most (the oldest is dropped first): one per case state alive."""


def interests_by_tag(state: PromotionState) -> dict[str, Interest]:
    """The state's interest catalogue by tag, built once per catalogue.

    The catalogue is shared state (:attr:`PromotionWorld.shared_state`: no tool changes
    it, and episodes share the list), while reach and category fit are asked for on
    every campaign shown or graded: indexing it on each ask was about 7% of an episode.
    """
    interests = state.interests
    hit = _INTEREST_INDEX.get(id(interests))
    if hit is not None and hit[0] is interests and hit[1] == len(interests):
        return hit[2]
    index = {i.tag: i for i in interests}
    if len(_INTEREST_INDEX) >= _INDEX_LIMIT:
        _INTEREST_INDEX.pop(next(iter(_INTEREST_INDEX)))
    _INTEREST_INDEX[id(interests)] = (interests, len(interests), index)
    return index


def audience_size(state: PromotionState, t: Targeting) -> int:
    """Users a targeting reaches: interest reach x share of regions x share of ages.

    Each region other than "All regions" holds 8% of users (all regions: 100%); an age
    range covers ``(age_max - age_min + 1) / 40`` of them, at most all. Interests not in
    the catalogue reach no one.
    """
    by_tag = interests_by_tag(state)
    reach = sum(by_tag[tag].size for tag in dict.fromkeys(t.interests) if tag in by_tag)
    regions = 1.0 if ALL_REGIONS in t.regions else min(1.0, 0.08 * len(set(t.regions)))
    ages = min(1.0, (t.age_max - t.age_min + 1) / 40)
    return int(round(reach * regions * ages, -3))


def _finite(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise ToolError(f"{name} must be a finite number")


def _known(values: list[str], known: set[str], what: str, hint: str) -> list[str]:
    """The values without repeats, or a ToolError naming the unknown ones."""
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ToolError(f"unknown {what} {unknown}; {hint}")
    if not values:
        raise ToolError(f"{what} must not be empty")
    return list(dict.fromkeys(values))


class PromotionWorld(World[PromotionState]):
    """The ad platform as a support agent sees it, scoped to the logged-in merchant."""

    state_model = PromotionState
    shared_state = ("benchmarks", "interests", "review_rules", "articles", "regions")

    # -- helpers ---------------------------------------------------------------------
    def campaign(self, campaign_id: str) -> Campaign:
        """The merchant's campaign ``campaign_id`` (refusing other merchants' campaigns)."""
        for c in self.state.campaigns:
            if c.campaign_id == campaign_id:
                owner = self.refs.get("merchant_id")
                if owner is not None and c.merchant_id != owner:
                    raise ToolError(f"campaign {campaign_id} does not belong to merchant {owner}")
                return c
        raise ToolError(f"no campaign with id {campaign_id!r}")

    def benchmark(self, category: str) -> Benchmark:
        """The benchmark of a category (case- and space-insensitive)."""
        for b in self.state.benchmarks:
            if b.category.lower() == category.strip().lower():
                return b
        known = ", ".join(b.category for b in self.state.benchmarks)
        raise ToolError(f"no benchmark for category {category!r}; known: {known}")

    def owed(self, campaign_id: str) -> float:
        """What resolved incidents of a campaign owe, less refunds already paid."""
        due = sum(
            i.refundable_amount
            for i in self.state.incidents
            if i.campaign_id == campaign_id and i.status == "resolved"
        )
        return round(due - self.refunded(campaign_id), 2)

    def refunded(self, campaign_id: str) -> float:
        """Refunds paid so far for a campaign."""
        return round(sum(r.amount for r in self.state.refunds if r.campaign_id == campaign_id), 2)

    def relevant(self, c: Campaign) -> bool:
        """Whether every interest of a campaign's audience fits its category."""
        by_tag = interests_by_tag(self.state)
        return all(
            tag in by_tag and c.category in by_tag[tag].categories for tag in c.targeting.interests
        )

    def _active(self, campaign_id: str) -> Campaign:
        c = self.campaign(campaign_id)
        if c.status != "active":
            raise ToolError(f"campaign {campaign_id} is {c.status}; only active ones can change")
        return c

    # -- READ --------------------------------------------------------------------------
    @tool(ToolKind.READ)
    def get_account(self, merchant_id: str) -> dict[str, Any]:
        """Look up a merchant's ad account: shop name, category, ad balance and tier.

        Args:
            merchant_id: Merchant id, e.g. M-9001.
        """
        owner = self.refs.get("merchant_id")
        if owner is not None and merchant_id != owner:
            raise ToolError(f"you can only look up the logged-in merchant {owner}")
        for m in self.state.merchants:
            if m.merchant_id == merchant_id:
                return m.model_dump()
        raise ToolError(f"no merchant with id {merchant_id!r}")

    @tool(ToolKind.READ)
    def list_campaigns(self, merchant_id: str) -> list[dict[str, Any]]:
        """List a merchant's campaigns with id, name, product, category, status and dates.

        Args:
            merchant_id: Merchant id, e.g. M-9001.
        """
        self.get_account(merchant_id)
        keys = ("campaign_id", "name", "product", "category", "status", "start_date", "end_date")
        return [
            {k: getattr(c, k) for k in keys}
            for c in self.state.campaigns
            if c.merchant_id == merchant_id
        ]

    @tool(ToolKind.READ)
    def get_campaign(self, campaign_id: str) -> dict[str, Any]:
        """Get a campaign's settings: status, budget, bid, targeting and audience size, review result.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        c = self.campaign(campaign_id)
        out = c.model_dump(exclude={"metrics_7d", "budget_exhausted_at", "rejection_code"})
        out["audience_size"] = audience_size(self.state, c.targeting)
        if c.rejection_code is not None:
            rule = next((r for r in self.state.review_rules if r.code == c.rejection_code), None)
            out["review_result"] = {
                "rejected_for": rule.title if rule else c.rejection_code,
                "rule": rule.text if rule else "",
            }
        return out

    def rule(self, code: str | None) -> ReviewRule:
        """The review rule of a code."""
        for r in self.state.review_rules:
            if r.code == code:
                return r
        raise ToolError(f"no review rule {code!r}")

    @tool(ToolKind.READ)
    def get_campaign_metrics(self, campaign_id: str) -> dict[str, Any]:
        """Get a campaign's last 7 days: impressions, clicks, orders, spend, revenue, CTR, CVR, ROI, pacing.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        c = self.campaign(campaign_id)
        m = c.metrics_7d
        out: dict[str, Any] = {"campaign_id": campaign_id, **m.model_dump(), **rates(m)}
        out["daily_budget"] = c.daily_budget
        out["budget_used_share"] = round(m.spend / (7 * c.daily_budget), 2)
        out["budget_exhausted_at"] = c.budget_exhausted_at
        if c.total_budget is not None:
            out["total_budget"] = c.total_budget
            out["total_spent"] = c.total_spent
        return out

    @tool(ToolKind.READ)
    def get_category_benchmark(self, category: str) -> dict[str, Any]:
        """Get typical CTR, CVR, CPC, ROI and the suggested bid range of a product category.

        Args:
            category: Product category, as in the campaign's settings.
        """
        return self.benchmark(category).model_dump()

    @tool(ToolKind.READ)
    def get_incidents(self, campaign_id: str) -> dict[str, Any]:
        """List platform-side incidents (outages, billing errors) that affected a campaign, and refunds paid.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        self.campaign(campaign_id)
        return {
            "campaign_id": campaign_id,
            "incidents": [
                i.model_dump() for i in self.state.incidents if i.campaign_id == campaign_id
            ],
            "refunded_so_far": self.refunded(campaign_id),
        }

    @tool(ToolKind.READ)
    def list_interests(self, category: str) -> list[dict[str, Any]]:
        """List the interest tags that fit a product category, with the users each reaches nationwide.

        Args:
            category: Product category, as in the campaign's settings.
        """
        self.benchmark(category)
        name = category.strip().lower()
        return [
            {"tag": i.tag, "users": i.size}
            for i in self.state.interests
            if name in (c.lower() for c in i.categories)
        ]

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, str]]:
        """Search the ad platform's help-centre articles; returns the three best matches.

        Args:
            query: What to look for, in a few words.
        """
        return search_articles(self.state.articles, query)

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE)
    def update_bid(self, campaign_id: str, bid: float) -> dict[str, Any]:
        """Set a campaign's max cost per click.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            bid: New bid in yuan, between 0.1 and 50.
        """
        _finite("bid", bid)
        if not 0.1 <= bid <= 50:
            raise ToolError("bid must be between 0.1 and 50 yuan")
        c = self._active(campaign_id)
        old, c.bid = c.bid, round(bid, 2)
        return {"campaign_id": campaign_id, "old_bid": old, "bid": c.bid}

    @tool(ToolKind.WRITE)
    def update_daily_budget(self, campaign_id: str, daily_budget: float) -> dict[str, Any]:
        """Set a campaign's daily budget (support does this only when the merchant asks or agrees).

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            daily_budget: New daily budget in yuan, between 50 and 100000.
        """
        _finite("daily_budget", daily_budget)
        if not 50 <= daily_budget <= 100_000:
            raise ToolError("daily budget must be between 50 and 100000 yuan")
        c = self._active(campaign_id)
        old, c.daily_budget = c.daily_budget, round(daily_budget, 2)
        return {"campaign_id": campaign_id, "old_daily_budget": old, "daily_budget": c.daily_budget}

    @tool(ToolKind.WRITE)
    def update_targeting(
        self,
        campaign_id: str,
        interests: list[str] | None = None,
        regions: list[str] | None = None,
        age_min: int | None = None,
        age_max: int | None = None,
    ) -> dict[str, Any]:
        """Change who a campaign is shown to; omitted settings stay as they are.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            interests: Interest tags from list_interests (replaces the current ones).
            regions: Provincial regions to target (e.g. Zhejiang), or ["All regions"].
            age_min: Youngest age to target (13-80).
            age_max: Oldest age to target (13-80).
        """
        c = self._active(campaign_id)
        t = c.targeting.model_copy()
        if interests is not None:
            known = {i.tag for i in self.state.interests}
            t.interests = _known(interests, known, "interest tags", "list_interests shows them")
        if regions is not None:
            known = {*self.state.regions, ALL_REGIONS}
            hint = f"use {ALL_REGIONS!r} or a provincial region"
            t.regions = _known(regions, known, "regions", hint)
        if age_min is not None:
            t.age_min = age_min
        if age_max is not None:
            t.age_max = age_max
        if not 13 <= t.age_min <= t.age_max <= 80:
            raise ToolError("ages must satisfy 13 <= age_min <= age_max <= 80")
        c.targeting = t
        return {
            "campaign_id": campaign_id,
            "targeting": t.model_dump(),
            "audience_size": audience_size(self.state, t),
        }

    @tool(ToolKind.WRITE, free_args=("reason",))
    def pause_campaign(self, campaign_id: str, reason: str) -> dict[str, Any]:
        """Pause an active campaign.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            reason: Why it is paused, in a sentence.
        """
        c = self._active(campaign_id)
        c.status = "paused"
        return {"campaign_id": campaign_id, "status": "paused", "reason": reason}

    @tool(ToolKind.WRITE, free_args=("reason",))
    def issue_refund(self, campaign_id: str, amount: float, reason: str) -> dict[str, Any]:
        """Credit ad spend back to the merchant's balance for a resolved platform incident.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            amount: Amount in yuan; at most what the resolved incidents still owe.
            reason: Why the refund is due, in a sentence.
        """
        _finite("amount", amount)
        c = self.campaign(campaign_id)
        owed = self.owed(campaign_id)
        if amount <= 0 or amount > owed + 1e-9 or round(amount, 2) <= 0:
            raise ToolError(f"refund of {amount} refused: resolved incidents owe {owed:.2f} yuan")
        refund = Refund(campaign_id=campaign_id, amount=round(amount, 2), reason=reason)
        self.state.refunds.append(refund)
        for m in self.state.merchants:
            if m.merchant_id == c.merchant_id:
                m.ad_balance = round(m.ad_balance + refund.amount, 2)
        return {**refund.model_dump(), "status": "credited to ad balance"}

    @tool(ToolKind.WRITE, free_args=("summary",))
    def escalate_to_specialist(self, campaign_id: str, summary: str) -> dict[str, Any]:
        """Open a ticket for a platform specialist; they reply to the merchant within 24 hours.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            summary: What the specialist must look at, in a sentence or two.
        """
        self.campaign(campaign_id)
        ticket = Ticket(
            ticket_id=f"T-{len(self.state.tickets) + 1:04d}",
            campaign_id=campaign_id,
            summary=summary,
        )
        self.state.tickets.append(ticket)
        return {**ticket.model_dump(), "status": "open", "reply_within_hours": 24}

    # -- grading hooks -----------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """Facts a lookup revealed, named ``<campaign>:<fact>`` or ``benchmark:<category>``.

        ``get_campaign`` reveals status, bid, budget, targeting and review; the metrics
        reveal delivery (pace, rates, lifetime spend); ``list_campaigns`` reveals each
        campaign's status; ``get_incidents`` the incidents and refunds.
        """
        args, name = call.arguments, call.name
        cid = str(args.get("campaign_id", ""))
        if name == "get_campaign":
            return frozenset(
                f"{cid}:{f}" for f in ("status", "bid", "targeting", "review", "lifetime")
            )
        if name == "get_campaign_metrics":
            return frozenset({f"{cid}:delivery", f"{cid}:lifetime"})
        if name == "get_incidents":
            return frozenset({f"{cid}:incidents"})
        if name == "list_campaigns" and isinstance(call.result, list):
            return frozenset(f"{c['campaign_id']}:status" for c in call.result)
        if name == "get_category_benchmark" and isinstance(call.result, dict):
            return frozenset({f"benchmark:{call.result.get('category')}"})
        return frozenset({name})

    def outcome(self) -> dict[str, Any]:
        """What a decision can change, per campaign: status, bid, budget, audience, refunds, tickets.

        The audience is its size and whether it still fits the category, not the tags
        chosen: any relevant targeting that reaches the size the policy asks for counts.
        """
        out: dict[str, Any] = {}
        for c in self.state.campaigns:
            k = c.campaign_id
            out[f"{k}.status"] = c.status
            out[f"{k}.bid"] = c.bid
            out[f"{k}.daily_budget"] = c.daily_budget
            out[f"{k}.audience_size"] = audience_size(self.state, c.targeting)
            out[f"{k}.audience_fits_category"] = self.relevant(c)
            out[f"{k}.refunded"] = self.refunded(k)
            out[f"{k}.tickets"] = sum(1 for t in self.state.tickets if t.campaign_id == k)
        return out

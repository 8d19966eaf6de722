"""World of the ``merchant_promotion`` scenario: an ad platform seen by a merchant.

State: merchants with an ad balance, their ad campaigns (budget, bid, targeting, the
last seven days of delivery), category benchmarks, incidents on the platform's side,
and help-centre articles. Tools: READ lookups and WRITE changes a support agent may
make. :func:`recommend` is the platform's support policy: from the world alone it
derives the decision, the lookups needed to reach it, and the writes that carry it out.
Case annotations are checked against it.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env.data.schema import Case
from ecomstage_env.stages import Stage, ToolCall
from ecomstage_env.world.base import ToolError, ToolKind, World, tool

__all__ = [
    "DECISION_CODES",
    "ROUTES_FOR_DECISION",
    "Article",
    "Benchmark",
    "Campaign",
    "Incident",
    "Merchant",
    "PromotionState",
    "PromotionWorld",
    "Recommendation",
    "Targeting",
    "recommend",
]

DECISION_CODES: dict[str, str] = {
    "raise_bid": "Raise the bid into the category's suggested range.",
    "raise_budget": "Raise the daily budget (it runs out early while returns are good).",
    "broaden_targeting": "Widen a too-narrow audience.",
    "narrow_targeting": "Tighten a too-broad audience that clicks but does not buy.",
    "pause_campaign": "Pause a campaign that loses money.",
    "refund_fault": "Refund spend lost to a confirmed platform fault.",
    "escalate": "Hand over to a specialist (a platform fault is still being investigated).",
    "revise_creative": "Explain the rejection and how to fix the creative; nothing to change.",
    "explain_unspent": "Explain that unspent budget of a finished campaign returns to balance.",
    "explain_no_refund": "Delivery is normal and there is no fault: explain, no refund.",
}
"""Decision codes of the support policy and what each means."""

ROUTES_FOR_DECISION: dict[str, frozenset[str]] = {
    "raise_bid": frozenset("CD"),
    "raise_budget": frozenset("D"),
    "broaden_targeting": frozenset("CD"),
    "narrow_targeting": frozenset("CD"),
    "pause_campaign": frozenset("CD"),
    "refund_fault": frozenset("CD"),
    "escalate": frozenset("CD"),
    "revise_creative": frozenset("A"),
    "explain_unspent": frozenset("DF"),
    "explain_no_refund": frozenset("CD"),
}
"""Paper routes (A-F) a case may carry for each decision; the route itself is annotated."""

EARLY_EXHAUSTION = "15:00"
"""A daily budget that runs out before this time is 'spending too fast'."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Targeting(_Model):
    """Who a campaign is shown to."""

    regions: list[str]
    age_min: int = Field(ge=13, le=80)
    age_max: int = Field(ge=13, le=80)
    interests: list[str]
    audience_size: int = Field(ge=0, description="Estimated reachable users.")


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
    objective: Literal["sales", "traffic", "followers"]
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
    rejection_reason: str | None = None


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


class Incident(_Model):
    """A fault on the platform's side that affected a campaign."""

    incident_id: str
    campaign_id: str
    kind: Literal["delivery_outage", "overbilling", "tracking_gap"]
    status: Literal["investigating", "resolved"]
    summary: str
    refundable_amount: float = Field(ge=0)


class Article(_Model):
    """A help-centre article of the ad platform."""

    article_id: str
    title: str
    text: str
    tags: list[str] = Field(default_factory=list)


class PromotionState(_Model):
    """The whole ad-platform world."""

    merchants: list[Merchant]
    campaigns: list[Campaign]
    benchmarks: list[Benchmark]
    incidents: list[Incident] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    refunds: list[dict[str, Any]] = Field(default_factory=list)
    tickets: list[dict[str, Any]] = Field(default_factory=list)


class Recommendation(BaseModel):
    """What the support policy prescribes for a campaign.

    Attributes:
        decision: One of :data:`DECISION_CODES`.
        lookups: READ calls needed to reach the decision, in order.
        writes: WRITE calls that carry it out (representative argument values).
        arg_ranges: Per write, the accepted range of numeric arguments.
        why: The rule that fired, in words.
    """

    decision: str
    lookups: list[ToolCall]
    writes: list[ToolCall]
    arg_ranges: list[dict[str, tuple[float, float]]]
    why: str


def _rates(m: Metrics) -> dict[str, float]:
    ctr = m.clicks / m.impressions if m.impressions else 0.0
    cvr = m.conversions / m.clicks if m.clicks else 0.0
    cpc = m.spend / m.clicks if m.clicks else 0.0
    roi = m.revenue / m.spend if m.spend else 0.0
    return {"ctr": round(ctr, 4), "cvr": round(cvr, 4), "cpc": round(cpc, 2), "roi": round(roi, 2)}


def recommend(state: PromotionState, campaign_id: str) -> Recommendation:
    """Apply the platform's support policy to one campaign.

    Rules, first match wins: a rejected campaign gets creative advice; a finished
    campaign with budget left gets the unspent-budget explanation; an incident under
    investigation is escalated; money owed by resolved incidents (less refunds already
    paid) is refunded; a campaign that is not active needs no change; an active
    campaign whose budget runs out before 15:00 at or above benchmark ROI gets more
    budget; a bid below the suggested range with under 60% of budget spent is raised;
    an audience under 300k with under 60% spent is widened; good CTR with CVR under 60%
    of benchmark on an audience over 3M is narrowed; ROI under 1 with at least 60%
    spent is paused; otherwise delivery is normal and no refund is due.

    Args:
        state: The world.
        campaign_id: The campaign the merchant asks about.

    Returns:
        The policy's decision, lookups and writes.

    Raises:
        KeyError: Unknown campaign or missing benchmark.
    """
    c = next(c for c in state.campaigns if c.campaign_id == campaign_id)
    cid = {"campaign_id": campaign_id}
    metrics = ToolCall(name="get_campaign_metrics", arguments=cid)
    incidents = ToolCall(name="get_incidents", arguments=cid)
    bench_call = ToolCall(name="get_category_benchmark", arguments={"category": c.category})

    def rec(decision: str, lookups: list[ToolCall], why: str, *writes: Any) -> Recommendation:
        calls = [ToolCall(name=n, arguments={**cid, **a}) for n, a, _ in writes]
        ranges = [r for _, _, r in writes]
        return Recommendation(
            decision=decision, lookups=lookups, writes=calls, arg_ranges=ranges, why=why
        )

    if c.status == "rejected":
        return rec(
            "revise_creative",
            [ToolCall(name="get_campaign", arguments=cid)],
            f"campaign rejected in review: {c.rejection_reason}",
        )
    if c.status == "completed":
        left = (c.total_budget or 0.0) - c.total_spent
        if left > 0:
            return rec(
                "explain_unspent",
                [metrics, ToolCall(name="get_campaign", arguments=cid)],
                f"finished with {left:.2f} yuan unspent, returned to balance",
            )
    own = [i for i in state.incidents if i.campaign_id == campaign_id]
    open_ = [i for i in own if i.status == "investigating"]
    if open_:
        return rec(
            "escalate",
            [metrics, incidents],
            f"incident {open_[0].incident_id} still under investigation",
            ("escalate_to_specialist", {"summary": open_[0].summary}, {}),
        )
    owed = round(
        sum(i.refundable_amount for i in own)
        - sum(r["amount"] for r in state.refunds if r["campaign_id"] == campaign_id),
        2,
    )
    if owed > 0:
        ids = ", ".join(i.incident_id for i in own if i.refundable_amount > 0)
        return rec(
            "refund_fault",
            [metrics, incidents],
            f"resolved incident(s) {ids} owe {owed:.2f} yuan",
            ("issue_refund", {"amount": owed, "reason": own[0].summary}, {}),
        )
    if c.status != "active":
        return rec(
            "explain_no_refund", [metrics, incidents], f"campaign is {c.status}; nothing to change"
        )
    bench = next(b for b in state.benchmarks if b.category == c.category)
    r = _rates(c.metrics_7d)
    looked = [metrics, incidents, bench_call]
    spent_share = c.metrics_7d.spend / (7 * c.daily_budget)
    t = c.targeting
    if c.budget_exhausted_at and c.budget_exhausted_at < EARLY_EXHAUSTION and r["roi"] >= bench.roi:
        target = round(c.daily_budget * 1.5, 2)
        return rec(
            "raise_budget",
            looked,
            f"budget runs out at {c.budget_exhausted_at} with ROI {r['roi']} >= {bench.roi}",
            (
                "update_daily_budget",
                {"daily_budget": target},
                {"daily_budget": (round(c.daily_budget * 1.2, 2), round(c.daily_budget * 3, 2))},
            ),
        )
    if c.bid < bench.suggested_bid_min and spent_share < 0.6:
        target = round((bench.suggested_bid_min + bench.suggested_bid_max) / 2, 2)
        return rec(
            "raise_bid",
            looked,
            f"bid {c.bid} below suggested {bench.suggested_bid_min}, {spent_share:.0%} spent",
            (
                "update_bid",
                {"bid": target},
                {"bid": (bench.suggested_bid_min, bench.suggested_bid_max)},
            ),
        )
    if t.audience_size < 300_000 and spent_share < 0.6:
        return rec(
            "broaden_targeting",
            looked,
            f"audience of {t.audience_size} is too narrow, {spent_share:.0%} spent",
            ("update_targeting", {"interests": [*t.interests, "(broader interests)"]}, {}),
        )
    if r["ctr"] >= 0.8 * bench.ctr and r["cvr"] < 0.6 * bench.cvr and t.audience_size > 3_000_000:
        return rec(
            "narrow_targeting",
            looked,
            f"CTR {r['ctr']} fine but CVR {r['cvr']} < 60% of {bench.cvr} on a broad audience",
            ("update_targeting", {"interests": t.interests[:1]}, {}),
        )
    if r["roi"] < 1.0 and spent_share >= 0.6:
        return rec(
            "pause_campaign",
            looked,
            f"ROI {r['roi']} below 1 with {spent_share:.0%} of budget spent",
            ("pause_campaign", {"reason": "spend exceeds revenue"}, {}),
        )
    return rec("explain_no_refund", looked, "delivery in line with benchmark, no platform fault")


class PromotionWorld(World[PromotionState]):
    """The ad platform as a support agent sees it, scoped to the logged-in merchant."""

    state_model = PromotionState

    # -- helpers ---------------------------------------------------------------------
    def _campaign(self, campaign_id: str) -> Campaign:
        for c in self.state.campaigns:
            if c.campaign_id == campaign_id:
                owner = self.refs.get("merchant_id")
                if owner is not None and c.merchant_id != owner:
                    raise ToolError(f"campaign {campaign_id} does not belong to merchant {owner}")
                return c
        raise ToolError(f"no campaign with id {campaign_id!r}")

    def _active(self, campaign_id: str) -> Campaign:
        c = self._campaign(campaign_id)
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
        """List a merchant's campaigns with id, name, product, status and dates.

        Args:
            merchant_id: Merchant id, e.g. M-9001.
        """
        self.get_account(merchant_id)
        return [
            {
                "campaign_id": c.campaign_id,
                "name": c.name,
                "product": c.product,
                "status": c.status,
                "start_date": c.start_date,
                "end_date": c.end_date,
            }
            for c in self.state.campaigns
            if c.merchant_id == merchant_id
        ]

    @tool(ToolKind.READ)
    def get_campaign(self, campaign_id: str) -> dict[str, Any]:
        """Get a campaign's settings: budget, bid, targeting, status and review result.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        c = self._campaign(campaign_id)
        return c.model_dump(exclude={"metrics_7d", "budget_exhausted_at"})

    @tool(ToolKind.READ)
    def get_campaign_metrics(self, campaign_id: str) -> dict[str, Any]:
        """Get a campaign's delivery over the last 7 days with CTR, CVR, CPC, ROI and pacing.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        c = self._campaign(campaign_id)
        m = c.metrics_7d
        out: dict[str, Any] = {"campaign_id": campaign_id, **m.model_dump(), **_rates(m)}
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
        for b in self.state.benchmarks:
            if b.category.lower() == category.strip().lower():
                return b.model_dump()
        known = ", ".join(b.category for b in self.state.benchmarks)
        raise ToolError(f"no benchmark for category {category!r}; known: {known}")

    @tool(ToolKind.READ)
    def get_incidents(self, campaign_id: str) -> list[dict[str, Any]]:
        """List platform-side incidents (outages, billing errors) that affected a campaign.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
        """
        self._campaign(campaign_id)
        return [i.model_dump() for i in self.state.incidents if i.campaign_id == campaign_id]

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, str]]:
        """Search the ad platform's help-centre articles; returns the three best matches.

        Args:
            query: What to look for, in a few words.
        """
        words = set(re.findall(r"\w+", query.lower()))
        if not words:
            raise ToolError("query is empty")

        def overlap(a: Article) -> int:
            text = f"{a.title} {a.text} {' '.join(a.tags)}".lower()
            return len(words & set(re.findall(r"\w+", text)))

        ranked = sorted(self.state.articles, key=lambda a: (-overlap(a), a.article_id))
        return [
            {"article_id": a.article_id, "title": a.title, "text": a.text}
            for a in ranked[:3]
            if overlap(a) > 0
        ]

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE)
    def update_bid(self, campaign_id: str, bid: float) -> dict[str, Any]:
        """Set a campaign's max cost per click.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            bid: New bid in yuan, between 0.1 and 50.
        """
        if not 0.1 <= bid <= 50:
            raise ToolError("bid must be between 0.1 and 50 yuan")
        c = self._active(campaign_id)
        old, c.bid = c.bid, bid
        return {"campaign_id": campaign_id, "old_bid": old, "bid": bid}

    @tool(ToolKind.WRITE)
    def update_daily_budget(self, campaign_id: str, daily_budget: float) -> dict[str, Any]:
        """Set a campaign's daily budget.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            daily_budget: New daily budget in yuan, at least 50.
        """
        if daily_budget < 50:
            raise ToolError("daily budget must be at least 50 yuan")
        c = self._active(campaign_id)
        old, c.daily_budget = c.daily_budget, daily_budget
        return {"campaign_id": campaign_id, "old_daily_budget": old, "daily_budget": daily_budget}

    @tool(ToolKind.WRITE, free_args=("interests", "regions", "age_min", "age_max"))
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
            interests: Interest tags to target.
            regions: Regions to target.
            age_min: Youngest age to target (13-80).
            age_max: Oldest age to target (13-80).
        """
        c = self._active(campaign_id)
        t = c.targeting.model_copy()
        if interests is not None:
            t.interests = interests
        if regions is not None:
            t.regions = regions
        if age_min is not None:
            t.age_min = age_min
        if age_max is not None:
            t.age_max = age_max
        if not 13 <= t.age_min <= t.age_max <= 80:
            raise ToolError("ages must satisfy 13 <= age_min <= age_max <= 80")
        c.targeting = t
        return {"campaign_id": campaign_id, "targeting": t.model_dump(exclude={"audience_size"})}

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
        """Refund ad spend to the merchant's balance for a resolved platform incident.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            amount: Amount in yuan; at most what the resolved incidents owe.
            reason: Why the refund is due, in a sentence.
        """
        c = self._campaign(campaign_id)
        owed = sum(
            i.refundable_amount
            for i in self.state.incidents
            if i.campaign_id == campaign_id and i.status == "resolved"
        )
        paid = sum(r["amount"] for r in self.state.refunds if r["campaign_id"] == campaign_id)
        if amount <= 0 or amount > owed - paid + 1e-9:
            raise ToolError(
                f"refund of {amount} refused: resolved incidents owe {owed - paid:.2f} yuan"
            )
        refund = {"campaign_id": campaign_id, "amount": amount, "reason": reason}
        self.state.refunds.append(refund)
        for m in self.state.merchants:
            if m.merchant_id == c.merchant_id:
                m.ad_balance = round(m.ad_balance + amount, 2)
        return {**refund, "status": "credited to ad balance"}

    @tool(ToolKind.WRITE, free_args=("summary",))
    def escalate_to_specialist(self, campaign_id: str, summary: str) -> dict[str, Any]:
        """Open a ticket for a platform specialist; they reply to the merchant within 24 h.

        Args:
            campaign_id: Campaign id, e.g. C-9001.
            summary: What the specialist must look at, in a sentence or two.
        """
        self._campaign(campaign_id)
        ticket = {
            "ticket_id": f"T-{len(self.state.tickets) + 1:04d}",
            "campaign_id": campaign_id,
            "summary": summary,
        }
        self.state.tickets.append(ticket)
        return {**ticket, "status": "open", "reply_within_hours": 24}

    # -- policy --------------------------------------------------------------------------
    def check_case(self, case: Case) -> list[str]:
        """Check a case's gold decision, lookups, writes and route against :func:`recommend`.

        Args:
            case: A merchant_promotion case.

        Returns:
            Problems found, in words.
        """
        problems: list[str] = []
        merchant = case.world_refs.get("merchant_id")
        cid = case.world_refs.get("campaign_id")
        if not any(m.merchant_id == merchant for m in self.state.merchants):
            return [f"world_refs.merchant_id {merchant!r} is not in the world"]
        try:
            camp = self._campaign(str(cid))
        except ToolError as e:
            return [f"world_refs.campaign_id: {e}"]
        rec = recommend(self.state, camp.campaign_id)
        action = case.gold.get(Stage.ACTION, {})
        planning = case.gold.get(Stage.PLANNING, {})
        menu = {o.id: o.code for o in case.options.get("decision", [])}
        codes = list(menu.values())
        if rec.decision not in codes:
            problems.append(f"the menu lacks the policy decision {rec.decision!r} ({rec.why})")
        if len(set(codes)) != len(codes):
            problems.append("options.decision repeats a code")
        bad = [c for c in codes if c not in DECISION_CODES]
        if bad:
            problems.append(f"options.decision has unknown codes {bad}")
        chosen = menu.get(str(action.get("decision")))
        if chosen != rec.decision:
            problems.append(
                f"gold.action.decision {action.get('decision')!r} is {chosen!r} but policy "
                f"says {rec.decision!r} ({rec.why})"
            )
        route = planning.get("route")
        if route not in ROUTES_FOR_DECISION[rec.decision]:
            allowed = "/".join(sorted(ROUTES_FOR_DECISION[rec.decision]))
            problems.append(
                f"gold.planning.route {route!r} does not fit {rec.decision!r} ({allowed})"
            )
        lookups = [ToolCall.model_validate(x) for x in planning.get("lookups", [])]
        want = [(x.name, x.arguments) for x in rec.lookups]
        if [(x.name, x.arguments) for x in lookups] != want:
            problems.append(f"gold.planning.lookups should be {want}")
        writes = [ToolCall.model_validate(x) for x in action.get("writes", [])]
        if [w.name for w in writes] != [w.name for w in rec.writes]:
            problems.append(f"gold.action.writes should call {[w.name for w in rec.writes]}")
        ranges = case.grading.get("action.writes", {}).get("arg_ranges", [{} for _ in writes])
        want_ranges = [{k: list(v) for k, v in r.items()} for r in rec.arg_ranges]
        if [{k: list(v) for k, v in r.items()} for r in ranges] != want_ranges:
            problems.append(f"grading['action.writes'].arg_ranges should be {want_ranges}")
        for w, r in zip(writes, rec.arg_ranges, strict=False):
            if w.arguments.get("campaign_id") != camp.campaign_id:
                problems.append(f"gold write {w.name} names another campaign")
            for arg, (lo, hi) in r.items():
                if not lo <= float(w.arguments.get(arg, float("nan"))) <= hi:
                    problems.append(f"gold write {w.name}.{arg} outside [{lo}, {hi}]")
        entities = case.gold.get(Stage.PERCEPTION, {}).get("entities", {})
        if entities.get("campaign_id") != camp.campaign_id:
            problems.append("gold.perception.entities.campaign_id differs from world_refs")
        return problems

"""World of ``merchant_account``: a merchant's account desk on an e-commerce platform.

State: merchants with an account balance (the ad wallet and prepaid funds), amounts frozen
on it (pending ad charges, collaboration escrow, dispute holds), a verified bank account
or not and overdue invoices; their balance refund requests (withdrawals to the bank) with
status, submission date, rejection reason and the account checks recorded when they were
submitted; their creator-collaboration orders (a creator, the content made for the
order, the platform's review of that content, the automatic content checks, resubmissions
and a revised draft waiting to be sent); review rules, tickets, appeals and help-centre
articles. The shared ``world.json`` holds the date, the review rules and the articles;
each case's ``world.patch`` adds its merchant, requests and orders.

Tools are typed methods: their signature and docstring are the schema the agent sees.
READ tools look, WRITE tools change the episode's own copy of the state. Refusals (another
merchant's record, an unknown id, an amount above what can be withdrawn) raise
:class:`~ecomstage_env.world.base.ToolError`, which the agent reads as the call's result.
The tools enforce what the platform enforces (statuses, amounts, limits); the support
policy (when to expedite, appeal or resubmit) is in ``policy.py``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env import ToolCallRecord, ToolError, ToolKind, World, tool
from ecomstage_env.world.base import search_articles

__all__ = [
    "APPEAL_WINDOW_DAYS",
    "MIN_REFUND",
    "PROCESSING_WINDOW",
    "RESUBMISSION_LIMIT",
    "REVIEW_WINDOW",
    "AccountState",
    "AccountWorld",
    "Appeal",
    "Article",
    "BalanceRequest",
    "CollabOrder",
    "ContentChecks",
    "FrozenAmount",
    "Merchant",
    "ReviewRule",
    "SubmissionChecks",
    "Ticket",
    "business_days_between",
]

PROCESSING_WINDOW = 5
"""Business days a balance refund request may take (help centre KB-A1)."""
REVIEW_WINDOW = 3
"""Business days the review of collaboration content may take (KB-A4)."""
APPEAL_WINDOW_DAYS = 7
"""Calendar days after a rejection during which it can be appealed (KB-A6)."""
RESUBMISSION_LIMIT = 2
"""Resubmissions of one collaboration order's content (KB-A5)."""
MIN_REFUND = 100.0
"""Smallest balance refund request, in yuan (KB-A2)."""

_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FrozenAmount(_Model):
    """Part of the balance that cannot be withdrawn for now."""

    amount: float = Field(gt=0)
    reason: Literal["pending_ad_charges", "collab_escrow", "dispute_hold"]
    ref: str | None = Field(default=None, description="The order or campaign it is held for.")
    release_date: str | None = Field(default=None, pattern=_DATE)


class Merchant(_Model):
    """A merchant's account."""

    merchant_id: str = Field(pattern=r"^M-\d{4}$")
    shop_name: str
    balance: float = Field(ge=0)
    frozen: list[FrozenAmount] = Field(default_factory=list)
    bank_verified: bool
    bank_account: str | None = Field(default=None, description="Masked account, e.g. ****2231.")
    overdue_invoices: float = Field(default=0.0, ge=0)


class SubmissionChecks(_Model):
    """The account checks recorded when a balance refund request was submitted."""

    bank_verified: bool
    withdrawable: float = Field(ge=0)
    overdue_invoices: float = Field(default=0.0, ge=0)


class BalanceRequest(_Model):
    """A request to refund (withdraw) account balance to the merchant's bank account."""

    request_id: str = Field(pattern=r"^WR-\d{4}$")
    merchant_id: str
    amount: float = Field(gt=0)
    status: Literal["processing", "rejected", "completed"]
    submitted: str = Field(pattern=_DATE)
    decided: str | None = Field(default=None, pattern=_DATE)
    rejection_reason: (
        Literal["bank_unverified", "exceeds_withdrawable", "invoice_overdue", "risk_hold"] | None
    ) = None
    at_submission: SubmissionChecks
    expedited: bool = False
    appealed: bool = False
    by_support: bool = False


class ContentChecks(_Model):
    """The platform's automatic scan of a piece of collaboration content."""

    partnership_label: bool = Field(description="A paid-partnership label is shown.")
    medical_claim: bool = Field(description="It claims a medical or curative effect.")
    absolute_claim: bool = Field(description="It uses absolute claims (best, No.1, lowest).")
    licensed_music: bool = Field(description="Its background music is licensed.")
    competitor_brand: bool = Field(description="Another brand's logo or product is shown.")


class CollabOrder(_Model):
    """A creator-collaboration order and the review of the content made for it."""

    order_id: str = Field(pattern=r"^CO-\d{4}$")
    merchant_id: str
    creator: str
    fee: float = Field(gt=0, description="Held in escrow until the content is approved.")
    content_title: str
    content_type: Literal["video", "post", "livestream"]
    checks: ContentChecks
    review_status: Literal["pending", "first_round_rejected", "needs_revision", "approved"]
    rule_id: str | None = None
    reviewer_note: str | None = None
    submitted: str = Field(pattern=_DATE)
    decided: str | None = Field(default=None, pattern=_DATE)
    resubmissions: int = Field(default=0, ge=0)
    revised_draft: str | None = Field(
        default=None, pattern=r"^D-\d{4}$", description="A revised draft uploaded, not yet sent."
    )
    expedited: bool = False
    appealed: bool = False


class ReviewRule(_Model):
    """A content rule of collaboration review; ``check`` names the scan result it reads.

    The content breaks the rule when ``checks[check] == broken_when``. ``phrases`` are
    ways a reply may name the rule (graded, never shown to agents).
    """

    rule_id: str
    title: str
    text: str
    check: Literal[
        "partnership_label", "medical_claim", "absolute_claim", "licensed_music", "competitor_brand"
    ]
    broken_when: bool
    phrases: list[str] = Field(min_length=1)


class Ticket(_Model):
    """A case handed to a specialist."""

    ticket_id: str
    record_id: str
    summary: str


class Appeal(_Model):
    """An appeal filed against a rejection."""

    record_id: str
    reason: str


class Article(_Model):
    """A help-centre article."""

    article_id: str
    title: str
    text: str
    tags: list[str] = Field(default_factory=list)


class AccountState(_Model):
    """The whole world of one case."""

    today: str = Field(pattern=_DATE)
    merchants: list[Merchant] = Field(default_factory=list)
    balance_requests: list[BalanceRequest] = Field(default_factory=list)
    collab_orders: list[CollabOrder] = Field(default_factory=list)
    review_rules: list[ReviewRule] = Field(default_factory=list)
    tickets: list[Ticket] = Field(default_factory=list)
    appeals: list[Appeal] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)


def business_days_between(start: str, end: str) -> int:
    """Business days (Mon-Fri) after ``start`` up to and including ``end``."""
    a = date.fromisoformat(start) + timedelta(days=1)
    b = date.fromisoformat(end) + timedelta(days=1)
    return int(np.busday_count(a, b)) if b > a else 0


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


_NUMBER_ARGS: dict[str, tuple[str, ...]] = {"submit_balance_refund": ("amount",)}
"""Tool arguments that must be JSON numbers (text such as "1e3" is refused)."""


def _text(name: str, value: str) -> str:
    """A required free-text argument, refused when empty."""
    if not value.strip():
        raise ToolError(f"{name} is empty; say it in a sentence")
    return value.strip()


def _amount(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ToolError(f"{name} must be a number")
    if not math.isfinite(value):
        raise ToolError(f"{name} must be a finite number")
    return float(value)


class AccountWorld(World[AccountState]):
    """The platform's account desk as a support agent sees it, scoped to one merchant."""

    state_model = AccountState
    shared_state = ("today", "review_rules", "articles")

    def call(self, name: str, arguments: dict[str, Any], *, setup: bool = False) -> Any:
        """Run a tool as :meth:`World.call` does, refusing text where a number is due.

        The shared argument model reads "1e3" as 1000.0; an amount of money is taken
        only as a JSON number here, so a typo in text never files a request.
        """
        if isinstance(arguments, dict):
            for key in _NUMBER_ARGS.get(name, ()):
                if isinstance(arguments.get(key), str):
                    raise ToolError(f"invalid arguments for {name}: {key}: give a number, not text")
        return super().call(name, arguments, setup=setup)

    # -- helpers ---------------------------------------------------------------------
    def _owner(self) -> str | None:
        owner = self.refs.get("merchant_id")
        return None if owner is None else str(owner)

    def merchant(self, merchant_id: str | None = None) -> Merchant:
        """The logged-in merchant (or ``merchant_id``, which must be them)."""
        owner = self._owner()
        if merchant_id is not None and owner is not None and merchant_id != owner:
            raise ToolError(f"you can only look up the logged-in merchant {owner}")
        want = merchant_id or owner
        for m in self.state.merchants:
            if m.merchant_id == want:
                return m
        raise ToolError(f"no merchant with id {want!r}")

    def request(self, request_id: str) -> BalanceRequest:
        """The merchant's balance refund request ``request_id``."""
        for r in self.state.balance_requests:
            if r.request_id == request_id:
                owner = self._owner()
                if owner is not None and r.merchant_id != owner:
                    raise ToolError(f"request {request_id} does not belong to merchant {owner}")
                return r
        raise ToolError(f"no balance refund request with id {request_id!r}")

    def order(self, order_id: str) -> CollabOrder:
        """The merchant's collaboration order ``order_id``."""
        for o in self.state.collab_orders:
            if o.order_id == order_id:
                owner = self._owner()
                if owner is not None and o.merchant_id != owner:
                    raise ToolError(f"order {order_id} does not belong to merchant {owner}")
                return o
        raise ToolError(f"no collaboration order with id {order_id!r}")

    def rule(self, rule_id: str | None) -> ReviewRule:
        """The review rule ``rule_id``."""
        for r in self.state.review_rules:
            if r.rule_id == rule_id:
                return r
        raise ToolError(f"no review rule {rule_id!r}")

    def withdrawable(self, m: Merchant) -> float:
        """Balance less every frozen amount (never below 0)."""
        return round(max(0.0, m.balance - sum(f.amount for f in m.frozen)), 2)

    def blockers(self, m: Merchant) -> list[str]:
        """What stops a new balance refund request now, in the help centre's order."""
        out = []
        if not m.bank_verified:
            out.append("bank_unverified")
        if m.overdue_invoices > 0:
            out.append("invoice_overdue")
        if self.withdrawable(m) < MIN_REFUND:
            out.append("below_minimum")
        return out

    def rule_broken(self, o: CollabOrder) -> bool:
        """Whether the content's scan breaks the rule its rejection cites."""
        r = self.rule(o.rule_id)
        return bool(getattr(o.checks, r.check) == r.broken_when)

    def wrongly_rejected(self, r: BalanceRequest) -> bool:
        """Whether the checks recorded at submission contradict the rejection's reason."""
        s = r.at_submission
        if r.rejection_reason == "bank_unverified":
            return s.bank_verified
        if r.rejection_reason == "exceeds_withdrawable":
            return r.amount <= s.withdrawable
        if r.rejection_reason == "invoice_overdue":
            return s.overdue_invoices == 0
        return False

    def _record(self, record_id: str) -> BalanceRequest | CollabOrder:
        if record_id.startswith("WR-"):
            return self.request(record_id)
        if record_id.startswith("CO-"):
            return self.order(record_id)
        raise ToolError(f"unknown record id {record_id!r}; use a WR- request or a CO- order id")

    # -- READ --------------------------------------------------------------------------
    @tool(ToolKind.READ)
    def get_account(self, merchant_id: str) -> dict[str, Any]:
        """Look up a merchant's account: balance, frozen amounts, withdrawable amount, bank account, invoices.

        Args:
            merchant_id: Merchant id, e.g. M-1001.
        """
        m = self.merchant(merchant_id)
        return {
            **m.model_dump(),
            "withdrawable": self.withdrawable(m),
            "bank_account_status": "verified" if m.bank_verified else "not verified",
        }

    @tool(ToolKind.READ)
    def list_balance_requests(self, merchant_id: str) -> list[dict[str, Any]]:
        """List a merchant's balance refund (withdrawal) requests: id, amount, status, submitted date.

        Args:
            merchant_id: Merchant id, e.g. M-1001.
        """
        self.merchant(merchant_id)
        return [
            {k: getattr(r, k) for k in ("request_id", "amount", "status", "submitted")}
            for r in self.state.balance_requests
            if r.merchant_id == merchant_id
        ]

    @tool(ToolKind.READ)
    def get_balance_request(self, request_id: str) -> dict[str, Any]:
        """Get a balance refund request: status, dates, business days elapsed, rejection reason, checks at submission.

        Args:
            request_id: Request id, e.g. WR-1001.
        """
        r = self.request(request_id)
        out = r.model_dump(exclude={"by_support"})
        out["business_days_elapsed"] = business_days_between(r.submitted, self.state.today)
        out["processing_window_business_days"] = PROCESSING_WINDOW
        if r.decided is not None:
            out["days_since_decision"] = _days(r.decided, self.state.today)
        out["today"] = self.state.today
        return out

    @tool(ToolKind.READ)
    def list_collab_orders(self, merchant_id: str) -> list[dict[str, Any]]:
        """List a merchant's creator-collaboration orders: id, creator, content title, review status.

        Args:
            merchant_id: Merchant id, e.g. M-1001.
        """
        self.merchant(merchant_id)
        keys = ("order_id", "creator", "content_title", "review_status", "submitted")
        return [
            {k: getattr(o, k) for k in keys}
            for o in self.state.collab_orders
            if o.merchant_id == merchant_id
        ]

    @tool(ToolKind.READ)
    def get_collab_order(self, order_id: str) -> dict[str, Any]:
        """Get a collaboration order: content review status, the rule cited, content checks, dates, resubmissions, drafts.

        Args:
            order_id: Order id, e.g. CO-1001.
        """
        o = self.order(order_id)
        out = o.model_dump(exclude={"rule_id"})
        if o.rule_id is not None:
            r = self.rule(o.rule_id)
            out["rule_cited"] = {"rule_id": r.rule_id, "title": r.title, "text": r.text}
        out["business_days_since_submitted"] = business_days_between(o.submitted, self.state.today)
        if o.decided is not None:
            out["days_since_decision"] = _days(o.decided, self.state.today)
        out["resubmissions_used"] = out.pop("resubmissions")
        out["resubmission_limit"] = RESUBMISSION_LIMIT
        out["today"] = self.state.today
        return out

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, str]]:
        """Search the merchant help centre's articles; returns the three best matches.

        Args:
            query: What to look for, in a few words.
        """
        return search_articles(self.state.articles, query)

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE)
    def submit_balance_refund(self, amount: float) -> dict[str, Any]:
        """Submit a new balance refund request for the logged-in merchant (only when they ask for it).

        Args:
            amount: Amount in yuan to send to the verified bank account; from 100 up to the withdrawable amount.
        """
        value = _amount("amount", amount)
        m = self.merchant()
        blockers = [b for b in self.blockers(m) if b != "below_minimum"]
        if blockers:
            raise ToolError(f"a new request cannot be submitted: {', '.join(blockers)}")
        w = self.withdrawable(m)
        if value < MIN_REFUND:
            raise ToolError(f"the smallest request is {MIN_REFUND:.0f} yuan")
        if value > w + 1e-9:
            raise ToolError(f"{value:.2f} exceeds the withdrawable amount, {w:.2f} yuan")
        taken = {r.request_id for r in self.state.balance_requests}
        n = 9001
        while f"WR-{n}" in taken:
            n += 1
        req = BalanceRequest(
            request_id=f"WR-{n}",
            merchant_id=m.merchant_id,
            amount=round(value, 2),
            status="processing",
            submitted=self.state.today,
            at_submission=SubmissionChecks(
                bank_verified=m.bank_verified, withdrawable=w, overdue_invoices=m.overdue_invoices
            ),
            by_support=True,
        )
        self.state.balance_requests.append(req)
        m.balance = round(m.balance - req.amount, 2)
        return {
            "request_id": req.request_id,
            "amount": req.amount,
            "status": "processing",
            "processing_window_business_days": PROCESSING_WINDOW,
        }

    @tool(ToolKind.WRITE, free_args=("reason",))
    def file_appeal(self, record_id: str, reason: str) -> dict[str, Any]:
        """Appeal a rejection (of a balance refund request or of collaboration content) to a second reviewer.

        Args:
            record_id: The rejected request (WR-...) or collaboration order (CO-...).
            reason: Why the rejection is wrong, in a sentence.
        """
        reason = _text("reason", reason)
        rec = self._record(record_id)
        rejected = (
            rec.status == "rejected"
            if isinstance(rec, BalanceRequest)
            else rec.review_status in ("first_round_rejected", "needs_revision")
        )
        if not rejected:
            raise ToolError(f"{record_id} is not rejected; there is nothing to appeal")
        if rec.appealed:
            raise ToolError(f"{record_id} has already been appealed")
        if rec.decided is not None and _days(rec.decided, self.state.today) > APPEAL_WINDOW_DAYS:
            since = _days(rec.decided, self.state.today)
            raise ToolError(
                f"{record_id} was decided {since} days ago; an appeal must be filed within "
                f"{APPEAL_WINDOW_DAYS} days of the decision (KB-A6)"
            )
        rec.appealed = True
        self.state.appeals.append(Appeal(record_id=record_id, reason=reason))
        return {"record_id": record_id, "appeal": "filed", "answer_within_business_days": 2}

    @tool(ToolKind.WRITE)
    def resubmit_content(self, order_id: str, draft_id: str) -> dict[str, Any]:
        """Send a collaboration order's revised draft back to review (uses one resubmission).

        Args:
            order_id: Order id, e.g. CO-1001.
            draft_id: The revised draft's id, e.g. D-1001.
        """
        o = self.order(order_id)
        if o.review_status not in ("first_round_rejected", "needs_revision"):
            raise ToolError(
                f"{order_id} is {o.review_status}; only rejected content is resubmitted"
            )
        if o.revised_draft is None or draft_id != o.revised_draft:
            raise ToolError(f"no revised draft {draft_id!r} on {order_id}")
        if o.resubmissions >= RESUBMISSION_LIMIT:
            raise ToolError(f"{order_id} has used all {RESUBMISSION_LIMIT} resubmissions")
        o.resubmissions += 1
        o.review_status, o.rule_id, o.reviewer_note = "pending", None, None
        o.submitted, o.decided, o.revised_draft = self.state.today, None, None
        return {
            "order_id": order_id,
            "review_status": "pending",
            "resubmissions_used": o.resubmissions,
            "resubmission_limit": RESUBMISSION_LIMIT,
        }

    @tool(ToolKind.WRITE)
    def expedite(self, record_id: str) -> dict[str, Any]:
        """Ask the team to expedite a request still processing or content still in review.

        Args:
            record_id: The request (WR-...) or collaboration order (CO-...).
        """
        rec = self._record(record_id)
        waiting = (
            rec.status == "processing"
            if isinstance(rec, BalanceRequest)
            else rec.review_status == "pending"
        )
        if not waiting:
            raise ToolError(f"{record_id} is not waiting; only pending records can be expedited")
        if rec.expedited:
            raise ToolError(f"{record_id} has already been expedited")
        window = PROCESSING_WINDOW if isinstance(rec, BalanceRequest) else REVIEW_WINDOW
        elapsed = business_days_between(rec.submitted, self.state.today)
        if elapsed <= window:
            raise ToolError(
                f"{record_id} is {elapsed} of {window} business days in; it can be expedited "
                f"only once the window has passed ({'KB-A1' if window == PROCESSING_WINDOW else 'KB-A4'})"
            )
        rec.expedited = True
        return {"record_id": record_id, "expedited": True, "answer_within_business_days": 1}

    @tool(ToolKind.WRITE, free_args=("summary",))
    def escalate_to_specialist(self, record_id: str, summary: str) -> dict[str, Any]:
        """Open a ticket for an account specialist; they contact the merchant within 2 business days.

        Args:
            record_id: The request (WR-...) or collaboration order (CO-...).
            summary: What the specialist must look at, in a sentence or two.
        """
        summary = _text("summary", summary)
        self._record(record_id)
        ticket = Ticket(
            ticket_id=f"T-{len(self.state.tickets) + 1:04d}", record_id=record_id, summary=summary
        )
        self.state.tickets.append(ticket)
        return {**ticket.model_dump(), "status": "open", "contact_within_business_days": 2}

    # -- grading hooks -----------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """Facts a lookup revealed: ``<merchant>:account``, ``<record>:status``, ``<record>:details``.

        A record's details are its dates, windows, rejection reason, checks and drafts;
        list lookups reveal each record's status only.
        """
        args, name = call.arguments, call.name
        if not isinstance(call.result, dict | list):
            return frozenset({name})
        if name == "get_account":
            return frozenset({f"{args.get('merchant_id')}:account"})
        if name == "get_balance_request":
            rid = args.get("request_id")
            return frozenset({f"{rid}:status", f"{rid}:details"})
        if name == "get_collab_order":
            oid = args.get("order_id")
            return frozenset({f"{oid}:status", f"{oid}:details"})
        if name == "list_balance_requests" and isinstance(call.result, list):
            return frozenset(f"{r['request_id']}:status" for r in call.result)
        if name == "list_collab_orders" and isinstance(call.result, list):
            return frozenset(f"{o['order_id']}:status" for o in call.result)
        return frozenset({name})

    def outcome(self) -> dict[str, Any]:
        """What a decision can change: each record's status and how support handled it, new requests.

        ``handling`` joins what support did to a record (``appeal``, ``escalate``,
        ``expedite``; ``none``): one value, so an unwarranted extra action on the record
        is wrong, not half right.
        """
        out: dict[str, Any] = {}
        escalated = {t.record_id for t in self.state.tickets}

        def handling(rec: BalanceRequest | CollabOrder, key: str) -> str:
            done = [
                name
                for name, flag in (
                    ("appeal", rec.appealed),
                    ("escalate", key in escalated),
                    ("expedite", rec.expedited),
                )
                if flag
            ]
            return "+".join(done) or "none"

        for r in self.state.balance_requests:
            if r.by_support:
                continue
            out[f"{r.request_id}.status"] = r.status
            out[f"{r.request_id}.handling"] = handling(r, r.request_id)
        for o in self.state.collab_orders:
            out[f"{o.order_id}.review_status"] = o.review_status
            out[f"{o.order_id}.resubmissions"] = o.resubmissions
            out[f"{o.order_id}.handling"] = handling(o, o.order_id)
        new = [r for r in self.state.balance_requests if r.by_support]
        out["new_requests"] = len(new)
        out["new_request_amount"] = round(sum(r.amount for r in new), 2)
        return out

"""World of ``content_review``: the platform's content-review desk as its support agent sees it.

State: merchants, their products (brand, model, listing price and crossed-out price,
specs, certifications, medical registration), their submissions (ad creatives and
product notes, 种草笔记: text, image descriptions, the linked product, the claims the
text makes as attribute/value pairs, the review status and the current review record),
the review rules and the help-centre articles that state them. The shared
``world.json`` holds the rules and articles; each case's ``world.patch`` adds its
merchant, products and submissions.

Tools are typed methods: their signature and docstring are the schema the agent sees.
READ tools look, the WRITE tool records a re-review on the episode's own copy of the
state. Refusals (another merchant's submission, an unknown rule id, a decision that is
not one of the three) raise :class:`~ecomstage_env.world.base.ToolError`, which the
agent reads as the call's result.

The rules that decide gold are in ``policy.py``; this file only describes the world.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env import ToolCallRecord, ToolError, ToolKind, World, tool
from ecomstage_env.world.base import search_articles

__all__ = [
    "Article",
    "Claim",
    "ContentState",
    "ContentWorld",
    "Merchant",
    "Product",
    "ReviewRecord",
    "ReviewRule",
    "Submission",
    "review_value",
]

Decision = Literal["approved", "changes_requested", "rejected"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Merchant(_Model):
    """A merchant account."""

    merchant_id: str = Field(pattern=r"^M-\d{4}$")
    shop_name: str


class Product(_Model):
    """A product card as the shop lists it."""

    product_id: str = Field(pattern=r"^P-\d{4}$")
    merchant_id: str
    brand: str
    model: str
    name: str
    category: str
    price: float = Field(gt=0, description="Current listing price, yuan.")
    list_price: float | None = Field(
        default=None, gt=0, description="Crossed-out original price on the listing, if any."
    )
    attributes: dict[str, str] = Field(default_factory=dict)
    certifications: list[str] = Field(default_factory=list)
    medical_registration: str | None = None


class Claim(_Model):
    """One thing a submission's text asserts about the product, as attribute and value."""

    attribute: str
    value: str


class ReviewRecord(_Model):
    """The result of a review of a submission."""

    decision: Decision
    reason_codes: list[str] = Field(default_factory=list)
    reviewer: Literal["auto", "support"] = "auto"
    date: str = ""


class Submission(_Model):
    """An ad creative or a product note, linked to one product card."""

    submission_id: str = Field(pattern=r"^S-\d{4}$")
    merchant_id: str
    kind: Literal["ad_creative", "note"]
    author: str = Field(description="'merchant' or the blogger's handle")
    title: str
    text: str
    images: list[str] = Field(default_factory=list)
    product_id: str
    claims: list[Claim] = Field(default_factory=list)
    status: Literal["pending", "approved", "changes_requested", "rejected"]
    review: ReviewRecord | None = None
    submitted: str = ""


class ReviewRule(_Model):
    """A content-review rule; ``label`` is the violation type it defines."""

    rule_id: str = Field(pattern=r"^CR-\d{2}$")
    label: str
    title: str
    text: str
    severity: Literal["fixable", "severe"]


class Article(_Model):
    """A help-centre article of the content-review desk."""

    article_id: str
    title: str
    text: str
    tags: list[str] = Field(default_factory=list)


class ContentState(_Model):
    """The whole content-review world of one case."""

    merchants: list[Merchant] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    submissions: list[Submission] = Field(default_factory=list)
    review_rules: list[ReviewRule] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)


_DECISIONS: dict[str, Decision] = {
    "approve": "approved",
    "request_changes": "changes_requested",
    "reject": "rejected",
}


class ContentWorld(World[ContentState]):
    """The review desk as a support agent sees it, scoped to the logged-in merchant."""

    state_model = ContentState
    shared_state = ("review_rules", "articles")

    # -- helpers ---------------------------------------------------------------------
    def _owner_check(self, merchant_id: str, what: str) -> None:
        owner = self.refs.get("merchant_id")
        if owner is not None and merchant_id != owner:
            raise ToolError(f"{what} does not belong to merchant {owner}")

    def submission(self, submission_id: str) -> Submission:
        """The merchant's submission ``submission_id`` (refusing other merchants')."""
        for s in self.state.submissions:
            if s.submission_id == submission_id:
                self._owner_check(s.merchant_id, f"submission {submission_id}")
                return s
        raise ToolError(f"no submission with id {submission_id!r}")

    def product(self, product_id: str) -> Product:
        """The product card ``product_id`` (any shop's: a note may link another shop's)."""
        for p in self.state.products:
            if p.product_id == product_id:
                return p
        raise ToolError(f"no product with id {product_id!r}")

    def rule_ids(self) -> set[str]:
        """Every rule id of the rule book."""
        return {r.rule_id for r in self.state.review_rules}

    # -- READ --------------------------------------------------------------------------
    @tool(ToolKind.READ)
    def list_submissions(self, merchant_id: str) -> list[dict[str, Any]]:
        """List a merchant's ad creatives and product notes: id, kind, title, author, status.

        Args:
            merchant_id: Merchant id, e.g. M-1001.
        """
        self._owner_check(merchant_id, f"merchant {merchant_id}")
        if not any(m.merchant_id == merchant_id for m in self.state.merchants):
            raise ToolError(f"no merchant with id {merchant_id!r}")
        keys = ("submission_id", "kind", "title", "author", "status", "submitted")
        return [
            {k: getattr(s, k) for k in keys}
            for s in self.state.submissions
            if s.merchant_id == merchant_id
        ]

    @tool(ToolKind.READ)
    def get_submission(self, submission_id: str) -> dict[str, Any]:
        """Get a submission: its text, image descriptions, linked product, status and review record.

        Args:
            submission_id: Submission id, e.g. S-1001.
        """
        s = self.submission(submission_id)
        return s.model_dump(exclude={"claims"})

    @tool(ToolKind.READ)
    def get_claims(self, submission_id: str) -> dict[str, Any]:
        """List what a submission's text asserts about its product, as attribute/value pairs.

        Args:
            submission_id: Submission id, e.g. S-1001.
        """
        s = self.submission(submission_id)
        return {
            "submission_id": submission_id,
            "product_id": s.product_id,
            "claims": [c.model_dump() for c in s.claims],
        }

    @tool(ToolKind.READ)
    def get_product(self, product_id: str) -> dict[str, Any]:
        """Get a product card: brand, model, listing price, original price, specs, certifications.

        Args:
            product_id: Product id, e.g. P-1001.
        """
        return self.product(product_id).model_dump()

    @tool(ToolKind.READ)
    def list_review_rules(self) -> list[dict[str, str]]:
        """List the content-review rules: id, title, the rule, and whether a breach is fixable or severe."""
        return [r.model_dump() for r in self.state.review_rules]

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, str]]:
        """Search the content-review help centre; returns the three best-matching articles.

        Args:
            query: What to look for, in a few words.
        """
        return search_articles(self.state.articles, query)

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE, free_args=("note",))
    def record_review(
        self, submission_id: str, decision: str, reason_codes: list[str], note: str = ""
    ) -> dict[str, Any]:
        """Record a support re-review of a submission; it replaces the current review record.

        Args:
            submission_id: Submission id, e.g. S-1001.
            decision: One of approve, request_changes, reject.
            reason_codes: Ids of the rules the submission breaks (e.g. ["CR-03"]); empty to approve.
            note: A sentence for the merchant, optional.
        """
        if decision not in _DECISIONS:
            raise ToolError(f"decision must be one of {sorted(_DECISIONS)}")
        codes = list(dict.fromkeys(reason_codes))
        unknown = [c for c in codes if c not in self.rule_ids()]
        if unknown:
            raise ToolError(f"unknown rule ids {unknown}; list_review_rules shows them")
        if decision == "approve" and codes:
            raise ToolError("an approval takes no reason codes")
        if decision != "approve" and not codes:
            raise ToolError(f"{decision} needs the ids of the rules broken")
        s = self.submission(submission_id)
        s.review = ReviewRecord(
            decision=_DECISIONS[decision], reason_codes=sorted(codes), reviewer="support"
        )
        s.status = s.review.decision
        return {
            "submission_id": submission_id,
            "status": s.status,
            "reason_codes": s.review.reason_codes,
            "note": note,
        }

    # -- grading hooks -----------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """Facts a lookup revealed: ``<submission>:submission``, ``<submission>:claims``, ``<product>:record``.

        ``list_submissions`` reveals each listed submission's ``status``; the rule book
        and the help centre reveal ``rules``.
        """
        args, name = call.arguments, call.name
        if name == "get_submission":
            return frozenset({f"{args.get('submission_id')}:submission"})
        if name == "get_claims":
            return frozenset({f"{args.get('submission_id')}:claims"})
        if name == "get_product":
            return frozenset({f"{args.get('product_id')}:record"})
        if name == "list_submissions" and isinstance(call.result, list):
            return frozenset(f"{s['submission_id']}:status" for s in call.result)
        return frozenset({"rules"})

    def outcome(self) -> dict[str, Any]:
        """Per submission: its status, and its review record as one value.

        ``<id>.status`` is the state the decision leaves the submission in (approved,
        changes requested, rejected, pending); ``<id>.review`` is the whole record (its
        decision, reason codes and reviewer, see :func:`review_value`): a record with
        the right decision and the wrong rule ids is a wrong record. Recording a review
        earns nothing by itself; since the reviewer is part of the record, support's
        re-review of a submission whose automatic record was right still changes it.
        """
        out: dict[str, Any] = {}
        for s in self.state.submissions:
            k = s.submission_id
            out[f"{k}.status"] = s.status
            out[f"{k}.review"] = review_value(s.review)
        return out


def review_value(review: ReviewRecord | None) -> str:
    """A review record as one outcome value: ``"rejected CR-02,CR-05 by support"``.

    Args:
        review: A submission's review record, or None before any review.

    Returns:
        The decision, the reason codes (sorted, comma-joined; ``-`` for none) and the
        reviewer; ``""`` without a record.
    """
    if review is None:
        return ""
    codes = ",".join(sorted(review.reason_codes)) or "-"
    return f"{review.decision} {codes} by {review.reviewer}"

"""World of ``service_quality``: a platform's service-quality desk reviewing one shop chat.

State: shops, their enforcement records (coaching notes, warnings, penalties, escalations
with dates and rule ids), the flagged customer-service chats (date, order, and when each
customer message was asked and answered), orders (status, delivery date, whether the
item is custom-made or perishable), platform outages of the merchant chat console, the
service rules and the help-centre articles. The shared ``world.json`` holds the rules and
articles; each case's ``world.patch`` adds its shop, chat, order, records and outages.

Tools are typed methods: their signature and docstring are the schema the agent sees.
READ tools look, the one WRITE tool records an enforcement on the episode's own copy of
the state. Refusals (an unknown id, an unknown rule, an action the desk cannot record)
raise :class:`~ecomstage_env.world.base.ToolError`, which the agent reads as the result.

The rules that decide gold are in ``policy.py``; this file only describes the world.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecomstage_env import ToolCallRecord, ToolError, ToolKind, World, tool
from ecomstage_env.world.base import search_articles

__all__ = [
    "Action",
    "Article",
    "Chat",
    "Enforcement",
    "Order",
    "Outage",
    "Reply",
    "Rule",
    "ServiceState",
    "ServiceWorld",
    "Shop",
    "minutes",
]

Action = Literal["coach", "warn", "penalize", "escalate"]
"""What the desk can record on a shop (doing nothing records nothing)."""

_TIME = r"^([01]\d|2[0-3]):[0-5]\d$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def minutes(hhmm: str) -> int:
    """Minutes since midnight of an ``HH:MM`` time."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


class Shop(_Model):
    """A shop on the marketplace."""

    shop_id: str = Field(pattern=r"^S-\d{4}$")
    name: str
    category: str


class Enforcement(_Model):
    """One entry of a shop's service record."""

    shop_id: str
    date: str = Field(pattern=_DATE)
    rule_id: str
    action: Action
    chat_id: str


class Reply(_Model):
    """One customer message of a chat and when the shop answered it (same day)."""

    asked_at: str = Field(pattern=_TIME)
    answered_at: str = Field(pattern=_TIME)


class Chat(_Model):
    """A customer-service chat between a shopper and a shop."""

    chat_id: str = Field(pattern=r"^CH-\d{4}$")
    shop_id: str
    customer_id: str
    date: str = Field(pattern=_DATE)
    order_id: str | None = None
    flagged_by: Literal["customer report", "random sample", "keyword filter", "low rating"]
    replies: list[Reply] = Field(min_length=1)


class Order(_Model):
    """An order the chat is about."""

    order_id: str = Field(pattern=r"^O-\d{5}$")
    shop_id: str
    product: str
    amount: float = Field(gt=0)
    status: Literal["unshipped", "in_transit", "delivered"]
    delivered_on: str | None = Field(default=None, pattern=_DATE)
    custom_made: bool = False
    perishable: bool = False


class Outage(_Model):
    """A logged outage of the platform's merchant chat console."""

    outage_id: str
    date: str = Field(pattern=_DATE)
    start: str = Field(pattern=_TIME)
    end: str = Field(pattern=_TIME)
    summary: str


class Rule(_Model):
    """A service rule shops must follow."""

    rule_id: str = Field(pattern=r"^SQ-\d$")
    category: str
    title: str
    severity: Literal["severe", "minor"]
    text: str


class Article(_Model):
    """A help-centre article of the service-quality desk."""

    article_id: str
    title: str
    text: str
    tags: list[str] = Field(default_factory=list)


class ServiceState(_Model):
    """The whole world of one case."""

    shops: list[Shop] = Field(default_factory=list)
    records: list[Enforcement] = Field(default_factory=list)
    chats: list[Chat] = Field(default_factory=list)
    orders: list[Order] = Field(default_factory=list)
    outages: list[Outage] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)


class ServiceWorld(World[ServiceState]):
    """The service-quality desk's view of the marketplace."""

    state_model = ServiceState
    shared_state = ("rules", "articles")

    # -- helpers ---------------------------------------------------------------------
    def chat(self, chat_id: str) -> Chat:
        """The chat ``chat_id``."""
        for c in self.state.chats:
            if c.chat_id == chat_id:
                return c
        raise ToolError(f"no chat with id {chat_id!r}")

    def shop(self, shop_id: str) -> Shop:
        """The shop ``shop_id``."""
        for s in self.state.shops:
            if s.shop_id == shop_id:
                return s
        raise ToolError(f"no shop with id {shop_id!r}")

    def order(self, order_id: str) -> Order:
        """The order ``order_id``."""
        for o in self.state.orders:
            if o.order_id == order_id:
                return o
        raise ToolError(f"no order with id {order_id!r}")

    def rule(self, rule_id: str) -> Rule:
        """The service rule ``rule_id``."""
        for r in self.state.rules:
            if r.rule_id == rule_id:
                return r
        known = ", ".join(r.rule_id for r in self.state.rules)
        raise ToolError(f"no service rule {rule_id!r}; known: {known}")

    # -- READ --------------------------------------------------------------------------
    @tool(ToolKind.READ)
    def get_chat_info(self, chat_id: str) -> dict[str, Any]:
        """Get a chat's metadata: shop, customer, date, the order it is about, why it was flagged.

        Args:
            chat_id: Chat id, e.g. CH-1001.
        """
        c = self.chat(chat_id)
        return {
            "chat_id": c.chat_id,
            "shop_id": c.shop_id,
            "shop_name": self.shop(c.shop_id).name,
            "customer_id": c.customer_id,
            "date": c.date,
            "order_id": c.order_id,
            "flagged_by": c.flagged_by,
            "customer_messages": len(c.replies),
        }

    @tool(ToolKind.READ)
    def get_response_times(self, chat_id: str) -> dict[str, Any]:
        """Get when each customer message of a chat was sent and when the shop answered it.

        Args:
            chat_id: Chat id, e.g. CH-1001.
        """
        c = self.chat(chat_id)
        return {
            "chat_id": c.chat_id,
            "replies": [
                {
                    "n": n,
                    "asked_at": r.asked_at,
                    "answered_at": r.answered_at,
                    "waited_minutes": minutes(r.answered_at) - minutes(r.asked_at),
                }
                for n, r in enumerate(c.replies, 1)
            ],
        }

    @tool(ToolKind.READ)
    def get_platform_outages(self, date: str) -> dict[str, Any]:
        """List the logged outages of the merchant chat console on one day.

        Args:
            date: The day, as YYYY-MM-DD.
        """
        day = date.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise ToolError("date must be written YYYY-MM-DD")
        try:
            _date.fromisoformat(day)
        except ValueError:
            raise ToolError(f"{day} is not a calendar date") from None
        return {
            "date": day,
            "outages": [o.model_dump() for o in self.state.outages if o.date == day],
        }

    @tool(ToolKind.READ)
    def get_order(self, order_id: str) -> dict[str, Any]:
        """Get an order: product, amount, status, delivery date, custom-made or perishable.

        Args:
            order_id: Order id, e.g. O-10001.
        """
        return self.order(order_id).model_dump()

    @tool(ToolKind.READ)
    def get_shop_record(self, shop_id: str) -> dict[str, Any]:
        """Get a shop's service record: every coaching note, warning, penalty and escalation, with dates.

        Args:
            shop_id: Shop id, e.g. S-1001.
        """
        s = self.shop(shop_id)
        return {
            "shop_id": s.shop_id,
            "name": s.name,
            "category": s.category,
            "record": [
                r.model_dump(exclude={"shop_id"})
                for r in self.state.records
                if r.shop_id == shop_id
            ],
        }

    @tool(ToolKind.READ, free_args=("query",))
    def search_help_center(self, query: str) -> list[dict[str, str]]:
        """Search the service-quality help centre (rules, limits, enforcement); returns the three best matches.

        Args:
            query: What to look for, in a few words.
        """
        return search_articles(self.state.articles, query)

    # -- WRITE -------------------------------------------------------------------------
    @tool(ToolKind.WRITE)
    def record_enforcement(self, chat_id: str, action: Action, rule_id: str) -> dict[str, Any]:
        """Record an enforcement on the shop of a chat; recording again for the chat replaces it.

        Args:
            chat_id: Chat id, e.g. CH-1001.
            action: coach, warn, penalize or escalate (when no rule was broken, record nothing).
            rule_id: The service rule that governs the chat, e.g. SQ-3; "none" only with escalate.
        """
        c = self.chat(chat_id)
        if rule_id == "none":
            if action != "escalate":
                raise ToolError("a coaching note, warning or penalty needs the rule it enforces")
        else:
            self.rule(rule_id)
        entry = Enforcement(
            shop_id=c.shop_id, date=c.date, rule_id=rule_id, action=action, chat_id=chat_id
        )
        self.state.records = [r for r in self.state.records if r.chat_id != chat_id] + [entry]
        return {**entry.model_dump(), "status": "recorded"}

    # -- grading hooks -----------------------------------------------------------------
    def revealed(self, call: ToolCallRecord) -> frozenset[str]:
        """Facts a lookup revealed, by the ids it was called with.

        ``<chat>:info``, ``<chat>:response_times``, ``outages:<date>``, ``<order>:order``
        or ``<shop>:record``.
        """
        args, name = call.arguments, call.name
        if name == "get_chat_info":
            return frozenset({f"{args.get('chat_id')}:info"})
        if name == "get_response_times":
            return frozenset({f"{args.get('chat_id')}:response_times"})
        if name == "get_platform_outages":
            return frozenset({f"outages:{str(args.get('date', '')).strip()}"})
        if name == "get_order":
            return frozenset({f"{args.get('order_id')}:order"})
        if name == "get_shop_record":
            return frozenset({f"{args.get('shop_id')}:record"})
        return frozenset({name})

    def outcome(self) -> dict[str, Any]:
        """Per chat, the enforcement recorded for it.

        ``"<action> <rule>"``, ``"escalate"`` (an escalation's rule is not graded), or None
        when nothing is recorded: "no enforcement" is graded as no record at all.
        """
        out: dict[str, Any] = {}
        for c in self.state.chats:
            rec = [r for r in self.state.records if r.chat_id == c.chat_id]
            if not rec:
                out[f"{c.chat_id}.enforcement"] = None
            elif rec[-1].action == "escalate":
                out[f"{c.chat_id}.enforcement"] = "escalate"
            else:
                out[f"{c.chat_id}.enforcement"] = f"{rec[-1].action} {rec[-1].rule_id}"
        return out

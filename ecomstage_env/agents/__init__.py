"""Agents: the protocol, the reference agents, model agents, and agent specs by name.

Specs (the CLI's ``--agent``): ``oracle``, ``random``, ``majority``, ``keyword``,
``openai:<model>``, ``langchain:<provider>:<model>``, ``local`` or ``local:<path>``, or an
agent card (a ``.toml`` path, or the name of a bundled card in ``agents/``; see
:mod:`~ecomstage_env.agents.cards`). Model agents are imported only when one is built,
so ``import ecomstage`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecomstage_env.agents.base import Agent, BaseAgent
from ecomstage_env.agents.baselines import KeywordAgent, MajorityAgent, OracleAgent, RandomAgent
from ecomstage_env.agents.llm import PAPER_SAMPLING, SamplingParams
from ecomstage_env.errors import EcomstageError, did_you_mean

if TYPE_CHECKING:
    from ecomstage_env.agents.langchain_agent import LangChainAgent
    from ecomstage_env.agents.local import TransformersAgent
    from ecomstage_env.agents.openai_agent import OpenAIAgent

__all__ = [
    "AGENTS",
    "AGENT_SPECS",
    "PAPER_SAMPLING",
    "Agent",
    "BaseAgent",
    "KeywordAgent",
    "LangChainAgent",
    "MajorityAgent",
    "OpenAIAgent",
    "OracleAgent",
    "RandomAgent",
    "SamplingParams",
    "TransformersAgent",
    "make_agent",
]

AGENTS: dict[str, type[Agent]] = {
    "oracle": OracleAgent,
    "random": RandomAgent,
    "majority": MajorityAgent,
    "keyword": KeywordAgent,
}
"""Agents that take no argument, by name."""

AGENT_SPECS = [
    *AGENTS,
    "openai:<model>",
    "langchain:<provider>:<model>",
    "local",
    "local:<model folder or .gguf>",
    "<card>.toml",
    "<bundled card name>",
]
"""Every accepted spec form, for help texts."""

_LAZY = {
    "OpenAIAgent": "ecomstage_env.agents.openai_agent",
    "LangChainAgent": "ecomstage_env.agents.langchain_agent",
    "TransformersAgent": "ecomstage_env.agents.local",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_agent(spec: str, **kwargs: Any) -> Agent:
    """Build an agent from its spec string.

    Args:
        spec: ``oracle``, ``random``, ``majority``, ``keyword``, ``openai:<model>``,
            ``langchain:<provider>:<model>``, ``local`` or ``local:<path>``.
        **kwargs: Passed to the agent class (e.g. ``base_url``, ``sampling``).

    Returns:
        The agent.

    Raises:
        EcomstageError: Unknown or incomplete spec (with a "Did you mean" hint).
    """
    spec = spec.strip()
    if spec not in AGENTS:
        from ecomstage_env.agents.cards import card_path, load_card

        path = card_path(spec)
        if path is not None:
            card = load_card(path)
            inner = card.spec.partition(":")[0]
            defaults = _default_sampling(inner)
            return make_agent(card.spec, **{**card.agent_kwargs(defaults), **kwargs})
    kind, _, rest = spec.partition(":")
    if spec in AGENTS:
        return AGENTS[spec](**kwargs)
    if kind == "openai" and rest:
        from ecomstage_env.agents.openai_agent import OpenAIAgent

        return OpenAIAgent(rest, **kwargs)
    if kind == "langchain" and rest.count(":") >= 1 and all(rest.split(":", 1)):
        import os

        from ecomstage_env.agents.langchain_agent import LangChainAgent, chat_model_from_spec

        provider, model = rest.split(":", 1)
        own = {k: kwargs.pop(k) for k in ("name", "structured_output", "prompt") if k in kwargs}
        own["name"] = own.get("name") or spec
        if provider == "openai":
            kwargs.setdefault("api_key", os.environ.get("OPENAI_API_KEY") or "EMPTY")
            if os.environ.get("OPENAI_BASE_URL"):
                kwargs.setdefault("base_url", os.environ["OPENAI_BASE_URL"])
        return LangChainAgent(chat_model_from_spec(provider, model, **kwargs), **own)
    if kind == "local":
        from ecomstage_env.agents.local import TransformersAgent

        return TransformersAgent(rest or None, **kwargs)
    from ecomstage_env.agents.cards import list_cards

    known = [*AGENTS, *list_cards()]
    raise EcomstageError(
        f"unknown agent {spec!r}.{did_you_mean(spec, known)} Known: {', '.join(AGENT_SPECS)}; "
        f"bundled cards: {', '.join(list_cards())}"
    )


def _default_sampling(kind: str) -> SamplingParams:
    """The sampling an agent kind uses when a card sets none."""
    if kind == "local":
        from ecomstage_env.agents.local import LOCAL_SAMPLING

        return LOCAL_SAMPLING
    return PAPER_SAMPLING

"""Agents: the protocol and the reference agents."""

from __future__ import annotations

from ecomstage_env.agents.base import Agent
from ecomstage_env.agents.baselines import KeywordAgent, OracleAgent, RandomAgent
from ecomstage_env.errors import EcomstageError, did_you_mean

__all__ = ["AGENTS", "Agent", "KeywordAgent", "OracleAgent", "RandomAgent", "make_agent"]

AGENTS: dict[str, type[Agent]] = {
    "oracle": OracleAgent,
    "random": RandomAgent,
    "keyword": KeywordAgent,
}
"""Agent specs usable by name (the CLI's ``--agent``)."""


def make_agent(spec: str) -> Agent:
    """Build an agent from its spec string, e.g. ``"oracle"``.

    Raises:
        EcomstageError: Unknown spec (with a "Did you mean" hint).
    """
    if spec not in AGENTS:
        raise EcomstageError(
            f"unknown agent {spec!r}.{did_you_mean(spec, AGENTS)} Known: {', '.join(AGENTS)}"
        )
    return AGENTS[spec]()

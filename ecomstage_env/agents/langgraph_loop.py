"""Play an episode as a LangGraph graph: an agent node and an env node in a loop.

The agent node asks the model (through any :class:`~ecomstage_env.agents.base.Agent`,
typically a :class:`~ecomstage_env.agents.langchain_agent.LangChainAgent`) for the next
action; the env node runs it with ``env.step`` - a tool call comes back as the next
observation of the same stage, an answer moves to the next stage - and the graph ends
when the episode does. Build on :func:`build_episode_graph` to add nodes of your own
(reflection, a verifier, human review) between the two.

``langgraph`` is imported when a graph is built.
"""

from __future__ import annotations

from typing import Any, TypedDict

import gymnasium as gym

from ecomstage_env.agents.base import Agent
from ecomstage_env.errors import EcomstageError
from ecomstage_env.stages import AgentStep, EpisodeResult, Usage

__all__ = ["EpisodeState", "build_episode_graph", "langgraph_episode"]


class EpisodeState(TypedDict, total=False):
    """What flows through the graph.

    Attributes:
        obs: Current observation.
        info: Current info.
        action: The agent's last action.
        done: Whether the episode ended.
        usage: Model usage per stage so far.
    """

    obs: dict[str, str]
    info: dict[str, Any]
    action: Any
    done: bool
    usage: dict[str, Usage]


def build_episode_graph(env: gym.Env[Any, Any], agent: Agent) -> Any:
    """Return the compiled graph ``agent -> env -> (agent | END)`` for one env.

    Start it with ``{"obs": obs, "info": info}`` from ``env.reset``.

    Raises:
        EcomstageError: ``langgraph`` is not installed.
    """
    try:
        from langgraph.graph import END, START, StateGraph
    except ImportError as e:
        raise EcomstageError("the LangGraph loop needs: pip install 'ecomstage[langchain]'") from e

    def agent_node(state: EpisodeState) -> EpisodeState:
        action = agent.act(state["obs"], state["info"])
        usage = dict(state.get("usage", {}))
        if isinstance(action, AgentStep):
            stage = state["info"]["stage"]
            usage[stage] = usage.get(stage, Usage()) + action.usage
        return {"action": action, "usage": usage}

    def env_node(state: EpisodeState) -> EpisodeState:
        obs, _, terminated, truncated, info = env.step(state["action"])
        return {"obs": obs, "info": info, "done": bool(terminated or truncated)}

    graph = StateGraph(EpisodeState)
    graph.add_node("agent", agent_node)
    graph.add_node("env", env_node)
    graph.add_edge(START, "agent")
    graph.add_edge("agent", "env")
    graph.add_conditional_edges("env", lambda s: END if s.get("done") else "agent")
    return graph.compile()


def langgraph_episode(
    env: gym.Env[Any, Any],
    agent: Agent,
    *,
    case_id: str | None = None,
    seed: int | None = None,
    max_steps: int = 100,
) -> EpisodeResult:
    """Play one episode through the graph and return its result.

    Args:
        env: An ecomstage env.
        agent: The agent (e.g. ``LangChainAgent(ChatOpenAI(...))``).
        case_id: Case to play; otherwise the env picks one from ``seed``.
        seed: Seed for ``reset``.
        max_steps: Most agent steps (the graph's recursion limit is twice this).

    Returns:
        The episode's result, with usage per stage.
    """
    obs, info = env.reset(seed=seed, options={"case_id": case_id} if case_id else None)
    agent.reset()
    final = build_episode_graph(env, agent).invoke(
        {"obs": obs, "info": info, "done": False, "usage": {}},
        config={"recursion_limit": 2 * max_steps + 2},
    )
    result = EpisodeResult.model_validate(final["info"]["episode"])
    usage = final.get("usage") or {}
    return result.model_copy(update={"usage": usage}) if usage else result

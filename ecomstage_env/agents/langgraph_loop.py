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

import time
from typing import Any, TypedDict

import gymnasium as gym

from ecomstage_env.agents.base import Agent
from ecomstage_env.errors import EcomstageError
from ecomstage_env.runner.episode import EpisodeRecorder, agent_info, env_name
from ecomstage_env.stages import EpisodeResult, unwrap_action

__all__ = ["EpisodeState", "build_episode_graph", "langgraph_episode"]


class EpisodeState(TypedDict, total=False):
    """What flows through the graph.

    Attributes:
        obs: Current observation.
        info: Current info.
        action: The agent's last action.
        seconds: Time the agent took for it.
        done: Whether the episode ended.
    """

    obs: dict[str, str]
    info: dict[str, Any]
    action: Any
    seconds: float
    done: bool


def build_episode_graph(
    env: gym.Env[Any, Any], agent: Agent, recorder: EpisodeRecorder | None = None
) -> Any:
    """Return the compiled graph ``agent -> env -> (agent | END)`` for one env.

    Start it with ``{"obs": obs, "info": info}`` from ``env.reset``.

    Args:
        env: The env.
        agent: The agent.
        recorder: Records every step (trajectory and usage), as the step loops do.

    Raises:
        EcomstageError: ``langgraph`` is not installed.
    """
    try:
        from langgraph.graph import END, START, StateGraph
    except ImportError as e:
        raise EcomstageError("the LangGraph loop needs: pip install 'ecomstage[langchain]'") from e

    def agent_node(state: EpisodeState) -> EpisodeState:
        t = time.perf_counter()
        action = agent.act(state["obs"], agent_info(env, agent, state["info"]))
        return {"action": action, "seconds": time.perf_counter() - t}

    def env_node(state: EpisodeState) -> EpisodeState:
        seconds = state.get("seconds", 0.0)
        if recorder is not None:
            out = recorder.step(env, state["obs"], state["action"], seconds)
        else:
            out = env.step(unwrap_action(state["action"])[0])
        obs, _, terminated, truncated, info = out
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
    recorder = EpisodeRecorder(env_name(env), agent, info["case_id"], trial=0)
    final = build_episode_graph(env, agent, recorder).invoke(
        {"obs": obs, "info": info, "done": False},
        config={"recursion_limit": 2 * max_steps + 2},
    )
    return recorder.record(env, final["info"]).result

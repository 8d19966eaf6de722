"""ecomstage: EComStage as Gymnasium environments.

E-commerce agents graded stage by stage - Perception, Planning, Action - for customers
and merchants. ``import ecomstage`` (or ``ecomstage_env``) registers every bundled
scenario with Gymnasium::

    import ecomstage
    env = ecomstage.make("merchant_promotion")
    obs, info = env.reset(seed=0)

Importing this package loads no model library (torch, transformers, langchain, openai);
agents that need one import it when they are built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ecomstage_env.data.loader import Scenario, load_scenario
from ecomstage_env.data.schema import (
    Annotation,
    Case,
    DialogueTurn,
    Option,
    ScenarioSpec,
    WorldSetup,
)
from ecomstage_env.env import EPISODE_KEY, StagedEnv
from ecomstage_env.errors import DataError, EcomstageError, ScenarioError, UnknownEnvError
from ecomstage_env.paper import (
    PAPER_TASKS,
    Malformed,
    MalformedRecordError,
    PaperTask,
    PaperTaskEnv,
    load_paper_task,
)
from ecomstage_env.registry import (
    case_ids,
    env_id,
    env_metadata,
    list_envs,
    make,
    register,
    register_builtin,
)
from ecomstage_env.scoring import FieldContext, FieldScore, scorer
from ecomstage_env.stages import (
    ActionKind,
    AgentStep,
    EpisodeResult,
    Orientation,
    Stage,
    StageScore,
    TerminationReason,
    ToolCall,
    ToolCallRecord,
)
from ecomstage_env.users import ScriptedUser, UserSimulator
from ecomstage_env.world.base import ToolError, ToolKind, World, setup, tool

if TYPE_CHECKING:
    from ecomstage_env.agents import Agent, KeywordAgent, OracleAgent, RandomAgent
    from ecomstage_env.runner import evaluate, run_episode
    from ecomstage_env.scoring.embedding import Embedder
    from ecomstage_env.scoring.judge import LLMJudge

_LAZY = {
    "Agent": "ecomstage_env.agents",
    "KeywordAgent": "ecomstage_env.agents",
    "OracleAgent": "ecomstage_env.agents",
    "RandomAgent": "ecomstage_env.agents",
    "evaluate": "ecomstage_env.runner",
    "run_episode": "ecomstage_env.runner",
    "Embedder": "ecomstage_env.scoring.embedding",
    "LLMJudge": "ecomstage_env.scoring.judge",
}
"""Public names imported on first use (PEP 562): agents, the runner and the model-backed
scorers are not needed to ``make`` an env, so ``import ecomstage`` does not load them."""

__version__ = "0.1.0"

__all__ = [
    "EPISODE_KEY",
    "PAPER_TASKS",
    "ActionKind",
    "Agent",
    "AgentStep",
    "Annotation",
    "Case",
    "DataError",
    "DialogueTurn",
    "EcomstageError",
    "Embedder",
    "EpisodeResult",
    "FieldContext",
    "FieldScore",
    "KeywordAgent",
    "LLMJudge",
    "Malformed",
    "MalformedRecordError",
    "Option",
    "OracleAgent",
    "Orientation",
    "PaperTask",
    "PaperTaskEnv",
    "RandomAgent",
    "Scenario",
    "ScenarioError",
    "ScenarioSpec",
    "ScriptedUser",
    "Stage",
    "StageScore",
    "StagedEnv",
    "TerminationReason",
    "ToolCall",
    "ToolCallRecord",
    "ToolError",
    "ToolKind",
    "UnknownEnvError",
    "UserSimulator",
    "World",
    "WorldSetup",
    "__version__",
    "case_ids",
    "env_id",
    "env_metadata",
    "evaluate",
    "list_envs",
    "load_paper_task",
    "load_scenario",
    "make",
    "register",
    "run_episode",
    "scorer",
    "setup",
    "tool",
]


def __getattr__(name: str) -> Any:
    """Import a lazy public name (or a submodule, ``ecomstage_env.runner``) on first use."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if not name.startswith("__"):
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


register_builtin()

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

from ecomstage_env.agents import Agent, KeywordAgent, OracleAgent, RandomAgent
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
from ecomstage_env.runner import evaluate, run_episode
from ecomstage_env.scoring import FieldContext, FieldScore, scorer
from ecomstage_env.scoring.embedding import Embedder
from ecomstage_env.scoring.judge import LLMJudge
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

register_builtin()

"""Running agents in envs: single episodes, whole evaluations, run directories."""

from ecomstage_env.errors import AgentFailure, RunDirError, RunDirLocked
from ecomstage_env.runner.episode import (
    EpisodeRecord,
    Failure,
    StepRecord,
    aplay_episode,
    play_episode,
)
from ecomstage_env.runner.evaluate import evaluate, run_episode
from ecomstage_env.runner.run import resolve_envs, run_evaluation
from ecomstage_env.runner.rundir import RunConfigMismatch, RunDir

__all__ = [
    "AgentFailure",
    "EpisodeRecord",
    "Failure",
    "RunConfigMismatch",
    "RunDir",
    "RunDirError",
    "RunDirLocked",
    "StepRecord",
    "aplay_episode",
    "evaluate",
    "play_episode",
    "resolve_envs",
    "run_episode",
    "run_evaluation",
]

"""Running agents in envs: single episodes, whole evaluations, run directories."""

from ecomstage_env.runner.episode import EpisodeRecord, StepRecord, aplay_episode, play_episode
from ecomstage_env.runner.evaluate import evaluate, run_episode
from ecomstage_env.runner.run import resolve_envs, run_evaluation
from ecomstage_env.runner.rundir import RunConfigMismatch, RunDir

__all__ = [
    "EpisodeRecord",
    "RunConfigMismatch",
    "RunDir",
    "StepRecord",
    "aplay_episode",
    "evaluate",
    "play_episode",
    "resolve_envs",
    "run_episode",
    "run_evaluation",
]

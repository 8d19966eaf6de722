"""Running agents in envs: single episodes and whole evaluations."""

from ecomstage_env.runner.evaluate import evaluate, run_episode

__all__ = ["evaluate", "run_episode"]

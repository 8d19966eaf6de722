"""Reinforcement learning on stage rewards: per-stage prompts and the TRL adapter.

- :mod:`ecomstage_env.rl.prompts`: per-stage prompts as a ``datasets.Dataset``.
- :mod:`ecomstage_env.rl.trl`: reward functions for ``trl.GRPOTrainer`` built from the
  env's own scorers, and multi-stage tool-using rollouts.

Heavy libraries (datasets, torch, transformers, trl) are imported only when used.
"""

from ecomstage_env.rl.prompts import stage_prompt_rows, stage_prompts
from ecomstage_env.rl.trl import (
    FieldReward,
    FormatReward,
    Generation,
    Rollout,
    StageScorer,
    play_rollout,
    reward_weights,
    stage_rewards,
)

__all__ = [
    "FieldReward",
    "FormatReward",
    "Generation",
    "Rollout",
    "StageScorer",
    "play_rollout",
    "reward_weights",
    "stage_prompt_rows",
    "stage_prompts",
    "stage_rewards",
]

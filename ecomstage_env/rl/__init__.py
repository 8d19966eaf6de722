"""RL on stage rewards: reward wrappers, export to datasets, stage prompts, TRL adapter.

:mod:`ecomstage_env.rl.wrappers` stacks Gymnasium wrappers that shape the stage rewards;
:mod:`ecomstage_env.rl.export` turns recorded runs into Hugging Face datasets (SFT, DPO,
per-stage rewards); :mod:`ecomstage_env.rl.prompts` builds per-stage prompts (one row per
case and stage) for online RL; :mod:`ecomstage_env.rl.trl` gives ``trl.GRPOTrainer`` one
reward function per stage field, built from the env's scorers, and plays multi-stage
rollouts. ``datasets``, torch, transformers and trl are imported only when used.
"""

from __future__ import annotations

from ecomstage_env.rl.export import (
    EXPORT_KINDS,
    TOOL_CALL_FORMATS,
    ExportKind,
    StageTrace,
    ToolCallFormat,
    dpo_rows,
    export_runs,
    read_runs,
    reward_rows,
    sft_rows,
    stage_traces,
    to_dataset,
)
from ecomstage_env.rl.prompts import stage_prompt_rows, stage_prompts
from ecomstage_env.rl.trl import (
    FieldReward,
    Generation,
    Rollout,
    StageScorer,
    ValidAnswerReward,
    play_rollout,
    reward_weights,
    stage_rewards,
    text_prompts,
)
from ecomstage_env.rl.wrappers import (
    BudgetPenalty,
    FormatReward,
    NoMultiLabelCredit,
    SparseReward,
    StageRewardWrapper,
    StageScoreReward,
    answer_problems,
    wrap_rewards,
)

__all__ = [
    "EXPORT_KINDS",
    "TOOL_CALL_FORMATS",
    "BudgetPenalty",
    "ExportKind",
    "FieldReward",
    "FormatReward",
    "Generation",
    "NoMultiLabelCredit",
    "Rollout",
    "SparseReward",
    "StageRewardWrapper",
    "StageScoreReward",
    "StageScorer",
    "StageTrace",
    "ToolCallFormat",
    "ValidAnswerReward",
    "answer_problems",
    "dpo_rows",
    "export_runs",
    "play_rollout",
    "read_runs",
    "reward_rows",
    "reward_weights",
    "sft_rows",
    "stage_prompt_rows",
    "stage_prompts",
    "stage_rewards",
    "stage_traces",
    "text_prompts",
    "to_dataset",
    "wrap_rewards",
]

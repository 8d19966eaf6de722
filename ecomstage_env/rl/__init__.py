"""RL on stage rewards: reward wrappers and the export of run directories to datasets.

:mod:`ecomstage_env.rl.wrappers` stacks Gymnasium wrappers that shape the stage rewards;
:mod:`ecomstage_env.rl.export` turns recorded runs into Hugging Face datasets (SFT, DPO,
per-stage rewards). ``datasets`` is imported only when an export function runs.
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
    "FormatReward",
    "NoMultiLabelCredit",
    "SparseReward",
    "StageRewardWrapper",
    "StageScoreReward",
    "StageTrace",
    "ToolCallFormat",
    "answer_problems",
    "dpo_rows",
    "export_runs",
    "read_runs",
    "reward_rows",
    "sft_rows",
    "stage_traces",
    "to_dataset",
    "wrap_rewards",
]

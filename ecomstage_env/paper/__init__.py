"""The seven tasks of the EComStage paper: the release format, the envs, prediction scoring.

- :mod:`~ecomstage_env.paper.official`: reading release-format records and finding the
  malformed ones;
- :mod:`~ecomstage_env.paper.env`: :class:`PaperTaskEnv`, one record per episode;
- :mod:`~ecomstage_env.paper.predictions`: scoring prediction files the way the paper did.
"""

from ecomstage_env.paper.env import (
    DATA_ENV_VAR,
    PaperData,
    PaperTaskEnv,
    ScoringMode,
    bundled_paper_data,
    load_paper_task,
    resolve_paper_data,
)
from ecomstage_env.paper.official import (
    PAPER_TASKS,
    Malformed,
    MalformedRecordError,
    OfficialRecord,
    OnMalformed,
    PaperRecord,
    PaperTask,
    read_records,
    task_by_type,
)

__all__ = [
    "DATA_ENV_VAR",
    "PAPER_TASKS",
    "Malformed",
    "MalformedRecordError",
    "OfficialRecord",
    "OnMalformed",
    "PaperData",
    "PaperRecord",
    "PaperTask",
    "PaperTaskEnv",
    "ScoringMode",
    "bundled_paper_data",
    "load_paper_task",
    "read_records",
    "resolve_paper_data",
    "task_by_type",
]

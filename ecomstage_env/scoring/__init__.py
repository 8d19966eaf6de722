"""Scoring: the open scorer registry, the built-in scorers, and stage grading.

Register a scorer of your own with :func:`scorer`; specs name it like a built-in one.
"""

# The built-in scorers register themselves when their modules are imported.
from ecomstage_env.scoring import points, scorers  # noqa: F401
from ecomstage_env.scoring.registry import (
    FieldContext,
    FieldScore,
    NoParams,
    ScorerFn,
    ScorerInfo,
    get_scorer,
    list_scorers,
    scorer,
)
from ecomstage_env.scoring.stage import score_stage, zero_score

__all__ = [
    "FieldContext",
    "FieldScore",
    "NoParams",
    "ScorerFn",
    "ScorerInfo",
    "get_scorer",
    "list_scorers",
    "score_stage",
    "scorer",
    "zero_score",
]

"""Scoring: field scorers and stage grading."""

from ecomstage_env.scoring.scorers import SCORERS, FieldContext, FieldScore, Scorer
from ecomstage_env.scoring.stage import score_stage, zero_score

__all__ = ["SCORERS", "FieldContext", "FieldScore", "Scorer", "score_stage", "zero_score"]

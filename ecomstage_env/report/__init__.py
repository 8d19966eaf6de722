"""Reports of evaluation results."""

from ecomstage_env.report.table import stage_table, summarize

__all__ = ["stage_table", "summarize"]

"""Reports of evaluation results: tables, aggregation, ``report.md`` and figures.

:func:`~ecomstage_env.report.build.write_report` (matplotlib for the figures) is imported
from its module so that ``import ecomstage`` stays light.
"""

from ecomstage_env.report.table import stage_table, summarize

__all__ = ["stage_table", "summarize"]

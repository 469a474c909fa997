"""Reports for knowledge managers, read from the records in `kb.store`: no web framework here.

Every report takes a connection, a `Period` and a language (None for both) and returns
dataclasses; raw records and their daily roll-ups are counted alike (see `summaries`).
"""

from kb.insights.activity import DailyActivity, daily_activity
from kb.insights.articles import ArticleReport, ArticleStats, Comment, article_report
from kb.insights.period import PERIODS, Period
from kb.insights.rollup import RollupResult, rollup, rollup_if_due
from kb.insights.searches import Correction, QueryCount, SearchReport, search_report
from kb.insights.walkthroughs import (
    OutcomeCount,
    StepStats,
    WalkthroughStats,
    walkthrough_report,
)

__all__ = [
    "PERIODS",
    "ArticleReport",
    "ArticleStats",
    "Comment",
    "Correction",
    "DailyActivity",
    "OutcomeCount",
    "Period",
    "QueryCount",
    "RollupResult",
    "SearchReport",
    "StepStats",
    "WalkthroughStats",
    "article_report",
    "daily_activity",
    "rollup",
    "rollup_if_due",
    "search_report",
    "walkthrough_report",
]

"""The content lifecycle: which articles are due for review by their owners, and which soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kb.content.library import Library
from kb.content.model import Article


@dataclass(frozen=True)
class ReviewSchedule:
    """Articles due for review (on or past their date) and those due within `soon_days`."""

    due: list[Article]
    soon: list[Article]
    soon_days: int


def review_due(article: Article, today: date) -> bool:
    """True from the article's review-by date on."""
    return article.review_by is not None and article.review_by <= today


def review_schedule(library: Library, today: date, soon_days: int = 30) -> ReviewSchedule:
    """Every article with a review-by date up to `soon_days` ahead, soonest first."""
    horizon = today + timedelta(days=soon_days)
    dated = sorted(
        (a for a in library.articles.values() if a.review_by and a.review_by <= horizon),
        key=lambda a: (a.review_by, a.lang, a.title.casefold()),
    )
    return ReviewSchedule(
        due=[a for a in dated if review_due(a, today)],
        soon=[a for a in dated if not review_due(a, today)],
        soon_days=soon_days,
    )

"""The content lifecycle for editors: articles due for review, translations possibly stale."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import Blueprint, current_app, render_template
from sqlalchemy.exc import SQLAlchemyError

from kb.check import newer_translations
from kb.content import Article, Library
from kb.content.review import review_due, review_schedule
from kb.editing.translations import changed_since_marks
from kb.web.auth import current_editor, login_required
from kb.web.content import library

bp = Blueprint("review", __name__, url_prefix="/<lang:lang>/editors")
SOON_DAYS = 30


@dataclass(frozen=True)
class EditorNotes:
    """What an editor should know about an article that readers need not see."""

    review_due: bool = False
    newer: list[Article] = field(default_factory=list)  # translations updated after it

    def __bool__(self) -> bool:
        return self.review_due or bool(self.newer)


def _today():
    return datetime.now(UTC).date()


@bp.app_template_global()
def editor_notes(article: Article) -> EditorNotes:
    """Review due and possibly stale, for a signed-in editor; nothing for anyone else."""
    if current_editor() is None:
        return EditorNotes()
    stale = stale_translations(library(), article, _changed_since_marks())
    return EditorNotes(review_due(article, _today()), stale)


@bp.get("/review")
@login_required
def review(lang):
    """Articles due for review, soonest first, then those due soon and stale translations."""
    lib = library()
    changed = _changed_since_marks()
    stale = [
        (article, newer)
        for article in sorted(lib.articles.values(), key=lambda a: (a.lang, a.title.casefold()))
        if (newer := stale_translations(lib, article, changed))
    ]
    return render_template(
        "editors/review.html",
        schedule=review_schedule(lib, _today(), SOON_DAYS),
        stale=stale,
        today=_today(),
    )


def stale_translations(
    lib: Library, article: Article, changed: dict[str, set[str]]
) -> list[Article]:
    """Its translations that changed after it: since the last time an editor marked the
    languages as brought in line, or, for an article never marked, by their `updated` dates."""
    if article.slug not in changed:
        return newer_translations(lib, article)
    others = sorted(changed[article.slug] - {article.lang})
    return [other for lang in others if (other := lib.get(lang, article.slug)) is not None]


def _changed_since_marks() -> dict[str, set[str]]:
    try:
        return changed_since_marks(current_app.extensions["kb_store"])
    except SQLAlchemyError:  # the database is down: the dates still say something
        return {}

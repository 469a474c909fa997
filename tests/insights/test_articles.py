"""The article report over known records: views, votes, reasons, comments."""

from datetime import timedelta

from kb.insights import ArticleStats, Comment, Period, article_report
from tests.insights.conftest import TODAY


def report(store, days, lang):
    with store.engine.connect() as conn:
        return article_report(conn, Period(days, TODAY), lang)


def test_week_in_both_languages(known):
    found = report(known, 7, None)
    assert found.articles == [
        ArticleStats("en", "transfer-to-retention", 3, 1, 2, {"outdated": 1, "unclear": 1}),
        ArticleStats("ru", "transfer-to-retention", 2, 0, 1, {"wrong": 1}),
        ArticleStats("en", "call-next-process", 1, 0, 0, {}),  # its vote is on a walkthrough
    ]
    # Reasons count walkthrough votes too; ties keep the order of the form.
    assert found.reasons == {"outdated": 2, "unclear": 1, "wrong": 1}
    assert found.comments == [
        Comment(TODAY, "en", "transfer-to-retention", "", "outdated", "Old phone menu"),
        Comment(
            TODAY - timedelta(days=2), "ru", "transfer-to-retention", "", "wrong", "Не тот отдел"
        ),
    ]


def test_one_language_and_a_longer_period(known):
    found = report(known, 30, "en")
    by_slug = {a.slug: a for a in found.articles}
    assert by_slug["transfer-to-retention"].views == 8
    assert by_slug["call-next-process"].helpful == 1
    assert [c.lang for c in found.comments] == ["en"]


def test_votes_total(known):
    assert sum(a.votes for a in report(known, 7, None).articles) == 4

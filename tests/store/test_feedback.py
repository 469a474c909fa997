"""Votes: one counted per browser, article or walkthrough, and UTC day; comments redacted."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kb.store.feedback import Vote, clean_comment, record_vote, voter_hash
from kb.store.tables import feedback

NOON = datetime(2026, 11, 22, 12, 0)


def vote(store, *, when=NOON, slug="a", block="", voter="v1", lang="en", helpful=True, **kw):
    found = record_vote(
        store, lang=lang, slug=slug, block=block, voter=voter, helpful=helpful, now=when, **kw
    )
    return found is Vote.COUNTED


def test_one_vote_per_browser_article_and_day(store):
    assert vote(store) is True
    assert vote(store, helpful=False, reason="wrong") is False  # same day: not counted
    assert vote(store, when=NOON + timedelta(hours=11, minutes=59)) is False
    assert vote(store, when=NOON + timedelta(days=1)) is True  # next day
    assert vote(store, slug="b") is True  # another article
    assert vote(store, lang="ru") is True  # its translation is another article
    assert vote(store, block="triage") is True  # a walkthrough in it
    assert vote(store, voter="v2") is True  # another browser
    with store.engine.connect() as conn:
        assert len(conn.execute(select(feedback)).all()) == 6


def test_one_address_counts_only_its_share(store):
    def from_here(voter, **kw):
        return record_vote(
            store,
            lang="en",
            slug="a",
            block="",
            voter=voter,
            helpful=True,
            now=NOON,
            address="addr:1",
            per_address=3,
            **kw,
        )

    assert [from_here(f"v{i}") for i in range(5)] == [Vote.COUNTED] * 3 + [Vote.LIMITED] * 2
    assert from_here("v0") is Vote.REPEATED  # a repeat does not use up the share
    other = record_vote(
        store,
        lang="en",
        slug="a",
        block="",
        voter="w",
        helpful=True,
        now=NOON,
        address="addr:2",
        per_address=3,
    )
    assert other is Vote.COUNTED
    with store.engine.connect() as conn:
        assert len(conn.execute(select(feedback)).all()) == 4


def test_reason_and_comment_are_kept_only_for_no(store):
    vote(store, helpful=False, reason="outdated", comment="  Call +7 916 123-45-67 or a@b.ru ")
    vote(store, slug="b", helpful=True, reason="wrong", comment="ignored")
    with store.engine.connect() as conn:
        rows = conn.execute(select(feedback.c.reason, feedback.c.comment).order_by("id")).all()
    assert rows == [("outdated", "Call # or #"), (None, None)]


def test_unknown_reasons_are_refused(store):
    with pytest.raises(ValueError):
        vote(store, helpful=False, reason="<script>")


def test_comments_are_limited_and_empty_ones_dropped():
    assert len(clean_comment("x" * 5000)) == 500
    assert clean_comment("   ") is None
    assert clean_comment(None) is None


def test_voter_hash_is_keyed_and_fits_the_column():
    assert voter_hash("k1", "browser") != voter_hash("k2", "browser")
    assert len(voter_hash("k1", "browser")) == 64

"""Baseline: the schema that `create_all` made before migrations existed.

Revision ID: 0001
Revises:
Create Date: 2026-12-06

Every table and index is created only if missing, so that a database made by `create_all` (all
of these tables, no `alembic_version`) keeps its rows and is simply carried on from here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# table -> its indexes (name, columns)
INDEXES = {
    "search_log": [("ix_search_log_at", ["at"])],
    "usage_events": [("ix_usage_events_at", ["at"]), ("ix_usage_events_session", ["session"])],
    "feedback": [("ix_feedback_at", ["at"])],
    "article_views": [("ix_article_views_at", ["at"])],
    "daily_searches": [("ix_daily_searches_day", ["day"])],
    "daily_views": [("ix_daily_views_day", ["day"])],
    "daily_feedback": [("ix_daily_feedback_day", ["day"])],
    "daily_walkthroughs": [("ix_daily_walkthroughs_day", ["day"])],
}


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _table(name: str, *columns: sa.Column | sa.Constraint) -> None:
    op.create_table(name, *columns, if_not_exists=True)
    for index, on in INDEXES.get(name, []):
        op.create_index(index, name, on, unique=False, if_not_exists=True)


def upgrade() -> None:
    _table(
        "search_log",
        _id(),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("corrected", sa.String(length=500), nullable=True),
        sa.Column("correction", sa.String(length=16), nullable=True),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.Column("opened_slug", sa.String(length=500), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
    )
    _table(
        "usage_events",
        _id(),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("session", sa.String(length=64), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("step", sa.String(length=100), nullable=True),
        sa.Column("outcome", sa.String(length=100), nullable=True),
        sa.Column("outcome_kind", sa.String(length=32), nullable=True),
        sa.Column("duration", sa.Float(), nullable=True),
    )
    _table(
        "feedback",
        _id(),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("voter", sa.String(length=64), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.String(length=500), nullable=True),
        sa.UniqueConstraint("day", "lang", "slug", "block", "voter", name="uq_feedback_vote"),
    )
    _table(
        "editors",
        _id(),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("name"),
    )
    _table(
        "login_failures",
        sa.Column("key", sa.String(length=80), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.DateTime(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
    )
    _table(
        "article_views",
        _id(),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
    )
    _table(
        "daily_searches",
        _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("corrected", sa.String(length=500), nullable=True),
        sa.Column("correction", sa.String(length=16), nullable=True),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column("opened", sa.Boolean(), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
    )
    _table(
        "daily_views",
        _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
    )
    _table(
        "daily_feedback",
        _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("votes", sa.Integer(), nullable=False),
    )
    _table(
        "daily_walkthroughs",
        _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("metric", sa.String(length=16), nullable=False),
        sa.Column("step", sa.String(length=100), nullable=True),
        sa.Column("outcome", sa.String(length=100), nullable=True),
        sa.Column("outcome_kind", sa.String(length=32), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
    )
    _table(
        "maintenance",
        sa.Column("task", sa.String(length=32), primary_key=True),
        sa.Column("last_run", sa.Date(), nullable=False),
    )


def downgrade() -> None:
    for name in reversed(
        [
            "search_log",
            "usage_events",
            "feedback",
            "editors",
            "login_failures",
            "article_views",
            "daily_searches",
            "daily_views",
            "daily_feedback",
            "daily_walkthroughs",
            "maintenance",
        ]
    ):
        op.drop_table(name)

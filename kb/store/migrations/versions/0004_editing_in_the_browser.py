"""Editing in the browser: revisions, drafts, in-line marks, redirects, images, audit trail.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Only new tables: the previous version runs on this schema unchanged.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("article_drafts", schema=None) as batch_op:
        batch_op.create_index("ix_article_drafts_article", ["lang", "slug"], unique=False)

    op.create_table(
        "article_redirects",
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("old_slug", sa.String(length=500), nullable=False),
        sa.Column("new_slug", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("lang", "old_slug"),
    )
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=True),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("article_revisions", schema=None) as batch_op:
        batch_op.create_index("ix_article_revisions_article", ["lang", "slug"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("editor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("slug", sa.String(length=500), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)

    op.create_table(
        "media",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "translation_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("revisions", sa.String(length=200), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("translation_marks", schema=None) as batch_op:
        batch_op.create_index("ix_translation_marks_slug", ["slug"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("translation_marks", schema=None) as batch_op:
        batch_op.drop_index("ix_translation_marks_slug")

    op.drop_table("translation_marks")
    op.drop_table("media")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_at")

    op.drop_table("audit_log")
    with op.batch_alter_table("article_revisions", schema=None) as batch_op:
        batch_op.drop_index("ix_article_revisions_article")

    op.drop_table("article_revisions")
    op.drop_table("article_redirects")
    with op.batch_alter_table("article_drafts", schema=None) as batch_op:
        batch_op.drop_index("ix_article_drafts_article")

    op.drop_table("article_drafts")

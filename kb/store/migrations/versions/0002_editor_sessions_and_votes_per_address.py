"""Editors' session epochs, and votes counted per client address.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

`editors.session_epoch` moves on when an editor signs out, gets a new password or is removed,
ending every session signed in before (existing accounts start at 0: their open sessions, which
carry no epoch, end once, at the upgrade). `vote_addresses` counts the votes from one address
on one article or walkthrough a day (KB_VOTES_PER_ADDRESS).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vote_addresses",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=80), nullable=False),
        sa.Column("votes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "lang", "slug", "block", "address"),
    )
    with op.batch_alter_table("editors", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("editors", schema=None) as batch_op:
        batch_op.drop_column("session_epoch")
    op.drop_table("vote_addresses")

"""The search log (and its rolled-up days) says how each search found its first result.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

`found_by` is "exact", "expanded" (only through a typo fix, another keyboard layout, a synonym
or the other language) or "weak"; NULL when nothing was found, and for searches logged before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


TABLES = ("search_log", "daily_searches")  # the log, and its days rolled up


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("found_by", sa.String(length=16), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("found_by")

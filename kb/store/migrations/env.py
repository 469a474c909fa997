"""Alembic's entry point: migrations run on the connection `kb.store.migrate` hands over, inside
the transaction (and under the lock) it already holds."""

from alembic import context

import kb.store.tables  # noqa: F401  (registers every table on `metadata`)
from kb.store.db import metadata

if context.is_offline_mode():
    raise SystemExit("kb migrations run against a database: offline (--sql) mode is not supported")

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=metadata,
    # SQLite alters a table by copying it: autogenerate writes "batch" operations that do that.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():  # the caller's transaction: Alembic opens none of its own
    context.run_migrations()

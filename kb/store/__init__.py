"""Records kept in SQL (SQLite by default, PostgreSQL by DATABASE_URL): no customer data, ever."""

from kb.store.db import Store, metadata

__all__ = ["Store", "metadata"]

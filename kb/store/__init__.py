"""Records kept in SQL (SQLite by default, PostgreSQL by DATABASE_URL): no customer data, ever."""

from kb.store.db import NotKept, Store, metadata

__all__ = ["NotKept", "Store", "metadata"]

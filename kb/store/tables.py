"""Every table, in one place, so the schema is the same on SQLite and PostgreSQL."""

from sqlalchemy import Column, DateTime, Float, Index, Integer, String, Table

from kb.store.db import metadata

# One row per search an agent ran: what was typed, what the engine made of it, what was found.
search_log = Table(
    "search_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
    Column("lang", String(8), nullable=False),
    Column("query", String(500), nullable=False),
    Column("corrected", String(500)),  # the query actually searched, if the engine changed it
    Column("correction", String(16)),  # "layout", "spelling" or None
    Column("results", Integer, nullable=False),
    Column("opened_slug", String(500)),  # the result the agent opened, if any
    Column("source", String(16), nullable=False, default="page"),  # "page" or "api"
)
Index("ix_search_log_at", search_log.c.at)

# One row per walkthrough event: started, a step reached, an outcome. Ids only, never answers.
usage_events = Table(
    "usage_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
    Column("session", String(64), nullable=False),  # random per walkthrough run, not per person
    Column("slug", String(500), nullable=False),
    Column("block", String(100), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("event", String(16), nullable=False),  # "start", "step", "outcome"
    Column("step", String(100)),
    Column("outcome", String(100)),
    Column("outcome_kind", String(32)),
    Column("duration", Float),  # seconds since start, on "outcome"
)
Index("ix_usage_events_at", usage_events.c.at)

"""Every table, in one place, so the schema is the same on SQLite and PostgreSQL."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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
    # How the first result was found: "exact", "expanded" (only by a typo fix, another layout, a
    # synonym or the other language) or "weak"; None when nothing was found, or before 0003.
    Column("found_by", String(16)),
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
Index("ix_usage_events_session", usage_events.c.session)  # a run's events, read at each step

# Knowledge managers' records below: feedback, editors, sign-in throttling, views, aggregates.

# One row per counted "Was this helpful?" vote; the unique key allows one per browser, article
# (or walkthrough block) and UTC day. `voter` is a keyed hash of a random cookie, never a person.
one_vote_a_day = UniqueConstraint("day", "lang", "slug", "block", "voter", name="uq_feedback_vote")
feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
    Column("day", Date, nullable=False),  # UTC date of `at`, part of the unique key
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("block", String(100), nullable=False, default=""),  # "" for the article itself
    Column("voter", String(64), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("reason", String(16)),  # on "no": outdated, unclear, wrong, missing-case, other
    Column("comment", String(500)),  # redacted like search queries
    one_vote_a_day,
)
Index("ix_feedback_at", feedback.c.at)

# Votes counted per client address (a keyed hash), article or block and UTC day, so that one
# address (a script that throws its cookies away) counts no more than KB_VOTES_PER_ADDRESS
# votes on one thing a day. Only today's rows matter: the roll-up removes older ones.
vote_addresses = Table(
    "vote_addresses",
    metadata,
    Column("day", Date, primary_key=True),
    Column("lang", String(8), primary_key=True),
    Column("slug", String(500), primary_key=True),
    Column("block", String(100), primary_key=True),
    Column("address", String(80), primary_key=True),
    Column("votes", Integer, nullable=False),
)

# Knowledge managers who may sign in to the editors' area; `name` is stored case-folded.
editors = Table(
    "editors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),  # werkzeug scrypt
    Column("created_at", DateTime(timezone=False), nullable=False),  # UTC
    Column("last_login_at", DateTime(timezone=False)),  # UTC
    # Sessions carry the epoch they were signed in under; signing out, a new password or the
    # account's removal moves it on, so every copy of every earlier session cookie stops
    # working at once, on every instance (they all read this row).
    Column("session_epoch", Integer, nullable=False, server_default="0"),
)

# Failed sign-ins in a row, per account and per client address (keys are keyed hashes), shared
# by every worker so that slowing down an attacker holds across processes.
login_failures = Table(
    "login_failures",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", DateTime(timezone=False), nullable=False),  # UTC
    Column("blocked_until", DateTime(timezone=False)),  # UTC; None while under the threshold
)

# One row per article page served: an insert is the cheapest write and never contends.
article_views = Table(
    "article_views",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
)
Index("ix_article_views_at", article_views.c.at)

# Searches older than the retention period, counted per day and kind; queries keep their text.
daily_searches = Table(
    "daily_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("query", String(500), nullable=False),
    Column("corrected", String(500)),
    Column("correction", String(16)),
    Column("found", Boolean, nullable=False),  # results > 0
    Column("opened", Boolean, nullable=False),  # a result was opened
    Column("searches", Integer, nullable=False),
    Column("found_by", String(16)),  # as in search_log (since 0003)
)
Index("ix_daily_searches_day", daily_searches.c.day)

# Article views older than the retention period, per day.
daily_views = Table(
    "daily_views",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("views", Integer, nullable=False),
)
Index("ix_daily_views_day", daily_views.c.day)

# Feedback votes older than the retention period, per day and reason; comments are dropped.
daily_feedback = Table(
    "daily_feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("block", String(100), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("reason", String(16)),
    Column("votes", Integer, nullable=False),
)
Index("ix_daily_feedback_day", daily_feedback.c.day)

# Walkthrough runs older than the retention period, summarised per day (of the run's first
# event): "start", "complete", "outcome" (per outcome), "reached" and "stopped" (per step).
daily_walkthroughs = Table(
    "daily_walkthroughs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("block", String(100), nullable=False),
    Column("metric", String(16), nullable=False),
    Column("step", String(100)),
    Column("outcome", String(100)),
    Column("outcome_kind", String(32)),
    Column("sessions", Integer, nullable=False),
)
Index("ix_daily_walkthroughs_day", daily_walkthroughs.c.day)

# Housekeeping tasks and the UTC day each last ran, so that one worker a day runs them.
maintenance = Table(
    "maintenance",
    metadata,
    Column("task", String(32), primary_key=True),
    Column("last_run", Date, nullable=False),
)

# Editing in the browser (kb.editing): revisions, drafts, marks, redirects, images, audit.

# Every change to what the articles folder holds, in order: a publish, a restore, a change made
# on disk, a move, an archive. `text` None: the article left the folder. Every instance applies
# the rows it has not seen to its own folder, so this is also how a publish reaches them all.
article_revisions = Table(
    "article_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("text", Text),
    Column("digest", String(64)),  # sha256 of text
    Column("source", String(16), nullable=False),  # editor, filesystem, restore, move, archive
    Column("author", String(64)),  # an editor's name; None for the file system
    Column("message", String(500), nullable=False, default=""),
    Column("approved_by", String(64)),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
)
Index("ix_article_revisions_article", article_revisions.c.lang, article_revisions.c.slug)

# Every saved draft, never seen by agents or search; the newest open one of an article is its
# draft. Older saves stay as the common ancestors of concurrent edits.
article_drafts = Table(
    "article_drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lang", String(8), nullable=False),
    Column("slug", String(500), nullable=False),
    Column("text", Text, nullable=False),
    Column("base_revision", Integer),  # the published revision it was started from
    Column("author", String(64), nullable=False),
    Column("message", String(500), nullable=False, default=""),
    Column("state", String(16), nullable=False),  # open, submitted, published, discarded
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
)
Index("ix_article_drafts_article", article_drafts.c.lang, article_drafts.c.slug)

# "Brought in line": the revision of each language when an editor marked a translation as
# matching its counterpart (JSON {"en": 12, "ru": 15}).
translation_marks = Table(
    "translation_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(500), nullable=False),
    Column("revisions", String(200), nullable=False),
    Column("author", String(64), nullable=False),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
)
Index("ix_translation_marks_slug", translation_marks.c.slug)

# Old addresses of moved articles, answered with a permanent redirect.
article_redirects = Table(
    "article_redirects",
    metadata,
    Column("lang", String(8), primary_key=True),
    Column("old_slug", String(500), primary_key=True),
    Column("new_slug", String(500), nullable=False),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
)

# Uploaded images, re-encoded, named by their content's digest.
media = Table(
    "media",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("content_type", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("bytes", Integer, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
)

# Who published, restored, moved, archived or approved what, and when.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),  # UTC
    Column("editor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("lang", String(8)),
    Column("slug", String(500)),
    Column("detail", String(500), nullable=False, default=""),
)
Index("ix_audit_log_at", audit_log.c.at)

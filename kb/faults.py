"""Faults that degrade the site without stopping it (a full disk, a read-only folder, a database
that is down): each logged once when it starts and once when it ends, not at every request, and
listed by /healthz while it lasts."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """What went wrong, in one line: the database's or the system's own words.

    >>> describe(OSError(28, "No space left on device", "/srv/kb/index"))
    'No space left on device: /srv/kb/index'
    """
    error = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class Faults:
    """What is failing now, by kind ("votes", "search index", ...); thread-safe, per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failing: dict[str, str] = {}

    def failed(
        self, kind: str, error: BaseException, consequence: str, trace: bool = False
    ) -> None:
        """Note that `kind` failed; the first failure of a run is logged, with `consequence`:
        "degraded: votes: database or disk is full; votes are dropped until it works again"
        (and the traceback with `trace`, for errors that are not the environment's)."""
        reason = describe(error)
        with self._lock:
            first = kind not in self._failing
            self._failing[kind] = f"{reason}; {consequence}"
        if first:
            log.error(
                "degraded: %s: %s; %s until it works again",
                kind,
                reason,
                consequence,
                exc_info=error if trace else None,
            )

    def recovered(self, kind: str) -> None:
        """Note that `kind` worked; logged if it was failing."""
        with self._lock:
            was = self._failing.pop(kind, None)
        if was is not None:
            log.warning("recovered: %s: working again", kind)

    def current(self) -> dict[str, str]:
        """Kind → what is wrong and what it means, for each kind failing now."""
        with self._lock:
            return dict(self._failing)

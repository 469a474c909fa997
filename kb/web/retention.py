"""Retention without a cron job: the app rolls old records up by itself, once a day."""

from __future__ import annotations

import logging
import threading
import time

from kb.insights import rollup_if_due
from kb.store import Store

log = logging.getLogger(__name__)


def init_app(app) -> None:
    """Look at most once per `KB_ROLLUP_CHECK_INTERVAL` seconds per process; 0 turns it off."""
    interval = app.config["KB_ROLLUP_CHECK_INTERVAL"]
    if interval <= 0:
        return
    lock = threading.Lock()
    next_check = [0.0]

    @app.before_request
    def roll_up_when_due():
        now = time.monotonic()
        with lock:
            if now < next_check[0]:
                return
            next_check[0] = now + interval
        # In the background: the first roll-up of a large database must not hold up a page.
        args = (app.extensions["kb_store"], app.config["KB_RETENTION_DAYS"])
        threading.Thread(target=_roll_up, args=args, name="kb-rollup", daemon=True).start()


def _roll_up(store: Store, retention_days: int) -> None:
    try:
        rollup_if_due(store, retention_days)
    except Exception:  # logged, and tried again tomorrow; readers never notice
        log.exception("the daily roll-up of old records failed")

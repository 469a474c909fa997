"""The app rolls old records up by itself: looked at once per interval, run once a day."""

from datetime import UTC, datetime

import pytest

from kb.store.maintenance import last_run
from kb.web import retention
from tests.web.editing import editors_app


class InlineThread:
    """Runs the target at start(), so the test sees the roll-up done."""

    started = 0

    def __init__(self, target, args, **kwargs):
        self.target, self.args = target, args

    def start(self):
        InlineThread.started += 1
        self.target(*self.args)


@pytest.fixture
def inline_threads(monkeypatch):
    InlineThread.started = 0
    monkeypatch.setattr(retention.threading, "Thread", InlineThread)


def test_the_first_request_rolls_up_and_later_ones_wait(articles_dir, tmp_path, inline_threads):
    app = editors_app(articles_dir, tmp_path, KB_ROLLUP_CHECK_INTERVAL=3600)
    client = app.test_client()
    client.get("/en/")
    assert last_run(app.extensions["kb_store"], "rollup") == datetime.now(UTC).date()
    client.get("/en/")
    assert InlineThread.started == 1
    app.extensions["kb_content"].stop()


def test_off_when_the_interval_is_zero(articles_dir, tmp_path, inline_threads):
    app = editors_app(articles_dir, tmp_path, KB_ROLLUP_CHECK_INTERVAL=0)
    app.test_client().get("/en/")
    assert InlineThread.started == 0
    app.extensions["kb_content"].stop()


def test_a_failed_roll_up_is_logged_not_raised(caplog, monkeypatch):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(retention, "rollup_if_due", broken)
    retention._roll_up(None, 180)
    assert "roll-up of old records failed" in caplog.text

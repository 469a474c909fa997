"""Faults are logged when they start and when they end, not at every failure."""

import logging

from sqlalchemy.exc import OperationalError

from kb.faults import Faults, describe


def test_a_run_of_failures_is_logged_once_and_its_end_once(caplog):
    caplog.set_level(logging.WARNING)
    faults = Faults()
    for _ in range(5):
        faults.failed("votes", OSError(28, "No space left on device"), "votes are dropped")
    assert faults.current() == {"votes": "No space left on device; votes are dropped"}
    for _ in range(3):
        faults.recovered("votes")
    assert faults.current() == {}
    assert [r.getMessage() for r in caplog.records] == [
        "degraded: votes: No space left on device; votes are dropped until it works again",
        "recovered: votes: working again",
    ]


def test_the_traceback_is_logged_only_when_asked(caplog):
    faults = Faults()
    faults.failed("a", ValueError("bug"), "x", trace=True)
    faults.failed("b", OSError(30, "Read-only file system"), "y")
    assert [bool(r.exc_info) for r in caplog.records] == [True, False]


def test_describe_says_what_the_database_or_the_system_said():
    wrapped = OperationalError("INSERT", {}, Exception("database or disk is full"))
    assert describe(wrapped) == "database or disk is full"
    assert describe(OSError(28, "No space left on device", "/x")) == "No space left on device: /x"
    assert describe(ValueError("two\nlines")) == "two"
    assert describe(ValueError()) == "ValueError"

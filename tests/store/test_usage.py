"""The walkthrough usage record: events of a run, reloads not counted twice, failures harmless."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kb.store import usage
from kb.store.tables import usage_events

WHERE = usage.Walkthrough("call-next-process", "call-back", "en")
T0 = datetime(2026, 11, 22, 9, 0)


def rows(store):
    with store.engine.connect() as conn:
        return conn.execute(select(usage_events).order_by(usage_events.c.id)).all()


def test_run_ids_are_random_and_checked():
    one, two = usage.new_run_id(), usage.new_run_id()
    assert one != two and usage.is_run_id(one) and len(one) == 22
    for bad in ("", None, "short", "x" * 65, "a b c d e f g h i j", "<script>alert(1)</script>"):
        assert not usage.is_run_id(bad)


def test_a_run_in_order_with_the_outcome_duration(store):
    run = usage.new_run_id()
    assert usage.record(store, run, WHERE, "start", now=T0)
    assert usage.record(store, run, WHERE, "step", step="reason", now=T0)
    assert usage.record(store, run, WHERE, "step", step="dial", now=T0 + timedelta(seconds=20))
    assert usage.record(
        store,
        run,
        WHERE,
        "outcome",
        outcome="sr-spoke",
        outcome_kind="email-sent",
        now=T0 + timedelta(seconds=75),
    )
    found = rows(store)
    assert [(r.event, r.step, r.outcome, r.outcome_kind, r.duration) for r in found] == [
        ("start", None, None, None, None),
        ("step", "reason", None, None, None),
        ("step", "dial", None, None, None),
        ("outcome", None, "sr-spoke", "email-sent", 75.0),
    ]
    assert usage.run_started(store, run) == T0


def test_the_same_event_twice_in_a_row_is_one_reload(store):
    run = usage.new_run_id()
    usage.record(store, run, WHERE, "step", step="reason", now=T0)
    assert not usage.record(store, run, WHERE, "step", step="reason", now=T0)
    assert usage.record(store, run, WHERE, "step", step="dial", now=T0)
    assert usage.record(store, run, WHERE, "step", step="reason", now=T0)  # went back: counts
    assert [r.step for r in rows(store)] == ["reason", "dial", "reason"]


def test_a_run_is_current_for_twelve_hours(store):
    run = usage.new_run_id()
    assert not usage.is_current(store, run)
    usage.record(store, run, WHERE, "start", now=T0)
    assert usage.is_current(store, run, now=T0 + timedelta(hours=11, minutes=59))
    assert not usage.is_current(store, run, now=T0 + timedelta(hours=12))


def test_unknown_events_are_a_programming_error(store):
    with pytest.raises(ValueError):
        usage.record(store, usage.new_run_id(), WHERE, "answer")


def test_a_failed_record_is_logged_and_does_not_raise(store, caplog):
    store.engine.dispose()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE usage_events")
    for _ in range(3):
        assert usage.record(store, usage.new_run_id(), WHERE, "start") is False
        assert usage.run_started(store, "x" * 22) is None
    assert caplog.text.count("degraded: walkthrough events: ") == 1
    assert caplog.text.count("degraded: walkthrough runs: ") == 1
    assert "usage_events" in store.faults.current()["walkthrough events"]  # the database's words

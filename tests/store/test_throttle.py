"""Failed sign-ins in a row slow further attempts, growing exponentially, shared by workers."""

import multiprocessing
from datetime import datetime, timedelta

from kb.store import Store
from kb.store.throttle import ACCOUNT, Policy, blocked_for, clear, record_failure, throttle_key

T0 = datetime(2026, 11, 22, 9, 0)


def test_blocked_after_the_threshold_for_a_doubling_delay(store):
    key = throttle_key("secret", "account", "anna")
    for n in range(1, 5):
        assert record_failure(store, key, ACCOUNT, T0) == n
        assert blocked_for(store, [key], T0) is None
    record_failure(store, key, ACCOUNT, T0)  # the fifth
    assert blocked_for(store, [key], T0) == timedelta(seconds=30)
    assert blocked_for(store, [key], T0 + timedelta(seconds=30)) is None
    record_failure(store, key, ACCOUNT, T0 + timedelta(seconds=31))
    assert blocked_for(store, [key], T0 + timedelta(seconds=31)) == timedelta(seconds=60)


def test_the_delay_is_capped():
    assert Policy(threshold=5).delay(40) == timedelta(hours=1)
    assert Policy(threshold=5).delay(4) is None


def test_any_blocked_key_blocks_and_the_longest_wait_wins(store):
    account, address = "account:a", "address:b"
    quick = Policy(threshold=1, base=10)
    record_failure(store, account, quick, T0)
    record_failure(store, address, Policy(threshold=1, base=100), T0)
    assert blocked_for(store, [account, address], T0) == timedelta(seconds=100)
    assert blocked_for(store, [account], T0) == timedelta(seconds=10)
    assert blocked_for(store, ["account:other"], T0) is None


def test_success_clears_and_a_quiet_day_forgets(store):
    key = "account:a"
    for _ in range(5):
        record_failure(store, key, ACCOUNT, T0)
    clear(store, key)
    assert blocked_for(store, [key], T0) is None
    assert record_failure(store, key, ACCOUNT, T0) == 1
    assert record_failure(store, key, ACCOUNT, T0 + timedelta(hours=25)) == 1


def test_keys_hide_the_value():
    key = throttle_key("secret", "address", "10.0.0.7")
    assert "10.0.0.7" not in key and key.startswith("address:")
    assert key != throttle_key("other secret", "address", "10.0.0.7")


def _fail(url, barrier, times):
    barrier.wait()
    store = Store(url)
    for _ in range(times):
        record_failure(store, "account:a", ACCOUNT, T0)


def test_workers_failing_at_once_lose_no_count(store):
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    workers = [ctx.Process(target=_fail, args=(store.url, barrier, 5)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert record_failure(store, "account:a", ACCOUNT, T0) == 21

"""The progress of a long index build: log lines every few seconds, or a bar on a terminal."""

from __future__ import annotations

import io

import pytest

from kb.web.progress import Progress, duration


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def feed(progress: Progress, clock: Clock, total: int, per_second: int, seconds: int) -> None:
    """`per_second` articles done each second for `seconds`, reported ten times a second."""
    start = clock.now
    for tick in range(1, seconds * 10 + 1):
        clock.now = start + tick / 10
        progress(min(tick * per_second // 10, total), total)


def test_a_log_gets_a_line_every_few_seconds_with_count_rate_and_time_left():
    out, clock = io.StringIO(), Clock()
    progress = Progress("Indexing", out, tty=False, every=5, clock=clock)
    feed(progress, clock, total=1000, per_second=50, seconds=12)
    lines = out.getvalue().splitlines()
    assert lines == [
        "Indexing: 50 of 1,000 articles (5%), 50 a second, 19 s left, then the index is written",
        "Indexing: 300 of 1,000 articles (30%), 50 a second, 14 s left, then the index is written",
        "Indexing: 550 of 1,000 articles (55%), 50 a second, 9 s left, then the index is written",
    ]


def test_the_last_line_says_the_articles_are_done_and_the_index_is_being_written():
    out, clock = io.StringIO(), Clock()
    progress = Progress("Indexing", out, tty=False, every=5, clock=clock)
    feed(progress, clock, total=200, per_second=50, seconds=5)
    progress(200, 200)  # told twice: said once
    last = out.getvalue().splitlines()[-1]
    assert last == "Indexing: 200 of 200 articles (100%) in 4 s, 50 a second; writing the index"
    assert out.getvalue().count("100%") == 1


def test_a_job_over_in_a_moment_logs_nothing():
    out, clock = io.StringIO(), Clock()
    progress = Progress("Indexing", out, tty=False, clock=clock)
    clock.now += 0.3
    progress(10, 10)
    assert out.getvalue() == ""


def test_a_terminal_gets_one_bar_redrawn_in_place():
    out, clock = io.StringIO(), Clock()
    progress = Progress("Indexing", out, tty=True, clock=clock)
    feed(progress, clock, total=400, per_second=100, seconds=4)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1  # one line, finished once
    frames = text.split("\r")[1:]
    assert len(frames) >= 10  # redrawn a few times a second
    assert frames[0].startswith(f"Indexing [{' ' * 24}] 10 of 400 articles (2%)")
    for frame in frames[:-1]:  # the bar fills as the count grows; the time left shrinks
        done = int(frame.split("] ")[1].split(" of ")[0])
        assert frame.count("#") == 24 * done // 400
        left = round((400 - done) / 100)
        assert f", 100 a second, {left} s left, then the index is written" in frame
    assert frames[-1].startswith(f"Indexing [{'#' * 24}] 400 of 400 articles (100%)")


@pytest.mark.parametrize(
    "seconds, said",
    [(0.4, "0 s"), (45, "45 s"), (185, "3 min 05 s"), (3720, "1 h 02 min")],
)
def test_durations_read_easily(seconds, said):
    assert duration(seconds) == said

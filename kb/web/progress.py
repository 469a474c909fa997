"""How a long index build is going: a bar redrawn in place on a terminal, a line every few
seconds in a log (a pipe, a file, the journal), with the count done, the rate and the time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR = 24  # characters of the bar
REDRAW = 0.2  # seconds between redraws of the bar
EVERY = 5.0  # seconds between log lines


def duration(seconds: float) -> str:
    """A short duration: 45 s, 3 min 05 s, 1 h 02 min."""
    seconds = max(int(round(seconds)), 0)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """Call it with (done, total) as often as you like; it draws or logs at its own pace."""

    def __init__(
        self,
        what: str,
        stream: TextIO | None = None,
        tty: bool | None = None,
        every: float = EVERY,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every = REDRAW if self.tty else every
        self.clock = clock
        self.started = clock()
        self.shown_at: float | None = None
        self.finished = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        complete = total > 0 and done >= total
        if complete and self.finished:
            return
        if not complete and self.shown_at is not None and now - self.shown_at < self.every:
            return
        if self.shown_at is None and not self.tty and now - self.started < 1:
            return  # a log needs no line for a job over in a moment
        self.shown_at = now
        self.finished = complete
        line = self.describe(done, total, now - self.started)
        if self.tty:
            bar = "#" * (BAR * done // total if total else BAR)
            self.stream.write(f"\r{self.what} [{bar:<{BAR}}] {line}\033[K")
            if complete:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.what}: {line}\n")
        self.stream.flush()

    def describe(self, done: int, total: int, elapsed: float) -> str:
        share = f" ({100 * done // total}%)" if total else ""
        head = f"{done:,} of {total:,} articles{share}"
        if done == 0 or elapsed <= 0:
            return head
        rate = done / elapsed
        if done >= total:
            return f"{head} in {duration(elapsed)}, {rate:,.0f} a second; writing the index"
        left = (total - done) / rate
        return f"{head}, {rate:,.0f} a second, {duration(left)} left, then the index is written"

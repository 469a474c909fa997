"""Writing a new index in shares, each share on a process of its own, with no final merge.

A share yields (stream, fields) pairs; each stream of a share goes to a Whoosh segment of its own,
and the index lists the segments stream by stream, share by share. Whoosh numbers documents in
that order, so shares that are consecutive runs of one ordered list keep that list's order across
the whole index, as one writer would have. Merging the segments into one would cost a third of
the build again on one core and change nothing that search reads.

Workers are forked, so a share is any function: nothing is pickled but the segments that come
back. Segment, writer and TOC handling follows whoosh.multiproc.MpWriter's `multisegment` path.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

WRITER_MB = 128  # memory each writer may use for sorting postings before it spills to disk
POLL = 0.2  # seconds between looks at the workers' progress
PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies

# Yields (stream, fields); calls its `done(n)` argument as it finishes articles.
Share = Callable[[Callable[[int], None]], Iterator[tuple[int, dict]]]
Progress = Callable[[int], None]  # articles done so far, across all shares


class WorkerError(RuntimeError):
    """A worker died without saying why (killed, say)."""


def write(path: str, shares: Sequence[Share], streams: int, procs: int, progress: Progress) -> None:
    """Fill the empty index at `path` from `shares`, on up to `procs` processes at once."""
    if procs <= 1 or len(shares) <= 1:
        done = _Counter(progress)
        found = [_write_share(path, share, streams, done.add) for share in shares]
    else:
        found = _in_workers(path, shares, streams, procs, progress)
    segments = [s for stream in range(streams) for share in found if (s := share[stream])]
    ix = whoosh_index.open_dir(path)
    writer = SegmentWriter(ix)  # takes Whoosh's own lock for the table of contents
    try:
        writer._close_segment()
        writer._commit_toc(segments)
    finally:
        writer._finish()
        ix.close()


def _write_share(path: str, share: Share, streams: int, done: Progress) -> list:
    """Write one share; its segments by stream (None for a stream it had nothing for)."""
    ix = whoosh_index.open_dir(path)
    writers = [SegmentWriter(ix, _lk=False, limitmb=WRITER_MB) for _ in range(streams)]
    try:
        for stream, fields in share(done):
            writers[stream].add_document(**fields)
    except BaseException:
        for writer in writers:
            writer.pool.cleanup()
        raise
    segments = []
    for writer in writers:
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
            segments.append(None)
    ix.close()
    return segments


class _Counter:
    """Articles done in this process, passed on to `progress`."""

    def __init__(self, progress: Progress):
        self.count = 0
        self.progress = progress

    def add(self, n: int) -> None:
        self.count += n
        self.progress(self.count)


def _in_workers(
    path: str, shares: Sequence[Share], streams: int, procs: int, progress: Progress
) -> list[list]:
    context = multiprocessing.get_context("fork")
    counters = [context.Value("q", 0, lock=False) for _ in shares]
    found: dict[int, list] = {}
    pending = list(range(len(shares)))
    running: dict[int, tuple] = {}
    try:
        while pending or running:
            while pending and len(running) < procs:
                i = pending.pop(0)
                receive, send = context.Pipe(duplex=False)
                worker = context.Process(
                    target=_worker,
                    args=(path, shares[i], streams, counters[i], send, os.getpid()),
                    name=f"kb-index-share-{i}",
                    daemon=True,
                )
                worker.start()
                send.close()
                running[i] = (worker, receive)
            for i, (worker, receive) in list(running.items()):
                if receive.poll():
                    found[i] = _result(receive.recv())
                    worker.join()
                    del running[i]
                elif not worker.is_alive():
                    raise WorkerError(f"index worker {i} exited with {worker.exitcode}")
            progress(sum(c.value for c in counters))
            time.sleep(POLL if running else 0)
    finally:
        for worker, _ in running.values():
            worker.kill()
            worker.join()
    return [found[i] for i in range(len(shares))]


def _worker(path: str, share: Share, streams: int, counter, send, parent: int) -> None:
    _die_with(parent)

    def done(n: int) -> None:
        counter.value += n

    try:
        send.send(("ok", _write_share(path, share, streams, done)))
    except BaseException as error:  # the parent raises it again, with this traceback told
        try:
            send.send(("error", error, traceback.format_exc()))
        except Exception:  # an exception that cannot be pickled: its words, then
            send.send(("error", WorkerError(repr(error)), traceback.format_exc()))
    finally:
        send.close()


def _die_with(parent: int) -> None:
    """Be killed when the parent dies (SIGKILL, say), rather than write on for no one while
    holding the index's write lock, which the worker inherits with the parent's open files."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker stops at its next report
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _result(message: tuple) -> list:
    if message[0] == "ok":
        return message[1]
    _, error, trace = message
    error.add_note(f"in an index worker:\n{trace}")
    raise error

"""A term's postings read a block at a time: each block's document numbers and weights come as
two arrays, where Whoosh's matcher interface costs three Python calls per posting (a common word
of a large corpus has tens of thousands of postings); and a whole field's terms and postings read
in order, each segment's files read ahead (read_field, for warming).

This reads whoosh3's own block reader (W3LeafMatcher) and term dictionary (an ordered hash file),
whoosh3 3.54, pinned in requirements.txt; any other matcher is read one posting at a time, as
Whoosh serves it.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Generator, Iterator, Sequence
from itertools import repeat
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.filedb.structfile import BufferFile
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermInfo, TermNotFound

Block = tuple[Sequence[int], Sequence[float]]
_DOC_FREQUENCY = struct.Struct("!I")
_LENGTHS = struct.Struct("!ii")  # a record's key and value lengths in whoosh3's hash files
READ_AHEAD = 1 << 20  # bytes of a segment's file ReadAhead reads at once
STEP = 5000  # postings read_field reads between two yields
TERMS_A_STEP = 50  # ... or terms, a few ms of work either way


class FieldPostings(NamedTuple):
    """Every live posting of one field, over all the segments: the postings of row i (the term
    `terms` numbers i) are where `rows` is i, in docnum order."""

    terms: dict[str, int]
    frequencies: list[int]  # by row: its documents, deleted ones included (as Whoosh counts)
    rows: npt.NDArray[np.intp]
    docnums: npt.NDArray[np.intp]
    weights: npt.NDArray[np.float64]


def term_info(leaf, field: str, term: bytes | str) -> TermInfo | None:
    """What one segment reader `leaf` holds of `term` in `field` (its document frequency and
    where its postings are), or None: one look-up in the segment's term dictionary, where
    asking "is it there?", "in how many?" and "its postings" costs one each."""
    try:
        return leaf._terms.term_info(field, leaf._text_to_bytes(field, term))
    except TermNotFound:
        return None


class ReadAhead:
    """One of a segment's files (its term dictionary, its postings) read READ_AHEAD bytes at a
    time, for records asked in the order they are written (a field's terms, and their
    postings): whoosh3 reads a record through Python file objects a few bytes at a time, some
    25 calls for a block of postings, where this reads once."""

    def __init__(self, file):
        self._file = file
        self._data = b""
        self._start = 0
        self._buffer: BufferFile | None = None

    def read(self, offset: int, length: int) -> bytes:
        """The `length` bytes at `offset`."""
        at = self._cover(offset, length)
        return self._data[at : at + length]

    def covering(self, offset: int, length: int) -> tuple[BufferFile, int]:
        """A file in memory holding the `length` bytes at `offset`, and where they start in it."""
        at = self._cover(offset, length)
        if self._buffer is None:
            self._buffer = BufferFile(self._data)
        return self._buffer, at

    def _cover(self, offset: int, length: int) -> int:
        if offset < self._start or offset + length > self._start + len(self._data):
            self._data = self._file.get(offset, max(length, READ_AHEAD))
            self._start, self._buffer = offset, None
        return offset - self._start


class _Extent(NamedTuple):
    """Where a term's postings are in a read-ahead buffer, as a term info tells the codec."""

    offset: int
    length: int

    def is_inlined(self) -> bool:
        return False

    def extent(self) -> tuple[int, int]:
        return self.offset, self.length


def blocks(
    leaf,
    field: str,
    term: bytes | str,
    info: TermInfo | None = None,
    ahead: ReadAhead | None = None,
) -> Iterator[Block]:
    """(document numbers, weights) of the live postings of `term` in `field` of one segment
    reader `leaf`, a block at a time, in document order; `info` is the term's, if known, and
    `ahead` reads the segment's postings for it."""
    deleted: frozenset[int] = frozenset()
    if info is None:
        matcher = leaf.postings(field, term)
        if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
            deleted, matcher = leaf.deleted_docs_set, matcher.child
    else:  # the segment's own postings reader, as leaf.postings makes it from the info
        postfile = leaf._terms._postfile
        where: TermInfo | _Extent = info
        if ahead is not None and isinstance(info, W3TermInfo) and not info.is_inlined():
            offset, length = info.extent()
            # whoosh3 3.54 reads the length as a 1-tuple (and reads until the last block).
            length = length[0] if isinstance(length, tuple) else length
            postfile, at = ahead.covering(offset, length)
            where = _Extent(at, length)
        tbytes = leaf._text_to_bytes(field, term)
        matcher = leaf._codec.postings_reader(
            postfile, where, leaf.schema[field].format, term=(field, tbytes)
        )
        deleted = leaf.deleted_docs_set or deleted
    if not isinstance(matcher, W3LeafMatcher):
        yield from _one_by_one(matcher, deleted)
        return
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids, weights = matcher._ids, matcher._weights
        if deleted:
            kept = [i for i, doc in enumerate(ids) if doc not in deleted]
            ids, weights = [ids[i] for i in kept], [weights[i] for i in kept]
        yield ids, weights
        matcher._next_block()


def _one_by_one(matcher, deleted: frozenset[int]) -> Iterator[Block]:
    while matcher.is_active():
        doc = matcher.id()
        if doc not in deleted:
            yield (doc,), (matcher.weight(),)
        matcher.next()


def document_frequencies(leaf, field: str) -> Iterator[tuple[str, int]]:
    """Every term of `field` in one segment reader `leaf`, with the number of its documents
    (deleted ones included, as Whoosh counts them), in term order. Only the count is read of
    each term's info (W3TermInfo: a flags byte, a float, then it), not its inlined postings."""
    for term, info in _entries(leaf, field):
        yield term, _DOC_FREQUENCY.unpack_from(info, 5)[0]


def read_field(leaves: list[tuple], field: str) -> Generator[None, None, FieldPostings]:
    """Every posting of `field` in the segment readers `leaves` ((reader, docnum offset) each,
    as Whoosh lists them), yielding every STEP postings or TERMS_A_STEP terms read and between
    the array operations at the end: a generator's work, a few ms at a time."""
    terms: dict[str, int] = {}
    frequencies: list[int] = []
    # Typed arrays, not lists: 24 bytes a posting rather than some 100 (a large corpus's texts
    # have hundreds of thousands).
    rows, docnums, weights = array("q"), array("q"), array("d")
    sizes, offsets = [], []  # each segment's number of postings, and its docnum offset
    since = 0  # postings read since the last yield (a term counting as STEP / TERMS_A_STEP)
    for leaf, offset in leaves:
        before = len(docnums)
        ahead = ReadAhead(leaf._terms._postfile)
        for term, stored in _entries(leaf, field):
            info = W3TermInfo.from_bytes(stored)
            row = terms.setdefault(term, len(terms))
            if row == len(frequencies):
                frequencies.append(0)
            frequencies[row] += info.doc_frequency()
            for ids, block in blocks(leaf, field, term, info, ahead):
                rows.extend(repeat(row, len(ids)))
                docnums.extend(ids)
                # A block's weights are float32 (array "f"), an inlined posting's a float.
                weights.extend(block.tolist() if isinstance(block, array) else block)
                since += len(ids)
            since += STEP // TERMS_A_STEP
            if since >= STEP:
                since = 0
                yield
        sizes.append(len(docnums) - before)
        offsets.append(offset)
    ordered = np.frombuffer(rows, dtype=np.int64).astype(np.intp, copy=False)
    by_row = np.argsort(ordered, kind="stable")  # keeps each term's postings in docnum order
    yield
    moved = np.repeat(np.array(offsets, np.intp), sizes)
    absolute = (np.frombuffer(docnums, dtype=np.int64) + moved)[by_row]
    yield
    scored = np.frombuffer(weights, dtype=np.float64)[by_row]
    yield
    return FieldPostings(terms, frequencies, ordered[by_row], absolute, scored)


def _entries(leaf, field: str) -> Iterator[tuple[str, bytes]]:
    """Every term of `field` in one segment reader `leaf` with its info as stored, in term
    order: the records of whoosh3's ordered hash file (two lengths, the key, the value), read
    ahead; every key of the field starts with the field's number."""
    index = leaf._terms._tindex
    start = leaf._terms._keycoder(field, b"")
    pos = index.closest_key_pos(start)
    ahead = ReadAhead(index.dbfile)
    while pos is not None and pos < index.endofdata:
        key_length, value_length = _LENGTHS.unpack(ahead.read(pos, _LENGTHS.size))
        key = ahead.read(pos + _LENGTHS.size, key_length)
        if not key.startswith(start):
            return
        value_at = pos + _LENGTHS.size + key_length
        yield key[len(start) :].decode("utf-8"), ahead.read(value_at, value_length)
        pos = value_at + value_length

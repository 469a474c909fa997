"""A term's postings read a block at a time: each block's document numbers and weights come as
two arrays, where Whoosh's matcher interface costs three Python calls per posting (a common word
of a large corpus has tens of thousands of postings).

This reads whoosh3's own block reader (W3LeafMatcher, whoosh3 3.54, pinned in requirements.txt);
any other matcher is read one posting at a time, as Whoosh serves it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermInfo, TermNotFound

Block = tuple[Sequence[int], Sequence[float]]
_DOC_FREQUENCY = struct.Struct("!I")


def term_info(leaf, field: str, term: bytes | str) -> TermInfo | None:
    """What one segment reader `leaf` holds of `term` in `field` (its document frequency and
    where its postings are), or None: one look-up in the segment's term dictionary, where
    asking "is it there?", "in how many?" and "its postings" costs one each."""
    try:
        return leaf._terms.term_info(field, leaf._text_to_bytes(field, term))
    except TermNotFound:
        return None


def blocks(leaf, field: str, term: bytes | str, info: TermInfo | None = None) -> Iterator[Block]:
    """(document numbers, weights) of the live postings of `term` in `field` of one segment
    reader `leaf`, a block at a time, in document order; `info` is the term's, if known."""
    deleted: frozenset[int] = frozenset()
    if info is None:
        matcher = leaf.postings(field, term)
        if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
            deleted, matcher = leaf.deleted_docs_set, matcher.child
    else:  # the segment's own postings reader, as leaf.postings makes it from the info
        tbytes = leaf._text_to_bytes(field, term)
        matcher = leaf._codec.postings_reader(
            leaf._terms._postfile, info, leaf.schema[field].format, term=(field, tbytes)
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
    terms = leaf._terms
    start = terms._keycoder(field, b"")  # the field's number: every key of the field starts so
    for key, info in terms._tindex.items_from(start):
        if not key.startswith(start):
            return
        yield key[len(start) :].decode("utf-8"), _DOC_FREQUENCY.unpack_from(info, 5)[0]

"""A term's postings read a block at a time: each block's document numbers and weights come as
two arrays, where Whoosh's matcher interface costs three Python calls per posting (a common word
of a large corpus has tens of thousands of postings).

This reads whoosh3's own block reader (W3LeafMatcher, whoosh3 3.54, pinned in requirements.txt);
any other matcher is read one posting at a time, as Whoosh serves it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

Block = tuple[Sequence[int], Sequence[float]]


def blocks(leaf, field: str, term: bytes | str) -> Iterator[Block]:
    """(document numbers, weights) of the live postings of `term` in `field` of one segment
    reader `leaf`, a block at a time, in document order."""
    matcher = leaf.postings(field, term)
    deleted: frozenset[int] = frozenset()
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
        deleted, matcher = leaf.deleted_docs_set, matcher.child
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

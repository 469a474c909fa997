"""Postings read a block at a time are Whoosh's own postings, deleted documents left out."""

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from kb.search.postings import blocks


def whoosh_postings(leaf, field, term):
    matcher = leaf.postings(field, term)
    out = []
    while matcher.is_active():
        out.append((matcher.id(), matcher.weight()))
        matcher.next()
    return out


def test_blocks_hold_every_live_posting_with_its_weight():
    ix = RamStorage().create_index(Schema(key=ID(unique=True), text=TEXT))
    with ix.writer() as writer:  # 300 postings: three blocks of Whoosh's 128
        for n in range(300):
            writer.add_document(key=str(n), text="word " * (1 + n % 7) + "other")
    writer = ix.writer()  # a second segment, and deletions in the first
    for n in range(300, 340):
        writer.add_document(key=str(n), text="word other")
    for n in range(0, 300, 9):
        writer.delete_by_term("key", str(n))
    writer.commit(merge=False)
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        assert len(leaves) == 2 and leaves[0][0].has_deletions()
        for leaf, _ in leaves:
            got = [
                pair
                for ids, weights in blocks(leaf, "text", b"word")
                for pair in zip(ids, weights, strict=True)
            ]
            assert got == whoosh_postings(leaf, "text", b"word")
            assert len(got) == (300 - 34 if leaf is leaves[0][0] else 40)

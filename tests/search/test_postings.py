"""Postings read a block at a time are Whoosh's own postings, deleted documents left out."""

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from kb.search import postings
from kb.search.postings import blocks, document_frequencies, read_field, term_info


def whoosh_postings(leaf, field, term):
    matcher = leaf.postings(field, term)
    out = []
    while matcher.is_active():
        out.append((matcher.id(), matcher.weight()))
        matcher.next()
    return out


def two_segments():
    """300 postings of "word" (three blocks of Whoosh's 128) in a first segment with deletions,
    40 more in a second."""
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
    return ix


def test_blocks_hold_every_live_posting_with_its_weight():
    with two_segments().reader() as reader:
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


def test_blocks_from_a_term_info_looked_up_once_are_the_same_postings():
    with two_segments().reader() as reader:
        for leaf, _ in reader.leaf_readers():
            info = term_info(leaf, "text", "word")
            assert info is not None and info.doc_frequency() == leaf.doc_frequency("text", "word")
            got = [
                pair
                for ids, weights in blocks(leaf, "text", "word", info)
                for pair in zip(ids, weights, strict=True)
            ]
            assert got == whoosh_postings(leaf, "text", b"word")
            assert term_info(leaf, "text", "absent") is None
            assert term_info(leaf, "nofield", "word") is None


def test_document_frequencies_list_every_term_of_the_field_with_whooshs_count():
    with two_segments().reader() as reader:
        for leaf, _ in reader.leaf_readers():
            found = dict(document_frequencies(leaf, "text"))
            assert found == {
                text.decode(): leaf.doc_frequency("text", text) for text in leaf.lexicon("text")
            }
            assert found["word"] == leaf.doc_frequency("text", "word")  # deleted ones counted
            assert list(found) == sorted(found)
            assert dict(document_frequencies(leaf, "key")).keys() == {
                k.decode() for k in leaf.lexicon("key")
            }
            assert list(document_frequencies(leaf, "nofield")) == []


def read_whole(leaves, name):
    """What read_field returns for field `name`, and how many steps it took."""
    reading, steps = read_field(leaves, name), 0
    while True:
        try:
            next(reading)
            steps += 1
        except StopIteration as done:
            return done.value, steps


def test_a_field_read_whole_holds_every_live_posting_of_every_term_in_docnum_order(monkeypatch):
    monkeypatch.setattr(postings, "STEP", 1)
    with two_segments().reader() as reader:
        field, steps = read_whole(reader.leaf_readers(), "text")
        assert steps >= 4  # a step a term of each segment at least: "other" and "word", twice
        got = {}
        for term, row in field.terms.items():
            mine = field.rows == row
            got[term] = list(
                zip(field.docnums[mine].tolist(), field.weights[mine].tolist(), strict=True)
            )
        assert got == {
            text.decode(): whoosh_postings(reader, "text", text) for text in reader.lexicon("text")
        }
        assert len(got["word"]) == 300 - 34 + 40  # the deleted ones left out
        assert {t: field.frequencies[row] for t, row in field.terms.items()} == {
            text.decode(): reader.doc_frequency("text", text) for text in reader.lexicon("text")
        }
        assert list(field.rows) == sorted(field.rows)

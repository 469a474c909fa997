"""Document frequencies and segments from a field read whole are the index's own."""

from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from kb.search.frequency import Frequencies
from kb.search.postings import document_frequencies


def test_a_field_read_whole_answers_as_the_index_does_and_knows_where_each_term_is():
    ix = RamStorage().create_index(Schema(text=TEXT, other=TEXT))
    with ix.writer() as writer:
        writer.add_document(text="roaming tariff roaming", other="refund")
        writer.add_document(text="roaming abroad")
    with ix.writer() as writer:  # a second segment
        writer.add_document(text="tariff", other="refund")
    with ix.reader() as reader:
        frequencies = Frequencies(reader)
        words = ["roaming", "tariff", "abroad", "refund", "absent"]
        before = {w: (frequencies("text", w), frequencies("other", w)) for w in words}
        assert {frequencies.segments("text", w) for w in words} == {None}  # not read: not known
        counts: dict[str, int] = {}
        segments: dict[str, int] = {}
        for i, (leaf, _) in enumerate(reader.leaf_readers()):
            for term, count in document_frequencies(leaf, "text"):
                counts[term] = counts.get(term, 0) + count
                segments[term] = segments.get(term, 0) | 1 << i
        frequencies.know("text", counts, segments)
        after = {w: (frequencies("text", w), frequencies("other", w)) for w in words}
        whooshs = {
            w: (reader.doc_frequency("text", w), reader.doc_frequency("other", w)) for w in words
        }
        assert after == before == whooshs
        assert before["roaming"] == (2, 0) and before["refund"] == (0, 2)
        where = {w: frequencies.segments("text", w) for w in words}
        assert where == {"roaming": 0b01, "tariff": 0b11, "abroad": 0b01, "refund": 0, "absent": 0}
        assert frequencies.segments("other", "absent") is None  # that field is not read whole

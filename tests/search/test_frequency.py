"""Document frequencies from a field read whole are the index's own."""

from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from kb.search.frequency import Frequencies
from tests.search.test_postings import read_whole


def test_a_field_read_whole_answers_as_the_index_does():
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
        field, _ = read_whole(reader.leaf_readers(), "text")
        frequencies.know("text", field.terms, field.frequencies)
        after = {w: (frequencies("text", w), frequencies("other", w)) for w in words}
        whooshs = {
            w: (reader.doc_frequency("text", w), reader.doc_frequency("other", w)) for w in words
        }
        assert after == before == whooshs
        assert before["roaming"] == (2, 0) and before["refund"] == (0, 2)

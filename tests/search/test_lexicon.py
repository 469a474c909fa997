"""The words typos are corrected to: read per index generation, remembered within bounds."""

from whoosh.filedb.filestore import RamStorage

from kb.search import spelling
from kb.search.schema import build_schema
from kb.search.spelling import Lexicon, Vocabulary


def searcher_over(*texts):
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        for text in texts:
            writer.add_document(spell=text)
    return ix.searcher()


def test_corrections_are_the_closest_then_commonest_words_with_the_first_letter():
    searcher = searcher_over("roaming roaming", "roaming", "roamer", "foaming")
    vocabulary = Vocabulary(searcher)
    assert vocabulary.corrections("roamnig") == ["roaming"]  # a swap is one edit
    assert vocabulary.corrections("oraming") == ["roaming"]  # the first two letters too
    assert "foaming" not in vocabulary.corrections("roaming")  # the first letter is held


def test_made_up_words_do_not_grow_the_remembered_answers_without_end(monkeypatch):
    monkeypatch.setattr(spelling, "MAX_COUNTS", 20)
    searcher = searcher_over("roaming transfer")
    lexicon = Lexicon(searcher.reader())
    vocabulary = Vocabulary(searcher, lexicon)
    for n in range(200):
        vocabulary.frequency(f"word{n}")
        vocabulary.frequency(str(n))
        vocabulary.indexed(f"term{n}", "en")
    memos = (lexicon._counts, lexicon.frequencies, lexicon.terms, lexicon._starts)
    assert all(len(memo) <= 20 for memo in memos)
    assert vocabulary.frequency("roaming") == 1

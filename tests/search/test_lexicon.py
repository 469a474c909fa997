"""The words typos are corrected to: read per index generation, remembered within bounds."""

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage

from kb.search import spelling
from kb.search.postings import document_frequencies
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


def counted(searcher):
    """Every spelling word with its count, as warming reads them."""
    return {
        word: count
        for leaf, _ in searcher.reader().leaf_readers()
        for word, count in document_frequencies(leaf, "spell")
    }


def test_words_known_at_once_give_the_answers_read_one_by_one():
    searcher = searcher_over("roaming roamer transfer", "roaming tariff", "тариф роуминг")
    cold, warm = Lexicon(searcher.reader()), Lexicon(searcher.reader())
    warm.know(counted(searcher))
    words = ["roaming", "roamer", "roam", "tariff", "тариф", "тарифы", "absent", "r", "zz", "ро"]
    for word in words:
        assert warm.count(word) == cold.count(word)
        for n in range(1, len(word) + 1):
            assert warm.starts(word[:n]) == cold.starts(word[:n]), word[:n]
        assert warm.near(word, 2) == cold.near(word, 2)
        guessed, read = Vocabulary(searcher, warm), Vocabulary(searcher, cold)
        for n in range(2, len(word) + 1):
            assert guessed.completions(word[:n]) == read.completions(word[:n]), word[:n]
    assert warm._read is not None and not warm._deletions  # answered from memory
    assert warm.starting("roa", 10) == [("roamer", 1), ("roaming", 2)]


def test_with_deleted_articles_the_counts_are_still_read_one_by_one():
    """Whoosh counts a deleted article's words until its segment is merged: a word only a
    deleted article had is not offered as a correction."""
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        writer.add_document(key="a", spell="roaming")
        writer.add_document(key="b", spell="roamer")
    with ix.writer() as writer:
        writer.delete_by_term("key", "b")
        writer.add_document(key="c", spell="tariff")
    with ix.searcher() as searcher:
        lexicon = Lexicon(searcher.reader())
        lexicon.know(counted(searcher))
        assert lexicon._deletions  # so counts are looked up one by one
        assert lexicon.count("roamer") == 0 and lexicon.count("roaming") == 1
        assert "roamer" not in lexicon.near("roamar", 2)
        # A completion is a guess at what is typed: Whoosh's counts, as when read one by one.
        cold = Vocabulary(searcher, Lexicon(searcher.reader()))
        assert Vocabulary(searcher, lexicon).completions("roa") == cold.completions("roa")


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text("abrt", min_size=1, max_size=9), min_size=1, max_size=40),
    word=st.text("abrt", min_size=1, max_size=9),
    edits=st.integers(0, 3),
)
def test_near_finds_every_word_of_the_first_letter_within_the_edits(words, word, edits):
    searcher = searcher_over(" ".join(words))
    lexicon = Lexicon(searcher.reader())
    known = [term.decode() for term in searcher.reader().lexicon("spell")]  # as analysed
    expected = {
        w: spelling.distance(word, w)
        for w in known
        if w[:1] == word[:1] and spelling.distance(word, w) <= edits
    }
    assert lexicon.near(word, edits) == expected
    lexicon.know(counted(searcher))
    assert lexicon.near(word, edits) == expected

"""Article fields held whole after warming score every term exactly as reading it cold does,
over several segments and with deleted documents."""

from __future__ import annotations

import numpy as np

from kb.content import load_library
from kb.search.schema import ARTICLE_FIELDS, LANGS, field
from tests.search.test_lifecycle import touch_and_append


def test_a_field_held_whole_scores_every_term_as_reading_it_cold(engine, articles):
    engine.search("roaming", "en")  # builds the index
    touch_and_append(articles / "en/security/passwords.md", "\nAsk about the zebra finch.\n")
    engine.sync(load_library(articles))  # a second segment; the old version is deleted
    snapshot = engine._searchers.current()
    reader = snapshot.searcher.reader()
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    assert len(leaves) > 1 and any(leaf.has_deletions() for leaf in leaves)
    names = {field(prefix, lang): lang for lang in LANGS for prefix in ARTICLE_FIELDS}
    terms = [(name, t.decode()) for name in names for t in reader.lexicon(name)]
    assert ("body_en", "zebra") in terms and len(terms) > 100
    cold = {(name, t): snapshot.scorer.term(name, names[name], t) for name, t in terms}

    assert engine.warm(pause=0) is True
    assert snapshot.scorer._held.keys() == names.keys()
    assert snapshot.scorer.held > 0
    for (name, t), scores in cold.items():
        held = snapshot.scorer.term(name, names[name], t)
        assert np.array_equal(held.docs, scores.docs), (name, t)
        assert np.array_equal(held.values, scores.values), (name, t)  # the same floats
    assert snapshot.scorer.term("body_en", "en", "zzzabsent").docs.size == 0
    assert snapshot.frequencies("body_en", "zebra") == reader.doc_frequency("body_en", "zebra")

"""Warming a new index generation: what it reads, that it changes no answer, and that it gives
way to a newer generation."""

from __future__ import annotations

import gc

from kb.content import load_library
from kb.search import engine as engine_module
from kb.search import passages, warming
from kb.search_engine import build_engine
from tests.search.test_lifecycle import touch_and_append

QUERIES = [
    ("roaming charge", "en"),
    ("roamnig", "en"),  # a typo
    ("hjevbyu", "ru"),  # роуминг in the wrong layout
    ("роуминга за границей", "ru"),
    ("refund", "ru"),  # the other language
    ("money back", "en"),
    ("password reset", "en"),
    ("zzzz qqqq", "en"),
]


def answers(engine):
    return [(engine.search(text, lang), engine.suggest(text, lang)) for text, lang in QUERIES]


def test_a_warmed_engine_reads_ahead_and_answers_as_a_cold_one(engine, tmp_path):
    cold_answers = answers(engine)  # builds the index
    warm = build_engine(tmp_path / "index")
    assert warm.warm(pause=0) is True
    snapshot = warm._searchers.current()
    assert snapshot.warmed
    assert snapshot.passages._articles.keys() == snapshot.catalog.articles.keys()
    assert snapshot.lexicon._read and snapshot.scorer.held > 0
    assert {"title_en", "labels_en", "body_en", "body_ru"} <= snapshot.frequencies._fields.keys()
    assert snapshot.catalog._shown.keys() == {"en", "ru"}
    assert snapshot.table._shown.keys() == {"en", "ru"}
    assert snapshot.table._facets.keys() == {"category", "tag", "audience"}
    assert answers(warm) == cold_answers
    assert warm.warm() is True  # warm already: nothing more to do
    warm.close()
    assert warm.warm() is False  # closed: nothing is opened again


def test_what_warming_reads_is_left_out_of_the_collectors_full_passes(engine):
    engine.search("roaming", "en")
    assert engine.warm(pause=0) is True
    snapshot = engine._searchers.current()
    passages, _ = next(iter(snapshot.passages._articles.values()))
    assert gc.get_freeze_count() > 0
    assert gc.is_tracked(passages)
    assert not any(o is passages for o in gc.get_objects())  # frozen: in no generation


def test_warming_a_new_generation_lets_the_collector_reach_the_old_one_again(
    engine, articles, monkeypatch
):
    engine.search("roaming", "en")
    assert engine.warm(pause=0) is True and gc.get_freeze_count() > 0
    touch_and_append(articles / "en/mobile/roaming.md", "\nAsk about the zebra finch.\n")
    engine.sync(load_library(articles))
    frozen_while_warming = []
    steps = warming.steps

    def watched(snapshot):
        for step in steps(snapshot):
            frozen_while_warming.append(gc.get_freeze_count())
            yield step

    monkeypatch.setattr(warming, "steps", watched)
    assert engine.warm(pause=0) is True
    assert frozen_while_warming and set(frozen_while_warming) == {0}
    assert gc.get_freeze_count() > 0 and engine.search("zebra", "en").total == 1


def test_warming_analyses_the_words_snippets_are_made_of_once_an_article_version(
    engine, articles, monkeypatch
):
    engine.search("roaming", "en")
    analysed: list[tuple[str, str]] = []
    monkeypatch.setattr(warming, "_LEMMATIZED", set())
    monkeypatch.setattr(warming, "normalize", lambda word, lang: analysed.append((word, lang)))
    assert engine.warm(pause=0) is True
    assert ("задолженности", "ru") in analysed  # a word of the Russian roaming article's text
    assert ("Billing", "en") in analysed
    analysed.clear()
    touch_and_append(articles / "ru/mobile/roaming.md", "\nСпросите про зеброзяблика.\n")
    engine.sync(load_library(articles))
    assert engine.warm(pause=0) is True
    assert ("зеброзяблика", "ru") in analysed
    assert not any(lang == "en" for _, lang in analysed)  # the others were done before


def test_warming_without_an_index_does_nothing(tmp_path):
    engine = build_engine(tmp_path / "index")
    assert engine.warm(pause=0) is False and not engine.exists()


def test_warming_gives_way_to_a_newer_generation_and_the_next_call_warms_that(
    engine, articles, monkeypatch
):
    engine.search("roaming", "en")
    monkeypatch.setattr(engine_module, "WARM_SLICE", 0.0)  # one step at a time
    real = warming.steps

    def interrupted(snapshot):
        work = real(snapshot)
        yield next(work)
        # An article is edited and synced between two slices of warming (as another thread
        # would, while warming pauses).
        touch_and_append(articles / "en/mobile/roaming.md", "\n## Zebrafinch plan\n\nAsk.\n")
        engine.sync(load_library(articles))
        yield
        yield from work

    monkeypatch.setattr(warming, "steps", interrupted)
    old = engine._searchers.current()
    assert engine.warm(pause=0) is False
    assert not old.warmed
    monkeypatch.setattr(warming, "steps", real)
    assert engine.warm(pause=0) is True
    new = engine._searchers.current()
    assert new is not old and new.warmed
    assert engine.search("zebrafinch plan", "en").hits[0].section == "Zebrafinch plan"


def test_warming_and_searches_keep_the_passages_within_their_bound(engine, monkeypatch):
    engine.search("roaming", "en")
    monkeypatch.setattr(passages, "CACHED_PASSAGES", 6)
    assert engine.warm(pause=0) is True
    store = engine._searchers.current().passages
    counts = {key: len(found[0]) for key, found in store._articles.items()}
    assert store.full() and store.held == sum(counts.values())
    assert len(counts) < len(engine._searchers.current().catalog.articles)  # stopped when full
    for text, lang in QUERIES:
        engine.search(text, lang)
        held = sum(len(found[0]) for found in store._articles.values())
        assert held == store.held and (held <= 6 or len(store._articles) == 1)

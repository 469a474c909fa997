"""One factory builds the engine for the app, the CLI, the tests and the benchmarks."""

from kb.content import load_library
from kb.search_engine import build_engine

from ..conftest import SHIPPED_ARTICLES, make_app

LIBRARY = load_library(SHIPPED_ARTICLES)
WITH_BLOCKS = LIBRARY.get("en", "transfer-to-retention")


def test_the_factory_indexes_steps_and_rows(tmp_path):
    docs = build_engine(tmp_path / "index").indexer.search_docs(WITH_BLOCKS)
    kinds = {d.kind for d in docs}
    assert {"article", "section", "step"} <= kinds
    # A decision-table row is its own doc, with the table's anchor and the row's id.
    assert any(d.kind == "step" and d.keywords for d in docs)


def test_the_app_searches_the_index_the_factory_builds(tmp_path):
    app = make_app(SHIPPED_ARTICLES, tmp_path / "instance")
    ours = build_engine(tmp_path / "index")
    for article in LIBRARY.articles.values():
        theirs = app.extensions["kb_search"].indexer.whoosh_docs(article)
        assert ours.indexer.whoosh_docs(article) == theirs


def test_a_row_is_found_through_the_factory_engine(tmp_path):
    engine = build_engine(tmp_path / "index")
    engine.rebuild(LIBRARY)
    (hit, *_) = engine.search("reinstate", "en").hits
    assert (hit.slug, hit.kind, hit.anchor) == (
        "transfer-to-retention",
        "step",
        "dt-retention-transfer-reinstate",
    )
    engine.close()

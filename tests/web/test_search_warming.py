"""Each process warms the index generations it opens in the background (KB_SEARCH_WARM), and
searches go on meanwhile."""

from __future__ import annotations

import threading
import time

from tests.conftest import make_app, with_index


def warm_now(engine) -> bool:
    with engine._lock:  # the warming thread changes the snapshot under this lock
        snapshot = engine._searchers.current()
        return snapshot is not None and snapshot.warmed


def test_the_site_warms_its_index_in_the_background_and_again_after_an_edit(articles_dir, tmp_path):
    app = with_index(make_app(articles_dir, tmp_path / "instance", KB_SEARCH_WARM=True))
    engine, content = app.extensions["kb_search"], app.extensions["kb_content"]
    client = app.test_client()
    assert client.get("/api/search?lang=en&q=retention").get_json()["total"] > 0
    deadline = time.monotonic() + 30
    while not warm_now(engine) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert warm_now(engine)
    path = articles_dir / "en" / "transfer-to-retention.md"
    path.write_text(path.read_text() + "\n\nA new word: zebrafinch.\n")
    content.refresh()  # the new generation is searchable at once, and warmed after
    assert client.get("/api/search?lang=en&q=zebrafinch").get_json()["total"] == 1
    deadline = time.monotonic() + 30
    while not warm_now(engine) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert warm_now(engine)
    content.stop()
    assert not any(t.name == "kb-search-warm" and t.is_alive() for t in threading.enumerate())


def test_without_warming_no_thread_is_started(articles_dir, tmp_path):
    before = sum(t.name == "kb-search-warm" for t in threading.enumerate())
    app = make_app(articles_dir, tmp_path / "instance", KB_SEARCH_WARM=False)
    assert sum(t.name == "kb-search-warm" for t in threading.enumerate()) == before
    assert app.config["KB_SEARCH_WARM"] is False

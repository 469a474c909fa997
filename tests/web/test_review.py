"""The review list and the editors' badges on articles."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.web.editing import editors_app, make_editor, sign_in

TODAY = datetime.now(UTC).date()


def set_front(path, **fields):
    text = path.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def app(articles_dir, tmp_path):
    set_front(articles_dir / "en/transfer-to-retention.md", **{"review-by": TODAY - timedelta(3)})
    set_front(articles_dir / "ru/call-next-process.md", **{"review-by": TODAY - timedelta(40)})
    set_front(articles_dir / "en/key-client-switching.md", **{"review-by": TODAY + timedelta(10)})
    set_front(articles_dir / "ru/retention-did-porting.md", updated=TODAY - timedelta(400))
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def editor(app):
    client = app.test_client()
    sign_in(client)
    return client


def test_review_page_lists_due_articles_soonest_first_with_their_owner(editor):
    html = editor.get("/en/editors/review").get_data(as_text=True)
    due, soon, stale = html.split('<section class="report"')[1:4]
    assert due.index("/ru/call-next-process") < due.index("/en/transfer-to-retention")
    assert "Retention team lead" in due
    assert "/en/key-client-switching" in soon and "/en/key-client-switching" not in due
    assert "/ru/retention-did-porting" in stale


def test_badges_show_to_editors_only(app, editor):
    html = editor.get("/en/transfer-to-retention").get_data(as_text=True)
    assert "Review due since" in html
    stale = editor.get("/ru/retention-did-porting").get_data(as_text=True)
    assert "editor-badge-stale" in stale and 'href="/en/retention-did-porting"' in stale
    anonymous = app.test_client().get("/en/transfer-to-retention").get_data(as_text=True)
    assert "Review due" not in anonymous and "editor-badge" not in anonymous

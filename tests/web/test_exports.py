"""CSV downloads of the insight tables."""

import csv
import io

import pytest

from tests.web.editing import editors_app, make_editor, sign_in
from tests.web.test_insights import HOSTILE, fill


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    fill(app.extensions["kb_store"])
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def editor(app):
    client = app.test_client()
    sign_in(client)
    return client


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")
    return response, list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_top_searches(editor):
    response, rows = download(editor, "/en/editors/export/top-searches.csv?days=7")
    assert rows == [
        ["Language", "Search query", "Searches"],
        ["en", "retention", "2"],
        ["en", HOSTILE, "1"],
        ["ru", "rfhnf", "1"],
        ["ru", "перевод звонка", "1"],
    ]
    disposition = response.headers["Content-Disposition"]
    assert (
        disposition.startswith('attachment; filename="kb-top-searches-')
        and "-both.csv" in disposition
    )


def test_headers_follow_the_interface_language_and_filters_apply(editor):
    _, rows = download(editor, "/ru/editors/export/no-results.csv?days=90&language=en")
    assert [r[1] for r in rows[1:]] == [HOSTILE, "porting"]


def test_comments_keep_cyrillic_and_quote_what_needs_it(editor):
    response, rows = download(editor, "/en/editors/export/comments.csv")
    assert "Устарел номер".encode() in response.data
    assert rows[0] == ["Date", "Language", "Path", "Title", "Walkthrough", "Reason", "Comment"]
    assert {r[6] for r in rows[1:]} == {"Устарел номер", HOSTILE}
    assert b'"<script>alert(""x"")</script>"' in response.data


@pytest.mark.parametrize(
    "name", ["not-opened", "corrections", "articles", "walkthroughs", "outcomes", "steps", "daily"]
)
def test_every_table_downloads(editor, name):
    _, rows = download(editor, f"/en/editors/export/{name}.csv")
    assert len(rows) >= 2


def test_drop_off_per_step(editor):
    _, rows = download(editor, "/en/editors/export/steps.csv")
    assert rows[1:] == [
        ["en+ru", "call-next-process", "triage", "ask-reason", "2", "1"],
        ["en+ru", "call-next-process", "triage", "check-plan", "1", "0"],
    ]


def test_unknown_tables_are_not_found(editor):
    assert editor.get("/en/editors/export/secrets.csv").status_code == 404

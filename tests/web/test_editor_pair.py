"""Both languages side by side: changes since brought in line, the structure check, the mark."""

from __future__ import annotations

import html
import re

import pytest

from tests.web.editing import csrf, editors_app, make_editor, sign_in

SLUG = "call-next-process"  # has a walkthrough in both languages
PAIR = f"/en/editors/translate/{SLUG}"


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(app):
    client = app.test_client()
    sign_in(client)
    return client


def fields(page: str) -> dict:
    data = {}
    for lang in ("en", "ru"):
        text = re.search(rf'<textarea id="text-{lang}"[^>]*>(.*?)</textarea>', page, re.S)[1]
        data[f"text-{lang}"] = html.unescape(text)
        data[f"token-{lang}"] = re.search(rf'name="token-{lang}" value="([^"]+)"', page)[1]
    return data


def test_both_languages_side_by_side_with_the_structure_check(client):
    page = client.get(PAIR).get_data(as_text=True)
    assert 'lang="ru"' in page and "Same ids and branches in both languages." in page
    data = fields(page)
    broken = data["text-ru"].replace("id: call-back", "id: call-back-ru")
    found = client.post(
        f"/en/editors/translate-check/{SLUG}",
        data={**data, "text-ru": broken, "csrf_token": csrf(client)},
    ).json
    assert any("call-back" in p["message"] for p in found["structure"])
    assert all(p["path"] == f"ru/{SLUG}.md" for p in found["structure"])


def test_a_change_in_one_language_shows_in_the_other_until_marked_in_line(client):
    data = {**fields(client.get(PAIR).get_data(as_text=True)), "csrf_token": csrf(client)}
    client.post(PAIR, data={**data, "action": "in-line"})
    page = client.get(PAIR).get_data(as_text=True)
    assert "editor-badge-stale" not in page and "Last brought in line by anna" in page
    data = {**fields(page), "csrf_token": csrf(client)}
    changed = data["text-en"].replace("## ", "## Newly ", 1)
    assert (
        client.post(PAIR, data={**data, "text-en": changed, "action": "publish"}).status_code == 302
    )
    page = client.get(PAIR).get_data(as_text=True)
    ru_side = page[page.index('data-lang="ru"') :]
    assert "editor-badge-stale" in ru_side
    assert re.search(r"<ins>[^<]*Newly[^<]*</ins>", ru_side)
    en_side = page[page.index('data-lang="en"') : page.index('data-lang="ru"')]
    assert "editor-badge-stale" not in en_side
    client.post(PAIR, data={**fields(page), "csrf_token": csrf(client), "action": "in-line"})
    assert "editor-badge-stale" not in client.get(PAIR).get_data(as_text=True)


def test_an_unknown_article_is_not_found(client):
    assert client.get("/en/editors/translate/no-such-article").status_code == 404


def test_the_review_page_follows_the_in_line_mark_not_the_dates(client):
    def stale_on_review() -> bool:
        page = client.get("/en/editors/review").get_data(as_text=True)
        return f"/ru/{SLUG}" in page[page.index('id="stale') :] if 'id="stale' in page else False

    data = {**fields(client.get(PAIR).get_data(as_text=True)), "csrf_token": csrf(client)}
    client.post(PAIR, data={**data, "action": "in-line"})
    assert not stale_on_review()
    data = {**fields(client.get(PAIR).get_data(as_text=True)), "csrf_token": csrf(client)}
    changed = data["text-en"].replace("## ", "## Changed ", 1)  # the dates stay as they were
    client.post(PAIR, data={**data, "text-en": changed, "action": "publish"})
    assert stale_on_review()
    badge = client.get(f"/ru/{SLUG}").get_data(as_text=True)
    assert "editor-badge-stale" in badge
    client.post(
        PAIR,
        data={
            **fields(client.get(PAIR).get_data(as_text=True)),
            "csrf_token": csrf(client),
            "action": "in-line",
        },
    )
    assert not stale_on_review()
    assert "editor-badge-stale" not in client.get(f"/ru/{SLUG}").get_data(as_text=True)


def test_a_new_article_in_both_languages_at_once(client, articles_dir):
    start = client.post(
        "/en/editors/new", data={"slug": "billing/refunds", "both": "1", "csrf_token": csrf(client)}
    )
    assert start.headers["Location"] == "/en/editors/translate/billing/refunds?new=1"
    page = client.get(start.headers["Location"]).get_data(as_text=True)
    data = {**fields(page), "csrf_token": csrf(client), "action": "publish"}
    data["text-en"], data["text-ru"] = "# Refunds\n\nHow.\n", "# Возвраты\n\nКак.\n"
    assert client.post("/en/editors/translate/billing/refunds", data=data).status_code == 302
    assert (articles_dir / "en" / "billing" / "refunds.md").read_text() == data["text-en"]
    assert (articles_dir / "ru" / "billing" / "refunds.md").read_text() == data["text-ru"]

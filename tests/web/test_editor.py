"""Editing in the browser, through the app: edit, preview, drafts, publish, concurrent saves,
history, restore, moves with redirects, archive, approval."""

from __future__ import annotations

import re

import pytest

from kb.editing import records
from tests.web.editing import csrf, editors_app, make_editor, sign_in

ARTICLE = "transfer-to-retention"
EDIT = f"/en/editors/edit/en/{ARTICLE}"
WORD = "quokkaword"


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    make_editor(app, "boris")
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(app):
    client = app.test_client()
    sign_in(client)
    return client


def form(client, url):
    """The editor's form fields as the page has them."""
    page = client.get(url).get_data(as_text=True)
    text = re.search(r'<textarea id="editor-text"[^>]*>(.*?)</textarea>', page, re.S)[1]
    token = re.search(r'name="token" value="([^"]+)"', page)[1]
    return {"text": unescape(text), "token": token, "csrf_token": csrf(client)}


def unescape(html: str) -> str:
    import html as h

    return h.unescape(html)


def searched(app, word, lang="en"):
    return [hit.slug for hit in app.extensions["kb_search"].search(word, lang).hits]


def test_agents_never_see_editing(app, articles_dir):
    agent = app.test_client()
    page = agent.get(f"/en/{ARTICLE}").get_data(as_text=True)
    assert "/editors/edit/" not in page
    assert agent.get(EDIT).status_code == 302
    assert (
        agent.post(
            f"/en/editors/preview/en/{ARTICLE}", data={"csrf_token": csrf(agent)}
        ).status_code
        == 302
    )


def test_the_article_page_links_to_the_editor_for_editors(client):
    assert EDIT in client.get(f"/en/{ARTICLE}").get_data(as_text=True)


def test_the_editor_shows_source_preview_and_no_problems(client, articles_dir):
    page = client.get(EDIT).get_data(as_text=True)
    source = (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert (
        unescape(re.search(r'<textarea id="editor-text"[^>]*>(.*?)</textarea>', page, re.S)[1])
        == source
    )
    assert 'id="editor-preview"' in page and "Recording disclosure" in page
    assert "No problems" in page


def test_preview_reports_problems_at_their_line_like_make_check(client):
    data = form(client, EDIT)
    broken = data["text"] + "\n[gone](no-such-article.md)\n\n```walkthrough\nid: x\n```\n"
    line = broken.splitlines().index("[gone](no-such-article.md)") + 1
    found = client.post(f"/en/editors/preview/en/{ARTICLE}", data={**data, "text": broken}).json
    assert {
        "line": line,
        "message": "link to a missing article: no-such-article.md",
        "severity": "error",
    } in found["problems"]
    assert any(p["line"] > line for p in found["problems"])  # the walkthrough's problems
    assert "Recording disclosure" in found["html"]
    page = client.post(EDIT, data={**data, "text": broken, "action": "preview"}).get_data(
        as_text=True
    )
    assert f'data-line="{line}"' in page  # the same without JavaScript


def test_raw_html_in_the_preview_is_text(client):
    data = form(client, EDIT)
    found = client.post(
        f"/en/editors/preview/en/{ARTICLE}",
        data={**data, "text": "# T\n\n<script>alert(1)</script>\n"},
    ).json
    assert "<script>" not in found["html"] and "&lt;script&gt;" in found["html"]


def test_a_draft_is_invisible_until_published_then_live_and_searchable(app, client, articles_dir):
    data = form(client, EDIT)
    new_text = data["text"] + f"\nA new paragraph about the {WORD}.\n"
    saved = client.post(EDIT, data={**data, "text": new_text, "action": "save"})
    assert saved.status_code == 302
    assert WORD not in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert WORD not in app.test_client().get(f"/en/{ARTICLE}").get_data(as_text=True)
    assert searched(app, WORD) == []
    assert "Unpublished draft by anna" in client.get(EDIT).get_data(as_text=True)
    data = form(client, EDIT)
    assert WORD in data["text"]
    done = client.post(EDIT, data={**data, "action": "publish", "message": "a new word"})
    assert done.status_code == 302
    assert WORD in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert WORD in app.test_client().get(f"/en/{ARTICLE}").get_data(as_text=True)
    assert searched(app, WORD) == [ARTICLE]
    history = client.get(f"/en/editors/history/en/{ARTICLE}").get_data(as_text=True)
    assert "a new word" in history and "anna" in history
    with app.extensions["kb_store"].engine.connect() as conn:
        assert [e.action for e in records.audit_entries(conn)] == ["publish"]


def test_the_second_of_two_concurrent_saves_gets_a_merge_not_an_overwrite(app, articles_dir):
    anna, boris = app.test_client(), app.test_client()
    sign_in(anna)
    sign_in(boris, "boris")
    a, b = form(anna, EDIT), form(boris, EDIT)
    a_text = a["text"].replace("# Transferring a call to Retention", "# Transfers to Retention")
    b_text = b["text"].replace("## Why this process matters", "## Why it matters")
    assert anna.post(EDIT, data={**a, "text": a_text, "action": "publish"}).status_code == 302
    late = boris.post(EDIT, data={**b, "text": b_text, "action": "publish"})
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "Someone else changed this article" in page
    merged = unescape(re.search(r'<textarea id="editor-text"[^>]*>(.*?)</textarea>', page, re.S)[1])
    assert "# Transfers to Retention" in merged and "## Why it matters" in merged
    on_disk = (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert "# Transfers to Retention" in on_disk and "## Why it matters" not in on_disk
    token = re.search(r'name="token" value="([^"]+)"', page)[1]
    again = boris.post(EDIT, data={**b, "text": merged, "token": token, "action": "publish"})
    assert again.status_code == 302
    on_disk = (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert "# Transfers to Retention" in on_disk and "## Why it matters" in on_disk


def test_overlapping_saves_show_both_versions_and_refuse_markers(app):
    anna, boris = app.test_client(), app.test_client()
    sign_in(anna)
    sign_in(boris, "boris")
    a, b = form(anna, EDIT), form(boris, EDIT)
    line = "## Why this process matters"
    anna.post(
        EDIT, data={**a, "text": a["text"].replace(line, "## Anna's title"), "action": "save"}
    )
    late = boris.post(
        EDIT, data={**b, "text": b["text"].replace(line, "## Boris's title"), "action": "save"}
    )
    page = unescape(late.get_data(as_text=True))
    assert late.status_code == 409 and "Anna's title" in page and "Boris's title" in page
    assert "<<<<<<< boris" in page and ">>>>>>> anna" in page
    merged = unescape(
        re.search(
            r'<textarea id="editor-text"[^>]*>(.*?)</textarea>', late.get_data(as_text=True), re.S
        )[1]
    )
    token = re.search(r'name="token" value="([^"]+)"', late.get_data(as_text=True))[1]
    refused = boris.post(EDIT, data={**b, "text": merged, "token": token, "action": "save"})
    assert refused.status_code == 409 and "Resolve the conflicts first" in refused.get_data(
        as_text=True
    )


def test_history_compare_and_restore(app, client, articles_dir):
    data = form(client, EDIT)
    client.post(
        EDIT,
        data={**data, "text": data["text"].replace("Retention", "Loyalty", 1), "action": "publish"},
    )
    with app.extensions["kb_store"].engine.connect() as conn:
        first, second = reversed(records.history(conn, "en", ARTICLE))
    assert first.source == "filesystem" and second.author == "anna"
    diff = client.get(f"/en/editors/compare/en/{ARTICLE}?a={first.id}&b={second.id}").get_data(
        as_text=True
    )
    assert "<del>Retention</del>" in diff and "<ins>Loyalty</ins>" in diff
    restored = client.post(
        f"/en/editors/restore/en/{ARTICLE}", data={"revision": first.id, "csrf_token": csrf(client)}
    )
    assert restored.status_code == 302
    assert (articles_dir / "en" / f"{ARTICLE}.md").read_text() == first.text
    with app.extensions["kb_store"].engine.connect() as conn:
        latest = records.history(conn, "en", ARTICLE)[0]
    assert latest.source == "restore" and latest.text == first.text


def test_a_change_on_disk_appears_in_history_as_by_the_file_system(app, client, articles_dir):
    client.get(EDIT)  # history starts with the file as found
    path = articles_dir / "en" / f"{ARTICLE}.md"
    path.write_text(path.read_text() + "\nEdited with a text editor.\n")
    import os

    os.utime(path, (1, 1))
    app.extensions["kb_content"].refresh()
    page = client.get(f"/en/editors/history/en/{ARTICLE}").get_data(as_text=True)
    assert page.count("the file system") == 2 and "changed on disk" in page


def test_move_redirects_the_old_address_for_good(app, client, articles_dir):
    moved = client.post(
        f"/en/editors/move/{ARTICLE}",
        data={"new": "retention/transfers", "csrf_token": csrf(client)},
    )
    assert moved.status_code == 302
    assert (articles_dir / "en" / "retention" / "transfers.md").exists()
    assert (articles_dir / "ru" / "retention" / "transfers.md").exists()
    assert not (articles_dir / "en" / f"{ARTICLE}.md").exists()
    agent = app.test_client()
    old = agent.get(f"/ru/{ARTICLE}?hl=x")
    assert old.status_code == 301 and old.headers["Location"] == "/ru/retention/transfers?hl=x"
    assert agent.get("/en/retention/transfers").status_code == 200
    history = client.get("/en/editors/history/en/retention/transfers").get_data(as_text=True)
    assert "moved from transfer-to-retention" in history
    bad = client.post(
        "/en/editors/move/retention/transfers",
        data={"new": "../../etc/passwd", "csrf_token": csrf(client)},
    )
    assert bad.status_code == 400


def test_archive_and_restore(app, client, articles_dir):
    done = client.post(f"/en/editors/archive/{ARTICLE}", data={"csrf_token": csrf(client)})
    assert done.status_code == 302
    assert app.test_client().get(f"/en/{ARTICLE}").status_code == 404
    assert searched(app, "Retention") and ARTICLE not in searched(app, "Retention")
    assert ARTICLE in client.get("/en/editors/archived").get_data(as_text=True)
    back = client.post(f"/en/editors/unarchive/en/{ARTICLE}", data={"csrf_token": csrf(client)})
    assert back.status_code == 302
    assert app.test_client().get(f"/en/{ARTICLE}").status_code == 200
    assert client.get("/en/editors/audit").get_data(as_text=True).count("anna") >= 2


def test_a_new_article(app, client, articles_dir):
    start = client.post(
        "/en/editors/new",
        data={"slug": "billing/refunds", "alang": "ru", "csrf_token": csrf(client)},
    )
    assert start.headers["Location"] == "/en/editors/edit/ru/billing/refunds"
    data = form(client, "/en/editors/edit/ru/billing/refunds")
    assert data["text"] == ""
    text = "---\ntitle: Возвраты\n---\n\n# Возвраты\n\nКак оформить возврат.\n"
    client.post(
        "/en/editors/edit/ru/billing/refunds", data={**data, "text": text, "action": "publish"}
    )
    assert (articles_dir / "ru" / "billing" / "refunds.md").read_text() == text
    assert app.test_client().get("/ru/billing/refunds").status_code == 200
    for bad in ("../x", "search/x", ".hidden", ARTICLE):
        refused = client.post(
            "/en/editors/new", data={"slug": bad, "alang": "en", "csrf_token": csrf(client)}
        )
        assert refused.status_code == 400, bad
    assert client.get("/en/editors/edit/en/../../etc/passwd").status_code == 404


def test_approval_takes_a_second_editor(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path, KB_REQUIRE_APPROVAL=True)
    make_editor(app)
    make_editor(app, "boris")
    anna, boris = app.test_client(), app.test_client()
    sign_in(anna)
    sign_in(boris, "boris")
    data = form(anna, EDIT)
    text = data["text"] + f"\n{WORD}\n"
    anna.post(EDIT, data={**data, "text": text, "action": "publish"})
    assert WORD not in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert "Approve and publish" not in anna.get(EDIT).get_data(as_text=True)
    data = form(boris, EDIT)
    assert boris.post(EDIT, data={**data, "action": "approve"}).status_code == 302
    assert WORD in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    with app.extensions["kb_store"].engine.connect() as conn:
        latest = records.history(conn, "en", ARTICLE)[0]
    assert (latest.author, latest.approved_by) == ("anna", "boris")
    app.extensions["kb_content"].stop()


def test_editor_forms_take_long_articles_but_not_endless_ones(client):
    data = form(client, EDIT)
    long_text = data["text"] + "\nword " * 40_000  # 240 KB, over the site's 64 KiB limit
    assert (
        client.post(EDIT, data={**data, "text": long_text, "action": "preview"}).status_code == 200
    )
    huge = "x" * (5 * 1024 * 1024)
    assert client.post(EDIT, data={**data, "text": huge, "action": "save"}).status_code == 413


def test_a_text_that_cannot_load_is_never_published(app, client, articles_dir):
    before = (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    data = form(client, EDIT)
    broken = "---\ntitle: [unclosed\n---\n# T\n"
    refused = client.post(EDIT, data={**data, "text": broken, "action": "publish"})
    assert refused.status_code == 400 and "could not be loaded" in refused.get_data(as_text=True)
    assert (articles_dir / "en" / f"{ARTICLE}.md").read_text() == before
    saved = client.post(EDIT, data={**data, "text": broken, "action": "save"})
    assert saved.status_code == 302  # a draft may be broken: it is work in progress
    assert app.test_client().get(f"/en/{ARTICLE}").status_code == 200


def test_a_full_disk_keeps_the_revision_and_writes_it_later(app, client, articles_dir, monkeypatch):
    from kb.editing import sync

    def full(path, text):
        raise OSError(28, "No space left on device", str(path))

    data = form(client, EDIT)
    with monkeypatch.context() as patched:
        patched.setattr(sync, "write_atomically", full)
        done = client.post(
            EDIT,
            data={**data, "text": data["text"] + f"\n{WORD}\n", "action": "publish"},
            follow_redirects=True,
        )
    assert done.status_code == 200 and "could not write the file yet" in done.get_data(as_text=True)
    assert WORD not in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    app.extensions["kb_content"].refresh()  # the next look at the folder, the disk freed
    assert WORD in (articles_dir / "en" / f"{ARTICLE}.md").read_text()
    assert WORD in app.test_client().get(f"/en/{ARTICLE}").get_data(as_text=True)

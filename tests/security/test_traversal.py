"""No path traversal: slugs, block ids, category names and static paths never reach a file outside
their folder, and the articles folder publishes no file it links to from elsewhere."""

from __future__ import annotations

import os

import pytest
from werkzeug.test import EnvironBuilder

from kb.content import load_library
from tests.conftest import make_app

SECRETS = (b"create_app", b"SECRET_KEY", b"root:x:0:0", b"def ", b"[tool.ruff]")
# Each with {} standing for the way out: "..", encoded, doubled, backslashed, with NUL.
ESCAPES = [
    "../../app.py",
    "..%2F..%2Fapp.py",
    "..%2f..%2fkb%2fconfig.py",
    "%2e%2e/%2e%2e/app.py",
    "%2e%2e%2f%2e%2e%2fapp.py",
    "%252e%252e%252f%252e%252e%252fapp.py",
    "..%5C..%5Capp.py",
    "..\\..\\app.py",
    "....//....//app.py",
    "..;/..;/app.py",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/app.py",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "app.py%00.css",
    "..%00/app.py",
    "%00",
    "C:%5Cwindows%5Cwin.ini",
    "pyproject.toml",
]
PREFIXES = [
    "/static/{}",
    "/static/css/{}",
    "/en/{}",
    "/ru/{}",
    "/en/category/{}",
    "/en/transfer-to-retention/guide/{}",
    "/en/transfer-to-retention/guide/{}/rows",
    "/en/{}/guide/retention-transfer",
    "/en/editors/export/{}.csv",
]


def raw_get(client, path: str):
    """GET with PATH_INFO exactly as given: no client-side normalising of dots or slashes."""
    environ = EnvironBuilder(path="/").get_environ()
    environ["PATH_INFO"] = path
    return client.open(environ)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_way_out_of_a_folder(client, prefix):
    for escape in ESCAPES:
        for path in {prefix.format(escape), prefix.format(escape.replace("%", "%25"))}:
            for get in (client.get, lambda p: raw_get(client, p)):
                with get(path) as response:
                    body = response.get_data()
                if response.status_code == 308:  # "//" merged into "/": follow it
                    location = response.headers["Location"]
                    assert location.startswith("http://localhost/"), location
                    with client.get(location) as response:
                        body = response.get_data()
                assert response.status_code in (302, 400, 404), (path, response.status_code)
                assert not any(secret in body for secret in SECRETS), path


def test_raw_dot_segments_reach_no_file(client):
    for path in ("/static/../app.py", "/static/css/../../app.py", "/en/../app.py", "/../app.py"):
        with raw_get(client, path) as response:
            assert response.status_code in (308, 404), path
            assert not any(secret in response.get_data() for secret in SECRETS), path


def test_static_files_are_still_served(client):
    with client.get("/static/css/site.css") as response:
        assert response.status_code == 200 and response.mimetype == "text/css"


def test_nul_and_control_characters_in_the_query_are_harmless(client):
    for query in ("q=%00", "q=a%00b", "hl=%00%0d%0a", "page=%00", "path=%00..%2F"):
        for path in ("/en/search", "/en/transfer-to-retention", "/api/search", "/api/suggest"):
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, (path, query)


# ---- Symbolic links in the articles folder ------------------------------------------------


@pytest.fixture
def linked(tmp_path):
    """An articles folder with links out of it (a secret file, a folder) and one within it."""
    articles = tmp_path / "articles"
    (articles / "en" / "billing").mkdir(parents=True)
    (articles / "ru").mkdir()
    (articles / "en" / "billing" / "refunds.md").write_text("# Refunds\n\nHow refunds work.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Leaked\n\nthe-secret-words\n")
    (outside / "notes").mkdir()
    (outside / "notes" / "more.md").write_text("# More\n\nthe-secret-words\n")
    (articles / "en" / "leak.md").symlink_to(outside / "secret.md")
    (articles / "en" / "relative-leak.md").symlink_to(os.path.join("..", "..", "outside", "x.md"))
    (outside / "x.md").write_text("# Relative\n\nthe-secret-words\n")
    (articles / "en" / "notes").symlink_to(outside / "notes", target_is_directory=True)
    (articles / "en" / "refunds-again.md").symlink_to(articles / "en" / "billing" / "refunds.md")
    return articles


def test_links_out_of_the_articles_folder_are_skipped_with_a_warning(linked):
    library = load_library(linked)
    assert set(library.articles) == {("en", "billing/refunds"), ("en", "refunds-again")}
    warnings = {(e.path, e.severity) for e in library.errors if "outside" in e.message}
    assert warnings == {("en/leak.md", "warning"), ("en/relative-leak.md", "warning")}


def test_the_site_shows_nothing_from_outside(linked, tmp_path):
    app = make_app(linked, tmp_path / "instance")
    client = app.test_client()
    try:
        assert client.get("/en/refunds-again").status_code == 200  # a link within the folder
        for path in ("/en/leak", "/en/relative-leak", "/en/notes/more"):
            assert client.get(path).status_code == 404, path
        for path in ("/en/", "/en/articles", "/en/search?q=secret+words"):
            html = client.get(path).get_data(as_text=True)
            assert "Leaked" not in html and "Relative" not in html and "More" not in html, path
        assert client.get("/api/search?q=secret+words").get_json()["total"] == 0
        assert client.get("/api/suggest?q=leak&lang=en").get_json()["suggestions"] == []
    finally:
        app.extensions["kb_content"].stop()


def test_the_content_check_reports_the_skipped_links(linked, tmp_path):
    app = make_app(linked, tmp_path / "instance")
    try:
        result = app.test_cli_runner().invoke(args=["kb-check"])
    finally:
        app.extensions["kb_content"].stop()
    assert "en/leak.md:1: warning: skipped: a link to a file outside the articles folder" in (
        result.output
    )


def test_a_link_added_later_is_skipped_too(tmp_path, linked):
    app = make_app(linked, tmp_path / "instance")
    content = app.extensions["kb_content"]
    try:
        (linked / "en" / "late.md").symlink_to(tmp_path / "outside" / "secret.md")
        assert content.refresh()  # the warning is news, even though no article changed
        assert ("en", "late") not in content.library.articles
        assert any(e.path == "en/late.md" for e in content.library.errors)
    finally:
        content.stop()

"""Security headers on every response, and caching that never keeps a page with a CSRF token,
typed details or an editor's reports."""

from __future__ import annotations

import re

import pytest

from kb.web.security import CONTENT_SECURITY_POLICY, static_version
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.editing import csrf, make_editor, sign_in

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
GUIDE = "/en/retention-did-porting/guide/retention-process"
# Every kind of response: pages, JSON, XML, redirects, static files and errors.
URLS = [
    "/",
    "/en/",
    "/ru/",
    "/en/articles",
    "/en/category/retention",
    "/en/transfer-to-retention",
    "/ru/call-next-process",
    "/en/search?q=transfer",
    "/en/transfer-to-retention/guide/retention-transfer",
    "/en/transfer-to-retention/guide/retention-transfer/rows?q=refund",
    GUIDE,
    "/api/search?q=transfer",
    "/api/suggest?q=tra&lang=en",
    "/en/opensearch.xml",
    "/healthz",
    "/en/editors/login",
    "/en/editors/",
    "/static/css/site.css",
    "/static/js/site.js",
    "/en/no/such/page",
    "/static/no-such-file.js",
    "/api/nothing",
]


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_the_security_headers(client, url):
    with client.get(url) as response:
        pass
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (url, name)


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("POST", "/en/feedback", 400),  # no CSRF token
        ("DELETE", "/en/", 400),
        ("PUT", "/static/css/site.css", 400),
        ("POST", "/en/search", 405),  # with a token: a GET-only page
    ],
)
def test_error_responses_carry_them_too(client, method, url, status):
    token = csrf(client)
    headers = {"X-CSRF-Token": token} if status != 400 else {}
    with client.open(url, method=method, headers=headers) as response:
        assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name


def test_an_unexpected_error_page_carries_them(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("a fault")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_policy_allows_no_inline_script_or_style_and_no_framing():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'self'"


@pytest.mark.parametrize("url", ["/en/", "/en/transfer-to-retention", GUIDE, "/en/editors/login"])
def test_pages_have_no_inline_script_style_or_event_handler(client, url):
    html = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # every script is a file
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", html, re.I)


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers


def test_hsts_when_cookies_are_secure(secure_app):
    response = secure_app.test_client().get("/en/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    error = secure_app.test_client().get("/en/nothing/here", base_url="https://localhost")
    assert error.headers["Strict-Transport-Security"] == "max-age=31536000"


# ---- Caching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/transfer-to-retention",  # the feedback form's token
        "/en/editors/login",  # the sign-in form's token
        GUIDE,  # typed details
        "/en/transfer-to-retention/guide/retention-transfer",
        "/en/retention-did-porting/guide/pnv-balance",
    ],
)
def test_pages_with_a_csrf_token_or_typed_details_are_never_stored(client, url):
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_a_posted_guide_page_is_never_stored(client):
    token = csrf(client)
    response = client.post(
        "/en/retention-did-porting/guide/pnv-balance",
        data={"csrf_token": token, "f.subscriptions": "100"},
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "url", ["/en/", "/en/articles", "/en/search?q=transfer", "/api/search?q=x", "/healthz"]
)
def test_other_pages_are_revalidated_and_private(client, url):
    assert client.get(url).headers["Cache-Control"] == "no-cache, private"


@pytest.fixture
def editor(tmp_path):
    app = make_app(SHIPPED_ARTICLES, tmp_path / "instance")
    make_editor(app)
    client = app.test_client()
    assert sign_in(client).status_code == 302
    yield client
    app.extensions["kb_content"].stop()


@pytest.mark.parametrize(
    "url", ["/en/editors/", "/en/editors/searches", "/en/editors/review", "/en/"]
)
def test_nothing_an_editor_sees_is_stored(editor, url):
    assert editor.get(url).headers["Cache-Control"] == "no-store"


def test_an_editors_csv_export_is_never_stored(editor):
    response = editor.get("/en/editors/export/top-searches.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"


def test_static_urls_carry_the_files_version(client):
    html = client.get("/en/transfer-to-retention").get_data(as_text=True)
    urls = re.findall(r'"(/static/[^"]+)"', html)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", u) for u in urls), urls


def test_versioned_static_files_are_cached_for_good(client):
    html = client.get("/en/").get_data(as_text=True)
    url = re.search(r'"(/static/css/site\.css\?v=[0-9a-f]+)"', html).group(1)
    with client.get(url) as response:
        assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unversioned_static_files_are_revalidated(client):
    with client.get("/static/js/site.js") as response:
        assert response.headers["Cache-Control"] == "no-cache" and response.headers["ETag"]
    with client.get("/static/nothing.js?v=abc") as missing:
        assert missing.status_code == 404
        assert missing.headers["Cache-Control"] == "no-cache"


def test_a_changed_static_file_gets_a_new_version(tmp_path):
    (tmp_path / "app.js").write_text("one")
    first = static_version(str(tmp_path), "app.js")
    (tmp_path / "app.js").write_text("two, longer")
    assert static_version(str(tmp_path), "app.js") not in (first, None)
    assert static_version(str(tmp_path), "missing.js") is None
    assert static_version(str(tmp_path), "../app.js") is None

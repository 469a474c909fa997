"""No open redirects: wherever the site sends a browser on (sign-in `next`, feedback `next`, the
language switch, walkthrough and sign-in redirects), it stays on the site, however the address
is disguised."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from werkzeug.test import EnvironBuilder

from kb.web.auth import safe_next
from tests.security.conftest import browser_target, stays_on_site
from tests.web.editing import csrf, make_editor, sign_in

HOSTILE = [
    "//evil.example",
    "///evil.example",
    "////evil.example/x",
    "https://evil.example",
    "HTTPS://evil.example",
    "https:/evil.example",  # browsers read it as https://evil.example
    "https:evil.example",
    "http://localhost@evil.example",
    "//localhost@evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "%2f%2fevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\x00//evil.example",
    "\x01//evil.example",
    " //evil.example",
    "/%09/evil.example",
    "//evil.example/%2F..",
    "/.//evil.example",
    "/..//evil.example",
]
GUIDE = "/en/retention-did-porting/guide/retention-process"


def assert_stays(response, target: str):
    assert response.status_code in (301, 302, 303, 307, 308), (response.status_code, target)
    location = response.headers["Location"]
    assert stays_on_site(location), (target, location, browser_target(location))


@pytest.mark.parametrize("target", HOSTILE)
def test_safe_next_never_returns_another_site(target):
    kept = safe_next(target)
    assert kept is None or stays_on_site(kept), (target, kept)


@pytest.mark.parametrize(
    "target", ["/en/editors/", "/ru/editors/searches?days=7&language=both", "/en/x#part"]
)
def test_safe_next_keeps_paths_on_the_site(target):
    assert safe_next(target) == target


@pytest.fixture
def editor_app(app):
    make_editor(app)
    return app


@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_never_leaves_the_site(editor_app, target):
    client = editor_app.test_client()
    assert_stays(sign_in(client, next=target), target)
    # Already signed in, the sign-in page sends the editor straight on.
    assert_stays(client.get("/en/editors/login", query_string={"next": target}), target)


@pytest.mark.parametrize("target", HOSTILE)
def test_a_vote_without_javascript_never_leaves_the_site(client, target):
    data = {"slug": "transfer-to-retention", "helpful": "yes", "next": target}
    response = client.post("/en/feedback", data={**data, "csrf_token": csrf(client)})
    assert_stays(response, target)


def raw_get(client, path: str, query: str = "", **kwargs):
    """GET with PATH_INFO and QUERY_STRING exactly as given, as a hand-made request would send."""
    environ = EnvironBuilder(path="/", **kwargs).get_environ()
    environ["PATH_INFO"], environ["QUERY_STRING"] = path, query
    return client.open(environ)


def links(html: str) -> list[str]:
    return [re.sub("&amp;", "&", href) for href in re.findall(r'<a [^>]*href="([^"]*)"', html)]


def lang_switch(html: str) -> list[str]:
    nav = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    return links(nav)


@pytest.mark.parametrize("target", HOSTILE)
def test_the_language_switch_stays_on_the_site(client, target):
    pages = [
        raw_get(client, "/en/search", "q=" + quote(target)),
        raw_get(client, "/en/search", "q=x&" + quote(target, safe="/\\:") + "=1"),
        raw_get(client, "/en/" + target.lstrip("/")),  # no such article: the error page
        raw_get(client, "/en/transfer-to-retention", "hl=" + quote(target)),
        raw_get(client, "/en/category/" + quote(target, safe="")),
    ]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code < 500, target
        if response.status_code in (301, 302, 308):
            assert_stays(response, target)
            continue
        switch = lang_switch(html)
        assert len(switch) == 1, switch
        assert all(stays_on_site(href) for href in links(html) if href.startswith("/")), target
        assert stays_on_site(switch[0]) and switch[0].startswith("/ru/"), switch


def test_the_language_switch_keeps_the_page_and_its_query(client):
    html = client.get("/en/search?q=refund&page=1").get_data(as_text=True)
    assert lang_switch(html) == ["/ru/search?q=refund&page=1"]


@pytest.mark.parametrize("target", HOSTILE)
def test_walkthrough_redirects_stay_on_the_site(client, target):
    response = client.get(GUIDE, query_string={"partial": target, "path": target, "run": target})
    assert_stays(response, target)


@pytest.mark.parametrize("target", HOSTILE)
def test_the_way_to_sign_in_stays_on_the_site(editor_app, target):
    client = editor_app.test_client()
    response = raw_get(client, "/en/editors/searches", "days=7&x=" + quote(target))
    assert_stays(response, target)
    location = response.headers["Location"]
    assert location.startswith("/en/editors/login?next=")
    signed_in = sign_in(client, next=client.get(location).request.args["next"])
    assert_stays(signed_in, target)


@pytest.mark.parametrize("cookie", ["//evil.example", "https://evil.example", "en/../..", ""])
def test_the_root_sends_to_a_language_of_the_site(client, cookie):
    client.set_cookie("kb_lang", cookie)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/en/"


@pytest.mark.parametrize("path", ["//evil.example", "//evil.example/en/", "/en//evil.example"])
def test_slash_redirects_stay_on_the_host_asked_for(client, path):
    response = raw_get(client, path)
    if 300 <= response.status_code < 400:
        assert browser_target(response.headers["Location"]) == ("http", "localhost")

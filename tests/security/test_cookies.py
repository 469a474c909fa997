"""Every cookie the server sets: HttpOnly, SameSite=Lax, and Secure when KB_SECURE_COOKIES=1.

kb_tz, which guide.js sets, is checked in a browser: tests/browser/test_script_cookie.py.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import set_cookie
from tests.web.editing import csrf, make_editor, sign_in

VOTE = {"slug": "transfer-to-retention", "helpful": "yes"}


def cookies_of_a_visit(client, base_url: str = "http://localhost") -> dict[str, dict]:
    """The attributes of each cookie set while reading, voting and signing in."""
    found = {}
    # kb_lang, the session, and kb_voter with the page that holds the feedback form
    page = client.get("/ru/transfer-to-retention", base_url=base_url)
    for name in ("kb_lang", "session", "kb_voter"):
        found[name] = set_cookie(page, name)
    token = csrf(client)
    vote = client.post("/ru/feedback", data={**VOTE, "csrf_token": token}, base_url=base_url)
    assert vote.status_code == 302
    make_editor(client.application)
    signed_in = sign_in(client, base_url=base_url)
    found["session (signed in)"] = set_cookie(signed_in, "session")
    return found


@pytest.fixture
def plain_cookies(app):
    return cookies_of_a_visit(app.test_client())


@pytest.fixture
def secure_cookies(secure_app):
    return cookies_of_a_visit(secure_app.test_client(), "https://localhost")


NAMES = ["kb_lang", "session", "kb_voter", "session (signed in)"]


@pytest.mark.parametrize("name", NAMES)
def test_cookies_are_http_only_and_same_site_lax(plain_cookies, name):
    cookie = plain_cookies[name]
    assert cookie is not None, f"{name} was not set"
    assert "httponly" in cookie
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


@pytest.mark.parametrize("name", NAMES)
def test_cookies_are_not_secure_over_plain_http(plain_cookies, name):
    assert "secure" not in plain_cookies[name]  # or the intranet over HTTP could not keep them


@pytest.mark.parametrize("name", NAMES)
def test_cookies_are_secure_when_the_site_is_served_over_https(secure_cookies, name):
    cookie = secure_cookies[name]
    assert cookie is not None, f"{name} was not set"
    assert "secure" in cookie and "httponly" in cookie and cookie["samesite"] == "Lax"


def test_the_voter_cookie_is_random_and_long_lived(plain_cookies):
    voter = plain_cookies["kb_voter"]
    assert len(voter["value"]) >= 32
    assert int(voter["max-age"]) == 365 * 24 * 3600


def test_the_session_cookie_ends_with_the_browser_for_agents(plain_cookies):
    assert "expires" not in plain_cookies["session"] and "max-age" not in plain_cookies["session"]


def test_the_session_cookie_of_an_editor_expires(plain_cookies, app):
    signed_in = plain_cookies["session (signed in)"]
    assert "expires" in signed_in  # KB_EDITOR_SESSION_HOURS, not for ever
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 12 * 3600


def test_signing_in_starts_a_new_session(app):
    """A session fixed by someone else before signing in is not the one signed in."""
    client = app.test_client()
    make_editor(app)
    token = csrf(client)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("_csrf") != token

"""The editors' area: signing in and out, throttling, safe redirects, nothing open to agents."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import update

from kb.store.editors import set_password
from kb.store.tables import login_failures
from tests.web.editing import PASSWORD, csrf, editors_app, make_editor, sign_in

OVERVIEW = "/en/editors/"


@pytest.fixture
def app(articles_dir, tmp_path):
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    yield app
    app.extensions["kb_content"].stop()


@pytest.fixture
def client(app):
    return app.test_client()


def editors_rules(app):
    return [r for r in app.url_map.iter_rules() if "/editors" in r.rule]


def test_every_editors_page_sends_anonymous_visitors_to_sign_in(app, client):
    checked = set()
    adapter = app.url_map.bind("localhost")
    for rule in editors_rules(app):
        if rule.endpoint == "editors.login":
            continue
        values = {arg: {"lang": "en", "name": "daily"}.get(arg, "x") for arg in rule.arguments}
        url = adapter.build(rule.endpoint, values)
        if "GET" in rule.methods:
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": csrf(client)})
        assert response.status_code == 302, url
        location = urlsplit(response.headers["Location"])
        assert location.path == "/en/editors/login", url
        assert parse_qs(location.query)["next"] == [url]
        checked.add(rule.endpoint)
    expected = {"insights.overview", "insights.searches", "insights.articles"}
    expected |= {"insights.walkthroughs", "review.review", "exports.export", "editors.logout"}
    assert expected <= checked


def test_agents_read_and_search_without_an_account(client):
    assert client.get("/en/transfer-to-retention").status_code == 200
    assert client.get("/en/").status_code == 200


def test_sign_in_and_come_back(client):
    page = client.get("/en/editors/login?next=/en/editors/review")
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)
    response = sign_in(client, "Anna", next="/en/editors/review")
    assert response.headers["Location"] == "/en/editors/review"
    assert client.get("/en/editors/review").status_code == 200
    assert client.get("/en/editors/login").headers["Location"] == OVERVIEW  # already in


def test_the_session_cookie_is_httponly_and_lax(client):
    cookie = sign_in(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookies_when_asked(articles_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_SECURE_COOKIES", "1")
    app = editors_app(articles_dir, tmp_path)
    make_editor(app)
    cookie = sign_in(app.test_client()).headers["Set-Cookie"]
    app.extensions["kb_content"].stop()
    assert "Secure" in cookie


def test_a_wrong_password_and_an_unknown_name_look_the_same(client):
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, name="nobody")
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        assert "The name or the password is wrong." in response.get_data(as_text=True)
    assert client.get(OVERVIEW).status_code == 302


@pytest.mark.parametrize("name", ["anna", "nobody"])
def test_failures_in_a_row_slow_further_attempts(app, client, name):
    for _ in range(4):
        assert sign_in(client, name, "wrong password").status_code == 200
    fifth = sign_in(client, name, "wrong password")
    assert fifth.status_code == 429
    text = fifth.get_data(as_text=True)
    assert "Too many failed sign-ins. Please wait 30 seconds" in text
    blocked = sign_in(client, name)  # even the right password waits; same words either way
    assert blocked.status_code == 429 and "Too many failed sign-ins" in blocked.get_data(
        as_text=True
    )
    assert client.get(OVERVIEW).status_code == 302
    with app.extensions["kb_store"].engine.begin() as conn:  # the wait is over
        conn.execute(update(login_failures).values(blocked_until=None))
    if name == "anna":
        assert sign_in(client, name).headers["Location"] == OVERVIEW


def test_the_delay_grows_and_holds_across_workers(app, client, articles_dir, tmp_path):
    for _ in range(5):
        sign_in(client, "anna", "wrong password")
    with app.extensions["kb_store"].engine.begin() as conn:
        conn.execute(update(login_failures).values(blocked_until=None))
    sixth = sign_in(client, "anna", "wrong password")
    assert "Please wait 1 minute" in sixth.get_data(as_text=True)
    # Another worker: another app on the same database.
    other = editors_app(articles_dir, tmp_path)
    response = sign_in(other.test_client(), "anna")
    other.extensions["kb_content"].stop()
    assert response.status_code == 429


def test_many_failures_from_one_address_slow_every_account(client):
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong password")
    assert sign_in(client, "anna").status_code == 429
    other_address = sign_in(client, "anna", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other_address.headers["Location"] == OVERVIEW


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http:evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ],
)
def test_next_only_allows_local_paths(client, target):
    assert sign_in(client, next=target).headers["Location"] == OVERVIEW


def test_the_sign_in_form_carries_only_a_safe_next(client):
    html = client.get("/en/editors/login?next=//evil.example").get_data(as_text=True)
    assert f'name="next" value="{OVERVIEW}"' in html


def test_sign_out_is_a_post(client):
    sign_in(client)
    assert client.get("/en/editors/logout").status_code == 404  # no such page to GET
    assert client.post("/en/editors/logout").status_code == 400  # no CSRF token
    response = client.post("/en/editors/logout", data={"csrf_token": csrf(client)})
    assert response.headers["Location"] == "/en/"
    assert client.get(OVERVIEW).status_code == 302


def test_the_footer_links_to_the_editors_and_offers_sign_out_when_signed_in(client):
    html = client.get("/en/").get_data(as_text=True)
    assert f'href="{OVERVIEW}"' in html and "Sign out" not in html
    sign_in(client)
    html = client.get("/ru/").get_data(as_text=True)
    assert 'action="/ru/editors/logout"' in html


def test_a_new_password_ends_open_sessions(app, client):
    sign_in(client)
    set_password(app.extensions["kb_store"], "anna", "a brand new password")
    assert client.get(OVERVIEW).status_code == 302
    assert sign_in(client, password=PASSWORD).status_code == 200  # the old one is wrong now


def test_signing_in_starts_a_fresh_session(client):
    old = csrf(client)
    sign_in(client)
    with client.session_transaction() as session:
        assert session.get("_csrf") != old
        assert session.permanent


def test_sessions_expire(app):
    assert app.permanent_session_lifetime == timedelta(hours=12)

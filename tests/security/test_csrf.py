"""CSRF: every rule of the URL map that changes state refuses a request without the token, with
a page that says what happened. (Token mechanics: tests/web/test_csrf.py.)"""

from __future__ import annotations

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from kb.config import PROJECT_DIR
from kb.store.editors import get_editor
from kb.store.tables import feedback
from tests.web.editing import csrf, make_editor, sign_in

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
EXPIRED = "This form has expired. Reload the page and try again."
# A real value for each URL argument, so that every view would do its work if reached.
SAMPLES = {
    "lang": "en",
    "slug": "retention-did-porting",
    "block": "retention-process",
    "name": "top-searches",
    "filename": "css/site.css",
    "key": "en/retention-did-porting",  # an article in the editor: language and path
}
# What each view needs to do something, were the token not checked.
FORMS = {
    "feedback.vote": {"slug": "transfer-to-retention", "helpful": "no", "reason": "wrong"},
    "editors.login": {"name": "anna", "password": "a long enough password"},
}


def state_changing(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, URL) for every rule of the app that accepts an unsafe method."""
    found = []
    for rule in app.url_map.iter_rules():
        unknown = set(rule.arguments) - set(SAMPLES)
        assert not unknown, f"add a sample value for {unknown} of {rule.rule}"
        with app.test_request_context():
            url = app.url_map.bind("localhost").build(
                rule.endpoint, {a: SAMPLES[a] for a in rule.arguments}
            )
        found += [(rule.endpoint, m, url) for m in sorted(rule.methods & set(UNSAFE))]
    return found


@pytest.fixture
def signed_in(app):
    """A client signed in as an editor, so that sign-out is a real action too."""
    make_editor(app)
    client = app.test_client()
    assert sign_in(client).status_code == 302
    return client


def test_the_state_changing_rules_are_the_ones_known(app):
    endpoints = {endpoint for endpoint, _, _ in state_changing(app)}
    assert {"feedback.vote", "editors.login", "editors.logout", "guide.page"} <= endpoints
    editing = {"editor.act", "editor_history.restore", "editor_history.move"}
    assert (
        editing | {"editor_history.archive", "editor_media.upload", "editor_pair.pair_act"}
        <= endpoints
    )


def test_every_state_changing_rule_refuses_a_request_without_the_token(app, signed_in):
    checked, rules = 0, state_changing(app)
    for endpoint, method, url in rules:
        data = FORMS.get(endpoint, {"f.account": "12345", "check": ""})
        for headers, form in [
            ({}, data),  # no token at all
            ({}, {**data, "csrf_token": "forged"}),
            ({"X-CSRF-Token": ""}, {**data, "csrf_token": ""}),
            ({"X-CSRF-Token": "forged"}, data),
        ]:
            response = signed_in.open(url, method=method, data=form, headers=headers)
            assert response.status_code == 400, (method, url, headers, form)
            assert EXPIRED in response.get_data(as_text=True), (method, url)
            checked += 1
        # The same request with the token is not refused as a forgery: the check is what
        # refused it above, not something else about the request.
        token = csrf(signed_in)
        response = signed_in.open(url, method=method, data={**data, "csrf_token": token})
        assert EXPIRED not in response.get_data(as_text=True), (method, url)
        if endpoint == "editors.logout":  # signed out by now: sign in again for the rest
            sign_in(signed_in)
    assert len(rules) >= 4 and checked == 4 * len(rules)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_methods_no_rule_accepts_are_refused_the_same_way(client, method):
    response = client.open("/en/transfer-to-retention", method=method)
    assert response.status_code == 400 and EXPIRED in response.get_data(as_text=True)


def test_a_refused_vote_is_not_counted(app):
    def votes() -> int:
        with app.extensions["kb_store"].engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(feedback)).scalar()

    client = app.test_client()
    token = csrf(client)
    client.post("/en/feedback", data=FORMS["feedback.vote"])
    assert votes() == 0
    client.post("/en/feedback", data={**FORMS["feedback.vote"], "csrf_token": token})
    assert votes() == 1


def test_a_forged_sign_in_signs_nobody_in(app):
    """Login CSRF: a form on another site must not sign the agent in as the attacker."""
    make_editor(app)
    client = app.test_client()
    csrf(client)
    response = client.post("/en/editors/login", data=FORMS["editors.login"])
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert "editor_id" not in session


def test_a_forged_sign_out_keeps_the_editor_signed_in(app, signed_in):
    assert signed_in.post("/en/editors/logout").status_code == 400
    with signed_in.session_transaction() as session:
        editor = get_editor(app.extensions["kb_store"], session["editor_id"])
    assert editor is not None and signed_in.get("/en/editors/").status_code == 200


def test_the_expired_form_page_has_its_own_title_and_a_way_on(client):
    csrf(client)
    html = client.post("/en/feedback", data=FORMS["feedback.vote"]).get_data(as_text=True)
    assert "<h1>Form expired</h1>" in html and "Bad request" not in html
    assert f"<p>{EXPIRED}</p>" in html and 'href="/en/"' in html


def test_the_expired_form_page_is_in_the_readers_language(app):
    client = app.test_client()
    csrf(client)
    html = client.post("/ru/feedback", data=FORMS["feedback.vote"]).get_data(as_text=True)
    with app.test_request_context("/ru/"), force_locale("ru"):
        translated = gettext(EXPIRED)
    assert '<html lang="ru">' in html and translated in html


def test_the_messages_reach_the_catalogue():
    """`make translations-extract` finds them, so the Russian catalogue can translate them."""
    found = {
        message
        for _line, message, _comments, _context in extract_from_file(
            "python", PROJECT_DIR / "kb" / "web" / "errors.py", keywords=DEFAULT_KEYWORDS
        )
    }
    assert {EXPIRED, "Form expired"} <= found


def test_json_api_errors_are_not_pages(client):
    response = client.post("/api/search")
    assert response.status_code == 400 and response.is_json
    assert response.get_json() == {"error": "Form expired", "status": 400}

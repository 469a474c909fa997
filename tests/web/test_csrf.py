"""CSRF: every state-changing request needs this session's token, in the form or a header."""

import pytest

from kb.web.csrf import csrf_token
from tests.web.editing import csrf

VOTE = {"slug": "transfer-to-retention", "helpful": "yes"}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path", ["/en/feedback", "/en/editors/login", "/en/editors/logout", "/en/"]
)
def test_unsafe_methods_without_a_token_are_refused(client, method, path):
    csrf(client)
    assert client.open(path, method=method, data=VOTE).status_code == 400


def test_a_wrong_token_is_refused(client):
    csrf(client)
    response = client.post("/en/feedback", data={**VOTE, "csrf_token": "forged"})
    assert response.status_code == 400
    assert client.post("/en/feedback", data=VOTE, headers={"X-CSRF-Token": "x"}).status_code == 400


def test_no_session_no_token_is_refused(client):
    assert client.post("/en/feedback", data={**VOTE, "csrf_token": ""}).status_code == 400


def test_the_token_in_the_form_or_the_header_is_accepted(client):
    token = csrf(client)
    assert client.post("/en/feedback", data={**VOTE, "csrf_token": token}).status_code == 302
    headers = {"X-CSRF-Token": token}
    assert client.post("/en/feedback", data=VOTE, headers=headers).status_code == 302


def test_a_token_belongs_to_one_session(shipped_app):
    one, two = shipped_app.test_client(), shipped_app.test_client()
    token = csrf(one)
    csrf(two)
    assert two.post("/en/feedback", data={**VOTE, "csrf_token": token}).status_code == 400


def test_the_token_is_stable_within_a_session_and_random_across(shipped_app):
    with shipped_app.test_request_context():
        first = csrf_token()
        assert csrf_token() == first and len(first) >= 32
    with shipped_app.test_request_context():
        assert csrf_token() != first


def test_pages_put_the_token_in_their_forms(client):
    html = client.get("/en/transfer-to-retention").get_data(as_text=True)
    with client.session_transaction() as session:
        assert f'name="csrf_token" value="{session["_csrf"]}"' in html

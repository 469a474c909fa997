"""'Was this helpful?': the form on every article, votes with and without JavaScript."""

import re
from datetime import timedelta

import pytest
from flask import render_template_string
from sqlalchemy import select, update

from kb.store.tables import feedback
from tests.web.editing import csrf

SLUG = "transfer-to-retention"


@pytest.fixture
def client(app):
    """A client of the test's own app (the shared `client` reads the shipped one)."""
    return app.test_client()


def votes(app):
    with app.extensions["kb_store"].engine.connect() as conn:
        return conn.execute(select(feedback).order_by(feedback.c.id)).all()


def vote(client, slug=SLUG, lang="en", **fields):
    """Vote as a browser does: from the page that holds the form (which gives it its cookie)."""
    client.get(f"/{lang}/{slug}")
    data = {"slug": slug, "helpful": "yes", "csrf_token": csrf(client), **fields}
    return client.post(f"/{lang}/feedback", data=data)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_article_has_the_form(client, app, lang):
    for article_lang, slug in app.extensions["kb_content"].library.articles:
        if article_lang != lang:
            continue
        html = client.get(f"/{lang}/{slug}").get_data(as_text=True)
        form = html[html.index('<section class="feedback"') :]
        assert f'action="/{lang}/feedback"' in form and f'value="{slug}"' in form
        assert 'name="helpful" value="yes"' in form and 'name="helpful" value="no"' in form
        assert form.count('type="radio" name="reason"') == 5
        assert 'maxlength="500"' in form
        assert "/static/js/feedback.js" in form
        assert " style=" not in form and "<script>" not in form  # nothing inline, for the CSP


def test_the_form_warns_against_customer_data(client):
    html = client.get(f"/en/{SLUG}").get_data(as_text=True)
    assert "do not type customer data" in html


def test_a_vote_without_javascript_comes_back_with_thanks(client, app):
    response = vote(client, next=f"/en/{SLUG}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/en/{SLUG}#feedback-article"
    html = client.get(f"/en/{SLUG}").get_data(as_text=True)
    assert "Thank you for your feedback." in html
    assert 'class="feedback-form"' not in html  # the form gives way to the thanks, once
    assert 'class="feedback-form"' in client.get(f"/en/{SLUG}").get_data(as_text=True)
    assert [(v.lang, v.slug, v.block, v.helpful) for v in votes(app)] == [("en", SLUG, "", True)]


def test_one_vote_per_browser_article_and_day(client, app):
    vote(client)
    second = vote(client, helpful="no", reason="wrong")
    html = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "was not counted again" in html
    assert len(votes(app)) == 1
    vote(client, slug="call-next-process")  # another article
    vote(client, lang="ru")  # the translation
    assert len(votes(app)) == 3
    with app.extensions["kb_store"].engine.begin() as conn:  # as if the first vote was yesterday
        first = votes(app)[0]
        conn.execute(
            update(feedback)
            .values(day=first.day - timedelta(days=1))
            .where(feedback.c.id == first.id)
        )
    vote(client)
    assert len(votes(app)) == 4


def test_another_browser_is_counted(app):
    one, two = app.test_client(), app.test_client()
    vote(one)
    vote(two)
    assert len({v.voter for v in votes(app)}) == 2


def test_the_browser_id_is_a_random_signed_cookie_stored_hashed(client, app):
    cookie = client.get(f"/en/{SLUG}").headers["Set-Cookie"]
    browser_id = re.search(r"kb_voter=([^;]+)", cookie).group(1)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "kb_voter" not in vote(client).headers.get("Set-Cookie", "")
    assert votes(app)[0].voter != browser_id and len(votes(app)[0].voter) == 64
    assert "kb_voter" not in client.get(f"/en/{SLUG}").headers.get("Set-Cookie", "")


def test_no_with_a_reason_and_a_redacted_comment(client, app):
    vote(
        client,
        helpful="no",
        reason="missing-case",
        comment="Client jane@example.com, +7 916 123-45-67",
    )
    (stored,) = votes(app)
    assert (stored.helpful, stored.reason, stored.comment) == (False, "missing-case", "Client # #")


def test_with_javascript_the_answer_is_json(client, app):
    headers = {"Accept": "application/json", "X-CSRF-Token": csrf(client)}
    response = client.post("/en/feedback", data={"slug": SLUG, "helpful": "no"}, headers=headers)
    assert response.status_code == 200
    assert response.get_json() == {"counted": True, "message": "Thank you for your feedback."}
    again = client.post("/en/feedback", data={"slug": SLUG, "helpful": "no"}, headers=headers)
    assert again.get_json()["counted"] is False


def test_a_walkthrough_vote_goes_back_to_its_page(client, app):
    response = vote(
        client, slug="call-next-process", block="call-back", next="/en/guide/call-next-process"
    )
    assert response.headers["Location"] == "/en/guide/call-next-process#feedback-call-back"
    assert votes(app)[0].block == "call-back"


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/x", "/\\evil.example"])
def test_next_never_leaves_the_site(client, target):
    assert vote(client, next=target).headers["Location"] == f"/en/{SLUG}#feedback-article"


@pytest.mark.parametrize(
    "fields",
    [
        {"slug": "no-such-article"},
        {"helpful": "maybe"},
        {"helpful": "no", "reason": "<script>"},
        {"block": "a b"},
        {"block": "x" * 101},
        {"block": "no-such-block"},  # a walkthrough row that does not exist in the reports
        {"block": "retention-transfer", "slug": "transfer-to-retention"},  # not a walkthrough
    ],
)
def test_bad_votes_are_refused(client, app, fields):
    assert vote(client, **fields).status_code == 400
    assert votes(app) == []


def test_the_partial_takes_a_walkthrough_block(app):
    with app.test_request_context("/en/call-next-process"):
        app.preprocess_request()
        html = render_template_string(
            '{% from "_feedback.html" import feedback with context %}'
            '{{ feedback("call-next-process", "triage") }}',
            lang="en",
        )
    assert 'id="feedback-triage"' in html and 'name="block" value="triage"' in html
    assert "Did this walkthrough help?" in html and 'id="feedback-triage-comment"' in html

"""One script cannot stuff the feedback reports: however its votes arrive (no cookie, a made-up
one, a fresh one each time), a voter counts once per article or walkthrough a day, one address
counts at most KB_VOTES_PER_ADDRESS, and only what has the form can be voted on."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import func, select

from kb.store.tables import feedback
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.editing import csrf

SLUG = "transfer-to-retention"
LIMIT = 5


@pytest.fixture
def app(tmp_path):
    return make_app(SHIPPED_ARTICLES, tmp_path / "instance", KB_VOTES_PER_ADDRESS=LIMIT)


def counted(app, **where) -> int:
    query = select(func.count()).select_from(feedback)
    for column, value in where.items():
        query = query.where(feedback.c[column] == value)
    with app.extensions["kb_store"].engine.connect() as conn:
        return conn.execute(query).scalar_one()


def post_vote(client, address="10.0.0.1", slug=SLUG, block="", **extra):
    data = {"slug": slug, "block": block, "helpful": "no", "reason": "wrong", **extra}
    data["csrf_token"] = csrf(client)
    return client.post(
        "/en/feedback",
        data=data,
        headers={"Accept": "application/json"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_votes_without_a_cookie_count_once(app):
    client = app.test_client()
    answers = [post_vote(client).get_json()["counted"] for _ in range(17)]
    assert answers == [True] + [False] * 16
    assert counted(app) == 1


def test_made_up_voter_cookies_do_not_make_new_voters(app):
    client = app.test_client()
    for _ in range(10):
        client.set_cookie("kb_voter", secrets.token_urlsafe(24))
        post_vote(client)
        client.set_cookie("kb_voter", f"{secrets.token_urlsafe(18)}.{secrets.token_urlsafe(18)}")
        post_vote(client)
    assert counted(app) == 1


def test_fresh_cookies_from_the_site_count_only_the_address_share(app):
    for _ in range(3 * LIMIT):
        client = app.test_client()  # a script that throws its cookies away each time
        client.get(f"/en/{SLUG}", environ_base={"REMOTE_ADDR": "10.0.0.1"})
        post_vote(client)
    assert counted(app) == LIMIT
    elsewhere = app.test_client()
    elsewhere.get(f"/en/{SLUG}")
    assert post_vote(elsewhere, address="10.0.0.2").get_json()["counted"] is True
    other_article = post_vote(elsewhere, address="10.0.0.1", slug="call-next-process")
    assert other_article.get_json()["counted"] is True


def test_a_real_browser_votes_once_per_thing_however_often_it_sends(app):
    client = app.test_client()
    client.get(f"/en/{SLUG}")
    answers = [post_vote(client).get_json()["counted"] for _ in range(5)]
    assert answers == [True, False, False, False, False]
    message = post_vote(client).get_json()["message"]
    assert "already gave feedback" in message


@pytest.mark.parametrize(
    "slug, block",
    [
        (SLUG, "no-such-walkthrough"),
        (SLUG, "retention-transfer"),  # a decision table: it has no feedback form
        ("call-next-process", "CALL-BACK"),  # ids are exact
        (SLUG, "call-back"),  # a walkthrough of another article
    ],
)
def test_only_the_article_and_its_walkthroughs_take_votes(app, slug, block):
    response = post_vote(app.test_client(), slug=slug, block=block)
    assert response.status_code == 400
    assert counted(app) == 0


def test_a_walkthrough_of_the_article_takes_votes(app):
    response = post_vote(app.test_client(), slug="call-next-process", block="call-back")
    assert response.get_json()["counted"] is True
    assert counted(app, block="call-back") == 1


def test_the_limit_can_be_turned_off(tmp_path):
    app = make_app(SHIPPED_ARTICLES, tmp_path / "instance", KB_VOTES_PER_ADDRESS=0)
    for _ in range(LIMIT + 3):
        client = app.test_client()
        client.get(f"/en/{SLUG}")
        post_vote(client)
    assert counted(app) == LIMIT + 3

"""Signing out, a new password and an account's removal end every session of that editor: a copy
of the session cookie taken before opens neither the editors' area nor its CSV exports, on this
instance or another one over the same database."""

from __future__ import annotations

import shutil

import pytest

from kb.store.editors import delete_editor, set_password
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.postgres import database_url
from tests.web.editing import PASSWORD, csrf, make_editor, sign_in

GUARDED = [
    "/en/editors/",
    "/en/editors/searches",
    "/en/editors/articles",
    "/en/editors/walkthroughs",
    "/en/editors/review",
    "/en/editors/export/top-searches.csv",
    "/en/editors/export/comments.csv",
    "/en/editors/export/daily.csv",
]


@pytest.fixture
def instances(tmp_path):
    """Two instances, each with its own articles copy and instance folder, over one database."""
    shared = tmp_path / "database"
    shared.mkdir()
    apps = []
    for name in ("one", "two"):
        articles = tmp_path / name / "articles"
        shutil.copytree(SHIPPED_ARTICLES, articles)
        apps.append(
            make_app(articles, tmp_path / name / "instance", DATABASE_URL=database_url(shared))
        )
    return apps


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def opens_everything(app, cookie: str) -> bool:
    """Whether a browser holding only `cookie` gets every page of the editors' area."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    statuses = {path: thief.get(path).status_code for path in GUARDED}
    if all(status == 200 for status in statuses.values()):
        return True
    assert all(status == 302 for status in statuses.values()), statuses  # to the sign-in page
    return False


def signed_in(app, name="anna"):
    client = app.test_client()
    assert sign_in(client, name=name).status_code == 302
    return client


def sign_out(client):
    return client.post("/en/editors/logout", data={"csrf_token": csrf(client)})


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(instances):
    one, two = instances
    make_editor(one)
    client = signed_in(one)
    copy = session_cookie(client)
    assert opens_everything(one, copy) and opens_everything(two, copy)
    assert sign_out(client).status_code == 302
    assert not opens_everything(one, copy)
    assert not opens_everything(two, copy)


def test_sign_out_ends_the_editors_other_sessions_too(instances):
    one, two = instances
    make_editor(one)
    make_editor(one, "boris")
    laptop, desktop, colleague = signed_in(one), signed_in(two), signed_in(two, "boris")
    sign_out(laptop)
    assert not opens_everything(two, session_cookie(desktop))
    assert opens_everything(one, session_cookie(colleague))  # another editor is not touched
    again = signed_in(two)  # and signing in again works
    assert opens_everything(one, session_cookie(again))


@pytest.mark.parametrize(
    "revoke",
    [
        lambda store: set_password(store, "anna", PASSWORD + " changed"),
        lambda store: delete_editor(store, "anna"),
    ],
    ids=["new password", "account removed"],
)
def test_a_new_password_or_removal_ends_every_session_on_every_instance(instances, revoke):
    one, two = instances
    make_editor(one)
    copies = [session_cookie(signed_in(one)), session_cookie(signed_in(two))]
    revoke(two.extensions["kb_store"])
    for app in instances:
        for copy in copies:
            assert not opens_everything(app, copy)


def test_an_old_session_cannot_be_replayed_after_signing_in_again(instances):
    one, _ = instances
    make_editor(one)
    first = signed_in(one)
    copy = session_cookie(first)
    sign_out(first)
    signed_in(one)  # a new session: the epoch does not go back
    assert not opens_everything(one, copy)

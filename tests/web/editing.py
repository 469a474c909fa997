"""Helpers for tests of forms and of the editors' area: CSRF tokens, accounts, signing in."""

from __future__ import annotations

import secrets

from kb.store.editors import create_editor

PASSWORD = "a long enough password"


def csrf(client) -> str:
    """The client's CSRF token, created in its session as a page with a form would."""
    with client.session_transaction() as session:
        return session.setdefault("_csrf", secrets.token_urlsafe(32))


def make_editor(app, name: str = "anna", password: str = PASSWORD):
    return create_editor(app.extensions["kb_store"], name, password)


def sign_in(client, name: str = "anna", password: str = PASSWORD, next: str | None = None, **kw):
    """Post the sign-in form as a browser would; returns the response (not followed)."""
    data = {"name": name, "password": password, "csrf_token": csrf(client)}
    if next is not None:
        data["next"] = next
    return client.post("/en/editors/login", data=data, **kw)


def editors_app(articles_dir, tmp_path, **overrides):
    """An app with the daily roll-up off, so that no background thread touches the database."""
    from tests.conftest import make_app

    overrides.setdefault("KB_ROLLUP_CHECK_INTERVAL", 0)
    return make_app(articles_dir, tmp_path / "instance", **overrides)

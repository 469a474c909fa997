"""What the security tests share: apps with secure cookies, and reading responses as a browser
would (the cookies a response sets, where a redirect lands)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import SHIPPED_ARTICLES, make_app

HERE = "http://localhost/en/"
# What browsers do to a URL before reading it: tabs and newlines anywhere are dropped, leading
# and trailing control characters and spaces are trimmed, and "\" counts as "/" in http(s).
_DROPPED = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(chr(c) for c in range(0x21))


def browser_target(location: str, here: str = HERE) -> tuple[str, str]:
    """(scheme, host) of where a browser on `here` goes when sent to `location`."""
    cleaned = _DROPPED.sub("", location).strip(_TRIMMED).replace("\\", "/")
    parts = urlsplit(urljoin(here, cleaned))
    return parts.scheme.lower(), parts.netloc.lower()


def stays_on_site(location: str, here: str = HERE) -> bool:
    return browser_target(location, here) == browser_target(here, here)


def set_cookie(response, name: str) -> dict[str, str] | None:
    """The attributes of the `name` cookie that `response` sets, names lower-cased, or None.

    A flag such as HttpOnly maps to "".
    """
    for header in response.headers.getlist("Set-Cookie"):
        first, *attributes = [part.strip() for part in header.split(";")]
        if first.split("=", 1)[0] != name:
            continue
        found = {"value": first.split("=", 1)[1]}
        for attribute in attributes:
            key, _, value = attribute.partition("=")
            found[key.lower()] = value
        return found
    return None


@contextmanager
def app_from_environment(monkeypatch, instance, **settings: str):
    """An app over the shipped articles configured through the environment, as in production."""
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    app = make_app(SHIPPED_ARTICLES, instance)
    try:
        yield app
    finally:
        app.extensions["kb_content"].stop()


@pytest.fixture
def secure_app(monkeypatch, tmp_path):
    """An app configured for HTTPS."""
    with app_from_environment(monkeypatch, tmp_path / "instance", KB_SECURE_COOKIES="1") as app:
        yield app

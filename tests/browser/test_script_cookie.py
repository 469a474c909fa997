"""kb_tz, the one cookie a script sets (guide.js: the browser's time zone): SameSite=Lax always,
Secure whenever the page came over HTTPS. It cannot be HttpOnly, as a script writes it."""

from __future__ import annotations

import pytest

GUIDE = "/en/key-client-switching/guide/telesales-hours"
HTTPS_SITE = "https://kb.test"


def time_zone_cookie(context, url: str) -> dict:
    cookies = {c["name"]: c for c in context.cookies(url)}
    assert "kb_tz" in cookies, sorted(cookies)
    return cookies["kb_tz"]


@pytest.fixture
def tokyo(browser):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    yield context
    context.unroute_all(behavior="ignoreErrors")  # a request still being passed on is dropped
    context.close()


def test_over_http_the_cookie_is_lax_and_not_secure(tokyo, live_server):
    page = tokyo.new_page()
    page.goto(live_server + GUIDE)
    page.wait_for_load_state("load")
    cookie = time_zone_cookie(tokyo, live_server)
    assert cookie["value"] == "Asia/Tokyo"
    assert cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert cookie["secure"] is False and cookie["httpOnly"] is False
    assert cookie["expires"] > 0  # kept for a year, not only for the session


def test_over_https_the_cookie_is_secure(tokyo, live_server):
    """The site answers at an https:// address (the requests are passed to the live server)."""

    def forward(route):
        url = route.request.url.replace(HTTPS_SITE, live_server, 1)
        route.fulfill(response=route.fetch(url=url))

    tokyo.route(f"{HTTPS_SITE}/**", forward)
    page = tokyo.new_page()
    page.goto(HTTPS_SITE + GUIDE)
    page.wait_for_load_state("load")
    cookie = time_zone_cookie(tokyo, HTTPS_SITE)
    assert cookie["value"] == "Asia/Tokyo"
    assert cookie["secure"] is True and cookie["sameSite"] == "Lax"

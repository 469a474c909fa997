"""Editors in a real browser: sign in and see the charts in both languages; feedback in place."""

import re

import pytest
from playwright.sync_api import expect

from kb.store.editors import create_editor
from tests.web.test_insights import fill

NAME, PASSWORD = "browser-editor", "a long enough password"


@pytest.fixture(scope="module")
def server(live_app, live_server):
    """The live server, with an editor and a little of every kind of record in its database."""
    store = live_app.extensions["kb_store"]
    create_editor(store, NAME, PASSWORD)
    fill(store)
    return live_server


def sign_in(page, server, lang):
    page.goto(f"{server}/{lang}/editors/")
    expect(page).to_have_url(re.compile(f"/{lang}/editors/login"))
    page.fill("#login-name", NAME)
    page.fill("#login-password", PASSWORD)
    page.locator(".login-form button").click()
    expect(page).to_have_url(re.compile(f"/{lang}/editors/$"))


def charts_drawn(page, count, at_least=False):
    """`count` charts (or more: the live server is shared), each drawn with some size and bars."""
    charts = page.locator("svg.chart[role=img]")
    expect(charts.first).to_be_visible()
    if at_least:
        assert charts.count() >= count
    else:
        expect(charts).to_have_count(count)
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 250 and box["height"] > 30
        assert charts.nth(i).locator("rect").count() > 0


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_editor_signs_in_and_sees_the_charts(page, server, screenshot, lang):
    sign_in(page, server, lang)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    charts_drawn(page, 3)
    screenshot(page, f"insights-{lang}")
    page.locator(".editors-nav a").nth(1).click()
    expect(page).to_have_url(re.compile(f"/{lang}/editors/searches"))
    charts_drawn(page, 5, at_least=True)  # other browser tests' searches may find weakly too
    screenshot(page, f"insights-searches-{lang}")
    page.goto(f"{server}/{lang}/editors/walkthroughs")
    charts_drawn(page, 3, at_least=True)  # other browser tests run walkthroughs too
    screenshot(page, f"insights-walkthroughs-{lang}")


def test_insights_fit_a_narrow_side_panel(browser, server, screenshot):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, server, "ru")
    for path in ("/ru/editors/", "/ru/editors/searches", "/ru/editors/articles"):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    screenshot(page, "insights-narrow-ru")
    context.close()


def test_feedback_is_sent_in_place(page, server, screenshot):
    page.goto(f"{server}/en/call-next-process")
    feedback = page.locator("#feedback-article")
    feedback.locator("summary").click()
    feedback.locator("input[value=unclear]").check()
    feedback.locator("textarea").fill("The second step is confusing")
    screenshot(page, "feedback-open")
    feedback.locator("button[value=no]").click()
    expect(feedback.locator("[role=status]")).to_have_text("Thank you for your feedback.")
    expect(page).to_have_url(f"{server}/en/call-next-process")  # no page load
    expect(feedback.locator("form")).to_have_count(0)

"""Reading articles in a real browser: both languages, the language switch, the narrow panel."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_open_an_article_and_switch_language(page, live_server, screenshot, lang):
    page.goto(f"{live_server}/{lang}/transfer-to-retention")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(".script").first).to_be_visible()
    screenshot(page, f"article-{lang}")

    other = "ru" if lang == "en" else "en"
    page.locator(f".lang-switch a[hreflang={other}]").click()
    expect(page).to_have_url(re.compile(f"/{other}/transfer-to-retention$"))
    expect(page.locator("html")).to_have_attribute("lang", other)


def test_copy_button_appears_with_javascript(page, live_server):
    page.goto(f"{live_server}/en/transfer-to-retention")
    button = page.locator(".script .copy-button").first
    expect(button).to_be_visible()


def test_slash_focuses_the_search_box(page, live_server):
    page.goto(f"{live_server}/ru/key-client-switching")
    page.locator("body").press("/")
    expect(page.locator("#search-q")).to_be_focused()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_narrow_side_panel_layout_has_no_horizontal_scroll(browser, live_server, screenshot, lang):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in (f"/{lang}/", f"/{lang}/retention-did-porting", f"/{lang}/transfer-to-retention"):
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        expect(page.locator("#search-q")).to_be_visible()
    screenshot(page, f"narrow-{lang}")
    context.close()

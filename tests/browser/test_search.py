"""Searching in a real browser: suggestions by keyboard and mouse, results, the layout fix."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("lang", "typed", "slug"),
    [
        ("en", "transfer to retent", "transfer-to-retention"),
        ("ru", "перекл", "key-client-switching"),
    ],
)
def test_suggestions_drop_down_and_open_by_keyboard(
    page, live_server, screenshot, lang, typed, slug
):
    page.goto(f"{live_server}/{lang}/")
    box = page.locator("#search-q")
    box.press_sequentially(typed, delay=30)
    options = page.locator("#search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    screenshot(page, f"suggest-{lang}")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(f"/{lang}/{slug}"))


def test_escape_closes_suggestions_and_a_click_opens_one(page, live_server):
    page.goto(f"{live_server}/en/")
    box = page.locator("#search-q")
    box.press_sequentially("retention", delay=20)
    listbox = page.locator("#search-suggestions")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    page.locator("#search-suggestions [role=option]").first.click()
    expect(page).to_have_url(re.compile(r"/en/(transfer-to-retention|retention-did-porting)"))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_wrong_layout_query_is_corrected_on_the_results_page(page, live_server, screenshot, lang):
    page.goto(f"{live_server}/{lang}/")
    page.locator("#search-q").fill("hjevbyu")
    page.locator("#search-q").press("Enter")
    expect(page.locator(".correction")).to_contain_text("роуминг")
    first = page.locator(".result").first
    screenshot(page, f"results-layout-{lang}")
    first.locator(".result-link").click()
    expect(page).to_have_url(re.compile(f"/{lang}/key-client-switching"))
    if lang == "ru":  # the English article does not contain the Russian word
        expect(page.locator(".article-body mark").first).to_be_visible()


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/en/")
    page.locator("#search-q").fill("voicemail")
    page.locator(".search-form button").click()
    expect(page.locator(".result").first).to_contain_text("call")
    context.close()

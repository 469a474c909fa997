"""Answer-first search in a real browser, in both languages, on a phone and on a desktop: a
question and Enter (or a suggestion) lands on the answer, highlighted."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENS = Path("/work/wt/reports/screens-search")
WIDTHS = [360, 1280]
QUESTIONS = {
    "en": ("caller wants to reinstate the contract", "transfer-to-retention"),
    "ru": ("клиент хочет восстановить договор", "transfer-to-retention"),
}
ANCHOR = "dt-retention-transfer-reinstate"


@pytest.fixture
def sized(browser, request):
    """A page of the given width (the test's `width` parameter)."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def keep(page, screenshot, name: str) -> None:
    """A screenshot under screenshots/, copied beside the search reports when that folder
    exists (the people reviewing this work look at them there)."""
    path = screenshot(page, name)
    if SCREENS.parent.is_dir():
        SCREENS.mkdir(exist_ok=True)
        shutil.copy(path, SCREENS / path.name)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_question_and_enter_lands_on_the_answer(sized, live_server, screenshot, lang):
    page, (question, slug) = sized, QUESTIONS[lang]
    width = page.viewport_size["width"]
    page.goto(f"{live_server}/{lang}/")
    page.locator("#search-q").fill(question)
    page.locator("#search-q").press("Enter")
    card = page.locator(".answer-card")
    expect(card).to_be_visible()
    expect(card.locator(".badge.decision-transfer")).to_be_visible()
    expect(card.locator(".script-text")).to_be_visible()
    expect(card.locator(".copy-button")).to_be_visible()  # shown by the page's script
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    keep(page, screenshot, f"answer-{lang}-{width}")
    card.locator(".answer-heading a").click()
    expect(page).to_have_url(re.compile(f"/{lang}/{slug}.*#{ANCHOR}$"))
    target = page.locator(":target")
    expect(target).to_have_attribute("id", ANCHOR)
    expect(target).to_be_in_viewport()
    expect(page.locator(".article-body mark").first).to_be_visible()


@pytest.mark.parametrize("sized", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize(
    ("lang", "typed", "slug", "anchor"),
    [
        ("en", "fulfillment ki", "transfer-to-retention", "dt-retention-transfer-coverage-items"),
        ("ru", "восстановить дог", "transfer-to-retention", ANCHOR),
        # Russian typed with the English layout on, on the English site; a typo. Any passage
        # of the article will do.
        ("en", "ntktghjl", "key-client-switching", None),
        ("en", "retenton", "retention-did-porting", None),
    ],
)
def test_choosing_a_suggestion_lands_on_the_passage(
    sized, live_server, screenshot, lang, typed, slug, anchor
):
    page = sized
    width = page.viewport_size["width"]
    page.goto(f"{live_server}/{lang}/")
    box = page.locator("#search-q")
    box.press_sequentially(typed, delay=25)
    options = page.locator("#search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(options.first.locator(".suggestion-answer")).not_to_be_empty()
    if anchor is not None:
        keep(page, screenshot, f"suggest-{lang}-{width}-{typed.split()[0]}")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(f"/{lang}/{slug}"))
    if anchor is not None:
        expect(page).to_have_url(re.compile(f"#{anchor}$"))
        expect(page.locator(":target")).to_have_attribute("id", anchor)


def test_a_late_reply_never_changes_the_selection(page, live_server):
    """The agent arrows down the list shown for what they typed a moment ago, and only then
    does the reply for their last keystroke come back: the list and the choice stay."""
    held = []

    def route(route):
        if route.request.url.endswith("q=retention"):
            held.append(route)  # answered later, by hand
        else:
            route.continue_()

    page.route(re.compile(r".*/api/suggest\?.*"), route)
    page.goto(f"{live_server}/en/")
    box = page.locator("#search-q")
    box.press_sequentially("retentio", delay=20)
    options = page.locator("#search-suggestions [role=option]")
    expect(options.nth(1)).to_be_visible()
    box.press_sequentially("n", delay=20)
    page.wait_for_timeout(200)  # the request for "retention" has gone out, and is held
    assert held
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    before = [options.nth(i).inner_text() for i in range(options.count())]
    held[0].fulfill(
        status=200,
        content_type="application/json",
        body='{"suggestions": [{"title": "LATE", "section": null, "url": "/en/"}]}',
    )
    page.wait_for_timeout(300)
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    assert [options.nth(i).inner_text() for i in range(options.count())] == before
    box.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/en/$"))

"""The main tasks with the keyboard alone: no click, no mouse. Every stop of the focus is checked
for a visible focus ring on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import a11y
from tests.browser.test_guidance import paths_to_outcomes, spec_of, walk_sample


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own: the votes and walkthroughs here stay out of the reports
    that other modules check."""
    with a11y.serve(tmp_path_factory, "keyboard") as (url, _app):
        yield url


@pytest.fixture
def page(browser, server):
    """A page allowed to use the clipboard, so that Copy can be checked; under the site's own
    Content-Security-Policy, as a person gets it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) || false", selector)


def tab_to(page, selector: str, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus; every
    element passed on the way must show where the focus is."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        focus = page.evaluate(a11y.FOCUS_STYLE)
        if focus is not None:
            problem = a11y.focus_problem(focus)
            assert problem is None, f"on {page.url}: {problem}"
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} not reached with {key} in {limit} presses on {page.url}")


def test_skip_link_goes_to_the_content(page, server):
    page.goto(f"{server}/en/transfer-to-retention")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 50, "the skip link is off screen"
    assert a11y.focus_problem(page.evaluate(a11y.FOCUS_STYLE)) is None
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is in the content, past the header's controls
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_search_pick_a_suggestion_and_open_a_result(page, server):
    page.goto(f"{server}/en/")
    page.keyboard.press("/")
    expect(page.locator("#search-q")).to_be_focused()
    page.keyboard.type("transfer to retent", delay=30)  # the last word as typed so far
    options = page.locator("#search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    box = page.locator("#search-q")
    expect(box).to_have_attribute("aria-activedescendant", "search-suggestions-0")
    expect(options.first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/transfer-to-retention"))

    # Escape closes the list and keeps the typing; Enter then searches. The "/" shortcut is
    # the script's: pressed before the new page has run it, the key would go to the page.
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    expect(page.locator("#search-q")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("voicemail", delay=20)
    expect(options.first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#search-suggestions")).to_be_hidden()
    expect(page.locator("#search-q")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search\?q=voicemail"))
    tab_to(page, ".result-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/call-next-process"))


def test_suggestions_are_no_keyboard_trap(page, server):
    page.goto(f"{server}/ru/")
    page.keyboard.press("/")
    page.keyboard.type("перек", delay=30)
    expect(page.locator("#search-suggestions [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # on to the Search button, and the list goes
    expect(page.locator(".search-form button[type=submit]")).to_be_focused()
    expect(page.locator("#search-suggestions")).to_be_hidden()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#search-q")).to_be_focused()


def test_walk_a_walkthrough_to_an_outcome_and_copy_the_summary(page, server):
    spec = spec_of("en", "call-next-process", "call-back")
    path = min(paths_to_outcomes(spec).values(), key=len)
    page.goto(f"{server}/en/call-next-process")
    tab_to(page, '.guidance-launch a.button[href$="/guide/call-back"]')
    page.keyboard.press("Enter")
    heading = page.locator("#wt-step-title")
    expect(heading).to_have_text(spec.steps[spec.start].title)
    for i in range(len(path)):
        target = ".".join(path[: i + 1])
        tab_to(page, f'#wt-run .wt-choices [href*="path={target}&"]')
        page.keyboard.press("Enter")
        position = walk_sample(spec, target)
        expect(heading).to_have_text((position.step or position.outcome).title)
        expect(heading).to_be_focused()  # the next step starts where the reader is
    summary = page.locator("#wt-summary").input_value()
    assert summary.startswith(spec.title)
    tab_to(page, "#wt-summary ~ .copy-button")
    page.keyboard.press("Enter")
    copied = page.locator("#wt-summary ~ .copy-button")
    expect(copied).to_have_text("Copied")
    for theme in a11y.THEMES:  # the "Copied" state is legible too, in every theme
        page.emulate_media(**a11y.THEMES[theme])
        colours = copied.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
        assert a11y.contrast(*colours) >= 4.5, f"Copied [{theme}]: {colours}"
    assert page.evaluate("navigator.clipboard.readText()") == summary.strip()


def test_fill_a_checklist(page, server):
    page.goto(f"{server}/en/key-client-switching/guide/case-form")
    tab_to(page, ".guide-form button[name=check]")
    page.keyboard.press("Enter")  # nothing typed: the errors, each a link to its field
    errors = page.locator(".guide-errors")
    expect(errors).to_be_visible()
    first_error = errors.locator("a").first
    field_id = first_error.get_attribute("href").lstrip("#")
    tab_to(page, ".guide-errors a")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{field_id}")).to_be_focused()

    tab_to(page, "[data-fallback-switch]", backwards=True)
    page.keyboard.press("Space")  # the client leaves only a name and a phone number
    expect(page.locator("[data-fallback-switch]")).to_be_checked()
    tab_to(page, "#f-contact")
    page.keyboard.type("Jane Doe")
    tab_to(page, "#f-phone")
    page.keyboard.type("+7 495 000-00-00")
    tab_to(page, ".guide-form button[name=check]")
    page.keyboard.press("Enter")
    expect(page.locator("#cl-result-title")).to_be_focused()
    expect(page.locator("#cl-note")).to_have_value(re.compile("Jane Doe"))


def test_filter_a_decision_table(page, server):
    page.goto(f"{server}/ru/transfer-to-retention")
    tab_to(page, ".dt-filter input[type=search]")
    page.keyboard.type("компенсацыю", delay=20)  # with a typo
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()
    expect(page.locator("#dt-retention-transfer-cancel")).to_be_hidden()
    expect(page.locator(".dt-filter [data-table-status]").first).not_to_be_empty()
    tab_to(page, ".dt-filter button")
    page.keyboard.press("Enter")  # the button filters in place too
    expect(page.locator("#dt-retention-transfer-cancel")).to_be_hidden()
    assert page.url.endswith("/ru/transfer-to-retention")


def test_vote_on_feedback(page, server):
    page.goto(f"{server}/en/post-turn-up-customer-care")
    tab_to(page, "#feedback-article summary")
    page.keyboard.press("Enter")  # "No" opens the reasons
    expect(page.locator("#feedback-article fieldset")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#feedback-article input[type=radio]").first).to_be_focused()
    page.keyboard.press("ArrowDown")  # radio buttons: arrows choose
    expect(page.locator("#feedback-article input[type=radio]").nth(1)).to_be_checked()
    tab_to(page, "#feedback-article textarea")
    page.keyboard.type("The second step is unclear")
    tab_to(page, "#feedback-article button[value=no]")
    page.keyboard.press("Enter")
    status = page.locator("#feedback-article [role=status]")
    expect(status).to_have_text("Thank you for your feedback.")
    expect(status).to_be_focused()

    page.goto(f"{server}/ru/post-turn-up-customer-care")
    tab_to(page, "#feedback-article button[value=yes]")
    page.keyboard.press("Space")
    expect(page.locator("#feedback-article [role=status]")).not_to_be_empty()


def test_switch_language(page, server):
    page.goto(f"{server}/en/retention-did-porting")
    tab_to(page, ".lang-switch a[hreflang=ru]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/retention-did-porting$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    tab_to(page, ".lang-switch a[hreflang=en]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/retention-did-porting$"))


@pytest.mark.parametrize(
    "path",
    [
        "/en/key-client-switching",
        "/ru/retention-did-porting/guide/retention-process",
        "/en/retention-did-porting/guide/pnv-balance",
    ],
)
def test_tab_goes_through_the_page_and_back_without_a_trap(page, server, path):
    """Tab from the top reaches the last control and leaves the page; Shift+Tab comes back."""
    page.goto(server + path)
    last = page.evaluate("""() => [...document.querySelectorAll(
            'a[href], button, input, select, textarea, summary, [tabindex="0"]')]
        .filter(e => !e.disabled && e.getClientRects().length).length""")
    forward = []
    for _ in range(last + 20):
        page.keyboard.press("Tab")
        if page.evaluate(a11y.FOCUS_STYLE) is None:
            break
        forward.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    else:
        raise AssertionError(f"Tab never left {path}: a keyboard trap? last: {forward[-5:]}")
    assert len(forward) >= 10
    assert forward[0].startswith('<a class="skip-link"')
    backward = []
    for _ in range(len(forward) + 20):
        page.keyboard.press("Shift+Tab")
        backward.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        if backward[-1].startswith('<a class="skip-link"'):
            break
    assert backward == forward[::-1]

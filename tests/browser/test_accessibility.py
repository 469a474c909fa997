"""axe-core on every main page in both languages and every theme, the 360 px side panel, focus
rings and reduced motion. axe runs from a local file (see tests/browser/a11y.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kb.render import slugify
from kb.store.editors import create_editor
from tests.browser import a11y
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_guidance import paths_to_outcomes, spec_of, walk_along
from tests.web.test_insights import fill

NAME, PASSWORD = "a11y-editor", "a long enough password"
ARTICLES = [
    "call-next-process",
    "key-client-switching",
    "post-turn-up-customer-care",
    "retention-did-porting",
    "transfer-to-retention",
]
CATEGORY = {"en": "Retention", "ru": "Удержание клиентов"}
FILTERED_SEARCH = {"en": "transfer", "ru": "перевод"}
TABLE_QUERY = {"en": "refund", "ru": "возврат денег"}
# An article in one language only: the other language shows the "no translation" page.
ONE_LANGUAGE = {
    "en/only-in-english.md": "# Only in English\n\nThis article has no Russian version.\n",
    "ru/tolko-po-russki.md": "# Только по-русски\n\nУ этой статьи нет английской версии.\n",
}
NO_TRANSLATION = {"en": "tolko-po-russki", "ru": "only-in-english"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own, with an editor, some records, and one-language articles."""
    with a11y.serve(tmp_path_factory, "a11y", ONE_LANGUAGE) as (url, app):
        store = app.extensions["kb_store"]
        create_editor(store, NAME, PASSWORD)
        fill(store)
        yield url


@pytest.fixture
def page(browser):
    """A 1280 px page that axe can be injected into (the CSP is bypassed for that alone)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def sign_in(page, server, lang):
    page.goto(f"{server}/{lang}/editors/login")
    page.fill("#login-name", NAME)
    page.fill("#login-password", PASSWORD)
    page.locator(".login-form button").click()
    expect(page).to_have_url(re.compile(f"/{lang}/editors/$"))


# ---- The pages, each brought to the state to check ------------------------------------------


def home(page, server, lang):
    page.goto(f"{server}/{lang}/")


def suggestions(page, server, lang):
    page.goto(f"{server}/{lang}/")
    box = page.locator("#search-q")
    box.press_sequentially(FILTERED_SEARCH[lang][:5], delay=30)
    expect(page.locator("#search-suggestions [role=option]").first).to_be_visible()
    box.press("ArrowDown")
    expect(page.locator("#search-suggestions [aria-selected=true]")).to_have_count(1)


def all_articles(page, server, lang):
    page.goto(f"{server}/{lang}/articles")


def category(page, server, lang):
    page.goto(f"{server}/{lang}/category/{slugify(CATEGORY[lang])}")
    expect(page.locator("h1")).to_have_text(CATEGORY[lang])


def article(slug):
    def show(page, server, lang):
        page.goto(f"{server}/{lang}/{slug}")
        page.locator("#feedback-article summary").click()  # the reasons, hidden until "No"
        expect(page.locator("#feedback-article fieldset")).to_be_visible()

    return show


def search_corrected(page, server, lang):
    page.goto(f"{server}/{lang}/search?q=hjevbyu")
    expect(page.locator(".correction")).to_be_visible()


ANSWERED = {
    "en": "caller wants to reinstate the contract",
    "ru": "клиент хочет восстановить договор",
}


def search_answered(page, server, lang):
    """A search whose best passage clearly wins: the answer card first, passages grouped."""
    page.goto(f"{server}/{lang}/search?q={ANSWERED[lang]}")
    expect(page.locator(".answer-card .copy-button")).to_be_visible()


def search_filtered(page, server, lang):
    page.goto(f"{server}/{lang}/search?q={FILTERED_SEARCH[lang]}")
    expect(page.locator(".filters select[name=category]")).to_be_hidden()  # folded at first
    page.locator(".filters-fold summary").click()
    page.locator(".filters select[name=category]").select_option(index=1)
    page.locator(".filters button").click()
    expect(page).to_have_url(re.compile(r"category=."))
    expect(page.locator(".result").first).to_be_visible()


def search_result_opened(page, server, lang):
    """An article opened from the results: the words searched for are highlighted."""
    page.goto(f"{server}/{lang}/search?q={FILTERED_SEARCH[lang]}")
    page.locator(".result-link").first.click()
    expect(page.locator(".article-body mark").first).to_be_visible()


def walkthrough_step(page, server, lang):
    """The first step of the retention walkthrough that asks for details."""
    spec = spec_of(lang, "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["retained"]
    page.goto(f"{server}/{lang}/retention-did-porting/guide/retention-process")
    walk_along(page, spec, path, 2)
    expect(page.locator("#wt-run .guide-fields").first).to_be_visible()


def walkthrough_outcome(page, server, lang):
    spec = spec_of(lang, "retention-did-porting", "retention-process")
    page.goto(f"{server}/{lang}/retention-did-porting/guide/retention-process?view=training")
    walk_along(page, spec, paths_to_outcomes(spec)["retained"])
    expect(page.locator("#wt-summary")).to_be_visible()


def checklist_errors(page, server, lang):
    page.goto(f"{server}/{lang}/key-client-switching/guide/case-form")
    page.locator(".guide-form button[name=check]").click()
    expect(page.locator(".guide-errors")).to_be_visible()


def calculator_result(page, server, lang):
    page.goto(f"{server}/{lang}/retention-did-porting/guide/pnv-balance")
    fill_fields_of(page, {"subscriptions": "100.10", "total_buy_cost": "40.05"})
    page.fill("#f-total_sale_cost", "0")
    page.select_option("#f-customer_type", "vpl_customer")
    page.locator(".calc-form button[type=submit]").click()
    expect(page.locator(".calc-values dd")).to_have_text(re.compile(r"^60[.,]05"))


def fill_fields_of(page, values):
    for name, value in values.items():
        page.fill(f"#f-{name}", value)


def routing(page, server, lang):
    page.goto(f"{server}/{lang}/key-client-switching/guide/telesales-hours")
    expect(page.locator("#rt-result-title")).to_be_visible()


def decision_table(page, server, lang):
    page.goto(f"{server}/{lang}/transfer-to-retention/guide/retention-transfer")
    page.locator("#dt-q").press_sequentially(TABLE_QUERY[lang], delay=20)
    expect(page.locator("#dt-retention-transfer-cancel")).to_be_hidden()
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()


def login(page, server, lang):
    page.goto(f"{server}/{lang}/editors/login")
    expect(page.locator("#login-name")).to_be_focused()


def login_error(page, server, lang):
    page.goto(f"{server}/{lang}/editors/login")
    page.fill("#login-name", "nobody-" + lang)
    page.fill("#login-password", "not the password at all")
    page.locator(".login-form button").click()
    expect(page.locator(".form-error")).to_be_visible()


def insights(path):
    def show(page, server, lang):
        sign_in(page, server, lang)
        page.goto(f"{server}/{lang}/editors/{path}")
        expect(page.locator("h1")).to_be_visible()

    return show


def not_found(page, server, lang):
    page.goto(f"{server}/{lang}/no-such-page")


def no_translation(page, server, lang):
    page.goto(f"{server}/{lang}/{NO_TRANSLATION[lang]}")
    expect(page.locator(".article-list a")).to_have_count(1)


PAGES = {
    "home": home,
    "suggestions": suggestions,
    "all-articles": all_articles,
    "category": category,
    **{f"article-{slug}": article(slug) for slug in ARTICLES},
    "search-corrected": search_corrected,
    "search-answered": search_answered,
    "search-filtered": search_filtered,
    "search-result-opened": search_result_opened,
    "walkthrough-step": walkthrough_step,
    "walkthrough-outcome": walkthrough_outcome,
    "checklist-errors": checklist_errors,
    "calculator-result": calculator_result,
    "routing": routing,
    "decision-table": decision_table,
    "login": login,
    "login-error": login_error,
    "insights-overview": insights(""),
    "insights-searches": insights("searches"),
    "insights-articles": insights("articles"),
    "insights-walkthroughs": insights("walkthroughs"),
    "review": insights("review"),
    "editor": insights("edit/en/call-next-process"),
    "editor-history": insights("history/ru/key-client-switching"),
    "editor-side-by-side": insights("translate/call-next-process"),
    "editor-new": insights("new"),
    "editor-drafts": insights("drafts"),
    "editor-images": insights("media/"),
    "editor-audit": insights("audit"),
    "not-found": not_found,
    "no-translation": no_translation,
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_serious_in_any_theme(page, server, name, lang):
    PAGES[name](page, server, lang)
    problems = a11y.check_page(page, f"{name} ({lang}) {page.url}")
    assert problems == [], "\n\n".join(problems)


@pytest.mark.parametrize(
    "path",
    [
        "/en/search?q=hjevbyu",  # the layout correction is a Russian word
        f"/en/{NO_TRANSLATION['en']}",
        "/en/editors/articles?language=both",
        "/en/editors/searches?language=both",
        "/en/editors/review",
    ],
)
def test_russian_text_on_english_pages_is_marked_as_russian(page, server, path):
    """So that a screen reader switches voice (the pages' own words; articles are their
    authors')."""
    if "/editors/" in path:
        sign_in(page, server, "en")
    page.goto(server + path)
    assert page.evaluate(a11y.UNMARKED_RUSSIAN) == []


def test_axe_is_the_pinned_version_and_catches_a_violation(page, server):
    """The checks can fail: axe is really running, and it is the version the Makefile installs."""
    makefile = (a11y.PROJECT / "Makefile").read_text()
    assert re.search(rf"^AXE_VERSION\s*:?=\s*{re.escape(a11y.AXE_VERSION)}\s*$", makefile, re.M)
    page.goto(f"{server}/en/")
    a11y.inject(page)
    assert page.evaluate("axe.version") == a11y.AXE_VERSION, "rm -rf .cache/axe; make test"
    page.evaluate("""() => {
        const box = document.querySelector('#search-q');
        box.labels[0].remove();
        box.removeAttribute('placeholder');
    }""")
    found = a11y.failing(a11y.run(page))
    assert "label" in {v["id"] for v in found}


# ---- Focus, motion -------------------------------------------------------------------------


@pytest.mark.parametrize("theme", list(a11y.THEMES))
def test_every_focusable_thing_shows_a_visible_focus_ring(page, server, theme):
    """Tab through pages with every kind of control; each stop has an outline of 3:1 or more."""
    page.emulate_media(**a11y.THEMES[theme])
    sign_in(page, server, "ru")
    seen = set()
    for path in (
        "/en/transfer-to-retention",
        "/en/search?q=transfer",
        "/ru/key-client-switching/guide/case-form",
        "/en/retention-did-porting/guide/pnv-balance",
        "/ru/retention-did-porting/guide/retention-process",
        "/ru/editors/searches",
    ):
        page.goto(server + path)
        for _ in range(150):
            page.keyboard.press("Tab")
            focus = page.evaluate(a11y.FOCUS_STYLE)
            if focus is None:
                break  # past the last control: focus left the page
            key = (path, focus["tag"], focus["id"], focus["cls"], focus["text"])
            if key in seen:
                continue
            seen.add(key)
            problem = a11y.focus_problem(focus)
            assert problem is None, f"{path} [{theme}]: {problem}"
    assert len(seen) > 40  # links, buttons, summaries, inputs, selects, checkboxes


def test_reduced_motion_turns_transitions_off(page, server):
    page.goto(f"{server}/en/call-next-process/guide/call-back")
    run = page.locator("#wt-run")
    run.evaluate("el => el.setAttribute('aria-busy', 'true')")
    assert float(run.evaluate("el => parseFloat(getComputedStyle(el).transitionDuration)")) > 0
    page.emulate_media(reduced_motion="reduce")
    assert run.evaluate("el => parseFloat(getComputedStyle(el).transitionDuration)") < 0.01


# ---- The 360 px side panel, and screenshots for a person to look at ------------------------

LAYOUT_PAGES = {
    "home": "/{lang}/",
    "article": "/{lang}/transfer-to-retention",
    "search": "/{lang}/search?q=hjevbyu",
    "walkthrough": "/{lang}/call-next-process/guide/call-back",
    "checklist": "/{lang}/key-client-switching/guide/case-form",
    "calculator": "/{lang}/retention-did-porting/guide/pnv-balance",
    "routing": "/{lang}/key-client-switching/guide/telesales-hours",
    "table": "/{lang}/transfer-to-retention/guide/retention-transfer",
}


@pytest.fixture
def context_of(browser):
    """New browser contexts of a given size, closed after the test whatever happens."""
    contexts = []

    def make(width: int, height: int):
        contexts.append(
            browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        )
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


def layout_shot(page, name: str) -> Path:
    """The top of the page (what fits in the window): full pages are too long to look at."""
    folder = SCREENSHOTS / "a11y"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_the_side_panel_at_360px(context_of, server, lang, theme):
    """No sideways scroll, a usable search box, nothing axe objects to (contrast in the dark and
    high-contrast themes), and the decision table stacked into cards."""
    page = context_of(360, 740).new_page()
    page.emulate_media(**a11y.THEMES[theme])
    problems = []
    for name, path in LAYOUT_PAGES.items():
        page.goto(server + path.format(lang=lang))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        box = page.locator("#search-q").bounding_box()
        assert box["width"] >= 200 and box["height"] >= 32, box
        layout_shot(page, f"{name}-360-{theme}-{lang}")
        found = a11y.run(page, None if theme == "light" else a11y.CONTRAST_RULES[theme])
        if a11y.failing(found) or (theme != "light" and found):
            problems.append(a11y.report(found, f"{path} at 360px [{theme}]"))
    assert problems == [], "\n\n".join(problems)
    # The decision table stacks: each row a card as wide as the table, cells one under another.
    table = page.locator(".dt-table")
    row = page.locator(".dt-row").first
    cells = row.locator("td")
    assert page.locator(".dt-table thead").bounding_box() is None or (
        page.locator(".dt-table thead").bounding_box()["height"] <= 1
    )
    assert row.bounding_box()["width"] >= table.bounding_box()["width"] - 2
    tops = [cells.nth(i).bounding_box()["y"] for i in range(cells.count())]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), tops
    row.screenshot(path=str(SCREENSHOTS / "a11y" / f"table-card-360-{theme}-{lang}.png"))


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_screenshots_at_1280px(context_of, server, lang, theme):
    """The same pages on a desktop screen, for a person to compare."""
    page = context_of(1280, 900).new_page()
    page.emulate_media(**a11y.THEMES[theme])
    for name, path in LAYOUT_PAGES.items():
        page.goto(server + path.format(lang=lang))
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        layout_shot(page, f"{name}-1280-{theme}-{lang}")

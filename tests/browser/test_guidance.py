"""Interactive guidance in a real browser: walkthroughs without page loads, Back and Restart, the
summary's Copy button, the decision-table filter as you type, the calculator, and no JavaScript."""

import re
import shutil
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from kb.content import load_library
from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.guiding import SAMPLE, paths_to_outcomes, walk_sample

LIBRARY = load_library(SHIPPED_ARTICLES)
RUNS = [
    (article.lang, article.slug, spec.id, outcome)
    for article in sorted(LIBRARY.articles.values(), key=lambda a: (a.lang, a.slug))
    for spec in article_specs(article).specs
    if isinstance(spec, Walkthrough)
    for outcome in paths_to_outcomes(spec)
]
FIELD_VALUES = "#wt-run [name^='f.']:not([type=hidden])"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of this module's own: walking through records usage that other modules'
    reports must not see."""
    articles = tmp_path_factory.mktemp("guidance") / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    app = make_app(articles, tmp_path_factory.mktemp("guidance-instance"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    app.extensions["kb_content"].stop()


def spec_of(lang, slug, block):
    return article_specs(LIBRARY.get(lang, slug)).get(block)


def fill_fields(page) -> None:
    """Type a valid value into each empty field of the step, as an agent would."""
    for field in page.locator(FIELD_VALUES).all():
        if field.input_value():
            continue
        tag = field.evaluate("e => e.tagName")
        kind = field.get_attribute("type") or ""
        if tag == "SELECT":
            field.select_option(index=1)
        elif tag == "TEXTAREA":
            field.fill(SAMPLE["multiline"])
        elif field.get_attribute("inputmode") == "decimal":
            field.fill(SAMPLE["number"])
        else:
            field.fill(SAMPLE[{"tel": "phone", "email": "email", "date": "date"}.get(kind, "text")])


def choose(page, path: str) -> None:
    """Click the answer that leads to `path`: a link, or a button of the step's form."""
    fill_fields(page)
    link = f'#wt-run .wt-choices [href*="path={path}&"]'
    button = f'#wt-run .wt-choices [formaction*="path={path}&"]'
    page.locator(f"{link}, {button}").click()


def heading(page):
    return page.locator("#wt-step-title")


def walk_along(page, spec, path: list[str], steps: int | None = None) -> None:
    """Choose the first `steps` answers of `path` (all by default), each step seen in turn."""
    for i in range(len(path) if steps is None else steps):
        target = ".".join(path[: i + 1])
        choose(page, target)
        position = walk_sample(spec, target)
        expect(heading(page)).to_have_text((position.step or position.outcome).title)


def start_from_the_article(page, live_server, lang, slug, block):
    page.goto(f"{live_server}/{lang}/{slug}")
    page.locator(f'.guidance-launch a[href="/{lang}/{slug}/guide/{block}"]').click()
    expect(heading(page)).to_have_text(
        spec_of(lang, slug, block).steps[spec_of(lang, slug, block).start].title
    )


@pytest.mark.parametrize("lang, slug, block, outcome", RUNS)
def test_every_walkthrough_is_clicked_to_each_outcome_without_page_loads(
    page, live_server, lang, slug, block, outcome
):
    spec = spec_of(lang, slug, block)
    path = paths_to_outcomes(spec)[outcome]
    start_from_the_article(page, live_server, lang, slug, block)
    page.evaluate("window.kbMarker = 'still here'")
    for i in range(len(path)):
        target = ".".join(path[: i + 1])
        choose(page, target)
        position = walk_sample(spec, target)
        expect(heading(page)).to_have_text((position.step or position.outcome).title)
        expect(page).to_have_url(re.compile(re.escape(f"path={target}") + "(&|$)"))
    assert page.evaluate("window.kbMarker") == "still here"  # no page was loaded
    expect(page.locator("#wt-summary")).to_have_value(re.compile("^" + re.escape(spec.title)))
    expect(page.locator("#wt-run .feedback")).to_be_visible()
    expect(page).to_have_title(re.compile("^" + re.escape(spec.outcomes[outcome].title)))


def test_back_forward_and_restart(page, live_server, screenshot):
    start_from_the_article(page, live_server, "en", "call-next-process", "call-back")
    first_url = page.url
    page.evaluate("window.kbMarker = 'still here'")
    first = heading(page).inner_text()
    spec = spec_of("en", "call-next-process", "call-back")
    path = paths_to_outcomes(spec)["callback-scheduled"]
    choose(page, path[0])
    second = walk_sample(spec, path[:1]).step.title
    expect(heading(page)).to_have_text(second)
    expect(heading(page)).to_be_focused()
    screenshot(page, "guide-step-en")
    choose(page, ".".join(path[:2]))
    page.locator("#wt-run .wt-nav").get_by_text("Back", exact=True).click()
    expect(heading(page)).to_have_text(second)
    page.go_back()
    expect(heading(page)).to_have_text(walk_sample(spec, path[:2]).step.title)
    page.go_back()
    expect(heading(page)).to_have_text(second)
    page.go_back()
    expect(heading(page)).to_have_text(first)
    page.go_forward()
    expect(heading(page)).to_have_text(second)
    assert page.evaluate("window.kbMarker") == "still here"
    page.locator("#wt-run .wt-nav").get_by_text("Restart", exact=True).click()
    expect(heading(page)).to_have_text(first)
    assert "path=" not in page.url and page.url != first_url  # a new run
    page.locator("#wt-run .wt-trail").wait_for(state="detached")


def test_the_training_view_shows_why(page, live_server):
    start_from_the_article(page, live_server, "en", "retention-did-porting", "retention-process")
    choose(page, "next")
    expect(page.locator("#wt-run .wt-why")).to_have_count(0)
    page.locator("#wt-run .wt-view-switch").click()
    expect(page.locator("#wt-run .wt-why")).to_be_visible()
    expect(page).to_have_url(re.compile("view=training"))


def test_the_summary_copy_button(browser, live_server, screenshot):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    spec = spec_of("ru", "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["ported-away"]
    start_from_the_article(page, live_server, "ru", "retention-did-porting", "retention-process")
    walk_along(page, spec, path)
    summary = page.locator("#wt-summary").input_value()
    assert "Details of the conversation" not in summary  # the Russian labels
    assert SAMPLE["multiline"].splitlines()[0] in summary  # what was typed on the way
    button = page.locator(".guide-copy:has(#wt-summary) .copy-button")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_class(re.compile("copied"))
    assert page.evaluate("navigator.clipboard.readText()") == summary.strip()
    page.locator("#wt-summary").scroll_into_view_if_needed()
    screenshot(page, "guide-summary-ru")
    context.close()


def test_required_details_hold_a_step_until_given(page, live_server):
    spec = spec_of("en", "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["retained"]
    start_from_the_article(page, live_server, "en", "retention-did-porting", "retention-process")
    step = next(i for i in range(len(path)) if walk_sample(spec, path[:i]).step.checklist)
    walk_along(page, spec, path, step)
    next_step = ".".join(path[: step + 1])
    page.locator(f'#wt-run .wt-choices [formaction*="path={next_step}&"]').click()
    expect(page.locator("#wt-run .guide-errors")).to_be_visible()
    expect(heading(page)).to_have_text(walk_sample(spec, path[:step]).step.title)
    expect(page).not_to_have_url(re.compile(re.escape(f"path={next_step}") + "(&|$)"))
    invalid = page.locator("#wt-run [aria-invalid=true]").first
    expect(invalid).to_be_visible()
    assert invalid.get_attribute("aria-describedby").endswith("-error")
    choose(page, next_step)  # the details filled in, it goes on
    expect(heading(page)).to_have_text(walk_sample(spec, path[: step + 1]).step.title)


def test_the_fallback_switch_changes_what_is_required(page, live_server, screenshot):
    page.goto(f"{live_server}/en/key-client-switching/guide/case-form")
    contact, company = page.locator("#f-contact"), page.locator("#f-company")
    mark = page.locator("[data-field=company] .field-mark")
    expect(mark).to_have_text("Required")
    page.locator("[data-fallback-switch]").check()
    expect(mark).to_have_text("Desirable")
    expect(company).not_to_have_attribute("aria-required", "true")
    expect(page.locator("[data-field=phone] .field-mark")).to_have_text("Required")
    contact.fill("Jane Doe")
    page.fill("#f-phone", "+7 495 000-00-00")
    page.get_by_role("button", name="Make the note").click()
    note = page.locator("#cl-note")
    expect(note).to_have_value(re.compile("Jane Doe"))
    expect(note).to_have_value(re.compile("only a name and contact phone number"))
    screenshot(page, "checklist-fallback-en")


def test_the_decision_table_filters_as_you_type(page, live_server, screenshot):
    page.goto(f"{live_server}/ru/transfer-to-retention")
    page.evaluate("window.kbMarker = 'still here'")
    box = page.locator(".dt-filter input[type=search]")
    rows = page.locator("#dt-retention-transfer tr.dt-row")
    total = rows.count()
    box.press_sequentially("договоры расторгнуть", delay=20)
    expect(page.locator("#dt-retention-transfer-cancel")).to_be_visible()
    expect(rows.locator("visible=true")).to_have_count(1)
    expect(page.locator(".dt-filter [data-table-status]")).not_to_be_empty()
    box.fill("")
    box.press_sequentially("компенсацыю", delay=20)  # a typo
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()
    expect(page.locator("#dt-retention-transfer-cancel")).to_be_hidden()
    box.press("Enter")  # stays on the page
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()
    assert page.evaluate("window.kbMarker") == "still here"
    box.fill("")
    box.press("Enter")
    expect(rows.locator("visible=true")).to_have_count(total)

    page.goto(f"{live_server}/ru/transfer-to-retention/guide/retention-transfer")
    page.locator("#dt-q").press_sequentially("возврата денег", delay=20)
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?q="))
    screenshot(page, "decision-table-ru")


def test_the_calculator(page, live_server, screenshot):
    page.goto(f"{live_server}/en/retention-did-porting")
    page.get_by_role("link", name=re.compile("Open calculator")).click()
    page.fill("#f-subscriptions", "100.10")
    page.fill("#f-total_buy_cost", "40.05")
    page.fill("#f-total_sale_cost", "0")
    page.select_option("#f-customer_type", "vpl_customer")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".calc-values dd")).to_have_text("60.05")
    expect(page.locator(".calc-rule .outcome-title")).to_contain_text(
        "Notify the Sales team (Liam)"
    )
    expect(page.locator(".calc-rule .copy-button, .guide-copy .copy-button").first).to_be_visible()
    screenshot(page, "calculator-en")
    page.fill("#f-subscriptions", "sixty")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator("#f-subscriptions-error")).to_be_visible()
    expect(page.locator("#f-subscriptions")).to_have_attribute("aria-invalid", "true")


def test_routing_for_a_chosen_time(page, live_server):
    page.goto(f"{live_server}/en/key-client-switching/guide/telesales-hours")
    expect(page.locator("#rt-result-title")).to_be_visible()
    page.fill("#rt-date", "2026-01-17")
    page.fill("#rt-time", "12:00")
    page.get_by_role("button", name="Show the routing then").click()
    expect(page.locator(".rt-reason")).to_have_text("Day off")
    expect(page.locator(".rt-opens")).to_contain_text("January 19, 2026")


def test_a_walkthrough_with_javascript_off(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    spec = spec_of("en", "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["ported-away"]
    start_from_the_article(page, live_server, "en", "retention-did-porting", "retention-process")
    for i in range(len(path)):
        target = ".".join(path[: i + 1])
        with page.expect_navigation():
            choose(page, target)
        position = walk_sample(spec, target)
        expect(heading(page)).to_have_text((position.step or position.outcome).title)
    expect(page.locator("#wt-summary")).to_have_value(re.compile("Outcome: "))
    expect(page.locator(".copy-button").first).to_be_hidden()  # nothing to copy with: no script
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_walkthrough_in_a_narrow_side_panel(browser, live_server, screenshot, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    spec = spec_of("ru", "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["retained"]
    start_from_the_article(page, live_server, "ru", "retention-did-porting", "retention-process")
    step = next(
        i
        for i in range(len(path))
        if walk_sample(spec, path[:i]).step.fields or walk_sample(spec, path[:i]).step.checklist
    )
    walk_along(page, spec, path, step)
    for url in (
        page.url,
        f"{live_server}/ru/retention-did-porting/guide/pnv-balance",
        f"{live_server}/ru/transfer-to-retention/guide/retention-transfer",
    ):
        if url != page.url:
            page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px"
    page.goto(f"{live_server}/ru/retention-did-porting/guide/retention-process")
    walk_along(page, spec, path, step)
    screenshot(page, f"guide-step-360-{scheme}")
    context.close()

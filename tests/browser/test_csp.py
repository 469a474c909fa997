"""The Content-Security-Policy in force in a real browser: every main page, and everything its
scripts do (suggestions, walkthroughs, the table filter, feedback, the editors' SVG charts), runs
without a single violation."""

from __future__ import annotations

import re
import shutil
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from kb.store.editors import create_editor
from kb.web.security import CONTENT_SECURITY_POLICY
from tests.browser.test_guidance import choose, heading, spec_of, walk_along
from tests.conftest import SHIPPED_ARTICLES, make_app
from tests.web.guiding import paths_to_outcomes
from tests.web.test_insights import fill

NAME, PASSWORD = "csp-editor", "a long enough password"
# Reports each violation to the test as it happens, so none is lost when the page navigates.
# Init scripts come from the browser itself, so the policy does not stop this one.
WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.kbCspViolation({
    directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
    source: e.sourceFile, line: e.lineNumber, page: document.location.pathname,
  });
}, true);
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own, with an editor and records for the charts."""
    articles = tmp_path_factory.mktemp("csp") / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    app = make_app(articles, tmp_path_factory.mktemp("csp-instance"))
    create_editor(app.extensions["kb_store"], NAME, PASSWORD)
    fill(app.extensions["kb_store"])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    app.extensions["kb_content"].stop()
    app.extensions["kb_store"].dispose()


@pytest.fixture
def watched(page):
    """The page, and every CSP violation and CSP console message it has, as they come."""
    found: list = []
    page.expose_binding("kbCspViolation", lambda source, v: found.append(v))
    page.add_init_script(WATCH)
    page.on(
        "console",
        lambda m: (
            found.append(f"console: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    return page, found


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
    page.wait_for_load_state("load")


def test_the_watch_sees_a_violation(watched, server):
    """Without this, an empty list below could mean only that nothing was watching."""
    page, found = watched
    visit(page, f"{server}/en/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"https://e.x/a.png\">')"
    )
    expect(page.locator("p[style]")).to_have_count(1)
    page.wait_for_timeout(200)
    directives = {v["directive"] for v in found if isinstance(v, dict)}
    assert {"style-src-attr", "img-src"} <= directives, found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_reading_pages_have_no_violation(watched, server, lang):
    page, found = watched
    for path in (
        "/",
        f"/{lang}/",
        f"/{lang}/articles",
        f"/{lang}/category/retention" if lang == "en" else f"/{lang}/articles?page=1",
        f"/{lang}/transfer-to-retention",
        f"/{lang}/key-client-switching",
        f"/{lang}/search?q=transfer",
        f"/{lang}/search?q=zzzzqqq",
        f"/{lang}/no/such/page",
        f"/{lang}/editors/login",
    ):
        visit(page, server + path)
    page.locator(".lang-switch a").click()  # the language switch
    page.wait_for_load_state("load")
    assert found == []


def test_search_suggestions_have_no_violation(watched, server):
    page, found = watched
    visit(page, f"{server}/en/")
    box = page.locator("#search-q")
    box.press_sequentially("transfer to retent", delay=30)
    expect(page.locator("#search-suggestions [role=option]").first).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile("/en/transfer-to-retention"))
    page.wait_for_load_state("load")
    page.keyboard.press("/")  # site.js: the shortcut to the search box
    expect(box).to_be_focused()
    assert found == []


def test_a_walkthrough_with_javascript_has_no_violation(watched, server):
    page, found = watched
    spec = spec_of("en", "retention-did-porting", "retention-process")
    path = paths_to_outcomes(spec)["ported-away"]
    visit(page, f"{server}/en/retention-did-porting/guide/retention-process")
    page.evaluate("window.kbMarker = 'still here'")
    walk_along(page, spec, path)  # typed details, checklists, steps fetched and swapped in
    assert page.evaluate("window.kbMarker") == "still here"
    expect(page.locator("#wt-summary")).to_have_value(re.compile("Outcome: "))
    expect(page.locator(".guide-copy .copy-button").first).to_be_visible()
    page.go_back()
    expect(heading(page)).to_be_visible()
    page.locator("#wt-run .wt-view-switch").click()
    expect(page).to_have_url(re.compile("view=training"))
    assert found == []


def test_the_guide_tools_have_no_violation(watched, server):
    page, found = watched
    visit(page, f"{server}/ru/transfer-to-retention/guide/retention-transfer")
    page.locator("#dt-q").press_sequentially("возврата денег", delay=20)
    expect(page.locator("#dt-retention-transfer-service-job-refund")).to_be_visible()
    visit(page, f"{server}/en/retention-did-porting/guide/pnv-balance")
    page.fill("#f-subscriptions", "100.10")
    page.fill("#f-total_buy_cost", "40.05")
    page.fill("#f-total_sale_cost", "0")
    page.select_option("#f-customer_type", "vpl_customer")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".calc-values dd")).to_have_text("60.05")
    visit(page, f"{server}/en/key-client-switching/guide/case-form")
    page.locator("[data-fallback-switch]").check()
    expect(page.locator("[data-field=company] .field-mark")).to_have_text("Desirable")
    visit(page, f"{server}/en/key-client-switching/guide/telesales-hours")
    page.fill("#rt-date", "2026-01-17")
    page.fill("#rt-time", "12:00")
    page.get_by_role("button", name="Show the routing then").click()
    expect(page.locator(".rt-reason")).to_have_text("Day off")
    assert found == []


def test_feedback_has_no_violation(watched, server):
    page, found = watched
    visit(page, f"{server}/en/call-next-process")
    feedback = page.locator("#feedback-article")
    feedback.locator("summary").click()
    feedback.locator("input[value=unclear]").check()
    feedback.locator("button[value=no]").click()
    expect(feedback.locator("[role=status]")).to_have_text("Thank you for your feedback.")
    assert found == []


def test_the_editors_charts_have_no_violation(watched, server):
    page, found = watched
    visit(page, f"{server}/en/editors/")
    page.fill("#login-name", NAME)
    page.fill("#login-password", PASSWORD)
    page.locator(".login-form button").click()
    expect(page).to_have_url(re.compile("/en/editors/$"))
    for path in ("/en/editors/", "/en/editors/searches", "/ru/editors/articles"):
        visit(page, server + path)
        expect(page.locator("svg.chart").first).to_be_visible()
        assert page.locator("svg.chart rect").count() > 0
    visit(page, f"{server}/en/editors/walkthroughs")
    visit(page, f"{server}/en/editors/review")
    visit(page, f"{server}/en/transfer-to-retention")  # an editor's badges on an article
    page.locator(".sign-out button").click()
    page.wait_for_load_state("load")
    assert found == []


def test_the_editor_has_no_violation(watched, server, tmp_path):
    """The live preview puts the renderer's HTML (interactive blocks too) into the page, an
    image is uploaded and shown, the side-by-side check redraws its lists."""
    import io

    from PIL import Image

    page, found = watched
    visit(page, f"{server}/en/editors/login")
    page.fill("#login-name", NAME)
    page.fill("#login-password", PASSWORD)
    page.locator(".login-form button").click()
    visit(page, f"{server}/en/editors/edit/en/call-next-process")
    area = page.locator("#editor-text")
    area.fill(area.input_value() + "\n\n[nowhere](nowhere.md)\n")
    expect(page.locator("#problems")).to_contain_text("nowhere.md")
    image = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 90, 160)).save(image, "PNG")
    (tmp_path / "shot.png").write_bytes(image.getvalue())
    page.locator("#image-file").set_input_files(str(tmp_path / "shot.png"))
    page.locator(".image-upload button").click()
    expect(page.locator("#editor-preview img").last).to_be_visible()
    visit(page, f"{server}/ru/editors/translate/call-next-process")
    ru = page.locator("#text-ru")
    ru.fill(ru.input_value().replace("id: call-back", "id: other", 1))
    expect(page.locator("#structure li").first).to_be_visible()
    visit(page, f"{server}/en/editors/history/en/call-next-process")
    assert found == []


def test_the_expired_form_page_has_no_violation(watched, server):
    page, found = watched
    visit(page, f"{server}/en/call-next-process")
    page.context.clear_cookies()  # the session ends while the page is open
    feedback = page.locator("#feedback-article")
    page.evaluate("window.fetch = undefined")  # feedback.js leaves the form to the browser
    feedback.locator("button[value=yes]").click()
    expect(page.locator("h1")).to_have_text("Form expired")
    assert found == []


def test_a_walkthrough_choice_by_keyboard_has_no_violation(watched, server):
    page, found = watched
    spec = spec_of("en", "call-next-process", "call-back")
    visit(page, f"{server}/en/call-next-process/guide/call-back")
    first = paths_to_outcomes(spec)["callback-scheduled"][0]
    choose(page, first)
    expect(heading(page)).to_be_focused()
    assert found == []

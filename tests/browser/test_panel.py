"""The agent's side panel (360 x 720) and a desktop window (1280 x 900), both languages, with and
without JavaScript: every walkthrough step shows all its choices without scrolling, the routing
answer and the article's tools are on the first screen. Screenshots go to screens-panel/ for a
person to look at."""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kb.guidance import walk
from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from tests.browser.test_guidance import LIBRARY, choose, heading, spec_of
from tests.web.guiding import sample_results, walk_sample

SIZES = {"panel": (360, 720), "desktop": (1280, 900)}
SHOTS = Path(
    os.environ.get(
        "KB_PANEL_SCREENSHOTS", Path(__file__).resolve().parents[2] / "screenshots" / "panel"
    )
)
WALKTHROUGHS = sorted(
    (article.lang, article.slug, spec.id)
    for article in LIBRARY.articles.values()
    for spec in article_specs(article).specs
    if isinstance(spec, Walkthrough)
)


def step_paths(spec: Walkthrough) -> dict[str, list[str]]:
    """The shortest path of choice ids to each step, with the sample values' calculator results."""
    results = sample_results(spec)
    found: dict[str, list[str]] = {}
    seen = set()
    queue = deque([[]])
    while queue:
        path = queue.popleft()
        position = walk(spec, path, results)
        if position.step is None:
            continue
        state = (position.step.id, tuple(sorted(position.answers.items())))
        if state in seen:
            continue
        seen.add(state)
        found.setdefault(position.step.id, path)
        queue.extend([*path, c.id] for c in position.step.choices)
    return found


@pytest.fixture(
    params=[(size, js) for size in SIZES for js in (True, False)],
    ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}",
)
def view(request, browser):
    size, js = request.param
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=js
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, f"{size}-{'js' if js else 'nojs'}"
    context.close()
    assert errors == []


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def off_screen_choices(page) -> list[str]:
    """The labels of the step's choices that are not wholly inside the window."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#wt-run .wt-choices .wt-choice'))
            .filter(b => { const r = b.getBoundingClientRect();
                           return r.top < 0 || r.bottom > window.innerHeight || r.height === 0; })
            .map(b => b.textContent.trim())"""
    )


def go_to_step(page, base: str, lang: str, slug: str, block: str, path: list[str]) -> None:
    """Open the step as a link would, or, past a calculator (its figures travel in the form),
    walk there from the calculator's step as an agent would."""
    spec = spec_of(lang, slug, block)
    calculator_at = next(
        (i for i in range(len(path)) if walk(spec, path[:i]).step.calculator), None
    )
    plain = path if calculator_at is None else path[:calculator_at]
    page.goto(f"{base}/{lang}/{slug}/guide/{block}?path={'.'.join(plain)}")
    for i in range(len(plain), len(path)):
        choose(page, ".".join(path[: i + 1]))
        expect(heading(page)).to_have_text(walk_sample(spec, path[: i + 1]).step.title)
    if len(path) > len(plain):  # the step was reached by a click: read it from its top
        page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("lang, slug, block", WALKTHROUGHS)
def test_every_steps_choices_are_on_the_first_screen(view, live_server, lang, slug, block):
    page, name = view
    spec = spec_of(lang, slug, block)
    missed = {}
    longest = ("", -1)
    for step_id, path in step_paths(spec).items():
        go_to_step(page, live_server, lang, slug, block, path)
        expect(heading(page)).to_have_text(spec.steps[step_id].title)
        hidden = off_screen_choices(page)
        if hidden:
            missed[step_id] = hidden
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > longest[1]:
            longest = (step_id, height)
            shot(page, f"{name}-{lang}-{block}-longest-step")
    assert missed == {}, f"choices below the fold at {name}: {missed}"
    assert len(step_paths(spec)) == len(spec.steps)  # every step was looked at


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_routing_answer_and_the_tools_are_on_the_first_screen(view, live_server, lang):
    page, name = view
    page.goto(f"{live_server}/{lang}/key-client-switching")
    answer = page.locator("[data-glance-route]")
    expect(answer).to_be_visible()
    box = answer.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], box
    shot(page, f"{name}-{lang}-article-key-client")
    page.goto(f"{live_server}/{lang}/key-client-switching/guide/telesales-hours")
    result = page.locator(".rt-result h2")
    assert result.bounding_box()["y"] + 30 <= page.viewport_size["height"]
    shot(page, f"{name}-{lang}-telesales-now")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_transfer_row_from_search_shows_the_disclosure(view, live_server, lang):
    page, name = view
    page.goto(f"{live_server}/{lang}/transfer-to-retention#dt-retention-transfer-cancel")
    disclosure = page.locator("#dt-retention-transfer-cancel .dt-disclosure")
    expect(disclosure).to_contain_text("This call may be recorded for quality assurance")
    box = disclosure.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    shot(page, f"{name}-{lang}-transfer-cancel-row")


def test_switching_language_keeps_the_part_being_read(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 720})
    page = context.new_page()
    page.goto(f"{live_server}/en/transfer-to-retention#dt-retention-transfer-cancel")
    page.locator(".lang-switch a[hreflang=ru]").click()
    expect(page).to_have_url(f"{live_server}/ru/transfer-to-retention#dt-retention-transfer-cancel")
    context.close()


def test_the_map_marks_the_current_step(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 720})
    page = context.new_page()
    page.goto(f"{live_server}/ru/call-next-process/guide/call-back?path=login.answered")
    page.locator(".wt-map-box > summary").click()
    current = page.locator('.wt-map [aria-current="step"]')
    expect(current).to_have_count(1)
    assert "is-current" in current.get_attribute("class")
    page.locator(".wt-map-box").scroll_into_view_if_needed()
    shot(page, "panel-js-ru-map-during-a-run")
    context.close()
